/* The room's inputs beyond anonymous exports (sealed exports, saved
 * tallies, answers files), its areas and calibration, and the minimum
 * group size: no masked count can be worked out, or narrowed below "fewer
 * than N", from what is shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>

#include "ladder/calibration.h"
#include "ladder/catalog.h"
#include "ladder/room.h"
#include "ladder/room_profile.h"
#include "ladder/sealed.h"
#include "ladder/util.h"

#define ROOM TESTDATA "/room/"

struct mask_row {
	unsigned n_min, total;
	unsigned cells[5];
	const char *expect; /* per cell: digit shown, 'f' fewer, 'k' kept back;
	                     * then '/' and the total: 'n' shown, 'f' fewer */
};

static const struct mask_row mask_rows[] = {
	/* 3 people: everything fewer than 5 */
	{5, 3, {1, 2, 0, 0, 0}, "fffff/f"},
	/* 5 people spread: all fewer, none can be worked out */
	{5, 5, {0, 2, 3, 0, 0}, "fffff/n"},
	/* 8 people spread */
	{5, 8, {1, 2, 3, 2, 0}, "fffff/n"},
	/* 8 people, 6 on one rung: the others add up to 2, so each would be
	 * known to be at most 2; keeping the 6 back is not enough either */
	{5, 8, {0, 6, 2, 0, 0}, "kkkkk/n"},
	/* everyone on one rung: the zeros would be known */
	{5, 8, {8, 0, 0, 0, 0}, "kkkkk/n"},
	/* one small count beside shown ones: its complement */
	{5, 20, {10, 7, 3, 0, 0}, "1kfff/n"},
	/* enough in the masked ones */
	{5, 12, {6, 3, 3, 0, 0}, "6ffff/n"},
	{5, 30, {10, 10, 10, 0, 0}, "k11ff/n"},
	/* the smallest shown count goes first */
	{3, 12, {6, 5, 1, 0, 0}, "6kfff/n"},
	/* nothing small: all shown */
	{5, 30, {5, 5, 10, 5, 5}, "55155/n"},
	/* a minimum of 1 (or 0) masks nothing */
	{1, 3, {1, 2, 0, 0, 0}, "12000/n"},
	{0, 3, {1, 2, 0, 0, 0}, "12000/n"},
};

static void
render(const struct room_count *total, const struct room_count *out, size_t k,
	char *buf)
{
	size_t i = 0;
	for (; i < k; i++) {
		buf[i] = out[i].masked ? (out[i].fewer ? 'f' : 'k') :
			(char)('0' + (out[i].n >= 10 ? out[i].n / 10 : out[i].n));
	}
	buf[i++] = '/';
	buf[i++] = total->masked ? 'f' : 'n';
	buf[i] = '\0';
}

static void
test_mask_table(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(mask_rows) / sizeof(mask_rows[0]); r++) {
		const struct mask_row *m = &mask_rows[r];
		struct room_count total, out[5];
		char got[16];
		room_mask_group(m->total, m->cells, 5, m->n_min, &total, out);
		render(&total, out, 5, got);
		if (strcmp(got, m->expect) != 0) {
			fail_msg("row %zu: got %s, expected %s", r, got, m->expect);
		}
		for (size_t i = 0; i < 5; i++) {
			/* nothing of a masked count is left to show */
			if (out[i].masked) {
				assert_int_equal(out[i].n, 0);
			}
			/* "fewer than N" is never said of a larger count */
			if (out[i].fewer) {
				assert_true(m->cells[i] < m->n_min);
			}
		}
	}
}

/* Every group of k cells adding up to total, for a brute-force check:
 * calls f for each. */
static void
each_vector(unsigned *v, size_t k, size_t at, unsigned left,
	void (*f)(const unsigned *, size_t, void *), void *ctx)
{
	if (k == 0 || at >= k || at >= 5) {
		return; /* the groups here have 1 to 5 cells (v[5]) */
	}
	if (at == k - 1) {
		v[at] = left;
		f(v, k, ctx);
		return;
	}
	for (unsigned x = 0; x <= left; x++) {
		v[at] = x;
		each_vector(v, k, at + 1, left - x, f, ctx);
	}
}

struct reader {
	unsigned n_min;
	const struct room_count *shown;
	/* per cell, which values some group that shows the same allows */
	bool possible[5][64];
};

/* What a reader who knows the rule would accept as the same display:
 * shown counts equal, a "fewer" one below N, a kept-back one at least N. */
