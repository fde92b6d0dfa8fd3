/* ladder without a command: the home screen, or with --plain where the
 * person stands, in lines of text. */
#include "cli.h"
#include "plain.h"
#include "cli_screen.h"

int
cmd_home(const struct cli_global *g)
{
	if (!g->plain) {
		return cli_run_screen(g, NULL, TUI_START_HOME, NULL, 0);
	}
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = plain_home(g, cat);
	catalog_destroy(cat);
	return rc;
}
