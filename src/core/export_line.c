/* An export's session written straight from its stored line (format
 * version 2, ladder-journal(5)), without a cJSON tree: the line is read
 * once into spans of its text, checked as journal_session_load would
 * check it, then written. Only a line in the form ladder writes is taken
 * (a rule 2 result and the answers in short, no white space, strings and
 * numbers as ladder prints them); for anything else nothing is written and
 * the caller reads the session the long way, which also says what is
 * damaged. The text written is byte for byte what the long way writes
 * (tests/unit/test_export_line.c compares them). */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/jsonread.h"
#include "ladder/score.h"

bool jnl_export_fast = true;

/* A piece of the line: a token's text. */
struct span {
	const char *p;
	size_t n;
};

struct cur {
	const char *p, *end;
};

static bool
lit(struct cur *c, const char *s, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0) {
		return false;
	}
	c->p += n;
	return true;
}
#define LIT(c, s) lit((c), (s), sizeof(s) - 1)

/* A string token, quotes included, whose escapes are exactly what
 * jsonw_string writes (so that copying it writes what parsing and writing
 * it again would); *plain: it has no escape at all. */
static bool
str_tok(struct cur *c, struct span *t, bool *plain)
{
	static const char short_esc[] = "\"\\bfnrt";
	const char *p = c->p;
	if (p >= c->end || *p != '"') {
		return false;
	}
	*plain = true;
	for (p++; p < c->end; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '"') {
			t->p = c->p;
			t->n = (size_t)(p + 1 - c->p);
			c->p = p + 1;
			return true;
		}
		if (ch < 0x20) {
			return false;
		}
		if (ch != '\\') {
			continue;
		}
		*plain = false;
		if (p + 1 >= c->end) {
			return false;
		}
		if (strchr(short_esc, p[1]) != NULL && p[1] != '\0') {
			p++;
			continue;
		}
		/* \u00XX for the other control characters, in lower case */
		if (p[1] != 'u' || c->end - p < 6 || p[2] != '0' || p[3] != '0' ||
			(p[4] != '0' && p[4] != '1')) {
			return false;
		}
		unsigned v = (unsigned)(p[4] - '0') << 4;
		char h = p[5];
		if (h >= '0' && h <= '9') {
			v |= (unsigned)(h - '0');
		} else if (h >= 'a' && h <= 'f') {
			v |= (unsigned)(h - 'a' + 10);
		} else {
			return false;
		}
		if (v == 0 || v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t') {
			return false;
		}
		p += 5;
	}
	return false;
}

/* A number in JSON's grammar, as long as cJSON reads one. */
static bool
num_tok(struct cur *c, struct span *t)
{
	const char *p = c->p, *e = c->end;
	if (p < e && *p == '-') {
		p++;
	}
	if (p < e && *p == '0') {
		p++;
	} else if (p < e && *p >= '1' && *p <= '9') {
		while (p < e && *p >= '0' && *p <= '9') {
			p++;
		}
	} else {
		return false;
	}
	if (p < e && *p == '.') {
		p++;
		if (p >= e || *p < '0' || *p > '9') {
			return false;
		}
		while (p < e && *p >= '0' && *p <= '9') {
			p++;
		}
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-')) {
			p++;
		}
		if (p >= e || *p < '0' || *p > '9') {
			return false;
		}
		while (p < e && *p >= '0' && *p <= '9') {
			p++;
		}
	}
	if (p - c->p > 60) {
		return false;
	}
	t->p = c->p;
	t->n = (size_t)(p - c->p);
	c->p = p;
	return true;
}

/* Whether jsonw_number writes the number t stands for as t itself: a
 * whole number of at most nine digits, or a decimal of at most fifteen
 * significant digits without trailing zeros, from 0.0001 to below 1e14
 * (see jsonwrite.c: such a number comes back as its own digits). */
