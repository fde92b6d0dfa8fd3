#include "ladder/editbuf.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ladder/util.h"

/* Width of the character at s (0 for combining marks). */
static size_t
char_width(const char *s, size_t *adv)
{
	*adv = utf8_seq_len(s);
	return utf8_width(s, *adv);
}

static bool
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The start of the code point before pos. */
static size_t
prev_cp(const char *t, size_t pos)
{
	if (pos == 0) {
		return 0;
	}
	pos--;
	while (pos > 0 && is_cont((unsigned char)t[pos])) {
		pos--;
	}
	return pos;
}

/* A code point that joins the one before it on screen. */
static bool
is_mark(const char *t, size_t pos, size_t len)
{
	if (pos >= len || t[pos] == '\n') {
		return false;
	}
	size_t adv;
	return (unsigned char)t[pos] >= 0x80 && char_width(t + pos, &adv) == 0;
}

static size_t
next_char(const struct editbuf *eb, size_t pos)
{
	if (pos >= eb->len) {
		return eb->len;
	}
	pos += utf8_seq_len(eb->text + pos);
	while (is_mark(eb->text, pos, eb->len)) {
		pos += utf8_seq_len(eb->text + pos);
	}
	return pos > eb->len ? eb->len : pos;
}

static size_t
prev_char(const struct editbuf *eb, size_t pos)
{
	while (pos > 0) {
		pos = prev_cp(eb->text, pos);
		if (!is_mark(eb->text, pos, eb->len)) {
			break;
		}
	}
	return pos;
}

static bool
reserve(struct editbuf *eb, size_t need)
{
	if (need + 1 <= eb->cap) {
		return true;
	}
	size_t cap = eb->cap ? eb->cap : 256;
	while (cap < need + 1) {
		cap *= 2;
	}
	/* not realloc: the old block must be wiped before it is freed */
	char *t = malloc(cap);
	if (t == NULL) {
		return false;
	}
	memcpy(t, eb->text, eb->len + 1);
	sodium_memzero(eb->text, eb->cap);
	free(eb->text);
	eb->text = t;
	eb->cap = cap;
	return true;
}

bool
editbuf_init(struct editbuf *eb, const char *initial)
{
	memset(eb, 0, sizeof(*eb));
	eb->text = calloc(1, 256);
	if (eb->text == NULL) {
		return false;
	}
	eb->cap = 256;
	if (initial != NULL && initial[0] != '\0') {
		bool ok = editbuf_insert(eb, initial, strlen(initial));
		eb->cursor = 0;
		eb->changed = false;
		return ok;
	}
	return true;
}

void
editbuf_finish(struct editbuf *eb)
{
	if (eb->text != NULL) {
		sodium_memzero(eb->text, eb->cap);
		free(eb->text);
	}
	free(eb->lines);
	memset(eb, 0, sizeof(*eb));
}

static void
touched(struct editbuf *eb)
{
	eb->changed = true;
	eb->layout_ok = false;
	eb->has_goal = false;
}

bool
editbuf_insert(struct editbuf *eb, const char *s, size_t n)
{
	if (!utf8_valid(s, n)) {
		return false;
	}
	/* clean copy: newlines normalised, control characters dropped */
	char *clean = malloc(n + 1);
	if (clean == NULL) {
		return false;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') {
			clean[m++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n') {
				i++;
			}
		} else if (c == '\t') {
			clean[m++] = ' ';
		} else if (c == '\n' || c >= 0x20) {
			if (c == 0x7F) {
				continue;
			}
			/* C1 controls (U+0080..U+009F) */
			if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0) {
				i++;
				continue;
			}
			clean[m++] = (char)c;
		}
	}
	bool ok = false;
	if (eb->len + m > EDITBUF_MAX || !reserve(eb, eb->len + m)) {
		goto out;
	}
	memmove(eb->text + eb->cursor + m, eb->text + eb->cursor,
		eb->len - eb->cursor + 1);
	memcpy(eb->text + eb->cursor, clean, m);
	eb->len += m;
	eb->cursor += m;
	if (m > 0) {
		touched(eb);
	}
	ok = true;
