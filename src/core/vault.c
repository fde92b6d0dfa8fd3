#include "ladder/vault.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
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
#include "ladder/vault_io.h"

/* Byte offsets of the version 1 header (see ladder-journal(5)). */
enum {
	OFF_VERSION = 8,
	OFF_HEADER_LEN = 10,
	OFF_KDF = 12,
	OFF_AEAD = 13,
	OFF_FLAGS = 14,
	OFF_OPSLIMIT = 16,
	OFF_MEMLIMIT = 24,
	OFF_SALT = 32,
	OFF_PASSPHRASE_SLOT = 48,
	SLOT_LEN = VAULT_NONCE_LEN + VAULT_WRAPPED_LEN,
	OFF_RECOVERY_SLOT = OFF_PASSPHRASE_SLOT + SLOT_LEN,
	OFF_PAYLOAD_NONCE = OFF_RECOVERY_SLOT + SLOT_LEN,
	OFF_PAYLOAD_LEN = OFF_PAYLOAD_NONCE + VAULT_NONCE_LEN,
	OFF_HASH = OFF_PAYLOAD_LEN + 8,
	/* A key slot is bound to the parameters before it (magic to salt)
	 * and to its position by its associated data. */
	SLOT_AD_LEN = OFF_PASSPHRASE_SLOT + 1,
	SLOT_ID_PASSPHRASE = 1,
	SLOT_ID_RECOVERY = 2,
};
static_assert(OFF_HASH + VAULT_HASH_LEN == VAULT_HEADER_LEN,
	"header layout");
static_assert(VAULT_KEY_LEN == crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
	"key size");
static_assert(VAULT_NONCE_LEN == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
	"nonce size");
static_assert(VAULT_TAG_LEN == crypto_aead_xchacha20poly1305_ietf_ABYTES,
	"tag size");
static_assert(VAULT_SALT_LEN == crypto_pwhash_SALTBYTES, "salt size");

/* The recovery code: 20 random bytes and a 5-byte check, written as 40
 * characters of Crockford's base32 (no I, L, O, U) in groups of 5. */
enum {
	CODE_RANDOM = 20,
	CODE_CHECK = 5,
	CODE_BYTES = CODE_RANDOM + CODE_CHECK,
	CODE_CHARS = CODE_BYTES * 8 / 5,
	CODE_GROUP = 5,
};
static_assert(CODE_CHARS + CODE_CHARS / CODE_GROUP - 1 ==
	VAULT_RECOVERY_CODE_LEN, "recovery code length");
static const char base32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static const char code_check_domain[] = "ladder recovery code check v1";
static const char recovery_key_domain[] = "ladder journal recovery key v1";

struct file_id {
	dev_t dev;
	ino_t ino;
	off_t size;
	time_t mtime_sec;
	long mtime_nsec;
};

struct vault {
	char *path; /* as given: for messages */
	char *real; /* absolute, symbolic links resolved: where I/O goes */
	char *dir;  /* folder of real */
	char *base; /* file name of real */
	int lock_fd; /* -1 when read-only */
	struct vault_header hdr;
	unsigned char *key; /* the data key, sodium_malloc'd */
	struct file_id id;
	char warning[600]; /* about the place it is in; "" when none */
	/* the generation sealed in the content (0 before it was: format
	 * flag 0) and the journal's random id (zeros then) */
	uint64_t generation;
	unsigned char jid[GENSTATE_ID_LEN];
	/* an older generation than the newest seen here (the state file) */
	bool older, accept_older;
	uint64_t newest_seen;
	int64_t newest_seen_at;
};

/* Where the newest generation seen of each journal is kept; NULL: not
 * kept (tests, fuzz targets). */
static char *state_file;

void
vault_state_file_set(const char *path)
{
	free(state_file);
	state_file = path != NULL ? str_dup(path) : NULL;
}

/* How long a writable open waits for another process's lock (seconds). */
static unsigned lock_wait;

void
vault_lock_wait_set(unsigned seconds)
{
	lock_wait = seconds;
}

/* ---- KDF levels ---- */

static const struct {
	const char *name;
	uint64_t ops, mem;
} levels[] = {
	[KDF_MIN] = {"min", crypto_pwhash_argon2id_OPSLIMIT_MIN,
		crypto_pwhash_argon2id_MEMLIMIT_MIN},
	[KDF_INTERACTIVE] = {"interactive",
		crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE},
	[KDF_MODERATE] = {"moderate", crypto_pwhash_argon2id_OPSLIMIT_MODERATE,
		crypto_pwhash_argon2id_MEMLIMIT_MODERATE},
	[KDF_SENSITIVE] = {"sensitive",
		crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE,
		crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE},
};

bool
kdf_level_from_name(const char *name, enum kdf_level *out)
{
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (strcmp(name, levels[i].name) == 0) {
			*out = (enum kdf_level)i;
			return true;
		}
	}
	return false;
}

const char *
kdf_level_name(enum kdf_level level)
{
	return levels[level].name;
}

void
kdf_level_params(enum kdf_level level, uint64_t *opslimit, uint64_t *memlimit)
{
	*opslimit = levels[level].ops;
	*memlimit = levels[level].mem;
}

/* ---- little helpers ---- */

static uint16_t
get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint64_t
get64(const unsigned char *p)
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

static void
put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
	}
}

static const struct vault_io *
io(void)
{
	return vault_io_get();
}

static int
retry_open(const char *path, int flags, mode_t mode)
{
	int fd;
	do {
		fd = io()->open(path, flags, mode);
	} while (fd < 0 && errno == EINTR);
	return fd;
}

static int
retry_link(const char *from, const char *to)
{
	int r;
	do {
		r = io()->link(from, to);
	} while (r != 0 && errno == EINTR);
	return r;
}

static int
retry_rename(const char *from, const char *to)
{
	int r;
	do {
		r = io()->rename(from, to);
	} while (r != 0 && errno == EINTR);
	return r;
}

static int
retry_unlink(const char *path)
{
	int r;
	do {
		r = io()->unlink(path);
	} while (r != 0 && errno == EINTR);
	return r;
}

static int
retry_fchmod(int fd, mode_t mode)
{
	int r;
	do {
		r = io()->fchmod(fd, mode);
	} while (r != 0 && errno == EINTR);
	return r;
}

/* Linux releases the descriptor even when close() says EINTR, so it must
 * not be retried; where it matters the data was already made durable by
 * fsync, so EINTR is not a failure. */
static int
close_fd(int fd)
{
	int r = io()->close(fd);
	if (r != 0 && errno == EINTR) {
		return 0;
	}
	return r;
}

static bool
write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		size_t chunk = len < ((size_t)1 << 30) ? len : (size_t)1 << 30;
		ssize_t n = io()->write(fd, p, chunk);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return false;
		}
		if (n == 0) {
			errno = EIO; /* no progress: never spin */
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* Reads up to len bytes, stopping early only at end of file. */
static bool
read_full(int fd, unsigned char *p, size_t len, size_t *got)
{
	*got = 0;
	while (*got < len) {
		ssize_t n = io()->read(fd, p + *got, len - *got);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return false;
		}
		if (n == 0) {
			break;
		}
		*got += (size_t)n;
	}
	return true;
}

