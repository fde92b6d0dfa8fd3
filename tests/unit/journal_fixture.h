/* What the journal's unit tests (tests/unit/test_journal_*.c) share: the
 * questionnaires, answers of known stage, helpers that add sessions and
 * check JSON, and the six-session journal the export and import tests use.
 *
 * Expectations are written by hand from ladder-model(7) (movement and
 * transitions) and ladder-journal(5) with the export schema (the export and
 * journal formats), not taken from
 * the implementation. Sessions are made from tests/data/questionnaires/tiny.json
 * with answers whose stage was worked out by hand (see ANSWERS below), and
 * with explicit times; LADDER_NOW fixes the clock at 2026-11-26T10:00:00Z.
 */
#ifndef LADDER_TESTS_JOURNAL_FIXTURE_H
#define LADDER_TESTS_JOURNAL_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "ladder/answers.h"
#include "ladder/error.h"
#include "../export_helpers.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/model.h"
#include "ladder/questionnaire.h"
#include "ladder/score.h"
#include "ladder/secret.h"
#include "ladder/store.h"
#include "ladder/vault.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

#ifndef TESTDATA
#error "TESTDATA must be defined"
#endif

#define NOW_TEXT "2026-11-26T10:00:00Z"
#define DAY 86400
/* 2026-01-01T00:00:00Z, checked by hand: 56 years of 365 days plus 14 leap
 * days (1972..2024) = 20454 days = 1767225600 s */
#define JAN1 ((int64_t)1767225600)
/* day d after 1 January 2026 (d = 0: 1 January), at h:m UTC */
#define AT(d, h, m) (JAN1 + (int64_t)(d) * DAY + (h) * 3600 + (m) * 60)

enum { N0 = STAGE_NONE, N1 = STAGE_UNCONSCIOUS_INCOMPETENCE,
	N2 = STAGE_CONSCIOUS_INCOMPETENCE, N3 = STAGE_CONSCIOUS_COMPETENCE,
	N4 = STAGE_UNCONSCIOUS_COMPETENCE };

/* Answers to tiny.json and the stage each gives (Tc 0.6, Ta 0.5, Tu 0.6).
 * competence = mean(a1, a2, b1); S = a2 (the only scenario); perceived = a5;
 * awareness = mean(a3 reversed, b2); A* = min(awareness, 1 - |a5 - S|);
 * automaticity = a4 on 0..4.
 *  N1: competence 0; perceived 1, S 0, K 0; awareness (0 + 0)/2 = 0 -> A* 0 < 0.5
 *  N2: competence 0; perceived 0, S 0, K 1; awareness (1 + 1)/2 = 1 -> A* 1
 *  N3: competence 1; automaticity 0 < 0.6
 *  N4: competence (0.75 + 1 + 0.5)/3 = 0.75; automaticity 0.75
 *  N0: nothing answered: no stage */
static const char *const ANSWERS[] = {
	[N0] = "{}",
	[N1] = "{\"a1\": 1, \"a2\": \"c\", \"a3\": 5, \"a5\": 5, \"b1\": 1, \"b2\": 1}",
	[N2] = "{\"a1\": 1, \"a2\": \"c\", \"a3\": 1, \"a5\": 1, \"b1\": 1, \"b2\": 5}",
	[N3] = "{\"a1\": 5, \"a2\": \"b\", \"a4\": 0, \"b1\": 5}",
	[N4] = "{\"a1\": 4, \"a2\": \"b\", \"a3\": 2, \"a4\": 3, \"a5\": 4, \"b1\": 3, \"b2\": 4}",
};

static const char *const STAGE_IDS[] = {
	[N0] = NULL,
	[N1] = "unconscious_incompetence",
	[N2] = "conscious_incompetence",
	[N3] = "conscious_competence",
	[N4] = "unconscious_competence",
};

/* A note with UTF-8, both kinds of quotes, a newline and a backslash. */
#define FANCY_NOTE "Naïve “quotes” and \"straight\" ones — 日本語 ✓\nsecond line \\ end"

static struct questionnaire *tiny, *other;

static inline int
setup(void **state)
{
	(void)state;
	struct ladder_error err;
	if (sodium_init() < 0) {
		return 1;
	}
	setenv("LADDER_NOW", NOW_TEXT, 1);
	tiny = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	other = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	if (tiny == NULL || other == NULL) {
		return 1;
	}
	/* a second questionnaire: tiny under another id */
	free(other->id);
	other->id = strdup("other");
	return other->id == NULL;
}

static inline int
teardown(void **state)
{
	(void)state;
	questionnaire_destroy(tiny);
	questionnaire_destroy(other);
	return 0;
}

/* ------------------------------------------------------------------ */
/* helpers */

