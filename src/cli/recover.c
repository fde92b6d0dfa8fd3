/* `ladder passwd` at a terminal without --recovery-code-file: the current
 * passphrase, or, left empty, the recovery code typed in, so that a
 * forgotten passphrase needs no file holding the code. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/store.h"
#include "passphrase.h"

int
cli_open_for_passwd(const char *path, struct store **out)
{
	*out = NULL;
	struct secret *pass = NULL;
	struct ladder_error err;
	error_clear(&err);
	int rc = LADDER_OK;
	if (!vault_exists(path)) {
		cli_error("there is no journal at %s yet: create one with 'ladder init' (or start 'ladder')", path);
		return LADDER_FAIL;
	}
	bool ok = passphrase_prompt("Current passphrase (leave it empty if you have "
		"forgotten it): ", false, &pass, &err);
	if (ok && pass->len > 0) {
		ok = store_open(path, pass, true, out, &err);
	} else if (ok) {
		secret_destroy(pass);
		pass = NULL;
		fprintf(stderr, "Then the recovery code you wrote down when the journal was "
			"created (dashes, spaces and capitals do not matter).\n");
		ok = passphrase_prompt("Recovery code: ", false, &pass, &err) &&
			store_open_recovery(path, pass, out, &err);
	}
	if (!ok) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
	}
	secret_destroy(pass);
	return rc;
}
