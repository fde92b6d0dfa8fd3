/* Projector mode's drawing: big text scaled to the terminal, one size per
 * role across the deck, and the rungs as bars (present_impl.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "present_impl.h"
#include "ladder/model.h"

int
imin(int a, int b)
{
	return a < b ? a : b;
}

int
imax(int a, int b)
{
	return a > b ? a : b;
}

const char *
stage_title(const struct present *p, int rung)
{
	if (p->cfg->model != NULL) {
		const struct model_stage_text *t =
			model_texts_stage(p->cfg->model, (enum stage)rung);
		if (t->name != NULL && t->name[0] != '\0') {
			return t->name;
		}
	}
	return stage_name((enum stage)rung);
}

const char *
stage_short(const struct present *p, int rung)
{
	if (p->cfg->model != NULL) {
		const struct model_stage_text *t =
			model_texts_stage(p->cfg->model, (enum stage)rung);
		if (t->short_text != NULL) {
			return t->short_text;
		}
	}
	return "";
}

/* ---- drawing helpers ---------------------------------------------- */

bool
dots_allowed(void)
{
	return COLS >= 120 && LINES >= 35;
}

void
big_layout(const struct present *p, struct big *b, const char *text, int w,
	int h, int max_scale)
{
	memset(b, 0, sizeof(*b));
	b->text = text;
	if (w < 1 || h < 1) {
		return;
	}
	struct glyph_layout gl;
	b->style = p->style;
	bool fit = max_scale > 0 && glyph_fit(text, p->style, (size_t)w, (size_t)h,
		max_scale, &gl);
	if (!fit && max_scale > 0 && p->style == GLYPH_BLOCKS) {
		/* the condensed face, half as wide */
		b->style = GLYPH_QUADS;
		fit = glyph_fit(text, GLYPH_QUADS, (size_t)w, (size_t)h, max_scale, &gl);
		if (!fit && dots_allowed()) {
			/* two rows a line: still bigger than normal text */
			b->style = GLYPH_DOTS;
			fit = glyph_fit(text, GLYPH_DOTS, (size_t)w, (size_t)h, 1, &gl);
		}
	}
	if (fit) {
		b->scale = gl.scale;
		b->n = gl.n_lines;
		memcpy(b->spans, gl.lines, gl.n_lines * sizeof(gl.lines[0]));
		b->rows = (int)gl.rows;
		b->cols = (int)gl.cols;
		return;
	}
	/* normal text: lines of a comfortable length, double-spaced when
	 * there is room, so that a long sentence still reads well */
	int ww = imin(w, 66);
	b->n = text_wrap(text, (size_t)ww, b->spans, GLYPH_MAX_LINES);
	if (b->n > GLYPH_MAX_LINES) {
		b->n = GLYPH_MAX_LINES;
	}
	if ((int)b->n > h && ww < w) {
		b->n = text_wrap(text, (size_t)w, b->spans, GLYPH_MAX_LINES);
		b->n = b->n > GLYPH_MAX_LINES ? GLYPH_MAX_LINES : b->n;
	}
	if ((int)b->n > h) {
		b->n = (size_t)h;
	}
	b->spacing = b->n > 1 && 2 * (int)b->n - 1 <= h ? 2 : 1;
	b->rows = b->n > 0 ? ((int)b->n - 1) * b->spacing + 1 : 0;
	for (size_t i = 0; i < b->n; i++) {
		b->cols = imax(b->cols, term_width(text + b->spans[i].start, b->spans[i].len));
	}
}

/* Draws b with its top at y in the columns [x, x+w), each line centred when
 * center is set. */
