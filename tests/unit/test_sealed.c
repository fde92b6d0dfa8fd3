/* The sealed handoff: key files that open only with their passphrase and
 * refuse any changed byte, public key lines that catch a typo, and sealed
 * exports that open only with their key, say so when sealed for another,
 * and refuse every changed, cut or added byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "ladder/sealed.h"

static struct secret *
pass(const char *s)
{
	return secret_from_bytes(s, strlen(s));
}

static struct sealed_key *
make_key(const char *passphrase)
{
	unsigned char file[SEALED_KEYFILE_LEN], pk[SEALED_PK_LEN];
	struct ladder_error err;
	struct secret *p = pass(passphrase);
	struct sealed_key *k = NULL;
	assert_true(sealed_keygen(p, KDF_MIN, file, pk, &err));
	assert_true(sealed_key_open("k", file, sizeof(file), p, &k, &err));
	assert_memory_equal(k->pk, pk, SEALED_PK_LEN);
	secret_destroy(p);
	return k;
}

static void
test_keyfile(void **state)
{
	(void)state;
	unsigned char file[SEALED_KEYFILE_LEN], pk[SEALED_PK_LEN];
	struct ladder_error err;
	struct secret *good = pass("correct horse"), *bad = pass("correct hors");
	struct secret *empty = pass("");
	struct sealed_key *k = NULL;
	assert_false(sealed_keygen(empty, KDF_MIN, file, pk, &err));
	assert_true(sealed_keygen(good, KDF_MIN, file, pk, &err));
	assert_false(sealed_key_open("k", file, sizeof(file), bad, &k, &err));
	assert_int_equal(err.status, LADDER_BAD_PASSPHRASE);
	assert_null(k);
	assert_true(sealed_key_open("k", file, sizeof(file), good, &k, &err));
	assert_memory_equal(k->pk, pk, SEALED_PK_LEN);
	/* the secret key opens what the public key seals */
	unsigned char check[SEALED_PK_LEN];
	assert_int_equal(crypto_scalarmult_base(check, k->sk->data), 0);
	assert_memory_equal(check, pk, SEALED_PK_LEN);
	sealed_key_destroy(k);
	/* every changed byte is "damaged", before the passphrase is tried */
	for (size_t i = 0; i < sizeof(file); i++) {
		static const unsigned char masks[] = {0x01, 0x80, 0xff};
		for (size_t m = 0; m < sizeof(masks); m++) {
			unsigned char copy[SEALED_KEYFILE_LEN];
			memcpy(copy, file, sizeof(copy));
			copy[i] ^= masks[m];
			struct sealed_keyfile kf;
			assert_false(sealed_keyfile_parse("k", copy, sizeof(copy), &kf, &err));
			assert_int_equal(err.status, LADDER_DAMAGED);
		}
	}
	/* cut or longer */
	for (size_t n = 0; n < sizeof(file); n++) {
		struct sealed_keyfile kf;
		assert_false(sealed_keyfile_parse("k", file, n, &kf, &err));
	}
	unsigned char longer[SEALED_KEYFILE_LEN + 1] = {0};
	memcpy(longer, file, sizeof(file));
	struct sealed_keyfile kf;
	assert_false(sealed_keyfile_parse("k", longer, sizeof(longer), &kf, &err));
	assert_non_null(strstr(err.msg, "more than"));
	secret_destroy(good);
	secret_destroy(bad);
	secret_destroy(empty);
}

static void
test_public_line(void **state)
{
	(void)state;
	struct sealed_key *k = make_key("p");
	char line[SEALED_PUBLIC_LINE_MAX], text[SEALED_PUBLIC_LINE_MAX + 8];
	unsigned char pk[SEALED_PK_LEN];
	struct ladder_error err;
	sealed_public_line(k->pk, line);
	assert_int_equal(strlen(line), strlen(SEALED_PUBLIC_PREFIX) + 48);
	assert_true(sealed_public_parse("l", line, strlen(line), pk, &err));
	assert_memory_equal(pk, k->pk, SEALED_PK_LEN);
	/* a .pub file: a newline (or CR LF) and blanks around */
	snprintf(text, sizeof(text), "  %s\r\n", line);
	assert_true(sealed_public_parse("f.pub", text, strlen(text), pk, &err));
	assert_memory_equal(pk, k->pk, SEALED_PK_LEN);
	/* any one character changed is caught by the check */
	size_t prefix = strlen(SEALED_PUBLIC_PREFIX);
	for (size_t i = prefix; i < strlen(line); i++) {
		memcpy(text, line, strlen(line) + 1);
		text[i] = text[i] == 'A' ? 'B' : 'A';
		assert_false(sealed_public_parse("l", text, strlen(text), pk, &err));
		assert_non_null(strstr(err.msg, "l: "));
	}
	/* a byte above 0x7f is no base64 letter (libsodium's decoder took
	 * some for one: found by fuzz_keyfile) */
	for (size_t i = prefix; i < strlen(line); i++) {
		memcpy(text, line, strlen(line) + 1);
		text[i] = (char)0xf7;
		assert_false(sealed_public_parse("l", text, strlen(text), pk, &err));
		assert_non_null(strstr(err.msg, "characters other than"));
	}
	/* cut, other text, the key file itself */
	assert_false(sealed_public_parse("l", line, strlen(line) - 1, pk, &err));
	assert_non_null(strstr(err.msg, "characters long"));
	assert_false(sealed_public_parse("l", "hello", 5, pk, &err));
	assert_non_null(strstr(err.msg, "not a public key"));
	assert_false(sealed_public_parse("l", SEALED_KEYFILE_MAGIC, 8, pk, &err));
	sealed_key_destroy(k);
}

