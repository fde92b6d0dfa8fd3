/* --plain: line-oriented assessment and history (no curses). Every
 * prompt is one line on standard output and every answer one line on
 * standard input, so it works with screen readers, dumb terminals and
 * pipes. */
#include "plain.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "ladder/explain.h"
#include "ladder/journal.h"
#include "ladder/modeltext.h"
#include "ladder/score.h"
#include "ladder/safetext.h"
#include "ladder/store.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "passphrase.h"

#define PLAIN_TRIES 3

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* Ctrl-C, SIGTERM and SIGHUP end a wait for a line, so that the answers
 * so far can be kept before leaving. */
static void
catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Saves with the ending signals held back: a save is never cut in half. */
static bool
save(struct store *s)
{
	struct ladder_error err;
	error_clear(&err);
	bool ok = store_save_held(s, &err);
	if (!ok) {
		cli_error("%s", err.msg);
	}
	return ok;
}

/* A line of standard input without its newline and surrounding spaces;
 * NULL at the end of input or after a signal. Caller frees. */
static char *
read_line(void)
{
	char *line = NULL;
	size_t cap = 0;
	fflush(stdout);
	errno = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0 || stop_signal != 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ')) {
		line[--n] = '\0';
	}
	size_t lead = strspn(line, " \t");
	memmove(line, line + lead, (size_t)n - lead + 1);
	return line;
}

