#include "present.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "ladder/glyph.h"
#include "ladder/model.h"
#include "ladder/tally.h"
#include "ladder/text.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

#define MIN_COLS 80
#define MIN_ROWS 24
#define NOTE_LEN 512
#define PATH_LEN 1024

enum slide_kind {
	SLIDE_ROOM,
	SLIDE_TITLE,
	SLIDE_LADDER,
	SLIDE_WHERE,
	SLIDE_PROMPT,
	SLIDE_SUMMARY,
	SLIDE_KIND_COUNT,
};

struct slide {
	enum slide_kind kind;
	size_t q;      /* questionnaire (WHERE, PROMPT), room view (ROOM) */
	size_t prompt; /* PROMPT */
	char *name;    /* shown in the footer */
};

struct rect {
	int y, x, h, w;
};

struct present {
	const struct present_config *cfg;
	struct slide *slides;
	size_t n_slides, cur;
	struct tally *tally; /* entry i is cfg->qs[i] */
	bool *revealed;      /* per questionnaire */
	bool blank, help;
	enum glyph_style style;
	char note[NOTE_LEN]; /* a message in the footer until the next key */
	enum term_role note_role;
	bool quit;
	int rc;
	int signal; /* the signal that ended it, or 0 */
	char saved_to[PATH_LEN]; /* where the tallies went, for the last word */
};

/* Text that may be drawn in big glyphs: laid out at the largest scale that
 * fits its box, else as normal text wrapped at word boundaries. */
struct big {
	const char *text;
	int scale;   /* 0: normal text */
	int spacing; /* rows from one line of normal text to the next */
	size_t n;
	struct text_span spans[GLYPH_MAX_LINES];
	int rows, cols;
};

static void note(struct present *p, enum term_role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
note(struct present *p, enum term_role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->note, sizeof(p->note), fmt, ap);
	va_end(ap);
	p->note_role = r;
}

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

static const char *
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

static const char *
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

static void
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
static void
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
static void
center_line(int y, int x, int w, enum term_role r, const char *s)
{
	int lw = term_width(s, strlen(s));
	term_print(y, lw < w ? x + (w - lw) / 2 : x, w, r, s);
}

/* Normal text wrapped in [x, x+w), at most max_lines; returns lines used. */
static int
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
static int
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
static void
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

static const char *
bar_fill(const struct present *p)
{
	return p->style == GLYPH_BLOCKS ? "\xE2\x96\x88" : "#";
}

static const char *
bar_track(const struct present *p)
{
	return p->style == GLYPH_BLOCKS ? "\xE2\x96\x91" : ".";
}

static void
hbar(int y, int x, int n, enum term_role r, const char *cell)
{
	for (int i = 0; i < n; i++) {
		term_print(y, x + i, 1, r, cell);
	}
}

/* Four rows, rung 4 at the top as on a ladder: the rung's number (big when
 * there is room), its name and short line, and a bar with the count and
 * percentage; hidden, every bar is the same empty track. */
static void
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

	/* the labels, sized for the largest possible so nothing moves or
	 * gives anything away when they are revealed */
	char cnt[STAGE_COUNT][16], per[STAGE_COUNT][16];
	char widest_cnt[16];
	snprintf(widest_cnt, sizeof(widest_cnt), "%u", total > 9 ? total : 9);
	for (int k = 0; k < STAGE_COUNT; k++) {
		snprintf(cnt[k], sizeof(cnt[k]), "%u", counts[k]);
		snprintf(per[k], sizeof(per[k]), "%d%%", pct[k]);
	}
	const char *cnt_sizes[] = {widest_cnt};
	const char *per_sizes[] = {"100%"};
	int lb = r.w / 4;
	int cs = line_scale(p, cnt_sizes, 1, lb - 6, inner, ds > 0 ? ds : 1);
	int cw = cs > 0 ? (int)glyph_cols(strlen(widest_cnt), cs) : (int)strlen(widest_cnt);
	int ps = cs > 0 ? line_scale(p, per_sizes, 1, lb - cw - 2, inner, cs) : 0;
	int pw = ps > 0 ? (int)glyph_cols(4, ps) : 6;
	int lw = cw + 2 + pw;

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
		scaled_line(p, ry, inner, lx, cw, cs, TERM_NORMAL, cnt[k - 1], false);
		if (cs > 0 && ps == 0) {
			/* a big count with a normal-size percentage beside it */
			term_print(ry + (inner - 1) / 2, lx + cw + 2, pw, TERM_NORMAL, per[k - 1]);
		} else {
			scaled_line(p, ry, inner, lx + cw + 2, pw, ps, TERM_DIM, per[k - 1], false);
		}
	}
}

/* "12 votes: 1: 3 (25%) · 2: 5 (42%) · ..." in normal text. */
static void
counts_text(const unsigned counts[STAGE_COUNT], char *out, size_t len)
{
	int pct[STAGE_COUNT];
	tally_split_percents(counts, pct);
	size_t o = 0;
	for (int k = 1; k <= STAGE_COUNT && o < len; k++) {
		int n = snprintf(out + o, len - o, "%srung %d: %u (%d%%)",
			k > 1 ? " \xC2\xB7 " : "", k, counts[k - 1], pct[k - 1]);
		if (n < 0 || (size_t)n >= len - o) {
			break;
		}
		o += (size_t)n;
	}
}

