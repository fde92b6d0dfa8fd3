/* Answers files: values are checked against the questionnaire; unknown
 * items and impossible values are refused by name, with file:line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/answers.h"
#include "ladder/util.h"

static struct questionnaire *q;

static int
setup(void **state)
{
	struct ladder_error err;
	q = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	return q == NULL;
}

static int
teardown(void **state)
{
	questionnaire_destroy(q);
	return 0;
}

#define HEAD "{\"format\": \"ladder-answers\", \"format_version\": 1, \"questionnaire\": \"tiny\",\n"

struct row {
	const char *text;
	const char *expect; /* NULL: accepted */
};

static const struct row rows[] = {
	{HEAD "\"answers\": {}}", NULL},
	{HEAD "\"answers\": {\"a1\": 5, \"a2\": \"c\", \"a4\": 0, \"b1\": null}, \"note\": \"fine\"}", NULL},
	{HEAD "\"answers\": {\"zz\": 3}}",
		"a.json:2:13: unknown item \"zz\" (questionnaire \"tiny\" has no such item)"},
	{HEAD "\"answers\": {\"a1\": 6}}",
		"a.json:2:13: impossible answer 6 to item \"a1\" (expected a whole number from 1 to 5 on the \"freq\" scale, or null to skip)"},
	{HEAD "\"answers\": {\"a1\": 0}}",
		"a.json:2:13: impossible answer 0 to item \"a1\" (expected a whole number from 1 to 5 on the \"freq\" scale, or null to skip)"},
	{HEAD "\"answers\": {\"a1\": 2.5}}",
		"a.json:2:13: impossible answer 2.5 to item \"a1\" (expected a whole number from 1 to 5 on the \"freq\" scale, or null to skip)"},
	{HEAD "\"answers\": {\"a1\": \"3\"}}",
		"a.json:2:13: impossible answer \"3\" to item \"a1\" (expected a whole number from 1 to 5 on the \"freq\" scale, or null to skip)"},
	{HEAD "\"answers\": {\"a4\": 5}}",
		"a.json:2:13: impossible answer 5 to item \"a4\" (expected a whole number from 0 to 4 on the \"zero\" scale, or null to skip)"},
	{HEAD "\"answers\": {\"a2\": \"d\"}}",
		"a.json:2:13: impossible answer \"d\" to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)"},
	{HEAD "\"answers\": {\"a2\": 4}}",
		"a.json:2:13: impossible answer 4 to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)"},
	{HEAD "\"answers\": {\"a2\": 0}}",
		"a.json:2:13: impossible answer 0 to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)"},
	{HEAD "\"answers\": {\"a2\": 1.5}}",
		"a.json:2:13: impossible answer 1.5 to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)"},
	{HEAD "\"answers\": {\"a2\": \"\"}}",
		"a.json:2:13: impossible answer \"\" to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)"},
	{HEAD "\"answers\": {\"a2\": \"C\"}}", NULL},
	{HEAD "\"answers\": {\"a2\": 2}}", NULL},
	{HEAD "\"answers\": {\"a2\": \"3\"}}", NULL},
	{HEAD "\"answers\": {\"a2\": \" 3 \"}}",
		"a.json:2:13: impossible answer \" 3 \" to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)"},
	{HEAD "\"answers\": {\"a1\": 1, \"a1\": 2}}",
		"a.json:2:22: item \"a1\" is answered twice"},
	{"{\"format\": \"ladder-answers\", \"format_version\": 1, \"questionnaire\": \"cultural\", \"answers\": {}}",
		"a.json:1:68: these are answers to \"cultural\", not to \"tiny\" (expected \"questionnaire\": \"tiny\")"},
	{HEAD "\"questionnaire_version\": 1, \"answers\": {}}",
		"a.json:2:26: these are answers to version 1 of \"tiny\", but version 2 is installed"},
	{"{\"format\": \"ladder-export\", \"format_version\": 1}",
		"a.json:1:12: unknown format \"ladder-export\" (expected \"ladder-answers\")"},
	{HEAD "\"answers\": [1, 2]}",
		"a.json:2:12: expected \"answers\" of the answers file to be an object {...}"},
	{HEAD "\"answer\": {}}",
		"a.json:2:1: unknown member \"answer\" in the answers file (expected one of \"format\", \"format_version\", \"questionnaire\", \"questionnaire_version\", \"set\", \"answers\", \"note\")"},
	{"{\"format\": \"ladder-answers\", \"format_version\": 1, \"questionnaire\": \"tiny\"}",
		"a.json:1:1: the answers file has no \"answers\" (expected an object {...})"},
};

static void
test_rows(void **state)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct ladder_error err;
		error_clear(&err);
		struct answers *a = answers_parse(q, "a.json", rows[i].text, strlen(rows[i].text), &err);
		if (rows[i].expect == NULL) {
			if (a == NULL) {
				fail_msg("row %zu refused: %s", i, err.msg);
			}
		} else if (a != NULL) {
			fail_msg("row %zu accepted, expected %s", i, rows[i].expect);
		} else if (strcmp(err.msg, rows[i].expect) != 0) {
			fail_msg("row %zu:\n  expected: %s\n  got:      %s", i, rows[i].expect, err.msg);
		}
		answers_destroy(a);
	}
}

