#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/journal.h"
#include "ladder/model.h"
#include "ladder/score.h"

/* Results in plain words, shared by the full-screen and the line-oriented
 * front ends. Strings returned as `char *` are malloc'ed (NULL when out of
 * memory); `const char *` ones are static. */

/* Axis names for people: "What you do", "Noticing your gaps", ... */
const char *explain_axis_name(enum axis a);
/* One line on what the axis measures. */
const char *explain_axis_hint(enum axis a);

/* How far apart self-rating and scenario answers are (the calibration gap,
 * perceived - measured). NULL when the gap is undefined. */
const char *explain_calibration(double gap);

/* "You are close to the line between X and Y; a few answers could move
 * you." for a borderline placement; NULL otherwise. */
char *explain_borderline(const struct placement *p);

/* The move from the previous session of the questionnaire (prev_date
 * "YYYY-MM-DD"; prev STAGE_NONE and prev_date NULL when there is none). */
char *explain_movement(enum stage prev, enum stage now, const char *prev_date);
/* The same for session index of j, against the session of the same
 * questionnaire just before it. */
char *explain_session_movement(const struct journal *j, size_t index);

/* A stored result object (DESIGN.md section 4) read back into placements:
 * the whole result in *p, facet i in facets[i] (up to max_facets, by the
 * order in the object) with its id in facet_ids[i] (borrowed from o).
 * Missing or null values become NAN / STAGE_NONE. Returns the number of
 * facets in the object. */
size_t explain_read_result(const cJSON *o, struct placement *p,
	struct placement *facets, const char **facet_ids, size_t max_facets,
	size_t *answered, size_t *total);

/* How strong a passphrase looks (length and variety); never stored. */
enum pass_strength {
	PASS_EMPTY,
	PASS_WEAK,
	PASS_FAIR,
	PASS_GOOD,
	PASS_STRONG,
};
/* *hint is a sentence for the person. */
enum pass_strength explain_passphrase(const char *s, size_t len,
	const char **hint);
const char *explain_strength_name(enum pass_strength st);
