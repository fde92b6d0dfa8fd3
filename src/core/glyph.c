#include "ladder/glyph.h"

#include <stdlib.h>
#include <string.h>

#include "ladder/util.h"

struct glyph {
	uint32_t cp;
	const char *rows[GLYPH_HEIGHT];
};

/* Rows 0-6 stand on the baseline, row 7 holds descenders (g j p q y , ). */
static const struct glyph font[] = {
	{' ', {".....", ".....", ".....", ".....", ".....", ".....", ".....", "....."}},
	{'!', {"..#..", "..#..", "..#..", "..#..", "..#..", ".....", "..#..", "....."}},
	{'"', {".#.#.", ".#.#.", ".#.#.", ".....", ".....", ".....", ".....", "....."}},
	{'#', {".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#.", "....."}},
	{'$', {"..#..", ".####", "#.#..", ".###.", "..#.#", "####.", "..#..", "....."}},
	{'%', {"##...", "##..#", "...#.", "..#..", ".#...", "#..##", "...##", "....."}},
	{'&', {".##..", "#..#.", "#.#..", ".#...", "#.#.#", "#..#.", ".##.#", "....."}},
	{'\'', {"..#..", "..#..", "..#..", ".....", ".....", ".....", ".....", "....."}},
	{'(', {"...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#.", "....."}},
	{')', {".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#...", "....."}},
	{'*', {".....", "..#..", "#.#.#", ".###.", "#.#.#", "..#..", ".....", "....."}},
	{'+', {".....", "..#..", "..#..", "#####", "..#..", "..#..", ".....", "....."}},
	{',', {".....", ".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."}},
	{'-', {".....", ".....", ".....", ".###.", ".....", ".....", ".....", "....."}},
	{'.', {".....", ".....", ".....", ".....", ".....", ".##..", ".##..", "....."}},
	{'/', {".....", "....#", "...#.", "..#..", ".#...", "#....", ".....", "....."}},
	{'0', {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.", "....."}},
	{'1', {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.", "....."}},
	{'2', {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####", "....."}},
	{'3', {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.", "....."}},
	{'4', {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.", "....."}},
	{'5', {"#####", "#....", "####.", "....#", "....#", "#...#", ".###.", "....."}},
	{'6', {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.", "....."}},
	{'7', {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...", "....."}},
	{'8', {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.", "....."}},
	{'9', {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..", "....."}},
	{':', {".....", ".##..", ".##..", ".....", ".##..", ".##..", ".....", "....."}},
	{';', {".....", ".##..", ".##..", ".....", ".##..", "..#..", ".#...", "....."}},
	{'<', {"...#.", "..#..", ".#...", "#....", ".#...", "..#..", "...#.", "....."}},
	{'=', {".....", ".....", "#####", ".....", "#####", ".....", ".....", "....."}},
	{'>', {".#...", "..#..", "...#.", "....#", "...#.", "..#..", ".#...", "....."}},
	{'?', {".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#..", "....."}},
	{'@', {".###.", "#...#", "....#", ".##.#", "#.#.#", "#.#.#", ".###.", "....."}},
	{'A', {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#", "....."}},
	{'B', {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.", "....."}},
	{'C', {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.", "....."}},
	{'D', {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.", "....."}},
	{'E', {"#####", "#....", "#....", "####.", "#....", "#....", "#####", "....."}},
	{'F', {"#####", "#....", "#....", "####.", "#....", "#....", "#....", "....."}},
	{'G', {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####", "....."}},
	{'H', {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#", "....."}},
	{'I', {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.", "....."}},
	{'J', {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##..", "....."}},
	{'K', {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#", "....."}},
	{'L', {"#....", "#....", "#....", "#....", "#....", "#....", "#####", "....."}},
	{'M', {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#", "....."}},
	{'N', {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "....."}},
	{'O', {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.", "....."}},
	{'P', {"####.", "#...#", "#...#", "####.", "#....", "#....", "#....", "....."}},
	{'Q', {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#", "....."}},
	{'R', {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#", "....."}},
	{'S', {".####", "#....", "#....", ".###.", "....#", "....#", "####.", "....."}},
	{'T', {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..", "....."}},
	{'U', {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.", "....."}},
	{'V', {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..", "....."}},
	{'W', {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.", "....."}},
	{'X', {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#", "....."}},
	{'Y', {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..", "....."}},
	{'Z', {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####", "....."}},
	{'[', {".###.", ".#...", ".#...", ".#...", ".#...", ".#...", ".###.", "....."}},
	{'\\', {".....", "#....", ".#...", "..#..", "...#.", "....#", ".....", "....."}},
	{']', {".###.", "...#.", "...#.", "...#.", "...#.", "...#.", ".###.", "....."}},
	{'^', {"..#..", ".#.#.", "#...#", ".....", ".....", ".....", ".....", "....."}},
	{'_', {".....", ".....", ".....", ".....", ".....", ".....", "#####", "....."}},
	{'`', {".#...", "..#..", ".....", ".....", ".....", ".....", ".....", "....."}},
	{'a', {".....", ".....", ".###.", "....#", ".####", "#...#", ".####", "....."}},
	{'b', {"#....", "#....", "#.##.", "##..#", "#...#", "#...#", "####.", "....."}},
	{'c', {".....", ".....", ".###.", "#....", "#....", "#...#", ".###.", "....."}},
	{'d', {"....#", "....#", ".##.#", "#..##", "#...#", "#...#", ".####", "....."}},
	{'e', {".....", ".....", ".###.", "#...#", "#####", "#....", ".###.", "....."}},
	{'f', {"..##.", ".#..#", ".#...", "###..", ".#...", ".#...", ".#...", "....."}},
	{'g', {".....", ".....", ".####", "#...#", "#...#", ".####", "....#", ".###."}},
	{'h', {"#....", "#....", "#.##.", "##..#", "#...#", "#...#", "#...#", "....."}},
	{'i', {"..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###.", "....."}},
	{'j', {"...#.", ".....", "..##.", "...#.", "...#.", "...#.", "#..#.", ".##.."}},
	{'k', {"#....", "#....", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "....."}},
	{'l', {".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.", "....."}},
	{'m', {".....", ".....", "##.#.", "#.#.#", "#.#.#", "#...#", "#...#", "....."}},
	{'n', {".....", ".....", "#.##.", "##..#", "#...#", "#...#", "#...#", "....."}},
	{'o', {".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###.", "....."}},
	{'p', {".....", ".....", "####.", "#...#", "#...#", "####.", "#....", "#...."}},
	{'q', {".....", ".....", ".####", "#...#", "#...#", ".####", "....#", "....#"}},
	{'r', {".....", ".....", "#.##.", "##..#", "#....", "#....", "#....", "....."}},
	{'s', {".....", ".....", ".####", "#....", ".###.", "....#", "####.", "....."}},
	{'t', {".#...", ".#...", "###..", ".#...", ".#...", ".#..#", "..##.", "....."}},
	{'u', {".....", ".....", "#...#", "#...#", "#...#", "#..##", ".##.#", "....."}},
	{'v', {".....", ".....", "#...#", "#...#", "#...#", ".#.#.", "..#..", "....."}},
	{'w', {".....", ".....", "#...#", "#...#", "#.#.#", "#.#.#", ".#.#.", "....."}},
	{'x', {".....", ".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "....."}},
	{'y', {".....", ".....", "#...#", "#...#", "#...#", ".####", "....#", ".###."}},
	{'z', {".....", ".....", "#####", "...#.", "..#..", ".#...", "#####", "....."}},
	{'{', {"...#.", "..#..", "..#..", ".#...", "..#..", "..#..", "...#.", "....."}},
	{'|', {"..#..", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..", "....."}},
	{'}', {".#...", "..#..", "..#..", "...#.", "..#..", "..#..", ".#...", "....."}},
	{'~', {".....", ".....", ".#...", "#.#.#", "...#.", ".....", ".....", "....."}},
	{0x00B7, {".....", ".....", ".....", ".##..", ".##..", ".....", ".....", "....."}},
	{0x00D7, {".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", ".....", "....."}},
	{0x2013, {".....", ".....", ".....", "#####", ".....", ".....", ".....", "....."}},
	{0x2014, {".....", ".....", ".....", "#####", ".....", ".....", ".....", "....."}},
	{0x2018, {"..#..", ".#...", ".#...", ".....", ".....", ".....", ".....", "....."}},
	{0x2019, {"..#..", "..#..", ".#...", ".....", ".....", ".....", ".....", "....."}},
	{0x201C, {".#.#.", "#.#..", "#.#..", ".....", ".....", ".....", ".....", "....."}},
	{0x201D, {".#.#.", ".#.#.", "#.#..", ".....", ".....", ".....", ".....", "....."}},
	{0x2022, {".....", ".....", ".###.", ".###.", ".###.", ".....", ".....", "....."}},
	{0x2026, {".....", ".....", ".....", ".....", ".....", ".....", "#.#.#", "....."}},
	{0x2190, {".....", "..#..", ".#...", "#####", ".#...", "..#..", ".....", "....."}},
	{0x2191, {"..#..", ".###.", "#.#.#", "..#..", "..#..", "..#..", "..#..", "....."}},
	{0x2192, {".....", "..#..", "...#.", "#####", "...#.", "..#..", ".....", "....."}},
	{0x2193, {"..#..", "..#..", "..#..", "..#..", "#.#.#", ".###.", "..#..", "....."}},
	{0x2588, {"#####", "#####", "#####", "#####", "#####", "#####", "#####", "#####"}},
};

static const struct glyph box = {0, {"#####", "#...#", "#...#", "#...#", "#...#",
	"#...#", "#####", "....."}};

/* Base letters of U+00C0..U+00FF ('\0': none, or a glyph of its own). */
static const char latin1_base[64] =
	"AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYPs"
	"aaaaaaaceeeeiiiidnooooo\0ouuuuypy";

static const struct glyph *
find(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(font) / sizeof(font[0]); i++) {
		if (font[i].cp == cp) {
			return &font[i];
		}
	}
	return NULL;
}

static const struct glyph *
lookup(uint32_t cp)
{
	const struct glyph *g = find(cp);
	if (g != NULL) {
		return g;
	}
	uint32_t base = 0;
	if (cp >= 0xC0 && cp <= 0xFF) {
		base = (unsigned char)latin1_base[cp - 0xC0];
	} else if (cp == 0xA0 || cp == '\t') {
		base = ' ';
	} else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212) {
		base = '-';
	} else if (cp == 0x2032) {
		base = '\'';
	}
	return base != 0 ? find(base) : NULL;
}

const char *const *
glyph_bitmap(uint32_t cp)
{
	const struct glyph *g = lookup(cp);
	return g != NULL ? g->rows : box.rows;
}

bool
glyph_known(uint32_t cp)
{
	return lookup(cp) != NULL;
}

uint32_t
glyph_decode(const char *s, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = utf8_seq_len(s);
	*adv = n;
	switch (n) {
	case 2: return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	case 3: return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
		(u[2] & 0x3F);
	case 4: return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
		((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	default: return u[0];
	}
}

char
glyph_ascii(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F) {
		return (char)cp;
	}
	if (cp >= 0xC0 && cp <= 0xFF && latin1_base[cp - 0xC0] != '\0') {
		return latin1_base[cp - 0xC0];
	}
	switch (cp) {
	case '\t': case 0xA0: return ' ';
	case 0x2010: case 0x2011: case 0x2013: case 0x2014: case 0x2212: case 0x2500:
	case 0x2501: return '-';
	case 0x2018: case 0x2019: case 0x2032: return '\'';
	case 0x201C: case 0x201D: return '"';
	case 0xD7: return 'x';
	case 0x2191: return '^';
	case 0x2193: return 'v';
	case 0x2190: return '<';
	case 0x2192: return '>';
	case 0x2022: return '*';
	case 0xB7: case 0x2026: return '.';
	case 0x2502: case 0x2503: return '|';
	case 0x2588: case 0x2580: case 0x2584: return '#';
	default: return '?';
	}
}

/* Length of the sequence at s[i], never past n. */
static size_t
seq_len(const char *s, size_t i, size_t n)
{
	size_t l = utf8_seq_len(s + i);
	return i + l > n ? n - i : l;
}

size_t
glyph_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n && s[i] != '\0'; i += seq_len(s, i, n)) {
		count++;
	}
	return count;
}

size_t
glyph_cols(size_t n, int scale)
{
	if (n == 0 || scale < 1) {
		return 0;
	}
	return (size_t)scale * (GLYPH_ADVANCE * n - (GLYPH_ADVANCE - GLYPH_WIDTH));
}

size_t
glyph_cols_st(enum glyph_style st, size_t n, int scale)
{
	size_t c = glyph_cols(n, scale);
	return st == GLYPH_QUADS || st == GLYPH_DOTS ? (c + 1) / 2 : c;
}

size_t
glyph_rows(enum glyph_style st, int scale)
{
	if (scale < 1) {
		return 0;
	}
	size_t px = (size_t)scale * GLYPH_HEIGHT;
	return st == GLYPH_ASCII ? px : st == GLYPH_DOTS ? (px + 3) / 4 : (px + 1) / 2;
}

size_t
glyph_gap(enum glyph_style st, int scale)
{
	if (scale < 1) {
		return 0;
	}
	/* a glyph's bottom row is blank but for descenders, so a small gap
	 * between lines is enough */
	if (st != GLYPH_ASCII) {
		return scale >= 2 ? (size_t)scale / 2 : 1;
	}
	return (size_t)scale;
}

size_t
glyph_block_rows(enum glyph_style st, int scale, size_t n_lines)
{
	if (n_lines == 0) {
		return 0;
	}
	return n_lines * glyph_rows(st, scale) + (n_lines - 1) * glyph_gap(st, scale);
}

/* Most glyphs on one line of width cells at scale. */
static size_t
per_line(int scale, size_t width)
{
	if (scale < 1) {
		scale = 1;
	}
	return (width / (size_t)scale + (GLYPH_ADVANCE - GLYPH_WIDTH)) / GLYPH_ADVANCE;
}

static size_t wrap_glyphs(const char *s, size_t m, struct text_span *spans,
	size_t max, bool *cut);

size_t
glyph_wrap(const char *s, int scale, size_t width, struct text_span *spans,
	size_t max, bool *cut)
{
	return wrap_glyphs(s, per_line(scale, width), spans, max, cut);
}

/* The same for a style: the quadrant and braille faces fit two pixels in
 * a cell's width. */
static size_t
wrap_st(const char *s, enum glyph_style st, int scale, size_t width,
	struct text_span *spans, size_t max, bool *cut)
{
	bool half = st == GLYPH_QUADS || st == GLYPH_DOTS;
	return wrap_glyphs(s, per_line(scale, half ? width * 2 : width), spans, max,
		cut);
}

/* Splits s into lines of at most m glyphs (see glyph_wrap). */
static size_t
wrap_glyphs(const char *s, size_t m, struct text_span *spans, size_t max, bool *cut)
{
	size_t len = strlen(s);
	size_t n = 0;
	size_t i = 0;
	if (cut != NULL) {
		*cut = false;
	}
	if (m == 0) {
		/* not even one glyph fits: one glyph a line, all of them cut */
		m = 1;
		if (cut != NULL && len > 0) {
			*cut = true;
		}
	}
	for (;;) {
		size_t line_start = i, line_end = i, count = 0;
		bool hard_break = false;
		size_t j = i;
		for (;;) {
			if (j >= len) {
				break;
			}
			if (s[j] == '\n') {
				hard_break = true;
				break;
			}
			size_t spaces = 0;
			size_t k = j;
			while (k < len && s[k] == ' ') {
				k++;
				spaces++;
			}
			size_t word = k, wc = 0;
			while (k < len && s[k] != ' ' && s[k] != '\n') {
				k += seq_len(s, k, len);
				wc++;
			}
			if (count + spaces + wc <= m) {
				count += spaces + wc;
				line_end = k;
				j = k;
				continue;
			}
			if (count == 0 && wc <= m) {
				/* leading spaces pushed the word out: drop them */
				line_start = word;
				count = wc;
				line_end = k;
				j = k;
				continue;
			}
			if (count == 0) {
				/* the first word does not fit: cut it after m glyphs */
				size_t c = 0;
				k = word;
				while (c < m) {
					k += seq_len(s, k, len);
					c++;
				}
				line_start = word;
				line_end = k;
				if (cut != NULL) {
					*cut = true;
				}
			}
			break;
		}
		text_emit(spans, max, &n, line_start, line_end - line_start);
		i = line_end;
		if (hard_break && i < len && s[i] == '\n') {
			i++;
			continue;
		}
		while (i < len && s[i] == ' ') {
			i++;
		}
		if (i < len && s[i] == '\n') {
			i++; /* the break falls on the newline itself */
			if (i >= len) {
				break;
			}
			continue;
		}
		if (i >= len) {
			break;
		}
	}
	return n;
}

static size_t
widest(const char *s, const struct text_span *spans, size_t n, enum glyph_style st,
	int scale)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = glyph_cols_st(st, glyph_count(s + spans[i].start, spans[i].len),
			scale);
		if (c > w) {
			w = c;
		}
	}
	return w;
}

bool
glyph_fit(const char *s, enum glyph_style st, size_t width, size_t height,
	int max_scale, struct glyph_layout *layout)
{
	memset(layout, 0, sizeof(*layout));
	if (max_scale > GLYPH_MAX_SCALE) {
		max_scale = GLYPH_MAX_SCALE;
	}
	for (int scale = max_scale; scale >= 1; scale--) {
		bool cut;
		size_t n = wrap_st(s, st, scale, width, layout->lines, GLYPH_MAX_LINES, &cut);
		if (cut || n > GLYPH_MAX_LINES) {
			continue;
		}
		size_t rows = glyph_block_rows(st, scale, n);
		size_t cols = widest(s, layout->lines, n, st, scale);
		if (rows <= height && cols <= width) {
			layout->scale = scale;
			layout->n_lines = n;
			layout->rows = rows;
			layout->cols = cols;
			return true;
		}
	}
	memset(layout, 0, sizeof(*layout));
	return false;
}

static bool
pixel(const char *const *rows, size_t px, size_t py)
{
	return px < GLYPH_WIDTH && py < GLYPH_HEIGHT && rows[py][px] == '#';
}

/* The pixel at column x of the whole line (scaled) and font row y. */
static bool
line_pixel(const char *const *const *bitmaps, size_t count, size_t sc, size_t x,
	size_t y)
{
	size_t gi = x / (GLYPH_ADVANCE * sc);
	return gi < count && pixel(bitmaps[gi], x % (GLYPH_ADVANCE * sc) / sc, y);
}

/* One row of cells of two by two pixels, as quadrant blocks. */
static void
render_quads(const char *const *const *bitmaps, size_t count, size_t sc, size_t y0,
	size_t y1, size_t cols, char *out)
{
	/* U+2580 + this: index = top left | top right << 1 | bottom left << 2 |
	 * bottom right << 3 */
	static const unsigned char quad[16] = {0, 0x18, 0x1D, 0x00, 0x16, 0x0C,
		0x1E, 0x1B, 0x17, 0x1A, 0x10, 0x1C, 0x04, 0x19, 0x1F, 0x08};
	size_t o = 0;
	for (size_t c = 0; c < cols; c++) {
		unsigned q = (unsigned)line_pixel(bitmaps, count, sc, 2 * c, y0) |
			(unsigned)line_pixel(bitmaps, count, sc, 2 * c + 1, y0) << 1 |
			(unsigned)line_pixel(bitmaps, count, sc, 2 * c, y1) << 2 |
			(unsigned)line_pixel(bitmaps, count, sc, 2 * c + 1, y1) << 3;
		if (q == 0) {
			out[o++] = ' ';
			continue;
		}
		out[o++] = (char)0xE2;
		out[o++] = (char)0x96;
		out[o++] = (char)(0x80 + quad[q]);
	}
	out[o] = '\0';
}

/* One row of cells of two by four pixels, as braille patterns. */
static void
render_dots(const char *const *const *bitmaps, size_t count, size_t sc, size_t row,
	size_t cols, char *out)
{
	/* the dots of a braille cell, left column top down, then the right */
	static const unsigned char dot[2][4] = {{0x01, 0x02, 0x04, 0x40},
		{0x08, 0x10, 0x20, 0x80}};
	size_t o = 0;
	for (size_t c = 0; c < cols; c++) {
		unsigned b = 0;
		for (size_t k = 0; k < 8; k++) {
			if (line_pixel(bitmaps, count, sc, 2 * c + k / 4, (row * 4 + k % 4) / sc)) {
				b |= dot[k / 4][k % 4];
			}
		}
		if (b == 0) {
			out[o++] = ' ';
			continue;
		}
		out[o++] = (char)0xE2;
		out[o++] = (char)(0xA0 + (b >> 6));
		out[o++] = (char)(0x80 + (b & 0x3F));
	}
	out[o] = '\0';
}

char *
glyph_render_row(const char *s, size_t n, enum glyph_style st, int scale,
	size_t row)
{
	if (scale < 1) {
		scale = 1;
	}
	size_t count = glyph_count(s, n);
	size_t cols = glyph_cols_st(st, count, scale);
	const char *const **bitmaps = calloc(count ? count : 1, sizeof(*bitmaps));
	char *out = malloc(cols * 3 + 1);
	if (bitmaps == NULL || out == NULL) {
		free(bitmaps);
		free(out);
		return NULL;
	}
	size_t g = 0;
	for (size_t i = 0; i < n && s[i] != '\0' && g < count; g++) {
		size_t adv;
		uint32_t cp = glyph_decode(s + i, &adv);
		bitmaps[g] = glyph_bitmap(cp);
		i += seq_len(s, i, n);
	}
	size_t sc = (size_t)scale;
	size_t per_cell = st == GLYPH_ASCII ? 1 : 2;
	size_t y0 = row * per_cell / sc; /* font row of the cell's top pixel */
	size_t y1 = (row * per_cell + 1) / sc; /* and of its bottom one */
	size_t o = 0;
	if (st == GLYPH_QUADS || st == GLYPH_DOTS) {
		if (st == GLYPH_QUADS) {
			render_quads(bitmaps, count, sc, y0, y1, cols, out);
		} else {
			render_dots(bitmaps, count, sc, row, cols, out);
		}
		free(bitmaps);
		return out;
	}
	for (size_t x = 0; x < cols; x++) {
		size_t gi = x / (GLYPH_ADVANCE * sc);
		size_t px = x % (GLYPH_ADVANCE * sc) / sc;
		bool top = pixel(bitmaps[gi], px, y0);
		if (st == GLYPH_ASCII) {
			out[o++] = top ? '#' : ' ';
			continue;
		}
		bool bottom = pixel(bitmaps[gi], px, y1);
		const char *c = top && bottom ? "\xE2\x96\x88" : top ? "\xE2\x96\x80" :
			bottom ? "\xE2\x96\x84" : " ";
		size_t l = strlen(c);
		memcpy(out + o, c, l);
		o += l;
	}
	out[o] = '\0';
	free(bitmaps);
	return out;
}
