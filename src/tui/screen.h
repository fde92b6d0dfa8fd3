#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "ladder/answers.h"
#include "ladder/editbuf.h"
#include "ladder/journal.h"
#include "ladder/modeltext.h"
#include "ladder/questionnaire.h"
#include "ladder/secret.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "term.h"
#include "tui.h"

/* The screens of the full-screen program. Each lives in its own file: a
 * table of operations (struct screen) and, when it has any, its own state,
 * which the loop allocates when the screen is opened and frees when it is
 * closed. app.c holds the table, a stack of open screens and the loop. */

enum screen_id {
	SCREEN_WELCOME,
	SCREEN_INTRO,
	SCREEN_NEWPASS,
	SCREEN_RECOVERY,
	SCREEN_UNLOCK,
	SCREEN_HOME,
	SCREEN_CHOOSE,
	SCREEN_RESUME,
	SCREEN_ASSESS,
	SCREEN_RESULT,
	SCREEN_EDITOR,
	SCREEN_HISTORY,
	SCREEN_EXPORT,
	SCREEN_OLDER,
	SCREEN_PRESENT,
	SCREEN_COUNT,
};

/* What a key function asks of the loop (flags). */
enum {
	ACT_NONE = 0,         /* the key was not for this screen */
	ACT_HANDLED = 1 << 0, /* it was; the screen is drawn again */
	ACT_QUIT = 1 << 1,    /* leave the program (app_quit said how) */
};
/* An older name of ACT_HANDLED. */
#define ACT_REDRAW ACT_HANDLED

/* The character a terminal sends for Ctrl and a letter: KEY_CTRL('U'). */
#define KEY_CTRL(c) ((c) & 0x1f)

/* A key: a character (ch, Unicode) or a curses KEY_* code (fn). */
struct tkey {
	int code;  /* KEY_* when fn, else the character */
	bool fn;
};

struct help_entry {
	const char *keys, *what;
};

struct app;

/* A screen's operations; st is its own state (state_size bytes, zeroed
 * when it is opened; NULL when state_size is 0). */
struct screen {
	const char *name;
	size_t state_size;
	/* Opened with arg (what its opener passes, as the screen's file says;
	 * may be NULL). May be NULL. */
	void (*enter)(struct app *a, void *st, const void *arg);
	/* Shown again after the screen above it was closed. May be NULL. */
	void (*show)(struct app *a, void *st);
	/* Closed: frees what st holds (the state itself is wiped and freed
	 * by the loop). May be NULL. */
	void (*leave)(struct app *a, void *st);
	/* Keeps what is unfinished in the journal (not saved yet) before it
	 * closes (a signal, the idle lock, q while the window is too small):
	 * true when something was kept. May be NULL. */
	bool (*keep)(struct app *a, void *st);
	const char *kept; /* what keep keeps, for the message on leaving */
	void (*draw)(struct app *a, void *st);
	int (*key)(struct app *a, void *st, const struct tkey *k);
	const struct help_entry *help; /* ends with {NULL, NULL} */
	/* what Esc and q do here, for the help's last line; NULL: "back
	 * (from home, q quits)" */
	const char *leave_help;
	bool text_input; /* printable keys are text: '?' and 'q' are not keys */
	bool (*typing)(const void *st); /* the same, some of the time; may be NULL */
	/* While true, every key is the screen's: no help overlay, no F5 (a
	 * blanked projector). May be NULL. */
	bool (*grab)(const void *st);
	/* Milliseconds until the screen wants to be drawn again with no key
	 * (a running timer), or -1. May be NULL. */
	int (*tick)(const void *st);
	/* Asked to leave by Ctrl-C (sig SIGINT) or q while the window is too
	 * small (sig 0): the screen's own way out, which may ask first (it
	 * calls app_quit when it leaves). NULL: what is unfinished is kept
	 * and the program leaves. */
	void (*quit)(struct app *a, void *st, int sig);
};

