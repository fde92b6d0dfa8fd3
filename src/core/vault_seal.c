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

/* XChaCha20-Poly1305 (IETF) as crypto_aead_xchacha20poly1305_ietf_encrypt
 * computes it (the test suite checks they agree byte for byte), over a
 * message given in two pieces: the generation's prefix and the plaintext
 * are sealed where they are, not copied together first. */
struct aead {
	unsigned char key[crypto_stream_chacha20_ietf_KEYBYTES];
	unsigned char nonce[crypto_stream_chacha20_ietf_NONCEBYTES];
	unsigned char block0[64]; /* the one-time Poly1305 key, and more */
};

static void
aead_start(struct aead *a, const unsigned char *npub, const unsigned char *key)
{
	crypto_core_hchacha20(a->key, npub, key, NULL);
	memset(a->nonce, 0, 4);
	memcpy(a->nonce + 4, npub + crypto_core_hchacha20_INPUTBYTES, 8);
	crypto_stream_chacha20_ietf(a->block0, sizeof(a->block0), a->nonce, a->key);
}

/* dst = src XOR the keystream from byte at of the message on. */
static void
aead_xor(const struct aead *a, unsigned char *dst, const unsigned char *src,
	size_t len, uint64_t at)
{
	if (at % 64 != 0 && len > 0) {
		unsigned char ks[64] = {0};
		size_t skip = (size_t)(at % 64), n = 64 - skip < len ? 64 - skip : len;
		crypto_stream_chacha20_ietf_xor_ic(ks, ks, sizeof(ks), a->nonce,
			(uint32_t)(1 + at / 64), a->key);
		for (size_t i = 0; i < n; i++) {
			dst[i] = src[i] ^ ks[skip + i];
		}
		sodium_memzero(ks, sizeof(ks));
		dst += n;
		src += n;
		len -= n;
		at += n;
	}
	if (len > 0) {
		crypto_stream_chacha20_ietf_xor_ic(dst, src, len, a->nonce,
			(uint32_t)(1 + at / 64), a->key);
	}
}

/* The tag of a ciphertext under associated data ad, the ciphertext given
 * in parts as it is made (mac_part), then its whole length. */
static void
mac_start(const struct aead *a, crypto_onetimeauth_poly1305_state *st,
	const unsigned char *ad, size_t ad_len)
{
	static const unsigned char pad[16];
	crypto_onetimeauth_poly1305_init(st, a->block0);
	crypto_onetimeauth_poly1305_update(st, ad, ad_len);
	crypto_onetimeauth_poly1305_update(st, pad, (0x10 - ad_len) & 0xf);
}

static void
mac_finish(crypto_onetimeauth_poly1305_state *st, size_t ad_len, size_t len,
	unsigned char tag[VAULT_TAG_LEN])
{
	static const unsigned char pad[16];
	unsigned char lens[16];
	crypto_onetimeauth_poly1305_update(st, pad, (0x10 - len) & 0xf);
	vlt_put64(lens, (uint64_t)ad_len);
	vlt_put64(lens + 8, (uint64_t)len);
	crypto_onetimeauth_poly1305_update(st, lens, sizeof(lens));
	crypto_onetimeauth_poly1305_final(st, tag);
	sodium_memzero(st, sizeof(*st));
}

static void
aead_tag(const struct aead *a, const unsigned char *ad, size_t ad_len,
	const unsigned char *c, size_t len, unsigned char tag[VAULT_TAG_LEN])
{
	crypto_onetimeauth_poly1305_state st;
	mac_start(a, &st, ad, ad_len);
	crypto_onetimeauth_poly1305_update(&st, c, len);
	mac_finish(&st, ad_len, len, tag);
}

static void
aead_finish(struct aead *a)
{
	sodium_memzero(a, sizeof(*a));
}

/* Plaintext is put together a stage at a time, in secret memory, so that
 * the cipher runs over whole blocks. */
enum { STAGE = 1 << 16 };

/* Copies bytes [from, from + len) of the text that pieces make into out. */
static void
pieces_copy(const struct piece *p, size_t n, size_t from, size_t len,
	unsigned char *out)
{
	size_t i = 0;
	while (i < n && from >= p[i].len) {
		from -= p[i].len;
		i++;
	}
	for (; i < n && len > 0; i++, from = 0) {
		size_t k = p[i].len - from < len ? p[i].len - from : len;
		memcpy(out, (const unsigned char *)p[i].data + from, k);
		out += k;
		len -= k;
	}
}

bool
vlt_seal_pieces(unsigned char *out, const unsigned char *ad, size_t ad_len,
	const struct piece *p, size_t n, const unsigned char *npub,
	const unsigned char *key)
{
	unsigned char *stage = sodium_malloc(STAGE);
	if (stage == NULL) {
		return false;
	}
	struct aead a;
	crypto_onetimeauth_poly1305_state st;
	aead_start(&a, npub, key);
	mac_start(&a, &st, ad, ad_len);
	/* each stage is encrypted and authenticated while it is in cache */
	size_t at = 0, filled = 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *d = p[i].data;
		size_t left = p[i].len;
		while (left > 0) {
			size_t k = STAGE - filled < left ? STAGE - filled : left;
			memcpy(stage + filled, d, k);
			filled += k;
			d += k;
			left -= k;
			if (filled == STAGE) {
				aead_xor(&a, out + at, stage, filled, at);
				crypto_onetimeauth_poly1305_update(&st, out + at, filled);
				at += filled;
				filled = 0;
			}
		}
	}
	aead_xor(&a, out + at, stage, filled, at);
	crypto_onetimeauth_poly1305_update(&st, out + at, filled);
	at += filled;
	mac_finish(&st, ad_len, at, out + at);
	aead_finish(&a);
	sodium_free(stage); /* wipes */
	return true;
}

