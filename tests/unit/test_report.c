/* The explained result (ladder/report.h): the calibration bands, the
 * borderline and movement sentences, and, over many random answer sets,
 * that no sentence contradicts the numbers of its result and that each
 * situation's numbers and letters are the paper sheet's. */
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
#include "ladder/explain.h"
#include "ladder/journal.h"
#include "ladder/questionnaire.h"
#include "ladder/report.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/util.h"

#ifndef TESTDATA
#error "TESTDATA must be defined"
#endif

struct cal_row {
	double p, s;
	bool self_report;
	const char *contains; /* NULL: no sentence */
	const char *lacks;
};

/* the bands of |P - S|: under .10, .10 to under .25, .25 and over */
static const struct cal_row cal_rows[] = {
	{NAN, 0.5, false, NULL, NULL},
	{0.5, NAN, false, NULL, NULL},
	{0.6, 0.6, false, "Your self-rating (60%) matches your choices in the situations (60%)", NULL},
	{0.69, 0.6, false, "matches", "higher"},
	{0.7, 0.6, false, "somewhat higher (70%) than your choices in the situations show (60%)", NULL},
	{0.84, 0.6, false, "somewhat higher", "good deal"},
	{0.85, 0.6, false, "a good deal higher (85%)", NULL},
	{0.5, 0.6, false, "somewhat lower (50%)", "good deal"},
	{0.2, 0.6, false, "a good deal lower (20%)", NULL},
	{0.2, 0.6, false, "does not count against you", NULL},
	{0.9, 0.5, true, "than your answers about what you do show (50%)", "situations"},
};

static void
test_calibration(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cal_rows) / sizeof(cal_rows[0]); i++) {
		const struct cal_row *r = &cal_rows[i];
		char *s = report_calibration(r->p, r->s, r->self_report);
		if (r->contains == NULL) {
			assert_null(s);
			continue;
		}
		if (s == NULL || strstr(s, r->contains) == NULL ||
			(r->lacks != NULL && strstr(s, r->lacks) != NULL)) {
			fail_msg("row %zu: \"%s\" (want \"%s\", not \"%s\")", i, s ? s : "(null)",
				r->contains, r->lacks ? r->lacks : "");
		}
		free(s);
	}
}

static struct questionnaire *
load(const char *path)
{
	struct ladder_error err;
	error_clear(&err);
	struct questionnaire *q = questionnaire_load(path, &err);
	if (q == NULL) {
		fail_msg("%s", err.msg);
	}
	return q;
}

static const struct report_block *
find_block(const struct report *r, enum report_kind kind, const char *contains)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->blocks[i].kind == kind &&
			(contains == NULL || strstr(r->blocks[i].text, contains) != NULL)) {
			return &r->blocks[i];
		}
	}
	return NULL;
}

static struct report
explain(const struct questionnaire *q, const struct answers *a, cJSON **res)
{
	struct result *r = score_compute(q, a);
	assert_non_null(r);
	*res = result_to_json(r);
	result_destroy(r);
	cJSON *values = answers_values_to_json(q, a);
	struct report_input in = {.q = q, .result = *res, .answers = values};
	struct report rep;
	assert_true(report_result(&rep, &in));
	cJSON_Delete(values);
	return rep;
}

/* The result of the over-confident person of the placement review, and of
 * a modest one: the words follow the reasons. */
