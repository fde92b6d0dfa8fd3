#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/error.h"

/* Writes data to path whole or not at all: a temporary file in the same
 * folder (0600, as what is written may be private), written and fsynced,
 * then renamed over path. On failure nothing is left behind and the error
 * names the file. */
bool file_write_atomic(const char *path, const void *data, size_t len,
	struct ladder_error *err);

/* The temporary file of a write to path: PATH.tmp.XXXXXX made by mkstemp,
 * 0600, and flock(2)ed for as long as it is open, so that a sweep by
 * another process leaves it alone. *tmp is malloc'ed; -1 after setting err. */
int file_temp_create(const char *path, char **tmp, struct ladder_error *err);
/* Removes what writes to path left behind when they were killed: regular
 * files of ours named PATH.tmp.XXXXXX that no live process holds locked.
 * Returns how many were removed. */
size_t file_temp_sweep(const char *path);
