/* Fault injection through the vault's I/O seam: every call of a save, a
 * create and a passphrase change made to fail (ENOSPC, EIO, a short write,
 * EINTR), with and without hard links, leaves a journal that opens to the
 * old or the new content. Fixtures in vault_fixture.h. */
#include "vault_fixture.h"

/* ---- saving ---- */

enum fault { FAULT_ENOSPC, FAULT_EIO, FAULT_SHORT, FAULT_EINTR };
static const char *fault_names[] = {"ENOSPC", "EIO", "short write", "EINTR"};

static struct {
	enum fault mode;
	int k, calls;
	bool fired;
	bool committed;     /* the rename over the journal happened */
	const char *journal;
	bool no_links;      /* link() says EPERM, as on FAT */
} fi;

static bool
inject(void)
{
	if (++fi.calls != fi.k) {
		return false;
	}
	fi.fired = true;
	if (fi.mode == FAULT_SHORT) {
		return false;
	}
	errno = fi.mode == FAULT_ENOSPC ? ENOSPC :
		fi.mode == FAULT_EIO ? EIO : EINTR;
	return true;
}

static int
fi_open(const char *path, int flags, mode_t mode)
{
	return inject() ? -1 : vault_io_default()->open(path, flags, mode);
}

static ssize_t
fi_read(int fd, void *buf, size_t len)
{
	return inject() ? -1 : vault_io_default()->read(fd, buf, len);
}

static ssize_t
fi_write(int fd, const void *buf, size_t len)
{
	bool fire = inject();
	if (fire) {
		return -1;
	}
	if (fi.fired && fi.calls == fi.k && fi.mode == FAULT_SHORT && len > 1) {
		len /= 2;
	}
	return vault_io_default()->write(fd, buf, len);
}

static int
fi_fchmod(int fd, mode_t mode)
{
	return inject() ? -1 : vault_io_default()->fchmod(fd, mode);
}

static int
fi_fsync(int fd)
{
	return inject() ? -1 : vault_io_default()->fsync(fd);
}

static int
fi_close(int fd)
{
	if (inject()) {
		/* as Linux does: the descriptor is gone even on EINTR */
		int e = errno;
		vault_io_default()->close(fd);
		errno = e;
		return -1;
	}
	return vault_io_default()->close(fd);
}

static int
fi_link(const char *from, const char *to)
{
	if (inject()) {
		return -1;
	}
	if (fi.no_links) {
		errno = EPERM;
		return -1;
	}
	return vault_io_default()->link(from, to);
}

static int
fi_rename(const char *from, const char *to)
{
	if (inject()) {
		return -1;
	}
	int r = vault_io_default()->rename(from, to);
	if (r == 0 && strcmp(to, fi.journal) == 0) {
		fi.committed = true;
	}
	return r;
}

static int
fi_unlink(const char *path)
{
	return inject() ? -1 : vault_io_default()->unlink(path);
}

static const struct vault_io fault_io = {
	.open = fi_open,
	.read = fi_read,
	.write = fi_write,
	.fchmod = fi_fchmod,
	.fsync = fi_fsync,
	.close = fi_close,
	.link = fi_link,
	.rename = fi_rename,
	.unlink = fi_unlink,
	.kdf = counting_kdf,
};

static void
fault_arm(enum fault mode, int k, const char *journal)
{
	bool no_links = fi.no_links;
	memset(&fi, 0, sizeof(fi));
	fi.mode = mode;
	fi.k = k;
	fi.journal = journal;
	fi.no_links = no_links;
	vault_io_set(&fault_io);
}

static void
fault_disarm(void)
{
	/* keep the no-links setting for retries, without faults */
	fi.k = -1;
}
static void
save_faults(struct fixture *f, bool no_links)
{
	/* fi.journal is compared with the real path the vault renames to */
	char *real_dir = realpath(f->dir, NULL);
	char real[1024];
	snprintf(real, sizeof(real), "%s/journal.ladder", real_dir);
	free(real_dir);
	fi.no_links = no_links;
	create_journal(f->journal, PASS, "generation 0", 12, NULL);
	struct vault *v = open_writable(f->journal, PASS);
	char prev[64] = "generation 0";
	int total = 0;
	for (int mode = 0; mode < 4; mode++) {
		for (int k = 1;; k++) {
			char next[64];
			snprintf(next, sizeof(next), "generation %d.%d", mode, k);
			size_t olen;
			unsigned char *orig = slurp(f->journal, &olen);
			struct ladder_error err = {0};
			fault_arm((enum fault)mode, k, real);
			bool ok = vault_save(v, (const unsigned char *)next,
				strlen(next), &err);
			bool fired = fi.fired, committed = fi.committed;
			fault_disarm();
			assert_int_equal(count_temps(f->dir), 0);
			if (ok) {
				assert_opens_to(f->journal, PASS, next, strlen(next));
				assert_opens_to(f->bak, PASS, prev, strlen(prev));
			} else {
				assert_true(fired);
				assert_int_equal(err.status, LADDER_FAIL);
				assert_non_null(strstr(err.msg, f->journal));
				if (committed) {
					/* only the folder's fsync failed, after the rename */
					assert_non_null(strstr(err.msg, "saved, but"));
					assert_opens_to(f->journal, PASS, next, strlen(next));
				} else {
					if (!bytes_equal_file(f->journal, orig, olen)) {
						fail_msg("%s at call %d: journal changed: %s",
							fault_names[mode], k, err.msg);
					}
					assert_non_null(strstr(err.msg, "not saved"));
					/* a retry succeeds */
					if (!vault_save(v, (const unsigned char *)next,
						strlen(next), &err)) {
						fail_msg("%s at call %d: retry: %s",
							fault_names[mode], k, err.msg);
					}
					assert_opens_to(f->journal, PASS, next, strlen(next));
					if (count_temps(f->dir) != 0) {
						fail_msg("%s at call %d: retry left a temp file:\n%s",
							fault_names[mode], k, listing(f->dir));
					}
				}
			}
			snprintf(prev, sizeof(prev), "%s", next);
			free(orig);
			total++;
			if (!fired) {
				break; /* k is past the last call of a save */
			}
		}
	}
	vault_io_set(NULL);
	use_counting_io();
	vault_close(v);
	fi.no_links = false;
	assert_true(total > 4 * 8);
}

