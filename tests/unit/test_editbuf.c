/* The reflection editor's buffer: UTF-8 insertion and deletion, cursor
 * moves over characters and screen lines, and wrapping. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/editbuf.h"
#include "ladder/util.h"

/* The layout as "line|line|..." for comparison. */
static char *
layout_str(struct editbuf *eb, size_t width)
{
	assert_true(editbuf_layout(eb, width));
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < eb->n_lines; i++) {
		if (i > 0) {
			strbuf_puts(&sb, "|");
		}
		strbuf_add(&sb, eb->text + eb->lines[i].start, eb->lines[i].len);
	}
	return strbuf_take(&sb);
}

struct wrap_row {
	const char *text;
	size_t width;
	const char *expect;
};

static const struct wrap_row wrap_rows[] = {
	{"", 10, ""},
	{"hello", 10, "hello"},
	{"hello world", 11, "hello world"},
	{"hello world", 10, "hello |world"},
	{"hello world", 5, "hello |world"},
	{"a b c d e f", 3, "a b |c d |e f"},
	{"abcdefghij", 4, "abcd|efgh|ij"},
	{"one\ntwo", 10, "one|two"},
	{"one\n\ntwo\n", 10, "one||two|"},
	{"hello   world", 8, "hello   |world"},
	/* two columns per character */
	{"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E"},
	{"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5, "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E"},
	/* a combining accent stays with its letter */
	{"cafe\xCC\x81 cafe\xCC\x81", 5, "cafe\xCC\x81 |cafe\xCC\x81"},
	{"caf\xC3\xA9 na\xC3\xAFve", 6, "caf\xC3\xA9 |na\xC3\xAFve"},
	{"a verylongword", 4, "a |very|long|word"},
	/* wider than the line: one character per line */
	{"\xE6\x97\xA5\xE6\x9C\xAC", 1, "\xE6\x97\xA5|\xE6\x9C\xAC"},
};

static void
test_wrap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(wrap_rows) / sizeof(wrap_rows[0]); i++) {
		struct editbuf eb;
		assert_true(editbuf_init(&eb, wrap_rows[i].text));
		char *got = layout_str(&eb, wrap_rows[i].width);
		if (strcmp(got, wrap_rows[i].expect) != 0) {
			fail_msg("row %zu: \"%s\" at %zu: got \"%s\", expected \"%s\"", i,
				wrap_rows[i].text, wrap_rows[i].width, got, wrap_rows[i].expect);
		}
		free(got);
		editbuf_finish(&eb);
	}
}

static void
test_insert_delete(void **state)
{
	(void)state;
	struct editbuf eb;
	assert_true(editbuf_init(&eb, NULL));
	assert_false(eb.changed);
	assert_true(editbuf_insert(&eb, "caf", 3));
	assert_true(editbuf_insert(&eb, "\xC3\xA9", 2));
	assert_string_equal(eb.text, "caf\xC3\xA9");
	assert_int_equal(eb.cursor, 5);
	assert_true(eb.changed);
	/* backspace removes the whole two-byte character */
	assert_true(editbuf_backspace(&eb));
	assert_string_equal(eb.text, "caf");
	/* invalid UTF-8 is refused and changes nothing */
	assert_false(editbuf_insert(&eb, "\xC3", 1));
	assert_string_equal(eb.text, "caf");
	/* control characters dropped, tab and CR normalised */
	assert_true(editbuf_insert(&eb, "\x01\t\r\nx\ry\x7f", 8));
	assert_string_equal(eb.text, "caf \nx\ny");
	editbuf_top(&eb);
	assert_true(editbuf_delete(&eb));
	assert_string_equal(eb.text, "af \nx\ny");
	editbuf_bottom(&eb);
	assert_false(editbuf_delete(&eb));
	editbuf_top(&eb);
	assert_false(editbuf_backspace(&eb));
	editbuf_finish(&eb);
}

