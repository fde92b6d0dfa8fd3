#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ladder/error.h"
#include "ladder/secret.h"
#include "ladder/vault.h"

/* The sealed handoff of anonymous exports (ladder-sealed(5)): a
 * facilitator's key pair (X25519), its secret half in a key file sealed
 * with a passphrase (Argon2id + XChaCha20-Poly1305, as the journal), its
 * public half as one line of text; and sealed exports, an anonymous export
 * in a libsodium sealed box for that public key, behind a small header
 * (magic, version, key id, length). Nothing here prints or touches a
 * terminal; errors name the file and say what was expected. */

#define SEALED_PK_LEN 32
#define SEALED_SK_LEN 32
#define SEALED_KEY_ID_LEN 8
/* "ladder-key1:" and 48 characters of URL-safe base64 (the public key and
 * a 4-byte check of it), plus the '\0' */
#define SEALED_PUBLIC_PREFIX "ladder-key1:"
#define SEALED_PUBLIC_LINE_MAX 64

#define SEALED_KEYFILE_MAGIC "\x89LDK\r\n\x1a\n"
#define SEALED_KEYFILE_LEN 184
#define SEALED_EXPORT_MAGIC "\x89LDS\r\n\x1a\n"
#define SEALED_MAGIC_LEN 8
#define SEALED_HEADER_LEN 28
/* the largest export sealed or opened (the room reads no larger) */
#define SEALED_PLAIN_MAX ((size_t)16 << 20)

/* The key file, as parsed without the passphrase. */
struct sealed_keyfile {
	uint16_t version;
	uint64_t opslimit, memlimit;
	unsigned char salt[16];
	unsigned char nonce[24];
	unsigned char pk[SEALED_PK_LEN];
	unsigned char wrapped[SEALED_SK_LEN + 16];
};

/* An opened key: the public key and the secret key, the latter only in
 * sodium_malloc memory. */
struct sealed_key {
	unsigned char pk[SEALED_PK_LEN];
	unsigned char id[SEALED_KEY_ID_LEN];
	struct secret *sk;
};

/* The header of a sealed export. */
struct sealed_header {
	uint16_t version;
	unsigned char key_id[SEALED_KEY_ID_LEN];
	uint64_t length; /* of the sealed box that follows */
};

/* Why a sealed export did not open (sealed_open). */
enum sealed_refusal {
	SEALED_OK,
	SEALED_DAMAGED,     /* not a sealed export, cut short, or altered */
	SEALED_OTHER_KEY,   /* sealed for another facilitator's key */
};

/* The key id of a public key: the first 8 bytes of its BLAKE2b-256 hash;
 * as text, 16 lower-case hex digits. */
void sealed_key_id(const unsigned char pk[SEALED_PK_LEN],
	unsigned char id[SEALED_KEY_ID_LEN]);
void sealed_key_id_hex(const unsigned char id[SEALED_KEY_ID_LEN], char out[17]);

/* The public key as one line (no newline). */
void sealed_public_line(const unsigned char pk[SEALED_PK_LEN],
	char out[SEALED_PUBLIC_LINE_MAX]);
/* A public key from text: the line itself or the content of a .pub file
 * (surrounding blank space and a final newline allowed, nothing else).
 * name is used in messages. Safe on any input (fuzz target). */
bool sealed_public_parse(const char *name, const char *text, size_t len,
	unsigned char pk[SEALED_PK_LEN], struct ladder_error *err);

/* A new key pair: the key file's bytes in file (the secret key sealed with
 * passphrase at KDF level), the public key in pk. The passphrase must not
 * be empty. */
bool sealed_keygen(const struct secret *passphrase, enum kdf_level level,
	unsigned char file[SEALED_KEYFILE_LEN], unsigned char pk[SEALED_PK_LEN],
	struct ladder_error *err);
/* sealed_keygen, then writes path (0600) and path.pub (0644, the line and
 * a newline), both refused when anything is already there; on a failure
 * neither is left. */
bool sealed_keygen_write(const char *path, const struct secret *passphrase,
	enum kdf_level level, unsigned char pk[SEALED_PK_LEN],
	struct ladder_error *err);
/* Checks a key file without the passphrase: magic, version, algorithms,
 * flags, KDF limits (capped as the journal's), size, checksum. Failures
 * are LADDER_DAMAGED. Safe on any input (fuzz target). */
bool sealed_keyfile_parse(const char *name, const unsigned char *buf,
	size_t len, struct sealed_keyfile *out, struct ladder_error *err);
/* Parses and opens a key file with its passphrase: LADDER_BAD_PASSPHRASE
 * for a wrong one, LADDER_DAMAGED for a damaged file. */
bool sealed_key_open(const char *name, const unsigned char *buf, size_t len,
	const struct secret *passphrase, struct sealed_key **out,
	struct ladder_error *err);
/* The same reading the file at path. */
bool sealed_key_load(const char *path, const struct secret *passphrase,
	struct sealed_key **out, struct ladder_error *err);
/* Wipes and frees; accepts NULL. */
void sealed_key_destroy(struct sealed_key *k);

/* True when buf starts with the sealed export's magic. */
bool sealed_is_sealed(const unsigned char *buf, size_t len);
/* The sealed export of plain (at most SEALED_PLAIN_MAX bytes) for pk;
 * *out is malloc'ed (it holds nothing readable without the secret key). */
bool sealed_seal(const unsigned char pk[SEALED_PK_LEN], const unsigned char *plain,
	size_t len, unsigned char **out, size_t *out_len, struct ladder_error *err);
/* Checks a sealed export's header and size, without a key. Failures are
 * LADDER_DAMAGED. Safe on any input (fuzz target). */
bool sealed_header_parse(const char *name, const unsigned char *buf,
	size_t len, struct sealed_header *h, struct ladder_error *err);
/* Opens a sealed export with key into sodium_malloc memory (*plain). On a
 * failure *why says whether the file is damaged or altered, or was sealed
 * for another key, and err says so naming the file. */
bool sealed_open(const char *name, const unsigned char *buf, size_t len,
	const struct sealed_key *key, struct secret **plain,
	enum sealed_refusal *why, struct ladder_error *err);
