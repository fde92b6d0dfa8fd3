#include "ladder/chart.h"

#include <stdlib.h>
#include <string.h>

void
chart_scroll(size_t n, size_t visible, size_t focus, size_t *first)
{
	if (visible == 0 || n <= visible) {
		*first = 0;
		return;
	}
	if (focus >= n) {
		focus = n - 1;
	}
	if (*first > n - visible) {
		*first = n - visible;
	}
	if (focus < *first) {
		*first = focus;
	} else if (focus >= *first + visible) {
		*first = focus - visible + 1;
	}
}

static size_t
row_of(enum stage s)
{
	return (size_t)(STAGE_COUNT - (int)s);
}

static void
put(struct chart *c, size_t row, size_t col, enum chart_cell v)
{
	if (row < CHART_ROWS && col < c->width) {
		c->cells[row * c->width + col] = v;
	}
}

bool
chart_layout(struct chart *c, const enum stage *stages, size_t n,
	size_t width, size_t focus)
{
	if (c->width != width || c->cells == NULL) {
		enum chart_cell *cells = calloc(width ? width * CHART_ROWS : 1,
			sizeof(*cells));
		if (cells == NULL) {
			return false;
		}
		free(c->cells);
		c->cells = cells;
		c->width = width;
	} else {
		memset(c->cells, 0, width * CHART_ROWS * sizeof(*c->cells));
	}
	c->count = 0;
	if (n == 0 || width == 0) {
		c->first = 0;
		return true;
	}
	size_t slot = width / n;
	if (slot > CHART_SLOT_MAX) {
		slot = CHART_SLOT_MAX;
	}
	if (slot == 0) {
		slot = 1;
	}
	size_t visible = width / slot;
	chart_scroll(n, visible, focus, &c->first);
	c->slot = slot;
	c->count = n - c->first < visible ? n - c->first : visible;
	for (size_t k = 0; k < c->count; k++) {
		size_t i = c->first + k;
		size_t col = k * slot;
		enum stage s = stages[i];
		if (s < STAGE_UNCONSCIOUS_INCOMPETENCE || s > STAGE_UNCONSCIOUS_COMPETENCE) {
			continue;
		}
		put(c, row_of(s), col, i == focus ? CHART_POINT_FOCUS : CHART_POINT);
		/* the line to the next session, inside this slot */
		if (slot < 2 || k + 1 >= c->count) {
			continue;
		}
		enum stage t = stages[i + 1];
		if (t < STAGE_UNCONSCIOUS_INCOMPETENCE || t > STAGE_UNCONSCIOUS_COMPETENCE) {
			continue;
		}
		size_t r0 = row_of(s), r1 = row_of(t);
		size_t last = col + slot - 1;
		for (size_t x = col + 1; x < last; x++) {
			put(c, r0, x, CHART_FLAT);
		}
		if (r0 == r1) {
			put(c, r0, last, CHART_FLAT);
		} else if (r1 < r0) { /* up: a lower row number */
			put(c, r0, last, CHART_UP_FROM);
			for (size_t r = r1 + 1; r < r0; r++) {
				put(c, r, last, CHART_VERT);
			}
			put(c, r1, last, CHART_UP_TO);
		} else {
			put(c, r0, last, CHART_DOWN_FROM);
			for (size_t r = r0 + 1; r < r1; r++) {
				put(c, r, last, CHART_VERT);
			}
			put(c, r1, last, CHART_DOWN_TO);
		}
	}
	return true;
}

void
chart_finish(struct chart *c)
{
	free(c->cells);
	memset(c, 0, sizeof(*c));
}

enum chart_cell
chart_at(const struct chart *c, size_t row, size_t col)
{
	if (c->cells == NULL || row >= CHART_ROWS || col >= c->width) {
		return CHART_EMPTY;
	}
	return c->cells[row * c->width + col];
}
