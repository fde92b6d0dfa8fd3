#include "ladder/journal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/jsonwrite.h"
#include "ladder/util.h"

struct journal *
journal_create(void)
{
	struct journal *j = calloc(1, sizeof(*j));
	if (j != NULL) {
		j->created_at = time_now();
	}
	return j;
}

static void
session_finish(struct journal_session *s)
{
	free(s->questionnaire);
	cJSON_Delete(s->answers);
	cJSON_Delete(s->result);
	free(s->note);
	memset(s, 0, sizeof(*s));
}

static void
unfinished_finish(struct journal_unfinished *u)
{
	free(u->questionnaire);
	cJSON_Delete(u->answers);
	memset(u, 0, sizeof(*u));
}

void
journal_destroy(struct journal *j)
{
	if (j == NULL) {
		return;
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		session_finish(&j->sessions[i]);
	}
	for (size_t i = 0; i < j->n_notes; i++) {
		free(j->notes[i].text);
	}
	for (size_t i = 0; i < j->n_unfinished; i++) {
		unfinished_finish(&j->unfinished[i]);
	}
	free(j->sessions);
	free(j->notes);
	free(j->unfinished);
	free(j);
}

/* Time order: completed, then started, then id (for a stable order of
 * sessions imported with equal times). */
static int
session_cmp(const struct journal_session *a, const struct journal_session *b)
{
	if (a->completed_at != b->completed_at) {
		return a->completed_at < b->completed_at ? -1 : 1;
	}
	if (a->started_at != b->started_at) {
		return a->started_at < b->started_at ? -1 : 1;
	}
	return strcmp(a->id, b->id);
}

/* Takes ownership of *s's members, inserting it in time order. */
static struct journal_session *
insert_session(struct journal *j, struct journal_session *s)
{
	if (j->n_sessions == j->cap_sessions) {
		size_t ncap = j->cap_sessions ? j->cap_sessions * 2 : 16;
		struct journal_session *ns = realloc(j->sessions, ncap * sizeof(*ns));
		if (ns == NULL) {
			return NULL;
		}
		j->sessions = ns;
		j->cap_sessions = ncap;
	}
	size_t pos = j->n_sessions;
	while (pos > 0 && session_cmp(&j->sessions[pos - 1], s) > 0) {
		pos--;
	}
	memmove(&j->sessions[pos + 1], &j->sessions[pos],
		(j->n_sessions - pos) * sizeof(*s));
	j->sessions[pos] = *s;
	j->n_sessions++;
	memset(s, 0, sizeof(*s));
	return &j->sessions[pos];
}

static struct journal_note *
insert_note(struct journal *j, struct journal_note *n)
{
	if (j->n_notes == j->cap_notes) {
		size_t ncap = j->cap_notes ? j->cap_notes * 2 : 16;
		struct journal_note *nn = realloc(j->notes, ncap * sizeof(*nn));
		if (nn == NULL) {
			return NULL;
		}
		j->notes = nn;
		j->cap_notes = ncap;
	}
	size_t pos = j->n_notes;
	while (pos > 0 && j->notes[pos - 1].at > n->at) {
		pos--;
	}
	memmove(&j->notes[pos + 1], &j->notes[pos], (j->n_notes - pos) * sizeof(*n));
	j->notes[pos] = *n;
	j->n_notes++;
	memset(n, 0, sizeof(*n));
	return &j->notes[pos];
}

struct journal_session *
journal_add_session(struct journal *j, const struct questionnaire *q,
	const struct answers *a, const struct result *r, int64_t started_at,
	int64_t completed_at, struct ladder_error *err)
{
	struct journal_session s = {0};
	uuid_generate(s.id);
	s.questionnaire = str_dup(q->id);
	s.version = q->version;
	s.started_at = started_at;
	s.completed_at = completed_at;
	s.stage = r->p.stage;
	s.answers = answers_values_to_json(q, a);
	s.result = result_to_json(r);
	if (a->note != NULL && a->note[0] != '\0') {
		s.note = str_dup(a->note);
	}
	struct journal_session *added = NULL;
	if (s.questionnaire != NULL && s.answers != NULL && s.result != NULL &&
		(a->note == NULL || a->note[0] == '\0' || s.note != NULL)) {
		added = insert_session(j, &s);
	}
	if (added == NULL) {
		session_finish(&s);
		error_set(err, LADDER_FAIL, "out of memory");
	}
	return added;
}