static void
consistent(const unsigned *v, size_t k, void *ctx)
{
	struct reader *r = ctx;
	for (size_t i = 0; i < k; i++) {
		const struct room_count *c = &r->shown[i];
		if (!c->masked ? v[i] != c->n : c->fewer ? v[i] >= r->n_min :
			v[i] < r->n_min) {
			return;
		}
	}
	for (size_t i = 0; i < k; i++) {
		r->possible[i][v[i]] = true;
	}
}

struct sweep {
	unsigned n_min, total;
	size_t k;
	unsigned checked;
};

static void
check_group(const unsigned *cells, size_t k, void *ctx)
{
	struct sweep *s = ctx;
	struct room_count total, out[5];
	room_mask_group(s->total, cells, k, s->n_min, &total, out);
	if (total.masked) {
		return;
	}
	struct reader r = {.n_min = s->n_min, .shown = out};
	unsigned v[5];
	each_vector(v, k, 0, s->total, consistent, &r);
	for (size_t i = 0; i < k; i++) {
		if (!out[i].fewer) {
			continue;
		}
		/* a masked count could be any of 0 .. N-1: nothing finer */
		for (unsigned x = 0; x < s->n_min; x++) {
			if (!r.possible[i][x]) {
				fail_msg("N=%u total %u cells %u %u %u %u %u: cell %zu "
					"cannot be %u", s->n_min, s->total, cells[0], cells[1],
					k > 2 ? cells[2] : 0, k > 3 ? cells[3] : 0,
					k > 4 ? cells[4] : 0, i, x);
			}
		}
	}
	s->checked++;
}

static void
test_mask_exhaustive(void **state)
{
	(void)state;
	/* every group of 4 and 5 counts up to 16 people, N = 3 and 5 */
	static const unsigned mins[] = {3, 5};
	unsigned checked = 0;
	for (size_t m = 0; m < 2; m++) {
		for (size_t k = 4; k <= 5; k++) {
			for (unsigned total = 0; total <= 16; total++) {
				struct sweep s = {mins[m], total, k, 0};
				unsigned v[5];
				each_vector(v, k, 0, total, check_group, &s);
				checked += s.checked;
			}
		}
	}
	assert_true(checked > 10000);
}

#define HEAD "{\"format\": \"ladder-export\", \"format_version\": 1, " \
	"\"exported_at\": \"2026-05-20\", \"anonymous\": true, \"sessions\": ["
/* a completed session with a stage, a gap and one area's stage */
#define SESSION(ID, D, S, GAP, FS) "{\"id\": \"" ID "\", \"questionnaire\": {\"id\": " \
	"\"q\", \"version\": 1}, \"completed_at\": \"" D "\", \"result\": {\"rule\": 2, " \
	"\"stage\": " S ", \"calibration_gap\": " GAP ", \"facets\": [{\"id\": \"f\", " \
	"\"stage\": " FS "}]}}"

static void
test_areas_calibration(void **state)
{
	(void)state;
	struct room *r = room_create();
	const char *people[] = {
		HEAD SESSION("a", "2026-01-01", "\"conscious_competence\"", "0.3",
			"\"conscious_incompetence\"") "]}",
		HEAD SESSION("b", "2026-01-01", "\"conscious_competence\"", "0.05",
			"null") "]}",
		HEAD SESSION("c", "2026-01-01", "null", "-0.1", "\"conscious_competence\"") "]}",
		/* no gap: not known */
		HEAD SESSION("d", "2026-01-01", "null", "null", "\"conscious_competence\"") "]}",
	};
	for (size_t i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof(name), "%zu.json", i);
		assert_true(room_add_text(r, name, people[i], strlen(people[i])));
	}
	assert_int_equal(room_skipped(r), 0);
	const struct room_questionnaire *q = room_find(r, "q");
	assert_int_equal(q->above, 1);
	assert_int_equal(q->in_line, 1);
	assert_int_equal(q->below, 1);
	assert_int_equal(q->uncalibrated, 1);
	/* the bands of the result's own words: on the edge is not close */
	assert_int_equal(calibration_side_of(0.1), CALIBRATION_ABOVE);
	assert_int_equal(calibration_side_of(0.6 - 0.5), CALIBRATION_ABOVE);
	assert_int_equal(calibration_side_of(0.0999), CALIBRATION_IN_LINE);
	assert_int_equal(calibration_side_of(-0.0999), CALIBRATION_IN_LINE);
	assert_int_equal(calibration_side_of(-0.1), CALIBRATION_BELOW);
	assert_int_equal(calibration_side_of(NAN), CALIBRATION_UNKNOWN);
	assert_string_equal(calibration_band(0.1), "somewhat higher than");
	assert_string_equal(calibration_band(0.0999), "close to");
	assert_int_equal(q->n_facets, 1);
	assert_string_equal(q->facets[0].id, "f");
	assert_int_equal(q->facets[0].people, 4);
	assert_int_equal(q->facets[0].now[1], 1);
	assert_int_equal(q->facets[0].now[2], 2);
	assert_int_equal(q->facets[0].unplaced, 1);
	/* a bad area or gap is refused by line and column */
	const char *bad = HEAD SESSION("e", "2026-01-01", "null", "2", "null") "]}";
	assert_true(room_add_text(r, "bad.json", bad, strlen(bad)));
	assert_non_null(strstr(r->problems[0], "bad.json:1:"));
	assert_non_null(strstr(r->problems[0], "\"calibration_gap\" of session 1's "
		"result is not a number from -1 to 1 or null"));
	const char *bad2 = HEAD SESSION("e", "2026-01-01", "null", "0", "\"expert\"") "]}";
	assert_true(room_add_text(r, "bad2.json", bad2, strlen(bad2)));
	assert_non_null(strstr(r->problems[1], "unknown stage in session 1"));
	assert_int_equal(r->files, 4);
	room_destroy(r);
}

