/* The room's CSV files of answers: the questionnaire found from the header
 * (item ids name it; question numbers only when one questionnaire of the
 * catalog has that many) or given with room_set_questionnaire; each good
 * row one person; each bad row a note of the source naming row and
 * column; a CSV with no good row skipped, leaving the room as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/catalog.h"
#include "ladder/room.h"

static struct catalog *
both(void)
{
	/* tiny (7 questions), cultural (37 a set) and social-media (40 a set) */
	struct catalog *cat = catalog_create();
	assert_non_null(cat);
	assert_true(catalog_add_dir(cat, TESTDATA "/../../data/questionnaires", true));
	assert_true(catalog_add_dir(cat, TESTDATA "/questionnaires", false));
	assert_non_null(catalog_find(cat, "tiny"));
	assert_non_null(catalog_find(cat, "cultural"));
	return cat;
}

static void
add(struct room *r, const char *name, const char *text)
{
	assert_true(room_add_text(r, name, text, strlen(text)));
}

static const char numbers[] =
	"code,1,2,3,4,5,6,7\n"
	"P1,3,B,4,2,5,1,4\n"
	"P2,1,a,,2,2,3,3\n"
	"P3,2,X,4,2,5,1,4\n"
	",,,,,,,\n";

static void
test_numbers(void **state)
{
	(void)state;
	struct catalog *cat = both();
	struct room *r = room_create();
	room_set_catalog(r, cat);
	/* seven question numbers fit all three: skipped, naming them */
	add(r, "numbers.csv", numbers);
	assert_false(r->sources[0].read);
	assert_string_equal(r->sources[0].kind, "CSV of answers");
	assert_non_null(strstr(r->sources[0].reason, "numbers.csv: a CSV of answers whose "
		"header fits 3 questionnaires ("));
	assert_non_null(strstr(r->sources[0].reason, "tiny"));
	assert_non_null(strstr(r->sources[0].reason, "--questionnaire ID"));
	assert_int_equal(r->n, 0);
	room_destroy(r);

	/* named: the good rows are people, the bad one a note */
	r = room_create();
	room_set_catalog(r, cat);
	room_set_questionnaire(r, "tiny");
	add(r, "numbers.csv", numbers);
	const struct room_source *s = &r->sources[0];
	assert_true(s->read);
	assert_int_equal(s->rows, 3);
	assert_int_equal(s->people, 2);
	assert_int_equal(s->n_notes, 1);
	assert_non_null(strstr(s->notes[0], "numbers.csv:4: row 4, column C (\"2\"): "
		"impossible answer \"X\" to question 2"));
	assert_int_equal(r->n_problems, 0);
	assert_int_equal(r->files, 1);
	const struct room_questionnaire *q = room_find(r, "tiny");
	assert_non_null(q);
	assert_int_equal(q->people, 2);
	assert_int_equal(q->first, 2);
	/* a JSON answers file to another questionnaire than the one named */
	add(r, "other.json", "{\"format\": \"ladder-answers\", \"format_version\": 1,\n"
		"\"questionnaire\": \"cultural\", \"answers\": {}}");
	assert_false(r->sources[1].read);
	assert_non_null(strstr(r->sources[1].reason, "other.json:2:18: answers to "
		"\"cultural\", but --questionnaire tiny was given"));
	assert_int_equal(q->people, 2);
	room_destroy(r);
	catalog_destroy(cat);
}

static void
test_header_names_it(void **state)
{
	(void)state;
	struct catalog *cat = both();
	struct room *r = room_create();
	room_set_catalog(r, cat);
	/* item ids: tiny's alone */
	add(r, "ids.csv", "a1;a2;b2\n3;c;4\n");
	assert_true(r->sources[0].read);
	assert_non_null(room_find(r, "tiny"));
	/* question 38: only social-media has that many */
	add(r, "sm.csv", "38,2\n3,\n");
	assert_true(r->sources[1].read);
	assert_int_equal(r->sources[1].people, 1);
	assert_non_null(room_find(r, "social-media"));
	assert_null(room_find(r, "cultural"));
	/* a header of nothing known: skipped */
	add(r, "what.csv", "name,colour\nAna,blue\n");
	assert_false(r->sources[2].read);
	assert_non_null(strstr(r->sources[2].reason, "what.csv: a CSV of answers whose "
		"header fits no questionnaire"));
	/* no good row: skipped with each row's problem, the room unchanged */
	room_set_questionnaire(r, "tiny");
	add(r, "bad.csv", "1,2\n9,b\n3,Q\n");
	const struct room_source *s = &r->sources[3];
	assert_false(s->read);
	assert_non_null(strstr(s->reason, "bad.csv: none of its 2 rows of answers could be read"));
	assert_int_equal(s->n_notes, 2);
	assert_non_null(strstr(s->notes[0], "bad.csv:2: row 2, column A"));
	assert_non_null(strstr(s->notes[1], "bad.csv:3: row 3, column B"));
	assert_int_equal(room_find(r, "tiny")->people, 1);
	/* a header that does not read at all: its first problem the reason */
	add(r, "head.csv", "1,zz,yy\n3,b,1\n");
	s = &r->sources[4];
	assert_false(s->read);
	assert_non_null(strstr(s->reason, "head.csv:1: row 1, column B (\"zz\")"));
	assert_int_equal(s->n_notes, 1);
	assert_non_null(strstr(s->notes[0], "column C (\"yy\")"));
	/* JSON is still JSON, whatever its first line holds */
	add(r, "x.json", "{\"format\": \"ladder-tally\", \"a\": 1}");
	assert_null(strstr(r->sources[5].reason, "CSV"));
	assert_int_equal(room_skipped(r), 4);
	room_destroy(r);
	catalog_destroy(cat);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_header_names_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