static void
test_combining(void **state)
{
	(void)state;
	struct editbuf eb;
	/* e + COMBINING ACUTE, then x */
	assert_true(editbuf_init(&eb, "e\xCC\x81x"));
	editbuf_right(&eb);
	assert_int_equal(eb.cursor, 3); /* past the mark, onto x */
	editbuf_left(&eb);
	assert_int_equal(eb.cursor, 0);
	assert_true(editbuf_delete(&eb)); /* letter and mark go together */
	assert_string_equal(eb.text, "x");
	editbuf_finish(&eb);
}

static void
test_moves(void **state)
{
	(void)state;
	struct editbuf eb;
	size_t row, col;
	/* "hello |world" at width 8, then "ab" on its own line */
	assert_true(editbuf_init(&eb, "hello world\nab"));
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 0);
	editbuf_end(&eb, 8);
	/* before the space that hangs at the soft break */
	assert_int_equal(eb.cursor, 5);
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 5);
	editbuf_down(&eb, 8);
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 5);
	assert_int_equal(eb.cursor, 11); /* end of "world" */
	editbuf_down(&eb, 8);
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 2); /* "ab" is shorter: its end */
	/* the goal column survives the short line */
	editbuf_up(&eb, 8);
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 5);
	editbuf_home(&eb, 8);
	assert_int_equal(eb.cursor, 6);
	editbuf_up(&eb, 8);
	assert_int_equal(eb.cursor, 0);
	editbuf_up(&eb, 8);
	assert_int_equal(eb.cursor, 0);
	editbuf_bottom(&eb);
	editbuf_down(&eb, 8);
	assert_int_equal(eb.cursor, eb.len);
	/* a soft break: the cursor at the start of "world" is on row 1 */
	eb.cursor = 6;
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	/* page moves */
	editbuf_top(&eb);
	editbuf_page(&eb, 8, 3, true);
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 2);
	editbuf_page(&eb, 8, 3, false);
	editbuf_cursor_rowcol(&eb, 8, &row, &col);
	assert_int_equal(row, 0);
	editbuf_finish(&eb);
}

static void
test_wide_columns(void **state)
{
	(void)state;
	struct editbuf eb;
	size_t row, col;
	/* three two-column characters over a narrow line */
	assert_true(editbuf_init(&eb, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"));
	editbuf_right(&eb);
	editbuf_cursor_rowcol(&eb, 10, &row, &col);
	assert_int_equal(col, 2);
	editbuf_bottom(&eb);
	editbuf_cursor_rowcol(&eb, 4, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 2);
	editbuf_up(&eb, 4);
	assert_int_equal(eb.cursor, 3); /* column 2: after the first one */
	editbuf_finish(&eb);
}

static void
test_trim_and_limits(void **state)
{
	(void)state;
	struct editbuf eb;
	assert_true(editbuf_init(&eb, "  \n hello \n\n "));
	assert_false(editbuf_blank(&eb));
	char *t = editbuf_trimmed(&eb);
	assert_string_equal(t, "hello");
	free(t);
	editbuf_finish(&eb);
	assert_true(editbuf_init(&eb, " \n \n"));
	assert_true(editbuf_blank(&eb));
	editbuf_finish(&eb);
	/* the size limit refuses without a change */
	assert_true(editbuf_init(&eb, NULL));
	char *big = malloc(EDITBUF_MAX + 1);
	memset(big, 'a', EDITBUF_MAX);
	assert_true(editbuf_insert(&eb, big, EDITBUF_MAX));
	assert_false(editbuf_insert(&eb, "b", 1));
	assert_int_equal(eb.len, EDITBUF_MAX);
	free(big);
	/* a large layout */
	assert_true(editbuf_layout(&eb, 80));
	assert_int_equal(eb.n_lines, (EDITBUF_MAX + 79) / 80);
	editbuf_finish(&eb);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_insert_delete),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_wide_columns),
		cmocka_unit_test(test_trim_and_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
