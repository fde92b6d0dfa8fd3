/* Writing the journal: its plaintext (format version 2, ladder-journal(5)),
 * kept a line per session so that a save copies what did not change, and
 * the session and note objects that exports share. */
#include "ladder/journal.h"

#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/util.h"

/* --- the session and note objects that the plaintext and exports share,
 * written straight to a stream: both are as large as the journal --- */

void
jnl_write_time(struct jsonw *w, const char *key, int64_t t, bool date_only)
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

void
jnl_write_stage(struct jsonw *w, const char *key, enum stage s)
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
void
jnl_write_session(struct jsonw *w, const struct journal_session *s,
	const struct body *b, const char *id, bool anonymous)
{
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, id);
	write_questionnaire(w, s->questionnaire, s->version);
	jnl_write_time(w, "started_at", s->started_at, anonymous);
	jnl_write_time(w, "completed_at", s->completed_at, anonymous);
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

void
jnl_write_note(struct jsonw *w, const struct journal_note *n)
{
	jsonw_open(w, '{');
	jsonw_member(w, "id");
	jsonw_string(w, n->id);
	jnl_write_time(w, "at", n->at, false);
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

const cJSON *
jnl_member_named(const cJSON *m, const char *key)
{
	return m != NULL && m->string != NULL && strcmp(m->string, key) == 0 ? m : NULL;
}

bool
jnl_is_number_or_null(const cJSON *v)
{
	return cJSON_IsNull(v) || cJSON_IsNumber(v);
}

/* --- item lists: stored answers name items by their place in a list --- */

void
jnl_items_free(struct journal_items *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < items[i].n; k++) {
			free(items[i].ids[k]);
		}
		free(items[i].ids);
		free(items[i].slots);
		free(items[i].questionnaire);
	}
	free(items);
}

struct journal_items *
jnl_items_find(struct journal_items *items, size_t n, const char *questionnaire)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].questionnaire, questionnaire) == 0) {
			return &items[i];
		}
	}
	return NULL;
}

static size_t
id_hash(const char *s)
{
	size_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	}
	return h;
}

/* The slot of id in list's index: where it is, or the free one where it
 * would go. n_slots is a power of two, never full. */
static size_t
id_slot(const struct journal_items *list, const char *id)
{
	size_t mask = list->n_slots - 1;
	size_t i = id_hash(id) & mask;
	while (list->slots[i] != 0 && strcmp(list->ids[list->slots[i] - 1], id) != 0) {
		i = (i + 1) & mask;
	}
	return i;
}

long
jnl_items_index(const struct journal_items *list, const char *id)
{
	if (list == NULL || list->n_slots == 0) {
		return -1;
	}
	size_t i = id_slot(list, id);
	return list->slots[i] != 0 ? (long)list->slots[i] - 1 : -1;
}

/* Room in the index for one more id: kept at most half full. */
static bool
index_grow(struct journal_items *list)
{
	if ((list->n + 1) * 2 <= list->n_slots) {
		return true;
	}
	size_t n_slots = list->n_slots ? list->n_slots * 2 : 64;
	size_t *slots = calloc(n_slots, sizeof(*slots));
	if (slots == NULL) {
		return false;
	}
	free(list->slots);
	list->slots = slots;
	list->n_slots = n_slots;
	for (size_t k = 0; k < list->n; k++) {
		list->slots[id_slot(list, list->ids[k])] = k + 1;
	}
	return true;
}

bool
jnl_items_append(struct journal_items *list, const char *id)
{
	if (!index_grow(list)) {
		return false;
	}
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
	list->slots[id_slot(list, id)] = list->n + 1;
	list->n++;
	return true;
}

/* The list of questionnaire, made empty when there is none yet. */
struct journal_items *
jnl_items_list(struct journal_items **items, size_t *n, const char *questionnaire)
{
	struct journal_items *list = jnl_items_find(*items, *n, questionnaire);
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

bool
jnl_items_copy(const struct journal_items *from, size_t n, struct journal_items **to,
	size_t *n_to)
{
	*to = NULL;
	*n_to = 0;
	for (size_t i = 0; i < n; i++) {
		struct journal_items *list = jnl_items_list(to, n_to, from[i].questionnaire);
		for (size_t k = 0; list != NULL && k < from[i].n; k++) {
			if (!jnl_items_append(list, from[i].ids[k])) {
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
		long k = jnl_items_index(list, m->string);
		if (k < 0) {
			if (!jnl_items_append(list, m->string)) {
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
		size_t at = (size_t)jnl_items_index(list, m->string);
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
void
jnl_write_line(struct jsonw *w, const struct journal_session *s,
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
	cJSON *short2 = jnl_short2_encode(s->result, s);
	if (short2 != NULL) {
		jsonw_node(w, short2);
		cJSON_Delete(short2);
	} else if (!jnl_short1_write(w, s->result, s->questionnaire, s->version)) {
		jsonw_node(w, s->result);
	}
	jsonw_member(w, "answers");
	struct journal_items *list = jnl_items_list(items, n_items, s->questionnaire);
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
void
jnl_write_head(struct jsonw *w, const struct journal *j,
	const struct journal_items *items, size_t n_items)
{
	jsonw_open(w, '{');
	jsonw_member(w, "format");
	jsonw_string(w, "ladder-journal");
	jsonw_member(w, "format_version");
	jsonw_number(w, 2);
	jnl_write_time(w, "created_at", j->created_at, false);
	jsonw_member(w, "notes");
	jsonw_open(w, '[');
	for (size_t i = 0; i < j->n_notes; i++) {
		jsonw_element(w);
		jnl_write_note(w, &j->notes[i]);
	}
	jsonw_close(w);
	jsonw_member(w, "unfinished");
	jsonw_open(w, '[');
	for (size_t i = 0; i < j->n_unfinished; i++) {
		const struct journal_unfinished *u = &j->unfinished[i];
		jsonw_element(w);
		jsonw_open(w, '{');
		write_questionnaire(w, u->questionnaire, u->version);
		jnl_write_time(w, "started_at", u->started_at, false);
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
