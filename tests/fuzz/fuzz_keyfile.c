/* The facilitator's key files and public key lines (ladder-sealed(5)): a
 * key file is refused as damaged or parses within the documented caps (and,
 * with the cheapest key derivation, opens with the passphrase "fuzz" or is
 * refused as a wrong passphrase or damaged); a public key line is refused
 * with a message or gives a key whose line is the input without its
 * surrounding blanks. */
#include "fuzz.h"

#include <string.h>

#include <sodium.h>

#include "ladder/sealed.h"

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
fuzz_keyfile(const uint8_t *data, size_t size)
{
	struct ladder_error err = {0};
	struct sealed_keyfile kf;
	if (!sealed_keyfile_parse("fuzz.key", data, size, &kf, &err)) {
		FUZZ_CHECK(err.status == LADDER_DAMAGED && err.msg[0] != '\0');
	} else {
		FUZZ_CHECK(size == SEALED_KEYFILE_LEN && kf.version == 1);
		FUZZ_CHECK(kf.opslimit <= VAULT_OPSLIMIT_MAX && kf.memlimit <= VAULT_MEMLIMIT_MAX);
		if (kf.opslimit == crypto_pwhash_argon2id_OPSLIMIT_MIN &&
			kf.memlimit == crypto_pwhash_argon2id_MEMLIMIT_MIN) {
			struct secret *pass = secret_from_bytes("fuzz", 4);
			struct sealed_key *k = NULL;
			FUZZ_CHECK(pass != NULL);
			if (sealed_key_open("fuzz.key", data, size, pass, &k, &err)) {
				FUZZ_CHECK(memcmp(k->pk, kf.pk, SEALED_PK_LEN) == 0);
			} else {
				FUZZ_CHECK(k == NULL && (err.status == LADDER_BAD_PASSPHRASE ||
					err.status == LADDER_DAMAGED));
			}
			sealed_key_destroy(k);
			secret_destroy(pass);
		}
	}
	unsigned char pk[SEALED_PK_LEN];
	error_clear(&err);
	if (sealed_public_parse("fuzz.pub", (const char *)data, size, pk, &err)) {
		char line[SEALED_PUBLIC_LINE_MAX];
		sealed_public_line(pk, line);
		size_t a = 0, b = size;
		while (a < b && blank((char)data[a])) {
			a++;
		}
		while (b > a && blank((char)data[b - 1])) {
			b--;
		}
		FUZZ_CHECK(b - a == strlen(line) && memcmp(data + a, line, b - a) == 0);
	} else {
		FUZZ_CHECK(err.msg[0] != '\0');
	}
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_keyfile(data, size);
}
#endif
