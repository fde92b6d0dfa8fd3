/* Imports into the journal: exports merged without duplicates, bad
 * imports refused with file, line and column and the journal unchanged,
 * and export, import, export giving the same document. Fixtures in
 * journal_fixture.h. */
#include "journal_fixture.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_merges),
		cmocka_unit_test(test_import_refuses),
		cmocka_unit_test(test_export_import_export),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
