/* The journal commands that need no screen: init, assess --answers, export,
 * import, passwd. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/filewrite.h"
#include "ladder/importcheck.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/paths.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "passphrase.h"

#define IMPORT_MAX_BYTES ((size_t)512 << 20)

void
cli_vault_warning(const struct cli_global *g, struct vault *v)
{
	if (vault_warning(v) != NULL) {
		cli_warn("%s", vault_warning(v));
	}
	uint64_t gen, newest;
	int64_t at;
	if (vault_older(v, &gen, &newest, &at)) {
		char date[TIME_RFC3339_LEN];
		time_format_rfc3339(at, date);
		cli_warn("%s is generation %llu of this journal, but generation %llu was seen here on %s: it may be the backup or an old copy put in its place, and what was saved since is not in it. %s",
			vault_path(v), (unsigned long long)gen, (unsigned long long)newest, date,
			g->accept_older ? "--accept-older: it will be saved over the newer one"
					: "It is not saved over unless --accept-older is given");
		if (g->accept_older) {
			vault_accept_older(v);
		}
	}
}

char *
cli_journal_path(const struct cli_global *g)
{
	char *path = g->journal ? str_dup(g->journal) : paths_default_journal();
	if (path == NULL) {
		cli_error("cannot tell where the journal is: set HOME, XDG_DATA_HOME or LADDER_JOURNAL, or give --journal PATH");
	}
	return path;
}

enum kdf_level
cli_default_kdf(void)
{
	enum kdf_level level = KDF_MODERATE;
	const char *env = getenv("LADDER_KDF");
	if (env != NULL && env[0] != '\0' && !kdf_level_from_name(env, &level)) {
		cli_warn("LADDER_KDF=%s is not one of min, interactive, moderate, sensitive; using moderate", env);
		level = KDF_MODERATE;
	}
	return level;
}

/* The highest level whose cost the journal's key derivation meets. */
static enum kdf_level
journal_level(const struct vault *v)
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

/* The level for a new passphrase: --kdf when given; else $LADDER_KDF, but
 * only when it does not weaken the journal (an environment variable left
 * set for tests must not quietly make a "sensitive" journal cheap to
 * attack); else the journal's own level, never below moderate. Returns
 * false after a message. */
static bool
rekey_level(const struct vault *v, const char *kdf, enum kdf_level *level)
{
	enum kdf_level now = journal_level(v);
	if (kdf != NULL) {
		if (!kdf_level_from_name(kdf, level)) {
			cli_error("--kdf %s: expected one of min, interactive, moderate, sensitive", kdf);
			return false;
		}
		return true;
	}
	const char *env = getenv("LADDER_KDF");
	if (env != NULL && env[0] != '\0') {
		*level = cli_default_kdf();
		if (*level < now) {
			cli_error("LADDER_KDF=%s would weaken this journal's key derivation (it is %s now); nothing was changed. Give --kdf %s to mean it, or unset LADDER_KDF",
				env, kdf_level_name(now), kdf_level_name(*level));
			return false;
		}
		return true;
	}
	*level = now > KDF_MODERATE ? now : KDF_MODERATE;
	return true;
}

static void
kdf_note(enum kdf_level level)
{
	if (level == KDF_MIN) {
		cli_warn("the 'min' key derivation is for tests: it protects nothing against someone who copies the journal");
	}
}

/* The journal's path (it must exist) and the passphrase for it, from
 * --passphrase-file or the terminal. Returns the exit status after
 * printing the reason. */
int
cli_journal_credentials(const struct cli_global *g, char **path, struct secret **pass)
{
	*pass = NULL;
	*path = cli_journal_path(g);
	if (*path == NULL) {
		return LADDER_FAIL;
	}
	if (!vault_exists(*path)) {
		cli_error("there is no journal at %s yet: create one with 'ladder init' (or start 'ladder')", *path);
		return LADDER_FAIL;
	}
	struct ladder_error err;
	error_clear(&err);
	if (!passphrase_get(g->passphrase_file, "Passphrase: ", false, pass, &err)) {
		cli_error("%s", err.msg);
		return cli_status(&err);
	}
	return LADDER_OK;
}

