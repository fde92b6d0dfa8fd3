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

static void items_free(struct journal_items *items, size_t n);

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
	secret_destroy(j->plain);
	items_free(j->items, j->n_items);
	free(j->name);
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
	s.loaded = true;
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
journal_session_set_note(const struct journal *j, struct journal_session *s,
	const char *text, struct ladder_error *err)
{
	char *copy = NULL;
	if (!journal_session_load(j, s, err)) {
		return false;
	}
	if (text != NULL && text[0] != '\0' && (copy = str_dup(text)) == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	free(s->note);
	s->note = copy;
	s->text = NULL; /* written anew at the next save */
	s->text_len = 0;
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

/* A session's answers, result and note: its own once it is loaded, else
 * read from its text for a moment (body_finish frees what was read). */
struct body {
	const cJSON *answers, *result;
	const char *note;
	cJSON *tree; /* the session's text parsed, when read for the moment */
	cJSON *expanded; /* the result, when stored in short */
	cJSON *answers_expanded; /* the answers, when stored in short */
};

static bool body_get(const struct journal *j, const struct journal_session *s,
	struct body *b, struct ladder_error *err);
static void body_finish(struct body *b);

static cJSON *
session_json(const struct journal_session *s, const struct body *b,
	const char *id, bool anonymous)
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
	cJSON_AddItemToObject(o, "result", cJSON_Duplicate(b->result, true));
	if (!anonymous) {
		cJSON_AddItemToObject(o, "answers", cJSON_Duplicate(b->answers, true));
		if (b->note != NULL) {
			cJSON_AddStringToObject(o, "note", b->note);
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
write_session(struct jsonw *w, const struct journal_session *s,
	const struct body *b, const char *id, bool anonymous)
{
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, id);
	write_questionnaire(w, s->questionnaire, s->version);
	write_time(w, "started_at", s->started_at, anonymous);
	write_time(w, "completed_at", s->completed_at, anonymous);
	jsonw_member(w, "result");
	jsonw_node(w, b->result);
	if (!anonymous) {
		jsonw_member(w, "answers");
		jsonw_node(w, b->answers);
		jsonw_member(w, "note");
		if (b->note != NULL) {
			jsonw_string(w, b->note);
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

/* --- the plaintext, format version 2 (ladder-journal(5)) ---
 *
 * One line holds everything but the sessions, ending in "sessions":[ ;
 * then each session is a line of its own; the last line is ]} . A
 * session's line starts with what lists need, in a fixed order and form
 * (times in seconds, the stage as its rung), so that opening reads only
 * that much of each; the result follows in short, as an array, when it
 * has the shape score gives it (else as the object it is). */

#define LINE_HEAD "{\"id\":\""
#define SESSIONS_KEY ",\"sessions\":["
#define V2_START "{\"format\":\"ladder-journal\",\"format_version\":2,"

static const cJSON *
member_named(const cJSON *m, const char *key)
{
	return m != NULL && m->string != NULL && strcmp(m->string, key) == 0 ? m : NULL;
}

static bool
is_stage_or_null(const cJSON *v)
{
	return cJSON_IsNull(v) ||
		(cJSON_IsString(v) && stage_from_id(v->valuestring) != STAGE_NONE);
}

static bool
is_number_or_null(const cJSON *v)
{
	return cJSON_IsNull(v) || cJSON_IsNumber(v);
}

/* The members of a placement from *m on, in score's order and kinds:
 * stage, borderline, nearest_stage, axes, calibration_gap,
 * measured_competence, placed_awareness. *m moves past them. */
static bool
placement_has_shape(const cJSON **m)
{
	const cJSON *st = member_named(*m, "stage");
	const cJSON *bl = st ? member_named(st->next, "borderline") : NULL;
	const cJSON *ns = bl ? member_named(bl->next, "nearest_stage") : NULL;
	const cJSON *ax = ns ? member_named(ns->next, "axes") : NULL;
	if (ax == NULL || !is_stage_or_null(st) || !cJSON_IsBool(bl) ||
		!is_stage_or_null(ns) || !cJSON_IsObject(ax)) {
		return false;
	}
	const cJSON *v = ax->child;
	for (int x = 0; x < AXIS_COUNT; x++, v = v->next) {
		if (member_named(v, axis_id((enum axis)x)) == NULL || !is_number_or_null(v)) {
			return false;
		}
	}
	if (v != NULL) {
		return false;
	}
	static const char *const rest[] = {"calibration_gap", "measured_competence",
		"placed_awareness"};
	v = ax->next;
	for (size_t k = 0; k < 3; k++, v = v->next) {
		if (member_named(v, rest[k]) == NULL || !is_number_or_null(v)) {
			return false;
		}
	}
	*m = v;
	return true;
}

/* Whether res is a result object as score makes it, for questionnaire
 * qid version qv: then it is stored in short. */
static bool
result_has_shape(const cJSON *res, const char *qid, int qv)
{
	const cJSON *q = member_named(res->child, "questionnaire");
	if (q == NULL || !cJSON_IsObject(q)) {
		return false;
	}
	const cJSON *id = member_named(q->child, "id");
	const cJSON *v = id ? member_named(id->next, "version") : NULL;
	if (v == NULL || v->next != NULL || !cJSON_IsString(id) ||
		strcmp(id->valuestring, qid) != 0 || !cJSON_IsNumber(v) || v->valuedouble != qv) {
		return false;
	}
	const cJSON *m = q->next;
	if (!placement_has_shape(&m)) {
		return false;
	}
	const cJSON *facets = member_named(m, "facets");
	const cJSON *answered = facets ? member_named(facets->next, "answered") : NULL;
	const cJSON *total = answered ? member_named(answered->next, "total") : NULL;
	if (total == NULL || total->next != NULL || !cJSON_IsArray(facets) ||
		!cJSON_IsNumber(answered) || !cJSON_IsNumber(total)) {
		return false;
	}
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		const cJSON *fid = cJSON_IsObject(f) ? member_named(f->child, "id") : NULL;
		const cJSON *fm = fid ? fid->next : NULL;
		if (!cJSON_IsString(fid) || !placement_has_shape(&fm) || fm != NULL) {
			return false;
		}
	}
	return true;
}

static void
write_rung(struct jsonw *w, const cJSON *v)
{
	if (cJSON_IsString(v)) {
		jsonw_number(w, stage_from_id(v->valuestring));
	} else {
		jsonw_null(w);
	}
}

/* A placement in short: [stage, borderline, nearest, the axes,
 * calibration_gap, measured_competence, placed_awareness] without the
 * brackets; m is its "stage" member (placement_has_shape holds). */
static void
write_placement_short(struct jsonw *w, const cJSON *m)
{
	jsonw_element(w);
	write_rung(w, m);
	m = m->next;
	jsonw_element(w);
	jsonw_bool(w, cJSON_IsTrue(m));
	m = m->next;
	jsonw_element(w);
	write_rung(w, m);
	m = m->next;
	for (const cJSON *v = m->child; v != NULL; v = v->next) {
		jsonw_element(w);
		jsonw_node(w, v);
	}
	for (m = m->next; m != NULL && strcmp(m->string, "facets") != 0; m = m->next) {
		jsonw_element(w);
		jsonw_node(w, m);
	}
}

/* [placement..., answered, total, [[facet id, placement...], ...]] */
static void
write_result_short(struct jsonw *w, const cJSON *res)
{
	const cJSON *m = res->child->next; /* past "questionnaire" */
	jsonw_open(w, '[');
	write_placement_short(w, m);
	const cJSON *facets = cJSON_GetObjectItemCaseSensitive(res, "facets");
	jsonw_element(w);
	jsonw_node(w, facets->next);
	jsonw_element(w);
	jsonw_node(w, facets->next->next);
	jsonw_element(w);
	jsonw_open(w, '[');
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		jsonw_element(w);
		jsonw_open(w, '[');
		jsonw_element(w);
		jsonw_node(w, f->child);
		write_placement_short(w, f->child->next);
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_close(w);
}

/* --- item lists: stored answers name items by their place in a list --- */

static void
items_free(struct journal_items *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < items[i].n; k++) {
			free(items[i].ids[k]);
		}
		free(items[i].ids);
		free(items[i].questionnaire);
	}
	free(items);
}

static struct journal_items *
items_find(struct journal_items *items, size_t n, const char *questionnaire)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].questionnaire, questionnaire) == 0) {
			return &items[i];
		}
	}
	return NULL;
}

