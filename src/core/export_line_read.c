/* Reading a stored session's line for the export's line writer
 * (export_line.c): the line once into spans of its text, with every check
 * journal_session_load makes, and only in the form ladder writes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export_line.h"
#include "ladder/jsonread.h"
#include "ladder/jsonwrite.h"
#include "ladder/score.h"

bool jnl_export_fast = true;

/* A cursor over a line whose last byte is '}' (exl_read_line checks that
 * first): a scan of a number's bytes stops before the end without
 * looking for it. */
struct cur {
	const char *p, *end;
};

static inline bool
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

/* Whether the four hex digits at h are a character jsonw_string writes as
 * \uXXXX (and as nothing else). */
static bool
escaped_as_jsonw(const char *h)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char d = h[i];
		v <<= 4;
		if (d >= '0' && d <= '9') {
			v |= (unsigned)(d - '0');
		} else if (d >= 'a' && d <= 'f') {
			v |= (unsigned)(d - 'a' + 10);
		} else {
			return false;
		}
	}
	if (v < 0x20) {
		return v != 0 && v != '\b' && v != '\f' && v != '\n' && v != '\r' && v != '\t';
	}
	return v == 0x7f || (v >= 0x80 && v <= 0x9f) || v == 0x061c || v == 0x200e ||
		v == 0x200f || (v >= 0x202a && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069);
}

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
		/* the common bytes eight at a time (a look at each, no branch),
		 * then one by one up to the one that needs a look */
		const unsigned char *u = (const unsigned char *)p;
		while (c->end - p >= 8 && !(json_needs_escape[u[0]] | json_needs_escape[u[1]] |
			json_needs_escape[u[2]] | json_needs_escape[u[3]] |
			json_needs_escape[u[4]] | json_needs_escape[u[5]] |
			json_needs_escape[u[6]] | json_needs_escape[u[7]])) {
			p += 8;
			u += 8;
		}
		while (p < c->end && !json_needs_escape[(unsigned char)*p]) {
			p++;
		}
		if (p >= c->end) {
			break;
		}
		unsigned char ch = (unsigned char)*p;
		if (ch >= 0x7f) {
			/* jsonw writes these escaped: not as they are */
			char esc[6];
			unsigned char seq[4] = {ch, 0, 0, 0};
			for (int k = 1; k < 3 && p + k < c->end; k++) {
				seq[k] = (unsigned char)p[k];
			}
			if (json_escape_control(seq, esc) > 0) {
				return false;
			}
			continue;
		}
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
		/* \uXXXX, in lower case, for the other control characters
		 * and for json_escape_control's */
		if (p[1] != 'u' || c->end - p < 6 || !escaped_as_jsonw(p + 2)) {
			return false;
		}
		p += 5;
	}
	return false;
}

static bool
digit(char ch)
{
	return (unsigned char)(ch - '0') < 10;
}

/* A number in JSON's grammar, as long as cJSON reads one, scanned once;
 * *canon: whether jsonw_number writes the number it stands for as these
 * very bytes: a whole number of at most nine digits ("-0" too), or a
 * decimal of at most fifteen significant digits without trailing zeros,
 * from 0.0001 to below 1e14, and no exponent (see jsonwrite.c: such a
 * number comes back as its own digits). */
