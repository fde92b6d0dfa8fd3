#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/error.h"
#include "ladder/problems.h"
#include "ladder/questionnaire.h"

#define ANSWER_SKIPPED (-2147483647 - 1) /* INT_MIN */

/* The answers to one questionnaire, aligned with its items: a Likert answer
 * is the scale value, a scenario answer the option index (0-based). */
struct answers {
	size_t n; /* == questionnaire n_items */
	int *values;
	int set;    /* the set asked (1..n_sets), 0 when the questionnaire has none */
	char *note; /* optional reflection, may be NULL */
};

struct answers *answers_create(const struct questionnaire *q);
void answers_destroy(struct answers *a);
/* Parse a ladder-answers document for q; unknown items, impossible
 * values and answers to two sets are refused by name with NAME:LINE:COL.
 * A situation's answer is its option id in any case, its position 1..n
 * (a number or a string) or its letter on the sheet (A for the first).
 * The _all forms list every problem of the file in pr (up to
 * PROBLEMS_MAX); the others give the first, with how many more. */
struct answers *answers_parse_all(const struct questionnaire *q, const char *name,
	const char *text, size_t len, struct problems *pr);
struct answers *answers_parse(const struct questionnaire *q, const char *name,
	const char *text, size_t len, struct ladder_error *err);
struct answers *answers_load_all(const struct questionnaire *q, const char *path,
	struct problems *pr);
struct answers *answers_load(const struct questionnaire *q, const char *path,
	struct ladder_error *err);
/* An answer to it written as text (a sheet typed in, a CSV cell): a Likert
 * item's scale value; a situation's option id in any case, its number
 * 1..n or its letter A.. on the sheet. Spaces around are ignored. *value
 * as in struct answers. False when it is none of these. */
bool answers_value_parse(const struct questionnaire *q, const struct item *it,
	const char *text, int *value);
/* The same for what is read off a paper sheet (typed in, a CSV cell): a
 * single letter is the sheet's letter of an option (A the first), before
 * any option id. */
bool answers_sheet_value_parse(const struct questionnaire *q, const struct item *it,
	const char *text, int *value);
/* What would do as an answer to it, for messages: "a whole number from 1
 * to 5", "a letter from A to E (or a to e) or a number from 1 to 5". */
void answers_expected(const struct questionnaire *q, const struct item *it,
	char *buf, size_t size);
/* {"c01": 4, "c02": "a"} (skipped items left out) */
cJSON *answers_values_to_json(const struct questionnaire *q,
	const struct answers *a);
/* Reads the "answers" object form back; refuses what answers_parse refuses. */
bool answers_values_from_json(const struct questionnaire *q, const cJSON *obj,
	struct answers *a, struct ladder_error *err);
size_t answers_count(const struct answers *a);
/* The set of the first answered item of a set in an "answers" object of
 * q ({"item": value}), or 0 when none is answered. */
int answers_json_set(const struct questionnaire *q, const cJSON *values);
/* Settles a->set: given (0: not given) must be one of q's sets, and the
 * answered items of a set all of that one set; without given, the set of
 * the answered items, else a->set as it is (answers_create makes it the
 * first). Errors name the items. */
bool answers_settle_set(const struct questionnaire *q, struct answers *a,
	int given, struct ladder_error *err);
