#include "ladder/genstate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ladder/filewrite.h"
#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/paths.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

#define GENSTATE_MAX_BYTES ((size_t)4 << 20)

struct genstate *
genstate_create(void)
{
	return calloc(1, sizeof(struct genstate));
}

void
genstate_destroy(struct genstate *s)
{
	if (s == NULL) {
		return;
	}
	for (size_t i = 0; i < s->n; i++) {
		free(s->entries[i].path);
	}
	free(s->entries);
	free(s);
}

const struct genstate_entry *
genstate_find(const struct genstate *s, const char *journal)
{
	for (size_t i = 0; s != NULL && i < s->n; i++) {
		if (strcmp(s->entries[i].path, journal) == 0) {
			return &s->entries[i];
		}
	}
	return NULL;
}

bool
genstate_put(struct genstate *s, const char *journal,
	const unsigned char id[GENSTATE_ID_LEN], uint64_t generation,
	int64_t seen_at)
{
	if (generation < 1 || generation > GENSTATE_MAX_GENERATION) {
		return false;
	}
	struct genstate_entry *e = (struct genstate_entry *)genstate_find(s, journal);
	if (e == NULL) {
		struct genstate_entry *ne = realloc(s->entries, (s->n + 1) * sizeof(*ne));
		if (ne == NULL) {
			return false;
		}
		s->entries = ne;
		e = &ne[s->n];
		if ((e->path = str_dup(journal)) == NULL) {
			return false;
		}
		s->n++;
	}
	memcpy(e->id, id, GENSTATE_ID_LEN);
	e->generation = generation;
	e->seen_at = seen_at;
	return true;
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool
parse_entry(const struct json_doc *doc, const cJSON *o, struct genstate *s,
	struct ladder_error *err)
{
	static const char *const keys[] = {"path", "id", "generation", "seen_at", NULL};
	const char *path = NULL, *id = NULL, *seen = NULL;
	double gen = 0;
	if (!jr_object(doc, o, "an entry of \"journals\"", err) ||
		!jr_keys(doc, o, "an entry of \"journals\"", keys, err) ||
		!jr_string(doc, o, "path", true, "an entry of \"journals\"", &path, err) ||
		!jr_string(doc, o, "id", true, "an entry of \"journals\"", &id, err) ||
		!jr_number(doc, o, "generation", true, "an entry of \"journals\"", &gen, err) ||
		!jr_string(doc, o, "seen_at", true, "an entry of \"journals\"", &seen, err)) {
		return false;
	}
	if (path[0] != '/' || genstate_find(s, path) != NULL) {
		return json_doc_fail(doc, cJSON_GetObjectItemCaseSensitive(o, "path"), err,
			"\"path\" is not an absolute path, or is there twice (expected each journal's full path once)");
	}
	unsigned char bytes[GENSTATE_ID_LEN];
	bool id_ok = strlen(id) == 2 * GENSTATE_ID_LEN;
	for (size_t i = 0; id_ok && i < GENSTATE_ID_LEN; i++) {
		int hi = hexval(id[2 * i]), lo = hexval(id[2 * i + 1]);
		id_ok = hi >= 0 && lo >= 0;
		bytes[i] = (unsigned char)(id_ok ? hi * 16 + lo : 0);
	}
	if (!id_ok) {
		return json_doc_fail(doc, cJSON_GetObjectItemCaseSensitive(o, "id"), err,
			"\"id\" is \"%.40s\" (expected %d lower-case hexadecimal digits)", id,
			2 * GENSTATE_ID_LEN);
	}
	/* fifteen digits, which JSON numbers carry exactly */
	if (!(gen >= 1 && gen <= (double)GENSTATE_MAX_GENERATION) ||
		gen != (double)(uint64_t)gen) {
		return json_doc_fail(doc, cJSON_GetObjectItemCaseSensitive(o, "generation"), err,
			"\"generation\" (expected a whole number from 1 to 10^15)");
	}
	int64_t at;
	if (!time_parse(seen, &at)) {
		return json_doc_fail(doc, cJSON_GetObjectItemCaseSensitive(o, "seen_at"), err,
			"\"seen_at\" is \"%.40s\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)", seen);
	}
	if (!genstate_put(s, path, bytes, (uint64_t)gen, at)) {
		return error_set(err, LADDER_FAIL, "%s: out of memory", doc->name);
	}
	return true;
}

bool
genstate_parse(const char *name, const char *text, size_t len,
	struct genstate **out, struct ladder_error *err)
{
	static const char *const keys[] = {"format", "format_version", "journals", NULL};
	*out = NULL;
	struct json_doc doc;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return false;
	}
	struct genstate *s = genstate_create();
	const cJSON *journals = NULL;
	bool ok = s != NULL;
	if (!ok) {
		error_set(err, LADDER_FAIL, "%s: out of memory", name);
	}
	ok = ok && jr_object(&doc, doc.root, "the state file", err) &&
		jr_format(&doc, "ladder-state", err) &&
		jr_keys(&doc, doc.root, "the state file", keys, err) &&
		jr_member(&doc, doc.root, "journals", cJSON_Array, true, "the state file",
			&journals, err);
	for (const cJSON *e = ok ? journals->child : NULL; ok && e != NULL; e = e->next) {
		ok = parse_entry(&doc, e, s, err);
	}
	json_doc_finish(&doc);
	if (!ok) {
		genstate_destroy(s);
		return false;
	}
	*out = s;
	return true;
}

