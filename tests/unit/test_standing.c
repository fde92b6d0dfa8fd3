/* Home's and the history's data: where the person stands in each
 * questionnaire, and each session's move and marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "ladder/answers.h"
#include "ladder/catalog.h"
#include "ladder/score.h"
#include "ladder/standing.h"

static struct catalog *cat;
static const struct questionnaire *tiny;

/* A session of tiny on rung stage (STAGE_NONE: not placed), at time t. */
static void
add(struct journal *j, enum stage stage, int64_t t)
{
	struct answers *a = answers_create(tiny);
	a->values[0] = 3;
	struct result *r = score_compute(tiny, a);
	r->p.stage = stage;
	struct ladder_error err;
	error_clear(&err);
	assert_non_null(journal_add_session(j, tiny, a, r, t, t, &err));
	result_destroy(r);
	answers_destroy(a);
}

static void
test_home(void **state)
{
	(void)state;
	struct journal *j = journal_create();
	struct home_doc d;
	assert_true(home_build(&d, j, cat));
	assert_int_equal(d.n, cat->n);
	assert_int_equal(d.lines[0].standing, STANDING_NOT_TAKEN);
	assert_string_equal(standing_words(d.lines[0].standing), "not taken yet");
	assert_true(d.empty);
	home_finish(&d);

	add(j, STAGE_CONSCIOUS_INCOMPETENCE, 1000);
	add(j, STAGE_NONE, 2000);
	assert_true(home_build(&d, j, cat));
	assert_false(d.empty);
	assert_int_equal(d.lines[0].standing, STANDING_NOT_PLACED); /* the last one */
	assert_int_equal(d.lines[0].at, 2000);
	home_finish(&d);

	add(j, STAGE_CONSCIOUS_COMPETENCE, 3000);
	assert_true(home_build(&d, j, cat));
	assert_int_equal(d.lines[0].standing, STANDING_PLACED);
	assert_int_equal(d.lines[0].stage, STAGE_CONSCIOUS_COMPETENCE);
	home_finish(&d);
	journal_destroy(j);
}

static void
test_history_rows(void **state)
{
	(void)state;
	struct journal *j = journal_create();
	add(j, STAGE_CONSCIOUS_INCOMPETENCE, 1000);
	add(j, STAGE_NONE, 2000);
	add(j, STAGE_CONSCIOUS_COMPETENCE, 3000);
	add(j, STAGE_CONSCIOUS_COMPETENCE, 4000);
	struct history_row r;
	history_row(j, 0, &r);
	assert_true(r.first);
	assert_int_equal(r.from, STAGE_NONE);
	history_row(j, 1, &r); /* not placed: no move, not the first */
	assert_int_equal(r.standing, STANDING_NOT_PLACED);
	assert_false(r.first);
	assert_int_equal(r.from, STAGE_NONE);
	history_row(j, 2, &r); /* up from rung 2, across the unplaced one */
	assert_int_equal(r.from, STAGE_CONSCIOUS_INCOMPETENCE);
	assert_int_equal(r.stage, STAGE_CONSCIOUS_COMPETENCE);
	assert_int_equal(r.at, 3000);
	history_row(j, 3, &r); /* the same rung: no move */
	assert_int_equal(r.from, STAGE_NONE);
	assert_false(r.first);
	assert_null(r.seen);
	journal_destroy(j);
}

int
main(void)
{
	if (sodium_init() < 0) {
		return 1;
	}
	struct ladder_error err;
	error_clear(&err);
	cat = catalog_create();
	if (!catalog_add_dir(cat, TESTDATA "/questionnaires", true)) {
		return 1;
	}
	tiny = catalog_find(cat, "tiny");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_history_rows),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	catalog_destroy(cat);
	return rc;
}
