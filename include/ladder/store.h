#pragma once
#include <stdbool.h>
#include "ladder/error.h"
#include "ladder/journal.h"
#include "ladder/secret.h"
#include "ladder/vault.h"

/* An open journal: the vault (file, key, lock) and its content. The one
 * place where the journal model meets the encrypted file. */
struct store {
	struct vault *vault;
	struct journal *journal;
};

/* Creates a new journal file at path with an empty journal, open for
 * writing. *recovery_code is the code to show once. */
bool store_create(const char *path, const struct secret *passphrase,
	enum kdf_level level, struct secret **recovery_code, struct store **out,
	struct ladder_error *err);
/* Opens and decrypts; writable takes the lock (status 5 when refused). */
bool store_open(const char *path, const struct secret *passphrase,
	bool writable, struct store **out, struct ladder_error *err);
bool store_open_recovery(const char *path, const struct secret *code,
	struct store **out, struct ladder_error *err);
/* Saves the journal's current content as a new generation. On failure
 * the file is unchanged and the content stays in memory for a retry. */
bool store_save(struct store *s, struct ladder_error *err);
/* The same with SIGINT, SIGTERM and SIGHUP held back until it is done: for
 * a program whose handlers (or whose person at the keyboard) must not come
 * between a save and what it says of it. */
bool store_save_held(struct store *s, struct ladder_error *err);
/* New passphrase, new data key, new recovery code (shown once). */
bool store_rekey(struct store *s, const struct secret *new_passphrase,
	enum kdf_level level, struct secret **new_recovery_code,
	struct ladder_error *err);
/* The same two with the recovery code handed to hook->show before the
 * change is committed (vault_create_shown, vault_rekey_shown). */
bool store_create_shown(const char *path, const struct secret *passphrase,
	enum kdf_level level, const struct vault_code_hook *hook,
	struct secret **recovery_code, struct store **out,
	struct ladder_error *err);
bool store_rekey_shown(struct store *s, const struct secret *new_passphrase,
	enum kdf_level level, const struct vault_code_hook *hook,
	struct secret **new_recovery_code, struct ladder_error *err);
void store_close(struct store *s);
