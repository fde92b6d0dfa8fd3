/* Sealing: the payload (checked by decrypting it again) and the key
 * slots, each bound to the header before it. */
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

static void
slot_ad(const unsigned char *header, uint8_t id,
	unsigned char ad[SLOT_AD_LEN])
{
	memcpy(ad, header, OFF_PASSPHRASE_SLOT);
	ad[OFF_PASSPHRASE_SLOT] = id;
}

void
vlt_slot_seal(struct vault_slot *slot, const unsigned char *header, uint8_t id,
	const unsigned char *data_key, const unsigned char *slot_key)
{
	unsigned char ad[SLOT_AD_LEN];
	slot_ad(header, id, ad);
	randombytes_buf(slot->nonce, VAULT_NONCE_LEN);
	crypto_aead_xchacha20poly1305_ietf_encrypt(slot->wrapped, NULL,
		data_key, VAULT_KEY_LEN, ad, sizeof(ad), NULL, slot->nonce,
		slot_key);
}

bool
vlt_slot_open(const struct vault_slot *slot, const unsigned char *header,
	uint8_t id, const unsigned char *slot_key, unsigned char *data_key)
{
	unsigned char ad[SLOT_AD_LEN];
	slot_ad(header, id, ad);
	return crypto_aead_xchacha20poly1305_ietf_decrypt(data_key, NULL, NULL,
		slot->wrapped, VAULT_WRAPPED_LEN, ad, sizeof(ad), slot->nonce,
		slot_key) == 0;
}

/* Fills the payload fields of h, and returns the whole file: the header
 * and plain sealed with key under a fresh nonce, checked by decrypting it
 * again (a fault in memory must not reach the disk). */
static bool
seal_image(const char *name, struct vault_header *h, const unsigned char *key,
	const unsigned char *plain, size_t plain_len, unsigned char **image,
	size_t *image_len, struct ladder_error *err)
{
	static const unsigned char empty[1];
	*image = NULL;
	if (plain_len > VAULT_PLAIN_MAX) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the journal "
			"would be %zu bytes, more than the %zu MiB a journal may "
			"hold", name, plain_len, VAULT_PLAIN_MAX >> 20);
	}
	if (plain == NULL) {
		plain = empty;
	}
	randombytes_buf(h->payload_nonce, VAULT_NONCE_LEN);
	h->payload_len = (uint64_t)plain_len + VAULT_TAG_LEN;
	size_t total = VAULT_HEADER_LEN + plain_len + VAULT_TAG_LEN;
	unsigned char *img = malloc(total);
	unsigned char *check = sodium_malloc(plain_len + 1);
	if (img == NULL || check == NULL) {
		free(img);
		sodium_free(check);
		return vlt_oom(err, name);
	}
	vlt_header_encode(h, img);
	unsigned long long clen = 0, mlen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(img + VAULT_HEADER_LEN,
		&clen, plain, plain_len, img, VAULT_HEADER_LEN, NULL,
		h->payload_nonce, key);
	bool same = clen == h->payload_len &&
		crypto_aead_xchacha20poly1305_ietf_decrypt(check, &mlen, NULL,
			img + VAULT_HEADER_LEN, clen, img, VAULT_HEADER_LEN,
			h->payload_nonce, key) == 0 &&
		mlen == plain_len &&
		/* not sodium_memcmp: both sides are ours, so the time the
		 * comparison takes tells nobody anything, and over a whole
		 * journal the constant-time loop costs more than the cipher */
		(plain_len == 0 || memcmp(check, plain, plain_len) == 0);
	sodium_free(check);
	if (!same) {
		free(img);
		return error_set(err, LADDER_FAIL, "%s: not saved: the sealed "
			"journal did not decrypt back to what was being saved (a "
			"memory fault?); the file on disk is unchanged", name);
	}
	*image = img;
	*image_len = total;
	return true;
}

static bool
decrypt_payload(const char *name, const unsigned char *buf,
	const struct vault_header *h, const unsigned char *key,
	struct secret **plain, struct ladder_error *err)
{
	size_t plain_len = (size_t)h->payload_len - VAULT_TAG_LEN;
	struct secret *s = secret_alloc(plain_len); /* written whole below */
	if (s == NULL) {
		return vlt_oom(err, name);
	}
	unsigned long long mlen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(s->data, &mlen, NULL,
		buf + VAULT_HEADER_LEN, h->payload_len, buf, VAULT_HEADER_LEN,
		h->payload_nonce, key) != 0 || mlen != plain_len) {
		secret_destroy(s);
		char hint[600];
		return error_set(err, LADDER_DAMAGED, "%s: damaged or tampered: "
			"the contents do not match their authentication tag (the "
			"key was right); the file was left as it is%s", name,
			vlt_backup_hint(name, " (the previous generation is kept in ",
				")", hint, sizeof(hint)));
	}
	if (h->flags & VAULT_FLAG_GENERATION) {
		/* the generation and the journal's id come first */
		memmove(s->data, s->data + VAULT_GEN_PREFIX, plain_len - VAULT_GEN_PREFIX);
		s->len = plain_len - VAULT_GEN_PREFIX;
		s->data[s->len] = '\0';
	}
	*plain = s;
	return true;
}