static void
file_id_from_stat(struct file_id *id, const struct stat *st)
{
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->mtime_sec = st->st_mtim.tv_sec;
	id->mtime_nsec = st->st_mtim.tv_nsec;
}

static bool
file_id_equal(const struct file_id *a, const struct file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
		a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

static bool
oom(struct ladder_error *err, const char *name)
{
	return error_set(err, LADDER_FAIL, "%s: out of memory", name);
}

/* Where to look next: the backup, named, when there is one (and the file
 * is not the backup already); else nothing. */
static const char *
backup_hint(const char *name, const char *lead, const char *tail, char *buf,
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

__attribute__((format(printf, 3, 4))) static bool
damaged(struct ladder_error *err, const char *name, const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	char hint[600];
	return error_set(err, LADDER_DAMAGED,
		"%s: damaged or not a ladder journal: %s; the file was left as "
		"it is%s", name, detail, backup_hint(name,
			" (the previous generation is kept in ", ")", hint, sizeof(hint)));
}

/* ---- the header ---- */

static void
header_encode(struct vault_header *h, unsigned char out[VAULT_HEADER_LEN])
{
	memcpy(out, VAULT_MAGIC, VAULT_MAGIC_LEN);
	put16(out + OFF_VERSION, h->version);
	put16(out + OFF_HEADER_LEN, h->header_len);
	out[OFF_KDF] = h->kdf_id;
	out[OFF_AEAD] = h->aead_id;
	put16(out + OFF_FLAGS, h->flags);
	put64(out + OFF_OPSLIMIT, h->opslimit);
	put64(out + OFF_MEMLIMIT, h->memlimit);
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
	put64(out + OFF_PAYLOAD_LEN, h->payload_len);
	crypto_generichash(h->hash, VAULT_HASH_LEN, out, OFF_HASH, NULL, 0);
	memcpy(out + OFF_HASH, h->hash, VAULT_HASH_LEN);
}

static bool
magic_error(const char *name, const unsigned char *buf, size_t len,
	struct ladder_error *err)
{
	if (len == 0) {
		return damaged(err, name, "the file is empty");
	}
	size_t n = len < VAULT_MAGIC_LEN ? len : VAULT_MAGIC_LEN;
	if (memcmp(buf, VAULT_MAGIC, n) == 0) {
		return damaged(err, name, "it is truncated (%zu bytes)", len);
	}
	if (len >= 4 && memcmp(buf, VAULT_MAGIC, 4) == 0) {
		return damaged(err, name, "its signature has altered line "
			"endings, as a text-mode transfer does; copy the original "
			"again in binary mode");
	}
	return damaged(err, name, "it does not begin with the signature of "
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
		return damaged(err, name, "it is truncated (%zu bytes)", len);
	}
	h->version = get16(buf + OFF_VERSION);
	if (h->version != VAULT_FORMAT_VERSION) {
		return damaged(err, name, "unknown format version %u (this "
			"ladder reads version %d; the file may come from a newer "
			"ladder)", (unsigned)h->version, VAULT_FORMAT_VERSION);
	}
	h->header_len = get16(buf + OFF_HEADER_LEN);
	if (h->header_len != VAULT_HEADER_LEN) {
		return damaged(err, name, "wrong header length %u (version 1 "
			"has %d)", (unsigned)h->header_len, VAULT_HEADER_LEN);
	}
	if (len < VAULT_HEADER_LEN) {
		return damaged(err, name, "it is truncated (%zu bytes, shorter "
			"than its %d-byte header)", len, VAULT_HEADER_LEN);
	}
	unsigned char sum[VAULT_HASH_LEN];
	crypto_generichash(sum, sizeof(sum), buf, OFF_HASH, NULL, 0);
	if (memcmp(sum, buf + OFF_HASH, VAULT_HASH_LEN) != 0) {
		return damaged(err, name, "the header checksum does not match "
			"(the file was altered or corrupted; the passphrase was "
			"not tried)");
	}
	h->kdf_id = buf[OFF_KDF];
	h->aead_id = buf[OFF_AEAD];
	h->flags = get16(buf + OFF_FLAGS);
	h->opslimit = get64(buf + OFF_OPSLIMIT);
	h->memlimit = get64(buf + OFF_MEMLIMIT);
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
	h->payload_len = get64(buf + OFF_PAYLOAD_LEN);
	memcpy(h->hash, buf + OFF_HASH, VAULT_HASH_LEN);

	if ((h->flags & ~VAULT_FLAG_GENERATION) != 0) {
		return damaged(err, name, "unknown flags 0x%04x",
			(unsigned)h->flags);
	}
	if ((h->flags & VAULT_FLAG_GENERATION) &&
		h->payload_len < VAULT_TAG_LEN + VAULT_GEN_PREFIX) {
		return damaged(err, name, "the content is too short to hold its "
			"generation");
	}
	if (h->kdf_id != VAULT_KDF_ARGON2ID) {
		return damaged(err, name, "unknown key derivation %u",
			(unsigned)h->kdf_id);
	}
	if (h->aead_id != VAULT_AEAD_XCHACHA20POLY1305) {
		return damaged(err, name, "unknown cipher %u",
			(unsigned)h->aead_id);
	}
	if (h->opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
		h->opslimit > VAULT_OPSLIMIT_MAX) {
		return damaged(err, name, "key derivation passes %llu outside "
			"%llu..%d", (unsigned long long)h->opslimit,
			(unsigned long long)crypto_pwhash_argon2id_OPSLIMIT_MIN,
			VAULT_OPSLIMIT_MAX);
	}
	if (h->memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
		h->memlimit > VAULT_MEMLIMIT_MAX) {
		return damaged(err, name, "key derivation memory %llu bytes "
			"outside %llu bytes..1 GiB", (unsigned long long)h->memlimit,
			(unsigned long long)crypto_pwhash_argon2id_MEMLIMIT_MIN);
	}
	if (h->payload_len < VAULT_TAG_LEN ||
		h->payload_len > (uint64_t)VAULT_PLAIN_MAX + VAULT_TAG_LEN) {
		return damaged(err, name, "content length %llu out of range",
			(unsigned long long)h->payload_len);
	}
	size_t want = VAULT_HEADER_LEN + (size_t)h->payload_len;
	if (len < want) {
		return damaged(err, name, "it is truncated (%zu bytes missing "
			"at the end)", want - len);
	}
	if (len > want) {
		return damaged(err, name, "%zu unexpected bytes after the end",
			len - want);
	}
	return true;
}

/* ---- sealing ---- */

static void
slot_ad(const unsigned char *header, uint8_t id,
	unsigned char ad[SLOT_AD_LEN])
{
	memcpy(ad, header, OFF_PASSPHRASE_SLOT);
	ad[OFF_PASSPHRASE_SLOT] = id;
}

static void
slot_seal(struct vault_slot *slot, const unsigned char *header, uint8_t id,
	const unsigned char *data_key, const unsigned char *slot_key)
{
	unsigned char ad[SLOT_AD_LEN];
	slot_ad(header, id, ad);
	randombytes_buf(slot->nonce, VAULT_NONCE_LEN);
	crypto_aead_xchacha20poly1305_ietf_encrypt(slot->wrapped, NULL,
		data_key, VAULT_KEY_LEN, ad, sizeof(ad), NULL, slot->nonce,
		slot_key);
}

static bool
slot_open(const struct vault_slot *slot, const unsigned char *header,
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
		return oom(err, name);
	}
	header_encode(h, img);
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
		return oom(err, name);
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
			backup_hint(name, " (the previous generation is kept in ",
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
static bool
seal_gen(const char *name, struct vault_header *h, const unsigned char *key,
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
		return oom(err, name);
	}
	put64(all->data, generation);
	memcpy(all->data + 8, jid, GENSTATE_ID_LEN);
	if (plain_len > 0) {
		memcpy(all->data + VAULT_GEN_PREFIX, plain, plain_len);
	}
	bool ok = seal_image(name, h, key, all->data, all->len, image, image_len, err);
	secret_destroy(all);
	return ok;
}

/* Records the journal's generation as the newest seen (when a state file
 * is set); a failure is a warning, never a failure of the journal. */
static void
record_generation(struct vault *v)
{
	static const unsigned char zero[GENSTATE_ID_LEN];
	if (state_file == NULL || memcmp(v->jid, zero, GENSTATE_ID_LEN) == 0) {
		return;
	}
	struct ladder_error e = {0};
	struct genstate *st = NULL;
	const struct genstate_entry *en;
	if (!genstate_load(state_file, &st, &e) ||
		((en = genstate_find(st, v->real)) != NULL &&
			memcmp(en->id, v->jid, GENSTATE_ID_LEN) == 0 &&
			en->generation >= v->generation) ||
		!genstate_put(st, v->real, v->jid, v->generation, time_now()) ||
		!genstate_save(state_file, st, &e)) {
		if (e.msg[0] != '\0' && v->warning[0] == '\0') {
			snprintf(v->warning, sizeof(v->warning), "the newest generation "
				"of the journal could not be recorded, so an older copy "
				"put in its place would go unnoticed: %.300s", e.msg);
		}
	}
	genstate_destroy(st);
}

/* After an open: is this an older generation than the newest seen here? */
static void
check_generation(struct vault *v)
{
	static const unsigned char zero[GENSTATE_ID_LEN];
	if (state_file == NULL || memcmp(v->jid, zero, GENSTATE_ID_LEN) == 0) {
		return;
	}
	struct ladder_error e = {0};
	struct genstate *st = NULL;
	if (!genstate_load(state_file, &st, &e)) {
		snprintf(v->warning, sizeof(v->warning), "%.400s; an older copy of the "
			"journal put in its place would go unnoticed until that file "
			"is mended or removed", e.msg);
		return;
	}
	const struct genstate_entry *en = genstate_find(st, v->real);
	if (en != NULL && memcmp(en->id, v->jid, GENSTATE_ID_LEN) == 0 &&
		en->generation > v->generation) {
		v->older = true;
		v->newest_seen = en->generation;
		v->newest_seen_at = en->seen_at;
	}
	genstate_destroy(st);
	if (!v->older) {
		record_generation(v);
	}
}

bool
vault_older(const struct vault *v, uint64_t *generation, uint64_t *newest,
	int64_t *seen_at)
{
	if (v == NULL || !v->older || v->accept_older) {
		return false;
	}
	*generation = v->generation;
	*newest = v->newest_seen;
	*seen_at = v->newest_seen_at;
	return true;
}

void
vault_accept_older(struct vault *v)
{
	v->accept_older = true;
}

/* The generation of the next save: past the newest seen, so that a save
 * over an older copy (accepted) is newer than anything seen before. */
static uint64_t
next_generation(const struct vault *v)
{
	return (v->older && v->newest_seen > v->generation ? v->newest_seen
							 : v->generation) + 1;
}

static bool
refuse_older(const struct vault *v, struct ladder_error *err)
{
	if (!v->older || v->accept_older) {
		return true;
	}
	char at[TIME_RFC3339_LEN];
	time_format_rfc3339(v->newest_seen_at, at);
	return error_set(err, LADDER_FAIL, "%s: not saved: this is generation "
		"%llu of the journal, older than generation %llu seen here on %s, "
		"so what was saved since would be lost for good; give "
		"--accept-older to save over it anyway", v->path,
		(unsigned long long)v->generation,
		(unsigned long long)v->newest_seen, at);
}

/* The payload of image (the whole file, in secret memory) decrypted where
 * it is: image becomes the plaintext. The header before it is the
 * associated data and is not written over. */
static bool
decrypt_in_place(const char *name, struct secret *image,
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
			backup_hint(name, " (the previous generation is kept in ",
				")", hint, sizeof(hint)));
	}
	*generation = 0;
	memset(jid, 0, GENSTATE_ID_LEN);
	if (h->flags & VAULT_FLAG_GENERATION) {
		*generation = get64(payload);
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

/* ---- keys ---- */

static bool
derive_passphrase_key(const char *name, const struct secret *pass,
	const struct vault_header *h, unsigned char *key,
	struct ladder_error *err)
{
	errno = 0;
	if (io()->kdf(key, VAULT_KEY_LEN, (const char *)pass->data, pass->len,
		h->salt, h->opslimit, (size_t)h->memlimit) != 0) {
		if (errno == ENOMEM) {
			return error_set(err, LADDER_FAIL, "%s: not enough memory "
				"to derive the key (this journal needs %llu MiB); "
				"close other programs and try again", name,
				(unsigned long long)(h->memlimit >> 20));
		}
		return error_set(err, LADDER_FAIL, "%s: the key derivation "
			"failed: %s", name, strerror(errno));
	}
	return true;
}

/* The recovery code has 160 random bits, far beyond guessing, so a fast
 * keyed BLAKE2b suffices to turn it into a key; the salt makes the key
 * differ between journals. */
static void
derive_recovery_key(const unsigned char *random, const unsigned char *salt,
	unsigned char *key)
{
	unsigned char msg[sizeof(recovery_key_domain) - 1 + VAULT_SALT_LEN];
	memcpy(msg, recovery_key_domain, sizeof(recovery_key_domain) - 1);
	memcpy(msg + sizeof(recovery_key_domain) - 1, salt, VAULT_SALT_LEN);
	crypto_generichash(key, VAULT_KEY_LEN, msg, sizeof(msg), random,
		CODE_RANDOM);
}

/* check = BLAKE2b(domain || random)[0..5) */
static void
code_check(const unsigned char *random, unsigned char *check)
{
	crypto_generichash_state st;
	unsigned char sum[crypto_generichash_BYTES_MIN];
	crypto_generichash_init(&st, NULL, 0, sizeof(sum));
	crypto_generichash_update(&st, (const unsigned char *)code_check_domain,
		sizeof(code_check_domain) - 1);
	crypto_generichash_update(&st, random, CODE_RANDOM);
	crypto_generichash_final(&st, sum, sizeof(sum));
	memcpy(check, sum, CODE_CHECK);
	sodium_memzero(sum, sizeof(sum));
	sodium_memzero(&st, sizeof(st));
}

/* bytes: CODE_BYTES in sodium memory (random then check) */
static struct secret *
code_format(const unsigned char *bytes)
{
	struct secret *code = secret_create(VAULT_RECOVERY_CODE_LEN);
	if (code == NULL) {
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < CODE_CHARS; i++) {
		size_t bit = i * 5;
		unsigned v = 0;
		for (size_t b = 0; b < 5; b++) {
			size_t at = bit + b;
			v = (v << 1) | ((bytes[at / 8] >> (7 - at % 8)) & 1u);
		}
		if (i > 0 && i % CODE_GROUP == 0) {
			code->data[o++] = '-';
		}
		code->data[o++] = (unsigned char)base32[v];
	}
	return code;
}

static int
code_value(unsigned char c)
{
	if (c >= 'a' && c <= 'z') {
		c = (unsigned char)(c - 'a' + 'A');
	}
	if (c == 'O') {
		return 0;
	}
	if (c == 'I' || c == 'L') {
		return 1;
	}
	for (int i = 0; i < 32; i++) {
		if (base32[i] == c) {
			return i;
		}
	}
	return -1;
}

/* Reads a recovery code as typed into bytes (CODE_BYTES of sodium memory),
 * checking its length, alphabet and check digits. */
static bool
code_parse(const char *name, const struct secret *code, unsigned char *bytes,
	struct ladder_error *err)
{
	sodium_memzero(bytes, CODE_BYTES);
	size_t n = 0;
	for (size_t i = 0; i < code->len; i++) {
		unsigned char c = code->data[i];
		if (c == ' ' || c == '-' || c == '\t') {
			continue;
		}
		int v = code_value(c);
		if (v < 0) {
			return error_set(err, LADDER_BAD_PASSPHRASE, "%s: the "
				"recovery code is mistyped: character %zu cannot be in "
				"a recovery code (they use 0-9 and A-Z without I, L, O, "
				"U); the file is unchanged", name, i + 1);
		}
		if (n < CODE_CHARS) {
			for (size_t b = 0; b < 5; b++) {
				size_t at = n * 5 + b;
				if (((unsigned)v >> (4 - b)) & 1u) {
					bytes[at / 8] |= (unsigned char)(0x80u >> (at % 8));
				}
			}
		}
		n++;
	}
	if (n != CODE_CHARS) {
		return error_set(err, LADDER_BAD_PASSPHRASE, "%s: the recovery "
			"code is mistyped: it has %zu letters and digits, and a code "
			"has %d (8 groups of 5); the file is unchanged", name, n,
			CODE_CHARS);
	}
	unsigned char check[CODE_CHECK];
	code_check(bytes, check);
	bool ok = sodium_memcmp(check, bytes + CODE_RANDOM, CODE_CHECK) == 0;
	sodium_memzero(check, sizeof(check));
	if (!ok) {
		return error_set(err, LADDER_BAD_PASSPHRASE, "%s: the recovery "
			"code is mistyped: its check does not match (a character is "
			"wrong, or two are swapped); compare it group by group; the "
			"file is unchanged", name);
	}
	return true;
}

/* A fresh code: its bytes (sodium memory, CODE_BYTES) and its text. */
static struct secret *
code_create(unsigned char *bytes)
{
	randombytes_buf(bytes, CODE_RANDOM);
	code_check(bytes, bytes + CODE_RANDOM);
	return code_format(bytes);
}

/* Everything a new passphrase needs: a new salt and data key, both slots
 * and a new recovery code, filled into h, key and *code. */
static bool
make_keys(const char *name, struct vault_header *h, enum kdf_level level,
	const struct secret *pass, unsigned char *key, struct secret **code,
	struct ladder_error *err)
{
	*code = NULL;
	memset(h, 0, sizeof(*h));
	h->version = VAULT_FORMAT_VERSION;
	h->header_len = VAULT_HEADER_LEN;
	h->kdf_id = VAULT_KDF_ARGON2ID;
	h->aead_id = VAULT_AEAD_XCHACHA20POLY1305;
	h->flags = VAULT_FLAG_GENERATION; /* before the slots: in their AD */
	kdf_level_params(level, &h->opslimit, &h->memlimit);
	randombytes_buf(h->salt, VAULT_SALT_LEN);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);

	bool ok = false;
	unsigned char header[VAULT_HEADER_LEN];
	unsigned char *slot_key = sodium_malloc(VAULT_KEY_LEN);
	unsigned char *code_bytes = sodium_malloc(CODE_BYTES);
	struct secret *text = NULL;
	if (slot_key == NULL || code_bytes == NULL ||
		(text = code_create(code_bytes)) == NULL) {
		oom(err, name);
		goto out;
	}
	header_encode(h, header); /* slots need the bytes before them */
	if (!derive_passphrase_key(name, pass, h, slot_key, err)) {
		goto out;
	}
	slot_seal(&h->passphrase_slot, header, SLOT_ID_PASSPHRASE, key,
		slot_key);
	derive_recovery_key(code_bytes, h->salt, slot_key);
	slot_seal(&h->recovery_slot, header, SLOT_ID_RECOVERY, key, slot_key);
	*code = text;
	text = NULL;
	ok = true;
out:
	secret_destroy(text);
	sodium_free(code_bytes);
	sodium_free(slot_key);
	return ok;
}

/* ---- files ---- */

static struct vault *
vault_alloc(const char *path, char *real)
{
	struct vault *v = calloc(1, sizeof(*v));
	if (v == NULL) {
		free(real);
		return NULL;
	}
	v->lock_fd = -1;
	v->real = real;
	v->path = str_dup(path);
	v->key = sodium_malloc(VAULT_KEY_LEN);
	char *slash = real != NULL ? strrchr(real, '/') : NULL;
	if (slash != NULL) {
		v->base = str_dup(slash + 1);
		v->dir = slash == real ? str_dup("/") :
			str_printf("%.*s", (int)(slash - real), real);
	}
	if (v->path == NULL || v->key == NULL || v->base == NULL ||
		v->dir == NULL) {
		vault_close(v);
		return NULL;
	}
	return v;
}

void
vault_close(struct vault *v)
{
	if (v == NULL) {
		return;
	}
	if (v->lock_fd >= 0) {
		close(v->lock_fd); /* releases the flock */
	}
	sodium_free(v->key);
	free(v->path);
	free(v->real);
	free(v->dir);
	free(v->base);
	free(v);
}

bool
vault_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

const char *
vault_path(const struct vault *v)
{
	return v->path;
}

bool
vault_writable(const struct vault *v)
{
	return v->lock_fd >= 0;
}

const struct vault_header *
vault_get_header(const struct vault *v)
{
	return &v->hdr;
}

static bool
take_lock(struct vault *v, struct ladder_error *err)
{
	char *lock_path = str_printf("%s.lock", v->real);
	if (lock_path == NULL) {
		return oom(err, v->path);
	}
	int fd;
	do {
		fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
			O_NOCTTY | O_NONBLOCK, 0600);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		error_set(err, LADDER_FAIL, "%s: cannot open the lock file %s: "
			"%s", v->path, lock_path, strerror(errno));
		free(lock_path);
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		error_set(err, LADDER_FAIL, "%s: the lock file %s is not a regular "
			"file; remove it (ladder makes it again)", v->path, lock_path);
		free(lock_path);
		return false;
	}
	/* taken at once, or (with a wait set) tried again until the wait is
	 * over, as SQLite's busy timeout does */
	int r;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		r = flock(fd, LOCK_EX | LOCK_NB);
		if (r == 0 || (errno != EINTR && errno != EWOULDBLOCK)) {
			break;
		}
		if (errno == EWOULDBLOCK) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			double waited = (double)(now.tv_sec - start.tv_sec) +
				(double)(now.tv_nsec - start.tv_nsec) / 1e9;
			if (waited >= (double)lock_wait) {
				break;
			}
			struct timespec pause = {0, 20 * 1000 * 1000};
			nanosleep(&pause, NULL);
		}
	}
	if (r != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK && lock_wait > 0) {
			error_set(err, LADDER_LOCKED, "%s: still in use by another "
				"ladder process after waiting %u s (it holds the lock "
				"%s); close it and try again, or wait longer with "
				"--wait SECONDS", v->path, lock_wait, lock_path);
		} else if (e == EWOULDBLOCK) {
			error_set(err, LADDER_LOCKED, "%s: in use by another ladder "
				"process (it holds the lock %s); close it and try "
				"again, or let ladder wait for it with --wait SECONDS",
				v->path, lock_path);
		} else {
			error_set(err, LADDER_FAIL, "%s: cannot lock %s: %s",
				v->path, lock_path, strerror(e));
		}
		free(lock_path);
		return false;
	}
	free(lock_path);
	v->lock_fd = fd;
	return true;
}

