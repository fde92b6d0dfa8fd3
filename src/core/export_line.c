/* An export's session written straight from its stored line (format
 * version 2, ladder-journal(5)), without a cJSON tree: the line is read
 * once into spans of its text, checked as journal_session_load would
 * check it (export_line_read.c), then written here. Only a line in the
 * form ladder writes is taken (a rule 2 result in short, the answers in
 * short or as an object, no white space, strings and numbers as ladder
 * prints them); for anything else nothing is written and
 * the caller reads the session the long way, which also says what is
 * damaged. The text written is byte for byte what the long way writes
 * (tests/unit/test_export_line.c compares them). The export's transitions
 * are written here too (jnl_export_transition), with the same pieces. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export_line.h"
#include "ladder/jsonread.h"
#include "ladder/score.h"

/* The export's text is written straight into the writer's buffer, with
 * room made for all of a session at once: what jsonw's pretty writer
 * would write for the same calls (a member on a line of its own, indented
 * two spaces a level; an empty container as "{}" or "[]"). */
struct em {
	char *o;
	size_t depth;
	bool first[16]; /* per level: no member yet */
};

/* A short piece (most are: numbers, ids, words) copied as two fixed
 * moves that overlap rather than by a call to memcpy. */
static inline void
em_raw(struct em *e, const char *p, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(e->o, p, 8);
		memcpy(e->o + n - 8, p + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(e->o, p, 4);
		memcpy(e->o + n - 4, p + n - 4, 4);
	} else if (n < 4) {
		for (size_t i = 0; i < n; i++) {
			e->o[i] = p[i];
		}
	} else {
		memcpy(e->o, p, n);
	}
	e->o += n;
}
#define RAW(e, s) em_raw((e), s, sizeof(s) - 1)

static void
em_open(struct em *e, char c)
{
	*e->o++ = c;
	e->first[++e->depth] = true;
}

/* A newline and the indent, from one fixed copy (depth < 16: the room
 * made for a session has the bytes beyond to spare). */
static void
em_newline(struct em *e)
{
	static const char indent[32] = "\n                               ";
	memcpy(e->o, indent, sizeof(indent));
	e->o += 1 + 2 * e->depth;
}

static void
em_close(struct em *e, char c)
{
	bool empty = e->first[e->depth--];
	if (!empty) {
		em_newline(e);
	}
	*e->o++ = c;
}

static void
em_element(struct em *e)
{
	if (!e->first[e->depth]) {
		*e->o++ = ',';
	}
	e->first[e->depth] = false;
	em_newline(e);
}

/* A member's name known here, lit being "\"name\": ". */
static void
em_key(struct em *e, const char *lit, size_t n)
{
	em_element(e);
	em_raw(e, lit, n);
}
#define KEY(e, name) em_key((e), "\"" name "\": ", sizeof("\"" name "\": ") - 1)

/* A string that needs no escaping (an id), quoted. */
static void
em_plain(struct em *e, const char *s)
{
	size_t n = strlen(s);
	*e->o++ = '"';
	em_raw(e, s, n);
	*e->o++ = '"';
}

static void
em_int(struct em *e, int64_t v)
{
	char buf[24], *end = buf + sizeof(buf), *p = end;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0) {
		*--p = '-';
	}
	em_raw(e, p, (size_t)(end - p));
}

static inline void
put_val(struct em *e, const struct val *v)
{
	switch (v->k) {
	case K_NULL: RAW(e, "null"); break;
	case K_TRUE: RAW(e, "true"); break;
	case K_FALSE: RAW(e, "false"); break;
	case K_NUM: /* canonical: as jsonw_number writes it */
	case K_STR: em_raw(e, v->t.p, v->t.n); break;
	}
}

static void
two(struct em *e, int v)
{
	*e->o++ = (char)('0' + v / 10);
	*e->o++ = (char)('0' + v % 10);
}

/* What jnl_write_time writes (time_format_rfc3339 or, date_only,
 * time_format_date) for a time from 1970 to 9999, which is what a
 * session's head holds. */
static void
put_time(struct em *e, int64_t t, bool date_only)
{
	/* days to a civil date (H. Hinnant's algorithm) */
	int64_t days = t / 86400, secs = t % 86400;
	int64_t z = days + 719468, era = z / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int y = (int)(yoe + era * 400 + (m <= 2));
	*e->o++ = '"';
	two(e, y / 100);
	two(e, y % 100);
	*e->o++ = '-';
	two(e, m);
	*e->o++ = '-';
	two(e, d);
	if (!date_only) {
		*e->o++ = 'T';
		two(e, (int)(secs / 3600));
		*e->o++ = ':';
		two(e, (int)(secs / 60 % 60));
		*e->o++ = ':';
		two(e, (int)(secs % 60));
		*e->o++ = 'Z';
	}
	*e->o++ = '"';
}

/* A word the export writes, quoted, padded to be copied in one fixed
 * move (the room made for a session has the bytes beyond to spare). */