void
big_draw(const struct present *p, const struct big *b, int y, int x, int w,
	enum term_role r, bool center)
{
	for (size_t i = 0; i < b->n; i++) {
		const char *s = b->text + b->spans[i].start;
		size_t len = b->spans[i].len;
		if (b->scale == 0) {
			int lw = term_width(s, len);
			int lx = center && lw < w ? x + (w - lw) / 2 : x;
			term_print_n(y + (int)i * b->spacing, lx, w, r, s, len);
			continue;
		}
		int lw = (int)glyph_cols_st(b->style, glyph_count(s, len), b->scale);
		int lx = center && lw < w ? x + (w - lw) / 2 : x;
		int rows = (int)glyph_rows(b->style, b->scale);
		int top = y + (int)i * (rows + (int)glyph_gap(b->style, b->scale));
		for (int row = 0; row < rows; row++) {
			char *line = glyph_render_row(s, len, b->style, b->scale, (size_t)row);
			if (line != NULL) {
				term_print(top + row, lx, w, r, line);
				free(line);
			}
		}
	}
}

/* Normal text centred on one line. */
void
center_line(int y, int x, int w, enum term_role r, const char *s)
{
	int lw = term_width(s, strlen(s));
	term_print(y, lw < w ? x + (w - lw) / 2 : x, w, r, s);
}

/* Normal text wrapped in [x, x+w), at most max_lines; returns lines used. */
int
wrap_lines(int y, int x, int w, int max_lines, enum term_role r,
	const char *s, bool center)
{
	struct text_span spans[32];
	size_t n = text_wrap(s, (size_t)imax(w, 1), spans, 32);
	int used = 0;
	for (size_t i = 0; i < n && i < 32 && used < max_lines; i++, used++) {
		int lw = term_width(s + spans[i].start, spans[i].len);
		int lx = center && lw < w ? x + (w - lw) / 2 : x;
		term_print_n(y + used, lx, w, r, s + spans[i].start, spans[i].len);
	}
	return used;
}

/* Largest scale at most cap at which every text fits on one line in
 * w x h cells; 0 when none. */
int
line_scale(const struct present *p, const char *const *texts, size_t n,
	int w, int h, int cap)
{
	return line_scale_st(p->style, texts, n, w, h, cap);
}

int
line_scale_st(enum glyph_style st, const char *const *texts, size_t n, int w,
	int h, int cap)
{
	for (int s = cap; s >= 1; s--) {
		bool fits = (int)glyph_rows(st, s) <= h;
		for (size_t i = 0; fits && i < n; i++) {
			size_t c = glyph_count(texts[i], strlen(texts[i]));
			fits = (int)glyph_cols_st(st, c, s) <= w;
		}
		if (fits) {
			return s;
		}
	}
	return 0;
}

/* One line of text at a scale (0: normal text), vertically centred in a
 * box of h rows at y. */
void
scaled_line(const struct present *p, int y, int h, int x, int w, int scale,
	enum term_role r, const char *s, bool center)
{
	styled_line(p, p->style, y, h, x, w, scale, r, s, center);
}

void
styled_line(const struct present *p, enum glyph_style st, int y, int h, int x,
	int w, int scale, enum term_role r, const char *s, bool center)
{
	if (scale == 0) {
		int lw = term_width(s, strlen(s));
		term_print(y + (h - 1) / 2, center && lw < w ? x + (w - lw) / 2 : x, w, r, s);
		return;
	}
	struct big b = {.text = s, .style = st, .scale = scale, .spacing = 1, .n = 1};
	b.spans[0].start = 0;
	b.spans[0].len = strlen(s);
	int rows = (int)glyph_rows(st, scale);
	big_draw(p, &b, y + (h - rows) / 2, x, w, r, center);
}

const char *
bar_fill(const struct present *p)
{
	return p->style == GLYPH_BLOCKS ? "\xE2\x96\x88" : "#";
}

const char *
bar_track(const struct present *p)
{
	return p->style == GLYPH_BLOCKS ? "\xE2\x96\x91" : ".";
}

void
hbar(int y, int x, int n, enum term_role r, const char *cell)
{
	for (int i = 0; i < n; i++) {
		term_print(y, x + i, 1, r, cell);
	}
}

