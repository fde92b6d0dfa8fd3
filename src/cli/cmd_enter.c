/* ladder enter ID [--set N] [-o FILE] [--text]: a filled-in paper sheet
 * typed in as fast as it is read aloud, one line a question in the
 * sheet's order; at the end a summary and a confirmation. Then the session
 * is recorded in the journal (as assess --answers records it), or written
 * to an answers file, or its readable result printed. Line-oriented like
 * --plain: prompts on standard output, one answer a line on standard input
 * (screen readers, pipes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/assessment.h"
#include "ladder/filewrite.h"
#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/paper.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/text.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "ladder/vault.h"
#include "plain_impl.h"

enum { ENTER_SET, ENTER_OUTPUT, ENTER_TEXT };

#define SHORT_WIDTH 52 /* columns of a question's short form */

struct entry {
	const struct questionnaire *q;
	struct answers *a;
	size_t *asked; /* the sheet's questions: item indexes in order */
	size_t n_asked;
};

/* The first SHORT_WIDTH columns of text, cut at a space, with "..." when
 * cut; made safe for the terminal. */
static void
short_form(const char *text, char *out, size_t size)
{
	struct text_span span;
	size_t lines = text_wrap(text, SHORT_WIDTH, &span, 1);
	size_t n = lines > 0 ? span.len : 0;
	snprintf(out, size, "%.*s%s", (int)n, text + (lines > 0 ? span.start : 0),
		lines > 1 ? "..." : "");
}

#define WRAP_WIDTH 78

/* text (made safe) wrapped at WRAP_WIDTH columns, the first line after
 * first, the others indented by indent spaces. */
static void
print_wrapped(const char *first, size_t indent, const char *text)
{
	const char *safe = cli_safe(text);
	size_t width = WRAP_WIDTH - indent;
	size_t n = text_wrap(safe, width, NULL, 0);
	struct text_span *spans = malloc((n ? n : 1) * sizeof(*spans));
	if (spans == NULL) {
		printf("%s%s\n", first, safe);
		return;
	}
	text_wrap(safe, width, spans, n);
	for (size_t i = 0; i < n; i++) {
		if (i == 0) {
			printf("%s", first);
		} else {
			printf("%*s", (int)indent, "");
		}
		printf("%.*s\n", (int)spans[i].len, safe + spans[i].start);
	}
	free(spans);
}

/* "1-5" for a statement, "A-D" for a situation */
static void
range(const struct questionnaire *q, const struct item *it, char *out, size_t size)
{
	if (it->kind == ITEM_LIKERT) {
		snprintf(out, size, "%d-%d", q->scales[it->scale].min, q->scales[it->scale].max);
	} else {
		snprintf(out, size, "A-%c", (char)('A' + (it->n_options > 26 ? 25 : it->n_options - 1)));
	}
}

/* An answer as the sheet shows it: the number of a point, the letter of
 * an option, "-" for none. */
static void
shown_answer(const struct questionnaire *q, const struct item *it, int v, char *out,
	size_t size)
{
	if (v == ANSWER_SKIPPED) {
		snprintf(out, size, "-");
	} else if (it->kind == ITEM_LIKERT) {
		snprintf(out, size, "%d", v);
	} else if (v < 26) {
		snprintf(out, size, "%c", (char)('A' + v));
	} else {
		snprintf(out, size, "%d", v + 1);
	}
}

/* The whole question, as on the sheet. */
static void
print_whole(const struct entry *e, size_t pos)
{
	const struct questionnaire *q = e->q;
	const struct item *it = &q->items[e->asked[pos]];
	char first[32];
	snprintf(first, sizeof(first), "%3zu. ", pos + 1);
	print_wrapped(first, 5, it->text);
	size_t n = it->kind == ITEM_LIKERT
		? (size_t)(q->scales[it->scale].max - q->scales[it->scale].min + 1) : it->n_options;
	for (size_t k = 0; k < n; k++) {
		char mark[16];
		if (it->kind == ITEM_LIKERT) {
			snprintf(first, sizeof(first), "     %d  ", q->scales[it->scale].min + (int)k);
			print_wrapped(first, strlen(first), q->scales[it->scale].labels[k]);
			continue;
		}
		shown_answer(q, it, (int)k, mark, sizeof(mark));
		snprintf(first, sizeof(first), "     %s  ", mark);
		print_wrapped(first, strlen(first), it->options[k].text);
	}
}