static bool
is_temp_name(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp.", 5) != 0) {
		return false;
	}
	const char *s = name + n + 5;
	if (strlen(s) != 6) {
		return false;
	}
	for (; *s != '\0'; s++) {
		if (strchr(base32, *s) == NULL) {
			return false;
		}
	}
	return true;
}

/* Under the lock, temp files can only be left over from a crash. Best
 * effort: what cannot be removed now is tried again at the next open. */
static void
remove_stale_temps(const struct vault *v)
{
	DIR *d = opendir(v->dir);
	if (d == NULL) {
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_temp_name(e->d_name, v->base)) {
			continue;
		}
		char *p = str_printf("%s/%s", v->dir, e->d_name);
		if (p != NULL && retry_unlink(p) != 0) {
			/* left for the next open */
		}
		free(p);
	}
	closedir(d);
}

static char *
temp_path(const char *real)
{
	char suffix[7];
	for (int i = 0; i < 6; i++) {
		suffix[i] = base32[randombytes_uniform(32)];
	}
	suffix[6] = '\0';
	return str_printf("%s.tmp.%s", real, suffix);
}

/* Creates a new temp file next to the journal: O_EXCL, mode 0600. */
static int
create_temp(const struct vault *v, char **tmp, struct ladder_error *err)
{
	*tmp = NULL;
	for (int tries = 0; tries < 32; tries++) {
		char *p = temp_path(v->real);
		if (p == NULL) {
			oom(err, v->path);
			return -1;
		}
		int fd = retry_open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
			O_NOFOLLOW | O_NOCTTY, 0600);
		if (fd >= 0) {
			*tmp = p;
			return fd;
		}
		int e = errno;
		free(p);
		if (e != EEXIST) {
			error_set(err, LADDER_FAIL, "%s: not saved: cannot create a "
				"temporary file in %s: %s; the journal on disk is "
				"unchanged", v->path, v->dir, strerror(e));
			return -1;
		}
	}
	error_set(err, LADDER_FAIL, "%s: not saved: cannot find a free "
		"temporary file name in %s", v->path, v->dir);
	return -1;
}