static bool
canonical(struct span t)
{
	const char *p = t.p, *e = t.p + t.n;
	if (p < e && *p == '-') {
		p++;
	}
	const char *int_start = p;
	while (p < e && *p >= '0' && *p <= '9') {
		p++;
	}
	size_t int_digits = (size_t)(p - int_start);
	if (int_digits == 0 || (int_digits > 1 && *int_start == '0')) {
		return false;
	}
	if (p == e) {
		/* "-0" is written by the general path */
		return int_digits <= 9 && !(t.p[0] == '-' && *int_start == '0');
	}
	if (*p != '.') {
		return false; /* an exponent */
	}
	const char *frac = ++p;
	while (p < e && *p >= '0' && *p <= '9') {
		p++;
	}
	if (p != e || p == frac || e[-1] == '0' || int_digits > 14) {
		return false;
	}
	size_t sig;
	if (*int_start == '0') {
		size_t zeros = 0;
		while (frac + zeros < e && frac[zeros] == '0') {
			zeros++;
		}
		if (zeros > 3) {
			return false; /* below 0.0001 */
		}
		sig = (size_t)(e - frac) - zeros;
	} else {
		sig = int_digits + (size_t)(e - frac);
	}
	return sig <= 15;
}

/* The value of a number token, as cJSON reads it. */
static double
num_value(struct span t)
{
	char buf[64];
	memcpy(buf, t.p, t.n);
	buf[t.n] = '\0';
	char point = localeconv()->decimal_point[0];
	for (size_t i = 0; point != '.' && i < t.n; i++) {
		if (buf[i] == '.') {
			buf[i] = point;
		}
	}
	return strtod(buf, NULL);
}

/* A whole number token of at most 18 digits, exactly. */
static bool
int_value(struct span t, int64_t *out)
{
	const char *p = t.p, *e = t.p + t.n;
	bool neg = p < e && *p == '-';
	p += neg;
	if (p == e || e - p > 18 || (*p == '0' && e - p > 1)) {
		return false;
	}
	int64_t v = 0;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9') {
			return false;
		}
		v = v * 10 + (*p - '0');
	}
	*out = neg ? -v : v;
	return true;
}

static void
put_num(struct jsonw *w, struct span t)
{
	if (canonical(t)) {
		jsonw_raw(w, t.p, t.n);
	} else {
		jsonw_number(w, num_value(t));
	}
}

/* A scalar copied as it is: a number, true, false or null. */
enum kind { K_NULL, K_TRUE, K_FALSE, K_NUM, K_STR };
struct val {
	enum kind k;
	struct span t;
};

static bool
scalar(struct cur *c, struct val *v, bool strings)
{
	bool plain;
	if (LIT(c, "null")) {
		v->k = K_NULL;
	} else if (LIT(c, "true")) {
		v->k = K_TRUE;
	} else if (LIT(c, "false")) {
		v->k = K_FALSE;
	} else if (num_tok(c, &v->t)) {
		v->k = K_NUM;
	} else if (strings && str_tok(c, &v->t, &plain)) {
		v->k = K_STR;
	} else {
		return false;
	}
	return true;
}

static void
put_val(struct jsonw *w, const struct val *v)
{
	switch (v->k) {
	case K_NULL: jsonw_null(w); break;
	case K_TRUE: jsonw_bool(w, true); break;
	case K_FALSE: jsonw_bool(w, false); break;
	case K_NUM: put_num(w, v->t); break;
	case K_STR: jsonw_raw(w, v->t.p, v->t.n); break;
	}
}

/* A member's name known here: what jsonw_member writes for it, without
 * looking at its characters. lit is "\"name\": ". */
static void
key(struct jsonw *w, const char *lit, size_t n)
{
	jsonw_element(w);
	jsonw_raw(w, lit, w->pretty ? n : n - 1);
}
#define KEY(w, name) key((w), "\"" name "\": ", sizeof("\"" name "\": ") - 1)

