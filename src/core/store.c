#include "ladder/store.h"

#include <signal.h>
#include <stdlib.h>

static bool
load(struct store *s, struct secret *plain, struct ladder_error *err)
{
	s->journal = journal_adopt(vault_path(s->vault), plain, err);
	return s->journal != NULL;
}

bool
store_create(const char *path, const struct secret *passphrase,
	enum kdf_level level, struct secret **recovery_code, struct store **out,
	struct ladder_error *err)
{
	return store_create_shown(path, passphrase, level, NULL, recovery_code,
		out, err);
}

bool
store_create_shown(const char *path, const struct secret *passphrase,
	enum kdf_level level, const struct vault_code_hook *hook,
	struct secret **recovery_code, struct store **out,
	struct ladder_error *err)
{
	struct store *s = calloc(1, sizeof(*s));
	struct secret *plain = NULL;
	*out = NULL;
	if (s == NULL || (s->journal = journal_create()) == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto fail;
	}
	plain = journal_serialize(s->journal, err);
	if (plain == NULL ||
		!vault_create_shown(path, passphrase, level, plain->data,
			plain->len, hook, recovery_code, &s->vault, err)) {
		goto fail;
	}
	secret_destroy(plain);
	*out = s;
	return true;
fail:
	secret_destroy(plain);
	store_close(s);
	return false;
}

bool
store_open(const char *path, const struct secret *passphrase, bool writable,
	struct store **out, struct ladder_error *err)
{
	struct store *s = calloc(1, sizeof(*s));
	struct secret *plain = NULL;
	*out = NULL;
	if (s == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	if (!vault_open(path, passphrase, writable, &s->vault, &plain, err) ||
		!load(s, plain, err)) {
		store_close(s);
		return false;
	}
	*out = s;
	return true;
}

bool
store_open_recovery(const char *path, const struct secret *code,
	struct store **out, struct ladder_error *err)
{
	struct store *s = calloc(1, sizeof(*s));
	struct secret *plain = NULL;
	*out = NULL;
	if (s == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	if (!vault_open_recovery(path, code, true, &s->vault, &plain, err) ||
		!load(s, plain, err)) {
		store_close(s);
		return false;
	}
	*out = s;
	return true;
}

bool
store_save(struct store *s, struct ladder_error *err)
{
	/* sealed where the sessions' lines are: no copy of the whole */
	struct journal_pieces *p = journal_pieces_make(s->journal, err);
	if (p == NULL) {
		return false;
	}
	size_t n;
	const struct piece *pieces = journal_pieces_get(p, &n);
	if (!vault_save_pieces(s->vault, pieces, n, err)) {
		journal_pieces_free(p);
		return false;
	}
	/* what was saved is the changed sessions' text from now on: the next
	 * save seals it rather than writing it anew */
	journal_pieces_commit(s->journal, p);
	return true;
}

bool
store_save_held(struct store *s, struct ladder_error *err)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	bool ok = store_save(s, err);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ok;
}

bool
store_rekey(struct store *s, const struct secret *new_passphrase,
	enum kdf_level level, struct secret **new_recovery_code,
	struct ladder_error *err)
{
	return store_rekey_shown(s, new_passphrase, level, NULL,
		new_recovery_code, err);
}

bool
store_rekey_shown(struct store *s, const struct secret *new_passphrase,
	enum kdf_level level, const struct vault_code_hook *hook,
	struct secret **new_recovery_code, struct ladder_error *err)
{
	struct secret *plain = journal_serialize(s->journal, err);
	if (plain == NULL) {
		return false;
	}
	bool ok = vault_rekey_shown(s->vault, new_passphrase, level,
		plain->data, plain->len, hook, new_recovery_code, err);
	secret_destroy(plain);
	return ok;
}

void
store_close(struct store *s)
{
	if (s == NULL) {
		return;
	}
	journal_destroy(s->journal);
	vault_close(s->vault);
	free(s);
}