out:
	sodium_memzero(clean, n + 1);
	free(clean);
	return ok;
}

static void
cut(struct editbuf *eb, size_t from, size_t to)
{
	memmove(eb->text + from, eb->text + to, eb->len - to + 1);
	sodium_memzero(eb->text + eb->len - (to - from) + 1, to - from);
	eb->len -= to - from;
	eb->cursor = from;
	touched(eb);
}

bool
editbuf_backspace(struct editbuf *eb)
{
	if (eb->cursor == 0) {
		return false;
	}
	/* one code point: a combining mark goes before its base */
	cut(eb, prev_cp(eb->text, eb->cursor), eb->cursor);
	return true;
}

bool
editbuf_delete(struct editbuf *eb)
{
	if (eb->cursor >= eb->len) {
		return false;
	}
	cut(eb, eb->cursor, next_char(eb, eb->cursor));
	return true;
}

void
editbuf_left(struct editbuf *eb)
{
	eb->cursor = prev_char(eb, eb->cursor);
	eb->has_goal = false;
}

void
editbuf_right(struct editbuf *eb)
{
	eb->cursor = next_char(eb, eb->cursor);
	eb->has_goal = false;
}

void
editbuf_top(struct editbuf *eb)
{
	eb->cursor = 0;
	eb->has_goal = false;
}

void
editbuf_bottom(struct editbuf *eb)
{
	eb->cursor = eb->len;
	eb->has_goal = false;
}

static bool
emit(struct editbuf *eb, size_t start, size_t len)
{
	if (eb->n_lines == eb->cap_lines) {
		size_t cap = eb->cap_lines ? eb->cap_lines * 2 : 64;
		struct editbuf_line *l = realloc(eb->lines, cap * sizeof(*l));
		if (l == NULL) {
			return false;
		}
		eb->lines = l;
		eb->cap_lines = cap;
	}
	eb->lines[eb->n_lines].start = start;
	eb->lines[eb->n_lines].len = len;
	eb->n_lines++;
	return true;
}

/* Wraps the line [ls, le) that holds no newline. */
static bool
wrap_line(struct editbuf *eb, size_t ls, size_t le, size_t width)
{
	const char *t = eb->text;
	if (ls == le) {
		return emit(eb, ls, 0);
	}
	size_t pos = ls;
	while (pos < le) {
		size_t cols = 0, brk = pos, i = pos, end = le;
		while (i < le) {
			if (t[i] == ' ') {
				/* spaces hang at the end of the line */
				i++;
				cols++;
				brk = i;
				continue;
			}
			size_t adv;
			size_t w = char_width(t + i, &adv);
			if (cols + w > width) {
				if (brk > pos) {
					end = brk;
				} else if (i == pos) {
					end = i + adv; /* wider than the whole line */
					while (is_mark(t, end, le)) {
						end += utf8_seq_len(t + end);
					}
				} else {
					end = i; /* a word wider than the line: cut */
				}
				break;
			}
			cols += w;
			i += adv;
		}
		if (end > le) {
			end = le;
		}
		if (!emit(eb, pos, end - pos)) {
			return false;
		}
		pos = end;
	}
	return true;
}

bool
editbuf_layout(struct editbuf *eb, size_t width)
{
	if (width == 0) {
		width = 1;
	}
	if (eb->layout_ok && eb->layout_width == width) {
		return true;
	}
	eb->n_lines = 0;
	size_t start = 0;
	for (;;) {
		const char *nl = memchr(eb->text + start, '\n', eb->len - start);
		size_t le = nl ? (size_t)(nl - eb->text) : eb->len;
		if (!wrap_line(eb, start, le, width)) {
			eb->n_lines = 0;
			return false;
		}
		if (nl == NULL) {
			break;
		}
		start = le + 1;
	}
	eb->layout_width = width;
	eb->layout_ok = true;
	return true;
}

/* The screen line that holds pos: the last one starting at or before it
 * (at a soft break the cursor belongs to the start of the next line). */
