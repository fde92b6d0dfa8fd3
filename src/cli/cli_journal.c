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
	enum kdf_level level = KDF_MODERATE;
	const char *env = getenv("LADDER_KDF");
	if (env != NULL && env[0] != '\0' && !kdf_level_from_name(env, &level)) {
		cli_warn("LADDER_KDF=%s is not one of min, interactive, moderate, sensitive; using moderate", env);
		level = KDF_MODERATE;
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