static bool
io_failed(const struct vault *v, const char *what, int e,
	struct ladder_error *err)
{
	return error_set(err, LADDER_FAIL, "%s: not saved: %s failed: %s; the "
		"journal on disk is unchanged", v->path, what, strerror(e));
}

/* Writes image into a new temp file, made durable and closed; *id is the
 * identity the file will have once renamed into place. On failure nothing
 * is left behind. An fsync that failed is never retried: the file is
 * dropped. */
static bool
write_temp(const struct vault *v, const unsigned char *image, size_t len,
	char **tmp, struct file_id *id, struct ladder_error *err)
{
	int fd = create_temp(v, tmp, err);
	if (fd < 0) {
		return false;
	}
	const char *what = NULL;
	struct stat st;
	if (retry_fchmod(fd, 0600) != 0) {
		what = "setting the mode of the temporary file";
	} else if (!write_all(fd, image, len)) {
		what = "writing the temporary file";
	} else if (io()->fsync(fd) != 0) {
		what = "flushing the temporary file to disk";
	} else if (fstat(fd, &st) != 0) {
		what = "reading the temporary file's status";
	}
	int e = errno;
	if (what == NULL) {
		file_id_from_stat(id, &st);
		if (close_fd(fd) == 0) {
			return true;
		}
		e = errno;
		what = "closing the temporary file";
	} else {
		close_fd(fd); /* already failing; its own error adds nothing */
	}
	retry_unlink(*tmp); /* must go: its contents are not known good */
	free(*tmp);
	*tmp = NULL;
	return io_failed(v, what, e, err);
}

