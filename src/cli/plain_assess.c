/* --plain assess: a questionnaire line by line (the set of this session,
 * resuming an unfinished one), the result explained (the document the
 * result screen shows) and a reflection. */
#include "plain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/journal.h"
#include "ladder/modeltext.h"
#include "ladder/report.h"
#include "ladder/assessment.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/timeutil.h"
#include "plain_impl.h"
#include "report_text.h"

#define PLAIN_WIDTH 78

static const char *
option_text(const struct questionnaire *q, const struct item *it, size_t o)
{
	return it->kind == ITEM_SCENARIO ? it->options[o].text : q->scales[it->scale].labels[o];
}

/* The result explained (as on the result screen and in score --text). */
static void
print_result(const struct catalog *cat, const struct questionnaire *given,
	const struct journal *j, size_t index, const struct model_texts *m)
{
	const struct journal_session *s = &j->sessions[index];
	const struct questionnaire *q = plain_find_q(cat, given, s->questionnaire);
	struct report_input in = {.q = q, .model = m, .result = s->result,
		.answers = s->answers, .completed_at = s->completed_at,
		.mv = journal_movement(j, index)};
	struct report r;
	if (!report_result(&r, &in)) {
		cli_error("out of memory");
	} else {
		printf("Your result: %s\n\n", r.title);
		report_write_text(stdout, &r, PLAIN_WIDTH);
	}
	report_finish(&r);
}

enum step { STEP_ANSWER, STEP_SKIP, STEP_BACK, STEP_QUIT, STEP_END };

static enum step
ask_item(const struct questionnaire *q, struct answers *a, size_t i, size_t nth,
	size_t of)
{
	const struct item *it = &q->items[i];
	size_t nopt = answers_choices(q, i);
	printf("\nQuestion %zu of %zu\n%s\n", nth, of, it->text);
	for (size_t o = 0; o < nopt; o++) {
		printf("  %zu. %s\n", o + 1, option_text(q, it, o));
	}
	long prev = answers_choice(q, a, i);
	if (prev >= 0) {
		printf("Your answer so far: %ld. Press Enter to keep it.\n", prev + 1);
	}
	for (;;) {
		printf("Your answer (1-%zu; s skip, b back, q stop and keep your answers): ", nopt);
		char *line = plain_read_line();
		if (line == NULL) {
			return STEP_END;
		}
		char *end = NULL;
		long v = strtol(line, &end, 10);
		bool number = end != line && *end == '\0';
		char c = line[0];
		bool empty = c == '\0';
		free(line);
		if (number && v >= 1 && (size_t)v <= nopt) {
			answers_choose(q, a, i, (size_t)(v - 1));
			return STEP_ANSWER;
		}
		if (empty && prev >= 0) {
			return STEP_ANSWER;
		}
		if (!number && (c == 's' || c == 'S')) {
			a->values[i] = ANSWER_SKIPPED;
			return STEP_SKIP;
		}
		if (!number && (c == 'b' || c == 'B')) {
			return STEP_BACK;
		}
		if (!number && (c == 'q' || c == 'Q')) {
			return STEP_QUIT;
		}
		printf("Please type a number from 1 to %zu, or s, b or q.\n", nopt);
	}
}

static void
list_questionnaires(const struct catalog *cat)
{
	printf("Which questionnaire? Start it with: ladder --plain assess ID\n");
	for (size_t i = 0; i < cat->n; i++) {
		printf("  %s: %s (%zu questions)\n", cat->items[i]->id, cat->items[i]->title,
			cat->items[i]->n_items);
	}
}

static int
keep_unfinished(struct store *s, const struct assessment *as)
{
	struct ladder_error err;
	error_clear(&err);
	bool kept;
	if (!assessment_keep(as, s->journal, &kept, &err)) {
		cli_error("%s", err.msg);
		return LADDER_FAIL;
	}
	if (!kept) {
		printf("You have not answered anything yet, so there is nothing to keep.\n");
		return LADDER_OK;
	}
	if (!plain_save(s)) {
		return LADDER_FAIL;
	}
	printf("Your answers so far are saved. Carry on later with: ladder --plain assess %s\n",
		as->q->id);
	return LADDER_OK;
}

/* Offers the unfinished sitting of q, if any: 1 carry on, 0 begin anew
 * (also when there is none), -1 "not now". */
