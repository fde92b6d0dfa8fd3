/* An export writes each stored session straight from its line
 * (src/core/export_line.c) when the line has the form ladder writes, and
 * reads it through a cJSON tree otherwise. The two must write the same
 * bytes: over many sessions of the built-in questionnaires and the test
 * one (random answers, skipped items, every set, notes with hostile
 * strings), full and anonymous, and over thousands of damaged copies of
 * the plaintext (then both refuse alike, or both write the same). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/journal_impl.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/score.h"
#include "ladder/util.h"

static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static struct questionnaire *
load(const char *path)
{
	struct ladder_error err = {0};
	struct questionnaire *q = questionnaire_load(path, &err);
	if (q == NULL) {
		fail_msg("%s", err.msg);
	}
	return q;
}

/* Notes a person could type or paste, and worse. */
static const char *const notes[] = {
	"", "plain words", "quotes \" and \\ backslashes \\\\ and /slashes/",
	"tab\there, newline\nthere, CR\r, FF\f, BS\b, bell\a, ESC\x1b[31m red",
	"DEL \x7f and C1 \xc2\x80 \xc2\x9b and bidi \xe2\x80\xae reversed \xe2\x81\xa6 isolate",
	"caf\xc3\xa9 na\xc3\xafve \xe2\x80\x94 \xf0\x9f\x98\x80", "invalid UTF-8 \xff\xfe \xc3",
	"\x01\x02\x03\x1f", "{\"json\": [1, 2]}", "1e400", "-0",
};

static struct journal *
make(struct questionnaire *const *qs, size_t n_qs, size_t n, uint32_t seed)
{
	struct journal *j = journal_create();
	struct ladder_error err = {0};
	uint32_t s = seed;
	j->created_at = 1577836800;
	for (size_t i = 0; i < n; i++) {
		const struct questionnaire *q = qs[i % n_qs];
		struct answers *a = answers_create(q);
		a->set = q->n_sets > 0 ? (int)(rnd(&s) % (uint32_t)q->n_sets) + 1 : 0;
		for (size_t k = 0; k < q->n_items; k++) {
			const struct item *it = &q->items[k];
			if (!questionnaire_item_asked(q, k, a->set) || rnd(&s) % 6 == 0) {
				continue;
			}
			a->values[k] = it->kind == ITEM_LIKERT ?
				q->scales[it->scale].min +
					(int)(rnd(&s) % (uint32_t)(q->scales[it->scale].max - q->scales[it->scale].min + 1)) :
				(int)(rnd(&s) % it->n_options);
		}
		const char *note = notes[rnd(&s) % (sizeof(notes) / sizeof(notes[0]))];
		a->note = note[0] != '\0' ? str_dup(note) : NULL;
		struct result *r = score_compute(q, a);
		/* times from 1970 to 9999 (leap days, centuries), or a day
		 * apart from 2020 on */
		static const int64_t edges[] = {0, 86399, 951782400, 951868799,
			4107542399, 4107542400, 253402299599, 68256000, 946684800};
		int64_t t = seed != 4242 ? 1577836800 + (int64_t)i * 3600 :
			i < sizeof(edges) / sizeof(edges[0]) ? edges[i] :
			(int64_t)(((uint64_t)rnd(&s) << 20 ^ rnd(&s)) % UINT64_C(253402299000));
		assert_non_null(journal_add_session(j, q, a, r, t, t + 600, &err));
		result_destroy(r);
		answers_destroy(a);
	}
	return j;
}

/* The export of a plaintext, or NULL (*status then says why). */
static char *
export_of(const unsigned char *plain, size_t len, bool anonymous, bool fast,
	int *status, char *msg, size_t msg_len)
{
	struct ladder_error err = {0};
	struct export_options o = {.anonymous = anonymous};
	struct export_source src = export_source_plain("j", plain, len);
	struct export_sink sink = export_to_memory();
	jnl_export_fast = fast;
	bool ok = export_run(&src, &o, &sink, &err);
	jnl_export_fast = true;
	*status = ok ? 0 : err.status;
	snprintf(msg, msg_len, "%s", err.msg);
	if (!ok) {
		return NULL;
	}
	char *text = str_dup((const char *)sink.text->data);
	secret_destroy(sink.text);
	return text;
}