bool
genstate_load(const char *path, struct genstate **out, struct ladder_error *err)
{
	*out = NULL;
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT) {
		*out = genstate_create();
		return *out != NULL || error_set(err, LADDER_FAIL, "out of memory");
	}
	char *text = NULL;
	size_t len = 0;
	if (!file_read(path, GENSTATE_MAX_BYTES, &text, &len, err)) {
		return false;
	}
	bool ok = genstate_parse(path, text, len, out, err);
	free(text);
	return ok;
}

char *
genstate_text(const struct genstate *s)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_CreateArray();
	if (root == NULL || list == NULL) {
		cJSON_Delete(root);
		cJSON_Delete(list);
		return NULL;
	}
	cJSON_AddStringToObject(root, "format", "ladder-state");
	cJSON_AddNumberToObject(root, "format_version", 1);
	cJSON_AddItemToObject(root, "journals", list);
	for (size_t i = 0; i < s->n; i++) {
		const struct genstate_entry *e = &s->entries[i];
		char hex[2 * GENSTATE_ID_LEN + 1], at[TIME_RFC3339_LEN];
		for (size_t k = 0; k < GENSTATE_ID_LEN; k++) {
			snprintf(hex + 2 * k, 3, "%02x", e->id[k]);
		}
		time_format_rfc3339(e->seen_at, at);
		cJSON *o = cJSON_CreateObject();
		if (o == NULL) {
			cJSON_Delete(root);
			return NULL;
		}
		cJSON_AddItemToArray(list, o);
		cJSON_AddStringToObject(o, "path", e->path);
		cJSON_AddStringToObject(o, "id", hex);
		cJSON_AddNumberToObject(o, "generation", (double)e->generation);
		cJSON_AddStringToObject(o, "seen_at", at);
	}
	char *text = json_print(root);
	cJSON_Delete(root);
	return text;
}

bool
genstate_save(const char *path, const struct genstate *s, struct ladder_error *err)
{
	char *text = genstate_text(s);
	if (text == NULL) {
		return error_set(err, LADDER_FAIL, "%s: out of memory", path);
	}
	char *with_nl = str_printf("%s\n", text);
	free(text);
	bool ok = with_nl != NULL && paths_mkdir_parents(path, err) &&
		file_write_atomic(path, with_nl, strlen(with_nl), err);
	if (with_nl == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
	}
	free(with_nl);
	return ok;
}
