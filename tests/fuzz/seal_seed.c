/* seal_seed IN OUT: writes OUT, a journal file holding the bytes of IN
 * sealed under the fixed key of fuzz_vault_decode.c, as a seed for it. */
#include <stdio.h>
#include <stdlib.h>

#include "ladder/util.h"
#include "ladder/vault.h"

static const unsigned char FUZZ_KEY[VAULT_KEY_LEN] = "ladder fuzz key, tests only....";

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: seal_seed IN OUT\n");
		return 2;
	}
	struct ladder_error err = {0};
	char *text = NULL;
	size_t len = 0;
	unsigned char *image = NULL;
	size_t image_len = 0;
	if (!file_read(argv[1], (size_t)64 << 20, &text, &len, &err) ||
		!vault_seal_with_key(FUZZ_KEY, (const unsigned char *)text, len,
			&image, &image_len, &err)) {
		fprintf(stderr, "seal_seed: %s\n", err.msg);
		return 1;
	}
	FILE *f = fopen(argv[2], "wb");
	if (f == NULL || fwrite(image, 1, image_len, f) != image_len || fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	free(image);
	free(text);
	return 0;
}
