#include "ladder/explain.h"

#include <math.h>
#include <string.h>

#include "ladder/util.h"


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
	p->margin = num(o, "margin");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "reasons");
	const char *ev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "evidence"));
	const char *aw = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "awareness_from"));
	const char *np = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "not_placed"));
	p->evidence = ev != NULL && strcmp(ev, evidence_id(EVIDENCE_SELF_REPORT)) == 0
		? EVIDENCE_SELF_REPORT : EVIDENCE_SITUATIONS;
	p->awareness_from = AWARE_NONE;
	for (int a = AWARE_ANSWERS; aw != NULL && a <= AWARE_OVERESTIMATION; a++) {
		if (strcmp(aw, awareness_source_id((enum awareness_source)a)) == 0) {
			p->awareness_from = (enum awareness_source)a;
		}
	}
	p->not_placed = PLACED;
	for (int n = NOT_PLACED_NO_SITUATIONS; np != NULL && n <= NOT_PLACED_NO_AUTOMATICITY; n++) {
		if (strcmp(np, not_placed_id((enum not_placed)n)) == 0) {
			p->not_placed = (enum not_placed)n;
		}
	}
	if (p->stage == STAGE_NONE && p->not_placed == PLACED) {
		p->not_placed = NOT_PLACED_NO_COMPETENCE; /* a rule 1 result */
	}
	p->below_competence = p->below_situations = false;
	const char *mf = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "margin_from"));
	p->margin_from_situations = mf != NULL && strcmp(mf, "situations") == 0;
	const cJSON *b;
	cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(r, "below_line")) {
		const char *what = cJSON_GetStringValue(b);
		p->below_competence |= what != NULL && strcmp(what, "competence") == 0;
		p->below_situations |= what != NULL && strcmp(what, "situations") == 0;
	}
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
