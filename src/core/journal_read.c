/* Reading the journal's plaintext and the sessions and notes of an
 * import: every check of their content, format version 1 (one JSON
 * document) and the first line of version 2; which version a plaintext
 * is. The rest of version 2 is in journal_read_v2.c (each session's head
 * on opening) and journal_body.c (the rest when asked for). */
#include "ladder/journal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

/* --- reading sessions and notes, from the journal or an import --- */

bool
jnl_rd_fail(const struct reader *r, const cJSON *node, const char *fmt, ...)
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

const cJSON *
jnl_rd_get(const struct reader *r, const cJSON *obj, const char *key, int type,
	bool nullable, const char *what)
{
	static const char *const names[] = {"", "false/true", "true/false", "null",
		"a number", "a string", "an array", "an object"};
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (m == NULL) {
		jnl_rd_fail(r, obj, "%s has no \"%s\"", what, key);
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
		jnl_rd_fail(r, m, "expected \"%s\" of %s to be %s%s", key, what,
			names[idx + 1 < 8 ? idx + 1 : 0], nullable ? " or null" : "");
		return NULL;
	}
	return m;
}

static bool
rd_time(const struct reader *r, const cJSON *obj, const char *key,
	const char *what, int64_t *out)
{
	const cJSON *m = jnl_rd_get(r, obj, key, cJSON_String, false, what);
	if (m == NULL) {
		return false;
	}
	if (!time_parse(m->valuestring, out)) {
		return jnl_rd_fail(r, m, "\"%s\" of %s is \"%s\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)",
			key, what, m->valuestring);
	}
	return true;
}