/* The anonymous export's new ids and the time of the export differ from
 * run to run: both are fixed by LADDER_NOW and blanked. */
static void
blank_uuids(char *s)
{
	for (char *p = s; (p = strchr(p, '"')) != NULL; p++) {
		if (strlen(p) > 37 && p[37] == '"' && p[9] == '-' && p[14] == '-') {
			memset(p + 1, '0', 36);
			p += 37;
		}
	}
}

static void
same_both_ways(const unsigned char *plain, size_t len, const char *what)
{
	for (int anonymous = 0; anonymous < 2; anonymous++) {
		int st_fast, st_slow;
		char m_fast[1100], m_slow[1100];
		char *fast = export_of(plain, len, anonymous, true, &st_fast, m_fast, sizeof(m_fast));
		char *slow = export_of(plain, len, anonymous, false, &st_slow, m_slow, sizeof(m_slow));
		if (st_fast != st_slow || strcmp(m_fast, m_slow) != 0) {
			fail_msg("%s: the line writer says %d (%s), the tree %d (%s)", what,
				st_fast, m_fast, st_slow, m_slow);
		}
		if (fast != NULL) {
			if (anonymous) {
				blank_uuids(fast);
				blank_uuids(slow);
			}
			if (strcmp(fast, slow) != 0) {
				size_t at = 0;
				while (fast[at] == slow[at]) {
					at++;
				}
				fail_msg("%s: the exports differ at byte %zu: ...%.60s... against ...%.60s...",
					what, at, fast + (at > 20 ? at - 20 : 0), slow + (at > 20 ? at - 20 : 0));
			}
		}
		free(fast);
		free(slow);
	}
}

static void
test_same_export(void **state)
{
	(void)state;
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	const char *data = getenv("LADDER_DATA_DIR");
	assert_non_null(data);
	char *p1 = str_printf("%s/questionnaires/cultural.json", data);
	char *p2 = str_printf("%s/questionnaires/social-media.json", data);
	struct questionnaire *qs[] = {load(p1), load(p2), load(TESTDATA "/questionnaires/tiny.json")};
	struct journal *j = make(qs, 3, 900, 12345);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	/* the line writer takes (nearly) all of them: else this compares
	 * the tree with itself */
	struct journal *k = journal_parse("j", plain->data, plain->len, &err);
	assert_non_null(k);
	size_t fast = 0;
	for (size_t i = 0; i < k->n_sessions; i++) {
		fast += jnl_export_line_ok(k, &k->sessions[i]);
	}
	if (fast < k->n_sessions * 9 / 10) {
		fail_msg("the line writer took only %zu of %zu sessions", fast, k->n_sessions);
	}
	journal_destroy(k);
	same_both_ways(plain->data, plain->len, "900 sessions");
	secret_destroy(plain);
	journal_destroy(j);
	for (size_t i = 0; i < 3; i++) {
		questionnaire_destroy(qs[i]);
	}
	free(p1);
	free(p2);
}

/* Damaged copies: one byte of a session's line changed, removed or
 * doubled; a number written another way. */
/* Times anywhere from 1970 to 9999, written as the long way writes them. */
static void
test_same_times(void **state)
{
	(void)state;
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	struct questionnaire *q = load(TESTDATA "/questionnaires/tiny.json");
	struct journal *j = make(&q, 1, 1500, 4242);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	same_both_ways(plain->data, plain->len, "1,500 times");
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(q);
}