struct word {
	char t[32];
	size_t n;
};
#define WORD(s) {s, sizeof(s) - 1}

static void
put_word(struct em *w, const struct word *x)
{
	memcpy(w->o, x->t, sizeof(x->t));
	w->o += x->n;
}

/* The stages' ids, quoted (as stage_id gives them), null for none. */
static const struct word stage_ids[STAGE_COUNT + 1] = {
	WORD("null"), WORD("\"unconscious_incompetence\""), WORD("\"conscious_incompetence\""),
	WORD("\"conscious_competence\""), WORD("\"unconscious_competence\""),
};

static void
put_stage(struct em *w, int rung)
{
	put_word(w, &stage_ids[rung]);
}

/* words[i + 1]: words[0] is null, for i < 0. */
static void
put_word_or_null(struct em *w, const struct word *words, int i)
{
	put_word(w, &words[i + 1]);
}

#define SPAN(s) {s, sizeof(s) - 1}
/* A member's name as em_key takes it. */
#define NAME(name) SPAN("\"" name "\": ")

/* Four members named names[k] of the values v[k], copied. */
static void
put_four(struct em *w, const struct span names[4], const struct val v[4])
{
	for (int k = 0; k < 4; k++) {
		em_key(w, names[k].p, names[k].n);
		put_val(w, &v[k]);
	}
}

/* The members decode_placement adds, in its order. */
static void
put_placement(struct em *w, const struct placement_line *pl)
{
	static const struct word evidence[] = {WORD("null"), WORD("\"situations\""),
		WORD("\"self_report\"")};
	static const struct word margin_from[] = {WORD("null"), WORD("\"competence\""),
		WORD("\"situations\"")};
	static const struct word awareness_from[] = {WORD("null"), WORD("\"awareness\""),
		WORD("\"over_estimation\"")};
	static const struct word not_placed[] = {WORD("null"), WORD("\"no_situations_answered\""),
		WORD("\"no_competence_answers\""), WORD("\"no_awareness_answers\""),
		WORD("\"no_automaticity_answers\"")};
	static const struct span axes[] = {NAME("competence"), NAME("awareness"),
		NAME("automaticity"), NAME("perceived")};
	static const struct span rest[] = {NAME("measured_competence"),
		NAME("calibration_gap"), NAME("placed_awareness"), NAME("margin")};
	static const struct span word_names[] = {NAME("margin_from"),
		NAME("awareness_from"), NAME("not_placed")};
	const struct word *words[] = {margin_from, awareness_from, not_placed};
	const int which[] = {pl->margin_from, pl->awareness_from, pl->not_placed};
	KEY(w, "stage");
	put_stage(w, pl->stage);
	KEY(w, "borderline");
	put_val(w, &pl->borderline);
	KEY(w, "nearest_stage");
	put_stage(w, pl->nearest);
	KEY(w, "axes");
	em_open(w, '{');
	put_four(w, axes, pl->axes);
	em_close(w, '}');
	put_four(w, rest, pl->rest);
	KEY(w, "reasons");
	em_open(w, '{');
	KEY(w, "evidence");
	put_word_or_null(w, evidence, pl->evidence);
	KEY(w, "below_line");
	em_open(w, '[');
	for (int i = 0; i < 2; i++) {
		if (pl->below & (1 << i)) {
			em_element(w);
			put_word(w, &margin_from[i + 1]);
		}
	}
	em_close(w, ']');
	for (int k = 0; k < 3; k++) {
		em_key(w, word_names[k].p, word_names[k].n);
		put_word_or_null(w, words[k], which[k]);
	}
	em_close(w, '}');
}

/* The session's questionnaire as an object, in the head and in the
 * result. (journal_write.c's jnl_write_line writes the same members for
 * the journal's line, flat and through jsonw: another form, another
 * writer.) */
static void
put_questionnaire(struct em *w, const struct journal_session *s)
{
	KEY(w, "questionnaire");
	em_open(w, '{');
	KEY(w, "id");
	em_plain(w, s->questionnaire);
	KEY(w, "version");
	em_int(w, s->version);
	em_close(w, '}');
}

static void
put_result(struct em *w, const struct journal_session *s, const struct line *l)
{
	em_open(w, '{');
	KEY(w, "rule");
	em_int(w, SCORING_RULE);
	KEY(w, "set");
	put_val(w, &l->set);
	KEY(w, "repeat");
	if (l->repeat) {
		RAW(w, "true");
	} else {
		RAW(w, "false");
	}
	put_questionnaire(w, s);
	put_placement(w, &l->whole);
	KEY(w, "facets");
	em_open(w, '[');
	for (size_t f = 0; f < l->n_facets; f++) {
		em_element(w);
		em_open(w, '{');
		KEY(w, "id");
		em_raw(w, l->facet_id[f].p, l->facet_id[f].n);
		put_placement(w, &l->facet[f]);
		em_close(w, '}');
	}
	em_close(w, ']');
	KEY(w, "answered");
	put_val(w, &l->answered);
	KEY(w, "total");
	put_val(w, &l->total);
	if (l->has_rule1) {
		KEY(w, "rule_1_stage");
		put_stage(w, l->rule1);
	}
	em_close(w, '}');
}

