/* The committed version-1 vault (tests/data/journal-v1.ladder, how it was
 * made is in vault_fixture.h) keeps opening with its passphrase and its
 * recovery code, and the passphrase file reader. Fixtures in
 * vault_fixture.h. */
#include "vault_fixture.h"

/* ---- the committed fixture ---- */

static void
test_fixture_v1(void **state)
{
	const char *path = TESTDATA "/journal-v1.ladder";
	assert_opens_to(path, FIXTURE_PASS, FIXTURE_PLAIN,
		strlen(FIXTURE_PLAIN));
	struct secret *plain = NULL;
	/* the recovery path is writable: copy the fixture first */
	struct fixture *f = *state;
	size_t len;
	unsigned char *bytes = slurp(path, &len);
	assert_non_null(bytes);
	spit(f->journal, bytes, len);
	assert_int_equal(try_open_code(f->journal, FIXTURE_CODE, &plain), 0);
	assert_int_equal(plain->len, strlen(FIXTURE_PLAIN));
	assert_memory_equal(plain->data, FIXTURE_PLAIN, plain->len);
	secret_destroy(plain);
	assert_int_equal(try_open(path, FIXTURE_PASS "x", NULL),
		LADDER_BAD_PASSPHRASE);
	/* and it is a plain version-1 file */
	struct vault_header h;
	struct ladder_error err = {0};
	assert_true(vault_header_parse(path, bytes, len, &h, &err));
	assert_int_equal(h.version, 1);
	assert_int_equal(h.header_len, 256);
	free(bytes);
}

/* ---- the passphrase file reader ---- */

static void
read_case(struct fixture *f, const char *content, size_t clen,
	bool ok_expected, const char *want, size_t want_len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/pass", f->dir);
	spit(path, (const unsigned char *)content, clen);
	struct secret *s = NULL;
	struct ladder_error err = {0};
	bool ok = secret_read_file(path, &s, &err);
	assert_int_equal(ok, ok_expected);
	if (ok) {
		assert_int_equal(s->len, want_len);
		assert_memory_equal(s->data, want, want_len);
		assert_int_equal(s->data[want_len], 0);
	} else {
		assert_null(s);
		assert_int_equal(err.status, LADDER_FAIL);
		assert_non_null(strstr(err.msg, path));
	}
	secret_destroy(s);
}

static void
test_secret_read(void **state)
{
	struct fixture *f = *state;
	read_case(f, "abc\n", 4, true, "abc", 3);
	read_case(f, "abc", 3, true, "abc", 3);
	read_case(f, "abc\r\n", 5, true, "abc", 3);
	read_case(f, "abc\ndef\n", 8, true, "abc", 3);
	read_case(f, " a b \n", 6, true, " a b ", 5);
	read_case(f, "", 0, true, "", 0);
	read_case(f, "\n", 1, true, "", 0);
	char *big = malloc(SECRET_LINE_MAX + 3);
	memset(big, 'p', SECRET_LINE_MAX + 2);
	big[SECRET_LINE_MAX] = '\n';
	read_case(f, big, SECRET_LINE_MAX + 1, true, big, SECRET_LINE_MAX);
	big[SECRET_LINE_MAX] = '\r';
	big[SECRET_LINE_MAX + 1] = '\n';
	read_case(f, big, SECRET_LINE_MAX + 2, true, big, SECRET_LINE_MAX);
	memset(big, 'p', SECRET_LINE_MAX + 2);
	read_case(f, big, SECRET_LINE_MAX + 1, false, NULL, 0);
	big[SECRET_LINE_MAX + 1] = '\n';
	read_case(f, big, SECRET_LINE_MAX + 2, false, NULL, 0);
	free(big);

	/* a pipe is not read past the first line */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "first\nsecond\n", 13), 13);
	close(fds[1]);
	struct secret *s = NULL;
	struct ladder_error err = {0};
	assert_true(secret_read_fd(fds[0], "pipe", &s, &err));
	assert_string_equal((char *)s->data, "first");
	char rest[16] = {0};
	assert_int_equal(read(fds[0], rest, sizeof(rest) - 1), 7);
	assert_string_equal(rest, "second\n");
	close(fds[0]);
	secret_destroy(s);

	/* a missing file is named */
	char path[512];
	snprintf(path, sizeof(path), "%s/missing", f->dir);
	assert_false(secret_read_file(path, &s, &err));
	assert_null(s);
	assert_non_null(strstr(err.msg, path));
	secret_destroy(NULL);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fixture_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
