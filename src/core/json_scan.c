/* The strict JSON scanner, and the tree it builds in the same pass
 * (json_scan.h). */
#include "json_scan.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/util.h"

struct json_arena {
	struct json_arena *next;
	size_t used, cap;
	max_align_t data[];
};

static const char oom[] = "out of memory";

/* Blocks stay under the C library's threshold for mapping memory of its
 * own, so that the next document reuses the pages this one freed. */
#define ARENA_BLOCK ((size_t)60 * 1024)

/* n bytes from the arena, aligned for any node; NULL when out of memory.
 * A small text gets one block of about its size. */
static void *
arena_alloc(struct scanner *sc, size_t n)
{
	struct json_arena *a = *sc->arena;
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (a == NULL || a->cap - a->used < n) {
		size_t cap = a == NULL && sc->len < ARENA_BLOCK / 4 ? sc->len * 4 + 1024 : ARENA_BLOCK;
		if (cap < n) {
			cap = n;
		}
		struct json_arena *b = malloc(sizeof(*b) + cap);
		if (b == NULL) {
			return NULL;
		}
		b->next = a;
		b->used = 0;
		b->cap = cap;
		*sc->arena = a = b;
	}
	void *p = (char *)a->data + a->used;
	a->used += n;
	return p;
}

void
json_arena_free(struct json_arena **a)
{
	while (*a != NULL) {
		struct json_arena *next = (*a)->next;
		sodium_memzero((*a)->data, (*a)->used);
		free(*a);
		*a = next;
	}
}

static cJSON *
new_node(struct scanner *sc, int type)
{
	cJSON *n = arena_alloc(sc, sizeof(*n));
	if (n == NULL) {
		json_scan_fail(sc, sc->i, oom);
		return NULL;
	}
	memset(n, 0, sizeof(*n));
	n->type = type;
	return n;
}

bool
json_scan_fail(struct scanner *sc, size_t off, const char *msg)
{
	sc->err_off = off;
	sc->err_msg = msg;
	return false;
}

void
json_scan_ws(struct scanner *sc)
{
	size_t i = sc->i;
	while (i < sc->len) {
		char c = sc->s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
		} else {
			break;
		}
	}
	sc->i = i;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The code unit of the \uXXXX at s[at] (at is the backslash), or -1 when
 * it is not one. */
static long
unit_at(const struct scanner *sc, size_t at)
{
	if (sc->len - at < 6 || sc->s[at] != '\\' || sc->s[at + 1] != 'u') {
		return -1;
	}
	long v = 0;
	for (size_t k = 2; k < 6; k++) {
		int d = hex_digit(sc->s[at + k]);
		if (d < 0) {
			return -1;
		}
		v = v * 16 + d;
	}
	return v;
}

/* Checks the \u escape at sc->i (a surrogate pair is one) and moves past
 * it; *cp is the character. */
static bool
scan_unicode(struct scanner *sc, unsigned long *cp)
{
	long u = unit_at(sc, sc->i);
	if (u < 0) {
		return json_scan_fail(sc, sc->i, "expected four hex digits after \\u");
	}
	if (u == 0) {
		return json_scan_fail(sc, sc->i,
			"\\u0000 in string (expected text without NUL characters)");
	}
	if (u >= 0xDC00 && u <= 0xDFFF) {
		return json_scan_fail(sc, sc->i,
			"unpaired surrogate (expected \\uD800-\\uDBFF before \\uDC00-\\uDFFF)");
	}
	sc->i += 6;
	if (u >= 0xD800 && u <= 0xDBFF) {
		long lo = unit_at(sc, sc->i);
		if (lo < 0xDC00 || lo > 0xDFFF) {
			return json_scan_fail(sc, sc->i,
				"unpaired surrogate (expected \\uDC00-\\uDFFF after \\uD800-\\uDBFF)");
		}
		sc->i += 6;
		u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
	}
	*cp = (unsigned long)u;
	return true;
}

