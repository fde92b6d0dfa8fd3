/* The reflection editor: a built-in multi-line editor (UTF-8, wrapping,
 * arrows, Home/End, Backspace/Delete). No external editor and no
 * temporary file: the text lives in memory until it is sealed into the
 * journal. A reflection belongs to a session or stands on its own. */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/chart.h"
#include "ladder/editbuf.h"
#include "ladder/timeutil.h"

#define MAX_PROMPTS 4

struct editor_state {
	enum edit_target target;
	long index;
	enum stage stage;          /* for the prompts */
	const char *questionnaire; /* id, may be NULL */
	struct editbuf eb;
	size_t ed_top;   /* first screen line shown */
	size_t wrap_w;
	int box_rows;
	bool confirming; /* Esc with changes: save, discard or go on */
};

/* arg: a struct editor_arg. */
static void
editor_enter(struct app *a, void *state, const void *arg)
{
	struct editor_state *st = state;
	const struct editor_arg *e = arg;
	struct journal *j = a->store->journal;
	st->target = e->target;
	st->index = e->index;
	st->wrap_w = 1;
	st->box_rows = 1;
	st->stage = STAGE_NONE;
	const char *initial = NULL;
	struct ladder_error err = {0};
	if (st->target == EDIT_SESSION) {
		st->stage = j->sessions[st->index].stage;
		st->questionnaire = j->sessions[st->index].questionnaire;
		if (journal_session_load(j, &j->sessions[st->index], &err)) {
			initial = j->sessions[st->index].note;
		}
	} else {
		if (j->n_sessions > 0) {
			st->stage = j->sessions[j->n_sessions - 1].stage;
		}
		if (st->target == EDIT_NOTE) {
			initial = j->notes[st->index].text;
		}
	}
	editbuf_init(&st->eb, initial);
	editbuf_bottom(&st->eb);
	a->note[0] = '\0';
	if (err.msg[0] != '\0') {
		app_note(a, NOTE_ERROR, "%s", err.msg);
	}
}

/* The text being written, wiped. */
static void
editor_leave(struct app *a, void *state)
{
	(void)a;
	struct editor_state *st = state;
	editbuf_finish(&st->eb);
}

static void
title_of(struct app *a, const struct editor_state *st, char *out, size_t n)
{
	const struct journal *j = a->store->journal;
	char date[TIME_DATE_LEN];
	switch (st->target) {
	case EDIT_SESSION: {
		const struct journal_session *s = &j->sessions[st->index];
		const struct questionnaire *q = app_questionnaire(a, s->questionnaire);
		ui_date(s->completed_at, date);
		snprintf(out, n, "%s, %s", q ? q->title : s->questionnaire, date);
		break;
	}
	case EDIT_NOTE:
		ui_date(j->notes[st->index].at, date);
		snprintf(out, n, "written on %s", date);
		break;
	case EDIT_NEW:
		snprintf(out, n, "on its own");
		break;
	}
}

