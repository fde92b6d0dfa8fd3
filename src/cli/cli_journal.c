/* The journal as the commands open it: its path, the KDF level of a new
 * journal, the passphrase from --passphrase-file or the terminal, the
 * vault's warnings, and the recovery code shown on standard output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/assessment.h"
#include "ladder/journal_open.h"
#include "ladder/timeutil.h"
#include "ladder/paths.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "passphrase.h"

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
	bool bad;
	const char *env = getenv("LADDER_KDF");
	enum kdf_level level = kdf_level_default(env, &bad);
	if (bad) {
		cli_warn("LADDER_KDF=%s is not one of min, interactive, moderate, sensitive; using moderate", env);
	}
	return level;
}

void
cli_kdf_note(enum kdf_level level)
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

/* The terminal's prompt for journal_open. */
static bool
ask_terminal(void *ctx, int attempt, struct secret **pass, struct ladder_error *err)
{
	(void)ctx;
	(void)attempt;
	return passphrase_prompt("Passphrase: ", false, pass, err);
}

int
cli_open_store(const struct cli_global *g, bool writable, struct store **out)
{
	return cli_open_scored(g, writable, NULL, out);
}

int
cli_open_scored(const struct cli_global *g, bool writable, const struct catalog *cat,
	struct store **out)
{
	*out = NULL;
	char *path = cli_journal_path(g);
	if (path == NULL) {
		return LADDER_FAIL;
	}
	struct journal_opener o = {.path = path, .writable = writable,
		.passphrase_file = g->passphrase_file, .ask = ask_terminal,
		.missing_hint = "create one with 'ladder init' (or start 'ladder')", .cat = cat};
	struct ladder_error err;
	error_clear(&err);
	int rc = LADDER_OK;
	if (!journal_open(&o, out, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
	} else {
		cli_vault_warning(g, (*out)->vault);
	}
	free(path);
	return rc;
}

/* The recovery code on standard output, written and flushed (to the disk
 * too when it is a file) before the change that puts it in effect: the
 * vault calls this just before its commit and commits nothing when it
 * fails (ladder init > /dev/full must not make a journal whose only code
 * went nowhere). */
bool
cli_show_recovery_code(const struct secret *code, void *ctx)
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

int
cli_record(const struct cli_global *g, const struct catalog *cat,
	const struct questionnaire *q, const struct answers *ans)
{
	struct ladder_error err;
	error_clear(&err);
	struct store *s = NULL;
	int rc = cli_open_scored(g, true, cat, &s);
	if (rc != LADDER_OK) {
		cli_error("nothing was recorded");
		return rc;
	}
	int64_t now = time_now();
	struct journal_session *sess = journal_record(s->journal, q, ans, now, now, &err);
	if (sess == NULL || !store_save(s, &err)) {
		cli_error("%s", err.msg);
		cli_error("nothing was recorded");
		rc = cli_status(&err);
	} else {
		printf("Recorded session %s of \"%s\": %s%s%s\n", sess->id, q->id,
			sess->stage != STAGE_NONE ? stage_name(sess->stage) : "not placed",
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sess->result, "borderline"))
				? " (borderline)" : "",
			sess->repeat ? " (a repeat of a set taken before)" : "");
		rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
	}
	store_close(s);
	return rc;
}