bool
journal_session_set_note(struct journal_session *s, const char *text,
	struct ladder_error *err)
{
	char *copy = NULL;
	if (text != NULL && text[0] != '\0' && (copy = str_dup(text)) == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	free(s->note);
	s->note = copy;
	return true;
}

struct journal_note *
journal_add_note(struct journal *j, const char *text, int64_t at,
	struct ladder_error *err)
{
	struct journal_note n = {0};
	uuid_generate(n.id);
	n.at = at;
	n.text = str_dup(text);
	struct journal_note *added = n.text ? insert_note(j, &n) : NULL;
	if (added == NULL) {
		free(n.text);
		error_set(err, LADDER_FAIL, "out of memory");
	}
	return added;
}

const struct journal_unfinished *
journal_unfinished_get(const struct journal *j, const char *questionnaire)
{
	for (size_t i = 0; i < j->n_unfinished; i++) {
		if (strcmp(j->unfinished[i].questionnaire, questionnaire) == 0) {
			return &j->unfinished[i];
		}
	}
	return NULL;
}

void
journal_unfinished_clear(struct journal *j, const char *questionnaire)
{
	for (size_t i = 0; i < j->n_unfinished; i++) {
		if (strcmp(j->unfinished[i].questionnaire, questionnaire) == 0) {
			unfinished_finish(&j->unfinished[i]);
			j->unfinished[i] = j->unfinished[--j->n_unfinished];
			return;
		}
	}
}

bool
journal_unfinished_set(struct journal *j, const struct questionnaire *q,
	const struct answers *a, size_t position, int64_t started_at,
	struct ladder_error *err)
{
	struct journal_unfinished u = {0};
	u.questionnaire = str_dup(q->id);
	u.version = q->version;
	u.started_at = started_at;
	u.position = position;
	u.answers = answers_values_to_json(q, a);
	struct journal_unfinished *nu =
		realloc(j->unfinished, (j->n_unfinished + 1) * sizeof(*nu));
	if (u.questionnaire == NULL || u.answers == NULL || nu == NULL) {
		if (nu != NULL) {
			j->unfinished = nu;
		}
		unfinished_finish(&u);
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	j->unfinished = nu;
	journal_unfinished_clear(j, q->id);
	j->unfinished[j->n_unfinished++] = u;
	return true;
}

long
journal_find_session(const struct journal *j, const char *id)
{
	for (size_t i = 0; i < j->n_sessions; i++) {
		if (strcmp(j->sessions[i].id, id) == 0) {
			return (long)i;
		}
	}
	return -1;
}

const struct journal_session *
journal_last_session(const struct journal *j, const char *questionnaire)
{
	for (size_t i = j->n_sessions; i > 0; i--) {
		if (strcmp(j->sessions[i - 1].questionnaire, questionnaire) == 0) {
			return &j->sessions[i - 1];
		}
	}
	return NULL;
}

const struct journal_session *
journal_previous_session(const struct journal *j, size_t index)
{
	if (index >= j->n_sessions) {
		return NULL;
	}
	const char *q = j->sessions[index].questionnaire;
	for (size_t i = index; i > 0; i--) {
		if (strcmp(j->sessions[i - 1].questionnaire, q) == 0) {
			return &j->sessions[i - 1];
		}
	}
	return NULL;
}

/* Transitions among the sessions for which keep(i) holds. */
static size_t
transitions_of(const struct journal *j, const char *questionnaire,
	const bool *keep, struct journal_transition **out)
{
	*out = NULL;
	size_t n = 0, cap = 0;
	/* last kept session per questionnaire id: the ids are few, so a small
	 * list searched linearly is enough */
	struct last {
		const char *q;
		const struct journal_session *s;
	} *last = NULL;
	size_t n_last = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		/* a session with no stage (nothing decisive answered) is not on
		 * the ladder: it neither starts nor ends a transition */
		if ((keep != NULL && !keep[i]) || s->stage == STAGE_NONE ||
			(questionnaire != NULL && strcmp(s->questionnaire, questionnaire) != 0)) {
			continue;
		}
		size_t k = 0;
		while (k < n_last && strcmp(last[k].q, s->questionnaire) != 0) {
			k++;
		}
		if (k == n_last) {
			struct last *nl = realloc(last, (n_last + 1) * sizeof(*nl));
			if (nl == NULL) {
				goto oom;
			}
			last = nl;
			last[n_last++] = (struct last){s->questionnaire, s};
			continue;
		}
		const struct journal_session *prev = last[k].s;
		last[k].s = s;
		if (prev->stage == s->stage) {
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct journal_transition *nt = realloc(*out, cap * sizeof(*nt));
			if (nt == NULL) {
				goto oom;
			}
			*out = nt;
		}
		(*out)[n++] = (struct journal_transition){prev, s};
	}
	free(last);
	return n;
oom:
	free(last);
	free(*out);
	*out = NULL;
	return (size_t)-1;
}

size_t
journal_transitions(const struct journal *j, const char *questionnaire,
	struct journal_transition **out)
{
	return transitions_of(j, questionnaire, NULL, out);
}

/* --- serialisation: the journal plaintext and exports share the session
 * and note objects --- */

static cJSON *
stage_json(enum stage s)
{
	return s == STAGE_NONE ? cJSON_CreateNull() : cJSON_CreateString(stage_id(s));
}

static void
add_time(cJSON *o, const char *key, int64_t t, bool date_only)
{
	char buf[TIME_RFC3339_LEN];
	if (date_only) {
		time_format_date(t, buf);
	} else {
		time_format_rfc3339(t, buf);
	}
	cJSON_AddStringToObject(o, key, buf);
}

static cJSON *
session_json(const struct journal_session *s, const char *id, bool anonymous)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL) {
		return NULL;
	}
	cJSON_AddStringToObject(o, "id", id);
	cJSON *q = cJSON_AddObjectToObject(o, "questionnaire");
	cJSON_AddStringToObject(q, "id", s->questionnaire);
	cJSON_AddNumberToObject(q, "version", s->version);
	add_time(o, "started_at", s->started_at, anonymous);
	add_time(o, "completed_at", s->completed_at, anonymous);
	cJSON_AddItemToObject(o, "result", cJSON_Duplicate(s->result, true));
	if (!anonymous) {
		cJSON_AddItemToObject(o, "answers", cJSON_Duplicate(s->answers, true));
		if (s->note != NULL) {
			cJSON_AddStringToObject(o, "note", s->note);
		} else {
			cJSON_AddNullToObject(o, "note");
		}
	}
	return o;
}

static cJSON *
note_json(const struct journal_note *n)
{
	cJSON *o = cJSON_CreateObject();
	if (o != NULL) {
		cJSON_AddStringToObject(o, "id", n->id);
		add_time(o, "at", n->at, false);
		cJSON_AddStringToObject(o, "text", n->text);
	}
	return o;
}

/* The same objects written straight to a stream, without a tree: the
 * journal's plaintext and exports are as large as the journal. */

static void
write_time(struct jsonw *w, const char *key, int64_t t, bool date_only)
{
	char buf[TIME_RFC3339_LEN];
	if (date_only) {
		time_format_date(t, buf);
	} else {
		time_format_rfc3339(t, buf);
	}
	jsonw_member(w, key);
	jsonw_string(w, buf);
}

static void
write_stage(struct jsonw *w, const char *key, enum stage s)
{
	jsonw_member(w, key);
	if (s == STAGE_NONE) {
		jsonw_null(w);
	} else {
		jsonw_string(w, stage_id(s));
	}
}

static void
write_questionnaire(struct jsonw *w, const char *id, int version)
{
	jsonw_member(w, "questionnaire");
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, id);
	jsonw_member(w, "version");
	jsonw_number(w, version);
	jsonw_close(w);
}

/* What session_json builds. */
static void
write_session(struct jsonw *w, const struct journal_session *s, const char *id,
	bool anonymous)
{
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, id);
	write_questionnaire(w, s->questionnaire, s->version);
	write_time(w, "started_at", s->started_at, anonymous);
	write_time(w, "completed_at", s->completed_at, anonymous);
	if (s->result != NULL) {
		jsonw_member(w, "result");
		jsonw_node(w, s->result);
	}
	if (!anonymous) {
		if (s->answers != NULL) {
			jsonw_member(w, "answers");
			jsonw_node(w, s->answers);
		}
		jsonw_member(w, "note");
		if (s->note != NULL) {
			jsonw_string(w, s->note);
		} else {
			jsonw_null(w);
		}
	}
	jsonw_close(w);
}

static void
write_note(struct jsonw *w, const struct journal_note *n)
{
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, n->id);
	write_time(w, "at", n->at, false);
	jsonw_member(w, "text");
	jsonw_string(w, n->text);
	jsonw_close(w);
}

