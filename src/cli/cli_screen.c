/* The full-screen program started from a command. */
#include <stdlib.h>

#include "cli.h"
#include "ladder/util.h"
#include "cli_screen.h"

/* The catalog read when the screen first needs it, not before its first
 * frame (reading the questionnaires is most of the time to it). */
struct lazy_catalog {
	const struct cli_global *g;
	struct catalog *cat;
};

static const struct catalog *
load_catalog(void *ctx)
{
	struct lazy_catalog *l = ctx;
	if (l->cat == NULL) {
		l->cat = cli_catalog_quiet(l->g);
	}
	return l->cat;
}

int
cli_run_screen(const struct cli_global *g, const struct catalog *cat,
	enum tui_start start, const struct questionnaire *q, int set)
{
	struct lazy_catalog lazy = {g, NULL};
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
		.load_catalog = load_catalog,
		.catalog_ctx = &lazy,
		.kdf = cli_default_kdf(),
		.kdf_given = getenv("LADDER_KDF") != NULL && getenv("LADDER_KDF")[0] != '\0',
		.accept_older = g->accept_older,
		.lock_after = g->lock_after,
	};
	int rc = tui_run(&o);
	free(path);
	if (lazy.cat != NULL) {
		cli_catalog_warn(lazy.cat); /* the screen is gone: said now */
		catalog_destroy(lazy.cat);
	}
	return rc;
}
