/* The room's inputs: each file given becomes a source, read or skipped
 * with the reason; sealed exports are opened with the facilitator's key;
 * the document's format decides how it is read. */
#include "ladder/room.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/answers.h"
#include "ladder/jsonread.h"
#include "ladder/score.h"
#include "ladder/util.h"
#include "room_impl.h"

/* the largest input read: a sealed export of the largest export */
#define ROOM_INPUT_MAX_BYTES (SEALED_HEADER_LEN + SEALED_PLAIN_MAX + 1024)

static const cJSON *
member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A new source for name; its index in *index. False when out of memory. */
static bool
source_new(struct room *r, const char *name, size_t *index)
{
	struct room_source *ns = realloc(r->sources, (r->n_sources + 1) * sizeof(*ns));
	if (ns == NULL) {
		return false;
	}
	r->sources = ns;
	struct room_source *s = &r->sources[r->n_sources];
	memset(s, 0, sizeof(*s));
	if ((s->path = str_dup(name)) == NULL) {
		return false;
	}
	*index = r->n_sources++;
	return true;
}

/* The source is skipped for msg. False when out of memory. */
static bool
skip(struct room *r, size_t index, const char *msg)
{
	struct room_source *s = &r->sources[index];
	snprintf(s->reason, sizeof(s->reason), "%s", msg);
	char *copy = str_dup(msg);
	char **np = copy ? realloc(r->problems, (r->n_problems + 1) * sizeof(char *)) : NULL;
	if (np == NULL) {
		free(copy);
		return false;
	}
	r->problems = np;
	r->problems[r->n_problems++] = copy;
	return true;
}

static void
mark_read(struct room *r, size_t index, unsigned people)
{
	r->sources[index].read = true;
	r->sources[index].people = people;
	r->files++;
}

/* A saved tally (ladder-tally v1): every vote a person on a rung, with no
 * movement and no calibration. Checked whole before anything is counted. */
static enum room_read
read_tally(struct room *r, const struct json_doc *doc, unsigned *people,
	struct ladder_error *err)
{
	const cJSON *qs = NULL, *q;
	static const char *const top[] = {"format", "format_version", "saved_at",
		"questionnaires", NULL};
	static const char *const entry[] = {"id", "title", "counts", "total", NULL};
	static const char *const stages[] = {"unconscious_incompetence",
		"conscious_incompetence", "conscious_competence", "unconscious_competence",
		NULL};
	if (!jr_format(doc, "ladder-tally", err) ||
		!jr_keys(doc, doc->root, "the tally", top, err) ||
		!jr_member(doc, doc->root, "questionnaires", cJSON_Array, true, "the tally",
			&qs, err)) {
		return ROOM_READ_SKIP;
	}
	size_t i = 0;
	cJSON_ArrayForEach(q, qs) {
		char what[64];
		snprintf(what, sizeof(what), "questionnaire %zu of the tally", ++i);
		const char *id = NULL;
		const cJSON *counts = NULL;
		double total = 0, sum = 0;
		if (!jr_object(doc, q, what, err) || !jr_keys(doc, q, what, entry, err) ||
			!jr_string(doc, q, "id", true, what, &id, err) ||
			!jr_member(doc, q, "counts", cJSON_Object, true, what, &counts, err) ||
			!jr_keys(doc, counts, what, stages, err) ||
			!jr_number(doc, q, "total", true, what, &total, err)) {
			return ROOM_READ_SKIP;
		}
		if (!jr_valid_id(id)) {
			json_doc_fail(doc, member(q, "id"), err, "invalid questionnaire id "
				"\"%s\" in %s (expected 1-64 letters, digits, '_', '-' or '.')",
				id, what);
			return ROOM_READ_SKIP;
		}
		for (const cJSON *k = qs->child; k != q; k = k->next) {
			const cJSON *other = member(k, "id");
			if (strcmp(other->valuestring, id) == 0) {
				json_doc_fail(doc, member(q, "id"), err, "questionnaire \"%s\" "
					"twice in the tally", id);
				return ROOM_READ_SKIP;
			}
		}
		for (int s = 0; s < STAGE_COUNT; s++) {
			double c = -1;
			if (!jr_number(doc, counts, stage_id((enum stage)(s + 1)), true, what,
					&c, err)) {
				return ROOM_READ_SKIP;
			}
			if (c < 0 || c > 100000 || c != (double)(unsigned)c) {
				json_doc_fail(doc, member(counts, stage_id((enum stage)(s + 1))),
					err, "a count of %s is not a whole number from 0 to 100000",
					what);
				return ROOM_READ_SKIP;
			}
			sum += c;
		}
		if (total != sum) {
			json_doc_fail(doc, member(q, "total"), err, "\"total\" of %s is %g, "
				"but its counts add up to %g", what, total, sum);
			return ROOM_READ_SKIP;
		}
	}
	*people = 0;
	cJSON_ArrayForEach(q, qs) {
		struct room_questionnaire *rq = room_get_questionnaire(r,
			member(q, "id")->valuestring);
		if (rq == NULL) {
			return ROOM_READ_OOM;
		}
		const cJSON *counts = member(q, "counts");
		unsigned total = 0;
		for (int s = 0; s < STAGE_COUNT; s++) {
			unsigned c = (unsigned)member(counts, stage_id((enum stage)(s + 1)))->valuedouble;
			rq->now[s] += c;
			total += c;
		}
		rq->people += total;
		rq->tallied += total;
		*people = total > *people ? total : *people;
	}
	return ROOM_READ_OK;
}

/* An answers file (ladder-answers v1), scored as `ladder score` does: one
 * person with one session. */
