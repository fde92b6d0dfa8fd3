/* A whole journal decode with a fixed test key: the file is checked,
 * decrypted and its plaintext parsed into a journal, which must serialise
 * and parse again.
 *
 * An input that begins with the journal's signature is a whole file (the
 * seeds were sealed under FUZZ_KEY by vault_seal_with_key); mutations of
 * it exercise the header checks and the authentication. Any other input is
 * a plaintext: it is sealed under FUZZ_KEY first and then decoded, so the
 * fuzzer reaches the plaintext parser through the real decode path. */
#include "fuzz.h"

#include <string.h>

#include "ladder/journal.h"
#include "ladder/vault.h"

/* 32 bytes: "ladder fuzz key, tests only....." */
static const unsigned char FUZZ_KEY[VAULT_KEY_LEN] = "ladder fuzz key, tests only....";

static void
parse_plain(const struct secret *plain)
{
	struct ladder_error err = {0};
	struct journal *j = journal_parse("fuzz.ladder", plain->data, plain->len, &err);
	if (j == NULL) {
		FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
		return;
	}
	struct secret *again = journal_serialize(j, &err);
	FUZZ_CHECK(again != NULL);
	struct journal *k = journal_parse("again", again->data, again->len, &err);
	if (k == NULL) {
		fprintf(stderr, "a parsed journal does not parse again: %s\n", err.msg);
		abort();
	}
	FUZZ_CHECK(k->n_sessions == j->n_sessions && k->n_notes == j->n_notes &&
		k->n_unfinished == j->n_unfinished);
	struct secret *third = journal_serialize(k, &err);
	FUZZ_CHECK(third != NULL && third->len == again->len &&
		memcmp(third->data, again->data, again->len) == 0);
	secret_destroy(third);
	journal_destroy(k);
	secret_destroy(again);
	journal_destroy(j);
}

int
fuzz_vault_decode(const uint8_t *data, size_t size)
{
	struct ladder_error err = {0};
	struct secret *plain = NULL;
	unsigned char *image = NULL;
	size_t image_len = 0;
	const unsigned char *file = data;
	size_t file_len = size;
	bool sealed_here = size < VAULT_MAGIC_LEN ||
		memcmp(data, VAULT_MAGIC, VAULT_MAGIC_LEN) != 0;
	if (sealed_here) {
		FUZZ_CHECK(vault_seal_with_key(FUZZ_KEY, data, size, &image, &image_len, &err));
		file = image;
		file_len = image_len;
	}
	if (!vault_decode("fuzz.ladder", file, file_len, FUZZ_KEY, &plain, &err)) {
		FUZZ_CHECK(!sealed_here);
		FUZZ_CHECK(err.status == LADDER_DAMAGED && plain == NULL);
		free(image);
		return 0;
	}
	if (sealed_here) {
		FUZZ_CHECK(plain->len == size && memcmp(plain->data, data, size) == 0);
	}
	parse_plain(plain);
	secret_destroy(plain);
	free(image);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_vault_decode(data, size);
}
#endif