/* A line of input; from a pipe it is shown after its prompt, so that what
 * was answered reads as it would on a terminal. */
static char *
read_answer(void)
{
	char *line = plain_read_line();
	if (line != NULL && !isatty(STDIN_FILENO)) {
		printf("%s\n", cli_safe(line));
	}
	return line;
}

enum step { STEP_NEXT, STEP_BACK, STEP_END };

/* Asks question pos until it gets an answer, a skip or a step back. */
static enum step
ask(struct entry *e, size_t pos)
{
	const struct questionnaire *q = e->q;
	size_t i = e->asked[pos];
	const struct item *it = &q->items[i];
	char shortq[SHORT_WIDTH * 4 + 8], rng[16], was[16];
	short_form(it->text, shortq, sizeof(shortq));
	range(q, it, rng, sizeof(rng));
	shown_answer(q, it, e->a->values[i], was, sizeof(was));
	for (;;) {
		if (e->a->values[i] != ANSWER_SKIPPED) {
			printf("%3zu. %s [%s, now %s] ", pos + 1, cli_safe(shortq), rng, was);
		} else {
			printf("%3zu. %s [%s] ", pos + 1, cli_safe(shortq), rng);
		}
		char *line = read_answer();
		if (line == NULL) {
			return STEP_END;
		}
		int v;
		enum step st = STEP_NEXT;
		bool again = false;
		if (line[0] == '\0') {
			/* Enter keeps an answer typed before, else skips */
		} else if (strcmp(line, "s") == 0 || strcmp(line, "S") == 0) {
			e->a->values[i] = ANSWER_SKIPPED;
		} else if (strcmp(line, "-") == 0) {
			st = STEP_BACK;
		} else if (strcmp(line, "?") == 0) {
			print_whole(e, pos);
			again = true;
		} else if (answers_sheet_value_parse(q, it, line, &v)) {
			e->a->values[i] = v;
		} else {
			char expected[512];
			answers_expected(q, it, expected, sizeof(expected));
			char *msg = str_printf("\"%.40s\" is not an answer to question %zu: expected %s "
				"(Enter or s skips, - goes back, ? shows the whole question).",
				line, pos + 1, expected);
			print_wrapped("     ", 5, msg ? msg : "out of memory");
			free(msg);
			again = true;
		}
		free(line);
		if (!again) {
			return st;
		}
	}
}

/* The answers in rows of ten, to check against the sheet. */
static void
summary(const struct entry *e)
{
	size_t answered = 0;
	struct strbuf skipped;
	strbuf_init(&skipped);
	printf("\nThe sheet as typed in (- is a skipped question):\n");
	for (size_t p = 0; p < e->n_asked; p++) {
		size_t i = e->asked[p];
		char v[16];
		shown_answer(e->q, &e->q->items[i], e->a->values[i], v, sizeof(v));
		if (p % 10 == 0) {
			printf("%s%3zu-%-3zu ", p > 0 ? "\n" : "", p + 1,
				p + 10 < e->n_asked ? p + 10 : e->n_asked);
		}
		printf(" %s", v);
		if (e->a->values[i] != ANSWER_SKIPPED) {
			answered++;
		} else {
			strbuf_printf(&skipped, "%s%zu", skipped.len ? ", " : "", p + 1);
		}
	}
	char *line = str_printf("Answered %zu of %zu%s%s.", answered, e->n_asked,
		answered < e->n_asked ? "; skipped " : "",
		answered < e->n_asked && skipped.data != NULL ? skipped.data : "");
	printf("\n");
	print_wrapped("", 0, line ? line : "out of memory");
	free(line);
	strbuf_finish(&skipped);
}

/* The summary and the question what to do: 1 yes, 0 no, -1 end of input;
 * a question's number goes to that question (*pos) and returns 2. */
