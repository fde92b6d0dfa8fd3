/* The journal model, its plaintext serialisation, exports and imports.
 *
 * Expectations are written by hand from ladder-model(7) (movement and
 * transitions) and ladder-journal(5) with the export schema (the export and
 * journal formats), not taken from
 * the implementation. Sessions are made from tests/data/questionnaires/tiny.json
 * with answers whose stage was worked out by hand (see ANSWERS below), and
 * with explicit times; LADDER_NOW fixes the clock at 2026-11-26T10:00:00Z.
 */
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

static int
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

static int
teardown(void **state)
{
	(void)state;
	questionnaire_destroy(tiny);
	questionnaire_destroy(other);
	return 0;
}

/* ------------------------------------------------------------------ */
/* helpers */

static struct answers *
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
static void
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

static struct secret *
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

static void
assert_same_bytes(const struct secret *a, const struct secret *b, const char *what)
{
	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0) {
		fail_msg("%s: the serialised journals differ\n  before: %.300s\n  after:  %.300s",
			what, (const char *)a->data, (const char *)b->data);
	}
}

static void
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

static const char *
str_member(const cJSON *o, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsString(m)) {
		fail_msg("\"%s\" is not a string", key);
	}
	return m->valuestring;
}

/* The stage member (a string or null) as an enum value. */
static int
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
static void
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

static cJSON *
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
/* time order */

static void
test_sessions_in_time_order(void **state)
{
	(void)state;
	struct journal *j = journal_create();
	assert_non_null(j);
	char c[UUID_STR_LEN], a[UUID_STR_LEN], b[UUID_STR_LEN], b0[UUID_STR_LEN];
	add(j, tiny, N1, AT(2, 8, 50), AT(2, 9, 0), NULL, c);
	add(j, tiny, N2, AT(0, 8, 50), AT(0, 9, 0), NULL, a);
	add(j, other, N3, AT(1, 8, 50), AT(1, 9, 0), NULL, b);
	/* completed at the same time as b but started earlier: before b */
	add(j, tiny, N4, AT(1, 8, 0), AT(1, 9, 0), NULL, b0);
	assert_int_equal(j->n_sessions, 4);
	assert_string_equal(j->sessions[0].id, a);
	assert_string_equal(j->sessions[1].id, b0);
	assert_string_equal(j->sessions[2].id, b);
	assert_string_equal(j->sessions[3].id, c);
	assert_true(j->sessions[0].completed_at == AT(0, 9, 0));
	assert_true(j->sessions[1].started_at == AT(1, 8, 0));
	assert_true(j->sessions[3].completed_at == AT(2, 9, 0));
	assert_int_equal(journal_find_session(j, a), 0);
	assert_int_equal(journal_find_session(j, c), 3);
	assert_int_equal(journal_find_session(j, "00000000-0000-4000-8000-000000000000"), -1);

	/* notes too, by the time they were written */
	struct ladder_error err;
	assert_non_null(journal_add_note(j, "third", AT(9, 0, 0), &err));
	assert_non_null(journal_add_note(j, "first", AT(3, 0, 0), &err));
	assert_non_null(journal_add_note(j, "second", AT(5, 0, 0), &err));
	assert_int_equal(j->n_notes, 3);
	assert_string_equal(j->notes[0].text, "first");
	assert_string_equal(j->notes[1].text, "second");
	assert_string_equal(j->notes[2].text, "third");
	assert_true(uuid_valid(j->notes[0].id));
	assert_string_not_equal(j->notes[0].id, j->notes[1].id);

	/* many sessions added newest first end up oldest first */
	struct journal *k = journal_create();
	for (int i = 40; i > 0; i--) {
		add(k, tiny, (i % 4) + 1, AT(i, 9, 0), AT(i, 10, 0), NULL, NULL);
	}
	assert_int_equal(k->n_sessions, 40);
	for (size_t i = 0; i < 40; i++) {
		assert_true(k->sessions[i].completed_at == AT(i + 1, 10, 0));
		assert_int_equal(k->sessions[i].stage, ((i + 1) % 4) + 1);
	}
	journal_destroy(k);
	journal_destroy(j);
}

/* ------------------------------------------------------------------ */
/* serialisation */

static void
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
static struct journal *
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

static void
test_round_trip(void **state)
{
	(void)state;
	struct ladder_error err;
	struct journal *j = journal_create();
	j->created_at = AT(0, 7, 0);
	char s1[UUID_STR_LEN];
	add(j, tiny, N1, AT(1, 9, 0), AT(1, 9, 30), FANCY_NOTE, s1);
	add(j, other, N3, AT(2, 9, 0), AT(2, 9, 30), NULL, NULL);
	add(j, tiny, N0, AT(3, 9, 0), AT(3, 9, 30), NULL, NULL);
	add(j, tiny, N4, AT(4, 9, 0), AT(4, 9, 30), "{\"not\": json}, [unbalanced", NULL);
	assert_non_null(journal_add_note(j, FANCY_NOTE, AT(2, 12, 0), &err));
	assert_non_null(journal_add_note(j, "", AT(3, 12, 0), &err));
	/* an unfinished session of each questionnaire */
	struct answers *part = make_answers(tiny, N0, NULL);
	part->values[0] = 3; /* a1: 3 */
	part->values[1] = 0; /* a2: option "a" */
	assert_true(journal_unfinished_set(j, tiny, part, 2, AT(5, 9, 0), &err));
	answers_destroy(part);
	part = make_answers(other, N0, NULL);
	assert_true(journal_unfinished_set(j, other, part, 0, AT(5, 10, 0), &err));
	answers_destroy(part);

	struct secret *text = serialize(j);
	struct journal *back = parse(text, &err);
	if (back == NULL) {
		fail_msg("journal_parse refused its own output: %s", err.msg);
	}
	assert_journals_equal(j, back);
	/* the details, by hand */
	assert_string_equal(back->sessions[0].id, s1);
	assert_string_equal(back->sessions[0].note, FANCY_NOTE);
	assert_null(back->sessions[1].note);
	assert_int_equal(back->sessions[2].stage, N0);
	assert_json_equal(back->sessions[2].answers, "{}", "no answers");
	assert_string_equal(back->sessions[3].note, "{\"not\": json}, [unbalanced");
	assert_json_equal(back->sessions[0].answers, ANSWERS[N1], "answers of the first session");
	assert_json_equal(back->sessions[1].answers, ANSWERS[N3], "answers of the second session");
	assert_string_equal(back->notes[0].text, FANCY_NOTE);
	assert_string_equal(back->notes[1].text, "");
	const struct journal_unfinished *u = journal_unfinished_get(back, "tiny");
	assert_non_null(u);
	assert_int_equal(u->position, 2);
	assert_true(u->started_at == AT(5, 9, 0));
	assert_json_equal(u->answers, "{\"a1\": 3, \"a2\": \"a\"}", "unfinished answers");
	u = journal_unfinished_get(back, "other");
	assert_non_null(u);
	assert_json_equal(u->answers, "{}", "unfinished answers of other");

	/* and the same bytes again */
	struct secret *again = serialize(back);
	assert_same_bytes(text, again, "serialise, parse, serialise");
	/* the plaintext is the documented format */
	cJSON *doc = cJSON_ParseWithLength((const char *)text->data, text->len);
	assert_non_null(doc);
	assert_string_equal(str_member(doc, "format"), "ladder-journal");
	assert_true(cJSON_GetObjectItem(doc, "format_version")->valuedouble == 2);
	assert_string_equal(str_member(doc, "created_at"), "2026-01-01T07:00:00Z");
	cJSON_Delete(doc);

	secret_destroy(again);
	secret_destroy(text);
	journal_destroy(back);
	journal_destroy(j);

	/* an empty journal too */
	j = journal_create();
	text = serialize(j);
	back = parse(text, &err);
	assert_non_null(back);
	assert_int_equal(back->n_sessions, 0);
	assert_int_equal(back->n_notes, 0);
	assert_int_equal(back->n_unfinished, 0);
	assert_true(back->created_at == AT(329, 10, 0)); /* LADDER_NOW: 26 November */
	secret_destroy(text);
	journal_destroy(back);
	journal_destroy(j);
}

/* journal_parse of a plaintext changed by fn */
struct bad_plain {
	const char *what;
	void (*fn)(cJSON *root);
	const char *expect; /* a part of the message */
};

static cJSON *
first_session(cJSON *root)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(root, "sessions"), 0);
}

static void bp_format(cJSON *r) { cJSON_ReplaceItemInObject(r, "format", cJSON_CreateString("ladder-export")); }
static void bp_version(cJSON *r) { cJSON_ReplaceItemInObject(r, "format_version", cJSON_CreateNumber(3)); }
static void bp_uuid(cJSON *r) { cJSON_ReplaceItemInObject(first_session(r), "id", cJSON_CreateString("1234-not-a-uuid")); }
static void bp_stage(cJSON *r)
{
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(first_session(r), "result"), "stage",
		cJSON_CreateString("rung_5"));
}
static void bp_facet_stage(cJSON *r)
{
	cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(first_session(r), "result"), "facets"), 1);
	cJSON_ReplaceItemInObject(f, "stage", cJSON_CreateString("rung_0"));
}
static void bp_axis(cJSON *r)
{
	cJSON *axes = cJSON_GetObjectItem(cJSON_GetObjectItem(first_session(r), "result"), "axes");
	cJSON_ReplaceItemInObject(axes, "awareness", cJSON_CreateNumber(1.5));
}
static void bp_order(cJSON *r)
{
	cJSON_ReplaceItemInObject(first_session(r), "completed_at", cJSON_CreateString("2026-01-02T08:59:59Z"));
}
static void bp_time(cJSON *r) { cJSON_ReplaceItemInObject(first_session(r), "started_at", cJSON_CreateString("yesterday")); }
static void bp_no_result(cJSON *r) { cJSON_DeleteItemFromObject(first_session(r), "result"); }
static void bp_sessions(cJSON *r) { cJSON_ReplaceItemInObject(r, "sessions", cJSON_CreateObject()); }
static void bp_answer(cJSON *r)
{
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(first_session(r), "answers"), "a1", cJSON_CreateNumber(2.5));
}
static void bp_twice(cJSON *r)
{
	cJSON *s = cJSON_GetObjectItem(r, "sessions");
	cJSON_AddItemToArray(s, cJSON_Duplicate(cJSON_GetArrayItem(s, 0), true));
}
static void bp_unfinished(cJSON *r) { cJSON_DeleteItemFromObject(r, "unfinished"); }

