/* History: per questionnaire, a chart of the rung over time, the list of
 * sessions (open one for its result and reflection) with the moves up and
 * down; and the reflections written on their own. Only what is visible is
 * drawn, so thousands of sessions stay fast. */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/chart.h"
#include "ladder/score.h"
#include "ladder/timeutil.h"

#define LABEL_COLS 29

/* The views: one per questionnaire with sessions, then the reflections
 * on their own (when there are any). */
static char **views;
static size_t n_views;
static bool notes_view; /* the last view is the reflections */
static size_t view;

/* the current questionnaire's sessions */
static size_t *sess;   /* indices into journal sessions, in time order */
static enum stage *stages;
static size_t n_sess;
static size_t *moves;  /* positions p of the sessions a transition led to */
static enum stage *move_from; /* per position: the rung a move came from */
static size_t n_moves, n_up, n_down;
static bool moves_only;
static bool calib_view; /* the self-rating area by area instead of the list */
static size_t selected, first;
static struct chart chart;
static int list_rows = 1;
static bool forgetting; /* x or Delete asked: y forgets the session */

static void
free_view(void)
{
	free(sess);
	free(stages);
	free(moves);
	free(move_from);
	sess = NULL;
	stages = NULL;
	moves = NULL;
	move_from = NULL;
	n_sess = n_moves = n_up = n_down = 0;
}

static void
free_views(void)
{
	for (size_t i = 0; i < n_views; i++) {
		free(views[i]);
	}
	free(views);
	views = NULL;
	n_views = 0;
}

static bool
has_view(const char *id)
{
	for (size_t i = 0; i < n_views; i++) {
		if (strcmp(views[i], id) == 0) {
			return true;
		}
	}
	return false;
}

static void
add_view(const char *id)
{
	char **v = realloc(views, (n_views + 1) * sizeof(*v));
	char *copy = str_dup(id);
	if (v == NULL || copy == NULL) {
		term_fatal("out of memory");
	}
	views = v;
	views[n_views++] = copy;
}

static void
build_views(struct app *a)
{
	const struct journal *j = a->store->journal;
	const struct catalog *cat = a->opt->catalog;
	free_views();
	/* the catalog's order first, then questionnaires no longer installed */
	for (size_t i = 0; i < cat->n; i++) {
		if (journal_last_session(j, cat->items[i]->id) != NULL) {
			add_view(cat->items[i]->id);
		}
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		if (!has_view(j->sessions[i].questionnaire)) {
			add_view(j->sessions[i].questionnaire);
		}
	}
	notes_view = j->n_notes > 0;
}

static size_t
total_views(void)
{
	return n_views + (notes_view ? 1 : 0);
}

static bool
on_notes(void)
{
	return notes_view && view == n_views;
}

static void
build_view(struct app *a)
{
	const struct journal *j = a->store->journal;
	free_view();
	if (view >= n_views) {
		selected = j->n_notes > 0 ? j->n_notes - 1 : 0;
		first = 0;
		return;
	}
	const char *id = views[view];
	size_t n = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		n += strcmp(j->sessions[i].questionnaire, id) == 0;
	}
	sess = malloc((n ? n : 1) * sizeof(*sess));
	stages = malloc((n ? n : 1) * sizeof(*stages));
	moves = malloc((n ? n : 1) * sizeof(*moves));
	move_from = calloc(n ? n : 1, sizeof(*move_from));
	if (sess == NULL || stages == NULL || moves == NULL || move_from == NULL) {
		term_fatal("out of memory");
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		if (strcmp(j->sessions[i].questionnaire, id) == 0) {
			sess[n_sess] = i;
			/* the chart shows the ladder of the current rule only */
			stages[n_sess] = journal_session_on_ladder(&j->sessions[i])
				? j->sessions[i].stage : STAGE_NONE;
			n_sess++;
		}
	}
	/* the moves: the core's one movement */
	struct journal_transition *tr = NULL;
	size_t n_tr = journal_transitions(j, id, &tr);
	if (n_tr == (size_t)-1) {
		term_fatal("out of memory");
	}
	journal_transition_counts(tr, n_tr, &n_up, &n_down);
	size_t p = 0;
	for (size_t t = 0; t < n_tr; t++) {
		size_t to = (size_t)(tr[t].to - j->sessions);
		while (p < n_sess && sess[p] != to) {
			p++;
		}
		if (p < n_sess) {
			moves[n_moves++] = p;
			move_from[p] = tr[t].from->stage;
		}
	}
	free(tr);
	size_t len = moves_only ? n_moves : n_sess;
	selected = len > 0 ? len - 1 : 0;
	first = 0;
}

