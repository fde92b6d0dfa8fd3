/* The fixed key pair the sealed-export fuzz targets open with (seeds are
 * sealed for it by seal_seed --sealed). Tests only. */
#include "fuzz.h"

#include <sodium.h>

#include "ladder/sealed.h"

/* 32 bytes: the seed of the key pair */
static const unsigned char FUZZ_SEED[32] = "ladder sealed fuzz key, tests..";

struct sealed_key *
fuzz_sealed_key(void)
{
	static struct sealed_key *k;
	if (k == NULL) {
		FUZZ_CHECK(sodium_init() >= 0);
		k = calloc(1, sizeof(*k));
		FUZZ_CHECK(k != NULL && (k->sk = secret_create(SEALED_SK_LEN)) != NULL);
		FUZZ_CHECK(crypto_box_seed_keypair(k->pk, k->sk->data, FUZZ_SEED) == 0);
		sealed_key_id(k->pk, k->id);
	}
	return k;
}
