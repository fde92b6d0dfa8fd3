/* score_compute over small questionnaires: the thresholds read from the
 * file or defaulted, the whole placement, each facet's own placement, and
 * answers read from ladder-answers documents scoring the same. Expectations
 * by hand; the rule is restated in score_fixture.h. */
#include "score_fixture.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thresholds_loaded),
		cmocka_unit_test(test_score_table),
		cmocka_unit_test(test_facets),
		cmocka_unit_test(test_answers_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