struct secret *
journal_serialize(const struct journal *j, struct ladder_error *err)
{
	struct jsonw w;
	jsonw_init_buffer(&w, false);
	/* room for the usual session at once: growing a buffer of this size
	 * means copying it (and wiping the old copy); pages never written
	 * cost nothing */
	jsonw_reserve(&w, 4096 + j->n_sessions * 3072 + j->n_notes * 512);
	jsonw_open(&w, '{');
	jsonw_member(&w, "format");
	jsonw_string(&w, "ladder-journal");
	jsonw_member(&w, "format_version");
	jsonw_number(&w, 1);
	write_time(&w, "created_at", j->created_at, false);
	jsonw_member(&w, "sessions");
	jsonw_open(&w, '[');
	for (size_t i = 0; i < j->n_sessions; i++) {
		jsonw_element(&w);
		write_session(&w, &j->sessions[i], j->sessions[i].id, false);
	}
	jsonw_close(&w);
	jsonw_member(&w, "notes");
	jsonw_open(&w, '[');
	for (size_t i = 0; i < j->n_notes; i++) {
		jsonw_element(&w);
		write_note(&w, &j->notes[i]);
	}
	jsonw_close(&w);
	jsonw_member(&w, "unfinished");
	jsonw_open(&w, '[');
	for (size_t i = 0; i < j->n_unfinished; i++) {
		const struct journal_unfinished *u = &j->unfinished[i];
		jsonw_element(&w);
		jsonw_open(&w, '{');
		write_questionnaire(&w, u->questionnaire, u->version);
		write_time(&w, "started_at", u->started_at, false);
		jsonw_member(&w, "position");
		jsonw_number(&w, (double)u->position);
		if (u->answers != NULL) {
			jsonw_member(&w, "answers");
			jsonw_node(&w, u->answers);
		}
		jsonw_close(&w);
	}
	jsonw_close(&w);
	jsonw_close(&w);
	struct secret *out = NULL;
	if (jsonw_finish(&w)) {
		out = secret_from_bytes(w.buf, w.len);
	}
	jsonw_release(&w);
	if (out == NULL) {
		error_set(err, LADDER_FAIL, "out of memory while saving the journal");
	}
	return out;
}

/* --- reading sessions and notes, from the journal or an import --- */

struct reader {
	const struct json_doc *doc; /* NULL for the journal plaintext */
	const char *name;
	int status;
	struct ladder_error *err;
};

static bool rd_fail(const struct reader *r, const cJSON *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool
rd_fail(const struct reader *r, const cJSON *node, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->doc != NULL) {
		json_doc_fail(r->doc, node, r->err, "%s", msg);
		r->err->status = r->status;
		return false;
	}
	return error_set(r->err, r->status, "%s: %s", r->name, msg);
}

static const cJSON *
rd_get(const struct reader *r, const cJSON *obj, const char *key, int type,
	bool nullable, const char *what)
{
	static const char *const names[] = {"", "false/true", "true/false", "null",
		"a number", "a string", "an array", "an object"};
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (m == NULL) {
		rd_fail(r, obj, "%s has no \"%s\"", what, key);
		return NULL;
	}
	if (nullable && cJSON_IsNull(m)) {
		return m;
	}
	int t = m->type & 0xFF;
	bool ok = (type == cJSON_True) ? cJSON_IsBool(m) : t == type;
	if (!ok) {
		int idx = 0;
		for (int b = type; b > 1; b >>= 1) {
			idx++;
		}
		rd_fail(r, m, "expected \"%s\" of %s to be %s%s", key, what,
			names[idx + 1 < 8 ? idx + 1 : 0], nullable ? " or null" : "");
		return NULL;
	}
	return m;
}

static bool
rd_time(const struct reader *r, const cJSON *obj, const char *key,
	const char *what, int64_t *out)
{
	const cJSON *m = rd_get(r, obj, key, cJSON_String, false, what);
	if (m == NULL) {
		return false;
	}
	if (!time_parse(m->valuestring, out)) {
		return rd_fail(r, m, "\"%s\" of %s is \"%s\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)",
			key, what, m->valuestring);
	}
	return true;
}

static bool
rd_id(const struct reader *r, const cJSON *obj, const char *what, char out[UUID_STR_LEN])
{
	const cJSON *m = rd_get(r, obj, "id", cJSON_String, false, what);
	if (m == NULL) {
		return false;
	}
	if (!uuid_valid(m->valuestring)) {
		return rd_fail(r, m, "id \"%s\" of %s is not a UUID (expected 8-4-4-4-12 hex digits)",
			m->valuestring, what);
	}
	memcpy(out, m->valuestring, UUID_STR_LEN);
	for (int i = 0; i < 36; i++) {
		if (out[i] >= 'A' && out[i] <= 'F') {
			out[i] = (char)(out[i] - 'A' + 'a');
		}
	}
	return true;
}

static bool
rd_questionnaire(const struct reader *r, const cJSON *obj, const char *what,
	char **id, int *version)
{
	const cJSON *q = rd_get(r, obj, "questionnaire", cJSON_Object, false, what);
	const cJSON *qid = q ? rd_get(r, q, "id", cJSON_String, false, "\"questionnaire\"") : NULL;
	const cJSON *qv = qid ? rd_get(r, q, "version", cJSON_Number, false, "\"questionnaire\"") : NULL;
	if (qv == NULL) {
		return false;
	}
	if (!jr_valid_id(qid->valuestring)) {
		return rd_fail(r, qid, "invalid questionnaire id \"%s\"", qid->valuestring);
	}
	if (qv->valuedouble < 1 || qv->valuedouble > 1e9 || qv->valuedouble != (int)qv->valuedouble) {
		return rd_fail(r, qv, "questionnaire version must be a whole number of 1 or more");
	}
	*id = str_dup(qid->valuestring);
	*version = (int)qv->valuedouble;
	return *id != NULL || rd_fail(r, obj, "out of memory");
}

/* The answers object: item ids to a whole number, an option id, or null. */
static bool
rd_answers(const struct reader *r, const cJSON *a, const char *what)
{
	for (const cJSON *m = a->child; m != NULL; m = m->next) {
		if (!jr_valid_id(m->string)) {
			return rd_fail(r, m, "invalid item id \"%s\" in the answers of %s", m->string, what);
		}
		bool ok = cJSON_IsNull(m) || (cJSON_IsString(m) && jr_valid_id(m->valuestring)) ||
			(cJSON_IsNumber(m) && m->valuedouble >= -1e9 && m->valuedouble <= 1e9 &&
				m->valuedouble == (int)m->valuedouble);
		if (!ok) {
			return rd_fail(r, m, "answer to \"%s\" in %s must be a whole number, an option id or null",
				m->string, what);
		}
	}
	return true;
}

