#pragma once
/* What the parts of the vault share (not API: nothing outside
 * src/core/vault*.c includes this). The parts, one job each:
 *   vault.c         the API: create, open, save, change the passphrase
 *   vault_header.c  the header codec (ladder-journal(5)) and its messages
 *   vault_seal.c    sealing and opening the payload and the key slots
 *   vault_keys.c    KDF levels and the keys of a new passphrase
 *   vault_code.c    the recovery code
 *   vault_gen.c     generations: the newest seen, older copies
 *   vault_fs.c      the file: reading it, its identity, retried calls
 *   vault_commit.c  the lock, temporary files, the backup and the commit */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <sodium.h>

#include "ladder/genstate.h"
#include "ladder/secret.h"
#include "ladder/vault.h"
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

/* vault_code.c: Crockford's base32 alphabet (also in temporary names) */
extern const char vlt_base32[];

/* vault_header.c */
uint64_t
vlt_get64(const unsigned char *p);
void
vlt_put64(unsigned char *p, uint64_t v);
bool
vlt_oom(struct ladder_error *err, const char *name);
const char *
vlt_backup_hint(const char *name, const char *lead, const char *tail, char *buf,
	size_t size);
__attribute__((format(printf, 3, 4))) bool
vlt_damaged(struct ladder_error *err, const char *name, const char *fmt, ...);
void
vlt_header_encode(struct vault_header *h, unsigned char out[VAULT_HEADER_LEN]);

/* vault_seal.c */
/* Where a seal puts what it makes, a chunk at a time in order (the
 * header, the ciphertext, the tag; last on the final chunk). put returns
 * false, errno set, when it failed. */
struct vlt_sink {
	bool (*put)(struct vlt_sink *s, const unsigned char *data, size_t len,
		bool last);
};
enum vlt_seal {
	VLT_SEAL_OK,
	VLT_SEAL_OOM,  /* out of memory (err set) */
	VLT_SEAL_BAD,  /* too large, or the check of the seal failed (err set) */
	VLT_SEAL_SINK, /* the sink failed (errno set; err not) */
};
/* The whole file (ladder-journal(5)): fills the payload fields of h (a
 * fresh nonce), then hands sink the header and the generation, the
 * journal's id and the n pieces (without them when h has no generation
 * flag) sealed with key. Each chunk is checked before it is handed on
 * (vault_seal.c says how): nothing that does not decrypt back to the
 * pieces reaches the sink. */
enum vlt_seal
vlt_seal_gen_to(const char *name, struct vault_header *h, const unsigned char *key,
	uint64_t generation, const unsigned char *jid, const struct piece *p,
	size_t n, struct vlt_sink *sink, struct ladder_error *err);
/* out = the XChaCha20-Poly1305 (IETF) seal of the n pieces under ad,
 * npub and key, tag last: what crypto_aead_xchacha20poly1305_ietf_encrypt
 * gives for the pieces put together. False when out of memory. */
bool
vlt_seal_pieces(unsigned char *out, const unsigned char *ad, size_t ad_len,
	const struct piece *p, size_t n, const unsigned char *npub,
	const unsigned char *key);
void
vlt_slot_seal(struct vault_slot *slot, const unsigned char *header, uint8_t id,
	const unsigned char *data_key, const unsigned char *slot_key);
bool
vlt_slot_open(const struct vault_slot *slot, const unsigned char *header,
	uint8_t id, const unsigned char *slot_key, unsigned char *data_key);
/* vlt_seal_gen_to into a new buffer: *image (malloc'ed), *image_len. */
bool
vlt_seal_gen(const char *name, struct vault_header *h, const unsigned char *key,
	uint64_t generation, const unsigned char *jid, const struct piece *p,
	size_t n, unsigned char **image, size_t *image_len,
	struct ladder_error *err);
bool
vlt_decrypt_in_place(const char *name, struct secret *image,
	const struct vault_header *h, const unsigned char *key,
	uint64_t *generation, unsigned char *jid, struct ladder_error *err);

