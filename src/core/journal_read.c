/* Reading the journal's plaintext (format versions 1 and 2) and the
 * sessions and notes of an import: every check of their content. A
 * version 2 session is read in two steps, the start of its line on
 * opening and the rest when asked for. */
#include "ladder/journal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


#include "journal_impl.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

/* --- reading sessions and notes, from the journal or an import --- */

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
	journal_session_meta(s, res);
	s->loaded = true;
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

bool
jnl_idset_init(struct idset *set, size_t cap)
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

void
jnl_idset_finish(struct idset *set)
{
	free(set->ids);
	free(set->slots);
}

static size_t
idset_slot(const struct idset *set, const char *id)
{
	/* ids are UUIDs (36 characters, random): two words of them, mixed */
	uint64_t a, b;
	memcpy(&a, id, 8);
	memcpy(&b, id + 9, 8);
	uint64_t h = (a ^ (b * UINT64_C(0x9E3779B97F4A7C15))) * UINT64_C(0xBF58476D1CE4E5B9);
	h ^= h >> 31;
	size_t i = (size_t)h & set->mask;
	while (set->slots[i] != 0 && memcmp(set->ids[set->slots[i] - 1], id, UUID_STR_LEN) != 0) {
		i = (i + 1) & set->mask;
	}
	return i;
}

bool
jnl_idset_has(const struct idset *set, const char *id)
{
	return set->slots[idset_slot(set, id)] != 0;
}

/* Twice the room, every id placed again. */
static bool
idset_grow(struct idset *set)
{
	struct idset bigger;
	if (!jnl_idset_init(&bigger, set->cap * 2 + 16)) {
		jnl_idset_finish(&bigger);
		return false;
	}
	for (size_t k = 0; k < set->n; k++) {
		size_t i = idset_slot(&bigger, set->ids[k]);
		memcpy(bigger.ids[bigger.n], set->ids[k], UUID_STR_LEN);
		bigger.slots[i] = ++bigger.n;
	}
	jnl_idset_finish(set);
	*set = bigger;
	return true;
}