int
cli_open_store(const struct cli_global *g, bool writable, struct store **out)
{
	*out = NULL;
	char *path = NULL;
	struct secret *pass = NULL;
	int rc = cli_journal_credentials(g, &path, &pass);
	struct ladder_error err;
	error_clear(&err);
	if (rc == LADDER_OK && !store_open(path, pass, writable, out, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
	} else if (rc == LADDER_OK) {
		cli_vault_warning(g, (*out)->vault);
	}
	secret_destroy(pass);
	free(path);
	return rc;
}

/* The recovery code on standard output, written and flushed (to the disk
 * too when it is a file) before the change that puts it in effect: the
 * vault calls this just before its commit and commits nothing when it
 * fails (ladder init > /dev/full must not make a journal whose only code
 * went nowhere). */
static bool
show_recovery_code(const struct secret *code, void *ctx)
{
	bool is_new = ctx != NULL;
	printf("%s recovery code, shown only this once:\n\n    %s\n\n",
		is_new ? "Your new" : "Your", (const char *)code->data);
	printf("Write it down on paper and keep it somewhere safe, away from this\n"
	       "computer. If you forget your passphrase, it is the only way back into\n"
	       "your journal: 'ladder passwd --recovery-code-file FILE'.%s\n",
		is_new ? " The old code no longer works." : "");
	struct stat st;
	bool ok = fflush(stdout) == 0 && !ferror(stdout) &&
		(fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode) ||
			fsync(STDOUT_FILENO) == 0);
	if (!ok) {
		cli_error("cannot write the recovery code to standard output: %s",
			strerror(errno ? errno : EIO));
	}
	return ok;
}

enum { INIT_KDF };

