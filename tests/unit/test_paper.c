/* The paper sheet's pages and the pages of a printed result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/paper.h"
#include "ladder/util.h"

/* The lines of page p (0-based) of text, or 0 lines past the last. */
static size_t
page_lines(const char *text, size_t p, char last[128])
{
	const char *s = text;
	for (size_t i = 0; i < p; i++) {
		s = strchr(s, '\f');
		if (s == NULL) {
			return 0;
		}
		s++;
	}
	const char *end = strchr(s, '\f');
	size_t n = 0;
	const char *line = s;
	for (const char *c = s; end ? c < end : *c != '\0'; c++) {
		if (*c == '\n') {
			snprintf(last, 128, "%.*s", (int)(c - line), line);
			line = c + 1;
			n++;
		}
	}
	return n;
}

static void
test_paginate(void **state)
{
	/* paragraphs of 9 lines and a blank one */
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < 100; i++) {
		strbuf_printf(&sb, "%s\n", i % 10 == 9 ? "" : "text");
	}
	char *paged = paper_paginate(sb.data, 24, "For AB (row 3)", 60);
	assert_non_null(paged);
	char last[128];
	size_t p = 0;
	for (; page_lines(paged, p, last) > 0; p++) {
		assert_int_equal(page_lines(paged, p, last), 24);
		char expect[128];
		assert_int_equal(strncmp(last, "For AB (row 3)", 14), 0);
		snprintf(expect, sizeof(expect), "page %zu of ", p + 1);
		assert_non_null(strstr(last, expect));
		assert_int_equal(strlen(last), 60);
	}
	/* 22 lines a page, broken at a blank line: 20 lines each */
	assert_int_equal(p, 5);
	/* no page starts with a blank line */
	for (const char *ff = strchr(paged, '\f'); ff != NULL; ff = strchr(ff + 1, '\f')) {
		assert_true(ff[1] != '\n');
	}
	free(paged);
	strbuf_finish(&sb);
}

static void
test_sheet_pages(void **state)
{
	struct ladder_error err;
	struct questionnaire *q = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	assert_non_null(q);
	struct paper_opts o = {.width = 78, .page_lines = 20, .reflection = true};
	char *sheet = paper_render(q, &o);
	assert_non_null(sheet);
	char last[128];
	size_t p = 0;
	for (; page_lines(sheet, p, last) > 0; p++) {
		assert_int_equal(page_lines(sheet, p, last), 20);
		assert_int_equal(strncmp(last, "tiny v2 ", 8), 0);
	}
	assert_int_equal(p, 4);
	assert_non_null(strstr(sheet, "\fReflection (optional)"));
	assert_null(strstr(sheet, "a2")); /* no item ids */
	free(sheet);
	/* without pages: no form feed, no reflection unless asked */
	o.page_lines = 0;
	o.reflection = false;
	sheet = paper_render(q, &o);
	assert_null(strchr(sheet, '\f'));
	assert_null(strstr(sheet, "Reflection"));
	char code[64];
	paper_code(q, 0, code, sizeof(code));
	assert_string_equal(code, "tiny v2");
	paper_code(q, 2, code, sizeof(code));
	assert_string_equal(code, "tiny v2 set 2");
	free(sheet);
	questionnaire_destroy(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paginate),
		cmocka_unit_test(test_sheet_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
