#include "ladder/sealed.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "ladder/util.h"

/* Key file layout (little-endian; ladder-sealed(5)):
 *   0   8  magic            72  32  public key
 *   8   2  version (1)     104  48  secret key wrapped (AD: bytes 0-103)
 *  10   1  KDF id (1)      152  32  BLAKE2b-256 of bytes 0-151
 *  11   1  AEAD id (1)
 *  12   4  flags (0)
 *  16   8  opslimit
 *  24   8  memlimit
 *  32  16  salt
 *  48  24  nonce */
enum {
	K_VERSION = 8, K_KDF = 10, K_AEAD = 11, K_FLAGS = 12, K_OPS = 16,
	K_MEM = 24, K_SALT = 32, K_NONCE = 48, K_PK = 72, K_WRAPPED = 104,
	K_HASH = 152,
};
/* Sealed export header: magic, version (2), flags (2), key id (8),
 * length of the sealed box (8); the box holds these 28 bytes again, then
 * the export, so a changed header is noticed once the box is open. */
enum { S_VERSION = 8, S_FLAGS = 10, S_KEY_ID = 12, S_LENGTH = 20 };

_Static_assert(SEALED_KEYFILE_LEN == K_HASH + 32, "key file size");
_Static_assert(SEALED_HEADER_LEN == S_LENGTH + 8, "header size");
_Static_assert(SEALED_PK_LEN == crypto_box_PUBLICKEYBYTES, "public key size");
_Static_assert(SEALED_SK_LEN == crypto_box_SECRETKEYBYTES, "secret key size");

static void
put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
	}
}

static uint16_t
get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--) {
		v = (v << 8) | p[i];
	}
	return v;
}

void
sealed_key_id(const unsigned char pk[SEALED_PK_LEN], unsigned char id[SEALED_KEY_ID_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), pk, SEALED_PK_LEN, NULL, 0);
	memcpy(id, h, SEALED_KEY_ID_LEN);
}

void
sealed_key_id_hex(const unsigned char id[SEALED_KEY_ID_LEN], char out[17])
{
	sodium_bin2hex(out, 17, id, SEALED_KEY_ID_LEN);
}

/* 4 bytes that catch a mistyped or cut public key line */
static void
public_check(const unsigned char pk[SEALED_PK_LEN], unsigned char out[4])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), pk, SEALED_PK_LEN,
		(const unsigned char *)"ladder-key1", 11);
	memcpy(out, h, 4);
}

