/* The interactive commands: home (no command), assess and history, on the
 * full screen or, with --plain, line by line. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ladder/util.h"
#include "plain.h"
#include "../tui/tui.h"

static int
run_screen(const struct cli_global *g, const struct catalog *cat,
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

int
cmd_home(const struct cli_global *g, const struct cli_args *a)
{
	(void)a;
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = g->plain ? plain_home(g, cat) : run_screen(g, cat, TUI_START_HOME, NULL, 0);
	catalog_destroy(cat);
	return rc;
}

/* The order of assess_opts in cli.c. */
enum { ASSESS_ANSWERS, ASSESS_SET };

int
cmd_assess(const struct cli_global *g, const struct cli_args *a)
{
	if (cli_value(a, ASSESS_ANSWERS) != NULL) {
		if (a->n_pos != 1) {
			cli_error("--answers needs the questionnaire too (usage: ladder assess ID --answers FILE)");
			return LADDER_USAGE;
		}
		return cmd_assess_answers(g, a);
	}
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct questionnaire *owned = NULL;
	const struct questionnaire *q = NULL;
	int set = 0;
	if (a->n_pos == 1 && (q = cli_questionnaire(cat, a->pos[0], &owned)) == NULL) {
		goto out;
	}
	if (cli_value(a, ASSESS_SET) != NULL && q == NULL) {
		cli_error("--set needs the questionnaire too (usage: ladder assess ID --set N)");
		rc = LADDER_USAGE;
		goto out;
	}
	if (q != NULL && !cli_set_value(a, ASSESS_SET, q, &set)) {
		rc = LADDER_USAGE;
		goto out;
	}
	rc = g->plain ? plain_assess(g, cat, q, set) : run_screen(g, cat, TUI_START_ASSESS, q, set);
out:
	questionnaire_destroy(owned);
	catalog_destroy(cat);
	return rc;
}

int
cmd_history(const struct cli_global *g, const struct cli_args *a)
{
	(void)a;
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = g->plain ? plain_history(g, cat) : run_screen(g, cat, TUI_START_HISTORY, NULL, 0);
	catalog_destroy(cat);
	return rc;
}
