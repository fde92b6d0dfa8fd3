/* --plain history: how the self-rating and the choices in the situations
 * move towards each other, per session and over all of a questionnaire's
 * sessions, overall and area by area (from the stored results). */
#include "plain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/calibration.h"
#include "ladder/journal.h"

void
plain_session_calibration(const struct journal *j, struct journal_session *s)
{
	struct calibration_point p;
	if (!journal_session_load(j, s, NULL) || !calibration_point_of(s->result, NULL, &p) ||
		isnan(p.perceived) || isnan(p.measured)) {
		return;
	}
	printf("    Self-rating %ld, situations %ld (out of 100): %s.\n",
		lround(p.perceived * 100), lround(p.measured * 100),
		fabs(p.gap) < 0.1 - 1e-9 ? "close" : p.gap > 0 ? "self-rating higher"
		: "self-rating lower");
}

/* The first and the latest session of id with a gap in scope (facet NULL:
 * overall); false when none has one. */
static bool
ends(const struct journal *j, const char *id, const char *facet,
	struct calibration_point *first, struct calibration_point *latest)
{
	bool any = false;
	for (size_t i = 0; i < j->n_sessions; i++) {
		struct journal_session *s = &j->sessions[i];
		struct calibration_point p;
		if (strcmp(s->questionnaire, id) != 0 || !journal_session_load(j, s, NULL) ||
			!calibration_point_of(s->result, facet, &p)) {
			continue;
		}
		if (!any) {
			*first = p;
		}
		*latest = p;
		any = true;
	}
	return any;
}

static void
say(const char *label, const struct calibration_point *first,
	const struct calibration_point *latest)
{
	/* one session (or the same values): nothing to compare it with */
	bool same = first->perceived == latest->perceived && first->measured == latest->measured;
	char *w = calibration_words(same ? NULL : first, latest);
	if (w != NULL) {
		printf("    %s: %s\n", label, w);
		free(w);
	}
}

void
plain_calibration(const struct journal *j, const struct questionnaire *q, const char *id)
{
	struct calibration_point first, latest;
	if (!ends(j, id, NULL, &first, &latest)) {
		return;
	}
	printf("  Your self-rating and your choices in the situations:\n");
	say("Overall", &first, &latest);
	for (size_t f = 0; q != NULL && f < q->n_facets; f++) {
		if (ends(j, id, q->facets[f].id, &first, &latest)) {
			say(q->facets[f].title, &first, &latest);
		}
	}
}