static struct rect
slide_area(void)
{
	int margin = COLS >= 120 ? COLS / 40 : 1;
	struct rect a = {1, margin, LINES - 3, COLS - 2 * margin};
	return a;
}

/* ---- slides --------------------------------------------------------- */

static void
draw_title(struct present *p, const struct slide *s, struct rect a)
{
	const char *title = p->cfg->model != NULL && p->cfg->model->title != NULL ?
		p->cfg->model->title : "The conscious competence ladder";
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < p->cfg->n_qs; i++) {
		strbuf_printf(&sb, "%s%s", i ? "  \xC2\xB7  " : "", p->cfg->qs[i]->title);
	}
	const char *hint = "Right arrow or Space: next slide    ?: the keys";
	struct big b;
	big_layout(p, &b, title, a.w, a.h - 5, 10);
	int block = b.rows + 2 + 1 + 2 + 1;
	int y = a.y + imax(0, (a.h - block) / 2);
	big_draw(p, &b, y, a.x, a.w, TERM_TITLE, true);
	y += b.rows + 2;
	y += wrap_lines(y, a.x, a.w, 2, TERM_NORMAL, sb.data ? sb.data : "", true);
	center_line(y + 2, a.x, a.w, TERM_DIM, hint);
	strbuf_finish(&sb);
}

static void
draw_ladder(struct present *p, const struct slide *s, struct rect a)
{
	struct big h;
	big_layout(p, &h, "The four stages", a.w, a.h / 6, 4);
	big_draw(p, &h, a.y, a.x, a.w, TERM_TITLE, true);
	int y = a.y + h.rows + 1;
	int avail = a.y + a.h - y;
	int sh = imin(avail / 4, 16);
	if (sh < 2) {
		return;
	}
	y += (avail - 4 * sh) / 2;
	/* a staircase: rung 4 at the top right, rung 1 at the bottom left,
	 * each step underlined when there is room */
	int indent = a.w / 16;
	static const char *const digits[] = {"1", "2", "3", "4"};
	bool rules = sh >= 6;
	int inner = rules ? sh - 1 : sh;
	int ds = line_scale(p, digits, 4, a.w / 8, inner, 6);
	int dw = ds > 0 ? (int)glyph_cols(1, ds) : 1;
	/* the names big when all four fit at the same scale */
	const char *names[STAGE_COUNT];
	for (int k = 1; k <= STAGE_COUNT; k++) {
		names[k - 1] = stage_title(p, k);
	}
	int text_w = a.w - 3 * indent - dw - 3;
	int name_h = inner - 1;
	int ns = line_scale(p, names, STAGE_COUNT, text_w, name_h, imax(1, ds - 1));
	for (int k = STAGE_COUNT; k >= 1; k--) {
		int ry = y + (STAGE_COUNT - k) * sh;
		int x = a.x + (k - 1) * indent;
		enum term_role role = term_rung_role(k);
		scaled_line(p, ry, inner, x, dw, ds, role, digits[k - 1], false);
		int tx = x + dw + 3;
		int tw = a.x + a.w - tx;
		int nh = ns > 0 ? (int)glyph_rows(p->style, ns) : 1;
		int block = nh + 1;
		int ty = ry + imax(0, (inner - block) / 2);
		scaled_line(p, ty, nh, tx, tw, ns, TERM_TITLE, names[k - 1], false);
		wrap_lines(ty + nh, tx, tw, imax(1, inner - nh), TERM_NORMAL,
			stage_short(p, k), false);
		if (rules) {
			attr_t at = term_attr(TERM_BAR_HIDDEN);
			attron(at);
			mvhline(ry + sh - 1, x, term_unicode() ? ACS_HLINE : '_', a.x + a.w - x);
			attroff(at);
		}
	}
}

static void
where_counts(const struct present *p, size_t q, unsigned counts[STAGE_COUNT])
{
	for (int k = 0; k < STAGE_COUNT; k++) {
		counts[k] = p->tally->entries[q].counts[k];
	}
}

