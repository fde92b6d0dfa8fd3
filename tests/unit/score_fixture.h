/* What the scoring tests (tests/unit/test_score_*.c) share: checks that
 * count mismatches, loading questionnaires and answers, and the table of
 * facet expectations. The tests are independent and table-driven.
 *
 * Every expectation below was computed by hand from scoring rule 2 as
 * ladder-questionnaire(5) states it (SCORING and RESULT), not from the
 * implementation.  The rule, restated:
 *
 *   Likert v on [min,max]    s = (v-min)/(max-min), 1-s when reverse-keyed
 *   scenario answer          s = the chosen option's key
 *   axis                     mean of the answered items on it; none -> NAN
 *   S                        mean of answered scenario competence items;
 *                            the competence axis when none are asked;
 *                            undefined (not placed) when asked, none answered
 *   gap                      perceived - S          K = 1 - max(0, gap)
 *   A*                       min(awareness, K), whichever is defined
 *   margin M                 min(C - Tc, S - Ts)    (C - Tc on self-report)
 *   stage                    M <  0: A* <  Ta -> 1, else 2
 *                            M >= 0: automaticity >= Tu -> 4, else 3
 *                            deciding value undefined -> none
 *   borderline               |M| or the second deciding value (A* or
 *                            automaticity) within 0.05 of its threshold
 *   nearest                  flip the comparison closest to its threshold
 *                            (the line first on a tie); flipping the line
 *                            goes to the other side, decided there by its own
 *                            second value; none unless borderline
 *
 * Each table checks every row and reports every mismatch before failing, so
 * one run shows the whole picture.
 */
#ifndef LADDER_TESTS_SCORE_FIXTURE_H
#define LADDER_TESTS_SCORE_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/answers.h"
#include "ladder/error.h"
#include "ladder/model.h"
#include "ladder/questionnaire.h"
#include "ladder/score.h"

#ifndef TESTDATA
#error "TESTDATA must be defined"
#endif

#define U NAN /* undefined */
#define TOL 1e-9
#define DONT_CARE (-1)

/* Default thresholds of ladder-questionnaire(5), written out here on purpose rather than
 * taken from the header, so a wrong default is caught too. */
#define DTC 0.6
#define DTA 0.5
#define DTU 0.6

enum { N1 = STAGE_UNCONSCIOUS_INCOMPETENCE, N2 = STAGE_CONSCIOUS_INCOMPETENCE,
	N3 = STAGE_CONSCIOUS_COMPETENCE, N4 = STAGE_UNCONSCIOUS_COMPETENCE,
	N0 = STAGE_NONE };

/* ------------------------------------------------------------------ */
/* helpers */

static int failures;

static inline void check_double(const char *row, const char *what, double actual,
	double expected)
{
	if (isnan(expected)) {
		if (!isnan(actual)) {
			print_error("  [%s] %s: expected undefined (NAN), got %.17g\n",
				row, what, actual);
			failures++;
		}
		return;
	}
	if (isnan(actual) || fabs(actual - expected) > TOL) {
		print_error("  [%s] %s: expected %.17g, got %.17g\n", row, what,
			expected, actual);
		failures++;
	}
}

static inline const char *sname(int s)
{
	const char *id = s == N0 ? "none" : stage_id((enum stage)s);
	return id ? id : "(null)";
}

static inline void check_stage(const char *row, const char *what, enum stage actual,
	int expected)
{
	if ((int)actual != expected) {
		print_error("  [%s] %s: expected %d (%s), got %d (%s)\n", row, what,
			expected, sname(expected), (int)actual, sname((int)actual));
		failures++;
	}
}

static inline void check_bool(const char *row, const char *what, bool actual,
	int expected)
{
	if (expected == DONT_CARE)
		return;
	if ((int)actual != expected) {
		print_error("  [%s] %s: expected %s, got %s\n", row, what,
			expected ? "true" : "false", actual ? "true" : "false");
		failures++;
	}
}

static inline void check_size(const char *row, const char *what, size_t actual,
	size_t expected)
{
	if (actual != expected) {
		print_error("  [%s] %s: expected %zu, got %zu\n", row, what,
			expected, actual);
		failures++;
	}
}

static inline struct questionnaire *load_q(const char *file)
{
	char path[4096];
	struct ladder_error err;

	memset(&err, 0, sizeof err);
	snprintf(path, sizeof path, "%s/score/%s", TESTDATA, file);
	struct questionnaire *q = questionnaire_load(path, &err);
	if (!q)
		fail_msg("loading %s: %s", path, err.msg);
	return q;
}

