/* A CSV of answers (one row a person): the header's forms, every cell's
 * problem by row and column, RFC 4180 quoting, BOM, CRLF, semicolons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/answers_csv.h"
#include "ladder/util.h"

static struct questionnaire *tiny, *sets;

static int
setup(void **state)
{
	struct ladder_error err;
	tiny = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	sets = questionnaire_load(TESTDATA "/sets/q-sets.json", &err);
	return tiny == NULL || sets == NULL;
}

static int
teardown(void **state)
{
	questionnaire_destroy(tiny);
	questionnaire_destroy(sets);
	return 0;
}

struct row {
	const char *csv;
	bool sets; /* q-sets.json, else tiny.json */
	int set;   /* given */
	bool ok;   /* the file reads as a table */
	size_t n, n_bad;
	const char *problems; /* joined by "\n", NULL for none */
};

static const struct row rows[] = {
	/* question numbers, item ids, any case, Q1 */
	{"1,2,3\n4,b,5\n", false, 0, true, 1, 0, NULL},
	{"a1,A2,q3\r\n4,B,5\r\n", false, 0, true, 1, 0, NULL},
	{"\xEF\xBB\xBFQ1;Q2\n4;2\n", false, 0, true, 1, 0, NULL},
	/* blank rows are no people; a short row skips the rest */
	{"code,1,2\n,,\nAB,4\n\n", false, 0, true, 1, 0, NULL},
	/* quoting: separators, quotes and newlines inside a cell */
	{"code,note,1\n\"A,B\",\"He said \"\"hi\"\"\nthen left\",3\n", false, 0, true, 1, 0, NULL},
	/* bad cells: every one, by row and column */
	{"code,1,2,3\nP1,4,b,5\nP2,9,b,5\nP3,4,x,\n", false, 0, true, 3, 2,
		"f.csv:3: row 3, column B (\"1\"): impossible answer \"9\" to question 1 (expected a whole number from 1 to 5, or an empty cell to skip)\n"
		"f.csv:4: row 4, column C (\"2\"): impossible answer \"x\" to question 2 (expected a letter from A to C (or a to c) or a number from 1 to 3, or an empty cell to skip)"},
	{"1,2\n4,b,5\n", false, 0, true, 1, 1,
		"f.csv:2: row 2: 3 cells, but the header has 2 columns (expected one cell a column)"},
	/* the header */
	{"1,color,99\n", false, 0, false, 0, 0,
		"f.csv:1: row 1, column B (\"color\"): the header names no question (expected a question number of the sheet such as 1 or Q1, an item id of \"tiny\", or code, note, set, timestamp)\n"
		"f.csv:1: row 1, column C (\"99\"): there is no question 99 (expected a question number of the sheet, 1 to 7)"},
	{"1,a1\n", false, 0, false, 0, 0,
		"f.csv:1: row 1, column B (\"a1\"): the same question as column A (expected each question once)"},
	{"", false, 0, false, 0, 0,
		"f.csv:1: the file is empty (expected a header of question numbers as on the sheet, or item ids)"},
	{"code,note\n", false, 0, false, 0, 0,
		"f.csv:1: the first row names no question (expected a header of question numbers as on the sheet, or item ids)"},
	/* broken quoting stops the file */
	{"1,2\n4,\"b\n", false, 0, false, 0, 0,
		"f.csv:2: row 2: a quoted cell is not closed (expected a \" before the end of the file)"},
	{"1,2\n4,b\"\n", false, 0, false, 0, 0,
		"f.csv:2: row 2, column 2: a quote inside a cell that does not start with one (expected the whole cell in quotes, a quote written \"\")"},
	{"1,2\n\"4\"x,b\n", false, 0, false, 0, 0,
		"f.csv:2: row 2, column 1: text after the closing quote of a cell (expected ',' or the end of the line)"},
	{"1,2\n4,\xff\n", false, 0, false, 0, 0,
		"f.csv:2: not UTF-8 text (expected a CSV file saved as UTF-8)"},
	/* sets: question 2 is the set's situation; a set column */
	{"set,2\n1,a\n2,c\n,b\n", true, 0, true, 3, 0, NULL},
	{"set,2\n3,a\n", true, 0, true, 1, 1,
		"f.csv:2: row 2, column A (\"set\"): no set \"3\" (expected a set of the questionnaire, or nothing)"},
	{"set,2\n1,a\n", true, 2, true, 1, 1,
		"f.csv:2: row 2, column A (\"set\"): set 1, but set 2 was given (expected 2 or nothing)"},
	{"s1a,s1b\na,b\n", true, 0, true, 1, 1,
		"f.csv:2: row 2: items \"s1a\" (set 1) and \"s1b\" (set 2) are in different sets (expected answers to the items of one set)"},
};