static void
draw_where(struct present *p, const struct slide *s, struct rect a)
{
	const struct questionnaire *q = p->cfg->qs[s->q];
	unsigned counts[STAGE_COUNT];
	where_counts(p, s->q, counts);
	unsigned total = tally_total(p->tally, s->q);
	bool hidden = !p->revealed[s->q];
	struct big h;
	big_layout(p, &h, "Where are you?", a.w, a.h / 5, 4);
	big_draw(p, &h, a.y, a.x, a.w, TERM_TITLE, true);
	int y = a.y + h.rows;
	center_line(y, a.x, a.w, TERM_NORMAL, q->title);
	y += 2;
	int status_y = a.y + a.h - 1;
	struct rect rows = {y, a.x, status_y - 1 - y, a.w};
	draw_rungs(p, rows, counts, hidden, true);
	char status[256];
	if (total == 0) {
		snprintf(status, sizeof(status),
			"Ask who stands on each rung; press 1, 2, 3 or 4 once for each hand.");
	} else if (hidden) {
		snprintf(status, sizeof(status),
			"%u %s counted, hidden until you press r", total,
			total == 1 ? "vote" : "votes");
	} else {
		char c[160];
		counts_text(counts, c, sizeof(c));
		snprintf(status, sizeof(status), "%u %s: %s", total,
			total == 1 ? "vote" : "votes", c);
	}
	center_line(status_y, a.x, a.w, hidden ? TERM_DIM : TERM_NORMAL, status);
}

static void
draw_prompt(struct present *p, const struct slide *s, struct rect a)
{
	const struct questionnaire *q = p->cfg->qs[s->q];
	char head[256];
	snprintf(head, sizeof(head), "Discuss  \xC2\xB7  %s  \xC2\xB7  %zu of %zu",
		q->title, s->prompt + 1, q->n_prompts);
	center_line(a.y, a.x, a.w, TERM_DIM, head);
	const char *text = q->prompts[s->prompt];
	struct big b;
	big_layout(p, &b, text, a.w, a.h - 3, 6);
	int y = a.y + 2 + imax(0, (a.h - 2 - b.rows) / 2);
	big_draw(p, &b, y, a.x, a.w, TERM_NORMAL, true);
}

/* Whether the room's view of a questionnaire has a count the minimum
 * group keeps from the screen. */
static bool
view_masked(const struct room_profile_questionnaire *pq)
{
	if (pq == NULL) {
		return false;
	}
	bool m = pq->people.masked || pq->unplaced.masked || pq->up.masked ||
		pq->down.masked || pq->stayed.masked || pq->first.masked ||
		pq->unknown.masked;
	for (int k = 0; k < STAGE_COUNT; k++) {
		m = m || pq->now[k].masked;
	}
	return m;
}

static void
count_words(const struct room_count *c, unsigned min_group, char *buf, size_t size)
{
	if (!c->masked) {
		snprintf(buf, size, "%u", c->n);
	} else if (c->fewer) {
		snprintf(buf, size, "fewer than %u", min_group);
	} else {
		snprintf(buf, size, "not shown");
	}
}

/* The room's view when some group is smaller than the minimum: the counts
 * as the profile allows them, in words, without bars or percentages that
 * would tell more. */
static void
draw_room_masked(struct present *p, const struct present_room_view *v,
	struct rect a, int y, int bottom)
{
	const struct room_profile_questionnaire *pq = v->pq;
	unsigned mg = p->cfg->min_group;
	char line[320], c[5][48];
	count_words(&pq->people, mg, c[0], sizeof(c[0]));
	snprintf(line, sizeof(line), "%s  \xC2\xB7  %s %s", v->title, c[0],
		!pq->people.masked && pq->people.n == 1 ? "person" : "people");
	center_line(y, a.x, a.w, TERM_NORMAL, line);
	int step = bottom - y >= 16 ? 2 : 1;
	y += 2;
	if (pq->people.masked) {
		snprintf(line, sizeof(line), "Fewer than %u people: their counts are not "
			"shown, so that no one can be picked out.", mg);
		center_line(y + (bottom - y) / 3, a.x, a.w, TERM_NORMAL, line);
		return;
	}
	for (int k = STAGE_COUNT; k >= 1 && y < bottom; k--, y += step) {
		count_words(&pq->now[k - 1], mg, c[0], sizeof(c[0]));
		snprintf(line, sizeof(line), "%d  %s:  %s", k, stage_title(p, k), c[0]);
		center_line(y, a.x, a.w, term_rung_role(k), line);
	}
	if (y < bottom && (pq->unplaced.masked || pq->unplaced.n > 0)) {
		count_words(&pq->unplaced, mg, c[0], sizeof(c[0]));
		snprintf(line, sizeof(line), "not placed:  %s", c[0]);
		center_line(y, a.x, a.w, TERM_DIM, line);
		y += step;
	}
	const struct room_count *mv[] = {&pq->up, &pq->down, &pq->stayed, &pq->first};
	for (int i = 0; i < 4; i++) {
		count_words(mv[i], mg, c[i], sizeof(c[i]));
	}
	bool all_kept = true;
	for (int i = 0; i < 4; i++) {
		all_kept = all_kept && mv[i]->masked && !mv[i]->fewer;
	}
	if (all_kept && y + 2 < bottom) {
		center_line(y + 1, a.x, a.w, TERM_NORMAL, "Since their previous session: "
			"not shown (it would give away a few)");
	} else if (y + 2 < bottom) {
		center_line(y + 1, a.x, a.w, TERM_NORMAL, "Since their previous session:");
		snprintf(line, sizeof(line), "up %s  \xC2\xB7  down %s  \xC2\xB7  stayed %s  "
			"\xC2\xB7  first time %s", c[0], c[1], c[2], c[3]);
		center_line(y + 2, a.x, a.w, TERM_NORMAL, line);
	}
	snprintf(line, sizeof(line), "Counts of fewer than %u people are not shown, "
		"so that no one can be picked out.", mg);
	if (y + 4 < bottom) {
		center_line(y + 4, a.x, a.w, TERM_DIM, line);
	}
}