/* Copies the journal into a temp file, for file systems without hard
 * links. */
static bool
copy_to_temp(const struct vault *v, char **tmp, struct ladder_error *err)
{
	int in = retry_open(v->real, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
	if (in < 0) {
		return io_failed(v, "opening the journal to keep a backup",
			errno, err);
	}
	int out = create_temp(v, tmp, err);
	if (out < 0) {
		close_fd(in);
		return false;
	}
	unsigned char buf[65536];
	const char *what = NULL;
	if (retry_fchmod(out, 0600) != 0) {
		what = "setting the mode of the backup";
	}
	while (what == NULL) {
		size_t got;
		if (!read_full(in, buf, sizeof(buf), &got)) {
			what = "reading the journal to keep a backup";
		} else if (got == 0) {
			break;
		} else if (!write_all(out, buf, got)) {
			what = "writing the backup";
		}
	}
	if (what == NULL && io()->fsync(out) != 0) {
		what = "flushing the backup to disk";
	}
	int e = errno;
	close_fd(in); /* read-only: nothing to lose */
	if (what == NULL) {
		if (close_fd(out) == 0) {
			return true;
		}
		e = errno;
		what = "closing the backup";
	} else {
		close_fd(out);
	}
	retry_unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return io_failed(v, what, e, err);
}

/* A second name for the current journal, to be renamed to PATH.bak: a hard
 * link where the file system has them, else a copy. */
static bool
link_backup(const struct vault *v, char **tmp, struct ladder_error *err)
{
	*tmp = NULL;
	for (int tries = 0; tries < 32; tries++) {
		char *p = temp_path(v->real);
		if (p == NULL) {
			return oom(err, v->path);
		}
		if (retry_link(v->real, p) == 0) {
			*tmp = p;
			return true;
		}
		int e = errno;
		free(p);
		switch (e) {
		case EEXIST:
			continue;
		case EPERM:
		case EMLINK:
		case ENOSYS:
		case EXDEV:
		case EOPNOTSUPP:
#if ENOTSUP != EOPNOTSUPP
		case ENOTSUP:
#endif
			return copy_to_temp(v, tmp, err);
		default:
			return io_failed(v, "keeping the previous generation as a "
				"backup", e, err);
		}
	}
	return error_set(err, LADDER_FAIL, "%s: not saved: cannot find a free "
		"temporary file name in %s", v->path, v->dir);
}

/* Makes the renames in the folder durable. File systems that cannot fsync
 * a folder say EINVAL (or ENOTSUP); there is nothing more to do there. */
static bool
sync_dir(const struct vault *v, int *e)
{
	int fd = retry_open(v->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0) {
		*e = errno;
		return false;
	}
	bool ok = true;
	if (io()->fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
		*e = errno;
		ok = false;
	}
	if (close_fd(fd) != 0 && ok) {
		*e = errno;
		ok = false;
	}
	return ok;
}

static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
		sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool
check_unchanged(const struct vault *v, struct ladder_error *err)
{
	struct stat st;
	if (stat(v->real, &st) != 0) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the journal "
			"cannot be found any more (%s); it was moved or removed "
			"since ladder read it", v->path, strerror(errno));
	}
	struct file_id now;
	file_id_from_stat(&now, &st);
	if (!file_id_equal(&now, &v->id)) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the file "
			"changed on disk since ladder read it (another program "
			"wrote or replaced it); it was left as it is", v->path);
	}
	return true;
}

