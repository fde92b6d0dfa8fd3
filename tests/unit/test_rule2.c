/* Scoring rule 2 where it differs from rule 1, and what comes with it:
 * both C and S must reach the line, only over-estimation counts against
 * awareness, scenario thresholds, self-report scopes, not-placed reasons;
 * parallel sets in questionnaires, answers and the journal; repeats; the
 * one movement; old sessions re-scored. Every expectation is computed by
 * hand from ladder-questionnaire(5), SCORING. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ladder/answers.h"
#include "ladder/catalog.h"
#include "ladder/journal.h"
#include "ladder/questionnaire.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/util.h"
#include "ladder/vault.h"

#ifndef TESTDATA
#error "TESTDATA must be defined"
#endif

#define U NAN
#define TOL 1e-9

enum { N0 = STAGE_NONE, N1 = STAGE_UNCONSCIOUS_INCOMPETENCE,
	N2 = STAGE_CONSCIOUS_INCOMPETENCE, N3 = STAGE_CONSCIOUS_COMPETENCE,
	N4 = STAGE_UNCONSCIOUS_COMPETENCE };
enum { BC = 1, BS = 2 };     /* held below the line by C, by S */
enum { SR = 1 };              /* self-report scope */

struct row {
	const char *name;
	double c, s, aw, au, pe;
	double tc, ts, ta, tu;
	int self_report;
	double gap, astar, margin; /* expected */
	int stage, borderline, nearest, below;
	enum awareness_source from;
	enum not_placed np;
};

#define D 0.6, 0.6, 0.5, 0.6

static const struct row rows[] = {
	/* self-report high, choices weak: M = min(.2, .24-.6) -> below, held
	 * by S; gap .71, A* = min(.7, .29) from over-estimation -> rung 1
	 * (rule 1 placed this person on rung 4) */
	{"over-confident", 0.8, 0.24, 0.7, 0.9, 0.95, D, 0, 0.71, 0.29, -0.36,
		N1, 0, N0, BS, AWARE_OVERESTIMATION, PLACED},
	/* S reaches, C does not: held by C; gap -.1 not punished: A* .6 */
	{"held by C", 0.5, 0.7, 0.6, 0.8, 0.6, D, 0, -0.1, 0.6, -0.1,
		N2, 0, N0, BC, AWARE_ANSWERS, PLACED},
	{"held by both", 0.3, 0.2, 0.2, 0.5, 0.3, D, 0, 0.1, 0.2, -0.4,
		N1, 0, N0, BC | BS, AWARE_ANSWERS, PLACED},
	/* Ts .8 of its own: S .7 holds it below though C .9 */
	{"Ts above Tc", 0.9, 0.7, 0.6, 0.9, 0.7, 0.6, 0.8, 0.5, 0.6, 0, 0.0, 0.6, -0.1,
		N2, 0, N0, BS, AWARE_ANSWERS, PLACED},
	/* Ts .4: S .45 reaches it; M = min(.1, .05) = .05: borderline, the
	 * line flips to rung 2 (A* .6) */
	{"Ts below Tc", 0.7, 0.45, 0.6, 0.3, 0.5, 0.6, 0.4, 0.5, 0.6, 0, 0.05, 0.6, 0.05,
		N3, 1, N2, 0, AWARE_ANSWERS, PLACED},
	/* self-report: M = C - Tc; Ts .9 does not apply */
	{"self-report ignores Ts", 0.7, 0.7, 0.5, 0.7, 0.7, 0.6, 0.9, 0.5, 0.6, SR, 0.0, 0.5, 0.1,
		N4, 0, N0, 0, AWARE_ANSWERS, PLACED},
	/* situations asked, none answered: not placed */
	{"situations skipped", 0.8, U, 0.6, 0.8, 0.7, D, 0, U, 0.6, U,
		N0, 0, N0, 0, AWARE_ANSWERS, NOT_PLACED_NO_SITUATIONS},
	/* modest and skilled: gap -.6 leaves A* at .3; above the line */
	{"modest above", 0.7, 0.8, 0.3, 0.4, 0.2, D, 0, -0.6, 0.3, 0.1,
		N3, 0, N0, 0, AWARE_ANSWERS, PLACED},
	/* modest below the line: rung 2 on its awareness answers */
	{"modest below", 0.5, 0.55, 0.6, 0.4, 0.1, D, 0, -0.45, 0.6, -0.1,
		N2, 0, N0, BC | BS, AWARE_ANSWERS, PLACED},
	/* A* = 1-O = .5 exactly at Ta, from over-estimation: rung 2,
	 * borderline, flipping it gives rung 1 */
	{"A* at Ta from O", 0.4, 0.4, 0.9, 0.5, 0.9, D, 0, 0.5, 0.5, -0.2,
		N2, 1, N1, BC | BS, AWARE_OVERESTIMATION, PLACED},
	/* above by C .9, S .62 near the line: the line flips to rung 2 */
	{"near by S", 0.9, 0.62, 0.8, 0.9, 0.9, D, 0, 0.28, 0.72, 0.02,
		N4, 1, N2, 0, AWARE_OVERESTIMATION, PLACED},
	/* below the line, no awareness and no self-rating */
	{"no awareness", 0.3, 0.3, U, 0.9, U, D, 0, U, U, -0.3,
		N0, 0, N0, BC | BS, AWARE_NONE, NOT_PLACED_NO_AWARENESS},
	{"no automaticity", 0.9, 0.9, 0.9, U, 0.9, D, 0, 0.0, 0.9, 0.3,
		N0, 0, N0, 0, AWARE_ANSWERS, NOT_PLACED_NO_AUTOMATICITY},
};