static void
test_seal_open(void **state)
{
	(void)state;
	struct sealed_key *k = make_key("p"), *other = make_key("q");
	static const char doc[] = "{\"format\":\"ladder-export\"}\n";
	unsigned char *file = NULL;
	size_t len = 0;
	struct ladder_error err;
	struct secret *plain = NULL;
	enum sealed_refusal why;
	assert_true(sealed_seal(k->pk, (const unsigned char *)doc, strlen(doc), &file,
		&len, &err));
	assert_true(sealed_is_sealed(file, len));
	/* nothing of the export is readable in the file */
	assert_null(memmem(file, len, "ladder-export", 13));
	assert_true(sealed_open("s", file, len, k, &plain, &why, &err));
	assert_int_equal(why, SEALED_OK);
	assert_int_equal(plain->len, strlen(doc));
	assert_memory_equal(plain->data, doc, strlen(doc));
	assert_int_equal(plain->data[plain->len], '\0');
	secret_destroy(plain);
	/* another facilitator's key says so */
	assert_false(sealed_open("s", file, len, other, &plain, &why, &err));
	assert_int_equal(why, SEALED_OTHER_KEY);
	assert_non_null(strstr(err.msg, "s: sealed for another key"));
	assert_null(plain);
	/* every changed byte is refused as damaged or altered, never taken for
	 * another key */
	for (size_t i = 0; i < len; i++) {
		file[i] ^= 0x01;
		assert_false(sealed_open("s", file, len, k, &plain, &why, &err));
		assert_int_equal(why, SEALED_DAMAGED);
		assert_int_equal(err.status, LADDER_DAMAGED);
		assert_null(plain);
		file[i] ^= 0x01;
	}
	/* cut anywhere, or with a byte more */
	for (size_t n = 0; n < len; n++) {
		assert_false(sealed_open("s", file, n, k, &plain, &why, &err));
		assert_int_equal(why, SEALED_DAMAGED);
	}
	unsigned char *more = malloc(len + 1);
	memcpy(more, file, len);
	more[len] = '\n';
	assert_false(sealed_open("s", more, len + 1, k, &plain, &why, &err));
	assert_non_null(strstr(err.msg, "followed by more bytes"));
	free(more);
	free(file);
	sealed_key_destroy(k);
	sealed_key_destroy(other);
}

static void
test_keygen_write(void **state)
{
	(void)state;
	char dir[] = "/tmp/ladder-sealed-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256], pub[256];
	snprintf(path, sizeof(path), "%s/room.key", dir);
	snprintf(pub, sizeof(pub), "%s/room.key.pub", dir);
	struct secret *p = pass("facilitator");
	unsigned char pk[SEALED_PK_LEN], pk2[SEALED_PK_LEN];
	struct ladder_error err;
	mode_t old = umask(0);
	assert_true(sealed_keygen_write(path, p, KDF_MIN, pk, &err));
	umask(old);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, SEALED_KEYFILE_LEN);
	/* never overwritten */
	assert_false(sealed_keygen_write(path, p, KDF_MIN, pk2, &err));
	assert_non_null(strstr(err.msg, "already exists"));
	struct sealed_key *k = NULL;
	assert_true(sealed_key_load(path, p, &k, &err));
	assert_memory_equal(k->pk, pk, SEALED_PK_LEN);
	sealed_key_destroy(k);
	/* a .pub alone in the way refuses too, and leaves no key file */
	unlink(path);
	assert_false(sealed_keygen_write(path, p, KDF_MIN, pk2, &err));
	assert_int_equal(access(path, F_OK), -1);
	unlink(pub);
	rmdir(dir);
	secret_destroy(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keyfile),
		cmocka_unit_test(test_public_line),
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test(test_keygen_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
