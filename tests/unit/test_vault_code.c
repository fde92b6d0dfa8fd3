/* The recovery code is shown before the change that makes it the only
 * code: vault_create_shown and vault_rekey_shown call the hook after
 * everything is written and before the commit, and commit nothing when it
 * fails. So a kill at any moment leaves the old code (or no journal) in
 * effect, or the new code shown. MIN KDF throughout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ladder/secret.h"
#include "ladder/vault.h"

#define PASS "correct horse battery staple"
#define PASS2 "a new passphrase"

struct fixture {
	char dir[256];
	char journal[300];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/ladder-code-XXXXXX",
		tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->journal, sizeof(f->journal), "%s/journal.ladder", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d = opendir(f->dir);
	struct dirent *e;
	while (d != NULL && (e = readdir(d)) != NULL) {
		char p[600];
		snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
		if (e->d_name[0] != '.') {
			unlink(p);
		}
	}
	if (d != NULL) {
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static struct secret *
sec(const char *s)
{
	struct secret *p = secret_from_bytes(s, strlen(s));
	assert_non_null(p);
	return p;
}

static int
open_status(const char *path, const char *pass, const char *code)
{
	struct ladder_error err = {0};
	struct secret *p = sec(pass ? pass : code);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	bool ok = pass ? vault_open(path, p, false, &v, &plain, &err)
		       : vault_open_recovery(path, p, false, &v, &plain, &err);
	secret_destroy(p);
	secret_destroy(plain);
	vault_close(v);
	return ok ? 0 : err.status;
}

static int
count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		n += strstr(e->d_name, ".tmp.") != NULL;
	}
	closedir(d);
	return n;
}

/* What the hook saw at the moment it was called. */
struct seen {
	const char *journal;
	bool answer;      /* what the hook returns */
	int calls;
	char code[VAULT_RECOVERY_CODE_LEN + 1];
	bool existed;     /* the journal file was there */
	int old_status;   /* opening it then with the old passphrase */
	int old_code_status;
	const char *old_code;
};

static bool
hook_show(const struct secret *code, void *ctx)
{
	struct seen *s = ctx;
	s->calls++;
	snprintf(s->code, sizeof(s->code), "%s", (const char *)code->data);
	s->existed = access(s->journal, F_OK) == 0;
	if (s->existed) {
		s->old_status = open_status(s->journal, PASS, NULL);
		s->old_code_status = s->old_code ? open_status(s->journal, NULL, s->old_code) : -1;
	}
	return s->answer;
}

static void
test_create(void **state)
{
	struct fixture *f = *state;
	struct ladder_error err = {0};
	struct secret *p = sec(PASS), *code = NULL;
	struct seen seen = {.journal = f->journal, .answer = false};
	struct vault_code_hook hook = {hook_show, &seen};

	/* the code cannot be shown: no journal */
	assert_false(vault_create_shown(f->journal, p, KDF_MIN,
		(const unsigned char *)"x", 1, &hook, &code, NULL, &err));
	assert_int_equal(seen.calls, 1);
	assert_false(seen.existed);
	assert_null(code);
	assert_non_null(strstr(err.msg, "recovery code could not be shown"));
	assert_int_equal(access(f->journal, F_OK), -1);
	assert_int_equal(count_temps(f->dir), 0);

	/* shown: the journal did not exist yet when it was, and the code
	 * shown is the one that opens it */
	seen.answer = true;
	seen.calls = 0;
	assert_true(vault_create_shown(f->journal, p, KDF_MIN,
		(const unsigned char *)"x", 1, &hook, &code, NULL, &err));
	assert_int_equal(seen.calls, 1);
	assert_false(seen.existed);
	assert_string_equal(seen.code, (const char *)code->data);
	assert_int_equal(open_status(f->journal, NULL, seen.code), 0);
	assert_int_equal(count_temps(f->dir), 0);
	secret_destroy(code);
	secret_destroy(p);
}