static void
editor_draw(struct app *a, void *state)
{
	struct editor_state *st = state;
	char right[200];
	title_of(a, st, right, sizeof(right));
	struct area ar = ui_frame(a, "Your reflection", right, st->confirming
		? "s save \xC2\xB7 d discard \xC2\xB7 Esc keep writing"
		: "Ctrl-S save \xC2\xB7 Esc close \xC2\xB7 arrows, Home/End, PgUp/PgDn move \xC2\xB7 F1 keys");
	int y = ar.y;
	/* prompts to start from, as many as leave the box room to write */
	const char *prompts[MAX_PROMPTS];
	size_t np = model_texts_prompts(a->model, st->stage, st->questionnaire,
		prompts, MAX_PROMPTS);
	if (np > MAX_PROMPTS) {
		np = MAX_PROMPTS;
	}
	int min_box = 8;
	int need = 1;
	size_t fit = 0;
	for (size_t i = 0; i < np; i++) {
		int rows = ui_wrap_rows(ar.w - 2, prompts[i]);
		if (ar.h - (need + rows + 1) < min_box) {
			break;
		}
		need += rows;
		fit++;
	}
	if (fit > 0) {
		term_print(y++, ar.x, ar.w, TERM_DIM, "Some questions to start from, if they help:");
		for (size_t i = 0; i < fit; i++) {
			term_print(y, ar.x, 2, TERM_DIM, ui_glyph_bullet());
			y += ui_wrap(y, ar.x + 2, ar.w - 2, ar.h, TERM_DIM, prompts[i]);
		}
	} else if (ar.h - 2 >= min_box) {
		y += ui_wrap(y, ar.x, ar.w, 2, TERM_DIM,
			"Write whatever is on your mind about how you are learning: what "
			"surprised you, what you would like to try next.");
	}
	y++;
	/* the box */
	int bh = ar.y + ar.h - y;
	if (bh < 3) {
		bh = 3;
	}
	term_box(y, ar.x, bh, ar.w, st->confirming ? TERM_DIM : TERM_TITLE);
	st->box_rows = bh - 2;
	st->wrap_w = (size_t)(ar.w - 5);
	size_t row, col;
	editbuf_cursor_rowcol(&st->eb, st->wrap_w, &row, &col);
	chart_scroll(st->eb.n_lines, (size_t)st->box_rows, row, &st->ed_top);
	for (int r = 0; r < st->box_rows && st->ed_top + (size_t)r < st->eb.n_lines; r++) {
		const struct editbuf_line *l = &st->eb.lines[st->ed_top + (size_t)r];
		term_print_n(y + 1 + r, ar.x + 2, (int)st->wrap_w + 1, TERM_NORMAL,
			st->eb.text + l->start, l->len);
	}
	if (st->eb.len == 0) {
		term_print(y + 1, ar.x + 2, ar.w - 3, TERM_DIM, "Start typing here.");
	}
	if (st->confirming) {
		term_print(y + bh - 1, ar.x + 2, ar.w - 4, TERM_WARNING,
			" Save this reflection? s save, d discard, Esc keep writing ");
		return;
	}
	a->cursor = true;
	a->cursor_y = y + 1 + (int)(row - st->ed_top);
	a->cursor_x = ar.x + 2 + (int)(col < st->wrap_w ? col : st->wrap_w);
}

static void
note_remove(struct journal *j, size_t i)
{
	char *t = j->notes[i].text;
	if (t != NULL) {
		sodium_memzero(t, strlen(t));
		free(t);
	}
	memmove(&j->notes[i], &j->notes[i + 1], (j->n_notes - i - 1) * sizeof(j->notes[0]));
	j->n_notes--;
}

/* What is written, put into the journal in memory (not saved). Returns 1
 * when put, 0 when there was nothing to put (a new reflection left empty),
 * -1 on failure (said in the note line). */
static int
put(struct app *a, struct editor_state *st, bool *removed)
{
	struct journal *j = a->store->journal;
	char *text = editbuf_trimmed(&st->eb);
	if (text == NULL) {
		term_fatal("out of memory");
	}
	struct ladder_error err;
	error_clear(&err);
	bool ok = true;
	int put = 1;
	*removed = false;
	switch (st->target) {
	case EDIT_SESSION:
		*removed = text[0] == '\0' && j->sessions[st->index].note != NULL;
		ok = journal_session_set_note(j, &j->sessions[st->index], text, &err);
		break;
	case EDIT_NOTE:
		if (text[0] == '\0') {
			note_remove(j, (size_t)st->index);
			*removed = true;
		} else {
			char *copy = str_dup(text);
			if (copy == NULL) {
				term_fatal("out of memory");
			}
			char *old = j->notes[st->index].text;
			if (old != NULL) {
				sodium_memzero(old, strlen(old));
				free(old);
			}
			j->notes[st->index].text = copy;
		}
		break;
	case EDIT_NEW:
		if (text[0] == '\0') {
			put = 0;
			break;
		}
		{
			struct journal_note *n = journal_add_note(j, text, time_now(), &err);
			ok = n != NULL;
			if (ok) {
				st->target = EDIT_NOTE;
				st->index = (long)(n - j->notes);
			}
		}
		break;
	}
	sodium_memzero(text, strlen(text));
	free(text);
	if (!ok) {
		app_note(a, NOTE_ERROR, "Could not keep the reflection: %s", err.msg);
		return -1;
	}
	if (put) {
		a->unsaved = true;
		st->eb.changed = false;
	}
	return put;
}

static int
save(struct app *a, struct editor_state *st)
{
	bool removed;
	int put_it = put(a, st, &removed);
	if (put_it < 0) {
		return ACT_HANDLED;
	}
	if (put_it == 0) {
		app_note(a, NOTE_INFO, "Nothing written, so nothing to save.");
		app_back(a);
		return ACT_HANDLED;
	}
	if (!app_save(a, removed ? "The reflection is removed." : "Your reflection is saved.")) {
		/* the journal in memory holds it; the disk does not yet */
		st->confirming = false;
		return ACT_HANDLED; /* stay: Ctrl-S or F5 tries again */
	}
	app_back(a);
	return ACT_HANDLED;
}