/* The face and scale for a column of texts at most w wide and h high: the
 * half-block face, else the condensed one, at most cap; scale 0 when
 * neither fits. */
struct role
column_role(const struct present *p, const char *const *texts, size_t n, int w,
	int h, int cap)
{
	int s = line_scale_st(p->style, texts, n, w, h, cap);
	if (s > 0 || p->style != GLYPH_BLOCKS) {
		return (struct role){p->style, s};
	}
	s = line_scale_st(GLYPH_QUADS, texts, n, w, h, cap);
	if (s == 0 && dots_allowed() && line_scale_st(GLYPH_DOTS, texts, n, w, h, 1) > 0) {
		return (struct role){GLYPH_DOTS, 1}; /* two rows high */
	}
	return (struct role){GLYPH_QUADS, s};
}

static int
column_width(struct role r, const char *const *texts, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		w = imax(w, r.scale > 0 ? (int)glyph_cols_st(r.style,
			glyph_count(texts[i], strlen(texts[i])), r.scale) :
			term_width(texts[i], strlen(texts[i])));
	}
	return w;
}

/* Four rows, rung 4 at the top as on a ladder: the rung's number, its name
 * and short line (big when there is room), and a bar with "count · share"
 * (big too); hidden, every bar is the same empty track. */
void
draw_rungs(const struct present *p, struct rect r, const unsigned counts[STAGE_COUNT],
	bool hidden, bool with_short)
{
	if (r.h < 4 || r.w < 20) {
		return;
	}
	unsigned total = 0;
	for (int k = 0; k < STAGE_COUNT; k++) {
		total += counts[k];
	}
	int pct[STAGE_COUNT];
	tally_split_percents(counts, pct);
	int rh = imin(r.h / 4, 16);
	int inner = rh;
	int top = r.y + (r.h - rh * 4) / 2;

	/* the labels ("11 · 44%"), sized for the largest possible so nothing
	 * moves or gives anything away when they are revealed */
	char lab[STAGE_COUNT][32];
	char widest[32];
	count_label(total > 99 ? total : 99, 100, widest, sizeof(widest));
	for (int k = 0; k < STAGE_COUNT; k++) {
		count_label(counts[k], pct[k], lab[k], sizeof(lab[k]));
	}
	const char *sizes[] = {widest};
	struct role lr = column_role(p, sizes, 1, r.w / 4, inner, 2);
	int lw = column_width(lr, sizes, 1);

	/* the names and short lines big when they fit beside a bar of at
	 * least MIN_BAR columns, the rung's number when there is room too */
	enum { MIN_BAR = 12 };
	static const char *const digits[] = {"1", "2", "3", "4"};
	const char *names[STAGE_COUNT], *shorts[STAGE_COUNT];
	for (int k = 1; k <= STAGE_COUNT; k++) {
		names[k - 1] = stage_title(p, k);
		shorts[k - 1] = stage_short(p, k);
	}
	int ds = line_scale(p, digits, 4, r.w / 10, inner, 2);
	int dw = ds > 0 ? (int)glyph_cols(1, ds) : 1;
	int room = r.w - lw - 1 - MIN_BAR - 2;
	struct role nr = column_role(p, names, STAGE_COUNT, room - dw - 2, inner, 1);
	if (nr.scale == 0) {
		struct role no_digit = column_role(p, names, STAGE_COUNT, room, inner, 1);
		if (no_digit.scale > 0) {
			nr = no_digit;
			ds = 0;
			dw = -2; /* no column at all */
		}
	}
	int col = room - dw - 2;
	int n_rows = role_rows(nr);
	bool want_short = with_short && inner > n_rows;
	struct role sr = {p->style, 0};
	if (want_short && nr.scale > 0) {
		sr = column_role(p, shorts, STAGE_COUNT, imin(col, r.w * 3 / 5), inner - n_rows - 1, 1);
	}
	/* else the short lines two rows high under the name, running on
	 * under the bar, which then stands beside the name alone */
	bool span = false;
	if (want_short && nr.scale > 0 && sr.scale == 0 && p->style == GLYPH_BLOCKS &&
		dots_allowed()) {
		int sw = r.w - dw - 2;
		int ss = line_scale_st(GLYPH_DOTS, shorts, STAGE_COUNT, sw, inner - n_rows, 1);
		span = ss > 0;
		sr = span ? (struct role){GLYPH_DOTS, 1} : sr;
	}
	int s_rows = role_rows(sr) + (sr.scale > 0 && !span ? 1 : 0);
	int nw = column_width(nr, names, STAGE_COUNT);
	if (want_short && !span) {
		nw = imax(nw, column_width(sr, shorts, STAGE_COUNT));
	}
	nw = imin(nw, imin(col, nr.scale > 0 ? col : r.w * 2 / 5));

	int bx = r.x + dw + 2 + nw + 2;
	int bw = r.x + r.w - lw - 1 - bx;
	if (bw < 6) {
		nw = imax(10, nw - (6 - bw));
		bx = r.x + dw + 2 + nw + 2;
		bw = imax(1, r.x + r.w - lw - 1 - bx);
	}
	int bh = span ? n_rows : inner >= 3 ? inner - 1 : inner; /* a blank row between bars */
	int lx = bx + bw + 1;

	for (int k = STAGE_COUNT; k >= 1; k--) {
		int ry = top + (STAGE_COUNT - k) * rh;
		enum term_role role = term_rung_role(k);
		if (dw > 0) {
			scaled_line(p, ry, inner, r.x, dw, ds, role, digits[k - 1], false);
		}
		int nx = r.x + dw + 2;
		if (span) {
			styled_line(p, nr.style, ry, n_rows, nx, nw, nr.scale, TERM_TITLE,
				names[k - 1], false);
			styled_line(p, sr.style, ry + n_rows, inner - n_rows, nx,
				r.x + r.w - nx, sr.scale, TERM_NORMAL, shorts[k - 1], false);
		} else if (want_short && sr.scale > 0) {
			int ny = ry + (inner - n_rows - s_rows) / 2;
			styled_line(p, nr.style, ny, n_rows, nx, nw, nr.scale, TERM_TITLE,
				names[k - 1], false);
			styled_line(p, sr.style, ny + n_rows + 1, s_rows - 1, nx, nw, sr.scale,
				TERM_NORMAL, shorts[k - 1], false);
		} else {
			struct text_span sp[8];
			size_t n_short = want_short ? text_wrap(shorts[k - 1], (size_t)nw, sp, 8) : 0;
			int lines = imin((int)n_short, imin(8, inner - n_rows));
			int ny = ry + (inner - n_rows - lines) / 2;
			styled_line(p, nr.style, ny, n_rows, nx, nw, nr.scale, TERM_TITLE,
				names[k - 1], false);
			for (int i = 0; i < lines; i++) {
				term_print_n(ny + n_rows + i, nx, nw, TERM_NORMAL,
					shorts[k - 1] + sp[i].start, sp[i].len);
			}
		}
		int by = span ? ry : ry + (inner - bh) / 2;
		int fill = 0;
		if (!hidden && total > 0) {
			fill = (int)((counts[k - 1] * (unsigned long)bw + total / 2) / total);
			if (fill == 0 && counts[k - 1] > 0) {
				fill = 1;
			}
		}
		for (int row = 0; row < bh; row++) {
			hbar(by + row, bx, fill, role, bar_fill(p));
			hbar(by + row, bx + fill, bw - fill, TERM_BAR_HIDDEN, bar_track(p));
		}
		if (!hidden) {
			/* beside the name and the bar, clear of the short line */
			styled_line(p, lr.style, ry, span ? n_rows : inner, lx, lw, lr.scale,
				TERM_NORMAL, lab[k - 1], false);
		}
	}
}

