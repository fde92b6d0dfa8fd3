/* The big font of projector mode: every printable ASCII character has a
 * well-formed glyph, geometry follows the documented rule, text wraps at
 * word boundaries, the largest scale that fits is chosen, and rendering
 * gives the expected cells in both styles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/glyph.h"
#include "ladder/util.h"

static void
test_font(void **state)
{
	/* only these reach into the descender row */
	const char *descenders = ",gjpqy";
	for (uint32_t cp = 0x20; cp < 0x7F; cp++) {
		assert_true(glyph_known(cp));
		const char *const *rows = glyph_bitmap(cp);
		for (int r = 0; r < GLYPH_HEIGHT; r++) {
			assert_int_equal(strlen(rows[r]), GLYPH_WIDTH);
			assert_int_equal(strspn(rows[r], "#."), GLYPH_WIDTH);
		}
		bool below = strchr(rows[GLYPH_HEIGHT - 1], '#') != NULL;
		if (below != (strchr(descenders, (int)cp) != NULL)) {
			fail_msg("glyph '%c': descender row %s", (char)cp,
				below ? "used" : "empty");
		}
		/* a glyph differs from every other but for the space */
		for (uint32_t other = 0x20; other < cp; other++) {
			const char *const *o = glyph_bitmap(other);
			bool same = true;
			for (int r = 0; same && r < GLYPH_HEIGHT; r++) {
				same = strcmp(rows[r], o[r]) == 0;
			}
			if (same) {
				fail_msg("glyphs '%c' and '%c' are the same", (char)cp, (char)other);
			}
		}
	}
	/* the extras and the fallbacks */
	assert_true(glyph_known(0x2014)); /* em dash */
	assert_true(glyph_known(0x2191)); /* up arrow */
	assert_true(glyph_known(0xD7));   /* multiplication sign */
	assert_ptr_equal(glyph_bitmap(0xE9), glyph_bitmap('e'));   /* e acute */
	assert_ptr_equal(glyph_bitmap(0xC7), glyph_bitmap('C'));   /* C cedilla */
	assert_ptr_equal(glyph_bitmap(0x2019), glyph_bitmap(0x2019));
	assert_false(glyph_known(0x4E2D));
	assert_string_equal(glyph_bitmap(0x4E2D)[0], "#####"); /* the box */
	assert_string_equal(glyph_bitmap(0x4E2D)[1], "#...#");
	/* ASCII stand-ins */
	assert_int_equal(glyph_ascii('a'), 'a');
	assert_int_equal(glyph_ascii(0x2014), '-');
	assert_int_equal(glyph_ascii(0xE9), 'e');
	assert_int_equal(glyph_ascii(0x201C), '"');
	assert_int_equal(glyph_ascii(0x2191), '^');
	assert_int_equal(glyph_ascii(0x4E2D), '?');
}

static void
test_geometry(void **state)
{
	/* n glyphs at scale s: s * (6n - 1) columns */
	assert_int_equal(glyph_cols(0, 3), 0);
	assert_int_equal(glyph_cols(1, 1), 5);
	assert_int_equal(glyph_cols(2, 1), 11);
	assert_int_equal(glyph_cols(14, 1), 83);
	assert_int_equal(glyph_cols(3, 2), 34);
	/* rows: 8 pixels a line, two a cell with blocks, one with ASCII */
	assert_int_equal(glyph_rows(GLYPH_BLOCKS, 1), 4);
	assert_int_equal(glyph_rows(GLYPH_BLOCKS, 3), 12);
	assert_int_equal(glyph_rows(GLYPH_ASCII, 1), 8);
	assert_int_equal(glyph_rows(GLYPH_ASCII, 2), 16);
	assert_int_equal(glyph_gap(GLYPH_BLOCKS, 1), 1);
	assert_int_equal(glyph_gap(GLYPH_BLOCKS, 3), 1);
	assert_int_equal(glyph_gap(GLYPH_BLOCKS, 4), 2);
	assert_int_equal(glyph_gap(GLYPH_ASCII, 2), 2);
	assert_int_equal(glyph_block_rows(GLYPH_BLOCKS, 1, 0), 0);
	assert_int_equal(glyph_block_rows(GLYPH_BLOCKS, 1, 3), 14);
	assert_int_equal(glyph_block_rows(GLYPH_BLOCKS, 3, 4), 51);
	assert_int_equal(glyph_block_rows(GLYPH_ASCII, 1, 2), 17);
	/* glyphs are code points */
	assert_int_equal(glyph_count("caf\xC3\xA9 \xE2\x80\x94", 9), 6);
	assert_int_equal(glyph_count("abc", 2), 2);
}