static void
test_parse_refuses(void **state)
{
	(void)state;
	static const struct bad_plain cases[] = {
		{"another format", bp_format, "mem: the journal's content has an unknown format"},
		{"format_version 3", bp_version, "mem: the journal's content is format version 3; this ladder reads versions 1 and 2"},
		{"a session with a bad uuid", bp_uuid, "mem: id \"1234-not-a-uuid\" of a session is not a UUID"},
		{"an unknown stage", bp_stage, "mem: unknown stage \"rung_5\" in the result"},
		{"an unknown facet stage", bp_facet_stage, "mem: unknown stage \"rung_0\" in a facet of the result"},
		{"an axis of 1.5", bp_axis, "mem: axis \"awareness\" is 1.5 (expected a number from 0 to 1 or null)"},
		{"completed before started", bp_order, "was completed before it was started"},
		{"a time that is no time", bp_time, "mem: \"started_at\" of a session is \"yesterday\" (expected an RFC 3339 time"},
		{"a session without a result", bp_no_result, "mem: a session has no \"result\""},
		{"sessions that are an object", bp_sessions, "mem: expected \"sessions\" of the document to be an array"},
		{"an answer of 2.5", bp_answer, "mem: answer to \"a1\" in a session must be a whole number, an option id or null"},
		{"a session twice", bp_twice, "appears twice"},
		{"no unfinished", bp_unfinished, "mem: the journal has no \"unfinished\""},
	};
	struct ladder_error err;
	struct journal *j = journal_create();
	char id[UUID_STR_LEN];
	add(j, tiny, N2, AT(1, 9, 0), AT(1, 9, 30), "a note", id);
	struct secret *good = serialize(j);
	/* these are about version 1, where the sessions are the objects of an
	 * export */
	cJSON *v1 = cJSON_ParseWithLength((const char *)good->data, good->len);
	struct export_options all = {0};
	cJSON *ex = export_tree(j, &all, NULL);
	assert_non_null(v1);
	assert_non_null(ex);
	cJSON_ReplaceItemInObject(v1, "format_version", cJSON_CreateNumber(1));
	cJSON_ReplaceItemInObject(v1, "sessions",
		cJSON_DetachItemFromObject(ex, "sessions"));
	cJSON_Delete(ex);
	journal_destroy(j);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *root = cJSON_Duplicate(v1, true);
		assert_non_null(root);
		cases[i].fn(root);
		char *text = cJSON_PrintUnformatted(root);
		cJSON_Delete(root);
		error_clear(&err);
		struct journal *bad = journal_parse("mem", (const unsigned char *)text, strlen(text), &err);
		if (bad != NULL) {
			fail_msg("%s: accepted", cases[i].what);
		}
		if (err.status != LADDER_DAMAGED) {
			fail_msg("%s: status %d, expected %d (damaged)", cases[i].what, err.status, LADDER_DAMAGED);
		}
		if (strstr(err.msg, cases[i].expect) == NULL) {
			fail_msg("%s:\n  expected a message with: %s\n  got: %s", cases[i].what, cases[i].expect, err.msg);
		}
		if (strstr(cases[i].expect, "twice") != NULL || strstr(cases[i].expect, "completed before") != NULL) {
			/* these name the session */
			if (strstr(err.msg, id) == NULL || strncmp(err.msg, "mem: ", 5) != 0) {
				fail_msg("%s: the message does not name the file and session: %s", cases[i].what, err.msg);
			}
		}
		free(text);
	}
	/* unchanged, the version 1 text is read */
	char *text = cJSON_PrintUnformatted(v1);
	error_clear(&err);
	struct journal *back = journal_parse("mem", (const unsigned char *)text, strlen(text), &err);
	if (back == NULL) {
		fail_msg("version 1: %s", err.msg);
	}
	assert_true(back->sessions[0].loaded);
	assert_string_equal(back->sessions[0].note, "a note");
	journal_destroy(back);
	free(text);
	cJSON_Delete(v1);
	secret_destroy(good);

	static const char *const not_json[] = {
		"{\"format\": \"ladder-journal\", ",
		"",
		"[1, 2]",
		"\"ladder-journal\"",
	};
	for (size_t i = 0; i < sizeof(not_json) / sizeof(not_json[0]); i++) {
		error_clear(&err);
		assert_null(journal_parse("mem", (const unsigned char *)not_json[i], strlen(not_json[i]), &err));
		assert_int_equal(err.status, LADDER_DAMAGED);
		assert_string_equal(err.msg, "mem: the journal's content is not readable JSON");
	}
}

/* ------------------------------------------------------------------ */
/* unfinished sessions */

static void
test_unfinished(void **state)
{
	(void)state;
	struct ladder_error err;
	struct journal *j = journal_create();
	assert_null(journal_unfinished_get(j, "tiny"));
	journal_unfinished_clear(j, "tiny"); /* nothing to clear: no harm */
	assert_int_equal(j->n_unfinished, 0);

	struct answers *a = make_answers(tiny, N0, NULL);
	a->values[0] = 2; /* a1 */
	assert_true(journal_unfinished_set(j, tiny, a, 1, AT(1, 9, 0), &err));
	const struct journal_unfinished *u = journal_unfinished_get(j, "tiny");
	assert_non_null(u);
	assert_string_equal(u->questionnaire, "tiny");
	assert_int_equal(u->version, 2);
	assert_int_equal(u->position, 1);
	assert_true(u->started_at == AT(1, 9, 0));
	assert_json_equal(u->answers, "{\"a1\": 2}", "first answers kept");

	/* a later stop replaces it: still one for tiny */
	a->values[1] = 2; /* a2: option "c" */
	a->values[3] = 4; /* a4 */
	assert_true(journal_unfinished_set(j, tiny, a, 4, AT(1, 9, 5), &err));
	assert_int_equal(j->n_unfinished, 1);
	u = journal_unfinished_get(j, "tiny");
	assert_int_equal(u->position, 4);
	assert_true(u->started_at == AT(1, 9, 5));
	assert_json_equal(u->answers, "{\"a1\": 2, \"a2\": \"c\", \"a4\": 4}", "replaced answers");
	answers_destroy(a);

	/* another questionnaire's stays apart */
	a = make_answers(other, N0, NULL);
	a->values[6] = 5; /* b2 */
	assert_true(journal_unfinished_set(j, other, a, 6, AT(2, 9, 0), &err));
	answers_destroy(a);
	assert_int_equal(j->n_unfinished, 2);
	assert_int_equal(journal_unfinished_get(j, "tiny")->position, 4);
	assert_json_equal(journal_unfinished_get(j, "other")->answers, "{\"b2\": 5}", "other's answers");

	journal_unfinished_clear(j, "tiny");
	assert_null(journal_unfinished_get(j, "tiny"));
	assert_int_equal(j->n_unfinished, 1);
	assert_non_null(journal_unfinished_get(j, "other"));
	assert_int_equal(journal_unfinished_get(j, "other")->position, 6);
	journal_unfinished_clear(j, "other");
	assert_null(journal_unfinished_get(j, "other"));
	assert_int_equal(j->n_unfinished, 0);

	/* and it can be set again after clearing */
	a = make_answers(tiny, N3, NULL);
	assert_true(journal_unfinished_set(j, tiny, a, 3, AT(3, 9, 0), &err));
	answers_destroy(a);
	assert_json_equal(journal_unfinished_get(j, "tiny")->answers, ANSWERS[N3], "set after clearing");
	journal_destroy(j);
}

/* ------------------------------------------------------------------ */
/* last and previous sessions */

static void
test_last_previous(void **state)
{
	(void)state;
	struct journal *j = journal_create();
	assert_null(journal_last_session(j, "tiny"));
	assert_null(journal_movement_from(j, 0));
	/* added out of order on purpose */
	add(j, tiny, N3, AT(5, 9, 0), AT(5, 10, 0), NULL, NULL);
	add(j, tiny, N1, AT(1, 9, 0), AT(1, 10, 0), NULL, NULL);
	add(j, other, N4, AT(4, 9, 0), AT(4, 10, 0), NULL, NULL);
	add(j, other, N2, AT(2, 9, 0), AT(2, 10, 0), NULL, NULL);
	add(j, tiny, N2, AT(3, 9, 0), AT(3, 10, 0), NULL, NULL);
	/* order: tiny d1, other d2, tiny d3, other d4, tiny d5 */
	const struct journal_session *s = journal_last_session(j, "tiny");
	assert_non_null(s);
	assert_true(s->completed_at == AT(5, 10, 0));
	assert_int_equal(s->stage, N3);
	s = journal_last_session(j, "other");
	assert_true(s->completed_at == AT(4, 10, 0));
	assert_int_equal(s->stage, N4);
	assert_null(journal_last_session(j, "nope"));

	s = journal_movement_from(j, 4); /* tiny d5 */
	assert_non_null(s);
	assert_true(s->completed_at == AT(3, 10, 0));
	s = journal_movement_from(j, 2); /* tiny d3 */
	assert_true(s->completed_at == AT(1, 10, 0));
	assert_null(journal_movement_from(j, 0)); /* tiny d1: the first */
	s = journal_movement_from(j, 3); /* other d4 */
	assert_true(s->completed_at == AT(2, 10, 0));
	assert_string_equal(s->questionnaire, "other");
	assert_null(journal_movement_from(j, 1)); /* other d2 */
	assert_null(journal_movement_from(j, 5)); /* past the end */
	assert_null(journal_movement_from(j, 1000));
	journal_destroy(j);
}

