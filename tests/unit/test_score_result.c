/* The result object of a scoring (ladder-questionnaire(5), RESULT): its
 * members, numbers, nulls and reasons. Expectations by hand; the rule is
 * restated in score_fixture.h. */
#include "score_fixture.h"

/* ------------------------------------------------------------------ */
/* 6. The result object (ladder-questionnaire(5), RESULT). */

static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!m)
		fail_msg("result has no key \"%s\"", key);
	return m;
}

static void json_number(const cJSON *obj, const char *key, double v)
{
	const cJSON *m = member(obj, key);
	if (!cJSON_IsNumber(m))
		fail_msg("\"%s\" is not a number", key);
	if (fabs(m->valuedouble - v) > TOL)
		fail_msg("\"%s\": expected %.17g, got %.17g", key, v,
			m->valuedouble);
}

static void json_null(const cJSON *obj, const char *key)
{
	if (!cJSON_IsNull(member(obj, key)))
		fail_msg("\"%s\" should be null", key);
}

static void json_string(const cJSON *obj, const char *key, const char *v)
{
	const cJSON *m = member(obj, key);
	if (!cJSON_IsString(m))
		fail_msg("\"%s\" is not a string", key);
	assert_string_equal(m->valuestring, v);
}

static void json_bool(const cJSON *obj, const char *key, bool v)
{
	const cJSON *m = member(obj, key);
	if (!cJSON_IsBool(m))
		fail_msg("\"%s\" is not a boolean", key);
	if ((bool)cJSON_IsTrue(m) != v)
		fail_msg("\"%s\": expected %s", key, v ? "true" : "false");
}

static cJSON *score_to_json(const char *file, const char *answers)
{
	struct questionnaire *q = load_q(file);
	struct answers *a = make_answers(q, answers);
	struct result *res = score_compute(q, a);
	assert_non_null(res);
	cJSON *j = result_to_json(res);
	assert_non_null(j);
	result_destroy(res);
	answers_destroy(a);
	questionnaire_destroy(q);
	return j;
}

static void test_result_json(void **state)
{
	(void)state;

	/* facets, a defined stage, a facet with a null stage and null axes */
	cJSON *j = score_to_json("q-facets.json", facet_rows[0].answers);
	const cJSON *qq = member(j, "questionnaire");
	json_string(qq, "id", "score-facets");
	json_number(qq, "version", 3);
	json_number(j, "rule", 2);
	json_null(j, "set");
	json_bool(j, "repeat", false);
	json_string(j, "stage", "conscious_incompetence");
	json_bool(j, "borderline", false);
	json_null(j, "nearest_stage");
	const cJSON *axes = member(j, "axes");
	json_number(axes, "competence", 0.6875);
	json_number(axes, "awareness", 0.75);
	json_number(axes, "automaticity", 0.125);
	json_number(axes, "perceived", 0.75);
	/* perceived - S = .75 - .5 (section 1); perceived - competence
	 * would be .0625 */
	json_number(j, "calibration_gap", 0.25);
	json_number(j, "measured_competence", 0.5);
	json_number(j, "placed_awareness", 0.75);
	/* M = min(.6875-.6, .5-.6) */
	json_number(j, "margin", -0.1);
	const cJSON *rs = member(j, "reasons");
	json_string(rs, "evidence", "situations");
	assert_int_equal(cJSON_GetArraySize(member(rs, "below_line")), 1);
	assert_string_equal(cJSON_GetArrayItem(member(rs, "below_line"), 0)->valuestring,
		"situations");
	json_string(rs, "margin_from", "situations");
	json_string(rs, "awareness_from", "awareness");
	json_null(rs, "not_placed");
	json_number(j, "answered", 11);
	json_number(j, "total", 11);
	const cJSON *facets = member(j, "facets");
	assert_true(cJSON_IsArray(facets));
	assert_int_equal(cJSON_GetArraySize(facets), 3);
	const cJSON *f = cJSON_GetArrayItem(facets, 0);
	json_string(f, "id", "alpha");
	json_string(f, "stage", "conscious_incompetence");
	json_number(member(f, "axes"), "competence", 0.75);
	json_number(member(f, "axes"), "perceived", 0.5);
	f = cJSON_GetArrayItem(facets, 1);
	json_string(f, "id", "beta");
	json_string(f, "stage", "unconscious_incompetence");
	json_number(member(f, "axes"), "automaticity", 0.0);
	/* no scenario in beta: self-report, and A* from over-estimation */
	json_string(member(f, "reasons"), "evidence", "self_report");
	json_string(member(f, "reasons"), "awareness_from", "over_estimation");
	json_number(f, "placed_awareness", 0.25);
	f = cJSON_GetArrayItem(facets, 2);
	json_string(f, "id", "gamma");
	json_null(f, "stage");
	json_number(member(f, "axes"), "competence", 1.0);
	json_number(member(f, "axes"), "awareness", 0.5);
	json_null(member(f, "axes"), "automaticity");
	json_null(member(f, "axes"), "perceived");
	json_string(member(f, "reasons"), "not_placed", "no_automaticity_answers");
	cJSON_Delete(j);

	/* borderline with a nearest stage */
	j = score_to_json("q-basic.json", "s1=a s2=a w1=3 u1=2 u2=4 p1=4");
	json_string(j, "stage", "conscious_competence");
	json_bool(j, "borderline", true);
	json_string(j, "nearest_stage", "conscious_incompetence");
	json_number(j, "calibration_gap", 0.125);
	json_number(j, "answered", 6);
	json_number(j, "total", 9);
	cJSON_Delete(j);

	/* both stage values at the other end of the scale */
	j = score_to_json("q-zero-scale.json", "k1=1 k2=5 a1=5 a2=2 p1=4");
	json_string(j, "stage", "conscious_incompetence");
	json_bool(j, "borderline", true);
	json_string(j, "nearest_stage", "unconscious_incompetence");
	json_null(member(j, "axes"), "automaticity");
	cJSON_Delete(j);

	/* M = .025, from the situations: borderline, and the line flips to
	 * rung 2 */
	j = score_to_json("q-basic.json", "c1=5 c2=2 s1=b s2=c w1=4 w2=2 u1=5 "
		"u2=1 p1=5");
	json_string(j, "stage", "unconscious_competence");
	json_string(j, "nearest_stage", "conscious_incompetence");
	json_string(member(j, "reasons"), "margin_from", "situations");
	json_number(j, "margin", 0.025);
	cJSON_Delete(j);

	/* nothing answered: everything undefined is null */
	j = score_to_json("q-basic.json", "");
	json_null(j, "stage");
	json_bool(j, "borderline", false);
	json_null(j, "nearest_stage");
	axes = member(j, "axes");
	json_null(axes, "competence");
	json_null(axes, "awareness");
	json_null(axes, "automaticity");
	json_null(axes, "perceived");
	json_null(j, "calibration_gap");
	json_null(j, "margin");
	json_string(member(j, "reasons"), "not_placed", "no_situations_answered");
	json_null(member(j, "reasons"), "margin_from");
	json_number(j, "answered", 0);
	json_number(j, "total", 9);
	facets = member(j, "facets");
	assert_int_equal(cJSON_GetArraySize(facets), 1);
	json_null(cJSON_GetArrayItem(facets, 0), "stage");
	cJSON_Delete(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_result_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
