#pragma once
#include <stddef.h>
#include "ladder/questionnaire.h"

/* The built-in questionnaires as the build parsed them (written by
 * tools/questionnaire_built.c from data/questionnaires and data/editions):
 * each file's exact bytes and its parse. */
struct questionnaire_built {
	const unsigned char *text;
	size_t len;
	const struct questionnaire *q;
};

extern const struct questionnaire_built questionnaire_built[];
extern const size_t questionnaire_n_built;
