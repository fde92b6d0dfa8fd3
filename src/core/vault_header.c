/* The vault header, byte for byte (ladder-journal(5)), and the messages
 * of a file that is not a journal. */
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

static uint16_t
get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint64_t
vlt_get64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

static void
put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

void
vlt_put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
	}
}

bool
vlt_oom(struct ladder_error *err, const char *name)
{
	return error_set(err, LADDER_FAIL, "%s: out of memory", name);
}

/* Where to look next: the backup, named, when there is one (and the file
 * is not the backup already); else nothing. */
const char *
vlt_backup_hint(const char *name, const char *lead, const char *tail, char *buf,
	size_t size)
{
	size_t n = strlen(name);
	buf[0] = '\0';
	if (n >= 4 && strcmp(name + n - 4, ".bak") == 0) {
		return buf;
	}
	/* next to the file a link points to, as the vault keeps it */
	char *real = realpath(name, NULL);
	char *bak = str_printf("%s.bak", real != NULL ? real : name);
	struct stat st;
	if (bak != NULL && stat(bak, &st) == 0 && S_ISREG(st.st_mode)) {
		snprintf(buf, size, "%s%s.bak%s", lead, name, tail);
	}
	free(bak);
	free(real);
	return buf;
}

bool
vlt_damaged(struct ladder_error *err, const char *name, const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	char hint[600];
	return error_set(err, LADDER_DAMAGED,
		"%s: damaged or not a ladder journal: %s; the file was left as "
		"it is%s", name, detail, vlt_backup_hint(name,
			" (the previous generation is kept in ", ")", hint, sizeof(hint)));
}

void
vlt_header_encode(struct vault_header *h, unsigned char out[VAULT_HEADER_LEN])
{
	memcpy(out, VAULT_MAGIC, VAULT_MAGIC_LEN);
	put16(out + OFF_VERSION, h->version);
	put16(out + OFF_HEADER_LEN, h->header_len);
	out[OFF_KDF] = h->kdf_id;
	out[OFF_AEAD] = h->aead_id;
	put16(out + OFF_FLAGS, h->flags);
	vlt_put64(out + OFF_OPSLIMIT, h->opslimit);
	vlt_put64(out + OFF_MEMLIMIT, h->memlimit);
	memcpy(out + OFF_SALT, h->salt, VAULT_SALT_LEN);
	memcpy(out + OFF_PASSPHRASE_SLOT, h->passphrase_slot.nonce,
		VAULT_NONCE_LEN);
	memcpy(out + OFF_PASSPHRASE_SLOT + VAULT_NONCE_LEN,
		h->passphrase_slot.wrapped, VAULT_WRAPPED_LEN);
	memcpy(out + OFF_RECOVERY_SLOT, h->recovery_slot.nonce,
		VAULT_NONCE_LEN);
	memcpy(out + OFF_RECOVERY_SLOT + VAULT_NONCE_LEN,
		h->recovery_slot.wrapped, VAULT_WRAPPED_LEN);
	memcpy(out + OFF_PAYLOAD_NONCE, h->payload_nonce, VAULT_NONCE_LEN);
	vlt_put64(out + OFF_PAYLOAD_LEN, h->payload_len);
	crypto_generichash(h->hash, VAULT_HASH_LEN, out, OFF_HASH, NULL, 0);
	memcpy(out + OFF_HASH, h->hash, VAULT_HASH_LEN);
}

static bool
magic_error(const char *name, const unsigned char *buf, size_t len,
	struct ladder_error *err)
{
	if (len == 0) {
		return vlt_damaged(err, name, "the file is empty");
	}
	size_t n = len < VAULT_MAGIC_LEN ? len : VAULT_MAGIC_LEN;
	if (memcmp(buf, VAULT_MAGIC, n) == 0) {
		return vlt_damaged(err, name, "it is truncated (%zu bytes)", len);
	}
	if (len >= 4 && memcmp(buf, VAULT_MAGIC, 4) == 0) {
		return vlt_damaged(err, name, "its signature has altered line "
			"endings, as a text-mode transfer does; copy the original "
			"again in binary mode");
	}
	return vlt_damaged(err, name, "it does not begin with the signature of "
		"a ladder journal");
}