static void
test_sentences(void **state)
{
	(void)state;
	struct questionnaire *q = load(TESTDATA "/score/q-basic.json");
	struct answers *a = answers_create(q);
	/* C 2.5/3 reaches the line, S .5 does not: rung 2, held by S */
	const char *spec[][2] = {{"c1", "5"}, {"c2", "1"}, {"w1", "5"}, {"u1", "5"}, {"u2", "1"},
		{"p1", "3"}};
	for (size_t i = 0; i < sizeof(spec) / sizeof(spec[0]); i++) {
		a->values[questionnaire_item_index(q, spec[i][0])] = atoi(spec[i][1]);
	}
	a->values[questionnaire_item_index(q, "s1")] = 1; /* b: .5 */
	cJSON *res;
	struct report rep = explain(q, a, &res);
	assert_int_equal(rep.stage, STAGE_CONSCIOUS_INCOMPETENCE);
	assert_non_null(find_block(&rep, REPORT_HEADING, "Rung 2"));
	assert_non_null(find_block(&rep, REPORT_PARA,
		"Your answers about what you do (83%) reach the competence line, but your choices in "
		"the situations (50%) do not (the line is at 60%). Both must reach it."));
	assert_non_null(find_block(&rep, REPORT_PARA, "that is rung 2"));
	assert_non_null(find_block(&rep, REPORT_PARA, "Your self-rating (50%) matches your choices"));
	assert_non_null(find_block(&rep, REPORT_NOTE, "judgement of the questionnaire's authors"));
	/* no journal: no movement section */
	assert_null(find_block(&rep, REPORT_HEADING, "Since last time"));
	report_finish(&rep);
	cJSON_Delete(res);

	/* a little more in the situations: s1 c (0) and s2 b (1) -> S .5;
	 * with s1 a and s2 a: S .625, C .6875 -> above, borderline on S */
	for (size_t i = 0; i < a->n; i++) {
		a->values[i] = ANSWER_SKIPPED;
	}
	a->values[questionnaire_item_index(q, "c1")] = 3; /* .5 */
	a->values[questionnaire_item_index(q, "s1")] = 0; /* 1 */
	a->values[questionnaire_item_index(q, "s2")] = 3; /* 0 */
	a->values[questionnaire_item_index(q, "w1")] = 5;
	a->values[questionnaire_item_index(q, "u1")] = 2;
	a->values[questionnaire_item_index(q, "p1")] = 3;
	/* C = (.5+1+0)/3 = .5, S = .5: below by both, M -.1; not borderline.
	 * One more answer: c2=1 (1): C = .625, S .5 -> below by S, M -.1 */
	rep = explain(q, a, &res);
	assert_non_null(find_block(&rep, REPORT_PARA, "are both below the competence line"));
	report_finish(&rep);
	cJSON_Delete(res);
	a->values[questionnaire_item_index(q, "s2")] = 2; /* .75: S .875, C .75 */
	a->values[questionnaire_item_index(q, "c1")] = 2; /* .25: C (.25+1+.75)/3 = .667 */
	a->values[questionnaire_item_index(q, "c2")] = 5; /* 0: C (.25+1+.75+0)/4 = .5 */
	a->values[questionnaire_item_index(q, "c1")] = 5; /* 1: C .6875 */
	a->values[questionnaire_item_index(q, "c2")] = 4; /* .25: C .75 */
	a->values[questionnaire_item_index(q, "c1")] = 3; /* .5: C (.5+.25+1+.75)/4 = .625 */
	rep = explain(q, a, &res);
	/* C .625 - .6 = .025: the line is near, by what you report */
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(res, "borderline")));
	assert_non_null(find_block(&rep, REPORT_EMPHASIS,
		"You are close to the competence line: a little less in what you do would "
		"place you on rung"));
	report_finish(&rep);
	cJSON_Delete(res);
	answers_destroy(a);
	questionnaire_destroy(q);
}

/* a percentage of v as the sentences print it */
static void
pct(char buf[16], double v)
{
	snprintf(buf, 16, "(%d%%)", (int)lround(v * 100));
}

static unsigned long rng_state = 20261204;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng_state >> 33) % n);
}

/* Each situation's blocks refer to the paper sheet: the BULLET's number is
 * the situation's place among the questions of the set, each option's
 * letter its place among the options, and the reason after reason_at that
 * option's own. */
