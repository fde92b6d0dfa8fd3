/* The streaming JSON writer prints what cJSON prints (flat; with DEL, C1
 * and bidi controls escaped besides) and what json_print prints (pretty),
 * on random trees; export_run gives the same text to every sink and from
 * either source; journal_serialize's text is what cJSON itself prints for
 * it, with a line break before each session. */
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

#include "../export_helpers.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/jsonwrite.h"
#include "ladder/score.h"
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

static struct questionnaire *
tiny(void)
{
	struct ladder_error err = {0};
	struct questionnaire *q = questionnaire_load(TESTDATA "/questionnaires/tiny.json", &err);
	if (q == NULL) {
		fail_msg("%s", err.msg);
	}
	return q;
}

static struct journal *
make_journal(const struct questionnaire *q)
{
	struct journal *j = journal_create();
	struct ladder_error err = {0};
	assert_non_null(j);
	j->created_at = 1700000000;
	for (int i = 0; i < 12; i++) {
		struct answers *a = answers_create(q);
		for (size_t k = 0; k < q->n_items; k++) {
			const struct item *it = &q->items[k];
			if ((i + (int)k) % 7 == 0) {
				continue;
			}
			a->values[k] = it->kind == ITEM_LIKERT ?
				q->scales[it->scale].min + (i * 3 + (int)k) % 5 :
				(int)((size_t)i % it->n_options);
		}
		if (i % 3 == 0) {
			a->note = str_dup("a note with \"quotes\", a tab\there and é");
		}
		struct result *r = score_compute(q, a);
		assert_non_null(journal_add_session(j, q, a, r, 1700000000 + i * 86400,
			1700000000 + i * 86400 + 900, &err));
		result_destroy(r);
		answers_destroy(a);
	}
	assert_non_null(journal_add_note(j, "first\nsecond line", 1700003600, &err));
	assert_non_null(journal_add_note(j, "later", 1700900000, &err));
	struct answers *a = answers_create(q);
	a->values[0] = 3;
	assert_true(journal_unfinished_set(j, q, a, 1, 1701000000, &err));
	answers_destroy(a);
	return j;
}

/* The export's uuids replaced by zeros (anonymous exports draw new ones). */
static void
blank_uuids(char *s)
{
	for (char *p = s; (p = strchr(p, '"')) != NULL; p++) {
		if (strlen(p) > 37 && p[37] == '"') {
			char id[37];
			memcpy(id, p + 1, 36);
			id[36] = '\0';
			if (uuid_valid(id)) {
				memset(p + 1, '0', 36);
				p += 37;
			}
		}
	}
}

static void
test_export_write(void **state)
{
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	struct questionnaire *q = tiny();
	struct journal *j = make_journal(q);
	struct export_options opts[] = {
		{0},
		{.anonymous = true},
		{.has_since = true, .since = 1700500000},
		{.questionnaire = "tiny"},
		{.questionnaire = "other"},
	};
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		cJSON *doc = export_tree(j, &opts[i], NULL);
		char *want = json_print(doc);
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_non_null(f);
		assert_true(export_journal_to(j, &opts[i], f, NULL));
		assert_int_equal(fclose(f), 0);
		assert_true(len > 0 && buf[len - 1] == '\n');
		buf[len - 1] = '\0';
		if (opts[i].anonymous) {
			blank_uuids(buf);
			blank_uuids(want);
		}
		assert_string_equal(buf, want);
		free(buf);
		free(want);
		cJSON_Delete(doc);
	}
	journal_destroy(j);
	questionnaire_destroy(q);
}