static int failures;

static void
check_d(const char *row, const char *what, double got, double want)
{
	if (isnan(want) ? !isnan(got) : (isnan(got) || fabs(got - want) > TOL)) {
		print_error("  [%s] %s: expected %.17g, got %.17g\n", row, what, want, got);
		failures++;
	}
}

static void
check_i(const char *row, const char *what, int got, int want)
{
	if (got != want) {
		print_error("  [%s] %s: expected %d, got %d\n", row, what, want, got);
		failures++;
	}
}

static void
test_rows(void **state)
{
	(void)state;
	failures = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct placement p = {.axes = {r->c, r->aw, r->au, r->pe}, .measured = r->s,
			.evidence = r->self_report ? EVIDENCE_SELF_REPORT : EVIDENCE_SITUATIONS};
		struct thresholds t = {r->tc, r->ts, r->ta, r->tu};
		placement_decide(&p, &t);
		check_d(r->name, "gap", p.calibration_gap, r->gap);
		check_d(r->name, "A*", p.placed_awareness, r->astar);
		check_d(r->name, "margin", p.margin, r->margin);
		check_i(r->name, "stage", (int)p.stage, r->stage);
		check_i(r->name, "borderline", p.borderline, r->borderline);
		check_i(r->name, "nearest", (int)p.nearest, r->nearest);
		check_i(r->name, "below", (p.below_competence ? BC : 0) | (p.below_situations ? BS : 0),
			r->below);
		check_i(r->name, "awareness from", (int)p.awareness_from, (int)r->from);
		check_i(r->name, "not placed", (int)p.not_placed, (int)r->np);
	}
	assert_int_equal(failures, 0);
}

static struct questionnaire *
load_sets(void)
{
	struct ladder_error err;
	error_clear(&err);
	struct questionnaire *q = questionnaire_load(TESTDATA "/sets/q-sets.json", &err);
	if (q == NULL) {
		fail_msg("%s", err.msg);
	}
	return q;
}

static void
test_questionnaire_sets(void **state)
{
	(void)state;
	struct questionnaire *q = load_sets();
	assert_int_equal(q->n_sets, 2);
	assert_true(fabs(q->t_scenarios - 0.5) < TOL);
	assert_true(q->facets[0].has_stages);
	assert_false(q->facets[1].has_stages);
	assert_string_equal(q->facets[0].stages[1].summary, "One at conscious_incompetence.");
	assert_int_equal(q->facets[0].stages[2].n_next_steps, 1);
	assert_int_equal(questionnaire_items_asked(q, 1), 9);
	assert_int_equal(questionnaire_items_asked(q, 2), 9);
	assert_false(questionnaire_item_asked(q, 2, 1)); /* s1b is set 2 */
	/* the normalised form keeps what was given, with Ts filled in */
	cJSON *o = questionnaire_to_json(q);
	char *text = cJSON_PrintUnformatted(o);
	assert_non_null(strstr(text, "\"scenarios\":0.5"));
	assert_non_null(strstr(text, "\"set\":2"));
	assert_non_null(strstr(text, "\"summary\":\"One at unconscious_competence.\""));
	struct ladder_error err;
	error_clear(&err);
	struct questionnaire *back = questionnaire_parse("again", text, strlen(text), &err);
	assert_non_null(back);
	assert_int_equal(back->n_sets, 2);
	questionnaire_destroy(back);
	free(text);
	cJSON_Delete(o);
	questionnaire_destroy(q);

	/* a questionnaire without sets or Ts: Ts is Tc */
	q = questionnaire_load(TESTDATA "/score/q-thresholds.json", &err);
	assert_non_null(q);
	assert_int_equal(q->n_sets, 0);
	assert_true(fabs(q->t_scenarios - q->t_competence) < TOL);
	questionnaire_destroy(q);
}

