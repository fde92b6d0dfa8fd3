/* Exports of the journal (ladder-journal(5) and the export schema): the
 * full document, the --since and --questionnaire filters, and anonymous
 * exports with fresh ids and nothing private. Fixtures in
 * journal_fixture.h. */
#include "journal_fixture.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_full),
		cmocka_unit_test(test_export_filters),
		cmocka_unit_test(test_export_anonymous),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
