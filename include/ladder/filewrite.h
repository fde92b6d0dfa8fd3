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