/* The q-sets file with one change: from becomes to. */
static void
refused(const char *from, const char *to, const char *expect)
{
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	error_clear(&err);
	assert_true(file_read(TESTDATA "/sets/q-sets.json", 1 << 20, &text, &len, &err));
	char *at = strstr(text, from);
	if (at == NULL) {
		fail_msg("\"%s\" is not in q-sets.json", from);
	}
	char *bad = str_printf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	struct questionnaire *q = questionnaire_parse("q.json", bad, strlen(bad), &err);
	if (q != NULL || strstr(err.msg, expect) == NULL) {
		fail_msg("%s -> %s: expected an error with \"%s\", got \"%s\"", from, to, expect,
			q ? "(accepted)" : err.msg);
	}
	free(bad);
	free(text);
}

static void
test_questionnaire_refused(void **state)
{
	(void)state;
	refused("\"set\": 2", "\"set\": 0", "set 0 of item \"s1b\" (expected a whole number from 1 to 9)");
	refused("\"set\": 2", "\"set\": 3", "no item in set 2, though an item is in set 3");
	refused("\"set\": 2", "\"set\": \"two\"", "q.json:");
	refused("\"scenarios\": 0.5", "\"scenarios\": 1.5", "threshold \"scenarios\" is 1.5");
	refused("\"unconscious_competence\": {\n          \"summary\": \"One",
		"\"unconscious_competenc\": {\n          \"summary\": \"One", "unknown member");
	refused("\"conscious_competence\": {\n          \"summary\": \"One",
		"\"x\": {}, \"y\": {\n          \"summary\": \"One", "\"stages\" of facet \"one\"");
}

static struct answers *
parse_answers(const struct questionnaire *q, const char *json, struct ladder_error *err)
{
	error_clear(err);
	return answers_parse(q, "a.json", json, strlen(json), err);
}

static void
test_answers_sets(void **state)
{
	(void)state;
	struct questionnaire *q = load_sets();
	struct ladder_error err;
	const char *head = "{\"format\": \"ladder-answers\", \"format_version\": 1, \"questionnaire\": \"sets\", ";
	char buf[512];
	struct {
		const char *rest;
		int set;            /* 0: refused */
		const char *expect; /* a part of the message */
	} cases[] = {
		{"\"answers\": {}}", 1, NULL},
		{"\"answers\": {\"s1b\": \"b\"}}", 2, NULL},
		{"\"set\": 2, \"answers\": {\"c1\": 3}}", 2, NULL},
		{"\"answers\": {\"s1a\": \"a\", \"s1b\": \"b\"}}", 0,
			"items \"s1a\" (set 1) and \"s1b\" (set 2) are in different sets"},
		{"\"set\": 2, \"answers\": {\"s1a\": \"a\"}}", 0,
			"item \"s1a\" is in set 1, but the answers are to set 2"},
		{"\"set\": 3, \"answers\": {}}", 0, "set 3, but questionnaire \"sets\" has sets 1 to 2"},
		{"\"set\": 0, \"answers\": {}}", 0, "a.json:1:"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s", head, cases[i].rest);
		struct answers *a = parse_answers(q, buf, &err);
		if (cases[i].set != 0) {
			if (a == NULL) {
				fail_msg("case %zu refused: %s", i, err.msg);
			}
			assert_int_equal(a->set, cases[i].set);
		} else if (a != NULL || strstr(err.msg, cases[i].expect) == NULL) {
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i, cases[i].expect,
				a ? "(accepted)" : err.msg);
		}
		answers_destroy(a);
	}
	questionnaire_destroy(q);
}

