/* Reading a questionnaire file: the top level, thresholds, scales, items
 * and their options, with every check of ladder-questionnaire(5). */
#include "ladder/questionnaire.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/safetext.h"
#include "ladder/util.h"
#include "questionnaire_impl.h"

#define QUESTIONNAIRE_MAX_BYTES (4u * 1024 * 1024)
#define MAX_OPTIONS 9   /* digits 1-9 pick an option */
#define MAX_SCALE_POINTS 11

static bool
load_thresholds(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = {"competence", "awareness", "automaticity",
		"scenarios", NULL};
	const cJSON *t;
	c->q->t_competence = THRESHOLD_COMPETENCE;
	c->q->t_awareness = THRESHOLD_AWARENESS;
	c->q->t_automaticity = THRESHOLD_AUTOMATICITY;
	if (!jr_member(c->doc, root, "thresholds", cJSON_Object, false,
		    "the questionnaire", &t, c->err)) {
		return false;
	}
	c->q->t_scenarios = NAN; /* Tc unless given */
	if (t != NULL && !jr_keys(c->doc, t, "\"thresholds\"", keys, c->err)) {
		return false;
	}
	double *dst[] = {&c->q->t_competence, &c->q->t_awareness, &c->q->t_automaticity,
		&c->q->t_scenarios};
	for (size_t i = 0; t != NULL && i < 4; i++) {
		if (cJSON_GetObjectItemCaseSensitive(t, keys[i]) == NULL) {
			continue;
		}
		if (!jr_number(c->doc, t, keys[i], false, "\"thresholds\"", dst[i], c->err)) {
			return false;
		}
		if (*dst[i] < 0 || *dst[i] > 1) {
			return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(t, keys[i]),
				c->err, "threshold \"%s\" is %g (expected a number from 0 to 1)",
				keys[i], *dst[i]);
		}
	}
	if (isnan(c->q->t_scenarios)) {
		c->q->t_scenarios = c->q->t_competence;
	}
	return true;
}

static bool
load_scales(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = {"min", "max", "labels", NULL};
	const cJSON *scales;
	if (!jr_member(c->doc, root, "scales", cJSON_Object, false,
		    "the questionnaire", &scales, c->err)) {
		return false;
	}
	size_t n = scales ? (size_t)cJSON_GetArraySize(scales) : 0;
	c->q->scales = calloc(n ? n : 1, sizeof(struct scale));
	if (c->q->scales == NULL) {
		return q_oom(c);
	}
	for (const cJSON *s = scales ? scales->child : NULL; s != NULL; s = s->next) {
		struct scale *sc = &c->q->scales[c->q->n_scales];
		char what[128];
		snprintf(what, sizeof(what), "scale \"%.64s\"", s->string);
		if (!jr_object(c->doc, s, what, c->err) ||
			!jr_keys(c->doc, s, what, keys, c->err)) {
			return false;
		}
		if (!jr_valid_id(s->string)) {
			int line, col;
			json_doc_where(c->doc, s, true, &line, &col);
			return error_set(c->err, LADDER_FAIL,
				"%s:%d:%d: invalid scale id \"%s\" (expected 1-64 letters, digits, '_', '-' or '.')",
				c->doc->name, line, col, s->string);
		}
		for (size_t k = 0; k < c->q->n_scales; k++) {
			if (strcmp(c->q->scales[k].id, s->string) == 0) {
				int line, col;
				json_doc_where(c->doc, s, true, &line, &col);
				return error_set(c->err, LADDER_FAIL,
					"%s:%d:%d: duplicate scale id \"%s\"",
					c->doc->name, line, col, s->string);
			}
		}
		c->q->n_scales++;
		sc->id = str_dup(s->string);
		if (sc->id == NULL) {
			return q_oom(c);
		}
		if (!jr_int(c->doc, s, "min", true, what, &sc->min, c->err) ||
			!jr_int(c->doc, s, "max", true, what, &sc->max, c->err)) {
			return false;
		}
		if (sc->max <= sc->min) {
			return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(s, "max"),
				c->err, "%s has max %d not above min %d (expected max > min)",
				what, sc->max, sc->min);
		}
		if (sc->max - sc->min + 1 > MAX_SCALE_POINTS) {
			return json_doc_fail(c->doc, s, c->err,
				"%s has %d points (expected at most %d)", what,
				sc->max - sc->min + 1, MAX_SCALE_POINTS);
		}
		const cJSON *labels;
		if (!jr_member(c->doc, s, "labels", cJSON_Array, true, what, &labels, c->err)) {
			return false;
		}
		size_t nl = 0;
		char **lab = NULL;
		bool ok = q_take_string_array(c, labels, "\"labels\"", &lab, &nl);
		size_t want = (size_t)(sc->max - sc->min + 1);
		if (ok && nl != want) {
			ok = json_doc_fail(c->doc, labels, c->err,
				"%s has %zu labels (expected exactly %zu: one for each value from %d to %d)",
				what, nl, want, sc->min, sc->max);
		}
		if (!ok) {
			q_free_strings(lab, nl);
			return false;
		}
		sc->labels = lab;
		for (size_t k = 0; k < nl; k++) {
			if (sc->labels[k][0] == '\0') {
				return json_doc_fail(c->doc, labels, c->err,
					"label %zu of %s is empty (expected some text)", k + 1, what);
			}
		}
	}
	return true;
}