static int
confirm(struct entry *e, const char *what, size_t *pos)
{
	for (;;) {
		summary(e);
		if (answers_count(e->a) == 0) {
			printf("Nothing is answered, so there is nothing to keep.\n"
			       "Type a question's number to answer it, or n to stop: ");
		} else {
			printf("%s? y yes (Enter), n no,\nor a question's number to change it: ",
				what);
		}
		char *line = read_answer();
		if (line == NULL) {
			return -1;
		}
		char *end;
		long n = strtol(line, &end, 10);
		bool number = line[0] >= '0' && line[0] <= '9' && *end == '\0';
		bool yes = strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 ||
			strcmp(line, "yes") == 0 || line[0] == '\0';
		bool no = strcmp(line, "n") == 0 || strcmp(line, "N") == 0 ||
			strcmp(line, "no") == 0;
		free(line);
		if (number && n >= 1 && (size_t)n <= e->n_asked) {
			*pos = (size_t)n - 1;
			return 2;
		}
		if (no) {
			return 0;
		}
		if (yes && answers_count(e->a) > 0) {
			return 1;
		}
		if (!yes) {
			printf("Please type y, n or a question's number from 1 to %zu.\n", e->n_asked);
		}
	}
}

/* The answers file of the sheet, written whole or not at all. */
static bool
write_answers(const struct entry *e, const char *path)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON *values = answers_values_to_json(e->q, e->a);
	bool ok = false;
	if (doc != NULL && values != NULL) {
		cJSON_AddStringToObject(doc, "format", "ladder-answers");
		cJSON_AddNumberToObject(doc, "format_version", 1);
		cJSON_AddStringToObject(doc, "questionnaire", e->q->id);
		cJSON_AddNumberToObject(doc, "questionnaire_version", e->q->version);
		if (e->a->set > 0) {
			cJSON_AddNumberToObject(doc, "set", e->a->set);
		}
		cJSON_AddItemToObject(doc, "answers", values);
		values = NULL;
		if (e->a->note != NULL) {
			cJSON_AddStringToObject(doc, "note", e->a->note);
		}
		char *text = json_print(doc);
		struct ladder_error err;
		error_clear(&err);
		if (text == NULL) {
			cli_error("out of memory");
		} else {
			char *withnl = str_printf("%s\n", text);
			ok = withnl != NULL && file_write_atomic(path, withnl, strlen(withnl), &err);
			if (!ok) {
				cli_error("%s", withnl ? err.msg : "out of memory");
			}
			free(withnl);
			free(text);
		}
	} else {
		cli_error("out of memory");
	}
	cJSON_Delete(values);
	cJSON_Delete(doc);
	return ok;
}

static int
result_text(const struct entry *e)
{
	struct result *r = score_compute(e->q, e->a);
	cJSON *json = r ? result_to_json(r) : NULL;
	int rc = LADDER_FAIL;
	if (json == NULL) {
		cli_error("out of memory");
	} else {
		printf("\n");
		rc = cli_print_result_text(stdout, e->q, e->a, json, "enter --text") ? LADDER_OK : LADDER_FAIL;
	}
	cJSON_Delete(json);
	result_destroy(r);
	return rc;
}

/* Goes through the sheet from *pos; with one, only that question. True at
 * the end of it, false at the end of input. */
static bool
go_through(struct entry *e, size_t pos, bool one)
{
	while (pos < e->n_asked) {
		enum step st = ask(e, pos);
		if (st == STEP_END) {
			return false;
		}
		if (st == STEP_BACK) {
			if (pos == 0) {
				printf("     This is the first question.\n");
			} else {
				pos--;
			}
			continue;
		}
		if (one) {
			return true;
		}
		pos++;
	}
	return true;
}

