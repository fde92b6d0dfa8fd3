/* ladder score ID --answers FILE [--text] [--set N]: the result of an
 * answers file, as JSON or as the readable explanation; the journal is
 * untouched. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/modeltext.h"
#include "ladder/report.h"
#include "ladder/score.h"
#include "report_text.h"

enum { SCORE_ANSWERS, SCORE_TEXT, SCORE_SET };

#define TEXT_WIDTH 78

static bool
print_text(const struct questionnaire *q, const struct answers *ans, const cJSON *json)
{
	struct ladder_error err;
	error_clear(&err);
	/* the model's texts name the rungs; without them, the built-in names */
	struct model_texts *m = model_texts_load_default(&err);
	cJSON *values = answers_values_to_json(q, ans);
	struct report_input in = {.q = q, .model = m, .result = json, .answers = values};
	struct report r = {0};
	bool ok = values != NULL && report_result(&r, &in);
	if (ok) {
		printf("%s\n\n", r.title);
		report_write_text(stdout, &r, TEXT_WIDTH);
		printf("\nNot recorded: 'ladder score' keeps nothing.\n"
		       "'ladder assess %s --answers FILE' records it in your journal.\n", q->id);
		ok = fflush(stdout) == 0 && !ferror(stdout);
		if (!ok) {
			cli_error("cannot write the result");
		}
	} else {
		cli_error("out of memory");
	}
	report_finish(&r);
	cJSON_Delete(values);
	model_texts_destroy(m);
	return ok;
}

static int
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
	int set = 0;
	const struct questionnaire *q = cli_questionnaire(cat, a->pos[0], &owned);
	if (q == NULL) {
		goto out;
	}
	if (!cli_set_value(a, SCORE_SET, q, &set)) {
		rc = LADDER_USAGE;
		goto out;
	}
	struct ladder_error err;
	error_clear(&err);
	ans = answers_load(q, answers_path, &err);
	if (ans == NULL || (set != 0 && !answers_settle_set(q, ans, set, &err))) {
		cli_error("%s%s%s", ans != NULL ? answers_path : "", ans != NULL ? ": " : "", err.msg);
		goto out;
	}
	r = score_compute(q, ans);
	json = r ? result_to_json(r) : NULL;
	if (json == NULL) {
		cli_error("out of memory");
		goto out;
	}
	if (cli_flag(a, SCORE_TEXT)) {
		rc = print_text(q, ans, json) ? LADDER_OK : LADDER_FAIL;
	} else {
		rc = cli_print_json(json) ? LADDER_OK : LADDER_FAIL;
	}
out:
	cJSON_Delete(json);
	result_destroy(r);
	answers_destroy(ans);
	questionnaire_destroy(owned);
	catalog_destroy(cat);
	return rc;
}

static const struct cli_opt score_opts[] = {
	[SCORE_ANSWERS] = {"answers", 0, true, false},
	[SCORE_TEXT] = {"text", 0, false, false},
	[SCORE_SET] = {"set", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_score = {"score", cmd_score, score_opts, 1, 1, "score ID|FILE --answers FILE [--text] [--set N]",
		"print the result of an answers file (JSON or readable text); no journal"};
