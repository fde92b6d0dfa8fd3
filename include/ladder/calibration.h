#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>

/* How a person's self-rating and their choices in the situations move
 * towards each other over sessions: the calibration gap (perceived minus
 * measured competence, as each session's stored result keeps it, overall
 * and per facet), and what that says in words. Closing the gap is what the
 * conscious competence ladder is about (ladder-model(7)). */

/* One session's values, each in [0,1] (the gap in [-1,1]); NAN when the
 * result lacks it. */
struct calibration_point {
	double perceived, measured, gap;
};

/* The point of a stored result: overall when facet is NULL, else that
 * facet's entry. False (and NANs) when the result holds no gap there. */
bool calibration_point_of(const cJSON *result, const char *facet,
	struct calibration_point *out);

/* The sentence for a first and a latest point (the same point, or first
 * NULL, for one session): whether the self-rating is now close to what the
 * answers show, and whether the two moved towards each other or apart,
 * with the numbers out of 100. NULL when latest has no gap. Caller frees. */
char *calibration_words(const struct calibration_point *first,
	const struct calibration_point *latest);

/* The gap in words, by the bands of ladder-questionnaire(5): "close to",
 * "somewhat higher than", "a good deal lower than"... NULL for NAN. */
const char *calibration_band(double gap);

/* Which side of the choices in the situations a self-rating lies, by the
 * same bands: in line when "close", else above (higher) or below (lower);
 * UNKNOWN for NAN. */
enum calibration_side {
	CALIBRATION_UNKNOWN,
	CALIBRATION_BELOW,
	CALIBRATION_IN_LINE,
	CALIBRATION_ABOVE,
};
enum calibration_side calibration_side_of(double gap);