/* vault_keys.c */
bool
vlt_derive_passphrase_key(const char *name, const struct secret *pass,
	const struct vault_header *h, unsigned char *key,
	struct ladder_error *err);
bool
vlt_make_keys(const char *name, struct vault_header *h, enum kdf_level level,
	const struct secret *pass, unsigned char *key, struct secret **code,
	struct ladder_error *err);

/* vault_code.c */
void
vlt_derive_recovery_key(const unsigned char *random, const unsigned char *salt,
	unsigned char *key);
bool
vlt_code_parse(const char *name, const struct secret *code, unsigned char *bytes,
	struct ladder_error *err);
struct secret *
vlt_code_create(unsigned char *bytes);

/* vault_gen.c */
void
vlt_record_generation(struct vault *v);
void
vlt_check_generation(struct vault *v);
uint64_t
vlt_next_generation(const struct vault *v);
bool
vlt_refuse_older(const struct vault *v, struct ladder_error *err);

/* vault_fs.c */
const struct vault_io *
vlt_io(void);
int
vlt_retry_open(const char *path, int flags, mode_t mode);
int
vlt_retry_link(const char *from, const char *to);
int
vlt_retry_rename(const char *from, const char *to);
int
vlt_retry_unlink(const char *path);
int
vlt_retry_fchmod(int fd, mode_t mode);
int
vlt_close_fd(int fd);
bool
vlt_write_all(int fd, const unsigned char *p, size_t len);
bool
vlt_read_full(int fd, unsigned char *p, size_t len, size_t *got);
void
vlt_file_id_from_stat(struct file_id *id, const struct stat *st);
bool
vlt_file_id_equal(const struct file_id *a, const struct file_id *b);
struct vault *
vlt_alloc(const char *path, char *real);
bool
vlt_sync_dir(const struct vault *v, int *e);
bool
vlt_same_file(const char *a, const char *b);
/* Lets go of the page cache of the regular file at path (an advice that
 * changes nothing in the file; nothing when there is no such file). */
void
vlt_drop_cached(const char *path);
bool
vlt_check_unchanged(const struct vault *v, struct ladder_error *err);
bool
vlt_read_journal(const struct vault *v, unsigned char **buf, size_t *len,
	struct file_id *id, struct secret **sec, struct ladder_error *err);
char *
vlt_resolve_new(const char *path);

/* vault_commit.c */
bool
vlt_take_lock(struct vault *v, struct ladder_error *err);
void
vlt_remove_stale_temps(const struct vault *v);
bool
vlt_io_failed(const struct vault *v, const char *what, int e,
	struct ladder_error *err);
/* What a new file holds: the generation, the journal's id and the pieces,
 * sealed under h (its payload fields are filled in) and key. */
struct vlt_content {
	struct vault_header *h;
	const unsigned char *key;
	uint64_t generation;
	const unsigned char *jid;
	const struct piece *p;
	size_t n;
};
bool
vlt_write_temp(const struct vault *v, const struct vlt_content *c,
	char **tmp, struct file_id *id, struct ladder_error *err);
bool
vlt_link_backup(const struct vault *v, char **tmp, struct ladder_error *err);
enum vlt_commit {
	VLT_NOT_COMMITTED, /* the journal on disk is unchanged */
	VLT_COMMITTED,
	VLT_UNSYNCED,      /* committed, but the folder was not flushed */
};
/* For the message of a commit whose folder could not be flushed: what
 * was done ("saved"), the word for it ("save"), what to do next. */
struct vlt_done {
	const char *done, *what, *advice;
};
enum vlt_commit
vlt_commit(struct vault *v, char **bak_tmp, const char *bak,
	const char *bak_what, char **tmp, const struct vault_header *h,
	const struct file_id *id, const struct vlt_done *d,
	struct ladder_error *err);

/* vault.c */
bool
vlt_start(struct ladder_error *err);
