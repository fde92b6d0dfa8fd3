#include "ladder/jsonwrite.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* A sink's staging area: written out whenever it is full. Large enough
 * that the writes cost little next to the copying (an export writes tens
 * of megabytes), and in sodium_malloc memory: the text is often secret. */
#define STAGE_SIZE (1u << 20)

/* Frees p after wiping the n bytes that may have held text. */
static void
wipe_free(const struct jsonw *w, char *p, size_t n)
{
	if (p == NULL) {
		return;
	}
	if (w->secure) {
		sodium_free(p); /* wipes all of it */
		return;
	}
	sodium_memzero(p, n);
	free(p);
}

static void
init(struct jsonw *w, jsonw_write_fn out, void *ctx, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->pretty = pretty;
	w->out = out;
	w->ctx = ctx;
	if (out != NULL) {
		w->secure = true;
		w->failed = sodium_init() < 0; /* sodium_malloc needs it */
	}
}

static bool
write_file(void *ctx, const void *bytes, size_t len)
{
	return fwrite(bytes, 1, len, ctx) == len;
}

void
jsonw_init_file(struct jsonw *w, FILE *f, bool pretty)
{
	init(w, write_file, f, pretty);
}

void
jsonw_init_callback(struct jsonw *w, jsonw_write_fn out, void *ctx, bool pretty)
{
	init(w, out, ctx, pretty);
}

void
jsonw_init_buffer(struct jsonw *w, bool pretty)
{
	init(w, NULL, NULL, pretty);
}

void
jsonw_init_secure(struct jsonw *w, bool pretty)
{
	init(w, NULL, NULL, pretty);
	w->secure = true;
	w->failed = sodium_init() < 0; /* sodium_malloc needs it */
}

static void
flush(struct jsonw *w)
{
	if (w->out != NULL && w->len > 0) {
		if (!w->failed && !w->out(w->ctx, w->buf, w->len)) {
			w->failed = true;
		}
		if (w->len > w->high) {
			w->high = w->len;
		}
		w->len = 0;
	}
}

/* How much of the buffer may hold text: what a flush leaves behind in a
 * sink's staging area, or the longest text in a growing buffer (the rest
 * of a large buffer was never touched, and wiping it would only fault its
 * pages in). */
static size_t
written(const struct jsonw *w)
{
	if (w->buf == NULL) {
		return 0;
	}
	size_t n = w->high > w->len ? w->high : w->len;
	return n + 1 < w->cap ? n + 1 : w->cap;
}

/* Room for n more bytes and the NUL. */
static bool
reserve(struct jsonw *w, size_t n)
{
	if (w->failed) {
		return false;
	}
	if (w->out != NULL && w->len + n + 1 > w->cap && w->len > 0) {
		flush(w);
	}
	if (w->len + n + 1 <= w->cap) {
		return true;
	}
	size_t cap = w->cap ? w->cap : (w->out ? STAGE_SIZE : 4096);
	while (cap < w->len + n + 1) {
		if (cap > SIZE_MAX / 2) {
			w->failed = true;
			return false;
		}
		cap *= 2;
	}
	/* no realloc: the old block must be wiped, not left in the heap */
	char *nb = w->secure ? sodium_malloc(cap) : malloc(cap);
	if (nb == NULL) {
		w->failed = true;
		return false;
	}
	if (w->len > 0) {
		memcpy(nb, w->buf, w->len);
	}
	wipe_free(w, w->buf, written(w));
	w->buf = nb;
	w->cap = cap;
	w->high = w->len;
	return true;
}

void
jsonw_reserve(struct jsonw *w, size_t n)
{
	reserve(w, n);
}

void
jsonw_raw(struct jsonw *w, const char *s, size_t n)
{
	if (reserve(w, n)) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
		w->buf[w->len] = '\0';
	}
}

static void
put(struct jsonw *w, char c)
{
	if (w->len + 2 <= w->cap || reserve(w, 1)) {
		w->buf[w->len++] = c;
		w->buf[w->len] = '\0';
	}
}

static void
newline(struct jsonw *w)
{
	if (!w->pretty || !reserve(w, 1 + 2 * w->depth)) {
		return;
	}
	w->buf[w->len++] = '\n';
	memset(w->buf + w->len, ' ', 2 * w->depth);
	w->len += 2 * w->depth;
	w->buf[w->len] = '\0';
}

bool
jsonw_finish(struct jsonw *w)
{
	flush(w);
	return !w->failed;
}

