/* Projector mode's slides (present_impl.h): what the room sees, and
 * nothing meant for the facilitator alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "present_impl.h"
#include "ladder/util.h"

/* A slide's heading at the heading size of the deck; returns its rows. */
int
heading(const struct present *p, const char *text, struct rect a)
{
	return imax(1, role_text(p, text, p->head, a.y, a.x, a.w, imax(1, a.h / 4),
		TERM_TITLE));
}

/* A subtitle (a questionnaire's title) at the subtitle size; returns rows. */
int
subtitle(const struct present *p, const char *text, int y, struct rect a)
{
	return imax(1, role_text(p, text, p->sub, y, a.x, a.w, imax(1, a.h / 6),
		TERM_NORMAL));
}

/* A quiet mark in the top right corner when the time is up. */
static void
time_mark(const struct present *p)
{
	if (timer_up(p)) {
		term_print(0, COLS - 3, 2, TERM_DIM, term_unicode() ? "\xE2\x97\x8F" : "*");
	}
}

static void
draw_title(struct present *p, const struct slide *s, struct rect a)
{
	const char *title = p->cfg->deck != NULL && p->cfg->deck->title != NULL ?
		p->cfg->deck->title : p->cfg->model != NULL && p->cfg->model->title != NULL ?
		p->cfg->model->title : "The conscious competence ladder";
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < p->cfg->n_qs; i++) {
		strbuf_printf(&sb, "%s%s", i ? "  \xC2\xB7  " : "", p->cfg->qs[i]->title);
	}
	struct big b;
	int sub = role_rows(p->sub);
	big_layout(p, &b, title, a.w, a.h - 2 * (sub + 1) - 1, 10);
	int block = b.rows + 2 + (s->text != NULL ? sub + 1 : 0) + sub;
	int y = a.y + imax(0, (a.h - block) / 2);
	big_draw(p, &b, y, a.x, a.w, TERM_TITLE, true);
	y += b.rows + 2;
	if (s->text != NULL) {
		y += subtitle(p, s->text, y, a) + 1;
	}
	if (sb.data != NULL) {
		subtitle(p, sb.data, y, a);
	}
	strbuf_finish(&sb);
}

static void
draw_ladder(struct present *p, const struct slide *s, struct rect a)
{
	int y = a.y + heading(p, "The four stages", a) + 1;
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
	struct role nr = {p->style,
		line_scale(p, names, STAGE_COUNT, text_w, name_h, imax(1, ds - 1))};
	struct role sr = {p->style, 0}; /* the short lines: normal text */
	if (p->style == GLYPH_BLOCKS && dots_allowed()) {
		/* from 120x35 up the short lines are big too: a narrower
		 * staircase and no rules under the steps when that makes room */
		const char *shorts[STAGE_COUNT];
		for (int k = 1; k <= STAGE_COUNT; k++) {
			shorts[k - 1] = stage_short(p, k);
		}
		for (int ind = indent; ind >= 0; ind--) {
			int ih = sh >= 8 ? sh - 1 : sh;
			int tw = a.w - 3 * ind - dw - 3;
			struct role n2 = column_role(p, names, STAGE_COUNT, tw, ih - 2,
				imax(1, ds - 1));
			struct role s2 = n2.scale > 0 ? column_role(p, shorts, STAGE_COUNT, tw,
				ih - role_rows(n2), 1) : n2;
			if (s2.scale > 0) {
				nr = n2;
				sr = s2;
				indent = ind;
				inner = ih;
				rules = ih < sh;
				break;
			}
		}
	}
	for (int k = STAGE_COUNT; k >= 1; k--) {
		int ry = y + (STAGE_COUNT - k) * sh;
		int x = a.x + (k - 1) * indent;
		enum term_role role = term_rung_role(k);
		scaled_line(p, ry, inner, x, dw, ds, role, digits[k - 1], false);
		int tx = x + dw + 3;
		int tw = a.x + a.w - tx;
		int nh = role_rows(nr);
		int shh = sr.scale > 0 ? role_rows(sr) : 1;
		int ty = ry + imax(0, (inner - nh - shh) / 2);
		styled_line(p, nr.style, ty, nh, tx, tw, nr.scale, TERM_TITLE, names[k - 1],
			false);
		if (sr.scale > 0) {
			styled_line(p, sr.style, ty + nh, shh, tx, tw, sr.scale, TERM_NORMAL,
				stage_short(p, k), false);
		} else {
			wrap_lines(ty + nh, tx, tw, imax(1, inner - nh), TERM_NORMAL,
				stage_short(p, k), false);
		}
		if (rules) {
			attr_t at = term_attr(TERM_BAR_HIDDEN);
			attron(at);
			mvhline(ry + sh - 1, x, term_unicode() ? ACS_HLINE : '_', a.x + a.w - x);
			attroff(at);
		}
	}
}