static void
check_sheet_refs(const struct questionnaire *q, const struct answers *a,
	const struct report *rep)
{
	size_t b = 0;
	int number = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (!questionnaire_item_asked(q, i, a->set)) {
			continue;
		}
		number++;
		if (it->kind != ITEM_SCENARIO) {
			continue;
		}
		while (b < rep->n && !(rep->blocks[b].kind == REPORT_BULLET &&
			rep->blocks[b].number > 0)) {
			b++;
		}
		assert_true(b < rep->n);
		assert_int_equal(rep->blocks[b].number, number);
		assert_string_equal(rep->blocks[b].text, it->text);
		size_t best = item_best_option(it);
		size_t labeled = 0;
		for (b++; b < rep->n && rep->blocks[b].indent == 2; b++) {
			const struct report_block *x = &rep->blocks[b];
			if (x->kind != REPORT_LABELED) {
				assert_int_equal(x->letter, 0);
				continue;
			}
			labeled++;
			size_t k = best;
			if (strcmp(x->label, "Your answer:") == 0) {
				assert_true(a->values[i] >= 0 && (size_t)a->values[i] != best);
				k = (size_t)a->values[i];
			} else if (strcmp(x->label, "Your answer, rated best:") == 0) {
				assert_int_equal(a->values[i], (int)best);
			} else {
				assert_string_equal(x->label, "Rated best:");
			}
			assert_int_equal(x->letter, 'A' + (int)k);
			const struct option *o = &it->options[k];
			if (o->rationale[0] != '\0') {
				assert_string_equal(x->text + x->reason_at, o->rationale);
			} else {
				assert_int_equal(x->reason_at, 0);
			}
		}
		assert_true(labeled == 1 || labeled == 2);
	}
	for (; b < rep->n; b++) {
		assert_false(rep->blocks[b].kind == REPORT_BULLET && rep->blocks[b].number > 0);
	}
}

/* Over random answers to the built-in questionnaires and q-sets: the
 * headline names the result's rung, the calibration sentence is in the
 * band of |P - S| with both numbers, the reason names what held it below
 * the line exactly when the result says so, a borderline result says how
 * near, and each area's block shows that area's rung. */
static void
test_never_contradicts(void **state)
{
	(void)state;
	const char *files[] = {TESTDATA "/../../data/questionnaires/cultural.json",
		TESTDATA "/../../data/questionnaires/social-media.json",
		TESTDATA "/sets/q-sets.json", TESTDATA "/score/q-basic.json"};
	size_t checked = 0, stages_seen[5] = {0};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct questionnaire *q = load(files[f]);
		for (int run = 0; run < 300; run++) {
			struct answers *a = answers_create(q);
			a->set = q->n_sets ? 1 + (int)rnd((unsigned)q->n_sets) : 0;
			unsigned skip = rnd(4) * 10; /* percent skipped */
			int lean = (int)rnd(3);      /* 0 low, 1 any, 2 high */
			for (size_t i = 0; i < q->n_items; i++) {
				const struct item *it = &q->items[i];
				if (!questionnaire_item_asked(q, i, a->set) || rnd(100) < skip) {
					continue;
				}
				if (it->kind == ITEM_SCENARIO) {
					a->values[i] = (int)rnd((unsigned)it->n_options);
				} else {
					const struct scale *sc = &q->scales[it->scale];
					int span = sc->max - sc->min;
					int v = (int)rnd((unsigned)span + 1);
					if (lean == 0) {
						v = v / 2;
					} else if (lean == 2) {
						v = span - v / 2;
					}
					a->values[i] = sc->min + v;
				}
			}
			cJSON *res;
			struct report rep = explain(q, a, &res);
			struct placement p, fp[64];
			const char *ids[64];
			size_t answered, total;
			size_t nf = explain_read_result(res, &p, fp, ids, 64, &answered, &total);
			stages_seen[p.stage]++;
			char head[32], pp[16], sp[16];
			snprintf(head, sizeof(head), "Rung %d,", (int)p.stage);
			if (p.stage != STAGE_NONE) {
				assert_non_null(find_block(&rep, REPORT_HEADING, head));
			} else {
				assert_non_null(find_block(&rep, REPORT_HEADING, "Not placed this time"));
			}
			const struct report_block *cal = NULL;
			double gap = p.axes[AXIS_PERCEIVED] - p.measured;
			if (!isnan(gap)) {
				pct(pp, p.axes[AXIS_PERCEIVED]);
				pct(sp, p.measured);
				const char *band = fabs(gap) < 0.10 - 1e-9 ? "matches"
					: gap > 0 ? (fabs(gap) < 0.25 - 1e-9 ? "somewhat higher" : "a good deal higher")
					: (fabs(gap) < 0.25 - 1e-9 ? "somewhat lower" : "a good deal lower");
				cal = find_block(&rep, REPORT_PARA, band);
				if (cal == NULL || strstr(cal->text, pp) == NULL || strstr(cal->text, sp) == NULL) {
					fail_msg("%s run %d: gap %.3f: no \"%s\" sentence with %s and %s",
						files[f], run, gap, band, pp, sp);
				}
			}
			const struct report_block *why = find_block(&rep, REPORT_PARA, "competence line");
			if (p.stage != STAGE_NONE && why == NULL) {
				fail_msg("%s run %d: no reason", files[f], run);
			}
			if (p.stage == STAGE_CONSCIOUS_INCOMPETENCE || p.stage == STAGE_UNCONSCIOUS_INCOMPETENCE) {
				bool both = strstr(why->text, "are both below") != NULL;
				bool by_s = strstr(why->text, "but your choices in the situations") != NULL;
				bool by_c = strstr(why->text, "reach the competence line, but your answers about") != NULL;
				bool self = strstr(why->text, "rests on what you report alone") != NULL;
				assert_true(self || both == (p.below_competence && p.below_situations));
				assert_true(self || by_s == (!p.below_competence && p.below_situations));
				assert_true(self || by_c == (p.below_competence && !p.below_situations));
			} else if (p.stage != STAGE_NONE) {
				assert_non_null(strstr(why->text, "reach"));
				assert_null(strstr(why->text, "below"));
			}
			bool near = find_block(&rep, REPORT_EMPHASIS, "You are close to the") != NULL;
			assert_int_equal(near, p.borderline && p.nearest != STAGE_NONE);
			size_t k = 0;
			for (size_t b = 0; b < rep.n; b++) {
				if (rep.blocks[b].kind == REPORT_AREA) {
					assert_true(k < nf);
					assert_int_equal(rep.blocks[b].stage, fp[k].stage);
					k++;
				}
			}
			assert_int_equal(k, nf);
			check_sheet_refs(q, a, &rep);
			checked++;
			report_finish(&rep);
			cJSON_Delete(res);
			answers_destroy(a);
		}
		questionnaire_destroy(q);
	}
	assert_int_equal(checked, 1200);
	/* the random answers reached every outcome, or they prove little */
	for (int s = 0; s <= 4; s++) {
		if (stages_seen[s] == 0) {
			fail_msg("no random case on stage %d", s);
		}
	}
}

