/* Taking the members of a questionnaire: strings (refusing control
 * characters), ids and string arrays, and the names of things in
 * messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/jsonread.h"
#include "ladder/safetext.h"
#include "ladder/util.h"
#include "questionnaire_impl.h"

/* Refuses control characters in a string of the file: a title or a label is
 * one line; the texts that may wrap may hold newlines. */
bool
q_plain_text(struct ctx *c, const cJSON *node, const char *s, bool may_wrap,
	const char *name, const char *what)
{
	unsigned cp;
	size_t len = strlen(s);
	size_t at = safetext_find(s, len, may_wrap ? SAFETEXT_NEWLINE : 0, &cp);
	if (at == len) {
		return true;
	}
	/* name NULL: the member of node, quoted */
	char quoted[80];
	if (name == NULL) {
		snprintf(quoted, sizeof(quoted), "\"%s\"", node && node->string ? node->string : "");
		name = quoted;
	}
	return json_doc_fail(c->doc, node, c->err,
		"control character U+%04X at byte %zu of %s of %s (expected printable text%s)",
		cp, at + 1, name, what, may_wrap ? "; a newline is the only one allowed here" : " on one line");
}

/* What a message names: kind then "ID" (quoted) or the number n, then "of
 * OWNER" when owner is given; without snprintf, as it is made for every
 * item and option of every questionnaire read at start. */
void
q_what_join(char *buf, size_t size, const char *kind, const char *id, size_t n,
	const char *owner)
{
	char num[24];
	size_t k = sizeof(num) - 1;
	num[k] = '\0';
	do {
		num[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0 && k > 0);
	const char *parts[] = {kind, *kind && kind[strlen(kind) - 1] != ' ' ? " " : "",
		id ? "\"" : "", id ? id : num + k, id ? "\"" : "", owner ? " of " : "",
		owner ? owner : ""};
	size_t at = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		for (const char *p = parts[i]; *p && at + 1 < size; p++) {
			buf[at++] = *p;
		}
	}
	buf[at] = '\0';
}

void
q_free_strings(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i]);
	}
	free(v);
}

bool
q_oom(struct ctx *c)
{
	return error_set(c->err, LADDER_FAIL, "%s: out of memory", c->doc->name);
}

/* Copies a string member into *dst (default def when absent). */
bool
q_take_string(struct ctx *c, const cJSON *obj, const char *key, bool required,
	bool nonempty, const char *what, const char *def, char **dst)
{
	const char *s = def;
	if (!jr_string(c->doc, obj, key, required, what, &s, c->err)) {
		return false;
	}
	if (nonempty && s != NULL && s[0] == '\0') {
		return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(obj, key),
			c->err, "\"%s\" of %s is empty (expected some text)", key, what);
	}
	s = s != NULL ? s : "";
	size_t len = strlen(s);
	bool may_wrap = strcmp(key, "title") != 0 && strcmp(key, "language") != 0;
	unsigned cp;
	/* the member is looked up again only to say where the fault is */
	if (safetext_find(s, len, may_wrap ? SAFETEXT_NEWLINE : 0, &cp) != len &&
		!q_plain_text(c, cJSON_GetObjectItemCaseSensitive(obj, key), s, may_wrap,
			NULL, what)) {
		return false;
	}
	if ((*dst = malloc(len + 1)) == NULL) {
		return q_oom(c);
	}
	memcpy(*dst, s, len + 1);
	return true;
}

bool
q_take_id(struct ctx *c, const cJSON *obj, const char *what, char **dst)
{
	if (!q_take_string(c, obj, "id", true, true, what, NULL, dst)) {
		return false;
	}
	if (!jr_valid_id(*dst)) {
		return json_doc_fail(c->doc, cJSON_GetObjectItemCaseSensitive(obj, "id"),
			c->err,
			"invalid id \"%s\" of %s (expected 1-64 letters, digits, '_', '-' or '.')",
			*dst, what);
	}
	return true;
}

bool
q_take_string_array(struct ctx *c, const cJSON *arr, const char *what,
	char ***out, size_t *n)
{
	size_t count = (size_t)cJSON_GetArraySize(arr);
	*out = calloc(count ? count : 1, sizeof(char *));
	if (*out == NULL) {
		return q_oom(c);
	}
	*n = 0;
	for (const cJSON *e = arr->child; e != NULL; e = e->next) {
		if (!cJSON_IsString(e)) {
			return json_doc_fail(c->doc, e, c->err,
				"expected the entries of %s to be strings", what);
		}
		if (!q_plain_text(c, e, e->valuestring, strcmp(what, "\"labels\"") != 0,
			    "an entry", what)) {
			return false;
		}
		if ((*out)[(*n)++] = str_dup(e->valuestring), (*out)[*n - 1] == NULL) {
			return q_oom(c);
		}
	}
	return true;
}