static bool returning; /* from a session or a reflection opened here */

static void
history_enter(struct app *a)
{
	size_t keep_view = view, keep_sel = selected;
	bool back = returning;
	returning = false;
	build_views(a);
	if (back && keep_view < total_views()) {
		view = keep_view;
	} else {
		view = 0;
		/* the questionnaire the program was started for, if any */
		for (size_t i = 0; a->opt->questionnaire != NULL && i < n_views; i++) {
			if (strcmp(views[i], a->opt->questionnaire->id) == 0) {
				view = i;
			}
		}
	}
	build_view(a);
	if (back) {
		size_t len = on_notes() ? a->store->journal->n_notes
			: moves_only ? n_moves : n_sess;
		if (keep_sel < len) {
			selected = keep_sel;
		}
	}
}

/* The position in this view's sessions of list row i. */
static size_t
pos_of(size_t i)
{
	return moves_only ? moves[i] : i;
}

static size_t
list_len(const struct app *a)
{
	if (on_notes()) {
		return a->store->journal->n_notes;
	}
	return moves_only ? n_moves : n_sess;
}

static const char *
chart_glyph(enum chart_cell c)
{
	bool u = term_unicode();
	switch (c) {
	case CHART_POINT: return u ? "\xE2\x97\x8F" : "o";
	case CHART_POINT_FOCUS: return u ? "\xE2\x97\x86" : "@";
	case CHART_FLAT: return u ? "\xE2\x94\x80" : "-";
	case CHART_VERT: return u ? "\xE2\x94\x82" : "|";
	case CHART_UP_FROM: return u ? "\xE2\x95\xAF" : "/";
	case CHART_UP_TO: return u ? "\xE2\x95\xAD" : "/";
	case CHART_DOWN_FROM: return u ? "\xE2\x95\xAE" : "\\";
	case CHART_DOWN_TO: return u ? "\xE2\x95\xB0" : "\\";
	case CHART_EMPTY: break;
	}
	return " ";
}

static void
draw_tabs(struct app *a, const struct area *ar)
{
	char line[300];
	const char *name;
	if (on_notes()) {
		name = "Reflections on their own";
	} else {
		const struct questionnaire *q = app_questionnaire(a, views[view]);
		name = q ? q->title : views[view];
	}
	int x = term_print(ar->y, ar->x, ar->w, TERM_TITLE, name);
	if (total_views() > 1) {
		snprintf(line, sizeof(line), "   %zu of %zu \xC2\xB7 \xE2\x86\x90 \xE2\x86\x92 for the others",
			view + 1, total_views());
		term_print(ar->y, ar->x + x, ar->w - x, TERM_DIM, line);
	}
}

