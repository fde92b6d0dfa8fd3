/* The strict JSON reader: syntax errors say file:line:col and what was
 * expected; positions of values and keys are found after parsing. */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/json.h"
#include "ladder/text.h"

struct row {
	const char *text;
	const char *expect; /* NULL: valid */
};

static const struct row rows[] = {
	{"{}", NULL},
	{" [1, 2.5, -0, 1e3, true, false, null, \"\\u00e9\\n\"] ", NULL},
	{"\xEF\xBB\xBF{\"a\": 1}", NULL},
	{"{\"caf\xC3\xA9\": \"\xE2\x9C\x93\"}", NULL},
	{"", "f.json:1:1: unexpected end of file (expected a value)"},
	{"   \n  ", "f.json:2:3: unexpected end of file (expected a value)"},
	{"{\"a\": 1,}", "f.json:1:9: trailing comma in object (expected a member name in double quotes)"},
	{"[1, 2,]", "f.json:1:7: trailing comma in array (expected a value)"},
	{"{\"a\" 1}", "f.json:1:6: expected ':' after the member name"},
	{"{\"a\": 1 \"b\": 2}", "f.json:1:9: expected ',' or '}' after an object member"},
	{"[1 2]", "f.json:1:4: expected ',' or ']' after an array element"},
	{"{a: 1}", "f.json:1:2: expected a member name in double quotes"},
	{"{\"a\": 'x'}", "f.json:1:7: expected a value (a string, number, object, array, true, false or null)"},
	{"{\"a\": tru}", "f.json:1:7: expected a value (a string, number, object, array, true, false or null)"},
	{"{\"a\": 01}", "f.json:1:7: number with a leading zero (expected 0 or 1-9...)"},
	{"{\"a\": 1.}", "f.json:1:9: expected a digit after '.'"},
	{"{\"a\": 1e}", "f.json:1:9: expected a digit in the exponent"},
	{"{\"a\": \"x\\q\"}", "f.json:1:9: invalid escape in string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"},
	{"{\"a\": \"\\u12g4\"}", "f.json:1:8: expected four hex digits after \\u"},
	{"{\"a\": \"abc", "f.json:1:7: unterminated string (expected a closing '\"')"},
	{"{\"a\": \"abc\n\"}", "f.json:1:11: expected '\"' to close the string before the end of the line"},
	{"{\"a\": 1", "f.json:1:1: unterminated object (expected '}')"},
	{"[1, [2, 3]", "f.json:1:1: unterminated array (expected ']')"},
	{"{} {}", "f.json:1:4: unexpected text after the end of the JSON value (expected end of file)"},
	{"{\"a\": \"\xC3\x28\"}", "f.json:1:8: invalid UTF-8 in string (expected UTF-8 text)"},
	{"{\"a\": \"\xED\xA0\x80\"}", "f.json:1:8: invalid UTF-8 in string (expected UTF-8 text)"},
	{"{\n  \"a\": [\n    1,\n    x\n  ]\n}", "f.json:4:5: expected a value (a string, number, object, array, true, false or null)"},
	{"{\"\xC3\xA9\xC3\xA9\": x}", "f.json:1:8: expected a value (a string, number, object, array, true, false or null)"},
	{"[\"\\ud83d\\ude00\"]", NULL},
	{"{\"a\": \"x\\u0000\"}", "f.json:1:9: \\u0000 in string (expected text without NUL characters)"},
	{"[\"\\udc00\"]", "f.json:1:3: unpaired surrogate (expected \\uD800-\\uDBFF before \\uDC00-\\uDFFF)"},
	{"[\"\\ud800x\"]", "f.json:1:9: unpaired surrogate (expected \\uDC00-\\uDFFF after \\uD800-\\uDBFF)"},
	{"[\"\\ud800\\u0041\"]", "f.json:1:9: unpaired surrogate (expected \\uDC00-\\uDFFF after \\uD800-\\uDBFF)"},
};

static void
test_syntax(void **state)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct json_doc doc;
		struct ladder_error err;
		error_clear(&err);
		bool ok = json_doc_parse(&doc, "f.json", rows[i].text, strlen(rows[i].text), &err);
		if (rows[i].expect == NULL) {
			if (!ok) {
				fail_msg("row %zu refused: %s", i, err.msg);
			}
		} else if (ok) {
			fail_msg("row %zu accepted, expected %s", i, rows[i].expect);
		} else if (strcmp(err.msg, rows[i].expect) != 0) {
			fail_msg("row %zu:\n  expected: %s\n  got:      %s", i, rows[i].expect, err.msg);
		}
		json_doc_finish(&doc);
	}
}