/* The line jnl_export_line_ok read last (large: not on the stack). */
static struct line last;

bool
jnl_export_line_ok(const struct journal *j, const struct journal_session *s)
{
	return jnl_export_fast && !s->loaded && s->text != NULL && exl_read_line(j, s, &last);
}

/* An upper bound of what a session's line becomes: each of its values
 * on a line of its own, indented and named, and the items' names. */
static size_t
bound(const struct journal_session *s, const struct line *l)
{
	/* a stored byte becomes at most about 35 (a "3," of below_line: two
	 * words on lines of their own, deep in a facet) */
	return 8192 + 48 * s->text_len + 96 * l->n_answers;
}

void
jnl_export_line(struct jsonw *jw, const struct journal *j,
	const struct journal_session *s, const char *id, bool anonymous)
{
	const struct line *l = &last;
	size_t room = bound(s, l);
	jsonw_element(jw); /* the separator and the newline before it */
	jsonw_reserve(jw, room);
	if (jw->failed || !jw->pretty || jw->depth + 8 >= sizeof(((struct em *)0)->first)) {
		jw->failed = true;
		return;
	}
	struct em em = {.o = jw->buf + jw->len, .depth = jw->depth};
	struct em *w = &em;
	em_open(w, '{');
	KEY(w, "id");
	em_plain(w, id);
	put_questionnaire(w, s);
	KEY(w, "started_at");
	put_time(w, s->started_at, anonymous);
	KEY(w, "completed_at");
	put_time(w, s->completed_at, anonymous);
	KEY(w, "result");
	put_result(w, s, l);
	if (!anonymous) {
		const struct journal_items *list = jnl_items_find(j->items, j->n_items, s->questionnaire);
		KEY(w, "answers");
		em_open(w, '{');
		for (size_t k = 0; k < l->n_answers; k++) {
			if (l->keyed) {
				/* the member's name as it is (a valid id: no escapes) */
				em_element(w);
				em_raw(w, l->keys[k].p, l->keys[k].n);
				RAW(w, ": ");
				put_val(w, &l->answers[k]);
			} else if (l->answers[k].k != K_FALSE) {
				em_element(w);
				em_plain(w, list->ids[k]);
				RAW(w, ": ");
				put_val(w, &l->answers[k]);
			}
		}
		em_close(w, '}');
		KEY(w, "note");
		if (l->note.n > 0) {
			em_raw(w, l->note.p, l->note.n);
		} else {
			RAW(w, "null");
		}
	}
	em_close(w, '}');
	jw->len = (size_t)(em.o - jw->buf);
	jw->buf[jw->len] = '\0';
}

/* Whether jsonw_string writes s as it is, quoted. */
static bool
plain_string(const char *s)
{
	while (!json_needs_escape[(unsigned char)*s]) {
		s++;
	}
	return *s == '\0';
}

bool
jnl_export_transition(struct jsonw *jw, const struct journal_transition *t,
	const char *from_id, const char *to_id, bool anonymous)
{
	const struct journal_session *to = t->to;
	if (!jnl_export_fast || jw->failed || !jw->pretty ||
		jw->depth + 4 >= sizeof(((struct em *)0)->first) ||
		(int)t->from->stage < 0 || (int)t->from->stage > STAGE_COUNT ||
		(int)to->stage < 0 || (int)to->stage > STAGE_COUNT || to->completed_at < 0 ||
		to->completed_at > INT64_C(253402300799) || !plain_string(to->questionnaire) ||
		!plain_string(from_id) || !plain_string(to_id)) {
		return false;
	}
	jsonw_element(jw);
	/* its strings, the names and the indents, with room to spare */
	jsonw_reserve(jw, 1024 + strlen(to->questionnaire) + strlen(from_id) + strlen(to_id));
	if (jw->failed) {
		return true; /* jsonw_finish says so */
	}
	struct em em = {.o = jw->buf + jw->len, .depth = jw->depth};
	struct em *w = &em;
	em_open(w, '{');
	KEY(w, "questionnaire");
	em_plain(w, to->questionnaire);
	KEY(w, "from");
	put_stage(w, (int)t->from->stage);
	KEY(w, "to");
	put_stage(w, (int)to->stage);
	KEY(w, "from_session");
	em_plain(w, from_id);
	KEY(w, "to_session");
	em_plain(w, to_id);
	KEY(w, "at");
	put_time(w, to->completed_at, anonymous);
	KEY(w, "repeat");
	if (to->repeat) {
		RAW(w, "true");
	} else {
		RAW(w, "false");
	}
	em_close(w, '}');
	jw->len = (size_t)(em.o - jw->buf);
	jw->buf[jw->len] = '\0';
	return true;
}
