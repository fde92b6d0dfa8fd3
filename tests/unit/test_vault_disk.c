/* The vault's file on disk: a journal changed by someone else since it
 * was opened, locks and stale temporary files, and a journal reached
 * through a symbolic link. Fixtures in vault_fixture.h. */
#include "vault_fixture.h"

static void
test_changed_on_disk(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "one", 3, NULL);
	struct ladder_error err = {0};
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);

	/* replaced by another program (same bytes, new inode) */
	struct vault *v = open_writable(f->journal, PASS);
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%s/elsewhere", f->dir);
	spit(tmp, orig, len);
	assert_int_equal(rename(tmp, f->journal), 0);
	assert_false(vault_save(v, (const unsigned char *)"two", 3, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_non_null(strstr(err.msg, "changed on disk"));
	assert_true(bytes_equal_file(f->journal, orig, len));
	struct secret *code = NULL;
	struct secret *np = sec("new");
	assert_false(vault_rekey(v, np, KDF_MIN, (const unsigned char *)"two",
		3, &code, &err));
	assert_null(code);
	assert_non_null(strstr(err.msg, "changed on disk"));
	vault_close(v);

	/* written in place (mtime) */
	v = open_writable(f->journal, PASS);
	struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 0}};
	assert_int_equal(utimensat(AT_FDCWD, f->journal, times, 0), 0);
	assert_false(vault_save(v, (const unsigned char *)"two", 3, &err));
	assert_non_null(strstr(err.msg, "changed on disk"));
	vault_close(v);

	/* removed */
	v = open_writable(f->journal, PASS);
	assert_int_equal(rename(f->journal, tmp), 0);
	assert_false(vault_save(v, (const unsigned char *)"two", 3, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_false(vault_exists(f->journal));
	vault_close(v);
	assert_int_equal(rename(tmp, f->journal), 0);

	/* a read-only vault does not save */
	struct secret *p = sec(PASS);
	struct secret *plain = NULL;
	assert_true(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_false(vault_writable(v));
	assert_false(vault_save(v, (const unsigned char *)"two", 3, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_non_null(strstr(err.msg, "read-only"));
	vault_close(v);
	secret_destroy(plain);

	/* too large: refused before anything is touched */
	v = open_writable(f->journal, PASS);
	assert_false(vault_save(v, (const unsigned char *)"x",
		VAULT_PLAIN_MAX + 1, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	vault_close(v);
	assert_true(bytes_equal_file(f->journal, orig, len));

	secret_destroy(p);
	secret_destroy(np);
	free(orig);
}

static void
test_lock_and_stale_temps(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "one", 3, NULL);
	char stale[512], keep1[512], keep2[512];
	snprintf(stale, sizeof(stale), "%s.tmp.AB12CD", f->journal);
	snprintf(keep1, sizeof(keep1), "%s.tmp.ab12cd", f->journal);
	snprintf(keep2, sizeof(keep2), "%s/other.tmp.AB12CD", f->dir);
	spit(stale, (const unsigned char *)"x", 1);
	spit(keep1, (const unsigned char *)"x", 1);
	spit(keep2, (const unsigned char *)"x", 1);

	/* reading creates and removes nothing */
	assert_int_equal(try_open(f->journal, PASS, NULL), 0);
	assert_true(paths_exists(stale));

	struct vault *v = open_writable(f->journal, PASS);
	assert_false(paths_exists(stale));
	assert_true(paths_exists(keep1));
	assert_true(paths_exists(keep2));

	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v2 = NULL;
	struct secret *plain = NULL;
	time_t t0 = time(NULL);
	assert_false(vault_open(f->journal, p, true, &v2, &plain, &err));
	assert_true(time(NULL) - t0 <= 1);
	assert_int_equal(err.status, LADDER_LOCKED);
	assert_non_null(strstr(err.msg, "in use"));
	assert_null(v2);
	assert_null(plain);
	/* the recovery path takes the lock too */
	struct secret *c = sec("00000-00000-00000-00000-00000-00000-00000-00000");
	assert_false(vault_open_recovery(f->journal, c, true, &v2, &plain,
		&err));
	assert_int_equal(err.status, LADDER_LOCKED);
	secret_destroy(c);
	/* readers are not blocked */
	assert_int_equal(try_open(f->journal, PASS, NULL), 0);
	vault_close(v);

	assert_true(vault_open(f->journal, p, true, &v2, &plain, &err));
	vault_close(v2);
	secret_destroy(plain);
	secret_destroy(p);
}

static void
test_symlinked_journal(void **state)
{
	struct fixture *f = *state;
	char target_dir[512], target[600], link_path[512];
	snprintf(target_dir, sizeof(target_dir), "%s/synced", f->dir);
	assert_int_equal(mkdir(target_dir, 0700), 0);
	snprintf(target, sizeof(target), "%s/journal.ladder", target_dir);
	snprintf(link_path, sizeof(link_path), "%s/link.ladder", f->dir);
	create_journal(target, PASS, "one", 3, NULL);
	assert_int_equal(symlink(target, link_path), 0);
	struct vault *v = open_writable(link_path, PASS);
	struct ladder_error err = {0};
	assert_true(vault_save(v, (const unsigned char *)"two", 3, &err));
	vault_close(v);
	struct stat st;
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_opens_to(link_path, PASS, "two", 3);
	char bak[700];
	snprintf(bak, sizeof(bak), "%s.bak", target);
	assert_opens_to(bak, PASS, "one", 3);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_changed_on_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_and_stale_temps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlinked_journal, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
