/* The questionnaire in its file format again (`show --json`), with the
 * defaults filled in. */
#include "ladder/questionnaire.h"

static cJSON *
string_array(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a != NULL && i < n; i++) {
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	}
	return a;
}

static cJSON *
stages_json(const struct stage_text *st)
{
	cJSON *stages = cJSON_CreateObject();
	for (int s = 0; stages != NULL && s < STAGE_COUNT; s++) {
		cJSON *so = cJSON_AddObjectToObject(stages, stage_id((enum stage)(s + 1)));
		cJSON_AddStringToObject(so, "summary", st[s].summary);
		cJSON_AddItemToObject(so, "next_steps",
			string_array(st[s].next_steps, st[s].n_next_steps));
	}
	return stages;
}

cJSON *
questionnaire_to_json(const struct questionnaire *q)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL) {
		return NULL;
	}
	cJSON_AddStringToObject(o, "format", "ladder-questionnaire");
	cJSON_AddNumberToObject(o, "format_version", 1);
	cJSON_AddStringToObject(o, "id", q->id);
	cJSON_AddNumberToObject(o, "version", q->version);
	cJSON_AddStringToObject(o, "language", q->language);
	cJSON_AddStringToObject(o, "title", q->title);
	cJSON_AddStringToObject(o, "description", q->description);
	cJSON *t = cJSON_AddObjectToObject(o, "thresholds");
	cJSON_AddNumberToObject(t, "competence", q->t_competence);
	cJSON_AddNumberToObject(t, "awareness", q->t_awareness);
	cJSON_AddNumberToObject(t, "automaticity", q->t_automaticity);
	cJSON_AddNumberToObject(t, "scenarios", q->t_scenarios);
	cJSON *scales = cJSON_AddObjectToObject(o, "scales");
	for (size_t i = 0; i < q->n_scales; i++) {
		const struct scale *s = &q->scales[i];
		cJSON *so = cJSON_AddObjectToObject(scales, s->id);
		cJSON_AddNumberToObject(so, "min", s->min);
		cJSON_AddNumberToObject(so, "max", s->max);
		cJSON_AddItemToObject(so, "labels",
			string_array(s->labels, (size_t)(s->max - s->min + 1)));
	}
	/* like the options below, but other members (stages here, a score there): kept apart */
	cJSON *facets = cJSON_AddArrayToObject(o, "facets");
	for (size_t i = 0; i < q->n_facets; i++) {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "id", q->facets[i].id);
		cJSON_AddStringToObject(f, "title", q->facets[i].title);
		cJSON_AddStringToObject(f, "description", q->facets[i].description);
		if (q->facets[i].has_stages) {
			cJSON_AddItemToObject(f, "stages", stages_json(q->facets[i].stages));
		}
		cJSON_AddItemToArray(facets, f);
	}
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		cJSON *io = cJSON_CreateObject();
		cJSON_AddStringToObject(io, "id", it->id);
		cJSON_AddStringToObject(io, "facet", q->facets[it->facet].id);
		cJSON_AddStringToObject(io, "axis", axis_id(it->axis));
		cJSON_AddStringToObject(io, "kind", it->kind == ITEM_LIKERT ? "likert" : "scenario");
		if (it->set > 0) {
			cJSON_AddNumberToObject(io, "set", it->set);
		}
		if (it->kind == ITEM_LIKERT) {
			cJSON_AddStringToObject(io, "scale", q->scales[it->scale].id);
			cJSON_AddBoolToObject(io, "reverse", it->reverse);
		}
		cJSON_AddStringToObject(io, "text", it->text);
		if (it->kind == ITEM_SCENARIO) {
			cJSON *opts = cJSON_AddArrayToObject(io, "options");
			for (size_t k = 0; k < it->n_options; k++) {
				cJSON *op = cJSON_CreateObject();
				cJSON_AddStringToObject(op, "id", it->options[k].id);
				cJSON_AddStringToObject(op, "text", it->options[k].text);
				cJSON_AddNumberToObject(op, "score", it->options[k].score);
				cJSON_AddStringToObject(op, "rationale", it->options[k].rationale);
				cJSON_AddItemToArray(opts, op);
			}
		}
		cJSON_AddItemToArray(items, io);
	}
	cJSON_AddItemToObject(o, "stages", stages_json(q->stages));
	cJSON_AddItemToObject(o, "prompts", string_array(q->prompts, q->n_prompts));
	return o;
}