/* Fills the payload fields of h, and returns the whole file: the header
 * and the payload (the n pieces, the first of them the generation's
 * prefix when there is one) sealed with key under a fresh nonce. *image
 * may hold a buffer to write it into, with room for *image_len bytes (NULL:
 * none); it is freed when too small.
 *
 * A fault in memory must not reach the disk: the seal is checked before
 * it is written, without decrypting it all again. The tag is computed a
 * second time over the image as it now is, header and ciphertext (what a
 * fault in the image's memory since sealing would change); and the
 * payload's first and last 64 KiB are decrypted again and compared with
 * what was sealed (a cipher that went wrong is wrong throughout, and the
 * ends are where the pieces and the tag meet). */
static bool
seal_image(const char *name, struct vault_header *h, const unsigned char *key,
	const struct piece *p, size_t n, unsigned char **image, size_t *image_len,
	struct ladder_error *err)
{
	/* a buffer to reuse, with room for *image_len bytes, or none */
	unsigned char *reuse = *image;
	size_t room = reuse != NULL ? *image_len : 0;
	*image = reuse;
	size_t len = pieces_len(p, n);
	if (len > VAULT_PLAIN_MAX) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the journal "
			"would be %zu bytes, more than the %zu MiB a journal may "
			"hold", name, len, VAULT_PLAIN_MAX >> 20);
	}
	randombytes_buf(h->payload_nonce, VAULT_NONCE_LEN);
	h->payload_len = (uint64_t)len + VAULT_TAG_LEN;
	size_t total = VAULT_HEADER_LEN + len + VAULT_TAG_LEN;
	unsigned char *img = room >= total ? reuse : malloc(total);
	enum { END = 65536 };
	unsigned char *back = sodium_malloc(4 * END);
	if (img == NULL || back == NULL) {
		if (img != reuse) {
			free(img);
		}
		sodium_free(back);
		return vlt_oom(err, name);
	}
	vlt_header_encode(h, img);
	unsigned char *c = img + VAULT_HEADER_LEN;
	bool same = vlt_seal_pieces(c, img, VAULT_HEADER_LEN, p, n, h->payload_nonce, key);
	/* the check */
	struct aead a;
	aead_start(&a, h->payload_nonce, key);
	unsigned char tag[VAULT_TAG_LEN];
	aead_tag(&a, img, VAULT_HEADER_LEN, c, len, tag);
	same = same && sodium_memcmp(tag, c + len, VAULT_TAG_LEN) == 0;
	size_t head = len < END ? len : END;
	size_t tail_at = len > END ? len - END : 0;
	aead_xor(&a, back, c, head, 0);
	aead_xor(&a, back + END, c + tail_at, len - tail_at, tail_at);
	pieces_copy(p, n, 0, head, back + 2 * END);
	pieces_copy(p, n, tail_at, len - tail_at, back + 3 * END);
	same = same && memcmp(back, back + 2 * END, head) == 0 &&
		memcmp(back + END, back + 3 * END, len - tail_at) == 0;
	sodium_free(back);
	aead_finish(&a);
	if (!same) {
		if (img != reuse) {
			free(img);
		}
		return error_set(err, LADDER_FAIL, "%s: not saved: the sealed "
			"journal did not decrypt back to what was being saved (a "
			"memory fault?); the file on disk is unchanged", name);
	}
	/* the buffer given is the caller's still: freed when not used */
	if (img != reuse) {
		free(reuse);
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

/* seal_image of the generation, the journal's id and then the plaintext
 * in n pieces (format flag VAULT_FLAG_GENERATION): all of it
 * authenticated, so an older copy cannot pass for a newer one. */
bool
vlt_seal_gen(const char *name, struct vault_header *h, const unsigned char *key,
	uint64_t generation, const unsigned char *jid, const struct piece *p,
	size_t n, unsigned char **image, size_t *image_len,
	struct ladder_error *err)
{
	if (!(h->flags & VAULT_FLAG_GENERATION)) {
		/* a journal from before generations keeps its format until
		 * its next passphrase change: its key slots were sealed with
		 * the flags it has */
		return seal_image(name, h, key, p, n, image, image_len, err);
	}
	struct piece *all = malloc((n + 1) * sizeof(*all));
	if (all == NULL) {
		return vlt_oom(err, name);
	}
	unsigned char prefix[VAULT_GEN_PREFIX];
	vlt_put64(prefix, generation);
	memcpy(prefix + 8, jid, GENSTATE_ID_LEN);
	all[0] = (struct piece){prefix, sizeof(prefix)};
	if (n > 0) {
		memcpy(all + 1, p, n * sizeof(*p));
	}
	bool ok = seal_image(name, h, key, all, n + 1, image, image_len, err);
	free(all);
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
	struct piece whole = {plain, plain_len};
	return seal_image("journal", &h, key, &whole, 1, image, image_len, err);
}

