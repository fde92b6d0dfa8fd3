#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/journal.h"
#include "ladder/model.h"
#include "ladder/score.h"

/* Words shared by the front ends: the axes' names, stored results read
 * back, and the passphrase hint. (A result explained whole is
 * ladder/report.h.) */

/* Axis names for people: "What you do", "Noticing your gaps", ... */
const char *explain_axis_name(enum axis a);
/* One line on what the axis measures. */
const char *explain_axis_hint(enum axis a);

/* A stored result object (ladder-questionnaire(5), RESULT) read back into
 * placements, with their reasons:
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
