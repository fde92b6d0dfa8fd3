/* What a save checks before it commits (ladder-journal(5), SAVING), and
 * the two ways its seal reads the plaintext:
 * - a write that says it wrote everything but left out a byte, or wrote
 *   other bytes at the file's start or end, is caught by reading the
 *   temporary file back: the journal stays byte for byte what it was, no
 *   temporary file is left, and the save succeeds when tried again;
 * - pieces that are partly one run of memory and partly not seal to what
 *   libsodium gives for them put together;
 * - after an open, the unchanged sessions' lines and what is between them
 *   are one run of memory (so that they are sealed where they are). */
#include "vault_fixture.h"

#include "../../src/core/vault_impl.h"
#include "ladder/journal.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/util.h"

/* ---- writes that lie ---- */

enum lie { LIE_DROP_LAST, LIE_FLIP_LAST, LIE_FLIP_FIRST };
static const char *lie_names[] = {"a byte left out", "last byte changed",
	"first byte changed"};
static enum lie lie;
static bool lying;

/* Every write says it wrote all it was given; what reaches the file is
 * not quite that. */
static ssize_t
lying_write(int fd, const void *buf, size_t len)
{
	if (!lying || len == 0) {
		return vault_io_default()->write(fd, buf, len);
	}
	if (lie == LIE_DROP_LAST) {
		ssize_t n = vault_io_default()->write(fd, buf, len - 1);
		return n == (ssize_t)len - 1 ? (ssize_t)len : n;
	}
	unsigned char *copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, buf, len);
	copy[lie == LIE_FLIP_LAST ? len - 1 : 0] ^= 0x20;
	ssize_t n = vault_io_default()->write(fd, copy, len);
	free(copy);
	return n;
}

static struct vault_io lying_io;

static void
lying_saves(struct fixture *f, size_t size)
{
	/* the content: size bytes, more than one chunk of the seal when large */
	unsigned char *next = malloc(size);
	assert_non_null(next);
	create_journal(f->journal, PASS, "generation 0", 12, NULL);
	struct vault *v = open_writable(f->journal, PASS);
	lying_io = *vault_io_default();
	lying_io.write = lying_write;
	vault_io_set(&lying_io);
	for (int l = LIE_DROP_LAST; l <= LIE_FLIP_FIRST; l++) {
		randombytes_buf(next, size);
		size_t olen;
		unsigned char *orig = slurp(f->journal, &olen);
		struct ladder_error err = {0};
		lie = (enum lie)l;
		lying = true;
		bool ok = vault_save(v, next, size, &err);
		lying = false;
		if (ok) {
			fail_msg("%s, %zu bytes: the save was committed", lie_names[l], size);
		}
		assert_int_equal(err.status, LADDER_FAIL);
		assert_non_null(strstr(err.msg, "not saved"));
		assert_non_null(strstr(err.msg, "reading the temporary file back"));
		if (!bytes_equal_file(f->journal, orig, olen)) {
			fail_msg("%s, %zu bytes: the journal changed", lie_names[l], size);
		}
		assert_int_equal(count_temps(f->dir), 0);
		/* tried again with honest writes, it saves */
		if (!vault_save(v, next, size, &err)) {
			fail_msg("%s: retry: %s", lie_names[l], err.msg);
		}
		assert_opens_to(f->journal, PASS, next, size);
		assert_int_equal(count_temps(f->dir), 0);
		free(orig);
	}
	vault_io_set(NULL);
	use_counting_io();
	vault_close(v);
	free(next);
}

static void
test_lying_write_small(void **state)
{
	lying_saves(*state, 40);
}

static void
test_lying_write_large(void **state)
{
	lying_saves(*state, (3 << 20) + 12345);
}

/* ---- runs of memory and breaks ---- */

