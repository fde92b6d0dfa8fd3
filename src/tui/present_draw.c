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
	if (max_scale > 0 && glyph_fit(text, p->style, (size_t)w, (size_t)h,
			max_scale, &gl)) {
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
		int lw = (int)glyph_cols(glyph_count(s, len), b->scale);
		int lx = center && lw < w ? x + (w - lw) / 2 : x;
		int rows = (int)glyph_rows(p->style, b->scale);
		int top = y + (int)i * (rows + (int)glyph_gap(p->style, b->scale));
		for (int row = 0; row < rows; row++) {
			char *line = glyph_render_row(s, len, p->style, b->scale, (size_t)row);
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
	for (int s = cap; s >= 1; s--) {
		bool fits = (int)glyph_rows(p->style, s) <= h;
		for (size_t i = 0; fits && i < n; i++) {
			size_t c = glyph_count(texts[i], strlen(texts[i]));
			fits = (int)glyph_cols(c, s) <= w;
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
	if (scale == 0) {
		int lw = term_width(s, strlen(s));
		term_print(y + (h - 1) / 2, center && lw < w ? x + (w - lw) / 2 : x, w, r, s);
		return;
	}
	struct big b = {.text = s, .scale = scale, .spacing = 1, .n = 1};
	b.spans[0].start = 0;
	b.spans[0].len = strlen(s);
	int rows = (int)glyph_rows(p->style, scale);
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

/* Four rows, rung 4 at the top as on a ladder: the rung's number (big when
 * there is room), its name and short line, and a bar with the count and
 * percentage; hidden, every bar is the same empty track. */
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

	/* the rung's number */
	static const char *const digits[] = {"1", "2", "3", "4"};
	int ds = line_scale(p, digits, 4, r.w / 8, inner, 6);
	int dw = ds > 0 ? (int)glyph_cols(1, ds) : 1;

	/* the name column */
	bool shorts = with_short && inner >= 2;
	int nw = 0;
	for (int k = 1; k <= STAGE_COUNT; k++) {
		nw = imax(nw, term_width(stage_title(p, k), strlen(stage_title(p, k))));
		if (shorts) {
			nw = imax(nw, term_width(stage_short(p, k), strlen(stage_short(p, k))));
		}
	}
	nw = imin(nw, shorts ? r.w / 3 : r.w * 2 / 5);

	/* the labels ("11 · 44%"), sized for the largest possible so nothing
	 * moves or gives anything away when they are revealed */
	char lab[STAGE_COUNT][32];
	char widest[32];
	count_label(total > 99 ? total : 99, 100, widest, sizeof(widest));
	for (int k = 0; k < STAGE_COUNT; k++) {
		count_label(counts[k], pct[k], lab[k], sizeof(lab[k]));
	}
	const char *sizes[] = {widest};
	int cs = line_scale(p, sizes, 1, r.w / 3, inner, ds > 0 ? ds : 1);
	int lw = cs > 0 ? (int)glyph_cols(glyph_count(widest, strlen(widest)), cs) :
		term_width(widest, strlen(widest));

	int bx = r.x + dw + 2 + nw + 2;
	int bw = r.x + r.w - lw - 2 - bx;
	if (bw < 6) {
		nw = imax(10, nw - (6 - bw));
		bx = r.x + dw + 2 + nw + 2;
		bw = imax(1, r.x + r.w - lw - 2 - bx);
	}
	int bh = inner >= 3 ? inner - 1 : inner; /* a blank row between bars */
	int lx = bx + bw + 2;

	for (int k = STAGE_COUNT; k >= 1; k--) {
		int ry = top + (STAGE_COUNT - k) * rh;
		enum term_role role = term_rung_role(k);
		scaled_line(p, ry, inner, r.x, dw, ds, role, digits[k - 1], false);
		struct text_span sp[8];
		size_t n_short = shorts ? text_wrap(stage_short(p, k), (size_t)nw, sp, 8) : 0;
		int name_lines = 1 + imin((int)n_short, imin(8, bh - 1));
		int ny = ry + (inner - name_lines) / 2;
		term_print(ny, r.x + dw + 2, nw, TERM_TITLE, stage_title(p, k));
		for (int i = 1; i < name_lines; i++) {
			term_print_n(ny + i, r.x + dw + 2, nw, TERM_DIM,
				stage_short(p, k) + sp[i - 1].start, sp[i - 1].len);
		}
		int by = ry + (inner - bh) / 2;
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
		if (hidden) {
			continue;
		}
		scaled_line(p, ry, inner, lx, lw, cs, TERM_NORMAL, lab[k - 1], false);
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
	int scale)
{
	memset(b, 0, sizeof(*b));
	b->text = text;
	if (w < 1 || h < 1) {
		return false;
	}
	if (scale == 0) {
		big_layout(p, b, text, w, h, 0);
		return true;
	}
	struct glyph_layout gl;
	if (!glyph_fit(text, p->style, (size_t)w, (size_t)h, scale, &gl) ||
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
role_text(const struct present *p, const char *text, int scale, int y, int x,
	int w, int h, enum term_role r)
{
	struct big b;
	if (!big_at(p, &b, text, w, h, scale)) {
		big_layout(p, &b, text, w, h, scale > 1 ? scale - 1 : 0);
	}
	big_draw(p, &b, y, x, w, r, true);
	return b.rows;
}

/* The largest scale at most cap at which every text fits w x h (texts that
 * do not fit even at scale 1 are left out: they are shown as normal text). */
static int
common_scale(const struct present *p, const char *const *texts, size_t n, int w,
	int h, int cap)
{
	int best = cap;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		struct glyph_layout gl;
		if (glyph_fit(texts[i], p->style, (size_t)imax(w, 1), (size_t)imax(h, 1),
			    cap, &gl)) {
			best = imin(best, gl.scale);
			any = true;
		}
	}
	return any ? best : 0;
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
	p->head_scale = line_scale(p, headings, sizeof(headings) / sizeof(headings[0]),
		a.w, a.h / 6, 4);
	const char **texts = calloc(p->n_slides + p->cfg->n_qs + 1, sizeof(char *));
	if (texts == NULL) {
		p->sub_scale = p->body_scale = 0;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < p->cfg->n_qs; i++) {
		texts[n++] = p->cfg->qs[i]->title;
	}
	p->sub_scale = common_scale(p, texts, n, a.w, imax(1, a.h / 8), 2);
	n = 0;
	for (size_t i = 0; i < p->n_slides; i++) {
		const struct slide *s = &p->slides[i];
		if (s->kind == SLIDE_PROMPT) {
			texts[n++] = s->text != NULL ? s->text :
				p->cfg->qs[s->q]->prompts[s->prompt];
		}
	}
	int head_rows = p->head_scale > 0 ? (int)glyph_rows(p->style, p->head_scale) : 1;
	p->body_scale = common_scale(p, texts, n, a.w, a.h - head_rows - 2, 6);
	free(texts);
}
