/* Deck files (ladder-present(1), DECK FILES): anything is refused with a message or
 * reads; what reads is either refused by the questionnaires with a message
 * or resolved; a resolved deck written out (present --print-deck) reads
 * and resolves again to the same text. */
#include "fuzz.h"

#include <string.h>

#include "config.h"
#include "ladder/deck.h"
#include "ladder/json.h"
#include "ladder/questionnaire.h"

#define N_QS 3
static struct questionnaire *qs[N_QS];

static void
load_questionnaires(void)
{
	static const char *const paths[] = {
		LADDER_SOURCE_DATADIR "/questionnaires/cultural.json",
		LADDER_SOURCE_DATADIR "/questionnaires/social-media.json",
		FUZZ_TESTDATA "/sets/q-sets.json",
	};
	fuzz_load_questionnaires(paths, qs, N_QS);
}

static char *
written(const struct deck *d)
{
	cJSON *j = deck_to_json(d);
	FUZZ_CHECK(j != NULL);
	char *text = json_print(j);
	FUZZ_CHECK(text != NULL);
	cJSON_Delete(j);
	return text;
}

int
fuzz_deck(const uint8_t *data, size_t size)
{
	load_questionnaires();
	const struct questionnaire *const *all = (const struct questionnaire *const *)qs;
	struct ladder_error err = {0};
	struct deck *d = deck_parse("fuzz.json", (const char *)data, size, &err);
	if (d == NULL) {
		FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(d->n >= 1 && d->n <= DECK_MAX_SLIDES);
	size_t before = d->n;
	if (!deck_resolve(d, all, N_QS, &err)) {
		FUZZ_CHECK(err.msg[0] != '\0' && d->n == before);
		deck_destroy(d);
		return 0;
	}
	FUZZ_CHECK(d->n >= 1 && d->n <= DECK_MAX_SLIDES);
	for (size_t i = 0; i < d->n; i++) {
		const struct deck_slide *s = &d->slides[i];
		if (s->kind == DECK_SITUATION) {
			FUZZ_CHECK(s->q < N_QS && s->index < qs[s->q]->n_items &&
				qs[s->q]->items[s->index].kind == ITEM_SCENARIO);
		}
		if (s->kind == DECK_PROMPT && s->text == NULL) {
			FUZZ_CHECK(s->q < N_QS && s->index < qs[s->q]->n_prompts);
		}
	}
	char *text = written(d);
	struct deck *again = deck_parse("written.json", text, strlen(text), &err);
	if (again == NULL) {
		fprintf(stderr, "the written deck does not read: %s\n", err.msg);
	}
	FUZZ_CHECK(again != NULL);
	FUZZ_CHECK(deck_resolve(again, all, N_QS, &err));
	char *text2 = written(again);
	FUZZ_CHECK(strcmp(text, text2) == 0);
	free(text);
	free(text2);
	deck_destroy(again);
	deck_destroy(d);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_deck(data, size);
}
#endif
