/* Results in short, in the journal's plaintext (ladder-journal(5),
 * CONTENT): the values of the result in a fixed order, the stages as rungs,
 * without the names. Rule 2's: only a result that comes back whole from
 * its short form is stored in it. Rule 1's: a result of exactly the shape
 * rule 1's score gave it. */
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/score.h"

#define SHORT2_MARK "r2"

/* The members of a placement, in order: a '.' splits object and member. */
static const char *const placement_paths[] = {
	"stage", "borderline", "nearest_stage",
	"axes.competence", "axes.awareness", "axes.automaticity", "axes.perceived",
	"measured_competence", "calibration_gap", "placed_awareness", "margin",
	"reasons.evidence", "reasons.below_line", "reasons.margin_from",
	"reasons.awareness_from", "reasons.not_placed",
};
#define N_PLACEMENT (sizeof(placement_paths) / sizeof(placement_paths[0]))

static bool
is_stage_path(const char *path)
{
	return strcmp(path, "stage") == 0 || strcmp(path, "nearest_stage") == 0;
}

/* The reasons' words as small numbers: a word's place in its list (null
 * stays null); below_line as a sum of 1 (competence) and 2 (situations). */
static const char *const *
words_of(const char *path)
{
	static const char *const evidence[] = {"situations", "self_report", NULL};
	static const char *const margin_from[] = {"competence", "situations", NULL};
	static const char *const awareness_from[] = {"awareness", "over_estimation", NULL};
	static const char *const not_placed[] = {"no_situations_answered",
		"no_competence_answers", "no_awareness_answers", "no_automaticity_answers", NULL};
	if (strcmp(path, "reasons.evidence") == 0) {
		return evidence;
	}
	if (strcmp(path, "reasons.margin_from") == 0 || strcmp(path, "reasons.below_line") == 0) {
		return margin_from;
	}
	if (strcmp(path, "reasons.awareness_from") == 0) {
		return awareness_from;
	}
	if (strcmp(path, "reasons.not_placed") == 0) {
		return not_placed;
	}
	return NULL;
}

static long
word_index(const char *const *words, const char *w)
{
	for (long i = 0; w != NULL && words[i] != NULL; i++) {
		if (strcmp(words[i], w) == 0) {
			return i;
		}
	}
	return -1;
}

/* v of path in short; NULL when it has no short form (then the result is
 * stored whole). */
static cJSON *
word_short(const char *path, const cJSON *v)
{
	const char *const *words = words_of(path);
	if (strcmp(path, "reasons.below_line") == 0) {
		int bits = 0;
		const cJSON *e;
		cJSON_ArrayForEach(e, v) {
			long i = word_index(words, cJSON_GetStringValue(e));
			if (i < 0) {
				return NULL;
			}
			bits |= 1 << i;
		}
		return cJSON_IsArray(v) ? cJSON_CreateNumber(bits) : NULL;
	}
	if (cJSON_IsNull(v)) {
		return cJSON_CreateNull();
	}
	long i = word_index(words, cJSON_GetStringValue(v));
	return i < 0 ? NULL : cJSON_CreateNumber((double)i);
}

static cJSON *
word_long(const char *path, const cJSON *v)
{
	const char *const *words = words_of(path);
	size_t n = 0;
	while (words[n] != NULL) {
		n++;
	}
	/* in range before the cast: a damaged line may hold any number */
	bool whole = cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 8 &&
		v->valuedouble == (int)v->valuedouble;
	if (strcmp(path, "reasons.below_line") == 0) {
		if (!whole || v->valueint > 3) {
			return NULL;
		}
		cJSON *a = cJSON_CreateArray();
		for (int i = 0; a != NULL && i < 2; i++) {
			if (v->valueint & (1 << i)) {
				cJSON_AddItemToArray(a, cJSON_CreateString(words[i]));
			}
		}
		return a;
	}
	if (cJSON_IsNull(v)) {
		return cJSON_CreateNull();
	}
	return whole && (size_t)v->valueint < n ? cJSON_CreateString(words[v->valueint]) : NULL;
}

