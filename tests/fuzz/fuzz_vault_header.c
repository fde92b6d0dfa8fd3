/* The journal file's header (ladder-journal(5)), checked before any key is
 * derived: any bytes are refused as damaged or give a header whose fields
 * are within the documented caps and whose payload ends the file. */
#include "fuzz.h"

#include "ladder/vault.h"

int
fuzz_vault_header(const uint8_t *data, size_t size)
{
	struct vault_header h;
	struct ladder_error err = {0};
	if (!vault_header_parse("fuzz.ladder", data, size, &h, &err)) {
		FUZZ_CHECK(err.status == LADDER_DAMAGED && err.msg[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(h.version == VAULT_FORMAT_VERSION);
	FUZZ_CHECK(h.header_len == VAULT_HEADER_LEN && h.flags == 0);
	FUZZ_CHECK(h.opslimit <= VAULT_OPSLIMIT_MAX);
	FUZZ_CHECK(h.memlimit <= VAULT_MEMLIMIT_MAX);
	FUZZ_CHECK(h.payload_len >= VAULT_TAG_LEN);
	FUZZ_CHECK(h.payload_len <= (uint64_t)VAULT_PLAIN_MAX + VAULT_TAG_LEN);
	FUZZ_CHECK(size == VAULT_HEADER_LEN + h.payload_len);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_vault_header(data, size);
}
#endif