/* ------------------------------------------------------------------ */
/* transitions */

struct want_transition {
	const char *questionnaire;
	int from, to;
	int64_t from_at, to_at; /* completed_at of the two sessions */
};

static void
check_transitions(const struct journal *j, const char *q,
	const struct want_transition *want, size_t n_want)
{
	struct journal_transition *t = NULL;
	size_t n = journal_transitions(j, q, &t);
	if (n != n_want) {
		fail_msg("transitions of %s: %zu, expected %zu", q ? q : "all", n, n_want);
	}
	for (size_t i = 0; i < n; i++) {
		const struct want_transition *w = &want[i];
		if (strcmp(t[i].to->questionnaire, w->questionnaire) != 0 ||
			strcmp(t[i].from->questionnaire, w->questionnaire) != 0 ||
			(int)t[i].from->stage != w->from || (int)t[i].to->stage != w->to ||
			t[i].from->completed_at != w->from_at || t[i].to->completed_at != w->to_at) {
			fail_msg("transition %zu of %s: got %s %d -> %d (%lld -> %lld), expected %s %d -> %d (%lld -> %lld)",
				i, q ? q : "all", t[i].to->questionnaire, (int)t[i].from->stage, (int)t[i].to->stage,
				(long long)t[i].from->completed_at, (long long)t[i].to->completed_at,
				w->questionnaire, w->from, w->to, (long long)w->from_at, (long long)w->to_at);
		}
	}
	free(t);
}

static void
test_transitions(void **state)
{
	(void)state;
	struct journal *j = journal_create();
	struct journal_transition *t = (void *)1;
	assert_int_equal(journal_transitions(j, NULL, &t), 0);
	free(t);
	/* interleaved, and added in a shuffled order:
	 *   d1 tiny N1, d2 other N3, d3 tiny N2, d4 other N3, d5 tiny N2,
	 *   d6 other N1, d7 tiny N4, d8 other N2, d9 tiny N3 */
	add(j, tiny, N4, AT(7, 9, 0), AT(7, 10, 0), NULL, NULL);
	add(j, other, N3, AT(2, 9, 0), AT(2, 10, 0), NULL, NULL);
	add(j, tiny, N2, AT(5, 9, 0), AT(5, 10, 0), NULL, NULL);
	add(j, tiny, N1, AT(1, 9, 0), AT(1, 10, 0), NULL, NULL);
	add(j, other, N2, AT(8, 9, 0), AT(8, 10, 0), NULL, NULL);
	add(j, tiny, N3, AT(9, 9, 0), AT(9, 10, 0), NULL, NULL);
	add(j, other, N1, AT(6, 9, 0), AT(6, 10, 0), NULL, NULL);
	add(j, tiny, N2, AT(3, 9, 0), AT(3, 10, 0), NULL, NULL);
	add(j, other, N3, AT(4, 9, 0), AT(4, 10, 0), NULL, NULL);

	/* tiny: 1 -> 2 (up), 2 -> 2 (no change), 2 -> 4 (up), 4 -> 3 (down) */
	static const struct want_transition tiny_t[] = {
		{"tiny", N1, N2, AT(1, 10, 0), AT(3, 10, 0)},
		{"tiny", N2, N4, AT(5, 10, 0), AT(7, 10, 0)},
		{"tiny", N4, N3, AT(7, 10, 0), AT(9, 10, 0)},
	};
	/* other: 3 -> 3 (no change), 3 -> 1 (down), 1 -> 2 (up) */
	static const struct want_transition other_t[] = {
		{"other", N3, N1, AT(4, 10, 0), AT(6, 10, 0)},
		{"other", N1, N2, AT(6, 10, 0), AT(8, 10, 0)},
	};
	/* all of them, in time order of the later session */
	static const struct want_transition all_t[] = {
		{"tiny", N1, N2, AT(1, 10, 0), AT(3, 10, 0)},
		{"other", N3, N1, AT(4, 10, 0), AT(6, 10, 0)},
		{"tiny", N2, N4, AT(5, 10, 0), AT(7, 10, 0)},
		{"other", N1, N2, AT(6, 10, 0), AT(8, 10, 0)},
		{"tiny", N4, N3, AT(7, 10, 0), AT(9, 10, 0)},
	};
	check_transitions(j, "tiny", tiny_t, 3);
	check_transitions(j, "other", other_t, 2);
	check_transitions(j, NULL, all_t, 5);
	check_transitions(j, "nope", NULL, 0);
	journal_destroy(j);

	/* a single session, or sessions that never change, give none */
	j = journal_create();
	add(j, tiny, N3, AT(1, 9, 0), AT(1, 10, 0), NULL, NULL);
	check_transitions(j, NULL, NULL, 0);
	add(j, tiny, N3, AT(2, 9, 0), AT(2, 10, 0), NULL, NULL);
	add(j, other, N1, AT(3, 9, 0), AT(3, 10, 0), NULL, NULL);
	check_transitions(j, NULL, NULL, 0);
	journal_destroy(j);
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

static void
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

static char *
export_text(const struct journal *j, const struct export_options *o)
{
	cJSON *doc = export_tree(j, o, NULL);
	assert_non_null(doc);
	char *text = json_print(doc);
	cJSON_Delete(doc);
	assert_non_null(text);
	return text;
}

/* Checks a full-export session against S<k> of the fixture. */
static void
check_full_session(const struct fixture *f, const cJSON *s, int k)
{
	char buf[64];
	assert_keys(s, "id,questionnaire,started_at,completed_at,result,answers,note");
	assert_string_equal(str_member(s, "id"), f->id[k]);
	snprintf(buf, sizeof(buf), "{\"id\": \"%s\", \"version\": 2}", FIX_Q[k]);
	assert_json_equal(cJSON_GetObjectItem(s, "questionnaire"), buf, "questionnaire of a session");
	snprintf(buf, sizeof(buf), "%sT09:40:00Z", FIX_DAY[k]);
	assert_string_equal(str_member(s, "started_at"), buf);
	snprintf(buf, sizeof(buf), "%sT10:00:00Z", FIX_DAY[k]);
	assert_string_equal(str_member(s, "completed_at"), buf);
	const cJSON *r = cJSON_GetObjectItem(s, "result");
	assert_int_equal(stage_member(r, "stage"), FIX_STAGE[k]);
	snprintf(buf, sizeof(buf), "{\"id\": \"%s\", \"version\": 2}", FIX_Q[k]);
	assert_json_equal(cJSON_GetObjectItem(r, "questionnaire"), buf, "questionnaire of a result");
	long idx = journal_find_session(f->j, f->id[k]);
	assert_true(idx >= 0);
	assert_true(cJSON_Compare(r, f->j->sessions[idx].result, true));
	assert_json_equal(cJSON_GetObjectItem(s, "answers"), ANSWERS[FIX_STAGE[k]], "answers");
	const cJSON *note = cJSON_GetObjectItem(s, "note");
	if (k == 1) {
		assert_string_equal(note->valuestring, "first");
	} else if (k == 4) {
		assert_string_equal(note->valuestring, FANCY_NOTE);
	} else {
		assert_true(cJSON_IsNull(note));
	}
}

static void
check_transition(const cJSON *t, const char *q, int from, int to, const char *from_id,
	const char *to_id, const char *at)
{
	assert_keys(t, "questionnaire,from,to,from_session,to_session,at,repeat");
	assert_true(cJSON_IsBool(cJSON_GetObjectItem(t, "repeat")));
	assert_string_equal(str_member(t, "questionnaire"), q);
	assert_int_equal(stage_member(t, "from"), from);
	assert_int_equal(stage_member(t, "to"), to);
	assert_string_equal(str_member(t, "from_session"), from_id);
	assert_string_equal(str_member(t, "to_session"), to_id);
	assert_string_equal(str_member(t, "at"), at);
}

static void
test_export_full(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	struct export_options o = {0};
	cJSON *doc = export_tree(f.j, &o, NULL);
	assert_non_null(doc);
	assert_keys(doc, "format,format_version,exported_at,anonymous,sessions,notes,transitions");
	assert_string_equal(str_member(doc, "format"), "ladder-export");
	const cJSON *v = cJSON_GetObjectItem(doc, "format_version");
	assert_true(cJSON_IsNumber(v) && v->valuedouble == 1);
	assert_string_equal(str_member(doc, "exported_at"), NOW_TEXT);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(doc, "anonymous")));

	cJSON *sessions = array_member(doc, "sessions", 6);
	for (int k = 1; k <= 6; k++) {
		check_full_session(&f, cJSON_GetArrayItem(sessions, k - 1), k);
	}
	cJSON *notes = array_member(doc, "notes", 2);
	cJSON *n0 = cJSON_GetArrayItem(notes, 0), *n1 = cJSON_GetArrayItem(notes, 1);
	assert_keys(n0, "id,at,text");
	assert_string_equal(str_member(n0, "id"), f.j->notes[0].id);
	assert_string_equal(str_member(n0, "at"), "2026-01-10T12:00:00Z");
	assert_string_equal(str_member(n0, "text"), "January");
	assert_string_equal(str_member(n1, "id"), f.j->notes[1].id);
	assert_string_equal(str_member(n1, "at"), "2026-02-19T12:00:00Z");
	assert_string_equal(str_member(n1, "text"), FANCY_NOTE);

	cJSON *tr = array_member(doc, "transitions", 4);
	check_transition(cJSON_GetArrayItem(tr, 0), "tiny", N1, N2, f.id[1], f.id[3], "2026-01-03T10:00:00Z");
	check_transition(cJSON_GetArrayItem(tr, 1), "tiny", N2, N4, f.id[3], f.id[4], "2026-02-09T10:00:00Z");
	check_transition(cJSON_GetArrayItem(tr, 2), "other", N3, N1, f.id[2], f.id[5], "2026-02-14T10:00:00Z");
	check_transition(cJSON_GetArrayItem(tr, 3), "tiny", N4, N3, f.id[4], f.id[6], "2026-02-20T10:00:00Z");
	cJSON_Delete(doc);

	/* an empty journal: empty arrays */
	struct journal *e = journal_create();
	doc = export_tree(e, &o, NULL);
	array_member(doc, "sessions", 0);
	array_member(doc, "notes", 0);
	array_member(doc, "transitions", 0);
	cJSON_Delete(doc);
	journal_destroy(e);
	journal_destroy(f.j);
}

