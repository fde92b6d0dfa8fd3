#include "ladder/answers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/problems.h"
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

/* A whole number in [lo, hi] written in s (spaces around allowed). */
static bool
whole_number(const char *s, long lo, long hi, long *out)
{
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	const char *p = s + (*s == '-' || *s == '+');
	if (*p < '0' || *p > '9') {
		return false;
	}
	char *end;
	long v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t') {
		end++;
	}
	if (*end != '\0' || v < lo || v > hi) {
		return false;
	}
	*out = v;
	return true;
}

static bool
same_id_any_case(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (ca != cb) {
			return false;
		}
	}
	return *a == *b;
}

bool
answers_value_parse(const struct questionnaire *q, const struct item *it,
	const char *text, int *value)
{
	long v;
	if (it->kind == ITEM_LIKERT) {
		const struct scale *s = &q->scales[it->scale];
		if (!whole_number(text, s->min, s->max, &v)) {
			return false;
		}
		*value = (int)v;
		return true;
	}
	while (*text == ' ' || *text == '\t') {
		text++;
	}
	char trimmed[80];
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t')) {
		n--;
	}
	if (n == 0 || n >= sizeof(trimmed)) {
		return false;
	}
	memcpy(trimmed, text, n);
	trimmed[n] = '\0';
	long opt = item_option_index(it, trimmed);
	for (size_t k = 0; opt < 0 && k < it->n_options; k++) {
		if (same_id_any_case(it->options[k].id, trimmed)) {
			opt = (long)k;
		}
	}
	if (opt < 0 && whole_number(trimmed, 1, (long)it->n_options, &v)) {
		opt = v - 1;
	}
	/* the sheet's letter: A for the first option */
	if (opt < 0 && n == 1 && ((trimmed[0] | 0x20) >= 'a') && ((trimmed[0] | 0x20) <= 'z') &&
		(size_t)((trimmed[0] | 0x20) - 'a') < it->n_options) {
		opt = (trimmed[0] | 0x20) - 'a';
	}
	if (opt < 0) {
		return false;
	}
	*value = (int)opt;
	return true;
}

bool
answers_sheet_value_parse(const struct questionnaire *q, const struct item *it,
	const char *text, int *value)
{
	while (*text == ' ' || *text == '\t') {
		text++;
	}
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t')) {
		n--;
	}
	char c = (char)(text[0] | 0x20);
	if (it->kind == ITEM_SCENARIO && n == 1 && c >= 'a' && c <= 'z' &&
		(size_t)(c - 'a') < it->n_options) {
		*value = c - 'a';
		return true;
	}
	return answers_value_parse(q, it, text, value);
}

/* True when the options' ids are the letters a, b, c... in order. */
static bool
ids_are_letters(const struct item *it)
{
	for (size_t k = 0; k < it->n_options; k++) {
		if (it->options[k].id[0] != (char)('a' + k) || it->options[k].id[1] != '\0') {
			return false;
		}
	}
	return true;
}

void
answers_expected(const struct questionnaire *q, const struct item *it, char *buf,
	size_t size)
{
	if (it->kind == ITEM_LIKERT) {
		const struct scale *s = &q->scales[it->scale];
		snprintf(buf, size, "a whole number from %d to %d", s->min, s->max);
		return;
	}
	char last = (char)('A' + (it->n_options > 26 ? 25 : it->n_options - 1));
	if (ids_are_letters(it)) {
		snprintf(buf, size, "a letter from A to %c (or %c to %c) or a number from 1 to %zu",
			last, 'a', last | 0x20, it->n_options);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t k = 0; k < it->n_options; k++) {
		strbuf_printf(&sb, "%s\"%s\"", k ? ", " : "", it->options[k].id);
	}
	snprintf(buf, size, "one of the option ids %s (in any case), a letter from A to %c or a number from 1 to %zu",
		sb.data ? sb.data : "", last, it->n_options);
	strbuf_finish(&sb);
}

/* 1 to 64 of A-Z a-z 0-9 _ . - (an id, as the answers schema has it) */
static bool
id_like(const char *s)
{
	size_t n = 0;
	for (; s[n] != '\0'; n++) {
		char c = s[n];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == '_' || c == '.' || c == '-')) {
			return false;
		}
	}
	return n >= 1 && n <= 64;
}

/* Checks one member of an "answers" object and stores it in a. doc may be
 * NULL (values from the journal), then messages carry no position. A
 * problem goes to pr; false then. */
