#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ladder/text.h"

/* The built-in big font for projector mode: 5x8 bitmaps (7 rows above the
 * baseline and one for descenders) of printable ASCII, the dashes, quotes,
 * arrows and a few signs; accented Latin letters fall back to their base
 * letter and anything else to a box. Text is drawn at an integer scale,
 * each font pixel becoming scale x scale pixels, into terminal cells:
 *
 *   GLYPH_BLOCKS  one cell is one pixel wide and two pixels tall, drawn
 *                 with the half blocks U+2580/U+2584 and the full block
 *                 U+2588, so pixels are about square on screen;
 *   GLYPH_ASCII   one cell is one pixel, drawn with '#' (any terminal);
 *   GLYPH_QUADS   one cell is two pixels wide and two tall, drawn with the
 *                 quadrant blocks U+2596..U+259F: a condensed face half as
 *                 wide as GLYPH_BLOCKS, for long text that must still be
 *                 read from the back of a room;
 *   GLYPH_DOTS    one cell is two pixels wide and four tall, drawn with
 *                 the braille patterns U+2801..U+28FF: as wide as
 *                 GLYPH_QUADS and half as tall, two rows a line at scale
 *                 1, for text that does not fit in the other faces.
 *
 * Every code point is one glyph of the same advance, so layout counts code
 * points, not terminal columns. */

#define GLYPH_WIDTH 5
#define GLYPH_HEIGHT 8
#define GLYPH_ADVANCE 6 /* pixels from one glyph to the next */
#define GLYPH_MAX_SCALE 16
#define GLYPH_MAX_LINES 64

enum glyph_style {
	GLYPH_BLOCKS,
	GLYPH_ASCII,
	GLYPH_QUADS,
	GLYPH_DOTS,
};

/* GLYPH_HEIGHT strings of GLYPH_WIDTH characters, '#' for a set pixel and
 * '.' for a clear one. Never NULL: unknown code points give the box. */
const char *const *glyph_bitmap(uint32_t cp);
/* True when cp has a glyph of its own or a fallback letter (not the box). */
bool glyph_known(uint32_t cp);

/* The code point of the UTF-8 sequence at s (at least one byte), and its
 * length in *len; an invalid byte stands for itself. */
uint32_t glyph_decode(const char *s, size_t *len);
/* An ASCII stand-in for cp, for terminals without UTF-8: cp itself when
 * ASCII, the base letter of an accented one, '-' for dashes, straight
 * quotes, 'x' for the multiplication sign, ^ v < > for arrows, '*' for a
 * bullet, '.' for a middle dot or an ellipsis; '?' for anything else. */
char glyph_ascii(uint32_t cp);

/* Glyphs (code points) in the UTF-8 text s[0..n). */
size_t glyph_count(const char *s, size_t n);
/* Width in cells of n glyphs at scale (no trailing gap; 0 for none). */
size_t glyph_cols(size_t n, int scale);
/* The same in a style (GLYPH_QUADS, GLYPH_DOTS: half as wide, rounded
 * up). */
size_t glyph_cols_st(enum glyph_style st, size_t n, int scale);
/* Height in cells of one line of text, and of the blank rows between two
 * lines, at scale. */
size_t glyph_rows(enum glyph_style st, int scale);
size_t glyph_gap(enum glyph_style st, int scale);
/* Height in cells of n_lines lines at scale (0 for none). */
size_t glyph_block_rows(enum glyph_style st, int scale, size_t n_lines);

/* Splits s into lines of at most width cells at scale, breaking at spaces
 * (dropped at the break) and at newlines. A word too wide for a line is
 * cut, and *cut (when not NULL) is set. Fills at most max spans and returns
 * how many lines there are. */
size_t glyph_wrap(const char *s, int scale, size_t width,
	struct text_span *spans, size_t max, bool *cut);

/* The text laid out at a scale. */
struct glyph_layout {
	int scale; /* 0 when it does not fit even at scale 1 */
	size_t n_lines;
	struct text_span lines[GLYPH_MAX_LINES];
	size_t cols; /* width of the widest line */
	size_t rows; /* height of all lines with their gaps */
};

/* Chooses the largest scale from max_scale down to 1 at which s fits in
 * width x height cells with no word cut, and lays it out. Returns false
 * (layout->scale 0) when it does not fit even at scale 1. */
bool glyph_fit(const char *s, enum glyph_style st, size_t width,
	size_t height, int max_scale, struct glyph_layout *layout);

/* Row `row` (0 <= row < glyph_rows(st, scale)) of the text s[0..n) drawn
 * at scale: a NUL-terminated UTF-8 string exactly glyph_cols(count, scale)
 * cells wide, clear pixels as spaces. Caller frees; NULL when out of
 * memory. */
char *glyph_render_row(const char *s, size_t n, enum glyph_style st,
	int scale, size_t row);