struct rect
slide_area(void)
{
	int margin = COLS >= 120 ? COLS / 40 : 1;
	struct rect a = {1, margin, LINES - 3, COLS - 2 * margin};
	return a;
}


void
count_label(unsigned count, int pct, char *out, size_t len)
{
	snprintf(out, len, "%u \xC2\xB7 %d%%", count, pct);
}

bool
big_at(const struct present *p, struct big *b, const char *text, int w, int h,
	struct role role)
{
	int scale = role.scale;
	memset(b, 0, sizeof(*b));
	b->text = text;
	b->style = role.style;
	if (w < 1 || h < 1) {
		return false;
	}
	if (scale == 0) {
		big_layout(p, b, text, w, h, 0);
		return true;
	}
	struct glyph_layout gl;
	if (!glyph_fit(text, role.style, (size_t)w, (size_t)h, scale, &gl) ||
		gl.scale != scale) {
		return false;
	}
	b->scale = gl.scale;
	b->n = gl.n_lines;
	memcpy(b->spans, gl.lines, gl.n_lines * sizeof(gl.lines[0]));
	b->rows = (int)gl.rows;
	b->cols = (int)gl.cols;
	return true;
}

int
role_text(const struct present *p, const char *text, struct role role, int y,
	int x, int w, int h, enum term_role r)
{
	struct big b;
	if (!big_at(p, &b, text, w, h, role)) {
		big_layout(p, &b, text, w, h, role.scale);
	}
	big_draw(p, &b, y, x, w, r, true);
	return b.rows;
}