/* A string known here (no character needs escaping), quotes included. */
#define RAW(w, s) jsonw_raw((w), s, sizeof(s) - 1)

/* A small whole number: a rung, a word's place. */
static bool
small_int(const struct val *v, int lo, int hi, int *out)
{
	int64_t x;
	if (v->k != K_NUM || !int_value(v->t, &x) || x < lo || x > hi) {
		return false;
	}
	*out = (int)x;
	return true;
}

/* A placement in short: 16 values (journal_short.c, placement_paths). */
enum { N_PLACEMENT = 16 };
struct placement_line {
	int stage, nearest; /* rungs, 0 for null */
	struct val borderline, axes[4], rest[4];
	int evidence, below, margin_from, awareness_from, not_placed; /* -1: null */
};

static bool
word_or_null(const struct val *v, int n, int *out)
{
	if (v->k == K_NULL) {
		*out = -1;
		return true;
	}
	return small_int(v, 0, n - 1, out);
}

/* An axis: a number from 0 to 1 (canonical) or null. */
static bool
axis_ok(const struct val *v)
{
	if (v->k == K_NULL) {
		return true;
	}
	if (v->k != K_NUM || !canonical(v->t) || v->t.p[0] == '-') {
		return false;
	}
	return v->t.p[0] == '0' || (v->t.n == 1 && v->t.p[0] == '1');
}

static bool
placement(struct cur *c, struct placement_line *pl)
{
	struct val v[N_PLACEMENT];
	for (int k = 0; k < N_PLACEMENT; k++) {
		if (!scalar(c, &v[k], false) || (k + 1 < N_PLACEMENT && !LIT(c, ","))) {
			return false;
		}
	}
	pl->stage = pl->nearest = 0;
	if ((v[0].k != K_NULL && !small_int(&v[0], 1, STAGE_COUNT, &pl->stage)) ||
		(v[2].k != K_NULL && !small_int(&v[2], 1, STAGE_COUNT, &pl->nearest))) {
		return false;
	}
	pl->borderline = v[1];
	for (int x = 0; x < 4; x++) {
		if (!axis_ok(&v[3 + x])) {
			return false;
		}
		pl->axes[x] = v[3 + x];
		pl->rest[x] = v[7 + x];
	}
	return word_or_null(&v[11], 2, &pl->evidence) && small_int(&v[12], 0, 3, &pl->below) &&
		word_or_null(&v[13], 2, &pl->margin_from) &&
		word_or_null(&v[14], 2, &pl->awareness_from) &&
		word_or_null(&v[15], 4, &pl->not_placed);
}

/* The stages' ids, quoted (as stage_id gives them). */
static const struct span stage_ids[STAGE_COUNT + 1] = {
	{"null", 4},
	{"\"unconscious_incompetence\"", 26},
	{"\"conscious_incompetence\"", 24},
	{"\"conscious_competence\"", 22},
	{"\"unconscious_competence\"", 24},
};

static void
put_stage(struct jsonw *w, int rung)
{
	jsonw_raw(w, stage_ids[rung].p, stage_ids[rung].n);
}

static void
put_word(struct jsonw *w, const struct span *words, int i)
{
	if (i < 0) {
		jsonw_null(w);
	} else {
		jsonw_raw(w, words[i].p, words[i].n);
	}
}
#define SPAN(s) {s, sizeof(s) - 1}