/* Reads the whole journal file, refusing sizes no journal can have before
 * reading anything. With sec, into secret memory (*sec; *buf is its data),
 * for the payload to be decrypted where it is. */
static bool
read_journal(const struct vault *v, unsigned char **buf, size_t *len,
	struct file_id *id, struct secret **sec, struct ladder_error *err)
{
	struct secret *s = NULL;
	*buf = NULL;
	*len = 0;
	/* never blocks: a FIFO or a device in its place is refused below,
	 * not waited on (with the lock held) */
	int fd = retry_open(v->real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
	if (fd < 0) {
		return error_set(err, LADDER_FAIL, "%s: cannot open: %s", v->path,
			strerror(errno));
	}
	bool ok = false;
	struct stat st, st2;
	unsigned char *b = NULL;
	size_t max = VAULT_HEADER_LEN + VAULT_PLAIN_MAX + VAULT_TAG_LEN;
	if (fstat(fd, &st) != 0) {
		error_set(err, LADDER_FAIL, "%s: cannot read: %s", v->path,
			strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, LADDER_FAIL, "%s: not a regular file (%s); a journal "
			"is one, and ladder opens nothing else", v->path,
			S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISDIR(st.st_mode) ? "a folder" :
			S_ISSOCK(st.st_mode) ? "a socket" : "a device");
		goto out;
	}
	if ((uint64_t)st.st_size > max) {
		damaged(err, v->path, "it is too large to be a journal (%llu "
			"bytes)", (unsigned long long)st.st_size);
		goto out;
	}
	/* One byte more than the size, to notice a file that grows. */
	size_t size = (size_t)st.st_size;
	if (sec != NULL) {
		s = secret_alloc(size + 1);
		b = s != NULL ? s->data : NULL;
	} else {
		b = malloc(size + 1);
	}
	if (b == NULL) {
		oom(err, v->path);
		goto out;
	}
	size_t got;
	if (!read_full(fd, b, size + 1, &got)) {
		error_set(err, LADDER_FAIL, "%s: cannot read: %s", v->path,
			strerror(errno));
		goto out;
	}
	if (fstat(fd, &st2) != 0 || got != size) {
		error_set(err, LADDER_FAIL, "%s: the file changed while it was "
			"read; try again", v->path);
		goto out;
	}
	struct file_id a, c;
	file_id_from_stat(&a, &st);
	file_id_from_stat(&c, &st2);
	if (!file_id_equal(&a, &c)) {
		error_set(err, LADDER_FAIL, "%s: the file changed while it was "
			"read; try again", v->path);
		goto out;
	}
	*id = a;
	*buf = b;
	*len = size;
	if (sec != NULL) {
		*sec = s;
		s = NULL;
	}
	b = NULL;
	ok = true;
out:
	if (s != NULL) {
		secret_destroy(s);
	} else if (sec == NULL) {
		free(b);
	}
	close_fd(fd); /* read-only */
	return ok;
}

/* The absolute path of the folder of path (which exists), then its name. */
static char *
resolve_new(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash != NULL ? slash + 1 : path;
	char *dir = slash == NULL ? str_dup(".") : slash == path ? str_dup("/") :
		str_printf("%.*s", (int)(slash - path), path);
	if (dir == NULL) {
		return NULL;
	}
	char *real_dir = realpath(dir, NULL);
	free(dir);
	if (real_dir == NULL) {
		return NULL;
	}
	char *real = strcmp(real_dir, "/") == 0 ? str_printf("/%s", name) :
		str_printf("%s/%s", real_dir, name);
	free(real_dir);
	return real;
}

/* ---- the API ---- */

static bool
start(struct ladder_error *err)
{
	if (sodium_init() < 0) {
		return error_set(err, LADDER_FAIL, "libsodium cannot start");
	}
	return true;
}

bool
vault_create(const char *path, const struct secret *passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	struct secret **recovery_code, struct vault **out,
	struct ladder_error *err)
{
	return vault_create_shown(path, passphrase, level, plain, plain_len,
		NULL, recovery_code, out, err);
}

/* Hands the new code to the hook before the commit; false (with err set)
 * when it could not be shown: nothing may be committed then. */
static bool
show_code(const struct vault_code_hook *hook, const char *name,
	const struct secret *code, struct ladder_error *err)
{
	if (hook == NULL || hook->show(code, hook->ctx)) {
		return true;
	}
	return error_set(err, LADDER_FAIL, "%s: the new recovery code could "
		"not be shown, so nothing was changed", name);
}

bool
vault_create_shown(const char *path, const struct secret *passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	const struct vault_code_hook *hook, struct secret **recovery_code,
	struct vault **out, struct ladder_error *err)
{
	*recovery_code = NULL;
	if (out != NULL) {
		*out = NULL;
	}
	if (!start(err)) {
		return false;
	}
	if (passphrase->len == 0) {
		return error_set(err, LADDER_FAIL, "%s: not created: the "
			"passphrase is empty", path);
	}
	if (plain_len > VAULT_PLAIN_MAX) {
		return error_set(err, LADDER_FAIL, "%s: not created: %zu bytes "
			"is more than a journal may hold", path, plain_len);
	}
	if (vault_exists(path)) {
		return error_set(err, LADDER_FAIL, "%s: already exists; ladder "
			"will not overwrite it (move it away first, or choose "
			"another path with --journal)", path);
	}
	const char *name = strrchr(path, '/');
	name = name != NULL ? name + 1 : path;
	if (name[0] == '\0' || strcmp(name, ".") == 0 ||
		strcmp(name, "..") == 0) {
		return error_set(err, LADDER_FAIL, "%s: not a file name", path);
	}
	if (!paths_mkdir_parents(path, err)) {
		return false;
	}
	char *real = resolve_new(path);
	if (real == NULL) {
		return error_set(err, LADDER_FAIL, "%s: cannot find its folder: "
			"%s", path, strerror(errno));
	}
	struct vault *v = vault_alloc(path, real);
	if (v == NULL) {
		return oom(err, path);
	}