static void
draw_room(struct present *p, const struct slide *s, struct rect a)
{
	const struct room *room = p->cfg->room;
	const struct present_room_view *v = p->cfg->n_views > 0 ? &p->cfg->views[s->q] : NULL;
	struct big h;
	big_layout(p, &h, "The room", a.w, a.h / 6, 4);
	big_draw(p, &h, a.y, a.x, a.w, TERM_TITLE, true);
	int y = a.y + h.rows;
	int bottom = a.y + a.h;
	/* skipped files, at the bottom */
	int n_prob = room != NULL ? (int)imin((int)room->n_problems, 2) : 0;
	if (room != NULL && room->n_problems > 0) {
		bottom -= n_prob + (room->n_problems > 2 ? 1 : 0);
		for (int i = 0; i < n_prob; i++) {
			char line[1200];
			snprintf(line, sizeof(line), "Skipped %s", room->problems[i]);
			term_print(bottom + i, a.x, a.w, TERM_WARNING, line);
		}
		if (room->n_problems > 2) {
			char line[96];
			size_t more = room->n_problems - 2;
			snprintf(line, sizeof(line), "... and %zu more %s skipped "
				"(listed when ladder started)", more, more == 1 ? "file" : "files");
			term_print(bottom + n_prob, a.x, a.w, TERM_WARNING, line);
		}
		bottom--;
	}
	if (v == NULL) {
		center_line(y + 1, a.x, a.w, TERM_NORMAL, room != NULL && room->files == 0 ?
			"None of the files given with --room could be used." :
			"No completed sessions in the exports given with --room.");
		return;
	}
	if (view_masked(v->pq)) {
		draw_room_masked(p, v, a, y, bottom);
		return;
	}
	const struct room_questionnaire *rq = v->rq;
	char line[256];
	snprintf(line, sizeof(line), "%s  \xC2\xB7  %u %s", v->title, rq->people,
		rq->people == 1 ? "person" : "people");
	center_line(y, a.x, a.w, TERM_NORMAL, line);
	y += 2;
	/* movement, at the bottom: big arrows and counts, a label under each */
	char mv[4][32];
	snprintf(mv[0], sizeof(mv[0]), "\xE2\x86\x91%u", rq->up);
	snprintf(mv[1], sizeof(mv[1]), "\xE2\x86\x93%u", rq->down);
	snprintf(mv[2], sizeof(mv[2]), "=%u", rq->stayed);
	snprintf(mv[3], sizeof(mv[3]), "+%u", rq->first);
	static const char *const labels[] = {"moved up", "moved down", "stayed",
		"first time"};
	const char *mvs[] = {mv[0], mv[1], mv[2], mv[3]};
	int col_w = a.w / 4;
	int mh = imax(1, imin(8, (bottom - y) / 4));
	int ms = line_scale(p, mvs, 4, col_w - 2, mh, 3);
	int mrows = ms > 0 ? (int)glyph_rows(p->style, ms) : 1;
	int my = bottom - mrows - 1;
	for (int i = 0; i < 4; i++) {
		int cx = a.x + i * col_w;
		scaled_line(p, my, mrows, cx, col_w, ms, i == 0 ? TERM_OK :
			i == 1 ? TERM_WARNING : TERM_NORMAL, mvs[i], true);
		center_line(my + mrows, cx, col_w, TERM_DIM, labels[i]);
	}
	char since[160];
	snprintf(since, sizeof(since), "Since their previous session: %u up, %u down, "
		"%u stayed, %u first time%s", rq->up, rq->down, rq->stayed, rq->first,
		rq->unknown > 0 ? ", some not placed" : "");
	center_line(my - 1, a.x, a.w, TERM_DIM, since);
	struct rect rows = {y, a.x, my - 2 - y, a.w};
	if (rq->unplaced > 0 && rows.h > 5) {
		char un[96];
		snprintf(un, sizeof(un), "%u not placed (too few answers)", rq->unplaced);
		center_line(rows.y + rows.h - 1, a.x, a.w, TERM_DIM, un);
		rows.h -= 1;
	}
	draw_rungs(p, rows, rq->now, false, false);
}