/* Checks a placement (the result, or one of its facets) enough that
 * everything reading it later can rely on its shape. */
static bool
rd_placement(const struct reader *r, const cJSON *res, const char *what, enum stage *stage)
{
	const cJSON *st = rd_get(r, res, "stage", cJSON_String, true, what);
	if (st == NULL) {
		return false;
	}
	*stage = STAGE_NONE;
	if (cJSON_IsString(st)) {
		*stage = stage_from_id(st->valuestring);
		if (*stage == STAGE_NONE) {
			return rd_fail(r, st, "unknown stage \"%s\" in %s (expected one of \"unconscious_incompetence\", \"conscious_incompetence\", \"conscious_competence\", \"unconscious_competence\" or null)",
				st->valuestring, what);
		}
	}
	const cJSON *axes = rd_get(r, res, "axes", cJSON_Object, false, what);
	if (axes == NULL) {
		return false;
	}
	for (int x = 0; x < AXIS_COUNT; x++) {
		const cJSON *v = rd_get(r, axes, axis_id((enum axis)x), cJSON_Number, true, "\"axes\"");
		if (v == NULL) {
			return false;
		}
		if (cJSON_IsNumber(v) && (v->valuedouble < 0 || v->valuedouble > 1)) {
			return rd_fail(r, v, "axis \"%s\" is %g (expected a number from 0 to 1 or null)",
				axis_id((enum axis)x), v->valuedouble);
		}
	}
	return true;
}

static bool
rd_result(const struct reader *r, const cJSON *res, enum stage *stage)
{
	if (!rd_placement(r, res, "the result", stage)) {
		return false;
	}
	const cJSON *facets = rd_get(r, res, "facets", cJSON_Array, false, "the result");
	if (facets == NULL) {
		return false;
	}
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		enum stage fs;
		if (!cJSON_IsObject(f)) {
			return rd_fail(r, f, "expected the facets of the result to be objects");
		}
		if (rd_get(r, f, "id", cJSON_String, false, "a facet of the result") == NULL ||
			!rd_placement(r, f, "a facet of the result", &fs)) {
			return false;
		}
	}
	return true;
}

/* A checked member for the journal being read. The journal's own
 * plaintext is dropped once read, and its sessions hold most of its nodes,
 * so there the member is moved out of the tree rather than copied. A
 * json_doc (an import) keeps its tree whole: positions for messages are
 * found by walking it alongside the text. */
static cJSON *
rd_take(const struct reader *r, const cJSON *obj, const cJSON *member)
{
	if (r->doc != NULL) {
		return cJSON_Duplicate(member, true);
	}
	return cJSON_DetachItemViaPointer((cJSON *)obj, (cJSON *)member);
}

static bool
rd_session(const struct reader *r, const cJSON *o, bool anonymous, struct journal_session *s)
{
	const char *what = "a session";
	if (!cJSON_IsObject(o)) {
		return rd_fail(r, o, "expected each session to be an object {...}");
	}
	const cJSON *res, *ans = NULL, *note = NULL;
	if (!rd_id(r, o, what, s->id) ||
		!rd_questionnaire(r, o, what, &s->questionnaire, &s->version) ||
		!rd_time(r, o, "started_at", what, &s->started_at) ||
		!rd_time(r, o, "completed_at", what, &s->completed_at) ||
		(res = rd_get(r, o, "result", cJSON_Object, false, what)) == NULL ||
		!rd_result(r, res, &s->stage)) {
		return false;
	}
	if (s->completed_at < s->started_at) {
		return rd_fail(r, cJSON_GetObjectItemCaseSensitive(o, "completed_at"),
			"session %s was completed before it was started", s->id);
	}
	if (!anonymous) {
		if ((ans = rd_get(r, o, "answers", cJSON_Object, false, what)) == NULL ||
			!rd_answers(r, ans, what) ||
			(note = rd_get(r, o, "note", cJSON_String, true, what)) == NULL) {
			return false;
		}
	}
	s->result = rd_take(r, o, res);
	s->answers = ans ? rd_take(r, o, ans) : cJSON_CreateObject();
	if (note != NULL && cJSON_IsString(note) && note->valuestring[0] != '\0') {
		s->note = str_dup(note->valuestring);
		if (s->note == NULL) {
			return rd_fail(r, o, "out of memory");
		}
	}
	if (s->result == NULL || s->answers == NULL) {
		return rd_fail(r, o, "out of memory");
	}
	return true;
}

static bool
rd_note(const struct reader *r, const cJSON *o, struct journal_note *n)
{
	if (!cJSON_IsObject(o)) {
		return rd_fail(r, o, "expected each note to be an object {...}");
	}
	const cJSON *text;
	if (!rd_id(r, o, "a note", n->id) || !rd_time(r, o, "at", "a note", &n->at) ||
		(text = rd_get(r, o, "text", cJSON_String, false, "a note")) == NULL) {
		return false;
	}
	n->text = str_dup(text->valuestring);
	return n->text != NULL || rd_fail(r, o, "out of memory");
}

static bool
rd_unfinished(const struct reader *r, const cJSON *o, struct journal_unfinished *u)
{
	const char *what = "an unfinished session";
	const cJSON *pos, *ans;
	if (!cJSON_IsObject(o)) {
		return rd_fail(r, o, "expected each unfinished session to be an object {...}");
	}
	if (!rd_questionnaire(r, o, what, &u->questionnaire, &u->version) ||
		!rd_time(r, o, "started_at", what, &u->started_at) ||
		(pos = rd_get(r, o, "position", cJSON_Number, false, what)) == NULL ||
		(ans = rd_get(r, o, "answers", cJSON_Object, false, what)) == NULL ||
		!rd_answers(r, ans, what)) {
		return false;
	}
	if (pos->valuedouble < 0 || pos->valuedouble > 1e6) {
		return rd_fail(r, pos, "position of %s is out of range", what);
	}
	u->position = (size_t)pos->valuedouble;
	u->answers = rd_take(r, o, ans);
	return u->answers != NULL || rd_fail(r, o, "out of memory");
}

/* A set of ids, so that duplicates among n sessions are found in linear
 * time: open addressing over copies of the ids. */
struct idset {
	char (*ids)[UUID_STR_LEN];
	size_t n, cap;
	size_t *slots; /* index + 1 into ids; 0 is empty */
	size_t mask;
};

