/* ladder passwd: a new passphrase, with the old one or the recovery code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ladder/journal_open.h"
#include "ladder/secret.h"
#include "ladder/store.h"
#include "passphrase.h"

enum { PASSWD_NEW_FILE, PASSWD_RECOVERY_FILE, PASSWD_KDF };

static int
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
	if (!kdf_level_for_rekey(s->vault, cli_value(a, PASSWD_KDF), getenv("LADDER_KDF"),
		&level, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
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
	cli_kdf_note(level);
	struct vault_code_hook hook = {cli_show_recovery_code, &hook};
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

static const struct cli_opt passwd_opts[] = {
	[PASSWD_NEW_FILE] = {"new-passphrase-file", 0, true, false},
	[PASSWD_RECOVERY_FILE] = {"recovery-code-file", 0, true, false},
	[PASSWD_KDF] = {"kdf", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_passwd = {"passwd", cmd_passwd, passwd_opts, 0, 0,
		"passwd [--new-passphrase-file F] [--recovery-code-file F] [--kdf LEVEL]",
		"change the passphrase, or set a new one with the recovery code"};