static size_t
row_of(const struct editbuf *eb, size_t pos)
{
	size_t lo = 0, hi = eb->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (eb->lines[mid].start <= pos) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/* True when line r continues on the next screen line (no newline). */
static bool
soft_break(const struct editbuf *eb, size_t r)
{
	return r + 1 < eb->n_lines &&
		eb->lines[r + 1].start == eb->lines[r].start + eb->lines[r].len;
}

/* The last cursor position that still shows on line r. */
static size_t
line_last(const struct editbuf *eb, size_t r)
{
	size_t end = eb->lines[r].start + eb->lines[r].len;
	if (soft_break(eb, r) && end > eb->lines[r].start) {
		end = prev_char(eb, end);
	}
	return end;
}

void
editbuf_cursor_rowcol(struct editbuf *eb, size_t width, size_t *row,
	size_t *col)
{
	*row = 0;
	*col = 0;
	if (!editbuf_layout(eb, width) || eb->n_lines == 0) {
		return;
	}
	size_t r = row_of(eb, eb->cursor);
	*row = r;
	*col = utf8_width(eb->text + eb->lines[r].start,
		eb->cursor - eb->lines[r].start);
}

/* The position on line r closest to column col. */
static size_t
pos_at_col(const struct editbuf *eb, size_t r, size_t col)
{
	size_t pos = eb->lines[r].start;
	size_t last = line_last(eb, r);
	size_t c = 0;
	while (pos < last) {
		size_t nxt = next_char(eb, pos);
		size_t w = utf8_width(eb->text + pos, nxt - pos);
		if (c + w > col) {
			break;
		}
		c += w;
		pos = nxt;
	}
	return pos;
}

static void
move_rows(struct editbuf *eb, size_t width, size_t rows, bool down)
{
	size_t row, col;
	editbuf_cursor_rowcol(eb, width, &row, &col);
	if (eb->n_lines == 0) {
		return;
	}
	size_t goal = eb->has_goal ? eb->goal_col : col;
	size_t target;
	if (down) {
		if (row + 1 >= eb->n_lines) {
			eb->cursor = eb->len;
			eb->has_goal = false;
			return;
		}
		target = row + rows < eb->n_lines ? row + rows : eb->n_lines - 1;
	} else {
		if (row == 0) {
			eb->cursor = 0;
			eb->has_goal = false;
			return;
		}
		target = row >= rows ? row - rows : 0;
	}
	eb->cursor = pos_at_col(eb, target, goal);
	eb->goal_col = goal;
	eb->has_goal = true;
}

void
editbuf_up(struct editbuf *eb, size_t width)
{
	move_rows(eb, width, 1, false);
}

void
editbuf_down(struct editbuf *eb, size_t width)
{
	move_rows(eb, width, 1, true);
}

void
editbuf_page(struct editbuf *eb, size_t width, size_t rows, bool down)
{
	move_rows(eb, width, rows > 1 ? rows - 1 : 1, down);
}

void
editbuf_home(struct editbuf *eb, size_t width)
{
	size_t row, col;
	editbuf_cursor_rowcol(eb, width, &row, &col);
	if (eb->n_lines > 0) {
		eb->cursor = eb->lines[row].start;
	}
	eb->has_goal = false;
}

void
editbuf_end(struct editbuf *eb, size_t width)
{
	size_t row, col;
	editbuf_cursor_rowcol(eb, width, &row, &col);
	if (eb->n_lines > 0) {
		eb->cursor = line_last(eb, row);
	}
	eb->has_goal = false;
}

static bool
blank_char(char c)
{
	return c == ' ' || c == '\n';
}

char *
editbuf_trimmed(const struct editbuf *eb)
{
	size_t a = 0, b = eb->len;
	while (a < b && blank_char(eb->text[a])) {
		a++;
	}
	while (b > a && blank_char(eb->text[b - 1])) {
		b--;
	}
	char *s = malloc(b - a + 1);
	if (s != NULL) {
		memcpy(s, eb->text + a, b - a);
		s[b - a] = '\0';
	}
	return s;
}

bool
editbuf_blank(const struct editbuf *eb)
{
	for (size_t i = 0; i < eb->len; i++) {
		if (!blank_char(eb->text[i])) {
			return false;
		}
	}
	return true;
}
