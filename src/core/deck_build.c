/* Decks made for a session's length, and a deck written out as a file
 * (include/ladder/deck.h). */
#include "ladder/deck.h"

#include <stdlib.h>
#include <string.h>

#include "ladder/util.h"

/* Under this many minutes the short deck; from it on the long one. */
#define DECK_LONG_FROM 40

static bool
add(struct deck *d, enum deck_kind kind, const struct questionnaire *const *qs,
	size_t q, size_t index)
{
	if (d->n == DECK_MAX_SLIDES) {
		return true; /* enough */
	}
	struct deck_slide *s = &d->slides[d->n];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->q = q;
	s->index = index;
	if (kind == DECK_WHERE || kind == DECK_SITUATION || kind == DECK_PROMPT) {
		s->questionnaire = str_dup(qs[q]->id);
		if (s->questionnaire == NULL) {
			return false;
		}
	}
	if (kind == DECK_SITUATION) {
		s->item = str_dup(qs[q]->items[index].id);
		if (s->item == NULL) {
			free(s->questionnaire);
			return false;
		}
	}
	if (kind == DECK_PROMPT) {
		s->prompt = (int)index + 1;
	}
	d->n++;
	return true;
}

/* Up to want situations of q's first set (of all its situations when it
 * has no sets), one an area before a second of the same area. */
static bool
add_situations(struct deck *d, const struct questionnaire *const *qs, size_t q,
	size_t want)
{
	const struct questionnaire *qq = qs[q];
	int set = qq->n_sets > 0 ? 1 : 0;
	bool *taken = calloc(qq->n_items ? qq->n_items : 1, sizeof(bool));
	if (taken == NULL) {
		return false;
	}
	size_t got = 0;
	bool ok = true;
	for (size_t round = 0; ok && got < want && round < qq->n_items; round++) {
		size_t before = got;
		for (size_t f = 0; ok && f < qq->n_facets && got < want; f++) {
			size_t seen = 0;
			for (size_t i = 0; i < qq->n_items; i++) {
				const struct item *it = &qq->items[i];
				if (it->kind != ITEM_SCENARIO || it->facet != f ||
					(it->set != set && it->set != 0)) {
					continue;
				}
				if (seen++ == round && !taken[i]) {
					taken[i] = true;
					ok = add(d, DECK_SITUATION, qs, q, i);
					got++;
					break;
				}
			}
		}
		if (got == before) {
			break; /* no more */
		}
	}
	free(taken);
	return ok;
}

struct deck *
deck_build(int minutes, const struct questionnaire *const *qs, size_t n_qs,
	bool room, struct ladder_error *err)
{
	if (minutes < 1 || minutes > DECK_MAX_MINUTES) {
		error_set(err, LADDER_USAGE, "--minutes %d: expected a session of 1 to "
			"%d minutes", minutes, DECK_MAX_MINUTES);
		return NULL;
	}
	struct deck *d = calloc(1, sizeof(*d));
	if (d == NULL || (d->slides = calloc(DECK_MAX_SLIDES, sizeof(*d->slides))) == NULL) {
		free(d);
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	d->minutes = minutes;
	bool lng = minutes >= DECK_LONG_FROM;
	bool ok = add(d, DECK_TITLE, qs, 0, 0) && add(d, DECK_STAGES, qs, 0, 0);
	/* short: two situations in all, shared among the questionnaires, and
	 * the first questionnaire's first prompt; long: three situations and
	 * two prompts of each questionnaire */
	for (size_t q = 0; ok && q < n_qs; q++) {
		size_t want = lng ? 3 : 2 / n_qs + (q < 2 % n_qs ? 1 : 0);
		ok = add(d, DECK_WHERE, qs, q, 0) && add_situations(d, qs, q, want);
		for (size_t k = 0; ok && lng && k < 2 && k < qs[q]->n_prompts; k++) {
			ok = add(d, DECK_PROMPT, qs, q, k);
		}
	}
	for (size_t q = 0; ok && !lng && q < n_qs; q++) {
		if (qs[q]->n_prompts > 0) {
			ok = add(d, DECK_PROMPT, qs, q, 0);
			break;
		}
	}
	ok = ok && (!room || add(d, DECK_ROOM, qs, 0, 0)) && add(d, DECK_SUMMARY, qs, 0, 0);
	if (!ok) {
		deck_destroy(d);
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	return d;
}

cJSON *
deck_to_json(const struct deck *d)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *slides = cJSON_CreateArray();
	bool ok = root != NULL && slides != NULL &&
		cJSON_AddStringToObject(root, "format", "ladder-deck") != NULL &&
		cJSON_AddNumberToObject(root, "format_version", 1) != NULL &&
		(d->title == NULL || cJSON_AddStringToObject(root, "title", d->title)) &&
		(d->minutes == 0 || cJSON_AddNumberToObject(root, "minutes", d->minutes));
	if (ok) {
		cJSON_AddItemToObject(root, "slides", slides);
	} else {
		cJSON_Delete(slides);
	}
	for (size_t i = 0; ok && i < d->n; i++) {
		const struct deck_slide *s = &d->slides[i];
		cJSON *o = cJSON_CreateObject();
		ok = o != NULL && cJSON_AddItemToArray(slides, o) &&
			cJSON_AddStringToObject(o, "kind", deck_kind_name(s->kind)) != NULL;
		if (ok && s->questionnaire != NULL) {
			ok = cJSON_AddStringToObject(o, "questionnaire", s->questionnaire) != NULL;
		}
		if (ok && s->kind == DECK_SITUATION && s->item != NULL) {
			ok = cJSON_AddStringToObject(o, "item", s->item) != NULL;
		}
		if (ok && s->kind == DECK_SITUATION && s->item == NULL) {
			ok = cJSON_AddNumberToObject(o, "set", s->set) != NULL &&
				(s->count == 0 || cJSON_AddNumberToObject(o, "count", s->count));
		}
		if (ok && s->kind == DECK_PROMPT && s->text == NULL) {
			ok = cJSON_AddNumberToObject(o, "prompt", s->prompt) != NULL;
		}
		if (ok && s->text != NULL) {
			ok = cJSON_AddStringToObject(o, "text", s->text) != NULL;
		}
	}
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
