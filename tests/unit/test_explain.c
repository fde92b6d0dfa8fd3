/* Results in plain words (calibration, borderline, movement), stored
 * results read back, the passphrase hint, and the model's texts. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/explain.h"
#include "ladder/modeltext.h"
#include "ladder/questionnaire.h"

struct cal_row {
	double gap;
	const char *contains; /* NULL: no sentence */
};

static const struct cal_row cal_rows[] = {
	{NAN, NULL},
	{0.0, "matches"},
	{0.15, "matches"},
	{-0.15, "matches"},
	{0.16, "place you lower than you rate yourself"},
	{0.31, "a good deal lower than you rate yourself"},
	{-0.2, "You rate yourself lower than your answers"},
	{-0.5, "doing better than you think"},
};

static void
test_calibration(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cal_rows) / sizeof(cal_rows[0]); i++) {
		const char *s = explain_calibration(cal_rows[i].gap);
		if (cal_rows[i].contains == NULL) {
			assert_null(s);
		} else if (s == NULL || strstr(s, cal_rows[i].contains) == NULL) {
			fail_msg("row %zu: \"%s\" lacks \"%s\"", i, s ? s : "(null)",
				cal_rows[i].contains);
		}
	}
}

static void
test_borderline(void **state)
{
	(void)state;
	struct placement p = {.stage = STAGE_CONSCIOUS_COMPETENCE, .borderline = true,
		.nearest = STAGE_CONSCIOUS_INCOMPETENCE};
	char *s = explain_borderline(&p);
	assert_string_equal(s, "You are close to the line between rung 2 (conscious incompetence) "
			       "and rung 3 (conscious competence); a few answers could move you.");
	free(s);
	p.borderline = false;
	assert_null(explain_borderline(&p));
}

struct move_row {
	enum stage prev, now;
	const char *date;
	const char *contains;
};

static const struct move_row move_rows[] = {
	{STAGE_NONE, STAGE_CONSCIOUS_COMPETENCE, NULL, "first time"},
	{STAGE_UNCONSCIOUS_INCOMPETENCE, STAGE_CONSCIOUS_COMPETENCE, "2026-01-02",
		"moved up from rung 1 (unconscious incompetence) since your last time, on 2026-01-02"},
	{STAGE_UNCONSCIOUS_COMPETENCE, STAGE_CONSCIOUS_COMPETENCE, "2026-01-02",
		"lower rung than your last time, on 2026-01-02, when you were on rung 4"},
	{STAGE_CONSCIOUS_COMPETENCE, STAGE_CONSCIOUS_COMPETENCE, "2026-01-02",
		"same rung as your last time, on 2026-01-02"},
	{STAGE_NONE, STAGE_CONSCIOUS_COMPETENCE, "2026-01-02", "could not be placed"},
};

static void
test_movement(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(move_rows) / sizeof(move_rows[0]); i++) {
		char *s = explain_movement(move_rows[i].prev, move_rows[i].now, move_rows[i].date);
		if (s == NULL || strstr(s, move_rows[i].contains) == NULL) {
			fail_msg("row %zu: \"%s\" lacks \"%s\"", i, s ? s : "(null)",
				move_rows[i].contains);
		}
		free(s);
	}
}