static inline struct answers *
make_answers(const struct questionnaire *q, int stage, const char *note)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "format", "ladder-answers");
	cJSON_AddNumberToObject(doc, "format_version", 1);
	cJSON_AddStringToObject(doc, "questionnaire", q->id);
	cJSON_AddItemToObject(doc, "answers", cJSON_Parse(ANSWERS[stage]));
	if (note != NULL) {
		cJSON_AddStringToObject(doc, "note", note);
	}
	char *text = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	assert_non_null(text);
	struct ladder_error err;
	error_clear(&err);
	struct answers *a = answers_parse(q, "answers.json", text, strlen(text), &err);
	if (a == NULL) {
		fail_msg("answers refused: %s", err.msg);
	}
	free(text);
	return a;
}

/* Adds a session of q whose answers give stage; copies its id to id_out. */
static inline void
add(struct journal *j, const struct questionnaire *q, int stage,
	int64_t started, int64_t completed, const char *note, char *id_out)
{
	struct answers *a = make_answers(q, stage, note);
	struct result *r = score_compute(q, a);
	assert_non_null(r);
	if ((int)r->p.stage != stage) {
		fail_msg("answers %s scored stage %d, expected %d by hand", ANSWERS[stage],
			(int)r->p.stage, stage);
	}
	struct ladder_error err;
	error_clear(&err);
	struct journal_session *s = journal_add_session(j, q, a, r, started, completed, &err);
	if (s == NULL) {
		fail_msg("journal_add_session: %s", err.msg);
	}
	assert_true(uuid_valid(s->id));
	assert_string_equal(s->questionnaire, q->id);
	assert_int_equal(s->version, 2);
	assert_int_equal(s->stage, stage);
	if (note == NULL) {
		assert_null(s->note);
	} else {
		assert_string_equal(s->note, note);
	}
	if (id_out != NULL) {
		memcpy(id_out, s->id, UUID_STR_LEN);
	}
	answers_destroy(a);
	result_destroy(r);
}

static inline struct secret *
serialize(const struct journal *j)
{
	struct ladder_error err;
	error_clear(&err);
	struct secret *s = journal_serialize(j, &err);
	if (s == NULL) {
		fail_msg("journal_serialize: %s", err.msg);
	}
	return s;
}

static inline void
assert_same_bytes(const struct secret *a, const struct secret *b, const char *what)
{
	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0) {
		fail_msg("%s: the serialised journals differ\n  before: %.300s\n  after:  %.300s",
			what, (const char *)a->data, (const char *)b->data);
	}
}

static inline void
assert_json_equal(const cJSON *got, const char *expected_text, const char *what)
{
	cJSON *expected = cJSON_Parse(expected_text);
	assert_non_null(expected);
	if (!cJSON_Compare(got, expected, true)) {
		char *g = cJSON_PrintUnformatted(got);
		fail_msg("%s:\n  expected %s\n  got      %s", what, expected_text, g ? g : "(null)");
	}
	cJSON_Delete(expected);
}

static inline const char *
str_member(const cJSON *o, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsString(m)) {
		fail_msg("\"%s\" is not a string", key);
	}
	return m->valuestring;
}

/* The stage member (a string or null) as an enum value. */
static inline int
stage_member(const cJSON *o, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
	if (cJSON_IsNull(m)) {
		return N0;
	}
	if (!cJSON_IsString(m)) {
		fail_msg("\"%s\" is neither a string nor null", key);
	}
	for (int s = N1; s <= N4; s++) {
		if (strcmp(m->valuestring, STAGE_IDS[s]) == 0) {
			return s;
		}
	}
	fail_msg("\"%s\" is the unknown stage \"%s\"", key, m->valuestring);
	return -1;
}

/* The member names of o, in order, joined by commas. */
static inline void
assert_keys(const cJSON *o, const char *expected)
{
	char buf[512] = "";
	for (const cJSON *m = o->child; m != NULL; m = m->next) {
		if (buf[0] != '\0') {
			strcat(buf, ",");
		}
		strcat(buf, m->string);
	}
	assert_string_equal(buf, expected);
}

static inline cJSON *
array_member(const cJSON *o, const char *key, int count)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsArray(a)) {
		fail_msg("\"%s\" is not an array", key);
	}
	if (cJSON_GetArraySize(a) != count) {
		fail_msg("\"%s\" has %d entries, expected %d", key, cJSON_GetArraySize(a), count);
	}
	return a;
}

/* ------------------------------------------------------------------ */
/* serialisation */