static void
draw_chart(struct app *a, int y, const struct area *ar, size_t focus_pos)
{
	int cw = ar->w - LABEL_COLS;
	if (!chart_layout(&chart, stages, n_sess, (size_t)cw, focus_pos)) {
		term_fatal("out of memory");
	}
	for (int row = 0; row < CHART_ROWS; row++) {
		int rung = STAGE_COUNT - row;
		char label[64];
		snprintf(label, sizeof(label), "%d %s", rung, model_texts_stage(a->model,
			(enum stage)rung)->name);
		term_print(y + row, ar->x, LABEL_COLS - 2, TERM_NORMAL, label);
		term_print(y + row, ar->x + LABEL_COLS - 1, 1, TERM_DIM,
			term_unicode() ? "\xE2\x94\x82" : "|");
		for (int col = 0; col < cw; col++) {
			enum chart_cell c = chart_at(&chart, (size_t)row, (size_t)col);
			if (c == CHART_EMPTY) {
				continue;
			}
			enum term_role r = c == CHART_POINT_FOCUS ? TERM_HIGHLIGHT
				: (c == CHART_POINT ? term_rung_role(rung) : TERM_DIM);
			term_print(y + row, ar->x + LABEL_COLS + col, 1, r, chart_glyph(c));
		}
	}
	/* the time axis: the dates of the first and last sessions shown */
	int ay = y + CHART_ROWS;
	term_print(ay, ar->x + LABEL_COLS - 1, 1, TERM_DIM, term_unicode() ? "\xE2\x94\x94" : "+");
	for (int col = 0; col < cw; col++) {
		term_print(ay, ar->x + LABEL_COLS + col, 1, TERM_DIM,
			term_unicode() ? "\xE2\x94\x80" : "-");
	}
	if (chart.count > 0) {
		const struct journal *j = a->store->journal;
		char d0[TIME_DATE_LEN], d1[TIME_DATE_LEN];
		ui_date(j->sessions[sess[chart.first]].completed_at, d0);
		ui_date(j->sessions[sess[chart.first + chart.count - 1]].completed_at, d1);
		term_print(ay + 1, ar->x + LABEL_COLS, 10, TERM_DIM, d0);
		if (chart.count > 1 && cw >= 24) {
			int last_col = (int)((chart.count - 1) * chart.slot);
			int dx = last_col + 10 <= cw ? last_col : cw - 10;
			if (dx >= 12) {
				term_print(ay + 1, ar->x + LABEL_COLS + dx, 10, TERM_DIM, d1);
			}
		}
	}
}

/* The start of a row of a list: the highlight and pointer when selected,
 * then the date. Returns the role for the rest of the row. */
static enum term_role
draw_row_start(int y, const struct area *ar, bool sel, int64_t at)
{
	enum term_role r = sel ? TERM_HIGHLIGHT : TERM_NORMAL;
	if (sel) {
		term_fill(y, ar->x, 1, ar->w, TERM_HIGHLIGHT);
	}
	term_print(y, ar->x, 2, r, sel ? ui_glyph_pointer() : " ");
	char date[TIME_DATE_LEN];
	ui_date(at, date);
	term_print(y, ar->x + 2, 11, r, date);
	return r;
}

static void
draw_sessions(struct app *a, const struct area *ar)
{
	const struct journal *j = a->store->journal;
	int y = ar->y + 2;
	size_t focus_pos = list_len(a) > 0 ? pos_of(selected) : n_sess - 1;
	draw_chart(a, y, ar, focus_pos);
	y += CHART_ROWS + 2;
	char line[300];
	snprintf(line, sizeof(line), "%zu session%s \xC2\xB7 %zu move%s up \xC2\xB7 %zu move%s down%s",
		n_sess, n_sess == 1 ? "" : "s", n_up, n_up == 1 ? "" : "s", n_down,
		n_down == 1 ? "" : "s", moves_only ? " \xC2\xB7 showing the moves only (t: all)" : "");
	term_print(y++, ar->x, ar->w, TERM_NORMAL, line);
	if (n_sess > 0) {
		y += history_calibration_sentence(a, y, ar, 3, sess, focus_pos);
	}
	y++;
	if (calib_view && n_sess > 0) {
		history_calibration_table(a, y, ar, ar->y + ar->h - y, sess, focus_pos, views[view]);
		return;
	}
	/* the last row: what the selected session's mark means */
	list_rows = ar->y + ar->h - y - 1;
	if (list_rows < 1) {
		list_rows = 1;
	}
	size_t len = list_len(a);
	if (len > 0) {
		history_mark_note(j, ar->y + ar->h - 1, ar, &j->sessions[sess[pos_of(selected)]]);
	}
	if (len == 0) {
		term_print(y, ar->x, ar->w, TERM_DIM, moves_only
			? "No moves yet: every session so far is on the same rung. Press t to see them all."
			: "No sessions.");
		return;
	}
	chart_scroll(len, (size_t)list_rows, selected, &first);
	/* the movement column: up to the reflection mark */
	int mv_w = ar->w - 10 - 48 - 1;
	if (mv_w < 17) {
		mv_w = 17;
	}
	for (int row = 0; row < list_rows && first + (size_t)row < len; row++) {
		size_t i = first + (size_t)row;
		size_t p = pos_of(i);
		const struct journal_session *s = &j->sessions[sess[p]];
		bool sel = i == selected;
		int yy = y + row;
		enum term_role r = draw_row_start(yy, ar, sel, s->completed_at);
		if (sel) {
			ui_focus(a, yy, ar->x + 2);
		}
		if (s->stage == STAGE_NONE) {
			term_print(yy, ar->x + 14, 30, sel ? r : TERM_DIM, "not placed");
		} else {
			snprintf(line, sizeof(line), "rung %d  %s", (int)s->stage,
				model_texts_stage(a->model, s->stage)->name);
			term_print(yy, ar->x + 14, 33, r, line);
		}
		char mv[200];
		history_move_text(j, sess[p], move_from[p], mv_w, mv, sizeof(mv));
		term_print(yy, ar->x + 48, mv_w, sel ? r : TERM_DIM, mv);
		if (journal_session_has_note(s)) {
			term_print(yy, ar->x + ar->w - 10, 10, r, "reflection");
		}
	}
}