static void
test_serialize(void **state)
{
	struct questionnaire *q = tiny();
	struct journal *j = make_journal(q);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	cJSON *tree = cJSON_ParseWithLength((const char *)plain->data, plain->len);
	assert_non_null(tree);
	char *again = cJSON_PrintUnformatted(tree);
	/* line breaks only before each session and before the final ] */
	size_t breaks = 0, k = 0;
	char *flat = malloc(plain->len + 1);
	for (size_t i = 0; i < plain->len; i++) {
		if (plain->data[i] == '\n') {
			breaks++;
			assert_true(plain->data[i + 1] == '{' || plain->data[i + 1] == ']');
		} else {
			flat[k++] = (char)plain->data[i];
		}
	}
	flat[k] = '\0';
	assert_int_equal(breaks, j->n_sessions + 1);
	assert_string_equal(flat, again);
	free(flat);
	struct journal *back = journal_parse("plain", plain->data, plain->len, &err);
	assert_non_null(back);
	assert_int_equal(back->n_sessions, j->n_sessions);
	assert_int_equal(back->n_notes, j->n_notes);
	assert_int_equal(back->n_unfinished, j->n_unfinished);
	journal_destroy(back);
	cJSON_free(again);
	cJSON_Delete(tree);
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* NULL when a session is damaged */
static char *
exported_text(const struct journal *j, const struct export_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	struct ladder_error err = {0};
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	bool ok = export_journal_to(j, o, f, &err);
	assert_int_equal(fclose(f), 0);
	if (!ok) {
		assert_int_equal(err.status, LADDER_DAMAGED);
		free(buf);
		return NULL;
	}
	return buf;
}

/* export_run on a plaintext gives what journal_parse and export_run on
 * the journal give (or
 * fails where journal_parse fails). */
static void
check_plain(const char *what, const char *text, const struct export_options *o)
{
	struct ladder_error err = {0}, err2 = {0};
	struct journal *j = journal_parse("plain", (const unsigned char *)text, strlen(text), &err);
	char *buf = NULL;
	size_t len = 0, matched = 99;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	bool ok = export_plain_to("plain", (const unsigned char *)text, strlen(text), o, f,
		&matched, &err2);
	assert_int_equal(fclose(f), 0);
	if (j == NULL) {
		if (ok) {
			fail_msg("%s: the export took what journal_parse refuses (%s)", what, err.msg);
		}
		assert_int_equal(err2.status, LADDER_DAMAGED);
		assert_int_equal(len, 0);
		free(buf);
		return;
	}
	char *want = exported_text(j, o);
	if (want == NULL) {
		/* a session is damaged: the export writes nothing */
		if (ok) {
			fail_msg("%s: the export took a damaged session", what);
		}
		assert_int_equal(err2.status, LADDER_DAMAGED);
		assert_int_equal(len, 0);
		free(buf);
		journal_destroy(j);
		return;
	}
	if (!ok) {
		fail_msg("%s: the export refused: %s", what, err2.msg);
	}
	if (o->anonymous) {
		blank_uuids(buf);
		blank_uuids(want);
	}
	assert_string_equal(buf, want);
	size_t n = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		n += o->questionnaire == NULL || strcmp(o->questionnaire, j->sessions[i].questionnaire) == 0;
	}
	assert_int_equal(matched, n);
	free(want);
	free(buf);
	journal_destroy(j);
}

static char *
replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	return str_printf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static void
test_export_plain(void **state)
{
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	struct questionnaire *q = tiny();
	struct journal *j = make_journal(q);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	const char *text = (const char *)plain->data;
	struct export_options opts[] = {
		{0},
		{.anonymous = true},
		{.has_since = true, .since = 1700500000},
		{.questionnaire = "tiny"},
		{.questionnaire = "other"},
	};
	/* as journal_serialize writes it; the same content in another
	 * layout; damaged at the start of a session's line (found on opening)
	 * and further on (found when the session is read) */
	cJSON *tree = cJSON_Parse(text);
	char *pretty = json_print(tree);
	char *flat = cJSON_PrintUnformatted(tree);
	char *escaped = replace(text, "\"format\"", "\"\\u0066ormat\"");
	char *lenient = replace(text, "\"version\":2", "\"version\":02");
	char *trailing = str_printf("%s garbage", text);
	char *no_unfinished = replace(text, "\"unfinished\"", "\"unfinishe\"");
	char *bad_stage = replace(text, "\"stage\":", "\"stage\":9");
	char *bad_answer = replace(text, "\"answers\":{\"", "\"answers\":{\"-");
	char *bad_result = replace(text, "\"result\":[", "\"result\":[true,");
	char *empty = str_printf("{\"format\":\"ladder-journal\",\"format_version\":2,"
		"\"created_at\":\"2026-01-01T00:00:00Z\",\"notes\":[],\"unfinished\":[],\"sessions\":[\n]}");
	const char *texts[] = {text, pretty, flat, escaped, lenient, trailing,
		no_unfinished, bad_stage, bad_answer, bad_result, empty, "", "[]", "{"};
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
			char what[32];
			snprintf(what, sizeof(what), "text %zu, options %zu", t, i);
			check_plain(what, texts[t], &opts[i]);
		}
	}
	free(empty);
	free(bad_result);
	free(bad_answer);
	free(bad_stage);
	free(no_unfinished);
	free(trailing);
	free(lenient);
	free(escaped);
	cJSON_free(flat);
	free(pretty);
	cJSON_Delete(tree);
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* A function sink that keeps what it is given, or refuses after limit
 * bytes. */
