/* Independent, table-driven tests of scoring and placement.
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

static void check_double(const char *row, const char *what, double actual,
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

static const char *sname(int s)
{
	const char *id = s == N0 ? "none" : stage_id((enum stage)s);
	return id ? id : "(null)";
}

static void check_stage(const char *row, const char *what, enum stage actual,
	int expected)
{
	if ((int)actual != expected) {
		print_error("  [%s] %s: expected %d (%s), got %d (%s)\n", row, what,
			expected, sname(expected), (int)actual, sname((int)actual));
		failures++;
	}
}

static void check_bool(const char *row, const char *what, bool actual,
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

static void check_size(const char *row, const char *what, size_t actual,
	size_t expected)
{
	if (actual != expected) {
		print_error("  [%s] %s: expected %zu, got %zu\n", row, what,
			expected, actual);
		failures++;
	}
}

static struct questionnaire *load_q(const char *file)
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
static struct answers *make_answers(const struct questionnaire *q,
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
/* 1. Item scores: Likert with and without reverse key, on scales starting
 *    at 1 and at 0; scenario keys by option index. */

struct item_row {
	const char *file, *item;
	const char *answer; /* scale value, or option id for scenarios */
	double expected;
};

static const struct item_row item_rows[] = {
	/* 1-5 scale: (v-1)/4.  v/max would give 0.2 for v=1. */
	{"q-basic.json", "c1", "1", 0.0},
	{"q-basic.json", "c1", "3", 0.5},
	{"q-basic.json", "c1", "4", 0.75},
	{"q-basic.json", "c1", "5", 1.0},
	/* reverse-keyed 1-5: 1 - (v-1)/4 */
	{"q-basic.json", "c2", "1", 1.0},
	{"q-basic.json", "c2", "2", 0.75},
	{"q-basic.json", "c2", "5", 0.0},
	/* scenario keys, in file order (s2's keys are not sorted) */
	{"q-basic.json", "s1", "a", 1.0},
	{"q-basic.json", "s1", "b", 0.5},
	{"q-basic.json", "s1", "c", 0.0},
	{"q-basic.json", "s2", "a", 0.25},
	{"q-basic.json", "s2", "b", 1.0},
	{"q-basic.json", "s2", "c", 0.75},
	{"q-basic.json", "s2", "d", 0.0},
	/* 0-4 scale: v/4 */
	{"q-zero-scale.json", "k1", "0", 0.0},
	{"q-zero-scale.json", "k1", "1", 0.25},
	{"q-zero-scale.json", "k1", "4", 1.0},
	/* reverse-keyed 0-10: 1 - v/10 */
	{"q-zero-scale.json", "k2", "0", 1.0},
	{"q-zero-scale.json", "k2", "3", 0.7},
	{"q-zero-scale.json", "k2", "10", 0.0},
	/* 0-10: v/10 */
	{"q-zero-scale.json", "a1", "7", 0.7},
	/* reverse-keyed 0-4: 1 - v/4 */
	{"q-zero-scale.json", "t1", "0", 1.0},
	{"q-zero-scale.json", "t1", "3", 0.25},
	/* 1-7 scale: (v-1)/6 */
	{"q-thresholds.json", "c1", "1", 0.0},
	{"q-thresholds.json", "c1", "4", 0.5},
	{"q-thresholds.json", "c1", "6", 5.0 / 6.0},
	{"q-thresholds.json", "c1", "7", 1.0},
};