/* The members decode_placement adds, in its order. */
static void
put_placement(struct jsonw *w, const struct placement_line *pl)
{
	static const struct span evidence[] = {SPAN("\"situations\""), SPAN("\"self_report\"")};
	static const struct span margin_from[] = {SPAN("\"competence\""), SPAN("\"situations\"")};
	static const struct span awareness_from[] = {SPAN("\"awareness\""),
		SPAN("\"over_estimation\"")};
	static const struct span not_placed[] = {SPAN("\"no_situations_answered\""),
		SPAN("\"no_competence_answers\""), SPAN("\"no_awareness_answers\""),
		SPAN("\"no_automaticity_answers\"")};
	KEY(w, "stage");
	put_stage(w, pl->stage);
	KEY(w, "borderline");
	put_val(w, &pl->borderline);
	KEY(w, "nearest_stage");
	put_stage(w, pl->nearest);
	KEY(w, "axes");
	jsonw_open(w, '{');
	KEY(w, "competence");
	put_val(w, &pl->axes[0]);
	KEY(w, "awareness");
	put_val(w, &pl->axes[1]);
	KEY(w, "automaticity");
	put_val(w, &pl->axes[2]);
	KEY(w, "perceived");
	put_val(w, &pl->axes[3]);
	jsonw_close(w);
	KEY(w, "measured_competence");
	put_val(w, &pl->rest[0]);
	KEY(w, "calibration_gap");
	put_val(w, &pl->rest[1]);
	KEY(w, "placed_awareness");
	put_val(w, &pl->rest[2]);
	KEY(w, "margin");
	put_val(w, &pl->rest[3]);
	KEY(w, "reasons");
	jsonw_open(w, '{');
	KEY(w, "evidence");
	put_word(w, evidence, pl->evidence);
	KEY(w, "below_line");
	jsonw_open(w, '[');
	for (int i = 0; i < 2; i++) {
		if (pl->below & (1 << i)) {
			jsonw_element(w);
			jsonw_raw(w, margin_from[i].p, margin_from[i].n);
		}
	}
	jsonw_close(w);
	KEY(w, "margin_from");
	put_word(w, margin_from, pl->margin_from);
	KEY(w, "awareness_from");
	put_word(w, awareness_from, pl->awareness_from);
	KEY(w, "not_placed");
	put_word(w, not_placed, pl->not_placed);
	jsonw_close(w);
}

/* Enough for the facets of any questionnaire ladder reads; more take the
 * long way. */
enum { MAX_FACETS = 16, MAX_ANSWERS = 512 };

struct line {
	struct val set, answered, total;
	bool repeat;
	struct placement_line whole;
	struct span facet_id[MAX_FACETS];
	struct placement_line facet[MAX_FACETS];
	size_t n_facets;
	bool has_rule1;
	int rule1;
	struct val answers[MAX_ANSWERS];
	size_t n_answers;
	bool keyed;                     /* the answers were an object: */
	struct span keys[MAX_ANSWERS];  /* its members' names */
	struct span note; /* n == 0: null or empty */
};

static bool
same_text(struct span t, const char *s)
{
	size_t n = strlen(s);
	return t.n == n + 2 && memcmp(t.p + 1, s, n) == 0;
}

static bool
same_int(struct cur *c, int64_t want)
{
	struct span t;
	int64_t v;
	return num_tok(c, &t) && int_value(t, &v) && v == want;
}

/* A string token that is a valid id (as jr_valid_id: no escapes in one). */
static bool
valid_id(struct span t)
{
	char id[65];
	if (t.n < 2 || t.n - 2 > 64) {
		return false;
	}
	memcpy(id, t.p + 1, t.n - 2);
	id[t.n - 2] = '\0';
	return jr_valid_id(id);
}

/* An answer: null, a whole number (of at most 1e9 either way), an option
 * id, or false (in short: no answer). */
static bool
answer(struct cur *c, struct val *v)
{
	bool plain;
	int64_t x;
	if (LIT(c, "null")) {
		v->k = K_NULL;
	} else if (LIT(c, "false")) {
		v->k = K_FALSE;
	} else if (num_tok(c, &v->t)) {
		v->k = K_NUM;
		return int_value(v->t, &x) && x >= -1000000000 && x <= 1000000000;
	} else if (str_tok(c, &v->t, &plain) && plain) {
		v->k = K_STR;
		return valid_id(v->t);
	} else {
		return false;
	}
	return true;
}

/* Reads and checks the line into l; false for anything the long way
 * should read. */