static struct result *
score_json(const struct questionnaire *q, const char *answers, struct answers **out)
{
	char buf[512];
	struct ladder_error err;
	snprintf(buf, sizeof(buf), "{\"format\": \"ladder-answers\", \"format_version\": 1, "
		"\"questionnaire\": \"sets\", \"answers\": %s}", answers);
	struct answers *a = parse_answers(q, buf, &err);
	if (a == NULL) {
		fail_msg("%s", err.msg);
	}
	struct result *r = score_compute(q, a);
	assert_non_null(r);
	if (out != NULL) {
		*out = a;
	} else {
		answers_destroy(a);
	}
	return r;
}

static void
test_score_sets(void **state)
{
	(void)state;
	struct questionnaire *q = load_sets();
	/* set 2: c1 .75 and s1b c .55: C .65, S .55 >= Ts .5 -> above the
	 * line (with Ts = Tc .6 it would be below); U 1 -> rung 4. Area two
	 * has no situations: self-report, C .25 -> below, A 1 -> rung 2 */
	struct result *r = score_json(q, "{\"c1\": 4, \"s1b\": \"c\", \"w1\": 4, \"u1\": 5, "
		"\"p1\": 4, \"t_c\": 2, \"t_w\": 5, \"t_u\": 1, \"t_p\": 2}", NULL);
	assert_int_equal(r->set, 2);
	assert_int_equal(r->total, 9);
	assert_int_equal(r->answered, 9);
	assert_true(fabs(r->facets[0].p.measured - 0.55) < TOL);
	assert_int_equal(r->facets[0].p.evidence, EVIDENCE_SITUATIONS);
	assert_int_equal(r->facets[0].p.stage, N4);
	assert_int_equal(r->facets[1].p.evidence, EVIDENCE_SELF_REPORT);
	assert_int_equal(r->facets[1].p.stage, N2);
	cJSON *o = result_to_json(r);
	assert_int_equal(cJSON_GetObjectItem(o, "set")->valueint, 2);
	cJSON_Delete(o);
	result_destroy(r);
	/* s1a, set 1's situation, is not asked on set 2 and is not counted:
	 * nothing answered of set 1 -> the first set; its situation skipped:
	 * area one not placed */
	r = score_json(q, "{\"c1\": 4}", NULL);
	assert_int_equal(r->set, 1);
	assert_int_equal(r->facets[0].p.stage, N0);
	assert_int_equal(r->facets[0].p.not_placed, NOT_PLACED_NO_SITUATIONS);
	result_destroy(r);
	questionnaire_destroy(q);
}

static void
add_session(struct journal *j, const struct questionnaire *q, const char *answers,
	int64_t at)
{
	struct answers *a = NULL;
	struct result *r = score_json(q, answers, &a);
	r->repeat = journal_is_repeat(j, q, a->set);
	struct ladder_error err;
	error_clear(&err);
	assert_non_null(journal_add_session(j, q, a, r, at, at, &err));
	result_destroy(r);
	answers_destroy(a);
}

static void
test_journal_sets(void **state)
{
	(void)state;
	struct questionnaire *q = load_sets();
	struct journal *j = journal_create();
	assert_int_equal(journal_choose_set(j, q), 1);
	add_session(j, q, "{\"s1a\": \"a\", \"c1\": 5, \"w1\": 5, \"u1\": 5, \"p1\": 5}", 1000);
	assert_int_equal(journal_choose_set(j, q), 2);
	assert_false(j->sessions[0].repeat);
	add_session(j, q, "{\"s1b\": \"a\", \"c1\": 1, \"w1\": 5, \"u1\": 5, \"p1\": 1}", 2000);
	assert_false(j->sessions[1].repeat);
	/* both once: the lowest */
	assert_int_equal(journal_choose_set(j, q), 1);
	add_session(j, q, "{\"s1a\": \"a\", \"c1\": 5, \"w1\": 5, \"u1\": 5, \"p1\": 5}", 3000);
	assert_true(j->sessions[2].repeat);
	assert_int_equal(j->sessions[2].set, 1);
	assert_ptr_equal(journal_set_first(j, "sets", 1, 1, 2), &j->sessions[0]);
	/* the one movement: rung 4 -> 2 -> 4, the last a repeat */
	struct journal_transition *tr = NULL;
	size_t n = journal_transitions(j, "sets", &tr);
	assert_int_equal(n, 2);
	assert_true(tr[1].to->repeat);
	size_t up, down;
	journal_transition_counts(tr, n, &up, &down);
	assert_int_equal(up, 1);
	assert_int_equal(down, 1);
	free(tr);

	/* rule, set and repeat come back from the saved plaintext, read
	 * from the start of each line */
	struct ladder_error err;
	error_clear(&err);
	struct secret *text = journal_serialize(j, &err);
	assert_non_null(text);
	assert_non_null(strstr((const char *)text->data, "\"result\":[\"r2\",1,true,"));
	struct journal *k = journal_parse("mem", text->data, text->len, &err);
	assert_non_null(k);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(k->sessions[i].rule, SCORING_RULE);
		assert_int_equal(k->sessions[i].set, j->sessions[i].set);
		assert_int_equal(k->sessions[i].repeat, j->sessions[i].repeat);
		assert_false(k->sessions[i].loaded);
		/* and the result in short reads back as it was */
		assert_true(journal_session_load(k, &k->sessions[i], &err));
		assert_true(cJSON_Compare(k->sessions[i].result, j->sessions[i].result, true));
	}
	journal_destroy(k);
	secret_destroy(text);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* A version 1 journal written under rule 1 opens, its sessions are scored
 * again from their answers where the questionnaire's version is at hand,
 * and kept (off the ladder) where it is not. */