void
jsonw_release(struct jsonw *w)
{
	wipe_free(w, w->buf, written(w));
	free(w->first);
	w->buf = NULL;
	w->first = NULL;
	w->len = w->cap = w->high = w->depth = w->cap_depth = 0;
}

void
jsonw_open(struct jsonw *w, char c)
{
	if (w->depth == w->cap_depth) {
		size_t cap = w->cap_depth ? w->cap_depth * 2 : 16;
		unsigned char *nf = realloc(w->first, cap);
		if (nf == NULL) {
			w->failed = true;
			return;
		}
		w->first = nf;
		w->cap_depth = cap;
	}
	put(w, c);
	/* bit 0: no member yet; bit 1: an array */
	w->first[w->depth++] = (unsigned char)(1u | (c == '[' ? 2u : 0u));
}

void
jsonw_close(struct jsonw *w)
{
	if (w->depth == 0) {
		w->failed = true;
		return;
	}
	unsigned char f = w->first[--w->depth];
	if (!(f & 1)) {
		newline(w);
	}
	put(w, (f & 2) ? ']' : '}');
}

static void
separator(struct jsonw *w)
{
	if (w->depth == 0) {
		return;
	}
	unsigned char *f = &w->first[w->depth - 1];
	if (!(*f & 1)) {
		put(w, ',');
	}
	*f &= (unsigned char)~1u;
	newline(w);
}

void
jsonw_member(struct jsonw *w, const char *key)
{
	separator(w);
	jsonw_string(w, key);
	if (w->pretty) {
		jsonw_raw(w, ": ", 2);
	} else {
		put(w, ':');
	}
}

void
jsonw_element(struct jsonw *w)
{
	separator(w);
}

const unsigned char json_needs_escape[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
	[0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1,
	[0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
	/* the lead bytes of json_escape_control's characters */
	[0x7f] = 1, [0xc2] = 1, [0xd8] = 1, [0xe2] = 1,
};

size_t
json_escape_control(const unsigned char *p, char out[6])
{
	static const char hex[] = "0123456789abcdef";
	unsigned cp;
	size_t n;
	if (p[0] == 0x7f) {
		cp = 0x7f;
		n = 1;
	} else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		cp = p[1];
		n = 2;
	} else if (p[0] == 0xd8 && p[1] == 0x9c) {
		cp = 0x061c;
		n = 2;
	} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		(p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) {
		cp = 0x2000u | (p[2] & 0x3fu);
		n = 3;
	} else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
		cp = 0x2040u | (p[2] & 0x3fu);
		n = 3;
	} else {
		return 0;
	}
	out[0] = '\\';
	out[1] = 'u';
	out[2] = hex[cp >> 12];
	out[3] = hex[(cp >> 8) & 15];
	out[4] = hex[(cp >> 4) & 15];
	out[5] = hex[cp & 15];
	return n;
}

void
jsonw_string(struct jsonw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (s == NULL) {
		s = "";
	}
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;
	while (!json_needs_escape[p[run]]) {
		run++;
	}
	if (p[run] == '\0') {
		/* nothing to escape, the common case: one copy */
		if (reserve(w, run + 2)) {
			char *o = w->buf + w->len;
			o[0] = '"';
			memcpy(o + 1, p, run);
			o[run + 1] = '"';
			o[run + 2] = '\0';
			w->len += run + 2;
		}
		return;
	}
	put(w, '"');
	for (;;) {
		run = 0;
		while (!json_needs_escape[p[run]]) {
			run++;
		}
		if (run > 0) {
			jsonw_raw(w, (const char *)p, run);
			p += run;
		}
		if (*p == '\0') {
			break;
		}
		if (*p >= 0x7f) {
			char esc6[6];
			size_t k = json_escape_control(p, esc6);
			if (k > 0) {
				jsonw_raw(w, esc6, sizeof(esc6));
			} else {
				jsonw_raw(w, (const char *)p, 1); /* another character */
				k = 1;
			}
			p += k;
			continue;
		}
		char esc[7] = {'\\', 0};
		size_t n = 2;
		switch (*p) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			n = 6;
		}
		jsonw_raw(w, esc, n);
		p++;
	}
	put(w, '"');
}

/* The same text as cJSON's print_number: 15 significant digits when they
 * read back (nearly) the same, else 17; NaN and infinities as null. Whole
 * numbers that fit an int come out the same from a faster path (but -0
 * stays "-0"). */
static bool
same_double(double a, double b)
{
	double max = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
	return fabs(a - b) <= max * DBL_EPSILON;
}

