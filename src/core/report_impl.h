#pragma once
/* What report.c and report_words.c share. Not API. */
#include "ladder/report.h"
#include "ladder/score.h"

/* v in [0,1] as a whole percentage (0 for NAN: say nothing of it). */
int report_pct(double v);
/* The same for a value below its line t (NAN: unknown), never shown as the
 * line's own percentage. */
int report_pct_below(double v, double t);
/* "about as high as", "somewhat higher than", "a good deal higher than":
 * a self-rating above what it is measured against, in the bands of the
 * calibration. */
const char *report_higher_words(double gap);
/* Why the placement is what it is; t may be NULL (thresholds unknown). */
char *report_why(const struct placement *p, const struct thresholds *t);
/* How near a line, or NULL when not borderline. */
char *report_borderline(const struct placement *p);
