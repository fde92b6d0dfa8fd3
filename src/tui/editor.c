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

static struct editbuf eb;
static bool eb_ready;
static size_t ed_top;   /* first screen line shown */
static size_t wrap_w = 1;
static int box_rows = 1;
static bool confirming; /* Esc with changes: save, discard or go on */

static void
editor_enter(struct app *a)
{
	struct journal *j = a->store->journal;
	const char *initial = NULL;
	struct ladder_error err = {0};
	if (a->edit_target == EDIT_SESSION) {
		if (journal_session_load(j, &j->sessions[a->edit_index], &err)) {
			initial = j->sessions[a->edit_index].note;
		}
	} else if (a->edit_target == EDIT_NOTE) {
		initial = j->notes[a->edit_index].text;
	}
	if (eb_ready) {
		editbuf_finish(&eb);
	}
	editbuf_init(&eb, initial);
	editbuf_bottom(&eb);
	eb_ready = true;
	ed_top = 0;
	confirming = false;
	a->note[0] = '\0';
	if (err.msg[0] != '\0') {
		app_note(a, NOTE_ERROR, "%s", err.msg);
	}
}

static void
editor_close(struct app *a)
{
	if (eb_ready) {
		editbuf_finish(&eb);
		eb_ready = false;
	}
	confirming = false;
	app_go(a, a->edit_back);
}

void
editor_cleanup(void)
{
	if (eb_ready) {
		editbuf_finish(&eb);
		eb_ready = false;
	}
}

static void
title_of(struct app *a, char *out, size_t n)
{
	const struct journal *j = a->store->journal;
	char date[TIME_DATE_LEN];
	switch (a->edit_target) {
	case EDIT_SESSION: {
		const struct journal_session *s = &j->sessions[a->edit_index];
		const struct questionnaire *q = app_questionnaire(a, s->questionnaire);
		ui_date(s->completed_at, date);
		snprintf(out, n, "%s, %s", q ? q->title : s->questionnaire, date);
		break;
	}
	case EDIT_NOTE:
		ui_date(j->notes[a->edit_index].at, date);
		snprintf(out, n, "written on %s", date);
		break;
	case EDIT_NEW:
		snprintf(out, n, "on its own");
		break;
	}
}