static void
add(struct journal *j, const struct questionnaire *q, int set, int level, int64_t at)
{
	struct answers *a = answers_create(q);
	a->set = set;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (!questionnaire_item_asked(q, i, set)) {
			continue;
		}
		if (it->kind == ITEM_SCENARIO) {
			/* the best option at level 2, the worst below */
			size_t best = item_best_option(it);
			a->values[i] = level >= 2 ? (int)best : (int)(best == 0 ? 1 : 0);
		} else {
			a->values[i] = level >= 2 ? 5 : 1;
		}
	}
	if (level == 0) { /* not placed: the situations skipped */
		for (size_t i = 0; i < q->n_items; i++) {
			if (q->items[i].kind == ITEM_SCENARIO) {
				a->values[i] = ANSWER_SKIPPED;
			}
		}
	}
	struct result *r = score_compute(q, a);
	r->repeat = journal_is_repeat(j, q, set);
	struct ladder_error err;
	error_clear(&err);
	assert_non_null(journal_add_session(j, q, a, r, at, at, &err));
	result_destroy(r);
	answers_destroy(a);
}

static char *
movement(const struct journal *j, size_t i)
{
	struct movement mv = journal_movement(j, i);
	return report_movement_text(&mv, j->sessions[i].stage);
}

static void
test_movement(void **state)
{
	(void)state;
	struct questionnaire *q = load(TESTDATA "/sets/q-sets.json");
	struct journal *j = journal_create();
	int64_t day = 86400, t0 = 1767225600; /* 2026-01-01 */
	add(j, q, 1, 2, t0);           /* 0: rung 4 */
	add(j, q, 2, 0, t0 + day);     /* 1: not placed */
	add(j, q, 2, 1, t0 + 2 * day); /* 2: low, set 2 again: a repeat */
	add(j, q, 1, 2, t0 + 3 * day); /* 3: high, set 1 again */
	struct {
		size_t i;
		const char *contains;
	} want[] = {
		{0, "first placed session"},
		{1, "not placed, so it is left out of your movement"},
		/* the unplaced one is skipped: measured from session 0 */
		{2, "lower than your last time, on 2026-01-01"},
		{2, "same situations as on 2026-01-02 (set 2)"},
		{3, "You moved up to rung 4 (unconscious competence) from rung"},
		{3, "same situations as on 2026-01-01 (set 1)"},
	};
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		char *s = movement(j, want[k].i);
		if (s == NULL || strstr(s, want[k].contains) == NULL) {
			fail_msg("session %zu: \"%s\" lacks \"%s\"", want[k].i, s ? s : "(null)",
				want[k].contains);
		}
		free(s);
	}
	/* not recorded: nothing to say */
	struct movement none = {0};
	assert_null(report_movement_text(&none, STAGE_CONSCIOUS_COMPETENCE));
	/* a session kept under rule 1 */
	j->sessions[3].rule = 1;
	char *s = movement(j, 3);
	assert_non_null(strstr(s, "scored under an earlier rule"));
	free(s);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* A result made by hand from a placement (and one area), explained with
 * q's thresholds. */