/* Adds id; false when out of memory. */
bool
jnl_idset_add(struct idset *set, const char *id)
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
struct journal *
jnl_rd_content(const struct reader *r, const cJSON *root, bool anonymous)
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
	if (!jnl_idset_init(&seen, (size_t)cJSON_GetArraySize(sessions))) {
		rd_fail(r, root, "out of memory");
		goto fail;
	}
	for (const cJSON *o = sessions->child; o != NULL; o = o->next) {
		struct journal_session s = {0};
		if (!rd_session(r, o, anonymous, &s)) {
			jnl_session_finish(&s);
			goto fail;
		}
		if (jnl_idset_has(&seen, s.id)) {
			rd_fail(r, o, "session id %s appears twice", s.id);
			jnl_session_finish(&s);
			goto fail;
		}
		if (!jnl_idset_add(&seen, s.id) || jnl_insert_session(j, &s) == NULL) {
			jnl_session_finish(&s);
			rd_fail(r, o, "out of memory");
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
static struct journal *
parse_root(const struct reader *r, const cJSON *root, int version)
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
		(unf = rd_get(r, root, "unfinished", cJSON_Array, false, "the journal")) == NULL ||
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

/* --- reading version 2: each session's head now, the rest when asked --- */

struct cursor {
	const char *p, *end;
};

static bool
cur_lit(struct cursor *c, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0) {
		return false;
	}
	c->p += n;
	return true;
}

/* A whole number in JSON's form, lo..hi. */
static bool
cur_int(struct cursor *c, int64_t lo, int64_t hi, int64_t *out)
{
	bool neg = c->p < c->end && *c->p == '-';
	const char *d = c->p + neg;
	int64_t v = 0;
	size_t n = 0;
	while (d + n < c->end && d[n] >= '0' && d[n] <= '9') {
		if (n == 15) {
			return false;
		}
		v = v * 10 + (d[n] - '0');
		n++;
	}
	if (n == 0 || (n > 1 && d[0] == '0')) {
		return false;
	}
	v = neg ? -v : v;
	if (v < lo || v > hi) {
		return false;
	}
	c->p = d + n;
	*out = v;
	return true;
}

/* 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, as time_parse reads. */
#define TIME_LAST INT64_C(253402300799)

/* The start of a session's line: id, questionnaire, version, times and
 * stage, in this order and form. what says what was expected when not. */
static bool
head_parse(const char *line, size_t len, struct journal_session *s,
	const char **what)
{
	struct cursor c = {line, line + len};
	int64_t v, st;
	*what = "a session line {\"id\":\"...\", ...}";
	if (len < 2 || line[len - 1] != '}' || !cur_lit(&c, LINE_HEAD)) {
		return false;
	}
	*what = "a lower-case UUID as the session's id";
	if (c.end - c.p < 37 || c.p[36] != '"') {
		return false;
	}
	for (int i = 0; i < 36; i++) {
		char ch = c.p[i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? ch != '-' : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
			return false;
		}
	}
	memcpy(s->id, c.p, 36);
	s->id[36] = '\0';
	c.p += 37;
	*what = "\"questionnaire\":\"ID\"";
	if (!cur_lit(&c, ",\"questionnaire\":\"")) {
		return false;
	}
	const char *q = c.p;
	while (c.p < c.end && *c.p != '"' && c.p - q < 64) {
		char ch = *c.p;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			(ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.')) {
			return false;
		}
		c.p++;
	}
	if (c.p == q || c.p == c.end || *c.p != '"') {
		return false;
	}
	size_t qn = (size_t)(c.p - q);
	c.p++;
	*what = "\"version\": a whole number of 1 or more";
	if (!cur_lit(&c, ",\"version\":") || !cur_int(&c, 1, 1000000000, &v)) {
		return false;
	}
	s->version = (int)v;
	*what = "\"started_at\": seconds since 1970";
	if (!cur_lit(&c, ",\"started_at\":") || !cur_int(&c, 0, TIME_LAST, &s->started_at)) {
		return false;
	}
	*what = "\"completed_at\": seconds since 1970, not before started_at";
	if (!cur_lit(&c, ",\"completed_at\":") ||
		!cur_int(&c, s->started_at, TIME_LAST, &s->completed_at)) {
		return false;
	}
	*what = "\"stage\": a rung from 1 to 4, or null";
	if (!cur_lit(&c, ",\"stage\":")) {
		return false;
	}
	if (cur_lit(&c, "null")) {
		s->stage = STAGE_NONE;
	} else if (cur_int(&c, 1, 4, &st)) {
		s->stage = (enum stage)st;
	} else {
		return false;
	}
	*what = "\"result\" after the stage";
	if (!cur_lit(&c, ",\"result\":")) {
		return false;
	}
	/* what movement needs of the result: score writes rule, set and
	 * repeat first; a result in short is rule 1's; any other is read
	 * later (rule 0 until then) */
	s->rule = 0;
	if (cur_lit(&c, "[\"r2\",") || cur_lit(&c, "{\"rule\":2,\"set\":")) {
		int64_t set = 0;
		bool in_short = c.p[-1] == ',';
		if ((cur_lit(&c, "null") || cur_int(&c, 1, SETS_MAX, &set)) &&
			cur_lit(&c, in_short ? "," : ",\"repeat\":")) {
			s->set = (int)set;
			s->repeat = cur_lit(&c, "true");
			if (s->repeat || cur_lit(&c, "false")) {
				s->rule = SCORING_RULE;
			}
		}
	} else if (c.p < c.end && *c.p == '[') {
		s->rule = 1;
	}
	s->questionnaire = malloc(qn + 1);
	if (s->questionnaire == NULL) {
		*what = NULL; /* out of memory */
		return false;
	}
	memcpy(s->questionnaire, q, qn);
	s->questionnaire[qn] = '\0';
	return true;
}

static bool
push_session(struct journal *j, struct journal_session *s)
{
	if (j->n_sessions == j->cap_sessions) {
		size_t ncap = j->cap_sessions ? j->cap_sessions * 2 : 64;
		struct journal_session *ns = realloc(j->sessions, ncap * sizeof(*ns));
		if (ns == NULL) {
			return false;
		}
		j->sessions = ns;
		j->cap_sessions = ncap;
	}
	j->sessions[j->n_sessions++] = *s;
	return true;
}

/* The item lists of the first line: {"questionnaire": ["item", ...]}. */
static bool
read_items(const struct reader *r, const cJSON *root, struct journal *j)
{
	const cJSON *items = rd_get(r, root, "items", cJSON_Object, false, "the journal");
	if (items == NULL) {
		return false;
	}
	for (const cJSON *q = items->child; q != NULL; q = q->next) {
		if (!jr_valid_id(q->string) || !cJSON_IsArray(q) ||
			jnl_items_find(j->items, j->n_items, q->string) != NULL) {
			return rd_fail(r, q, "\"items\" of the journal is damaged (expected each questionnaire once, with a list of item ids)");
		}
		struct journal_items *list = jnl_items_list(&j->items, &j->n_items, q->string);
		if (list == NULL) {
			return rd_fail(r, q, "out of memory");
		}
		for (const cJSON *id = q->child; id != NULL; id = id->next) {
			if (!cJSON_IsString(id) || !jr_valid_id(id->valuestring) ||
				jnl_items_index(list, id->valuestring) >= 0) {
				return rd_fail(r, id, "\"items\" of the journal is damaged (expected distinct item ids)");
			}
			if (!jnl_items_append(list, id->valuestring)) {
				return rd_fail(r, q, "out of memory");
			}
		}
	}
	return true;
}

/* A version 2 plaintext; its sessions' text is in text (len bytes), which
 * must outlive the journal. */
static struct journal *
parse_v2(const struct reader *r, const char *text, size_t len)
{
	const char *name = r->name;
	struct ladder_error *err = r->err;
	const char *nl = memchr(text, '\n', len);
	size_t klen = strlen(SESSIONS_KEY);
	struct journal *j = NULL;
	struct secret *head = NULL;
	cJSON *root = NULL;
	struct idset seen = {0};
	size_t hlen = nl ? (size_t)(nl - text) : 0;
	if (nl == NULL || hlen < klen || memcmp(nl - klen, SESSIONS_KEY, klen) != 0) {
		error_set(err, LADDER_DAMAGED,
			"%s: the journal's content is damaged (expected its first line to end with \"sessions\":[)",
			name);
		return NULL;
	}
	/* the first line, closed where the sessions begin, is an object */
	if ((head = secret_create(hlen - klen + 1)) == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	memcpy(head->data, text, hlen - klen);
	head->data[hlen - klen] = '}';
	/* read as a version 1 plaintext and a session's line are: by cJSON
	 * (what the journal holds is authenticated and was written by ladder;
	 * a stricter reading here than there would make a journal that opened
	 * unreadable after its next save) */
	const char *end = NULL;
	if ((root = cJSON_ParseWithLengthOpts((const char *)head->data, head->len, &end,
		false)) == NULL || end != (const char *)head->data + head->len ||
		!cJSON_IsObject(root)) {
		error_set(err, LADDER_DAMAGED, "%s: the journal's content is not readable JSON", name);
		goto fail;
	}
	if (cJSON_GetObjectItemCaseSensitive(root, "sessions") != NULL ||
		cJSON_AddArrayToObject(root, "sessions") == NULL) {
		error_set(err, LADDER_DAMAGED, "%s: the journal's content is damaged (\"sessions\" twice)", name);
		goto fail;
	}
	if ((j = parse_root(r, root, 2)) == NULL || !read_items(r, root, j)) {
		goto fail;
	}
	if (!jnl_idset_init(&seen, len / 512 + 16)) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto fail;
	}
	/* the lines: "\n{...}," ... "\n{...}" then "\n]}" at the very end */
	size_t pos = hlen + 1;
	for (size_t n = 0;; n++) {
		if (len - pos == 2 && memcmp(text + pos, "]}", 2) == 0 && n == 0) {
			break;
		}
		const char *line = text + pos;
		const char *lend = memchr(line, '\n', len - pos);
		if (lend == NULL) {
			error_set(err, LADDER_DAMAGED,
				"%s: the journal's content is damaged (expected a line after session %zu)", name, n);
			goto fail;
		}
		size_t ll = (size_t)(lend - line);
		bool more = ll > 0 && line[ll - 1] == ',';
		ll -= more;
		struct journal_session s = {0};
		const char *what = NULL;
		if (!head_parse(line, ll, &s, &what)) {
			jnl_session_finish(&s);
			if (what == NULL) {
				error_set(err, LADDER_FAIL, "out of memory");
			} else {
				error_set(err, LADDER_DAMAGED,
					"%s: session %zu of the journal is damaged (expected %s)", name, n + 1, what);
			}
			goto fail;
		}
		s.text = line;
		s.text_len = ll;
		if (j->n_sessions > 0 && jnl_session_cmp(&j->sessions[j->n_sessions - 1], &s) >= 0) {
			error_set(err, LADDER_DAMAGED,
				"%s: session %zu of the journal is damaged (expected the sessions in time order)",
				name, n + 1);
			jnl_session_finish(&s);
			goto fail;
		}
		if (jnl_idset_has(&seen, s.id)) {
			error_set(err, LADDER_DAMAGED, "%s: session id %s appears twice", name, s.id);
			jnl_session_finish(&s);
			goto fail;
		}
		if (!jnl_idset_add(&seen, s.id) || !push_session(j, &s)) {
			jnl_session_finish(&s);
			error_set(err, LADDER_FAIL, "out of memory");
			goto fail;
		}
		pos = (size_t)(lend - text) + 1;
		if (!more) {
			if (len - pos != 2 || memcmp(text + pos, "]}", 2) != 0) {
				error_set(err, LADDER_DAMAGED,
					"%s: the journal's content is damaged (expected it to end with ]} after the last session)",
					name);
				goto fail;
			}
			break;
		}
	}
	jnl_idset_finish(&seen);
	cJSON_Delete(root);
	secret_destroy(head);
	return j;
fail:
	jnl_idset_finish(&seen);
	cJSON_Delete(root);
	secret_destroy(head);
	journal_destroy(j);
	return NULL;
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
		j = parse_v2(&r, text, len);
	} else {
		/* version 1: one line of JSON, all read now */
		cJSON *root = cJSON_ParseWithLength(text, len);
		if (root == NULL || !cJSON_IsObject(root)) {
			error_set(err, LADDER_DAMAGED, "%s: the journal's content is not readable JSON", name);
		} else {
			j = parse_root(&r, root, 1);
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

/* The answers object short answers stand for, or NULL (*what says what
 * was expected; NULL when out of memory). */
static cJSON *
expand_answers(const struct journal *j, const struct journal_session *s,
	const cJSON *a, const char **what)
{
	const struct journal_items *list = j != NULL ?
		jnl_items_find(j->items, j->n_items, s->questionnaire) : NULL;
	cJSON *o = cJSON_CreateObject();
	size_t k = 0;
	*what = NULL;
	if (o == NULL) {
		return NULL;
	}
	for (const cJSON *v = a->child; v != NULL; v = v->next, k++) {
		if (list == NULL || k >= list->n) {
			*what = "no more answers than the journal's list of items";
			cJSON_Delete(o);
			return NULL;
		}
		if (cJSON_IsFalse(v)) {
			continue; /* no answer */
		}
		cJSON *c = cJSON_Duplicate(v, false);
		if (c == NULL) {
			cJSON_Delete(o);
			return NULL;
		}
		cJSON_AddItemToObject(o, list->ids[k], c);
	}
	return o;
}

void
jnl_body_finish(struct body *b)
{
	cJSON_Delete(b->tree);
	cJSON_Delete(b->expanded);
	cJSON_Delete(b->answers_expanded);
	memset(b, 0, sizeof(*b));
}

/* Reads s's line into b (not into s). */
static bool
body_read(const struct journal *j, const struct journal_session *s,
	struct body *b, struct ladder_error *err)
{
	static const char *const keys[] = {"id", "questionnaire", "version",
		"started_at", "completed_at", "stage", "result", "answers", "note"};
	char name[600], damaged_name[640];
	snprintf(name, sizeof(name), "%s: session %s", j && j->name ? j->name : "journal", s->id);
	/* what the checks shared with imports find: "...is damaged: why" */
	snprintf(damaged_name, sizeof(damaged_name), "%s is damaged", name);
	struct reader r = {NULL, damaged_name, LADDER_DAMAGED, err};
	const char *what = "one JSON object";
	const cJSON *m[9] = {0};
	memset(b, 0, sizeof(*b));
	if (s->text == NULL) { /* neither loaded nor read from a plaintext */
		return error_set(err, LADDER_FAIL, "%s: nothing to read", name);
	}
	/* the line is authenticated and ours: cJSON's own reading is enough
	 * (as for a whole version 1 plaintext), as long as it is all of it */
	const char *end = NULL;
	if ((b->tree = cJSON_ParseWithLengthOpts(s->text, s->text_len, &end, false)) == NULL ||
		end != s->text + s->text_len || !cJSON_IsObject(b->tree)) {
		goto damaged;
	}
	what = "the members id, questionnaire, version, started_at, completed_at, stage, result, answers, note in this order";
	const cJSON *c = b->tree->child;
	for (int k = 0; k < 9; k++, c = c ? c->next : NULL) {
		if ((m[k] = jnl_member_named(c, keys[k])) == NULL) {
			goto damaged;
		}
	}
	if (c != NULL) {
		goto damaged;
	}
	what = "the same id, questionnaire, times and stage as its start";
	if (!cJSON_IsString(m[0]) || strcmp(m[0]->valuestring, s->id) != 0 ||
		!cJSON_IsString(m[1]) || strcmp(m[1]->valuestring, s->questionnaire) != 0 ||
		!cJSON_IsNumber(m[2]) || m[2]->valuedouble != s->version ||
		!cJSON_IsNumber(m[3]) || m[3]->valuedouble != (double)s->started_at ||
		!cJSON_IsNumber(m[4]) || m[4]->valuedouble != (double)s->completed_at) {
		goto damaged;
	}
	enum stage st = STAGE_NONE;
	const cJSON *mark = cJSON_IsArray(m[6]) ? m[6]->child : NULL;
	if (cJSON_IsString(mark)) { /* rule 2 in short */
		if ((b->expanded = jnl_short2_decode(m[6], s, &what)) == NULL) {
			if (what == NULL) {
				return error_set(err, LADDER_FAIL, "out of memory");
			}
			goto damaged_result;
		}
		if (!rd_result(&r, b->expanded, &st)) {
			jnl_body_finish(b);
			return false;
		}
		b->result = b->expanded;
	} else if (cJSON_IsArray(m[6])) {
		if ((b->expanded = jnl_short1_decode(m[6], s, &what)) == NULL) {
			if (what == NULL) {
				return error_set(err, LADDER_FAIL, "out of memory");
			}
			goto damaged_result;
		}
		b->result = b->expanded;
		const cJSON *sv = cJSON_GetObjectItemCaseSensitive(b->expanded, "stage");
		st = cJSON_IsString(sv) ? stage_from_id(sv->valuestring) : STAGE_NONE;
	} else if (cJSON_IsObject(m[6])) {
		if (!rd_result(&r, m[6], &st)) {
			jnl_body_finish(b);
			return false;
		}
		b->result = m[6];
	} else {
		what = "\"result\" to be an array or an object";
		goto damaged;
	}
	what = "\"stage\" to be the result's";
	if (!jnl_is_number_or_null(m[5]) ||
		(cJSON_IsNull(m[5]) ? STAGE_NONE : (enum stage)m[5]->valueint) != st) {
		goto damaged;
	}
	const cJSON *answers = m[7];
	if (cJSON_IsArray(answers)) {
		if ((b->answers_expanded = expand_answers(j, s, answers, &what)) == NULL) {
			if (what == NULL) {
				jnl_body_finish(b);
				return error_set(err, LADDER_FAIL, "out of memory");
			}
			goto damaged;
		}
		answers = b->answers_expanded;
	} else if (!cJSON_IsObject(answers)) {
		what = "\"answers\" to be an array or an object";
		goto damaged;
	}
	if (!rd_answers(&r, answers, "the session")) {
		jnl_body_finish(b);
		return false;
	}
	if (!cJSON_IsNull(m[8]) && !cJSON_IsString(m[8])) {
		what = "\"note\" to be a string or null";
		goto damaged;
	}
	b->answers = answers;
	b->note = cJSON_IsString(m[8]) && m[8]->valuestring[0] != '\0' ? m[8]->valuestring : NULL;
	return true;
damaged_result:
	jnl_body_finish(b);
	return error_set(err, LADDER_DAMAGED, "%s is damaged (expected in its result %s)", name, what);
damaged:
	jnl_body_finish(b);
	return error_set(err, LADDER_DAMAGED, "%s is damaged (expected %s)", name, what);
}

bool
jnl_body_get(const struct journal *j, const struct journal_session *s,
	struct body *b, struct ladder_error *err)
{
	if (s->loaded) {
		*b = (struct body){s->answers, s->result, s->note, NULL, NULL, NULL};
		return true;
	}
	return body_read(j, s, b, err);
}

bool
journal_session_load(const struct journal *j, struct journal_session *s,
	struct ladder_error *err)
{
	struct body b;
	if (s->loaded) {
		return true;
	}
	if (!body_read(j, s, &b, err)) {
		return false;
	}
	/* what was read in full is moved out of the line's tree, not copied */
	cJSON *answers = b.answers_expanded != NULL ? b.answers_expanded :
		cJSON_DetachItemViaPointer(b.tree, (cJSON *)b.answers);
	cJSON *result = b.expanded != NULL ? b.expanded :
		cJSON_DetachItemViaPointer(b.tree, (cJSON *)b.result);
	b.expanded = NULL;
	b.answers_expanded = NULL;
	bool has_note = b.note != NULL;
	char *note = has_note ? str_dup(b.note) : NULL;
	jnl_body_finish(&b);
	if (answers == NULL || result == NULL || (has_note && note == NULL)) {
		cJSON_Delete(answers);
		cJSON_Delete(result);
		free(note);
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	s->answers = answers;
	s->result = result;
	s->note = note;
	s->loaded = true;
	return true;
}

bool
journal_session_has_note(const struct journal_session *s)
{
	static const char none[] = ",\"note\":null}";
	if (s->loaded || s->text == NULL) {
		return s->note != NULL;
	}
	/* the note is the line's last member (body_read checks it is) */
	return s->text_len < sizeof(none) - 1 ||
		memcmp(s->text + s->text_len - (sizeof(none) - 1), none, sizeof(none) - 1) != 0;
}

bool
journal_verify(const struct journal *j, struct ladder_error *err)
{
	for (size_t i = 0; i < j->n_sessions; i++) {
		struct body b;
		if (!jnl_body_get(j, &j->sessions[i], &b, err)) {
			return false;
		}
		jnl_body_finish(&b);
	}
	return true;
}

