/* ladder score ID --answers FILE [--text] [--set N]: the result of an
 * answers file, as JSON or as the readable explanation; FILE may be a CSV
 * of many people (one result a row: JSON lines, or one readable result a
 * page). The journal is untouched. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/answers_csv.h"
#include "ladder/modeltext.h"
#include "ladder/paper.h"
#include "ladder/report.h"
#include "ladder/score.h"
#include "ladder/util.h"
#include "report_text.h"

enum { SCORE_ANSWERS, SCORE_TEXT, SCORE_SET };

#define TEXT_WIDTH 78

bool
cli_print_result_text(FILE *out, const struct questionnaire *q, const struct answers *ans,
	const void *result, const char *command)
{
	const cJSON *json = result;
	struct ladder_error err;
	error_clear(&err);
	/* the model's texts name the rungs; without them, the built-in names */
	struct model_texts *m = model_texts_load_default(&err);
	cJSON *values = answers_values_to_json(q, ans);
	struct report_input in = {.q = q, .model = m, .result = json, .answers = values};
	struct report r = {0};
	bool ok = values != NULL && report_result(&r, &in);
	if (ok) {
		fprintf(out, "%s\n\n", r.title);
		report_write_print(out, &r, TEXT_WIDTH);
		if (command != NULL) {
			fprintf(out, "\nNot recorded: 'ladder %s' keeps nothing.\n"
				     "'ladder assess %s --answers FILE' records it in your journal.\n",
				command, q->id);
		}
		ok = fflush(out) == 0 && !ferror(out);
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

void
cli_print_problems(const struct problems *pr)
{
	for (size_t i = 0; i < pr->n; i++) {
		cli_error("%s", pr->msgs[i]);
	}
	if (pr->more > 0) {
		cli_error("... and %zu more problem%s", pr->more, pr->more > 1 ? "s" : "");
	}
	if (pr->oom && pr->n == 0) {
		cli_error("out of memory");
	}
}

/* A person of a CSV, readable, on pages of their own: their code (or row)
 * and the page number at the foot of each, so that the pages of 25 people
 * printed at once are handed to the right ones. */
static bool
print_person(const struct questionnaire *q, const struct answers_row *row,
	const char *path, const cJSON *json, bool first)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL) {
		cli_error("out of memory");
		return false;
	}
	char *label = row->code != NULL
		? str_printf("For %s (row %zu of %s)", cli_safe(row->code), row->row, cli_safe(path))
		: str_printf("Row %zu of %s", row->row, cli_safe(path));
	fprintf(mem, "%s\n\n", label ? label : "");
	bool ok = cli_print_result_text(mem, q, row->answers, json, NULL);
	ok = fclose(mem) == 0 && ok;
	char *paged = ok && label ? paper_paginate(buf, PAPER_PAGE_LINES, label, TEXT_WIDTH) : NULL;
	if (ok && paged == NULL) {
		cli_error("out of memory");
		ok = false;
	}
	if (ok && (printf("%s%s", first ? "" : "\f", paged) < 0)) {
		cli_error("cannot write the result");
		ok = false;
	}
	free(paged);
	free(label);
	free(buf);
	return ok;
}

/* One person's result: JSON (a line of its own in a CSV's JSON lines), or
 * the readable text (a CSV's on pages of their own). */
static bool
score_one(const struct questionnaire *q, const struct answers_table *t, size_t i,
	const char *path, bool text)
{
	const struct answers *ans = t->rows[i].answers;
	struct result *r = score_compute(q, ans);
	cJSON *json = r ? result_to_json(r) : NULL;
	bool ok = false;
	if (json == NULL) {
		cli_error("out of memory");
	} else if (text && t->csv) {
		ok = print_person(q, &t->rows[i], path, json, i == 0);
	} else if (text) {
		ok = cli_print_result_text(stdout, q, ans, json, "score");
	} else if (t->csv) {
		char *line = cJSON_PrintUnformatted(json);
		ok = line != NULL && printf("%s\n", line) >= 0;
		cJSON_free(line);
		if (!ok) {
			cli_error("cannot write the result");
		}
	} else {
		ok = cli_print_json(json);
	}
	cJSON_Delete(json);
	result_destroy(r);
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
	struct cli_subject sub;
	int rc = cli_subject_open(g, a, SCORE_SET, &sub);
	if (rc != LADDER_OK) {
		return rc;
	}
	rc = LADDER_FAIL;
	const struct questionnaire *q = sub.q;
	int set = sub.set;
	struct answers_table t = {0};
	struct problems pr;
	problems_init(&pr);
	/* a CSV's bad cells all at once; nothing is scored unless all is right */
	if (!answers_table_load(q, answers_path, set, &t, &pr) || problems_count(&pr) > 0) {
		cli_print_problems(&pr);
		if (problems_count(&pr) == 0) {
			cli_error("out of memory");
		}
		cli_error("nothing was scored; %s",
			t.n > 1 || t.n_bad > 0 ? "correct these cells and run it again"
					       : "correct the file and run it again");
		goto out;
	}
	/* the kind of file decides: JSON lines and pages a person for a CSV */
	bool text = cli_flag(a, SCORE_TEXT);
	rc = LADDER_OK;
	for (size_t i = 0; i < t.n && rc == LADDER_OK; i++) {
		if (!score_one(q, &t, i, answers_path, text)) {
			rc = LADDER_FAIL;
		}
	}
	if (rc == LADDER_OK && fflush(stdout) != 0) {
		cli_error("cannot write to standard output");
		rc = LADDER_FAIL;
	}
out:
	problems_finish(&pr);
	answers_table_finish(&t);
	cli_subject_finish(&sub);
	return rc;
}

static const struct cli_opt score_opts[] = {
	[SCORE_ANSWERS] = {"answers", 0, true, false},
	[SCORE_TEXT] = {"text", 0, false, false},
	[SCORE_SET] = {"set", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_score = {"score", cmd_score, score_opts, 1, 1,
	"score ID|FILE --answers FILE [--text] [--set N]",
	"print the results of an answers file or a CSV (JSON or text); no journal"};
