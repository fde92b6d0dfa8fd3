#include "ladder/room.h"

#include "ladder/score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

#define EXPORT_MAX_BYTES (16u * 1024 * 1024)

/* One completed session of the file being read. */
struct seen {
	const char *questionnaire;
	const char *completed_at; /* YYYY-MM-DD */
	size_t order;             /* position in the file */
	enum stage stage;
};

struct room *
room_create(void)
{
	return calloc(1, sizeof(struct room));
}

static void
free_strings(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i]);
	}
	free(v);
}

void
room_destroy(struct room *r)
{
	if (r == NULL) {
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		free(r->qs[i].id);
	}
	free(r->qs);
	free_strings(r->problems, r->n_problems);
	free_strings(r->session_ids, r->n_session_ids);
	free(r);
}

static bool
add_problem(struct room *r, const char *msg)
{
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

const struct room_questionnaire *
room_find(const struct room *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->qs[i].id, id) == 0) {
			return &r->qs[i];
		}
	}
	return NULL;
}

static struct room_questionnaire *
get_questionnaire(struct room *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->qs[i].id, id) == 0) {
			return &r->qs[i];
		}
	}
	struct room_questionnaire *nq = realloc(r->qs, (r->n + 1) * sizeof(*nq));
	if (nq == NULL) {
		return NULL;
	}
	r->qs = nq;
	struct room_questionnaire *q = &r->qs[r->n];
	memset(q, 0, sizeof(*q));
	q->id = str_dup(id);
	if (q->id == NULL) {
		return NULL;
	}
	r->n++;
	return q;
}

static bool
is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	if (strlen(s) != sizeof(shape) - 1) {
		return false;
	}
	for (size_t i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-') {
			return false;
		}
	}
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	int day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static const cJSON *
member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A date member of an anonymous session: absent or null (*out NULL), or a
 * date without a time of day. */
static bool
read_date(const struct json_doc *doc, const cJSON *session, const char *key,
	const char *what, const char **out, struct ladder_error *err)
{
	const cJSON *m = member(session, key);
	*out = NULL;
	if (m == NULL || cJSON_IsNull(m)) {
		return true;
	}
	if (!cJSON_IsString(m)) {
		return json_doc_fail(doc, m, err,
			"expected \"%s\" of %s to be a date YYYY-MM-DD or null", key, what);
	}
	if (!is_date(m->valuestring)) {
		return json_doc_fail(doc, m, err,
			"\"%s\" of %s is \"%s\", not a date YYYY-MM-DD (an anonymous export "
			"keeps dates only, no times)", key, what, m->valuestring);
	}
	*out = m->valuestring;
	return true;
}

/* What an anonymous export must not hold: answers, a note, notes. */
static bool
check_nothing_personal(const struct json_doc *doc, const cJSON *obj,
	const char *what, struct ladder_error *err)
{
	const cJSON *answers = member(obj, "answers");
	if (answers != NULL && !cJSON_IsNull(answers) &&
		!(cJSON_IsObject(answers) && answers->child == NULL)) {
		return json_doc_fail(doc, answers, err,
			"%s holds answers, which an anonymous export never does "
			"(expected a file made with 'ladder export --anonymous')", what);
	}
	const cJSON *note = member(obj, "note");
	if (note != NULL && !cJSON_IsNull(note) &&
		!(cJSON_IsString(note) && note->valuestring[0] == '\0')) {
		return json_doc_fail(doc, note, err,
			"%s holds a note, which an anonymous export never does "
			"(expected a file made with 'ladder export --anonymous')", what);
	}
	return true;
}

