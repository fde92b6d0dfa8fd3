/* One sitting of a questionnaire (include/ladder/assessment.h). */
#include "ladder/assessment.h"

#include <stdlib.h>

#include "ladder/rescore.h"
#include "ladder/score.h"

void
assessment_destroy(struct assessment *s)
{
	if (s != NULL) {
		answers_destroy(s->ans);
		free(s);
	}
}

static struct answers *
fresh_answers(const struct journal *j, const struct questionnaire *q, int set)
{
	struct answers *ans = answers_create(q);
	if (ans != NULL) {
		ans->set = set != 0 ? set : journal_choose_set(j, q);
	}
	return ans;
}

struct assessment *
assessment_begin(struct journal *j, const struct questionnaire *q, int set, bool resume,
	int64_t now, enum assessment_begun *how)
{
	struct assessment *s = calloc(1, sizeof(*s));
	if (s == NULL || (s->ans = fresh_answers(j, q, set)) == NULL) {
		free(s);
		return NULL;
	}
	s->q = q;
	s->started = now;
	*how = ASSESSMENT_NEW;
	const struct journal_unfinished *u = journal_unfinished_get(j, q->id);
	if (u != NULL && resume) {
		struct ladder_error err;
		error_clear(&err);
		/* no answer in a set yet: the set chosen for a new sitting stays */
		if (u->version == q->version &&
			answers_values_from_json(q, u->answers, s->ans, &err) &&
			answers_settle_set(q, s->ans, 0, &err)) {
			s->pos = u->position < q->n_items ? u->position : q->n_items - 1;
			s->started = u->started_at;
			*how = ASSESSMENT_RESUMED;
		} else {
			answers_destroy(s->ans);
			if ((s->ans = fresh_answers(j, q, set)) == NULL) {
				free(s);
				return NULL;
			}
			*how = ASSESSMENT_AFRESH;
		}
	} else if (u != NULL) {
		journal_unfinished_clear(j, q->id);
	}
	/* on an item the sitting asks: the kept place, else the first */
	while (s->pos + 1 < q->n_items && !questionnaire_item_asked(q, s->pos, s->ans->set)) {
		s->pos++;
	}
	while (s->pos > 0 && !questionnaire_item_asked(q, s->pos, s->ans->set)) {
		s->pos--;
	}
	return s;
}

size_t
assessment_kept_asked(const struct journal *j, const struct questionnaire *q,
	const struct journal_unfinished *u, int set)
{
	int kept = answers_json_set(q, u->answers);
	if (kept == 0) {
		kept = set != 0 ? set : journal_choose_set(j, q);
	}
	return questionnaire_items_asked(q, kept);
}

long
assessment_step(const struct assessment *s, int step)
{
	for (long i = (long)s->pos + step; i >= 0 && (size_t)i < s->q->n_items; i += step) {
		if (questionnaire_item_asked(s->q, (size_t)i, s->ans->set)) {
			return i;
		}
	}
	return -1;
}

size_t
assessment_asked(const struct assessment *s, size_t *number)
{
	size_t n = 0;
	*number = 0;
	for (size_t i = 0; i < s->q->n_items; i++) {
		if (questionnaire_item_asked(s->q, i, s->ans->set)) {
			n++;
			if (i == s->pos) {
				*number = n;
			}
		}
	}
	return n;
}

bool
assessment_keep(const struct assessment *s, struct journal *j, bool *kept,
	struct ladder_error *err)
{
	*kept = false;
	if (answers_count(s->ans) == 0 && journal_unfinished_get(j, s->q->id) == NULL) {
		return true;
	}
	if (!journal_unfinished_set(j, s->q, s->ans, s->pos, s->started, err)) {
		return false;
	}
	*kept = true;
	return true;
}

struct journal_session *
journal_record(struct journal *j, const struct questionnaire *q, const struct answers *ans,
	int64_t started, int64_t completed, struct ladder_error *err)
{
	struct result *r = score_compute(q, ans);
	if (r == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	r->repeat = journal_is_repeat(j, q, ans->set);
	struct journal_session *sess = journal_add_session(j, q, ans, r, started, completed, err);
	result_destroy(r);
	return sess;
}

struct journal_session *
assessment_finish(struct assessment *s, struct journal *j, int64_t now,
	struct ladder_error *err)
{
	struct journal_session *sess = journal_record(j, s->q, s->ans, s->started, now, err);
	if (sess != NULL) {
		journal_unfinished_clear(j, s->q->id);
	}
	return sess;
}

size_t
answers_choices(const struct questionnaire *q, size_t i)
{
	const struct item *it = &q->items[i];
	if (it->kind == ITEM_SCENARIO) {
		return it->n_options;
	}
	const struct scale *sc = &q->scales[it->scale];
	return (size_t)(sc->max - sc->min + 1);
}

long
answers_choice(const struct questionnaire *q, const struct answers *a, size_t i)
{
	const struct item *it = &q->items[i];
	int v = a->values[i];
	if (v == ANSWER_SKIPPED) {
		return -1;
	}
	return it->kind == ITEM_SCENARIO ? v : v - q->scales[it->scale].min;
}

void
answers_choose(const struct questionnaire *q, struct answers *a, size_t i, size_t c)
{
	const struct item *it = &q->items[i];
	a->values[i] = it->kind == ITEM_SCENARIO ? (int)c : q->scales[it->scale].min + (int)c;
}