/* seal_image of the generation, the journal's id and then plain (format
 * flag VAULT_FLAG_GENERATION): all of it authenticated, so an older copy
 * cannot pass for a newer one. */
bool
vlt_seal_gen(const char *name, struct vault_header *h, const unsigned char *key,
	uint64_t generation, const unsigned char *jid, const unsigned char *plain,
	size_t plain_len, unsigned char **image, size_t *image_len,
	struct ladder_error *err)
{
	*image = NULL;
	if (!(h->flags & VAULT_FLAG_GENERATION)) {
		/* a journal from before generations keeps its format until
		 * its next passphrase change: its key slots were sealed with
		 * the flags it has */
		return seal_image(name, h, key, plain, plain_len, image,
			image_len, err);
	}
	if (plain_len > VAULT_PLAIN_MAX - VAULT_GEN_PREFIX) {
		return seal_image(name, h, key, NULL, VAULT_PLAIN_MAX + 1, image,
			image_len, err); /* the message of a journal too large */
	}
	struct secret *all = secret_alloc(VAULT_GEN_PREFIX + plain_len);
	if (all == NULL) {
		return vlt_oom(err, name);
	}
	vlt_put64(all->data, generation);
	memcpy(all->data + 8, jid, GENSTATE_ID_LEN);
	if (plain_len > 0) {
		memcpy(all->data + VAULT_GEN_PREFIX, plain, plain_len);
	}
	bool ok = seal_image(name, h, key, all->data, all->len, image, image_len, err);
	secret_destroy(all);
	return ok;
}

/* The payload of image (the whole file, in secret memory) decrypted where
 * it is: image becomes the plaintext. The header before it is the
 * associated data and is not written over. */
bool
vlt_decrypt_in_place(const char *name, struct secret *image,
	const struct vault_header *h, const unsigned char *key,
	uint64_t *generation, unsigned char *jid, struct ladder_error *err)
{
	size_t plain_len = (size_t)h->payload_len - VAULT_TAG_LEN;
	unsigned char *payload = image->data + VAULT_HEADER_LEN;
	unsigned long long mlen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(payload, &mlen, NULL,
		payload, h->payload_len, image->data, VAULT_HEADER_LEN,
		h->payload_nonce, key) != 0 || mlen != plain_len) {
		char hint[600];
		return error_set(err, LADDER_DAMAGED, "%s: damaged or tampered: "
			"the contents do not match their authentication tag (the "
			"key was right); the file was left as it is%s", name,
			vlt_backup_hint(name, " (the previous generation is kept in ",
				")", hint, sizeof(hint)));
	}
	*generation = 0;
	memset(jid, 0, GENSTATE_ID_LEN);
	if (h->flags & VAULT_FLAG_GENERATION) {
		*generation = vlt_get64(payload);
		memcpy(jid, payload + 8, GENSTATE_ID_LEN);
		payload += VAULT_GEN_PREFIX;
		plain_len -= VAULT_GEN_PREFIX;
	}
	image->base = image->data;
	image->data = payload;
	image->len = plain_len;
	image->data[plain_len] = '\0';
	return true;
}

bool
vault_decode(const char *name, const unsigned char *buf, size_t len,
	const unsigned char key[VAULT_KEY_LEN], struct secret **plain,
	struct ladder_error *err)
{
	*plain = NULL;
	if (sodium_init() < 0) {
		return error_set(err, LADDER_FAIL, "libsodium cannot start");
	}
	struct vault_header h;
	if (!vault_header_parse(name, buf, len, &h, err)) {
		return false;
	}
	return decrypt_payload(name, buf, &h, key, plain, err);
}

bool
vault_seal_with_key(const unsigned char key[VAULT_KEY_LEN],
	const unsigned char *plain, size_t plain_len, unsigned char **image,
	size_t *image_len, struct ladder_error *err)
{
	*image = NULL;
	*image_len = 0;
	if (!vlt_start(err)) {
		return false;
	}
	struct vault_header h = {0};
	h.version = VAULT_FORMAT_VERSION;
	h.header_len = VAULT_HEADER_LEN;
	h.kdf_id = VAULT_KDF_ARGON2ID;
	h.aead_id = VAULT_AEAD_XCHACHA20POLY1305;
	kdf_level_params(KDF_MIN, &h.opslimit, &h.memlimit);
	randombytes_buf(h.salt, sizeof(h.salt));
	randombytes_buf(&h.passphrase_slot, sizeof(h.passphrase_slot));
	randombytes_buf(&h.recovery_slot, sizeof(h.recovery_slot));
	return seal_image("journal", &h, key, plain, plain_len, image,
		image_len, err);
}