static enum room_read
read_answers(struct room *r, const struct json_doc *doc, unsigned *people,
	struct ladder_error *err)
{
	const char *qid = NULL;
	if (!jr_format(doc, "ladder-answers", err) ||
		!jr_string(doc, doc->root, "questionnaire", true, "the answers file", &qid, err)) {
		return ROOM_READ_SKIP;
	}
	const struct questionnaire *q = r->catalog != NULL ? catalog_find(r->catalog, qid) : NULL;
	if (q == NULL) {
		json_doc_fail(doc, member(doc->root, "questionnaire"), err,
			"unknown questionnaire \"%s\" (expected one of those 'ladder list' "
			"shows)", qid);
		return ROOM_READ_SKIP;
	}
	struct answers *a = answers_parse(q, doc->name, doc->text, doc->len, err);
	if (a == NULL) {
		return ROOM_READ_SKIP; /* its reason in err, out of memory too */
	}
	enum room_read rc = ROOM_READ_OOM;
	struct result *res = NULL;
	cJSON *json = NULL;
	if (!answers_settle_set(q, a, 0, err)) {
		rc = ROOM_READ_SKIP;
		goto out;
	}
	if ((res = score_compute(q, a)) == NULL || (json = result_to_json(res)) == NULL) {
		goto out;
	}
	const cJSON *st = member(json, "stage");
	struct seen one = {
		.questionnaire = q->id,
		.completed_at = "",
		.stage = cJSON_IsString(st) ? stage_from_id(st->valuestring) : STAGE_NONE,
		.result = json,
	};
	if (room_count_seen(r, &one, 1, people)) {
		rc = ROOM_READ_OK;
	}
out:
	cJSON_Delete(json);
	result_destroy(res);
	answers_destroy(a);
	return rc;
}

/* JSON text of source index: its format decides. */
static enum room_read
read_json(struct room *r, size_t index, const char *name, const char *text,
	size_t len, bool sealed, struct ladder_error *err)
{
	struct json_doc doc;
	unsigned people = 0;
	enum room_read rc = ROOM_READ_SKIP;
	struct room_source *src = &r->sources[index];
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return ROOM_READ_SKIP;
	}
	const cJSON *format = cJSON_IsObject(doc.root) ? member(doc.root, "format") : NULL;
	const char *f = cJSON_IsString(format) ? format->valuestring : "";
	if (strcmp(f, "ladder-export") == 0) {
		src->kind = sealed ? "sealed export" : "anonymous export";
		rc = room_read_export(r, &doc, &people, err);
	} else if (!sealed && strcmp(f, "ladder-tally") == 0) {
		src->kind = "saved tally";
		rc = read_tally(r, &doc, &people, err);
	} else if (!sealed && strcmp(f, "ladder-answers") == 0) {
		src->kind = "answers file";
		rc = read_answers(r, &doc, &people, err);
	} else if (format == NULL || !cJSON_IsString(format)) {
		jr_format(&doc, "ladder-export", err);
	} else {
		json_doc_fail(&doc, format, err, "unknown format \"%s\" (expected %s)", f,
			sealed ? "\"ladder-export\" inside a sealed export" :
			"\"ladder-export\", \"ladder-tally\" or \"ladder-answers\"");
	}
	if (rc == ROOM_READ_OK) {
		mark_read(r, index, people);
	}
	json_doc_finish(&doc);
	return rc;
}

static bool
add_bytes(struct room *r, size_t index, const char *name,
	const unsigned char *buf, size_t len)
{
	struct ladder_error err;
	error_clear(&err);
	struct room_source *src = &r->sources[index];
	crypto_generichash(src->hash, sizeof(src->hash), buf, len, NULL, 0);
	src->hashed = true;
	for (size_t i = 0; i < index; i++) {
		if (r->sources[i].hashed &&
			memcmp(r->sources[i].hash, src->hash, sizeof(src->hash)) == 0) {
			char msg[sizeof(src->reason)];
			snprintf(msg, sizeof(msg), "%s: the same file as %s (given twice)",
				name, r->sources[i].path);
			src->kind = r->sources[i].kind;
			return skip(r, index, msg);
		}
	}
	enum room_read rc;
	if (sealed_is_sealed(buf, len)) {
		src->kind = "sealed export";
		if (r->key == NULL) {
			snprintf(err.msg, sizeof(err.msg), "%s: a sealed export; it opens "
				"only with the facilitator's key (--key FILE)", name);
			return skip(r, index, err.msg);
		}
		struct secret *plain = NULL;
		enum sealed_refusal why;
		if (!sealed_open(name, buf, len, r->key, &plain, &why, &err)) {
			return why == SEALED_OK ? false : skip(r, index, err.msg);
		}
		rc = read_json(r, index, name, (const char *)plain->data, plain->len,
			true, &err);
		secret_destroy(plain);
	} else {
		rc = read_json(r, index, name, (const char *)buf, len, false, &err);
	}
	if (rc == ROOM_READ_OOM) {
		return false;
	}
	return rc == ROOM_READ_OK || skip(r, index, err.msg);
}

bool
room_add_bytes(struct room *r, const char *name, const unsigned char *buf,
	size_t len)
{
	size_t index;
	return source_new(r, name, &index) && add_bytes(r, index, name, buf, len);
}

bool
room_add_text(struct room *r, const char *name, const char *text, size_t len)
{
	return room_add_bytes(r, name, (const unsigned char *)text, len);
}

bool
room_add_file(struct room *r, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	size_t index;
	struct ladder_error err;
	error_clear(&err);
	if (!source_new(r, path, &index)) {
		return false;
	}
	if (!file_read(path, ROOM_INPUT_MAX_BYTES, &buf, &len, &err)) {
		return skip(r, index, err.msg);
	}
	bool ok = add_bytes(r, index, path, (const unsigned char *)buf, len);
	free(buf);
	return ok;
}