static bool
read_line(const struct journal *j, const struct journal_session *s, struct line *l)
{
	struct cur c = {s->text, s->text + s->text_len};
	struct span t;
	bool plain;
	if (!LIT(&c, "{\"id\":") || !str_tok(&c, &t, &plain) || !plain || !same_text(t, s->id) ||
		!LIT(&c, ",\"questionnaire\":") || !str_tok(&c, &t, &plain) || !plain ||
		!same_text(t, s->questionnaire) ||
		!LIT(&c, ",\"version\":") || !same_int(&c, s->version) ||
		!LIT(&c, ",\"started_at\":") || !same_int(&c, s->started_at) ||
		!LIT(&c, ",\"completed_at\":") || !same_int(&c, s->completed_at) ||
		!LIT(&c, ",\"stage\":")) {
		return false;
	}
	struct val stage;
	int stored = 0;
	if (!scalar(&c, &stage, false) ||
		(stage.k != K_NULL && !small_int(&stage, 0, STAGE_COUNT, &stored))) {
		return false;
	}
	/* the result: rule 2 in short */
	if (!LIT(&c, ",\"result\":[\"r2\",") || !scalar(&c, &l->set, false) ||
		(l->set.k != K_NUM && l->set.k != K_NULL) || !LIT(&c, ",")) {
		return false;
	}
	if (LIT(&c, "true")) {
		l->repeat = true;
	} else if (LIT(&c, "false")) {
		l->repeat = false;
	} else {
		return false;
	}
	if (!LIT(&c, ",") || !placement(&c, &l->whole) || !LIT(&c, ",") ||
		!scalar(&c, &l->answered, false) || l->answered.k != K_NUM || !LIT(&c, ",") ||
		!scalar(&c, &l->total, false) || l->total.k != K_NUM || !LIT(&c, ",[")) {
		return false;
	}
	l->n_facets = 0;
	if (!LIT(&c, "]")) {
		do {
			if (l->n_facets == MAX_FACETS || !LIT(&c, "[") ||
				!str_tok(&c, &l->facet_id[l->n_facets], &plain) || !LIT(&c, ",") ||
				!placement(&c, &l->facet[l->n_facets]) || !LIT(&c, "]")) {
				return false;
			}
			l->n_facets++;
		} while (LIT(&c, ","));
		if (!LIT(&c, "]")) {
			return false;
		}
	}
	l->has_rule1 = false;
	if (LIT(&c, ",")) {
		struct val r1;
		l->has_rule1 = true;
		l->rule1 = 0;
		if (!scalar(&c, &r1, false) ||
			(r1.k != K_NULL && !small_int(&r1, 1, STAGE_COUNT, &l->rule1))) {
			return false;
		}
	}
	if (!LIT(&c, "]") || stored != l->whole.stage) {
		return false;
	}
	/* the answers: in short, by the journal's list of items, or an object */
	const struct journal_items *list = jnl_items_find(j->items, j->n_items, s->questionnaire);
	l->n_answers = 0;
	l->keyed = false;
	if (LIT(&c, ",\"answers\":{")) {
		l->keyed = true;
		if (!LIT(&c, "}")) {
			do {
				if (l->n_answers == MAX_ANSWERS ||
					!str_tok(&c, &l->keys[l->n_answers], &plain) || !plain ||
					!valid_id(l->keys[l->n_answers]) || !LIT(&c, ":") ||
					!answer(&c, &l->answers[l->n_answers]) ||
					l->answers[l->n_answers].k == K_FALSE) {
					return false;
				}
				l->n_answers++;
			} while (LIT(&c, ","));
			if (!LIT(&c, "}")) {
				return false;
			}
		}
	} else if (list != NULL && LIT(&c, ",\"answers\":[")) {
		if (!LIT(&c, "]")) {
			do {
				if (l->n_answers == MAX_ANSWERS || l->n_answers >= list->n ||
					!jr_valid_id(list->ids[l->n_answers]) ||
					!answer(&c, &l->answers[l->n_answers])) {
					return false;
				}
				l->n_answers++;
			} while (LIT(&c, ","));
			if (!LIT(&c, "]")) {
				return false;
			}
		}
	} else {
		return false;
	}
	if (!LIT(&c, ",\"note\":")) {
		return false;
	}
	l->note.n = 0;
	if (!LIT(&c, "null")) {
		if (!str_tok(&c, &t, &plain)) {
			return false;
		}
		if (t.n > 2) {
			l->note = t;
		}
	}
	return LIT(&c, "}") && c.p == c.end;
}