static void
draw_where(struct present *p, const struct slide *s, struct rect a)
{
	const struct questionnaire *q = p->cfg->qs[s->q];
	unsigned counts[STAGE_COUNT];
	for (int k = 0; k < STAGE_COUNT; k++) {
		counts[k] = p->tally->entries[s->q].counts[k];
	}
	int head = heading(p, "Where are you?", a);
	/* a rung's name and its short line need six rows: the blank rows
	 * under the heading and the subtitle give two of them when short */
	int gap = dots_allowed() &&
		(a.h - head - role_rows(p->sub) - 2) / 4 < 6 ? 0 : 1;
	int y = a.y + head + gap;
	y += subtitle(p, q->title, y, a) + gap;
	struct rect rows = {y, a.x, a.y + a.h - y, a.w};
	draw_rungs(p, rows, counts, !p->revealed[s->q], true);
}

static void
draw_prompt(struct present *p, const struct slide *s, struct rect a)
{
	const char *text = s->text != NULL ? s->text : p->cfg->qs[s->q]->prompts[s->prompt];
	int y = a.y + heading(p, "Discuss", a) + 1;
	int h = a.y + a.h - y;
	struct big b;
	if (!big_at(p, &b, text, a.w, h, p->body)) {
		big_layout(p, &b, text, a.w, h, 0);
	}
	big_draw(p, &b, y + imax(0, (h - b.rows) / 2), a.x, a.w, TERM_NORMAL, true);
}

/* The options of a situation laid out in a face (scale 0: normal text). */
struct opt_fit {
	struct role face, label;
	int lead;        /* columns of the letter and the space after it */
	int tw, lw;      /* columns of the text and of the label */
	struct big text[VOTE_OPTIONS];
	int own[VOTE_OPTIONS];   /* rows of the text and the best's mark */
	int block[VOTE_OPTIONS]; /* rows of the option, label included */
	int rows;                /* of all the blocks */
};

/* Lays the options out in face; false when they do not fit in h rows
 * (normal text always fits, cut to six lines an option). */
