/* ladder validate FILE...: checks questionnaire and deck files. */
#include <stdio.h>

#include "cli.h"

static int
cmd_validate(const struct cli_global *g, const struct cli_args *a)
{
	size_t failed = 0;
	struct catalog *cat = NULL;
	for (size_t i = 0; i < a->n_pos; i++) {
		if (cli_is_deck(a->pos[i])) {
			/* a deck's questionnaires are those ladder list shows */
			if (cat == NULL && (cat = cli_catalog(g)) == NULL) {
				return LADDER_FAIL;
			}
			failed += !cli_validate_deck(cat, a->pos[i]);
			continue;
		}
		struct ladder_error err;
		error_clear(&err);
		struct questionnaire *q = questionnaire_load(a->pos[i], &err);
		if (q == NULL) {
			fprintf(stderr, "%s\n", cli_safe(err.msg));
			failed++;
			continue;
		}
		printf("%s: ok (questionnaire \"%s\" version %d: %zu items, %zu facets)\n",
			cli_safe(a->pos[i]), q->id, q->version, q->n_items, q->n_facets);
		questionnaire_destroy(q);
	}
	catalog_destroy(cat);
	fflush(stdout);
	if (failed > 0 && a->n_pos > 1) {
		fprintf(stderr, "ladder: %zu of %zu files failed\n", failed, a->n_pos);
	}
	return failed ? LADDER_FAIL : LADDER_OK;
}

const struct cli_command cli_cmd_validate = {"validate", cmd_validate, cli_no_opts, 1, (size_t)-1, "validate FILE...",
		"check questionnaire and deck files; exit 1 if any has an error"};
