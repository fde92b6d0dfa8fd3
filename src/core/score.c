/* Scoring rule 2: axis means, the measured competence S, the calibration
 * gap, placed awareness, the competence line and the placement with its
 * reasons, for the whole questionnaire and for each facet. The rule is
 * written out in ladder-questionnaire(5), SCORING. */
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

struct thresholds
score_thresholds(const struct questionnaire *q)
{
	return (struct thresholds){q->t_competence, q->t_scenarios, q->t_awareness,
		q->t_automaticity};
}

static bool
reaches(double v, double t)
{
	return v >= t - EPS;
}

/* The stage on the side of the line `above`, decided by its second value
 * (flipped when flip_second). */
static enum stage
side(bool above, double a_star, double u, const struct thresholds *t,
	bool flip_second)
{
	if (above) {
		if (isnan(u)) {
			return STAGE_NONE;
		}
		return (reaches(u, t->automaticity) != flip_second)
			? STAGE_UNCONSCIOUS_COMPETENCE : STAGE_CONSCIOUS_COMPETENCE;
	}
	if (isnan(a_star)) {
		return STAGE_NONE;
	}
	return (reaches(a_star, t->awareness) != flip_second)
		? STAGE_CONSCIOUS_INCOMPETENCE : STAGE_UNCONSCIOUS_INCOMPETENCE;
}

void
placement_decide(struct placement *p, const struct thresholds *t)
{
	double c = p->axes[AXIS_COMPETENCE];
	double aw = p->axes[AXIS_AWARENESS];
	double u = p->axes[AXIS_AUTOMATICITY];
	double s = p->measured;

	p->calibration_gap = p->axes[AXIS_PERCEIVED] - s; /* NAN when either is */
	double o = p->calibration_gap > 0 ? p->calibration_gap : 0.0;
	double k = isnan(p->calibration_gap) ? NAN : 1.0 - o;
	if (isnan(aw) && isnan(k)) {
		p->placed_awareness = NAN;
		p->awareness_from = AWARE_NONE;
	} else if (isnan(k) || (!isnan(aw) && aw <= k)) {
		p->placed_awareness = aw;
		p->awareness_from = AWARE_ANSWERS;
	} else {
		p->placed_awareness = k;
		p->awareness_from = AWARE_OVERESTIMATION;
	}
	p->borderline = false;
	p->nearest = STAGE_NONE;
	p->stage = STAGE_NONE;
	p->below_competence = p->below_situations = false;
	p->not_placed = PLACED;
	p->margin = NAN;
	p->margin_from_situations = false;
	if (p->evidence == EVIDENCE_SITUATIONS && isnan(s)) {
		p->not_placed = NOT_PLACED_NO_SITUATIONS;
		return;
	}
	if (isnan(c)) {
		p->not_placed = NOT_PLACED_NO_COMPETENCE;
		return;
	}
	double mc = c - t->competence;
	double ms = p->evidence == EVIDENCE_SITUATIONS ? s - t->scenarios : mc;
	p->margin = mc < ms ? mc : ms;
	p->margin_from_situations = p->evidence == EVIDENCE_SITUATIONS && ms < mc;
	bool above = reaches(c, t->competence) &&
		(p->evidence == EVIDENCE_SELF_REPORT || reaches(s, t->scenarios));
	if (!above) {
		p->below_competence = !reaches(c, t->competence);
		p->below_situations = p->evidence == EVIDENCE_SITUATIONS &&
			!reaches(s, t->scenarios);
	}
	p->stage = side(above, p->placed_awareness, u, t, false);
	if (p->stage == STAGE_NONE) {
		p->not_placed = above ? NOT_PLACED_NO_AUTOMATICITY : NOT_PLACED_NO_AWARENESS;
		return;
	}
	double dm = fabs(p->margin);
	double d2 = above ? fabs(u - t->automaticity)
			  : fabs(p->placed_awareness - t->awareness);
	bool near_m = dm <= BORDER + EPS;
	bool near_2 = d2 <= BORDER + EPS;
	p->borderline = near_m || near_2;
	if (!p->borderline) {
		return;
	}
	/* flip the comparison nearer its threshold; the line on a tie */
	if (near_m && (!near_2 || dm <= d2 + EPS)) {
		p->nearest = side(!above, p->placed_awareness, u, t, false);
	} else {
		p->nearest = side(above, p->placed_awareness, u, t, true);
	}
}

