#pragma once
#include "ladder/questionnaire.h"

/* The printable paper version of a questionnaire on one set (0: the first
 * when it has sets), wrapped to width columns: title, instructions,
 * numbered items with their options and a box to mark, and how to type the
 * answers in afterwards. Caller frees; NULL when out of memory. */
char *paper_render(const struct questionnaire *q, int set, size_t width);