static void
test_values(void **state)
{
	const char *text = HEAD "\"answers\": {\"a1\": 5, \"a2\": \"c\", \"a4\": 0, \"b1\": null}, \"note\": \"fine\"}";
	struct ladder_error err;
	struct answers *a = answers_parse(q, "a.json", text, strlen(text), &err);
	assert_non_null(a);
	assert_int_equal(a->values[0], 5);
	assert_int_equal(a->values[1], 2); /* option "c" is the third */
	assert_int_equal(a->values[2], ANSWER_SKIPPED);
	assert_int_equal(a->values[3], 0);
	assert_int_equal(a->values[5], ANSWER_SKIPPED); /* null */
	assert_int_equal(answers_count(a), 3);
	assert_string_equal(a->note, "fine");

	/* back to JSON and in again gives the same answers */
	cJSON *o = answers_values_to_json(q, a);
	char *s = cJSON_PrintUnformatted(o);
	assert_string_equal(s, "{\"a1\":5,\"a2\":\"c\",\"a4\":0}");
	struct answers *b = answers_create(q);
	assert_true(answers_values_from_json(q, o, b, &err));
	assert_memory_equal(a->values, b->values, a->n * sizeof(int));
	/* from the journal an unknown item is still refused by name */
	cJSON_AddNumberToObject(o, "nope", 1);
	assert_false(answers_values_from_json(q, o, b, &err));
	assert_string_equal(err.msg, "unknown item \"nope\" (questionnaire \"tiny\" has no such item)");
	answers_destroy(b);
	cJSON_free(s);
	cJSON_Delete(o);
	answers_destroy(a);
}

/* A situation's answer in every form a person writes it. */
static void
test_forgiving(void **state)
{
	static const struct {
		const char *json;
		int value;
	} forms[] = {
		{"\"b\"", 1}, {"\"B\"", 1}, {"2", 1}, {"\"2\"", 1}, {"\"c\"", 2}, {"\"C\"", 2},
		{"3", 2}, {"1", 0}, {"\"A\"", 0},
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *text = str_printf(HEAD "\"answers\": {\"a2\": %s}}", forms[i].json);
		struct ladder_error err;
		error_clear(&err);
		struct answers *a = answers_parse(q, "a.json", text, strlen(text), &err);
		if (a == NULL) {
			fail_msg("%s refused: %s", forms[i].json, err.msg);
		}
		assert_int_equal(a->values[1], forms[i].value);
		answers_destroy(a);
		free(text);
	}
	/* the text form: a Likert item takes only its scale's numbers */
	int v = -1;
	assert_true(answers_value_parse(q, &q->items[0], " 4 ", &v));
	assert_int_equal(v, 4);
	assert_false(answers_value_parse(q, &q->items[0], "6", &v));
	assert_false(answers_value_parse(q, &q->items[0], "a", &v));
	assert_false(answers_value_parse(q, &q->items[0], "4x", &v));
	assert_false(answers_value_parse(q, &q->items[0], "", &v));
	assert_true(answers_value_parse(q, &q->items[3], "0", &v)); /* scale 0..4 */
	assert_int_equal(v, 0);

	/* options whose ids are letters out of order: in a file the id
	 * decides, off a sheet the letter's place */
	struct item *it = &q->items[1];
	char *first = it->options[0].id;
	it->options[0].id = it->options[1].id; /* now "b", "a", "c" */
	it->options[1].id = first;
	assert_true(answers_value_parse(q, it, "A", &v));
	assert_int_equal(v, 1);
	assert_true(answers_sheet_value_parse(q, it, "A", &v));
	assert_int_equal(v, 0);
	assert_true(answers_sheet_value_parse(q, it, " b ", &v));
	assert_int_equal(v, 1);
	assert_true(answers_sheet_value_parse(q, it, "3", &v));
	assert_int_equal(v, 2);
	assert_false(answers_sheet_value_parse(q, it, "d", &v));
	it->options[1].id = it->options[0].id;
	it->options[0].id = first;
}

/* Every problem of a file at once, and nothing taken from it. */
static void
test_all_problems(void **state)
{
	const char *text = HEAD "\"answers\": {\"a1\": 9, \"a2\": \"x\",\n"
		"\"zz\": 1, \"a3\": 2, \"a3\": 3}}";
	struct problems pr;
	problems_init(&pr);
	struct answers *a = answers_parse_all(q, "a.json", text, strlen(text), &pr);
	assert_null(a);
	assert_int_equal(problems_count(&pr), 4);
	assert_string_equal(pr.msgs[0], "a.json:2:13: impossible answer 9 to item \"a1\" (expected a whole number from 1 to 5 on the \"freq\" scale, or null to skip)");
	assert_string_equal(pr.msgs[1], "a.json:2:22: impossible answer \"x\" to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3, or null to skip)");
	assert_string_equal(pr.msgs[2], "a.json:3:1: unknown item \"zz\" (questionnaire \"tiny\" has no such item)");
	assert_string_equal(pr.msgs[3], "a.json:3:19: item \"a3\" is answered twice");
	problems_finish(&pr);

	/* the one-message form gives the first and how many more */
	struct ladder_error err;
	error_clear(&err);
	assert_null(answers_parse(q, "a.json", text, strlen(text), &err));
	assert_string_equal(err.msg, "a.json:2:13: impossible answer 9 to item \"a1\" (expected a whole number from 1 to 5 on the \"freq\" scale, or null to skip) (and 3 more problems)");

	/* up to a cap: the rest are counted */
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, HEAD "\"answers\": {");
	for (int i = 0; i < PROBLEMS_MAX + 10; i++) {
		strbuf_printf(&sb, "%s\"x%d\": 1", i ? ", " : "", i);
	}
	strbuf_puts(&sb, "}}");
	problems_init(&pr);
	assert_null(answers_parse_all(q, "a.json", sb.data, sb.len, &pr));
	assert_int_equal(pr.n, PROBLEMS_MAX);
	assert_int_equal(pr.more, 10);
	problems_finish(&pr);
	strbuf_finish(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_forgiving),
		cmocka_unit_test(test_all_problems),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
