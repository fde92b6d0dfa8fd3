/* The vault: round trips, every corruption refused before or after the KDF
 * as documented, splices, wrong passphrases, hostile parameters, fault
 * injection through the I/O seam for every call of a save, locks, passphrase
 * change and recovery, the committed version-1 fixture, and the passphrase
 * file reader. Everything uses the MIN KDF.
 *
 * The fixture tests/data/journal-v1.ladder was made once with
 *   printf '%s\n' 'ladder fixture passphrase v1' > pass
 *   printf 'ladder vault fixture v1\n{"note": "opaque bytes"}\n' > plain
 *   vault_tool create journal-v1.ladder --kdf min --pass pass \
 *       --plain plain --code-out code
 * and must keep opening with FIXTURE_PASS and FIXTURE_CODE, giving
 * FIXTURE_PLAIN, in every later build. Its recovery code was written to
 * "code"; it is FIXTURE_CODE. */
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

static int
counting_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	kdf_calls++;
	return vault_io_default()->kdf(out, outlen, pw, pwlen, salt, ops, mem);
}

static ssize_t
counting_read(int fd, void *buf, size_t len)
{
	read_calls++;
	return vault_io_default()->read(fd, buf, len);
}

static struct vault_io counting_io;

static void
use_counting_io(void)
{
	counting_io = *vault_io_default();
	counting_io.kdf = counting_kdf;
	counting_io.read = counting_read;
	vault_io_set(&counting_io);
}