static long
items_index(const struct journal_items *list, const char *id)
{
	for (size_t k = 0; list != NULL && k < list->n; k++) {
		if (strcmp(list->ids[k], id) == 0) {
			return (long)k;
		}
	}
	return -1;
}

static bool
items_append(struct journal_items *list, const char *id)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 32;
		char **ni = realloc(list->ids, cap * sizeof(*ni));
		if (ni == NULL) {
			return false;
		}
		list->ids = ni;
		list->cap = cap;
	}
	if ((list->ids[list->n] = str_dup(id)) == NULL) {
		return false;
	}
	list->n++;
	return true;
}

/* The list of questionnaire, made empty when there is none yet. */
static struct journal_items *
items_list(struct journal_items **items, size_t *n, const char *questionnaire)
{
	struct journal_items *list = items_find(*items, *n, questionnaire);
	if (list != NULL) {
		return list;
	}
	struct journal_items *ni = realloc(*items, (*n + 1) * sizeof(*ni));
	if (ni == NULL) {
		return NULL;
	}
	*items = ni;
	list = &ni[*n];
	memset(list, 0, sizeof(*list));
	if ((list->questionnaire = str_dup(questionnaire)) == NULL) {
		return NULL;
	}
	(*n)++;
	return list;
}

static bool
items_copy(const struct journal_items *from, size_t n, struct journal_items **to,
	size_t *n_to)
{
	*to = NULL;
	*n_to = 0;
	for (size_t i = 0; i < n; i++) {
		struct journal_items *list = items_list(to, n_to, from[i].questionnaire);
		for (size_t k = 0; list != NULL && k < from[i].n; k++) {
			if (!items_append(list, from[i].ids[k])) {
				list = NULL;
			}
		}
		if (list == NULL) {
			return false;
		}
	}
	return true;
}