extern const struct screen screen_welcome, screen_intro, screen_newpass,
	screen_recovery, screen_unlock, screen_home, screen_choose, screen_resume,
	screen_assess, screen_result, screen_editor, screen_history,
	screen_export, screen_older, screen_present;

/* An open screen: which, and its state. */
struct frame {
	enum screen_id id;
	void *state;
};
#define APP_STACK_MAX 8

enum note_kind { NOTE_INFO, NOTE_OK, NOTE_ERROR };

struct app {
	const struct tui_options *opt;
	struct store *store;
	struct model_texts *model;
	/* the open screens, the top one shown */
	struct frame stack[APP_STACK_MAX];
	size_t depth;
	bool help;  /* the help overlay is shown */
	bool quit;
	int status; /* exit status */
	char exit_msg[1400]; /* printed after the terminal is restored */
	bool first_run;

	/* the line above the footer */
	char note[1400];
	enum note_kind note_kind;
	/* the journal changed in memory and is not saved yet */
	bool unsaved;
	unsigned save_failures; /* saves failed in a row */

	/* the journal was opened with the recovery code: a new passphrase is
	 * chosen (newpass) and the new code shown (recovery) */
	bool resetting;

	/* where the cursor shows (text fields), set by draw functions */
	bool cursor;
	int cursor_y, cursor_x;
	/* why the last save failed (a->unsaved) */
	char unsaved_msg[1100];
	/* q was pressed once while the journal is unsaved */
	bool quit_asked;
	/* when the last key was pressed (ms, monotonic): the idle lock */
	int64_t last_key_ms;
	/* the questionnaires when opt->catalog is NULL (app_catalog) */
	const struct catalog *cat;
};

/* Whose reflection the editor writes. */
enum edit_target {
	EDIT_SESSION, /* the note of sessions[edit_index] */
	EDIT_NOTE,    /* notes[edit_index] */
	EDIT_NEW,     /* a new reflection on its own */
};


/* app.c: the stack of screens. app_open puts a screen on top (entered
 * with arg); app_back closes the top one (from the last one left: home);
 * app_go closes them all and opens id alone. Each returns the new screen's
 * state. */
void *app_open(struct app *a, enum screen_id id, const void *arg);
void app_back(struct app *a);
void *app_go(struct app *a, enum screen_id id, const void *arg);
/* The screen shown. */
enum screen_id app_top(const struct app *a);
/* A key for the screen shown, as the loop hands it: the help overlay, F5
 * and then the screen's own keys. Returns the screen's ACT_ flags. */
