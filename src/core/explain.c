#include "ladder/explain.h"

#include <math.h>
#include <string.h>

#include "ladder/util.h"

/* How far self-rating and scenario answers may differ and still be said to
 * match (DESIGN.md leaves the wording to the front ends). */
#define CALIBRATION_MARGIN 0.15

static const char *const axis_names[AXIS_COUNT] = {
	"What you do",
	"Noticing your gaps",
	"Comes without effort",
	"How skilled you feel",
};

static const char *const axis_hints[AXIS_COUNT] = {
	"what you actually do, and what you would do in the situations",
	"how you notice your own gaps and take feedback",
	"how little deliberate effort the skill takes",
	"how skilled you rate yourself",
};

const char *
explain_axis_name(enum axis a)
{
	return (a >= 0 && a < AXIS_COUNT) ? axis_names[a] : "";
}

const char *
explain_axis_hint(enum axis a)
{
	return (a >= 0 && a < AXIS_COUNT) ? axis_hints[a] : "";
}

const char *
explain_calibration(double gap)
{
	if (isnan(gap)) {
		return NULL;
	}
	if (gap > 2 * CALIBRATION_MARGIN) {
		return "Your answers to the scenarios place you a good deal lower than you rate yourself. "
		       "That is common, and worth noticing: it is often the first step off the bottom rung.";
	}
	if (gap > CALIBRATION_MARGIN) {
		return "Your answers to the scenarios place you lower than you rate yourself.";
	}
	if (gap < -2 * CALIBRATION_MARGIN) {
		return "You rate yourself a good deal lower than your answers to the scenarios place you. "
		       "You may be doing better than you think.";
	}
	if (gap < -CALIBRATION_MARGIN) {
		return "You rate yourself lower than your answers to the scenarios place you.";
	}
	return "How you rate yourself matches your answers to the scenarios well.";
}

static const char *
stage_lower(enum stage s)
{
	static const char *const names[STAGE_COUNT] = {
		"unconscious incompetence",
		"conscious incompetence",
		"conscious competence",
		"unconscious competence",
	};
	if (s < STAGE_UNCONSCIOUS_INCOMPETENCE || s > STAGE_UNCONSCIOUS_COMPETENCE) {
		return "not placed";
	}
	return names[s - 1];
}

char *
explain_borderline(const struct placement *p)
{
	if (!p->borderline || p->stage == STAGE_NONE || p->nearest == STAGE_NONE) {
		return NULL;
	}
	enum stage a = p->stage < p->nearest ? p->stage : p->nearest;
	enum stage b = p->stage < p->nearest ? p->nearest : p->stage;
	return str_printf("You are close to the line between rung %d (%s) and rung %d (%s); "
			  "a few answers could move you.",
		(int)a, stage_lower(a), (int)b, stage_lower(b));
}

char *
explain_movement(enum stage prev, enum stage now, const char *prev_date)
{
	if (prev_date == NULL) {
		return str_dup("This is your first time with this questionnaire. "
			       "Next time you will see here how you have moved.");
	}
	if (now == STAGE_NONE || prev == STAGE_NONE) {
		return str_printf("Your last time was on %s; one of the two could not be placed, "
				  "so there is no move to show.", prev_date);
	}
	if (now > prev) {
		return str_printf("You moved up from rung %d (%s) since your last time, on %s.",
			(int)prev, stage_lower(prev), prev_date);
	}
	if (now < prev) {
		return str_printf("You are on a lower rung than your last time, on %s, "
				  "when you were on rung %d (%s). Sliding back happens to everyone: "
				  "a new setting can make old habits stop fitting.",
			prev_date, (int)prev, stage_lower(prev));
	}
	return str_printf("The same rung as your last time, on %s.", prev_date);
}

char *
explain_session_movement(const struct journal *j, size_t index)
{
	const struct journal_session *prev = journal_previous_session(j, index);
	char prev_date[TIME_DATE_LEN];
	if (prev != NULL) {
		time_format_date(prev->completed_at, prev_date);
	}
	return explain_movement(prev ? prev->stage : STAGE_NONE,
		j->sessions[index].stage, prev ? prev_date : NULL);
}

static double
num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static enum stage
stage_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? stage_from_id(v->valuestring) : STAGE_NONE;
}

static void
read_placement(const cJSON *o, struct placement *p)
{
	p->stage = stage_of(o, "stage");
	p->nearest = stage_of(o, "nearest_stage");
	p->borderline = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "borderline"));
	const cJSON *axes = cJSON_GetObjectItemCaseSensitive(o, "axes");
	for (int x = 0; x < AXIS_COUNT; x++) {
		p->axes[x] = num(axes, axis_id((enum axis)x));
	}
	p->calibration_gap = num(o, "calibration_gap");
	p->measured = num(o, "measured_competence");
	p->placed_awareness = num(o, "placed_awareness");
}

size_t
explain_read_result(const cJSON *o, struct placement *p,
	struct placement *facets, const char **facet_ids, size_t max_facets,
	size_t *answered, size_t *total)
{
	read_placement(o, p);
	double a = num(o, "answered"), t = num(o, "total");
	*answered = isnan(a) || a < 0 ? 0 : (size_t)a;
	*total = isnan(t) || t < 0 ? 0 : (size_t)t;
	const cJSON *fa = cJSON_GetObjectItemCaseSensitive(o, "facets");
	size_t n = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, fa) {
		if (n < max_facets) {
			read_placement(f, &facets[n]);
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(f, "id");
			facet_ids[n] = cJSON_IsString(id) ? id->valuestring : "";
		}
		n++;
	}
	return n;
}

enum pass_strength
explain_passphrase(const char *s, size_t len, const char **hint)
{
	size_t chars = 0, words = 0;
	bool lower = false, upper = false, digit = false, other = false;
	bool in_word = false;
	bool all_same = len > 0;
	for (size_t i = 0; i < len; i += utf8_seq_len(s + i)) {
		unsigned char c = (unsigned char)s[i];
		chars++;
		if (c != (unsigned char)s[0]) {
			all_same = false;
		}
		if (c >= 'a' && c <= 'z') {
			lower = true;
		} else if (c >= 'A' && c <= 'Z') {
			upper = true;
		} else if (c >= '0' && c <= '9') {
			digit = true;
		} else if (c != ' ') {
			other = true;
		}
		if (c == ' ') {
			in_word = false;
		} else if (!in_word) {
			in_word = true;
			words++;
		}
	}
	int variety = lower + upper + digit + other;
	if (chars == 0) {
		*hint = "Type a passphrase: the journal cannot be locked without one.";
		return PASS_EMPTY;
	}
	if (chars < 8 || all_same) {
		*hint = "Short and easy to guess. Four or five unrelated words are easy to remember and much harder to guess.";
		return PASS_WEAK;
	}
	if (chars < 12 || (variety < 2 && words < 3 && chars < 16)) {
		*hint = "A few more words, or a mix of letters, digits and signs, would make it stronger.";
		return PASS_FAIR;
	}
	if (chars < 20 && words < 4) {
		*hint = "Longer is stronger still, and words are easier to type than symbols.";
		return PASS_GOOD;
	}
	*hint = "Make sure you can remember it: without it or the recovery code, nobody can open the journal.";
	return PASS_STRONG;
}

const char *
explain_strength_name(enum pass_strength st)
{
	switch (st) {
	case PASS_EMPTY: return "empty";
	case PASS_WEAK: return "weak";
	case PASS_FAIR: return "fair";
	case PASS_GOOD: return "good";
	case PASS_STRONG: return "strong";
	}
	return "";
}