/* The answers in short, as values in list's order (false where an item
 * has no answer), when their items come in that order; items not in the
 * list yet are added to it. False: write the object as it is. */
static bool
answers_in_order(const cJSON *answers, struct journal_items *list, bool *failed)
{
	long last = -1;
	for (const cJSON *m = answers->child; m != NULL; m = m->next) {
		long k = items_index(list, m->string);
		if (k < 0) {
			if (!items_append(list, m->string)) {
				*failed = true;
				return false;
			}
			k = (long)list->n - 1;
		}
		if (k <= last) {
			return false;
		}
		last = k;
	}
	return true;
}

static void
write_answers_short(struct jsonw *w, const cJSON *answers,
	const struct journal_items *list)
{
	jsonw_open(w, '[');
	size_t k = 0;
	for (const cJSON *m = answers->child; m != NULL; m = m->next) {
		size_t at = (size_t)items_index(list, m->string);
		for (; k < at; k++) {
			jsonw_element(w);
			jsonw_bool(w, false);
		}
		jsonw_element(w);
		jsonw_node(w, m);
		k++;
	}
	jsonw_close(w);
}

/* A session's line (without the newline); s is loaded. Its answers are
 * written in short by the item lists in items (which may grow). */
static void
write_line(struct jsonw *w, const struct journal_session *s,
	struct journal_items **items, size_t *n_items)
{
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, s->id);
	jsonw_member(w, "questionnaire");
	jsonw_string(w, s->questionnaire);
	jsonw_member(w, "version");
	jsonw_number(w, s->version);
	jsonw_member(w, "started_at");
	jsonw_number(w, (double)s->started_at);
	jsonw_member(w, "completed_at");
	jsonw_number(w, (double)s->completed_at);
	jsonw_member(w, "stage");
	if (s->stage == STAGE_NONE) {
		jsonw_null(w);
	} else {
		jsonw_number(w, s->stage);
	}
	jsonw_member(w, "result");
	if (result_has_shape(s->result, s->questionnaire, s->version)) {
		write_result_short(w, s->result);
	} else {
		jsonw_node(w, s->result);
	}
	jsonw_member(w, "answers");
	struct journal_items *list = items_list(items, n_items, s->questionnaire);
	bool failed = list == NULL;
	if (!failed && answers_in_order(s->answers, list, &failed)) {
		write_answers_short(w, s->answers, list);
	} else {
		jsonw_node(w, s->answers);
	}
	if (failed) {
		w->failed = true; /* out of memory */
	}
	jsonw_member(w, "note");
	if (s->note != NULL) {
		jsonw_string(w, s->note);
	} else {
		jsonw_null(w);
	}
	jsonw_close(w);
}