	bool ok = false;
	unsigned char *image = NULL;
	size_t image_len = 0;
	char *tmp = NULL;
	bool linked = false;
	struct secret *code = NULL;
	struct vault_header h;
	struct file_id id;
	int e = 0;
	if (!take_lock(v, err)) {
		goto out;
	}
	remove_stale_temps(v);
	if (vault_exists(v->real)) {
		error_set(err, LADDER_FAIL, "%s: already exists; ladder will not "
			"overwrite it", path);
		goto out;
	}
	v->generation = 1;
	randombytes_buf(v->jid, GENSTATE_ID_LEN);
	if (!make_keys(path, &h, level, passphrase, v->key, &code, err) ||
		!seal_gen(path, &h, v->key, v->generation, v->jid, plain, plain_len,
			&image, &image_len, err) ||
		!write_temp(v, image, image_len, &tmp, &id, err) ||
		!show_code(hook, path, code, err)) {
		goto out;
	}
	/* link() never replaces an existing file: a journal that appeared
	 * meanwhile is kept. */
	if (retry_link(tmp, v->real) == 0) {
		linked = true;
		if (retry_unlink(tmp) != 0) {
			e = errno;
			error_set(err, LADDER_FAIL, "%s: not created: removing the "
				"temporary file failed: %s", path, strerror(e));
			goto out;
		}
		free(tmp);
		tmp = NULL;
	} else if (errno == EEXIST) {
		error_set(err, LADDER_FAIL, "%s: already exists; ladder will not "
			"overwrite it", path);
		goto out;
	} else if ((errno == EPERM || errno == ENOSYS || errno == EOPNOTSUPP ||
		errno == ENOTSUP) && !vault_exists(v->real)) {
		/* no hard links here; the lock keeps other ladders out */
		if (retry_rename(tmp, v->real) != 0) {
			e = errno;
			error_set(err, LADDER_FAIL, "%s: not created: %s", path,
				strerror(e));
			goto out;
		}
		linked = true;
		free(tmp);
		tmp = NULL;
	} else {
		e = errno;
		error_set(err, LADDER_FAIL, "%s: not created: %s", path,
			strerror(e));
		goto out;
	}
	if (!sync_dir(v, &e)) {
		error_set(err, LADDER_FAIL, "%s: not created: flushing the folder "
			"%s to disk failed: %s", path, v->dir, strerror(e));
		goto out;
	}
	v->hdr = h;
	v->id = id;
	*recovery_code = code;
	code = NULL;
	ok = true;
	record_generation(v);
out:
	if (!ok) {
		/* Nothing was there before: take back what was made. */
		if (linked) {
			retry_unlink(v->real);
		}
		if (tmp != NULL) {
			retry_unlink(tmp);
		}
	}
	free(tmp);
	free(image);
	secret_destroy(code);
	if (ok && out != NULL) {
		*out = v;
	} else {
		vault_close(v);
	}
	return ok;
}

/* As ssh and gpg do: a folder others may write to (they could swap the
 * backup or plant files) or that another user owns is said, not refused. */
static void
check_place(struct vault *v)
{
	struct stat st;
	if (stat(v->dir, &st) != 0) {
		return;
	}
	uid_t me = geteuid();
	if (st.st_uid != me && st.st_uid != 0) {
		snprintf(v->warning, sizeof(v->warning), "the journal's folder %s "
			"belongs to another user (uid %lu), who can replace the "
			"journal or its backup; keep it in a folder of your own",
			v->dir, (unsigned long)st.st_uid);
	} else if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(v->warning, sizeof(v->warning), "the journal's folder %s "
			"can be written by %s%s, who can replace the journal or "
			"its backup; make it yours alone: chmod go-w %s", v->dir,
			(st.st_mode & S_IWOTH) ? "every user" : "its group",
			(st.st_mode & S_ISVTX) ? " (the sticky bit keeps them from "
			"removing your files, not from adding theirs)" : "",
			v->dir);
	}
}

const char *
vault_warning(const struct vault *v)
{
	return v != NULL && v->warning[0] != '\0' ? v->warning : NULL;
}

static bool
open_common(const char *path, const struct secret *passphrase,
	const struct secret *code, bool writable, struct vault **out,
	struct secret **plain, struct ladder_error *err)
{
	*out = NULL;
	*plain = NULL;
	if (!start(err)) {
		return false;
	}
	if (passphrase == NULL && code == NULL) {
		return error_set(err, LADDER_FAIL, "%s: no passphrase given",
			path);
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT) {
			return error_set(err, LADDER_FAIL, "%s: there is no journal "
				"here; create one with: ladder init", path);
		}
		return error_set(err, LADDER_FAIL, "%s: %s", path,
			strerror(errno));
	}
	char *real = realpath(path, NULL);
	if (real == NULL) {
		return error_set(err, LADDER_FAIL, "%s: %s", path,
			strerror(errno));
	}
	struct vault *v = vault_alloc(path, real);
	if (v == NULL) {
		return oom(err, path);
	}

	bool ok = false;
	unsigned char *buf = NULL;
	size_t len = 0;
	struct secret *image = NULL; /* the file, then its plaintext */
	unsigned char *slot_key = NULL, *code_bytes = NULL;
	if (writable) {
		if (!take_lock(v, err)) {
			goto out;
		}
		remove_stale_temps(v);
	}
	if (!read_journal(v, &buf, &len, &v->id, &image, err) ||
		!vault_header_parse(path, buf, len, &v->hdr, err)) {
		goto out;
	}
	slot_key = sodium_malloc(VAULT_KEY_LEN);
	if (slot_key == NULL) {
		oom(err, path);
		goto out;
	}
	if (passphrase != NULL) {
		if (!derive_passphrase_key(path, passphrase, &v->hdr, slot_key,
			err)) {
			goto out;
		}
		if (!slot_open(&v->hdr.passphrase_slot, buf, SLOT_ID_PASSPHRASE,
			slot_key, v->key)) {
			char hint[600];
			error_set(err, LADDER_BAD_PASSPHRASE, "%s: wrong passphrase "
				"(the file is unchanged); try again, or reset it with "
				"your recovery code: ladder passwd --recovery-code-file "
				"FILE. If you are sure of it, the file's key header may "
				"have been altered%s", path, backup_hint(path,
					": the previous generation is in ", "", hint, sizeof(hint)));
			goto out;
		}
	} else {
		code_bytes = sodium_malloc(CODE_BYTES);
		if (code_bytes == NULL) {
			oom(err, path);
			goto out;
		}
		if (!code_parse(path, code, code_bytes, err)) {
			goto out;
		}
		derive_recovery_key(code_bytes, v->hdr.salt, slot_key);
		if (!slot_open(&v->hdr.recovery_slot, buf, SLOT_ID_RECOVERY,
			slot_key, v->key)) {
			char hint[600];
			error_set(err, LADDER_BAD_PASSPHRASE, "%s: this recovery code "
				"does not open this journal (the file is unchanged); "
				"every passphrase change issues a new code: use the "
				"latest one. If you are sure of it, the file's key "
				"header may have been altered%s", path, backup_hint(path,
					": the previous generation is in ", "", hint, sizeof(hint)));
			goto out;
		}
	}
	if (!decrypt_in_place(path, image, &v->hdr, v->key, &v->generation,
		v->jid, err)) {
		goto out;
	}
	check_place(v);
	check_generation(v);
	*plain = image;
	image = NULL;
	ok = true;
out:
	sodium_free(code_bytes);
	sodium_free(slot_key);
	secret_destroy(image);
	if (ok) {
		*out = v;
	} else {
		vault_close(v);
	}
	return ok;
}

bool
vault_open(const char *path, const struct secret *passphrase, bool writable,
	struct vault **out, struct secret **plain, struct ladder_error *err)
{
	return open_common(path, passphrase, NULL, writable, out, plain, err);
}

