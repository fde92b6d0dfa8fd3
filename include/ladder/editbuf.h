#pragma once
#include <stdbool.h>
#include <stddef.h>

/* The text of the reflection editor: UTF-8 in memory only (a reflection
 * must never reach the disk in the open), a cursor, and the layout of the
 * text wrapped into screen lines. Knows nothing of the terminal: the front
 * end turns keys into these calls and draws the lines. */

/* The longest reflection, in bytes. */
#define EDITBUF_MAX ((size_t)100000)

/* A screen line: bytes [start, start+len) of the text, without the
 * newline that may end it. */
struct editbuf_line {
	size_t start, len;
};

struct editbuf {
	char *text; /* NUL-terminated, valid UTF-8 */
	size_t len, cap;
	size_t cursor;   /* byte offset, on a character boundary */
	size_t goal_col; /* column kept while moving up and down */
	bool has_goal;
	bool changed; /* since init or the last editbuf_mark_saved */
	/* layout for layout_width; valid while layout_ok */
	struct editbuf_line *lines;
	size_t n_lines, cap_lines, layout_width;
	bool layout_ok;
};

/* initial may be NULL. False when out of memory or initial is not valid
 * UTF-8 (the buffer is then empty but usable). */
bool editbuf_init(struct editbuf *eb, const char *initial);
/* Wipes the text and frees. */
void editbuf_finish(struct editbuf *eb);

/* Inserts s[0..n) at the cursor and moves past it. Control characters
 * other than newline are dropped, a tab becomes a space and "\r\n" or "\r"
 * a newline. False when s is not valid UTF-8, when the text would exceed
 * EDITBUF_MAX or when out of memory; nothing changes then. */
bool editbuf_insert(struct editbuf *eb, const char *s, size_t n);
/* Deletes the character before / after the cursor (a character with its
 * combining marks). False when there is none. */
bool editbuf_backspace(struct editbuf *eb);
bool editbuf_delete(struct editbuf *eb);

void editbuf_left(struct editbuf *eb);
void editbuf_right(struct editbuf *eb);
/* Moves within the text wrapped to width columns. */
void editbuf_up(struct editbuf *eb, size_t width);
void editbuf_down(struct editbuf *eb, size_t width);
void editbuf_home(struct editbuf *eb, size_t width); /* start of the screen line */
void editbuf_end(struct editbuf *eb, size_t width);  /* end of the screen line */
void editbuf_page(struct editbuf *eb, size_t width, size_t rows, bool down);
void editbuf_top(struct editbuf *eb);
void editbuf_bottom(struct editbuf *eb);

/* Wraps the text into lines of at most width columns: at spaces (which
 * stay at the end of their line), at newlines, and inside words wider than
 * the line. There is always at least one line. Returns false when out of
 * memory (eb->n_lines is then 0). */
bool editbuf_layout(struct editbuf *eb, size_t width);
/* The screen line and column of the cursor in the layout for width. */
void editbuf_cursor_rowcol(struct editbuf *eb, size_t width, size_t *row,
	size_t *col);

/* The text with spaces and newlines trimmed at both ends (malloc'ed), or
 * NULL when out of memory. */
char *editbuf_trimmed(const struct editbuf *eb);
/* True when the text holds nothing but spaces and newlines. */
bool editbuf_blank(const struct editbuf *eb);