static const cJSON *
get_path(const cJSON *o, const char *path)
{
	const char *dot = strchr(path, '.');
	if (dot == NULL) {
		return cJSON_GetObjectItemCaseSensitive(o, path);
	}
	char head[32];
	size_t n = (size_t)(dot - path);
	if (n >= sizeof(head)) {
		return NULL;
	}
	memcpy(head, path, n);
	head[n] = '\0';
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, head), dot + 1);
}

/* A stage as its rung (null stays null); NULL when it is not a stage. */
static cJSON *
rung_of(const cJSON *v)
{
	if (cJSON_IsNull(v)) {
		return cJSON_CreateNull();
	}
	enum stage s = cJSON_IsString(v) ? stage_from_id(v->valuestring) : STAGE_NONE;
	return s == STAGE_NONE ? NULL : cJSON_CreateNumber((double)s);
}

static cJSON *
stage_of(const cJSON *v)
{
	if (cJSON_IsNull(v)) {
		return cJSON_CreateNull();
	}
	bool rung = cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= STAGE_COUNT &&
		v->valuedouble == (int)v->valuedouble;
	return rung ? cJSON_CreateString(stage_id((enum stage)v->valueint)) : NULL;
}

static bool
push(cJSON *arr, cJSON *v)
{
	return v != NULL && cJSON_AddItemToArray(arr, v);
}

static bool
encode_placement(cJSON *arr, const cJSON *o)
{
	for (size_t k = 0; k < N_PLACEMENT; k++) {
		const char *path = placement_paths[k];
		const cJSON *v = get_path(o, path);
		if (v == NULL || !push(arr, is_stage_path(path) ? rung_of(v)
						: words_of(path) != NULL ? word_short(path, v)
						: cJSON_Duplicate(v, true))) {
			return false;
		}
	}
	return true;
}

/* Adds a placement's members from *e on to o; *e moves past them. */
static bool
decode_placement(const cJSON **e, cJSON *o)
{
	for (size_t k = 0; k < N_PLACEMENT; k++, *e = (*e)->next) {
		if (*e == NULL) {
			return false;
		}
		const char *path = placement_paths[k];
		cJSON *v = is_stage_path(path) ? stage_of(*e)
			: words_of(path) != NULL ? word_long(path, *e) : cJSON_Duplicate(*e, true);
		const char *dot = strchr(path, '.');
		cJSON *into = o;
		if (dot != NULL) {
			char head[32];
			size_t n = (size_t)(dot - path);
			memcpy(head, path, n);
			head[n] = '\0';
			into = cJSON_GetObjectItemCaseSensitive(o, head);
			if (into == NULL) {
				into = cJSON_AddObjectToObject(o, head);
			}
			path = dot + 1;
		}
		if (v == NULL || into == NULL || !cJSON_AddItemToObject(into, path, v)) {
			cJSON_Delete(v);
			return false;
		}
	}
	return true;
}

