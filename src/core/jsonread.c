#include "ladder/jsonread.h"

#include <math.h>
#include <string.h>

#include "ladder/util.h"

static const cJSON *
member(const cJSON *obj, const char *key)
{
	for (const cJSON *c = obj ? obj->child : NULL; c != NULL; c = c->next) {
		if (c->string != NULL && strcmp(c->string, key) == 0) {
			return c;
		}
	}
	return NULL;
}

bool
jr_keys(const struct json_doc *doc, const cJSON *obj, const char *what,
	const char *const *allowed, struct ladder_error *err)
{
	for (const cJSON *c = obj->child; c != NULL; c = c->next) {
		bool known = false;
		for (size_t i = 0; allowed[i] != NULL; i++) {
			if (strcmp(c->string, allowed[i]) == 0) {
				known = true;
				break;
			}
		}
		int line, col;
		if (!known) {
			json_doc_where(doc, c, true, &line, &col);
			struct strbuf sb;
			strbuf_init(&sb);
			for (size_t i = 0; allowed[i] != NULL; i++) {
				strbuf_printf(&sb, "%s\"%s\"", i ? ", " : "", allowed[i]);
			}
			error_set(err, LADDER_FAIL,
				"%s:%d:%d: unknown member \"%s\" in %s (expected one of %s)",
				doc->name, line, col, c->string, what,
				sb.data ? sb.data : "");
			strbuf_finish(&sb);
			return false;
		}
		for (const cJSON *d = obj->child; d != c; d = d->next) {
			if (strcmp(d->string, c->string) == 0) {
				json_doc_where(doc, c, true, &line, &col);
				return error_set(err, LADDER_FAIL,
					"%s:%d:%d: duplicate member \"%s\" in %s",
					doc->name, line, col, c->string, what);
			}
		}
	}
	return true;
}

bool
jr_object(const struct json_doc *doc, const cJSON *node, const char *what,
	struct ladder_error *err)
{
	if (!cJSON_IsObject(node)) {
		return json_doc_fail(doc, node, err, "expected %s to be an object {...}", what);
	}
	return true;
}

static bool
lookup(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, const char *type_name,
	const cJSON **out, struct ladder_error *err)
{
	*out = member(obj, key);
	if (*out == NULL && required) {
		return json_doc_fail(doc, obj, err,
			"%s has no \"%s\" (expected %s)", what, key, type_name);
	}
	return true;
}

bool
jr_string(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, const char **out,
	struct ladder_error *err)
{
	const cJSON *m;
	if (!lookup(doc, obj, key, required, what, "a string", &m, err)) {
		return false;
	}
	if (m == NULL) {
		return true;
	}
	if (!cJSON_IsString(m)) {
		return json_doc_fail(doc, m, err,
			"expected \"%s\" of %s to be a string", key, what);
	}
	*out = m->valuestring;
	return true;
}

bool
jr_number(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, double *out, struct ladder_error *err)
{
	const cJSON *m;
	if (!lookup(doc, obj, key, required, what, "a number", &m, err)) {
		return false;
	}
	if (m == NULL) {
		return true;
	}
	if (!cJSON_IsNumber(m) || !isfinite(m->valuedouble)) {
		return json_doc_fail(doc, m, err,
			"expected \"%s\" of %s to be a number", key, what);
	}
	*out = m->valuedouble;
	return true;
}

bool
jr_int(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, int *out, struct ladder_error *err)
{
	const cJSON *m;
	if (!lookup(doc, obj, key, required, what, "a whole number", &m, err)) {
		return false;
	}
	if (m == NULL) {
		return true;
	}
	double v = m->valuedouble;
	if (!cJSON_IsNumber(m) || v != floor(v) || v < -1e9 || v > 1e9) {
		return json_doc_fail(doc, m, err,
			"expected \"%s\" of %s to be a whole number", key, what);
	}
	*out = (int)v;
	return true;
}

bool
jr_bool(const struct json_doc *doc, const cJSON *obj, const char *key,
	bool required, const char *what, bool *out, struct ladder_error *err)
{
	const cJSON *m;
	if (!lookup(doc, obj, key, required, what, "true or false", &m, err)) {
		return false;
	}
	if (m == NULL) {
		return true;
	}
	if (!cJSON_IsBool(m)) {
		return json_doc_fail(doc, m, err,
			"expected \"%s\" of %s to be true or false", key, what);
	}
	*out = cJSON_IsTrue(m);
	return true;
}

bool
jr_member(const struct json_doc *doc, const cJSON *obj, const char *key,
	int type, bool required, const char *what, const cJSON **out,
	struct ladder_error *err)
{
	const char *tn = type == cJSON_Array ? "an array [...]" : "an object {...}";
	if (!lookup(doc, obj, key, required, what, tn, out, err)) {
		return false;
	}
	if (*out != NULL && ((*out)->type & 0xFF) != type) {
		return json_doc_fail(doc, *out, err,
			"expected \"%s\" of %s to be %s", key, what, tn);
	}
	return true;
}

bool
jr_format(const struct json_doc *doc, const char *format,
	struct ladder_error *err)
{
	const char *f = NULL;
	int v = 0;
	if (!jr_object(doc, doc->root, "the document", err) ||
		!jr_string(doc, doc->root, "format", true, "the document", &f, err)) {
		return false;
	}
	if (strcmp(f, format) != 0) {
		return json_doc_fail(doc, member(doc->root, "format"), err,
			"unknown format \"%s\" (expected \"%s\")", f, format);
	}
	if (!jr_int(doc, doc->root, "format_version", true, "the document", &v, err)) {
		return false;
	}
	if (v != 1) {
		return json_doc_fail(doc, member(doc->root, "format_version"), err,
			"unsupported format_version %d of %s (this ladder reads version 1)",
			v, format);
	}
	return true;
}

const unsigned char jr_id_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1,
	['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
	['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1, ['_'] = 1, ['-'] = 1, ['.'] = 1,
};

bool
jr_valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!jr_id_byte[(unsigned char)s[i]]) {
			return false;
		}
	}
	return true;
}
