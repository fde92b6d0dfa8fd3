#pragma once
#include <stdbool.h>

#include "ladder/catalog.h"
#include "ladder/error.h"
#include "ladder/secret.h"
#include "ladder/store.h"
#include "ladder/vault.h"

/* Opening the journal, as every front end does it: the passphrase from a
 * file or from the person (the front end's own prompt, with a number of
 * tries), the vault opened (and locked when writable), and sessions of an
 * earlier scoring rule scored again. What the front ends then say of the
 * vault (vault_warning, vault_older) is theirs to show. */
struct journal_opener {
	const char *path;
	bool writable;
	/* where the passphrase comes from: pass when given, else the first
	 * line of passphrase_file ('-': standard input), else ask */
	const struct secret *pass;
	const char *passphrase_file;
	/* Asks the person (attempt 1, 2, ...); false with err to stop. */
	bool (*ask)(void *ctx, int attempt, struct secret **pass, struct ladder_error *err);
	void *ctx;
	int tries; /* wrong passphrases asked again (1: none) */
	/* after a wrong passphrase that will be asked again; may be NULL */
	void (*wrong)(void *ctx, int attempt, int tries);
	/* said when there is no journal at path ("there is no journal at PATH
	 * yet: HINT") */
	const char *missing_hint;
	/* sessions of an earlier rule scored again with these questionnaires
	 * (journal_rescore); NULL: not */
	const struct catalog *cat;
};

/* Opens as o says. The exit status of err (ladder(1), EXIT STATUS) on
 * failure: 3 a wrong passphrase (after o->tries), 4 damaged, 5 in use, 2 no
 * passphrase given, 1 otherwise. */
bool journal_open(const struct journal_opener *o, struct store **out,
	struct ladder_error *err);

/* The KDF policy. The level named in env ($LADDER_KDF; NULL or "": not
 * set) for a new journal: moderate when not set, and when it names no
 * level (*bad then true). */
enum kdf_level kdf_level_default(const char *env, bool *bad);
/* The highest level whose cost the journal's key derivation meets. */
enum kdf_level kdf_level_of(const struct vault *v);
/* The level for a new passphrase of v: given (--kdf) when set; else env
 * ($LADDER_KDF) when set, refused when it would weaken the journal (an
 * environment variable left set for tests must not quietly make a
 * "sensitive" journal cheap to attack); else the journal's own level,
 * never below moderate. False with err (status 2 for a bad name). */
bool kdf_level_for_rekey(const struct vault *v, const char *given, const char *env,
	enum kdf_level *level, struct ladder_error *err);
