/* Sealed exports (ladder-sealed(5)) opened with a fixed test key pair: any
 * bytes are refused as damaged, altered or sealed for another key, or open
 * to a plaintext no larger than the cap. An input that begins with the
 * sealed export's magic is a whole file (the seeds were sealed under the
 * fixed key by seal_seed --sealed); any other input is a plaintext that is
 * sealed first, which must open to the same bytes. */
#include "fuzz.h"

#include <string.h>

#include "ladder/sealed.h"

int
fuzz_sealed(const uint8_t *data, size_t size)
{
	const struct sealed_key *k = fuzz_sealed_key();
	struct ladder_error err = {0};
	struct secret *plain = NULL;
	enum sealed_refusal why;
	struct sealed_header h;
	bool header = sealed_header_parse("fuzz.sealed", data, size, &h, &err);
	if (!header) {
		FUZZ_CHECK(err.status == LADDER_DAMAGED && err.msg[0] != '\0');
	} else {
		FUZZ_CHECK(h.version == 1 && size == SEALED_HEADER_LEN + h.length);
	}
	if (sealed_is_sealed(data, size)) {
		if (sealed_open("fuzz.sealed", data, size, k, &plain, &why, &err)) {
			FUZZ_CHECK(header && why == SEALED_OK && plain->len <= SEALED_PLAIN_MAX);
			FUZZ_CHECK(plain->data[plain->len] == '\0');
		} else {
			FUZZ_CHECK(plain == NULL && why != SEALED_OK && err.msg[0] != '\0');
			FUZZ_CHECK(why == SEALED_DAMAGED || header);
		}
		secret_destroy(plain);
		return 0;
	}
	unsigned char *box = NULL;
	size_t box_len = 0;
	if (!sealed_seal(k->pk, data, size, &box, &box_len, &err)) {
		FUZZ_CHECK(size > SEALED_PLAIN_MAX);
		return 0;
	}
	FUZZ_CHECK(sealed_open("fuzz.sealed", box, box_len, k, &plain, &why, &err));
	FUZZ_CHECK(plain->len == size && memcmp(plain->data, data, size) == 0);
	secret_destroy(plain);
	free(box);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_sealed(data, size);
}
#endif
