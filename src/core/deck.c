/* Reading a deck file and tying it to questionnaires (include/ladder/deck.h). */
#include "ladder/deck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/filewrite.h"
#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/safetext.h"
#include "ladder/util.h"

#define DECK_MAX_BYTES ((size_t)1 << 20)
#define DECK_TEXT_MAX 1000

static const char *const kind_names[DECK_KIND_COUNT] = {
	[DECK_TITLE] = "title",
	[DECK_STAGES] = "stages",
	[DECK_WHERE] = "where",
	[DECK_SITUATION] = "situation",
	[DECK_PROMPT] = "prompt",
	[DECK_ROOM] = "room",
	[DECK_SUMMARY] = "summary",
};

const char *
deck_kind_name(enum deck_kind k)
{
	return k < DECK_KIND_COUNT ? kind_names[k] : "?";
}

static void
slide_free(struct deck_slide *s)
{
	free(s->questionnaire);
	free(s->item);
	free(s->text);
}

void
deck_destroy(struct deck *d)
{
	if (d == NULL) {
		return;
	}
	for (size_t i = 0; i < d->n; i++) {
		slide_free(&d->slides[i]);
	}
	free(d->slides);
	free(d->name);
	free(d->title);
	free(d);
}

static const cJSON *
member(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

enum take_form {
	TAKE_TEXT, /* printable, one line, not empty, not too long */
	TAKE_ID,   /* an id (jr_valid_id) */
};

/* A string of the file in its form, copied into *out (left alone when an
 * optional one is missing). */
static bool
take_string(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, enum take_form form, const char *what, char **out,
	struct ladder_error *err)
{
	const char *s = NULL;
	if (!jr_string(doc, obj, key, required, what, &s, err)) {
		return false;
	}
	if (s == NULL) {
		return true;
	}
	const cJSON *node = member(obj, key);
	size_t len = strlen(s), at;
	unsigned cp;
	if (form == TAKE_ID) {
		if (!jr_valid_id(s)) {
			return json_doc_fail(doc, node, err, "expected \"%s\" of %s "
				"to be an id (1 to 64 of A-Z a-z 0-9 _ . -)", key, what);
		}
	} else if ((at = safetext_find(s, len, 0, &cp)) != len) {
		return json_doc_fail(doc, node, err, "control character U+%04X at byte "
			"%zu of \"%s\" of %s (expected printable text on one line)", cp,
			at + 1, key, what);
	} else if (len == 0 || len > DECK_TEXT_MAX) {
		return json_doc_fail(doc, node, err, "expected \"%s\" of %s to be "
			"1 to %d bytes of text", key, what, DECK_TEXT_MAX);
	}
	*out = str_dup(s);
	return *out != NULL || error_set(err, LADDER_FAIL, "out of memory");
}

static bool
take_count(const struct json_doc *doc, const cJSON *obj, const char *key,
	int max, const char *what, int *out, struct ladder_error *err)
{
	int v = 0;
	if (!jr_int(doc, obj, key, false, what, &v, err)) {
		return false;
	}
	if (member(obj, key) != NULL && (v < 1 || v > max)) {
		return json_doc_fail(doc, member(obj, key), err,
			"expected \"%s\" of %s to be from 1 to %d", key, what, max);
	}
	*out = member(obj, key) != NULL ? v : 0;
	return true;
}

static bool
parse_slide(const struct json_doc *doc, const cJSON *o, size_t n,
	struct deck_slide *s, struct ladder_error *err)
{
	char what[48];
	snprintf(what, sizeof(what), "slide %zu", n + 1);
	if (!jr_object(doc, o, what, err)) {
		return false;
	}
	const char *kind = NULL;
	if (!jr_string(doc, o, "kind", true, what, &kind, err)) {
		return false;
	}
	int k = 0;
	while (k < DECK_KIND_COUNT && strcmp(kind_names[k], kind) != 0) {
		k++;
	}
	if (k == DECK_KIND_COUNT) {
		return json_doc_fail(doc, member(o, "kind"), err, "unknown kind \"%s\" "
			"of %s (expected title, stages, where, situation, prompt, room or "
			"summary)", kind, what);
	}
	s->kind = (enum deck_kind)k;
	json_doc_where(doc, o, false, &s->line, &s->col);
	static const char *const k_plain[] = {"kind", NULL};
	static const char *const k_title[] = {"kind", "text", NULL};
	static const char *const k_where[] = {"kind", "questionnaire", NULL};
	static const char *const k_sit[] = {"kind", "questionnaire", "item", "set",
		"count", NULL};
	static const char *const k_prompt[] = {"kind", "text", "questionnaire",
		"prompt", NULL};
	const char *const *allowed = s->kind == DECK_TITLE ? k_title :
		s->kind == DECK_WHERE ? k_where : s->kind == DECK_SITUATION ? k_sit :
		s->kind == DECK_PROMPT ? k_prompt : k_plain;
	if (!jr_keys(doc, o, what, allowed, err)) {
		return false;
	}
	switch (s->kind) {
	case DECK_TITLE:
		return take_string(doc, o, "text", false, TAKE_TEXT, what, &s->text, err);
	case DECK_WHERE:
		return take_string(doc, o, "questionnaire", true, TAKE_ID, what,
			&s->questionnaire, err);
	case DECK_SITUATION:
		if (!take_string(doc, o, "questionnaire", true, TAKE_ID, what,
				&s->questionnaire, err) ||
			!take_string(doc, o, "item", false, TAKE_ID, what, &s->item, err) ||
			!take_count(doc, o, "set", 9, what, &s->set, err) ||
			!take_count(doc, o, "count", DECK_MAX_SLIDES, what, &s->count, err)) {
			return false;
		}
		if ((s->item == NULL) == (s->set == 0)) {
			return json_doc_fail(doc, o, err, "%s names %s (expected either "
				"\"item\": a situation's id, or \"set\": a set's number)",
				what, s->item != NULL ? "both an item and a set" : "no situation");
		}
		if (s->count > 0 && s->set == 0) {
			return json_doc_fail(doc, member(o, "count"), err,
				"\"count\" of %s goes with \"set\" (expected no count "
				"beside \"item\")", what);
		}
		return true;
	case DECK_PROMPT:
		if (!take_string(doc, o, "text", false, TAKE_TEXT, what, &s->text, err) ||
			!take_string(doc, o, "questionnaire", false, TAKE_ID, what,
				&s->questionnaire, err) ||
			!take_count(doc, o, "prompt", 1000, what, &s->prompt, err)) {
			return false;
		}
		if (s->text != NULL && (s->questionnaire != NULL || s->prompt != 0)) {
			return json_doc_fail(doc, o, err, "%s has its own \"text\" and a "
				"questionnaire's prompt (expected one of them)", what);
		}
		if (s->text == NULL && (s->questionnaire == NULL || s->prompt == 0)) {
			return json_doc_fail(doc, o, err, "%s has no prompt (expected "
				"\"text\", or \"questionnaire\" and \"prompt\": its number)", what);
		}
		return true;
	default:
		return true;
	}
}

struct deck *
deck_parse(const char *name, const char *text, size_t len, struct ladder_error *err)
{
	struct json_doc doc;
	struct deck *d = NULL;
	const cJSON *slides = NULL;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return NULL;
	}
	static const char *const top[] = {"format", "format_version", "title",
		"minutes", "slides", NULL};
	if (!jr_format(&doc, "ladder-deck", err) ||
		!jr_keys(&doc, doc.root, "the deck", top, err) ||
		!jr_member(&doc, doc.root, "slides", cJSON_Array, true, "the deck",
			&slides, err)) {
		goto fail;
	}
	d = calloc(1, sizeof(*d));
	if (d == NULL || (d->name = str_dup(name)) == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", name);
		goto fail;
	}
	if (!take_string(&doc, doc.root, "title", false, TAKE_TEXT, "the deck", &d->title, err) ||
		!take_count(&doc, doc.root, "minutes", DECK_MAX_MINUTES, "the deck",
			&d->minutes, err)) {
		goto fail;
	}
	size_t n = (size_t)cJSON_GetArraySize(slides);
	if (n == 0 || n > DECK_MAX_SLIDES) {
		json_doc_fail(&doc, slides, err, "expected 1 to %d slides in \"slides\" "
			"(found %zu)", DECK_MAX_SLIDES, n);
		goto fail;
	}
	d->slides = calloc(n, sizeof(*d->slides));
	if (d->slides == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", name);
		goto fail;
	}
	const cJSON *o;
	cJSON_ArrayForEach(o, slides) {
		if (!parse_slide(&doc, o, d->n, &d->slides[d->n], err)) {
			d->n++; /* its strings are freed with the deck */
			goto fail;
		}
		d->n++;
	}
	json_doc_finish(&doc);
	return d;
fail:
	deck_destroy(d);
	json_doc_finish(&doc);
	return NULL;
}

