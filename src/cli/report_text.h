#pragma once
#include <stdio.h>
#include "ladder/report.h"

/* r as text wrapped at width columns. */
void report_write_text(FILE *out, const struct report *r, int width);
