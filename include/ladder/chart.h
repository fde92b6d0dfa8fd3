#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/model.h"

/* Layout of the history chart (rung over time) and of scrolled lists,
 * without a terminal: the front end draws the cells with its glyphs. Only
 * what is visible is laid out, so thousands of sessions cost nothing. */

/* What one cell of the chart shows. */
enum chart_cell {
	CHART_EMPTY = 0,
	CHART_POINT,       /* a session on this rung */
	CHART_POINT_FOCUS, /* the session chosen in the list */
	CHART_FLAT,        /* ─ the line runs on along the rung */
	CHART_VERT,        /* │ the line passes this rung */
	CHART_UP_FROM,     /* ╯ leaves the lower rung going up */
	CHART_UP_TO,       /* ╭ arrives on the higher rung */
	CHART_DOWN_FROM,   /* ╮ leaves the higher rung going down */
	CHART_DOWN_TO,     /* ╰ arrives on the lower rung */
};

#define CHART_ROWS STAGE_COUNT

struct chart {
	size_t width;       /* columns */
	size_t first, count; /* the sessions shown: [first, first+count) */
	size_t slot;        /* columns per session (1..CHART_SLOT_MAX) */
	/* cells[row * width + col]; row 0 is the top rung (4) */
	enum chart_cell *cells;
};

#define CHART_SLOT_MAX 6

/* Scrolls a window of `visible` rows over n so that focus stays inside:
 * *first is kept when it can be, else moved just enough. */
void chart_scroll(size_t n, size_t visible, size_t focus, size_t *first);

/* Lays out n sessions (stages[i], STAGE_NONE for an unplaced one) in width
 * columns: each session gets a slot of the same width, as wide as fits up
 * to CHART_SLOT_MAX; when they do not all fit, the window follows focus
 * (c->first is kept between calls when it can be). A point sits in the
 * first column of its slot; the rest of the slot carries the line to the
 * next session. False when out of memory. */
bool chart_layout(struct chart *c, const enum stage *stages, size_t n,
	size_t width, size_t focus);
void chart_finish(struct chart *c);

/* The cell at row (0 = rung 4) and column. */
enum chart_cell chart_at(const struct chart *c, size_t row, size_t col);