static void
test_same_refusals(void **state)
{
	(void)state;
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	const char *data = getenv("LADDER_DATA_DIR");
	char *p1 = str_printf("%s/questionnaires/cultural.json", data);
	struct questionnaire *qs[] = {load(p1), load(TESTDATA "/questionnaires/tiny.json")};
	struct journal *j = make(qs, 2, 6, 777);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	const char *text = (const char *)plain->data;
	const char *lines = strstr(text, "\"sessions\":[\n");
	assert_non_null(lines);
	size_t from = (size_t)(lines - text) + 13, len = plain->len;
	static const char bytes[] = "0123456789.-+eE\",:[]{}ntfrau\\ \x01\x7f\xc3";
	uint32_t s = 99;
	char *copy = malloc(len + 2);
	assert_non_null(copy);
	for (int round = 0; round < 600; round++) {
		size_t at = from + rnd(&s) % (len - from - 3);
		size_t n = len;
		memcpy(copy, text, len);
		switch (rnd(&s) % 3) {
		case 0: /* changed */
			copy[at] = bytes[rnd(&s) % (sizeof(bytes) - 1)];
			break;
		case 1: /* removed */
			memmove(copy + at, copy + at + 1, len - at - 1);
			n--;
			break;
		default: /* another byte put in */
			memmove(copy + at + 1, copy + at, len - at);
			copy[at] = bytes[rnd(&s) % (sizeof(bytes) - 1)];
			n++;
		}
		char what[64];
		snprintf(what, sizeof(what), "damaged copy %d (byte %zu)", round, at);
		same_both_ways((const unsigned char *)copy, n, what);
	}
	free(copy);
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(qs[0]);
	questionnaire_destroy(qs[1]);
	free(p1);
}

/* The plaintext with the nth value after mark (of mark's length n) in
 * every session's line replaced by v. */
static char *
with_value_after(const char *text, const char *mark, size_t n, int nth, const char *v)
{
	size_t cap = strlen(text) * 2 + 1, o = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	const char *p = text, *r;
	while ((r = strstr(p, mark)) != NULL) {
		const char *at = r + n;
		for (int k = 1; k < nth; k++) {
			at = strchr(at, ',') + 1;
		}
		const char *end = strchr(at, ',');
		memcpy(out + o, p, (size_t)(at - p));
		o += (size_t)(at - p);
		memcpy(out + o, v, strlen(v));
		o += strlen(v);
		p = end;
	}
	strcpy(out + o, p);
	return out;
}

/* The plaintext with the nth value after "r2" of every session's result
 * replaced by v (the 10th is the whole's measured_competence, copied as
 * it is: any number goes). */
static char *
with_value(const char *text, int nth, const char *v)
{
	return with_value_after(text, "[\"r2\",", 6, nth, v);
}

/* Numbers in every form, where a result keeps them as they are: the line
 * writer copies only those it writes the same (fifteen significant digits
 * at most, from 0.0001 on), and writes the others as the tree does. */
static void
test_same_numbers(void **state)
{
	(void)state;
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	static const char *const numbers[] = {"0", "-0", "1", "-1", "0.5", "123456789",
		"1234567890", "-2147483648", "2147483648", "0.1", "0.0001", "0.00001",
		"0.00012345678901234", "0.123456789012345", "0.1234567890123456",
		"0.12345678901234567", "0.30000000000000004", "12345678901234.5",
		"123456789012345.5", "99999999999999", "100000000000000", "1e5", "1E+2",
		"1.5e-7", "2.50", "1.0", "-0.0", "0.000", "1e400", "-1e400", "4.9e-324",
		"1.7976931348623157e308", "0.1e1", "10.01", "-0.3333333333333333"};
	struct questionnaire *q = load(TESTDATA "/questionnaires/tiny.json");
	struct journal *j = make(&q, 1, 3, 5);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		for (int nth = 10; nth <= 13; nth++) {
			char *text = with_value((const char *)plain->data, nth, numbers[i]);
			char what[80];
			snprintf(what, sizeof(what), "%s as value %d", numbers[i], nth);
			same_both_ways((const unsigned char *)text, strlen(text), what);
			free(text);
		}
	}
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(q);
}

/* How many of the sessions in a plaintext the line writer takes. */
static size_t
taken(const char *text)
{
	struct ladder_error err = {0};
	struct journal *k = journal_parse("j", (const unsigned char *)text, strlen(text), &err);
	assert_non_null(k);
	size_t n = 0;
	for (size_t i = 0; i < k->n_sessions; i++) {
		n += jnl_export_line_ok(k, &k->sessions[i]);
	}
	journal_destroy(k);
	return n;
}

/* A negative zero, which scoring gives (a calibration gap of -0): where a
 * result keeps the number as it is, the line writer copies "-0" (the tree
 * writes it so too); anywhere else in a result or the answers it writes
 * what the tree writes. */