static bool
load_options(struct ctx *c, const cJSON *item, struct item *it, const char *what)
{
	static const char *const keys[] = {"id", "text", "score", "rationale", NULL};
	const cJSON *opts;
	if (!jr_member(c->doc, item, "options", cJSON_Array, true, what, &opts, c->err)) {
		return false;
	}
	size_t n = (size_t)cJSON_GetArraySize(opts);
	if (n < 2) {
		return json_doc_fail(c->doc, opts, c->err,
			"%s has %zu option%s (expected at least 2)", what, n,
			n == 1 ? "" : "s");
	}
	if (n > MAX_OPTIONS) {
		return json_doc_fail(c->doc, opts, c->err,
			"%s has %zu options (expected at most %d: keys 1-9 pick them)",
			what, n, MAX_OPTIONS);
	}
	it->options = calloc(n, sizeof(struct option));
	if (it->options == NULL) {
		return q_oom(c);
	}
	for (const cJSON *o = opts->child; o != NULL; o = o->next) {
		struct option *op = &it->options[it->n_options];
		char owhat[160];
		q_what_join(owhat, sizeof(owhat), "option ", NULL, it->n_options + 1, what);
		if (!jr_object(c->doc, o, owhat, c->err) ||
			!jr_keys(c->doc, o, owhat, keys, c->err)) {
			return false;
		}
		it->n_options++;
		if (!q_take_id(c, o, owhat, &op->id)) {
			return false;
		}
		q_what_join(owhat, sizeof(owhat), "option ", op->id, 0, what);
		for (size_t k = 0; k + 1 < it->n_options; k++) {
			if (strcmp(it->options[k].id, op->id) == 0) {
				return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(o, "id"),
					c->err, "duplicate option id \"%s\" in %s", op->id, what);
			}
		}
		if (!q_take_string(c, o, "text", true, true, owhat, NULL, &op->text) ||
			!q_take_string(c, o, "rationale", false, false, owhat, "", &op->rationale) ||
			!jr_number(c->doc, o, "score", true, owhat, &op->score, c->err)) {
			return false;
		}
		if (op->score < 0 || op->score > 1) {
			return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(o, "score"),
				c->err, "score %g of %s is outside [0,1] (expected a number from 0 to 1)",
				op->score, owhat);
		}
	}
	return true;
}