static void
test_export_filters(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	struct export_options o = {0};

	/* --since 2026-02-01: S4, S5, S6; the February note; and of the
	 * transitions only S4 -> S6 (the others start before February) */
	o.has_since = true;
	assert_true(time_parse("2026-02-01", &o.since));
	assert_true(o.since == AT(31, 0, 0));
	cJSON *doc = export_tree(f.j, &o, NULL);
	cJSON *sessions = array_member(doc, "sessions", 3);
	for (int k = 4; k <= 6; k++) {
		check_full_session(&f, cJSON_GetArrayItem(sessions, k - 4), k);
	}
	cJSON *notes = array_member(doc, "notes", 1);
	assert_string_equal(str_member(cJSON_GetArrayItem(notes, 0), "at"), "2026-02-19T12:00:00Z");
	cJSON *tr = array_member(doc, "transitions", 1);
	check_transition(cJSON_GetArrayItem(tr, 0), "tiny", N4, N3, f.id[4], f.id[6], "2026-02-20T10:00:00Z");
	cJSON_Delete(doc);

	/* the bound is inclusive: since the very second S4 was completed */
	o.since = AT(39, 10, 0);
	doc = export_tree(f.j, &o, NULL);
	sessions = array_member(doc, "sessions", 3);
	assert_string_equal(str_member(cJSON_GetArrayItem(sessions, 0), "id"), f.id[4]);
	cJSON_Delete(doc);
	o.since = AT(39, 10, 0) + 1;
	doc = export_tree(f.j, &o, NULL);
	sessions = array_member(doc, "sessions", 2);
	assert_string_equal(str_member(cJSON_GetArrayItem(sessions, 0), "id"), f.id[5]);
	array_member(doc, "transitions", 0);
	cJSON_Delete(doc);

	/* after everything: nothing */
	o.since = AT(300, 0, 0);
	doc = export_tree(f.j, &o, NULL);
	array_member(doc, "sessions", 0);
	array_member(doc, "notes", 0);
	array_member(doc, "transitions", 0);
	cJSON_Delete(doc);

	/* --questionnaire other: S2, S5 and their transition */
	o.has_since = false;
	o.questionnaire = "other";
	doc = export_tree(f.j, &o, NULL);
	sessions = array_member(doc, "sessions", 2);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 0), 2);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 1), 5);
	tr = array_member(doc, "transitions", 1);
	check_transition(cJSON_GetArrayItem(tr, 0), "other", N3, N1, f.id[2], f.id[5], "2026-02-14T10:00:00Z");
	cJSON_Delete(doc);

	/* --questionnaire tiny: S1, S3, S4, S6 and three transitions */
	o.questionnaire = "tiny";
	doc = export_tree(f.j, &o, NULL);
	sessions = array_member(doc, "sessions", 4);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 0), 1);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 1), 3);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 2), 4);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 3), 6);
	tr = array_member(doc, "transitions", 3);
	check_transition(cJSON_GetArrayItem(tr, 0), "tiny", N1, N2, f.id[1], f.id[3], "2026-01-03T10:00:00Z");
	check_transition(cJSON_GetArrayItem(tr, 1), "tiny", N2, N4, f.id[3], f.id[4], "2026-02-09T10:00:00Z");
	check_transition(cJSON_GetArrayItem(tr, 2), "tiny", N4, N3, f.id[4], f.id[6], "2026-02-20T10:00:00Z");
	cJSON_Delete(doc);

	/* both: tiny since February */
	o.has_since = true;
	o.since = AT(31, 0, 0);
	doc = export_tree(f.j, &o, NULL);
	sessions = array_member(doc, "sessions", 2);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 0), 4);
	check_full_session(&f, cJSON_GetArrayItem(sessions, 1), 6);
	array_member(doc, "transitions", 1);
	cJSON_Delete(doc);

	/* a questionnaire with no sessions */
	o.has_since = false;
	o.questionnaire = "nope";
	doc = export_tree(f.j, &o, NULL);
	array_member(doc, "sessions", 0);
	array_member(doc, "transitions", 0);
	cJSON_Delete(doc);
	journal_destroy(f.j);
}

static void
check_anonymous(const struct fixture *f, const cJSON *doc, int first, int last)
{
	int n = last - first + 1;
	assert_keys(doc, "format,format_version,exported_at,anonymous,sessions,notes,transitions");
	assert_string_equal(str_member(doc, "format"), "ladder-export");
	assert_string_equal(str_member(doc, "exported_at"), "2026-11-26");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(doc, "anonymous")));
	array_member(doc, "notes", 0);
	cJSON *sessions = array_member(doc, "sessions", n);
	for (int k = first; k <= last; k++) {
		const cJSON *s = cJSON_GetArrayItem(sessions, k - first);
		char buf[64];
		assert_keys(s, "id,questionnaire,started_at,completed_at,result");
		const char *id = str_member(s, "id");
		assert_true(uuid_valid(id));
		/* a fresh id: none of the journal's, none of the others' here */
		for (int i = 1; i <= 6; i++) {
			assert_string_not_equal(id, f->id[i]);
		}
		for (int i = first; i < k; i++) {
			assert_string_not_equal(id, str_member(cJSON_GetArrayItem(sessions, i - first), "id"));
		}
		snprintf(buf, sizeof(buf), "{\"id\": \"%s\", \"version\": 2}", FIX_Q[k]);
		assert_json_equal(cJSON_GetObjectItem(s, "questionnaire"), buf, "questionnaire");
		assert_string_equal(str_member(s, "started_at"), FIX_DAY[k]);
		assert_string_equal(str_member(s, "completed_at"), FIX_DAY[k]);
		assert_int_equal(stage_member(cJSON_GetObjectItem(s, "result"), "stage"), FIX_STAGE[k]);
	}
}

static const char *
anon_id(const cJSON *doc, int index)
{
	return str_member(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "sessions"), index), "id");
}

static void
test_export_anonymous(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	struct export_options o = {.anonymous = true};
	cJSON *doc = export_tree(f.j, &o, NULL);
	check_anonymous(&f, doc, 1, 6);
	/* transitions name the export's own ids: S1 is sessions[0], ... */
	cJSON *tr = array_member(doc, "transitions", 4);
	check_transition(cJSON_GetArrayItem(tr, 0), "tiny", N1, N2, anon_id(doc, 0), anon_id(doc, 2), "2026-01-03");
	check_transition(cJSON_GetArrayItem(tr, 1), "tiny", N2, N4, anon_id(doc, 2), anon_id(doc, 3), "2026-02-09");
	check_transition(cJSON_GetArrayItem(tr, 2), "other", N3, N1, anon_id(doc, 1), anon_id(doc, 4), "2026-02-14");
	check_transition(cJSON_GetArrayItem(tr, 3), "tiny", N4, N3, anon_id(doc, 3), anon_id(doc, 5), "2026-02-20");
	/* nothing private anywhere in the text */
	char *text = json_print(doc);
	assert_null(strstr(text, "first"));
	assert_null(strstr(text, "January"));
	assert_null(strstr(text, "日本語"));
	assert_null(strstr(text, "T09:40"));
	assert_null(strstr(text, "T10:00"));
	assert_null(strstr(text, "\"answers\""));
	assert_null(strstr(text, "\"note\""));
	for (int i = 1; i <= 6; i++) {
		assert_null(strstr(text, f.id[i]));
	}
	/* another anonymous export: other fresh ids */
	cJSON *again = export_tree(f.j, &o, NULL);
	for (int i = 0; i < 6; i++) {
		assert_null(strstr(text, anon_id(again, i)));
	}
	free(text);
	cJSON_Delete(again);
	cJSON_Delete(doc);

	/* anonymous and since February */
	o.has_since = true;
	o.since = AT(31, 0, 0);
	doc = export_tree(f.j, &o, NULL);
	check_anonymous(&f, doc, 4, 6);
	tr = array_member(doc, "transitions", 1);
	check_transition(cJSON_GetArrayItem(tr, 0), "tiny", N4, N3, anon_id(doc, 0), anon_id(doc, 2), "2026-02-20");
	cJSON_Delete(doc);
	journal_destroy(f.j);
}

/* ------------------------------------------------------------------ */
/* import */

static bool
merge(struct journal *j, const char *name, const char *text, size_t *added,
	size_t *already, struct ladder_error *err)
{
	error_clear(err);
	*added = *already = 12345;
	return import_merge(j, name, text, strlen(text), added, already, err);
}

