#include "ladder/text.h"

#include <string.h>

#include "ladder/util.h"

void
text_emit(struct text_span *spans, size_t max, size_t *n, size_t start, size_t len)
{
	if (*n < max) {
		spans[*n].start = start;
		spans[*n].len = len;
	}
	(*n)++;
}

size_t
text_wrap(const char *s, size_t width, struct text_span *spans, size_t max)
{
	size_t n = 0;
	size_t i = 0;
	size_t len = strlen(s);
	if (width == 0) {
		width = 1;
	}
	while (i <= len) {
		/* one line: from i, take words while they fit */
		size_t line_start = i;
		size_t line_end = i; /* end of the last word that fit */
		size_t cols = 0;
		size_t j = i;
		bool hard_break = false;
		for (;;) {
			if (j >= len) {
				line_end = j;
				break;
			}
			if (s[j] == '\n') {
				line_end = j;
				hard_break = true;
				break;
			}
			/* measure the next word (with the spaces before it) */
			size_t w_start = j;
			size_t spaces = 0;
			while (j < len && s[j] == ' ') {
				j++;
				spaces++;
			}
			size_t word = j;
			while (j < len && s[j] != ' ' && s[j] != '\n') {
				j += utf8_seq_len(s + j);
			}
			if (j > len) {
				j = len;
			}
			size_t ww = utf8_width(s + word, j - word);
			if (cols + spaces + ww <= width) {
				cols += spaces + ww;
				line_end = j;
				continue;
			}
			if (line_end == line_start && cols == 0) {
				/* the first word does not fit: cut it */
				size_t k = word, c = 0;
				while (k < j) {
					size_t sl = utf8_seq_len(s + k);
					size_t cw = utf8_width(s + k, sl);
					if (c + cw > width && k > word) {
						break;
					}
					c += cw;
					k += sl;
				}
				line_start = word;
				line_end = k;
				j = k;
			} else {
				j = w_start;
			}
			break;
		}
		text_emit(spans, max, &n, line_start, line_end - line_start);
		i = line_end;
		if (hard_break) {
			i++; /* past the newline */
		} else {
			while (i < len && s[i] == ' ') {
				i++;
			}
			if (i >= len) {
				break;
			}
		}
	}
	return n;
}
