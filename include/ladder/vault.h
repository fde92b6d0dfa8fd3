#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ladder/error.h"
#include "ladder/piece.h"
#include "ladder/secret.h"

/* The vault: the journal file as encrypted bytes. It knows nothing of what
 * the plaintext means (the journal model serialises sessions into it); it
 * seals it (Argon2id + XChaCha20-Poly1305), saves it atomically with a
 * backup of the previous generation, and holds a lock against a second
 * writer. The byte layout, the order of checks when opening and the save
 * protocol are documented in ladder-journal(5).
 *
 * Files, for a journal at PATH (symbolic links to it are followed, and the
 * files below sit next to the file it points to):
 *   PATH              the journal, mode 0600
 *   PATH.bak          the previous generation, same passphrase, 0600
 *   PATH.lock         flock(2)ed while open for writing; never removed, 0600
 *   PATH.tmp.XXXXXX   while saving; left only by a crash, removed at the
 *                     next writable open
 *
 * Status of every failure (struct ladder_error): LADDER_BAD_PASSPHRASE (3)
 * for a wrong passphrase or recovery code, LADDER_DAMAGED (4) for a file
 * that is not an intact journal, LADDER_LOCKED (5) when another process
 * holds the lock, LADDER_FAIL (1) for everything else (I/O, memory, misuse).
 * Messages name the file and say what to do; the core never prints. */

enum kdf_level {
	KDF_MIN,         /* ops 1, 8 KiB: tests only, protects nothing */
	KDF_INTERACTIVE, /* ops 2, 64 MiB */
	KDF_MODERATE,    /* ops 3, 256 MiB (~0.7 s) */
	KDF_SENSITIVE,   /* ops 4, 1 GiB (~3.5 s) */
};

/* "min", "interactive", "moderate", "sensitive" */
bool kdf_level_from_name(const char *name, enum kdf_level *out);
const char *kdf_level_name(enum kdf_level level);
/* Argon2id parameters of a level. */
void kdf_level_params(enum kdf_level level, uint64_t *opslimit,
	uint64_t *memlimit);

#define VAULT_FORMAT_VERSION 1
/* Header flag: the content starts with the generation (8 bytes, little
 * endian, 1 for a new journal, one more at every save) and the journal's
 * random id (16 bytes), both authenticated with the rest. */
#define VAULT_FLAG_GENERATION 0x0001
#define VAULT_GEN_PREFIX 24
#define VAULT_MAGIC "\x89LAD\r\n\x1a\n"
#define VAULT_MAGIC_LEN 8
#define VAULT_HEADER_LEN 256 /* version 1 */
#define VAULT_SALT_LEN 16
#define VAULT_NONCE_LEN 24
#define VAULT_KEY_LEN 32
#define VAULT_TAG_LEN 16
#define VAULT_WRAPPED_LEN (VAULT_KEY_LEN + VAULT_TAG_LEN)
#define VAULT_HASH_LEN 32
#define VAULT_KDF_ARGON2ID 1
#define VAULT_AEAD_XCHACHA20POLY1305 1
/* Caps checked before the key derivation or any allocation. */
#define VAULT_OPSLIMIT_MAX 10
#define VAULT_MEMLIMIT_MAX (UINT64_C(1) << 30)
#define VAULT_PLAIN_MAX ((size_t)256 << 20)
/* The recovery code: 40 characters of Crockford base32 in 8 groups of 5
 * separated by '-' (160 random bits + a 40-bit check against typos). */
#define VAULT_RECOVERY_CODE_LEN 47

struct vault_slot {
	unsigned char nonce[VAULT_NONCE_LEN];
	unsigned char wrapped[VAULT_WRAPPED_LEN]; /* the data key, sealed */
};

/* The parsed header (all integers little-endian on disk). */
struct vault_header {
	uint16_t version;
	uint16_t header_len;
	uint8_t kdf_id;
	uint8_t aead_id;
	uint16_t flags;
	uint64_t opslimit;
	uint64_t memlimit;
	unsigned char salt[VAULT_SALT_LEN];
	struct vault_slot passphrase_slot;
	struct vault_slot recovery_slot;
	unsigned char payload_nonce[VAULT_NONCE_LEN];
	uint64_t payload_len; /* ciphertext bytes after the header, tag included */
	unsigned char hash[VAULT_HASH_LEN]; /* BLAKE2b-256 of the bytes before */
};

/* An open journal: its path, the lock (when writable), the data key in
 * sodium_malloc memory, the header, and the identity of the file as last
 * read or written (device, inode, size, mtime) to notice changes on disk. */
struct vault;

/* Checks the bytes of a whole journal file without any key, in this order:
 * magic, version, header length, header checksum, flags, algorithm ids, KDF
 * caps and minimums, payload length cap, and that the file ends exactly at
 * the payload's end. Any failure is LADDER_DAMAGED. name is used in
 * messages. Safe on any input (fuzz target). */
bool vault_header_parse(const char *name, const unsigned char *buf,
	size_t len, struct vault_header *h, struct ladder_error *err);
/* vault_header_parse, then decrypts the payload with the data key into
 * sodium_malloc memory (*plain). Failure of the tag: LADDER_DAMAGED. */
bool vault_decode(const char *name, const unsigned char *buf, size_t len,
	const unsigned char key[VAULT_KEY_LEN], struct secret **plain,
	struct ladder_error *err);
/* For tests and fuzz targets only: the bytes of a whole journal holding
 * plain sealed under the data key itself (MIN KDF parameters, a fresh salt
 * and nonce, key slots of random bytes that no passphrase opens), which
 * vault_decode with the same key opens. *image is malloc'ed. */