static void
draw_notes(struct app *a, const struct area *ar)
{
	const struct journal *j = a->store->journal;
	int y = ar->y + 2;
	list_rows = ar->y + ar->h - y;
	size_t len = j->n_notes;
	chart_scroll(len, (size_t)list_rows, selected, &first);
	for (int row = 0; row < list_rows && first + (size_t)row < len; row++) {
		size_t i = first + (size_t)row;
		const struct journal_note *n = &j->notes[i];
		enum term_role r = draw_row_start(y + row, ar, i == selected, n->at);
		if (i == selected) {
			ui_focus(a, y + row, ar->x + 2);
		}
		/* the first line of the text */
		const char *t = n->text ? n->text : "";
		const char *nl = strchr(t, '\n');
		term_print_n(y + row, ar->x + 14, ar->w - 14, r, t, nl ? (size_t)(nl - t) : strlen(t));
	}
}

static void
history_draw(struct app *a)
{
	const char *footer = on_notes()
		? "\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter open \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 other views \xC2\xB7 q back \xC2\xB7 ? keys"
		: "\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter open \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 other \xC2\xB7 t moves \xC2\xB7 c self-rating \xC2\xB7 q back \xC2\xB7 ? keys";
	struct area ar = ui_frame(a, "History", NULL, footer);
	if (total_views() == 0) {
		ui_wrap(ar.y, ar.x, ar.w, ar.h, TERM_NORMAL,
			"Nothing here yet. Take a questionnaire from the home screen; each time "
			"you do, your path on the ladder shows here.");
		return;
	}
	draw_tabs(a, &ar);
	if (on_notes()) {
		draw_notes(a, &ar);
	} else {
		draw_sessions(a, &ar);
	}
	if (forgetting) {
		term_fill(ar.y + ar.h - 2, ar.x, 2, ar.w, TERM_NORMAL);
		ui_wrap(ar.y + ar.h - 2, ar.x, ar.w, 2, TERM_WARNING,
			"Forget the selected session for good? It is removed from the journal "
			"and from its backup. y forget it, any other key keeps it.");
	}
}

/* Removes the selected session and saves twice, so that the backup (the
 * generation before) does not hold it either. */
static void
forget_selected(struct app *a)
{
	size_t index = sess[pos_of(selected)];
	journal_forget_session(a->store->journal, index);
	if (app_save(a, NULL)) {
		app_save(a, "The session is forgotten: it is in neither the journal nor its backup.");
	}
	free_view();
	free_views();
	returning = true;
	history_enter(a);
	size_t len = list_len(a);
	if (selected >= len) {
		selected = len ? len - 1 : 0;
	}
}

static int
open_selected(struct app *a)
{
	size_t len = list_len(a);
	if (len == 0) {
		return ACT_NONE;
	}
	returning = true;
	if (on_notes()) {
		app_edit(a, EDIT_NOTE, (long)selected, SCREEN_HISTORY);
		return ACT_REDRAW;
	}
	a->session = (long)sess[pos_of(selected)];
	a->result_back = SCREEN_HISTORY;
	a->result_fresh = false;
	app_go(a, SCREEN_RESULT);
	return ACT_REDRAW;
}

