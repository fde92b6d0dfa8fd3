/* ladder history: how the person moved between the rungs, on the full
 * screen or, with --plain, as lines of text. */
#include "cli.h"
#include "plain.h"
#include "cli_screen.h"

static int
cmd_history(const struct cli_global *g, const struct cli_args *a)
{
	(void)a;
	if (!g->plain) {
		return cli_run_screen(g, NULL, TUI_START_HISTORY, NULL, 0);
	}
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = plain_history(g, cat);
	catalog_destroy(cat);
	return rc;
}

const struct cli_command cli_cmd_history = {"history", cmd_history, cli_no_opts, 0, 0, "history",
		"how you have moved between the rungs over time"};