bool
vault_open_recovery(const char *path, const struct secret *recovery_code,
	bool writable, struct vault **out, struct secret **plain,
	struct ladder_error *err)
{
	return open_common(path, NULL, recovery_code, writable, out, plain,
		err);
}

static bool
need_writable(const struct vault *v, struct ladder_error *err)
{
	if (v->lock_fd < 0) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the journal "
			"was opened read-only", v->path);
	}
	return true;
}

bool
vault_save(struct vault *v, const unsigned char *plain, size_t plain_len,
	struct ladder_error *err)
{
	if (!start(err) || !need_writable(v, err) ||
		!check_unchanged(v, err) || !refuse_older(v, err)) {
		return false;
	}
	bool ok = false;
	struct vault_header h = v->hdr;
	unsigned char *image = NULL;
	size_t image_len = 0;
	char *tmp = NULL, *bak_tmp = NULL, *bak = NULL;
	struct file_id id;
	int e = 0;
	if (!seal_gen(v->path, &h, v->key, next_generation(v), v->jid, plain,
		plain_len, &image, &image_len, err)) {
		goto out;
	}
	bak = str_printf("%s.bak", v->real);
	if (bak == NULL) {
		oom(err, v->path);
		goto out;
	}
	if (!write_temp(v, image, image_len, &tmp, &id, err)) {
		goto out;
	}
	/* After a save that failed at its last rename, PATH.bak is already a
	 * link to the journal; rename() between two links of one file does
	 * nothing and would leave the new link behind. */
	if (!same_file(v->real, bak)) {
		if (!link_backup(v, &bak_tmp, err)) {
			goto out;
		}
		if (retry_rename(bak_tmp, bak) != 0) {
			io_failed(v, "keeping the previous generation as a backup",
				errno, err);
			goto out;
		}
		free(bak_tmp);
		bak_tmp = NULL;
	}
	if (retry_rename(tmp, v->real) != 0) {
		io_failed(v, "renaming the new file into place", errno, err);
		goto out;
	}
	/* Committed: the new generation is the journal now. */
	free(tmp);
	tmp = NULL;
	v->hdr = h;
	v->id = id;
	if (h.flags & VAULT_FLAG_GENERATION) {
		v->generation = next_generation(v);
		v->older = false;
		record_generation(v);
	}
	if (!sync_dir(v, &e)) {
		error_set(err, LADDER_FAIL, "%s: saved, but flushing the folder "
			"%s to disk failed (%s), so the save may not survive a power "
			"cut; save again", v->path, v->dir, strerror(e));
		goto out;
	}
	ok = true;
out:
	if (tmp != NULL) {
		retry_unlink(tmp);
	}
	if (bak_tmp != NULL) {
		retry_unlink(bak_tmp);
	}
	free(tmp);
	free(bak_tmp);
	free(bak);
	free(image);
	return ok;
}

bool
vault_rekey(struct vault *v, const struct secret *new_passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	struct secret **new_recovery_code, struct ladder_error *err)
{
	return vault_rekey_shown(v, new_passphrase, level, plain, plain_len,
		NULL, new_recovery_code, err);
}

bool
vault_rekey_shown(struct vault *v, const struct secret *new_passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	const struct vault_code_hook *hook, struct secret **new_recovery_code,
	struct ladder_error *err)
{
	*new_recovery_code = NULL;
	if (!start(err) || !need_writable(v, err)) {
		return false;
	}
	if (new_passphrase->len == 0) {
		return error_set(err, LADDER_FAIL, "%s: passphrase not changed: "
			"the new passphrase is empty", v->path);
	}
	if (!check_unchanged(v, err) || !refuse_older(v, err)) {
		return false;
	}
	bool ok = false;
	unsigned char *old_image = NULL, *bak_image = NULL, *image = NULL;
	size_t old_len = 0, bak_len = 0, image_len = 0;
	struct secret *previous = NULL, *code = NULL;
	unsigned char *key = sodium_malloc(VAULT_KEY_LEN);
	char *tmp = NULL, *bak_tmp = NULL, *bak = NULL;
	struct file_id old_id, bak_id, id;
	struct vault_header h, hb;
	int e = 0;
	if (key == NULL || (bak = str_printf("%s.bak", v->real)) == NULL) {
		oom(err, v->path);
		goto out;
	}
	/* The generation on disk becomes the backup, under the new key. */
	if (!read_journal(v, &old_image, &old_len, &old_id, NULL, err)) {
		goto out;
	}
	if (!file_id_equal(&old_id, &v->id)) {
		error_set(err, LADDER_FAIL, "%s: passphrase not changed: the file "
			"changed on disk since ladder read it; it was left as it is",
			v->path);
		goto out;
	}
	if (!vault_decode(v->path, old_image, old_len, v->key, &previous,
		err)) {
		goto out;
	}
	if (!make_keys(v->path, &h, level, new_passphrase, key, &code, err)) {
		goto out;
	}
	hb = h;
	static const unsigned char zero[GENSTATE_ID_LEN];
	if (memcmp(v->jid, zero, GENSTATE_ID_LEN) == 0) {
		randombytes_buf(v->jid, GENSTATE_ID_LEN);
	}
	if (!seal_gen(v->path, &hb, key, v->generation, v->jid, previous->data,
		previous->len, &bak_image, &bak_len, err) ||
		!seal_gen(v->path, &h, key, next_generation(v), v->jid, plain,
			plain_len, &image, &image_len, err) ||
		!write_temp(v, bak_image, bak_len, &bak_tmp, &bak_id, err) ||
		!write_temp(v, image, image_len, &tmp, &id, err) ||
		!show_code(hook, v->path, code, err)) {
		goto out;
	}
	if (retry_rename(bak_tmp, bak) != 0) {
		io_failed(v, "replacing the backup", errno, err);
		goto out;
	}
	free(bak_tmp);
	bak_tmp = NULL;
	if (retry_rename(tmp, v->real) != 0) {
		io_failed(v, "renaming the new file into place", errno, err);
		goto out;
	}
	/* Committed: the new passphrase and code are in effect. */
	free(tmp);
	tmp = NULL;
	memcpy(v->key, key, VAULT_KEY_LEN);
	v->hdr = h;
	v->id = id;
	v->generation = next_generation(v);
	v->older = false;
	record_generation(v);
	*new_recovery_code = code;
	code = NULL;
	if (!sync_dir(v, &e)) {
		error_set(err, LADDER_FAIL, "%s: passphrase changed, but flushing "
			"the folder %s to disk failed (%s), so the change may not "
			"survive a power cut; keep the new recovery code and save "
			"again", v->path, v->dir, strerror(e));
		goto out;
	}
	ok = true;
out:
	if (tmp != NULL) {
		retry_unlink(tmp);
	}
	if (bak_tmp != NULL) {
		retry_unlink(bak_tmp);
	}
	free(tmp);
	free(bak_tmp);
	free(bak);
	free(image);
	free(bak_image);
	free(old_image);
	secret_destroy(previous);
	secret_destroy(code);
	sodium_free(key);
	return ok;
}

bool
vault_seal_with_key(const unsigned char key[VAULT_KEY_LEN],
	const unsigned char *plain, size_t plain_len, unsigned char **image,
	size_t *image_len, struct ladder_error *err)
{
	*image = NULL;
	*image_len = 0;
	if (!start(err)) {
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
