/* The history chart's layout and list scrolling, without a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/chart.h"

/* One character per cell, rows separated by '|'. */
static void
render(const struct chart *c, char *out)
{
	static const char glyph[] = {
		[CHART_EMPTY] = '.',
		[CHART_POINT] = 'o',
		[CHART_POINT_FOCUS] = '@',
		[CHART_FLAT] = '-',
		[CHART_VERT] = '|',
		[CHART_UP_FROM] = '/',
		[CHART_UP_TO] = '^',
		[CHART_DOWN_FROM] = '\\',
		[CHART_DOWN_TO] = 'v',
	};
	size_t k = 0;
	for (size_t r = 0; r < CHART_ROWS; r++) {
		if (r > 0) {
			out[k++] = ' ';
		}
		for (size_t x = 0; x < c->width; x++) {
			out[k++] = glyph[chart_at(c, r, x)];
		}
	}
	out[k] = '\0';
}

struct row {
	enum stage stages[8];
	size_t n, width, focus;
	const char *expect; /* rung 4 first */
};

static const struct row rows[] = {
	{{1}, 1, 4, 0, ".... .... .... @..."},
	{{1, 2}, 2, 4, 1, ".... .... .^@. o/.."},
	{{1, 1}, 2, 4, 0, ".... .... .... @-o."},
	{{2, 4, 3}, 3, 9, 2, "..^o-\\... ..|..v@.. o-/...... ........."},
	{{4, 1}, 2, 6, 0, "@-\\... ..|... ..|... ..vo.."},
	/* narrow: one column each, no lines */
	{{1, 2, 3, 4}, 4, 4, 3, "...@ ..o. .o.. o..."},
	/* more sessions than columns: the window ends at the focus */
	{{1, 2, 3, 4, 1, 2}, 6, 3, 5, "o.. ... ..@ .o."},
	/* an unplaced session leaves its slot empty and breaks the line */
	{{2, 0, 2}, 3, 6, 0, "...... ...... @...o. ......"},
};

static void
test_layout(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct chart c = {0};
		char got[256];
		assert_true(chart_layout(&c, rows[i].stages, rows[i].n, rows[i].width,
			rows[i].focus));
		render(&c, got);
		if (strcmp(got, rows[i].expect) != 0) {
			fail_msg("row %zu: got \"%s\", expected \"%s\"", i, got, rows[i].expect);
		}
		chart_finish(&c);
	}
}

static void
test_window_follows_focus(void **state)
{
	(void)state;
	enum stage *st = malloc(10000 * sizeof(*st));
	for (size_t i = 0; i < 10000; i++) {
		st[i] = (enum stage)(1 + i % 4);
	}
	struct chart c = {0};
	assert_true(chart_layout(&c, st, 10000, 60, 9999));
	assert_int_equal(c.slot, 1);
	assert_int_equal(c.count, 60);
	assert_int_equal(c.first, 9940);
	/* moving the focus left inside the window keeps it */
	assert_true(chart_layout(&c, st, 10000, 60, 9950));
	assert_int_equal(c.first, 9940);
	/* past its left edge, the window follows */
	assert_true(chart_layout(&c, st, 10000, 60, 100));
	assert_int_equal(c.first, 100);
	assert_int_equal(chart_at(&c, 3 - (size_t)(st[100] - 1), 0), CHART_POINT_FOCUS);
	/* a resize keeps the focus visible */
	assert_true(chart_layout(&c, st, 10000, 20, 150));
	assert_true(c.first <= 150 && 150 < c.first + c.count);
	chart_finish(&c);
	free(st);
}

struct scroll_row {
	size_t n, visible, focus, first, expect;
};

static const struct scroll_row scroll_rows[] = {
	{5, 10, 3, 0, 0},
	{100, 10, 0, 0, 0},
	{100, 10, 9, 0, 0},
	{100, 10, 10, 0, 1},
	{100, 10, 50, 0, 41},
	{100, 10, 45, 41, 41},
	{100, 10, 40, 41, 40},
	{100, 10, 99, 95, 90},
	{100, 10, 95, 200, 90},
	{100, 0, 5, 3, 0},
};

static void
test_scroll(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(scroll_rows) / sizeof(scroll_rows[0]); i++) {
		size_t first = scroll_rows[i].first;
		chart_scroll(scroll_rows[i].n, scroll_rows[i].visible, scroll_rows[i].focus,
			&first);
		if (first != scroll_rows[i].expect) {
			fail_msg("row %zu: got %zu, expected %zu", i, first, scroll_rows[i].expect);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_window_follows_focus),
		cmocka_unit_test(test_scroll),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