static bool
one_of_fail(struct ctx *c, const cJSON *node, const char *what, const char *kind,
	const char *value, const char *const *ids, size_t n, size_t stride)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		const char *id = *(const char *const *)((const char *)ids + i * stride);
		strbuf_printf(&sb, "%s\"%s\"", i ? ", " : "", id);
	}
	json_doc_fail(c->doc, node, c->err, "unknown %s \"%s\" in %s (expected %s%s)",
		kind, value, what, n == 1 ? "" : "one of ", sb.data ? sb.data : "nothing");
	strbuf_finish(&sb);
	return false;
}

static bool
load_item(struct ctx *c, const cJSON *node, struct item *it, size_t index)
{
	static const char *const keys[] = {"id", "facet", "axis", "kind", "scale",
		"reverse", "text", "options", "set", NULL};
	static const char *const axes[] = {"competence", "awareness", "automaticity",
		"perceived"};
	char what[128];
	q_what_join(what, sizeof(what), "item", NULL, index + 1, NULL);
	if (!jr_object(c->doc, node, what, c->err) ||
		!q_take_id(c, node, what, &it->id)) {
		return false;
	}
	q_what_join(what, sizeof(what), "item", it->id, 0, NULL);
	if (!jr_keys(c->doc, node, what, keys, c->err)) {
		return false;
	}
	for (size_t k = 0; k < index; k++) {
		if (strcmp(c->q->items[k].id, it->id) == 0) {
			return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(node, "id"),
				c->err, "duplicate item id \"%s\" (also item %zu)", it->id, k + 1);
		}
	}
	const char *facet = NULL, *axis = NULL, *kind = NULL, *scale = NULL;
	if (!jr_string(c->doc, node, "facet", true, what, &facet, c->err) ||
		!jr_string(c->doc, node, "axis", true, what, &axis, c->err) ||
		!jr_string(c->doc, node, "kind", false, what, &kind, c->err) ||
		!jr_string(c->doc, node, "scale", false, what, &scale, c->err) ||
		!jr_bool(c->doc, node, "reverse", false, what, &it->reverse, c->err) ||
		!jr_int(c->doc, node, "set", false, what, &it->set, c->err) ||
		!q_take_string(c, node, "text", true, true, what, NULL, &it->text)) {
		return false;
	}
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(node, "set");
	if (set != NULL && (it->set < 1 || it->set > SETS_MAX)) {
		return json_doc_fail(c->doc, set, c->err,
			"set %d of %s (expected a whole number from 1 to %d)", it->set, what,
			SETS_MAX);
	}
	if (it->set > c->q->n_sets) {
		c->q->n_sets = it->set;
	}
	long fi = questionnaire_facet_index(c->q, facet);
	if (fi < 0) {
		return one_of_fail(c, cJSON_GetObjectItemCaseSensitive(node, "facet"),
			what, "facet", facet, (const char *const *)&c->q->facets[0].id,
			c->q->n_facets, sizeof(struct facet));
	}
	it->facet = (size_t)fi;
	int ax = axis_from_id(axis);
	if (ax < 0) {
		return one_of_fail(c, cJSON_GetObjectItemCaseSensitive(node, "axis"),
			what, "axis", axis, axes, AXIS_COUNT, sizeof(char *));
	}
	it->axis = (enum axis)ax;
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(node, "options");
	if (kind == NULL) {
		kind = opts != NULL ? "scenario" : "likert";
	}
	if (strcmp(kind, "likert") == 0) {
		it->kind = ITEM_LIKERT;
		if (opts != NULL) {
			return json_doc_fail(c->doc, opts, c->err,
				"%s is a likert item and takes no \"options\" (expected \"kind\": \"scenario\" for options)",
				what);
		}
		if (scale == NULL) {
			if (c->q->n_scales != 1) {
				return json_doc_fail(c->doc, node, c->err,
					"%s has no \"scale\" (expected the id of one of the questionnaire's scales)",
					what);
			}
			it->scale = 0;
		} else {
			bool found = false;
			for (size_t k = 0; k < c->q->n_scales; k++) {
				if (strcmp(c->q->scales[k].id, scale) == 0) {
					it->scale = k;
					found = true;
				}
			}
			if (!found) {
				return one_of_fail(c, cJSON_GetObjectItemCaseSensitive(node, "scale"),
					what, "scale", scale,
					c->q->n_scales ? (const char *const *)&c->q->scales[0].id : NULL,
					c->q->n_scales, sizeof(struct scale));
			}
		}
		return true;
	}
	if (strcmp(kind, "scenario") == 0) {
		it->kind = ITEM_SCENARIO;
		const cJSON *bad = cJSON_GetObjectItemCaseSensitive(node, "scale");
		if (bad == NULL) {
			bad = cJSON_GetObjectItemCaseSensitive(node, "reverse");
		}
		if (bad != NULL) {
			return json_doc_fail(c->doc, bad, c->err,
				"%s is a scenario item and takes no \"%s\" (its options carry the scores)",
				what, bad->string);
		}
		return load_options(c, node, it, what);
	}
	static const char *const kinds[] = {"likert", "scenario"};
	return one_of_fail(c, cJSON_GetObjectItemCaseSensitive(node, "kind"), what,
		"kind", kind, kinds, 2, sizeof(char *));
}

