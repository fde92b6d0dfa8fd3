/* The journal model: sessions and notes kept in time order, unfinished
 * sessions, the last and previous session of a questionnaire, and the
 * transitions between stages (ladder-model(7)). Fixtures in
 * journal_fixture.h. */
#include "journal_fixture.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_in_time_order),
		cmocka_unit_test(test_unfinished),
		cmocka_unit_test(test_last_previous),
		cmocka_unit_test(test_transitions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
