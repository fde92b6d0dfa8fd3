/* The questionnaires a fuzz target checks its input against, loaded once
 * (fuzz.h). */
#include "fuzz.h"

#include "ladder/questionnaire.h"

void
fuzz_load_questionnaires(const char *const paths[], struct questionnaire *qs[], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ladder_error err = {0};
		if (qs[i] == NULL && (qs[i] = questionnaire_load(paths[i], &err)) == NULL) {
			fprintf(stderr, "%s\n", err.msg);
			abort();
		}
	}
}