/* The role of texts: the face and largest scale at most cap at which
 * every one of them fits w x h, the half-block face before the condensed
 * one; scale 0 (normal text) when some do not fit even condensed. */
static struct role
common_role(const struct present *p, const char *const *texts, size_t n, int w,
	int h, int cap)
{
	enum glyph_style faces[] = {p->style, GLYPH_QUADS};
	size_t n_faces = p->style == GLYPH_BLOCKS ? 2 : 1;
	for (size_t f = 0; f < n_faces; f++) {
		int best = cap;
		for (size_t i = 0; best > 0 && i < n; i++) {
			struct glyph_layout gl;
			best = glyph_fit(texts[i], faces[f], (size_t)imax(w, 1),
				(size_t)imax(h, 1), best, &gl) ? gl.scale : 0;
		}
		if (best > 0) {
			return (struct role){faces[f], best};
		}
	}
	return (struct role){p->style, 0};
}

static const char *const headings[] = {
	"Where are you?", "What would you do?", "The four stages", "The room",
	"Where we stand", "Discuss",
};

void
present_size_roles(struct present *p)
{
	if (p->sized_cols == COLS && p->sized_rows == LINES) {
		return;
	}
	p->sized_cols = COLS;
	p->sized_rows = LINES;
	struct rect a = slide_area();
	p->head = common_role(p, headings, sizeof(headings) / sizeof(headings[0]),
		a.w, a.h / 6, 4);
	const char **texts = calloc(p->n_slides + p->cfg->n_qs + 1, sizeof(char *));
	if (texts == NULL) {
		p->sub = p->body = (struct role){p->style, 0};
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < p->cfg->n_qs; i++) {
		texts[n++] = p->cfg->qs[i]->title;
	}
	p->sub = common_role(p, texts, n, a.w, imax(1, a.h / 8), 2);
	n = 0;
	for (size_t i = 0; i < p->n_slides; i++) {
		const struct slide *s = &p->slides[i];
		if (s->kind == SLIDE_PROMPT) {
			texts[n++] = s->text != NULL ? s->text :
				p->cfg->qs[s->q]->prompts[s->prompt];
		}
	}
	p->body = common_role(p, texts, n, a.w, a.h - role_rows(p->head) - 2, 6);
	free(texts);
}

int
role_rows(struct role r)
{
	return r.scale > 0 ? (int)glyph_rows(r.style, r.scale) : 1;
}
