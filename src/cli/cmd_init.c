/* ladder init [--kdf LEVEL]: creates the journal. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/store.h"
#include "passphrase.h"

enum { INIT_KDF };

static int
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
	cli_kdf_note(level);
	struct vault_code_hook hook = {cli_show_recovery_code, NULL};
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

static const struct cli_opt init_opts[] = {
	[INIT_KDF] = {"kdf", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_init = {"init", cmd_init, init_opts, 0, 0, "init [--kdf LEVEL]",
		"create the journal (LEVEL: min, interactive, moderate, sensitive)"};
