#include "ladder/answers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

#define ANSWERS_MAX_BYTES (4u * 1024 * 1024)
#define NOTE_MAX_BYTES (1u * 1024 * 1024)

struct answers *
answers_create(const struct questionnaire *q)
{
	struct answers *a = calloc(1, sizeof(*a));
	if (a == NULL) {
		return NULL;
	}
	a->n = q->n_items;
	a->values = malloc((a->n ? a->n : 1) * sizeof(int));
	if (a->values == NULL) {
		free(a);
		return NULL;
	}
	for (size_t i = 0; i < a->n; i++) {
		a->values[i] = ANSWER_SKIPPED;
	}
	a->set = q->n_sets > 0 ? 1 : 0;
	return a;
}

void
answers_destroy(struct answers *a)
{
	if (a == NULL) {
		return;
	}
	free(a->values);
	free(a->note);
	free(a);
}

size_t
answers_count(const struct answers *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++) {
		n += a->values[i] != ANSWER_SKIPPED;
	}
	return n;
}

/* "NAME:LINE:COL: " of m, or "" without a document. Only for messages:
 * finding a line costs a walk through the text. */
static void
answer_where(const struct json_doc *doc, const cJSON *m, char where[256])
{
	where[0] = '\0';
	if (doc != NULL) {
		int line, col;
		json_doc_where(doc, m, true, &line, &col);
		snprintf(where, 256, "%s:%d:%d: ", doc->name, line, col);
	}
}

/* Checks one member of an "answers" object and stores it in a. doc may be
 * NULL (values from the journal), then messages carry no position. */
static bool
take_answer(const struct questionnaire *q, const struct json_doc *doc,
	const cJSON *m, struct answers *a, struct ladder_error *err)
{
	char where[256];
	long idx = questionnaire_item_index(q, m->string);
	if (idx < 0) {
		answer_where(doc, m, where);
		return error_set(err, LADDER_FAIL,
			"%sunknown item \"%s\" (questionnaire \"%s\" has no such item)",
			where, m->string, q->id);
	}
	const struct item *it = &q->items[idx];
	if (cJSON_IsNull(m)) {
		a->values[idx] = ANSWER_SKIPPED; /* null: explicitly skipped */
		return true;
	}
	if (it->kind == ITEM_LIKERT) {
		const struct scale *s = &q->scales[it->scale];
		double v = m->valuedouble;
		if (!cJSON_IsNumber(m) || v != floor(v) || v < s->min || v > s->max) {
			char *shown = cJSON_PrintUnformatted(m);
			answer_where(doc, m, where);
			error_set(err, LADDER_FAIL,
				"%simpossible answer %s to item \"%s\" (expected a whole number from %d to %d on the \"%s\" scale, or null to skip)",
				where, shown ? shown : "?", it->id, s->min, s->max, s->id);
			cJSON_free(shown);
			return false;
		}
		a->values[idx] = (int)v;
		return true;
	}
	long opt = cJSON_IsString(m) ? item_option_index(it, m->valuestring) : -1;
	if (opt < 0) {
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t k = 0; k < it->n_options; k++) {
			strbuf_printf(&sb, "%s\"%s\"", k ? ", " : "", it->options[k].id);
		}
		char *shown = cJSON_PrintUnformatted(m);
		answer_where(doc, m, where);
		error_set(err, LADDER_FAIL,
			"%simpossible answer %s to scenario item \"%s\" (expected one of the option ids %s, or null to skip)",
			where, shown ? shown : "?", it->id, sb.data ? sb.data : "");
		cJSON_free(shown);
		strbuf_finish(&sb);
		return false;
	}
	a->values[idx] = (int)opt;
	return true;
}

static bool
take_values(const struct questionnaire *q, const struct json_doc *doc,
	const cJSON *obj, struct answers *a, struct ladder_error *err)
{
	for (const cJSON *m = obj->child; m != NULL; m = m->next) {
		for (const cJSON *d = obj->child; d != m; d = d->next) {
			if (strcmp(d->string, m->string) == 0) {
				if (doc != NULL) {
					int line, col;
					json_doc_where(doc, m, true, &line, &col);
					return error_set(err, LADDER_FAIL,
						"%s:%d:%d: item \"%s\" is answered twice",
						doc->name, line, col, m->string);
				}
				return error_set(err, LADDER_FAIL,
					"item \"%s\" is answered twice", m->string);
			}
		}
		if (!take_answer(q, doc, m, a, err)) {
			return false;
		}
	}
	return true;
}

bool
answers_values_from_json(const struct questionnaire *q, const cJSON *obj,
	struct answers *a, struct ladder_error *err)
{
	if (!cJSON_IsObject(obj)) {
		return error_set(err, LADDER_FAIL,
			"answers to \"%s\" are not an object (expected {\"item\": value, ...})",
			q->id);
	}
	return take_values(q, NULL, obj, a, err);
}