static void
test_import_merges(void **state)
{
	(void)state;
	struct ladder_error err;
	size_t added, already;
	struct fixture f;
	fixture_make(&f);
	struct export_options o = {0};
	char *full = export_text(f.j, &o);
	o.questionnaire = "other";
	char *part = export_text(f.j, &o);

	/* the sessions of "other" alone, without the notes */
	{
		cJSON *doc = cJSON_Parse(part);
		cJSON_ReplaceItemInObject(doc, "notes", cJSON_CreateArray());
		free(part);
		part = json_print(doc);
		cJSON_Delete(doc);
	}

	/* a journal with a session of its own (2026-01-21, between S3 and S4) */
	struct journal *j = journal_create();
	char own[UUID_STR_LEN];
	add(j, tiny, N2, AT(20, 9, 40), AT(20, 10, 0), "mine", own);
	if (!merge(j, "part.json", part, &added, &already, &err)) {
		fail_msg("import of part.json: %s", err.msg);
	}
	assert_int_equal(added, 2); /* S2, S5 */
	assert_int_equal(already, 0);
	assert_int_equal(j->n_sessions, 3);
	assert_int_equal(j->n_notes, 0);
	if (!merge(j, "full.json", full, &added, &already, &err)) {
		fail_msg("import of full.json: %s", err.msg);
	}
	/* S1, S3, S4, S6 and the two notes are new; S2 and S5 were there */
	assert_int_equal(added, 6);
	assert_int_equal(already, 2);
	assert_int_equal(j->n_sessions, 7);
	assert_int_equal(j->n_notes, 2);
	/* in time order, with its own session kept in its place */
	const char *order[7] = {f.id[1], f.id[2], f.id[3], own, f.id[4], f.id[5], f.id[6]};
	for (size_t i = 0; i < 7; i++) {
		assert_string_equal(j->sessions[i].id, order[i]);
	}
	assert_string_equal(j->sessions[3].note, "mine");
	assert_string_equal(j->sessions[4].note, FANCY_NOTE);
	assert_string_equal(j->sessions[0].note, "first");
	assert_null(j->sessions[1].note);
	assert_true(j->sessions[4].started_at == AT(39, 9, 40));
	assert_true(j->sessions[4].completed_at == AT(39, 10, 0));
	assert_int_equal(j->sessions[4].stage, N4);
	assert_string_equal(j->notes[0].text, "January");
	assert_string_equal(j->notes[1].text, FANCY_NOTE);
	/* the merged journal survives its own serialisation */
	struct secret *before = serialize(j);
	struct journal *back = parse(before, &err);
	assert_non_null(back);
	assert_journals_equal(j, back);
	journal_destroy(back);

	/* the same export twice adds nothing and changes no byte */
	assert_true(merge(j, "full.json", full, &added, &already, &err));
	assert_int_equal(added, 0);
	assert_int_equal(already, 8); /* six sessions, two notes */
	struct secret *after = serialize(j);
	assert_same_bytes(before, after, "importing the same export again");
	secret_destroy(after);
	/* and its sessions are left as they were, even if the file says
	 * otherwise: merging is by id */
	cJSON *doc = cJSON_Parse(full);
	cJSON *s0 = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "sessions"), 0);
	cJSON_ReplaceItemInObject(s0, "note", cJSON_CreateString("changed elsewhere"));
	char *changed = json_print(doc);
	cJSON_Delete(doc);
	assert_true(merge(j, "changed.json", changed, &added, &already, &err));
	assert_int_equal(added, 0);
	after = serialize(j);
	assert_same_bytes(before, after, "importing a changed copy of known sessions");
	secret_destroy(after);
	free(changed);

	secret_destroy(before);
	journal_destroy(j);
	free(part);
	free(full);
	journal_destroy(f.j);
}

/* 1-based line and column of the first byte of needle in text, counted here
 * (bytes; the texts below are ASCII up to the place of the error). */
static void
where_at(const char *text, const char *p, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (const char *c = text; c < p; c++) {
		if (*c == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static void
where(const char *text, const char *needle, int *line, int *col)
{
	const char *p = strstr(text, needle);
	if (p == NULL) {
		fail_msg("test bug: \"%s\" is not in the text", needle);
	}
	where_at(text, p, line, col);
}

/* Imports text into j, expecting a refusal with exactly expect (or, when
 * needle is given, "bad.json:L:C: " + expect with L:C where needle is), and
 * j byte-identical afterwards. */
static void
refused(struct journal *j, const char *what, const char *text, const char *needle,
	const char *expect)
{
	struct ladder_error err;
	size_t added, already;
	char want[1024];
	if (needle != NULL) {
		int line, col;
		where(text, needle, &line, &col);
		snprintf(want, sizeof(want), "bad.json:%d:%d: %s", line, col, expect);
	} else {
		snprintf(want, sizeof(want), "%s", expect);
	}
	struct secret *before = serialize(j);
	bool ok = merge(j, "bad.json", text, &added, &already, &err);
	if (ok) {
		fail_msg("%s: imported", what);
	}
	if (strcmp(err.msg, want) != 0) {
		fail_msg("%s:\n  expected: %s\n  got:      %s", what, want, err.msg);
	}
	assert_int_equal(err.status, LADDER_FAIL);
	assert_int_equal(added, 0);
	struct secret *after = serialize(j);
	assert_same_bytes(before, after, what);
	secret_destroy(before);
	secret_destroy(after);
}

static void
test_import_refuses(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	/* the journal the refused files go to: S1..S3 and the January note */
	struct export_options o = {0};
	char *full = export_text(f.j, &o);
	struct journal *j = journal_create();
	j->created_at = AT(0, 0, 0);
	struct ladder_error err;
	size_t added, already;
	{
		cJSON *doc = cJSON_Parse(full);
		cJSON *s = cJSON_GetObjectItem(doc, "sessions");
		while (cJSON_GetArraySize(s) > 3) {
			cJSON_DeleteItemFromArray(s, 3);
		}
		cJSON_DeleteItemFromArray(cJSON_GetObjectItem(doc, "notes"), 1);
		char *t = json_print(doc);
		cJSON_Delete(doc);
		assert_true(merge(j, "first.json", t, &added, &already, &err));
		assert_int_equal(added, 4);
		free(t);
	}

	refused(j, "a syntax error",
		"{\n  \"format\": \"ladder-export\",\n  \"format_version\": 1\n  \"sessions\": []\n}\n",
		"\"sessions\"", "expected ',' or '}' after an object member");
	refused(j, "not JSON at all", "ladder export, version 1\n", NULL,
		"bad.json:1:1: expected a value (a string, number, object, array, true, false or null)");
	refused(j, "an empty file", "", NULL, "bad.json:1:1: unexpected end of file (expected a value)");
	refused(j, "an unknown format",
		"{\"format\": \"ladder-journal\", \"format_version\": 1, \"sessions\": [], \"notes\": []}",
		"\"ladder-journal\"", "unknown format \"ladder-journal\" (expected \"ladder-export\")");
	refused(j, "format_version 2",
		"{\n\"format\": \"ladder-export\",\n\"format_version\": 2,\n\"exported_at\": \"2026-11-26T10:00:00Z\",\n"
		"\"anonymous\": false, \"sessions\": [], \"notes\": [], \"transitions\": []}",
		"2,", "unsupported format_version 2 of ladder-export (this ladder reads version 1)");
	refused(j, "an anonymous export",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"exported_at\": \"2026-11-26\",\n"
		"  \"anonymous\": true, \"sessions\": [], \"notes\": [], \"transitions\": []}",
		"true", "this is an anonymous export (for a facilitator's room view); import takes a full export made with 'ladder export'");
	refused(j, "an unknown member at the top",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"exported_at\": \"2026-11-26T10:00:00Z\",\n"
		"  \"anonymous\": false, \"sessions\": [], \"notes\": [], \"transitions\": [], \"colour\": 1}",
		"\"colour\"", "unknown member \"colour\" in the export (expected one of \"format\", \"format_version\", \"exported_at\", \"anonymous\", \"sessions\", \"notes\", \"transitions\")");

	/* the members at the top are all checked, even those import does not
	 * keep (transitions are worked out again from the sessions) */
	refused(j, "transitions that are a number",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"exported_at\": \"2026-11-26T10:00:00Z\",\n"
		"  \"anonymous\": false, \"sessions\": [], \"notes\": [], \"transitions\": 5}",
		"5}", "expected \"transitions\" of the export to be an array [...]");
	refused(j, "no transitions",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"exported_at\": \"2026-11-26T10:00:00Z\",\n"
		"  \"anonymous\": false, \"sessions\": [], \"notes\": []}",
		"{", "the export has no \"transitions\" (expected an array [...])");
	refused(j, "an export time that is no time",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"exported_at\": \"yesterday\",\n"
		"  \"anonymous\": false, \"sessions\": [], \"notes\": [], \"transitions\": []}",
		"\"yesterday\"", "\"exported_at\" of the export is \"yesterday\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)");
	refused(j, "no export time",
		"{\"format\": \"ladder-export\", \"format_version\": 1,\n"
		"  \"anonymous\": false, \"sessions\": [], \"notes\": [], \"transitions\": []}",
		"{", "the export has no \"exported_at\" (expected a string)");
	refused(j, "no anonymous",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"exported_at\": \"2026-11-26T10:00:00Z\",\n"
		"  \"sessions\": [], \"notes\": [], \"transitions\": []}",
		"{", "the export has no \"anonymous\" (expected true or false)");

	/* the real export of the fixture, broken deep inside */
	cJSON *doc;
	char *text;
	cJSON *sessions;
#define BREAK(stmt)                                                    \
	do {                                                               \
		doc = cJSON_Parse(full);                                       \
		sessions = cJSON_GetObjectItem(doc, "sessions");               \
		stmt;                                                          \
		text = json_print(doc);                                        \
		cJSON_Delete(doc);                                             \
	} while (0)

	/* the fifth session (new to j) has a bad id */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetArrayItem(sessions, 4), "id",
		cJSON_CreateString("5555-not-a-uuid")));
	refused(j, "a bad session id deep in the array", text, "\"5555-not-a-uuid\"",
		"id \"5555-not-a-uuid\" of a session is not a UUID (expected 8-4-4-4-12 hex digits)");
	free(text);

	/* the last session's second facet has an unknown stage */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
		cJSON_GetArrayItem(sessions, 5), "result"), "facets"), 1), "stage", cJSON_CreateString("rung_5")));
	refused(j, "an unknown stage deep in the array", text, "\"rung_5\"",
		"unknown stage \"rung_5\" in a facet of the result (expected one of \"unconscious_incompetence\", \"conscious_incompetence\", \"conscious_competence\", \"unconscious_competence\" or null)");
	free(text);

	/* an axis of 1.5 */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetObjectItem(cJSON_GetObjectItem(
		cJSON_GetArrayItem(sessions, 3), "result"), "axes"), "perceived", cJSON_CreateNumber(1.5)));
	refused(j, "an axis of 1.5", text, "1.5", "axis \"perceived\" is 1.5 (expected a number from 0 to 1 or null)");
	free(text);

	/* completed before started */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetArrayItem(sessions, 5), "completed_at",
		cJSON_CreateString("2026-02-20T09:39:59Z")));
	{
		char want[256];
		snprintf(want, sizeof(want), "session %s was completed before it was started", f.id[6]);
		refused(j, "a session completed before it started", text, "\"2026-02-20T09:39:59Z\"", want);
	}
	free(text);

	/* a time that is not RFC 3339 */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetArrayItem(sessions, 4), "started_at",
		cJSON_CreateString("14/02/2026")));
	refused(j, "a date written another way", text, "\"14/02/2026\"",
		"\"started_at\" of a session is \"14/02/2026\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)");
	free(text);

	/* a full export whose last session has no answers (an anonymous
	 * session in a full export): the message points at that session */
	BREAK(cJSON_DeleteItemFromObject(cJSON_GetArrayItem(sessions, 5), "answers"));
	{
		/* the sixth session object opens on the line after the fifth
		 * one's last "note" line: find its "{" by its id */
		char needle[64];
		snprintf(needle, sizeof(needle), "\"id\": \"%s\"", f.id[6]);
		int line, col;
		where(text, needle, &line, &col);
		/* the object's "{" is alone on the line before, indented by 4 */
		char want[256];
		snprintf(want, sizeof(want), "bad.json:%d:5: a session has no \"answers\"", line - 1);
		refused(j, "a session without answers", text, NULL, want);
	}
	free(text);

	/* an answer that is no answer */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetObjectItem(cJSON_GetArrayItem(sessions, 5), "answers"),
		"a1", cJSON_CreateString("five stars")));
	refused(j, "an answer that is a sentence", text, "\"five stars\"",
		"answer to \"a1\" in a session must be a whole number, an option id or null");
	free(text);

	/* a session id twice: the second copy is named */
	BREAK(cJSON_AddItemToArray(sessions, cJSON_Duplicate(cJSON_GetArrayItem(sessions, 4), true)));
	{
		char needle[64], want[256];
		snprintf(needle, sizeof(needle), "\"id\": \"%s\"", f.id[5]);
		const char *p = strstr(text, needle), *last = p;
		while (p != NULL) {
			last = p;
			p = strstr(p + 1, needle);
		}
		int line, col;
		where_at(text, last, &line, &col);
		/* its "{" is alone on the line before, indented by 4 */
		snprintf(want, sizeof(want), "bad.json:%d:5: session id %s appears twice", line - 1, f.id[5]);
		refused(j, "a session id twice", text, NULL, want);
	}
	free(text);

	/* the whole file is checked before anything is merged: the first
	 * sessions are valid and new, the last is not, and none is added */
	BREAK(cJSON_ReplaceItemInObject(cJSON_GetArrayItem(sessions, 5), "questionnaire",
		cJSON_CreateString("tiny")));
	refused(j, "a valid start and a broken end", text, "\"tiny\",\n      \"started_at\"",
		"expected \"questionnaire\" of a session to be an object");
	assert_int_equal(j->n_sessions, 3);
	free(text);