static size_t
utf8_put(char *d, unsigned long cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The checked string from s[from] to s[to] (inside the quotes) with its
 * escapes decoded; no decoded text is longer than its escapes. */
static char *
decode_string(struct scanner *sc, size_t from, size_t to, bool escapes)
{
	char *d = arena_alloc(sc, to - from + 1), *out = d;
	if (d == NULL) {
		json_scan_fail(sc, from, oom);
		return NULL;
	}
	if (!escapes) {
		memcpy(d, sc->s + from, to - from);
		d[to - from] = '\0';
		return out;
	}
	struct scanner at = *sc;
	at.i = from;
	while (at.i < to) {
		char c = sc->s[at.i];
		if (c != '\\') {
			*d++ = c;
			at.i++;
			continue;
		}
		char e = sc->s[at.i + 1];
		if (e == 'u') {
			unsigned long cp = 0;
			scan_unicode(&at, &cp); /* checked already */
			d += utf8_put(d, cp);
			continue;
		}
		static const char from_esc[] = "\"\\/bfnrt", to_chr[] = "\"\\/\b\f\n\r\t";
		*d++ = to_chr[strchr(from_esc, e) - from_esc];
		at.i += 2;
	}
	*d = '\0';
	return out;
}

/* A byte that stands for itself in a string: printable ASCII but the
 * quote and the backslash. */
static inline bool
plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

/* Eight plain bytes at p (util.h's word tests). */
static inline bool
plain8(const unsigned char *p)
{
	uint64_t x = load8(p);
	return ascii_printable8(x) && !has_byte8(x, '"') && !has_byte8(x, '\\');
}

/* out: the decoded string when building (NULL: check only). */
static bool
scan_string(struct scanner *sc, char **out)
{
	size_t start = sc->i;
	bool escapes = false;
	sc->i++; /* opening quote */
	while (sc->i < sc->len) {
		/* the run of plain bytes, with the position kept in a local
		 * (a byte read through s may alias the scanner) */
		const unsigned char *p = (const unsigned char *)sc->s + sc->i;
		const unsigned char *end = (const unsigned char *)sc->s + sc->len;
		while (end - p >= 8 && plain8(p)) {
			p += 8;
		}
		while (p < end && plain(*p)) {
			p++;
		}
		sc->i = (size_t)(p - (const unsigned char *)sc->s);
		if (p == end) {
			break;
		}
		unsigned char c = (unsigned char)sc->s[sc->i];
		if (c == '"') {
			sc->i++;
			if (out != NULL &&
				(*out = decode_string(sc, start + 1, sc->i - 1, escapes)) == NULL) {
				return false;
			}
			return true;
		}
		if (c == '\\') {
			if (sc->i + 1 >= sc->len) {
				break;
			}
			escapes = true;
			char e = sc->s[sc->i + 1];
			if (e == 'u') {
				unsigned long cp;
				if (!scan_unicode(sc, &cp)) {
					return false;
				}
				continue;
			}
			if (strchr("\"\\/bfnrt", e) == NULL || e == '\0') {
				return json_scan_fail(sc, sc->i,
					"invalid escape in string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
			}
			sc->i += 2;
			continue;
		}
		if (c < 0x20) {
			return json_scan_fail(sc, sc->i,
				c == '\n' ? "expected '\"' to close the string before the end of the line"
					  : "control character in string (expected it escaped)");
		}
		if (c >= 0x80) {
			/* the length from the lead byte alone: the text need not
			 * be NUL-terminated, so nothing past len may be read */
			size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (n == 1 || sc->i + n > sc->len ||
				!utf8_valid(sc->s + sc->i, n)) {
				return json_scan_fail(sc, sc->i,
					"invalid UTF-8 in string (expected UTF-8 text)");
			}
			sc->i += n;
			continue;
		}
		sc->i++;
	}
	return json_scan_fail(sc, start, "unterminated string (expected a closing '\"')");
}

static bool
digits(struct scanner *sc)
{
	size_t from = sc->i;
	while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
		sc->i++;
	}
	return sc->i > from;
}

/* The number from s[start] to s[sc->i], checked: exact when it is a whole
 * number of at most 15 digits, else strtod's (in the locale's notation). */
static bool
number_node(struct scanner *sc, size_t start, cJSON **out)
{
	const char *p = sc->s + start;
	size_t n = sc->i - start;
	bool neg = p[0] == '-';
	double v;
	if (n - neg <= 15 && memchr(p, '.', n) == NULL && memchr(p, 'e', n) == NULL &&
		memchr(p, 'E', n) == NULL) {
		int64_t whole = 0;
		for (size_t k = neg; k < n; k++) {
			whole = whole * 10 + (p[k] - '0');
		}
		v = neg ? -(double)whole : (double)whole;
	} else {
		char small[64];
		char *b = n < sizeof(small) ? small : malloc(n + 1);
		if (b == NULL) {
			return json_scan_fail(sc, start, oom);
		}
		memcpy(b, p, n);
		b[n] = '\0';
		char *dot = memchr(b, '.', n);
		if (dot != NULL) {
			*dot = sc->decimal_point;
		}
		v = strtod(b, NULL);
		if (b != small) {
			free(b);
		}
	}
	if ((*out = new_node(sc, cJSON_Number)) == NULL) {
		return false;
	}
	(*out)->valuedouble = v;
	(*out)->valueint = v >= INT_MAX ? INT_MAX : v <= (double)INT_MIN ? INT_MIN : (int)v;
	return true;
}

static bool
scan_number(struct scanner *sc, cJSON **out)
{
	size_t start = sc->i;
	if (sc->s[sc->i] == '-') {
		sc->i++;
	}
	if (sc->i >= sc->len) {
		return json_scan_fail(sc, start, "expected a digit in number");
	}
	if (sc->s[sc->i] == '0') {
		sc->i++;
	} else if (!digits(sc)) {
		return json_scan_fail(sc, start, "expected a digit in number");
	}
	if (sc->i < sc->len && sc->s[sc->i] == '.') {
		sc->i++;
		if (!digits(sc)) {
			return json_scan_fail(sc, sc->i, "expected a digit after '.'");
		}
	}
	if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->len && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-')) {
			sc->i++;
		}
		if (!digits(sc)) {
			return json_scan_fail(sc, sc->i, "expected a digit in the exponent");
		}
	}
	if (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
		return json_scan_fail(sc, start, "number with a leading zero (expected 0 or 1-9...)");
	}
	return out == NULL || number_node(sc, start, out);
}