static void
test_nul_byte(void **state)
{
	struct json_doc doc;
	struct ladder_error err;
	assert_false(json_doc_parse(&doc, "f.json", "{}\0", 3, &err));
	assert_string_equal(err.msg, "f.json:1:3: unexpected text after the end of the JSON value (expected end of file)");
	assert_false(json_doc_parse(&doc, "f.json", "[\"a\0\"]", 6, &err));
	assert_string_equal(err.msg, "f.json:1:4: control character in string (expected it escaped)");
}

static void
test_depth(void **state)
{
	size_t n = 2000;
	char *s = malloc(2 * n + 1);
	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	struct json_doc doc;
	struct ladder_error err;
	assert_false(json_doc_parse(&doc, "deep.json", s, 2 * n, &err));
	assert_string_equal(err.msg, "deep.json:1:513: nested too deeply (more than 512 levels)");
	free(s);
}

static void
test_positions(void **state)
{
	const char *text = "{\n  \"a\": [1, {\"b\": true}],\n  \"c\":\t\"d\"\n}";
	struct json_doc doc;
	struct ladder_error err;
	assert_true(json_doc_parse(&doc, "p.json", text, strlen(text), &err));
	int line, col;
	const cJSON *a = cJSON_GetObjectItem(doc.root, "a");
	json_doc_where(&doc, a, false, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 8);
	json_doc_where(&doc, a, true, &line, &col);
	assert_int_equal(col, 3);
	const cJSON *b = cJSON_GetObjectItem(cJSON_GetArrayItem(a, 1), "b");
	json_doc_where(&doc, b, false, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 18);
	const cJSON *c = cJSON_GetObjectItem(doc.root, "c");
	json_doc_where(&doc, c, false, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 8);
	assert_false(json_doc_fail(&doc, c, &err, "bad %s", "thing"));
	assert_string_equal(err.msg, "p.json:3:8: bad thing");
	json_doc_finish(&doc);
}

/* The tree built in the scanning pass is the tree cJSON's own parser
 * builds from the same text: same types, names, values and order. */
static void
test_tree_as_cjson(void **state)
{
	static const char *const docs[] = {
		"{}", "[]", "0", "-0", "\"\"", "true", "null",
		("{\"a\": [1, 2.5, -3e2, 1E-2, 0.000123, 12345678901234567, 3000000000, -3000000000],"
		 " \"b\": {\"c\": {}, \"d\": []}, \"e\": false, \"f\": null}"),
		"[\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\", \"\\ud83d\\ude00\", \"caf\xC3\xA9 \xE2\x9C\x93\"]",
		"[[[[1]]], {\"\\u0041\": \"k\"}, [true, false, null], 1e-400]",
		"\xEF\xBB\xBF {\"bom\": 1}",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct json_doc doc;
		struct ladder_error err;
		const char *t = docs[i];
		if (!json_doc_parse(&doc, "t.json", t, strlen(t), &err)) {
			fail_msg("doc %zu refused: %s", i, err.msg);
		}
		size_t skip = strncmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		cJSON *ref = cJSON_Parse(t + skip);
		assert_non_null(ref);
		char *a = cJSON_PrintUnformatted(doc.root), *b = cJSON_PrintUnformatted(ref);
		if (strcmp(a, b) != 0) {
			fail_msg("doc %zu:\n  built: %s\n  cJSON: %s", i, a, b);
		}
		if (!cJSON_Compare(doc.root, ref, true)) {
			fail_msg("doc %zu: not the same tree as cJSON's", i);
		}
		cJSON_free(a);
		cJSON_free(b);
		cJSON_Delete(ref);
		json_doc_finish(&doc);
	}
}

/* Values as the readers see them: decoded strings, exact numbers, the
 * last of a list reachable from the first (cJSON keeps it there). */