int
cmd_init(const struct cli_global *g, const struct cli_args *a)
{
	enum kdf_level level = KDF_MODERATE;
	const char *kdf = cli_value(a, INIT_KDF);
	if (kdf != NULL && !kdf_level_from_name(kdf, &level)) {
		cli_error("--kdf %s: expected one of min, interactive, moderate, sensitive", kdf);
		return LADDER_USAGE;
	}
	char *path = cli_journal_path(g);
	if (path == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct secret *pass = NULL, *code = NULL;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	if (vault_exists(path)) {
		cli_error("%s already exists; ladder never overwrites a journal (choose another path with --journal)", path);
		goto out;
	}
	if (!passphrase_get(g->passphrase_file, "Choose a passphrase: ", true, &pass, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	if (pass->len == 0) {
		cli_error("the passphrase is empty; choose one (a few unrelated words are easy to remember and hard to guess)");
		goto out;
	}
	if (!cli_passphrase_strong_enough(pass, g->passphrase_file == NULL && isatty(STDIN_FILENO))) {
		cli_error("nothing was created; choose a longer passphrase");
		goto out;
	}
	kdf_note(level);
	struct vault_code_hook hook = {show_recovery_code, NULL};
	if (!store_create_shown(path, pass, level, &hook, &code, &s, &err)) {
		cli_error("%s", err.msg);
		cli_error("no journal was created; a recovery code shown above is void");
		rc = cli_status(&err);
		goto out;
	}
	fprintf(stderr, "ladder: created the journal %s\n", cli_safe(path));
	rc = LADDER_OK;
out:
	store_close(s);
	secret_destroy(code);
	secret_destroy(pass);
	free(path);
	return rc;
}

enum { ASSESS_ANSWERS, ASSESS_SET };

int
cmd_assess_answers(const struct cli_global *g, const struct cli_args *a)
{
	const char *answers_path = cli_value(a, ASSESS_ANSWERS);
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct questionnaire *owned = NULL;
	struct answers *ans = NULL;
	struct result *r = NULL;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	const struct questionnaire *q = cli_questionnaire(cat, a->pos[0], &owned);
	if (q == NULL) {
		goto out;
	}
	int set = 0;
	if (!cli_set_value(a, ASSESS_SET, q, &set)) {
		rc = LADDER_USAGE;
		goto out;
	}
	/* check the answers before asking for the passphrase */
	if ((ans = answers_load(q, answers_path, &err)) == NULL ||
		(set != 0 && !answers_settle_set(q, ans, set, &err))) {
		cli_error("%s%s%s", ans != NULL ? answers_path : "", ans != NULL ? ": " : "", err.msg);
		goto out;
	}
	if ((r = score_compute(q, ans)) == NULL) {
		cli_error("out of memory");
		goto out;
	}
	if ((rc = cli_open_store(g, true, &s)) != LADDER_OK) {
		goto out;
	}
	rc = LADDER_FAIL;
	if (!journal_rescore(s->journal, cat, NULL, NULL, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	r->repeat = journal_is_repeat(s->journal, q, ans->set);
	int64_t now = time_now();
	struct journal_session *sess = journal_add_session(s->journal, q, ans, r, now, now, &err);
	if (sess == NULL || !store_save(s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	printf("Recorded session %s of \"%s\": %s%s%s\n", sess->id, q->id,
		r->p.stage != STAGE_NONE ? stage_name(r->p.stage) : "not placed",
		r->p.borderline ? " (borderline)" : "", r->repeat ? " (a repeat of a set taken before)" : "");
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
out:
	store_close(s);
	result_destroy(r);
	answers_destroy(ans);
	questionnaire_destroy(owned);
	catalog_destroy(cat);
	return rc;
}

int
cmd_import(const struct cli_global *g, const struct cli_args *a)
{
	char *text = NULL;
	size_t len = 0, added = 0, already = 0;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	int rc = LADDER_FAIL;
	struct journal *probe = journal_create();
	struct catalog *cat = cli_catalog(g);
	/* check the file fully before asking for the passphrase */
	if (probe == NULL || cat == NULL ||
		!file_read(a->pos[0], IMPORT_MAX_BYTES, &text, &len, &err) ||
		!import_merge(probe, a->pos[0], text, len, &added, &already, &err) ||
		!import_check_answers(a->pos[0], text, len, cat, &err)) {
		cli_error("%s", probe && cat ? err.msg : "out of memory");
		cli_error("nothing was imported; the journal is unchanged");
		goto out;
	}
	if ((rc = cli_open_store(g, true, &s)) != LADDER_OK) {
		goto out;
	}
	rc = LADDER_FAIL;
	size_t sessions_before = s->journal->n_sessions, notes_before = s->journal->n_notes;
	if (!import_merge(s->journal, a->pos[0], text, len, &added, &already, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	size_t new_sessions = s->journal->n_sessions - sessions_before;
	size_t new_notes = s->journal->n_notes - notes_before;
	if (added > 0 && !store_save(s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	printf("Imported %zu new session%s and %zu note%s from %s (%zu already in the journal).\n",
		new_sessions, new_sessions == 1 ? "" : "s", new_notes,
		new_notes == 1 ? "" : "s", a->pos[0], already);
	rc = LADDER_OK;
out:
	catalog_destroy(cat);
	journal_destroy(probe);
	store_close(s);
	free(text);
	return rc;
}

enum { PASSWD_NEW_FILE, PASSWD_RECOVERY_FILE, PASSWD_KDF };

int
cmd_passwd(const struct cli_global *g, const struct cli_args *a)
{
	const char *code_file = cli_value(a, PASSWD_RECOVERY_FILE);
	char *path = cli_journal_path(g);
	if (path == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct store *s = NULL;
	struct secret *code = NULL, *fresh = NULL, *new_code = NULL;
	struct ladder_error err;
	error_clear(&err);
	if (code_file != NULL) {
		if (!vault_exists(path)) {
			cli_error("there is no journal at %s", path);
			goto out;
		}
		if (!secret_read_file(code_file, &code, &err) ||
			!store_open_recovery(path, code, &s, &err)) {
			cli_error("%s", err.msg);
			rc = cli_status(&err);
			goto out;
		}
		cli_vault_warning(g, s->vault);
	} else if (g->passphrase_file == NULL) {
		/* a forgotten passphrase: the code typed, no file needed */
		if ((rc = cli_open_for_passwd(path, &s)) != LADDER_OK) {
			goto out;
		}
	} else if ((rc = cli_open_store(g, true, &s)) != LADDER_OK) {
		goto out;
	}
	rc = LADDER_FAIL;
	enum kdf_level level;
	if (!rekey_level(s->vault, cli_value(a, PASSWD_KDF), &level)) {
		rc = cli_value(a, PASSWD_KDF) != NULL ? LADDER_USAGE : LADDER_FAIL;
		goto out;
	}
	if (!passphrase_get(cli_value(a, PASSWD_NEW_FILE), "New passphrase: ", true, &fresh, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	if (fresh->len == 0) {
		cli_error("the new passphrase is empty; nothing was changed");
		goto out;
	}
	kdf_note(level);
	struct vault_code_hook hook = {show_recovery_code, &hook};
	if (!store_rekey_shown(s, fresh, level, &hook, &new_code, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		/* a code means the new passphrase is in effect (only the last
		 * flush of the folder failed): the code shown holds */
		if (new_code == NULL) {
			cli_error("the passphrase was not changed: the old passphrase and recovery code still work, and a new code shown above is void");
		}
		goto out;
	}
	fprintf(stderr, "ladder: the passphrase of %s is changed; the old one opens neither the journal nor its backup\n", cli_safe(path));
	rc = LADDER_OK;
out:
	secret_destroy(new_code);
	secret_destroy(fresh);
	secret_destroy(code);
	store_close(s);
	free(path);
	return rc;
}
