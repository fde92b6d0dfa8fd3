/* The streaming JSON writer prints what cJSON prints (flat; with DEL, C1
 * and bidi controls escaped besides) and what json_print prints (pretty),
 * on random trees, and writes numbers as cJSON does. Its use by exports and
 * the journal's plaintext is tested in test_jsonwrite_export.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonwrite.h"
#include "ladder/util.h"

static uint64_t rng = 88172645463325252u;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double
random_number(void)
{
	static const double special[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1e-300,
		1e300, 2147483647.0, -2147483648.0, 2147483648.0, -2147483649.0,
		1.0 / 3, 2.0 / 3, 0.815384615385, 123456789012345678.0, DBL_MAX,
		DBL_MIN, 4.9e-324, 1e21, 1e-7, 0.1 + 0.2};
	switch (next() % 6) {
	case 4: /* what result_to_json writes: 12 significant digits */
	case 5: {
		char buf[32];
		snprintf(buf, sizeof(buf), "%.12g", (double)(int64_t)next() / (double)(next() | 1) *
			((next() % 2) ? 1 : 1e-3));
		return strtod(buf, NULL);
	}
	case 0:
		return special[next() % (sizeof(special) / sizeof(special[0]))];
	case 1:
		return (double)(int64_t)(next() % 2000001) - 1000000;
	case 2:
		return (double)(next() % 1000000) / (double)(1 + next() % 1000);
	default: {
		uint64_t bits = next();
		double d;
		memcpy(&d, &bits, sizeof(d));
		return d; /* NaN and infinities included: both print null */
	}
	}
}

static char *
random_string(void)
{
	size_t n = next() % 12;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		static const char pool[] = "aZ09 \"\\/\b\f\n\r\t\x01\x1f\x7f\xc3\xa9:,{}[]";
		s[i] = pool[next() % (sizeof(pool) - 1)];
	}
	s[n] = '\0';
	/* now and then a character written escaped, or one next to them */
	static const char *const whole[] = {"\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\xe2\x80\xae",
		"\xe2\x80\x8e", "\xe2\x80\x9c", "\xd8\x9c", "\xd8\x9d", "\xe2\x81\xa6", "\xe2\x81\xaa"};
	if (n > 0 && next() % 3 == 0) {
		const char *w = whole[next() % (sizeof(whole) / sizeof(whole[0]))];
		char *t = malloc(n + strlen(w) + 1);
		assert_non_null(t);
		size_t at = next() % n;
		memcpy(t, s, at);
		strcpy(t + at, w);
		strcat(t, s + at);
		free(s);
		s = t;
	}
	return s;
}

/* cJSON's text with what ladder writes escaped besides (DEL, C1 and bidi
 * controls) escaped: the expected text of ladder's own writers. */
static char *
escaped(const char *text)
{
	char *out = malloc(strlen(text) * 6 + 1), *o = out;
	assert_non_null(out);
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0';) {
		unsigned cp = 0;
		size_t n = 0;
		if (p[0] == 0x7f) {
			cp = 0x7f, n = 1;
		} else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			cp = p[1], n = 2;
		} else if (p[0] == 0xd8 && p[1] == 0x9c) {
			cp = 0x61c, n = 2;
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
			(p[2] >= 0xaa && p[2] <= 0xae))) {
			cp = 0x2000 + (p[2] - 0x80), n = 3;
		} else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
			cp = 0x2040 + (p[2] - 0x80), n = 3;
		}
		if (n > 0) {
			o += sprintf(o, "\\u%04x", cp);
			p += n;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return out;
}

static cJSON *
random_tree(int depth)
{
	int kind = (int)(next() % (depth > 4 ? 5 : 7));
	switch (kind) {
	case 0:
		return cJSON_CreateNull();
	case 1:
		return cJSON_CreateBool(next() % 2);
	case 2:
		return cJSON_CreateNumber(random_number());
	case 3:
	case 4: {
		char *s = random_string();
		cJSON *n = cJSON_CreateString(s);
		free(s);
		return n;
	}
	case 5: {
		cJSON *a = cJSON_CreateArray();
		for (size_t i = next() % 4; i > 0; i--) {
			cJSON_AddItemToArray(a, random_tree(depth + 1));
		}
		return a;
	}
	default: {
		cJSON *o = cJSON_CreateObject();
		for (size_t i = next() % 4; i > 0; i--) {
			char *k = random_string();
			cJSON_AddItemToObject(o, k, random_tree(depth + 1));
			free(k);
		}
		return o;
	}
	}
}

static char *
written(const cJSON *node, bool pretty)
{
	struct jsonw w;
	jsonw_init_buffer(&w, pretty);
	jsonw_node(&w, node);
	assert_true(jsonw_finish(&w));
	char *s = str_dup(w.buf ? w.buf : "");
	jsonw_release(&w);
	return s;
}

static void
test_random_trees(void **state)
{
	for (int i = 0; i < 20000; i++) {
		cJSON *t = random_tree(0);
		char *cflat = cJSON_PrintUnformatted(t);
		char *flat = escaped(cflat);
		char *pretty = json_print(t);
		char *wflat = written(t, false);
		char *wpretty = written(t, true);
		assert_string_equal(wflat, flat);
		assert_string_equal(wpretty, pretty);
		free(wpretty);
		free(wflat);
		free(pretty);
		free(flat);
		cJSON_free(cflat);
		cJSON_Delete(t);
	}
}

/* DEL, C1 and bidirectional controls are written escaped, their
 * neighbours as they are. */
static void
test_controls_escaped(void **state)
{
	static const char in[] = "a\x7f b\xc2\x85 c\xe2\x80\xae d\xd8\x9c e\xe2\x81\xa6 "
		"f\xe2\x80\x8f g\xe2\x80\x9c h\xc2\xa0 i\xd8\x9d";
	static const char want[] = "\"a\\u007f b\\u0085 c\\u202e d\\u061c e\\u2066 "
		"f\\u200f g\xe2\x80\x9c h\xc2\xa0 i\xd8\x9d\"";
	cJSON *str = cJSON_CreateString(in);
	char *w = written(str, false);
	char *p = json_print(str);
	assert_string_equal(w, want);
	assert_string_equal(p, want);
	free(w);
	free(p);
	cJSON_Delete(str);
}

static void
test_numbers(void **state)
{
	for (int i = 0; i < 300000; i++) {
		cJSON *n = cJSON_CreateNumber(random_number());
		char *want = cJSON_PrintUnformatted(n);
		char *got = written(n, false);
		assert_string_equal(got, want);
		free(got);
		cJSON_free(want);
		cJSON_Delete(n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_controls_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