static bool
options_fit(const struct present *p, const struct item *it, size_t n,
	struct role face, struct rect a, int bar_w, int shown, const char *widest,
	int h, struct opt_fit *f)
{
	memset(f, 0, sizeof(*f));
	f->face = face;
	f->label = face.scale > 0 ? face : (struct role){p->style, 0};
	f->lw = face.scale > 0 ? (int)glyph_cols_st(face.style,
		glyph_count(widest, strlen(widest)), 1) : term_width(widest, strlen(widest));
	f->lead = face.scale > 0 ? (int)glyph_cols_st(face.style, 1, 1) + 2 : 4;
	f->tw = a.w - f->lead - (shown >= 1 ? bar_w + f->lw + 4 : 0);
	int rows = role_rows(face);
	size_t best = item_best_option(it);
	if (face.scale == 0 && shown >= 1 && p->style == GLYPH_BLOCKS) {
		/* a big label beside normal text when every option has room */
		struct role big = {GLYPH_QUADS, 1};
		int blw = (int)glyph_cols_st(GLYPH_QUADS, glyph_count(widest, strlen(widest)), 1);
		int need = 0;
		struct text_span sp[6];
		for (size_t i = 0; i < n; i++) {
			size_t k = text_wrap(it->options[i].text,
				(size_t)imax(a.w - f->lead - bar_w - blw - 4, 10), sp, 6);
			need += imax(role_rows(big), (int)k) + 1;
		}
		if (need <= h - 4) {
			f->label = big;
			f->lw = blw;
			f->tw = a.w - f->lead - bar_w - blw - 4;
		}
	}
	if (f->tw < 10) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		struct big *b = &f->text[i];
		if (face.scale > 0) {
			if (!big_at(p, b, it->options[i].text, f->tw, h, face)) {
				return false;
			}
		} else {
			b->text = it->options[i].text;
			b->style = p->style;
			b->spacing = 1;
			b->n = text_wrap(b->text, (size_t)f->tw, b->spans, GLYPH_MAX_LINES);
			b->n = b->n > 6 ? 6 : b->n;
			b->rows = (int)b->n;
		}
		bool mark = shown >= 2 && i == best;
		f->own[i] = b->rows + (mark ? (face.scale > 0 ? rows +
			(int)glyph_gap(face.style, 1) : 1) : 0);
		f->block[i] = f->label.scale > 0 ? imax(role_rows(f->label), f->own[i]) :
			f->own[i];
		f->rows += f->block[i];
	}
	int gaps = face.scale > 0 ? (int)n - 1 : 0;
	return face.scale == 0 || f->rows + gaps <= h;
}

/* "What would you do?": the situation, its options A-E, then (r) the
 * room's spread, then (r) the authors' answer, its reason and a question
 * back to the room. No names, no points. When there is room, each option
 * gets a block tall enough for a big "count · share" beside its bar. */