static int
open_journal(const struct cli_global *g, bool writable, struct store **out)
{
	*out = NULL;
	char *path = cli_journal_path(g);
	if (path == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_OK;
	if (!vault_exists(path)) {
		cli_error("there is no journal at %s yet: create one with 'ladder init' "
			"(or start 'ladder' without --plain)", path);
		free(path);
		return LADDER_FAIL;
	}
	bool from_tty = g->passphrase_file == NULL && isatty(STDIN_FILENO);
	for (int attempt = 1;; attempt++) {
		struct secret *pass = NULL;
		struct ladder_error err;
		error_clear(&err);
		bool ok;
		if (g->passphrase_file != NULL) {
			ok = secret_read_file(g->passphrase_file, &pass, &err);
		} else if (!from_tty) {
			ok = secret_read_fd(STDIN_FILENO, "standard input", &pass, &err);
		} else {
			ok = passphrase_prompt("Passphrase: ", false, &pass, &err);
		}
		ok = ok && store_open(path, pass, writable, out, &err);
		secret_destroy(pass);
		if (ok) {
			cli_vault_warning(g, (*out)->vault);
			break;
		}
		if (from_tty && err.status == LADDER_BAD_PASSPHRASE && attempt < PLAIN_TRIES) {
			fprintf(stderr, "That passphrase did not open the journal (try %d of %d). "
				"Please try again.\n", attempt, PLAIN_TRIES);
			continue;
		}
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		break;
	}
	free(path);
	return rc;
}

/* The model's texts and the journal, both needed by every plain screen:
 * on anything but LADDER_OK, neither is left open. */
static int
open_with_model(const struct cli_global *g, bool writable,
	struct model_texts **m, struct store **s)
{
	struct ladder_error err;
	error_clear(&err);
	*s = NULL;
	*m = model_texts_load_default(&err);
	if (*m == NULL) {
		cli_error("%s", err.msg);
		return LADDER_FAIL;
	}
	int rc = open_journal(g, writable, s);
	if (rc != LADDER_OK) {
		model_texts_destroy(*m);
		*m = NULL;
	}
	return rc;
}

static const struct questionnaire *
find_q(const struct catalog *cat, const struct questionnaire *given, const char *id)
{
	if (given != NULL && strcmp(given->id, id) == 0) {
		return given;
	}
	return catalog_find(cat, id);
}

static void
print_stand(const struct catalog *cat, const struct journal *j,
	const struct model_texts *m)
{
	printf("Where you stand:\n");
	for (size_t i = 0; i < cat->n; i++) {
		const struct questionnaire *q = cat->items[i];
		const struct journal_session *s = journal_last_session(j, q->id);
		if (s == NULL) {
			printf("  %s: not taken yet.\n", q->title);
			continue;
		}
		char date[TIME_DATE_LEN];
		time_format_date(s->completed_at, date);
		if (s->stage == STAGE_NONE) {
			printf("  %s: not placed (too few answers), on %s.\n", q->title, date);
		} else {
			printf("  %s: rung %d of 4, %s, on %s.\n", q->title, (int)s->stage,
				model_texts_stage(m, s->stage)->name, date);
		}
	}
	for (size_t i = 0; i < j->n_unfinished; i++) {
		const struct journal_unfinished *u = &j->unfinished[i];
		const struct questionnaire *q = catalog_find(cat, u->questionnaire);
		printf("  Unfinished: %s (carry on with: ladder --plain assess %s).\n",
			q ? q->title : u->questionnaire, u->questionnaire);
	}
}

int
plain_home(const struct cli_global *g, const struct catalog *cat)
{
	struct model_texts *m = NULL;
	struct store *s = NULL;
	int rc = open_with_model(g, false, &m, &s);
	if (rc == LADDER_OK) {
		print_stand(cat, s->journal, m);
		printf("\nWhat you can do:\n"
		       "  ladder --plain assess ID   take a questionnaire (ID: ");
		for (size_t i = 0; i < cat->n; i++) {
			printf("%s%s", i ? ", " : "", cat->items[i]->id);
		}
		printf(")\n"
		       "  ladder --plain history     how you have moved, with your reflections\n"
		       "  ladder export              your journal as JSON\n");
		rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
	}
	store_close(s);
	model_texts_destroy(m);
	return rc;
}

static size_t
n_options(const struct questionnaire *q, const struct item *it)
{
	if (it->kind == ITEM_SCENARIO) {
		return it->n_options;
	}
	return (size_t)(q->scales[it->scale].max - q->scales[it->scale].min + 1);
}

static const char *
option_text(const struct questionnaire *q, const struct item *it, size_t o)
{
	return it->kind == ITEM_SCENARIO ? it->options[o].text : q->scales[it->scale].labels[o];
}

static long
answered_option(const struct questionnaire *q, const struct answers *a, size_t i)
{
	int v = a->values[i];
	if (v == ANSWER_SKIPPED) {
		return -1;
	}
	const struct item *it = &q->items[i];
	return it->kind == ITEM_SCENARIO ? v : v - q->scales[it->scale].min;
}


/* Each situation with the answer given and the one rated best, with the
 * reasons behind them (as on the result screen). */
static void
print_situations(const struct questionnaire *q, const cJSON *answers)
{
	bool any = false;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (it->kind != ITEM_SCENARIO) {
			continue;
		}
		if (!any) {
			printf("The situations, and the reasons behind the answers:\n");
			any = true;
		}
		size_t best = item_best_option(it);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, it->id);
		long chosen = cJSON_IsString(v) ? item_option_index(it, v->valuestring) : -1;
		printf("  - %s\n", it->text);
		if (chosen < 0) {
			printf("    You skipped this one.\n");
		} else {
			const struct option *o = &it->options[chosen];
			printf("    Your answer%s: %s %s\n", (size_t)chosen == best ? ", rated best" : "",
				o->text, o->rationale);
		}
		if (chosen < 0 || (size_t)chosen != best) {
			printf("    Rated best: %s %s\n", it->options[best].text,
				it->options[best].rationale);
		}
	}
}

