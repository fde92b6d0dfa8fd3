/* A save seals the journal's plaintext as pieces that point at the
 * sessions' lines where they are (journal_pieces_*): the pieces put
 * together are journal_serialize's text, before and after sessions change;
 * after a save (journal_pieces_commit) the changed sessions' text is their
 * new line, and save after save the journal reads back the same; and
 * through the store, the file on disk opens to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ladder/journal.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/util.h"

static struct questionnaire *
tiny(void)
{
	struct ladder_error err = {0};
	struct questionnaire *q = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	if (q == NULL) {
		fail_msg("%s", err.msg);
	}
	return q;
}

static void
add_session(struct journal *j, const struct questionnaire *q, int i)
{
	struct ladder_error err = {0};
	struct answers *a = answers_create(q);
	for (size_t k = 0; k < q->n_items; k++) {
		const struct item *it = &q->items[k];
		a->values[k] = it->kind == ITEM_LIKERT ?
			q->scales[it->scale].min + (i * 3 + (int)k) % 5 :
			(int)((size_t)i % it->n_options);
	}
	if (i % 2 == 0) {
		a->note = str_dup("a note, \"quoted\"");
	}
	struct result *r = score_compute(q, a);
	assert_non_null(journal_add_session(j, q, a, r, 1700000000 + i * 86400,
		1700000000 + i * 86400 + 900, &err));
	result_destroy(r);
	answers_destroy(a);
}

/* The pieces of j put together. */
static char *
joined(const struct journal *j)
{
	struct ladder_error err = {0};
	struct journal_pieces *p = journal_pieces_make(j, &err);
	assert_non_null(p);
	size_t n;
	const struct piece *pieces = journal_pieces_get(p, &n);
	char *out = malloc(pieces_len(pieces, n) + 1);
	assert_non_null(out);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(out + at, pieces[i].data, pieces[i].len);
		at += pieces[i].len;
	}
	out[at] = '\0';
	journal_pieces_free(p);
	return out;
}

static void
same_as_serialize(const struct journal *j)
{
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	char *text = joined(j);
	assert_string_equal(text, (const char *)plain->data);
	free(text);
	secret_destroy(plain);
}

static void
test_pieces_are_the_plaintext(void **state)
{
	(void)state;
	struct questionnaire *q = tiny();
	struct journal *j = journal_create();
	j->created_at = 1700000000;
	same_as_serialize(j); /* no session */
	for (int i = 0; i < 5; i++) {
		add_session(j, q, i);
	}
	same_as_serialize(j); /* all new */
	struct ladder_error err = {0};
	/* "saved": the new lines become the sessions' text */
	struct journal_pieces *p = journal_pieces_make(j, &err);
	assert_non_null(p);
	char *before = joined(j);
	journal_pieces_commit(j, p);
	assert_int_equal(j->n_kept, 1);
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		assert_non_null(s->text);
		assert_true((const unsigned char *)s->text >= j->kept[0]->data &&
			(const unsigned char *)s->text + s->text_len <= j->kept[0]->data + j->kept[0]->len);
	}
	char *after = joined(j);
	assert_string_equal(before, after);
	same_as_serialize(j);
	/* one changed, one added, one forgotten: a second save keeps the
	 * others' text where it was */
	const char *kept_text = j->sessions[0].text;
	assert_true(journal_session_set_note(j, &j->sessions[2], "changed", &err));
	add_session(j, q, 9);
	journal_forget_session(j, 1);
	same_as_serialize(j);
	p = journal_pieces_make(j, &err);
	assert_non_null(p);
	journal_pieces_commit(j, p);
	assert_int_equal(j->n_kept, 2);
	assert_ptr_equal(j->sessions[0].text, kept_text);
	same_as_serialize(j);
	/* and it reads back whole */
	struct secret *plain = journal_serialize(j, &err);
	struct journal *k = journal_parse("k", plain->data, plain->len, &err);
	assert_non_null(k);
	assert_true(journal_verify(k, &err));
	assert_int_equal(k->n_sessions, j->n_sessions);
	journal_destroy(k);
	secret_destroy(plain);
	free(before);
	free(after);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* Through the store: save, change, save again (larger, then smaller); the
 * file opens to the journal in memory each time. */
static void
test_store_saves_pieces(void **state)
{
	(void)state;
	struct questionnaire *q = tiny();
	char dir[] = "/tmp/ladder-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = str_printf("%s/j.ladder", dir);
	struct ladder_error err = {0};
	struct secret *pass = secret_from_bytes("pass phrase", 11);
	struct secret *code = NULL;
	struct store *s = NULL;
	assert_true(store_create(path, pass, KDF_MIN, &code, &s, &err));
	/* the journal grows, then shrinks: the last rounds write into the
	 * buffer an earlier save left */
	for (int round = 0; round < 5; round++) {
		for (int i = 0; round < 3 && i < 4; i++) {
			add_session(s->journal, q, round * 10 + i);
		}
		if (round >= 3) {
			journal_forget_session(s->journal, 0);
		}
		if (round > 0) {
			assert_true(journal_session_set_note(s->journal, &s->journal->sessions[1],
				round % 2 == 1 ? "one" : NULL, &err));
		}
		assert_true(store_save(s, &err));
		struct secret *want = journal_serialize(s->journal, &err);
		struct vault *v = NULL;
		struct secret *got = NULL;
		assert_true(vault_open(path, pass, false, &v, &got, &err));
		assert_int_equal(got->len, want->len);
		assert_memory_equal(got->data, want->data, want->len);
		secret_destroy(got);
		secret_destroy(want);
		vault_close(v);
	}
	store_close(s);
	secret_destroy(code);
	secret_destroy(pass);
	char *bak = str_printf("%s.bak", path), *lock = str_printf("%s.lock", path);
	unlink(path);
	unlink(bak);
	unlink(lock);
	rmdir(dir);
	free(bak);
	free(lock);
	free(path);
	questionnaire_destroy(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces_are_the_plaintext),
		cmocka_unit_test(test_store_saves_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
