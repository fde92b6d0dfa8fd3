#include "ladder/error.h"

#include <stdarg.h>
#include <stdio.h>

bool
error_set(struct ladder_error *err, int status, const char *fmt, ...)
{
	if (err == NULL) {
		return false;
	}
	err->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return false;
}

void
error_clear(struct ladder_error *err)
{
	if (err != NULL) {
		err->status = LADDER_OK;
		err->msg[0] = '\0';
	}
}