static void
test_rows(void **state)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct answers_table t;
		struct problems pr;
		problems_init(&pr);
		bool ok = answers_csv_parse(r->sets ? sets : tiny, "f.csv", r->csv, strlen(r->csv),
			r->set, &t, &pr);
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t k = 0; k < pr.n; k++) {
			strbuf_printf(&sb, "%s%s", k ? "\n" : "", pr.msgs[k]);
		}
		const char *got = sb.data ? sb.data : "";
		if (ok != r->ok || t.n != r->n || t.n_bad != r->n_bad ||
			strcmp(got, r->problems ? r->problems : "") != 0) {
			fail_msg("row %zu: ok %d n %zu bad %zu\n  expected: %s\n  got:      %s", i,
				ok, t.n, t.n_bad, r->problems ? r->problems : "", got);
		}
		for (size_t k = 0; k < t.n; k++) {
			/* a bad row has no answers, a good one has */
			assert_true((t.rows[k].answers == NULL) == (k >= t.n - t.n_bad ||
				t.rows[k].answers == NULL));
		}
		strbuf_finish(&sb);
		problems_finish(&pr);
		answers_table_finish(&t);
	}
}

/* What the cells say, in the answers. */
static void
test_values(void **state)
{
	const char *csv = "Timestamp,Code,Q1,Q2,a5,note\r\n"
		"2026-12-04,\"Ann\",4,B,,\"a line\nand another\"\r\n"
		"2026-12-04,Bo,,3,2,\r\n";
	struct answers_table t;
	struct problems pr;
	problems_init(&pr);
	assert_true(answers_csv_parse(tiny, "f.csv", csv, strlen(csv), 0, &t, &pr));
	assert_int_equal(pr.n, 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.n_bad, 0);
	assert_string_equal(t.rows[0].code, "Ann");
	assert_int_equal(t.rows[0].row, 2);
	assert_int_equal(t.rows[1].row, 3);
	assert_int_equal(t.rows[1].line, 4); /* the note's newline */
	assert_int_equal(t.rows[0].answers->values[0], 4);
	assert_int_equal(t.rows[0].answers->values[1], 1);
	assert_int_equal(t.rows[0].answers->values[4], ANSWER_SKIPPED);
	assert_string_equal(t.rows[0].answers->note, "a line\nand another");
	assert_int_equal(t.rows[1].answers->values[0], ANSWER_SKIPPED);
	assert_int_equal(t.rows[1].answers->values[1], 2);
	assert_int_equal(t.rows[1].answers->values[4], 2);
	assert_null(t.rows[1].answers->note);
	answers_table_finish(&t);

	/* with sets, question 2 is the row's set's situation */
	const char *s = "set,2\n2,c\n";
	assert_true(answers_csv_parse(sets, "f.csv", s, strlen(s), 0, &t, &pr));
	long s1b = questionnaire_item_index(sets, "s1b");
	assert_int_equal(t.rows[0].answers->set, 2);
	assert_int_equal(t.rows[0].answers->values[s1b], 2);
	answers_table_finish(&t);
	problems_finish(&pr);
}

/* 25 people, two bad cells: both reported, 23 good rows kept. */
static void
test_room(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "code,1,2,3,4,5,6,7\n");
	for (int i = 0; i < 25; i++) {
		strbuf_printf(&sb, "P%02d,%d,%c,%s,%d,3,2,1\n", i, 1 + i % 5, "abc"[i % 3],
			i == 7 ? "six" : "4", i == 19 ? 7 : i % 5);
	}
	struct answers_table t;
	struct problems pr;
	problems_init(&pr);
	assert_true(answers_csv_parse(tiny, "room.csv", sb.data, sb.len, 0, &t, &pr));
	assert_int_equal(t.n, 25);
	assert_int_equal(t.n_bad, 2);
	assert_int_equal(pr.n, 2);
	assert_string_equal(pr.msgs[0], "room.csv:9: row 9, column D (\"3\"): impossible answer \"six\" to question 3 (expected a whole number from 1 to 5, or an empty cell to skip)");
	assert_string_equal(pr.msgs[1], "room.csv:21: row 21, column E (\"4\"): impossible answer \"7\" to question 4 (expected a whole number from 0 to 4, or an empty cell to skip)");
	assert_null(t.rows[7].answers);
	assert_null(t.rows[19].answers);
	assert_non_null(t.rows[8].answers);
	answers_table_finish(&t);
	problems_finish(&pr);
	strbuf_finish(&sb);
}

/* answers_table_load reads either kind of file. */
static void
test_load(void **state)
{
	struct answers_table t;
	struct problems pr;
	problems_init(&pr);
	assert_true(answers_table_load(tiny, TESTDATA "/answers/tiny-full.json", 0, &t, &pr));
	assert_int_equal(t.n, 1);
	assert_non_null(t.rows[0].answers);
	answers_table_finish(&t);
	assert_false(answers_table_is_csv("a.json", "  {", 3));
	assert_true(answers_table_is_csv("a.json", "1,2", 3));
	assert_true(answers_table_is_csv("a.CSV", "{", 1));
	problems_finish(&pr);

	/* which questionnaire a file is for, before loading it */
	char id[65];
	struct ladder_error err;
	error_clear(&err);
	assert_true(answers_file_questionnaire(TESTDATA "/answers/tiny-full.json", id, sizeof(id), &err));
	assert_string_equal(id, "tiny");
	assert_false(answers_file_questionnaire(TESTDATA "/sheets/tiny-20-reflection.txt", id,
		sizeof(id), &err));
	assert_non_null(strstr(err.msg, "a CSV of answers does not name its questionnaire"));
	assert_false(answers_file_questionnaire(TESTDATA "/questionnaires/tiny.json", id,
		sizeof(id), &err));
	assert_non_null(strstr(err.msg, "unknown format \"ladder-questionnaire\" (expected \"ladder-answers\")"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
