/* Reading a questionnaire's facets and its texts per rung: the
 * questionnaire's own "stages" and each facet's (its area's summary and
 * next steps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/jsonread.h"
#include "ladder/util.h"
#include "questionnaire_impl.h"

static const char *const stage_keys[] = {"unconscious_incompetence",
	"conscious_incompetence", "conscious_competence",
	"unconscious_competence", NULL};

void
q_stage_texts_free(struct stage_text *st)
{
	for (int s = 0; s < STAGE_COUNT; s++) {
		free(st[s].summary);
		q_free_strings(st[s].next_steps, st[s].n_next_steps);
		st[s] = (struct stage_text){0};
	}
}

/* A "stages" object (NULL: absent) into st; with all, each of the four
 * stages must be there. owner names what it belongs to in messages. */
static bool
load_stage_texts(struct ctx *c, const cJSON *stages, const char *owner,
	bool all, struct stage_text *st)
{
	static const char *const skeys[] = {"summary", "next_steps", NULL};
	char what[160];
	if (strcmp(owner, "the questionnaire") == 0) {
		snprintf(what, sizeof(what), "\"stages\"");
	} else {
		snprintf(what, sizeof(what), "\"stages\" of %s", owner);
	}
	if (stages != NULL && !jr_keys(c->doc, stages, what, stage_keys, c->err)) {
		return false;
	}
	for (int s = 0; s < STAGE_COUNT; s++) {
		const cJSON *o = stages ? cJSON_GetObjectItemCaseSensitive(stages, stage_keys[s]) : NULL;
		if (strcmp(owner, "the questionnaire") == 0) {
			snprintf(what, sizeof(what), "stage \"%s\"", stage_keys[s]);
		} else {
			snprintf(what, sizeof(what), "stage \"%s\" of %s", stage_keys[s], owner);
		}
		if (o == NULL) {
			if (all) {
				return json_doc_fail(c->doc, stages, c->err,
					"%s has no \"%s\" (expected all four stages: unconscious_incompetence, conscious_incompetence, conscious_competence, unconscious_competence)",
					owner, stage_keys[s]);
			}
			st[s].summary = str_dup("");
			st[s].next_steps = calloc(1, sizeof(char *));
			if (st[s].summary == NULL || st[s].next_steps == NULL) {
				return q_oom(c);
			}
			continue;
		}
		const cJSON *steps;
		if (!jr_object(c->doc, o, what, c->err) ||
			!jr_keys(c->doc, o, what, skeys, c->err) ||
			!q_take_string(c, o, "summary", false, false, what, "", &st[s].summary) ||
			!jr_member(c->doc, o, "next_steps", cJSON_Array, false, what, &steps, c->err)) {
			return false;
		}
		if (steps == NULL) {
			st[s].next_steps = calloc(1, sizeof(char *));
			if (st[s].next_steps == NULL) {
				return q_oom(c);
			}
		} else if (!q_take_string_array(c, steps, "\"next_steps\"", &st[s].next_steps,
				   &st[s].n_next_steps)) {
			return false;
		}
	}
	return true;
}

bool
q_load_stages(struct ctx *c, const cJSON *root)
{
	const cJSON *stages;
	if (!jr_member(c->doc, root, "stages", cJSON_Object, false,
		    "the questionnaire", &stages, c->err)) {
		return false;
	}
	return load_stage_texts(c, stages, "the questionnaire", false, c->q->stages);
}

bool
q_load_facets(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = {"id", "title", "description", "stages", NULL};
	const cJSON *facets;
	if (!jr_member(c->doc, root, "facets", cJSON_Array, true,
		    "the questionnaire", &facets, c->err)) {
		return false;
	}
	size_t n = (size_t)cJSON_GetArraySize(facets);
	if (n == 0) {
		return json_doc_fail(c->doc, facets, c->err,
			"\"facets\" is empty (expected at least one facet)");
	}
	c->q->facets = calloc(n, sizeof(struct facet));
	if (c->q->facets == NULL) {
		return q_oom(c);
	}
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		struct facet *fc = &c->q->facets[c->q->n_facets];
		char what[96];
		snprintf(what, sizeof(what), "facet %zu", c->q->n_facets + 1);
		if (!jr_object(c->doc, f, what, c->err) ||
			!jr_keys(c->doc, f, what, keys, c->err)) {
			return false;
		}
		c->q->n_facets++;
		if (!q_take_id(c, f, what, &fc->id)) {
			return false;
		}
		snprintf(what, sizeof(what), "facet \"%s\"", fc->id);
		for (size_t k = 0; k + 1 < c->q->n_facets; k++) {
			if (strcmp(c->q->facets[k].id, fc->id) == 0) {
				return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(f, "id"),
					c->err, "duplicate facet id \"%s\"", fc->id);
			}
		}
		const cJSON *stages;
		if (!q_take_string(c, f, "title", true, true, what, NULL, &fc->title) ||
			!q_take_string(c, f, "description", false, false, what, "",
				&fc->description) ||
			!jr_member(c->doc, f, "stages", cJSON_Object, false, what, &stages, c->err)) {
			return false;
		}
		fc->has_stages = stages != NULL;
		if (stages != NULL && !load_stage_texts(c, stages, what, true, fc->stages)) {
			return false;
		}
	}
	return true;
}