/* What is written, kept in the journal (the caller saves). */
static bool
editor_keep(struct app *a, void *state)
{
	struct editor_state *st = state;
	bool removed;
	if (!st->eb.changed || editbuf_blank(&st->eb)) {
		return false;
	}
	return put(a, st, &removed) > 0;
}

static int
confirm_key(struct app *a, struct editor_state *st, const struct tkey *k)
{
	if (!k->fn && (k->code == 's' || k->code == 'S' || k->code == 'y')) {
		return save(a, st);
	}
	if (!k->fn && (k->code == 'd' || k->code == 'D' || k->code == 'n')) {
		app_note(a, NOTE_INFO, "The changes were not saved.");
		app_back(a);
		return ACT_REDRAW;
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		st->confirming = false;
	}
	return ACT_REDRAW;
}

static int
editor_key(struct app *a, void *state, const struct tkey *k)
{
	struct editor_state *st = state;
	if (st->confirming) {
		return confirm_key(a, st, k);
	}
	if (k->fn) {
		switch (k->code) {
		case KEY_ENTER: editbuf_insert(&st->eb, "\n", 1); break;
		case KEY_BACKSPACE: editbuf_backspace(&st->eb); break;
		case KEY_DC: editbuf_delete(&st->eb); break;
		case KEY_LEFT: editbuf_left(&st->eb); break;
		case KEY_RIGHT: editbuf_right(&st->eb); break;
		case KEY_UP: editbuf_up(&st->eb, st->wrap_w); break;
		case KEY_DOWN: editbuf_down(&st->eb, st->wrap_w); break;
		case KEY_HOME: editbuf_home(&st->eb, st->wrap_w); break;
		case KEY_END: editbuf_end(&st->eb, st->wrap_w); break;
		case KEY_PPAGE: editbuf_page(&st->eb, st->wrap_w, (size_t)st->box_rows, false); break;
		case KEY_NPAGE: editbuf_page(&st->eb, st->wrap_w, (size_t)st->box_rows, true); break;
		case KEY_F(2): return save(a, st);
		default: return ACT_NONE;
		}
		return ACT_REDRAW;
	}
	switch (k->code) {
	case KEY_CTRL('S'):
		return save(a, st);
	case TERM_KEY_ESC:
		if (!st->eb.changed) {
			app_back(a);
		} else {
			st->confirming = true;
		}
		return ACT_REDRAW;
	case KEY_CTRL('A'):
		editbuf_home(&st->eb, st->wrap_w);
		return ACT_REDRAW;
	case KEY_CTRL('E'):
		editbuf_end(&st->eb, st->wrap_w);
		return ACT_REDRAW;
	case '\t':
		editbuf_insert(&st->eb, "    ", 4);
		return ACT_REDRAW;
	default:
		break;
	}
	if (k->code >= 0x20 && k->code != 0x7F) {
		char enc[4];
		size_t n = ui_utf8((wint_t)k->code, enc);
		if (n > 0 && !editbuf_insert(&st->eb, enc, n) && st->eb.len + n > EDITBUF_MAX) {
			app_note(a, NOTE_ERROR, "This reflection has reached the longest one "
				"ladder keeps.");
		}
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static const struct help_entry editor_help[] = {
	{"typing", "writes at the cursor; Enter starts a new line"},
	{"Ctrl-S, F2", "save the reflection and close"},
	{"Esc", "close (asks whether to save changes)"},
	{"\xE2\x86\x90 \xE2\x86\x92 \xE2\x86\x91 \xE2\x86\x93", "move"},
	{"Home End, Ctrl-A Ctrl-E", "start, end of the line"},
	{"PgUp PgDn", "a page up, down"},
	{"Backspace, Delete", "remove before, after the cursor"},
	{"", "Saving an empty reflection removes it."},
	{NULL, NULL},
};

const struct screen screen_editor = {
	.name = "Reflection editor",
	.state_size = sizeof(struct editor_state),
	.enter = editor_enter,
	.leave = editor_leave,
	.keep = editor_keep,
	.kept = "the reflection you were writing is saved",
	.draw = editor_draw,
	.key = editor_key,
	.help = editor_help,
	.text_input = true,
};
