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
#include "ladder/journal_open.h"
#include "ladder/standing.h"
#include "ladder/modeltext.h"
#include "ladder/report.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/safetext.h"
#include "ladder/store.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "passphrase.h"
#include "plain_impl.h"
#include "report_text.h"

#define PLAIN_TRIES 3

static volatile sig_atomic_t stop_signal;

bool
plain_stopped(void)
{
	return stop_signal != 0;
}

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* Ctrl-C, SIGTERM and SIGHUP end a wait for a line, so that the answers
 * so far can be kept before leaving. */
void
plain_catch_signals(void)
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
bool
plain_save(struct store *s)
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
char *
plain_read_line(void)
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

/* The passphrase for --plain: standard input when it is not a terminal,
 * else the terminal; nothing typed is not a wrong passphrase. */
static bool
ask_plain(void *ctx, int attempt, struct secret **pass, struct ladder_error *err)
{
	(void)attempt;
	bool from_tty = *(const bool *)ctx;
	if (!passphrase_plain(NULL, "Passphrase: ", false, pass, err)) {
		return false;
	}
	if ((*pass)->len == 0) {
		secret_destroy(*pass);
		*pass = NULL;
		return error_set(err, LADDER_USAGE, from_tty
			? "no passphrase was typed"
			: "no passphrase was given: standard input is empty (type "
			  "the passphrase as its first line, or give "
			  "--passphrase-file FILE)");
	}
	return true;
}

static void
wrong_plain(void *ctx, int attempt, int tries)
{
	(void)ctx;
	fprintf(stderr, "That passphrase did not open the journal (try %d of %d). "
		"Please try again.\n", attempt, tries);
}

int
plain_open(const struct cli_global *g, const struct catalog *cat, bool writable,
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
	char *path = cli_journal_path(g);
	if (path == NULL) {
		model_texts_destroy(*m);
		*m = NULL;
		return LADDER_FAIL;
	}
	bool from_tty = g->passphrase_file == NULL && isatty(STDIN_FILENO);
	struct journal_opener o = {.path = path, .writable = writable,
		.passphrase_file = g->passphrase_file, .ask = ask_plain, .ctx = &from_tty,
		.tries = from_tty ? PLAIN_TRIES : 1, .wrong = wrong_plain,
		.missing_hint = "'ladder --plain' creates one, after an introduction (or 'ladder init')",
		.cat = cat};
	int rc = LADDER_OK;
	if (!journal_open(&o, s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
	} else {
		cli_vault_warning(g, (*s)->vault);
	}
	free(path);
	if (rc != LADDER_OK) {
		model_texts_destroy(*m);
		*m = NULL;
	}
	return rc;
}

const struct questionnaire *
plain_find_q(const struct catalog *cat, const struct questionnaire *given, const char *id)
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
	struct home_doc d;
	if (!home_build(&d, j, cat)) {
		cli_error("out of memory");
		return;
	}
	printf("Where you stand:\n");
	for (size_t i = 0; i < d.n; i++) {
		const struct standing_line *l = &d.lines[i];
		char date[TIME_DATE_LEN];
		time_format_date(l->at, date);
		switch (l->standing) {
		case STANDING_NOT_TAKEN:
			printf("  %s: %s.\n", l->q->title, standing_words(l->standing));
			break;
		case STANDING_EARLIER_RULE:
			printf("  %s: %s, on %s (kept as it was).\n", l->q->title,
				standing_words(l->standing), date);
			break;
		case STANDING_NOT_PLACED:
			printf("  %s: %s, on %s.\n", l->q->title, standing_words(l->standing), date);
			break;
		case STANDING_PLACED:
			printf("  %s: rung %d of 4, %s, on %s.\n", l->q->title, (int)l->stage,
				model_texts_stage(m, l->stage)->name, date);
			break;
		}
	}
	for (size_t i = 0; i < d.n_unfinished; i++) {
		const struct journal_unfinished *u = d.unfinished[i];
		const struct questionnaire *q = catalog_find(cat, u->questionnaire);
		printf("  Unfinished: %s (carry on with: ladder --plain assess %s).\n",
			q ? q->title : u->questionnaire, u->questionnaire);
	}
	home_finish(&d);
}

int
plain_home(const struct cli_global *g, const struct catalog *cat)
{
	struct model_texts *m = NULL;
	struct store *s = NULL;
	char *path = cli_journal_path(g);
	if (path == NULL) {
		return LADDER_FAIL;
	}
	if (!vault_exists(path)) {
		int first = plain_first_run(g, cat, path);
		free(path);
		return first;
	}
	free(path);
	int rc = plain_open(g, cat, false, &m, &s);
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

/* The reflection: lines up to one holding only ".", or the end of input.
 * NULL when the first line is empty. */
char *
plain_read_reflection(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	bool first = true;
	for (;;) {
		char *line = plain_read_line();
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
bool
plain_ask_yes(const char *question, bool dflt)
{
	for (;;) {
		printf("%s [%s] ", question, dflt ? "Y/n" : "y/N");
		char *line = plain_read_line();
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

/* The full screen's three ways on with an unfinished session: 1 carry on,
 * 2 start again, 3 not now. Empty (or y) carries on, n starts again; the
 * end of input carries on. */
int
plain_ask_carry_on(void)
{
	printf("  1. Carry on where I left off\n"
	       "  2. Start again from the first question (the earlier answers are set aside)\n"
	       "  3. Not now\n");
	for (;;) {
		printf("Your choice (1-3, Enter for 1): ");
		char *line = plain_read_line();
		if (line == NULL) {
			return 1;
		}
		char c = line[0];
		bool one = line[0] != '\0' && line[1] == '\0';
		free(line);
		if (c == '\0' || (one && (c == '1' || c == 'y' || c == 'Y'))) {
			return 1;
		}
		if (one && (c == '2' || c == 'n' || c == 'N')) {
			return 2;
		}
		if (one && c == '3') {
			return 3;
		}
		printf("Please type 1, 2 or 3.\n");
	}
}