static void
test_rescore(void **state)
{
	(void)state;
	struct ladder_error err;
	error_clear(&err);
	struct secret *pass = NULL, *plain = NULL;
	struct vault *v = NULL;
	assert_true(secret_read_file(TESTDATA "/journal-plain-v1/pass", &pass, &err));
	if (!vault_open(TESTDATA "/journal-plain-v1/journal.ladder", pass, false, &v, &plain, &err)) {
		fail_msg("%s", err.msg);
	}
	struct journal *j = journal_parse("v1", plain->data, plain->len, &err);
	assert_non_null(j);
	assert_true(j->n_sessions > 0);
	for (size_t i = 0; i < j->n_sessions; i++) {
		assert_int_equal(j->sessions[i].rule, 1);
		assert_false(journal_session_on_ladder(&j->sessions[i]));
	}
	/* no questionnaire at hand: everything kept */
	struct catalog *none = catalog_create();
	size_t rescored = 9, kept = 9;
	assert_true(journal_rescore(j, none, &rescored, &kept, &err));
	assert_int_equal(rescored, 0);
	assert_int_equal(kept, j->n_sessions);
	catalog_destroy(none);
	/* the first editions at hand */
	struct catalog *cat = catalog_create();
	assert_true(catalog_set_editions_dir(cat, TESTDATA "/../../data/editions"));
	assert_true(journal_rescore_needed(j, cat));
	assert_true(journal_rescore(j, cat, &rescored, &kept, &err));
	size_t n_old = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		bool at_hand = catalog_find_version(cat, s->questionnaire, s->version) != NULL;
		n_old += at_hand;
		assert_int_equal(s->rule, at_hand ? SCORING_RULE : 1);
		if (at_hand) {
			assert_non_null(cJSON_GetObjectItem(s->result, "rule_1_stage"));
			assert_null(s->text); /* written anew at the next save */
		}
	}
	assert_true(n_old > 0);
	assert_int_equal(rescored, n_old);
	assert_int_equal(kept, j->n_sessions - n_old);
	assert_false(journal_rescore_needed(j, cat));
	/* nothing lost: notes and answers are all there */
	struct secret *saved = journal_serialize(j, &err);
	assert_non_null(saved);
	struct journal *k = journal_parse("again", saved->data, saved->len, &err);
	assert_non_null(k);
	assert_int_equal(k->n_sessions, j->n_sessions);
	assert_int_equal(k->n_notes, j->n_notes);
	for (size_t i = 0; i < k->n_sessions; i++) {
		assert_int_equal(k->sessions[i].rule, j->sessions[i].rule);
		assert_true(journal_session_load(k, &k->sessions[i], &err));
		assert_true(cJSON_Compare(k->sessions[i].answers, j->sessions[i].answers, true));
	}
	journal_destroy(k);
	secret_destroy(saved);
	catalog_destroy(cat);
	journal_destroy(j);
	secret_destroy(plain);
	secret_destroy(pass);
	vault_close(v);
}

/* A damaged short result of rule 2 is refused as damaged when its session
 * is read, and nothing is freed twice (run under AddressSanitizer too). */
