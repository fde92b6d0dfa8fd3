#include "ladder/journal.h"

#include <stdlib.h>
#include <string.h>


#include "ladder/util.h"

#include "journal_impl.h"

struct journal *
journal_create(void)
{
	struct journal *j = calloc(1, sizeof(*j));
	if (j != NULL) {
		j->created_at = time_now();
	}
	return j;
}

void
jnl_session_finish(struct journal_session *s)
{
	free(s->questionnaire);
	cJSON_Delete(s->answers);
	cJSON_Delete(s->result);
	free(s->note);
	memset(s, 0, sizeof(*s));
}

void
jnl_unfinished_finish(struct journal_unfinished *u)
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
		jnl_session_finish(&j->sessions[i]);
	}
	for (size_t i = 0; i < j->n_notes; i++) {
		free(j->notes[i].text);
	}
	for (size_t i = 0; i < j->n_unfinished; i++) {
		jnl_unfinished_finish(&j->unfinished[i]);
	}
	free(j->sessions);
	free(j->notes);
	free(j->unfinished);
	secret_destroy(j->plain);
	for (size_t i = 0; i < j->n_kept; i++) {
		secret_destroy(j->kept[i]);
	}
	free(j->kept);
	jnl_items_free(j->items, j->n_items);
	free(j->name);
	free(j);
}

/* Time order: completed, then started, then id (for a stable order of
 * sessions imported with equal times). */
int
jnl_session_cmp(const struct journal_session *a, const struct journal_session *b)
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
struct journal_session *
jnl_insert_session(struct journal *j, struct journal_session *s)
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
	while (pos > 0 && jnl_session_cmp(&j->sessions[pos - 1], s) > 0) {
		pos--;
	}
	memmove(&j->sessions[pos + 1], &j->sessions[pos],
		(j->n_sessions - pos) * sizeof(*s));
	j->sessions[pos] = *s;
	j->n_sessions++;
	memset(s, 0, sizeof(*s));
	return &j->sessions[pos];
}

struct journal_note *
jnl_insert_note(struct journal *j, struct journal_note *n)
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
	s.rule = SCORING_RULE;
	s.set = r->set;
	s.repeat = r->repeat;
	s.loaded = true;
	s.answers = answers_values_to_json(q, a);
	s.result = result_to_json(r);
	if (a->note != NULL && a->note[0] != '\0') {
		s.note = str_dup(a->note);
	}
	struct journal_session *added = NULL;
	if (s.questionnaire != NULL && s.answers != NULL && s.result != NULL &&
		(a->note == NULL || a->note[0] == '\0' || s.note != NULL)) {
		added = jnl_insert_session(j, &s);
	}
	if (added == NULL) {
		jnl_session_finish(&s);
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
	struct journal_note *added = n.text ? jnl_insert_note(j, &n) : NULL;
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
			jnl_unfinished_finish(&j->unfinished[i]);
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
		jnl_unfinished_finish(&u);
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

long
journal_find_session_prefix(const struct journal *j, const char *prefix,
	bool *ambiguous)
{
	size_t len = strlen(prefix);
	long found = -1;
	*ambiguous = false;
	for (size_t i = 0; len > 0 && i < j->n_sessions; i++) {
		if (strncmp(j->sessions[i].id, prefix, len) == 0) {
			if (found >= 0) {
				*ambiguous = true;
				return -1;
			}
			found = (long)i;
		}
	}
	return found;
}

void
journal_forget_session(struct journal *j, size_t index)
{
	if (index >= j->n_sessions) {
		return;
	}
	jnl_session_finish(&j->sessions[index]);
	memmove(&j->sessions[index], &j->sessions[index + 1],
		(j->n_sessions - index - 1) * sizeof(j->sessions[0]));
	j->n_sessions--;
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

/* Transitions among the sessions for which keep(i) holds. */
size_t
jnl_transitions_of(const struct journal *j, const char *questionnaire,
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
		/* a session off the ladder neither starts nor ends a
		 * transition */
		if ((keep != NULL && !keep[i]) || !journal_session_on_ladder(s) ||
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
	return jnl_transitions_of(j, questionnaire, NULL, out);
}


void
journal_transition_counts(const struct journal_transition *t, size_t n,
	size_t *up, size_t *down)
{
	size_t u = 0, d = 0;
	for (size_t i = 0; i < n; i++) {
		u += t[i].to->stage > t[i].from->stage;
		d += t[i].to->stage < t[i].from->stage;
	}
	if (up != NULL) {
		*up = u;
	}
	if (down != NULL) {
		*down = d;
	}
}

bool
journal_session_on_ladder(const struct journal_session *s)
{
	return s->stage != STAGE_NONE && s->rule == SCORING_RULE;
}

const struct journal_session *
journal_movement_from(const struct journal *j, size_t index)
{
	if (index >= j->n_sessions) {
		return NULL;
	}
	const char *q = j->sessions[index].questionnaire;
	for (size_t i = index; i > 0; i--) {
		const struct journal_session *s = &j->sessions[i - 1];
		if (strcmp(s->questionnaire, q) == 0 && journal_session_on_ladder(s)) {
			return s;
		}
	}
	return NULL;
}

void
journal_session_meta(struct journal_session *s, const cJSON *result)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(result, "rule");
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(result, "set");
	s->rule = cJSON_IsNumber(rule) && rule->valuedouble == SCORING_RULE ? SCORING_RULE : 1;
	s->set = cJSON_IsNumber(set) && set->valuedouble >= 1 && set->valuedouble <= SETS_MAX
		? (int)set->valuedouble : 0;
	s->repeat = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(result, "repeat"));
}

static bool
same_form(const struct journal_session *s, const char *questionnaire, int version,
	int set)
{
	return s->version == version && s->set == set &&
		strcmp(s->questionnaire, questionnaire) == 0;
}

size_t
journal_set_completed(const struct journal *j, const char *questionnaire,
	int version, int set, size_t before)
{
	size_t n = 0;
	for (size_t i = 0; i < before && i < j->n_sessions; i++) {
		n += same_form(&j->sessions[i], questionnaire, version, set);
	}
	return n;
}

const struct journal_session *
journal_set_first(const struct journal *j, const char *questionnaire,
	int version, int set, size_t before)
{
	for (size_t i = 0; i < before && i < j->n_sessions; i++) {
		if (same_form(&j->sessions[i], questionnaire, version, set)) {
			return &j->sessions[i];
		}
	}
	return NULL;
}

int
journal_choose_set(const struct journal *j, const struct questionnaire *q)
{
	int best = 0;
	size_t best_n = SIZE_MAX;
	for (int set = 1; set <= q->n_sets; set++) {
		size_t n = journal_set_completed(j, q->id, q->version, set, j->n_sessions);
		if (n < best_n) {
			best = set;
			best_n = n;
		}
	}
	return best;
}
