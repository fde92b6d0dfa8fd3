/* What the vault's unit tests (tests/unit/test_vault_*.c) share: a
 * temporary folder per test, an I/O seam that counts KDF calls and reads,
 * and helpers that create, open and compare journals. Everything uses the
 * MIN KDF.
 *
 * The fixture tests/data/journal-v1.ladder was made once with
 *   printf '%s\n' 'ladder fixture passphrase v1' > pass
 *   printf 'ladder vault fixture v1\n{"note": "opaque bytes"}\n' > plain
 *   vault_tool create journal-v1.ladder --kdf min --pass pass \
 *       --plain plain --code-out code
 * and must keep opening with FIXTURE_PASS and FIXTURE_CODE, giving
 * FIXTURE_PLAIN, in every later build. Its recovery code was written to
 * "code"; it is FIXTURE_CODE. */
#ifndef LADDER_TESTS_VAULT_FIXTURE_H
#define LADDER_TESTS_VAULT_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ladder/paths.h"
#include "ladder/secret.h"
#include "ladder/vault.h"
#include "ladder/vault_io.h"

#define FIXTURE_PASS "ladder fixture passphrase v1"
#define FIXTURE_CODE "6ZYX0-EN72H-B4YWP-YYRM2-RK025-Y26NB-5H1VE-C9N0B"
#define FIXTURE_PLAIN "ladder vault fixture v1\n{\"note\": \"opaque bytes\"}\n"

#define PASS "correct horse battery staple"

/* ---- helpers ---- */

struct fixture {
	char dir[256];
	char journal[300];
	char bak[310];
};

static unsigned long kdf_calls;
static unsigned long read_calls;

static inline int
counting_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	kdf_calls++;
	return vault_io_default()->kdf(out, outlen, pw, pwlen, salt, ops, mem);
}

static inline ssize_t
counting_read(int fd, void *buf, size_t len)
{
	read_calls++;
	return vault_io_default()->read(fd, buf, len);
}

static struct vault_io counting_io;

static inline void
use_counting_io(void)
{
	counting_io = *vault_io_default();
	counting_io.kdf = counting_kdf;
	counting_io.read = counting_read;
	vault_io_set(&counting_io);
}

static inline void
rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d != NULL) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 ||
					strcmp(e->d_name, "..") == 0) {
					continue;
				}
				char sub[1024];
				int n = snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
				if (n > 0 && (size_t)n < sizeof(sub)) {
					rm_rf(sub);
				}
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static inline int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/ladder-vault-XXXXXX",
		tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->journal, sizeof(f->journal), "%s/journal.ladder", f->dir);
	snprintf(f->bak, sizeof(f->bak), "%s.bak", f->journal);
	use_counting_io();
	*state = f;
	return 0;
}

static inline int
teardown(void **state)
{
	struct fixture *f = *state;
	vault_io_set(NULL);
	rm_rf(f->dir);
	free(f);
	return 0;
}

static inline struct secret *
sec(const char *s)
{
	struct secret *p = secret_from_bytes(s, strlen(s));
	assert_non_null(p);
	return p;
}

static inline unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		*len = 0;
		return NULL;
	}
	size_t cap = 4096, n = 0;
	unsigned char *buf = malloc(cap);
	assert_non_null(buf);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += r;
		if (n == cap) {
			buf = realloc(buf, cap *= 2);
			assert_non_null(buf);
		}
	}
	fclose(fp);
	*len = n;
	return buf;
}

static inline void
spit(const char *path, const unsigned char *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The folder's names, sorted and joined, to compare before and after. */
static inline char *
listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	size_t cap = 1, len = 0;
	for (int i = 0; i < n; i++) {
		cap += strlen(names[i]->d_name) + 1;
	}
	char *s = calloc(1, cap);
	assert_non_null(s);
	for (int i = 0; i < n; i++) {
		size_t l = strlen(names[i]->d_name);
		memcpy(s + len, names[i]->d_name, l);
		len += l;
		s[len++] = '\n';
		free(names[i]);
	}
	free(names);
	return s;
}

