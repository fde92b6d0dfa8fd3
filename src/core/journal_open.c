/* Opening the journal and the KDF policy (include/ladder/journal_open.h). */
#include "ladder/journal_open.h"

#include "ladder/paths.h"
#include "ladder/rescore.h"

static bool
get_passphrase(const struct journal_opener *o, int attempt, struct secret **pass,
	struct ladder_error *err)
{
	if (o->pass != NULL) {
		*pass = secret_from_bytes(o->pass->data, o->pass->len);
		return *pass != NULL || error_set(err, LADDER_FAIL, "out of memory");
	}
	if (o->passphrase_file != NULL) {
		if (!secret_read_file(o->passphrase_file, pass, err)) {
			return false;
		}
		if ((*pass)->len == 0) {
			secret_destroy(*pass);
			*pass = NULL;
			return error_set(err, LADDER_USAGE, "no passphrase was given: the first "
				"line of %s is empty", o->passphrase_file);
		}
		return true;
	}
	if (o->ask == NULL) {
		return error_set(err, LADDER_USAGE, "no passphrase was given");
	}
	return o->ask(o->ctx, attempt, pass, err);
}

bool
journal_open(const struct journal_opener *o, struct store **out, struct ladder_error *err)
{
	*out = NULL;
	if (!vault_exists(o->path)) {
		return error_set(err, LADDER_FAIL, "there is no journal at %s yet%s%s", o->path,
			o->missing_hint ? ": " : "", o->missing_hint ? o->missing_hint : "");
	}
	bool asking = o->pass == NULL && o->passphrase_file == NULL;
	int tries = asking && o->tries > 1 ? o->tries : 1;
	for (int attempt = 1;; attempt++) {
		struct secret *pass = NULL;
		error_clear(err);
		bool ok = get_passphrase(o, attempt, &pass, err) &&
			store_open(o->path, pass, o->writable, out, err);
		secret_destroy(pass);
		if (ok) {
			break;
		}
		if (err->status == LADDER_BAD_PASSPHRASE && attempt < tries) {
			if (o->wrong != NULL) {
				o->wrong(o->ctx, attempt, tries);
			}
			continue;
		}
		return false;
	}
	if (o->cat != NULL && !journal_rescore((*out)->journal, o->cat, NULL, NULL, err)) {
		store_close(*out);
		*out = NULL;
		return false;
	}
	return true;
}

enum kdf_level
kdf_level_default(const char *env, bool *bad)
{
	enum kdf_level level = KDF_MODERATE;
	*bad = false;
	if (env != NULL && env[0] != '\0' && !kdf_level_from_name(env, &level)) {
		*bad = true;
		level = KDF_MODERATE;
	}
	return level;
}

enum kdf_level
kdf_level_of(const struct vault *v)
{
	const struct vault_header *h = vault_get_header(v);
	enum kdf_level best = KDF_MIN;
	for (int l = KDF_MIN; l <= KDF_SENSITIVE; l++) {
		uint64_t ops, mem;
		kdf_level_params((enum kdf_level)l, &ops, &mem);
		if (h != NULL && h->opslimit >= ops && h->memlimit >= mem) {
			best = (enum kdf_level)l;
		}
	}
	return best;
}

bool
kdf_level_for_rekey(const struct vault *v, const char *given, const char *env,
	enum kdf_level *level, struct ladder_error *err)
{
	enum kdf_level now = kdf_level_of(v);
	if (given != NULL) {
		if (!kdf_level_from_name(given, level)) {
			return error_set(err, LADDER_USAGE, "--kdf %s: expected one of min, "
				"interactive, moderate, sensitive", given);
		}
		return true;
	}
	if (env != NULL && env[0] != '\0') {
		bool bad;
		*level = kdf_level_default(env, &bad);
		if (*level < now) {
			return error_set(err, LADDER_FAIL, "LADDER_KDF=%s would weaken this "
				"journal's key derivation (it is %s now); nothing was changed. "
				"Give --kdf %s to mean it, or unset LADDER_KDF", env,
				kdf_level_name(now), bad ? "moderate" : kdf_level_name(*level));
		}
		return true;
	}
	*level = now > KDF_MODERATE ? now : KDF_MODERATE;
	return true;
}