struct collected {
	char *buf;
	size_t len, limit, calls;
};

static bool
collect(void *ctx, const void *bytes, size_t len)
{
	struct collected *c = ctx;
	c->calls++;
	if (c->len + len > c->limit) {
		return false;
	}
	char *nb = realloc(c->buf, c->len + len + 1);
	assert_non_null(nb);
	memcpy(nb + c->len, bytes, len);
	c->buf = nb;
	c->len += len;
	c->buf[c->len] = '\0';
	return true;
}

/* export_run gives the same text to every sink, from either source; the
 * memory sink's text is in secret memory, NUL-terminated; a sink that
 * refuses fails the export with a message; a damaged plaintext leaves the
 * memory sink without text and a whole function sink never called. */
static void
test_export_sinks(void **state)
{
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	struct questionnaire *q = tiny();
	struct journal *j = make_journal(q);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	struct export_options o = {.questionnaire = "tiny"};
	struct export_source from_j = export_source_journal(j);
	struct export_source from_p = export_source_plain("p", plain->data, plain->len);
	char *want = exported_text(j, &o);
	assert_non_null(want);
	const struct export_source *srcs[] = {&from_j, &from_p};
	for (size_t k = 0; k < 2; k++) {
		struct export_sink mem = export_to_memory();
		assert_true(export_run(srcs[k], &o, &mem, &err));
		assert_non_null(mem.text);
		assert_int_equal(mem.text->len, strlen(want));
		assert_int_equal(mem.text->data[mem.text->len], '\0');
		assert_memory_equal(mem.text->data, want, mem.text->len);
		assert_int_equal(mem.matched, j->n_sessions);
		secret_destroy(mem.text);
		for (int whole = 0; whole < 2; whole++) {
			struct collected c = {.limit = SIZE_MAX};
			struct export_sink cb = export_to_callback(collect, &c, whole);
			assert_true(export_run(srcs[k], &o, &cb, &err));
			assert_string_equal(c.buf, want);
			assert_null(cb.text);
			free(c.buf);
			/* a destination that takes only part of it */
			c = (struct collected){.limit = 100};
			cb = export_to_callback(collect, &c, whole);
			error_clear(&err);
			assert_false(export_run(srcs[k], &o, &cb, &err));
			assert_int_equal(err.status, LADDER_FAIL);
			assert_non_null(strstr(err.msg, "cannot write the export"));
			free(c.buf);
		}
	}
	/* damaged further on: found only when the session is read */
	char *bad = replace((const char *)plain->data, "\"result\":[", "\"result\":[true,");
	struct export_source from_bad = export_source_plain("bad", (const unsigned char *)bad, strlen(bad));
	struct export_sink mem = export_to_memory();
	error_clear(&err);
	assert_false(export_run(&from_bad, &o, &mem, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_null(mem.text);
	struct collected c = {.limit = SIZE_MAX};
	struct export_sink cb = export_to_callback(collect, &c, true);
	assert_false(export_run(&from_bad, &o, &cb, &err));
	assert_int_equal(c.calls, 0);
	free(bad);
	free(want);
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_controls_escaped),
		cmocka_unit_test(test_export_write),
		cmocka_unit_test(test_serialize),
		cmocka_unit_test(test_export_plain),
		cmocka_unit_test(test_export_sinks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