static struct report
explain_placement(const struct questionnaire *q, struct placement *p, struct placement *area,
	cJSON **res)
{
	struct thresholds t = score_thresholds(q);
	placement_decide(p, &t);
	struct facet_result fr = {.id = q->facets[0].id};
	if (area != NULL) {
		placement_decide(area, &t);
		fr.p = *area;
	}
	struct result r = {.questionnaire_id = q->id, .questionnaire_version = q->version,
		.p = *p, .facets = area ? &fr : NULL, .n_facets = area ? 1 : 0, .total = 1};
	*res = result_to_json(&r);
	assert_non_null(*res);
	struct report_input in = {.q = q, .result = *res};
	struct report rep;
	assert_true(report_result(&rep, &in));
	return rep;
}

/* What a code review found: the words must follow the numbers that
 * decided, and never show an undefined one. */
static void
test_words_follow_numbers(void **state)
{
	(void)state;
	struct questionnaire *q = load(TESTDATA "/score/q-basic.json");
	cJSON *res;
	/* rung 2 from over-estimation with no awareness answers: A* = 1-O =
	 * .7; the sentence gives P and S in the calibration's band, not an
	 * awareness of 0% */
	struct placement p = {.axes = {0.3, NAN, 0.5, 0.6}, .measured = 0.3,
		.evidence = EVIDENCE_SITUATIONS};
	struct report rep = explain_placement(q, &p, NULL, &res);
	assert_int_equal(p.stage, STAGE_CONSCIOUS_INCOMPETENCE);
	assert_int_equal(p.awareness_from, AWARE_OVERESTIMATION);
	const struct report_block *why = find_block(&rep, REPORT_PARA, "competence line");
	assert_non_null(why);
	assert_null(strstr(why->text, "(0%)"));
	assert_non_null(strstr(why->text, "Your self-rating (60%) is a good deal higher than"));
	assert_non_null(find_block(&rep, REPORT_PARA, "a good deal higher (60%)"));
	report_finish(&rep);
	cJSON_Delete(res);

	/* a value just below its line never shows as the line's percentage */
	p = (struct placement){.axes = {0.596, 0.9, 0.5, 0.6}, .measured = 0.7,
		.evidence = EVIDENCE_SITUATIONS};
	rep = explain_placement(q, &p, NULL, &res);
	assert_int_equal(p.stage, STAGE_CONSCIOUS_INCOMPETENCE);
	why = find_block(&rep, REPORT_PARA, "competence line");
	assert_non_null(strstr(why->text, "what you do (59%) do not (the line is at 60%)"));
	report_finish(&rep);
	cJSON_Delete(res);

	/* an area without situations: its largest gap is against what the
	 * person reports doing there, not against choices */
	p = (struct placement){.axes = {0.8, 0.9, 0.9, 0.8}, .measured = 0.8,
		.evidence = EVIDENCE_SITUATIONS};
	struct placement area = {.axes = {0.5, 0.9, 0.9, 0.9}, .measured = 0.5,
		.evidence = EVIDENCE_SELF_REPORT};
	rep = explain_placement(q, &p, &area, &res);
	const struct report_block *big = find_block(&rep, REPORT_EMPHASIS, "largest gap");
	assert_non_null(big);
	assert_non_null(strstr(big->text, "what you report doing there shows 50%"));
	assert_null(strstr(big->text, "choices"));
	report_finish(&rep);
	cJSON_Delete(res);
	questionnaire_destroy(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calibration),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_never_contradicts),
		cmocka_unit_test(test_movement),
		cmocka_unit_test(test_words_follow_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
