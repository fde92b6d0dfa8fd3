#pragma once
#include <stdbool.h>
#include <stddef.h>

/* Every problem found in one input (an answers file, a CSV of answers), so
 * that a person sees them all at once instead of one a run. At most
 * PROBLEMS_MAX messages are kept; the rest are only counted. */
#define PROBLEMS_MAX 50

struct problems {
	char **msgs;
	size_t n;
	size_t more; /* found beyond PROBLEMS_MAX */
	bool oom;    /* a message could not be kept */
};

void problems_init(struct problems *p);
void problems_finish(struct problems *p);
/* Adds a message; returns false (so a checker can `return problems_add`). */
bool problems_add(struct problems *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* All problems found, kept or only counted. */
size_t problems_count(const struct problems *p);