static bool
scan_word(struct scanner *sc, const char *w, int type, cJSON **out)
{
	size_t n = strlen(w);
	if (sc->len - sc->i >= n && memcmp(sc->s + sc->i, w, n) == 0) {
		sc->i += n;
		return out == NULL || (*out = new_node(sc, type)) != NULL;
	}
	return json_scan_fail(sc, sc->i,
		"expected a value (a string, number, object, array, true, false or null)");
}

static void
record(struct scanner *sc, const cJSON *node, size_t value_off, size_t key_off)
{
	if (node != NULL && node == sc->target && !sc->found) {
		sc->found = true;
		sc->found_value = value_off;
		sc->found_key = key_off;
	}
}

/* Children built so far: the first, whose prev is the last (as cJSON
 * keeps them). */
static void
append(cJSON *parent, cJSON *child)
{
	cJSON *first = parent->child;
	if (first == NULL) {
		parent->child = child;
	} else {
		first->prev->next = child;
		child->prev = first->prev;
	}
	parent->child->prev = child;
}

static bool
scan_object(struct scanner *sc, const cJSON *node, cJSON *built)
{
	const cJSON *child = node ? node->child : NULL;
	size_t open = sc->i;
	sc->i++;
	json_scan_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == '}') {
		sc->i++;
		return true;
	}
	for (;;) {
		json_scan_ws(sc);
		if (sc->i >= sc->len) {
			return json_scan_fail(sc, open, "unterminated object (expected '}')");
		}
		if (sc->s[sc->i] != '"') {
			return json_scan_fail(sc, sc->i,
				sc->s[sc->i] == '}' ? "trailing comma in object (expected a member name in double quotes)"
						    : "expected a member name in double quotes");
		}
		size_t key_off = sc->i;
		char *key = NULL;
		if (!scan_string(sc, built != NULL ? &key : NULL)) {
			return false;
		}
		json_scan_ws(sc);
		if (sc->i >= sc->len || sc->s[sc->i] != ':') {
			return json_scan_fail(sc, sc->i, "expected ':' after the member name");
		}
		sc->i++;
		json_scan_ws(sc);
		cJSON *value = NULL;
		if (!json_scan_value(sc, child, key_off, built != NULL ? &value : NULL)) {
			return false;
		}
		if (built != NULL) {
			value->string = key;
			append(built, value);
		}
		if (child != NULL) {
			child = child->next;
		}
		json_scan_ws(sc);
		if (sc->i >= sc->len) {
			return json_scan_fail(sc, open, "unterminated object (expected '}')");
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] == '}') {
			sc->i++;
			return true;
		}
		return json_scan_fail(sc, sc->i, "expected ',' or '}' after an object member");
	}
}

