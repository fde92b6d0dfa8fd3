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

enum { KIND_FULL, KIND_ANON, KIND_COUNT };

static int kind;
static struct editbuf path; /* the file name, one line */
static bool path_ready;
static bool editing;
static bool replace_ok;

static void
default_path(void)
{
	const char *home = getenv("HOME");
	char date[TIME_DATE_LEN];
	time_format_date(time_now(), date);
	char *p = str_printf("%s/ladder-%s-%s.json", home && home[0] ? home : ".",
		kind == KIND_ANON ? "anonymous" : "export", date);
	if (p == NULL) {
		term_fatal("out of memory");
	}
	if (path_ready) {
		editbuf_finish(&path);
	}
	editbuf_init(&path, p);
	editbuf_bottom(&path);
	path_ready = true;
	free(p);
}

static void
export_enter(struct app *a)
{
	(void)a;
	kind = KIND_FULL;
	editing = false;
	replace_ok = false;
	default_path();
}

static void
close_export(struct app *a)
{
	if (path_ready) {
		editbuf_finish(&path);
		path_ready = false;
	}
	app_go(a, SCREEN_HOME);
}

static void
export_draw(struct app *a)
{
	struct area ar = ui_frame(a, "Export", NULL, editing
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
		bool sel = i == kind;
		char prefix[16];
		snprintf(prefix, sizeof(prefix), "%s %d  ", sel ? ui_glyph_pointer() : " ", i + 1);
		term_print(y, ar.x, 6, sel ? TERM_HIGHLIGHT : TERM_KEY, prefix);
		if (sel && !editing) {
			ui_focus(a, y, ar.x + 2);
		}
		y += ui_wrap(y, ar.x + 6, ar.w - 6, 4, sel ? TERM_HIGHLIGHT : TERM_NORMAL, names[i]);
	}
	if (kind == KIND_ANON) {
		y += ui_wrap(y, ar.x + 6, ar.w - 6, 3, TERM_DIM,
			"Scores like these can tell people apart in a small group: hand it "
			"only to a facilitator who shows a room's results for a group of "
			"several people, never one person's.");
	}
	y++;
	term_print(y, ar.x, 6, editing ? TERM_TITLE : TERM_NORMAL, "File: ");
	/* the name on one line; its end when it is too long */
	int fw = ar.w - 6;
	size_t start = 0;
	size_t row, col;
	editbuf_cursor_rowcol(&path, (size_t)EDITBUF_MAX, &row, &col);
	int total = term_width(path.text, path.len);
	if (total >= fw) {
		/* show the part around the cursor */
		size_t skip_cols = col >= (size_t)fw - 1 ? col - (size_t)fw + 2 : 0;
		size_t c = 0;
		while (start < path.len && c < skip_cols) {
			size_t n = utf8_seq_len(path.text + start);
			c += (size_t)term_width(path.text + start, n);
			start += n;
		}
		col -= c;
	}
	term_print_n(y, ar.x + 6, fw, editing ? TERM_HIGHLIGHT : TERM_NORMAL,
		path.text + start, path.len - start);
	if (editing) {
		a->cursor = true;
		a->cursor_y = y;
		a->cursor_x = ar.x + 6 + (int)col;
	}
	y += 2;
	if (replace_ok) {
		ui_wrap(y, ar.x, ar.w, 2, TERM_WARNING,
			"That file already exists. Press Enter again to replace it, or Tab to "
			"choose another name.");
	}
}

static char *
expanded_path(void)
{
	char *p = editbuf_trimmed(&path);
	if (p == NULL) {
		term_fatal("out of memory");
	}
	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		const char *home = getenv("HOME");
		char *e = str_printf("%s%s", home ? home : "", p + 1);
		free(p);
		if (e == NULL) {
			term_fatal("out of memory");
		}
		p = e;
	}
	return p;
}

static int
do_export(struct app *a)
{
	char *p = expanded_path();
	if (p[0] == '\0') {
		free(p);
		app_note(a, NOTE_ERROR, "Give the file a name first (Tab).");
		return ACT_REDRAW;
	}
	if (paths_is_journal_file(a->opt->journal_path, p)) {
		free(p);
		app_note(a, NOTE_ERROR, "That is your journal (or its backup or lock) itself; choose another name.");
		replace_ok = false;
		return ACT_REDRAW;
	}
	if (paths_exists(p) && !replace_ok) {
		replace_ok = true;
		free(p);
		return ACT_REDRAW;
	}
	struct export_options o = {0};
	o.anonymous = kind == KIND_ANON;
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
		close_export(a);
		return ACT_REDRAW;
	}
	app_note(a, NOTE_ERROR, "%s", err.msg);
	replace_ok = false;
	free(p);
	return ACT_REDRAW;
}

static int
edit_key(struct app *a, const struct tkey *k)
{
	(void)a;
	if (k->fn) {
		switch (k->code) {
		case KEY_ENTER:
			/* the name is typed: export (Tab only leaves the field) */
			editing = false;
			return do_export(a);
		case KEY_BACKSPACE: editbuf_backspace(&path); break;
		case KEY_DC: editbuf_delete(&path); break;
		case KEY_LEFT: editbuf_left(&path); break;
		case KEY_RIGHT: editbuf_right(&path); break;
		case KEY_HOME: editbuf_top(&path); break;
		case KEY_END: editbuf_bottom(&path); break;
		default: return ACT_NONE;
		}
		return ACT_REDRAW;
	}
	if (k->code == TERM_KEY_ESC) {
		editing = false;
		default_path();
		return ACT_REDRAW;
	}
	if (k->code == 21) { /* Ctrl-U */
		editbuf_top(&path);
		while (editbuf_delete(&path)) {
		}
		return ACT_REDRAW;
	}
	if (k->code == '\t') {
		editing = false;
		return ACT_REDRAW;
	}
	if (k->code >= 0x20 && k->code != 0x7F) {
		char enc[4];
		size_t n = ui_utf8((wint_t)k->code, enc);
		if (n > 0 && path.len + n < 4096) {
			editbuf_insert(&path, enc, n);
		}
	}
	return ACT_REDRAW;
}

static int
export_key(struct app *a, const struct tkey *k)
{
	if (editing) {
		replace_ok = false;
		return edit_key(a, k);
	}
	bool up = (k->fn && k->code == KEY_UP) || (!k->fn && k->code == 'k');
	bool down = (k->fn && k->code == KEY_DOWN) || (!k->fn && k->code == 'j');
	if (up || down) {
		kind = 1 - kind;
		replace_ok = false;
		default_path();
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == '1' || k->code == '2')) {
		kind = k->code - '1';
		replace_ok = false;
		default_path();
		return ACT_REDRAW;
	}
	if ((!k->fn && k->code == '\t') || (k->fn && k->code == KEY_BTAB)) {
		editing = true;
		replace_ok = false;
		return ACT_REDRAW;
	}
	if (k->fn && k->code == KEY_ENTER) {
		return do_export(a);
	}
	if ((!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC || k->code == 'h')) ||
		(k->fn && k->code == KEY_LEFT)) {
		close_export(a);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static bool
export_typing(void)
{
	return editing;
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
	.enter = export_enter,
	.draw = export_draw,
	.key = export_key,
	.help = export_help,
	.typing = export_typing,
};