static void
test_read_result(void **state)
{
	(void)state;
	const char *json =
		"{\"questionnaire\": {\"id\": \"x\", \"version\": 1},"
		" \"stage\": \"conscious_competence\", \"borderline\": true,"
		" \"nearest_stage\": \"unconscious_competence\","
		" \"axes\": {\"competence\": 0.7, \"awareness\": null, \"automaticity\": 0.58,"
		"   \"perceived\": 0.9}, \"calibration_gap\": 0.2,"
		" \"facets\": [{\"id\": \"a\", \"stage\": null, \"borderline\": false,"
		"   \"nearest_stage\": null, \"axes\": {}}, {\"id\": \"b\","
		"   \"stage\": \"unconscious_incompetence\"}],"
		" \"answered\": 7, \"total\": 9}";
	cJSON *o = cJSON_Parse(json);
	assert_non_null(o);
	struct placement p, f[1];
	const char *ids[1];
	size_t answered, total;
	size_t n = explain_read_result(o, &p, f, ids, 1, &answered, &total);
	assert_int_equal(n, 2); /* both counted, one filled */
	assert_int_equal(p.stage, STAGE_CONSCIOUS_COMPETENCE);
	assert_true(p.borderline);
	assert_int_equal(p.nearest, STAGE_UNCONSCIOUS_COMPETENCE);
	assert_true(fabs(p.axes[AXIS_COMPETENCE] - 0.7) < 1e-9);
	assert_true(isnan(p.axes[AXIS_AWARENESS]));
	assert_true(fabs(p.calibration_gap - 0.2) < 1e-9);
	assert_true(isnan(p.measured));
	assert_string_equal(ids[0], "a");
	assert_int_equal(f[0].stage, STAGE_NONE);
	assert_int_equal(answered, 7);
	assert_int_equal(total, 9);
	cJSON_Delete(o);
}

struct pass_row {
	const char *pass;
	enum pass_strength expect;
};

static const struct pass_row pass_rows[] = {
	{"", PASS_EMPTY},
	{"abc", PASS_WEAK},
	{"aaaaaaaaaaaaaaaaaaaa", PASS_WEAK},
	{"password", PASS_FAIR},
	{"abcdefghijklm", PASS_FAIR},
	{"Abcdefgh1234", PASS_GOOD},
	{"correct horse battery staple", PASS_STRONG},
	{"\xC3\xA9t\xC3\xA9 \xC3\xA0 la plage, 1987", PASS_STRONG},
};

static void
test_passphrase(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(pass_rows) / sizeof(pass_rows[0]); i++) {
		const char *hint = NULL;
		enum pass_strength st = explain_passphrase(pass_rows[i].pass,
			strlen(pass_rows[i].pass), &hint);
		if (st != pass_rows[i].expect) {
			fail_msg("row %zu \"%s\": got %s, expected %s", i, pass_rows[i].pass,
				explain_strength_name(st), explain_strength_name(pass_rows[i].expect));
		}
		assert_non_null(hint);
	}
}

static void
test_model_texts(void **state)
{
	(void)state;
	struct ladder_error err;
	error_clear(&err);
	struct model_texts *m = model_texts_load(TESTDATA "/../../data/model.json", &err);
	if (m == NULL) {
		fail_msg("%s", err.msg);
	}
	assert_true(m->n_intro >= 2);
	assert_string_equal(model_texts_stage(m, STAGE_UNCONSCIOUS_INCOMPETENCE)->name,
		"Unconscious incompetence");
	assert_string_equal(model_texts_stage(m, STAGE_NONE)->name, "Not placed");
	const char *title;
	const char *ex = model_texts_example(m, "cultural", STAGE_CONSCIOUS_COMPETENCE, &title);
	assert_string_equal(title, "Working across cultures");
	assert_non_null(ex);
	ex = model_texts_example(m, "no-such", STAGE_CONSCIOUS_COMPETENCE, &title);
	assert_string_equal(title, "Learning to drive");
	const char *pr[8];
	size_t n = model_texts_prompts(m, STAGE_CONSCIOUS_INCOMPETENCE, "social-media", pr, 8);
	assert_int_equal(n, 2);
	assert_non_null(strstr(pr[0], "post"));
	n = model_texts_prompts(m, STAGE_CONSCIOUS_INCOMPETENCE, "no-such", pr, 8);
	assert_int_equal(n, 2);
	assert_non_null(strstr(pr[1], "practise"));
	model_texts_destroy(m);

	/* a file of another format is refused with its position */
	m = model_texts_load(TESTDATA "/questionnaires/tiny.json", &err);
	assert_null(m);
	assert_non_null(strstr(err.msg, "tiny.json:"));
	assert_non_null(strstr(err.msg, "ladder-model"));
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calibration),
		cmocka_unit_test(test_borderline),
		cmocka_unit_test(test_movement),
		cmocka_unit_test(test_read_result),
		cmocka_unit_test(test_passphrase),
		cmocka_unit_test(test_model_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