static void
test_rekey(void **state)
{
	struct fixture *f = *state;
	struct ladder_error err = {0};
	struct secret *p = sec(PASS), *p2 = sec(PASS2), *code = NULL, *plain = NULL;
	assert_true(vault_create(f->journal, p, KDF_MIN,
		(const unsigned char *)"gen 1", 5, &code, NULL, &err));
	char old_code[VAULT_RECOVERY_CODE_LEN + 1];
	snprintf(old_code, sizeof(old_code), "%s", (const char *)code->data);
	secret_destroy(code);
	code = NULL;
	struct vault *v = NULL;
	assert_true(vault_open(f->journal, p, true, &v, &plain, &err));
	secret_destroy(plain);

	struct seen seen = {.journal = f->journal, .answer = false, .old_code = old_code};
	struct vault_code_hook hook = {hook_show, &seen};
	assert_false(vault_rekey_shown(v, p2, KDF_MIN, (const unsigned char *)"gen 2",
		5, &hook, &code, &err));
	assert_null(code);
	assert_int_equal(seen.calls, 1);
	/* nothing changed: the old passphrase and code open, the new do not */
	assert_int_equal(open_status(f->journal, PASS, NULL), 0);
	assert_int_equal(open_status(f->journal, NULL, old_code), 0);
	assert_int_equal(open_status(f->journal, PASS2, NULL), LADDER_BAD_PASSPHRASE);
	assert_int_equal(open_status(f->journal, NULL, seen.code), LADDER_BAD_PASSPHRASE);
	assert_int_equal(count_temps(f->dir), 0);

	/* shown: at that moment the old passphrase and code still opened the
	 * journal; after it, the new ones do */
	seen.answer = true;
	seen.calls = 0;
	assert_true(vault_rekey_shown(v, p2, KDF_MIN, (const unsigned char *)"gen 2",
		5, &hook, &code, &err));
	assert_int_equal(seen.calls, 1);
	assert_true(seen.existed);
	assert_int_equal(seen.old_status, 0);
	assert_int_equal(seen.old_code_status, 0);
	assert_string_equal(seen.code, (const char *)code->data);
	assert_int_equal(open_status(f->journal, PASS2, NULL), 0);
	assert_int_equal(open_status(f->journal, NULL, seen.code), 0);
	assert_int_equal(open_status(f->journal, NULL, old_code), LADDER_BAD_PASSPHRASE);
	vault_close(v);
	secret_destroy(code);
	secret_destroy(p);
	secret_destroy(p2);
}

/* A journal of the first format (no generation: flags 0) opens, saves and
 * opens again as before, its key slots intact; the state is not touched. */
static void
test_first_format(void **state)
{
	struct fixture *f = *state;
	char src[512], statef[600];
	snprintf(src, sizeof(src), "%s/journal-v1.ladder", TESTDATA);
	snprintf(statef, sizeof(statef), "%s/state.json", f->dir);
	FILE *in = fopen(src, "rb"), *out = fopen(f->journal, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		assert_int_equal(fwrite(buf, 1, n, out), n);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
	vault_state_file_set(statef);
	struct ladder_error err = {0};
	struct secret *p = sec("ladder fixture passphrase v1"), *plain = NULL;
	struct vault *v = NULL;
	assert_true(vault_open(f->journal, p, true, &v, &plain, &err));
	uint64_t g, nw;
	int64_t at;
	assert_false(vault_older(v, &g, &nw, &at));
	assert_int_equal(vault_get_header(v)->flags, 0);
	assert_true(vault_save(v, plain->data, plain->len, &err));
	vault_close(v);
	secret_destroy(plain);
	plain = NULL;
	assert_true(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(vault_get_header(v)->flags, 0);
	assert_int_equal(access(statef, F_OK), -1);
	vault_close(v);
	secret_destroy(plain);
	secret_destroy(p);
	vault_state_file_set(NULL);
}

/* A new journal carries its generation (flag 1) and the state follows
 * every save; the backup is one generation older and is said to be. */
static void
test_generations(void **state)
{
	struct fixture *f = *state;
	char statef[600], bak[400];
	snprintf(statef, sizeof(statef), "%s/state.json", f->dir);
	snprintf(bak, sizeof(bak), "%s.bak", f->journal);
	vault_state_file_set(statef);
	struct ladder_error err = {0};
	struct secret *p = sec(PASS), *code = NULL, *plain = NULL;
	struct vault *v = NULL;
	assert_true(vault_create(f->journal, p, KDF_MIN, (const unsigned char *)"one", 3,
		&code, &v, &err));
	assert_int_equal(vault_get_header(v)->flags, VAULT_FLAG_GENERATION);
	assert_true(vault_save(v, (const unsigned char *)"two", 3, &err));
	assert_true(vault_save(v, (const unsigned char *)"three", 5, &err));
	vault_close(v);
	/* the backup (generation 2) in the journal's place */
	assert_int_equal(rename(bak, f->journal), 0);
	assert_true(vault_open(f->journal, p, true, &v, &plain, &err));
	assert_memory_equal(plain->data, "two", 3);
	uint64_t g, nw;
	int64_t at;
	assert_true(vault_older(v, &g, &nw, &at));
	assert_int_equal(g, 2);
	assert_int_equal(nw, 3);
	assert_false(vault_save(v, (const unsigned char *)"x", 1, &err));
	assert_non_null(strstr(err.msg, "--accept-older"));
	vault_accept_older(v);
	assert_false(vault_older(v, &g, &nw, &at));
	assert_true(vault_save(v, (const unsigned char *)"four", 4, &err));
	vault_close(v);
	secret_destroy(plain);
	plain = NULL;
	/* now generation 4: past everything seen, so not older */
	assert_true(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_false(vault_older(v, &g, &nw, &at));
	vault_close(v);
	secret_destroy(plain);
	secret_destroy(code);
	secret_destroy(p);
	vault_state_file_set(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rekey, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
