/* Sealing: the payload (checked as it is sealed) and the key slots, each
 * bound to the header before it; opening the payload. */
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
aead_finish(struct aead *a)
{
	sodium_memzero(a, sizeof(*a));
}

/* The plaintext is sealed a stage at a time: where it is when the stage is
 * one run of memory, else put together in secret memory first, so that
 * the cipher runs over whole blocks; each stage is encrypted,
 * authenticated and checked while it is in cache. */
enum { STAGE = 1 << 16, CHUNK = 16 * STAGE, BLOCK = 64 };

/* Where the next byte of the text that pieces make comes from. */
struct cursor {
	const struct piece *p;
	size_t n, i, off;
};

/* Moves on len bytes of the text, copying them into out unless it is
 * NULL. */
static void
cursor_take(struct cursor *c, unsigned char *out, size_t len)
{
	while (len > 0 && c->i < c->n) {
		size_t k = c->p[c->i].len - c->off < len ? c->p[c->i].len - c->off : len;
		if (out != NULL) {
			memcpy(out, (const unsigned char *)c->p[c->i].data + c->off, k);
			out += k;
		}
		len -= k;
		c->off += k;
		if (c->off == c->p[c->i].len) {
			c->i++;
			c->off = 0;
		}
	}
}

/* The next len bytes of the text where they are, when they are one run of
 * memory (pieces that follow each other there, as the unchanged lines of
 * a journal do in the plaintext it was read from); else NULL. */
static const unsigned char *
cursor_run(const struct cursor *c, size_t len)
{
	size_t i = c->i, off = c->off;
	while (i < c->n && off == c->p[i].len) {
		i++; /* empty, or used up */
		off = 0;
	}
	if (i >= c->n || len == 0) {
		return NULL;
	}
	const unsigned char *start = (const unsigned char *)c->p[i].data + off;
	const unsigned char *end = start + (c->p[i].len - off);
	size_t have = c->p[i].len - off;
	for (i++; have < len && i < c->n; i++) {
		if (c->p[i].len > 0 && (const unsigned char *)c->p[i].data != end) {
			return NULL;
		}
		have += c->p[i].len;
		end += c->p[i].len;
	}
	return have >= len ? start : NULL;
}

/* The check of a stage just sealed: its ciphertext c (bytes at to at + len
 * of the payload) decrypted again with a keystream computed anew, and
 * compared with the plaintext it was made from. The first and the last
 * stage whole (where the pieces, the header and the tag meet), and one
 * block of every stage between, at a place that moves from stage to stage:
 * a key, a nonce or a block counter that went wrong anywhere shows. */
static bool
stage_ok(const struct aead *a, const unsigned char *plain, const unsigned char *c,
	size_t len, uint64_t at, bool whole, unsigned char *back)
{
	size_t from = 0, k = len;
	if (!whole && len > BLOCK) {
		from = (size_t)((at / STAGE) * 61 * BLOCK % (len - BLOCK + 1)) / BLOCK * BLOCK;
		k = BLOCK;
	}
	aead_xor(a, back, c + from, k, at + from);
	return memcmp(back, plain + from, k) == 0;
}

/* The seal of the text of n pieces under ad, npub and key, handed to sink
 * a chunk at a time: ad first when emit_ad (a file's header), then the
 * ciphertext, the tag last. The Poly1305 tag is computed over each chunk
 * of ciphertext as it is handed on, from the same memory: it authenticates
 * exactly the bytes the sink was given. */
