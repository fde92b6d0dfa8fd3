/* The vault's own XChaCha20-Poly1305 over a message in two pieces gives
 * byte for byte what libsodium's one-shot function gives for the pieces
 * put together, for lengths around the cipher's 64-byte blocks and the
 * Poly1305 padding and the stage it is put together in, in two pieces and
 * in many, and for a journal-sized message; and a journal it
 * seals opens (the generation's prefix is where the reader looks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "../../src/core/vault_impl.h"

static void
check_lengths(size_t n1, size_t n2)
{
	unsigned char key[VAULT_KEY_LEN], npub[VAULT_NONCE_LEN], ad[VAULT_HEADER_LEN];
	randombytes_buf(key, sizeof(key));
	randombytes_buf(npub, sizeof(npub));
	randombytes_buf(ad, sizeof(ad));
	unsigned char *m = malloc(n1 + n2 + 1);
	unsigned char *want = malloc(n1 + n2 + VAULT_TAG_LEN);
	unsigned char *got = malloc(n1 + n2 + VAULT_TAG_LEN);
	assert_non_null(m);
	assert_non_null(want);
	assert_non_null(got);
	randombytes_buf(m, n1 + n2 + 1);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(want, &clen, m, n1 + n2, ad,
		sizeof(ad), NULL, npub, key);
	assert_int_equal(clen, n1 + n2 + VAULT_TAG_LEN);
	/* as two pieces, and as pieces of a byte (the last ones) */
	struct piece two[] = {{m, n1}, {m + n1, n2}};
	assert_true(vlt_seal_pieces(got, ad, sizeof(ad), two, 2, npub, key));
	if (memcmp(got, want, clen) != 0) {
		fail_msg("pieces of %zu and %zu bytes seal otherwise than libsodium", n1, n2);
	}
	size_t n_small = n2 < 200 ? n2 : 200;
	struct piece *many = malloc((n_small + 2) * sizeof(*many));
	assert_non_null(many);
	many[0] = (struct piece){m, n1};
	many[1] = (struct piece){m + n1, n2 - n_small};
	for (size_t i = 0; i < n_small; i++) {
		many[2 + i] = (struct piece){m + n1 + n2 - n_small + i, 1};
	}
	memset(got, 0, clen);
	assert_true(vlt_seal_pieces(got, ad, sizeof(ad), many, n_small + 2, npub, key));
	free(many);
	if (memcmp(got, want, clen) != 0) {
		fail_msg("pieces of %zu and %zu bytes seal otherwise than libsodium", n1, n2);
	}
	free(got);
	free(want);
	free(m);
}

static void
test_pieces_match_libsodium(void **state)
{
	(void)state;
	assert_true(sodium_init() >= 0);
	static const size_t firsts[] = {0, 1, 15, 16, 24, 63, 64, 65, 100, 128, 129};
	for (size_t i = 0; i < sizeof(firsts) / sizeof(firsts[0]); i++) {
		for (size_t n2 = 0; n2 < 300; n2++) {
			check_lengths(firsts[i], n2);
		}
	}
	check_lengths(VAULT_GEN_PREFIX, 3 * 1000 * 1000 + 7);
	check_lengths(0, 1 << 20);
}

/* A sealed journal (with the generation's prefix) opens to what was
 * sealed, and one changed byte anywhere in it is refused. */
static void
test_seal_opens(void **state)
{
	(void)state;
	unsigned char key[VAULT_KEY_LEN];
	randombytes_buf(key, sizeof(key));
	static const char text[] = "{\"format\":\"ladder-journal\"}";
	struct vault_header h = {0};
	h.version = VAULT_FORMAT_VERSION;
	h.header_len = VAULT_HEADER_LEN;
	h.kdf_id = VAULT_KDF_ARGON2ID;
	h.aead_id = VAULT_AEAD_XCHACHA20POLY1305;
	h.flags = VAULT_FLAG_GENERATION;
	kdf_level_params(KDF_MIN, &h.opslimit, &h.memlimit);
	unsigned char jid[GENSTATE_ID_LEN];
	randombytes_buf(jid, sizeof(jid));
	unsigned char *image = NULL;
	size_t len = 0;
	struct ladder_error err = {0};
	struct piece whole = {text, strlen(text)};
	assert_true(vlt_seal_gen("t", &h, key, 7, jid, &whole, 1, &image, &len, &err));
	struct secret *plain = NULL;
	assert_true(vault_decode("t", image, len, key, &plain, &err));
	assert_int_equal(plain->len, strlen(text));
	assert_memory_equal(plain->data, text, strlen(text));
	secret_destroy(plain);
	for (size_t at = VAULT_HEADER_LEN; at < len; at += 7) {
		image[at] ^= 1;
		assert_false(vault_decode("t", image, len, key, &plain, &err));
		image[at] ^= 1;
	}
	free(image);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces_match_libsodium),
		cmocka_unit_test(test_seal_opens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