#undef BREAK

	/* a note without text */
	doc = cJSON_Parse(full);
	cJSON_DeleteItemFromObject(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "notes"), 1), "text");
	text = json_print(doc);
	cJSON_Delete(doc);
	{
		struct secret *before = serialize(j);
		assert_false(merge(j, "bad.json", text, &added, &already, &err));
		assert_non_null(strstr(err.msg, "a note has no \"text\""));
		assert_int_equal(strncmp(err.msg, "bad.json:", 9), 0);
		struct secret *after = serialize(j);
		assert_same_bytes(before, after, "a note without text");
		secret_destroy(before);
		secret_destroy(after);
	}
	free(text);

	/* and after all that, the good file still merges */
	assert_true(merge(j, "full.json", full, &added, &already, &err));
	assert_int_equal(added, 4); /* S4, S5, S6, the February note */
	assert_int_equal(already, 4);
	assert_int_equal(j->n_sessions, 6);
	free(full);
	journal_destroy(j);
	journal_destroy(f.j);
}

static void
test_export_import_export(void **state)
{
	(void)state;
	struct ladder_error err;
	size_t added, already;
	struct fixture f;
	fixture_make(&f);
	/* an unfinished session stays behind: it is not part of an export */
	struct answers *a = make_answers(tiny, N3, NULL);
	assert_true(journal_unfinished_set(f.j, tiny, a, 2, AT(60, 9, 0), &err));
	answers_destroy(a);
	struct export_options o = {0};
	char *first = export_text(f.j, &o);
	struct journal *j = journal_create();
	if (!merge(j, "export.json", first, &added, &already, &err)) {
		fail_msg("import of a fresh export: %s", err.msg);
	}
	assert_int_equal(added, 8);
	assert_int_equal(already, 0);
	assert_int_equal(j->n_unfinished, 0);
	char *second = export_text(j, &o);
	/* the same clock: the whole documents are the same text */
	assert_string_equal(first, second);
	/* and through the plaintext of the journal too */
	struct secret *plain = serialize(j);
	struct journal *back = parse(plain, &err);
	assert_non_null(back);
	char *third = export_text(back, &o);
	assert_string_equal(first, third);
	/* filtered exports agree as well */
	o.questionnaire = "tiny";
	o.has_since = true;
	o.since = AT(2, 0, 0);
	char *x = export_text(f.j, &o), *y = export_text(j, &o);
	assert_string_equal(x, y);
	free(x);
	free(y);
	free(third);
	secret_destroy(plain);
	journal_destroy(back);
	free(second);
	free(first);
	journal_destroy(j);
	journal_destroy(f.j);
}

/* ------------------------------------------------------------------ */
/* format version 2: sessions read when asked for, saved as they were */

/* A journal of five sessions of two questionnaires, a note and an
 * unfinished session; *text is its plaintext. */
static struct journal *
v2_journal(struct secret **text)
{
	struct ladder_error err;
	error_clear(&err);
	struct journal *j = journal_create();
	j->created_at = AT(0, 7, 0);
	add(j, tiny, N1, AT(1, 9, 0), AT(1, 9, 30), FANCY_NOTE, NULL);
	add(j, other, N3, AT(2, 9, 0), AT(2, 9, 30), NULL, NULL);
	add(j, tiny, N0, AT(3, 9, 0), AT(3, 9, 30), NULL, NULL);
	add(j, tiny, N4, AT(4, 9, 0), AT(4, 9, 30), "later", NULL);
	add(j, other, N2, AT(5, 9, 0), AT(5, 9, 30), NULL, NULL);
	assert_non_null(journal_add_note(j, "a note", AT(2, 12, 0), &err));
	struct answers *part = make_answers(tiny, N0, NULL);
	part->values[0] = 3;
	assert_true(journal_unfinished_set(j, tiny, part, 1, AT(6, 9, 0), &err));
	answers_destroy(part);
	*text = serialize(j);
	return j;
}

/* Lines of text: [0] the first, then one per session, then "]}". */
static size_t
split_lines(const struct secret *text, char *lines[], size_t max)
{
	size_t n = 0;
	const char *p = (const char *)text->data, *end = p + text->len;
	while (p < end && n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lines[n++] = str_printf("%.*s", (int)len, p);
		p += len + (nl != NULL);
	}
	return n;
}

static char *
join_lines(char *lines[], size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		total += strlen(lines[i]) + 1;
	}
	char *out = calloc(1, total + 1);
	for (size_t i = 0; i < n; i++) {
		strcat(out, lines[i]);
		if (i + 1 < n) {
			strcat(out, "\n");
		}
	}
	return out;
}

static void
test_v2_layout(void **state)
{
	(void)state;
	struct secret *text;
	struct journal *j = v2_journal(&text);
	char *lines[16];
	size_t n = split_lines(text, lines, 16);
	/* a first line, a line per session, the end */
	assert_int_equal(n, 1 + 5 + 1);
	assert_true(strncmp(lines[0], "{\"format\":\"ladder-journal\",\"format_version\":2,", 46) == 0);
	assert_non_null(strstr(lines[0], "\"items\":{\"tiny\":[\"a1\",\"a2\",\"a3\",\"a5\",\"b1\",\"b2\",\"a4\"]"));
	size_t l0 = strlen(lines[0]);
	assert_string_equal(lines[0] + l0 - strlen(",\"sessions\":["), ",\"sessions\":[");
	assert_string_equal(lines[6], "]}");
	for (size_t i = 1; i <= 5; i++) {
		size_t len = strlen(lines[i]);
		assert_true(lines[i][len - 1] == (i < 5 ? ',' : '}'));
		/* what opening reads, in this order and form */
		char head[200];
		snprintf(head, sizeof(head), "{\"id\":\"%s\",\"questionnaire\":\"%s\",\"version\":2,"
			"\"started_at\":%lld,\"completed_at\":%lld,\"stage\":",
			j->sessions[i - 1].id, j->sessions[i - 1].questionnaire,
			(long long)j->sessions[i - 1].started_at, (long long)j->sessions[i - 1].completed_at);
		assert_true(strncmp(lines[i], head, strlen(head)) == 0);
	}
	/* the first session: N1 by hand, the result in short (rule 2, no set,
	 * not a repeat, then the rung), the answers by their place in the
	 * list of tiny's items */
	assert_non_null(strstr(lines[1], "\"stage\":1,\"result\":[\"r2\",null,false,1,"));
	assert_non_null(strstr(lines[1], "\"answers\":[1,\"c\",5,5,1,1],\"note\":\"Na"));
	/* N3 of other: a1, a2, a4 (new to other's list), b1 -- by place */
	assert_non_null(strstr(lines[2], "\"answers\":[5,\"b\",0,5]"));
	assert_non_null(strstr(lines[3], "\"stage\":null,"));
	assert_non_null(strstr(lines[3], "\"answers\":[],\"note\":null}"));
	/* N4: a4 comes after a3 and a5 in tiny's own order: not the list's */
	assert_non_null(strstr(lines[4], "\"answers\":{\"a1\":4,"));
	/* the whole is one JSON document */
	cJSON *doc = cJSON_ParseWithLength((const char *)text->data, text->len);
	assert_non_null(doc);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "sessions")), 5);
	cJSON_Delete(doc);
	for (size_t i = 0; i < n; i++) {
		free(lines[i]);
	}
	secret_destroy(text);
	journal_destroy(j);
}