static void
draw_situation(struct present *p, const struct slide *s, struct rect a)
{
	const struct item *it = &p->cfg->qs[s->q]->items[s->item];
	const struct vote *v = &s->vote;
	size_t n = it->n_options < VOTE_OPTIONS ? it->n_options : VOTE_OPTIONS;
	size_t best = item_best_option(it);
	int y = a.y + heading(p, "What would you do?", a) + 1;
	int bottom = a.y + a.h;
	unsigned total = 0;
	unsigned counts[VOTE_OPTIONS] = {0};
	for (size_t i = 0; i < n; i++) {
		counts[i] = v->counts[i];
		total += counts[i];
	}
	/* the authors' answer at the foot: the question big, the reason */
	if (v->shown >= 2) {
		const char *ask = "Where might this answer be wrong?";
		int qh = imin(role_rows(p->sub), imax(1, (bottom - y) / 8));
		bottom -= qh;
		role_text(p, ask, p->sub, bottom, a.x, a.w, qh, TERM_TITLE);
		bottom--;
		const char *why = it->options[best].rationale;
		if (why != NULL && why[0] != '\0') {
			int ww = imin(a.w - 4, 110);
			struct text_span sp[8];
			size_t nl = text_wrap(why, (size_t)ww, sp, 8);
			nl = nl > 4 ? 4 : nl;
			bottom -= (int)nl + 1;
			wrap_lines(bottom, a.x + (a.w - ww) / 2, ww, (int)nl, TERM_NORMAL, why, false);
		}
	}
	/* the options: a letter, the text, and when shown the spread */
	char lab[VOTE_OPTIONS][32], widest[32];
	for (size_t i = 0; i < n; i++) {
		int pct = total > 0 ? (int)((counts[i] * 100u + total / 2) / total) : 0;
		count_label(counts[i], pct, lab[i], sizeof(lab[i]));
	}
	count_label(total > 99 ? total : 99, 100, widest, sizeof(widest));
	int bar_w = v->shown >= 1 ? imin(30, a.w / 6) : 0;
	/* the options and their labels in the largest face in which all of
	 * them fit with room left for the situation: the condensed face, the
	 * two-row one, else normal text */
	struct opt_fit f;
	static const struct role faces[] = {{GLYPH_QUADS, 1}, {GLYPH_DOTS, 1}};
	bool fitted = false;
	size_t n_faces = p->style != GLYPH_BLOCKS ? 0 : dots_allowed() ? 2 : 1;
	for (size_t i = 0; !fitted && i < n_faces; i++) {
		fitted = options_fit(p, it, n, faces[i], a, bar_w, v->shown, widest,
			bottom - y - 3, &f);
	}
	if (!fitted) {
		options_fit(p, it, n, (struct role){p->style, 0}, a, bar_w, v->shown,
			widest, bottom - y, &f);
	}
	int rows = role_rows(f.face);
	int gap = f.rows + 2 * (int)n <= (bottom - y) / 2 || f.face.scale > 0 ? 1 : 0;
	int oy = bottom - f.rows - gap * ((int)n - 1) - 1;
	/* the situation above them, as big as the room left allows */
	int sh = oy - 1 - y;
	struct big b;
	big_layout(p, &b, it->text, a.w, imax(1, sh), imax(p->body.scale, 1));
	struct text_span whole[GLYPH_MAX_LINES];
	int need = (int)text_wrap(it->text, (size_t)imin(a.w, 66), whole, GLYPH_MAX_LINES);
	for (int spare = 1; b.scale == 0 && need > (int)b.n && spare <= 2; spare++) {
		/* plain text that would lose a line: the blank row over the
		 * options, then the one under the heading, give it room */
		y -= spare == 2 ? 1 : 0;
		sh++;
		big_layout(p, &b, it->text, a.w, sh, 0);
	}
	big_draw(p, &b, y + imax(0, (sh - b.rows) / 2), a.x, a.w, TERM_NORMAL, true);
	int tx = a.x + f.lead;
	for (size_t i = 0; i < n; i++) {
		bool is_best = v->shown >= 2 && i == best;
		enum term_role r = is_best ? TERM_OK : TERM_NORMAL;
		const char *best_mark = "(rated best by the authors)";
		int ty = oy + (f.block[i] - f.own[i]) / 2;
		char letter[8];
		snprintf(letter, sizeof(letter), "%c", (int)('A' + i));
		styled_line(p, f.face.style, ty, rows, a.x + (f.face.scale > 0 ? 0 : 1),
			f.lead, f.face.scale, is_best ? TERM_OK : TERM_TITLE, letter, false);
		big_draw(p, &f.text[i], ty, tx, f.tw, r, false);
		if (is_best) {
			big_layout(p, &b, best_mark, f.tw, 1, 0);
			if (f.face.scale > 0) {
				big_at(p, &b, best_mark, f.tw, rows, f.face);
			}
			big_draw(p, &b, ty + f.text[i].rows + (f.face.scale > 0 ?
				(int)glyph_gap(f.face.style, 1) : 0), tx, f.tw, TERM_OK, false);
		}
		if (v->shown >= 1) {
			int bx = tx + f.tw + 2;
			int fill = total > 0 ? (int)((counts[i] * (unsigned long)bar_w + total / 2) / total) : 0;
			fill = fill == 0 && counts[i] > 0 ? 1 : fill;
			int bh = f.label.scale > 0 ? imax(1, f.block[i] - 1) : 1;
			for (int row = 0; row < bh; row++) {
				hbar(oy + row, bx, fill, is_best ? TERM_OK : TERM_BAR, bar_fill(p));
				hbar(oy + row, bx + fill, bar_w - fill, TERM_BAR_HIDDEN, bar_track(p));
			}
			styled_line(p, f.label.style, oy, f.label.scale > 0 ?
				f.block[i] : 1, bx + bar_w + 2, f.lw,
				f.label.scale, TERM_NORMAL, lab[i], false);
		}
		oy += f.block[i] + gap;
	}
}