struct wrap_row {
	const char *text;
	int scale;
	size_t width;
	const char *expect; /* the lines joined by '|' */
	bool cut;
};

static const struct wrap_row wrap_rows[] = {
	/* 13 glyphs fit in 78 columns at scale 1 */
	{"The conscious competence ladder", 1, 78, "The conscious|competence|ladder", false},
	/* 10 glyphs in 190 columns at scale 3 */
	{"The conscious competence ladder", 3, 190, "The|conscious|competence|ladder", false},
	{"Where are you?", 1, 83, "Where are you?", false},
	{"Where are you?", 1, 82, "Where are|you?", false},
	{"a b c", 1, 5, "a|b|c", false},
	{"a  b", 1, 100, "a  b", false},
	{"hello", 1, 17, "hel|lo", true},
	{"ab", 1, 3, "a|b", true},
	{"one\ntwo", 1, 100, "one|two", false},
	{"one\n\ntwo", 1, 100, "one||two", false},
	{"  lead", 1, 23, "lead", false},
	{"end   ", 1, 17, "end", false},
	{"", 1, 10, "", false},
	{"caf\xC3\xA9 \xE2\x80\x94 ok", 1, 29, "caf\xC3\xA9|\xE2\x80\x94 ok", false},
	{"Unconscious incompetence", 1, 143, "Unconscious incompetence", false},
	{"Unconscious incompetence", 1, 142, "Unconscious|incompetence", false},
};

static void
test_wrap(void **state)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(wrap_rows) / sizeof(wrap_rows[0]); i++) {
		const struct wrap_row *r = &wrap_rows[i];
		struct text_span spans[16];
		bool cut = !r->cut;
		size_t n = glyph_wrap(r->text, r->scale, r->width, spans, 16, &cut);
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t k = 0; k < n && k < 16; k++) {
			strbuf_printf(&sb, "%s%.*s", k ? "|" : "", (int)spans[k].len,
				r->text + spans[k].start);
		}
		const char *got = sb.data ? sb.data : "";
		if (strcmp(got, r->expect) != 0 || cut != r->cut) {
			print_error("row %zu: \"%s\" at scale %d in %zu: got \"%s\"%s, "
				"expected \"%s\"%s\n", i, r->text, r->scale, r->width, got,
				cut ? " (cut)" : "", r->expect, r->cut ? " (cut)" : "");
			bad++;
		}
		strbuf_finish(&sb);
	}
	assert_int_equal(bad, 0);
}

static void
test_fit(void **state)
{
	struct glyph_layout l;
	const char *title = "The conscious competence ladder";
	/* a 200x60 terminal's slide area: scale 3 in four lines, 51 rows */
	assert_true(glyph_fit(title, GLYPH_BLOCKS, 190, 52, 10, &l));
	assert_int_equal(l.scale, 3);
	assert_int_equal(l.n_lines, 4);
	assert_int_equal(l.rows, 51);
	assert_int_equal(l.cols, glyph_cols(10, 3)); /* "competence" */
	/* one row less and it drops to scale 2 */
	assert_true(glyph_fit(title, GLYPH_BLOCKS, 190, 50, 10, &l));
	assert_int_equal(l.scale, 2);
	/* an 80x24 terminal's: scale 1, three lines, 14 rows */
	assert_true(glyph_fit(title, GLYPH_BLOCKS, 78, 16, 10, &l));
	assert_int_equal(l.scale, 1);
	assert_int_equal(l.n_lines, 3);
	assert_int_equal(l.rows, 14);
	/* ASCII glyphs are twice as tall: not at 80x24 */
	assert_false(glyph_fit(title, GLYPH_ASCII, 78, 16, 10, &l));
	assert_int_equal(l.scale, 0);
	/* a word is never cut to make it fit */
	assert_false(glyph_fit("competence", GLYPH_BLOCKS, 58, 100, 10, &l));
	assert_true(glyph_fit("competence", GLYPH_BLOCKS, 59, 100, 10, &l));
	assert_int_equal(l.scale, 1);
	/* the cap, and the height as the limit */
	assert_true(glyph_fit("4", GLYPH_BLOCKS, 100, 40, 16, &l));
	assert_int_equal(l.scale, 10);
	assert_true(glyph_fit("4", GLYPH_BLOCKS, 100, 40, 3, &l));
	assert_int_equal(l.scale, 3);
	assert_true(glyph_fit("4", GLYPH_BLOCKS, 12, 40, 16, &l));
	assert_int_equal(l.scale, 2); /* 5 columns a scale */
}

