/* Export: the journal's content as a ladder-export JSON file, full (a
 * backup, a move to another computer) or anonymous (for a facilitator). */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/editbuf.h"
#include "ladder/export.h"
#include "ladder/filewrite.h"
#include "ladder/json.h"
#include "ladder/paths.h"
#include "ladder/timeutil.h"

struct export_state {
	int kind;
	struct editbuf path; /* the file name, one line */
	bool editing;
	bool replace_ok;
};

enum { KIND_FULL, KIND_ANON, KIND_COUNT };

static void
default_path(struct export_state *st)
{
	const char *home = getenv("HOME");
	char date[TIME_DATE_LEN];
	time_format_date(time_now(), date);
	char *p = str_printf("%s/ladder-%s-%s.json", home && home[0] ? home : ".",
		st->kind == KIND_ANON ? "anonymous" : "export", date);
	if (p == NULL) {
		term_fatal("out of memory");
	}
	editbuf_finish(&st->path);
	editbuf_init(&st->path, p);
	editbuf_bottom(&st->path);
	free(p);
}

static void
export_enter(struct app *a, void *state, const void *arg)
{
	(void)a;
	(void)arg;
	struct export_state *st = state;
	editbuf_init(&st->path, NULL);
	default_path(st);
}

static void
export_leave(struct app *a, void *state)
{
	(void)a;
	struct export_state *st = state;
	editbuf_finish(&st->path);
}

static void
export_draw(struct app *a, void *state)
{
	struct export_state *st = state;
	struct area ar = ui_frame(a, "Export", NULL, st->editing
		? "Enter export \xC2\xB7 Tab done \xC2\xB7 Esc undo changes \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 Home End move"
		: "\xE2\x86\x91\xE2\x86\x93 choose \xC2\xB7 Enter export \xC2\xB7 Tab change the file name \xC2\xB7 q back \xC2\xB7 ? keys");
	int y = ar.y;
	y += ui_wrap(y, ar.x, ar.w, 4, TERM_NORMAL,
		"An export is a JSON file with your sessions in the open: it is not "
		"encrypted. Keep it somewhere safe, and delete it when you no longer "
		"need it.") + 1;
	static const char *const names[KIND_COUNT] = {
		"Full: your answers and reflections (a backup, or a move to another computer)",
		"Anonymous, for a facilitator: each session's date, rung and scores (what "
		"you do, seeing your gaps, effort, your self-rating), overall and area by "
		"area; no answers, no reflections, no times of day, new session ids",
	};
	for (int i = 0; i < KIND_COUNT; i++) {
		bool sel = i == st->kind;
		char prefix[16];
		snprintf(prefix, sizeof(prefix), "%s %d  ", sel ? ui_glyph_pointer() : " ", i + 1);
		term_print(y, ar.x, 6, sel ? TERM_HIGHLIGHT : TERM_KEY, prefix);
		if (sel && !st->editing) {
			ui_focus(a, y, ar.x + 2);
		}
		y += ui_wrap(y, ar.x + 6, ar.w - 6, 4, sel ? TERM_HIGHLIGHT : TERM_NORMAL, names[i]);
	}
	if (st->kind == KIND_ANON) {
		y += ui_wrap(y, ar.x + 6, ar.w - 6, 3, TERM_DIM,
			"Scores like these can tell people apart in a small group: hand it "
			"only to a facilitator who shows a room's results for a group of "
			"several people, never one person's.");
	}
	y++;
	term_print(y, ar.x, 6, st->editing ? TERM_TITLE : TERM_NORMAL, "File: ");
	line_draw(a, y, ar.x + 6, ar.w - 6, st->editing ? TERM_HIGHLIGHT : TERM_NORMAL,
		&st->path, st->editing);
	y += 2;
	if (st->replace_ok) {
		ui_wrap(y, ar.x, ar.w, 2, TERM_WARNING,
			"That file already exists. Press Enter again to replace it, or Tab to "
			"choose another name.");
	}
}

