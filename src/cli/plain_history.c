/* --plain history: each questionnaire's sessions with their moves (the
 * core's one movement), marks and reflections, then the reflections on
 * their own. */
#include "plain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/journal.h"
#include "ladder/modeltext.h"
#include "ladder/safetext.h"
#include "ladder/store.h"
#include "ladder/standing.h"
#include "ladder/timeutil.h"

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

/* A session in the history: date, rung, the move that led to it (from the
 * one movement of the core) and its marks. */
static void
print_session_line(const struct journal *j, size_t k, const struct model_texts *m)
{
	struct history_row row;
	history_row(j, k, &row);
	char date[TIME_DATE_LEN];
	time_format_date(row.at, date);
	if (row.standing == STANDING_EARLIER_RULE) {
		printf("  %s  scored under an earlier rule (kept as it was, not compared)\n", date);
		return;
	}
	if (row.standing == STANDING_NOT_PLACED) {
		printf("  %s  not placed", date);
	} else {
		printf("  %s  rung %d, %s", date, (int)row.stage,
			model_texts_stage(m, row.stage)->name);
	}
	if (row.from != STAGE_NONE) {
		printf(" (%s from rung %d)", row.stage > row.from ? "up" : "down", (int)row.from);
	}
	if (row.seen != NULL) {
		char sd[TIME_DATE_LEN];
		time_format_date(row.seen->completed_at, sd);
		printf("; same situations as on %s", sd);
	}
	printf("\n");
}

int
plain_history(const struct cli_global *g, const struct catalog *cat)
{
	struct model_texts *m = NULL;
	struct store *s = NULL;
	int rc = plain_open(g, cat, false, &m, &s);
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
		struct journal_transition *tr = NULL;
		size_t n_tr = journal_transitions(j, id, &tr), up = 0, down = 0, n = 0;
		if (n_tr == (size_t)-1) {
			cli_error("out of memory");
			rc = LADDER_FAIL;
			goto out;
		}
		journal_transition_counts(tr, n_tr, &up, &down);
		free(tr);
		for (size_t k = i; k < j->n_sessions; k++) {
			n += strcmp(j->sessions[k].questionnaire, id) == 0;
		}
		printf("%s: %zu session%s, %zu move%s up, %zu move%s down.\n",
			q ? q->title : cli_safe(id), n, n == 1 ? "" : "s", up, up == 1 ? "" : "s",
			down, down == 1 ? "" : "s");
		for (size_t k = i; k < j->n_sessions; k++) {
			struct journal_session *se = &j->sessions[k];
			if (strcmp(se->questionnaire, id) != 0) {
				continue;
			}
			print_session_line(j, k, m);
			plain_session_calibration(j, se);
			struct ladder_error lerr = {0};
			if (!journal_session_load(j, se, &lerr)) {
				printf("    (%s)\n", cli_safe(lerr.msg));
			} else if (se->note != NULL) {
				printf("    Reflection:\n");
				print_indented(se->note);
			}
		}
		plain_calibration(j, q, id);
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
out:
	store_close(s);
	model_texts_destroy(m);
	return rc;
}
