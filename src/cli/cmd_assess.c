/* ladder assess [ID|FILE] [--set N] [--answers FILE]: a questionnaire taken
 * on the full screen or, with --plain, line by line; with --answers, an
 * answers file recorded as a session (no screen). */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/answers.h"
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
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct questionnaire *owned = NULL;
	struct answers *ans = NULL;
	struct result *r = NULL;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	const struct questionnaire *q = cli_questionnaire(cat, a->pos[0], &owned);
	if (q == NULL) {
		goto out;
	}
	int set = 0;
	if (!cli_set_value(a, ASSESS_SET, q, &set)) {
		rc = LADDER_USAGE;
		goto out;
	}
	/* check the answers before asking for the passphrase */
	if ((ans = answers_load(q, answers_path, &err)) == NULL ||
		(set != 0 && !answers_settle_set(q, ans, set, &err))) {
		cli_error("%s%s%s", ans != NULL ? answers_path : "", ans != NULL ? ": " : "", err.msg);
		goto out;
	}
	if ((r = score_compute(q, ans)) == NULL) {
		cli_error("out of memory");
		goto out;
	}
	if ((rc = cli_open_store(g, true, &s)) != LADDER_OK) {
		goto out;
	}
	rc = LADDER_FAIL;
	if (!journal_rescore(s->journal, cat, NULL, NULL, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	r->repeat = journal_is_repeat(s->journal, q, ans->set);
	int64_t now = time_now();
	struct journal_session *sess = journal_add_session(s->journal, q, ans, r, now, now, &err);
	if (sess == NULL || !store_save(s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	printf("Recorded session %s of \"%s\": %s%s%s\n", sess->id, q->id,
		r->p.stage != STAGE_NONE ? stage_name(r->p.stage) : "not placed",
		r->p.borderline ? " (borderline)" : "", r->repeat ? " (a repeat of a set taken before)" : "");
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
out:
	store_close(s);
	result_destroy(r);
	answers_destroy(ans);
	questionnaire_destroy(owned);
	catalog_destroy(cat);
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
