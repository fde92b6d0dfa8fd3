/* Old sessions under the current scoring rule (ladder-journal(5),
 * RESULTS AND RULES). */
#include "ladder/rescore.h"

#include <stdlib.h>

#include "ladder/answers.h"
#include "ladder/score.h"

bool
journal_is_repeat(const struct journal *j, const struct questionnaire *q, int set)
{
	return journal_set_completed(j, q->id, q->version, set, j->n_sessions) > 0;
}

bool
journal_rescore_needed(const struct journal *j, const struct catalog *cat)
{
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		if (s->rule != SCORING_RULE &&
			catalog_find_version(cat, s->questionnaire, s->version) != NULL) {
			return true;
		}
	}
	return false;
}

/* The result of s under the current rule, or NULL (err says why: out of
 * memory is LADDER_FAIL, anything else means s is kept). */
static cJSON *
rescore_one(const struct journal *j, size_t index, const struct questionnaire *q,
	struct ladder_error *err)
{
	struct journal_session *s = &j->sessions[index];
	struct answers *a = answers_create(q);
	if (a == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	struct result *r = NULL;
	cJSON *res = NULL;
	error_clear(err);
	if (!answers_values_from_json(q, s->answers, a, err) ||
		!answers_settle_set(q, a, 0, err)) {
		err->status = LADDER_DAMAGED; /* not ours to fix: kept */
		goto out;
	}
	if ((r = score_compute(q, a)) == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	r->repeat = journal_set_completed(j, q->id, q->version, a->set, index) > 0;
	const cJSON *old = cJSON_GetObjectItemCaseSensitive(s->result, "stage");
	if ((res = result_to_json(r)) == NULL ||
		!cJSON_AddItemToObject(res, "rule_1_stage",
			cJSON_IsString(old) ? cJSON_CreateString(old->valuestring) : cJSON_CreateNull())) {
		cJSON_Delete(res);
		res = NULL;
		error_set(err, LADDER_FAIL, "out of memory");
	}
out:
	result_destroy(r);
	answers_destroy(a);
	return res;
}

bool
journal_rescore(struct journal *j, const struct catalog *cat, size_t *rescored,
	size_t *kept, struct ladder_error *err)
{
	size_t n_rescored = 0, n_kept = 0;
	bool ok = true;
	/* in time order, so that a repeat is judged on the sets before it */
	for (size_t i = 0; ok && i < j->n_sessions; i++) {
		struct journal_session *s = &j->sessions[i];
		if (s->rule == SCORING_RULE) {
			continue;
		}
		const struct questionnaire *q =
			catalog_find_version(cat, s->questionnaire, s->version);
		struct ladder_error e;
		error_clear(&e);
		cJSON *res = NULL;
		if (q == NULL || !journal_session_load(j, s, &e) ||
			(res = rescore_one(j, i, q, &e)) == NULL) {
			if (e.status == LADDER_FAIL) {
				ok = error_set(err, LADDER_FAIL, "out of memory");
			}
			n_kept++;
			continue;
		}
		cJSON_Delete(s->result);
		s->result = res;
		s->stage = stage_from_id(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(res, "stage")));
		journal_session_meta(s, res);
		s->text = NULL; /* written anew at the next save */
		s->text_len = 0;
		n_rescored++;
	}
	if (rescored != NULL) {
		*rescored = n_rescored;
	}
	if (kept != NULL) {
		*kept = n_kept;
	}
	return ok;
}

bool
journal_plain_rescore(const char *name, struct secret **plain,
	const struct catalog *cat, struct journal **view, struct ladder_error *err)
{
	if (view != NULL) {
		*view = NULL;
	}
	struct journal *j = journal_view(name, (*plain)->data, (*plain)->len, err);
	if (j == NULL) {
		return false;
	}
	bool ok = true;
	if (journal_rescore_needed(j, cat)) {
		struct secret *fresh = NULL;
		ok = journal_rescore(j, cat, NULL, NULL, err) &&
			(fresh = journal_serialize(j, err)) != NULL;
		if (ok) {
			journal_destroy(j);
			j = NULL;
			secret_destroy(*plain);
			*plain = fresh;
			if (view != NULL &&
				(j = journal_view(name, (*plain)->data, (*plain)->len, err)) == NULL) {
				return false;
			}
		}
	}
	if (ok && view != NULL) {
		*view = j;
		j = NULL;
	}
	journal_destroy(j);
	return ok;
}