static void
switch_view(struct app *a, int dir)
{
	size_t n = total_views();
	if (n < 2) {
		return;
	}
	view = (view + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	build_view(a);
}

static void
leave(struct app *a)
{
	free_view();
	free_views();
	chart_finish(&chart);
	a->session = -1;
	app_go(a, SCREEN_HOME);
}

static int
history_key(struct app *a, const struct tkey *k)
{
	size_t len = list_len(a);
	size_t page = list_rows > 1 ? (size_t)list_rows - 1 : 1;
	if (forgetting) {
		forgetting = false;
		if (!k->fn && (k->code == 'y' || k->code == 'Y') && !on_notes() && len > 0) {
			forget_selected(a);
		}
		return ACT_REDRAW;
	}
	if (((k->fn && k->code == KEY_DC) || (!k->fn && k->code == 'x')) &&
		!on_notes() && len > 0) {
		forgetting = true;
		return ACT_REDRAW;
	}
	if (k->fn) {
		switch (k->code) {
		case KEY_UP: selected = selected > 0 ? selected - 1 : 0; break;
		case KEY_DOWN: selected = selected + 1 < len ? selected + 1 : selected; break;
		case KEY_PPAGE: selected = selected > page ? selected - page : 0; break;
		case KEY_NPAGE:
			selected = selected + page < len ? selected + page : (len ? len - 1 : 0);
			break;
		case KEY_HOME: selected = 0; break;
		case KEY_END: selected = len ? len - 1 : 0; break;
		case KEY_LEFT: switch_view(a, -1); break;
		case KEY_RIGHT: switch_view(a, 1); break;
		case KEY_BTAB: switch_view(a, -1); break;
		case KEY_ENTER: return open_selected(a);
		default: return ACT_NONE;
		}
		return ACT_REDRAW;
	}
	switch (k->code) {
	case 'k': selected = selected > 0 ? selected - 1 : 0; break;
	case 'j': selected = selected + 1 < len ? selected + 1 : selected; break;
	case 'h': switch_view(a, -1); break;
	case 'l':
	case '\t':
		switch_view(a, 1);
		break;
	case 'c':
		calib_view = !calib_view && !on_notes();
		break;
	case 't':
		if (!on_notes()) {
			size_t p = len > 0 ? pos_of(selected) : 0;
			moves_only = !moves_only;
			/* keep the selection near the same session */
			if (moves_only) {
				selected = 0;
				for (size_t i = 0; i < n_moves; i++) {
					if (moves[i] <= p) {
						selected = i;
					}
				}
			} else {
				selected = p < n_sess ? p : 0;
			}
		}
		break;
	case 'w':
		if (!on_notes() && len > 0) {
			returning = true;
			app_edit(a, EDIT_SESSION, (long)sess[pos_of(selected)], SCREEN_HISTORY);
		}
		break;
	case 'q':
	case TERM_KEY_ESC:
		leave(a);
		break;
	default:
		return ACT_NONE;
	}
	return ACT_REDRAW;
}

static const struct help_entry history_help[] = {
	{"\xE2\x86\x91 \xE2\x86\x93, j k", "choose a session"},
	{"PgUp PgDn, Home End", "move a page, to the first or the last"},
	{"Enter", "open it: its result and reflection"},
	{"w", "write or edit its reflection"},
	{"x, Delete", "forget the session (asks first): gone from the journal and its backup"},
	{"\xE2\x86\x90 \xE2\x86\x92, h l, Tab", "other questionnaires; reflections on their own"},
	{"t", "show only the moves up and down, or all sessions"},
	{"c", "your self-rating against your answers, area by area (You, Answers, "
		"their Gap, the gap in your First session), or the list again"},
	{"q, Esc", "back home"},
	{NULL, NULL},
};

const struct screen screen_history = {
	.name = "History",
	.enter = history_enter,
	.draw = history_draw,
	.key = history_key,
	.help = history_help,
};