static void
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
				snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
				rm_rf(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int
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

static int
teardown(void **state)
{
	struct fixture *f = *state;
	vault_io_set(NULL);
	rm_rf(f->dir);
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

static unsigned char *
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

static void
spit(const char *path, const unsigned char *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The folder's names, sorted and joined, to compare before and after. */
static char *
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

static int
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

static void
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
static int
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

static int
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

static void
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

static struct vault *
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

static void
rehash(unsigned char *buf)
{
	crypto_generichash(buf + 224, 32, buf, 224, NULL, 0);
}

static void
put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
	}
}

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

/* n "entries" of journal-like text, about 340 bytes each. */
static unsigned char *
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

/* ---- corruption ---- */

static void
test_every_byte_flip(void **state)
{
	struct fixture *f = *state;
	size_t plen;
	unsigned char *plain = entries(3, &plen);
	create_journal(f->journal, PASS, plain, plen, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	unsigned char *buf = malloc(len);
	char *before = listing(f->dir);
	static const unsigned char masks[] = {0x01, 0x80, 0xFF};
	for (size_t off = 0; off < len; off++) {
		for (size_t m = 0; m < sizeof(masks); m++) {
			memcpy(buf, orig, len);
			buf[off] ^= masks[m];
			spit(f->journal, buf, len);
			unsigned long calls = kdf_calls;
			struct secret *out = NULL;
			int status = try_open(f->journal, PASS, &out);
			assert_null(out);
			if (off < VAULT_HEADER_LEN) {
				/* The header check fails: damaged, never "wrong
				 * passphrase", and the KDF did not run. */
				if (status != LADDER_DAMAGED) {
					fail_msg("offset %zu mask %02x: status %d", off,
						masks[m], status);
				}
				assert_int_equal(kdf_calls, calls);
			} else {
				assert_true(status == LADDER_DAMAGED ||
					status == LADDER_BAD_PASSPHRASE);
			}
			size_t now_len;
			unsigned char *now = slurp(f->journal, &now_len);
			assert_int_equal(now_len, len);
			assert_memory_equal(now, buf, len);
			free(now);
			char *after = listing(f->dir);
			assert_string_equal(before, after);
			free(after);
		}
	}
	spit(f->journal, orig, len);
	assert_opens_to(f->journal, PASS, plain, plen);
	free(before);
	free(buf);
	free(orig);
	free(plain);
}

static void
test_truncation_and_appending(void **state)
{
	struct fixture *f = *state;
	size_t plen;
	unsigned char *plain = entries(3, &plen);
	create_journal(f->journal, PASS, plain, plen, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	unsigned long calls = kdf_calls;
	for (size_t n = 0; n < len; n++) {
		spit(f->journal, orig, n);
		assert_int_equal(try_open(f->journal, PASS, NULL), LADDER_DAMAGED);
	}
	unsigned char *longer = malloc(len + 4096);
	memcpy(longer, orig, len);
	randombytes_buf(longer + len, 4096);
	static const size_t extra[] = {1, 2, 16, 17, 4096};
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		spit(f->journal, longer, len + extra[i]);
		assert_int_equal(try_open(f->journal, PASS, NULL), LADDER_DAMAGED);
		memset(longer + len, 0, extra[i]);
		spit(f->journal, longer, len + extra[i]);
		assert_int_equal(try_open(f->journal, PASS, NULL), LADDER_DAMAGED);
	}
	assert_int_equal(kdf_calls, calls); /* never reached the KDF */
	spit(f->journal, orig, len);
	assert_opens_to(f->journal, PASS, plain, plen);
	assert_true(kdf_calls > calls);
	free(longer);
	free(orig);
	free(plain);
}

static void
test_text_mode_mangling(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	/* CR LF -> LF, as a text-mode transfer does */
	unsigned char *buf = malloc(len);
	memcpy(buf, orig, 4);
	memcpy(buf + 4, orig + 5, len - 5);
	spit(f->journal, buf, len - 1);
	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_non_null(strstr(err.msg, "binary mode"));
	/* Not a journal at all */
	spit(f->journal, (const unsigned char *)"hello\n", 6);
	assert_false(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_non_null(strstr(err.msg, "signature"));
	secret_destroy(p);
	free(buf);
	free(orig);
}

static void
test_splices(void **state)
{
	struct fixture *f = *state;
	char other[512];
	snprintf(other, sizeof(other), "%s/other.ladder", f->dir);
	char spliced[512];
	snprintf(spliced, sizeof(spliced), "%s/spliced.ladder", f->dir);
	struct secret *code = NULL;
	create_journal(f->journal, PASS, "generation one", 14, &code);
	create_journal(other, PASS, "other journal!", 14, NULL);
	struct vault *v = open_writable(f->journal, PASS);
	struct ladder_error err = {0};
	assert_true(vault_save(v, (const unsigned char *)"generation two", 14,
		&err));
	vault_close(v);

	size_t la, lb, lo;
	unsigned char *gen1 = slurp(f->bak, &la);
	unsigned char *gen2 = slurp(f->journal, &lb);
	unsigned char *oth = slurp(other, &lo);
	assert_int_equal(la, lb);
	assert_int_equal(la, lo);
	size_t len = la;
	unsigned char *buf = malloc(len);
	const size_t H = VAULT_HEADER_LEN;

	/* header of one save, payload of another */
	memcpy(buf, gen1, H);
	memcpy(buf + H, gen2 + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);
	memcpy(buf, gen2, H);
	memcpy(buf + H, gen1 + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* payload from another journal, either way round */
	memcpy(buf, gen2, H);
	memcpy(buf + H, oth + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);
	memcpy(buf, oth, H);
	memcpy(buf + H, gen2 + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* swapped key slots, checksum recomputed */
	memcpy(buf, gen2, len);
	memcpy(buf + 48, gen2 + 120, 72);
	memcpy(buf + 120, gen2 + 48, 72);
	rehash(buf);
	spit(spliced, buf, len);
	int s = try_open(spliced, PASS, NULL);
	assert_true(s == LADDER_BAD_PASSPHRASE || s == LADDER_DAMAGED);
	s = try_open_code(spliced, (char *)code->data, NULL);
	assert_true(s == LADDER_BAD_PASSPHRASE || s == LADDER_DAMAGED);

	/* the other journal's passphrase slot (same passphrase) */
	memcpy(buf, gen2, len);
	memcpy(buf + 48, oth + 48, 72);
	rehash(buf);
	spit(spliced, buf, len);
	s = try_open(spliced, PASS, NULL);
	assert_true(s == LADDER_BAD_PASSPHRASE || s == LADDER_DAMAGED);

	/* the other journal's salt and slots: unwraps, payload refused */
	memcpy(buf, gen2, len);
	memcpy(buf + 32, oth + 32, 16 + 144);
	rehash(buf);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* the payload nonce of another save, checksum recomputed */
	memcpy(buf, gen2, len);
	memcpy(buf + 192, gen1 + 192, 24);
	rehash(buf);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* the originals still open */
	assert_opens_to(f->journal, PASS, "generation two", 14);
	assert_opens_to(f->bak, PASS, "generation one", 14);
	secret_destroy(code);
	free(buf);
	free(gen1);
	free(gen2);
	free(oth);
}

static void
test_wrong_passphrases(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "secret text", 11, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	char *before = listing(f->dir);
	char big[4097];
	memset(big, 'a', 4096);
	big[4096] = '\0';
	const char *wrong[] = {
		"correct horse battery stapla", "Correct horse battery staple",
		"correct horse battery stapl", "", PASS "\n", PASS " ", big,
	};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		unsigned long calls = kdf_calls;
		struct ladder_error err = {0};
		struct secret *p = sec(wrong[i]);
		struct vault *v = NULL;
		struct secret *plain = NULL;
		assert_false(vault_open(f->journal, p, true, &v, &plain, &err));
		assert_int_equal(err.status, LADDER_BAD_PASSPHRASE);
		assert_non_null(strstr(err.msg, "wrong passphrase"));
		assert_non_null(strstr(err.msg, f->journal));
		assert_null(plain);
		assert_null(v);
		assert_int_equal(kdf_calls, calls + 1);
		secret_destroy(p);
		size_t now_len;
		unsigned char *now = slurp(f->journal, &now_len);
		assert_int_equal(now_len, len);
		assert_memory_equal(now, orig, len);
		free(now);
	}
	/* no new files (the lock file was made by the create) */
	char *after = listing(f->dir);
	assert_string_equal(before, after);
	assert_non_null(strstr(after, "journal.ladder.lock\n"));
	free(after);
	free(before);
	free(orig);
}

static void
hostile(const char *path, const unsigned char *orig, size_t len, size_t off,
	size_t width, uint64_t value)
{
	unsigned char *buf = malloc(len);
	memcpy(buf, orig, len);
	for (size_t i = 0; i < width; i++) {
		buf[off + i] = (unsigned char)(value >> (8 * i));
	}
	rehash(buf);
	spit(path, buf, len);
	unsigned long calls = kdf_calls;
	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(path, p, false, &v, &plain, &err));
	if (err.status != LADDER_DAMAGED) {
		fail_msg("offset %zu value %llu: %d %s", off,
			(unsigned long long)value, err.status, err.msg);
	}
	assert_int_equal(kdf_calls, calls);
	secret_destroy(p);
	free(buf);
}

static void
test_hostile_parameters(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	const char *j = f->journal;
	/* memlimit */
	hostile(j, orig, len, 24, 8, UINT64_C(1) << 40);
	hostile(j, orig, len, 24, 8, (UINT64_C(1) << 30) + 1);
	hostile(j, orig, len, 24, 8, UINT64_MAX);
	hostile(j, orig, len, 24, 8, 4096);
	hostile(j, orig, len, 24, 8, 0);
	/* opslimit */
	hostile(j, orig, len, 16, 8, 11);
	hostile(j, orig, len, 16, 8, UINT64_MAX);
	hostile(j, orig, len, 16, 8, 0);
	/* payload length */
	hostile(j, orig, len, 216, 8, UINT64_MAX);
	hostile(j, orig, len, 216, 8, UINT64_C(1) << 62);
	hostile(j, orig, len, 216, 8, (uint64_t)VAULT_PLAIN_MAX + 17);
	hostile(j, orig, len, 216, 8, 0);
	hostile(j, orig, len, 216, 8, 15);
	hostile(j, orig, len, 216, 8, len - VAULT_HEADER_LEN + 1);
	hostile(j, orig, len, 216, 8, len - VAULT_HEADER_LEN - 1);
	/* flags (1, the generation, is the one known), ids, version, header
	 * length; a content too short for the generation */
	hostile(j, orig, len, 14, 2, 2);
	hostile(j, orig, len, 14, 2, 3);
	hostile(j, orig, len, 14, 2, 0x8000);
	hostile(j, orig, len, 216, 8, VAULT_TAG_LEN + VAULT_GEN_PREFIX - 1);
	hostile(j, orig, len, 12, 1, 2);
	hostile(j, orig, len, 13, 1, 0);
	hostile(j, orig, len, 8, 2, 2);
	hostile(j, orig, len, 8, 2, 0);
	hostile(j, orig, len, 10, 2, 255);
	hostile(j, orig, len, 10, 2, 0xFFFF);

	/* A file too large to be a journal is refused before it is read:
	 * a sparse file just over the limit, and not one read call. */
	char big[512];
	snprintf(big, sizeof(big), "%s/big.ladder", f->dir);
	int fd = open(big, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, orig, VAULT_HEADER_LEN), VAULT_HEADER_LEN);
	assert_int_equal(ftruncate(fd, (off_t)(VAULT_HEADER_LEN +
		VAULT_PLAIN_MAX + VAULT_TAG_LEN + 1)), 0);
	close(fd);
	unsigned long reads = read_calls, calls = kdf_calls;
	assert_int_equal(try_open(big, PASS, NULL), LADDER_DAMAGED);
	assert_int_equal(read_calls, reads);
	assert_int_equal(kdf_calls, calls);
	unlink(big);
	free(orig);
}

/* The caps let the strongest level through to the KDF (faked here). */
static unsigned long long seen_ops;
static size_t seen_mem;

static int
fake_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	seen_ops = ops;
	seen_mem = mem;
	memset(out, 0x42, outlen);
	return 0;
}

static int
enomem_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	errno = ENOMEM;
	return -1;
}

