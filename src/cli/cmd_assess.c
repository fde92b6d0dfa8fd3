/* ladder assess [ID|FILE] [--set N] [--answers FILE]: a questionnaire taken
 * on the full screen or, with --plain, line by line; with --answers, an
 * answers file recorded as a session (no screen). */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/problems.h"
#include "ladder/assessment.h"
#include "ladder/journal.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "plain.h"
#include "cli_screen.h"

enum { ASSESS_ANSWERS, ASSESS_SET };

static int
assess_answers(const struct cli_global *g, const struct cli_args *a)
{
	const char *answers_path = cli_value(a, ASSESS_ANSWERS);
	struct cli_subject sub;
	int rc = cli_subject_open(g, a, ASSESS_SET, &sub);
	if (rc != LADDER_OK) {
		return rc;
	}
	rc = LADDER_FAIL;
	const struct questionnaire *q = sub.q;
	int set = sub.set;
	struct answers *ans = NULL;
	struct ladder_error err;
	error_clear(&err);
	/* check the answers before asking for the passphrase: every problem
	 * of the file at once */
	struct problems pr;
	problems_init(&pr);
	ans = answers_load_all(q, answers_path, &pr);
	cli_print_problems(&pr);
	problems_finish(&pr);
	if (ans == NULL) {
		cli_error("nothing was recorded; correct the file and run it again");
		goto out;
	}
	if (set != 0 && !answers_settle_set(q, ans, set, &err)) {
		cli_error("%s: %s", answers_path, err.msg);
		goto out;
	}
	rc = cli_record(g, sub.cat, q, ans);
out:
	answers_destroy(ans);
	cli_subject_finish(&sub);
	return rc;
}

static int
cmd_assess(const struct cli_global *g, const struct cli_args *a)
{
	if (cli_value(a, ASSESS_ANSWERS) != NULL) {
		if (a->n_pos != 1) {
			cli_error("--answers needs the questionnaire too (usage: ladder assess ID --answers FILE)");
			return LADDER_USAGE;
		}
		return assess_answers(g, a);
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
	rc = g->plain ? plain_assess(g, cat, q, set) : cli_run_screen(g, cat, TUI_START_ASSESS, q, set);
out:
	questionnaire_destroy(owned);
	catalog_destroy(cat);
	return rc;
}

static const struct cli_opt assess_opts[] = {
	[ASSESS_ANSWERS] = {"answers", 0, true, false},
	[ASSESS_SET] = {"set", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_assess = {"assess", cmd_assess, assess_opts, 0, 1, "assess [ID|FILE] [--set N] [--answers FILE]",
		"take a questionnaire; with --answers, record an answers file (no screen)"};