static int
offer_resume(struct store *s, const struct questionnaire *q, int given)
{
	const struct journal_unfinished *u = journal_unfinished_get(s->journal, q->id);
	if (u == NULL) {
		return 0;
	}
	char date[TIME_DATE_LEN];
	time_format_date(u->started_at, date);
	int kept = cJSON_GetArraySize(u->answers);
	int kept_set = answers_json_set(q, u->answers);
	printf("You started this on %s and answered %d of its %zu questions; your answer%s kept.\n",
		date, kept, assessment_kept_asked(s->journal, q, u, given),
		kept == 1 ? " is" : "s are");
	int choice = plain_ask_carry_on();
	if (choice == 3) {
		return -1;
	}
	if (choice != 1) {
		return 0;
	}
	if (given != 0 && kept_set != 0 && kept_set != given && u->version == q->version) {
		/* the kept answers decide: nothing kept is thrown away */
		printf("Your kept answers are to set %d, so you carry on with set %d (not set %d).\n",
			kept_set, kept_set, given);
	}
	return 1;
}

int
plain_assess(const struct cli_global *g, const struct catalog *cat,
	const struct questionnaire *q, int set)
{
	if (q == NULL) {
		list_questionnaires(cat);
		return LADDER_USAGE;
	}
	struct ladder_error err;
	error_clear(&err);
	struct model_texts *m = NULL;
	struct store *s = NULL;
	struct assessment *as = NULL;
	int rc = plain_open(g, cat, true, &m, &s);
	if (rc != LADDER_OK) {
		return rc;
	}
	plain_catch_signals();
	rc = LADDER_FAIL;
	printf("%s\n", q->title);
	int resume = offer_resume(s, q, set);
	if (resume < 0) {
		printf("Not now: your answers stay kept for next time.\n");
		rc = LADDER_OK;
		goto out;
	}
	enum assessment_begun how;
	if ((as = assessment_begin(s->journal, q, set, resume == 1, time_now(), &how)) == NULL) {
		cli_error("out of memory");
		goto out;
	}
	if (how == ASSESSMENT_AFRESH) {
		printf("The questionnaire has changed since then, so the earlier "
		       "answers do not fit; starting afresh.\n");
	}
	struct answers *a = as->ans;
	size_t nth, n_asked = assessment_asked(as, &nth);
	if (q->description != NULL) {
		printf("%s\n", q->description);
	}
	printf("%zu questions.", n_asked);
	if (a->set > 0) {
		printf(" The situations are set %d of %d%s.", a->set, q->n_sets,
			journal_is_repeat(s->journal, q, a->set)
			? ", which you have taken before: you have seen their best answers" : "");
	}
	printf("\nAnswer each question with the number of an option. s skips it, b goes "
	       "back one question, q stops and keeps your answers for later.\n");
	for (;;) {
		assessment_asked(as, &nth);
		enum step st = ask_item(q, a, as->pos, nth, n_asked);
		if (st == STEP_QUIT || st == STEP_END) {
			if (st == STEP_END) {
				printf("\n%s: ", plain_stopped() ? "Stopped" : "End of input");
			}
			rc = keep_unfinished(s, as);
			goto out;
		}
		long to = assessment_step(as, st == STEP_BACK ? -1 : 1);
		if (st == STEP_BACK && to < 0) {
			printf("This is the first question.\n");
			continue;
		}
		if (to >= 0) {
			as->pos = (size_t)to;
			continue;
		}
		if (answers_count(a) == 0) {
			printf("You have not answered any question, so there is nothing to place. "
			       "Go back with b, or stop with q.\n");
			continue;
		}
		break;
	}
	struct journal_session *sess = assessment_finish(as, s->journal, time_now(), &err);
	if (sess == NULL) {
		cli_error("%s", err.msg);
		goto out;
	}
	size_t index = (size_t)(sess - s->journal->sessions);
	if (!plain_save(s)) {
		goto out;
	}
	printf("\n");
	print_result(cat, q, s->journal, index, m);
	printf("\nYour result is saved in your journal.\n\n");
	char *note = NULL;
	if (plain_ask_yes("Would you like to write a reflection on it?", false)) {
		printf("Type it below, then a line with only a full stop (.) to save it. "
		       "An empty first line skips.\n");
		note = plain_read_reflection();
	}
	if (note != NULL) {
		bool ok = journal_session_set_note(s->journal, &s->journal->sessions[index], note,
			&err);
		sodium_memzero(note, strlen(note));
		free(note);
		if (!ok) {
			cli_error("%s", err.msg);
			goto out;
		}
		if (!plain_save(s)) {
			goto out;
		}
		printf("Your reflection is saved.\n");
	}
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
out:
	assessment_destroy(as);
	store_close(s);
	model_texts_destroy(m);
	return rc;
}