static void
test_tree_values(void **state)
{
	const char *t = "{\"s\": \"\\u00e9\\ud83d\\ude00\\\"x\", \"n\": [-0, 7, 3000000000, 1.5,"
		" 1.0000000000000000000000000000000000000000000000000000000000000000001, -1e400], \"e\": \"\"}";
	struct json_doc doc;
	struct ladder_error err;
	assert_true(json_doc_parse(&doc, "v.json", t, strlen(t), &err));
	assert_string_equal(cJSON_GetObjectItem(doc.root, "s")->valuestring,
		"\xC3\xA9\xF0\x9F\x98\x80\"x");
	assert_string_equal(cJSON_GetObjectItem(doc.root, "e")->valuestring, "");
	const cJSON *n = cJSON_GetObjectItem(doc.root, "n");
	assert_int_equal(cJSON_GetArraySize(n), 6);
	assert_true(signbit(cJSON_GetArrayItem(n, 0)->valuedouble));
	assert_int_equal(cJSON_GetArrayItem(n, 1)->valueint, 7);
	assert_int_equal(cJSON_GetArrayItem(n, 2)->valueint, INT_MAX);
	assert_true(cJSON_GetArrayItem(n, 3)->valuedouble == 1.5);
	assert_true(cJSON_GetArrayItem(n, 4)->valuedouble == 1.0);
	assert_true(isinf(cJSON_GetArrayItem(n, 5)->valuedouble));
	assert_int_equal(cJSON_GetArrayItem(n, 5)->valueint, INT_MIN);
	assert_ptr_equal(n->child->prev, cJSON_GetArrayItem(n, 5));
	assert_null(cJSON_GetArrayItem(n, 5)->next);
	assert_ptr_equal(doc.root->child->prev, cJSON_GetObjectItem(doc.root, "e"));
	/* a copy is the caller's own */
	cJSON *copy = cJSON_Duplicate(doc.root, true);
	json_doc_finish(&doc);
	assert_string_equal(cJSON_GetObjectItem(copy, "s")->valuestring,
		"\xC3\xA9\xF0\x9F\x98\x80\"x");
	cJSON_Delete(copy);
}

/* Strings are scanned eight bytes at a time: a byte that needs a look is
 * found at every place of a word, near the ends of the text too. */
static void
test_string_every_offset(void **state)
{
	static const struct {
		const char *raw, *decoded, *error; /* error: the message's tail */
	} cases[] = {
		{"\\\"", "\"", NULL},
		{"\\\\", "\\", NULL},
		{"\x7F", "\x7F", NULL},
		{"\xC3\xA9", "\xC3\xA9", NULL},
		{"\\u00e9", "\xC3\xA9", NULL},
		{"\x01", NULL, "control character in string (expected it escaped)"},
		{"\x1F", NULL, "control character in string (expected it escaped)"},
		{"\xFF", NULL, "invalid UTF-8 in string (expected UTF-8 text)"},
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (size_t before = 0; before < 19; before++) {
			char text[64], want[64];
			int n = snprintf(text, sizeof(text), "[\"%.*s%s%.*s\"]", (int)before,
				"abcdefghijklmnopqrstuvwxyz", cases[c].raw, (int)(18 - before), "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			struct json_doc doc;
			struct ladder_error err;
			bool ok = json_doc_parse(&doc, "s.json", text, (size_t)n, &err);
			if (cases[c].error != NULL) {
				char where[96];
				snprintf(where, sizeof(where), "s.json:1:%zu: %s", before + 3, cases[c].error);
				if (ok || strcmp(err.msg, where) != 0) {
					fail_msg("case %zu at %zu: expected %s, got %s", c, before, where,
						ok ? "no error" : err.msg);
				}
				continue;
			}
			if (!ok) {
				fail_msg("case %zu at %zu refused: %s", c, before, err.msg);
			}
			snprintf(want, sizeof(want), "%.*s%s%.*s", (int)before, "abcdefghijklmnopqrstuvwxyz",
				cases[c].decoded, (int)(18 - before), "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			assert_string_equal(doc.root->child->valuestring, want);
			json_doc_finish(&doc);
		}
	}
}

/* Wrapping is used by the paper version and the screens. */
static void
test_wrap(void **state)
{
	struct text_span sp[16];
	const char *s = "the quick brown fox jumps";
	size_t n = text_wrap(s, 10, sp, 16);
	assert_int_equal(n, 3);
	assert_int_equal(sp[0].len, 9); /* "the quick" */
	assert_memory_equal(s + sp[1].start, "brown fox", 9);
	assert_memory_equal(s + sp[2].start, "jumps", 5);
	/* a word longer than the width is cut */
	n = text_wrap("abcdefghij", 4, sp, 16);
	assert_int_equal(n, 3);
	assert_int_equal(sp[0].len, 4);
	assert_int_equal(sp[2].len, 2);
	/* hard line breaks are kept */
	n = text_wrap("ab\ncd", 10, sp, 16);
	assert_int_equal(n, 2);
	assert_int_equal(sp[1].start, 3);
	/* an exact fit stays on one line */
	assert_int_equal(text_wrap("abcd efgh", 9, sp, 16), 1);
	/* counting without spans */
	assert_int_equal(text_wrap("a b c d", 3, NULL, 0), 2);
	assert_int_equal(text_wrap("", 5, sp, 16), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_tree_as_cjson),
		cmocka_unit_test(test_tree_values),
		cmocka_unit_test(test_string_every_offset),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