static void
check_rows(const char *text, enum glyph_style st, int scale,
	const char *const *expect, size_t n)
{
	assert_int_equal(glyph_rows(st, scale), n);
	for (size_t r = 0; r < n; r++) {
		char *row = glyph_render_row(text, strlen(text), st, scale, r);
		assert_non_null(row);
		assert_string_equal(row, expect[r]);
		free(row);
	}
}

#define UP "\xE2\x96\x80"   /* upper half block */
#define LO "\xE2\x96\x84"   /* lower half block */
#define FU "\xE2\x96\x88"   /* full block */

static void
test_render(void **state)
{
	/* A: .###. #...# #...# ##### #...# #...# #...# ....., two pixel rows
	 * a cell */
	static const char *const a1[] = {
		LO UP UP UP LO,
		FU LO LO LO FU,
		FU "   " FU,
		UP "   " UP,
	};
	check_rows("A", GLYPH_BLOCKS, 1, a1, 4);
	/* at scale 2 a cell holds one font row twice */
	static const char *const a2[] = {
		"  " FU FU FU FU FU FU "  ",
		FU FU "      " FU FU,
		FU FU "      " FU FU,
		FU FU FU FU FU FU FU FU FU FU,
		FU FU "      " FU FU,
		FU FU "      " FU FU,
		FU FU "      " FU FU,
		"          ",
	};
	check_rows("A", GLYPH_BLOCKS, 2, a2, 8);
	/* ASCII: one pixel a cell */
	static const char *const i1[] = {
		" ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ", "     ",
	};
	check_rows("I", GLYPH_ASCII, 1, i1, 8);
	/* two glyphs with the gap column between them; g's descender */
	static const char *const ag[] = {
		" ###       ",
		"#   #      ",
		"#   #  ####",
		"##### #   #",
		"#   # #   #",
		"#   #  ####",
		"#   #     #",
		"       ### ",
	};
	check_rows("Ag", GLYPH_ASCII, 1, ag, 8);
	/* a row is exactly as wide as the text */
	char *row = glyph_render_row("Hello, world", 12, GLYPH_BLOCKS, 2, 3);
	assert_non_null(row);
	assert_int_equal(utf8_width(row, strlen(row)), glyph_cols(12, 2));
	free(row);
}

/* Top and bottom pixel of a half-block cell (U+2580, U+2584, U+2588). */
static unsigned
block_bits(const char *c, size_t *len)
{
	if (c[0] == ' ') {
		*len = 1;
		return 0;
	}
	*len = 3;
	unsigned char b = (unsigned char)c[2];
	return b == 0x80 ? 1 : b == 0x84 ? 2 : 3;
}

/* The quadrant face is the half-block face with two pixels a cell across:
 * every cell holds the pixels of two half-block cells side by side, and
 * long text fits in half the width. */
