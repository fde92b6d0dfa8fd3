/* Decks: reading a deck file (with file:line:col errors), tying it to the
 * questionnaires, the decks built for a session's length, and writing a
 * deck back out as a file that reads the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/deck.h"
#include "ladder/util.h"

#define QDIR TESTDATA "/../../data/questionnaires"

static struct questionnaire *cultural, *social;
static const struct questionnaire *both[2];

static int
setup(void **state)
{
	struct ladder_error err;
	cultural = questionnaire_load(QDIR "/cultural.json", &err);
	social = questionnaire_load(QDIR "/social-media.json", &err);
	both[0] = cultural;
	both[1] = social;
	return cultural != NULL && social != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	questionnaire_destroy(cultural);
	questionnaire_destroy(social);
	return 0;
}

static struct deck *
parse(const char *text, struct ladder_error *err)
{
	error_clear(err);
	return deck_parse("d.json", text, strlen(text), err);
}

#define HEAD "{\"format\": \"ladder-deck\", \"format_version\": 1, "

static void
test_parse_every_kind(void **state)
{
	struct ladder_error err;
	struct deck *d = parse(HEAD "\"title\": \"Retreat\", \"minutes\": 25,\n"
		"\"slides\": [{\"kind\": \"title\", \"text\": \"Day two\"},\n"
		"{\"kind\": \"stages\"}, {\"kind\": \"where\", \"questionnaire\": \"cultural\"},\n"
		"{\"kind\": \"situation\", \"questionnaire\": \"cultural\", \"item\": \"comm_s3\"},\n"
		"{\"kind\": \"situation\", \"questionnaire\": \"social-media\", \"set\": 2, \"count\": 2},\n"
		"{\"kind\": \"prompt\", \"text\": \"What surprised you?\"},\n"
		"{\"kind\": \"prompt\", \"questionnaire\": \"cultural\", \"prompt\": 3},\n"
		"{\"kind\": \"room\"}, {\"kind\": \"summary\"}]}", &err);
	assert_non_null(d);
	assert_string_equal(d->title, "Retreat");
	assert_int_equal(d->minutes, 25);
	assert_int_equal(d->n, 9);
	assert_int_equal(d->slides[0].kind, DECK_TITLE);
	assert_string_equal(d->slides[0].text, "Day two");
	assert_int_equal(d->slides[4].kind, DECK_SITUATION);
	assert_int_equal(d->slides[4].set, 2);
	assert_int_equal(d->slides[4].count, 2);
	assert_int_equal(d->slides[4].line, 5);
	assert_int_equal(d->slides[8].kind, DECK_SUMMARY);

	const char *ids[9];
	assert_int_equal(deck_questionnaires(d, ids), 2);
	assert_string_equal(ids[0], "cultural");
	assert_string_equal(ids[1], "social-media");

	/* the set's situations become slides of their own, at most count */
	assert_true(deck_resolve(d, both, 2, &err));
	assert_int_equal(d->n, 10);
	assert_int_equal(d->slides[3].q, 0);
	assert_string_equal(cultural->items[d->slides[3].index].id, "comm_s3");
	for (int i = 4; i <= 5; i++) {
		const struct item *it = &social->items[d->slides[i].index];
		assert_int_equal(d->slides[i].q, 1);
		assert_int_equal(it->kind, ITEM_SCENARIO);
		assert_int_equal(it->set, 2);
		assert_string_equal(d->slides[i].item, it->id);
	}
	assert_string_not_equal(d->slides[4].item, d->slides[5].item);
	assert_int_equal(d->slides[7].index, 2); /* prompt 3 */
	assert_int_equal(d->slides[8].kind, DECK_ROOM);
	deck_destroy(d);
}

/* Each bad deck is refused with the file, line and column of the fault and
 * what was expected. */
static void
test_parse_refuses(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"{\"format\": \"ladder-tally\", \"format_version\": 1}",
			"d.json:1:12: unknown format \"ladder-tally\" (expected \"ladder-deck\")"},
		{HEAD "\"format_version\": 1}", "duplicate member"},
		{HEAD "\"slides\": []}", "d.json:1:58: expected 1 to 200 slides"},
		{HEAD "\n\"slides\": [{\"kind\": \"poll\"}]}",
			"d.json:2:21: unknown kind \"poll\" of slide 1"},
		{HEAD "\"slides\": [\n {\"kind\": \"where\"}]}",
			"d.json:2:2: slide 1 has no \"questionnaire\""},
		{HEAD "\"slides\": [{\"kind\": \"stages\", \"text\": \"x\"}]}",
			"unknown member \"text\" in slide 1"},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\"}]}",
			"slide 1 names no situation"},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", "
			"\"item\": \"comm_s3\", \"set\": 1}]}", "both an item and a set"},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", "
			"\"item\": \"comm_s3\", \"count\": 1}]}", "\"count\" of slide 1 goes with \"set\""},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", "
			"\"set\": 0}]}", "expected \"set\" of slide 1 to be from 1 to 9"},
		{HEAD "\"slides\": [{\"kind\": \"prompt\"}]}", "slide 1 has no prompt"},
		{HEAD "\"slides\": [{\"kind\": \"prompt\", \"text\": \"a\", \"questionnaire\": "
			"\"cultural\", \"prompt\": 1}]}", "expected one of them"},
		{HEAD "\"slides\": [{\"kind\": \"prompt\", \"text\": \"a\\u001b[2J\"}]}",
			"control character U+001B at byte 2 of \"text\" of slide 1"},
		{HEAD "\"slides\": [{\"kind\": \"where\", \"questionnaire\": \"a b\"}]}",
			"to be an id"},
		{HEAD "\"slides\": [{\"kind\": \"where\", \"questionnaire\": \"a\\u001b\"}]}",
			"expected \"questionnaire\" of slide 1 to be an id"},
		{HEAD "\"slides\": [{\"kind\": \"title\", \"text\": \"\"}]}",
			"expected \"text\" of slide 1 to be 1 to 1000 bytes of text"},
		{HEAD "\"minutes\": 0, \"slides\": [{\"kind\": \"title\"}]}",
			"expected \"minutes\" of the deck to be from 1 to 600"},
		{HEAD "\"slides\": [{\"kind\": \"title\"}] ", "d.json:1:"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ladder_error err;
		struct deck *d = parse(cases[i].text, &err);
		if (d != NULL || strstr(err.msg, cases[i].msg) == NULL) {
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i, err.msg,
				cases[i].msg);
		}
	}
}

