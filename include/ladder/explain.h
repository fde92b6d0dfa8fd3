#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/journal.h"
#include "ladder/model.h"
#include "ladder/score.h"

/* Words shared by the front ends: the axes' names and stored results read
 * back. (A result explained whole is ladder/report.h; a passphrase's
 * strength ladder/passphrase_strength.h.) */

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