/* Everything but the sessions, as an object without its closing brace. */
static void
write_head(struct jsonw *w, const struct journal *j,
	const struct journal_items *items, size_t n_items)
{
	jsonw_open(w, '{');
	jsonw_member(w, "format");
	jsonw_string(w, "ladder-journal");
	jsonw_member(w, "format_version");
	jsonw_number(w, 2);
	write_time(w, "created_at", j->created_at, false);
	jsonw_member(w, "notes");
	jsonw_open(w, '[');
	for (size_t i = 0; i < j->n_notes; i++) {
		jsonw_element(w);
		write_note(w, &j->notes[i]);
	}
	jsonw_close(w);
	jsonw_member(w, "unfinished");
	jsonw_open(w, '[');
	for (size_t i = 0; i < j->n_unfinished; i++) {
		const struct journal_unfinished *u = &j->unfinished[i];
		jsonw_element(w);
		jsonw_open(w, '{');
		write_questionnaire(w, u->questionnaire, u->version);
		write_time(w, "started_at", u->started_at, false);
		jsonw_member(w, "position");
		jsonw_number(w, (double)u->position);
		if (u->answers != NULL) {
			jsonw_member(w, "answers");
			jsonw_node(w, u->answers);
		}
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_member(w, "items");
	jsonw_open(w, '{');
	for (size_t i = 0; i < n_items; i++) {
		jsonw_member(w, items[i].questionnaire);
		jsonw_open(w, '[');
		for (size_t k = 0; k < items[i].n; k++) {
			jsonw_element(w);
			jsonw_string(w, items[i].ids[k]);
		}
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_close(w);
}

struct journal_layout {
	size_t *spans; /* offset and length of each session's line */
	struct journal_items *items;
	size_t n_items;
};

void
journal_layout_free(struct journal_layout *l)
{
	if (l != NULL) {
		free(l->spans);
		items_free(l->items, l->n_items);
		free(l);
	}
}

struct secret *
journal_serialize_layout(const struct journal *j,
	struct journal_layout **layout_out, struct ladder_error *err)
{
	struct jsonw head, lines;
	struct secret *out = NULL;
	struct journal_layout *l = calloc(1, sizeof(*l));
	/* where each session's line is: in its text, or in lines */
	size_t *spans = malloc((2 * j->n_sessions + 1) * sizeof(*spans));
	jsonw_init_buffer(&head, false);
	jsonw_init_buffer(&lines, false);
	if (l == NULL || spans == NULL ||
		!items_copy(j->items, j->n_items, &l->items, &l->n_items)) {
		goto out;
	}
	l->spans = spans;
	size_t total = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		if (s->text != NULL) {
			spans[2 * i + 1] = s->text_len;
		} else {
			size_t at = lines.len;
			write_line(&lines, s, &l->items, &l->n_items);
			spans[2 * i] = at;
			spans[2 * i + 1] = lines.len - at;
		}
		total += 2 + spans[2 * i + 1]; /* newline, line, comma */
	}
	/* after the lines: they may have added to the item lists */
	write_head(&head, j, l->items, l->n_items);
	if (!jsonw_finish(&head) || !jsonw_finish(&lines)) {
		goto out;
	}
	/* head without its '}', the key, the lines, "\n]}" */
	total += head.len - 1 + strlen(SESSIONS_KEY) + 3;
	if ((out = secret_alloc(total)) == NULL) {
		goto out;
	}
	unsigned char *p = out->data;
	memcpy(p, head.buf, head.len - 1);
	p += head.len - 1;
	memcpy(p, SESSIONS_KEY, strlen(SESSIONS_KEY));
	p += strlen(SESSIONS_KEY);
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		size_t n = spans[2 * i + 1];
		*p++ = '\n';
		memcpy(p, s->text != NULL ? s->text : lines.buf + spans[2 * i], n);
		spans[2 * i] = (size_t)(p - out->data);
		p += n;
		if (i + 1 < j->n_sessions) {
			*p++ = ',';
		}
	}
	memcpy(p, "\n]}", 3);
	p += 3;
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
out:
	jsonw_release(&head);
	jsonw_release(&lines);
	if (l == NULL || l->spans == NULL) {
		free(spans); /* not the layout's */
	}
	if (out == NULL || layout_out == NULL) {
		journal_layout_free(l);
		l = NULL;
	}
	if (out == NULL) {
		error_set(err, LADDER_FAIL, "out of memory while saving the journal");
	} else if (layout_out != NULL) {
		*layout_out = l;
	}
	return out;
}