static void
test_v2_lazy(void **state)
{
	(void)state;
	struct ladder_error err;
	error_clear(&err);
	struct secret *text;
	struct journal *j = v2_journal(&text);
	struct journal *k = journal_parse("mem", text->data, text->len, &err);
	if (k == NULL) {
		fail_msg("%s", err.msg);
	}
	assert_int_equal(k->n_sessions, 5);
	for (size_t i = 0; i < 5; i++) {
		const struct journal_session *a = &j->sessions[i];
		struct journal_session *b = &k->sessions[i];
		/* read on opening */
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->questionnaire, b->questionnaire);
		assert_true(a->completed_at == b->completed_at);
		assert_int_equal(a->stage, b->stage);
		assert_int_equal(journal_session_has_note(a), journal_session_has_note(b));
		/* the rest is not */
		assert_false(b->loaded);
		assert_null(b->answers);
		assert_null(b->result);
		assert_non_null(b->text);
	}
	/* nothing read: saved as it was */
	struct secret *again = serialize(k);
	assert_same_bytes(text, again, "a journal parsed and saved unread");
	secret_destroy(again);
	/* read when asked for: what was stored */
	assert_true(journal_session_load(k, &k->sessions[3], &err));
	assert_true(k->sessions[3].loaded);
	assert_true(cJSON_Compare(j->sessions[3].answers, k->sessions[3].answers, true));
	assert_true(cJSON_Compare(j->sessions[3].result, k->sessions[3].result, true));
	assert_string_equal(k->sessions[3].note, "later");
	assert_true(journal_verify(k, &err));
	/* every session written anew from what was read: the same bytes */
	for (size_t i = 0; i < 5; i++) {
		struct journal_session *b = &k->sessions[i];
		assert_true(journal_session_load(k, b, &err));
		char *note = b->note ? str_dup(b->note) : NULL;
		assert_true(journal_session_set_note(k, b, note, &err));
		assert_null(b->text);
		free(note);
	}
	again = serialize(k);
	assert_same_bytes(text, again, "every session written anew");
	secret_destroy(again);
	/* and a changed note changes only its line */
	assert_true(journal_session_set_note(k, &k->sessions[1], "now a note", &err));
	again = serialize(k);
	struct journal *m = journal_parse("mem", again->data, again->len, &err);
	assert_non_null(m);
	assert_true(journal_session_has_note(&m->sessions[1]));
	assert_true(journal_session_load(m, &m->sessions[1], &err));
	assert_string_equal(m->sessions[1].note, "now a note");
	journal_destroy(m);
	secret_destroy(again);
	journal_destroy(k);
	secret_destroy(text);
	journal_destroy(j);
}

/* After a save, the sessions' text is the saved plaintext's. */
static void
test_v2_rebase(void **state)
{
	(void)state;
	struct ladder_error err;
	error_clear(&err);
	struct secret *text;
	struct journal *j = v2_journal(&text);
	struct journal *k = journal_parse("mem", text->data, text->len, &err);
	assert_non_null(k);
	assert_true(journal_session_load(k, &k->sessions[0], &err));
	add(k, other, N4, AT(7, 9, 0), AT(7, 9, 30), "new", NULL);
	assert_null(k->sessions[5].text);
	struct journal_layout *layout = NULL;
	struct secret *plain = journal_serialize_layout(k, &layout, &err);
	assert_non_null(plain);
	journal_rebase(k, plain, layout);
	assert_ptr_equal(k->plain, plain);
	for (size_t i = 0; i < k->n_sessions; i++) {
		const struct journal_session *s = &k->sessions[i];
		assert_non_null(s->text);
		assert_true(s->text >= (const char *)plain->data &&
			s->text + s->text_len <= (const char *)plain->data + plain->len);
		assert_true(s->text[-1] == '\n' && s->text[s->text_len - 1] == '}');
	}
	/* loaded sessions stay loaded; the next save copies every line */
	assert_true(k->sessions[0].loaded);
	assert_true(k->sessions[5].loaded);
	struct secret *again = serialize(k);
	assert_same_bytes(plain, again, "saved again after the rebase");
	secret_destroy(again);
	struct journal *m = journal_parse("mem", plain->data, plain->len, &err);
	assert_non_null(m);
	assert_true(journal_verify(m, &err));
	assert_int_equal(m->n_sessions, 6);
	assert_true(journal_session_load(m, &m->sessions[5], &err));
	assert_string_equal(m->sessions[5].note, "new");
	journal_destroy(m);
	journal_destroy(k);
	secret_destroy(text);
	journal_destroy(j);
}

/* A result or answers not in score's shape (an import of someone else's
 * export) are kept as the objects they are. */
static void
test_v2_other_shapes(void **state)
{
	(void)state;
	struct ladder_error err;
	error_clear(&err);
	struct journal *j = journal_create();
	add(j, tiny, N2, AT(1, 9, 0), AT(1, 9, 30), NULL, NULL);
	add(j, tiny, N3, AT(2, 9, 0), AT(2, 9, 30), NULL, NULL);
	struct journal_session *s = &j->sessions[0];
	cJSON_AddStringToObject(s->result, "colour", "blue");
	/* b2 before a1: not the order of tiny's list (from the first session) */
	struct journal_session *t = &j->sessions[1];
	cJSON_Delete(t->answers);
	t->answers = cJSON_Parse("{\"b2\": 5, \"a1\": 1, \"zz\": null}");
	struct secret *text = serialize(j);
	assert_non_null(strstr((const char *)text->data, "\"colour\":\"blue\""));
	assert_non_null(strstr((const char *)text->data, "\"answers\":{\"b2\":5,\"a1\":1,\"zz\":null}"));
	struct journal *k = parse(text, &err);
	assert_non_null(k);
	char *want = cJSON_PrintUnformatted(s->result);
	char *got = cJSON_PrintUnformatted(k->sessions[0].result);
	assert_string_equal(got, want);
	free(want);
	free(got);
	want = cJSON_PrintUnformatted(t->answers);
	got = cJSON_PrintUnformatted(k->sessions[1].answers);
	assert_string_equal(got, want);
	free(want);
	free(got);
	/* the first session's answers are still in short, by tiny's list */
	assert_non_null(strstr((const char *)text->data, "\"answers\":[1,\"c\",1,1,1,5]"));
	assert_true(cJSON_Compare(s->answers, k->sessions[0].answers, true));
	journal_destroy(k);
	secret_destroy(text);
	journal_destroy(j);
}

struct v2_case {
	const char *what;
	size_t line;         /* 0: the first; 1..5 the sessions; 6: the end */
	const char *from, *to; /* the first from in that line becomes to */
	const char *expect;  /* a part of the message */
};

static char *
v2_changed(const struct secret *text, const struct v2_case *c)
{
	char *lines[16];
	size_t n = split_lines(text, lines, 16);
	char *at = strstr(lines[c->line], c->from);
	if (at == NULL) {
		fail_msg("%s: \"%s\" is not in line %zu: %s", c->what, c->from, c->line, lines[c->line]);
	}
	char *changed = str_printf("%.*s%s%s", (int)(at - lines[c->line]), lines[c->line],
		c->to, at + strlen(c->from));
	free(lines[c->line]);
	lines[c->line] = changed;
	char *out = join_lines(lines, n);
	for (size_t i = 0; i < n; i++) {
		free(lines[i]);
	}
	return out;
}