static int
cmd_enter(const struct cli_global *g, const struct cli_args *a)
{
	const char *output = cli_value(a, ENTER_OUTPUT);
	bool text = cli_flag(a, ENTER_TEXT);
	if (output != NULL && text) {
		cli_error("give -o FILE or --text, not both (usage: ladder enter ID [--set N] [-o FILE] [--text])");
		return LADDER_USAGE;
	}
	if (output == NULL && !text && g->passphrase_file != NULL &&
		strcmp(g->passphrase_file, "-") == 0) {
		cli_error("enter reads the sheet from standard input; give the passphrase in a file (--passphrase-file FILE)");
		return LADDER_USAGE;
	}
	struct cli_subject sub;
	int rc = cli_subject_open(g, a, ENTER_SET, &sub);
	if (rc != LADDER_OK) {
		return rc;
	}
	rc = LADDER_FAIL;
	struct catalog *cat = sub.cat;
	const struct questionnaire *q = sub.q;
	int set = sub.set;
	struct entry e = {0};
	if (output == NULL && !text) {
		/* no journal: said before the sheet is typed, not after */
		char *path = cli_journal_path(g);
		bool there = path != NULL && vault_exists(path);
		if (path != NULL && !there) {
			cli_error("there is no journal at %s yet: create one with 'ladder init', or "
				  "give -o FILE to write an answers file instead", path);
		}
		free(path);
		if (!there) {
			goto out;
		}
	}
	e.q = q;
	if ((e.a = answers_create(q)) == NULL ||
		(e.asked = malloc((q->n_items ? q->n_items : 1) * sizeof(*e.asked))) == NULL) {
		cli_error("out of memory");
		goto out;
	}
	e.a->set = set != 0 ? set : (q->n_sets > 0 ? 1 : 0);
	for (size_t i = 0; i < q->n_items; i++) {
		if (questionnaire_item_asked(q, i, e.a->set)) {
			e.asked[e.n_asked++] = i;
		}
	}
	plain_catch_signals();
	char code[128];
	paper_code(q, e.a->set, code, sizeof(code));
	printf("Typing in sheet %s: %zu questions.\n"
	       "Type what is ticked: a statement's number, a situation's letter (or its\n"
	       "number). Enter or s skips a question, - goes back one, ? shows the whole\n"
	       "question.\n", cli_safe(code), e.n_asked);
	if (q->n_sets > 0 && set == 0) {
		printf("This is set %d; a sheet of another set (its code is at the foot of\n"
		       "each page) is typed in with --set N.\n", e.a->set);
	}
	const char *what = output != NULL ? "Write it to the file" : text ? "Show the result"
		: "Record it in your journal";
	if (!go_through(&e, 0, false)) {
		goto stopped;
	}
	if (!text) {
		printf("A reflection from the sheet's last page? Type it, then a line with\n"
		       "only a full stop (.); an empty line if there is none.\n");
		char *note = plain_read_reflection();
		if (plain_stopped()) {
			free(note);
			goto stopped;
		}
		e.a->note = note;
	}
	for (;;) {
		size_t pos = 0;
		int c = confirm(&e, what, &pos);
		if (c < 0) {
			goto stopped;
		}
		if (c == 0) {
			printf("Nothing was recorded.\n");
			rc = LADDER_OK;
			goto out;
		}
		if (c == 1) {
			break;
		}
		if (!go_through(&e, pos, true)) {
			goto stopped;
		}
	}
	if (output != NULL) {
		if (write_answers(&e, output)) {
			printf("Wrote %s.\n", cli_safe(output));
			rc = LADDER_OK;
		}
	} else if (text) {
		rc = result_text(&e);
	} else {
		rc = cli_record(g, cat, e.q, e.a);
	}
	if (rc == LADDER_OK && fflush(stdout) != 0) {
		cli_error("cannot write to standard output");
		rc = LADDER_FAIL;
	}
	goto out;
stopped:
	printf("\n");
	cli_error("%s: nothing was recorded",
		plain_stopped() ? "stopped" : "the input ended before the sheet was confirmed");
	rc = LADDER_FAIL;
out:
	if (e.a != NULL && e.a->note != NULL) {
		sodium_memzero(e.a->note, strlen(e.a->note));
	}
	answers_destroy(e.a);
	free(e.asked);
	cli_subject_finish(&sub);
	return rc;
}

static const struct cli_opt enter_opts[] = {
	[ENTER_SET] = {"set", 0, true, false},
	[ENTER_OUTPUT] = {"output", 'o', true, false},
	[ENTER_TEXT] = {"text", 0, false, false},
	{0},
};

const struct cli_command cli_cmd_enter = {"enter", cmd_enter, enter_opts, 1, 1,
	"enter ID|FILE [--set N] [-o FILE] [--text]",
	"type in a filled-in paper sheet and record it (or -o FILE, or --text)"};