bool
vault_header_parse(const char *name, const unsigned char *buf, size_t len,
	struct vault_header *h, struct ladder_error *err)
{
	memset(h, 0, sizeof(*h));
	if (len < VAULT_MAGIC_LEN || memcmp(buf, VAULT_MAGIC,
		VAULT_MAGIC_LEN) != 0) {
		return magic_error(name, buf, len, err);
	}
	if (len < OFF_KDF) {
		return vlt_damaged(err, name, "it is truncated (%zu bytes)", len);
	}
	h->version = get16(buf + OFF_VERSION);
	if (h->version != VAULT_FORMAT_VERSION) {
		return vlt_damaged(err, name, "unknown format version %u (this "
			"ladder reads version %d; the file may come from a newer "
			"ladder)", (unsigned)h->version, VAULT_FORMAT_VERSION);
	}
	h->header_len = get16(buf + OFF_HEADER_LEN);
	if (h->header_len != VAULT_HEADER_LEN) {
		return vlt_damaged(err, name, "wrong header length %u (version 1 "
			"has %d)", (unsigned)h->header_len, VAULT_HEADER_LEN);
	}
	if (len < VAULT_HEADER_LEN) {
		return vlt_damaged(err, name, "it is truncated (%zu bytes, shorter "
			"than its %d-byte header)", len, VAULT_HEADER_LEN);
	}
	unsigned char sum[VAULT_HASH_LEN];
	crypto_generichash(sum, sizeof(sum), buf, OFF_HASH, NULL, 0);
	if (memcmp(sum, buf + OFF_HASH, VAULT_HASH_LEN) != 0) {
		return vlt_damaged(err, name, "the header checksum does not match "
			"(the file was altered or corrupted; the passphrase was "
			"not tried)");
	}
	h->kdf_id = buf[OFF_KDF];
	h->aead_id = buf[OFF_AEAD];
	h->flags = get16(buf + OFF_FLAGS);
	h->opslimit = vlt_get64(buf + OFF_OPSLIMIT);
	h->memlimit = vlt_get64(buf + OFF_MEMLIMIT);
	memcpy(h->salt, buf + OFF_SALT, VAULT_SALT_LEN);
	memcpy(h->passphrase_slot.nonce, buf + OFF_PASSPHRASE_SLOT,
		VAULT_NONCE_LEN);
	memcpy(h->passphrase_slot.wrapped,
		buf + OFF_PASSPHRASE_SLOT + VAULT_NONCE_LEN, VAULT_WRAPPED_LEN);
	memcpy(h->recovery_slot.nonce, buf + OFF_RECOVERY_SLOT,
		VAULT_NONCE_LEN);
	memcpy(h->recovery_slot.wrapped,
		buf + OFF_RECOVERY_SLOT + VAULT_NONCE_LEN, VAULT_WRAPPED_LEN);
	memcpy(h->payload_nonce, buf + OFF_PAYLOAD_NONCE, VAULT_NONCE_LEN);
	h->payload_len = vlt_get64(buf + OFF_PAYLOAD_LEN);
	memcpy(h->hash, buf + OFF_HASH, VAULT_HASH_LEN);

	if ((h->flags & ~VAULT_FLAG_GENERATION) != 0) {
		return vlt_damaged(err, name, "unknown flags 0x%04x",
			(unsigned)h->flags);
	}
	if ((h->flags & VAULT_FLAG_GENERATION) &&
		h->payload_len < VAULT_TAG_LEN + VAULT_GEN_PREFIX) {
		return vlt_damaged(err, name, "the content is too short to hold its "
			"generation");
	}
	if (h->kdf_id != VAULT_KDF_ARGON2ID) {
		return vlt_damaged(err, name, "unknown key derivation %u",
			(unsigned)h->kdf_id);
	}
	if (h->aead_id != VAULT_AEAD_XCHACHA20POLY1305) {
		return vlt_damaged(err, name, "unknown cipher %u",
			(unsigned)h->aead_id);
	}
	if (h->opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
		h->opslimit > VAULT_OPSLIMIT_MAX) {
		return vlt_damaged(err, name, "key derivation passes %llu outside "
			"%llu..%d", (unsigned long long)h->opslimit,
			(unsigned long long)crypto_pwhash_argon2id_OPSLIMIT_MIN,
			VAULT_OPSLIMIT_MAX);
	}
	if (h->memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
		h->memlimit > VAULT_MEMLIMIT_MAX) {
		return vlt_damaged(err, name, "key derivation memory %llu bytes "
			"outside %llu bytes..1 GiB", (unsigned long long)h->memlimit,
			(unsigned long long)crypto_pwhash_argon2id_MEMLIMIT_MIN);
	}
	if (h->payload_len < VAULT_TAG_LEN ||
		h->payload_len > (uint64_t)VAULT_PLAIN_MAX + VAULT_TAG_LEN) {
		return vlt_damaged(err, name, "content length %llu out of range",
			(unsigned long long)h->payload_len);
	}
	size_t want = VAULT_HEADER_LEN + (size_t)h->payload_len;
	if (len < want) {
		return vlt_damaged(err, name, "it is truncated (%zu bytes missing "
			"at the end)", want - len);
	}
	if (len > want) {
		return vlt_damaged(err, name, "%zu unexpected bytes after the end",
			len - want);
	}
	return true;
}