static bool
read_session(const struct json_doc *doc, const cJSON *s, size_t index,
	struct seen *out, bool *completed, const char **session_id,
	struct ladder_error *err)
{
	char what[64];
	snprintf(what, sizeof(what), "session %zu", index + 1);
	const cJSON *qref = NULL, *result = NULL;
	const char *qid = NULL, *started = NULL, *done = NULL;
	*completed = false;
	*session_id = NULL;
	if (!jr_object(doc, s, what, err) ||
		!jr_string(doc, s, "id", false, what, session_id, err) ||
		!jr_member(doc, s, "questionnaire", cJSON_Object, true, what, &qref, err) ||
		!jr_string(doc, qref, "id", true, "the session's questionnaire", &qid, err) ||
		!read_date(doc, s, "started_at", what, &started, err) ||
		!read_date(doc, s, "completed_at", what, &done, err) ||
		!check_nothing_personal(doc, s, what, err)) {
		return false;
	}
	if (!jr_valid_id(qid)) {
		return json_doc_fail(doc, member(qref, "id"), err,
			"invalid questionnaire id \"%s\" in %s (expected 1-64 letters, "
			"digits, '_', '-' or '.')", qid, what);
	}
	result = member(s, "result");
	if (result != NULL && !cJSON_IsNull(result) &&
		!jr_object(doc, result, "the session's result", err)) {
		return false;
	}
	enum stage stage = STAGE_NONE;
	const cJSON *st = result != NULL ? member(result, "stage") : NULL;
	if (st != NULL && !cJSON_IsNull(st)) {
		stage = cJSON_IsString(st) ? stage_from_id(st->valuestring) : STAGE_NONE;
		if (stage == STAGE_NONE) {
			return json_doc_fail(doc, st, err,
				"unknown stage in %s (expected one of \"%s\", \"%s\", \"%s\", "
				"\"%s\" or null)", what,
				stage_id(STAGE_UNCONSCIOUS_INCOMPETENCE),
				stage_id(STAGE_CONSCIOUS_INCOMPETENCE),
				stage_id(STAGE_CONSCIOUS_COMPETENCE),
				stage_id(STAGE_UNCONSCIOUS_COMPETENCE));
		}
	}
	if (done == NULL || result == NULL || cJSON_IsNull(result)) {
		return true; /* not completed: it places nobody */
	}
	/* a result of an earlier scoring rule places nobody on today's ladder */
	const cJSON *rule = member(result, "rule");
	out->questionnaire = qid;
	out->completed_at = done;
	out->order = index;
	out->stage = cJSON_IsNumber(rule) && rule->valueint == SCORING_RULE ? stage : STAGE_NONE;
	*completed = true;
	return true;
}

/* True when a comes after b in time (then in file order). */
static bool
later(const struct seen *a, const struct seen *b)
{
	int c = strcmp(a->completed_at, b->completed_at);
	return c > 0 || (c == 0 && a->order > b->order);
}

static void
count_person(struct room_questionnaire *q, const struct seen *latest,
	const struct seen *previous)
{
	q->people++;
	if (latest->stage == STAGE_NONE) {
		q->unplaced++;
	} else {
		q->now[latest->stage - 1]++;
	}
	if (previous == NULL) {
		q->first++;
	} else if (latest->stage == STAGE_NONE || previous->stage == STAGE_NONE) {
		q->unknown++;
	} else if (latest->stage > previous->stage) {
		q->up++;
	} else if (latest->stage < previous->stage) {
		q->down++;
	} else {
		q->stayed++;
	}
}

static bool
known_session(const struct room *r, const char *id)
{
	for (size_t i = 0; i < r->n_session_ids; i++) {
		if (strcmp(r->session_ids[i], id) == 0) {
			return true;
		}
	}
	return false;
}

/* Reads the document; on success the completed sessions are in seen and
 * the session ids in ids (both borrowed from doc). */
static bool
read_export(const struct room *r, const struct json_doc *doc,
	struct seen *seen, size_t *n_seen, const char **ids, size_t *n_ids,
	struct ladder_error *err)
{
	bool anonymous = false;
	const cJSON *sessions = NULL, *notes = NULL, *transitions = NULL;
	if (!jr_format(doc, "ladder-export", err) ||
		!jr_bool(doc, doc->root, "anonymous", true, "the export", &anonymous, err)) {
		return false;
	}
	if (!anonymous) {
		return json_doc_fail(doc, member(doc->root, "anonymous"), err,
			"not an anonymous export (\"anonymous\" is false): it may hold "
			"answers and notes (expected a file made with 'ladder export "
			"--anonymous')");
	}
	if (!jr_member(doc, doc->root, "sessions", cJSON_Array, true, "the export",
			&sessions, err) ||
		!jr_member(doc, doc->root, "notes", cJSON_Array, false, "the export",
			&notes, err) ||
		!jr_member(doc, doc->root, "transitions", cJSON_Array, false,
			"the export", &transitions, err)) {
		return false;
	}
	if (notes != NULL && notes->child != NULL) {
		return json_doc_fail(doc, notes->child, err,
			"the export holds notes, which an anonymous export never does "
			"(expected a file made with 'ladder export --anonymous')");
	}
	size_t i = 0;
	*n_seen = *n_ids = 0;
	for (const cJSON *s = sessions->child; s != NULL; s = s->next, i++) {
		bool completed;
		const char *sid;
		if (!read_session(doc, s, i, &seen[*n_seen], &completed, &sid, err)) {
			return false;
		}
		if (sid != NULL) {
			if (known_session(r, sid)) {
				return json_doc_fail(doc, member(s, "id"), err,
					"session \"%s\" was already read from another file "
					"(the same export given twice?)", sid);
			}
			for (size_t k = 0; k < *n_ids; k++) {
				if (strcmp(ids[k], sid) == 0) {
					return json_doc_fail(doc, member(s, "id"), err,
						"duplicate session id \"%s\"", sid);
				}
			}
			ids[(*n_ids)++] = sid;
		}
		if (completed) {
			(*n_seen)++;
		}
	}
	return true;
}

