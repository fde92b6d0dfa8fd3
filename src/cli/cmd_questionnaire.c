#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/paper.h"
#include "ladder/util.h"

int
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

enum { SHOW_JSON, SHOW_TEXT, SHOW_SET, SHOW_PAGE_LINES, SHOW_REFLECTION };

int
cmd_show(const struct cli_global *g, const struct cli_args *a)
{
	if (cli_flag(a, SHOW_JSON) && cli_flag(a, SHOW_TEXT)) {
		cli_error("give --json or --text, not both (usage: ladder show ID [--json|--text])");
		return LADDER_USAGE;
	}
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct questionnaire *owned = NULL;
	const struct questionnaire *q = cli_questionnaire(cat, a->pos[0], &owned);
	if (q == NULL) {
		goto out;
	}
	int set = 0;
	if (!cli_set_value(a, SHOW_SET, q, &set)) {
		rc = LADDER_USAGE;
		goto out;
	}
	if ((set != 0 || cli_flag(a, SHOW_PAGE_LINES) || cli_flag(a, SHOW_REFLECTION)) &&
		!cli_flag(a, SHOW_TEXT)) {
		cli_error("--set, --page-lines and --reflection are for the paper sheet "
			  "(usage: ladder show ID --text [--set N] [--page-lines N] [--reflection])");
		rc = LADDER_USAGE;
		goto out;
	}
	if (cli_flag(a, SHOW_TEXT)) {
		struct paper_opts o = {.set = set, .width = 78, .page_lines = PAPER_PAGE_LINES,
			.reflection = cli_flag(a, SHOW_REFLECTION)};
		const char *pl = cli_value(a, SHOW_PAGE_LINES);
		if (pl != NULL) {
			char *end;
			long n = strtol(pl, &end, 10);
			if (pl[0] < '0' || pl[0] > '9' || *end != '\0' ||
				(n != 0 && (n < PAPER_PAGE_MIN || n > PAPER_PAGE_MAX))) {
				cli_error("--page-lines %s: expected a number of lines from %d to %d, or 0 for no pages",
					pl, PAPER_PAGE_MIN, PAPER_PAGE_MAX);
				rc = LADDER_USAGE;
				goto out;
			}
			o.page_lines = (size_t)n;
		}
		char *text = paper_render(q, &o);
		if (text == NULL) {
			cli_error("out of memory");
			goto out;
		}
		bool ok = fputs(text, stdout) >= 0 && fflush(stdout) == 0;
		free(text);
		rc = ok ? LADDER_OK : LADDER_FAIL;
		goto out;
	}
	cJSON *json = questionnaire_to_json(q);
	if (json == NULL) {
		cli_error("out of memory");
		goto out;
	}
	rc = cli_print_json(json) ? LADDER_OK : LADDER_FAIL;
	cJSON_Delete(json);
out:
	questionnaire_destroy(owned);
	catalog_destroy(cat);
	return rc;
}

int
cmd_validate(const struct cli_global *g, const struct cli_args *a)
{
	size_t failed = 0;
	for (size_t i = 0; i < a->n_pos; i++) {
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
	fflush(stdout);
	if (failed > 0 && a->n_pos > 1) {
		fprintf(stderr, "ladder: %zu of %zu files failed\n", failed, a->n_pos);
	}
	return failed ? LADDER_FAIL : LADDER_OK;
}
