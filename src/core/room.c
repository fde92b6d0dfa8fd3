#include "ladder/room.h"

#include "ladder/calibration.h"
#include "ladder/score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"
#include "room_impl.h"

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
		for (size_t k = 0; k < r->qs[i].n_facets; k++) {
			free(r->qs[i].facets[k].id);
		}
		free(r->qs[i].facets);
		free(r->qs[i].id);
	}
	free(r->qs);
	for (size_t i = 0; i < r->n_sources; i++) {
		free(r->sources[i].path);
		free_strings(r->sources[i].notes, r->sources[i].n_notes);
	}
	free(r->sources);
	free_strings(r->problems, r->n_problems);
	free_strings(r->session_ids, r->n_session_ids);
	free(r);
}

void
room_set_key(struct room *r, const struct sealed_key *key)
{
	r->key = key;
}

void
room_set_catalog(struct room *r, const struct catalog *cat)
{
	r->catalog = cat;
}

void
room_set_questionnaire(struct room *r, const char *id)
{
	r->csv_questionnaire = id;
}

size_t
room_skipped(const struct room *r)
{
	return r->n_problems;
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

struct room_questionnaire *
room_get_questionnaire(struct room *r, const char *id)
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
bad_stage(const struct json_doc *doc, const cJSON *node, const char *what,
	struct ladder_error *err)
{
	return json_doc_fail(doc, node, err,
		"unknown stage in %s (expected one of \"%s\", \"%s\", \"%s\", "
		"\"%s\" or null)", what,
		stage_id(STAGE_UNCONSCIOUS_INCOMPETENCE),
		stage_id(STAGE_CONSCIOUS_INCOMPETENCE),
		stage_id(STAGE_CONSCIOUS_COMPETENCE),
		stage_id(STAGE_UNCONSCIOUS_COMPETENCE));
}

/* What the room reads of a result of today's rule beyond its stage: the
 * calibration gap (a number from -1 to 1, or null) and the areas' ids and
 * stages. */
static bool
check_result(const struct json_doc *doc, const cJSON *result, const char *what,
	struct ladder_error *err)
{
	const cJSON *gap = member(result, "calibration_gap");
	if (gap != NULL && !cJSON_IsNull(gap) &&
		!(cJSON_IsNumber(gap) && gap->valuedouble >= -1 && gap->valuedouble <= 1)) {
		return json_doc_fail(doc, gap, err, "\"calibration_gap\" of %s's "
			"result is not a number from -1 to 1 or null", what);
	}
	const cJSON *facets = NULL, *f;
	if (!jr_member(doc, result, "facets", cJSON_Array, false, "the session's result",
			&facets, err)) {
		return false;
	}
	cJSON_ArrayForEach(f, facets) {
		const char *id = NULL;
		if (!jr_object(doc, f, "an area of the result", err) ||
			!jr_string(doc, f, "id", true, "an area of the result", &id, err)) {
			return false;
		}
		if (!jr_valid_id(id)) {
			return json_doc_fail(doc, member(f, "id"), err, "invalid area id "
				"\"%s\" in %s (expected 1-64 letters, digits, '_', '-' or '.')",
				id, what);
		}
		const cJSON *st = member(f, "stage");
		if (st != NULL && !cJSON_IsNull(st) &&
			(!cJSON_IsString(st) || stage_from_id(st->valuestring) == STAGE_NONE)) {
			return bad_stage(doc, st, what, err);
		}
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
			return bad_stage(doc, st, what, err);
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
	bool today = cJSON_IsNumber(rule) && rule->valueint == SCORING_RULE;
	if (today && !check_result(doc, result, what, err)) {
		return false;
	}
	out->stage = today ? stage : STAGE_NONE;
	out->result = today ? result : NULL;
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

static struct room_facet *
get_facet(struct room_questionnaire *q, const char *id)
{
	for (size_t i = 0; i < q->n_facets; i++) {
		if (strcmp(q->facets[i].id, id) == 0) {
			return &q->facets[i];
		}
	}
	struct room_facet *nf = realloc(q->facets, (q->n_facets + 1) * sizeof(*nf));
	if (nf == NULL) {
		return NULL;
	}
	q->facets = nf;
	struct room_facet *f = &q->facets[q->n_facets];
	memset(f, 0, sizeof(*f));
	if ((f->id = str_dup(id)) == NULL) {
		return NULL;
	}
	q->n_facets++;
	return f;
}

/* The areas of a latest result (checked by read_session). */
static bool
count_facets(struct room_questionnaire *q, const cJSON *result)
{
	const cJSON *f;
	cJSON_ArrayForEach(f, member(result, "facets")) {
		struct room_facet *rf = get_facet(q, member(f, "id")->valuestring);
		if (rf == NULL) {
			return false;
		}
		const cJSON *st = member(f, "stage");
		enum stage s = cJSON_IsString(st) ? stage_from_id(st->valuestring) : STAGE_NONE;
		rf->people++;
		if (s == STAGE_NONE) {
			rf->unplaced++;
		} else {
			rf->now[s - 1]++;
		}
	}
	return true;
}

static bool
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
	struct calibration_point pt = {NAN, NAN, NAN};
	if (latest->result != NULL) {
		calibration_point_of(latest->result, NULL, &pt);
	}
	switch (calibration_side_of(pt.gap)) {
	case CALIBRATION_ABOVE: q->above++; break;
	case CALIBRATION_IN_LINE: q->in_line++; break;
	case CALIBRATION_BELOW: q->below++; break;
	default: q->uncalibrated++; break;
	}
	return latest->result == NULL || count_facets(q, latest->result);
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

bool
room_count_seen(struct room *r, const struct seen *seen, size_t n_seen,
	unsigned *people)
{
	*people = 0;
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
		struct room_questionnaire *q = room_get_questionnaire(r, seen[i].questionnaire);
		if (q == NULL) {
			return false;
		}
		if (!count_person(q, latest, previous)) {
			return false;
		}
		*people = 1;
	}
	return true;
}

enum room_read
room_read_export(struct room *r, const struct json_doc *doc, unsigned *people,
	struct ladder_error *err)
{
	struct seen *seen = NULL;
	const char **ids = NULL;
	size_t n_seen = 0, n_ids = 0;
	enum room_read rc = ROOM_READ_OOM;
	const cJSON *sessions = member(doc->root, "sessions");
	size_t n = cJSON_IsArray(sessions) ? (size_t)cJSON_GetArraySize(sessions) : 0;
	seen = calloc(n ? n : 1, sizeof(*seen));
	ids = calloc(n ? n : 1, sizeof(*ids));
	if (seen == NULL || ids == NULL) {
		goto out;
	}
	if (!read_export(r, doc, seen, &n_seen, ids, &n_ids, err)) {
		rc = ROOM_READ_SKIP;
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
	if (room_count_seen(r, seen, n_seen, people)) {
		rc = ROOM_READ_OK;
	}
out:
	free(ids);
	free(seen);
	return rc;
}