static bool
count_file(struct room *r, const struct seen *seen, size_t n_seen)
{
	for (size_t i = 0; i < n_seen; i++) {
		/* each questionnaire once, at its first session */
		bool done_before = false;
		for (size_t k = 0; k < i; k++) {
			if (strcmp(seen[k].questionnaire, seen[i].questionnaire) == 0) {
				done_before = true;
				break;
			}
		}
		if (done_before) {
			continue;
		}
		/* movement as the journal defines it (ladder-model(7)): from the
		 * last placed session before the latest; unplaced ones are
		 * skipped, not a break */
		const struct seen *latest = NULL, *previous = NULL;
		for (size_t k = i; k < n_seen; k++) {
			if (strcmp(seen[k].questionnaire, seen[i].questionnaire) == 0 &&
				(latest == NULL || later(&seen[k], latest))) {
				latest = &seen[k];
			}
		}
		for (size_t k = i; k < n_seen; k++) {
			if (strcmp(seen[k].questionnaire, seen[i].questionnaire) == 0 &&
				&seen[k] != latest && seen[k].stage != STAGE_NONE &&
				later(latest, &seen[k]) &&
				(previous == NULL || later(&seen[k], previous))) {
				previous = &seen[k];
			}
		}
		struct room_questionnaire *q = get_questionnaire(r, seen[i].questionnaire);
		if (q == NULL) {
			return false;
		}
		count_person(q, latest, previous);
	}
	return true;
}

bool
room_add_text(struct room *r, const char *name, const char *text, size_t len)
{
	struct json_doc doc;
	struct ladder_error err;
	struct seen *seen = NULL;
	const char **ids = NULL;
	size_t n_seen = 0, n_ids = 0;
	bool ok = false;
	error_clear(&err);
	if (!json_doc_parse(&doc, name, text, len, &err)) {
		ok = add_problem(r, err.msg);
		goto out;
	}
	const cJSON *sessions = cJSON_IsObject(doc.root) ?
		member(doc.root, "sessions") : NULL;
	size_t n = cJSON_IsArray(sessions) ? (size_t)cJSON_GetArraySize(sessions) : 0;
	seen = calloc(n ? n : 1, sizeof(*seen));
	ids = calloc(n ? n : 1, sizeof(*ids));
	if (seen == NULL || ids == NULL) {
		goto out;
	}
	if (!read_export(r, &doc, seen, &n_seen, ids, &n_ids, &err)) {
		ok = add_problem(r, err.msg);
		goto out;
	}
	char **nids = realloc(r->session_ids, (r->n_session_ids + n_ids + 1) * sizeof(char *));
	if (nids == NULL) {
		goto out;
	}
	r->session_ids = nids;
	for (size_t i = 0; i < n_ids; i++) {
		char *copy = str_dup(ids[i]);
		if (copy == NULL) {
			goto out;
		}
		r->session_ids[r->n_session_ids++] = copy;
	}
	if (!count_file(r, seen, n_seen)) {
		goto out;
	}
	r->files++;
	ok = true;
out:
	free(ids);
	free(seen);
	json_doc_finish(&doc);
	return ok;
}

bool
room_add_file(struct room *r, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	error_clear(&err);
	if (!file_read(path, EXPORT_MAX_BYTES, &text, &len, &err)) {
		return add_problem(r, err.msg);
	}
	bool ok = room_add_text(r, path, text, len);
	free(text);
	return ok;
}