static bool
idset_init(struct idset *set, size_t cap)
{
	size_t n_slots = 16;
	while (n_slots < 2 * cap + 1) {
		n_slots *= 2;
	}
	*set = (struct idset){0};
	set->cap = cap;
	set->mask = n_slots - 1;
	set->ids = malloc((cap ? cap : 1) * sizeof(*set->ids));
	set->slots = calloc(n_slots, sizeof(*set->slots));
	return set->ids != NULL && set->slots != NULL;
}

static void
idset_finish(struct idset *set)
{
	free(set->ids);
	free(set->slots);
}

static size_t
idset_slot(const struct idset *set, const char *id)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)id; *p != '\0'; p++) {
		h = (h ^ *p) * 1099511628211u;
	}
	size_t i = (size_t)h & set->mask;
	while (set->slots[i] != 0 && strcmp(set->ids[set->slots[i] - 1], id) != 0) {
		i = (i + 1) & set->mask;
	}
	return i;
}

static bool
idset_has(const struct idset *set, const char *id)
{
	return set->slots[idset_slot(set, id)] != 0;
}

/* Twice the room, every id placed again. */
static bool
idset_grow(struct idset *set)
{
	struct idset bigger;
	if (!idset_init(&bigger, set->cap * 2 + 16)) {
		idset_finish(&bigger);
		return false;
	}
	for (size_t k = 0; k < set->n; k++) {
		size_t i = idset_slot(&bigger, set->ids[k]);
		memcpy(bigger.ids[bigger.n], set->ids[k], UUID_STR_LEN);
		bigger.slots[i] = ++bigger.n;
	}
	idset_finish(set);
	*set = bigger;
	return true;
}

/* Adds id; false when out of memory. */
static bool
idset_add(struct idset *set, const char *id)
{
	if (set->n == set->cap && !idset_grow(set)) {
		return false;
	}
	size_t i = idset_slot(set, id);
	if (set->slots[i] == 0) {
		memcpy(set->ids[set->n], id, UUID_STR_LEN);
		set->slots[i] = ++set->n;
	}
	return true;
}

/* Reads the "sessions" and "notes" arrays of root into a new journal. */
static struct journal *
rd_content(const struct reader *r, const cJSON *root, bool anonymous)
{
	struct journal *j = calloc(1, sizeof(*j));
	if (j == NULL) {
		rd_fail(r, root, "out of memory");
		return NULL;
	}
	const cJSON *sessions = rd_get(r, root, "sessions", cJSON_Array, false, "the document");
	const cJSON *notes = sessions ? rd_get(r, root, "notes", cJSON_Array, false, "the document") : NULL;
	struct idset seen = {0};
	if (notes == NULL) {
		goto fail;
	}
	if (!idset_init(&seen, (size_t)cJSON_GetArraySize(sessions))) {
		rd_fail(r, root, "out of memory");
		goto fail;
	}
	for (const cJSON *o = sessions->child; o != NULL; o = o->next) {
		struct journal_session s = {0};
		if (!rd_session(r, o, anonymous, &s)) {
			session_finish(&s);
			goto fail;
		}
		if (idset_has(&seen, s.id)) {
			rd_fail(r, o, "session id %s appears twice", s.id);
			session_finish(&s);
			goto fail;
		}
		if (!idset_add(&seen, s.id) || insert_session(j, &s) == NULL) {
			session_finish(&s);
			rd_fail(r, o, "out of memory");
			goto fail;
		}
	}
	for (const cJSON *o = notes->child; o != NULL; o = o->next) {
		struct journal_note n = {0};
		if (!rd_note(r, o, &n) || insert_note(j, &n) == NULL) {
			free(n.text);
			goto fail;
		}
	}
	idset_finish(&seen);
	return j;
fail:
	idset_finish(&seen);
	journal_destroy(j);
	return NULL;
}

/* The journal's plaintext, parsed: everything journal_parse checks once
 * it has a JSON object. */
static struct journal *
parse_root(const struct reader *r, const cJSON *root)
{
	const char *name = r->name;
	struct ladder_error *err = r->err;
	struct journal *j = NULL;
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format_version");
	if (!cJSON_IsString(f) || strcmp(f->valuestring, "ladder-journal") != 0 ||
		!cJSON_IsNumber(v)) {
		error_set(err, LADDER_DAMAGED, "%s: the journal's content has an unknown format", name);
		goto out;
	}
	if (v->valuedouble != 1) {
		error_set(err, LADDER_DAMAGED,
			"%s: the journal's content is format version %g; this ladder reads version 1 (a newer ladder wrote it?)",
			name, v->valuedouble);
		goto out;
	}
	int64_t created;
	const cJSON *unf;
	if (!rd_time(r, root, "created_at", "the journal", &created) ||
		(unf = rd_get(r, root, "unfinished", cJSON_Array, false, "the journal")) == NULL ||
		(j = rd_content(r, root, false)) == NULL) {
		goto out;
	}
	j->created_at = created;
	size_t n = (size_t)cJSON_GetArraySize(unf);
	j->unfinished = calloc(n ? n : 1, sizeof(*j->unfinished));
	if (j->unfinished == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		journal_destroy(j);
		j = NULL;
		goto out;
	}
	for (const cJSON *o = unf->child; o != NULL; o = o->next) {
		if (!rd_unfinished(r, o, &j->unfinished[j->n_unfinished])) {
			unfinished_finish(&j->unfinished[j->n_unfinished]);
			journal_destroy(j);
			j = NULL;
			goto out;
		}
		j->n_unfinished++;
	}
out:
	return j;
}

struct journal *
journal_parse(const char *name, const unsigned char *plain, size_t len,
	struct ladder_error *err)
{
	struct reader r = {NULL, name, LADDER_DAMAGED, err};
	cJSON *root = cJSON_ParseWithLength((const char *)plain, len);
	struct journal *j = NULL;
	if (root == NULL || !cJSON_IsObject(root)) {
		error_set(err, LADDER_DAMAGED, "%s: the journal's content is not readable JSON", name);
	} else {
		j = parse_root(&r, root);
	}
	cJSON_Delete(root);
	return j;
}

/* --- export and import --- */

static bool
exported(const struct export_options *o, const struct journal_session *s)
{
	return (o->questionnaire == NULL || strcmp(o->questionnaire, s->questionnaire) == 0) &&
		(!o->has_since || s->completed_at >= o->since);
}