static void
draw_summary(struct present *p, const struct slide *s, struct rect a)
{
	struct big h;
	big_layout(p, &h, "Where the room stands", a.w, a.h / 6, 4);
	big_draw(p, &h, a.y, a.x, a.w, TERM_TITLE, true);
	int y = a.y + h.rows + 1;
	size_t n = p->cfg->n_qs;
	/* two rows for a questionnaire without votes, the rest shared out */
	int with_votes = 0;
	for (size_t i = 0; i < n; i++) {
		with_votes += tally_total(p->tally, i) > 0;
	}
	int spare = a.y + a.h - y - 3 * ((int)n - with_votes);
	int share = with_votes > 0 ? spare / with_votes : 0;
	int by = y;
	for (size_t i = 0; i < n; i++) {
		const struct questionnaire *q = p->cfg->qs[i];
		unsigned counts[STAGE_COUNT];
		where_counts(p, i, counts);
		unsigned total = tally_total(p->tally, i);
		int each = total > 0 ? share : 3;
		char head[256];
		snprintf(head, sizeof(head), "%s  \xC2\xB7  %u %s", q->title, total,
			total == 1 ? "vote" : "votes");
		term_print(by, a.x, a.w, TERM_TITLE, head);
		if (total == 0) {
			term_print(by + 1, a.x + 2, a.w - 2, TERM_DIM, "No votes counted.");
		} else if (each >= 6) {
			struct rect r = {by + 1, a.x, each - 2, a.w};
			draw_rungs(p, r, counts, false, false);
		} else {
			char c[160];
			counts_text(counts, c, sizeof(c));
			term_print(by + 1, a.x + 2, a.w - 2, TERM_NORMAL, c);
		}
		by += each;
	}
}

/* ---- keys of a slide -------------------------------------------------- */

static bool
save_tally(struct present *p, const char *path)
{
	struct ladder_error err;
	error_clear(&err);
	if (!tally_save(p->tally, path, time_now(), &err)) {
		note(p, TERM_WARNING, "Not saved: %s", err.msg);
		return false;
	}
	snprintf(p->saved_to, sizeof(p->saved_to), "%s", path);
	return true;
}

/* After a change: saved at once when --save-tally was given. */
static void
tally_changed(struct present *p)
{
	if (p->cfg->save_path != NULL) {
		save_tally(p, p->cfg->save_path);
	}
}

static bool
key_where(struct present *p, const struct slide *s, int key)
{
	size_t q = s->q;
	bool hidden = !p->revealed[q];
	if (key >= '1' && key <= '4') {
		int rung = key - '0';
		if (!tally_vote(p->tally, q, (enum stage)rung)) {
			note(p, TERM_WARNING, "Out of memory: the vote was not counted");
			return true;
		}
		unsigned total = tally_total(p->tally, q);
		if (hidden) {
			note(p, TERM_OK, "Counted (%u in all)", total);
		} else {
			note(p, TERM_OK, "Counted one for rung %d (%u in all)", rung, total);
		}
		tally_changed(p);
		return true;
	}
	switch (key) {
	case 'u':
	case 'U': {
		enum stage st = tally_undo(p->tally, q);
		if (st == STAGE_NONE) {
			note(p, TERM_DIM, "No votes to undo on this slide");
		} else if (hidden) {
			note(p, TERM_OK, "Undone (%u in all)",
				tally_total(p->tally, q));
		} else {
			note(p, TERM_OK, "Undone: one for rung %d (%u in all)",
				(int)st, tally_total(p->tally, q));
		}
		tally_changed(p);
		return true;
	}
	case 'r':
	case 'R':
		p->revealed[q] = !p->revealed[q];
		note(p, TERM_DIM, p->revealed[q] ? "Revealed (r hides)" : "Hidden (r reveals)");
		return true;
	default:
		return false;
	}
}

struct slide_ops {
	void (*draw)(struct present *p, const struct slide *s, struct rect a);
	bool (*key)(struct present *p, const struct slide *s, int key);
};

static const struct slide_ops ops[SLIDE_KIND_COUNT] = {
	[SLIDE_ROOM] = {draw_room, NULL},
	[SLIDE_TITLE] = {draw_title, NULL},
	[SLIDE_LADDER] = {draw_ladder, NULL},
	[SLIDE_WHERE] = {draw_where, key_where},
	[SLIDE_PROMPT] = {draw_prompt, NULL},
	[SLIDE_SUMMARY] = {draw_summary, NULL},
};

/* ---- the frame: footer, help, dialogs ------------------------------- */

static void
draw_footer(struct present *p, const struct slide *s)
{
	int y = LINES - 1;
	term_fill(y, 0, 1, COLS, TERM_FOOTER);
	char place[32];
	snprintf(place, sizeof(place), "%zu/%zu ", p->cur + 1, p->n_slides);
	int pw = (int)strlen(place);
	term_print(y, COLS - pw, pw, TERM_FOOTER, place);
	int room = COLS - pw - 2;
	int x = 1;
	x += term_print(y, x, room, TERM_FOOTER, s->name);
	const char *extra = p->note[0] != '\0' ? p->note : "? keys";
	enum term_role er = p->note[0] != '\0' && p->note_role == TERM_WARNING ?
		TERM_WARNING : TERM_FOOTER;
	int left = 1 + room - x;
	if (left > 6) {
		term_print(y, x, 3, TERM_FOOTER, "  \xC2\xB7");
		term_print(y, x + 4, left - 4, er, extra);
	}
}