static void
test_save_faults(void **state)
{
	save_faults(*state, false);
}

static void
test_save_faults_without_links(void **state)
{
	save_faults(*state, true);
}

static void
test_create_faults(void **state)
{
	struct fixture *f = *state;
	char *real_dir = realpath(f->dir, NULL);
	for (int mode = 0; mode < 4; mode++) {
		for (int k = 1;; k++) {
			char path[512], real[1024];
			snprintf(path, sizeof(path), "%s/j%d-%d.ladder", f->dir, mode, k);
			snprintf(real, sizeof(real), "%s/j%d-%d.ladder", real_dir, mode,
				k);
			struct ladder_error err = {0};
			struct secret *p = sec(PASS);
			struct secret *code = NULL;
			fault_arm((enum fault)mode, k, real);
			bool ok = vault_create(path, p, KDF_MIN,
				(const unsigned char *)"first", 5, &code, NULL, &err);
			bool fired = fi.fired;
			fault_disarm();
			vault_io_set(NULL);
			use_counting_io();
			assert_int_equal(count_temps(f->dir), 0);
			if (ok) {
				assert_non_null(code);
				assert_opens_to(path, PASS, "first", 5);
			} else {
				assert_null(code);
				assert_int_equal(err.status, LADDER_FAIL);
				assert_false(vault_exists(path));
				assert_true(vault_create(path, p, KDF_MIN,
					(const unsigned char *)"first", 5, &code, NULL, &err));
				assert_opens_to(path, PASS, "first", 5);
			}
			secret_destroy(code);
			secret_destroy(p);
			if (!fired) {
				break;
			}
		}
	}
	free(real_dir);
}

static void
test_rekey_faults(void **state)
{
	struct fixture *f = *state;
	char *real_dir = realpath(f->dir, NULL);
	char real[1024];
	snprintf(real, sizeof(real), "%s/journal.ladder", real_dir);
	free(real_dir);
	create_journal(f->journal, "pass 0", "content", 7, NULL);
	struct vault *v = open_writable(f->journal, "pass 0");
	char cur[64] = "pass 0";
	for (int mode = 0; mode < 4; mode++) {
		for (int k = 1;; k++) {
			char next[64];
			snprintf(next, sizeof(next), "pass %d.%d", mode, k);
			struct secret *np = sec(next);
			struct secret *code = NULL;
			struct ladder_error err = {0};
			size_t olen;
			unsigned char *orig = slurp(f->journal, &olen);
			fault_arm((enum fault)mode, k, real);
			bool ok = vault_rekey(v, np, KDF_MIN,
				(const unsigned char *)"content", 7, &code, &err);
			bool fired = fi.fired;
			fault_disarm();
			vault_io_set(NULL);
			use_counting_io();
			assert_int_equal(count_temps(f->dir), 0);
			if (ok || code != NULL) {
				/* the new passphrase is in effect */
				assert_opens_to(f->journal, next, "content", 7);
				assert_int_equal(try_open(f->journal, cur, NULL),
					LADDER_BAD_PASSPHRASE);
				assert_int_equal(try_open_code(f->journal,
					(char *)code->data, NULL), 0);
				snprintf(cur, sizeof(cur), "%s", next);
			} else {
				assert_int_equal(err.status, LADDER_FAIL);
				assert_true(bytes_equal_file(f->journal, orig, olen));
				assert_opens_to(f->journal, cur, "content", 7);
				/* the vault still saves under the old key */
				assert_true(vault_save(v, (const unsigned char *)"content",
					7, &err));
				assert_opens_to(f->journal, cur, "content", 7);
				assert_true(vault_rekey(v, np, KDF_MIN,
					(const unsigned char *)"content", 7, &code, &err));
				assert_opens_to(f->journal, next, "content", 7);
				snprintf(cur, sizeof(cur), "%s", next);
			}
			assert_opens_to(f->bak, cur, "content", 7);
			secret_destroy(code);
			secret_destroy(np);
			free(orig);
			if (!fired) {
				break;
			}
		}
	}
	vault_close(v);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_faults_without_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rekey_faults, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