static inline void
assert_journals_equal(const struct journal *x, const struct journal *y)
{
	assert_true(x->created_at == y->created_at);
	assert_int_equal(x->n_sessions, y->n_sessions);
	for (size_t i = 0; i < x->n_sessions; i++) {
		const struct journal_session *a = &x->sessions[i], *b = &y->sessions[i];
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->questionnaire, b->questionnaire);
		assert_int_equal(a->version, b->version);
		assert_true(a->started_at == b->started_at);
		assert_true(a->completed_at == b->completed_at);
		assert_int_equal(a->stage, b->stage);
		assert_true(cJSON_Compare(a->answers, b->answers, true));
		assert_true(cJSON_Compare(a->result, b->result, true));
		if (a->note == NULL) {
			assert_null(b->note);
		} else {
			assert_non_null(b->note);
			assert_string_equal(a->note, b->note);
		}
	}
	assert_int_equal(x->n_notes, y->n_notes);
	for (size_t i = 0; i < x->n_notes; i++) {
		assert_string_equal(x->notes[i].id, y->notes[i].id);
		assert_true(x->notes[i].at == y->notes[i].at);
		assert_string_equal(x->notes[i].text, y->notes[i].text);
	}
	assert_int_equal(x->n_unfinished, y->n_unfinished);
	for (size_t i = 0; i < x->n_unfinished; i++) {
		const struct journal_unfinished *a = &x->unfinished[i];
		const struct journal_unfinished *b = journal_unfinished_get(y, a->questionnaire);
		assert_non_null(b);
		assert_int_equal(a->version, b->version);
		assert_true(a->started_at == b->started_at);
		assert_int_equal(a->position, b->position);
		assert_true(cJSON_Compare(a->answers, b->answers, true));
	}
}

/* Parsed, with every session loaded. */
static inline struct journal *
parse(const struct secret *s, struct ladder_error *err)
{
	error_clear(err);
	struct journal *j = journal_parse("mem", s->data, s->len, err);
	for (size_t i = 0; j != NULL && i < j->n_sessions; i++) {
		if (!journal_session_load(j, &j->sessions[i], err)) {
			fail_msg("journal_session_load: %s", err->msg);
		}
	}
	return j;
}

/* ------------------------------------------------------------------ */
/* export */

/* S1..S6 and two notes:
 *   S1 tiny  N1 2026-01-01 (note "first")    S2 other N3 2026-01-02
 *   S3 tiny  N2 2026-01-03                   S4 tiny  N4 2026-02-09 (fancy note)
 *   S5 other N1 2026-02-14                   S6 tiny  N3 2026-02-20
 *   notes 2026-01-10T12:00:00Z "January", 2026-02-19T12:00:00Z fancy
 * Sessions start at 09:40 and are completed at 10:00.
 * Transitions: S1->S3 tiny 1->2, S3->S4 tiny 2->4, S2->S5 other 3->1,
 *              S4->S6 tiny 4->3. */
struct fixture {
	struct journal *j;
	char id[7][UUID_STR_LEN]; /* id[1..6] */
};

static const int FIX_STAGE[7] = {0, N1, N3, N2, N4, N1, N3};
static const char *const FIX_DAY[7] = {NULL, "2026-01-01", "2026-01-02", "2026-01-03",
	"2026-02-09", "2026-02-14", "2026-02-20"};
static const char *const FIX_Q[7] = {NULL, "tiny", "other", "tiny", "tiny", "other", "tiny"};

static inline void
fixture_make(struct fixture *f)
{
	struct ladder_error err;
	static const int day[7] = {0, 0, 1, 2, 39, 44, 50};
	static const char *const note[7] = {NULL, "first", NULL, NULL, FANCY_NOTE, NULL, NULL};
	f->j = journal_create();
	f->j->created_at = AT(0, 0, 0);
	/* newest first, so the order is the journal's doing */
	for (int i = 6; i >= 1; i--) {
		add(f->j, strcmp(FIX_Q[i], "tiny") == 0 ? tiny : other, FIX_STAGE[i],
			AT(day[i], 9, 40), AT(day[i], 10, 0), note[i], f->id[i]);
	}
	assert_non_null(journal_add_note(f->j, FANCY_NOTE, AT(49, 12, 0), &err));
	assert_non_null(journal_add_note(f->j, "January", AT(9, 12, 0), &err));
}

static inline char *
export_text(const struct journal *j, const struct export_options *o)
{
	cJSON *doc = export_tree(j, o, NULL);
	assert_non_null(doc);
	char *text = json_print(doc);
	cJSON_Delete(doc);
	assert_non_null(text);
	return text;
}

/* ------------------------------------------------------------------ */
/* import */

static inline bool
merge(struct journal *j, const char *name, const char *text, size_t *added,
	size_t *already, struct ladder_error *err)
{
	error_clear(err);
	*added = *already = 12345;
	return import_merge(j, name, text, strlen(text), added, already, err);
}

#endif