static bool
scan_array(struct scanner *sc, const cJSON *node, cJSON *built)
{
	const cJSON *child = node ? node->child : NULL;
	size_t open = sc->i;
	sc->i++;
	json_scan_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == ']') {
		sc->i++;
		return true;
	}
	for (;;) {
		json_scan_ws(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']') {
			return json_scan_fail(sc, sc->i, "trailing comma in array (expected a value)");
		}
		cJSON *value = NULL;
		if (!json_scan_value(sc, child, SIZE_MAX, built != NULL ? &value : NULL)) {
			return false;
		}
		if (built != NULL) {
			append(built, value);
		}
		if (child != NULL) {
			child = child->next;
		}
		json_scan_ws(sc);
		if (sc->i >= sc->len) {
			return json_scan_fail(sc, open, "unterminated array (expected ']')");
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] == ']') {
			sc->i++;
			return true;
		}
		return json_scan_fail(sc, sc->i, "expected ',' or ']' after an array element");
	}
}

bool
json_scan_value(struct scanner *sc, const cJSON *node, size_t key_off, cJSON **out)
{
	json_scan_ws(sc);
	if (sc->i >= sc->len) {
		return json_scan_fail(sc, sc->i,
			"unexpected end of file (expected a value)");
	}
	record(sc, node, sc->i, key_off);
	char c = sc->s[sc->i];
	switch (c) {
	case '{':
	case '[': {
		if (++sc->depth > JSON_MAX_DEPTH) {
			return json_scan_fail(sc, sc->i, "nested too deeply (more than 512 levels)");
		}
		cJSON *built = NULL;
		if (out != NULL &&
			(*out = built = new_node(sc, c == '{' ? cJSON_Object : cJSON_Array)) == NULL) {
			return false;
		}
		bool ok = c == '{' ? scan_object(sc, node, built) : scan_array(sc, node, built);
		sc->depth--;
		return ok;
	}
	case '"': {
		char *s = NULL;
		if (!scan_string(sc, out != NULL ? &s : NULL)) {
			return false;
		}
		if (out != NULL) {
			if ((*out = new_node(sc, cJSON_String)) == NULL) {
				return false;
			}
			(*out)->valuestring = s;
		}
		return true;
	}
	case 't':
		return scan_word(sc, "true", cJSON_True, out);
	case 'f':
		return scan_word(sc, "false", cJSON_False, out);
	case 'n':
		return scan_word(sc, "null", cJSON_NULL, out);
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			return scan_number(sc, out);
		}
		return json_scan_fail(sc, sc->i,
			"expected a value (a string, number, object, array, true, false or null)");
	}
}
