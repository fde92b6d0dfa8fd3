#pragma once
#include <stdio.h>
#include "ladder/report.h"

/* r as text wrapped at width columns. */
void report_write_text(FILE *out, const struct report *r, int width);
/* The same document laid out for paper (`score --text`, `enter --text`),
 * to fit two pages of 60 lines: each situation in a line or two that
 * refers to the sheet (its number, the letter answered, the letter rated
 * best and that option's reason); the words are those of the screen. */
void report_write_print(FILE *out, const struct report *r, int width);
