/* The recovery code: 20 random bytes and a 5-byte check in base32,
 * and the key it gives. */
#include "ladder/vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ladder/genstate.h"
#include "ladder/paths.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "vault_impl.h"

const char vlt_base32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static const char code_check_domain[] = "ladder recovery code check v1";
static const char recovery_key_domain[] = "ladder journal recovery key v1";

/* The recovery code has 160 random bits, far beyond guessing, so a fast
 * keyed BLAKE2b suffices to turn it into a key; the salt makes the key
 * differ between journals. */
void
vlt_derive_recovery_key(const unsigned char *random, const unsigned char *salt,
	unsigned char *key)
{
	unsigned char msg[sizeof(recovery_key_domain) - 1 + VAULT_SALT_LEN];
	memcpy(msg, recovery_key_domain, sizeof(recovery_key_domain) - 1);
	memcpy(msg + sizeof(recovery_key_domain) - 1, salt, VAULT_SALT_LEN);
	crypto_generichash(key, VAULT_KEY_LEN, msg, sizeof(msg), random,
		CODE_RANDOM);
}

/* check = BLAKE2b(domain || random)[0..5) */
static void
code_check(const unsigned char *random, unsigned char *check)
{
	crypto_generichash_state st;
	unsigned char sum[crypto_generichash_BYTES_MIN];
	crypto_generichash_init(&st, NULL, 0, sizeof(sum));
	crypto_generichash_update(&st, (const unsigned char *)code_check_domain,
		sizeof(code_check_domain) - 1);
	crypto_generichash_update(&st, random, CODE_RANDOM);
	crypto_generichash_final(&st, sum, sizeof(sum));
	memcpy(check, sum, CODE_CHECK);
	sodium_memzero(sum, sizeof(sum));
	sodium_memzero(&st, sizeof(st));
}

/* bytes: CODE_BYTES in sodium memory (random then check) */
static struct secret *
code_format(const unsigned char *bytes)
{
	struct secret *code = secret_create(VAULT_RECOVERY_CODE_LEN);
	if (code == NULL) {
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < CODE_CHARS; i++) {
		size_t bit = i * 5;
		unsigned v = 0;
		for (size_t b = 0; b < 5; b++) {
			size_t at = bit + b;
			v = (v << 1) | ((bytes[at / 8] >> (7 - at % 8)) & 1u);
		}
		if (i > 0 && i % CODE_GROUP == 0) {
			code->data[o++] = '-';
		}
		code->data[o++] = (unsigned char)vlt_base32[v];
	}
	return code;
}

static int
code_value(unsigned char c)
{
	if (c >= 'a' && c <= 'z') {
		c = (unsigned char)(c - 'a' + 'A');
	}
	if (c == 'O') {
		return 0;
	}
	if (c == 'I' || c == 'L') {
		return 1;
	}
	for (int i = 0; i < 32; i++) {
		if (vlt_base32[i] == c) {
			return i;
		}
	}
	return -1;
}

/* Reads a recovery code as typed into bytes (CODE_BYTES of sodium memory),
 * checking its length, alphabet and check digits. */
bool
vlt_code_parse(const char *name, const struct secret *code, unsigned char *bytes,
	struct ladder_error *err)
{
	sodium_memzero(bytes, CODE_BYTES);
	size_t n = 0;
	for (size_t i = 0; i < code->len; i++) {
		unsigned char c = code->data[i];
		if (c == ' ' || c == '-' || c == '\t') {
			continue;
		}
		int v = code_value(c);
		if (v < 0) {
			return error_set(err, LADDER_BAD_PASSPHRASE, "%s: the "
				"recovery code is mistyped: character %zu cannot be in "
				"a recovery code (they use 0-9 and A-Z without I, L, O, "
				"U); the file is unchanged", name, i + 1);
		}
		if (n < CODE_CHARS) {
			for (size_t b = 0; b < 5; b++) {
				size_t at = n * 5 + b;
				if (((unsigned)v >> (4 - b)) & 1u) {
					bytes[at / 8] |= (unsigned char)(0x80u >> (at % 8));
				}
			}
		}
		n++;
	}
	if (n != CODE_CHARS) {
		return error_set(err, LADDER_BAD_PASSPHRASE, "%s: the recovery "
			"code is mistyped: it has %zu letters and digits, and a code "
			"has %d (8 groups of 5); the file is unchanged", name, n,
			CODE_CHARS);
	}
	unsigned char check[CODE_CHECK];
	code_check(bytes, check);
	bool ok = sodium_memcmp(check, bytes + CODE_RANDOM, CODE_CHECK) == 0;
	sodium_memzero(check, sizeof(check));
	if (!ok) {
		return error_set(err, LADDER_BAD_PASSPHRASE, "%s: the recovery "
			"code is mistyped: its check does not match (a character is "
			"wrong, or two are swapped); compare it group by group; the "
			"file is unchanged", name);
	}
	return true;
}

/* A fresh code: its bytes (sodium memory, CODE_BYTES) and its text. */
struct secret *
vlt_code_create(unsigned char *bytes)
{
	randombytes_buf(bytes, CODE_RANDOM);
	code_check(bytes, bytes + CODE_RANDOM);
	return code_format(bytes);
}
