/* Questionnaire loading: the valid fixture loads with its defaults, and each
 * error ladder-questionnaire(5) lists is refused with file:line:col and what was
 * expected. Rows mutate tests/data/questionnaires/tiny.json by text
 * replacement so every case stands next to the one thing it changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/questionnaire.h"
#include "ladder/util.h"

static char *
read_fixture(void)
{
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	assert_true(file_read(TESTDATA "/questionnaires/tiny.json", 1 << 20, &text, &len, &err));
	return text;
}

/* Replaces the only occurrence of find in s (which must occur exactly once). */
static char *
replace(char *s, const char *find, const char *with)
{
	char *at = strstr(s, find);
	if (at == NULL) {
		fail_msg("fixture has no \"%s\"", find);
	}
	if (strstr(at + 1, find) != NULL) {
		fail_msg("fixture has \"%s\" more than once", find);
	}
	char *out = str_printf("%.*s%s%s", (int)(at - s), s, with, at + strlen(find));
	free(s);
	return out;
}

struct row {
	const char *name;
	const char *find1, *with1;
	const char *find2, *with2;
	const char *expect; /* the whole message */
};

static const struct row rows[] = {
	{"duplicate item id", "{\"id\": \"a3\"", "{\"id\": \"a1\"", NULL, NULL,
		"tiny.json:23:12: duplicate item id \"a1\" (also item 1)"},
	{"duplicate facet id", "{\"id\": \"beta\"", "{\"id\": \"alpha\"", NULL, NULL,
		"tiny.json:13:12: duplicate facet id \"alpha\""},
	{"duplicate option id", "{\"id\": \"b\", \"text\": \"The best", "{\"id\": \"a\", \"text\": \"The best", NULL, NULL,
		"tiny.json:20:15: duplicate option id \"a\" in item \"a2\""},
	{"duplicate member", "\"id\": \"b2\", \"facet\": \"beta\"", "\"id\": \"b2\", \"id\": \"b3\", \"facet\": \"beta\"", NULL, NULL,
		"tiny.json:27:18: duplicate member \"id\" in item \"b2\""},
	{"unknown facet", "\"facet\": \"beta\", \"axis\": \"awareness\"", "\"facet\": \"gamma\", \"axis\": \"awareness\"", NULL, NULL,
		"tiny.json:27:27: unknown facet \"gamma\" in item \"b2\" (expected one of \"alpha\", \"beta\")"},
	{"unknown scale", "\"scale\": \"zero\"", "\"scale\": \"percent\"", NULL, NULL,
		"tiny.json:24:87: unknown scale \"percent\" in item \"a4\" (expected one of \"freq\", \"zero\")"},
	{"unknown axis", "\"axis\": \"perceived\"", "\"axis\": \"perception\"", NULL, NULL,
		"tiny.json:25:44: unknown axis \"perception\" in item \"a5\" (expected one of \"competence\", \"awareness\", \"automaticity\", \"perceived\")"},
	{"axis with no item", "\"axis\": \"automaticity\"", "\"axis\": \"awareness\"", NULL, NULL,
		"tiny.json:15:12: no item on the \"automaticity\" axis (expected at least one item on each of competence, awareness, automaticity and perceived)"},
	{"score above 1", "\"score\": 1.0", "\"score\": 1.5", NULL, NULL,
		"tiny.json:20:55: score 1.5 of option \"b\" of item \"a2\" is outside [0,1] (expected a number from 0 to 1)"},
	{"score below 0", "\"score\": 0.0", "\"score\": -0.25", NULL, NULL,
		"tiny.json:21:53: score -0.25 of option \"c\" of item \"a2\" is outside [0,1] (expected a number from 0 to 1)"},
	{"scenario with one option", "\"Half good.\"},", "\"Half good.\"}",
		"{\"id\": \"b\", \"text\": \"The best thing\", \"score\": 1.0, \"rationale\": \"Best.\"},\n       {\"id\": \"c\", \"text\": \"A poor thing\", \"score\": 0.0, \"rationale\": \"Poor.\"}", "",
		"tiny.json:18:17: item \"a2\" has 1 option (expected at least 2)"},
	{"too few labels", "[\"0\", \"1\", \"2\", \"3\", \"4\"]", "[\"0\", \"1\", \"2\", \"3\"]", NULL, NULL,
		"tiny.json:9:44: scale \"zero\" has 4 labels (expected exactly 5: one for each value from 0 to 4)"},
	{"too many labels", "\"Often\", \"Always\"]", "\"Often\", \"Always\", \"Daily\"]", NULL, NULL,
		"tiny.json:8:44: scale \"freq\" has 6 labels (expected exactly 5: one for each value from 1 to 5)"},
	{"max not above min", "\"min\": 0, \"max\": 4", "\"min\": 4, \"max\": 4", NULL, NULL,
		"tiny.json:9:31: scale \"zero\" has max 4 not above min 4 (expected max > min)"},
	{"unknown format", "\"format\": \"ladder-questionnaire\"", "\"format\": \"ladder-quiz\"", NULL, NULL,
		"tiny.json:2:13: unknown format \"ladder-quiz\" (expected \"ladder-questionnaire\")"},
	{"future format version", "\"format_version\": 1", "\"format_version\": 2", NULL, NULL,
		"tiny.json:2:55: unsupported format_version 2 of ladder-questionnaire (this ladder reads version 1)"},
	{"unknown member", "\"reverse\": true", "\"reversed\": true", NULL, NULL,
		"tiny.json:23:92: unknown member \"reversed\" in item \"a3\" (expected one of \"id\", \"facet\", \"axis\", \"kind\", \"scale\", \"reverse\", \"text\", \"options\", \"set\")"},
	{"threshold above 1", "\"competence\": 0.6", "\"competence\": 1.2", NULL, NULL,
		"tiny.json:6:32: threshold \"competence\" is 1.2 (expected a number from 0 to 1)"},
	{"missing title", "\"title\": \"A tiny test questionnaire\",", "", NULL, NULL,
		"tiny.json:1:1: the questionnaire has no \"title\" (expected a string)"},
	{"title not a string", "\"title\": \"A tiny test questionnaire\"", "\"title\": 7", NULL, NULL,
		"tiny.json:4:12: expected \"title\" of the questionnaire to be a string"},
	{"empty item text", "\"text\": \"Beta behaviour.\"", "\"text\": \"\"", NULL, NULL,
		"tiny.json:26:118: \"text\" of item \"b1\" is empty (expected some text)"},
	{"scenario with a scale", "\"kind\": \"scenario\",", "\"kind\": \"scenario\", \"scale\": \"freq\",", NULL, NULL,
		"tiny.json:17:87: item \"a2\" is a scenario item and takes no \"scale\" (its options carry the scores)"},
	{"unknown kind", "\"kind\": \"scenario\"", "\"kind\": \"multiple\"", NULL, NULL,
		"tiny.json:17:66: unknown kind \"multiple\" in item \"a2\" (expected one of \"likert\", \"scenario\")"},
	{"bad id", "{\"id\": \"b2\"", "{\"id\": \"b 2\"", NULL, NULL,
		"tiny.json:27:12: invalid id \"b 2\" of item 7 (expected 1-64 letters, digits, '_', '-' or '.')"},
	{"missing comma (syntax)", "\"version\": 2,", "\"version\": 2", NULL, NULL,
		"tiny.json:3:30: expected ',' or '}' after an object member"},
	{"trailing comma (syntax)", "\"Poor.\"}\n", "\"Poor.\"},\n", NULL, NULL,
		"tiny.json:22:6: trailing comma in array (expected a value)"},
	{"unknown stage", "\"conscious_competence\":", "\"mastery\":", NULL, NULL,
		"tiny.json:32:5: unknown member \"mastery\" in \"stages\" (expected one of \"unconscious_incompetence\", \"conscious_incompetence\", \"conscious_competence\", \"unconscious_competence\")"},
};

