/* Opening the journal as the front ends do (journal_open) and the KDF
 * policy: where the passphrase comes from, how many tries, what a missing
 * journal says, and which level a new passphrase gets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "ladder/journal_open.h"

static char dir[64], path[96], pfile[96], empty[96];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ladder-open-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/j.ladder", dir);
	snprintf(pfile, sizeof(pfile), "%s/pass", dir);
	snprintf(empty, sizeof(empty), "%s/empty", dir);
	FILE *f = fopen(pfile, "w");
	fputs("right one\nsecond line\n", f);
	fclose(f);
	f = fopen(empty, "w");
	fclose(f);
	struct secret *pass = secret_from_bytes("right one", 9), *code = NULL;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	assert_true(store_create(path, pass, KDF_MIN, &code, &s, &err));
	store_close(s);
	secret_destroy(code);
	secret_destroy(pass);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

struct asker {
	const char *answers[4];
	int asked, wrong;
};

static bool
ask(void *ctx, int attempt, struct secret **pass, struct ladder_error *err)
{
	struct asker *k = ctx;
	assert_int_equal(attempt, k->asked + 1);
	const char *a = k->answers[k->asked++];
	if (a == NULL) {
		return error_set(err, LADDER_USAGE, "no more");
	}
	*pass = secret_from_bytes(a, strlen(a));
	return true;
}

static void
wrong(void *ctx, int attempt, int tries)
{
	struct asker *k = ctx;
	k->wrong++;
	assert_int_equal(attempt, k->wrong);
	assert_true(attempt < tries);
}

static void
test_sources(void **state)
{
	(void)state;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	/* the first line of the file */
	struct journal_opener o = {.path = path, .passphrase_file = pfile};
	assert_true(journal_open(&o, &s, &err));
	store_close(s);
	/* an empty file gives no passphrase: a usage error, not a wrong one */
	o.passphrase_file = empty;
	assert_false(journal_open(&o, &s, &err));
	assert_int_equal(err.status, LADDER_USAGE);
	assert_non_null(strstr(err.msg, "first line of"));
	assert_null(s);
	/* given: used as it is, the file not read */
	struct secret *given = secret_from_bytes("right one", 9);
	o.pass = given;
	assert_true(journal_open(&o, &s, &err));
	store_close(s);
	secret_destroy(given);
	/* missing: the path and the front end's hint */
	struct journal_opener m = {.path = "/nonexistent/j.ladder", .missing_hint = "try init"};
	assert_false(journal_open(&m, &s, &err));
	assert_string_equal(err.msg, "there is no journal at /nonexistent/j.ladder yet: try init");
}

static void
test_tries(void **state)
{
	(void)state;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	/* two wrong, then right: asked three times, told twice */
	struct asker k = {{"no", "nope", "right one", NULL}, 0, 0};
	struct journal_opener o = {.path = path, .ask = ask, .ctx = &k, .tries = 3,
		.wrong = wrong, .writable = true};
	assert_true(journal_open(&o, &s, &err));
	assert_int_equal(k.asked, 3);
	assert_int_equal(k.wrong, 2);
	store_close(s);
	/* three wrong: status 3 after the last, no fourth question */
	struct asker k2 = {{"a", "b", "c", "right one"}, 0, 0};
	o.ctx = &k2;
	assert_false(journal_open(&o, &s, &err));
	assert_int_equal(err.status, LADDER_BAD_PASSPHRASE);
	assert_int_equal(k2.asked, 3);
	/* one try: no second question */
	struct asker k3 = {{"a", "right one", NULL, NULL}, 0, 0};
	o.ctx = &k3;
	o.tries = 1;
	assert_false(journal_open(&o, &s, &err));
	assert_int_equal(k3.asked, 1);
	assert_int_equal(k3.wrong, 0);
}

static void
test_kdf_policy(void **state)
{
	(void)state;
	bool bad;
	assert_int_equal(kdf_level_default(NULL, &bad), KDF_MODERATE);
	assert_false(bad);
	assert_int_equal(kdf_level_default("min", &bad), KDF_MIN);
	assert_int_equal(kdf_level_default("strong", &bad), KDF_MODERATE);
	assert_true(bad);

	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	struct journal_opener o = {.path = path, .passphrase_file = pfile};
	assert_true(journal_open(&o, &s, &err));
	assert_int_equal(kdf_level_of(s->vault), KDF_MIN);
	enum kdf_level l;
	/* a journal at min: a new passphrase gets moderate unless told */
	assert_true(kdf_level_for_rekey(s->vault, NULL, NULL, &l, &err));
	assert_int_equal(l, KDF_MODERATE);
	assert_true(kdf_level_for_rekey(s->vault, NULL, "min", &l, &err));
	assert_int_equal(l, KDF_MIN);
	assert_true(kdf_level_for_rekey(s->vault, "interactive", "min", &l, &err));
	assert_int_equal(l, KDF_INTERACTIVE);
	assert_false(kdf_level_for_rekey(s->vault, "strong", NULL, &l, &err));
	assert_int_equal(err.status, LADDER_USAGE);
	store_close(s);
}

int
main(void)
{
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_tries),
		cmocka_unit_test(test_kdf_policy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