static bool
rd_id(const struct reader *r, const cJSON *obj, const char *what, char out[UUID_STR_LEN])
{
	const cJSON *m = jnl_rd_get(r, obj, "id", cJSON_String, false, what);
	if (m == NULL) {
		return false;
	}
	if (!uuid_valid(m->valuestring)) {
		return jnl_rd_fail(r, m, "id \"%s\" of %s is not a UUID (expected 8-4-4-4-12 hex digits)",
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
	const cJSON *q = jnl_rd_get(r, obj, "questionnaire", cJSON_Object, false, what);
	const cJSON *qid = q ? jnl_rd_get(r, q, "id", cJSON_String, false, "\"questionnaire\"") : NULL;
	const cJSON *qv = qid ? jnl_rd_get(r, q, "version", cJSON_Number, false, "\"questionnaire\"") : NULL;
	if (qv == NULL) {
		return false;
	}
	if (!jr_valid_id(qid->valuestring)) {
		return jnl_rd_fail(r, qid, "invalid questionnaire id \"%s\"", qid->valuestring);
	}
	if (qv->valuedouble < 1 || qv->valuedouble > 1e9 || qv->valuedouble != (int)qv->valuedouble) {
		return jnl_rd_fail(r, qv, "questionnaire version must be a whole number of 1 or more");
	}
	*id = str_dup(qid->valuestring);
	*version = (int)qv->valuedouble;
	return *id != NULL || jnl_rd_fail(r, obj, "out of memory");
}

/* The answers object: item ids to a whole number, an option id, or null. */
bool
jnl_rd_answers(const struct reader *r, const cJSON *a, const char *what)
{
	for (const cJSON *m = a->child; m != NULL; m = m->next) {
		if (!jr_valid_id(m->string)) {
			return jnl_rd_fail(r, m, "invalid item id \"%s\" in the answers of %s", m->string, what);
		}
		bool ok = cJSON_IsNull(m) || (cJSON_IsString(m) && jr_valid_id(m->valuestring)) ||
			(cJSON_IsNumber(m) && m->valuedouble >= -1e9 && m->valuedouble <= 1e9 &&
				m->valuedouble == (int)m->valuedouble);
		if (!ok) {
			return jnl_rd_fail(r, m, "answer to \"%s\" in %s must be a whole number, an option id or null",
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
	const cJSON *st = jnl_rd_get(r, res, "stage", cJSON_String, true, what);
	if (st == NULL) {
		return false;
	}
	*stage = STAGE_NONE;
	if (cJSON_IsString(st)) {
		*stage = stage_from_id(st->valuestring);
		if (*stage == STAGE_NONE) {
			return jnl_rd_fail(r, st, "unknown stage \"%s\" in %s (expected one of \"unconscious_incompetence\", \"conscious_incompetence\", \"conscious_competence\", \"unconscious_competence\" or null)",
				st->valuestring, what);
		}
	}
	const cJSON *axes = jnl_rd_get(r, res, "axes", cJSON_Object, false, what);
	if (axes == NULL) {
		return false;
	}
	for (int x = 0; x < AXIS_COUNT; x++) {
		const cJSON *v = jnl_rd_get(r, axes, axis_id((enum axis)x), cJSON_Number, true, "\"axes\"");
		if (v == NULL) {
			return false;
		}
		if (cJSON_IsNumber(v) && (v->valuedouble < 0 || v->valuedouble > 1)) {
			return jnl_rd_fail(r, v, "axis \"%s\" is %g (expected a number from 0 to 1 or null)",
				axis_id((enum axis)x), v->valuedouble);
		}
	}
	return true;
}

bool
jnl_rd_result(const struct reader *r, const cJSON *res, enum stage *stage)
{
	if (!rd_placement(r, res, "the result", stage)) {
		return false;
	}
	const cJSON *facets = jnl_rd_get(r, res, "facets", cJSON_Array, false, "the result");
	if (facets == NULL) {
		return false;
	}
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		enum stage fs;
		if (!cJSON_IsObject(f)) {
			return jnl_rd_fail(r, f, "expected the facets of the result to be objects");
		}
		if (jnl_rd_get(r, f, "id", cJSON_String, false, "a facet of the result") == NULL ||
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
		return jnl_rd_fail(r, o, "expected each session to be an object {...}");
	}
	const cJSON *res, *ans = NULL, *note = NULL;
	if (!rd_id(r, o, what, s->id) ||
		!rd_questionnaire(r, o, what, &s->questionnaire, &s->version) ||
		!rd_time(r, o, "started_at", what, &s->started_at) ||
		!rd_time(r, o, "completed_at", what, &s->completed_at) ||
		(res = jnl_rd_get(r, o, "result", cJSON_Object, false, what)) == NULL ||
		!jnl_rd_result(r, res, &s->stage)) {
		return false;
	}
	if (s->completed_at < s->started_at) {
		return jnl_rd_fail(r, cJSON_GetObjectItemCaseSensitive(o, "completed_at"),
			"session %s was completed before it was started", s->id);
	}
	if (!anonymous) {
		if ((ans = jnl_rd_get(r, o, "answers", cJSON_Object, false, what)) == NULL ||
			!jnl_rd_answers(r, ans, what) ||
			(note = jnl_rd_get(r, o, "note", cJSON_String, true, what)) == NULL) {
			return false;
		}
	}
	journal_session_meta(s, res);
	s->loaded = true;
	s->result = rd_take(r, o, res);
	s->answers = ans ? rd_take(r, o, ans) : cJSON_CreateObject();
	if (note != NULL && cJSON_IsString(note) && note->valuestring[0] != '\0') {
		s->note = str_dup(note->valuestring);
		if (s->note == NULL) {
			return jnl_rd_fail(r, o, "out of memory");
		}
	}
	if (s->result == NULL || s->answers == NULL) {
		return jnl_rd_fail(r, o, "out of memory");
	}
	return true;
}

static bool
rd_note(const struct reader *r, const cJSON *o, struct journal_note *n)
{
	if (!cJSON_IsObject(o)) {
		return jnl_rd_fail(r, o, "expected each note to be an object {...}");
	}
	const cJSON *text;
	if (!rd_id(r, o, "a note", n->id) || !rd_time(r, o, "at", "a note", &n->at) ||
		(text = jnl_rd_get(r, o, "text", cJSON_String, false, "a note")) == NULL) {
		return false;
	}
	n->text = str_dup(text->valuestring);
	return n->text != NULL || jnl_rd_fail(r, o, "out of memory");
}

static bool
rd_unfinished(const struct reader *r, const cJSON *o, struct journal_unfinished *u)
{
	const char *what = "an unfinished session";
	const cJSON *pos, *ans;
	if (!cJSON_IsObject(o)) {
		return jnl_rd_fail(r, o, "expected each unfinished session to be an object {...}");
	}
	if (!rd_questionnaire(r, o, what, &u->questionnaire, &u->version) ||
		!rd_time(r, o, "started_at", what, &u->started_at) ||
		(pos = jnl_rd_get(r, o, "position", cJSON_Number, false, what)) == NULL ||
		(ans = jnl_rd_get(r, o, "answers", cJSON_Object, false, what)) == NULL ||
		!jnl_rd_answers(r, ans, what)) {
		return false;
	}
	if (pos->valuedouble < 0 || pos->valuedouble > 1e6) {
		return jnl_rd_fail(r, pos, "position of %s is out of range", what);
	}
	u->position = (size_t)pos->valuedouble;
	u->answers = rd_take(r, o, ans);
	return u->answers != NULL || jnl_rd_fail(r, o, "out of memory");
}

/* Reads the "sessions" and "notes" arrays of root into a new journal. */
struct journal *
jnl_rd_content(const struct reader *r, const cJSON *root, bool anonymous)
{
	struct journal *j = calloc(1, sizeof(*j));
	if (j == NULL) {
		jnl_rd_fail(r, root, "out of memory");
		return NULL;
	}
	const cJSON *sessions = jnl_rd_get(r, root, "sessions", cJSON_Array, false, "the document");
	const cJSON *notes = sessions ? jnl_rd_get(r, root, "notes", cJSON_Array, false, "the document") : NULL;
	struct idset seen = {0};
	if (notes == NULL) {
		goto fail;
	}
	if (!jnl_idset_init(&seen, (size_t)cJSON_GetArraySize(sessions))) {
		jnl_rd_fail(r, root, "out of memory");
		goto fail;
	}
	for (const cJSON *o = sessions->child; o != NULL; o = o->next) {
		struct journal_session s = {0};
		if (!rd_session(r, o, anonymous, &s)) {
			jnl_session_finish(&s);
			goto fail;
		}
		if (jnl_idset_has(&seen, s.id)) {
			jnl_rd_fail(r, o, "session id %s appears twice", s.id);
			jnl_session_finish(&s);
			goto fail;
		}
		if (!jnl_idset_add(&seen, s.id) || jnl_insert_session(j, &s) == NULL) {
			jnl_session_finish(&s);
			jnl_rd_fail(r, o, "out of memory");
			goto fail;
		}
	}
	for (const cJSON *o = notes->child; o != NULL; o = o->next) {
		struct journal_note n = {0};
		if (!rd_note(r, o, &n) || jnl_insert_note(j, &n) == NULL) {
			free(n.text);
			goto fail;
		}
	}
	jnl_idset_finish(&seen);
	return j;
fail:
	jnl_idset_finish(&seen);
	journal_destroy(j);
	return NULL;
}

/* The journal's plaintext, parsed: everything journal_parse checks once
 * it has a JSON object of the given format version. */
struct journal *
jnl_parse_root(const struct reader *r, const cJSON *root, int version)
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
	if (v->valuedouble != version && (v->valuedouble == 1 || v->valuedouble == 2)) {
		error_set(err, LADDER_DAMAGED,
			"%s: the journal's content is damaged (not laid out as format version %g is)",
			name, v->valuedouble);
		goto out;
	}
	if (v->valuedouble != version) {
		error_set(err, LADDER_DAMAGED,
			"%s: the journal's content is format version %g; this ladder reads versions 1 and 2 (a newer ladder wrote it?)",
			name, v->valuedouble);
		goto out;
	}
	int64_t created;
	const cJSON *unf;
	if (!rd_time(r, root, "created_at", "the journal", &created) ||
		(unf = jnl_rd_get(r, root, "unfinished", cJSON_Array, false, "the journal")) == NULL ||
		(j = jnl_rd_content(r, root, false)) == NULL) {
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
			jnl_unfinished_finish(&j->unfinished[j->n_unfinished]);
			journal_destroy(j);
			j = NULL;
			goto out;
		}
		j->n_unfinished++;
	}
out:
	return j;
}

/* keep: the journal takes plain (NULL: the bytes are borrowed and must
 * outlive it). */
struct journal *
jnl_parse_text(const char *name, const unsigned char *plain, size_t len,
	struct secret *keep, struct ladder_error *err)
{
	struct reader r = {NULL, name, LADDER_DAMAGED, err};
	struct journal *j = NULL;
	const char *text = (const char *)plain;
	char *copy = str_dup(name);
	if (copy == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
	} else if (len >= strlen(V2_START) && memcmp(text, V2_START, strlen(V2_START)) == 0) {
		j = jnl_parse_v2(&r, text, len);
	} else {
		/* version 1: one line of JSON, all read now */
		cJSON *root = cJSON_ParseWithLength(text, len);
		if (root == NULL || !cJSON_IsObject(root)) {
			error_set(err, LADDER_DAMAGED, "%s: the journal's content is not readable JSON", name);
		} else {
			j = jnl_parse_root(&r, root, 1);
		}
		cJSON_Delete(root);
		secret_destroy(keep); /* nothing points into it */
		keep = NULL;
	}
	if (j == NULL) {
		free(copy);
		secret_destroy(keep);
		return NULL;
	}
	j->name = copy;
	j->plain = keep;
	/* results of a shape the head does not tell: read their rule and set
	 * now (a damaged one stays off the ladder, as rule 1) */
	for (size_t i = 0; i < j->n_sessions; i++) {
		struct journal_session *s = &j->sessions[i];
		if (s->rule != 0) {
			continue;
		}
		struct body b;
		struct ladder_error ignored;
		s->rule = 1;
		if (jnl_body_get(j, s, &b, &ignored)) {
			journal_session_meta(s, b.result);
			jnl_body_finish(&b);
		}
	}
	return j;
}

struct journal *
journal_parse(const char *name, const unsigned char *plain, size_t len,
	struct ladder_error *err)
{
	struct secret *copy = secret_from_bytes(plain, len);
	if (copy == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	return jnl_parse_text(name, copy->data, copy->len, copy, err);
}

struct journal *
journal_view(const char *name, const unsigned char *plain, size_t len,
	struct ladder_error *err)
{
	return jnl_parse_text(name, plain, len, NULL, err);
}

struct journal *
journal_adopt(const char *name, struct secret *plain, struct ladder_error *err)
{
	return jnl_parse_text(name, plain->data, plain->len, plain, err);
}
