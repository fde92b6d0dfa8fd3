/* Questionnaire files (ladder-questionnaire(5)): anything is refused with a
 * message or loads; what loads can be normalised (show --json), and the
 * normalised text loads again to the same text; it can be scored and
 * printed on paper. */
#include "fuzz.h"

#include <string.h>

#include "ladder/answers.h"
#include "ladder/json.h"
#include "ladder/paper.h"
#include "ladder/report.h"
#include "ladder/questionnaire.h"
#include "ladder/score.h"

static char *
normalised(const struct questionnaire *q)
{
	cJSON *j = questionnaire_to_json(q);
	FUZZ_CHECK(j != NULL);
	char *text = json_print(j);
	FUZZ_CHECK(text != NULL);
	cJSON_Delete(j);
	return text;
}

/* Scores a on q and explains the result (every sentence is built). */
static void
score_explain(const struct questionnaire *q, const struct answers *a)
{
	struct result *r = score_compute(q, a);
	FUZZ_CHECK(r != NULL);
	cJSON *rj = result_to_json(r);
	FUZZ_CHECK(rj != NULL);
	cJSON *values = answers_values_to_json(q, a);
	FUZZ_CHECK(values != NULL);
	struct report_input in = {.q = q, .result = rj, .answers = values};
	struct report rep;
	FUZZ_CHECK(report_result(&rep, &in));
	report_finish(&rep);
	cJSON_Delete(values);
	cJSON_Delete(rj);
	result_destroy(r);
}

static void
score_some(const struct questionnaire *q, int set)
{
	struct answers *a = answers_create(q);
	FUZZ_CHECK(a != NULL);
	a->set = set;
	for (int round = 0; round < 2; round++) {
		score_explain(q, a);
		/* second round: every item answered, cycling through values */
		for (size_t i = 0; i < q->n_items; i++) {
			const struct item *it = &q->items[i];
			if (it->kind == ITEM_LIKERT) {
				const struct scale *s = &q->scales[it->scale];
				a->values[i] = s->min + (int)(i % (size_t)(s->max - s->min + 1));
			} else {
				a->values[i] = (int)(i % it->n_options);
			}
		}
	}
	answers_destroy(a);
}

int
fuzz_questionnaire(const uint8_t *data, size_t size)
{
	struct ladder_error err = {0};
	struct questionnaire *q =
		questionnaire_parse("fuzz.json", (const char *)data, size, &err);
	if (q == NULL) {
		FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
		return 0;
	}
	char *text = normalised(q);
	struct questionnaire *again =
		questionnaire_parse("normalised.json", text, strlen(text), &err);
	if (again == NULL) {
		fprintf(stderr, "the normalised form does not load: %s\n", err.msg);
	}
	FUZZ_CHECK(again != NULL);
	char *text2 = normalised(again);
	FUZZ_CHECK(strcmp(text, text2) == 0);
	for (int set = q->n_sets > 0 ? 1 : 0; set <= q->n_sets; set++) {
		score_some(q, set);
		struct paper_opts po = {.set = set, .width = 72, .page_lines = 20,
			.reflection = set == 1};
		char *paper = paper_render(q, &po);
		FUZZ_CHECK(paper != NULL);
		free(paper);
	}
	free(text2);
	free(text);
	questionnaire_destroy(again);
	questionnaire_destroy(q);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_questionnaire(data, size);
}
#endif
