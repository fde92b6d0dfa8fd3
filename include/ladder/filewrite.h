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

/* The same in steps, for text written as it is made: begin (what earlier
 * writes to path left is swept, the temporary file made), write any number
 * of times, then commit (fsync, rename) or abort (the temporary file
 * removed). commit and abort free fa. */
struct file_atomic;
struct file_atomic *file_atomic_begin(const char *path, struct ladder_error *err);
/* The temporary file's name (for a signal handler to remove). */
const char *file_atomic_temp(const struct file_atomic *fa);
/* fa is a struct file_atomic (the shape of a writing callback); false once
 * a write failed (commit then says why). */
bool file_atomic_write(void *fa, const void *data, size_t len);
bool file_atomic_commit(struct file_atomic *fa, struct ladder_error *err);
/* err (may be NULL) says why a write failed, when one did (else it is
 * left as it is). */
void file_atomic_abort(struct file_atomic *fa, struct ladder_error *err);

/* The temporary file of a write to path: PATH.tmp.XXXXXX made by mkstemp,
 * 0600, and flock(2)ed for as long as it is open, so that a sweep by
 * another process leaves it alone. *tmp is malloc'ed; -1 after setting err. */
int file_temp_create(const char *path, char **tmp, struct ladder_error *err);
/* Removes what writes to path left behind when they were killed: regular
 * files of ours named PATH.tmp.XXXXXX that no live process holds locked.
 * Returns how many were removed. */
size_t file_temp_sweep(const char *path);