bool vault_seal_with_key(const unsigned char key[VAULT_KEY_LEN],
	const unsigned char *plain, size_t plain_len, unsigned char **image,
	size_t *image_len, struct ladder_error *err);

/* Creates a journal at path holding plain (refused when anything exists at
 * path; missing parent folders are made 0700). The passphrase must not be
 * empty. Returns the recovery code, shown once to the person, as a
 * NUL-terminated string ("XXXXX-XXXXX-...") in *recovery_code, and, when
 * out is not NULL, the journal open and locked for writing (else it is
 * closed). */
bool vault_create(const char *path, const struct secret *passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	struct secret **recovery_code, struct vault **out,
	struct ladder_error *err);

/* The one moment a new recovery code is shown: after everything of the
 * change is written and before the rename that makes the code the only
 * one. show returns false when the code could not be shown (a failed
 * write or flush): nothing is committed then. So a kill at any moment
 * leaves the old code (or no journal) in effect, or the new code shown. */
struct vault_code_hook {
	bool (*show)(const struct secret *code, void *ctx);
	void *ctx;
};
/* vault_create with the hook (NULL: none) */
bool vault_create_shown(const char *path, const struct secret *passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	const struct vault_code_hook *hook, struct secret **recovery_code,
	struct vault **out, struct ladder_error *err);

/* Opens the journal at path. Nothing is returned before the whole file is
 * verified: a damaged file fails (4) before the key derivation runs, then
 * a wrong passphrase (3), then a payload that does not authenticate (4).
 * With writable, first takes the lock (refused: 5) and removes stale temp
 * files; without, nothing is created or removed. Opening never writes the
 * journal. On success *out is the open journal and *plain the plaintext. */
bool vault_open(const char *path, const struct secret *passphrase,
	bool writable, struct vault **out, struct secret **plain,
	struct ladder_error *err);
/* The same with the recovery code instead of the passphrase (spaces and
 * dashes ignored, case-insensitive, O read as 0 and I, L as 1), usually
 * writable, to set a new passphrase with vault_rekey. A mistyped code or
 * one that does not fit this journal is status 3. */
bool vault_open_recovery(const char *path, const struct secret *recovery_code,
	bool writable, struct vault **out, struct secret **plain,
	struct ladder_error *err);

/* Saves plain as the new generation: refuses when the file changed on disk
 * since it was read, seals with a fresh nonce, checks the result decrypts,
 * writes PATH.tmp.XXXXXX (O_EXCL, 0600, every write and the fsync checked),
 * keeps the current file as PATH.bak, renames the new file over PATH and
 * fsyncs the folder. On failure the journal is byte-identical, no temp file
 * is left and the vault can retry, with one exception said in the message:
 * when only the final fsync of the folder failed, the new generation is
 * already in place (and the vault knows it) but may not survive a power
 * cut. Needs a writable vault. */
bool vault_save(struct vault *v, const unsigned char *plain, size_t plain_len,
	struct ladder_error *err);
/* The same for a plaintext given as n pieces, sealed where they are. */
bool vault_save_pieces(struct vault *v, const struct piece *pieces, size_t n,
	struct ladder_error *err);

/* A new passphrase (not empty): new salt, the level's parameters, a new
 * data key and a new recovery code (*new_recovery_code, shown once), then
 * saves plain. The backup is replaced by the generation on disk before this
 * call, sealed under the new key, so the old passphrase and the old code
 * open neither file. On failure the journal is byte-identical and the vault
 * keeps the old key; PATH.bak may already be sealed under the new
 * passphrase. One exception, as in vault_save: when only the final fsync of
 * the folder failed, false is returned but the change has happened, and
 * *new_recovery_code is set and must be shown. So: a non-NULL
 * *new_recovery_code always means the new passphrase is in effect. Needs a
 * writable vault. */
bool vault_rekey(struct vault *v, const struct secret *new_passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	struct secret **new_recovery_code, struct ladder_error *err);

/* vault_rekey with the hook (NULL: none); a failed hook is a failure with
 * the journal byte-identical (PATH.bak may already be sealed under the new
 * passphrase) and *new_recovery_code NULL. */
bool vault_rekey_shown(struct vault *v, const struct secret *new_passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	const struct vault_code_hook *hook, struct secret **new_recovery_code,
	struct ladder_error *err);

/* A warning about the place of an open journal, for the front end to show
 * (the core never prints): its folder can be written by the group or by
 * everyone, or belongs to another user. NULL when there is nothing to say. */
const char *vault_warning(const struct vault *v);

/* How long a writable open (and create) waits for the lock held by another
 * process before it gives up with status 5: 0 (the default) gives up at
 * once. Process-wide, set once by the front end (--wait SECONDS). */
void vault_lock_wait_set(unsigned seconds);

/* Rollback: the front end names the state file that remembers the newest
 * generation seen of each journal (genstate.h; NULL: none, the default).
 * Opening an older generation of a journal seen newer here is allowed, but
 * vault_older() then says so (true, with the generations and when the
 * newest was seen), and saving (or a passphrase change) is refused until
 * vault_accept_older(), after which vault_older() is false. The state file
 * is process-wide. */
void vault_state_file_set(const char *path);
bool vault_older(const struct vault *v, uint64_t *generation,
	uint64_t *newest, int64_t *seen_at);
void vault_accept_older(struct vault *v);

/* Wipes the key and releases the lock; accepts NULL. */
void vault_close(struct vault *v);

/* True when there is a journal at path (or anything else in its place,
 * which a new journal must not replace either). */
bool vault_exists(const char *path);

/* The path as given to open or create. */
const char *vault_path(const struct vault *v);
bool vault_writable(const struct vault *v);
/* The header of the generation last read or written. */
const struct vault_header *vault_get_header(const struct vault *v);