#define TALLY(COUNTS, TOTAL) "{\"format\": \"ladder-tally\", \"format_version\": 1, " \
	"\"saved_at\": \"2026-05-20T10:00:00Z\", \"questionnaires\": [{\"id\": \"q\", " \
	"\"title\": \"Q\", \"counts\": {" COUNTS "}, \"total\": " TOTAL "}]}"
#define COUNTS4(A, B, C, D) "\"unconscious_incompetence\": " A ", " \
	"\"conscious_incompetence\": " B ", \"conscious_competence\": " C ", " \
	"\"unconscious_competence\": " D

static void
test_tally(void **state)
{
	(void)state;
	struct room *r = room_create();
	const char *t = TALLY(COUNTS4("1", "4", "2", "0"), "7");
	assert_true(room_add_text(r, "t.json", t, strlen(t)));
	assert_true(room_add_file(r, ROOM "p1.json"));
	assert_int_equal(room_skipped(r), 0);
	assert_string_equal(r->sources[0].kind, "saved tally");
	assert_int_equal(r->sources[0].people, 7);
	const struct room_questionnaire *q = room_find(r, "q");
	assert_int_equal(q->people, 7);
	assert_int_equal(q->tallied, 7);
	assert_int_equal(q->now[1], 4);
	assert_int_equal(q->up + q->down + q->stayed + q->first + q->unknown, 0);
	static const struct {
		const char *text, *expect;
	} bad[] = {
		{TALLY(COUNTS4("1", "4", "2", "0"), "8"),
			"\"total\" of questionnaire 1 of the tally is 8, but its counts add up to 7"},
		{TALLY(COUNTS4("1", "-4", "2", "0"), "-1"),
			"a count of questionnaire 1 of the tally is not a whole number"},
		{TALLY(COUNTS4("1", "4.5", "2", "0"), "7.5"), "not a whole number"},
		{TALLY(COUNTS4("1", "4", "2", "0") ", \"expert\": 1", "7"), "\"expert\""},
		{TALLY("\"conscious_incompetence\": 1", "1"), "unconscious_incompetence"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct room *b = room_create();
		assert_true(room_add_text(b, "bad.json", bad[i].text, strlen(bad[i].text)));
		assert_int_equal(room_skipped(b), 1);
		if (strstr(b->problems[0], bad[i].expect) == NULL ||
			strncmp(b->problems[0], "bad.json:1:", 11) != 0) {
			fail_msg("row %zu: %s", i, b->problems[0]);
		}
		assert_int_equal(b->n, 0);
		room_destroy(b);
	}
	room_destroy(r);
}

static void
test_answers(void **state)
{
	(void)state;
	struct catalog *cat = catalog_create();
	assert_true(catalog_add_dir(cat, TESTDATA "/questionnaires", true));
	struct room *r = room_create();
	char *text = NULL;
	size_t len = 0;
	assert_true(file_read(TESTDATA "/answers/tiny-full.json", 1 << 20, &text, &len, NULL));
	/* without the questionnaires: skipped, naming it */
	assert_true(room_add_text(r, "a.json", text, len));
	assert_int_equal(room_skipped(r), 1);
	assert_non_null(strstr(r->problems[0], "unknown questionnaire"));
	room_set_catalog(r, cat);
	text[len - 1] = ' '; /* other bytes: not the same file */
	assert_true(room_add_text(r, "b.json", text, len));
	assert_int_equal(room_skipped(r), 1);
	assert_string_equal(r->sources[1].kind, "answers file");
	assert_true(r->sources[1].read);
	assert_int_equal(r->n, 1);
	assert_int_equal(r->qs[0].people, 1);
	assert_int_equal(r->qs[0].first, 1);
	free(text);
	room_destroy(r);
	catalog_destroy(cat);
}

static void
test_sealed_inputs(void **state)
{
	(void)state;
	unsigned char file[SEALED_KEYFILE_LEN], pk[SEALED_PK_LEN];
	unsigned char file2[SEALED_KEYFILE_LEN], pk2[SEALED_PK_LEN];
	struct secret *p = secret_from_bytes("pw", 2);
	struct sealed_key *key = NULL;
	struct ladder_error err;
	assert_true(sealed_keygen(p, KDF_MIN, file, pk, &err));
	assert_true(sealed_keygen(p, KDF_MIN, file2, pk2, &err));
	assert_true(sealed_key_open("k", file, sizeof(file), p, &key, &err));
	char *text = NULL;
	size_t len = 0;
	unsigned char *s1 = NULL, *s2 = NULL, *s3 = NULL;
	size_t l1, l2, l3;
	assert_true(file_read(ROOM "p1.json", 1 << 20, &text, &len, NULL));
	assert_true(sealed_seal(pk, (unsigned char *)text, len, &s1, &l1, &err));
	assert_true(sealed_seal(pk2, (unsigned char *)text, len, &s2, &l2, &err));
	free(text);
	assert_true(file_read(ROOM "p2.json", 1 << 20, &text, &len, NULL));
	assert_true(sealed_seal(pk, (unsigned char *)text, len, &s3, &l3, &err));
	free(text);
	s3[l3 / 2] ^= 0x20;

	struct room *r = room_create();
	assert_true(room_add_bytes(r, "nokey.sealed", s1, l1));
	room_set_key(r, key);
	assert_true(room_add_bytes(r, "one.sealed", s1, l1));
	assert_true(room_add_bytes(r, "other.sealed", s2, l2));
	assert_true(room_add_bytes(r, "altered.sealed", s3, l3));
	assert_true(room_add_file(r, ROOM "p3.json"));
	assert_int_equal(r->n_sources, 5);
	assert_false(r->sources[0].read);
	assert_string_equal(r->sources[0].reason, "nokey.sealed: a sealed export; it "
		"opens only with the facilitator's key (--key FILE)");
	/* the same bytes again, now with the key: read (the first was not) */
	assert_true(r->sources[1].read || strstr(r->sources[1].reason, "same file"));
	assert_false(r->sources[2].read);
	assert_non_null(strstr(r->sources[2].reason, "other.sealed: sealed for another key"));
	assert_false(r->sources[3].read);
	assert_non_null(strstr(r->sources[3].reason, "altered.sealed: altered"));
	assert_string_equal(r->sources[3].kind, "sealed export");
	assert_true(r->sources[4].read);
	room_destroy(r);
	free(s1);
	free(s2);
	free(s3);
	sealed_key_destroy(key);
	secret_destroy(p);
}

static void
test_profile(void **state)
{
	(void)state;
	struct room *r = room_create();
	assert_true(room_add_file(r, ROOM "p1.json"));
	assert_true(room_add_file(r, ROOM "p2.json"));
	assert_true(room_add_file(r, ROOM "p3.json"));
	/* three people, minimum 5: nothing but "fewer than 5" */
	struct room_profile *p = room_profile_create(r, 5);
	const struct room_profile_questionnaire *c = room_profile_find(p, "cultural");
	assert_non_null(c);
	assert_true(c->people.masked && c->people.fewer);
	for (int s = 0; s < STAGE_COUNT; s++) {
		assert_true(c->now[s].masked);
		assert_int_equal(c->now[s].n, 0);
	}
	assert_true(c->up.masked && c->above.masked && c->with_results.masked);
	assert_true(c->n_facets > 0 && c->facets[0].people.masked);
	room_profile_destroy(p);
	/* minimum 1: the room as it is */
	p = room_profile_create(r, 1);
	c = room_profile_find(p, "cultural");
	assert_int_equal(c->people.n, 3);
	assert_false(c->people.masked);
	assert_int_equal(c->now[1].n, 2);
	assert_int_equal(c->up.n, 1);
	assert_null(room_profile_find(p, "nope"));
	room_profile_destroy(p);
	room_destroy(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask_table),
		cmocka_unit_test(test_mask_exhaustive),
		cmocka_unit_test(test_areas_calibration),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_sealed_inputs),
		cmocka_unit_test(test_profile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
