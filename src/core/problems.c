#include "ladder/problems.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void
problems_init(struct problems *p)
{
	p->msgs = NULL;
	p->n = 0;
	p->more = 0;
	p->oom = false;
}

void
problems_finish(struct problems *p)
{
	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		free(p->msgs[i]);
	}
	free(p->msgs);
	problems_init(p);
}

bool
problems_add(struct problems *p, const char *fmt, ...)
{
	if (p->n >= PROBLEMS_MAX) {
		p->more++;
		return false;
	}
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
	char **msgs = msg != NULL ? realloc(p->msgs, (p->n + 1) * sizeof(*msgs)) : NULL;
	if (msgs == NULL) {
		free(msg);
		p->oom = true;
		p->more++;
		return false;
	}
	p->msgs = msgs;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	va_end(ap);
	p->msgs[p->n++] = msg;
	return false;
}

size_t
problems_count(const struct problems *p)
{
	return p->n + p->more;
}