static bool
load_items(struct ctx *c, const cJSON *root)
{
	const cJSON *items;
	if (!jr_member(c->doc, root, "items", cJSON_Array, true,
		    "the questionnaire", &items, c->err)) {
		return false;
	}
	size_t n = (size_t)cJSON_GetArraySize(items);
	if (n == 0) {
		return json_doc_fail(c->doc, items, c->err,
			"\"items\" is empty (expected at least one item on each axis)");
	}
	c->q->items = calloc(n, sizeof(struct item));
	if (c->q->items == NULL) {
		return q_oom(c);
	}
	for (const cJSON *e = items->child; e != NULL; e = e->next) {
		size_t i = c->q->n_items++;
		if (!load_item(c, e, &c->q->items[i], i)) {
			return false;
		}
	}
	for (int a = 0; a < AXIS_COUNT; a++) {
		bool found = false;
		for (size_t i = 0; i < c->q->n_items && !found; i++) {
			found = (int)c->q->items[i].axis == a;
		}
		if (!found) {
			return json_doc_fail(c->doc, items, c->err,
				"no item on the \"%s\" axis (expected at least one item on each of competence, awareness, automaticity and perceived)",
				axis_id((enum axis)a));
		}
	}
	for (int set = 1; set <= c->q->n_sets; set++) {
		bool found = false;
		for (size_t i = 0; i < c->q->n_items && !found; i++) {
			found = c->q->items[i].set == set;
		}
		if (!found) {
			return json_doc_fail(c->doc, items, c->err,
				"no item in set %d, though an item is in set %d (expected sets numbered from 1 without gaps)",
				set, c->q->n_sets);
		}
	}
	return true;
}