cJSON *
export_build(const struct journal *j, const struct export_options *o)
{
	cJSON *root = cJSON_CreateObject();
	bool *keep = calloc(j->n_sessions ? j->n_sessions : 1, sizeof(bool));
	/* anonymous exports give every session a fresh id */
	char (*ids)[UUID_STR_LEN] = calloc(j->n_sessions ? j->n_sessions : 1, UUID_STR_LEN);
	struct journal_transition *tr = NULL;
	if (root == NULL || keep == NULL || ids == NULL) {
		goto fail;
	}
	cJSON_AddStringToObject(root, "format", "ladder-export");
	cJSON_AddNumberToObject(root, "format_version", 1);
	add_time(root, "exported_at", time_now(), o->anonymous);
	cJSON_AddBoolToObject(root, "anonymous", o->anonymous);
	cJSON *sessions = cJSON_AddArrayToObject(root, "sessions");
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		keep[i] = exported(o, s);
		if (!keep[i]) {
			continue;
		}
		if (o->anonymous) {
			uuid_generate(ids[i]);
		} else {
			memcpy(ids[i], s->id, UUID_STR_LEN);
		}
		cJSON *so = session_json(s, ids[i], o->anonymous);
		if (so == NULL || !cJSON_AddItemToArray(sessions, so)) {
			cJSON_Delete(so);
			goto fail;
		}
	}
	cJSON *notes = cJSON_AddArrayToObject(root, "notes");
	for (size_t i = 0; !o->anonymous && i < j->n_notes; i++) {
		if (o->has_since && j->notes[i].at < o->since) {
			continue;
		}
		cJSON_AddItemToArray(notes, note_json(&j->notes[i]));
	}
	size_t n = transitions_of(j, o->questionnaire, keep, &tr);
	if (n == (size_t)-1) {
		goto fail;
	}
	cJSON *trans = cJSON_AddArrayToObject(root, "transitions");
	for (size_t i = 0; i < n; i++) {
		cJSON *t = cJSON_CreateObject();
		size_t fi = (size_t)(tr[i].from - j->sessions);
		size_t ti = (size_t)(tr[i].to - j->sessions);
		cJSON_AddStringToObject(t, "questionnaire", tr[i].to->questionnaire);
		cJSON_AddItemToObject(t, "from", stage_json(tr[i].from->stage));
		cJSON_AddItemToObject(t, "to", stage_json(tr[i].to->stage));
		cJSON_AddStringToObject(t, "from_session", ids[fi]);
		cJSON_AddStringToObject(t, "to_session", ids[ti]);
		add_time(t, "at", tr[i].to->completed_at, o->anonymous);
		cJSON_AddItemToArray(trans, t);
	}
	free(tr);
	free(ids);
	free(keep);
	return root;
fail:
	free(tr);
	free(ids);
	free(keep);
	cJSON_Delete(root);
	return NULL;
}

bool
export_write(const struct journal *j, const struct export_options *o, FILE *out)
{
	bool *keep = calloc(j->n_sessions ? j->n_sessions : 1, sizeof(bool));
	char (*ids)[UUID_STR_LEN] = calloc(j->n_sessions ? j->n_sessions : 1, UUID_STR_LEN);
	struct journal_transition *tr = NULL;
	bool ok = false;
	if (keep == NULL || ids == NULL) {
		goto out;
	}
	struct jsonw w;
	jsonw_init_file(&w, out, true);
	jsonw_open(&w, '{');
	jsonw_member(&w, "format");
	jsonw_string(&w, "ladder-export");
	jsonw_member(&w, "format_version");
	jsonw_number(&w, 1);
	write_time(&w, "exported_at", time_now(), o->anonymous);
	jsonw_member(&w, "anonymous");
	jsonw_bool(&w, o->anonymous);
	jsonw_member(&w, "sessions");
	jsonw_open(&w, '[');
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		keep[i] = exported(o, s);
		if (!keep[i]) {
			continue;
		}
		if (o->anonymous) {
			uuid_generate(ids[i]);
		} else {
			memcpy(ids[i], s->id, UUID_STR_LEN);
		}
		jsonw_element(&w);
		write_session(&w, s, ids[i], o->anonymous);
	}
	jsonw_close(&w);
	jsonw_member(&w, "notes");
	jsonw_open(&w, '[');
	for (size_t i = 0; !o->anonymous && i < j->n_notes; i++) {
		if (o->has_since && j->notes[i].at < o->since) {
			continue;
		}
		jsonw_element(&w);
		write_note(&w, &j->notes[i]);
	}
	jsonw_close(&w);
	size_t n = transitions_of(j, o->questionnaire, keep, &tr);
	if (n == (size_t)-1) {
		jsonw_release(&w);
		goto out;
	}
	jsonw_member(&w, "transitions");
	jsonw_open(&w, '[');
	for (size_t i = 0; i < n; i++) {
		size_t fi = (size_t)(tr[i].from - j->sessions);
		size_t ti = (size_t)(tr[i].to - j->sessions);
		jsonw_element(&w);
		jsonw_open(&w, '{');
		jsonw_member(&w, "questionnaire");
		jsonw_string(&w, tr[i].to->questionnaire);
		write_stage(&w, "from", tr[i].from->stage);
		write_stage(&w, "to", tr[i].to->stage);
		jsonw_member(&w, "from_session");
		jsonw_string(&w, ids[fi]);
		jsonw_member(&w, "to_session");
		jsonw_string(&w, ids[ti]);
		write_time(&w, "at", tr[i].to->completed_at, o->anonymous);
		jsonw_close(&w);
	}
	jsonw_close(&w);
	jsonw_close(&w);
	jsonw_raw(&w, "\n", 1);
	ok = jsonw_finish(&w);
	jsonw_release(&w);
out:
	free(tr);
	free(ids);
	free(keep);
	return ok;
}

/* --- export straight from the journal's plaintext ---
 *
 * `ladder export` needs no journal in memory: each session is parsed,
 * checked and written out on its own, so the sessions' trees never exist
 * all at once (most of a journal's memory). Only what transitions need is
 * kept. This walk reads the plaintext as journal_serialize writes it; at
 * the first thing it does not expect -- an error, a member name with an
 * escape, sessions out of time order, a second "sessions" -- it gives up
 * and journal_parse and export_write decide, so both paths accept and
 * write the same. */

struct walk {
	const char *s;
	size_t len, i;
};

static void
walk_ws(struct walk *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
		p->s[p->i] == '\n' || p->s[p->i] == '\r')) {
		p->i++;
	}
}

static bool
walk_char(struct walk *p, char c)
{
	walk_ws(p);
	if (p->i < p->len && p->s[p->i] == c) {
		p->i++;
		return true;
	}
	return false;
}