static void
test_errors(void **state)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		char *text = read_fixture();
		text = replace(text, r->find1, r->with1);
		if (r->find2 != NULL) {
			text = replace(text, r->find2, r->with2);
		}
		struct ladder_error err;
		error_clear(&err);
		struct questionnaire *q = questionnaire_parse("tiny.json", text, strlen(text), &err);
		if (q != NULL) {
			fail_msg("row \"%s\": accepted", r->name);
		}
		if (strcmp(err.msg, r->expect) != 0) {
			fail_msg("row \"%s\":\n  expected: %s\n  got:      %s", r->name, r->expect, err.msg);
		}
		free(text);
	}
}

static void
test_valid(void **state)
{
	struct ladder_error err;
	struct questionnaire *q = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	assert_non_null(q);
	assert_string_equal(q->id, "tiny");
	assert_int_equal(q->version, 2);
	assert_int_equal(q->n_items, 7);
	assert_int_equal(q->n_facets, 2);
	assert_int_equal(q->n_scales, 2);
	assert_int_equal(q->items[1].kind, ITEM_SCENARIO);
	assert_int_equal(q->items[1].n_options, 3);
	assert_true(q->items[1].options[1].score == 1.0);
	assert_int_equal(item_best_option(&q->items[1]), 1); /* not the first listed */
	assert_true(q->items[2].reverse);
	assert_int_equal(q->items[3].scale, 1);
	assert_string_equal(q->facets[1].description, ""); /* default */
	assert_int_equal(questionnaire_item_index(q, "b2"), 6);
	assert_int_equal(questionnaire_item_index(q, "zz"), -1);
	questionnaire_destroy(q);
}

