/* seal_seed IN OUT: writes OUT, a journal file holding the bytes of IN
 * sealed under the fixed key of fuzz_vault_decode.c, as a seed for it.
 * seal_seed --sealed IN OUT: OUT a sealed export (ladder-sealed(5)) of IN
 * for the fixed key pair of fuzz_key.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/sealed.h"
#include "ladder/util.h"
#include "ladder/vault.h"

static const unsigned char FUZZ_KEY[VAULT_KEY_LEN] = "ladder fuzz key, tests only....";
static const unsigned char FUZZ_SEED[32] = "ladder sealed fuzz key, tests..";

int
main(int argc, char **argv)
{
	bool sealed = argc == 4 && strcmp(argv[1], "--sealed") == 0;
	if (argc != 3 && !sealed) {
		fprintf(stderr, "usage: seal_seed [--sealed] IN OUT\n");
		return 2;
	}
	const char *in = argv[argc - 2], *out = argv[argc - 1];
	struct ladder_error err = {0};
	char *text = NULL;
	size_t len = 0;
	unsigned char *image = NULL;
	size_t image_len = 0;
	unsigned char pk[SEALED_PK_LEN], sk[SEALED_SK_LEN];
	if (sodium_init() < 0 || crypto_box_seed_keypair(pk, sk, FUZZ_SEED) != 0) {
		fprintf(stderr, "seal_seed: libsodium did not start\n");
		return 1;
	}
	if (!file_read(in, (size_t)64 << 20, &text, &len, &err) ||
		!(sealed ? sealed_seal(pk, (const unsigned char *)text, len, &image,
			&image_len, &err) :
		vault_seal_with_key(FUZZ_KEY, (const unsigned char *)text, len,
			&image, &image_len, &err))) {
		fprintf(stderr, "seal_seed: %s\n", err.msg);
		return 1;
	}
	FILE *f = fopen(out, "wb");
	if (f == NULL || fwrite(image, 1, image_len, f) != image_len || fclose(f) != 0) {
		perror(out);
		return 1;
	}
	free(image);
	free(text);
	return 0;
}