static void
editor_draw(struct app *a)
{
	char right[200];
	title_of(a, right, sizeof(right));
	struct area ar = ui_frame(a, "Your reflection", right, confirming
		? "s save \xC2\xB7 d discard \xC2\xB7 Esc keep writing"
		: "Ctrl-S save \xC2\xB7 Esc close \xC2\xB7 arrows, Home/End, PgUp/PgDn move \xC2\xB7 F1 keys");
	int y = ar.y;
	/* prompts to start from, as many as leave the box room to write */
	const char *prompts[MAX_PROMPTS];
	size_t np = model_texts_prompts(a->model, a->edit_stage, a->edit_questionnaire,
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
	term_box(y, ar.x, bh, ar.w, confirming ? TERM_DIM : TERM_TITLE);
	box_rows = bh - 2;
	wrap_w = (size_t)(ar.w - 5);
	size_t row, col;
	editbuf_cursor_rowcol(&eb, wrap_w, &row, &col);
	chart_scroll(eb.n_lines, (size_t)box_rows, row, &ed_top);
	for (int r = 0; r < box_rows && ed_top + (size_t)r < eb.n_lines; r++) {
		const struct editbuf_line *l = &eb.lines[ed_top + (size_t)r];
		term_print_n(y + 1 + r, ar.x + 2, (int)wrap_w + 1, TERM_NORMAL,
			eb.text + l->start, l->len);
	}
	if (eb.len == 0) {
		term_print(y + 1, ar.x + 2, ar.w - 3, TERM_DIM, "Start typing here.");
	}
	if (confirming) {
		term_print(y + bh - 1, ar.x + 2, ar.w - 4, TERM_WARNING,
			" Save this reflection? s save, d discard, Esc keep writing ");
		return;
	}
	a->cursor = true;
	a->cursor_y = y + 1 + (int)(row - ed_top);
	a->cursor_x = ar.x + 2 + (int)(col < wrap_w ? col : wrap_w);
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

static int
save(struct app *a)
{
	struct journal *j = a->store->journal;
	char *text = editbuf_trimmed(&eb);
	if (text == NULL) {
		term_fatal("out of memory");
	}
	struct ladder_error err;
	error_clear(&err);
	bool ok = true;
	bool removed = false;
	switch (a->edit_target) {
	case EDIT_SESSION:
		removed = text[0] == '\0' && j->sessions[a->edit_index].note != NULL;
		ok = journal_session_set_note(j, &j->sessions[a->edit_index], text, &err);
		break;
	case EDIT_NOTE:
		if (text[0] == '\0') {
			note_remove(j, (size_t)a->edit_index);
			removed = true;
		} else {
			char *copy = str_dup(text);
			if (copy == NULL) {
				term_fatal("out of memory");
			}
			char *old = j->notes[a->edit_index].text;
			if (old != NULL) {
				sodium_memzero(old, strlen(old));
				free(old);
			}
			j->notes[a->edit_index].text = copy;
		}
		break;
	case EDIT_NEW:
		if (text[0] == '\0') {
			free(text);
			app_note(a, NOTE_INFO, "Nothing written, so nothing to save.");
			editor_close(a);
			return ACT_REDRAW;
		}
		{
			struct journal_note *n = journal_add_note(j, text, time_now(), &err);
			ok = n != NULL;
			if (ok) {
				a->edit_target = EDIT_NOTE;
				a->edit_index = (long)(n - j->notes);
			}
		}
		break;
	}
	sodium_memzero(text, strlen(text));
	free(text);
	if (!ok) {
		app_note(a, NOTE_ERROR, "Could not keep the reflection: %s", err.msg);
		return ACT_REDRAW;
	}
	if (!app_save(a, removed ? "The reflection is removed." : "Your reflection is saved.")) {
		/* the journal in memory holds it; the disk does not yet */
		confirming = false;
		eb.changed = false;
		return ACT_REDRAW; /* stay: Ctrl-S or F5 tries again */
	}
	editor_close(a);
	return ACT_REDRAW;
}

bool
editor_keep_on_signal(struct app *a)
{
	if (!eb_ready || !eb.changed || editbuf_blank(&eb)) {
		return false;
	}
	save(a);
	return !a->unsaved;
}

static int
confirm_key(struct app *a, const struct tkey *k)
{
	if (!k->fn && (k->code == 's' || k->code == 'S' || k->code == 'y')) {
		return save(a);
	}
	if (!k->fn && (k->code == 'd' || k->code == 'D' || k->code == 'n')) {
		app_note(a, NOTE_INFO, "The changes were not saved.");
		editor_close(a);
		return ACT_REDRAW;
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		confirming = false;
	}
	return ACT_REDRAW;
}

static int
editor_key(struct app *a, const struct tkey *k)
{
	if (confirming) {
		return confirm_key(a, k);
	}
	if (k->fn) {
		switch (k->code) {
		case KEY_ENTER: editbuf_insert(&eb, "\n", 1); break;
		case KEY_BACKSPACE: editbuf_backspace(&eb); break;
		case KEY_DC: editbuf_delete(&eb); break;
		case KEY_LEFT: editbuf_left(&eb); break;
		case KEY_RIGHT: editbuf_right(&eb); break;
		case KEY_UP: editbuf_up(&eb, wrap_w); break;
		case KEY_DOWN: editbuf_down(&eb, wrap_w); break;
		case KEY_HOME: editbuf_home(&eb, wrap_w); break;
		case KEY_END: editbuf_end(&eb, wrap_w); break;
		case KEY_PPAGE: editbuf_page(&eb, wrap_w, (size_t)box_rows, false); break;
		case KEY_NPAGE: editbuf_page(&eb, wrap_w, (size_t)box_rows, true); break;
		case KEY_F(2): return save(a);
		default: return ACT_NONE;
		}
		return ACT_REDRAW;
	}
	switch (k->code) {
	case 19: /* Ctrl-S */
		return save(a);
	case TERM_KEY_ESC:
		if (!eb.changed) {
			editor_close(a);
		} else {
			confirming = true;
		}
		return ACT_REDRAW;
	case 1: /* Ctrl-A */
		editbuf_home(&eb, wrap_w);
		return ACT_REDRAW;
	case 5: /* Ctrl-E */
		editbuf_end(&eb, wrap_w);
		return ACT_REDRAW;
	case '\t':
		editbuf_insert(&eb, "    ", 4);
		return ACT_REDRAW;
	default:
		break;
	}
	if (k->code >= 0x20 && k->code != 0x7F) {
		char enc[4];
		size_t n = ui_utf8((wint_t)k->code, enc);
		if (n > 0 && !editbuf_insert(&eb, enc, n) && eb.len + n > EDITBUF_MAX) {
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
	.enter = editor_enter,
	.draw = editor_draw,
	.key = editor_key,
	.help = editor_help,
	.text_input = true,
};