int app_key(struct app *a, const struct tkey *k);
/* Closes every screen and the journal (the model texts too). */
void app_finish(struct app *a);
void app_note(struct app *a, enum note_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Saves the journal with the signals that end the program held back, so a
 * save is never cut in half. Says "saved" (or why not) in the note line;
 * on failure everything stays in memory and F5 tries again. */
bool app_save(struct app *a, const char *saved_msg);
/* The questionnaires (read when first asked for) and the one with that id,
 * or NULL. */
const struct catalog *app_catalog(struct app *a);
const struct questionnaire *app_questionnaire(struct app *a, const char *id);
/* After unlocking or creating the journal: the first screen. */
void app_after_open(struct app *a);
/* Leaves the program (after a signal or q). */
void app_quit(struct app *a, int status);

/* Begins (or resumes) q over home: the assessment screen with its arg. */
void app_assess(struct app *a, const struct questionnaire *q, bool resume);

/* What the screens open each other with (their enter's arg). */
/* assess.c: the questionnaire, and whether to resume its kept answers. */
struct assess_arg {
	const struct questionnaire *q;
	bool resume;
};
/* result.c: the result of sessions[session]; fresh: just completed. */
struct result_arg {
	size_t session;
	bool fresh;
};
/* editor.c: whose reflection; index into sessions or notes. */
struct editor_arg {
	enum edit_target target;
	long index;
};
/* resume.c: the questionnaire with an unfinished session (arg). */
/* intro.c: arg non-NULL when opened from home (Esc goes back there). */
/* recovery.c: arg is the struct secret of the new code, which it takes. */

/* layout.c: drawing helpers shared by the screens */

/* The content column: at most UI_MAX_WIDTH wide, centred. */
#define UI_MAX_WIDTH 100
#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

struct area {
	int y, x, h, w;
};

/* Clears the screen, draws the title bar (title on the left, right on the
 * right, may be NULL), the note line and the footer (key hints), and
 * returns the area between them. */
struct area ui_frame(struct app *a, const char *title, const char *right,
	const char *footer);
/* Draws s wrapped to w columns from row y (at most max_rows rows); returns
 * the rows it takes (also those not drawn). */
int ui_wrap(int y, int x, int w, int max_rows, enum term_role r,
	const char *s);
int ui_wrap_rows(int w, const char *s);
/* A bar of w columns filled to value in [0,1] (NAN: "no answers"). */
void ui_bar(int y, int x, int w, double value);
/* Glyphs that have an ASCII fallback. */
const char *ui_glyph_pointer(void); /* ▶ */
const char *ui_glyph_bullet(void);  /* • */
const char *ui_glyph_mask(void);    /* • for a hidden character */
const char *ui_glyph_check(void);   /* ✓ */
/* A date "2026-11-26" of a time. */
void ui_date(int64_t t, char out[TIME_DATE_LEN]);
/* Up and Down (or k and j) move *selected through a menu of count
 * entries, round from the last to the first; true when k was one of
 * them. */
bool ui_menu_move(const struct tkey *k, int *selected, int count);
/* A menu's keys, as a screen's key function answers them: the moves above
 * and Home, End (ACT_HANDLED); Enter, Right, l or a digit 1-9 pick an
 * entry (a digit also selects it): pick(a, state, its index) says what
 * follows; ACT_NONE for any other key. */
int ui_menu_keys(struct app *a, void *state, const struct tkey *k, int *selected,
	int count, int (*pick)(struct app *a, void *state, int entry));
/* A dialog: a box of lines in the middle of the screen, the first in
 * first_role, over what is drawn. */
void ui_dialog(const char *const *lines, size_t n, enum term_role first_role);
/* Draws a menu of count entries ("1  name") from y, x, w columns wide,
 * the selected one highlighted and focused; returns its rows. */
int ui_menu_draw(struct app *a, int y, int x, int w, const char *const *names, int count,
	int selected);
/* Puts the terminal's cursor at y, x when the screen is drawn: on the
 * focused item of a menu or a list (as dialog's --visit-items does), so a
 * screen reader or a magnifier that follows the cursor follows the focus. */
void ui_focus(struct app *a, int y, int x);
/* Encodes a Unicode character as UTF-8; returns the bytes (0 if invalid). */
size_t ui_utf8(wint_t ch, char out[4]);

/* A scrollable document of styled lines, laid out for a width; only the
 * visible lines are drawn. */
struct doc_seg {
	size_t off, len; /* into pool */
	enum term_role role;
};
struct doc_line {
	size_t first_seg, n_segs;
	int indent;
};
struct doc {
	int width;
	struct strbuf pool;
	struct doc_seg *segs;
	size_t n_segs, cap_segs;
	struct doc_line *lines;
	size_t n_lines, cap_lines;
};

void doc_init(struct doc *d);
void doc_finish(struct doc *d);
void doc_reset(struct doc *d, int width);
/* Wrapped text; the first line at indent, the next ones at indent+hang. */
void doc_text(struct doc *d, enum term_role r, int indent, int hang,
	const char *s);
/* prefix (in prefix_role) then s wrapped under itself: the next lines
 * start where the text of the first one starts. */
void doc_hanging(struct doc *d, int indent, enum term_role prefix_role,
	const char *prefix, enum term_role r, const char *s);
/* A new line at indent, filled by doc_add. */
void doc_line(struct doc *d, int indent);
void doc_add(struct doc *d, enum term_role r, const char *s);
void doc_addn(struct doc *d, enum term_role r, const char *s, size_t n);
void doc_addf(struct doc *d, enum term_role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void doc_blank(struct doc *d);
/* Draws lines [top, top + h) in the area's rows. */
void doc_draw(const struct doc *d, const struct area *ar, size_t top);
/* Keeps *top within [0, n_lines - h]. */
void doc_clamp(const struct doc *d, int h, size_t *top);
/* Scroll keys (arrows, j/k, PgUp/PgDn, Home/End, Space); true when the key
 * was one. */
bool doc_scroll_key(const struct doc *d, int h, size_t *top,
	const struct tkey *k);

/* The ladder: four rungs, the person's one marked by a pointer, a heavier
 * rung and words ("you are here"), never by colour alone. stage may be
 * STAGE_NONE. */
void doc_ladder(struct doc *d, const struct model_texts *m, enum stage s,
	int indent, const char *marker);
/* result.c: the result of sessions[index] in words (fresh: just completed): ladder, axes, facets,
 * calibration, borderline, movement, next steps (and the reflection when
 * with_note). */
void doc_result(struct doc *d, struct app *a, size_t index, bool fresh, bool with_note);

/* history_calibration.c: the self-rating and the situations from the
 * first session of sess (journal indices in time order) to sess[sel]: a
 * sentence (returns its rows) and, area by area, a table. */
int history_calibration_sentence(struct app *a, int y, const struct area *ar,
	int max_rows, const size_t *sess, size_t sel);
void history_calibration_table(struct app *a, int y, const struct area *ar,
	int rows, const size_t *sess, size_t sel, const char *qid);

/* help.c */
void help_draw(struct app *a, const struct screen *s, const void *st);

/* The key hints on every screen use these words. */
#define HINT_HELP "? keys"

/* field.c: a passphrase field. What is typed lives only in sodium_malloc
 * memory and is never drawn: one mask character per character typed. */
struct passfield {
	struct secret *buf; /* SECRET_LINE_MAX bytes of room */
	size_t len;
	size_t chars;
	/* after a wrong try: typing replaces what is there (as a selection
	 * would), Backspace edits it */
	bool selected;
	/* more was typed (pasted) than fits: the rest was left out, and the
	 * field says so */
	bool cut;
};

void passfield_init(struct passfield *f);
void passfield_finish(struct passfield *f);
void passfield_clear(struct passfield *f);
/* Typing, Backspace, Ctrl-U (clear), Ctrl-W (last word); true when the key
 * was one of these. */
bool passfield_key(struct passfield *f, const struct tkey *k);
/* Draws the field (label, then the masks) at y, x; with focus, puts the
 * cursor after the last mask. */
void passfield_draw(struct app *a, int y, int x, int w, const char *label,
	int label_w, const struct passfield *f, bool focus);
/* A copy of exactly what was typed (for the vault). */
struct secret *passfield_secret(const struct passfield *f);

/* lineedit.c: one line of text in an editbuf. Typing (up to max bytes),
 * Backspace, Delete, Left, Right, Home and End (Ctrl-A, Ctrl-E), Ctrl-U
 * clears the line, Ctrl-W removes the word before the cursor. True when
 * the key was one of these (Enter, Tab and Esc are not: they are the
 * screen's). */
bool line_key(struct editbuf *eb, const struct tkey *k, size_t max);
/* Draws the line in w columns from y, x, scrolled so that the cursor
 * shows; with focus, the terminal's cursor goes there. */
void line_draw(struct app *a, int y, int x, int w, enum term_role r,
	struct editbuf *eb, bool focus);

/* history_row.c: the move and marks of a session in the history's list,
 * at most mv_w cells; the line on the selected session's mark. */
void history_move_text(const struct journal *j, size_t index, int mv_w,
	char *out, size_t n);
void history_mark_note(const struct journal *j, int y, const struct area *ar,
	const struct journal_session *s);
