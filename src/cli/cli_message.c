/* Messages on standard error, made safe for a terminal. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "ladder/safetext.h"

const char *
cli_safe(const char *s)
{
	/* a few at a time, for the arguments of one printf */
	static char *ring[8];
	static size_t next;
	if (s == NULL) {
		return NULL;
	}
	char *safe = safetext_dup(s);
	if (safe == NULL) {
		return "(out of memory)";
	}
	free(ring[next]);
	ring[next] = safe;
	next = (next + 1) % (sizeof(ring) / sizeof(ring[0]));
	return safe;
}

/* A message on stderr: "ladder: " prefix, the text made safe for a
 * terminal (messages echo ids, file names and values from files). */
__attribute__((format(printf, 2, 0))) void
cli_message(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char buf[4096];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(stderr, "%s%s%s\n", prefix, cli_safe(buf), suffix);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_message("ladder: ", fmt, ap, "");
	va_end(ap);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_message("ladder: warning: ", fmt, ap, "");
	va_end(ap);
}

int
cli_status(const struct ladder_error *err)
{
	return err->status == LADDER_OK ? LADDER_FAIL : err->status;
}