static const char *const help_lines[] = {
	"Keys in projector mode",
	"",
	"  Right, Space, PgDn   next slide",
	"  Left, PgUp           previous slide",
	"  Home, End            first, last slide",
	"  1 2 3 4              count one raised hand for that rung *",
	"  u                    take back the last count on this slide *",
	"  r                    reveal the counts; r again hides them *",
	"  b                    blank the screen; b again brings it back",
	"  ?                    this help (any key closes it)",
	"  q                    leave (asks whether to save the counts)",
	"                       * on the \"Where are you?\" slides",
	"",
	"Running a session",
	"  Teach the four stages with the first slides. On each \"Where are",
	"  you?\" slide ask who stands on rung 1, then 2, 3 and 4, and press",
	"  that digit once for each raised hand. The counts stay hidden until",
	"  you press r, so nobody is swayed. Discuss with the prompts that",
	"  follow, and end on the summary.",
};

static void
draw_help(void)
{
	size_t n = sizeof(help_lines) / sizeof(help_lines[0]);
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		w = imax(w, term_width(help_lines[i], strlen(help_lines[i])));
	}
	int bw = imin(COLS, w + 4);
	int bh = imin(LINES - 1, (int)n + 2);
	int by = imax(0, (LINES - 1 - bh) / 2);
	int bx = imax(0, (COLS - bw) / 2);
	term_fill(by, bx, bh, bw, TERM_NORMAL);
	term_box(by, bx, bh, bw, TERM_TITLE);
	for (size_t i = 0; i < n && (int)i < bh - 2; i++) {
		bool heading = help_lines[i][0] != ' ' && help_lines[i][0] != '\0';
		term_print(by + 1 + (int)i, bx + 2, bw - 4, heading ? TERM_TITLE : TERM_NORMAL,
			help_lines[i]);
	}
}

static void
draw(struct present *p)
{
	erase();
	if (!p->blank) {
		const struct slide *s = &p->slides[p->cur];
		ops[s->kind].draw(p, s, slide_area());
		draw_footer(p, s);
		if (p->help) {
			draw_help();
		}
	}
	refresh();
}

/* A dialog box of lines over the current slide. */
static void
draw_dialog(struct present *p, const char *const *lines, size_t n,
	enum term_role first_role)
{
	draw(p);
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		w = imax(w, term_width(lines[i], strlen(lines[i])));
	}
	int bw = imin(COLS, w + 6);
	int bh = imin(LINES, (int)n + 4);
	int by = imax(0, (LINES - bh) / 2);
	int bx = imax(0, (COLS - bw) / 2);
	term_fill(by, bx, bh, bw, TERM_NORMAL);
	term_box(by, bx, bh, bw, TERM_TITLE);
	for (size_t i = 0; i < n && (int)i < bh - 4; i++) {
		term_print(by + 2 + (int)i, bx + 3, bw - 6, i == 0 ? first_role : TERM_NORMAL,
			lines[i]);
	}
}

/* Asks for a file name; false when the facilitator backs out. */
static bool
ask_path(struct present *p, char *path, size_t len, const char *problem)
{
	wchar_t buf[PATH_LEN];
	size_t n = mbstowcs(buf, path, PATH_LEN - 1);
	if (n == (size_t)-1) {
		n = 0;
	}
	buf[n] = L'\0';
	for (;;) {
		char shown[PATH_LEN * 4 + 4];
		size_t m = wcstombs(shown, buf, sizeof(shown) - 2);
		if (m == (size_t)-1) {
			m = 0;
		}
		shown[m] = '\0';
		strcat(shown, "_");
		const char *lines[] = {
			"Save the counts to this file:",
			"",
			shown,
			"",
			problem != NULL ? problem : "Enter saves it, Esc goes back.",
		};
		draw_dialog(p, lines, 5, TERM_TITLE);
		refresh();
		wint_t ch = 0;
		int k = term_read(-1, &ch);
		if (k == TERM_KEY_SIGNAL) {
			return false;
		}
		if (k == KEY_RESIZE) {
			continue;
		}
		if (k == KEY_BACKSPACE || (k == TERM_KEY_CHAR && (ch == 127 || ch == 8))) {
			if (n > 0) {
				buf[--n] = L'\0';
			}
			continue;
		}
		if (k == KEY_ENTER || (k == TERM_KEY_CHAR && (ch == '\r' || ch == '\n'))) {
			size_t out = wcstombs(path, buf, len - 1);
			if (out == (size_t)-1 || out == 0) {
				problem = "Type a file name first (Esc goes back).";
				continue;
			}
			path[out] = '\0';
			return true;
		}
		if (k == TERM_KEY_CHAR && ch == 27) {
			return false;
		}
		if (k == TERM_KEY_CHAR && ch == 21) { /* Ctrl-U */
			n = 0;
			buf[0] = L'\0';
			continue;
		}
		if (k == TERM_KEY_CHAR && ch >= 0x20 && n + 1 < PATH_LEN) {
			buf[n++] = (wchar_t)ch;
			buf[n] = L'\0';
		}
	}
}