static void
test_quads(void **state)
{
	static const unsigned char off[16] = {0, 0x18, 0x1D, 0x00, 0x16, 0x0C,
		0x1E, 0x1B, 0x17, 0x1A, 0x10, 0x1C, 0x04, 0x19, 0x1F, 0x08};
	assert_int_equal(glyph_cols_st(GLYPH_QUADS, 2, 1), 6);
	assert_int_equal(glyph_cols_st(GLYPH_BLOCKS, 2, 1), 11);
	assert_int_equal(glyph_rows(GLYPH_QUADS, 1), 4);
	for (int scale = 1; scale <= 2; scale++) {
		const char *text = "Ag,W?";
		size_t nb = glyph_cols(5, scale), nq = glyph_cols_st(GLYPH_QUADS, 5, scale);
		assert_int_equal(nq, (nb + 1) / 2);
		for (size_t row = 0; row < glyph_rows(GLYPH_QUADS, scale); row++) {
			char *b = glyph_render_row(text, strlen(text), GLYPH_BLOCKS, scale, row);
			char *q = glyph_render_row(text, strlen(text), GLYPH_QUADS, scale, row);
			unsigned px[64] = {0};
			size_t at = 0;
			for (size_t c = 0; c < nb; c++) {
				size_t len;
				px[c] = block_bits(b + at, &len);
				at += len;
			}
			at = 0;
			for (size_t c = 0; c < nq; c++) {
				unsigned want = (px[2 * c] & 1) | (px[2 * c + 1] & 1) << 1 |
					(px[2 * c] >> 1) << 2 | (px[2 * c + 1] >> 1) << 3;
				if (want == 0) {
					assert_int_equal(q[at], ' ');
					at++;
					continue;
				}
				assert_int_equal((unsigned char)q[at], 0xE2);
				assert_int_equal((unsigned char)q[at + 1], 0x96);
				assert_int_equal((unsigned char)q[at + 2], 0x80 + off[want]);
				at += 3;
			}
			assert_int_equal(q[at], '\0');
			free(b);
			free(q);
		}
	}
	/* a line too long for the half-block face at a width fits condensed */
	struct glyph_layout gl;
	const char *name = "Unconscious incompetence";
	assert_false(glyph_fit(name, GLYPH_BLOCKS, 100, 4, 1, &gl));
	assert_true(glyph_fit(name, GLYPH_QUADS, 100, 4, 1, &gl));
	assert_int_equal(gl.n_lines, 1);
	assert_int_equal(gl.cols, glyph_cols_st(GLYPH_QUADS, 24, 1));
}

/* The braille face is two pixels across and four down a cell, so a line
 * of text at scale 1 is two rows high: every dot of a cell is the font's
 * pixel at that place, read from the bitmaps themselves. */
static void
test_dots(void **state)
{
	(void)state;
	/* dot bit of pixel (x, y) in a braille cell, x 0-1, y 0-3 */
	static const unsigned bit[2][4] = {{0x01, 0x02, 0x04, 0x40},
		{0x08, 0x10, 0x20, 0x80}};
	assert_int_equal(glyph_rows(GLYPH_DOTS, 1), 2);
	assert_int_equal(glyph_rows(GLYPH_DOTS, 2), 4);
	assert_int_equal(glyph_cols_st(GLYPH_DOTS, 2, 1), 6);
	assert_int_equal(glyph_cols_st(GLYPH_DOTS, 5, 1),
		glyph_cols_st(GLYPH_QUADS, 5, 1));
	const char *text = "Ag,W?";
	size_t cols = glyph_cols_st(GLYPH_DOTS, 5, 1);
	unsigned set = 0;
	for (size_t row = 0; row < 2; row++) {
		char *d = glyph_render_row(text, strlen(text), GLYPH_DOTS, 1, row);
		assert_non_null(d);
		size_t at = 0;
		for (size_t c = 0; c < cols; c++) {
			unsigned want = 0;
			for (size_t x = 0; x < 2; x++) {
				for (size_t y = 0; y < 4; y++) {
					size_t px = 2 * c + x, py = 4 * row + y;
					size_t g = px / GLYPH_ADVANCE, gx = px % GLYPH_ADVANCE;
					const char *const *bm = glyph_bitmap((uint32_t)text[g]);
					if (gx < GLYPH_WIDTH && bm[py][gx] == '#') {
						want |= bit[x][y];
					}
				}
			}
			if (want == 0) {
				assert_int_equal(d[at], ' ');
				at++;
				continue;
			}
			set++;
			unsigned cp = 0x2800 + want;
			assert_int_equal((unsigned char)d[at], 0xE0 | cp >> 12);
			assert_int_equal((unsigned char)d[at + 1], 0x80 | (cp >> 6 & 0x3F));
			assert_int_equal((unsigned char)d[at + 2], 0x80 | (cp & 0x3F));
			at += 3;
		}
		assert_int_equal(d[at], '\0');
		free(d);
	}
	assert_true(set > 10);
	/* laid out in the face, a line is two rows and lines a row apart */
	struct glyph_layout gl;
	assert_true(glyph_fit("I know what I can't do yet.", GLYPH_DOTS, 60, 5, 1, &gl));
	assert_int_equal(gl.n_lines, 2);
	assert_int_equal(gl.rows, 5);
	assert_true(gl.cols <= 60);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_font),
		cmocka_unit_test(test_geometry),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_quads),
		cmocka_unit_test(test_dots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