static void
print_result(const struct catalog *cat, const struct questionnaire *given,
	const struct journal *j, size_t index, const struct model_texts *m)
{
	const struct journal_session *s = &j->sessions[index];
	const struct questionnaire *q = find_q(cat, given, s->questionnaire);
	struct placement p, facets[64];
	const char *ids[64];
	size_t answered, total;
	size_t nf = explain_read_result(s->result, &p, facets, ids, 64, &answered, &total);
	if (nf > 64) {
		nf = 64;
	}
	if (p.stage == STAGE_NONE) {
		printf("Your result: too few answers to place you on the ladder.\n");
	} else {
		const struct model_stage_text *st = model_texts_stage(m, p.stage);
		printf("Your result: rung %d of 4, %s. \"%s\"\n", (int)p.stage, st->name,
			st->short_text);
		const char *summary = q ? q->stages[p.stage - 1].summary : NULL;
		printf("%s\n", summary && summary[0] ? summary : st->description);
	}
	char *bl = explain_borderline(&p);
	if (bl != NULL) {
		printf("%s\n", bl);
		free(bl);
	}
	printf("How your answers add up (out of 100):\n");
	for (int x = 0; x < AXIS_COUNT; x++) {
		if (isnan(p.axes[x])) {
			printf("  %s: no answers.\n", explain_axis_name((enum axis)x));
		} else {
			printf("  %s: %d.\n", explain_axis_name((enum axis)x),
				(int)lround(p.axes[x] * 100));
		}
	}
	const char *cal = explain_calibration(p.calibration_gap);
	if (cal != NULL) {
		printf("%s\n", cal);
	}
	if (nf > 0) {
		printf("Area by area:\n");
	}
	for (size_t f = 0; f < nf; f++) {
		long fi = q ? questionnaire_facet_index(q, ids[f]) : -1;
		const char *title = fi >= 0 ? q->facets[fi].title : ids[f];
		if (facets[f].stage == STAGE_NONE) {
			printf("  %s: not placed.\n", title);
		} else {
			printf("  %s: rung %d, %s%s.\n", title, (int)facets[f].stage,
				model_texts_stage(m, facets[f].stage)->name,
				facets[f].borderline ? " (close to a line)" : "");
		}
	}
	char *mv = explain_session_movement(j, index);
	if (mv != NULL) {
		printf("Since last time: %s\n", mv);
		free(mv);
	}
	if (q != NULL && p.stage != STAGE_NONE && q->stages[p.stage - 1].n_next_steps > 0) {
		printf("Next steps:\n");
		for (size_t i = 0; i < q->stages[p.stage - 1].n_next_steps; i++) {
			printf("  - %s\n", q->stages[p.stage - 1].next_steps[i]);
		}
	}
	if (q != NULL && q->version == s->version) {
		print_situations(q, s->answers);
	}
	printf("You answered %zu of %zu questions.\n", answered, total);
}

/* The reflection: lines up to one holding only ".", or the end of input.
 * NULL when the first line is empty. */
