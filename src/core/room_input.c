/* The room's inputs: each file given becomes a source, read or skipped
 * with the reason; sealed exports are opened with the facilitator's key;
 * the document's format decides how it is read. */
#include "ladder/room.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "ladder/answers.h"
#include "ladder/answers_csv.h"
#include "ladder/problems.h"
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

/* One person's answers to q scored as `ladder score` does and counted: a
 * person with one session. */
static enum room_read
count_answers(struct room *r, const struct questionnaire *q,
	const struct answers *a, unsigned *people)
{
	enum room_read rc = ROOM_READ_OOM;
	struct result *res = score_compute(q, a);
	cJSON *json = res != NULL ? result_to_json(res) : NULL;
	if (json != NULL) {
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
	}
	cJSON_Delete(json);
	result_destroy(res);
	return rc;
}

/* An answers file (ladder-answers v1): one person with one session. */
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
	if (r->csv_questionnaire != NULL && strcmp(r->csv_questionnaire, qid) != 0) {
		json_doc_fail(doc, member(doc->root, "questionnaire"), err,
			"answers to \"%s\", but --questionnaire %s was given (expected "
			"answers to it)", qid, r->csv_questionnaire);
		return ROOM_READ_SKIP;
	}
	struct answers *a = answers_parse(q, doc->name, doc->text, doc->len, err);
	if (a == NULL) {
		return ROOM_READ_SKIP; /* its reason in err, out of memory too */
	}
	enum room_read rc = answers_settle_set(q, a, 0, err) ?
		count_answers(r, q, a, people) : ROOM_READ_SKIP;
	answers_destroy(a);
	return rc;
}

/* The questionnaire of a CSV of answers: the one given, else the only one
 * of the catalog its header fits; NULL with the reason in err. */
static const struct questionnaire *
csv_questionnaire(const struct room *r, const char *name, const char *text,
	size_t len, struct ladder_error *err)
{
	if (r->catalog == NULL) {
		error_set(err, LADDER_FAIL, "%s: a CSV of answers, but no questionnaires "
			"to score it with", name);
		return NULL;
	}
	if (r->csv_questionnaire != NULL) {
		const struct questionnaire *q = catalog_find(r->catalog, r->csv_questionnaire);
		if (q == NULL) {
			error_set(err, LADDER_FAIL, "%s: unknown questionnaire \"%s\" given "
				"with --questionnaire (expected one of those 'ladder list' shows)",
				name, r->csv_questionnaire);
		}
		return q;
	}
	const struct questionnaire *found = NULL;
	char names[512] = "";
	size_t n = 0, used = 0;
	for (size_t i = 0; i < r->catalog->n; i++) {
		const struct questionnaire *q = r->catalog->items[i];
		if (!answers_csv_header_fits(q, text, len)) {
			continue;
		}
		found = q;
		int k = snprintf(names + used, sizeof(names) - used, "%s%s",
			n++ > 0 ? ", " : "", q->id);
		used = k > 0 && used + (size_t)k < sizeof(names) ? used + (size_t)k : used;
	}
	if (n == 1) {
		return found;
	}
	if (n == 0) {
		error_set(err, LADDER_FAIL, "%s: a CSV of answers whose header fits no "
			"questionnaire (expected a header of question numbers as on the "
			"sheet, or item ids; --questionnaire ID names the questionnaire and "
			"shows what is wrong)", name);
	} else {
		error_set(err, LADDER_FAIL, "%s: a CSV of answers whose header fits %zu "
			"questionnaires (%s): its question numbers do not say which "
			"(expected --questionnaire ID, or a header of item ids)", name, n, names);
	}
	return NULL;
}

/* A CSV of answers (answers_csv.h): each good row a person; the problems of
 * the bad ones are the source's notes. Skipped when no row can be read. */
static enum room_read
read_csv(struct room *r, size_t index, const char *name, const char *text,
	size_t len, unsigned *people, struct ladder_error *err)
{
	struct room_source *src = &r->sources[index];
	src->kind = "CSV of answers";
	const struct questionnaire *q = csv_questionnaire(r, name, text, len, err);
	if (q == NULL) {
		return ROOM_READ_SKIP;
	}
	struct answers_table t;
	struct problems pr;
	problems_init(&pr);
	bool table = answers_csv_parse(q, name, text, len, 0, &t, &pr);
	enum room_read rc = pr.oom ? ROOM_READ_OOM : ROOM_READ_SKIP;
	if (pr.oom) {
		goto out;
	}
	if (!table) {
		/* the file as a whole: its first problem is the reason, the
		 * others its notes */
		snprintf(err->msg, sizeof(err->msg), "%s", pr.n > 0 ? pr.msgs[0] : name);
		if (pr.n > 0) {
			free(pr.msgs[0]);
			memmove(pr.msgs, pr.msgs + 1, (pr.n - 1) * sizeof(*pr.msgs));
			pr.n--;
		}
		goto notes;
	}
	*people = 0;
	src->rows = (unsigned)t.n;
	for (size_t i = 0; i < t.n; i++) {
		unsigned one = 0;
		if (t.rows[i].answers == NULL) {
			continue;
		}
		if ((rc = count_answers(r, q, t.rows[i].answers, &one)) != ROOM_READ_OK) {
			goto out;
		}
		*people += one;
	}
	if (*people > 0) {
		rc = ROOM_READ_OK;
	} else if (t.n == 0) {
		snprintf(err->msg, sizeof(err->msg), "%s: no rows of answers under the "
			"header (expected a row a person)", name);
	} else {
		snprintf(err->msg, sizeof(err->msg), "%s: none of its %zu %s of answers "
			"could be read (the problems of each are listed)", name, t.n,
			t.n == 1 ? "row" : "rows");
	}
notes:
	/* the bad rows' problems stay with the source */
	src->notes = pr.msgs;
	src->n_notes = pr.n;
	src->more_notes = pr.more;
	pr.msgs = NULL;
	pr.n = 0;
out:
	problems_finish(&pr);
	answers_table_finish(&t);
	return rc;
}

/* Whether bytes that are not sealed are a CSV rather than JSON: by the
 * name, or by a first line that is not JSON and holds a separator. */
static bool
looks_csv(const char *name, const char *text, size_t len)
{
	size_t n = strlen(name);
	if (n >= 4 && strcasecmp(name + n - 4, ".csv") == 0) {
		return true;
	}
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
		text[i] == '\n')) {
		i++;
	}
	if (i >= len || text[i] == '{' || text[i] == '[') {
		return false;
	}
	for (; i < len && text[i] != '\n'; i++) {
		if (text[i] == ',' || text[i] == ';') {
			return true;
		}
	}
	return false;
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
	} else if (looks_csv(name, (const char *)buf, len)) {
		unsigned people = 0;
		rc = read_csv(r, index, name, (const char *)buf, len, &people, &err);
		if (rc == ROOM_READ_OK) {
			mark_read(r, index, people);
		}
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