static void
test_short_damaged(void **state)
{
	(void)state;
	struct questionnaire *q = load_sets();
	struct journal *j = journal_create();
	add_session(j, q, "{\"s1a\": \"a\", \"c1\": 5, \"w1\": 5, \"u1\": 5, \"p1\": 5}", 1000);
	struct ladder_error err;
	error_clear(&err);
	struct secret *t = journal_serialize(j, &err);
	assert_non_null(t);
	char *text = str_printf("%.*s", (int)t->len, (const char *)t->data);
	char *r = strstr(text, "\"result\":[\"r2\"");
	char *end = r ? strstr(r, ",\"answers\":") : NULL;
	assert_non_null(end);
	const char *bad[] = {
		/* a facet that is not [id, placement...] */
		"[\"r2\",null,false,null,false,null,0.5,0.5,0.5,0.5,0.5,0,0.5,0,0,0,null,null,null,1,1,[5]]",
		"[\"r2\",null,false,null,false,null,0.5,0.5,0.5,0.5,0.5,0,0.5,0,0,0,null,null,null,1,1,[[]]]",
		"[\"r2\",null,false,null,false,null,0.5,0.5,0.5,0.5,0.5,0,0.5,0,0,0,null,null,null,1,1,[[1]]]",
		/* a reason's number far out of range */
		"[\"r2\",null,false,null,false,null,0.5,0.5,0.5,0.5,0.5,0,0.5,3e9,0,0,null,null,null,1,1,[]]",
		/* too short */
		"[\"r2\",null,false]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *changed = str_printf("%.*s\"result\":%s%s", (int)(r - text), text, bad[i], end);
		struct journal *k = journal_parse("mem", (const unsigned char *)changed, strlen(changed), &err);
		assert_non_null(k);
		error_clear(&err);
		if (journal_session_load(k, &k->sessions[0], &err) || err.status != LADDER_DAMAGED) {
			fail_msg("case %zu: not refused as damaged (%s)", i, err.msg);
		}
		journal_destroy(k);
		free(changed);
	}
	/* a questionnaire id of 65 characters is refused on opening (ids are
	 * 1 to 64) */
	char *q_at = strstr(text, "\"questionnaire\":\"sets\"");
	assert_non_null(q_at);
	char *long_id = str_printf("%.*s\"questionnaire\":\"%065d\"%s", (int)(q_at - text), text, 0,
		q_at + strlen("\"questionnaire\":\"sets\""));
	error_clear(&err);
	assert_null(journal_parse("mem", (const unsigned char *)long_id, strlen(long_id), &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	free(long_id);
	free(text);
	secret_destroy(t);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* An older edition is read once when asked for, and one that is not there
 * is not looked for again (many old sessions cost one look). */
static void
test_editions_cached(void **state)
{
	(void)state;
	char dir[] = "/tmp/ladder-editions-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct catalog *cat = catalog_create();
	assert_true(catalog_set_editions_dir(cat, dir));
	assert_null(catalog_find_version(cat, "sets", 7));
	/* the file appears afterwards: the miss is remembered */
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	error_clear(&err);
	assert_true(file_read(TESTDATA "/sets/q-sets.json", 1 << 20, &text, &len, &err));
	char *v7 = str_printf("%s", text);
	char *at = strstr(v7, "\"version\": 1");
	assert_non_null(at);
	at[strlen("\"version\": ")] = '7';
	char *path = str_printf("%s/sets-7.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(v7, f);
	fclose(f);
	assert_null(catalog_find_version(cat, "sets", 7));
	catalog_destroy(cat);
	/* a new catalog finds it, and keeps it */
	cat = catalog_create();
	assert_true(catalog_set_editions_dir(cat, dir));
	const struct questionnaire *q = catalog_find_version(cat, "sets", 7);
	assert_non_null(q);
	assert_int_equal(q->version, 7);
	assert_ptr_equal(catalog_find_version(cat, "sets", 7), q);
	catalog_destroy(cat);
	unlink(path);
	rmdir(dir);
	free(path);
	free(v7);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_questionnaire_sets),
		cmocka_unit_test(test_questionnaire_refused),
		cmocka_unit_test(test_answers_sets),
		cmocka_unit_test(test_score_sets),
		cmocka_unit_test(test_journal_sets),
		cmocka_unit_test(test_rescore),
		cmocka_unit_test(test_short_damaged),
		cmocka_unit_test(test_editions_cached),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