static enum vlt_seal
seal_stream(const unsigned char *ad, size_t ad_len, bool emit_ad,
	const struct piece *p, size_t n, const unsigned char *npub,
	const unsigned char *key, struct vlt_sink *sink)
{
	size_t len = pieces_len(p, n), lead = emit_ad ? ad_len : 0;
	/* the plaintext stage and the check's, in secret memory; the
	 * ciphertext of up to CHUNK bytes (after ad on the first, the tag after
	 * the last), handed on in one piece: few calls of the sink, each
	 * writing from cache. A ciphertext is no secret: ordinary memory (no
	 * locking and wiping of a megabyte per save), wiped all the same when
	 * the check failed */
	size_t out_cap = lead + CHUNK + VAULT_TAG_LEN;
	unsigned char *mem = sodium_malloc(2 * STAGE);
	unsigned char *out = malloc(out_cap);
	if (mem == NULL || out == NULL) {
		sodium_free(mem);
		free(out);
		return VLT_SEAL_OOM;
	}
	unsigned char *stage = mem, *back = mem + STAGE;
	memcpy(out, ad, lead);
	struct aead a;
	crypto_onetimeauth_poly1305_state st;
	aead_start(&a, npub, key);
	mac_start(&a, &st, ad, ad_len);
	struct cursor cur = {p, n, 0, 0};
	enum vlt_seal r = VLT_SEAL_OK;
	uint64_t at = 0;
	size_t fill = lead; /* bytes in out */
	do {
		size_t k = len - at < STAGE ? (size_t)(len - at) : STAGE;
		bool last = at + k == len;
		/* sealed where it is when it is one run, else put together */
		const unsigned char *plain = cursor_run(&cur, k);
		cursor_take(&cur, plain == NULL ? stage : NULL, k);
		plain = plain != NULL ? plain : stage;
		aead_xor(&a, out + fill, plain, k, at);
		crypto_onetimeauth_poly1305_update(&st, out + fill, k);
		if (!stage_ok(&a, plain, out + fill, k, at, at == 0 || last, back)) {
			r = VLT_SEAL_BAD;
			break;
		}
		fill += k;
		at += k;
		if (last) {
			mac_finish(&st, ad_len, len, out + fill);
			fill += VAULT_TAG_LEN;
		}
		if ((last || fill - lead + STAGE > CHUNK) &&
			!sink->put(sink, out, fill, last)) {
			r = VLT_SEAL_SINK;
			break;
		}
		if (fill - lead + STAGE > CHUNK) {
			fill = lead = 0;
		}
	} while (at < len);
	sodium_memzero(&st, sizeof(st));
	aead_finish(&a);
	int e = errno;
	if (r == VLT_SEAL_BAD) {
		sodium_memzero(out, out_cap);
	}
	free(out);
	sodium_free(mem); /* wipes */
	errno = e; /* the sink's */
	return r;
}

/* A sink into memory: each chunk after the one before. */
struct mem_sink {
	struct vlt_sink s;
	unsigned char *at;
};

static bool
mem_put(struct vlt_sink *s, const unsigned char *data, size_t len, bool last)
{
	struct mem_sink *m = (struct mem_sink *)s;
	(void)last;
	memcpy(m->at, data, len);
	m->at += len;
	return true;
}

bool
vlt_seal_pieces(unsigned char *out, const unsigned char *ad, size_t ad_len,
	const struct piece *p, size_t n, const unsigned char *npub,
	const unsigned char *key)
{
	struct mem_sink m = {{mem_put}, out};
	return seal_stream(ad, ad_len, false, p, n, npub, key, &m.s) == VLT_SEAL_OK;
}

/* Fills the payload fields of h (a fresh nonce) and hands the whole file,
 * the header and the payload (the n pieces) sealed with key, to sink. */
static enum vlt_seal
seal_file(const char *name, struct vault_header *h, const unsigned char *key,
	const struct piece *p, size_t n, struct vlt_sink *sink,
	struct ladder_error *err)
{
	size_t len = pieces_len(p, n);
	if (len > VAULT_PLAIN_MAX) {
		error_set(err, LADDER_FAIL, "%s: not saved: the journal would be "
			"%zu bytes, more than the %zu MiB a journal may hold", name,
			len, VAULT_PLAIN_MAX >> 20);
		return VLT_SEAL_BAD;
	}
	randombytes_buf(h->payload_nonce, VAULT_NONCE_LEN);
	h->payload_len = (uint64_t)len + VAULT_TAG_LEN;
	unsigned char header[VAULT_HEADER_LEN];
	vlt_header_encode(h, header);
	enum vlt_seal r = seal_stream(header, VAULT_HEADER_LEN, true, p, n,
		h->payload_nonce, key, sink);
	if (r == VLT_SEAL_OOM) {
		vlt_oom(err, name);
	} else if (r == VLT_SEAL_BAD) {
		error_set(err, LADDER_FAIL, "%s: not saved: the sealed journal did "
			"not decrypt back to what was being saved (a memory fault?); "
			"the file on disk is unchanged", name);
	}
	return r;
}

