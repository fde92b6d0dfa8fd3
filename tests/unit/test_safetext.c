/* The one output filter: every character a terminal acts on is shown
 * visibly, everything else (text in any script, newline, tab) is kept as
 * it is, and bytes that are not UTF-8 become U+FFFD. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/safetext.h"

static void
test_dup(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} rows[] = {
		{"", ""},
		{"plain text", "plain text"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"Naïve “quotes” — 日本語 ✓ 🙂", "Naïve “quotes” — 日本語 ✓ 🙂"},
		{"\x1b]0;PWN\x07", "^[]0;PWN^G"},
		{"\x1b]52;c;aGk=\x1b\\", "^[]52;c;aGk=^[\\"},
		{"a\rb\bc\x01", "a^Mb^Hc^A"},
		{"del\x7f", "del^?"},
		{"c1 \xc2\x9b" "31m \xc2\x80 \xc2\x9f", "c1 <U+009B>31m <U+0080> <U+009F>"},
		{"\xc2\xa0nbsp stays", "\xc2\xa0nbsp stays"},
		{"bidi \xe2\x80\xaa\xe2\x80\xae x \xe2\x81\xa6\xe2\x81\xa9",
			"bidi <U+202A><U+202E> x <U+2066><U+2069>"},
		{"zwj \xe2\x80\x8d and lrm \xe2\x80\x8e stay", "zwj \xe2\x80\x8d and lrm \xe2\x80\x8e stay"},
		{"raw \x9b byte", "raw \xef\xbf\xbd byte"},
		{"cut \xe2\x80", "cut \xef\xbf\xbd\xef\xbf\xbd"},
		{"overlong \xc0\xaf", "overlong \xef\xbf\xbd\xef\xbf\xbd"},
		{"surrogate \xed\xa0\x80", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *got = safetext_dup(rows[i].in);
		assert_non_null(got);
		if (strcmp(got, rows[i].out) != 0) {
			fail_msg("row %zu: got \"%s\", expected \"%s\"", i, got, rows[i].out);
		}
		free(got);
	}
	assert_null(safetext_dup(NULL));
}

static void
test_find(void **state)
{
	(void)state;
	unsigned cp = 0;
	const char *s = "ok\nthen \xc2\x9b";
	assert_int_equal(safetext_find(s, strlen(s), 0, &cp), 2);
	assert_int_equal(cp, '\n');
	assert_int_equal(safetext_find(s, strlen(s), SAFETEXT_NEWLINE, &cp), 8);
	assert_int_equal(cp, 0x9B);
	s = "tab\there";
	assert_int_equal(safetext_find(s, strlen(s), SAFETEXT_NEWLINE, &cp), 3);
	assert_int_equal(safetext_find(s, strlen(s), SAFETEXT_TAB, &cp), strlen(s));
	s = "\xe2\x81\xa8"; /* U+2068 first strong isolate */
	assert_int_equal(safetext_find(s, strlen(s), SAFETEXT_NEWLINE, &cp), 0);
	assert_int_equal(cp, 0x2068);
	/* the length is respected: a control past it is not seen */
	assert_int_equal(safetext_find("ab\x1b", 2, 0, &cp), 2);
	for (unsigned c = 0; c < 0x20; c++) {
		assert_true(safetext_is_control(c, 0));
	}
	assert_false(safetext_is_control(' ', 0));
	assert_false(safetext_is_control(0xA0, 0));
	assert_false(safetext_is_control(0x2029, 0));
	assert_true(safetext_is_control(0x7F, SAFETEXT_NEWLINE | SAFETEXT_TAB));
}

/* Long plain runs are passed over eight bytes at a time: a control is
 * found at every place of a word, and nothing past the length is read. */
static void
test_find_every_offset(void **state)
{
	(void)state;
	static const char *const controls[] = {"\x01", "\x1b", "\x7f", "\xc2\x9b",
		"\xe2\x80\xae", "\n"};
	for (size_t k = 0; k < sizeof(controls) / sizeof(controls[0]); k++) {
		for (size_t at = 0; at < 20; at++) {
			char s[64];
			int n = snprintf(s, sizeof(s), "%.*s%s%s", (int)at, "The quick brown fox jumps",
				controls[k], "over the lazy dog");
			unsigned cp = 0;
			assert_int_equal(safetext_find(s, (size_t)n, 0, &cp), at);
			assert_int_equal(safetext_find(s, at, 0, &cp), at);
		}
	}
	const char *plain = "A line of printable text, long enough for words.";
	unsigned cp;
	assert_int_equal(safetext_find(plain, strlen(plain), 0, &cp), strlen(plain));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dup),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_every_offset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
