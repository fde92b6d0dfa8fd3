#include "ladder/calibration.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ladder/util.h"

/* the bands of |gap|: under 0.10 close, under 0.25 somewhat, else a good
 * deal (ladder-questionnaire(5)) */
#define BAND_CLOSE 0.10
#define BAND_SOME 0.25
/* how much nearer (or further) counts as moving, not noise */
#define MOVE_MIN 0.05
/* within this of a band's edge counts as reaching it (results are stored
 * rounded, and 0.6 - 0.5 is not quite 0.1 in binary) */
#define EDGE 1e-9

static double
number(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

bool
calibration_point_of(const cJSON *result, const char *facet,
	struct calibration_point *out)
{
	out->perceived = out->measured = out->gap = NAN;
	const cJSON *scope = result;
	if (facet != NULL) {
		scope = NULL;
		const cJSON *f;
		cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(result, "facets")) {
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(f, "id");
			if (cJSON_IsString(id) && strcmp(id->valuestring, facet) == 0) {
				scope = f;
			}
		}
	}
	if (!cJSON_IsObject(scope)) {
		return false;
	}
	out->perceived = number(cJSON_GetObjectItemCaseSensitive(scope, "axes"), "perceived");
	out->measured = number(scope, "measured_competence");
	out->gap = number(scope, "calibration_gap");
	return !isnan(out->gap);
}

/* The band of a gap without its preposition: "close", "somewhat higher",
 * "a good deal lower"... */
static const char *
band_word(double gap)
{
	double a = fabs(gap);
	if (a < BAND_CLOSE - EDGE) {
		return "close";
	}
	if (a < BAND_SOME - EDGE) {
		return gap > 0 ? "somewhat higher" : "somewhat lower";
	}
	return gap > 0 ? "a good deal higher" : "a good deal lower";
}

enum calibration_side
calibration_side_of(double gap)
{
	if (isnan(gap)) {
		return CALIBRATION_UNKNOWN;
	}
	if (fabs(gap) < BAND_CLOSE - EDGE) {
		return CALIBRATION_IN_LINE;
	}
	return gap > 0 ? CALIBRATION_ABOVE : CALIBRATION_BELOW;
}

const char *
calibration_band(double gap)
{
	if (isnan(gap)) {
		return NULL;
	}
	static const char *const with[] = {
		"close to", "somewhat higher than", "somewhat lower than",
		"a good deal higher than", "a good deal lower than",
	};
	static const char *const bare[] = {
		"close", "somewhat higher", "somewhat lower",
		"a good deal higher", "a good deal lower",
	};
	const char *w = band_word(gap);
	for (size_t i = 0; i < sizeof(bare) / sizeof(bare[0]); i++) {
		if (strcmp(w, bare[i]) == 0) {
			return with[i];
		}
	}
	return NULL;
}

/* " (self-rating 80, situations 55)", or " (80 and 55)" when short; the
 * gap alone when the two are not both known */
static void
values(char *buf, size_t size, const struct calibration_point *p, bool short_form)
{
	if (isnan(p->perceived) || isnan(p->measured)) {
		snprintf(buf, size, " (a gap of %+ld)", lround(p->gap * 100));
		return;
	}
	snprintf(buf, size, short_form ? " (%ld and %ld)" : " (self-rating %ld, situations %ld)",
		lround(p->perceived * 100), lround(p->measured * 100));
}

char *
calibration_words(const struct calibration_point *first,
	const struct calibration_point *latest)
{
	if (latest == NULL || isnan(latest->gap)) {
		return NULL;
	}
	char now[96];
	double b = fabs(latest->gap);
	bool close_now = b < BAND_CLOSE - EDGE;
	if (first == NULL || first == latest || isnan(first->gap)) {
		values(now, sizeof(now), latest, false);
		return str_printf("Your self-rating is %s what your choices in the "
			"situations show%s, out of 100.", calibration_band(latest->gap), now);
	}
	char then[96];
	values(now, sizeof(now), latest, false);
	values(then, sizeof(then), first, true);
	double a = fabs(first->gap);
	if (close_now) {
		if (a >= BAND_CLOSE - EDGE) {
			return str_printf("Your self-rating is now close to what your answers "
				"show%s; at first it was %s%s.", now, band_word(first->gap), then);
		}
		return str_printf("Your self-rating is close to what your answers show, as "
			"it was at first%s.", now);
	}
	/* the gap changed sides: towards each other only when it shrank */
	const char *how = b <= a - MOVE_MIN + EDGE ? "Your self-rating and your answers "
		"are moving towards each other"
		: b >= a + MOVE_MIN - EDGE ? "Your self-rating and your answers have moved apart"
		: "Your self-rating and your answers are about as far apart as at first";
	return str_printf("%s: your self-rating is now %s what they show%s; at first it "
		"was %s%s.", how, calibration_band(latest->gap), now, band_word(first->gap),
		then);
}