cJSON *
jnl_short2_decode(const cJSON *a, const struct journal_session *s, const char **what)
{
	*what = "a result [\"" SHORT2_MARK "\", set, repeat, placement, answered, total, [facets]]";
	const cJSON *e = cJSON_IsArray(a) ? a->child : NULL;
	if (e == NULL || !cJSON_IsString(e) || strcmp(e->valuestring, SHORT2_MARK) != 0) {
		return NULL;
	}
	const cJSON *set = e->next, *repeat = set ? set->next : NULL;
	if (repeat == NULL || !jnl_is_number_or_null(set) || !cJSON_IsBool(repeat)) {
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *q = NULL;
	if (o == NULL || !cJSON_AddNumberToObject(o, "rule", SCORING_RULE) ||
		!cJSON_AddItemToObject(o, "set", cJSON_Duplicate(set, false)) ||
		!cJSON_AddBoolToObject(o, "repeat", cJSON_IsTrue(repeat)) ||
		(q = cJSON_AddObjectToObject(o, "questionnaire")) == NULL ||
		!cJSON_AddStringToObject(q, "id", s->questionnaire) ||
		!cJSON_AddNumberToObject(q, "version", s->version)) {
		*what = NULL; /* out of memory */
		goto fail;
	}
	e = repeat->next;
	if (!decode_placement(&e, o)) {
		goto fail;
	}
	const cJSON *answered = e, *total = e ? e->next : NULL;
	const cJSON *facets = total ? total->next : NULL;
	const cJSON *rule1 = facets ? facets->next : NULL;
	if (!cJSON_IsArray(facets) || !cJSON_IsNumber(answered) || !cJSON_IsNumber(total) ||
		(rule1 != NULL && rule1->next != NULL)) {
		goto fail;
	}
	cJSON *fa = cJSON_AddArrayToObject(o, "facets");
	if (fa == NULL) {
		*what = NULL;
		goto fail;
	}
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		const cJSON *fid = cJSON_IsArray(f) ? f->child : NULL;
		if (!cJSON_IsString(fid)) {
			goto fail;
		}
		/* fo belongs to fa (and so to o) once added: freed with o */
		cJSON *fo = cJSON_CreateObject();
		if (fo == NULL) {
			*what = NULL;
			goto fail;
		}
		cJSON_AddItemToArray(fa, fo);
		if (!cJSON_AddStringToObject(fo, "id", fid->valuestring)) {
			*what = NULL;
			goto fail;
		}
		const cJSON *fe = fid->next;
		if (!decode_placement(&fe, fo) || fe != NULL) {
			goto fail;
		}
	}
	if (!cJSON_AddItemToObject(o, "answered", cJSON_Duplicate(answered, false)) ||
		!cJSON_AddItemToObject(o, "total", cJSON_Duplicate(total, false))) {
		*what = NULL;
		goto fail;
	}
	if (rule1 != NULL) {
		cJSON *r1 = stage_of(rule1);
		if (r1 == NULL || !cJSON_AddItemToObject(o, "rule_1_stage", r1)) {
			cJSON_Delete(r1);
			goto fail;
		}
	}
	*what = NULL;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *
jnl_short2_encode(const cJSON *res, const struct journal_session *s)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(res, "rule");
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(res, "set");
	const cJSON *repeat = cJSON_GetObjectItemCaseSensitive(res, "repeat");
	const cJSON *facets = cJSON_GetObjectItemCaseSensitive(res, "facets");
	const cJSON *r1 = cJSON_GetObjectItemCaseSensitive(res, "rule_1_stage");
	if (!cJSON_IsNumber(rule) || rule->valuedouble != SCORING_RULE || set == NULL ||
		repeat == NULL || !cJSON_IsArray(facets)) {
		return NULL;
	}
	cJSON *a = cJSON_CreateArray();
	cJSON *fa = NULL;
	bool ok = a != NULL && push(a, cJSON_CreateString(SHORT2_MARK)) &&
		push(a, cJSON_Duplicate(set, false)) && push(a, cJSON_Duplicate(repeat, false)) &&
		encode_placement(a, res) &&
		push(a, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(res, "answered"), false)) &&
		push(a, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(res, "total"), false)) &&
		push(a, fa = cJSON_CreateArray()) && (r1 == NULL || push(a, rung_of(r1)));
	for (const cJSON *f = facets->child; ok && f != NULL; f = f->next) {
		cJSON *fs = cJSON_CreateArray();
		ok = push(fa, fs) &&
			push(fs, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(f, "id"), false)) &&
			encode_placement(fs, f);
	}
	/* stored in short only when it comes back as it is */
	const char *what;
	cJSON *back = ok ? jnl_short2_decode(a, s, &what) : NULL;
	if (back == NULL || !cJSON_Compare(back, res, true)) {
		cJSON_Delete(a);
		a = NULL;
	}
	cJSON_Delete(back);
	return a;
}