struct answers *
answers_parse(const struct questionnaire *q, const char *name,
	const char *text, size_t len, struct ladder_error *err)
{
	static const char *const keys[] = {"format", "format_version",
		"questionnaire", "questionnaire_version", "set", "answers", "note", NULL};
	struct json_doc doc;
	struct answers *a = NULL;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return NULL;
	}
	const char *qid = NULL, *note = NULL;
	const cJSON *values;
	int qversion = q->version, set = 0;
	if (!jr_format(&doc, "ladder-answers", err) ||
		!jr_keys(&doc, doc.root, "the answers file", keys, err) ||
		!jr_string(&doc, doc.root, "questionnaire", true, "the answers file", &qid, err) ||
		!jr_int(&doc, doc.root, "questionnaire_version", false, "the answers file", &qversion, err) ||
		!jr_int(&doc, doc.root, "set", false, "the answers file", &set, err) ||
		!jr_member(&doc, doc.root, "answers", cJSON_Object, true, "the answers file", &values, err) ||
		!jr_string(&doc, doc.root, "note", false, "the answers file", &note, err)) {
		goto fail;
	}
	if (strcmp(qid, q->id) != 0) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "questionnaire"),
			err, "these are answers to \"%s\", not to \"%s\" (expected \"questionnaire\": \"%s\")",
			qid, q->id, q->id);
		goto fail;
	}
	if (qversion != q->version) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "questionnaire_version"),
			err, "these are answers to version %d of \"%s\", but version %d is installed",
			qversion, q->id, q->version);
		goto fail;
	}
	if (note != NULL && strlen(note) > NOTE_MAX_BYTES) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "note"),
			err, "the note is longer than %u bytes", NOTE_MAX_BYTES);
		goto fail;
	}
	a = answers_create(q);
	if (a == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", name);
		goto fail;
	}
	if (!take_values(q, &doc, values, a, err)) {
		goto fail;
	}
	const cJSON *set_node = cJSON_GetObjectItemCaseSensitive(doc.root, "set");
	if (set_node != NULL && set < 1) {
		json_doc_fail(&doc, set_node, err, "set %d (expected a whole number of 1 or more)", set);
		goto fail;
	}
	struct ladder_error set_err = {0};
	if (!answers_settle_set(q, a, set, &set_err)) {
		json_doc_fail(&doc, set_node ? set_node : values, err, "%s", set_err.msg);
		goto fail;
	}
	if (note != NULL && note[0] != '\0' && (a->note = str_dup(note)) == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", name);
		goto fail;
	}
	json_doc_finish(&doc);
	return a;
fail:
	answers_destroy(a);
	json_doc_finish(&doc);
	return NULL;
}

struct answers *
answers_load(const struct questionnaire *q, const char *path,
	struct ladder_error *err)
{
	char *text = NULL;
	size_t len = 0;
	if (!file_read(path, ANSWERS_MAX_BYTES, &text, &len, err)) {
		return NULL;
	}
	struct answers *a = answers_parse(q, path, text, len, err);
	free(text);
	return a;
}

cJSON *
answers_values_to_json(const struct questionnaire *q, const struct answers *a)
{
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; o != NULL && i < a->n; i++) {
		int v = a->values[i];
		if (v == ANSWER_SKIPPED) {
			continue;
		}
		const struct item *it = &q->items[i];
		if (it->kind == ITEM_LIKERT) {
			cJSON_AddNumberToObject(o, it->id, v);
		} else {
			cJSON_AddStringToObject(o, it->id, it->options[v].id);
		}
	}
	return o;
}

bool
answers_settle_set(const struct questionnaire *q, struct answers *a, int given,
	struct ladder_error *err)
{
	if (given != 0 && q->n_sets == 0) {
		return error_set(err, LADDER_FAIL,
			"set %d, but questionnaire \"%s\" has no sets (expected no \"set\")",
			given, q->id);
	}
	if (given < 0 || given > q->n_sets) {
		return error_set(err, LADDER_FAIL,
			"set %d, but questionnaire \"%s\" has sets 1 to %d", given, q->id,
			q->n_sets);
	}
	long first = -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct item *it = &q->items[i];
		if (a->values[i] == ANSWER_SKIPPED || it->set == 0) {
			continue;
		}
		if (given != 0 && it->set != given) {
			return error_set(err, LADDER_FAIL,
				"item \"%s\" is in set %d, but the answers are to set %d (expected answers to the items of one set)",
				it->id, it->set, given);
		}
		if (first < 0) {
			first = (long)i;
		} else if (q->items[first].set != it->set) {
			return error_set(err, LADDER_FAIL,
				"items \"%s\" (set %d) and \"%s\" (set %d) are in different sets (expected answers to the items of one set)",
				q->items[first].id, q->items[first].set, it->id, it->set);
		}
	}
	if (given != 0 || first >= 0) {
		a->set = given != 0 ? given : q->items[first].set;
	} else if (a->set < 1 || a->set > q->n_sets) {
		a->set = q->n_sets > 0 ? 1 : 0;
	}
	return true;
}

int
answers_json_set(const struct questionnaire *q, const cJSON *values)
{
	const cJSON *m;
	cJSON_ArrayForEach(m, values) {
		long i = questionnaire_item_index(q, m->string);
		if (i >= 0 && q->items[i].set != 0 && !cJSON_IsNull(m)) {
			return q->items[i].set;
		}
	}
	return 0;
}