/* A minimal questionnaire relies on every default. */
static void
test_defaults(void **state)
{
	const char *text =
		"{\"format\": \"ladder-questionnaire\", \"format_version\": 1, \"id\": \"mini\",\n"
		" \"title\": \"Mini\", \"scales\": {\"s\": {\"min\": 0, \"max\": 1, \"labels\": [\"no\", \"yes\"]}},\n"
		" \"facets\": [{\"id\": \"f\", \"title\": \"F\"}],\n"
		" \"items\": [{\"id\": \"1\", \"facet\": \"f\", \"axis\": \"competence\", \"text\": \"x\"},\n"
		"  {\"id\": \"2\", \"facet\": \"f\", \"axis\": \"awareness\", \"text\": \"x\"},\n"
		"  {\"id\": \"3\", \"facet\": \"f\", \"axis\": \"automaticity\", \"text\": \"x\"},\n"
		"  {\"id\": \"4\", \"facet\": \"f\", \"axis\": \"perceived\", \"text\": \"x\", \"options\": [\n"
		"    {\"id\": \"a\", \"text\": \"A\", \"score\": 0}, {\"id\": \"b\", \"text\": \"B\", \"score\": 1}]}]}";
	struct ladder_error err;
	struct questionnaire *q = questionnaire_parse("mini.json", text, strlen(text), &err);
	if (q == NULL) {
		fail_msg("%s", err.msg);
	}
	assert_int_equal(q->version, 1);
	assert_string_equal(q->language, "en");
	assert_string_equal(q->description, "");
	assert_true(q->t_competence == 0.6 && q->t_awareness == 0.5 && q->t_automaticity == 0.6);
	assert_int_equal(q->items[0].kind, ITEM_LIKERT);
	assert_false(q->items[0].reverse);
	assert_int_equal(q->items[0].scale, 0);
	assert_int_equal(q->items[3].kind, ITEM_SCENARIO);
	assert_string_equal(q->stages[0].summary, "");
	assert_int_equal(q->n_prompts, 0);

	/* the normalised JSON has every default spelled out and loads again */
	cJSON *json = questionnaire_to_json(q);
	char *out = cJSON_Print(json);
	struct questionnaire *q2 = questionnaire_parse("normalised", out, strlen(out), &err);
	if (q2 == NULL) {
		fail_msg("%s", err.msg);
	}
	assert_non_null(strstr(out, "\"reverse\":\tfalse"));
	assert_non_null(strstr(out, "\"awareness\":\t0.5"));
	assert_non_null(strstr(out, "\"kind\":\t\"scenario\""));
	assert_int_equal(q2->n_items, 4);
	questionnaire_destroy(q2);
	cJSON_free(out);
	cJSON_Delete(json);
	questionnaire_destroy(q);
}

/* Likert items may leave out "scale" only when there is exactly one. */
static void
test_scale_required_with_two(void **state)
{
	char *text = read_fixture();
	text = replace(text, ", \"scale\": \"zero\"", "");
	struct ladder_error err;
	struct questionnaire *q = questionnaire_parse("tiny.json", text, strlen(text), &err);
	assert_null(q);
	assert_string_equal(err.msg,
		"tiny.json:24:5: item \"a4\" has no \"scale\" (expected the id of one of the questionnaire's scales)");
	free(text);
}

static void
test_missing_file(void **state)
{
	struct ladder_error err;
	assert_null(questionnaire_load(TESTDATA "/no-such-file.json", &err));
	assert_non_null(strstr(err.msg, "no-such-file.json: cannot open: No such file or directory"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_scale_required_with_two),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