/* --- rule 1 --- */

static bool
is_stage_or_null(const cJSON *v)
{
	return cJSON_IsNull(v) ||
		(cJSON_IsString(v) && stage_from_id(v->valuestring) != STAGE_NONE);
}

/* The members of a placement from *m on, in score's order and kinds:
 * stage, borderline, nearest_stage, axes, calibration_gap,
 * measured_competence, placed_awareness. *m moves past them. */
static bool
placement_has_shape(const cJSON **m)
{
	const cJSON *st = jnl_member_named(*m, "stage");
	const cJSON *bl = st ? jnl_member_named(st->next, "borderline") : NULL;
	const cJSON *ns = bl ? jnl_member_named(bl->next, "nearest_stage") : NULL;
	const cJSON *ax = ns ? jnl_member_named(ns->next, "axes") : NULL;
	if (ax == NULL || !is_stage_or_null(st) || !cJSON_IsBool(bl) ||
		!is_stage_or_null(ns) || !cJSON_IsObject(ax)) {
		return false;
	}
	const cJSON *v = ax->child;
	for (int x = 0; x < AXIS_COUNT; x++, v = v->next) {
		if (jnl_member_named(v, axis_id((enum axis)x)) == NULL || !jnl_is_number_or_null(v)) {
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
		if (jnl_member_named(v, rest[k]) == NULL || !jnl_is_number_or_null(v)) {
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
	const cJSON *q = jnl_member_named(res->child, "questionnaire");
	if (q == NULL || !cJSON_IsObject(q)) {
		return false;
	}
	const cJSON *id = jnl_member_named(q->child, "id");
	const cJSON *v = id ? jnl_member_named(id->next, "version") : NULL;
	if (v == NULL || v->next != NULL || !cJSON_IsString(id) ||
		strcmp(id->valuestring, qid) != 0 || !cJSON_IsNumber(v) || v->valuedouble != qv) {
		return false;
	}
	const cJSON *m = q->next;
	if (!placement_has_shape(&m)) {
		return false;
	}
	const cJSON *facets = jnl_member_named(m, "facets");
	const cJSON *answered = facets ? jnl_member_named(facets->next, "answered") : NULL;
	const cJSON *total = answered ? jnl_member_named(answered->next, "total") : NULL;
	if (total == NULL || total->next != NULL || !cJSON_IsArray(facets) ||
		!cJSON_IsNumber(answered) || !cJSON_IsNumber(total)) {
		return false;
	}
	for (const cJSON *f = facets->child; f != NULL; f = f->next) {
		const cJSON *fid = cJSON_IsObject(f) ? jnl_member_named(f->child, "id") : NULL;
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


/* A short placement from e on: checks and adds its members to o. */
static const cJSON *
short1_placement(const cJSON *e, cJSON *o, const char **what)
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
		if (!jnl_is_number_or_null(v[k])) {
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
cJSON *
jnl_short1_decode(const cJSON *a, const struct journal_session *s, const char **what)
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
	const cJSON *e = short1_placement(a->child, o, what);
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
		if (short1_placement(fid->next, fo, what) != fo) {
			*what = *what ? *what : "a facet of exactly an id and a placement";
			cJSON_Delete(o);
			return NULL;
		}
	}
	cJSON_AddItemToObject(o, "answered", cJSON_Duplicate(answered, false));
	cJSON_AddItemToObject(o, "total", cJSON_Duplicate(total, false));
	return o;
}

bool
jnl_short1_write(struct jsonw *w, const cJSON *res, const char *qid, int qv)
{
	if (!result_has_shape(res, qid, qv)) {
		return false;
	}
	write_result_short(w, res);
	return true;
}
