/* The journal's plaintext (ladder-journal(5)): serialise, parse and
 * serialise again give the same bytes, and damaged plaintexts (format
 * version 1 and text that is not JSON) are refused with a message naming
 * what is wrong. Fixtures in journal_fixture.h. */
#include "journal_fixture.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_refuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