static inline int
count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strstr(e->d_name, ".tmp.") != NULL) {
			n++;
		}
	}
	closedir(d);
	return n;
}

static inline void
create_journal(const char *path, const char *pass, const void *plain,
	size_t len, struct secret **code_out)
{
	struct ladder_error err = {0};
	struct secret *p = sec(pass);
	struct secret *code = NULL;
	bool ok = vault_create(path, p, KDF_MIN, plain, len, &code, NULL, &err);
	if (!ok) {
		fail_msg("create %s: %s", path, err.msg);
	}
	assert_non_null(code);
	if (code_out != NULL) {
		*code_out = code;
	} else {
		secret_destroy(code);
	}
	secret_destroy(p);
}

/* Opens read-only; returns the status and, on success, checks nothing. */
static inline int
try_open(const char *path, const char *pass, struct secret **plain_out)
{
	struct ladder_error err = {0};
	struct secret *p = secret_from_bytes(pass, strlen(pass));
	struct vault *v = NULL;
	struct secret *plain = NULL;
	bool ok = vault_open(path, p, false, &v, &plain, &err);
	secret_destroy(p);
	if (!ok) {
		assert_null(v);
		assert_null(plain);
		assert_true(err.status != 0);
		assert_non_null(strstr(err.msg, path));
		return err.status;
	}
	assert_non_null(v);
	vault_close(v);
	if (plain_out != NULL) {
		*plain_out = plain;
	} else {
		secret_destroy(plain);
	}
	return 0;
}

static inline int
try_open_code(const char *path, const char *code, struct secret **plain_out)
{
	struct ladder_error err = {0};
	struct secret *c = sec(code);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	bool ok = vault_open_recovery(path, c, false, &v, &plain, &err);
	secret_destroy(c);
	if (!ok) {
		assert_null(v);
		assert_null(plain);
		return err.status;
	}
	vault_close(v);
	if (plain_out != NULL) {
		*plain_out = plain;
	} else {
		secret_destroy(plain);
	}
	return 0;
}

static inline void
assert_opens_to(const char *path, const char *pass, const void *want,
	size_t len)
{
	struct secret *plain = NULL;
	assert_int_equal(try_open(path, pass, &plain), 0);
	assert_int_equal(plain->len, len);
	if (len > 0) {
		assert_memory_equal(plain->data, want, len);
	}
	assert_int_equal(plain->data[len], 0);
	secret_destroy(plain);
}

static inline struct vault *
open_writable(const char *path, const char *pass)
{
	struct ladder_error err = {0};
	struct secret *p = sec(pass);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	if (!vault_open(path, p, true, &v, &plain, &err)) {
		fail_msg("open %s: %s", path, err.msg);
	}
	secret_destroy(plain);
	secret_destroy(p);
	return v;
}

static inline void
rehash(unsigned char *buf)
{
	crypto_generichash(buf + 224, 32, buf, 224, NULL, 0);
}

static inline void
put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
	}
}

/* n "entries" of journal-like text, about 340 bytes each. */
static inline unsigned char *
entries(size_t n, size_t *len)
{
	size_t cap = n * 400 + 1;
	char *s = malloc(cap);
	assert_non_null(s);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		o += (size_t)snprintf(s + o, cap - o, "{\"id\": \"%08zx-entry\", "
			"\"questionnaire\": \"cultural\", \"stage\": "
			"\"conscious_competence\", \"note\": \"reflection number %zu: "
			"what I noticed, what I will try next time, and how it went "
			"with the group; a few more words to make it a realistic "
			"length for a journal entry written after a session.\"}\n",
			i * 2654435761u, i);
	}
	*len = o;
	return (unsigned char *)s;
}

static inline bool
bytes_equal_file(const char *path, const unsigned char *want, size_t len)
{
	size_t n;
	unsigned char *now = slurp(path, &n);
	bool same = now != NULL && n == len && memcmp(now, want, len) == 0;
	free(now);
	return same;
}

#endif
