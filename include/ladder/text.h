#pragma once
#include <stddef.h>

/* A line of wrapped text: bytes [start, start+len) of the source. */
struct text_span {
	size_t start, len;
};

/* Splits s into lines of at most width terminal columns, breaking at spaces
 * and at newlines; a word wider than width is cut. Spaces at a break are
 * dropped. Fills at most max spans and returns how many lines there are. */
size_t text_wrap(const char *s, size_t width, struct text_span *spans, size_t max);
/* Adds the line [start, start+len) as spans[*n] when there is room (max),
 * and counts it in *n either way: for wrappers that report how many lines
 * a text needs beyond what fits. */
void text_emit(struct text_span *spans, size_t max, size_t *n, size_t start, size_t len);