static char *
read_reflection(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	bool first = true;
	for (;;) {
		char *line = read_line();
		if (line == NULL) {
			break;
		}
		bool end = strcmp(line, ".") == 0 || (first && line[0] == '\0');
		if (!end) {
			if (!first) {
				strbuf_puts(&sb, "\n");
			}
			strbuf_puts(&sb, line);
		}
		sodium_memzero(line, strlen(line));
		free(line);
		first = false;
		if (end) {
			break;
		}
	}
	if (sb.len == 0 || sb.failed || !utf8_valid(sb.data, sb.len)) {
		if (sb.len > 0) {
			cli_error("the reflection is not valid UTF-8 text; it was not kept");
		}
		if (sb.data != NULL) {
			sodium_memzero(sb.data, sb.len);
		}
		strbuf_finish(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}

/* Asks a yes/no question; empty means the default. */
static bool
ask_yes(const char *question, bool dflt)
{
	for (;;) {
		printf("%s [%s] ", question, dflt ? "Y/n" : "y/N");
		char *line = read_line();
		if (line == NULL) {
			return dflt;
		}
		char c = line[0];
		free(line);
		if (c == '\0') {
			return dflt;
		}
		if (c == 'y' || c == 'Y') {
			return true;
		}
		if (c == 'n' || c == 'N') {
			return false;
		}
		printf("Please answer y or n.\n");
	}
}

enum step { STEP_ANSWER, STEP_SKIP, STEP_BACK, STEP_QUIT, STEP_END };

static enum step
ask_item(const struct questionnaire *q, struct answers *a, size_t i)
{
	const struct item *it = &q->items[i];
	size_t nopt = n_options(q, it);
	printf("\nQuestion %zu of %zu (%s)\n%s\n", i + 1, q->n_items,
		q->facets[it->facet].title, it->text);
	for (size_t o = 0; o < nopt; o++) {
		printf("  %zu. %s\n", o + 1, option_text(q, it, o));
	}
	long prev = answered_option(q, a, i);
	if (prev >= 0) {
		printf("Your answer so far: %ld. Press Enter to keep it.\n", prev + 1);
	}
	for (;;) {
		printf("Your answer (1-%zu; s skip, b back, q stop and keep your answers): ", nopt);
		char *line = read_line();
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
			a->values[i] = it->kind == ITEM_SCENARIO ? (int)(v - 1)
				: q->scales[it->scale].min + (int)(v - 1);
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
keep_unfinished(struct store *s, const struct questionnaire *q,
	const struct answers *a, size_t pos, int64_t started)
{
	struct ladder_error err;
	error_clear(&err);
	if (answers_count(a) == 0 && journal_unfinished_get(s->journal, q->id) == NULL) {
		printf("You have not answered anything yet, so there is nothing to keep.\n");
		return LADDER_OK;
	}
	if (!journal_unfinished_set(s->journal, q, a, pos, started, &err)) {
		cli_error("%s", err.msg);
		return LADDER_FAIL;
	}
	if (!save(s)) {
		return LADDER_FAIL;
	}
	printf("Your answers so far are saved. Carry on later with: ladder --plain assess %s\n",
		q->id);
	return LADDER_OK;
}

int
plain_assess(const struct cli_global *g, const struct catalog *cat,
	const struct questionnaire *q)
{
	if (q == NULL) {
		list_questionnaires(cat);
		return LADDER_USAGE;
	}
	struct ladder_error err;
	error_clear(&err);
	struct model_texts *m = NULL;
	struct store *s = NULL;
	struct answers *a = NULL;
	int rc = open_with_model(g, true, &m, &s);
	if (rc != LADDER_OK) {
		return rc;
	}
	catch_signals();
	rc = LADDER_FAIL;
	a = answers_create(q);
	if (a == NULL) {
		cli_error("out of memory");
		goto out;
	}
	size_t pos = 0;
	int64_t started = time_now();
	const struct journal_unfinished *u = journal_unfinished_get(s->journal, q->id);
	printf("%s: %zu questions.\n", q->title, q->n_items);
	if (u != NULL) {
		char date[TIME_DATE_LEN];
		time_format_date(u->started_at, date);
		printf("You started this on %s and kept %d answers.\n", date,
			cJSON_GetArraySize(u->answers));
		if (ask_yes("Carry on where you left off?", true)) {
			if (u->version == q->version &&
				answers_values_from_json(q, u->answers, a, &err)) {
				pos = u->position < q->n_items ? u->position : q->n_items - 1;
				started = u->started_at;
			} else {
				printf("The questionnaire has changed since then, so the earlier "
					"answers do not fit; starting afresh.\n");
			}
		} else {
			journal_unfinished_clear(s->journal, q->id);
		}
	}
	if (q->description != NULL) {
		printf("%s\n", q->description);
	}
	printf("Answer each question with the number of an option. s skips it, b goes "
	       "back one question, q stops and keeps your answers for later.\n");
	for (;;) {
		enum step st = ask_item(q, a, pos);
		if (st == STEP_QUIT || st == STEP_END) {
			if (st == STEP_END) {
				printf("\n%s: ", stop_signal ? "Stopped" : "End of input");
			}
			rc = keep_unfinished(s, q, a, pos, started);
			goto out;
		}
		if (st == STEP_BACK) {
			if (pos == 0) {
				printf("This is the first question.\n");
			} else {
				pos--;
			}
			continue;
		}
		if (pos + 1 < q->n_items) {
			pos++;
			continue;
		}
		if (answers_count(a) == 0) {
			printf("You have not answered any question, so there is nothing to place. "
			       "Go back with b, or stop with q.\n");
			continue;
		}
		break;
	}
	struct result *r = score_compute(q, a);
	if (r == NULL) {
		cli_error("out of memory");
		goto out;
	}
	struct journal_session *sess = journal_add_session(s->journal, q, a, r, started,
		time_now(), &err);
	result_destroy(r);
	if (sess == NULL) {
		cli_error("%s", err.msg);
		goto out;
	}
	journal_unfinished_clear(s->journal, q->id);
	size_t index = (size_t)(sess - s->journal->sessions);
	if (!save(s)) {
		goto out;
	}
	printf("\n");
	print_result(cat, q, s->journal, index, m);
	printf("Your result is saved in your journal.\n\n");
	printf("Would you like to write a reflection on it? Type it below, then a line "
	       "with only a full stop (.) to save it. An empty first line skips.\n");
	char *note = read_reflection();
	if (note != NULL) {
		bool ok = journal_session_set_note(s->journal, &s->journal->sessions[index], note,
			&err);
		sodium_memzero(note, strlen(note));
		free(note);
		if (!ok) {
			cli_error("%s", err.msg);
			goto out;
		}
		if (!save(s)) {
			goto out;
		}
		printf("Your reflection is saved.\n");
	}
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
out:
	answers_destroy(a);
	store_close(s);
	model_texts_destroy(m);
	return rc;
}

static void
print_indented(const char *note)
{
	/* a note may have come from an import: made safe for the terminal */
	char *text = safetext_dup(note);
	printf("      ");
	for (const char *p = text ? text : "(out of memory)"; *p; p++) {
		putchar(*p);
		if (*p == '\n') {
			printf("      ");
		}
	}
	putchar('\n');
	if (text != NULL) {
		sodium_memzero(text, strlen(text));
		free(text);
	}
}

int
plain_history(const struct cli_global *g, const struct catalog *cat)
{
	struct model_texts *m = NULL;
	struct store *s = NULL;
	int rc = open_with_model(g, false, &m, &s);
	if (rc != LADDER_OK) {
		return rc;
	}
	struct journal *j = s->journal;
	if (j->n_sessions == 0 && j->n_notes == 0) {
		printf("Nothing here yet: take a questionnaire with 'ladder --plain assess ID'.\n");
	}
	/* one block per questionnaire, in the order of first appearance */
	for (size_t i = 0; i < j->n_sessions; i++) {
		const char *id = j->sessions[i].questionnaire;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++) {
			seen = strcmp(j->sessions[k].questionnaire, id) == 0;
		}
		if (seen) {
			continue;
		}
		const struct questionnaire *q = catalog_find(cat, id);
		size_t n = 0, up = 0, down = 0;
		enum stage last = STAGE_NONE;
		for (size_t k = i; k < j->n_sessions; k++) {
			if (strcmp(j->sessions[k].questionnaire, id) != 0) {
				continue;
			}
			enum stage st = j->sessions[k].stage;
			if (n > 0 && st != STAGE_NONE && last != STAGE_NONE && st != last) {
				up += st > last;
				down += st < last;
			}
			last = st;
			n++;
		}
		printf("%s: %zu session%s, %zu move%s up, %zu move%s down.\n",
			q ? q->title : cli_safe(id), n, n == 1 ? "" : "s", up, up == 1 ? "" : "s",
			down, down == 1 ? "" : "s");
		last = STAGE_NONE;
		bool first = true;
		for (size_t k = i; k < j->n_sessions; k++) {
			struct journal_session *se = &j->sessions[k];
			if (strcmp(se->questionnaire, id) != 0) {
				continue;
			}
			char date[TIME_DATE_LEN];
			time_format_date(se->completed_at, date);
			if (se->stage == STAGE_NONE) {
				printf("  %s  not placed", date);
			} else {
				printf("  %s  rung %d, %s", date, (int)se->stage,
					model_texts_stage(m, se->stage)->name);
			}
			if (!first && se->stage != STAGE_NONE && last != STAGE_NONE && se->stage != last) {
				printf(" (%s from rung %d)", se->stage > last ? "up" : "down", (int)last);
			}
			printf("\n");
			struct ladder_error lerr = {0};
			if (!journal_session_load(j, se, &lerr)) {
				printf("    (%s)\n", cli_safe(lerr.msg));
			} else if (se->note != NULL) {
				printf("    Reflection:\n");
				print_indented(se->note);
			}
			last = se->stage;
			first = false;
		}
		printf("\n");
	}
	if (j->n_notes > 0) {
		printf("Reflections on their own:\n");
		for (size_t i = 0; i < j->n_notes; i++) {
			char date[TIME_DATE_LEN];
			time_format_date(j->notes[i].at, date);
			printf("  %s\n", date);
			print_indented(j->notes[i].text ? j->notes[i].text : "");
		}
	}
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
	store_close(s);
	model_texts_destroy(m);
	return rc;
}