/* "c1=5 s1=b" -> answers: a number is a Likert scale value, a name is the
 * id of a scenario option; items not mentioned are skipped. */
static inline struct answers *make_answers(const struct questionnaire *q,
	const char *spec)
{
	struct answers *a = answers_create(q);
	char buf[1024], *save = NULL;

	assert_non_null(a);
	assert_int_equal(a->n, q->n_items);
	for (size_t i = 0; i < a->n; i++)
		assert_int_equal(a->values[i], ANSWER_SKIPPED);
	snprintf(buf, sizeof buf, "%s", spec);
	for (char *tok = strtok_r(buf, " ", &save); tok;
			tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq)
			fail_msg("bad answer spec %s", tok);
		*eq = '\0';
		long idx = questionnaire_item_index(q, tok);
		if (idx < 0)
			fail_msg("no item %s", tok);
		const struct item *it = &q->items[idx];
		if (it->kind == ITEM_LIKERT) {
			a->values[idx] = atoi(eq + 1);
		} else {
			long opt = item_option_index(it, eq + 1);
			if (opt < 0)
				fail_msg("no option %s in %s", eq + 1, tok);
			a->values[idx] = (int)opt;
		}
	}
	return a;
}

/* ------------------------------------------------------------------ */
/* 4. Facets: each its own S, K, A* and stage. */

struct facet_expect {
	const char *id;
	double c, aw, au, pe, s, gap, astar;
	int stage, borderline, nearest;
};

struct facet_row {
	const char *name, *answers;
	struct facet_expect whole; /* id unused */
	struct facet_expect f[3];
	size_t answered;
};

/* q-facets (1-5 scale, default thresholds):
 *   alpha: a_c1, a_s1{x 1, y 0, z .5} competence; a_w1; a_u1; a_p1
 *   beta:  b_c1 competence; b_w1; b_u1; b_p1  (no scenario)
 *   gamma: g_c1 competence; g_w1 awareness    (no automaticity, perceived) */
static const struct facet_row facet_rows[] = {
	{"rung 2 / rung 1 / none",
		"a_c1=5 a_s1=z a_w1=4 a_u1=2 a_p1=3 b_c1=2 b_w1=5 b_u1=1 "
		"b_p1=5 g_c1=5 g_w1=3",
		/* whole: C (1+.5+.25+1)/4, S .5 (a_s1 only), Aw (.75+1+.5)/3,
		 * Au (.25+0)/2, P (.5+1)/2, gap .75-.5, K .75; M = min(.0875,
		 * -.1): below the line, held by S; A* .75 -> rung 2 (rule 1
		 * looked at C alone: rung 3) */
		{NULL, 0.6875, 0.75, 0.125, 0.75, 0.5, 0.25, 0.75, N2, 0, N0},
		{
			/* alpha: S = .5 from its scenario, gap .5-.5 = 0; C .75
			 * reaches the line, S does not -> rung 2 */
			{"alpha", 0.75, 0.75, 0.25, 0.5, 0.5, 0.0, 0.75, N2, 0, N0},
			/* beta: no scenario in beta, so its S is its competence
			 * .25 (self-report); gap 1-.25, K .25 -> rung 1.  With the
			 * whole's S (.5), K would be .5 -> rung 2. */
			{"beta", 0.25, 1.0, 0.0, 1.0, 0.25, 0.75, 0.25, N1, 0, N0},
			/* gamma: competent, automaticity undefined -> none */
			{"gamma", 1.0, 0.5, U, U, 1.0, U, 0.5, N0, 0, N0},
		},
		11},
	{"rung 2 / none / rung 1",
		"a_c1=1 a_s1=x a_w1=5 a_u1=5 a_p1=5 g_c1=1 g_w1=1",
		/* whole: C (0+1+0)/3, S 1, Aw (1+0)/2, gap 0, A* .5 == Ta */
		{NULL, 1.0 / 3.0, 0.5, 1.0, 1.0, 1.0, 0.0, 0.5, N2, 1, N1},
		{
			/* alpha: C .5, S 1, gap 1-1 = 0 -> A* 1 */
			{"alpha", 0.5, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, N2, 0, N0},
			{"beta", U, U, U, U, U, U, U, N0, 0, N0},
			/* gamma: A* = awareness 0 (K undefined) */
			{"gamma", 0.0, 0.0, U, U, 0.0, U, 0.0, N1, 0, N0},
		},
		7},
};

#endif
