/* The deck of `ladder present`: read from --deck FILE and tied to the
 * questionnaires at hand, or built for --minutes; and decks in `ladder
 * validate`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ladder/deck.h"
#include "ladder/util.h"

/* Keeps the questionnaires the deck names, in order of first use, and
 * points its slides at them. */
static bool
keep_used(struct deck *d, const struct questionnaire *const *all, size_t n_all,
	const struct questionnaire **qs, size_t *n_qs)
{
	size_t *map = malloc((n_all ? n_all : 1) * sizeof(*map));
	if (map == NULL) {
		return false;
	}
	for (size_t i = 0; i < n_all; i++) {
		map[i] = (size_t)-1;
	}
	*n_qs = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct deck_slide *s = &d->slides[i];
		if (s->questionnaire == NULL) {
			continue;
		}
		if (map[s->q] == (size_t)-1) {
			map[s->q] = *n_qs;
			qs[(*n_qs)++] = all[s->q];
		}
		s->q = map[s->q];
	}
	free(map);
	return true;
}

int
cli_present_deck(const struct catalog *cat, const char *path, int minutes,
	bool room, const struct questionnaire **qs, size_t *n_qs, struct deck **out)
{
	struct ladder_error err;
	error_clear(&err);
	*out = NULL;
	if (path == NULL) {
		*out = deck_build(minutes > 0 ? minutes : 20, qs, *n_qs, room, &err);
		if (*out == NULL) {
			cli_error("%s", cli_safe(err.msg));
			return err.status == LADDER_USAGE ? LADDER_USAGE : LADDER_FAIL;
		}
		return LADDER_OK;
	}
	struct deck *d = deck_load(path, &err);
	if (d == NULL || !deck_resolve(d, (const struct questionnaire *const *)cat->items,
			cat->n, &err)) {
		fprintf(stderr, "%s\n", cli_safe(err.msg));
		deck_destroy(d);
		return LADDER_FAIL;
	}
	if (!keep_used(d, (const struct questionnaire *const *)cat->items, cat->n, qs, n_qs)) {
		cli_error("out of memory");
		deck_destroy(d);
		return LADDER_FAIL;
	}
	*out = d;
	return LADDER_OK;
}

bool
cli_is_deck(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	if (!file_read(path, (size_t)1 << 20, &text, &len, NULL)) {
		return false;
	}
	cJSON *root = cJSON_ParseWithLength(text, len);
	free(text);
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(root, "format");
	bool deck = cJSON_IsString(f) && strcmp(f->valuestring, "ladder-deck") == 0;
	cJSON_Delete(root);
	return deck;
}

bool
cli_validate_deck(const struct catalog *cat, const char *path)
{
	struct ladder_error err;
	error_clear(&err);
	struct deck *d = deck_load(path, &err);
	if (d == NULL || (cat != NULL && !deck_resolve(d,
			(const struct questionnaire *const *)cat->items, cat->n, &err))) {
		fprintf(stderr, "%s\n", cli_safe(err.msg));
		deck_destroy(d);
		return false;
	}
	if (d->minutes > 0) {
		printf("%s: ok (deck: %zu slides, %d minutes)\n", cli_safe(path), d->n,
			d->minutes);
	} else {
		printf("%s: ok (deck: %zu slides)\n", cli_safe(path), d->n);
	}
	deck_destroy(d);
	return true;
}