static char *
expanded_path(const struct export_state *st)
{
	char *typed = editbuf_trimmed(&st->path);
	char *p = typed ? paths_expand_user(typed) : NULL;
	free(typed);
	if (p == NULL) {
		term_fatal("out of memory");
	}
	return p;
}

static int
do_export(struct app *a, struct export_state *st)
{
	char *p = expanded_path(st);
	if (p[0] == '\0') {
		free(p);
		app_note(a, NOTE_ERROR, "Give the file a name first (Tab).");
		return ACT_REDRAW;
	}
	if (paths_is_journal_file(a->opt->journal_path, p)) {
		free(p);
		app_note(a, NOTE_ERROR, "That is your journal (or its backup or lock) itself; choose another name.");
		st->replace_ok = false;
		return ACT_REDRAW;
	}
	if (paths_exists(p) && !st->replace_ok) {
		st->replace_ok = true;
		free(p);
		return ACT_REDRAW;
	}
	struct export_options o = {0};
	o.anonymous = st->kind == KIND_ANON;
	struct ladder_error err;
	error_clear(&err);
	/* written as it is made (no tree of the whole journal), into secret
	 * memory first: the file appears whole or not at all */
	struct export_source src = export_source_journal(a->store->journal);
	struct export_sink sink = export_to_memory();
	bool ok = export_run(&src, &o, &sink, &err) &&
		file_write_atomic(p, (const char *)sink.text->data, sink.text->len, &err);
	secret_destroy(sink.text);
	if (ok) {
		app_note(a, NOTE_OK, "Exported to %s%s.", p, o.anonymous ? " (anonymous)" : "");
		free(p);
		app_back(a);
		return ACT_REDRAW;
	}
	app_note(a, NOTE_ERROR, "%s", err.msg);
	st->replace_ok = false;
	free(p);
	return ACT_REDRAW;
}

static int
edit_key(struct app *a, struct export_state *st, const struct tkey *k)
{
	if (k->fn && k->code == KEY_ENTER) {
		/* the name is typed: export (Tab only leaves the field) */
		st->editing = false;
		return do_export(a, st);
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		st->editing = false;
		default_path(st);
		return ACT_HANDLED;
	}
	if (!k->fn && k->code == '\t') {
		st->editing = false;
		return ACT_HANDLED;
	}
	return line_key(&st->path, k, 4095) ? ACT_HANDLED : ACT_NONE;
}

static int
export_key(struct app *a, void *state, const struct tkey *k)
{
	struct export_state *st = state;
	if (st->editing) {
		st->replace_ok = false;
		return edit_key(a, st, k);
	}
	bool up = (k->fn && k->code == KEY_UP) || (!k->fn && k->code == 'k');
	bool down = (k->fn && k->code == KEY_DOWN) || (!k->fn && k->code == 'j');
	if (up || down) {
		st->kind = 1 - st->kind;
		st->replace_ok = false;
		default_path(st);
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == '1' || k->code == '2')) {
		st->kind = k->code - '1';
		st->replace_ok = false;
		default_path(st);
		return ACT_REDRAW;
	}
	if ((!k->fn && k->code == '\t') || (k->fn && k->code == KEY_BTAB)) {
		st->editing = true;
		st->replace_ok = false;
		return ACT_REDRAW;
	}
	if (k->fn && k->code == KEY_ENTER) {
		return do_export(a, st);
	}
	if ((!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC || k->code == 'h')) ||
		(k->fn && k->code == KEY_LEFT)) {
		app_back(a);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static bool
export_typing(const void *state)
{
	const struct export_state *st = state;
	return st->editing;
}

static const struct help_entry export_help[] = {
	{"\xE2\x86\x91 \xE2\x86\x93, 1 2", "full or anonymous"},
	{"Tab", "change the file name (Enter exports, Tab leaves the name)"},
	{"Enter", "write the file"},
	{"q, Esc", "back home without exporting"},
	{NULL, NULL},
};

const struct screen screen_export = {
	.name = "Export",
	.state_size = sizeof(struct export_state),
	.enter = export_enter,
	.leave = export_leave,
	.draw = export_draw,
	.key = export_key,
	.help = export_help,
	.typing = export_typing,
};