static void
draw_summary(struct present *p, const struct slide *s, struct rect a)
{
	int y = a.y + heading(p, "Where we stand", a) + 1;
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
		for (int k = 0; k < STAGE_COUNT; k++) {
			counts[k] = p->tally->entries[i].counts[k];
		}
		unsigned total = tally_total(p->tally, i);
		int each = total > 0 ? share : 3;
		char head[256];
		snprintf(head, sizeof(head), "%s  \xC2\xB7  %u %s", q->title, total,
			total == 1 ? "hand" : "hands");
		if (total == 0) {
			term_print(by, a.x, a.w, TERM_TITLE, head);
			term_print(by + 1, a.x + 2, a.w - 2, TERM_DIM, "No show of hands.");
			by += each;
			continue;
		}
		struct rect r = {by, a.x, each - 1, a.w};
		if (each >= 20 && p->sub.scale > 0) {
			int rows = subtitle(p, head, by, a);
			r.y += rows + 1;
			r.h -= rows + 1;
		} else {
			center_line(by, a.x, a.w, TERM_TITLE, head);
			r.y += 1;
			r.h -= 1;
		}
		if (r.h >= 4) {
			draw_rungs(p, r, counts, false, false);
		}
		by += each;
	}
}

/* Before the first slide, with --room: what was read and what was skipped
 * and why, so that a missing file is found before the room sees it. */
static void
draw_start(struct present *p, const struct slide *s, struct rect a)
{
	const struct room *room = p->cfg->room;
	int y = a.y + heading(p, "The room", a) + 1;
	char line[1400];
	snprintf(line, sizeof(line), "%u of %zu %s read with --room, %zu skipped",
		room->files, room->n_sources, room->n_sources == 1 ? "file" : "files",
		room_skipped(room));
	center_line(y, a.x, a.w, TERM_TITLE, line);
	y += 2;
	/* the skipped ones first: they are what needs a look */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < room->n_sources && y < a.y + a.h; i++) {
			const struct room_source *src = &room->sources[i];
			if (src->read != (pass == 1)) {
				continue;
			}
			if (src->read) {
				snprintf(line, sizeof(line), "Read     %s (%s)", src->path,
					src->kind != NULL ? src->kind : "?");
			} else {
				snprintf(line, sizeof(line), "Skipped  %s", src->reason);
			}
			y += wrap_lines(y, a.x + 2, a.w - 4, 2, src->read ? TERM_NORMAL :
				TERM_WARNING, line, false);
		}
	}
}

void
draw_slide(struct present *p, const struct slide *s, struct rect a)
{
	switch (s->kind) {
	case SLIDE_START:
		draw_start(p, s, a);
		break;
	case SLIDE_ROOM:
		draw_room(p, s, a);
		break;
	case SLIDE_ROOM_CALIBRATION:
		draw_room_calibration(p, s, a);
		break;
	case SLIDE_ROOM_AREAS:
		draw_room_areas(p, s, a);
		break;
	case SLIDE_TITLE:
		draw_title(p, s, a);
		break;
	case SLIDE_LADDER:
		draw_ladder(p, s, a);
		break;
	case SLIDE_WHERE:
		draw_where(p, s, a);
		break;
	case SLIDE_SITUATION:
		draw_situation(p, s, a);
		break;
	case SLIDE_PROMPT:
		draw_prompt(p, s, a);
		break;
	case SLIDE_SUMMARY:
	case SLIDE_KIND_COUNT:
		draw_summary(p, s, a);
		break;
	}
	if (s->kind != SLIDE_START) {
		time_mark(p);
	}
}