static void
test_kdf_limits_and_enomem(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *buf = slurp(f->journal, &len);
	put64(buf + 16, 4);
	put64(buf + 24, UINT64_C(1) << 30);
	rehash(buf);
	spit(f->journal, buf, len);
	struct vault_io fake = *vault_io_default();
	fake.kdf = fake_kdf;
	vault_io_set(&fake);
	assert_int_equal(try_open(f->journal, PASS, NULL),
		LADDER_BAD_PASSPHRASE);
	assert_int_equal(seen_ops, 4);
	assert_int_equal(seen_mem, (size_t)1 << 30);

	/* Not enough memory is a failure, never "wrong passphrase". */
	fake.kdf = enomem_kdf;
	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_non_null(strstr(err.msg, "memory"));
	struct secret *code = NULL;
	char other[512];
	snprintf(other, sizeof(other), "%s/other.ladder", f->dir);
	assert_false(vault_create(other, p, KDF_SENSITIVE, NULL, 0, &code,
		NULL, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_false(vault_exists(other));
	assert_int_equal(count_temps(f->dir), 0);
	use_counting_io();
	secret_destroy(p);
	free(buf);
}

static void
test_decode_with_key(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *buf = slurp(f->journal, &len);
	unsigned char key[VAULT_KEY_LEN] = {0};
	struct ladder_error err = {0};
	struct secret *plain = NULL;
	assert_false(vault_decode("x", buf, len, key, &plain, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_null(plain);
	struct vault_header h;
	assert_true(vault_header_parse("x", buf, len, &h, &err));
	assert_int_equal(h.payload_len, VAULT_GEN_PREFIX + 3 + VAULT_TAG_LEN);
	assert_false(vault_header_parse("x", buf, len - 1, &h, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	free(buf);
}

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

static bool
bytes_equal_file(const char *path, const unsigned char *want, size_t len)
{
	size_t n;
	unsigned char *now = slurp(path, &n);
	bool same = now != NULL && n == len && memcmp(now, want, len) == 0;
	free(now);
	return same;
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
		cmocka_unit_test(test_kdf_names),
		cmocka_unit_test_setup_teardown(test_round_trip_small, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_large, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_byte_flip, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_truncation_and_appending,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_mode_mangling, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_splices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_passphrases, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_hostile_parameters, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_kdf_limits_and_enomem, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_decode_with_key, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_save_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_faults_without_links,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_faults, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_rekey_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_on_disk, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_lock_and_stale_temps, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_rekey_and_recovery, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_symlinked_journal, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_fixture_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