static void test_item_scores(void **state)
{
	(void)state;
	failures = 0;
	for (size_t r = 0; r < sizeof item_rows / sizeof item_rows[0]; r++) {
		const struct item_row *row = &item_rows[r];
		struct questionnaire *q = load_q(row->file);
		long idx = questionnaire_item_index(q, row->item);
		assert_true(idx >= 0);
		const struct item *it = &q->items[idx];
		int v = it->kind == ITEM_LIKERT ? atoi(row->answer)
			: (int)item_option_index(it, row->answer);
		assert_true(v >= 0);
		char name[128];
		snprintf(name, sizeof name, "%s %s=%s", row->file, row->item,
			row->answer);
		check_double(name, "score_item", score_item(q, (size_t)idx, v),
			row->expected);
		questionnaire_destroy(q);
	}
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------ */
/* 2. The placement rule alone (placement_decide). */

struct place_row {
	const char *name;
	double c, s, aw, au, pe;      /* competence, S, awareness, automaticity, perceived */
	double tc, ta, tu;
	double gap, astar;            /* expected */
	int stage, borderline, nearest;
};

#define D DTC, DTA, DTU
#define CUSTOM 0.7, 0.4, 0.8
#define HALF 0.5, 0.5, 0.5

static const struct place_row place_rows[] = {
	/* name                      C     S     Aw    Au    P     thresholds gap    A*    stage bl nearest */
	/* the four stages, far from every threshold */
	{"rung 1",                  0.2,  0.2,  0.2,  0.5,  0.9,  D, 0.7,  0.2,  N1, 0, N0},
	{"rung 2",                  0.3,  0.3,  0.9,  0.2,  0.3,  D, 0.0,  0.9,  N2, 0, N0},
	{"rung 3",                  0.9,  0.9,  0.8,  0.3,  0.9,  D, 0.0,  0.8,  N3, 0, N0},
	{"rung 4",                  0.9,  0.9,  0.8,  0.9,  0.8,  D, -0.1, 0.8,  N4, 0, N0},
	/* A* = min(awareness, K); max would give 0.8 -> rung 2 */
	{"min: awareness smaller",  0.3,  0.3,  0.3,  0.5,  0.5,  D, 0.2,  0.3,  N1, 0, N0},
	/* K = 1-max(0, 0.9-0.2) = 0.3 < awareness 0.9 */
	{"min: K smaller, gap>0",   0.2,  0.2,  0.9,  0.5,  0.9,  D, 0.7,  0.3,  N1, 0, N0},
	/* rating oneself lower is not punished: K = 1, A* = awareness 0.9
	 * (rule 1's K = 1-|gap| = 0.3 put this modest person on rung 1) */
	{"modest: gap<0 not punished", 0.4, 0.8, 0.9, 0.5,  0.1,  D, -0.7, 0.9,  N2, 0, N0},
	/* gap uses S: P-S = 0 -> A* 0.9 -> rung 2; with C, K=0.4 -> rung 1 */
	{"gap uses S, not C",       0.3,  0.9,  0.9,  0.5,  0.9,  D, 0.0,  0.9,  N2, 0, N0},
	/* one of the two undefined: A* is the other */
	{"A*: awareness undefined", 0.3,  0.3,  U,    0.5,  0.5,  D, 0.2,  0.8,  N2, 0, N0},
	{"A*: K undefined",         0.3,  0.3,  0.3,  0.5,  U,    D, U,    0.3,  N1, 0, N0},
	/* undefined deciding values */
	{"C<Tc, A* undefined",      0.3,  0.3,  U,    0.9,  U,    D, U,    U,    N0, 0, N0},
	{"C undefined",             U,    U,    0.9,  0.9,  0.9,  D, U,    0.9,  N0, 0, N0},
	{"C>=Tc, A* undef unused",  0.8,  0.8,  U,    0.9,  U,    D, U,    U,    N4, 0, N0},
	{"C>=Tc, Au undefined",     0.8,  0.8,  0.8,  U,    0.8,  D, 0.0,  0.8,  N0, 0, N0},
	{"C<Tc, Au undef unused",   0.3,  0.3,  0.9,  U,    0.3,  D, 0.0,  0.9,  N2, 0, N0},
	/* exactly at a threshold: the >= side, and distance 0 is borderline */
	{"C == Tc",                 0.6,  0.6,  0.9,  0.9,  0.6,  D, 0.0,  0.9,  N4, 1, N2},
	{"A* == Ta",                0.2,  0.2,  0.5,  0.1,  0.2,  D, 0.0,  0.5,  N2, 1, N1},
	{"Au == Tu",                0.9,  0.9,  0.9,  0.6,  0.9,  D, 0.0,  0.9,  N4, 1, N3},
	{"A* == Ta through K",      0.25, 0.25, 0.9,  0.1,  0.75, D, 0.5,  0.5,  N2, 1, N1},
	/* custom thresholds Tc=0.7 Ta=0.4 Tu=0.8 (defaults would give 4, 3->4, ...) */
	{"custom: C<Tc, A*>=Ta",    0.64, 0.64, 0.47, 0.7,  0.64, CUSTOM, 0.0, 0.47, N2, 0, N0},
	{"custom: Au<Tu",           0.77, 0.77, 0.9,  0.72, 0.77, CUSTOM, 0.0, 0.9,  N3, 0, N0},
	{"custom: A* 0.04 below",   0.3,  0.3,  0.36, 0.1,  0.3,  CUSTOM, 0.0, 0.36, N1, 1, N2},
	{"custom: tie at 0, C flips", 0.7, 0.7, 0.9,  0.8,  0.7,  CUSTOM, 0.0, 0.9,  N4, 1, N2},
	/* borderline: competence flipped, decided on the other side by its own
	 * second value */
	{"C 0.03 below, Au high",   0.57, 0.57, 0.8,  0.9,  0.57, D, 0.0,  0.8,  N2, 1, N4},
	{"C 0.03 below, Au low",    0.57, 0.57, 0.8,  0.3,  0.57, D, 0.0,  0.8,  N2, 1, N3},
	{"C 0.03 above, A* low",    0.63, 0.63, 0.2,  0.9,  0.63, D, 0.0,  0.2,  N4, 1, N1},
	/* both deciding values near: the closer one flips */
	{"Au closer than C",        0.63, 0.63, 0.2,  0.62, 0.63, D, 0.0,  0.2,  N4, 1, N3},
	{"C closer than Au",        0.62, 0.62, 0.7,  0.63, 0.62, D, 0.0,  0.7,  N4, 1, N2},
	{"A* 0.03 below",           0.3,  0.3,  0.47, 0.1,  0.3,  D, 0.0,  0.47, N1, 1, N2},
	{"A* 0.03 above",           0.3,  0.3,  0.53, 0.1,  0.3,  D, 0.0,  0.53, N2, 1, N1},
	{"A* closer than C",        0.56, 0.56, 0.52, 0.9,  0.56, D, 0.0,  0.52, N2, 1, N1},
	{"C closer than A*",        0.58, 0.58, 0.54, 0.2,  0.58, D, 0.0,  0.54, N2, 1, N3},
	/* exact ties (binary-exact distances 1/32): competence flips first */
	{"tie C/A*: C flips",       0.46875, 0.46875, 0.53125, 0.9, U, HALF, U, 0.53125, N2, 1, N4},
	{"tie C/Au: C flips",       0.53125, 0.53125, 0.2, 0.46875, U, HALF, U, 0.2,   N3, 1, N1},
	/* clearly not borderline: 0.06 away */
	{"0.06 above both",         0.66, 0.66, 0.9,  0.67, 0.66, D, 0.0,  0.9,  N4, 0, N0},
	{"0.06 below both",         0.54, 0.54, 0.44, 0.9,  0.54, D, 0.0,  0.44, N1, 0, N0},
	/* a value near its threshold that does not decide is not borderline */
	{"A* near, not deciding",   0.9,  0.9,  0.51, 0.9,  0.9,  D, 0.0,  0.51, N4, 0, N0},
	{"Au near, not deciding",   0.2,  0.2,  0.2,  0.61, 0.2,  D, 0.0,  0.2,  N1, 0, N0},
	/* perceived below S on the competent side: A* is awareness */
	{"gap<0, rung 4",           0.8,  0.7,  0.9,  0.9,  0.4,  D, -0.3, 0.9,  N4, 0, N0},
	/* M = min(-0.02, 0.3) borderline; gap < 0 leaves A* at awareness 0.9;
	 * flipping the line: automaticity 0.2 -> rung 3 */
	{"C near, gap<0",           0.58, 0.9,  0.9,  0.2,  0.3,  D, -0.6, 0.9,  N2, 1, N3},
};

static void run_place_rows(const struct place_row *rows, size_t n)
{
	for (size_t r = 0; r < n; r++) {
		const struct place_row *row = &rows[r];
		struct placement p;

		memset(&p, 0, sizeof p);
		p.axes[AXIS_COMPETENCE] = row->c;
		p.axes[AXIS_AWARENESS] = row->aw;
		p.axes[AXIS_AUTOMATICITY] = row->au;
		p.axes[AXIS_PERCEIVED] = row->pe;
		p.measured = row->s;
		p.calibration_gap = 12345.0; /* must be overwritten */
		p.placed_awareness = 12345.0;
		p.stage = (enum stage)99;
		p.borderline = !row->borderline;
		p.nearest = (enum stage)99;
		p.evidence = EVIDENCE_SITUATIONS;
		struct thresholds t = {row->tc, row->tc, row->ta, row->tu};
		placement_decide(&p, &t);

		check_double(row->name, "calibration_gap", p.calibration_gap,
			row->gap);
		check_double(row->name, "placed_awareness", p.placed_awareness,
			row->astar);
		check_stage(row->name, "stage", p.stage, row->stage);
		check_bool(row->name, "borderline", p.borderline, row->borderline);
		check_stage(row->name, "nearest", p.nearest, row->nearest);
		/* inputs are left alone */
		check_double(row->name, "axes[competence] unchanged",
			p.axes[AXIS_COMPETENCE], row->c);
		check_double(row->name, "measured unchanged", p.measured, row->s);
	}
}

static void test_placement_table(void **state)
{
	(void)state;
	failures = 0;
	run_place_rows(place_rows, sizeof place_rows / sizeof place_rows[0]);
	assert_int_equal(failures, 0);
}

/* A deciding value exactly 0.05 from its threshold (in decimal) is
 * borderline: "within 0.05" is inclusive.  In binary floating point
 * 0.65-0.6 and 0.55-0.5 come out as 0.050000000000000044, so a bare
 * `fabs(v - t) <= 0.05` gets these wrong; kept apart from the table so the
 * failure is reported on its own. */
static const struct place_row exact_005_rows[] = {
	{"C = Tc-0.05 (0.55)",      0.55, 0.55, 0.9,  0.9,  0.55, D, 0.0,  0.9,  N2, 1, N4},
	{"C = Tc+0.05 (0.65)",      0.65, 0.65, 0.9,  0.9,  0.65, D, 0.0,  0.9,  N4, 1, N2},
	{"Au = Tu+0.05 (0.65)",     0.9,  0.9,  0.9,  0.65, 0.9,  D, 0.0,  0.9,  N4, 1, N3},
	{"A* = Ta-0.05 (0.45)",     0.2,  0.2,  0.45, 0.9,  0.2,  D, 0.0,  0.45, N1, 1, N2},
	{"A* = Ta+0.05 (0.55)",     0.2,  0.2,  0.55, 0.9,  0.2,  D, 0.0,  0.55, N2, 1, N1},
};

static void test_borderline_exactly_005(void **state)
{
	(void)state;
	failures = 0;
	run_place_rows(exact_005_rows,
		sizeof exact_005_rows / sizeof exact_005_rows[0]);
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------ */
/* 3. score_compute over small questionnaires. */

struct score_row {
	const char *name, *file, *answers;
	double c, aw, au, pe;   /* raw axis means */
	double s, gap, astar;
	int stage, borderline, nearest;
	size_t answered, total;
};

/* q-basic: 1-5 scale; c1, c2(rev), s1{a 1, b .5, c 0}, s2{a .25, b 1,
 * c .75, d 0} on competence; w1, w2(rev) awareness; u1, u2(rev)
 * automaticity; p1 perceived.  Default thresholds.
 * q-zero-scale: k1 (0-4), k2 (0-10, rev) competence; a1 (0-10), a2 (0-4,
 * rev) awareness; t1 (0-4, rev) automaticity; p1 (0-10) perceived.
 * q-thresholds: 1-7 scale, Tc .7, Ta .4, Tu .8; c1, w1, w2, u1, p1. */
static const struct score_row score_rows[] = {
	/* C = (1+.75+.5+.75)/4, S = (.5+.75)/2, gap = 1-.625, A* = min(.75,.625);
	 * M = min(.15, .025): above, borderline; flipping the line: A* .625
	 * -> rung 2 */
	{"basic all answered", "q-basic.json",
		"c1=5 c2=2 s1=b s2=c w1=4 w2=2 u1=5 u2=1 p1=5",
		0.75, 0.75, 1.0, 1.0, 0.625, 0.375, 0.625, N4, 1, N2, 9, 9},
	/* situations asked, none answered: S undefined, not placed; the gap
	 * is undefined, A* is the awareness axis */
	{"basic no scenario answered", "q-basic.json",
		"c1=3 c2=4 w1=1 w2=5 u1=2 u2=3 p1=5",
		0.375, 0.0, 0.375, 1.0, U, U, 0.0, N0, 0, N0, 7, 9},
	/* only scenarios on competence: C = S = (1+.25)/2; C .025 above Tc;
	 * flipping C: A* .5 >= .5 -> rung 2 */
	{"basic scenarios only", "q-basic.json",
		"s1=a s2=a w1=3 u1=2 u2=4 p1=4",
		0.625, 0.5, 0.25, 0.75, 0.625, 0.125, 0.5, N3, 1, N2, 6, 9},
	/* skipped left out: C = (1+0)/2, not (1+0+0+0)/4; S = 0 (s2=d) */
	{"basic skipped left out", "q-basic.json",
		"c1=5 s2=d w1=5 p1=1",
		0.5, 1.0, U, 0.0, 0.0, 0.0, 1.0, N2, 0, N0, 4, 9},
	/* perceived skipped: gap undefined, A* = awareness */
	{"basic perceived skipped", "q-basic.json",
		"c1=2 c2=5 s1=c s2=c w1=2 w2=4 u1=5",
		0.25, 0.25, 1.0, U, 0.375, U, 0.25, N1, 0, N0, 7, 9},
	{"basic nothing answered", "q-basic.json", "",
		U, U, U, U, U, U, U, N0, 0, N0, 0, 9},
	{"basic competence undefined", "q-basic.json", "w1=5 p1=3 u1=5",
		U, 1.0, 1.0, 0.5, U, U, 1.0, N0, 0, N0, 3, 9},
	{"basic C<Tc, A* undefined", "q-basic.json", "c1=2 u1=5",
		0.25, U, 1.0, U, U, U, U, N0, 0, N0, 2, 9},
	{"basic C>=Tc, no situations", "q-basic.json", "c1=5 w1=5 p1=5",
		1.0, 1.0, U, 1.0, U, U, 1.0, N0, 0, N0, 3, 9},
	/* a modest person: S (1) well above P (.25); gap -.75 is not held
	 * against awareness (A* = 1); C .5 holds it below the line -> rung 2
	 * (rule 1's K = 1-|gap| = .25 put this on rung 1) */
	{"basic modest not punished", "q-basic.json",
		"c1=1 c2=5 s1=a s2=b w1=5 w2=1 u1=3 u2=3 p1=2",
		0.5, 1.0, 0.5, 0.25, 1.0, -0.75, 1.0, N2, 0, N0, 9, 9},
	/* both must reach the line: C (2.5/3) does, S (.5) does not, so M =
	 * .5-.6 and rung 2 (rule 1 compared C alone: rung 4) */
	{"basic held below by situations", "q-basic.json",
		"c1=5 c2=1 s1=b w1=5 u1=5 u2=1 p1=3",
		2.5 / 3.0, 1.0, 1.0, 0.5, 0.5, 0.0, 1.0, N2, 0, N0, 7, 9},

	/* C = (.75+.8)/2, Aw = (.7+.75)/2, Au = 1-.25, gap = .9-.775 */
	{"zero-based scales", "q-zero-scale.json",
		"k1=3 k2=2 a1=7 a2=1 t1=1 p1=9",
		0.775, 0.725, 0.75, 0.9, 0.775, 0.125, 0.725, N4, 0, N0, 6, 6},
	{"zero-based extremes", "q-zero-scale.json",
		"k1=0 k2=10 a1=0 a2=4 t1=0 p1=10",
		0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, N1, 0, N0, 6, 6},
	/* Aw = (5/10 + (1-2/4))/2 = .5 exactly = Ta -> rung 2, borderline */
	{"zero-based A* == Ta", "q-zero-scale.json",
		"k1=1 k2=5 a1=5 a2=2 p1=4",
		0.375, 0.5, U, 0.4, 0.375, 0.025, 0.5, N2, 1, N1, 5, 6},

	/* custom thresholds Tc .7 Ta .4 Tu .8 (defaults would give rung 4,
	 * not borderline) */
	{"thresholds C below custom Tc", "q-thresholds.json",
		"c1=5 w1=4 u1=6 p1=5",
		4.0 / 6.0, 0.5, 5.0 / 6.0, 4.0 / 6.0, 4.0 / 6.0, 0.0, 0.5,
		N2, 1, N4, 4, 5},
	{"thresholds Au near custom Tu", "q-thresholds.json",
		"c1=7 w1=2 u1=6 p1=7",
		1.0, 1.0 / 6.0, 5.0 / 6.0, 1.0, 1.0, 0.0, 1.0 / 6.0,
		N4, 1, N3, 4, 5},
	{"thresholds Au below custom Tu", "q-thresholds.json",
		"c1=7 w1=7 u1=5 p1=7",
		1.0, 1.0, 4.0 / 6.0, 1.0, 1.0, 0.0, 1.0, N3, 0, N0, 4, 5},
	/* Aw = (2/6+3/6)/2 = 5/12 >= .4 (default Ta .5 would give rung 1) */
	{"thresholds A* above custom Ta", "q-thresholds.json",
		"c1=2 w1=3 w2=4 u1=1 p1=2",
		1.0 / 6.0, 5.0 / 12.0, 0.0, 1.0 / 6.0, 1.0 / 6.0, 0.0, 5.0 / 12.0,
		N2, 1, N1, 5, 5},
};

static void check_placement(const char *row, const char *prefix,
	const struct placement *p, double c, double aw, double au, double pe,
	double s, double gap, double astar, int stage, int borderline,
	int nearest)
{
	char what[160];
#define W(x) (snprintf(what, sizeof what, "%s%s", prefix, x), what)
	check_double(row, W("axes[competence]"), p->axes[AXIS_COMPETENCE], c);
	check_double(row, W("axes[awareness]"), p->axes[AXIS_AWARENESS], aw);
	check_double(row, W("axes[automaticity]"), p->axes[AXIS_AUTOMATICITY], au);
	check_double(row, W("axes[perceived]"), p->axes[AXIS_PERCEIVED], pe);
	check_double(row, W("measured (S)"), p->measured, s);
	check_double(row, W("calibration_gap"), p->calibration_gap, gap);
	check_double(row, W("placed_awareness (A*)"), p->placed_awareness, astar);
	check_stage(row, W("stage"), p->stage, stage);
	check_bool(row, W("borderline"), p->borderline, borderline);
	check_stage(row, W("nearest"), p->nearest, nearest);
#undef W
}

static void check_score_row(const struct score_row *row,
	const struct questionnaire *q, const struct result *res)
{
	check_placement(row->name, "", &res->p, row->c, row->aw, row->au,
		row->pe, row->s, row->gap, row->astar, row->stage,
		row->borderline, row->nearest);
	check_size(row->name, "answered", res->answered, row->answered);
	check_size(row->name, "total", res->total, row->total);
	check_size(row->name, "n_facets", res->n_facets, q->n_facets);
	/* with one facet holding every item, the facet is placed exactly
	 * like the whole (same items, same thresholds) */
	if (q->n_facets == 1 && res->n_facets == 1)
		check_placement(row->name, "facet ", &res->facets[0].p,
			row->c, row->aw, row->au, row->pe, row->s, row->gap,
			row->astar, row->stage, row->borderline, row->nearest);
}

static void test_score_table(void **state)
{
	(void)state;
	failures = 0;
	for (size_t r = 0; r < sizeof score_rows / sizeof score_rows[0]; r++) {
		const struct score_row *row = &score_rows[r];
		struct questionnaire *q = load_q(row->file);
		struct answers *a = make_answers(q, row->answers);
		struct result *res = score_compute(q, a);

		assert_non_null(res);
		check_score_row(row, q, res);
		result_destroy(res);
		answers_destroy(a);
		questionnaire_destroy(q);
	}
	assert_int_equal(failures, 0);
}

/* Thresholds: defaults when the file has none, the file's own otherwise. */
static void test_thresholds_loaded(void **state)
{
	(void)state;
	struct questionnaire *q = load_q("q-basic.json");
	assert_true(fabs(q->t_competence - DTC) < TOL);
	assert_true(fabs(q->t_awareness - DTA) < TOL);
	assert_true(fabs(q->t_automaticity - DTU) < TOL);
	questionnaire_destroy(q);

	q = load_q("q-thresholds.json");
	assert_true(fabs(q->t_competence - 0.7) < TOL);
	assert_true(fabs(q->t_awareness - 0.4) < TOL);
	assert_true(fabs(q->t_automaticity - 0.8) < TOL);
	questionnaire_destroy(q);
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

static void test_facets(void **state)
{
	(void)state;
	failures = 0;
	for (size_t r = 0; r < sizeof facet_rows / sizeof facet_rows[0]; r++) {
		const struct facet_row *row = &facet_rows[r];
		struct questionnaire *q = load_q("q-facets.json");
		struct answers *a = make_answers(q, row->answers);
		struct result *res = score_compute(q, a);
		const struct facet_expect *w = &row->whole;

		assert_non_null(res);
		check_placement(row->name, "", &res->p, w->c, w->aw, w->au,
			w->pe, w->s, w->gap, w->astar, w->stage, w->borderline,
			w->nearest);
		check_size(row->name, "answered", res->answered, row->answered);
		check_size(row->name, "total", res->total, 11);
		assert_int_equal(res->n_facets, 3);
		for (size_t i = 0; i < 3; i++) {
			const struct facet_expect *e = &row->f[i];
			char prefix[64];

			assert_non_null(res->facets[i].id);
			assert_string_equal(res->facets[i].id, e->id);
			snprintf(prefix, sizeof prefix, "facet %s ", e->id);
			check_placement(row->name, prefix, &res->facets[i].p,
				e->c, e->aw, e->au, e->pe, e->s, e->gap,
				e->astar, e->stage, e->borderline, e->nearest);
		}
		result_destroy(res);
		answers_destroy(a);
		questionnaire_destroy(q);
	}
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------ */
/* 5. Answers read from ladder-answers documents score the same. */

static void test_answers_documents(void **state)
{
	(void)state;
	struct questionnaire *q = load_q("q-basic.json");
	struct ladder_error err;
	char path[4096];

	memset(&err, 0, sizeof err);
	failures = 0;

	/* same as "basic all answered" */
	snprintf(path, sizeof path, "%s/score/a-basic-full.json", TESTDATA);
	struct answers *a = answers_load(q, path, &err);
	if (!a)
		fail_msg("%s", err.msg);
	assert_int_equal(answers_count(a), 9);
	assert_int_equal(a->values[questionnaire_item_index(q, "s1")], 1); /* "b" */
	assert_int_equal(a->values[questionnaire_item_index(q, "s2")], 2); /* "c" */
	assert_int_equal(a->values[questionnaire_item_index(q, "c2")], 2);
	assert_non_null(a->note);
	assert_string_equal(a->note, "Full answers.");
	struct result *res = score_compute(q, a);
	assert_non_null(res);
	check_score_row(&score_rows[0], q, res);
	result_destroy(res);
	answers_destroy(a);

	/* same as "basic skipped left out": missing items are skipped */
	snprintf(path, sizeof path, "%s/score/a-basic-sparse.json", TESTDATA);
	a = answers_load(q, path, &err);
	if (!a)
		fail_msg("%s", err.msg);
	assert_int_equal(answers_count(a), 4);
	assert_int_equal(a->values[questionnaire_item_index(q, "c2")],
		ANSWER_SKIPPED);
	res = score_compute(q, a);
	assert_non_null(res);
	check_score_row(&score_rows[3], q, res);
	result_destroy(res);
	answers_destroy(a);

	/* parsed from text */
	static const char text[] = "{\"format\": \"ladder-answers\", "
		"\"format_version\": 1, \"questionnaire\": \"score-basic\", "
		"\"answers\": {\"s1\": \"a\", \"s2\": \"a\", \"w1\": 3, "
		"\"u1\": 2, \"u2\": 4, \"p1\": 4}}";
	a = answers_parse(q, "inline", text, strlen(text), &err);
	if (!a)
		fail_msg("%s", err.msg);
	res = score_compute(q, a);
	assert_non_null(res);
	check_score_row(&score_rows[2], q, res);
	result_destroy(res);
	answers_destroy(a);

	questionnaire_destroy(q);
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------ */
/* 6. The result object (ladder-questionnaire(5), RESULT). */

static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!m)
		fail_msg("result has no key \"%s\"", key);
	return m;
}

static void json_number(const cJSON *obj, const char *key, double v)
{
	const cJSON *m = member(obj, key);
	if (!cJSON_IsNumber(m))
		fail_msg("\"%s\" is not a number", key);
	if (fabs(m->valuedouble - v) > TOL)
		fail_msg("\"%s\": expected %.17g, got %.17g", key, v,
			m->valuedouble);
}

static void json_null(const cJSON *obj, const char *key)
{
	if (!cJSON_IsNull(member(obj, key)))
		fail_msg("\"%s\" should be null", key);
}

static void json_string(const cJSON *obj, const char *key, const char *v)
{
	const cJSON *m = member(obj, key);
	if (!cJSON_IsString(m))
		fail_msg("\"%s\" is not a string", key);
	assert_string_equal(m->valuestring, v);
}

static void json_bool(const cJSON *obj, const char *key, bool v)
{
	const cJSON *m = member(obj, key);
	if (!cJSON_IsBool(m))
		fail_msg("\"%s\" is not a boolean", key);
	if ((bool)cJSON_IsTrue(m) != v)
		fail_msg("\"%s\": expected %s", key, v ? "true" : "false");
}

static cJSON *score_to_json(const char *file, const char *answers)
{
	struct questionnaire *q = load_q(file);
	struct answers *a = make_answers(q, answers);
	struct result *res = score_compute(q, a);
	assert_non_null(res);
	cJSON *j = result_to_json(res);
	assert_non_null(j);
	result_destroy(res);
	answers_destroy(a);
	questionnaire_destroy(q);
	return j;
}

static void test_result_json(void **state)
{
	(void)state;

	/* facets, a defined stage, a facet with a null stage and null axes */
	cJSON *j = score_to_json("q-facets.json", facet_rows[0].answers);
	const cJSON *qq = member(j, "questionnaire");
	json_string(qq, "id", "score-facets");
	json_number(qq, "version", 3);
	json_number(j, "rule", 2);
	json_null(j, "set");
	json_bool(j, "repeat", false);
	json_string(j, "stage", "conscious_incompetence");
	json_bool(j, "borderline", false);
	json_null(j, "nearest_stage");
	const cJSON *axes = member(j, "axes");
	json_number(axes, "competence", 0.6875);
	json_number(axes, "awareness", 0.75);
	json_number(axes, "automaticity", 0.125);
	json_number(axes, "perceived", 0.75);
	/* perceived - S = .75 - .5 (section 1); perceived - competence
	 * would be .0625 */
	json_number(j, "calibration_gap", 0.25);
	json_number(j, "measured_competence", 0.5);
	json_number(j, "placed_awareness", 0.75);
	/* M = min(.6875-.6, .5-.6) */
	json_number(j, "margin", -0.1);
	const cJSON *rs = member(j, "reasons");
	json_string(rs, "evidence", "situations");
	assert_int_equal(cJSON_GetArraySize(member(rs, "below_line")), 1);
	assert_string_equal(cJSON_GetArrayItem(member(rs, "below_line"), 0)->valuestring,
		"situations");
	json_string(rs, "margin_from", "situations");
	json_string(rs, "awareness_from", "awareness");
	json_null(rs, "not_placed");
	json_number(j, "answered", 11);
	json_number(j, "total", 11);
	const cJSON *facets = member(j, "facets");
	assert_true(cJSON_IsArray(facets));
	assert_int_equal(cJSON_GetArraySize(facets), 3);
	const cJSON *f = cJSON_GetArrayItem(facets, 0);
	json_string(f, "id", "alpha");
	json_string(f, "stage", "conscious_incompetence");
	json_number(member(f, "axes"), "competence", 0.75);
	json_number(member(f, "axes"), "perceived", 0.5);
	f = cJSON_GetArrayItem(facets, 1);
	json_string(f, "id", "beta");
	json_string(f, "stage", "unconscious_incompetence");
	json_number(member(f, "axes"), "automaticity", 0.0);
	/* no scenario in beta: self-report, and A* from over-estimation */
	json_string(member(f, "reasons"), "evidence", "self_report");
	json_string(member(f, "reasons"), "awareness_from", "over_estimation");
	json_number(f, "placed_awareness", 0.25);
	f = cJSON_GetArrayItem(facets, 2);
	json_string(f, "id", "gamma");
	json_null(f, "stage");
	json_number(member(f, "axes"), "competence", 1.0);
	json_number(member(f, "axes"), "awareness", 0.5);
	json_null(member(f, "axes"), "automaticity");
	json_null(member(f, "axes"), "perceived");
	json_string(member(f, "reasons"), "not_placed", "no_automaticity_answers");
	cJSON_Delete(j);

	/* borderline with a nearest stage */
	j = score_to_json("q-basic.json", "s1=a s2=a w1=3 u1=2 u2=4 p1=4");
	json_string(j, "stage", "conscious_competence");
	json_bool(j, "borderline", true);
	json_string(j, "nearest_stage", "conscious_incompetence");
	json_number(j, "calibration_gap", 0.125);
	json_number(j, "answered", 6);
	json_number(j, "total", 9);
	cJSON_Delete(j);

	/* both stage values at the other end of the scale */
	j = score_to_json("q-zero-scale.json", "k1=1 k2=5 a1=5 a2=2 p1=4");
	json_string(j, "stage", "conscious_incompetence");
	json_bool(j, "borderline", true);
	json_string(j, "nearest_stage", "unconscious_incompetence");
	json_null(member(j, "axes"), "automaticity");
	cJSON_Delete(j);

	/* M = .025, from the situations: borderline, and the line flips to
	 * rung 2 */
	j = score_to_json("q-basic.json", "c1=5 c2=2 s1=b s2=c w1=4 w2=2 u1=5 "
		"u2=1 p1=5");
	json_string(j, "stage", "unconscious_competence");
	json_string(j, "nearest_stage", "conscious_incompetence");
	json_string(member(j, "reasons"), "margin_from", "situations");
	json_number(j, "margin", 0.025);
	cJSON_Delete(j);

	/* nothing answered: everything undefined is null */
	j = score_to_json("q-basic.json", "");
	json_null(j, "stage");
	json_bool(j, "borderline", false);
	json_null(j, "nearest_stage");
	axes = member(j, "axes");
	json_null(axes, "competence");
	json_null(axes, "awareness");
	json_null(axes, "automaticity");
	json_null(axes, "perceived");
	json_null(j, "calibration_gap");
	json_null(j, "margin");
	json_string(member(j, "reasons"), "not_placed", "no_situations_answered");
	json_null(member(j, "reasons"), "margin_from");
	json_number(j, "answered", 0);
	json_number(j, "total", 9);
	facets = member(j, "facets");
	assert_int_equal(cJSON_GetArraySize(facets), 1);
	json_null(cJSON_GetArrayItem(facets, 0), "stage");
	cJSON_Delete(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_scores),
		cmocka_unit_test(test_placement_table),
		cmocka_unit_test(test_borderline_exactly_005),
		cmocka_unit_test(test_thresholds_loaded),
		cmocka_unit_test(test_score_table),
		cmocka_unit_test(test_facets),
		cmocka_unit_test(test_answers_documents),
		cmocka_unit_test(test_result_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