/* Damage found on opening: the journal is refused. */
static void
test_v2_refused(void **state)
{
	(void)state;
	struct secret *text;
	struct journal *j = v2_journal(&text);
	char id2[UUID_STR_LEN];
	memcpy(id2, j->sessions[1].id, UUID_STR_LEN);
	char upper[UUID_STR_LEN];
	memcpy(upper, j->sessions[0].id, UUID_STR_LEN);
	for (int i = 0; i < 36; i++) {
		if (upper[i] >= 'a' && upper[i] <= 'f') {
			upper[i] = (char)(upper[i] - 'a' + 'A');
		}
	}
	char from_id[64], to_id[64];
	snprintf(from_id, sizeof(from_id), "\"id\":\"%s\"", j->sessions[0].id);
	snprintf(to_id, sizeof(to_id), "\"id\":\"%s\"", upper);
	char dup_from[64], dup_to[64];
	snprintf(dup_from, sizeof(dup_from), "\"id\":\"%s\"", j->sessions[2].id);
	snprintf(dup_to, sizeof(dup_to), "\"id\":\"%s\"", id2);
	char started[64], late[64];
	snprintf(started, sizeof(started), "\"started_at\":%lld", (long long)AT(1, 9, 0));
	snprintf(late, sizeof(late), "\"started_at\":%lld", (long long)AT(1, 10, 0));
	char done[96], early[96];
	snprintf(done, sizeof(done), "\"started_at\":%lld,\"completed_at\":%lld",
		(long long)AT(2, 9, 0), (long long)AT(2, 9, 30));
	snprintf(early, sizeof(early), "\"started_at\":%lld,\"completed_at\":%lld",
		(long long)AT(0, 9, 0), (long long)AT(0, 9, 30));
	const struct v2_case cases[] = {
		{"format_version 3", 0, "\"format_version\":2", "\"format_version\":3",
			"mem: the journal's content is format version 3; this ladder reads versions 1 and 2"},
		{"no sessions key", 0, ",\"sessions\":[", ",\"sessionz\":[", "expected its first line to end with \"sessions\":["},
		{"no unfinished", 0, "\"unfinished\"", "\"unfinishe\"", "mem: the journal has no \"unfinished\""},
		{"an item twice", 0, "\"a2\",\"a3\"", "\"a2\",\"a2\"", "\"items\" of the journal is damaged"},
		{"an upper-case id", 1, from_id, to_id, "session 1 of the journal is damaged (expected a lower-case UUID"},
		{"a rung of 5", 2, "\"stage\":3", "\"stage\":5", "session 2 of the journal is damaged (expected \"stage\": a rung from 1 to 4, or null)"},
		{"completed before started", 1, started, late, "session 1 of the journal is damaged (expected \"completed_at\""},
		{"out of time order", 2, done, early, "session 2 of the journal is damaged (expected the sessions in time order)"},
		{"an id twice", 3, dup_from, dup_to, "appears twice"},
		{"a time as text", 4, "\"started_at\":", "\"started_at\":\"", "session 4 of the journal is damaged (expected \"started_at\": seconds since 1970)"},
		{"no comma between sessions", 2, "},", "}", "expected it to end with ]} after the last session"},
		{"more after the end", 6, "]}", "]} ", "expected it to end with ]}"},
		{"the end missing", 6, "]}", "", "expected"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *bad = v2_changed(text, &cases[i]);
		struct ladder_error err;
		error_clear(&err);
		struct journal *k = journal_parse("mem", (const unsigned char *)bad, strlen(bad), &err);
		if (k != NULL) {
			fail_msg("%s: accepted", cases[i].what);
		}
		if (err.status != LADDER_DAMAGED || strstr(err.msg, cases[i].expect) == NULL) {
			fail_msg("%s:\n  expected a message with: %s\n  got (%d): %s", cases[i].what,
				cases[i].expect, err.status, err.msg);
		}
		free(bad);
	}
	secret_destroy(text);
	journal_destroy(j);
}

/* Damage further into a line: found when the session is read; the other
 * sessions read, and the damaged line is saved as it was. */
static void
test_v2_damaged_session(void **state)
{
	(void)state;
	struct secret *text;
	struct journal *j = v2_journal(&text);
	const struct v2_case cases[] = {
		{"more answers than items", 2, "\"answers\":[5,\"b\",0,5]", "\"answers\":[5,\"b\",0,5,1,1,1,1]",
			"is damaged (expected no more answers than the journal's list of items)"},
		{"an answer of true", 2, "\"answers\":[5,", "\"answers\":[true,",
			"must be a whole number, an option id or null"},
		{"a short result too short", 2, "\"result\":[\"r2\",null,false,3,",
			"\"result\":[\"r2\",null,false,", "is damaged (expected in its result"},
		{"a short result of rule 2 with a rung of 7", 2, "\"result\":[\"r2\",null,false,3,",
			"\"result\":[\"r2\",null,false,7,", "is damaged (expected in its result"},
		{"a stage not the result's", 2, "\"stage\":3", "\"stage\":4", "is damaged (expected \"stage\" to be the result's)"},
		{"a note of 5", 2, "\"note\":null", "\"note\":5", "is damaged (expected \"note\" to be a string or null)"},
		{"a line that is no JSON", 2, "\"note\":null}", "\"note\":nul}", "is damaged (expected one JSON object)"},
		{"a member too many", 2, "\"note\":null}", "\"note\":null,\"x\":1}", "is damaged (expected the members id,"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *bad = v2_changed(text, &cases[i]);
		struct ladder_error err;
		error_clear(&err);
		struct journal *k = journal_parse("mem", (const unsigned char *)bad, strlen(bad), &err);
		if (k == NULL) {
			fail_msg("%s: refused on opening: %s", cases[i].what, err.msg);
		}
		struct journal_session *s = &k->sessions[1];
		char want[200];
		snprintf(want, sizeof(want), "mem: session %s is damaged", s->id);
		assert_false(journal_session_load(k, s, &err));
		if (err.status != LADDER_DAMAGED || strstr(err.msg, cases[i].expect) == NULL ||
			strncmp(err.msg, want, strlen(want)) != 0) {
			fail_msg("%s:\n  expected a message with: %s\n  got (%d): %s", cases[i].what,
				cases[i].expect, err.status, err.msg);
		}
		assert_false(s->loaded);
		assert_false(journal_verify(k, &err));
		struct export_options all = {0};
		assert_null(export_tree(k, &all, &err));
		assert_int_equal(err.status, LADDER_DAMAGED);
		/* its note cannot be changed either; the others read */
		assert_false(journal_session_set_note(k, s, "x", &err));
		for (size_t n = 0; n < k->n_sessions; n++) {
			if (n != 1) {
				assert_true(journal_session_load(k, &k->sessions[n], &err));
			}
		}
		/* nothing lost: saved, the text is what was read */
		struct secret *again = serialize(k);
		if (again->len != strlen(bad) || memcmp(again->data, bad, again->len) != 0) {
			fail_msg("%s: the damaged journal was not saved as it was", cases[i].what);
		}
		secret_destroy(again);
		journal_destroy(k);
		free(bad);
	}
	secret_destroy(text);
	journal_destroy(j);
}

/* A journal written by ladder 0.1 (plaintext format version 1) opens, gives
 * the export that ladder gave (tests/data/journal-plain-v1/export.json,
 * made by it), and is written as version 2 at the next save, keeping its
 * sessions. */
static char *
slurp_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int c;
	while ((c = fgetc(f)) != EOF) {
		fputc(c, m);
	}
	fclose(f);
	fclose(m);
	return buf;
}

static char *
export_now(const struct journal *j)
{
	char *buf = NULL;
	size_t len = 0;
	struct export_options all = {0};
	struct ladder_error err;
	error_clear(&err);
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (!export_journal_to(j, &all, f, &err)) {
		fail_msg("export_write: %s", err.msg);
	}
	fclose(f);
	return buf;
}

static void
test_v1_journal_fixture(void **state)
{
	(void)state;
	char dir[] = "/tmp/ladder-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = str_printf("%s/journal.ladder", dir);
	/* copied byte for byte: the save below must not touch the fixture */
	FILE *in = fopen(TESTDATA "/journal-plain-v1/journal.ladder", "rb");
	FILE *out = fopen(path, "wb");
	assert_non_null(in);
	assert_non_null(out);
	int c;
	while ((c = fgetc(in)) != EOF) {
		fputc(c, out);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
	struct ladder_error err;
	error_clear(&err);
	struct secret *pass = NULL;
	assert_true(secret_read_file(TESTDATA "/journal-plain-v1/pass", &pass, &err));
	struct store *s = NULL;
	if (!store_open(path, pass, true, &s, &err)) {
		fail_msg("store_open: %s", err.msg);
	}
	/* version 1: all read at once */
	assert_int_equal(s->journal->n_sessions, 3);
	assert_true(s->journal->sessions[0].loaded);
	setenv("LADDER_NOW", "2026-04-01T12:00:00Z", 1);
	/* what ladder 0.1 exported, but its sessions, scored under rule 1 and
	 * not scored again here (no questionnaires at hand), are off the
	 * ladder: no transition */
	char *want = slurp_text(TESTDATA "/journal-plain-v1/export-kept.json");
	char *got = export_now(s->journal);
	assert_string_equal(got, want);
	free(got);
	/* a save writes version 2; the sessions are what they were */
	add(s->journal, tiny, N3, AT(120, 9, 0), AT(120, 9, 30), "after", NULL);
	if (!store_save(s, &err)) {
		fail_msg("store_save: %s", err.msg);
	}
	store_close(s);
	s = NULL;
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_true(vault_open(path, pass, false, &v, &plain, &err));
	assert_true(strncmp((const char *)plain->data,
		"{\"format\":\"ladder-journal\",\"format_version\":2,", 46) == 0);
	struct journal *k = journal_parse(path, plain->data, plain->len, &err);
	assert_non_null(k);
	assert_true(journal_verify(k, &err));
	assert_int_equal(k->n_sessions, 4);
	got = export_now(k);
	cJSON *a = cJSON_Parse(want), *b = cJSON_Parse(got);
	cJSON *sa = cJSON_GetObjectItem(a, "sessions"), *sb = cJSON_GetObjectItem(b, "sessions");
	for (int i = 0; i < 3; i++) {
		assert_true(cJSON_Compare(cJSON_GetArrayItem(sa, i), cJSON_GetArrayItem(sb, i), true));
	}
	cJSON_Delete(a);
	cJSON_Delete(b);
	free(got);
	free(want);
	journal_destroy(k);
	secret_destroy(plain);
	vault_close(v);
	secret_destroy(pass);
	setenv("LADDER_NOW", NOW_TEXT, 1);
	char *cmd = str_printf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_in_time_order),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_v2_layout),
		cmocka_unit_test(test_v2_lazy),
		cmocka_unit_test(test_v2_rebase),
		cmocka_unit_test(test_v2_other_shapes),
		cmocka_unit_test(test_v2_refused),
		cmocka_unit_test(test_v2_damaged_session),
		cmocka_unit_test(test_v1_journal_fixture),
		cmocka_unit_test(test_unfinished),
		cmocka_unit_test(test_last_previous),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_export_full),
		cmocka_unit_test(test_export_filters),
		cmocka_unit_test(test_export_anonymous),
		cmocka_unit_test(test_import_merges),
		cmocka_unit_test(test_import_refuses),
		cmocka_unit_test(test_export_import_export),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