static bool
load(struct ctx *c)
{
	static const char *const keys[] = {"format", "format_version", "id", "version",
		"language", "title", "description", "thresholds", "scales", "facets",
		"items", "stages", "prompts", NULL};
	const cJSON *root = c->doc->root;
	const cJSON *prompts;
	if (!jr_format(c->doc, "ladder-questionnaire", c->err) ||
		!jr_keys(c->doc, root, "the questionnaire", keys, c->err) ||
		!q_take_id(c, root, "the questionnaire", &c->q->id)) {
		return false;
	}
	c->q->version = 1;
	if (!jr_int(c->doc, root, "version", false, "the questionnaire", &c->q->version, c->err)) {
		return false;
	}
	if (c->q->version < 1) {
		return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(root, "version"),
			c->err, "version %d (expected a whole number of 1 or more)", c->q->version);
	}
	if (!q_take_string(c, root, "language", false, true, "the questionnaire", "en", &c->q->language) ||
		!q_take_string(c, root, "title", true, true, "the questionnaire", NULL, &c->q->title) ||
		!q_take_string(c, root, "description", false, false, "the questionnaire", "", &c->q->description) ||
		!load_thresholds(c, root) || !load_scales(c, root) ||
		!q_load_facets(c, root) || !load_items(c, root) || !q_load_stages(c, root) ||
		!jr_member(c->doc, root, "prompts", cJSON_Array, false, "the questionnaire",
			&prompts, c->err)) {
		return false;
	}
	if (prompts != NULL) {
		return q_take_string_array(c, prompts, "\"prompts\"", &c->q->prompts, &c->q->n_prompts);
	}
	c->q->prompts = calloc(1, sizeof(char *));
	return c->q->prompts != NULL || q_oom(c);
}

/* The questionnaire of a parsed document, which it finishes. */
static struct questionnaire *
from_doc(struct json_doc *doc, const char *name, struct ladder_error *err)
{
	struct questionnaire *q = calloc(1, sizeof(*q));
	struct ctx c = {doc, err, q};
	if (q == NULL) {
		q_oom(&c);
	} else if ((q->path = str_dup(name)) == NULL) {
		q_oom(&c);
	} else if (load(&c)) {
		json_doc_finish(doc);
		return q;
	}
	questionnaire_destroy(q);
	json_doc_finish(doc);
	return NULL;
}

struct questionnaire *
questionnaire_parse(const char *name, const char *text, size_t len,
	struct ladder_error *err)
{
	struct json_doc doc;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return NULL;
	}
	return from_doc(&doc, name, err);
}

struct questionnaire *
questionnaire_load(const char *path, struct ladder_error *err)
{
	char *text = NULL;
	size_t len = 0;
	struct json_doc doc;
	if (!file_read(path, QUESTIONNAIRE_MAX_BYTES, &text, &len, err) ||
		!json_doc_take(&doc, path, text, len, err)) {
		return NULL;
	}
	return from_doc(&doc, path, err);
}

struct questionnaire *
questionnaire_borrow(const struct questionnaire *q, const char *path,
	struct ladder_error *err)
{
	struct questionnaire *b = malloc(sizeof(*b));
	char *p = str_dup(path);
	if (b == NULL || p == NULL) {
		free(b);
		free(p);
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
		return NULL;
	}
	*b = *q;
	b->path = p;
	b->borrowed = true;
	return b;
}

void
questionnaire_destroy(struct questionnaire *q)
{
	if (q == NULL) {
		return;
	}
	if (q->borrowed) {
		free(q->path);
		free(q);
		return;
	}
	for (size_t i = 0; i < q->n_items; i++) {
		struct item *it = &q->items[i];
		for (size_t k = 0; k < it->n_options; k++) {
			free(it->options[k].id);
			free(it->options[k].text);
			free(it->options[k].rationale);
		}
		free(it->options);
		free(it->id);
		free(it->text);
	}
	free(q->items);
	for (size_t i = 0; i < q->n_facets; i++) {
		q_stage_texts_free(q->facets[i].stages);
		free(q->facets[i].id);
		free(q->facets[i].title);
		free(q->facets[i].description);
	}
	free(q->facets);
	for (size_t i = 0; i < q->n_scales; i++) {
		free(q->scales[i].id);
		q_free_strings(q->scales[i].labels,
			q->scales[i].labels ? (size_t)(q->scales[i].max - q->scales[i].min + 1) : 0);
	}
	free(q->scales);
	q_stage_texts_free(q->stages);
	q_free_strings(q->prompts, q->n_prompts);
	free(q->path);
	free(q->id);
	free(q->language);
	free(q->title);
	free(q->description);
	free(q);
}
