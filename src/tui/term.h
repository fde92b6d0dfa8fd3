#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

/* The terminal, shared by every screen: curses set up (cbreak, no echo,
 * keypad, no cursor), a small palette of named roles that degrades from 256
 * colours to 8 to none, keys read with signals noticed, and the terminal
 * restored on every way out: term_finish, exit (atexit), term_fatal, and
 * SIGINT/SIGTERM/SIGHUP, which only set a flag that the key functions
 * report (TERM_KEY_SIGNAL) for the screen to act on. */

/* What text on screen is; term_attr() gives its attributes. Without colour
 * the meaning is kept by bold, reverse, underline and dim. */
enum term_role {
	TERM_NORMAL,
	TERM_TITLE,      /* headings */
	TERM_HIGHLIGHT,  /* the current choice */
	TERM_DIM,        /* secondary text */
	TERM_BAR,        /* the filled part of a bar */
	TERM_BAR_HIDDEN, /* an empty or hidden bar track */
	TERM_WARNING,
	TERM_OK,
	TERM_FOOTER,     /* the status line */
	TERM_KEY,        /* key names in help */
	TERM_RUNG1,      /* the four rungs (same as TERM_BAR without colour) */
	TERM_RUNG2,
	TERM_RUNG3,
	TERM_RUNG4,
	TERM_ROLE_COUNT,
};

enum term_colors {
	TERM_COLORS_NONE,
	TERM_COLORS_8,
	TERM_COLORS_256,
};

enum term_theme {
	TERM_THEME_DEFAULT,  /* the terminal's own background */
	TERM_THEME_CONTRAST, /* bright on black, for projectors */
};

struct term_config {
	bool no_color; /* --no-color; NO_COLOR is checked by term_init too */
	enum term_theme theme;
};

/* Starts curses on the controlling terminal. False, with a message in
 * msg, when standard input or output is not a terminal or curses cannot
 * start (unknown TERM). Calling it twice is a no-op. */
bool term_init(const struct term_config *cfg, char *msg, size_t msg_len);
/* Restores the terminal; safe to call more than once, or before init. */
void term_finish(void);
bool term_active(void);

enum term_colors term_colors(void);
/* True when the locale is UTF-8, so block and line characters can be
 * drawn; else screens draw ASCII. */
bool term_unicode(void);
attr_t term_attr(enum term_role r);
/* The rung's role: TERM_RUNG1 + rung - 1 (rung 1-4). */
enum term_role term_rung_role(int rung);

/* Keys. term_getkey returns an ASCII character as itself, a curses KEY_*
 * code (KEY_RESIZE after the screen changed size; LINES and COLS are
 * already updated), or one of these. */
#define TERM_KEY_TIMEOUT (-1)
#define TERM_KEY_SIGNAL (KEY_MAX + 1) /* see term_signal() */
#define TERM_KEY_OTHER (KEY_MAX + 2)  /* a character outside ASCII */
#define TERM_KEY_CHAR (KEY_MAX + 3)   /* term_read only: *ch holds it */
#define TERM_KEY_ESC 27
/* timeout_ms < 0 waits until a key or a signal comes. */
int term_getkey(int timeout_ms);
/* The same, with characters outside ASCII: returns TERM_KEY_CHAR with the
 * character in *ch for every character (ASCII too). */
int term_read(int timeout_ms, wint_t *ch);
/* The signal that arrived (SIGINT, SIGTERM or SIGHUP), or 0. */
int term_signal(void);
void term_clear_signal(void);

/* When the terminal is smaller than min_cols x min_rows, says so on the
 * whole screen ("ladder needs at least 80×24; this terminal is 60×20")
 * and waits until it grows. Returns false when the terminal is (now) big
 * enough, true when the person pressed q or a signal came while it waited
 * (term_signal() tells which). */
bool term_too_small(int min_cols, int min_rows);

/* Turns off XON/XOFF flow control while curses runs, so that Ctrl-S and
 * Ctrl-Q reach the program as keys (the reflection editor saves with
 * Ctrl-S) instead of freezing the output. term_finish restores it with the
 * rest of the terminal's settings. */
void term_no_flow_control(void);

/* Restores the terminal, prints "ladder: MESSAGE" on stderr and exits 1. */
_Noreturn void term_fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Draws s[0..n) (UTF-8) at y, x in role r, at most max_cols columns; in an
 * ASCII terminal other characters are replaced by look-alikes. Returns the
 * columns drawn. */
int term_print_n(int y, int x, int max_cols, enum term_role r, const char *s,
	size_t n);
int term_print(int y, int x, int max_cols, enum term_role r, const char *s);
/* Columns that term_print would take for s[0..n). */
int term_width(const char *s, size_t n);
/* Fills a rectangle with spaces in role r. */
void term_fill(int y, int x, int h, int w, enum term_role r);
/* A box outline (line drawing, or +-| in ASCII) in role r. */
void term_box(int y, int x, int h, int w, enum term_role r);