static bool
take_answer(const struct questionnaire *q, const struct json_doc *doc,
	const cJSON *m, struct answers *a, struct problems *pr)
{
	char where[256];
	long idx = questionnaire_item_index(q, m->string);
	if (idx < 0) {
		answer_where(doc, m, where);
		return problems_add(pr,
			"%sunknown item \"%s\" (questionnaire \"%s\" has no such item)",
			where, m->string, q->id);
	}
	const struct item *it = &q->items[idx];
	if (cJSON_IsNull(m)) {
		a->values[idx] = ANSWER_SKIPPED; /* null: explicitly skipped */
		return true;
	}
	int value = 0;
	bool good;
	if (it->kind == ITEM_LIKERT) {
		const struct scale *s = &q->scales[it->scale];
		double v = m->valuedouble;
		good = cJSON_IsNumber(m) && v == floor(v) && v >= s->min && v <= s->max;
		value = good ? (int)v : 0;
	} else if (cJSON_IsNumber(m)) {
		/* a situation's position 1..n */
		double v = m->valuedouble;
		good = v == floor(v) && v >= 1 && v <= (double)it->n_options;
		value = good ? (int)v - 1 : 0;
	} else {
		/* written as an id is (the schema's form), then read */
		good = cJSON_IsString(m) && id_like(m->valuestring) &&
			answers_value_parse(q, it, m->valuestring, &value);
	}
	if (!good) {
		char expected[512];
		answers_expected(q, it, expected, sizeof(expected));
		char *shown = cJSON_PrintUnformatted(m);
		answer_where(doc, m, where);
		if (it->kind == ITEM_LIKERT) {
			problems_add(pr,
				"%simpossible answer %s to item \"%s\" (expected %s on the \"%s\" scale, or null to skip)",
				where, shown ? shown : "?", it->id, expected, q->scales[it->scale].id);
		} else {
			problems_add(pr,
				"%simpossible answer %s to scenario item \"%s\" (expected %s, or null to skip)",
				where, shown ? shown : "?", it->id, expected);
		}
		cJSON_free(shown);
		return false;
	}
	a->values[idx] = value;
	return true;
}

static bool
take_values(const struct questionnaire *q, const struct json_doc *doc,
	const cJSON *obj, struct answers *a, struct problems *pr)
{
	size_t before = problems_count(pr);
	for (const cJSON *m = obj->child; m != NULL; m = m->next) {
		bool twice = false;
		for (const cJSON *d = obj->child; d != m && !twice; d = d->next) {
			twice = strcmp(d->string, m->string) == 0;
		}
		if (twice) {
			char where[256];
			answer_where(doc, m, where);
			problems_add(pr, "%sitem \"%s\" is answered twice", where, m->string);
			continue;
		}
		take_answer(q, doc, m, a, pr);
	}
	return problems_count(pr) == before;
}

/* The end of a reading that stops at the first problem: unless ok, that
 * problem into err, saying how many more there are. Finishes pr. */
static void
first_problem(struct problems *pr, bool ok, struct ladder_error *err)
{
	size_t n = problems_count(pr);
	if (!ok && pr->n == 0) {
		error_set(err, LADDER_FAIL, "out of memory");
	} else if (!ok && n > 1) {
		error_set(err, LADDER_FAIL, "%s (and %zu more problem%s)", pr->msgs[0],
			n - 1, n > 2 ? "s" : "");
	} else if (!ok) {
		error_set(err, LADDER_FAIL, "%s", pr->msgs[0]);
	}
	problems_finish(pr);
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
	struct problems pr;
	problems_init(&pr);
	bool ok = take_values(q, NULL, obj, a, &pr);
	first_problem(&pr, ok, err);
	return ok;
}

struct answers *
answers_parse_all(const struct questionnaire *q, const char *name,
	const char *text, size_t len, struct problems *pr)
{
	struct ladder_error e;
	struct ladder_error *err = &e;
	error_clear(&e);
	static const char *const keys[] = {"format", "format_version",
		"questionnaire", "questionnaire_version", "set", "answers", "note", NULL};
	struct json_doc doc;
	struct answers *a = NULL;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		problems_add(pr, "%s", e.msg);
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
	if (!take_values(q, &doc, values, a, pr)) {
		goto fail_listed;
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
	problems_add(pr, "%s", e.msg);
fail_listed:
	answers_destroy(a);
	json_doc_finish(&doc);
	return NULL;
}

struct answers *
answers_parse(const struct questionnaire *q, const char *name,
	const char *text, size_t len, struct ladder_error *err)
{
	struct problems pr;
	problems_init(&pr);
	struct answers *a = answers_parse_all(q, name, text, len, &pr);
	first_problem(&pr, a != NULL, err);
	return a;
}

struct answers *
answers_load_all(const struct questionnaire *q, const char *path,
	struct problems *pr)
{
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	error_clear(&err);
	if (!file_read(path, ANSWERS_MAX_BYTES, &text, &len, &err)) {
		problems_add(pr, "%s", err.msg);
		return NULL;
	}
	struct answers *a = answers_parse_all(q, path, text, len, pr);
	free(text);
	return a;
}

struct answers *
answers_load(const struct questionnaire *q, const char *path,
	struct ladder_error *err)
{
	struct problems pr;
	problems_init(&pr);
	struct answers *a = answers_load_all(q, path, &pr);
	first_problem(&pr, a != NULL, err);
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
