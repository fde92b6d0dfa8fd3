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
	if (n == 1) {
		if (c->p < c->end && *c->p == *s) {
			c->p++;
			return true;
		}
		return false;
	}
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0) {
		return false;
	}
	c->p += n;
	return true;
}
#define LIT(c, s) lit((c), (s), sizeof(s) - 1)

/* Bytes a string token cannot hold as they are: control characters, the
 * quote and the backslash. */
static const unsigned char special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
	[0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1,
	[0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

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
		/* the common bytes in a tight loop */
		while (p < c->end && !special[(unsigned char)*p]) {
			p++;
		}
		if (p >= c->end) {
			break;
		}
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
		return canonical(v->t); /* else the long way writes it */
	} else if (strings && str_tok(c, &v->t, &plain)) {
		v->k = K_STR;
	} else {
		return false;
	}
	return true;
}

/* The export's text is written straight into the writer's buffer, with
 * room made for all of a session at once: what jsonw's pretty writer
 * would write for the same calls (a member on a line of its own, indented
 * two spaces a level; an empty container as "{}" or "[]"). */
struct em {
	char *o;
	size_t depth;
	bool first[16]; /* per level: no member yet */
};

static void
em_raw(struct em *e, const char *p, size_t n)
{
	memcpy(e->o, p, n);
	e->o += n;
}
#define RAW(e, s) em_raw((e), s, sizeof(s) - 1)

static void
em_open(struct em *e, char c)
{
	*e->o++ = c;
	e->first[++e->depth] = true;
}

static void
em_newline(struct em *e)
{
	*e->o++ = '\n';
	memset(e->o, ' ', 2 * e->depth);
	e->o += 2 * e->depth;
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

static void
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
put_stage(struct em *w, int rung)
{
	em_raw(w, stage_ids[rung].p, stage_ids[rung].n);
}

static void
put_word(struct em *w, const struct span *words, int i)
{
	if (i < 0) {
		RAW(w, "null");
	} else {
		em_raw(w, words[i].p, words[i].n);
	}
}
#define SPAN(s) {s, sizeof(s) - 1}

/* The members decode_placement adds, in its order. */
static void
put_placement(struct em *w, const struct placement_line *pl)
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
	em_open(w, '{');
	KEY(w, "competence");
	put_val(w, &pl->axes[0]);
	KEY(w, "awareness");
	put_val(w, &pl->axes[1]);
	KEY(w, "automaticity");
	put_val(w, &pl->axes[2]);
	KEY(w, "perceived");
	put_val(w, &pl->axes[3]);
	em_close(w, '}');
	KEY(w, "measured_competence");
	put_val(w, &pl->rest[0]);
	KEY(w, "calibration_gap");
	put_val(w, &pl->rest[1]);
	KEY(w, "placed_awareness");
	put_val(w, &pl->rest[2]);
	KEY(w, "margin");
	put_val(w, &pl->rest[3]);
	KEY(w, "reasons");
	em_open(w, '{');
	KEY(w, "evidence");
	put_word(w, evidence, pl->evidence);
	KEY(w, "below_line");
	em_open(w, '[');
	for (int i = 0; i < 2; i++) {
		if (pl->below & (1 << i)) {
			em_element(w);
			em_raw(w, margin_from[i].p, margin_from[i].n);
		}
	}
	em_close(w, ']');
	KEY(w, "margin_from");
	put_word(w, margin_from, pl->margin_from);
	KEY(w, "awareness_from");
	put_word(w, awareness_from, pl->awareness_from);
	KEY(w, "not_placed");
	put_word(w, not_placed, pl->not_placed);
	em_close(w, '}');
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

/* A string token that is a valid id: what jr_valid_id takes (1 to 64 of
 * A-Z a-z 0-9 _ - .; so no escapes in one). */
static bool
valid_id(struct span t)
{
	if (t.n < 3 || t.n - 2 > 64) {
		return false;
	}
	for (size_t i = 1; i + 1 < t.n; i++) {
		char c = t.p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) {
			return false;
		}
	}
	return true;
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
		return canonical(v->t) && int_value(v->t, &x) && x >= -1000000000 &&
			x <= 1000000000;
	} else if (str_tok(c, &v->t, &plain) && plain) {
		v->k = K_STR;
		return valid_id(v->t);
	} else {
		return false;
	}
	return true;
}

/* Whether every id of an item list is valid (as the long way checks the
 * ones it uses); the answer for the list last asked about is kept during
 * one export (jnl_export_line_begin forgets it), as long as the list has
 * not grown. */
static const struct journal_items *checked;
static size_t checked_n;

void
jnl_export_line_begin(void)
{
	checked = NULL;
	checked_n = 0;
}

static bool
list_valid(const struct journal_items *list)
{
	static bool valid;
	if (list != checked || list->n != checked_n) {
		valid = true;
		for (size_t k = 0; valid && k < list->n; k++) {
			valid = jr_valid_id(list->ids[k]);
		}
		checked = list;
		checked_n = list->n;
	}
	return valid;
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
	} else if (list != NULL && list_valid(list) && LIT(&c, ",\"answers\":[")) {
		if (!LIT(&c, "]")) {
			do {
				if (l->n_answers == MAX_ANSWERS || l->n_answers >= list->n ||
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
	KEY(w, "questionnaire");
	em_open(w, '{');
	KEY(w, "id");
	em_plain(w, s->questionnaire);
	KEY(w, "version");
	em_int(w, s->version);
	em_close(w, '}');
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
	return jnl_export_fast && !s->loaded && s->text != NULL && read_line(j, s, &last);
}

/* An upper bound of what a session's line becomes: each of its values
 * on a line of its own, indented and named, and the items' names. */
static size_t
bound(const struct journal_session *s, const struct line *l)
{
	return 8192 + 24 * s->text_len + 80 * l->n_answers;
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
	KEY(w, "questionnaire");
	em_open(w, '{');
	KEY(w, "id");
	em_plain(w, s->questionnaire);
	KEY(w, "version");
	em_int(w, s->version);
	em_close(w, '}');
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
