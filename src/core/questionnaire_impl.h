#pragma once
/* What the parts of the questionnaire reader share (questionnaire.c and
 * questionnaire_text.c). Not API. */
#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "ladder/error.h"
#include "ladder/json.h"
#include "ladder/questionnaire.h"

struct ctx {
	const struct json_doc *doc;
	struct ladder_error *err;
	struct questionnaire *q;
};

void q_free_strings(char **v, size_t n);
bool q_oom(struct ctx *c);
/* Copies a string member into *dst (default def when absent). */
bool q_take_string(struct ctx *c, const cJSON *obj, const char *key, bool required,
	bool nonempty, const char *what, const char *def, char **dst);
bool q_take_id(struct ctx *c, const cJSON *obj, const char *what, char **dst);
bool q_take_string_array(struct ctx *c, const cJSON *arr, const char *what,
	char ***out, size_t *n);

/* Refuses control characters in s, a string of node (a title or a label is
 * one line; texts that may wrap may hold newlines); name NULL: node's own
 * member name, quoted. */
bool q_plain_text(struct ctx *c, const cJSON *node, const char *s, bool may_wrap,
	const char *name, const char *what);
/* "KIND "ID"" or "KIND N", then " of OWNER" when owner is given. */
void q_what_join(char *buf, size_t size, const char *kind, const char *id, size_t n,
	const char *owner);

/* questionnaire_text.c: the facets (with their own stage texts) and the
 * questionnaire's stage texts */
bool q_load_facets(struct ctx *c, const cJSON *root);
bool q_load_stages(struct ctx *c, const cJSON *root);
void q_stage_texts_free(struct stage_text *st);