struct deck *
deck_load(const char *path, struct ladder_error *err)
{
	char *text = NULL;
	size_t len = 0;
	if (!file_read(path, DECK_MAX_BYTES, &text, &len, err)) {
		return NULL;
	}
	struct deck *d = deck_parse(path, text, len, err);
	free(text);
	return d;
}

size_t
deck_questionnaires(const struct deck *d, const char **ids)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++) {
		const char *id = d->slides[i].questionnaire;
		bool seen = id == NULL;
		for (size_t k = 0; !seen && k < n; k++) {
			seen = strcmp(ids[k], id) == 0;
		}
		if (!seen) {
			ids[n++] = id;
		}
	}
	return n;
}

/* ---- resolving ------------------------------------------------------ */

static bool
fail_at(const struct deck *d, const struct deck_slide *s, size_t i,
	struct ladder_error *err, const char *msg, const char *a, const char *b)
{
	if (s->line > 0) {
		return error_set(err, LADDER_FAIL, "%s:%d:%d: slide %zu: %s%s%s",
			d->name ? d->name : "deck", s->line, s->col, i + 1, msg, a, b ? b : "");
	}
	return error_set(err, LADDER_FAIL, "%s: slide %zu: %s%s%s",
		d->name ? d->name : "deck", i + 1, msg, a, b ? b : "");
}