/* A member name without escapes, and its ':'. */
static bool
walk_key(struct walk *p, char *key, size_t size)
{
	size_t n = 0;
	if (!walk_char(p, '"')) {
		return false;
	}
	while (p->i < p->len && p->s[p->i] != '"') {
		char c = p->s[p->i++];
		if (c == '\\' || (unsigned char)c < 0x20 || n + 1 >= size) {
			return false;
		}
		key[n++] = c;
	}
	key[n] = '\0';
	if (p->i >= p->len) {
		return false;
	}
	p->i++;
	return walk_char(p, ':');
}

/* The next value, checked: it is s[*start, p->i). */
static bool
walk_value(struct walk *p, size_t *start)
{
	walk_ws(p);
	*start = p->i;
	return json_value_end(p->s, p->len, p->i, &p->i);
}

struct fast_export {
	const struct reader *r;
	const struct export_options *o;
	struct jsonw w;
	struct journal *skel; /* the sessions without result, answers, note */
	bool *keep;
	char (*ids)[UUID_STR_LEN];
	size_t cap;
	struct idset seen;
	size_t matched;
};

/* One session: checked as journal_parse checks it, written, and kept
 * only as a skeleton. False: leave it to the full path. */
static bool
fast_session(struct fast_export *f, const char *text, size_t len)
{
	cJSON *tree = cJSON_ParseWithLength(text, len);
	struct journal_session s = {0};
	struct journal *k = f->skel;
	bool ok = tree != NULL && rd_session(f->r, tree, false, &s) &&
		!idset_has(&f->seen, s.id) &&
		(k->n_sessions == 0 || session_cmp(&k->sessions[k->n_sessions - 1], &s) < 0);
	if (ok && k->n_sessions == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		bool *nk = realloc(f->keep, cap * sizeof(*nk));
		f->keep = nk ? nk : f->keep;
		char (*ni)[UUID_STR_LEN] = realloc(f->ids, cap * sizeof(*ni));
		f->ids = ni ? ni : f->ids;
		ok = nk != NULL && ni != NULL;
		f->cap = ok ? cap : f->cap;
	}
	if (ok) {
		size_t i = k->n_sessions;
		const struct export_options *o = f->o;
		f->matched += o->questionnaire == NULL || strcmp(o->questionnaire, s.questionnaire) == 0;
		f->keep[i] = exported(o, &s);
		if (o->anonymous && f->keep[i]) {
			uuid_generate(f->ids[i]);
		} else {
			memcpy(f->ids[i], s.id, UUID_STR_LEN);
		}
		if (f->keep[i]) {
			jsonw_element(&f->w);
			write_session(&f->w, &s, f->ids[i], o->anonymous);
		}
		cJSON_Delete(s.result);
		cJSON_Delete(s.answers);
		free(s.note);
		s.result = s.answers = NULL;
		s.note = NULL;
		ok = idset_add(&f->seen, s.id) && insert_session(k, &s) != NULL;
	}
	session_finish(&s);
	cJSON_Delete(tree);
	return ok;
}

/* 1: written; 0: failed (err says why); -1: the full path must decide. */
static int
fast_export(const char *name, const unsigned char *plain, size_t len,
	const struct export_options *o, FILE *out, size_t *matched,
	struct ladder_error *err)
{
	struct reader r = {NULL, name, LADDER_DAMAGED, err};
	struct fast_export f = {.r = &r, .o = o};
	struct walk p = {(const char *)plain, len, 0};
	struct journal *hdr = NULL;
	struct journal_transition *tr = NULL;
	cJSON *rest = cJSON_CreateObject();
	bool have_sessions = false;
	int rc = -1;
	f.skel = calloc(1, sizeof(*f.skel));
	jsonw_init_buffer(&f.w, true);
	if (rest == NULL || f.skel == NULL || !idset_init(&f.seen, 256)) {
		goto out;
	}
	/* the export is about twice the plaintext; pages never written cost
	 * nothing, a copy of the buffer would */
	jsonw_reserve(&f.w, len * 2 + 4096);
	jsonw_open(&f.w, '{');
	jsonw_member(&f.w, "format");
	jsonw_string(&f.w, "ladder-export");
	jsonw_member(&f.w, "format_version");
	jsonw_number(&f.w, 1);
	write_time(&f.w, "exported_at", time_now(), o->anonymous);
	jsonw_member(&f.w, "anonymous");
	jsonw_bool(&f.w, o->anonymous);
	jsonw_member(&f.w, "sessions");
	jsonw_open(&f.w, '[');
	if (!walk_char(&p, '{')) {
		goto out;
	}
	for (;;) {
		char key[64];
		size_t start;
		if (!walk_key(&p, key, sizeof(key))) {
			goto out;
		}
		if (strcmp(key, "sessions") == 0) {
			if (have_sessions || !walk_char(&p, '[')) {
				goto out;
			}
			have_sessions = true;
			if (!walk_char(&p, ']')) {
				do {
					if (!walk_value(&p, &start) ||
						!fast_session(&f, p.s + start, p.i - start)) {
						goto out;
					}
				} while (walk_char(&p, ','));
				if (!walk_char(&p, ']')) {
					goto out;
				}
			}
		} else {
			cJSON *v = NULL;
			if (!walk_value(&p, &start) ||
				(v = cJSON_ParseWithLength(p.s + start, p.i - start)) == NULL ||
				!cJSON_AddItemToObject(rest, key, v)) {
				cJSON_Delete(v);
				goto out;
			}
		}
		if (walk_char(&p, '}')) {
			break;
		}
		if (!walk_char(&p, ',')) {
			goto out;
		}
	}
	walk_ws(&p);
	if (p.i != len || !have_sessions || cJSON_AddArrayToObject(rest, "sessions") == NULL ||
		(hdr = parse_root(&r, rest)) == NULL) {
		goto out;
	}
	jsonw_close(&f.w);
	jsonw_member(&f.w, "notes");
	jsonw_open(&f.w, '[');
	for (size_t i = 0; !o->anonymous && i < hdr->n_notes; i++) {
		if (o->has_since && hdr->notes[i].at < o->since) {
			continue;
		}
		jsonw_element(&f.w);
		write_note(&f.w, &hdr->notes[i]);
	}
	jsonw_close(&f.w);
	size_t n = transitions_of(f.skel, o->questionnaire, f.keep, &tr);
	if (n == (size_t)-1) {
		goto out;
	}
	jsonw_member(&f.w, "transitions");
	jsonw_open(&f.w, '[');
	for (size_t i = 0; i < n; i++) {
		size_t fi = (size_t)(tr[i].from - f.skel->sessions);
		size_t ti = (size_t)(tr[i].to - f.skel->sessions);
		jsonw_element(&f.w);
		jsonw_open(&f.w, '{');
		jsonw_member(&f.w, "questionnaire");
		jsonw_string(&f.w, tr[i].to->questionnaire);
		write_stage(&f.w, "from", tr[i].from->stage);
		write_stage(&f.w, "to", tr[i].to->stage);
		jsonw_member(&f.w, "from_session");
		jsonw_string(&f.w, f.ids[fi]);
		jsonw_member(&f.w, "to_session");
		jsonw_string(&f.w, f.ids[ti]);
		write_time(&f.w, "at", tr[i].to->completed_at, o->anonymous);
		jsonw_close(&f.w);
	}
	jsonw_close(&f.w);
	jsonw_close(&f.w);
	jsonw_raw(&f.w, "\n", 1);
	if (!jsonw_finish(&f.w)) {
		goto out; /* out of memory: the full path may still manage */
	}
	rc = 0;
	if (fwrite(f.w.buf, 1, f.w.len, out) != f.w.len) {
		error_set(err, LADDER_FAIL, "cannot write the export: %s", strerror(errno));
		goto out;
	}
	if (matched != NULL) {
		*matched = f.matched;
	}
	rc = 1;
out:
	free(tr);
	journal_destroy(hdr);
	cJSON_Delete(rest);
	jsonw_release(&f.w);
	idset_finish(&f.seen);
	free(f.ids);
	free(f.keep);
	journal_destroy(f.skel);
	return rc;
}

