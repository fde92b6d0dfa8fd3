/* The calibration over time: the points read from stored results (overall
 * and per facet), and the sentence for a first and a latest session. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/calibration.h"

static const char *const result_json =
	"{\"axes\": {\"competence\": 0.5, \"awareness\": 0.4, \"automaticity\": 0.6, "
	"\"perceived\": 0.8}, \"measured_competence\": 0.45, \"calibration_gap\": 0.35, "
	"\"facets\": [{\"id\": \"lens\", \"axes\": {\"perceived\": 0.7}, "
	"\"measured_competence\": 0.65, \"calibration_gap\": 0.05}, "
	"{\"id\": \"repair\", \"axes\": {\"perceived\": null}, "
	"\"measured_competence\": 0.5, \"calibration_gap\": null}]}";

static void
test_point_of(void **state)
{
	(void)state;
	cJSON *r = cJSON_Parse(result_json);
	assert_non_null(r);
	struct calibration_point p;
	assert_true(calibration_point_of(r, NULL, &p));
	assert_float_equal(p.perceived, 0.8, 1e-12);
	assert_float_equal(p.measured, 0.45, 1e-12);
	assert_float_equal(p.gap, 0.35, 1e-12);
	assert_true(calibration_point_of(r, "lens", &p));
	assert_float_equal(p.perceived, 0.7, 1e-12);
	assert_float_equal(p.gap, 0.05, 1e-12);
	/* a facet without a gap, and one the result does not have */
	assert_false(calibration_point_of(r, "repair", &p));
	assert_true(isnan(p.gap) && isnan(p.perceived));
	assert_float_equal(p.measured, 0.5, 1e-12);
	assert_false(calibration_point_of(r, "nowhere", &p));
	assert_true(isnan(p.gap));
	assert_false(calibration_point_of(NULL, NULL, &p));
	cJSON_Delete(r);
}

static void
test_band(void **state)
{
	(void)state;
	static const struct {
		double gap;
		const char *want;
	} rows[] = {
		{0.0, "close to"},
		{0.099, "close to"},
		{-0.099, "close to"},
		{0.10, "somewhat higher than"},
		{-0.2, "somewhat lower than"},
		{0.25, "a good deal higher than"},
		{-0.6, "a good deal lower than"},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_string_equal(calibration_band(rows[i].gap), rows[i].want);
	}
	assert_null(calibration_band(NAN));
}

#define P(per, mea) {(per), (mea), (per) - (mea)}

static void
test_words(void **state)
{
	(void)state;
	static const struct {
		struct calibration_point first, latest;
		bool one; /* latest alone */
		const char *want, *not_want;
	} rows[] = {
		{P(0.6, 0.55), P(0.6, 0.55), true,
			"Your self-rating is close to what your choices in the situations show "
			"(self-rating 60, situations 55), out of 100.", NULL},
		{P(0.9, 0.5), P(0.9, 0.5), true,
			"Your self-rating is a good deal higher than what your choices", NULL},
		{P(0.3, 0.45), P(0.3, 0.45), true, "somewhat lower than", NULL},
		/* the person's first and latest sessions */
		{P(0.9, 0.4), P(0.7, 0.65), false,
			"Your self-rating is now close to what your answers show (self-rating "
			"70, situations 65); at first it was a good deal higher (90 and 40).",
			"apart"},
		{P(0.9, 0.4), P(0.8, 0.6), false,
			"Your self-rating and your answers are moving towards each other: your "
			"self-rating is now somewhat higher than what they show (self-rating 80, "
			"situations 60); at first it was a good deal higher (90 and 40).", NULL},
		{P(0.6, 0.55), P(0.9, 0.5), false,
			"Your self-rating and your answers have moved apart", "towards"},
		{P(0.9, 0.5), P(0.9, 0.52), false, "about as far apart as at first", NULL},
		/* over to the other side by as much: not towards each other */
		{P(0.8, 0.5), P(0.5, 0.8), false, "about as far apart as at first",
			"towards"},
		{P(0.6, 0.57), P(0.62, 0.6), false,
			"Your self-rating is close to what your answers show, as it was at first",
			NULL},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *w = calibration_words(rows[i].one ? NULL : &rows[i].first, &rows[i].latest);
		assert_non_null(w);
		if (strstr(w, rows[i].want) == NULL) {
			fail_msg("row %zu: %s\n  lacks: %s", i, w, rows[i].want);
		}
		if (rows[i].not_want != NULL && strstr(w, rows[i].not_want) != NULL) {
			fail_msg("row %zu: %s\n  has: %s", i, w, rows[i].not_want);
		}
		free(w);
	}
	/* no gap in the latest session: nothing to say */
	struct calibration_point none = {NAN, 0.5, NAN};
	struct calibration_point some = P(0.6, 0.5);
	assert_null(calibration_words(&some, &none));
	assert_null(calibration_words(NULL, NULL));
	/* the first without a gap: as for one session */
	char *w = calibration_words(&none, &some);
	assert_non_null(w);
	assert_non_null(strstr(w, "Your self-rating is somewhat higher than what your choices"));
	free(w);
	/* a gap without the two values: the gap itself */
	struct calibration_point bare = {NAN, NAN, -0.3};
	w = calibration_words(NULL, &bare);
	assert_non_null(strstr(w, "a good deal lower than what your choices in the situations show (a gap of -30), out of 100."));
	free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_point_of),
		cmocka_unit_test(test_band),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
