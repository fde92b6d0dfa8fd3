/* ladder list: the questionnaires at hand (id, version, title). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int
cmd_list(const struct cli_global *g, const struct cli_args *a)
{
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	size_t w = 2;
	for (size_t i = 0; i < cat->n; i++) {
		size_t n = strlen(cat->items[i]->id);
		w = n > w ? n : w;
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct questionnaire *q = cat->items[i];
		printf("%-*s  %3d  %s\n", (int)w, q->id, q->version, cli_safe(q->title));
	}
	catalog_destroy(cat);
	return fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
}

const struct cli_command cli_cmd_list = {"list", cmd_list, cli_no_opts, 0, 0, "list",
		"list the available questionnaires (id, version, title)"};
