/* Reading a plaintext of format version 2 (ladder-journal(5)): the
 * first line, then of each session's line only its start (id,
 * questionnaire, times, stage); the rest is read when it is asked for
 * (journal_body.c). */
#include "ladder/journal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

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
	const cJSON *items = jnl_rd_get(r, root, "items", cJSON_Object, false, "the journal");
	if (items == NULL) {
		return false;
	}
	for (const cJSON *q = items->child; q != NULL; q = q->next) {
		if (!jr_valid_id(q->string) || !cJSON_IsArray(q) ||
			jnl_items_find(j->items, j->n_items, q->string) != NULL) {
			return jnl_rd_fail(r, q, "\"items\" of the journal is damaged (expected each questionnaire once, with a list of item ids)");
		}
		struct journal_items *list = jnl_items_list(&j->items, &j->n_items, q->string);
		if (list == NULL) {
			return jnl_rd_fail(r, q, "out of memory");
		}
		for (const cJSON *id = q->child; id != NULL; id = id->next) {
			if (!cJSON_IsString(id) || !jr_valid_id(id->valuestring) ||
				jnl_items_index(list, id->valuestring) >= 0) {
				return jnl_rd_fail(r, id, "\"items\" of the journal is damaged (expected distinct item ids)");
			}
			if (!jnl_items_append(list, id->valuestring)) {
				return jnl_rd_fail(r, q, "out of memory");
			}
		}
	}
	return true;
}

/* A version 2 plaintext; its sessions' text is in text (len bytes), which
 * must outlive the journal. */
struct journal *
jnl_parse_v2(const struct reader *r, const char *text, size_t len)
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
	if ((j = jnl_parse_root(r, root, 2)) == NULL || !read_items(r, root, j)) {
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
