#pragma once
#include <stdbool.h>

/* Exit statuses of the program; the core reports them in struct ladder_error
 * so the front ends can map a failure to the documented exit code. */
enum ladder_status {
	LADDER_OK = 0,
	LADDER_FAIL = 1,
	LADDER_USAGE = 2,
	LADDER_BAD_PASSPHRASE = 3,
	LADDER_DAMAGED = 4,
	LADDER_LOCKED = 5,
};

struct ladder_error {
	int status;
	char msg[1024];
};

/* Sets the error and returns false, so a failing function can end with
 * `return error_set(err, LADDER_FAIL, "...")`. err may be NULL. */
bool error_set(struct ladder_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void error_clear(struct ladder_error *err);
