/* Passphrase change and recovery of the vault: vault_rekey to a new
 * passphrase and the recovery codes it gives, and opening with them.
 * Fixtures in vault_fixture.h. */
#include "vault_fixture.h"

/* ---- passphrase change and recovery ---- */

static void
test_rekey_and_recovery(void **state)
{
	struct fixture *f = *state;
	struct secret *code1 = NULL;
	create_journal(f->journal, "old passphrase", "gen 1", 5, &code1);
	struct vault *v = open_writable(f->journal, "old passphrase");
	struct ladder_error err = {0};
	assert_true(vault_save(v, (const unsigned char *)"gen 2", 5, &err));

	struct secret *np = sec("new passphrase");
	struct secret *code2 = NULL;
	assert_true(vault_rekey(v, np, KDF_MIN, (const unsigned char *)"gen 3",
		5, &code2, &err));
	assert_non_null(code2);
	assert_string_not_equal((char *)code1->data, (char *)code2->data);
	/* the vault goes on saving under the new key */
	assert_true(vault_save(v, (const unsigned char *)"gen 4", 5, &err));
	vault_close(v);

	assert_opens_to(f->journal, "new passphrase", "gen 4", 5);
	assert_opens_to(f->bak, "new passphrase", "gen 3", 5);
	assert_int_equal(try_open(f->journal, "old passphrase", NULL),
		LADDER_BAD_PASSPHRASE);
	assert_int_equal(try_open(f->bak, "old passphrase", NULL),
		LADDER_BAD_PASSPHRASE);

	/* a rekey right away: the backup is the generation before it */
	v = open_writable(f->journal, "new passphrase");
	struct secret *np2 = sec("third passphrase");
	struct secret *code3 = NULL;
	assert_true(vault_rekey(v, np2, KDF_MIN, (const unsigned char *)"gen 5",
		5, &code3, &err));
	vault_close(v);
	assert_opens_to(f->journal, "third passphrase", "gen 5", 5);
	assert_opens_to(f->bak, "third passphrase", "gen 4", 5);
	assert_int_equal(try_open(f->bak, "new passphrase", NULL),
		LADDER_BAD_PASSPHRASE);

	/* codes: only the latest opens, in any spelling */
	assert_int_equal(try_open_code(f->journal, (char *)code1->data, NULL),
		LADDER_BAD_PASSPHRASE);
	assert_int_equal(try_open_code(f->journal, (char *)code2->data, NULL),
		LADDER_BAD_PASSPHRASE);
	assert_int_equal(try_open_code(f->bak, (char *)code2->data, NULL),
		LADDER_BAD_PASSPHRASE);
	struct secret *plain = NULL;
	assert_int_equal(try_open_code(f->journal, (char *)code3->data, &plain),
		0);
	assert_int_equal(plain->len, 5);
	assert_memory_equal(plain->data, "gen 5", 5);
	secret_destroy(plain);
	assert_int_equal(try_open_code(f->bak, (char *)code3->data, NULL), 0);

	char spelled[128];
	size_t o = 0;
	for (size_t i = 0; i < code3->len; i++) {
		char c = (char)code3->data[i];
		if (c == '-') {
			spelled[o++] = ' ';
			continue;
		}
		if (c == '0') {
			c = 'o';
		} else if (c == '1') {
			c = 'l';
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		spelled[o++] = c;
	}
	spelled[o] = '\0';
	assert_int_equal(try_open_code(f->journal, spelled, NULL), 0);
	o = 0;
	for (size_t i = 0; i < code3->len; i++) {
		if (code3->data[i] != '-') {
			spelled[o++] = (char)code3->data[i];
		}
	}
	spelled[o] = '\0';
	assert_int_equal(try_open_code(f->journal, spelled, NULL), 0);

	/* mistyped: a character changed, missing, or not in the alphabet */
	struct ladder_error e2 = {0};
	struct vault *v2 = NULL;
	snprintf(spelled, sizeof(spelled), "%s", (char *)code3->data);
	spelled[7] = spelled[7] == 'A' ? 'B' : 'A';
	struct secret *bad = sec(spelled);
	assert_false(vault_open_recovery(f->journal, bad, false, &v2, &plain,
		&e2));
	assert_int_equal(e2.status, LADDER_BAD_PASSPHRASE);
	assert_non_null(strstr(e2.msg, "mistyped"));
	secret_destroy(bad);
	spelled[7] = '\0';
	bad = sec(spelled);
	assert_false(vault_open_recovery(f->journal, bad, false, &v2, &plain,
		&e2));
	assert_non_null(strstr(e2.msg, "mistyped"));
	secret_destroy(bad);
	snprintf(spelled, sizeof(spelled), "%s", (char *)code3->data);
	spelled[0] = 'U';
	bad = sec(spelled);
	assert_false(vault_open_recovery(f->journal, bad, false, &v2, &plain,
		&e2));
	assert_int_equal(e2.status, LADDER_BAD_PASSPHRASE);
	assert_non_null(strstr(e2.msg, "mistyped"));
	secret_destroy(bad);

	/* the reset: open with the code, set a new passphrase */
	struct secret *c3 = sec((char *)code3->data);
	assert_true(vault_open_recovery(f->journal, c3, true, &v2, &plain,
		&e2));
	assert_true(vault_writable(v2));
	struct secret *np3 = sec("reset passphrase");
	struct secret *code4 = NULL;
	assert_true(vault_rekey(v2, np3, KDF_MIN, plain->data, plain->len,
		&code4, &e2));
	vault_close(v2);
	secret_destroy(plain);
	assert_opens_to(f->journal, "reset passphrase", "gen 5", 5);
	assert_int_equal(try_open(f->journal, "third passphrase", NULL),
		LADDER_BAD_PASSPHRASE);
	assert_int_equal(try_open_code(f->journal, (char *)code3->data, NULL),
		LADDER_BAD_PASSPHRASE);

	/* an empty new passphrase is refused */
	v = open_writable(f->journal, "reset passphrase");
	struct secret *empty = sec("");
	struct secret *code5 = NULL;
	assert_false(vault_rekey(v, empty, KDF_MIN, (const unsigned char *)"x",
		1, &code5, &e2));
	assert_null(code5);
	vault_close(v);
	assert_opens_to(f->journal, "reset passphrase", "gen 5", 5);

	secret_destroy(empty);
	secret_destroy(c3);
	secret_destroy(np);
	secret_destroy(np2);
	secret_destroy(np3);
	secret_destroy(code1);
	secret_destroy(code2);
	secret_destroy(code3);
	secret_destroy(code4);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rekey_and_recovery, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