/* The payload of the file in buf decrypted into dst (which may be where
 * it is: buf + VAULT_HEADER_LEN), the header before it the associated
 * data. */
static bool
open_payload(const char *name, unsigned char *dst, const unsigned char *buf,
	const struct vault_header *h, const unsigned char *key,
	struct ladder_error *err)
{
	unsigned long long mlen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(dst, &mlen, NULL,
		buf + VAULT_HEADER_LEN, h->payload_len, buf, VAULT_HEADER_LEN,
		h->payload_nonce, key) != 0 || mlen != h->payload_len - VAULT_TAG_LEN) {
		char hint[600];
		return error_set(err, LADDER_DAMAGED, "%s: damaged or tampered: "
			"the contents do not match their authentication tag (the "
			"key was right); the file was left as it is%s", name,
			vlt_backup_hint(name, " (the previous generation is kept in ",
				")", hint, sizeof(hint)));
	}
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
	if (!open_payload(name, s->data, buf, h, key, err)) {
		secret_destroy(s);
		return false;
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

/* The generation and the journal's id, then the plaintext in n pieces
 * (format flag VAULT_FLAG_GENERATION): all of it sealed and
 * authenticated, so an older copy cannot pass for a newer one. A journal
 * from before generations keeps its format until its next passphrase
 * change (its key slots were sealed with the flags it has): the pieces
 * alone. */
enum vlt_seal
vlt_seal_gen_to(const char *name, struct vault_header *h, const unsigned char *key,
	uint64_t generation, const unsigned char *jid, const struct piece *p,
	size_t n, struct vlt_sink *sink, struct ladder_error *err)
{
	bool gen = (h->flags & VAULT_FLAG_GENERATION) != 0;
	struct piece *all = malloc((n + 1) * sizeof(*all));
	if (all == NULL) {
		vlt_oom(err, name);
		return VLT_SEAL_OOM;
	}
	unsigned char prefix[VAULT_GEN_PREFIX];
	vlt_put64(prefix, generation);
	memcpy(prefix + 8, jid, GENSTATE_ID_LEN);
	all[0] = (struct piece){prefix, sizeof(prefix)};
	if (n > 0) {
		memcpy(all + gen, p, n * sizeof(*p));
	}
	enum vlt_seal r = seal_file(name, h, key, all, n + gen, sink, err);
	free(all);
	return r;
}

/* vlt_seal_gen_to into a new buffer. */
bool
vlt_seal_gen(const char *name, struct vault_header *h, const unsigned char *key,
	uint64_t generation, const unsigned char *jid, const struct piece *p,
	size_t n, unsigned char **image, size_t *image_len,
	struct ladder_error *err)
{
	size_t len = pieces_len(p, n);
	size_t total = VAULT_HEADER_LEN + VAULT_GEN_PREFIX + len + VAULT_TAG_LEN;
	/* too large: refused by the seal before it writes anything */
	unsigned char *img = malloc(len <= VAULT_PLAIN_MAX ? total : 1);
	*image = NULL;
	*image_len = 0;
	if (img == NULL) {
		return vlt_oom(err, name);
	}
	struct mem_sink m = {{mem_put}, img};
	if (vlt_seal_gen_to(name, h, key, generation, jid, p, n, &m.s, err) !=
		VLT_SEAL_OK) {
		free(img);
		return false;
	}
	*image = img;
	*image_len = (size_t)(m.at - img);
	return true;
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
	if (!open_payload(name, payload, image->data, h, key, err)) {
		return false;
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
	/* flags 0: no generation */
	static const unsigned char no_id[GENSTATE_ID_LEN];
	return vlt_seal_gen("journal", &h, key, 0, no_id,
		&(struct piece){plain, plain_len}, 1, image, image_len, err);
}