static bool
push(struct deck_slide **out, size_t *n, size_t *cap, const struct deck_slide *s)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct deck_slide *ns = realloc(*out, nc * sizeof(*ns));
		if (ns == NULL) {
			return false;
		}
		*out = ns;
		*cap = nc;
	}
	struct deck_slide c = *s;
	c.questionnaire = s->questionnaire ? str_dup(s->questionnaire) : NULL;
	c.item = s->item ? str_dup(s->item) : NULL;
	c.text = s->text ? str_dup(s->text) : NULL;
	if ((s->questionnaire && !c.questionnaire) || (s->item && !c.item) ||
		(s->text && !c.text)) {
		slide_free(&c);
		return false;
	}
	(*out)[(*n)++] = c;
	return true;
}

/* One slide resolved into out (a set's situations: several). */
static bool
resolve_one(const struct deck *d, size_t i, const struct questionnaire *const *qs,
	size_t n_qs, struct deck_slide **out, size_t *n, size_t *cap,
	struct ladder_error *err)
{
	struct deck_slide s = d->slides[i];
	if (s.questionnaire != NULL) {
		size_t k = 0;
		while (k < n_qs && strcmp(qs[k]->id, s.questionnaire) != 0) {
			k++;
		}
		if (k == n_qs) {
			return fail_at(d, &s, i, err, "unknown questionnaire \"",
				s.questionnaire, "\" (expected one of 'ladder list')");
		}
		s.q = k;
	}
	const struct questionnaire *q = s.questionnaire ? qs[s.q] : NULL;
	bool ok = true;
	if (s.kind == DECK_SITUATION && s.item != NULL) {
		long it = questionnaire_item_index(q, s.item);
		if (it < 0 || q->items[it].kind != ITEM_SCENARIO) {
			return fail_at(d, &s, i, err, it < 0 ? "no item \"" :
				"not a situation: \"", s.item, "\" (expected the id of a "
				"situation of the questionnaire)");
		}
		s.index = (size_t)it;
		ok = push(out, n, cap, &s);
	} else if (s.kind == DECK_SITUATION) {
		if (s.set > q->n_sets) {
			char num[16];
			snprintf(num, sizeof(num), "%d", s.set);
			return fail_at(d, &s, i, err, "no such set: ", num, q->n_sets ?
				" (expected a set of the questionnaire)" :
				" (the questionnaire has no sets; name situations by \"item\")");
		}
		int taken = 0;
		struct deck_slide one = s;
		one.set = 0;
		one.count = 0;
		for (size_t it = 0; ok && it < q->n_items; it++) {
			if (q->items[it].kind != ITEM_SCENARIO || q->items[it].set != s.set ||
				(s.count > 0 && taken == s.count)) {
				continue;
			}
			one.item = q->items[it].id;
			one.index = it;
			ok = push(out, n, cap, &one);
			taken++;
		}
		if (ok && taken == 0) {
			return fail_at(d, &s, i, err, "the set has no situations", "", NULL);
		}
	} else if (s.kind == DECK_PROMPT && s.text == NULL) {
		if ((size_t)s.prompt > q->n_prompts) {
			return fail_at(d, &s, i, err, "no such prompt in \"", s.questionnaire,
				q->n_prompts ? "\" (expected a number from 1 to its number of "
				"prompts)" : "\" (it has no prompts)");
		}
		s.index = (size_t)s.prompt - 1;
		ok = push(out, n, cap, &s);
	} else {
		ok = push(out, n, cap, &s);
	}
	if (ok && *n > DECK_MAX_SLIDES) {
		return fail_at(d, &s, i, err, "too many slides with the sets' "
			"situations (expected at most 200)", "", NULL);
	}
	return ok || error_set(err, LADDER_FAIL, "out of memory");
}

bool
deck_resolve(struct deck *d, const struct questionnaire *const *qs, size_t n_qs,
	struct ladder_error *err)
{
	struct deck_slide *out = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (!resolve_one(d, i, qs, n_qs, &out, &n, &cap, err)) {
			for (size_t k = 0; k < n; k++) {
				slide_free(&out[k]);
			}
			free(out);
			return false;
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		slide_free(&d->slides[i]);
	}
	free(d->slides);
	d->slides = out;
	d->n = n;
	return true;
}
