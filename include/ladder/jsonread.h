#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/error.h"
#include "ladder/json.h"

/* Checked access to members of a parsed document. Each function sets a
 * "file:line:col: ..." error (through json_doc_fail) and returns false when
 * the member is missing (and required) or of the wrong type. `what` names
 * the object in messages, e.g. "item 'c01'". */

/* Refuses members not in the NULL-terminated list, and duplicate members. */
bool jr_keys(const struct json_doc *doc, const cJSON *obj, const char *what,
	const char *const *allowed, struct ladder_error *err);
bool jr_object(const struct json_doc *doc, const cJSON *node, const char *what,
	struct ladder_error *err);
/* Member access: *out is left untouched when absent and not required. */
bool jr_string(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, const char **out,
	struct ladder_error *err);
bool jr_number(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, double *out, struct ladder_error *err);
bool jr_int(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, int *out, struct ladder_error *err);
bool jr_bool(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, bool *out, struct ladder_error *err);
/* type is cJSON_Array or cJSON_Object; *out NULL when absent */
bool jr_member(const struct json_doc *doc, const cJSON *obj, const char *key,
	int type, bool required, const char *what, const cJSON **out,
	struct ladder_error *err);
/* The "format"/"format_version" pair every file carries. */
bool jr_format(const struct json_doc *doc, const char *format,
	struct ladder_error *err);
/* True when s is a usable identifier: 1-64 of [A-Za-z0-9_.-]. */
bool jr_valid_id(const char *s);
/* 1 for the bytes an identifier may hold, 0 for the others. */
extern const unsigned char jr_id_byte[256];