bool
export_plain(const char *name, const unsigned char *plain, size_t len,
	const struct export_options *o, FILE *out, size_t *matched,
	struct ladder_error *err)
{
	int rc = fast_export(name, plain, len, o, out, matched, err);
	if (rc >= 0) {
		return rc == 1;
	}
	struct journal *j = journal_parse(name, plain, len, err);
	if (j == NULL) {
		return false;
	}
	if (matched != NULL) {
		*matched = 0;
		for (size_t i = 0; i < j->n_sessions; i++) {
			*matched += o->questionnaire == NULL ||
				strcmp(o->questionnaire, j->sessions[i].questionnaire) == 0;
		}
	}
	bool ok = export_write(j, o, out);
	if (!ok) {
		error_set(err, LADDER_FAIL, "cannot write the export: %s",
			ferror(out) ? strerror(errno) : "out of memory");
	}
	journal_destroy(j);
	return ok;
}

bool
import_merge(struct journal *j, const char *name, const char *text, size_t len,
	size_t *added, size_t *already, struct ladder_error *err)
{
	static const char *const keys[] = {"format", "format_version", "exported_at",
		"anonymous", "sessions", "notes", "transitions", NULL};
	struct json_doc doc;
	struct journal *in = NULL;
	struct idset have_s = {0}, have_n = {0};
	bool ok = false;
	*added = *already = 0;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return false;
	}
	struct reader r = {&doc, name, LADDER_FAIL, err};
	bool anonymous = false;
	if (!jr_format(&doc, "ladder-export", err) ||
		!jr_keys(&doc, doc.root, "the export", keys, err) ||
		!jr_bool(&doc, doc.root, "anonymous", true, "the export", &anonymous, err)) {
		goto out;
	}
	if (anonymous) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "anonymous"), err,
			"this is an anonymous export (for a facilitator's room view); import takes a full export made with 'ladder export'");
		goto out;
	}
	/* what import does not keep must still be what an export holds */
	const char *exported_at = NULL;
	const cJSON *transitions = NULL;
	int64_t t;
	if (!jr_string(&doc, doc.root, "exported_at", true, "the export", &exported_at, err) ||
		!jr_member(&doc, doc.root, "transitions", cJSON_Array, true, "the export", &transitions, err)) {
		goto out;
	}
	if (!time_parse(exported_at, &t)) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "exported_at"), err,
			"\"exported_at\" of the export is \"%s\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)",
			exported_at);
		goto out;
	}
	if ((in = rd_content(&r, doc.root, false)) == NULL) {
		goto out;
	}
	/* all valid: now merge; sessions and notes already present are kept
	 * as they are (the sets are sized for all ids: adding never fails) */
	if (!idset_init(&have_s, j->n_sessions + in->n_sessions) ||
		!idset_init(&have_n, j->n_notes + in->n_notes)) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		idset_add(&have_s, j->sessions[i].id);
	}
	for (size_t i = 0; i < j->n_notes; i++) {
		idset_add(&have_n, j->notes[i].id);
	}
	size_t new_s = 0, new_n = 0;
	for (size_t i = 0; i < in->n_sessions; i++) {
		new_s += !idset_has(&have_s, in->sessions[i].id);
	}
	for (size_t i = 0; i < in->n_notes; i++) {
		new_n += !idset_has(&have_n, in->notes[i].id);
	}
	/* reserve first so the merge itself cannot fail halfway */
	if (j->n_sessions + new_s > j->cap_sessions) {
		struct journal_session *ns = realloc(j->sessions, (j->n_sessions + new_s) * sizeof(*ns));
		if (ns == NULL) {
			error_set(err, LADDER_FAIL, "out of memory");
			goto out;
		}
		j->sessions = ns;
		j->cap_sessions = j->n_sessions + new_s;
	}
	if (j->n_notes + new_n > j->cap_notes) {
		struct journal_note *nn = realloc(j->notes, (j->n_notes + new_n) * sizeof(*nn));
		if (nn == NULL) {
			error_set(err, LADDER_FAIL, "out of memory");
			goto out;
		}
		j->notes = nn;
		j->cap_notes = j->n_notes + new_n;
	}
	for (size_t i = 0; i < in->n_sessions; i++) {
		if (idset_has(&have_s, in->sessions[i].id)) {
			(*already)++;
			continue;
		}
		idset_add(&have_s, in->sessions[i].id);
		insert_session(j, &in->sessions[i]);
		(*added)++;
	}
	for (size_t i = 0; i < in->n_notes; i++) {
		if (idset_has(&have_n, in->notes[i].id)) {
			(*already)++;
			continue;
		}
		idset_add(&have_n, in->notes[i].id);
		insert_note(j, &in->notes[i]);
		(*added)++;
	}
	ok = true;
out:
	idset_finish(&have_s);
	idset_finish(&have_n);
	journal_destroy(in);
	json_doc_finish(&doc);
	return ok;
}
