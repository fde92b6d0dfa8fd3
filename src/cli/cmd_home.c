/* ladder without a command: the home screen, or with --plain where the
 * person stands, in lines of text. */
#include "cli.h"
#include "plain.h"
#include "cli_screen.h"

int
cmd_home(const struct cli_global *g)
{
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = g->plain ? plain_home(g, cat) : cli_run_screen(g, cat, TUI_START_HOME, NULL, 0);
	catalog_destroy(cat);
	return rc;
}
