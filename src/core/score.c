#include "ladder/score.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Values this close to a threshold count as on it: means of scale points
 * are not exact in binary floating point (0.1 + 0.5 is not 0.6). */
#define EPS 1e-9
#define BORDER 0.05

double
score_item(const struct questionnaire *q, size_t item, int value)
{
	const struct item *it = &q->items[item];
	if (it->kind == ITEM_SCENARIO) {
		return it->options[value].score;
	}
	const struct scale *s = &q->scales[it->scale];
	double v = (double)(value - s->min) / (double)(s->max - s->min);
	return it->reverse ? 1.0 - v : v;
}

static enum stage
decide(double c, double a_star, double u, double tc, double ta, double tu,
	bool flip_c, bool flip_second)
{
	bool high = c >= tc - EPS;
	if (flip_c) {
		high = !high;
	}
	if (high) {
		if (isnan(u)) {
			return STAGE_NONE;
		}
		bool auto_ = u >= tu - EPS;
		return (auto_ != flip_second) ? STAGE_UNCONSCIOUS_COMPETENCE
					      : STAGE_CONSCIOUS_COMPETENCE;
	}
	if (isnan(a_star)) {
		return STAGE_NONE;
	}
	bool aware = a_star >= ta - EPS;
	return (aware != flip_second) ? STAGE_CONSCIOUS_INCOMPETENCE
				      : STAGE_UNCONSCIOUS_INCOMPETENCE;
}

void
placement_decide(struct placement *p, double tc, double ta, double tu)
{
	double c = p->axes[AXIS_COMPETENCE];
	double aw = p->axes[AXIS_AWARENESS];
	double u = p->axes[AXIS_AUTOMATICITY];
	double per = p->axes[AXIS_PERCEIVED];

	p->calibration_gap = per - p->measured; /* NAN when either is */
	double k = 1.0 - fabs(p->calibration_gap);
	if (isnan(aw)) {
		p->placed_awareness = k;
	} else if (isnan(k)) {
		p->placed_awareness = aw;
	} else {
		p->placed_awareness = aw < k ? aw : k;
	}
	p->borderline = false;
	p->nearest = STAGE_NONE;
	if (isnan(c)) {
		p->stage = STAGE_NONE;
		return;
	}
	p->stage = decide(c, p->placed_awareness, u, tc, ta, tu, false, false);
	if (p->stage == STAGE_NONE) {
		return;
	}
	bool high = c >= tc - EPS;
	double dc = fabs(c - tc);
	double d2 = high ? fabs(u - tu) : fabs(p->placed_awareness - ta);
	bool near_c = dc <= BORDER + EPS;
	bool near_2 = d2 <= BORDER + EPS;
	p->borderline = near_c || near_2;
	if (!p->borderline) {
		return;
	}
	/* flip the comparison closest to its threshold; competence first on
	 * a tie, as it is the first deciding value */
	if (near_c && (!near_2 || dc <= d2 + EPS)) {
		p->nearest = decide(c, p->placed_awareness, u, tc, ta, tu, true, false);
	} else {
		p->nearest = decide(c, p->placed_awareness, u, tc, ta, tu, false, true);
	}
}

static void
place(const struct questionnaire *q, const struct answers *a, size_t facet,
	struct placement *p)
{
	double sum[AXIS_COUNT] = {0};
	size_t n[AXIS_COUNT] = {0};
	double scen_sum = 0;
	size_t scen_n = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if ((facet != SIZE_MAX && it->facet != facet) ||
			a->values[i] == ANSWER_SKIPPED) {
			continue;
		}
		double s = score_item(q, i, a->values[i]);
		sum[it->axis] += s;
		n[it->axis]++;
		if (it->kind == ITEM_SCENARIO && it->axis == AXIS_COMPETENCE) {
			scen_sum += s;
			scen_n++;
		}
	}
	for (int x = 0; x < AXIS_COUNT; x++) {
		p->axes[x] = n[x] ? sum[x] / (double)n[x] : NAN;
	}
	p->measured = scen_n ? scen_sum / (double)scen_n : p->axes[AXIS_COMPETENCE];
	placement_decide(p, q->t_competence, q->t_awareness, q->t_automaticity);
}

struct result *
score_compute(const struct questionnaire *q, const struct answers *a)
{
	struct result *r = calloc(1, sizeof(*r));
	if (r == NULL) {
		return NULL;
	}
	r->facets = calloc(q->n_facets ? q->n_facets : 1, sizeof(*r->facets));
	if (r->facets == NULL) {
		free(r);
		return NULL;
	}
	r->questionnaire_id = q->id;
	r->questionnaire_version = q->version;
	r->n_facets = q->n_facets;
	r->total = q->n_items;
	r->answered = answers_count(a);
	place(q, a, SIZE_MAX, &r->p);
	for (size_t f = 0; f < q->n_facets; f++) {
		r->facets[f].id = q->facets[f].id;
		place(q, a, f, &r->facets[f].p);
	}
	return r;
}

void
result_destroy(struct result *r)
{
	if (r == NULL) {
		return;
	}
	free(r->facets);
	free(r);
}

/* Rounded to 12 decimals so that the JSON shows 0.6, not
 * 0.59999999999999998; NAN becomes null. */
static cJSON *
number(double v)
{
	if (isnan(v)) {
		return cJSON_CreateNull();
	}
	return cJSON_CreateNumber(round(v * 1e12) / 1e12);
}

static cJSON *
stage_json(enum stage s)
{
	return s == STAGE_NONE ? cJSON_CreateNull() : cJSON_CreateString(stage_id(s));
}

static void
add_placement(cJSON *o, const struct placement *p)
{
	cJSON_AddItemToObject(o, "stage", stage_json(p->stage));
	cJSON_AddBoolToObject(o, "borderline", p->borderline);
	cJSON_AddItemToObject(o, "nearest_stage", stage_json(p->nearest));
	cJSON *axes = cJSON_AddObjectToObject(o, "axes");
	for (int x = 0; x < AXIS_COUNT; x++) {
		cJSON_AddItemToObject(axes, axis_id((enum axis)x), number(p->axes[x]));
	}
	cJSON_AddItemToObject(o, "calibration_gap", number(p->calibration_gap));
	cJSON_AddItemToObject(o, "measured_competence", number(p->measured));
	cJSON_AddItemToObject(o, "placed_awareness", number(p->placed_awareness));
}

cJSON *
result_to_json(const struct result *r)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL) {
		return NULL;
	}
	cJSON *qo = cJSON_AddObjectToObject(o, "questionnaire");
	cJSON_AddStringToObject(qo, "id", r->questionnaire_id);
	cJSON_AddNumberToObject(qo, "version", r->questionnaire_version);
	add_placement(o, &r->p);
	cJSON *facets = cJSON_AddArrayToObject(o, "facets");
	for (size_t f = 0; f < r->n_facets; f++) {
		cJSON *fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "id", r->facets[f].id);
		add_placement(fo, &r->facets[f].p);
		cJSON_AddItemToArray(facets, fo);
	}
	cJSON_AddNumberToObject(o, "answered", (double)r->answered);
	cJSON_AddNumberToObject(o, "total", (double)r->total);
	return o;
}
