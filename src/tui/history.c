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
#include "history_impl.h"

#define LABEL_COLS 29


static void
history_enter(struct app *a, void *state, const void *arg)
{
	(void)arg;
	struct history_state *st = state;
	st->list_rows = 1;
	history_rebuild(st, a, true);
}

/* Back from a session or a reflection opened here. */
static void
history_show(struct app *a, void *state)
{
	history_rebuild(state, a, false);
}

static void
history_leave(struct app *a, void *state)
{
	(void)a;
	struct history_state *st = state;
	history_free_view(st);
	history_free_views(st);
	chart_finish(&st->chart);
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
draw_tabs(struct history_state *st, struct app *a, const struct area *ar)
{
	char line[300];
	const char *name;
	if (history_on_notes(st)) {
		name = "Reflections on their own";
	} else {
		const struct questionnaire *q = app_questionnaire(a, st->views[st->view]);
		name = q ? q->title : st->views[st->view];
	}
	int x = term_print(ar->y, ar->x, ar->w, TERM_TITLE, name);
	if (history_total_views(st) > 1) {
		snprintf(line, sizeof(line), "   %zu of %zu \xC2\xB7 \xE2\x86\x90 \xE2\x86\x92 for the others",
			st->view + 1, history_total_views(st));
		term_print(ar->y, ar->x + x, ar->w - x, TERM_DIM, line);
	}
}

static void
draw_chart(struct history_state *st, struct app *a, int y, const struct area *ar, size_t focus_pos)
{
	int cw = ar->w - LABEL_COLS;
	if (!chart_layout(&st->chart, st->stages, st->n_sess, (size_t)cw, focus_pos)) {
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
			enum chart_cell c = chart_at(&st->chart, (size_t)row, (size_t)col);
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
	if (st->chart.count > 0) {
		const struct journal *j = a->store->journal;
		char d0[TIME_DATE_LEN], d1[TIME_DATE_LEN];
		ui_date(j->sessions[st->sess[st->chart.first]].completed_at, d0);
		ui_date(j->sessions[st->sess[st->chart.first + st->chart.count - 1]].completed_at, d1);
		term_print(ay + 1, ar->x + LABEL_COLS, 10, TERM_DIM, d0);
		if (st->chart.count > 1 && cw >= 24) {
			int last_col = (int)((st->chart.count - 1) * st->chart.slot);
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
draw_sessions(struct history_state *st, struct app *a, const struct area *ar)
{
	const struct journal *j = a->store->journal;
	int y = ar->y + 2;
	size_t focus_pos = history_list_len(st, a) > 0 ? history_pos_of(st, st->selected) : st->n_sess - 1;
	draw_chart(st, a, y, ar, focus_pos);
	y += CHART_ROWS + 2;
	char line[300];
	snprintf(line, sizeof(line), "%zu session%s \xC2\xB7 %zu move%s up \xC2\xB7 %zu move%s down%s",
		st->n_sess, st->n_sess == 1 ? "" : "s", st->n_up, st->n_up == 1 ? "" : "s", st->n_down,
		st->n_down == 1 ? "" : "s", st->moves_only ? " \xC2\xB7 showing the moves only (t: all)" : "");
	term_print(y++, ar->x, ar->w, TERM_NORMAL, line);
	if (st->n_sess > 0) {
		y += history_calibration_sentence(a, y, ar, 3, st->sess, focus_pos);
	}
	y++;
	if (st->calib_view && st->n_sess > 0) {
		history_calibration_table(a, y, ar, ar->y + ar->h - y, st->sess, focus_pos, st->views[st->view]);
		return;
	}
	/* the last row: what the selected session's mark means */
	st->list_rows = ar->y + ar->h - y - 1;
	if (st->list_rows < 1) {
		st->list_rows = 1;
	}
	size_t len = history_list_len(st, a);
	if (len > 0) {
		history_mark_note(j, ar->y + ar->h - 1, ar, &j->sessions[st->sess[history_pos_of(st, st->selected)]]);
	}
	if (len == 0) {
		term_print(y, ar->x, ar->w, TERM_DIM, st->moves_only
			? "No moves yet: every session so far is on the same rung. Press t to see them all."
			: "No sessions.");
		return;
	}
	chart_scroll(len, (size_t)st->list_rows, st->selected, &st->first);
	/* the movement column: up to the reflection mark */
	int mv_w = ar->w - 10 - 48 - 1;
	if (mv_w < 17) {
		mv_w = 17;
	}
	for (int row = 0; row < st->list_rows && st->first + (size_t)row < len; row++) {
		size_t i = st->first + (size_t)row;
		size_t p = history_pos_of(st, i);
		const struct journal_session *s = &j->sessions[st->sess[p]];
		bool sel = i == st->selected;
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
		history_move_text(j, st->sess[p], mv_w, mv, sizeof(mv));
		term_print(yy, ar->x + 48, mv_w, sel ? r : TERM_DIM, mv);
		if (journal_session_has_note(s)) {
			term_print(yy, ar->x + ar->w - 10, 10, r, "reflection");
		}
	}
}

static void
draw_notes(struct history_state *st, struct app *a, const struct area *ar)
{
	const struct journal *j = a->store->journal;
	int y = ar->y + 2;
	st->list_rows = ar->y + ar->h - y;
	size_t len = j->n_notes;
	chart_scroll(len, (size_t)st->list_rows, st->selected, &st->first);
	for (int row = 0; row < st->list_rows && st->first + (size_t)row < len; row++) {
		size_t i = st->first + (size_t)row;
		const struct journal_note *n = &j->notes[i];
		enum term_role r = draw_row_start(y + row, ar, i == st->selected, n->at);
		if (i == st->selected) {
			ui_focus(a, y + row, ar->x + 2);
		}
		/* the first line of the text */
		const char *t = n->text ? n->text : "";
		const char *nl = strchr(t, '\n');
		term_print_n(y + row, ar->x + 14, ar->w - 14, r, t, nl ? (size_t)(nl - t) : strlen(t));
	}
}

static void
history_draw(struct app *a, void *state)
{
	struct history_state *st = state;
	const char *footer = history_on_notes(st)
		? "\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter open \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 other views \xC2\xB7 q back \xC2\xB7 ? keys"
		: "\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter open \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 other \xC2\xB7 t moves \xC2\xB7 c self-rating \xC2\xB7 q back \xC2\xB7 ? keys";
	struct area ar = ui_frame(a, "History", NULL, footer);
	if (history_total_views(st) == 0) {
		ui_wrap(ar.y, ar.x, ar.w, ar.h, TERM_NORMAL,
			"Nothing here yet. Take a questionnaire from the home screen; each time "
			"you do, your path on the ladder shows here.");
		return;
	}
	draw_tabs(st, a, &ar);
	if (history_on_notes(st)) {
		draw_notes(st, a, &ar);
	} else {
		draw_sessions(st, a, &ar);
	}
	if (st->forgetting) {
		term_fill(ar.y + ar.h - 2, ar.x, 2, ar.w, TERM_NORMAL);
		ui_wrap(ar.y + ar.h - 2, ar.x, ar.w, 2, TERM_WARNING,
			"Forget the selected session for good? It is removed from the journal "
			"and from its backup. y forget it, any other key keeps it.");
	}
}

/* Removes the selected session and saves twice, so that the backup (the
 * generation before) does not hold it either. */
static void
forget_selected(struct history_state *st, struct app *a)
{
	size_t index = st->sess[history_pos_of(st, st->selected)];
	journal_forget_session(a->store->journal, index);
	if (app_save(a, NULL)) {
		app_save(a, "The session is forgotten: it is in neither the journal nor its backup.");
	}
	history_rebuild(st, a, false);
	size_t len = history_list_len(st, a);
	if (st->selected >= len) {
		st->selected = len ? len - 1 : 0;
	}
}

static int
open_selected(struct history_state *st, struct app *a)
{
	size_t len = history_list_len(st, a);
	if (len == 0) {
		return ACT_NONE;
	}
	if (history_on_notes(st)) {
		app_open(a, SCREEN_EDITOR, &(struct editor_arg){EDIT_NOTE, (long)st->selected});
		return ACT_HANDLED;
	}
	app_open(a, SCREEN_RESULT, &(struct result_arg){st->sess[history_pos_of(st, st->selected)], false});
	return ACT_HANDLED;
}

static void
switch_view(struct history_state *st, struct app *a, int dir)
{
	size_t n = history_total_views(st);
	if (n < 2) {
		return;
	}
	st->view = (st->view + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	history_build_view(st, a);
}

static int
history_key(struct app *a, void *state, const struct tkey *k)
{
	struct history_state *st = state;
	size_t len = history_list_len(st, a);
	size_t page = st->list_rows > 1 ? (size_t)st->list_rows - 1 : 1;
	if (st->forgetting) {
		st->forgetting = false;
		if (!k->fn && (k->code == 'y' || k->code == 'Y') && !history_on_notes(st) && len > 0) {
			forget_selected(st, a);
		}
		return ACT_REDRAW;
	}
	if (((k->fn && k->code == KEY_DC) || (!k->fn && k->code == 'x')) &&
		!history_on_notes(st) && len > 0) {
		st->forgetting = true;
		return ACT_REDRAW;
	}
	if (k->fn) {
		switch (k->code) {
		case KEY_UP: st->selected = st->selected > 0 ? st->selected - 1 : 0; break;
		case KEY_DOWN: st->selected = st->selected + 1 < len ? st->selected + 1 : st->selected; break;
		case KEY_PPAGE: st->selected = st->selected > page ? st->selected - page : 0; break;
		case KEY_NPAGE:
			st->selected = st->selected + page < len ? st->selected + page : (len ? len - 1 : 0);
			break;
		case KEY_HOME: st->selected = 0; break;
		case KEY_END: st->selected = len ? len - 1 : 0; break;
		case KEY_LEFT: switch_view(st, a, -1); break;
		case KEY_RIGHT: switch_view(st, a, 1); break;
		case KEY_BTAB: switch_view(st, a, -1); break;
		case KEY_ENTER: return open_selected(st, a);
		default: return ACT_NONE;
		}
		return ACT_REDRAW;
	}
	switch (k->code) {
	case 'k': st->selected = st->selected > 0 ? st->selected - 1 : 0; break;
	case 'j': st->selected = st->selected + 1 < len ? st->selected + 1 : st->selected; break;
	case 'h': switch_view(st, a, -1); break;
	case 'l':
	case '\t':
		switch_view(st, a, 1);
		break;
	case 'c':
		st->calib_view = !st->calib_view && !history_on_notes(st);
		break;
	case 't':
		if (!history_on_notes(st)) {
			size_t p = len > 0 ? history_pos_of(st, st->selected) : 0;
			st->moves_only = !st->moves_only;
			/* keep the selection near the same session */
			if (st->moves_only) {
				st->selected = 0;
				for (size_t i = 0; i < st->n_moves; i++) {
					if (st->moves[i] <= p) {
						st->selected = i;
					}
				}
			} else {
				st->selected = p < st->n_sess ? p : 0;
			}
		}
		break;
	case 'w':
		if (!history_on_notes(st) && len > 0) {
			app_open(a, SCREEN_EDITOR, &(struct editor_arg){EDIT_SESSION,
				(long)st->sess[history_pos_of(st, st->selected)]});
		}
		break;
	case 'q':
	case TERM_KEY_ESC:
		app_back(a);
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
	.state_size = sizeof(struct history_state),
	.enter = history_enter,
	.show = history_show,
	.leave = history_leave,
	.draw = history_draw,
	.key = history_key,
	.help = history_help,
};