static void
test_runs_and_breaks(void **state)
{
	(void)state;
	enum { N = 5 * 65536 + 777 };
	unsigned char key[VAULT_KEY_LEN], npub[VAULT_NONCE_LEN], ad[VAULT_HEADER_LEN];
	randombytes_buf(key, sizeof(key));
	randombytes_buf(npub, sizeof(npub));
	randombytes_buf(ad, sizeof(ad));
	unsigned char *m = malloc(N), *copy = malloc(N);
	unsigned char *want = malloc(N + VAULT_TAG_LEN), *got = malloc(N + VAULT_TAG_LEN);
	struct piece *p = malloc(N * sizeof(*p));
	assert_non_null(m);
	assert_non_null(copy);
	assert_non_null(want);
	assert_non_null(got);
	assert_non_null(p);
	randombytes_buf(m, N);
	memcpy(copy, m, N);
	crypto_aead_xchacha20poly1305_ietf_encrypt(want, NULL, m, N, ad, sizeof(ad),
		NULL, npub, key);
	/* pieces of lengths from 0 to a stage and more, each from m (a run
	 * with the one before when that was from m too) or from the copy,
	 * so that runs start and stop anywhere in a stage */
	for (int round = 0; round < 20; round++) {
		size_t n = 0, at = 0;
		while (at < N) {
			uint32_t r = randombytes_uniform(round % 2 == 0 ? 3000 : 150000);
			size_t len = r < N - at ? r : N - at;
			const unsigned char *from = randombytes_uniform(4) == 0 ? copy : m;
			p[n++] = (struct piece){from + at, len};
			at += len;
		}
		memset(got, 0, N + VAULT_TAG_LEN);
		assert_true(vlt_seal_pieces(got, ad, sizeof(ad), p, n, npub, key));
		if (memcmp(got, want, N + VAULT_TAG_LEN) != 0) {
			fail_msg("round %d: %zu pieces seal otherwise than libsodium", round, n);
		}
	}
	free(p);
	free(got);
	free(want);
	free(copy);
	free(m);
}

/* ---- the journal's lines, where they are ---- */

static void
add_session(struct journal *j, const struct questionnaire *q, int i)
{
	struct ladder_error err = {0};
	struct answers *a = answers_create(q);
	for (size_t k = 0; k < q->n_items; k++) {
		const struct item *it = &q->items[k];
		a->values[k] = it->kind == ITEM_LIKERT ?
			q->scales[it->scale].min + (i + (int)k) % 5 :
			(int)((size_t)i % it->n_options);
	}
	struct result *r = score_compute(q, a);
	assert_non_null(journal_add_session(j, q, a, r, 1700000000 + i * 86400,
		1700000000 + i * 86400 + 900, &err));
	result_destroy(r);
	answers_destroy(a);
}

static void
test_lines_are_one_run(void **state)
{
	struct fixture *f = *state;
	struct ladder_error err = {0};
	struct questionnaire *q = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	assert_non_null(q);
	struct secret *pass = sec(PASS), *code = NULL;
	struct store *s = NULL;
	assert_true(store_create(f->journal, pass, KDF_MIN, &code, &s, &err));
	enum { SESSIONS = 6 };
	for (int i = 0; i < SESSIONS; i++) {
		add_session(s->journal, q, i);
	}
	assert_true(store_save(s, &err));
	store_close(s);
	assert_true(store_open(f->journal, pass, true, &s, &err));
	/* one more, the latest: its line is new, the others are as read */
	add_session(s->journal, q, SESSIONS);
	struct journal_pieces *jp = journal_pieces_make(s->journal, &err);
	assert_non_null(jp);
	size_t n;
	const struct piece *p = journal_pieces_get(jp, &n);
	/* the head, the key, then "\n", a line, "," for each session, and
	 * "\n]}": from the first session's "\n" to the line of the last one
	 * read (the last in its file: no "," after it there), one run */
	size_t first = 2, last = 2 + 3 * (SESSIONS - 1) + 1;
	assert_true(n > last + 1);
	for (size_t k = first; k < last; k++) {
		if ((const unsigned char *)p[k].data + p[k].len != p[k + 1].data) {
			fail_msg("piece %zu does not run on into piece %zu", k, k + 1);
		}
	}
	/* and the pieces are the plaintext */
	struct secret *plain = journal_serialize(s->journal, &err);
	assert_non_null(plain);
	assert_int_equal(pieces_len(p, n), plain->len);
	size_t at = 0;
	for (size_t k = 0; k < n; k++) {
		assert_memory_equal(p[k].data, plain->data + at, p[k].len);
		at += p[k].len;
	}
	secret_destroy(plain);
	journal_pieces_free(jp);
	/* saved and opened again, it is the same journal */
	assert_true(store_save(s, &err));
	store_close(s);
	assert_true(store_open(f->journal, pass, false, &s, &err));
	assert_int_equal(s->journal->n_sessions, SESSIONS + 1);
	store_close(s);
	secret_destroy(code);
	secret_destroy(pass);
	questionnaire_destroy(q);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lying_write_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lying_write_large, setup, teardown),
		cmocka_unit_test(test_runs_and_breaks),
		cmocka_unit_test_setup_teardown(test_lines_are_one_run, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