static void
put_result(struct jsonw *w, const struct journal_session *s, const struct line *l)
{
	jsonw_open(w, '{');
	KEY(w, "rule");
	jsonw_number(w, SCORING_RULE);
	KEY(w, "set");
	put_val(w, &l->set);
	KEY(w, "repeat");
	jsonw_bool(w, l->repeat);
	KEY(w, "questionnaire");
	jsonw_open(w, '{');
	KEY(w, "id");
	jsonw_string(w, s->questionnaire);
	KEY(w, "version");
	jsonw_number(w, s->version);
	jsonw_close(w);
	put_placement(w, &l->whole);
	KEY(w, "facets");
	jsonw_open(w, '[');
	for (size_t f = 0; f < l->n_facets; f++) {
		jsonw_element(w);
		jsonw_open(w, '{');
		KEY(w, "id");
		jsonw_raw(w, l->facet_id[f].p, l->facet_id[f].n);
		put_placement(w, &l->facet[f]);
		jsonw_close(w);
	}
	jsonw_close(w);
	KEY(w, "answered");
	put_val(w, &l->answered);
	KEY(w, "total");
	put_val(w, &l->total);
	if (l->has_rule1) {
		KEY(w, "rule_1_stage");
		put_stage(w, l->rule1);
	}
	jsonw_close(w);
}

/* The line jnl_export_line_ok read last (large: not on the stack). */
static struct line last;

bool
jnl_export_line_ok(const struct journal *j, const struct journal_session *s)
{
	return jnl_export_fast && !s->loaded && s->text != NULL && read_line(j, s, &last);
}

void
jnl_export_line(struct jsonw *w, const struct journal *j,
	const struct journal_session *s, const char *id, bool anonymous)
{
	const struct line *l = &last;
	jsonw_open(w, '{');
	KEY(w, "id");
	jsonw_string(w, id);
	KEY(w, "questionnaire");
	jsonw_open(w, '{');
	KEY(w, "id");
	jsonw_string(w, s->questionnaire);
	KEY(w, "version");
	jsonw_number(w, s->version);
	jsonw_close(w);
	jnl_write_time(w, "started_at", s->started_at, anonymous);
	jnl_write_time(w, "completed_at", s->completed_at, anonymous);
	KEY(w, "result");
	put_result(w, s, l);
	if (!anonymous) {
		const struct journal_items *list = jnl_items_find(j->items, j->n_items, s->questionnaire);
		KEY(w, "answers");
		jsonw_open(w, '{');
		for (size_t k = 0; k < l->n_answers; k++) {
			if (l->keyed) {
				/* the member's name as it is (a valid id: no escapes) */
				jsonw_element(w);
				jsonw_raw(w, l->keys[k].p, l->keys[k].n);
				jsonw_raw(w, ": ", 2);
				put_val(w, &l->answers[k]);
			} else if (l->answers[k].k != K_FALSE) {
				jsonw_member(w, list->ids[k]);
				put_val(w, &l->answers[k]);
			}
		}
		jsonw_close(w);
		KEY(w, "note");
		if (l->note.n > 0) {
			jsonw_raw(w, l->note.p, l->note.n);
		} else {
			jsonw_null(w);
		}
	}
	jsonw_close(w);
}