struct secret *
journal_serialize(const struct journal *j, struct ladder_error *err)
{
	return journal_serialize_layout(j, NULL, err);
}

void
journal_rebase(struct journal *j, struct secret *plain, struct journal_layout *l)
{
	for (size_t i = 0; i < j->n_sessions; i++) {
		j->sessions[i].text = (const char *)plain->data + l->spans[2 * i];
		j->sessions[i].text_len = l->spans[2 * i + 1];
	}
	secret_destroy(j->plain);
	j->plain = plain;
	items_free(j->items, j->n_items);
	j->items = l->items;
	j->n_items = l->n_items;
	l->items = NULL;
	l->n_items = 0;
	journal_layout_free(l);
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
	while (c.p < c.end && *c.p != '"' && c.p - q <= 64) {
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
			items_find(j->items, j->n_items, q->string) != NULL) {
			return rd_fail(r, q, "\"items\" of the journal is damaged (expected each questionnaire once, with a list of item ids)");
		}
		struct journal_items *list = items_list(&j->items, &j->n_items, q->string);
		if (list == NULL) {
			return rd_fail(r, q, "out of memory");
		}
		for (const cJSON *id = q->child; id != NULL; id = id->next) {
			if (!cJSON_IsString(id) || !jr_valid_id(id->valuestring) ||
				items_index(list, id->valuestring) >= 0) {
				return rd_fail(r, id, "\"items\" of the journal is damaged (expected distinct item ids)");
			}
			if (!items_append(list, id->valuestring)) {
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
	size_t end = 0;
	if ((head = secret_create(hlen - klen + 1)) == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	memcpy(head->data, text, hlen - klen);
	head->data[hlen - klen] = '}';
	if (!json_value_end((const char *)head->data, head->len, 0, &end) ||
		end != head->len ||
		(root = cJSON_ParseWithLength((const char *)head->data, head->len)) == NULL ||
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
	if (!idset_init(&seen, len / 512 + 16)) {
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
			session_finish(&s);
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
		if (j->n_sessions > 0 && session_cmp(&j->sessions[j->n_sessions - 1], &s) >= 0) {
			error_set(err, LADDER_DAMAGED,
				"%s: session %zu of the journal is damaged (expected the sessions in time order)",
				name, n + 1);
			session_finish(&s);
			goto fail;
		}
		if (idset_has(&seen, s.id)) {
			error_set(err, LADDER_DAMAGED, "%s: session id %s appears twice", name, s.id);
			session_finish(&s);
			goto fail;
		}
		if (!idset_add(&seen, s.id) || !push_session(j, &s)) {
			session_finish(&s);
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
	idset_finish(&seen);
	cJSON_Delete(root);
	secret_destroy(head);
	return j;
fail:
	idset_finish(&seen);
	cJSON_Delete(root);
	secret_destroy(head);
	journal_destroy(j);
	return NULL;
}

/* keep: the journal takes plain (NULL: the bytes are borrowed and must
 * outlive it). */
static struct journal *
parse_text(const char *name, const unsigned char *plain, size_t len,
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
	return parse_text(name, copy->data, copy->len, copy, err);
}

struct journal *
journal_adopt(const char *name, struct secret *plain, struct ladder_error *err)
{
	return parse_text(name, plain->data, plain->len, plain, err);
}

/* A short placement from e on: checks and adds its members to o. */
static const cJSON *
expand_placement(const cJSON *e, cJSON *o, const char **what)
{
	const cJSON *v[10];
	for (int k = 0; k < 10; k++, e = e ? e->next : NULL) {
		v[k] = e;
	}
	*what = "a placement of ten values";
	if (v[9] == NULL) {
		return NULL;
	}
	*what = "a rung from 1 to 4 or null";
	for (int k = 0; k <= 2; k += 2) {
		if (!cJSON_IsNull(v[k]) && !(cJSON_IsNumber(v[k]) && v[k]->valuedouble >= 1 &&
			v[k]->valuedouble <= 4 && v[k]->valuedouble == (int)v[k]->valuedouble)) {
			return NULL;
		}
	}
	*what = "true or false (borderline)";
	if (!cJSON_IsBool(v[1])) {
		return NULL;
	}
	*what = "an axis from 0 to 1, or null";
	for (int k = 3; k < 7; k++) {
		if (!cJSON_IsNull(v[k]) && !(cJSON_IsNumber(v[k]) && v[k]->valuedouble >= 0 &&
			v[k]->valuedouble <= 1)) {
			return NULL;
		}
	}
	*what = "a number or null";
	for (int k = 7; k < 10; k++) {
		if (!is_number_or_null(v[k])) {
			return NULL;
		}
	}
	static const char *const rest[] = {"calibration_gap", "measured_competence",
		"placed_awareness"};
	cJSON_AddItemToObject(o, "stage", cJSON_IsNull(v[0]) ? cJSON_CreateNull() :
		cJSON_CreateString(stage_id((enum stage)v[0]->valueint)));
	cJSON_AddBoolToObject(o, "borderline", cJSON_IsTrue(v[1]));
	cJSON_AddItemToObject(o, "nearest_stage", cJSON_IsNull(v[2]) ? cJSON_CreateNull() :
		cJSON_CreateString(stage_id((enum stage)v[2]->valueint)));
	cJSON *axes = cJSON_AddObjectToObject(o, "axes");
	for (int x = 0; x < AXIS_COUNT; x++) {
		cJSON_AddItemToObject(axes, axis_id((enum axis)x), cJSON_Duplicate(v[3 + x], false));
	}
	for (int k = 0; k < 3; k++) {
		cJSON_AddItemToObject(o, rest[k], cJSON_Duplicate(v[7 + k], false));
	}
	*what = NULL;
	return v[9]->next ? v[9]->next : (const cJSON *)o; /* o: nothing follows */
}

/* The result object a short result stands for, or NULL (*what says what
 * was expected; NULL when out of memory). */
static cJSON *
expand_result(const cJSON *a, const struct journal_session *s, const char **what)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *q = o ? cJSON_AddObjectToObject(o, "questionnaire") : NULL;
	*what = NULL;
	if (q == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	cJSON_AddStringToObject(q, "id", s->questionnaire);
	cJSON_AddNumberToObject(q, "version", s->version);
	const cJSON *e = expand_placement(a->child, o, what);
	const cJSON *answered = e != NULL && e != o ? e : NULL;
	const cJSON *total = answered ? answered->next : NULL;
	const cJSON *facets = total ? total->next : NULL;
	if (*what != NULL || facets == NULL || facets->next != NULL ||
		!cJSON_IsNumber(answered) || !cJSON_IsNumber(total) || !cJSON_IsArray(facets)) {
		*what = *what ? *what : "a result [placement, answered, total, [facets]]";
		cJSON_Delete(o);
		return NULL;
	}
	cJSON *fa = cJSON_AddArrayToObject(o, "facets");
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		cJSON *fo = cJSON_CreateObject();
		const cJSON *fid = cJSON_IsArray(f) ? f->child : NULL;
		if (fo == NULL || !cJSON_IsString(fid)) {
			*what = fo ? "a facet [id, placement]" : NULL;
			cJSON_Delete(fo);
			cJSON_Delete(o);
			return NULL;
		}
		cJSON_AddItemToArray(fa, fo);
		cJSON_AddStringToObject(fo, "id", fid->valuestring);
		if (expand_placement(fid->next, fo, what) != fo) {
			*what = *what ? *what : "a facet of exactly an id and a placement";
			cJSON_Delete(o);
			return NULL;
		}
	}
	cJSON_AddItemToObject(o, "answered", cJSON_Duplicate(answered, false));
	cJSON_AddItemToObject(o, "total", cJSON_Duplicate(total, false));
	return o;
}

/* The answers object short answers stand for, or NULL (*what says what
 * was expected; NULL when out of memory). */
static cJSON *
expand_answers(const struct journal *j, const struct journal_session *s,
	const cJSON *a, const char **what)
{
	const struct journal_items *list = j != NULL ?
		items_find(j->items, j->n_items, s->questionnaire) : NULL;
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

static void
body_finish(struct body *b)
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
		if ((m[k] = member_named(c, keys[k])) == NULL) {
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
	if (cJSON_IsArray(m[6])) {
		if ((b->expanded = expand_result(m[6], s, &what)) == NULL) {
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
			body_finish(b);
			return false;
		}
		b->result = m[6];
	} else {
		what = "\"result\" to be an array or an object";
		goto damaged;
	}
	what = "\"stage\" to be the result's";
	if (!is_number_or_null(m[5]) ||
		(cJSON_IsNull(m[5]) ? STAGE_NONE : (enum stage)m[5]->valueint) != st) {
		goto damaged;
	}
	const cJSON *answers = m[7];
	if (cJSON_IsArray(answers)) {
		if ((b->answers_expanded = expand_answers(j, s, answers, &what)) == NULL) {
			if (what == NULL) {
				body_finish(b);
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
		body_finish(b);
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
	body_finish(b);
	return error_set(err, LADDER_DAMAGED, "%s is damaged (expected in its result %s)", name, what);
damaged:
	body_finish(b);
	return error_set(err, LADDER_DAMAGED, "%s is damaged (expected %s)", name, what);
}

static bool
body_get(const struct journal *j, const struct journal_session *s,
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
	cJSON *answers = b.answers_expanded != NULL ? b.answers_expanded :
		cJSON_Duplicate(b.answers, true);
	cJSON *result = b.expanded != NULL ? b.expanded : cJSON_Duplicate(b.result, true);
	b.expanded = NULL;
	b.answers_expanded = NULL;
	bool has_note = b.note != NULL;
	char *note = has_note ? str_dup(b.note) : NULL;
	body_finish(&b);
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
		if (!body_get(j, &j->sessions[i], &b, err)) {
			return false;
		}
		body_finish(&b);
	}
	return true;
}

/* --- export and import --- */

static bool
exported(const struct export_options *o, const struct journal_session *s)
{
	return (o->questionnaire == NULL || strcmp(o->questionnaire, s->questionnaire) == 0) &&
		(!o->has_since || s->completed_at >= o->since);
}

cJSON *
export_build(const struct journal *j, const struct export_options *o,
	struct ladder_error *err)
{
	cJSON *root = cJSON_CreateObject();
	bool *keep = calloc(j->n_sessions ? j->n_sessions : 1, sizeof(bool));
	/* anonymous exports give every session a fresh id */
	char (*ids)[UUID_STR_LEN] = calloc(j->n_sessions ? j->n_sessions : 1, UUID_STR_LEN);
	struct journal_transition *tr = NULL;
	if (root == NULL || keep == NULL || ids == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
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
		struct body b;
		if (!body_get(j, s, &b, err)) {
			goto fail;
		}
		cJSON *so = session_json(s, &b, ids[i], o->anonymous);
		body_finish(&b);
		if (so == NULL || !cJSON_AddItemToArray(sessions, so)) {
			cJSON_Delete(so);
			error_set(err, LADDER_FAIL, "out of memory");
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
		error_set(err, LADDER_FAIL, "out of memory");
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

/* The export of j into w (a file or a buffer). */
static bool
export_into(const struct journal *j, const struct export_options *o,
	struct jsonw *w, struct ladder_error *err)
{
	bool *keep = calloc(j->n_sessions ? j->n_sessions : 1, sizeof(bool));
	char (*ids)[UUID_STR_LEN] = calloc(j->n_sessions ? j->n_sessions : 1, UUID_STR_LEN);
	struct journal_transition *tr = NULL;
	bool ok = false;
	if (keep == NULL || ids == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	jsonw_open(w, '{');
	jsonw_member(w, "format");
	jsonw_string(w, "ladder-export");
	jsonw_member(w, "format_version");
	jsonw_number(w, 1);
	write_time(w, "exported_at", time_now(), o->anonymous);
	jsonw_member(w, "anonymous");
	jsonw_bool(w, o->anonymous);
	jsonw_member(w, "sessions");
	jsonw_open(w, '[');
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
		struct body b;
		if (!body_get(j, s, &b, err)) {
			goto out;
		}
		jsonw_element(w);
		write_session(w, s, &b, ids[i], o->anonymous);
		body_finish(&b);
	}
	jsonw_close(w);
	jsonw_member(w, "notes");
	jsonw_open(w, '[');
	for (size_t i = 0; !o->anonymous && i < j->n_notes; i++) {
		if (o->has_since && j->notes[i].at < o->since) {
			continue;
		}
		jsonw_element(w);
		write_note(w, &j->notes[i]);
	}
	jsonw_close(w);
	size_t n = transitions_of(j, o->questionnaire, keep, &tr);
	if (n == (size_t)-1) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	jsonw_member(w, "transitions");
	jsonw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		size_t fi = (size_t)(tr[i].from - j->sessions);
		size_t ti = (size_t)(tr[i].to - j->sessions);
		jsonw_element(w);
		jsonw_open(w, '{');
		jsonw_member(w, "questionnaire");
		jsonw_string(w, tr[i].to->questionnaire);
		write_stage(w, "from", tr[i].from->stage);
		write_stage(w, "to", tr[i].to->stage);
		jsonw_member(w, "from_session");
		jsonw_string(w, ids[fi]);
		jsonw_member(w, "to_session");
		jsonw_string(w, ids[ti]);
		write_time(w, "at", tr[i].to->completed_at, o->anonymous);
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_close(w);
	jsonw_raw(w, "\n", 1);
	ok = true;
out:
	free(tr);
	free(ids);
	free(keep);
	return ok;
}

bool
export_write(const struct journal *j, const struct export_options *o, FILE *out,
	struct ladder_error *err)
{
	struct jsonw w;
	jsonw_init_file(&w, out, true);
	bool ok = export_into(j, o, &w, err);
	if (!jsonw_finish(&w) && ok) {
		ok = error_set(err, LADDER_FAIL, "cannot write the export: %s",
			ferror(out) ? strerror(errno) : "out of memory");
	}
	jsonw_release(&w);
	return ok;
}

struct secret *
export_secret(const struct journal *j, const struct export_options *o,
	struct ladder_error *err)
{
	struct jsonw w;
	struct secret *out = NULL;
	jsonw_init_buffer(&w, true);
	if (export_into(j, o, &w, err)) {
		if (jsonw_finish(&w) && (out = secret_from_bytes(w.buf, w.len)) != NULL) {
			jsonw_release(&w);
			return out;
		}
		error_set(err, LADDER_FAIL, "out of memory");
	}
	jsonw_release(&w);
	return NULL;
}

/* `ladder export` reads the sessions straight from the plaintext, without
 * copying it, and builds the whole export before writing any of it: a
 * damaged session anywhere means nothing is written. */
bool
export_plain(const char *name, const unsigned char *plain, size_t len,
	const struct export_options *o, FILE *out, size_t *matched,
	struct ladder_error *err)
{
	struct journal *j = parse_text(name, plain, len, NULL, err);
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
	struct jsonw w;
	jsonw_init_buffer(&w, true);
	/* the export is about two and a half times the plaintext: pages never
	 * written cost nothing, a copy of the buffer would */
	jsonw_reserve(&w, len * 3 + 4096);
	bool ok = export_into(j, o, &w, err);
	if (ok && !jsonw_finish(&w)) {
		ok = error_set(err, LADDER_FAIL, "out of memory");
	}
	if (ok && fwrite(w.buf, 1, w.len, out) != w.len) {
		ok = error_set(err, LADDER_FAIL, "cannot write the export: %s", strerror(errno));
	}
	jsonw_release(&w);
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