static void
test_resolve_refuses(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{HEAD "\"slides\": [{\"kind\": \"title\"},\n  {\"kind\": \"where\", "
			"\"questionnaire\": \"nope\"}]}",
			"d.json:2:3: slide 2: unknown questionnaire \"nope\""},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", "
			"\"item\": \"zzz\"}]}", "slide 1: no item \"zzz\""},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", "
			"\"item\": \"comm_aw1\"}]}", "not a situation: \"comm_aw1\""},
		{HEAD "\"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", "
			"\"set\": 3}]}", "no such set: 3"},
		{HEAD "\"slides\": [{\"kind\": \"prompt\", \"questionnaire\": \"cultural\", "
			"\"prompt\": 11}]}", "no such prompt in \"cultural\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ladder_error err;
		struct deck *d = parse(cases[i].text, &err);
		assert_non_null(d);
		size_t n = d->n;
		bool ok = deck_resolve(d, both, 2, &err);
		if (ok || strstr(err.msg, cases[i].msg) == NULL) {
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i, err.msg,
				cases[i].msg);
		}
		assert_int_equal(d->n, n); /* unchanged */
		deck_destroy(d);
	}
}

static size_t
count_kind(const struct deck *d, enum deck_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++) {
		n += d->slides[i].kind == k;
	}
	return n;
}

static void
test_build(void **state)
{
	struct ladder_error err;
	/* 20 minutes: about eight slides */
	struct deck *d = deck_build(20, both, 2, true, &err);
	assert_non_null(d);
	assert_int_equal(d->minutes, 20);
	assert_int_equal(d->slides[0].kind, DECK_TITLE);
	assert_int_equal(d->slides[1].kind, DECK_STAGES);
	assert_int_equal(d->slides[d->n - 1].kind, DECK_SUMMARY);
	assert_int_equal(d->slides[d->n - 2].kind, DECK_ROOM);
	assert_int_equal(count_kind(d, DECK_WHERE), 2);
	assert_int_equal(count_kind(d, DECK_SITUATION), 2);
	assert_int_equal(count_kind(d, DECK_PROMPT), 1);
	assert_int_equal(d->n, 9);
	for (size_t i = 0; i < d->n; i++) {
		if (d->slides[i].kind == DECK_SITUATION) {
			const struct item *it = &both[d->slides[i].q]->items[d->slides[i].index];
			assert_int_equal(it->kind, ITEM_SCENARIO);
			assert_int_equal(it->set, 1);
		}
	}
	deck_destroy(d);

	/* one questionnaire, no room: both situations from it, of two areas */
	d = deck_build(20, both, 1, false, &err);
	assert_non_null(d);
	assert_int_equal(d->n, 7);
	assert_int_equal(count_kind(d, DECK_ROOM), 0);
	assert_int_equal(d->slides[3].kind, DECK_SITUATION);
	assert_int_equal(d->slides[4].kind, DECK_SITUATION);
	assert_int_not_equal(cultural->items[d->slides[3].index].facet,
		cultural->items[d->slides[4].index].facet);
	deck_destroy(d);

	/* 60 minutes: more situations and prompts */
	d = deck_build(60, both, 2, false, &err);
	assert_non_null(d);
	assert_int_equal(count_kind(d, DECK_SITUATION), 6);
	assert_int_equal(count_kind(d, DECK_PROMPT), 4);
	assert_true(d->n > 12);
	deck_destroy(d);

	assert_null(deck_build(0, both, 2, false, &err));
	assert_non_null(strstr(err.msg, "--minutes 0"));
	assert_null(deck_build(601, both, 2, false, &err));
}

/* A deck written out reads back as the same deck. */
static void
test_round_trip(void **state)
{
	struct ladder_error err;
	struct deck *d = deck_build(60, both, 2, true, &err);
	assert_non_null(d);
	cJSON *j = deck_to_json(d);
	assert_non_null(j);
	char *text = cJSON_Print(j);
	cJSON_Delete(j);
	struct deck *e = deck_parse("out.json", text, strlen(text), &err);
	free(text);
	assert_non_null(e);
	assert_true(deck_resolve(e, both, 2, &err));
	assert_int_equal(e->n, d->n);
	assert_int_equal(e->minutes, 60);
	for (size_t i = 0; i < d->n; i++) {
		assert_int_equal(e->slides[i].kind, d->slides[i].kind);
		assert_int_equal(e->slides[i].q, d->slides[i].q);
		assert_int_equal(e->slides[i].index, d->slides[i].index);
	}
	deck_destroy(d);
	deck_destroy(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_every_kind),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_resolve_refuses),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
