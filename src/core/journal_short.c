/* Results of scoring rule 2 in short, in the journal's plaintext
 * (ladder-journal(5), CONTENT): the values of the result in a fixed order,
 * the stages as rungs, without the names. Only a result that comes back
 * whole from its short form is stored in it. */
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
		const cJSON *v = get_path(o, placement_paths[k]);
		if (v == NULL || !push(arr, is_stage_path(placement_paths[k]) ? rung_of(v)
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
		cJSON *v = is_stage_path(path) ? stage_of(*e) : cJSON_Duplicate(*e, true);
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
	for (const cJSON *f = facets->child; fa != NULL && f != NULL; f = f->next) {
		const cJSON *fid = cJSON_IsArray(f) ? f->child : NULL;
		cJSON *fo = cJSON_CreateObject();
		if (fo == NULL || !cJSON_AddItemToArray(fa, fo) || !cJSON_IsString(fid) ||
			!cJSON_AddStringToObject(fo, "id", fid->valuestring)) {
			cJSON_Delete(fo);
			goto fail;
		}
		const cJSON *fe = fid->next;
		if (!decode_placement(&fe, fo) || fe != NULL) {
			goto fail;
		}
	}
	if (fa == NULL || !cJSON_AddItemToObject(o, "answered", cJSON_Duplicate(answered, false)) ||
		!cJSON_AddItemToObject(o, "total", cJSON_Duplicate(total, false))) {
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
