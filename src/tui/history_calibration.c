/* The history's calibration: how the self-rating and the choices in the
 * situations move towards each other, from a questionnaire's first session
 * to the one selected, in a sentence, and area by area in a table (c).
 * Reads only the sessions it needs: the first with a gap and the selected. */
#include "screen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/calibration.h"

/* The first session (in sess order, before sel) whose result has a gap in
 * scope (facet NULL: overall); false when none: sel is the first. */
static bool
first_point(const struct journal *j, const size_t *sess, size_t sel,
	const char *facet, struct calibration_point *out)
{
	for (size_t p = 0; p < sel; p++) {
		struct journal_session *s = &j->sessions[sess[p]];
		if (journal_session_load(j, s, NULL) && calibration_point_of(s->result, facet, out)) {
			return true;
		}
	}
	return false;
}

static bool
selected_point(const struct journal *j, const size_t *sess, size_t sel,
	const char *facet, struct calibration_point *out)
{
	struct journal_session *s = &j->sessions[sess[sel]];
	return journal_session_load(j, s, NULL) && calibration_point_of(s->result, facet, out);
}

int
history_calibration_sentence(struct app *a, int y, const struct area *ar, int max_rows,
	const size_t *sess, size_t sel)
{
	const struct journal *j = a->store->journal;
	struct calibration_point first, latest;
	if (!selected_point(j, sess, sel, NULL, &latest)) {
		return 0;
	}
	bool have_first = first_point(j, sess, sel, NULL, &first);
	char *w = calibration_words(have_first ? &first : NULL, &latest);
	if (w == NULL) {
		return 0;
	}
	int rows = ui_wrap(y, ar->x, ar->w, max_rows, TERM_NORMAL, w);
	free(w);
	return rows < max_rows ? rows : max_rows;
}

/* the table's columns: the name, then You, Answers, Gap, First, a word */
#define NAME_COLS 34

static void
table_row(int y, const struct area *ar, enum term_role r, const char *name,
	const struct calibration_point *p, const struct calibration_point *first)
{
	term_print(y, ar->x, NAME_COLS - 1, r, name);
	char cell[64], you[8] = "", ans[8] = "", then[8] = "";
	if (!isnan(p->perceived)) {
		snprintf(you, sizeof(you), "%ld", lround(p->perceived * 100));
	}
	if (!isnan(p->measured)) {
		snprintf(ans, sizeof(ans), "%ld", lround(p->measured * 100));
	}
	if (first != NULL) {
		snprintf(then, sizeof(then), "%+ld", lround(first->gap * 100));
	}
	snprintf(cell, sizeof(cell), "%4s%8s%+5ld%6s", you, ans, lround(p->gap * 100), then);
	term_print(y, ar->x + NAME_COLS, 23, r, cell);
	const char *word = fabs(p->gap) < 0.1 - 1e-9 ? "close"
		: first == NULL ? ""
		: fabs(p->gap) <= fabs(first->gap) - 0.05 + 1e-9 ? "closer"
		: fabs(p->gap) >= fabs(first->gap) + 0.05 - 1e-9 ? "further apart" : "as at first";
	term_print(y, ar->x + NAME_COLS + 24, ar->w - NAME_COLS - 24, TERM_DIM, word);
}

void
history_calibration_table(struct app *a, int y, const struct area *ar, int rows,
	const size_t *sess, size_t sel, const char *qid)
{
	const struct journal *j = a->store->journal;
	const struct questionnaire *q = app_questionnaire(a, qid);
	if (rows < 2) {
		return;
	}
	char head[128];
	snprintf(head, sizeof(head), "%-*s%4s%8s%5s%6s", NAME_COLS, "Area", "You", "Answers",
		"Gap", "First");
	term_print(y, ar->x, ar->w, TERM_DIM, head);
	int end = y + rows;
	y++;
	struct calibration_point p, first;
	if (selected_point(j, sess, sel, NULL, &p)) {
		bool f = first_point(j, sess, sel, NULL, &first);
		table_row(y++, ar, TERM_TITLE, "Overall", &p, f ? &first : NULL);
	} else {
		term_print(y++, ar->x, ar->w, TERM_DIM,
			"This session has no self-rating to compare with the situations.");
	}
	for (size_t f = 0; q != NULL && f < q->n_facets && y < end; f++) {
		if (selected_point(j, sess, sel, q->facets[f].id, &p)) {
			bool have = first_point(j, sess, sel, q->facets[f].id, &first);
			table_row(y++, ar, TERM_NORMAL, q->facets[f].title, &p, have ? &first : NULL);
		}
	}
	/* what the columns are, when there is room for all of it */
	static const char legend[] = "You: your self-rating; Answers: what your choices "
		"in the situations show (out of 100); Gap: the one minus the other; First: the "
		"gap in your first session.";
	if (y + 1 + ui_wrap_rows(ar->w, legend) <= end) {
		ui_wrap(y + 1, ar->x, ar->w, end - y - 1, TERM_DIM, legend);
	}
}
