/* The vault's KDF level names and round trips: small and large journals
 * sealed and opened again, and creating a vault. Fixtures in
 * vault_fixture.h. */
#include "vault_fixture.h"

/* ---- names and round trips ---- */

static void
test_kdf_names(void **state)
{
	(void)state;
	static const char *names[] = {"min", "interactive", "moderate",
		"sensitive"};
	for (int i = 0; i < 4; i++) {
		enum kdf_level l;
		assert_true(kdf_level_from_name(names[i], &l));
		assert_int_equal(l, i);
		assert_string_equal(kdf_level_name(l), names[i]);
	}
	enum kdf_level l;
	assert_false(kdf_level_from_name("MIN", &l));
	assert_false(kdf_level_from_name("", &l));
	uint64_t ops, mem;
	kdf_level_params(KDF_SENSITIVE, &ops, &mem);
	assert_true(ops <= VAULT_OPSLIMIT_MAX && mem <= VAULT_MEMLIMIT_MAX);
	kdf_level_params(KDF_MODERATE, &ops, &mem);
	assert_int_equal(ops, 3);
	assert_int_equal(mem, 256u << 20);
}

static void
round_trip(struct fixture *f, size_t n)
{
	size_t len;
	unsigned char *plain = entries(n, &len);
	rm_rf(f->journal);
	rm_rf(f->bak);
	create_journal(f->journal, PASS, plain, len, NULL);
	assert_opens_to(f->journal, PASS, plain, len);

	/* A save, then the backup holds the first generation. */
	size_t len2;
	unsigned char *plain2 = entries(n + 1, &len2);
	struct vault *v = open_writable(f->journal, PASS);
	struct ladder_error err = {0};
	assert_true(vault_save(v, plain2, len2, &err));
	vault_close(v);
	assert_opens_to(f->journal, PASS, plain2, len2);
	assert_opens_to(f->bak, PASS, plain, len);

	struct stat st;
	assert_int_equal(stat(f->journal, &st), 0);
	/* the generation and the journal's id come first in the content */
	assert_int_equal(st.st_size, VAULT_HEADER_LEN + VAULT_GEN_PREFIX + len2 +
		VAULT_TAG_LEN);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(plain);
	free(plain2);
}

static void
test_round_trip_small(void **state)
{
	struct fixture *f = *state;
	round_trip(f, 0);
	round_trip(f, 1);
	round_trip(f, 3);
	/* An empty plaintext is a journal too. */
	rm_rf(f->journal);
	create_journal(f->journal, PASS, NULL, 0, NULL);
	assert_opens_to(f->journal, PASS, "", 0);
}

static void
test_round_trip_large(void **state)
{
	struct fixture *f = *state;
	round_trip(f, 30000); /* about 10 MB */
}

static void
test_create(void **state)
{
	struct fixture *f = *state;
	struct ladder_error err = {0};
	char deep[512];
	snprintf(deep, sizeof(deep), "%s/a/b/journal.ladder", f->dir);
	struct secret *code = NULL;
	struct vault *v = NULL;
	struct secret *p = sec(PASS);
	assert_true(vault_create(deep, p, KDF_MIN, (const unsigned char *)"x",
		1, &code, &v, &err));
	assert_non_null(v);
	assert_true(vault_writable(v));
	assert_string_equal(vault_path(v), deep);
	const struct vault_header *h = vault_get_header(v);
	assert_int_equal(h->version, 1);
	assert_int_equal(h->opslimit, crypto_pwhash_argon2id_OPSLIMIT_MIN);
	assert_int_equal(h->memlimit, crypto_pwhash_argon2id_MEMLIMIT_MIN);

	/* The recovery code: 8 groups of 5, Crockford base32. */
	assert_int_equal(code->len, VAULT_RECOVERY_CODE_LEN);
	assert_int_equal(strlen((char *)code->data), VAULT_RECOVERY_CODE_LEN);
	for (size_t i = 0; i < code->len; i++) {
		if (i % 6 == 5) {
			assert_int_equal(code->data[i], '-');
		} else {
			assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ",
				code->data[i]));
		}
	}
	/* Locked while open: a second writer is refused. */
	struct vault *v2 = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(deep, p, true, &v2, &plain, &err));
	assert_int_equal(err.status, LADDER_LOCKED);
	vault_close(v);

	char sub[512];
	struct stat st;
	snprintf(sub, sizeof(sub), "%s/a", f->dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(sub, sizeof(sub), "%s/a/b", f->dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	/* Never over an existing file. */
	size_t before_len, after_len;
	unsigned char *before = slurp(deep, &before_len);
	struct secret *code2 = NULL;
	assert_false(vault_create(deep, p, KDF_MIN, NULL, 0, &code2, NULL,
		&err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_null(code2);
	unsigned char *after = slurp(deep, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);

	/* Not with an empty passphrase. */
	char other[512];
	snprintf(other, sizeof(other), "%s/other.ladder", f->dir);
	struct secret *empty = sec("");
	assert_false(vault_create(other, empty, KDF_MIN, NULL, 0, &code2, NULL,
		&err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_false(vault_exists(other));
	assert_true(vault_exists(deep));

	/* Opening what is not there. */
	assert_false(vault_open(other, p, false, &v2, &plain, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_non_null(strstr(err.msg, "ladder init"));

	secret_destroy(empty);
	secret_destroy(code);
	secret_destroy(p);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kdf_names),
		cmocka_unit_test_setup_teardown(test_round_trip_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
