/* Answers files (ladder-answers, what `score` and `assess --answers` read),
 * against the built-in questionnaires and the tests' tiny one: anything is
 * refused with a message or gives answers that score, and whose "answers"
 * object reads back to the same values. The text is read as cJSON reads
 * it (fuzz_json.h). */
#include "fuzz.h"
#include "fuzz_json.h"

#include <string.h>

#include "config.h"
#include "ladder/answers.h"
#include "ladder/questionnaire.h"
#include "ladder/score.h"

#ifndef FUZZ_TESTDATA
#error "FUZZ_TESTDATA must name tests/data"
#endif

#define N_QS 4
static struct questionnaire *qs[N_QS];

static void
load_questionnaires(void)
{
	static const char *const paths[] = {
		LADDER_SOURCE_DATADIR "/questionnaires/cultural.json",
		LADDER_SOURCE_DATADIR "/questionnaires/social-media.json",
		FUZZ_TESTDATA "/questionnaires/tiny.json",
		FUZZ_TESTDATA "/sets/q-sets.json",
	};
	fuzz_load_questionnaires(paths, qs, N_QS);
}

static void
check(const struct questionnaire *q, const struct answers *a)
{
	FUZZ_CHECK(a->n == q->n_items);
	struct result *r = score_compute(q, a);
	FUZZ_CHECK(r != NULL);
	/* answers to another set than the one asked are refused */
	FUZZ_CHECK(r->answered == answers_count(a) &&
		r->total == questionnaire_items_asked(q, a->set));
	FUZZ_CHECK(a->set >= (q->n_sets > 0 ? 1 : 0) && a->set <= q->n_sets);
	cJSON *rj = result_to_json(r);
	FUZZ_CHECK(rj != NULL);
	cJSON_Delete(rj);
	result_destroy(r);

	cJSON *vals = answers_values_to_json(q, a);
	FUZZ_CHECK(vals != NULL);
	struct answers *back = answers_create(q);
	struct ladder_error err = {0};
	FUZZ_CHECK(back != NULL && answers_values_from_json(q, vals, back, &err));
	FUZZ_CHECK(memcmp(back->values, a->values, a->n * sizeof(int)) == 0);
	answers_destroy(back);
	cJSON_Delete(vals);
}

int
fuzz_answers(const uint8_t *data, size_t size)
{
	load_questionnaires();
	fuzz_json_same_as_cjson(data, size);
	for (size_t i = 0; i < N_QS; i++) {
		struct ladder_error err = {0};
		struct answers *a = answers_parse(qs[i], "fuzz.json",
			(const char *)data, size, &err);
		if (a == NULL) {
			FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
			continue;
		}
		check(qs[i], a);
		answers_destroy(a);
	}
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_answers(data, size);
}
#endif
