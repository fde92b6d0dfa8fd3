#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/score.h"

enum { SCORE_ANSWERS };

int
cmd_score(const struct cli_global *g, const struct cli_args *a)
{
	const char *answers_path = cli_value(a, SCORE_ANSWERS);
	if (answers_path == NULL) {
		cli_error("score needs --answers FILE (usage: ladder score ID --answers FILE)");
		return LADDER_USAGE;
	}
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct questionnaire *owned = NULL;
	struct answers *ans = NULL;
	struct result *r = NULL;
	cJSON *json = NULL;
	const struct questionnaire *q = cli_questionnaire(cat, a->pos[0], &owned);
	if (q == NULL) {
		goto out;
	}
	struct ladder_error err;
	error_clear(&err);
	ans = answers_load(q, answers_path, &err);
	if (ans == NULL) {
		cli_error("%s", err.msg);
		goto out;
	}
	r = score_compute(q, ans);
	json = r ? result_to_json(r) : NULL;
	if (json == NULL) {
		cli_error("out of memory");
		goto out;
	}
	rc = cli_print_json(json) ? LADDER_OK : LADDER_FAIL;
out:
	cJSON_Delete(json);
	result_destroy(r);
	answers_destroy(ans);
	questionnaire_destroy(owned);
	catalog_destroy(cat);
	return rc;
}