void
sealed_public_line(const unsigned char pk[SEALED_PK_LEN], char out[SEALED_PUBLIC_LINE_MAX])
{
	unsigned char raw[SEALED_PK_LEN + 4];
	memcpy(raw, pk, SEALED_PK_LEN);
	public_check(pk, raw + SEALED_PK_LEN);
	size_t prefix = strlen(SEALED_PUBLIC_PREFIX);
	memcpy(out, SEALED_PUBLIC_PREFIX, prefix);
	sodium_bin2base64(out + prefix, SEALED_PUBLIC_LINE_MAX - prefix, raw, sizeof(raw),
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool
sealed_public_parse(const char *name, const char *text, size_t len,
	unsigned char pk[SEALED_PK_LEN], struct ladder_error *err)
{
	size_t a = 0, b = len;
	while (a < b && is_blank(text[a])) {
		a++;
	}
	while (b > a && is_blank(text[b - 1])) {
		b--;
	}
	size_t prefix = strlen(SEALED_PUBLIC_PREFIX);
	const size_t want = prefix + 48;
	if (b - a < prefix || memcmp(text + a, SEALED_PUBLIC_PREFIX, prefix) != 0) {
		return error_set(err, LADDER_FAIL, "%s: not a public key (expected one "
			"line starting \"%s\", as 'ladder keygen' writes it to FILE.pub)",
			name, SEALED_PUBLIC_PREFIX);
	}
	if (b - a != want) {
		return error_set(err, LADDER_FAIL, "%s: the public key is %zu characters "
			"long (expected %zu: \"%s\" and 48 more on one line)", name, b - a,
			want, SEALED_PUBLIC_PREFIX);
	}
	/* only the URL-safe alphabet: libsodium's decoder takes some bytes
	 * above 0x7f for letters */
	for (size_t i = a + prefix; i < b; i++) {
		char c = text[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			(c >= '0' && c <= '9') || c == '-' || c == '_')) {
			return error_set(err, LADDER_FAIL, "%s: the public key has characters "
				"other than A-Z a-z 0-9 - _ after \"%s\"", name, SEALED_PUBLIC_PREFIX);
		}
	}
	unsigned char raw[SEALED_PK_LEN + 4];
	size_t raw_len = 0;
	if (sodium_base642bin(raw, sizeof(raw), text + a + prefix, 48, NULL, &raw_len,
			NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
		raw_len != sizeof(raw)) {
		return error_set(err, LADDER_FAIL, "%s: the public key has characters "
			"other than A-Z a-z 0-9 - _ after \"%s\"", name, SEALED_PUBLIC_PREFIX);
	}
	unsigned char check[4];
	public_check(raw, check);
	if (sodium_memcmp(check, raw + SEALED_PK_LEN, 4) != 0) {
		return error_set(err, LADDER_FAIL, "%s: the public key does not match "
			"its check (a character changed?); copy the line from FILE.pub again",
			name);
	}
	memcpy(pk, raw, SEALED_PK_LEN);
	return true;
}

/* The passphrase's key, in secret memory. */
static bool
derive(const char *name, const struct secret *pass, const unsigned char salt[16],
	uint64_t ops, uint64_t mem, struct secret **key, struct ladder_error *err)
{
	*key = secret_create(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
	if (*key == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	errno = 0;
	if (crypto_pwhash((*key)->data, (*key)->len, (const char *)pass->data, pass->len,
			salt, ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		secret_destroy(*key);
		*key = NULL;
		return error_set(err, LADDER_FAIL, "%s: not enough memory to derive the "
			"key (it needs %llu MiB); close other programs and try again", name,
			(unsigned long long)(mem >> 20));
	}
	return true;
}

bool
sealed_keygen(const struct secret *passphrase, enum kdf_level level,
	unsigned char file[SEALED_KEYFILE_LEN], unsigned char pk[SEALED_PK_LEN],
	struct ladder_error *err)
{
	if (sodium_init() < 0) {
		return error_set(err, LADDER_FAIL, "libsodium did not start");
	}
	if (passphrase == NULL || passphrase->len == 0) {
		return error_set(err, LADDER_FAIL, "an empty passphrase protects nothing; "
			"choose one");
	}
	uint64_t ops, mem;
	kdf_level_params(level, &ops, &mem);
	struct secret *sk = secret_create(SEALED_SK_LEN);
	struct secret *key = NULL;
	if (sk == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	memset(file, 0, SEALED_KEYFILE_LEN);
	memcpy(file, SEALED_KEYFILE_MAGIC, SEALED_MAGIC_LEN);
	put16(file + K_VERSION, 1);
	file[K_KDF] = 1;
	file[K_AEAD] = 1;
	put64(file + K_OPS, ops);
	put64(file + K_MEM, mem);
	randombytes_buf(file + K_SALT, 16);
	randombytes_buf(file + K_NONCE, 24);
	crypto_box_keypair(pk, sk->data);
	memcpy(file + K_PK, pk, SEALED_PK_LEN);
	bool ok = derive("the new key", passphrase, file + K_SALT, ops, mem, &key, err);
	if (ok) {
		crypto_aead_xchacha20poly1305_ietf_encrypt(file + K_WRAPPED, NULL,
			sk->data, SEALED_SK_LEN, file, K_WRAPPED, NULL, file + K_NONCE,
			key->data);
		crypto_generichash(file + K_HASH, 32, file, K_HASH, NULL, 0);
	}
	secret_destroy(key);
	secret_destroy(sk);
	return ok;
}

/* Creates path with mode, refusing anything already there, and writes
 * data whole and synced. */
static bool
write_new(const char *path, mode_t mode, const void *data, size_t len,
	struct ladder_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0) {
		return error_set(err, LADDER_FAIL, errno == EEXIST ?
			"%s: already exists; a key is never overwritten (choose another name, "
			"or remove it yourself if it is no longer needed)" : "%s: cannot create: %s",
			path, strerror(errno));
	}
	const unsigned char *p = data;
	size_t done = 0;
	bool ok = fchmod(fd, mode) == 0;
	while (ok && done < len) {
		ssize_t w = write(fd, p + done, len - done);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		ok = w > 0;
		done += ok ? (size_t)w : 0;
	}
	int saved = errno;
	ok = ok && fsync(fd) == 0;
	saved = ok ? 0 : (saved ? saved : errno);
	ok = close(fd) == 0 && ok;
	if (!ok) {
		unlink(path);
		return error_set(err, LADDER_FAIL, "%s: cannot write: %s", path,
			strerror(saved ? saved : EIO));
	}
	return true;
}

bool
sealed_keygen_write(const char *path, const struct secret *passphrase,
	enum kdf_level level, unsigned char pk[SEALED_PK_LEN],
	struct ladder_error *err)
{
	char *pub = str_printf("%s.pub", path);
	if (pub == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	struct stat st;
	bool ok = false;
	if (lstat(path, &st) == 0 || lstat(pub, &st) == 0) {
		error_set(err, LADDER_FAIL, "%s: already exists; a key is never "
			"overwritten (choose another name, or remove it yourself if it is "
			"no longer needed)", lstat(path, &st) == 0 ? path : pub);
		goto out;
	}
	unsigned char file[SEALED_KEYFILE_LEN];
	char line[SEALED_PUBLIC_LINE_MAX + 1];
	if (!sealed_keygen(passphrase, level, file, pk, err)) {
		goto out;
	}
	sealed_public_line(pk, line);
	strcat(line, "\n");
	if (!write_new(path, 0600, file, sizeof(file), err)) {
		goto out;
	}
	if (!write_new(pub, 0644, line, strlen(line), err)) {
		unlink(path);
		goto out;
	}
	ok = true;
out:
	free(pub);
	return ok;
}

bool
sealed_keyfile_parse(const char *name, const unsigned char *buf, size_t len,
	struct sealed_keyfile *out, struct ladder_error *err)
{
	if (len < SEALED_MAGIC_LEN || memcmp(buf, SEALED_KEYFILE_MAGIC, SEALED_MAGIC_LEN) != 0) {
		return error_set(err, LADDER_DAMAGED, "%s: not a ladder key file "
			"(expected the file 'ladder keygen -o FILE' wrote, not FILE.pub)", name);
	}
	if (len < K_HASH + 32) {
		return error_set(err, LADDER_DAMAGED, "%s: the key file is cut short "
			"(%zu of %d bytes)", name, len, SEALED_KEYFILE_LEN);
	}
	if (len > SEALED_KEYFILE_LEN) {
		return error_set(err, LADDER_DAMAGED, "%s: the key file has %zu bytes "
			"more than a key file holds", name, len - SEALED_KEYFILE_LEN);
	}
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), buf, K_HASH, NULL, 0);
	if (sodium_memcmp(h, buf + K_HASH, 32) != 0) {
		return error_set(err, LADDER_DAMAGED, "%s: the key file is damaged "
			"(its checksum does not match)", name);
	}
	out->version = get16(buf + K_VERSION);
	if (out->version != 1) {
		return error_set(err, LADDER_DAMAGED, "%s: key file version %u (this "
			"ladder reads version 1)", name, out->version);
	}
	if (buf[K_KDF] != 1 || buf[K_AEAD] != 1 ||
		(buf[K_FLAGS] | buf[K_FLAGS + 1] | buf[K_FLAGS + 2] | buf[K_FLAGS + 3]) != 0) {
		return error_set(err, LADDER_DAMAGED, "%s: unknown algorithms or flags "
			"in the key file (expected Argon2id and XChaCha20-Poly1305, flags 0)",
			name);
	}
	out->opslimit = get64(buf + K_OPS);
	out->memlimit = get64(buf + K_MEM);
	if (out->opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
		out->opslimit > VAULT_OPSLIMIT_MAX ||
		out->memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
		out->memlimit > VAULT_MEMLIMIT_MAX) {
		return error_set(err, LADDER_DAMAGED, "%s: key derivation limits out of "
			"range (ops %llu, memory %llu bytes)", name,
			(unsigned long long)out->opslimit, (unsigned long long)out->memlimit);
	}
	memcpy(out->salt, buf + K_SALT, sizeof(out->salt));
	memcpy(out->nonce, buf + K_NONCE, sizeof(out->nonce));
	memcpy(out->pk, buf + K_PK, sizeof(out->pk));
	memcpy(out->wrapped, buf + K_WRAPPED, sizeof(out->wrapped));
	return true;
}

void
sealed_key_destroy(struct sealed_key *k)
{
	if (k == NULL) {
		return;
	}
	secret_destroy(k->sk);
	free(k);
}

bool
sealed_key_open(const char *name, const unsigned char *buf, size_t len,
	const struct secret *passphrase, struct sealed_key **out,
	struct ladder_error *err)
{
	*out = NULL;
	struct sealed_keyfile kf;
	if (sodium_init() < 0) {
		return error_set(err, LADDER_FAIL, "libsodium did not start");
	}
	if (!sealed_keyfile_parse(name, buf, len, &kf, err)) {
		return false;
	}
	struct secret *key = NULL;
	struct sealed_key *k = calloc(1, sizeof(*k));
	if (k == NULL || (k->sk = secret_create(SEALED_SK_LEN)) == NULL) {
		sealed_key_destroy(k);
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	bool ok = derive(name, passphrase, kf.salt, kf.opslimit, kf.memlimit, &key, err);
	if (ok && crypto_aead_xchacha20poly1305_ietf_decrypt(k->sk->data, NULL, NULL,
			kf.wrapped, sizeof(kf.wrapped), buf, K_WRAPPED, kf.nonce, key->data) != 0) {
		ok = error_set(err, LADDER_BAD_PASSPHRASE, "%s: wrong passphrase for "
			"this key", name);
	}
	unsigned char pk[SEALED_PK_LEN];
	if (ok && (crypto_scalarmult_base(pk, k->sk->data) != 0 ||
			sodium_memcmp(pk, kf.pk, SEALED_PK_LEN) != 0)) {
		ok = error_set(err, LADDER_DAMAGED, "%s: the secret key does not "
			"belong to the public key stored with it", name);
	}
	secret_destroy(key);
	if (!ok) {
		sealed_key_destroy(k);
		return false;
	}
	memcpy(k->pk, kf.pk, SEALED_PK_LEN);
	sealed_key_id(k->pk, k->id);
	*out = k;
	return true;
}

bool
sealed_key_load(const char *path, const struct secret *passphrase,
	struct sealed_key **out, struct ladder_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	*out = NULL;
	/* one byte more than a key file, to notice a larger file */
	if (!file_read(path, SEALED_KEYFILE_LEN + 1, &buf, &len, err)) {
		return false;
	}
	bool ok = sealed_key_open(path, (const unsigned char *)buf, len, passphrase,
		out, err);
	free(buf);
	return ok;
}

bool
sealed_is_sealed(const unsigned char *buf, size_t len)
{
	return len >= SEALED_MAGIC_LEN && memcmp(buf, SEALED_EXPORT_MAGIC, SEALED_MAGIC_LEN) == 0;
}

bool
sealed_seal(const unsigned char pk[SEALED_PK_LEN], const unsigned char *plain,
	size_t len, unsigned char **out, size_t *out_len, struct ladder_error *err)
{
	*out = NULL;
	*out_len = 0;
	if (sodium_init() < 0) {
		return error_set(err, LADDER_FAIL, "libsodium did not start");
	}
	if (len > SEALED_PLAIN_MAX) {
		return error_set(err, LADDER_FAIL, "the export is %zu MiB, more than "
			"a sealed export holds (%zu MiB)", len >> 20, SEALED_PLAIN_MAX >> 20);
	}
	size_t inner = SEALED_HEADER_LEN + len;
	size_t box = inner + crypto_box_SEALBYTES;
	struct secret *in = secret_alloc(inner);
	unsigned char *file = malloc(SEALED_HEADER_LEN + box);
	if (in == NULL || file == NULL) {
		secret_destroy(in);
		free(file);
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	memset(file, 0, SEALED_HEADER_LEN);
	memcpy(file, SEALED_EXPORT_MAGIC, SEALED_MAGIC_LEN);
	put16(file + S_VERSION, 1);
	sealed_key_id(pk, file + S_KEY_ID);
	put64(file + S_LENGTH, box);
	memcpy(in->data, file, SEALED_HEADER_LEN);
	memcpy(in->data + SEALED_HEADER_LEN, plain, len);
	bool ok = crypto_box_seal(file + SEALED_HEADER_LEN, in->data, inner, pk) == 0;
	secret_destroy(in);
	if (!ok) {
		free(file);
		return error_set(err, LADDER_FAIL, "the public key cannot seal (not a "
			"valid key)");
	}
	*out = file;
	*out_len = SEALED_HEADER_LEN + box;
	return true;
}

bool
sealed_header_parse(const char *name, const unsigned char *buf, size_t len,
	struct sealed_header *h, struct ladder_error *err)
{
	if (!sealed_is_sealed(buf, len)) {
		return error_set(err, LADDER_DAMAGED, "%s: not a sealed export", name);
	}
	if (len < SEALED_HEADER_LEN) {
		return error_set(err, LADDER_DAMAGED, "%s: the sealed export is cut "
			"short (%zu bytes, its header alone is %d)", name, len, SEALED_HEADER_LEN);
	}
	h->version = get16(buf + S_VERSION);
	if (h->version != 1) {
		return error_set(err, LADDER_DAMAGED, "%s: sealed export version %u "
			"(this ladder reads version 1)", name, h->version);
	}
	if (get16(buf + S_FLAGS) != 0) {
		return error_set(err, LADDER_DAMAGED, "%s: unknown flags 0x%04x in the "
			"sealed export (expected 0)", name, get16(buf + S_FLAGS));
	}
	memcpy(h->key_id, buf + S_KEY_ID, SEALED_KEY_ID_LEN);
	h->length = get64(buf + S_LENGTH);
	uint64_t min = SEALED_HEADER_LEN + crypto_box_SEALBYTES;
	uint64_t max = SEALED_HEADER_LEN + SEALED_PLAIN_MAX + crypto_box_SEALBYTES;
	if (h->length < min || h->length > max) {
		return error_set(err, LADDER_DAMAGED, "%s: the sealed export's length "
			"%llu is out of range (%llu to %llu bytes)", name,
			(unsigned long long)h->length, (unsigned long long)min,
			(unsigned long long)max);
	}
	if (len - SEALED_HEADER_LEN != h->length) {
		return error_set(err, LADDER_DAMAGED, "%s: the sealed export is %s "
			"(%zu bytes after the header, its header says %llu)", name,
			len - SEALED_HEADER_LEN < h->length ? "cut short" : "followed by more bytes",
			len - SEALED_HEADER_LEN, (unsigned long long)h->length);
	}
	return true;
}

bool
sealed_open(const char *name, const unsigned char *buf, size_t len,
	const struct sealed_key *key, struct secret **plain,
	enum sealed_refusal *why, struct ladder_error *err)
{
	struct sealed_header h;
	*plain = NULL;
	*why = SEALED_DAMAGED;
	if (sodium_init() < 0) {
		*why = SEALED_OK;
		return error_set(err, LADDER_FAIL, "libsodium did not start");
	}
	if (!sealed_header_parse(name, buf, len, &h, err)) {
		return false;
	}
	bool ours = sodium_memcmp(h.key_id, key->id, SEALED_KEY_ID_LEN) == 0;
	size_t inner = (size_t)h.length - crypto_box_SEALBYTES;
	struct secret *in = secret_alloc(inner);
	if (in == NULL) {
		*why = SEALED_OK;
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	/* tried even under another key id: if it opens, the id was changed */
	bool opened = crypto_box_seal_open(in->data, buf + SEALED_HEADER_LEN,
		h.length, key->pk, key->sk->data) == 0;
	if (!opened) {
		secret_destroy(in);
		if (!ours) {
			char theirs[17], mine[17];
			sealed_key_id_hex(h.key_id, theirs);
			sealed_key_id_hex(key->id, mine);
			*why = SEALED_OTHER_KEY;
			return error_set(err, LADDER_DAMAGED, "%s: sealed for another key "
				"(key id %s; this key's id is %s)", name, theirs, mine);
		}
		return error_set(err, LADDER_DAMAGED, "%s: altered or damaged (the "
			"sealed export does not open with this key, which it was sealed for)",
			name);
	}
	if (!ours || sodium_memcmp(in->data, buf, SEALED_HEADER_LEN) != 0) {
		secret_destroy(in);
		return error_set(err, LADDER_DAMAGED, "%s: altered (its header was "
			"changed after it was sealed)", name);
	}
	/* the export alone, at the start of the secret buffer */
	memmove(in->data, in->data + SEALED_HEADER_LEN, inner - SEALED_HEADER_LEN);
	sodium_memzero(in->data + inner - SEALED_HEADER_LEN, SEALED_HEADER_LEN);
	in->len = inner - SEALED_HEADER_LEN;
	in->data[in->len] = '\0';
	*plain = in;
	*why = SEALED_OK;
	return true;
}
