/* A session's answers, result and note, read from its stored line when
 * they are asked for: loading a session, checking a whole journal, and
 * reading one for a moment (an export). */
#include "ladder/journal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

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
		if (!jnl_rd_result(&r, b->expanded, &st)) {
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
		if (!jnl_rd_result(&r, m[6], &st)) {
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
	if (!jnl_rd_answers(&r, answers, "the session")) {
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