/* Most numbers ladder writes are short decimals (scores rounded to 12
 * digits). When d is the double nearest to N / 10^p for some N of at most
 * 15 digits, "%1.15g" prints exactly those digits (15-digit steps are far
 * coarser than the spacing of doubles), so they are written without
 * snprintf and strtod. Anything else takes the general path. */
static bool
short_decimal(struct jsonw *w, double d)
{
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	double a = fabs(d);
	if (!(a >= 1e-4 && a < 1e14)) {
		return false; /* "%g" would switch to an exponent */
	}
	/* if N / 10^p gives d, so does N * 10 / 10^(p+1): find the least p
	 * that works by bisection, up to the most digits that fit */
	int hi = 15;
	while (hi >= 0 && a * pow10[hi] >= 1e15) {
		hi--;
	}
	if (hi < 0 || (double)llround(a * pow10[hi]) / pow10[hi] != a) {
		return false;
	}
	int lo = 0;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if ((double)llround(a * pow10[mid]) / pow10[mid] == a) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	int p = lo;
	long long n = llround(a * pow10[p]);
	/* the digits of n with the point p places from the right */
	char digits[24], out[32];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	int len = 0;
	if (d < 0) {
		out[len++] = '-';
	}
	if (p == 0) {
		while (nd > 0) {
			out[len++] = digits[--nd];
		}
	} else if (nd <= p) {
		out[len++] = '0';
		out[len++] = '.';
		for (int k = 0; k < p - nd; k++) {
			out[len++] = '0';
		}
		while (nd > 0) {
			out[len++] = digits[--nd];
		}
	} else {
		while (nd > p) {
			out[len++] = digits[--nd];
		}
		out[len++] = '.';
		while (nd > 0) {
			out[len++] = digits[--nd];
		}
	}
	jsonw_raw(w, out, (size_t)len);
	return true;
}

void
jsonw_number(struct jsonw *w, double d)
{
	char buf[32];
	int n;
	if (isnan(d) || isinf(d)) {
		jsonw_raw(w, "null", 4);
		return;
	}
	int i = d >= (double)INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
	if (d == (double)i && !(d == 0 && signbit(d))) {
		/* digits by hand: the common case (answers, versions, counts) */
		char *e = buf + sizeof(buf), *p = e;
		unsigned u = i < 0 ? 0u - (unsigned)i : (unsigned)i;
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (i < 0) {
			*--p = '-';
		}
		jsonw_raw(w, p, (size_t)(e - p));
		return;
	}
	if (short_decimal(w, d)) {
		return;
	}
	n = snprintf(buf, sizeof(buf), "%1.15g", d);
	char *end = NULL;
	double back = strtod(buf, &end);
	if (end == buf || !same_double(back, d)) {
		n = snprintf(buf, sizeof(buf), "%1.17g", d);
	}
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		w->failed = true;
		return;
	}
	/* the locale's decimal point, as cJSON does */
	char point = localeconv()->decimal_point[0];
	if (point != '.') {
		for (int k = 0; k < n; k++) {
			if (buf[k] == point) {
				buf[k] = '.';
			}
		}
	}
	jsonw_raw(w, buf, (size_t)n);
}

void
jsonw_bool(struct jsonw *w, bool b)
{
	if (b) {
		jsonw_raw(w, "true", 4);
	} else {
		jsonw_raw(w, "false", 5);
	}
}

void
jsonw_null(struct jsonw *w)
{
	jsonw_raw(w, "null", 4);
}

void
jsonw_node(struct jsonw *w, const cJSON *node)
{
	switch (node->type & 0xFF) {
	case cJSON_False:
		jsonw_bool(w, false);
		break;
	case cJSON_True:
		jsonw_bool(w, true);
		break;
	case cJSON_NULL:
		jsonw_null(w);
		break;
	case cJSON_Number:
		jsonw_number(w, node->valuedouble);
		break;
	case cJSON_String:
		jsonw_string(w, node->valuestring);
		break;
	case cJSON_Raw:
		if (node->valuestring != NULL) {
			jsonw_raw(w, node->valuestring, strlen(node->valuestring));
		}
		break;
	case cJSON_Array:
		jsonw_open(w, '[');
		for (const cJSON *c = node->child; c != NULL; c = c->next) {
			jsonw_element(w);
			jsonw_node(w, c);
		}
		jsonw_close(w);
		break;
	case cJSON_Object:
		jsonw_open(w, '{');
		for (const cJSON *c = node->child; c != NULL; c = c->next) {
			jsonw_member(w, c->string);
			jsonw_node(w, c);
		}
		jsonw_close(w);
		break;
	default:
		w->failed = true;
	}
}
