/* Stored results read back with their reasons, the passphrase hint, and
 * the model's texts. (Results in words: test_report.c.) */
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
#include "ladder/passphrase_strength.h"
#include "ladder/modeltext.h"
#include "ladder/questionnaire.h"

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
	/* a rule 1 result without a stage: not placed, no finer reason */
	assert_int_equal(f[0].not_placed, NOT_PLACED_NO_COMPETENCE);
	cJSON_Delete(o);

	/* the reasons of rule 2 */
	o = cJSON_Parse("{\"rule\": 2, \"stage\": \"conscious_incompetence\", \"margin\": -0.2,"
		" \"reasons\": {\"evidence\": \"situations\", \"below_line\": [\"situations\"],"
		" \"margin_from\": \"situations\", \"awareness_from\": \"over_estimation\","
		" \"not_placed\": null}, \"facets\": [{\"id\": \"a\", \"stage\": null,"
		" \"reasons\": {\"evidence\": \"self_report\", \"below_line\": [],"
		" \"not_placed\": \"no_automaticity_answers\"}}]}");
	assert_non_null(o);
	n = explain_read_result(o, &p, f, ids, 1, &answered, &total);
	assert_int_equal(n, 1);
	assert_true(fabs(p.margin + 0.2) < 1e-9);
	assert_int_equal(p.evidence, EVIDENCE_SITUATIONS);
	assert_true(p.below_situations);
	assert_false(p.below_competence);
	assert_true(p.margin_from_situations);
	assert_int_equal(p.awareness_from, AWARE_OVERESTIMATION);
	assert_int_equal(p.not_placed, PLACED);
	assert_int_equal(f[0].evidence, EVIDENCE_SELF_REPORT);
	assert_int_equal(f[0].not_placed, NOT_PLACED_NO_AUTOMATICITY);
	assert_int_equal(f[0].awareness_from, AWARE_NONE);
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
		enum pass_strength st = passphrase_strength(pass_rows[i].pass,
			strlen(pass_rows[i].pass), &hint);
		if (st != pass_rows[i].expect) {
			fail_msg("row %zu \"%s\": got %s, expected %s", i, pass_rows[i].pass,
				passphrase_strength_name(st), passphrase_strength_name(pass_rows[i].expect));
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
		cmocka_unit_test(test_read_result),
		cmocka_unit_test(test_passphrase),
		cmocka_unit_test(test_model_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