static void
test_negative_zero(void **state)
{
	(void)state;
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	char *path = str_printf("%s/questionnaires/cultural.json", getenv("LADDER_DATA_DIR"));
	struct questionnaire *q = load(path);
	struct journal *j = make(&q, 1, 4, 31);
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	assert_non_null(plain);
	const char *text = (const char *)plain->data;
	/* the whole's values after "r2" (set, rungs, axes, the four copied,
	 * the reasons, answered, total) and a facet's after its id's quote;
	 * the line writer takes the line when -0 is one of the four copied */
	static const struct {
		const char *mark, *what;
		int first, last, copied;
	} where[] = {{"[\"r2\",", "", 1, 20, 10}, {"[[\"", " of a facet", 2, 17, 9}};
	for (size_t w = 0; w < 2; w++) {
		for (int nth = where[w].first; nth <= where[w].last; nth++) {
			char *changed = with_value_after(text, where[w].mark,
				strlen(where[w].mark), nth, "-0");
			char what[80];
			snprintf(what, sizeof(what), "-0 as value %d%s", nth, where[w].what);
			if (nth >= where[w].copied && nth < where[w].copied + 4) {
				assert_int_equal(taken(changed), 4);
			}
			same_both_ways((const unsigned char *)changed, strlen(changed), what);
			free(changed);
		}
	}
	/* an answer of -0 (in short): the long way reads those lines */
	size_t in_short = 0;
	for (const char *p = text; (p = strstr(p, "\"answers\":[")) != NULL; p++) {
		in_short++;
	}
	assert_true(in_short > 0);
	char *changed = with_value_after(text, "\"answers\":[", 11, 1, "-0");
	assert_int_equal(taken(changed), 4 - in_short);
	same_both_ways((const unsigned char *)changed, strlen(changed), "-0 as an answer");
	free(changed);
	secret_destroy(plain);
	journal_destroy(j);
	questionnaire_destroy(q);
	free(path);
}

/* The export's transitions are written straight too (and byte for byte
 * as through jsonw: the tests above compare whole exports both ways, and
 * the long way writes them through jsonw), full and anonymous. */
static void
test_transitions_straight(void **state)
{
	(void)state;
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 1);
	char *path = str_printf("%s/questionnaires/cultural.json", getenv("LADDER_DATA_DIR"));
	struct questionnaire *q = load(path);
	struct journal *j = make(&q, 1, 60, 4);
	struct journal_transition *tr = NULL;
	size_t n = journal_transitions(j, NULL, &tr);
	assert_true(n > 0 && n != (size_t)-1);
	for (size_t i = 0; i < n; i++) {
		for (int anonymous = 0; anonymous < 2; anonymous++) {
			struct jsonw w;
			jsonw_init_buffer(&w, true);
			jsonw_open(&w, '[');
			assert_true(jnl_export_transition(&w, &tr[i], tr[i].from->id, tr[i].to->id,
				anonymous));
			jsonw_close(&w);
			assert_true(jsonw_finish(&w));
			assert_non_null(strstr(w.buf, tr[i].to->id));
			assert_non_null(strstr(w.buf, anonymous ? "\"at\": \"20" : "Z\",\n"));
			jsonw_release(&w);
		}
	}
	/* the long way when asked: nothing written */
	struct jsonw w;
	jsonw_init_buffer(&w, true);
	jsonw_open(&w, '[');
	jnl_export_fast = false;
	assert_false(jnl_export_transition(&w, &tr[0], tr[0].from->id, tr[0].to->id, false));
	jnl_export_fast = true;
	jsonw_close(&w);
	assert_true(jsonw_finish(&w));
	assert_string_equal(w.buf, "[]");
	jsonw_release(&w);
	free(tr);
	journal_destroy(j);
	questionnaire_destroy(q);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_export),
		cmocka_unit_test(test_same_times),
		cmocka_unit_test(test_same_refusals),
		cmocka_unit_test(test_same_numbers),
		cmocka_unit_test(test_negative_zero),
		cmocka_unit_test(test_transitions_straight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