/* q: leave, saving or asking first. */
static void
request_quit(struct present *p)
{
	char problem[NOTE_LEN + 16] = "";
	char path[PATH_LEN];
	if (p->cfg->save_path != NULL) {
		if (save_tally(p, p->cfg->save_path)) {
			p->quit = true;
			return;
		}
		snprintf(problem, sizeof(problem), "%s", p->note);
		snprintf(path, sizeof(path), "%s", p->cfg->save_path);
	} else {
		if (tally_grand_total(p->tally) == 0) {
			p->quit = true;
			return;
		}
		char date[TIME_DATE_LEN];
		time_format_date(time_now(), date);
		snprintf(path, sizeof(path), "ladder-tally-%s.json", date);
	}
	for (;;) {
		char votes[96];
		snprintf(votes, sizeof(votes), "%u votes were counted.",
			tally_grand_total(p->tally));
		const char *lines[] = {
			problem[0] != '\0' ? problem : "Save the counts before you leave?",
			"",
			votes,
			"",
			"  y   save them to a file",
			"  n   leave without saving",
			"  Esc stay",
		};
		draw_dialog(p, lines, 7, problem[0] != '\0' ? TERM_WARNING : TERM_TITLE);
		refresh();
		int k = term_getkey(-1);
		if (k == KEY_RESIZE) {
			continue;
		}
		if (k == TERM_KEY_SIGNAL) {
			if (term_signal() == SIGINT) {
				term_clear_signal(); /* Ctrl-C again: stay */
			}
			return; /* SIGTERM, SIGHUP: the main loop ends */
		}
		if (k == 'n' || k == 'N') {
			p->quit = true;
			return;
		}
		if (k == 'y' || k == 'Y') {
			const char *why = NULL;
			while (ask_path(p, path, sizeof(path), why)) {
				if (save_tally(p, path)) {
					p->quit = true;
					return;
				}
				why = p->note;
			}
			p->note[0] = '\0';
			continue;
		}
		if (k == TERM_KEY_ESC || k == 'q' || k == 'Q') {
			return;
		}
	}
}

/* ---- the deck ------------------------------------------------------- */

static bool
add_slide(struct present *p, enum slide_kind kind, size_t q, size_t prompt,
	char *name)
{
	if (name == NULL) {
		return false;
	}
	struct slide *ns = realloc(p->slides, (p->n_slides + 1) * sizeof(*ns));
	if (ns == NULL) {
		free(name);
		return false;
	}
	p->slides = ns;
	p->slides[p->n_slides++] = (struct slide){kind, q, prompt, name};
	return true;
}

static bool
build_deck(struct present *p)
{
	const struct present_config *c = p->cfg;
	bool ok = true;
	if (c->room != NULL) {
		if (c->n_views == 0) {
			ok = add_slide(p, SLIDE_ROOM, 0, 0, str_dup("The room"));
		}
		for (size_t i = 0; ok && i < c->n_views; i++) {
			ok = add_slide(p, SLIDE_ROOM, i, 0,
				str_printf("The room \xE2\x80\x94 %s", c->views[i].title));
		}
	}
	ok = ok && add_slide(p, SLIDE_TITLE, 0, 0, str_dup("Title"));
	ok = ok && add_slide(p, SLIDE_LADDER, 0, 0, str_dup("The four stages"));
	for (size_t i = 0; ok && i < c->n_qs; i++) {
		const struct questionnaire *q = c->qs[i];
		ok = add_slide(p, SLIDE_WHERE, i, 0,
			str_printf("Where are you? \xE2\x80\x94 %s", q->title));
		for (size_t k = 0; ok && k < q->n_prompts; k++) {
			ok = add_slide(p, SLIDE_PROMPT, i, k,
				str_printf("Discussion %zu/%zu \xE2\x80\x94 %s", k + 1,
					q->n_prompts, q->title));
		}
	}
	return ok && add_slide(p, SLIDE_SUMMARY, 0, 0, str_dup("Summary"));
}

static void
go(struct present *p, size_t to)
{
	if (to >= p->n_slides) {
		return;
	}
	p->cur = to;
	p->blank = false;
}

/* Keys of every slide. */
static void
key_global(struct present *p, int key)
{
	switch (key) {
	case KEY_RIGHT:
	case ' ':
	case KEY_NPAGE:
	case KEY_DOWN:
	case '\r':
	case '\n':
	case KEY_ENTER:
	case 'l':
	case 'j':
	case 'n':
		if (p->cur + 1 < p->n_slides) {
			go(p, p->cur + 1);
		} else {
			note(p, TERM_DIM, "This is the last slide; q leaves");
		}
		break;
	case KEY_LEFT:
	case KEY_PPAGE:
	case KEY_UP:
	case KEY_BACKSPACE:
	case 'h':
	case 'k':
	case 'p':
		if (p->cur > 0) {
			go(p, p->cur - 1);
		}
		break;
	case KEY_HOME:
	case 'g':
		go(p, 0);
		break;
	case KEY_END:
	case 'G':
		go(p, p->n_slides - 1);
		break;
	case 'b':
	case 'B':
	case '.':
		p->blank = !p->blank;
		break;
	case '?':
	case KEY_F(1):
		p->help = true;
		break;
	case 'q':
	case 'Q':
	case TERM_KEY_ESC:
		request_quit(p);
		break;
	case '1':
	case '2':
	case '3':
	case '4':
	case 'u':
	case 'r':
		note(p, TERM_DIM, "Votes are counted on the \"Where are you?\" slides");
		break;
	default:
		note(p, TERM_DIM, "Press ? for the keys");
		break;
	}
}

