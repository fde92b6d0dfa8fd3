#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/questionnaire.h"

#define PAPER_PAGE_LINES 60 /* a page of the sheet when none is asked for */
#define PAPER_PAGE_MIN 20
#define PAPER_PAGE_MAX 1000

struct paper_opts {
	int set;           /* 0: the first when the questionnaire has sets */
	size_t width;      /* columns (at least 40) */
	size_t page_lines; /* lines a page, footer included; 0: no pages */
	bool reflection;   /* a last page of space for a reflection */
};

/* The paper sheet of a questionnaire on one set: its title and code, a
 * line for the person's initials or private code, how to answer, the
 * questions numbered 1, 2... in the order the screen asks them (a
 * situation's options lettered A, B... with a box each, a statement's
 * scale under it), no item ids, area headings or axes. With page_lines,
 * pages of that many lines separated by form feeds, each ending with the
 * code and its page number. Caller frees; NULL when out of memory. */
char *paper_render(const struct questionnaire *q, const struct paper_opts *o);
/* The sheet's short code, naming questionnaire, version and set:
 * "cultural v2 set 1", or "tiny v2" without sets. */
void paper_code(const struct questionnaire *q, int set, char *buf, size_t size);
/* text (lines of at most width columns) on pages of page_lines lines
 * separated by form feeds, each ending with a blank line and a footer of
 * label on the left and "page P of T" on the right. A page breaks at a
 * blank line when one is near its end, so a paragraph stays whole. For
 * printed results. Caller frees; NULL when out of memory. */
char *paper_paginate(const char *text, size_t page_lines, const char *label, size_t width);
