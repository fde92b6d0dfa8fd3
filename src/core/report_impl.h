#pragma once
/* What report.c and report_words.c share. Not API. */
#include "ladder/report.h"
#include "ladder/score.h"

/* v in [0,1] as a whole percentage. */
int report_pct(double v);
/* Why the placement is what it is; t may be NULL (thresholds unknown). */
char *report_why(const struct placement *p, const struct thresholds *t);
/* How near a line, or NULL when not borderline. */
char *report_borderline(const struct placement *p);