static void
handle_key(struct present *p, int key)
{
	p->note[0] = '\0';
	if (p->help) {
		p->help = false; /* any key closes the help */
		return;
	}
	if (p->blank && key != 'b' && key != 'B' && key != '.' && key != 'q' &&
		key != 'Q') {
		/* counting goes on in the dark; moving on shows the screen */
		const struct slide *s = &p->slides[p->cur];
		if (ops[s->kind].key != NULL && ops[s->kind].key(p, s, key)) {
			return;
		}
		p->blank = false;
		if (key == TERM_KEY_ESC) {
			return;
		}
	}
	const struct slide *s = &p->slides[p->cur];
	if (ops[s->kind].key != NULL && ops[s->kind].key(p, s, key)) {
		return;
	}
	key_global(p, key);
}

/* SIGTERM or SIGHUP: nobody is there to ask, so the counts are saved
 * where --save-tally said, else (when there are any) in a new file in the
 * current folder rather than lost. */
static int
stop(struct present *p, int sig)
{
	p->signal = sig;
	if (p->cfg->save_path != NULL) {
		save_tally(p, p->cfg->save_path);
	} else if (tally_grand_total(p->tally) > 0) {
		char stamp[TIME_RFC3339_LEN], path[64];
		time_format_rfc3339(time_now(), stamp);
		for (char *c = stamp; *c != '\0'; c++) {
			*c = *c == ':' ? '-' : *c;
		}
		snprintf(path, sizeof(path), "ladder-tally-%s.json", stamp);
		save_tally(p, path);
	}
	return 128 + sig;
}

/* Ctrl-C: as q, and the status says it was interrupted. */
static void
interrupt(struct present *p)
{
	term_clear_signal();
	request_quit(p);
	if (p->quit) {
		p->signal = SIGINT;
		p->rc = 128 + SIGINT;
	}
}

static int
run(struct present *p)
{
	p->rc = LADDER_OK;
	while (!p->quit) {
		if (term_too_small(MIN_COLS, MIN_ROWS)) {
			if (term_signal() == 0) {
				request_quit(p); /* q while too small */
				continue;
			}
			if (term_signal() == SIGINT) {
				interrupt(p);
				continue;
			}
		}
		int sig = term_signal();
		if (sig == SIGTERM || sig == SIGHUP) {
			return stop(p, sig);
		}
		draw(p);
		int key = term_getkey(-1);
		if (key == KEY_RESIZE || key == TERM_KEY_TIMEOUT) {
			continue;
		}
		if (key == TERM_KEY_SIGNAL) {
			if (term_signal() == SIGINT) {
				interrupt(p);
			}
			continue;
		}
		handle_key(p, key);
	}
	return p->rc;
}

int
present_run(const struct present_config *cfg)
{
	struct present p;
	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	int rc = LADDER_FAIL;
	p.tally = tally_create();
	p.revealed = calloc(cfg->n_qs ? cfg->n_qs : 1, sizeof(bool));
	bool ok = p.tally != NULL && p.revealed != NULL;
	for (size_t i = 0; ok && i < cfg->n_qs; i++) {
		size_t index;
		ok = tally_add(p.tally, cfg->qs[i]->id, cfg->qs[i]->title, &index) &&
			index == i;
	}
	ok = ok && build_deck(&p);
	if (!ok) {
		fprintf(stderr, "ladder: out of memory\n");
		goto out;
	}
	char msg[256];
	struct term_config tc = {cfg->no_color, TERM_THEME_CONTRAST};
	if (!term_init(&tc, msg, sizeof(msg))) {
		fprintf(stderr, "ladder: present: %s\n", msg);
		goto out;
	}
	p.style = term_unicode() ? GLYPH_BLOCKS : GLYPH_ASCII;
	rc = run(&p);
	term_finish();
	if (p.signal != 0) {
		fprintf(stderr, "ladder: %s\n", p.signal == SIGINT ? "interrupted" :
			p.signal == SIGHUP ? "the terminal went away" : "asked to stop");
	}
	if (p.saved_to[0] != '\0') {
		fprintf(stderr, "ladder: the counts are saved in %s\n", p.saved_to);
	} else if (tally_grand_total(p.tally) > 0) {
		fprintf(stderr, "ladder: the counts were not saved\n");
	}
out:
	for (size_t i = 0; i < p.n_slides; i++) {
		free(p.slides[i].name);
	}
	free(p.slides);
	free(p.revealed);
	tally_destroy(p.tally);
	return rc;
}