static bool
num_tok(struct cur *c, struct span *t, bool *canon)
{
	const char *p = c->p;
	if (p >= c->end) {
		return false;
	}
	/* no bound checks below: the line's last byte, '}', ends any run */
	bool neg = *p == '-';
	p += neg;
	const char *int_start = p;
	if (*p == '0') {
		p++;
	} else if (*p >= '1' && *p <= '9') {
		while (digit(*p)) {
			p++;
		}
	} else {
		return false;
	}
	size_t int_digits = (size_t)(p - int_start);
	bool zero = *int_start == '0';
	if (*p == '.') {
		const char *frac = ++p;
		while (digit(*p)) {
			p++;
		}
		size_t n_frac = (size_t)(p - frac);
		if (n_frac == 0) {
			return false;
		}
		size_t sig = int_digits + n_frac, zeros = 0;
		if (zero) {
			while (zeros < n_frac && frac[zeros] == '0') {
				zeros++;
			}
			sig = n_frac - zeros;
		}
		/* below 0.0001 (or 0.0) is written by the general path */
		*canon = p[-1] != '0' && int_digits <= 14 && sig <= 15 && zeros <= 3;
	} else {
		/* "-0" too: jsonw_number writes a negative zero as "-0" */
		*canon = int_digits <= 9;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		p += *p == '+' || *p == '-';
		if (!digit(*p)) {
			return false;
		}
		while (digit(*p)) {
			p++;
		}
		*canon = false;
	}
	if (p - c->p > 60) {
		return false;
	}
	t->p = c->p;
	t->n = (size_t)(p - c->p);
	c->p = p;
	return true;
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

/* A number, true, false or null, told by its first byte. */
static inline bool
scalar(struct cur *c, struct val *v)
{
	bool canon;
	if (c->p >= c->end) {
		return false;
	}
	switch (*c->p) {
	case 'n':
		v->k = K_NULL;
		return LIT(c, "null");
	case 't':
		v->k = K_TRUE;
		return LIT(c, "true");
	case 'f':
		v->k = K_FALSE;
		return LIT(c, "false");
	default:
		v->k = K_NUM;
		if (digit(c->p[0]) && !digit(c->p[1]) && c->p[1] != '.' && c->p[1] != 'e' &&
			c->p[1] != 'E') {
			/* one digit, the usual rung or word: canonical (and c->p[1]
			 * is there: the line's last byte is '}') */
			v->t.p = c->p++;
			v->t.n = 1;
			return true;
		}
		/* one not canonical: the long way writes it */
		return num_tok(c, &v->t, &canon) && canon;
	}
}

/* A small whole number: a rung, a word's place (not "-0": the long way
 * says what that is). */
static inline bool
small_int(const struct val *v, int lo, int hi, int *out)
{
	int64_t x;
	if (v->k == K_NUM && v->t.n == 1 && digit(v->t.p[0])) {
		x = v->t.p[0] - '0'; /* the usual: one digit */
	} else if (v->k != K_NUM || !int_value(v->t, &x)) {
		return false;
	}
	if (x < lo || x > hi || (x == 0 && v->t.p[0] == '-')) {
		return false;
	}
	*out = (int)x;
	return true;
}

static bool
word_or_null(const struct val *v, int n, int *out)
{
	if (v->k == K_NULL) {
		*out = -1;
		return true;
	}
	return small_int(v, 0, n - 1, out);
}

/* An axis: a number from 0 to 1 (canonical, as scalar took it) or null. */
static bool
axis_ok(const struct val *v)
{
	if (v->k == K_NULL) {
		return true;
	}
	if (v->k != K_NUM || v->t.p[0] == '-') {
		return false;
	}
	return v->t.p[0] == '0' || (v->t.n == 1 && v->t.p[0] == '1');
}

static bool
placement(struct cur *c, struct placement_line *pl)
{
	struct val v[N_PLACEMENT];
	for (int k = 0; k < N_PLACEMENT; k++) {
		if (!scalar(c, &v[k]) || (k + 1 < N_PLACEMENT && !LIT(c, ","))) {
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
	bool canon;
	return num_tok(c, &t, &canon) && int_value(t, &v) && v == want;
}

/* A string token that is a valid id, read and checked in one pass: what
 * jr_valid_id takes (1 to 64 of A-Z a-z 0-9 _ - .; so no escapes). */
static bool
id_tok(struct cur *c, struct span *t)
{
	const char *p = c->p, *e = c->end;
	if (p >= e || *p != '"') {
		return false;
	}
	/* no bound check: the line's last byte, '}', is not an id's */
	for (p++; jr_id_byte[(unsigned char)*p]; p++) {
	}
	size_t n = (size_t)(p - c->p) - 1;
	if (*p != '"' || n < 1 || n > 64) {
		return false;
	}
	t->p = c->p;
	t->n = n + 2;
	c->p = p + 1;
	return true;
}

/* A whole number as jsonw_number writes an answer's: at most nine digits
 * (so within 1e9 either way), not "-0". */
static inline bool
answer_int(struct cur *c, struct span *t)
{
	const char *p = c->p;
	if (p >= c->end) {
		return false;
	}
	/* no bound checks below: the line's last byte, '}', ends any run */
	bool neg = *p == '-';
	p += neg;
	const char *start = p;
	if (*p == '0') {
		p += !neg;
	} else {
		while (digit(*p) && p - start < 9) {
			p++;
		}
	}
	/* what else a number may go on with: not such a number */
	if (p == start || digit(*p) || *p == '.' || *p == 'e' || *p == 'E') {
		return false;
	}
	t->p = c->p;
	t->n = (size_t)(p - c->p);
	c->p = p;
	return true;
}

/* An answer: null, a whole number (of at most 1e9 either way), an option
 * id, or false (in short: no answer). Its null and false are read as
 * scalar() reads them, in a switch of its own: an answer is never true nor
 * a general number, and both are on the export's hottest path. */
static inline bool
answer(struct cur *c, struct val *v)
{
	if (c->p >= c->end) {
		return false;
	}
	switch (*c->p) {
	case 'n':
		v->k = K_NULL;
		return LIT(c, "null");
	case 'f':
		v->k = K_FALSE;
		return LIT(c, "false");
	case '"':
		v->k = K_STR;
		return id_tok(c, &v->t);
	default:
		v->k = K_NUM;
		return answer_int(c, &v->t);
	}
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
bool
exl_read_line(const struct journal *j, const struct journal_session *s, struct line *l)
{
	struct cur c = {s->text, s->text + s->text_len};
	struct span t;
	bool plain;
	if (s->text_len == 0 || c.end[-1] != '}') {
		return false; /* and the cursor may count on it */
	}
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
	if (!scalar(&c, &stage) ||
		(stage.k != K_NULL && !small_int(&stage, 0, STAGE_COUNT, &stored))) {
		return false;
	}
	/* the result: rule 2 in short */
	if (!LIT(&c, ",\"result\":[\"r2\",") || !scalar(&c, &l->set) ||
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
		!scalar(&c, &l->answered) || l->answered.k != K_NUM || !LIT(&c, ",") ||
		!scalar(&c, &l->total) || l->total.k != K_NUM || !LIT(&c, ",[")) {
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
		if (!scalar(&c, &r1) ||
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
					!id_tok(&c, &l->keys[l->n_answers]) || !LIT(&c, ":") ||
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

