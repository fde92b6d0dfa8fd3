/* CSV files of answers (what `score --answers FILE.csv` reads), against the
 * built-in questionnaires and the tests' ones: anything is refused with
 * messages, or gives rows each of which is either refused with a message
 * or complete answers that score. */
#include "fuzz.h"

#include "config.h"
#include "ladder/answers_csv.h"
#include "ladder/score.h"

#ifndef FUZZ_TESTDATA
#error "FUZZ_TESTDATA must name tests/data"
#endif

#define N_QS 3
static struct questionnaire *qs[N_QS];

static void
load_questionnaires(void)
{
	static const char *const paths[] = {
		LADDER_SOURCE_DATADIR "/questionnaires/cultural.json",
		FUZZ_TESTDATA "/questionnaires/tiny.json",
		FUZZ_TESTDATA "/sets/q-sets.json",
	};
	fuzz_load_questionnaires(paths, qs, N_QS);
}

int
fuzz_answers_csv(const uint8_t *data, size_t size)
{
	load_questionnaires();
	for (size_t i = 0; i < N_QS; i++) {
		for (int set = 0; set <= qs[i]->n_sets && set <= 1; set++) {
			struct answers_table t;
			struct problems pr;
			problems_init(&pr);
			bool ok = answers_csv_parse(qs[i], "fuzz.csv", (const char *)data, size,
				set, &t, &pr);
			FUZZ_CHECK(ok || (t.n == 0 && problems_count(&pr) > 0));
			size_t bad = 0;
			for (size_t r = 0; r < t.n; r++) {
				const struct answers *a = t.rows[r].answers;
				FUZZ_CHECK(t.rows[r].row >= 2 && t.rows[r].line >= 2);
				if (a == NULL) {
					bad++;
					continue;
				}
				FUZZ_CHECK(a->n == qs[i]->n_items);
				FUZZ_CHECK(set == 0 || a->set == set);
				struct result *res = score_compute(qs[i], a);
				FUZZ_CHECK(res != NULL && res->answered == answers_count(a));
				result_destroy(res);
			}
			FUZZ_CHECK(bad == t.n_bad);
			FUZZ_CHECK(bad == 0 || problems_count(&pr) >= bad);
			for (size_t k = 0; k < pr.n; k++) {
				FUZZ_CHECK(pr.msgs[k][0] != '\0');
			}
			answers_table_finish(&t);
			problems_finish(&pr);
		}
	}
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_answers_csv(data, size);
}
#endif