static void
place(const struct questionnaire *q, const struct answers *a, size_t facet,
	struct placement *p)
{
	double sum[AXIS_COUNT] = {0};
	size_t n[AXIS_COUNT] = {0};
	double scen_sum = 0;
	size_t scen_n = 0, scen_asked = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if ((facet != SIZE_MAX && it->facet != facet) ||
			!questionnaire_item_asked(q, i, a->set)) {
			continue;
		}
		bool scen = it->kind == ITEM_SCENARIO && it->axis == AXIS_COMPETENCE;
		scen_asked += scen;
		if (a->values[i] == ANSWER_SKIPPED) {
			continue;
		}
		double s = score_item(q, i, a->values[i]);
		sum[it->axis] += s;
		n[it->axis]++;
		if (scen) {
			scen_sum += s;
			scen_n++;
		}
	}
	for (int x = 0; x < AXIS_COUNT; x++) {
		p->axes[x] = n[x] ? sum[x] / (double)n[x] : NAN;
	}
	if (scen_asked > 0) {
		p->evidence = EVIDENCE_SITUATIONS;
		p->measured = scen_n ? scen_sum / (double)scen_n : NAN;
	} else {
		p->evidence = EVIDENCE_SELF_REPORT;
		p->measured = p->axes[AXIS_COMPETENCE];
	}
	struct thresholds t = score_thresholds(q);
	placement_decide(p, &t);
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
	r->set = a->set;
	r->n_facets = q->n_facets;
	for (size_t i = 0; i < q->n_items; i++) {
		if (questionnaire_item_asked(q, i, a->set)) {
			r->total++;
			r->answered += a->values[i] != ANSWER_SKIPPED;
		}
	}
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

const char *
evidence_id(enum evidence e)
{
	return e == EVIDENCE_SELF_REPORT ? "self_report" : "situations";
}

const char *
awareness_source_id(enum awareness_source a)
{
	switch (a) {
	case AWARE_ANSWERS:
		return "awareness";
	case AWARE_OVERESTIMATION:
		return "over_estimation";
	case AWARE_NONE:
		break;
	}
	return NULL;
}

const char *
not_placed_id(enum not_placed n)
{
	switch (n) {
	case NOT_PLACED_NO_SITUATIONS:
		return "no_situations_answered";
	case NOT_PLACED_NO_COMPETENCE:
		return "no_competence_answers";
	case NOT_PLACED_NO_AWARENESS:
		return "no_awareness_answers";
	case NOT_PLACED_NO_AUTOMATICITY:
		return "no_automaticity_answers";
	case PLACED:
		break;
	}
	return NULL;
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

static cJSON *
id_or_null(const char *id)
{
	return id == NULL ? cJSON_CreateNull() : cJSON_CreateString(id);
}

static void
add_reasons(cJSON *o, const struct placement *p)
{
	cJSON *r = cJSON_AddObjectToObject(o, "reasons");
	cJSON_AddStringToObject(r, "evidence", evidence_id(p->evidence));
	cJSON *below = cJSON_AddArrayToObject(r, "below_line");
	if (p->below_competence) {
		cJSON_AddItemToArray(below, cJSON_CreateString("competence"));
	}
	if (p->below_situations) {
		cJSON_AddItemToArray(below, cJSON_CreateString("situations"));
	}
	cJSON_AddItemToObject(r, "margin_from", id_or_null(isnan(p->margin) ? NULL
		: p->margin_from_situations ? "situations" : "competence"));
	cJSON_AddItemToObject(r, "awareness_from", id_or_null(awareness_source_id(p->awareness_from)));
	cJSON_AddItemToObject(r, "not_placed", id_or_null(not_placed_id(p->not_placed)));
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
	cJSON_AddItemToObject(o, "measured_competence", number(p->measured));
	cJSON_AddItemToObject(o, "calibration_gap", number(p->calibration_gap));
	cJSON_AddItemToObject(o, "placed_awareness", number(p->placed_awareness));
	cJSON_AddItemToObject(o, "margin", number(p->margin));
	add_reasons(o, p);
}

cJSON *
result_to_json(const struct result *r)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL) {
		return NULL;
	}
	/* rule, set and repeat first, in this order: the journal reads them
	 * from the start of a stored result (ladder-journal(5)) */
	cJSON_AddNumberToObject(o, "rule", SCORING_RULE);
	if (r->set > 0) {
		cJSON_AddNumberToObject(o, "set", r->set);
	} else {
		cJSON_AddNullToObject(o, "set");
	}
	cJSON_AddBoolToObject(o, "repeat", r->repeat);
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
