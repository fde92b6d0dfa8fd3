/* The full-screen program started from a command. */
#include <stdlib.h>

#include "cli.h"
#include "ladder/util.h"
#include "cli_screen.h"

int
cli_run_screen(const struct cli_global *g, const struct catalog *cat,
	enum tui_start start, const struct questionnaire *q, int set)
{
	char *path = cli_journal_path(g);
	if (path == NULL) {
		return LADDER_FAIL;
	}
	struct tui_options o = {
		.journal_path = path,
		.passphrase_file = g->passphrase_file,
		.no_color = g->no_color,
		.start = start,
		.questionnaire = q,
		.set = set,
		.catalog = cat,
		.kdf = cli_default_kdf(),
		.kdf_given = getenv("LADDER_KDF") != NULL && getenv("LADDER_KDF")[0] != '\0',
		.accept_older = g->accept_older,
		.lock_after = g->lock_after,
	};
	int rc = tui_run(&o);
	free(path);
	return rc;
}
