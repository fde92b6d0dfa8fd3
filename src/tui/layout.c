/* Drawing helpers shared by the screens: the frame (title, note line,
 * footer), wrapped text, bars, and the scrollable document that the
 * longer screens are built from. */
#include "screen.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/text.h"
#include "ladder/timeutil.h"

const char *
ui_glyph_pointer(void)
{
	return term_unicode() ? "\xE2\x96\xB6" : ">";
}

const char *
ui_glyph_bullet(void)
{
	return term_unicode() ? "\xE2\x80\xA2" : "*";
}

const char *
ui_glyph_mask(void)
{
	return term_unicode() ? "\xE2\x80\xA2" : "*";
}

const char *
ui_glyph_check(void)
{
	return term_unicode() ? "\xE2\x9C\x93" : "*";
}

void
ui_date(int64_t t, char out[TIME_DATE_LEN])
{
	time_format_date(t, out);
}

bool
ui_menu_move(const struct tkey *k, int *selected, int count)
{
	bool up = k->fn ? k->code == KEY_UP : k->code == 'k';
	bool down = k->fn ? k->code == KEY_DOWN : k->code == 'j';
	if (up) {
		*selected = (*selected + count - 1) % count;
	} else if (down) {
		*selected = (*selected + 1) % count;
	}
	return up || down;
}

enum { MENU_NONE = -1, MENU_MOVED = -2 };

/* A menu's keys: the moves and Home, End (MENU_MOVED); the entry picked
 * (its index); MENU_NONE for any other key. */
static int
menu_key(const struct tkey *k, int *selected, int count)
{
	if (ui_menu_move(k, selected, count)) {
		return MENU_MOVED;
	}
	if (k->fn) {
		switch (k->code) {
		case KEY_HOME: *selected = 0; return MENU_MOVED;
		case KEY_END: *selected = count - 1; return MENU_MOVED;
		case KEY_ENTER:
		case KEY_RIGHT: return *selected;
		default: return MENU_NONE;
		}
	}
	if (k->code == 'l') {
		return *selected;
	}
	if (k->code >= '1' && k->code < '1' + count && k->code <= '9') {
		*selected = k->code - '1';
		return *selected;
	}
	return MENU_NONE;
}

int
ui_menu_keys(struct app *a, void *state, const struct tkey *k, int *selected,
	int count, int (*pick)(struct app *a, void *state, int entry))
{
	int m = menu_key(k, selected, count);
	if (m == MENU_NONE) {
		return ACT_NONE;
	}
	return m == MENU_MOVED ? ACT_HANDLED : pick(a, state, m);
}

int
ui_menu_draw(struct app *a, int y, int x, int w, const char *const *names, int count,
	int selected)
{
	for (int i = 0; i < count; i++, y++) {
		bool sel = i == selected;
		enum term_role r = sel ? TERM_HIGHLIGHT : TERM_NORMAL;
		if (sel) {
			term_fill(y, x, 1, w, TERM_HIGHLIGHT);
			ui_focus(a, y, x + 2);
		}
		term_print(y, x, 2, r, sel ? ui_glyph_pointer() : " ");
		char label[160];
		snprintf(label, sizeof(label), "%d  %s", i + 1, names[i]);
		term_print(y, x + 2, w - 2, r, label);
	}
	return count;
}

void
ui_dialog(const char *const *lines, size_t n, enum term_role first_role)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		int lw = term_width(lines[i], strlen(lines[i]));
		w = lw > w ? lw : w;
	}
	int bw = w + 6 < COLS ? w + 6 : COLS;
	int bh = (int)n + 4 < LINES ? (int)n + 4 : LINES;
	int by = LINES > bh ? (LINES - bh) / 2 : 0;
	int bx = COLS > bw ? (COLS - bw) / 2 : 0;
	term_fill(by, bx, bh, bw, TERM_NORMAL);
	term_box(by, bx, bh, bw, TERM_TITLE);
	for (size_t i = 0; i < n && (int)i < bh - 4; i++) {
		term_print(by + 2 + (int)i, bx + 3, bw - 6, i == 0 ? first_role : TERM_NORMAL,
			lines[i]);
	}
}

void
ui_focus(struct app *a, int y, int x)
{
	a->cursor = true;
	a->cursor_y = y;
	a->cursor_x = x;
}

size_t
ui_utf8(wint_t ch, char out[4])
{
	unsigned long c = (unsigned long)ch;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c >= 0xD800 && c <= 0xDFFF) {
		return 0;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	if (c <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		return 4;
	}
	return 0;
}

static enum term_role
note_role(enum note_kind k)
{
	switch (k) {
	case NOTE_OK: return TERM_OK;
	case NOTE_ERROR: return TERM_WARNING;
	case NOTE_INFO: break;
	}
	return TERM_NORMAL;
}

struct area
ui_frame(struct app *a, const char *title, const char *right,
	const char *footer)
{
	erase();
	int w = COLS - 4 < UI_MAX_WIDTH ? COLS - 4 : UI_MAX_WIDTH;
	int x = (COLS - w) / 2;
	/* title bar */
	int used = term_print(0, x, w, TERM_TITLE, "ladder");
	if (title != NULL && title[0] != '\0') {
		used += term_print(0, x + used, w - used, TERM_DIM, " \xC2\xB7 ");
		used += term_print(0, x + used, w - used, TERM_TITLE, title);
	}
	if (right != NULL) {
		int rw = term_width(right, strlen(right));
		if (used + 2 + rw <= w) {
			term_print(0, x + w - rw, rw, TERM_DIM, right);
		}
	}
	/* the note line: an unsaved journal outranks a note that is not a
	 * warning */
	char unsaved[1200];
	const char *note = a->note;
	enum term_role role = note_role(a->note_kind);
	if (a->unsaved && (a->note[0] == '\0' || a->note_kind != NOTE_ERROR)) {
		if (a->save_failures > 1) {
			snprintf(unsaved, sizeof(unsaved),
				"Still not saved after %u tries (F5 tries again): %s",
				a->save_failures, a->unsaved_msg);
		} else {
			snprintf(unsaved, sizeof(unsaved), "Not saved (F5 tries again): %s",
				a->unsaved_msg);
		}
		note = unsaved;
		role = TERM_WARNING;
	}
	/* the note takes up to three lines above the footer; the area
	 * shrinks to leave them free */
	int note_rows = note[0] != '\0' ? ui_wrap_rows(w, note) : 0;
	if (note_rows > 3) {
		note_rows = 3;
	}
	if (note_rows > 0) {
		ui_wrap(LINES - 1 - note_rows, x, w, note_rows, role, note);
	}
	/* footer */
	term_fill(LINES - 1, 0, 1, COLS, TERM_FOOTER);
	if (footer != NULL) {
		term_print(LINES - 1, x, w, TERM_FOOTER, footer);
	}
	int below = note_rows > 1 ? note_rows + 1 : 2; /* note (and a blank) */
	struct area ar = {.y = 2, .x = x, .h = LINES - 2 - below - 1, .w = w};
	return ar;
}

static struct text_span *
wrap(const char *s, int w, size_t *n)
{
	*n = text_wrap(s, w > 0 ? (size_t)w : 1, NULL, 0);
	struct text_span *spans = calloc(*n ? *n : 1, sizeof(*spans));
	if (spans == NULL) {
		term_fatal("out of memory");
	}
	text_wrap(s, w > 0 ? (size_t)w : 1, spans, *n);
	return spans;
}

int
ui_wrap(int y, int x, int w, int max_rows, enum term_role r, const char *s)
{
	size_t n;
	struct text_span *spans = wrap(s, w, &n);
	for (size_t i = 0; i < n && (int)i < max_rows; i++) {
		term_print_n(y + (int)i, x, w, r, s + spans[i].start, spans[i].len);
	}
	free(spans);
	return (int)n;
}

int
ui_wrap_rows(int w, const char *s)
{
	return (int)text_wrap(s, w > 0 ? (size_t)w : 1, NULL, 0);
}

void
ui_bar(int y, int x, int w, double value)
{
	if (isnan(value)) {
		term_print(y, x, w, TERM_DIM, "no answers on this one");
		return;
	}
	if (value < 0) {
		value = 0;
	}
	if (value > 1) {
		value = 1;
	}
	int fill = (int)lround(value * w);
	bool u = term_unicode();
	for (int i = 0; i < w; i++) {
		const char *g = i < fill ? (u ? "\xE2\x96\x88" : "#") : (u ? "\xE2\x96\x91" : "-");
		term_print(y, x + i, 1, i < fill ? TERM_BAR : TERM_BAR_HIDDEN, g);
	}
}

/* The document */

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
	/* the pool holds answers and reflections: wiped, as they are */
	strbuf_init_wiped(&d->pool);
}

void
doc_finish(struct doc *d)
{
	strbuf_finish(&d->pool);
	free(d->segs);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

void
doc_reset(struct doc *d, int width)
{
	d->width = width;
	strbuf_clear(&d->pool);
	d->n_segs = 0;
	d->n_lines = 0;
}

void
doc_line(struct doc *d, int indent)
{
	if (d->n_lines == d->cap_lines) {
		size_t cap = d->cap_lines ? d->cap_lines * 2 : 64;
		struct doc_line *l = realloc(d->lines, cap * sizeof(*l));
		if (l == NULL) {
			term_fatal("out of memory");
		}
		d->lines = l;
		d->cap_lines = cap;
	}
	d->lines[d->n_lines++] = (struct doc_line){d->n_segs, 0, indent};
}

void
doc_addn(struct doc *d, enum term_role r, const char *s, size_t n)
{
	if (d->n_lines == 0) {
		doc_line(d, 0);
	}
	if (d->n_segs == d->cap_segs) {
		size_t cap = d->cap_segs ? d->cap_segs * 2 : 128;
		struct doc_seg *sg = realloc(d->segs, cap * sizeof(*sg));
		if (sg == NULL) {
			term_fatal("out of memory");
		}
		d->segs = sg;
		d->cap_segs = cap;
	}
	size_t off = d->pool.len;
	strbuf_add(&d->pool, s, n);
	if (d->pool.failed) {
		term_fatal("out of memory");
	}
	d->segs[d->n_segs++] = (struct doc_seg){off, n, r};
	d->lines[d->n_lines - 1].n_segs++;
}

void
doc_add(struct doc *d, enum term_role r, const char *s)
{
	doc_addn(d, r, s, strlen(s));
}

void
doc_addf(struct doc *d, enum term_role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	doc_add(d, r, buf);
}

void
doc_blank(struct doc *d)
{
	doc_line(d, 0);
}

void
doc_text(struct doc *d, enum term_role r, int indent, int hang,
	const char *s)
{
	size_t n;
	struct text_span *spans = wrap(s, d->width - indent - hang, &n);
	for (size_t i = 0; i < n; i++) {
		doc_line(d, indent + (i > 0 ? hang : 0));
		doc_addn(d, r, s + spans[i].start, spans[i].len);
	}
	free(spans);
}

void
doc_hanging(struct doc *d, int indent, enum term_role prefix_role,
	const char *prefix, enum term_role r, const char *s)
{
	int pw = term_width(prefix, strlen(prefix));
	size_t n;
	struct text_span *spans = wrap(s, d->width - indent - pw, &n);
	doc_line(d, indent);
	doc_add(d, prefix_role, prefix);
	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			doc_line(d, indent + pw);
		}
		doc_addn(d, r, s + spans[i].start, spans[i].len);
	}
	free(spans);
}

void
doc_draw(const struct doc *d, const struct area *ar, size_t top)
{
	for (int row = 0; row < ar->h && top + (size_t)row < d->n_lines; row++) {
		const struct doc_line *l = &d->lines[top + (size_t)row];
		int x = ar->x + l->indent;
		int left = ar->w - l->indent;
		for (size_t k = 0; k < l->n_segs && left > 0; k++) {
			const struct doc_seg *sg = &d->segs[l->first_seg + k];
			int used = term_print_n(ar->y + row, x, left, sg->role,
				d->pool.data + sg->off, sg->len);
			x += used;
			left -= used;
		}
	}
	/* a hint that there is more above or below, just outside the area */
	const char *up = term_unicode() ? "\xE2\x86\x91 more above" : "^ more above";
	const char *down = term_unicode() ? "\xE2\x86\x93 more below" : "v more below";
	if (top > 0 && ar->y > 0) {
		term_print(ar->y - 1, ar->x + ar->w - 12, 12, TERM_DIM, up);
	}
	if (top + (size_t)ar->h < d->n_lines && ar->y + ar->h < LINES - 2) {
		term_print(ar->y + ar->h, ar->x + ar->w - 12, 12, TERM_DIM, down);
	}
}

void
doc_clamp(const struct doc *d, int h, size_t *top)
{
	size_t max = d->n_lines > (size_t)h ? d->n_lines - (size_t)h : 0;
	if (*top > max) {
		*top = max;
	}
}

bool
doc_scroll_key(const struct doc *d, int h, size_t *top, const struct tkey *k)
{
	size_t page = h > 2 ? (size_t)h - 1 : 1;
	if (k->fn) {
		switch (k->code) {
		case KEY_UP: *top = *top > 0 ? *top - 1 : 0; break;
		case KEY_DOWN: (*top)++; break;
		case KEY_PPAGE: *top = *top > page ? *top - page : 0; break;
		case KEY_NPAGE: *top += page; break;
		case KEY_HOME: *top = 0; break;
		case KEY_END: *top = d->n_lines; break;
		default: return false;
		}
	} else {
		switch (k->code) {
		case 'k': *top = *top > 0 ? *top - 1 : 0; break;
		case 'j': (*top)++; break;
		case ' ': *top += page; break;
		default: return false;
		}
	}
	doc_clamp(d, h, top);
	return true;
}

/* The ladder */

#define LADDER_NAME_COLS 26

void
doc_ladder(struct doc *d, const struct model_texts *m, enum stage s,
	int indent, const char *marker)
{
	for (int rung = STAGE_COUNT; rung >= 1; rung--) {
		bool here = (int)s == rung;
		const struct model_stage_text *st = model_texts_stage(m, (enum stage)rung);
		doc_line(d, indent);
		doc_add(d, here ? TERM_HIGHLIGHT : TERM_NORMAL,
			here ? ui_glyph_pointer() : " ");
		doc_add(d, TERM_NORMAL, " ");
		/* the rails and the rung: a heavier one where the person stands */
		bool u = term_unicode();
		doc_add(d, TERM_DIM, u ? "\xE2\x95\x9F" : "|");
		if (u) {
			doc_add(d, term_rung_role(rung),
				here ? "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81"
				     : "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80");
		} else {
			doc_add(d, term_rung_role(rung), here ? "======" : "------");
		}
		doc_add(d, TERM_DIM, u ? "\xE2\x95\xA2" : "|");
		doc_addf(d, here ? TERM_HIGHLIGHT : TERM_NORMAL, " %d  ", rung);
		char name[128];
		snprintf(name, sizeof(name), "%-*s", LADDER_NAME_COLS - 1, st->name);
		doc_add(d, here ? TERM_HIGHLIGHT : TERM_NORMAL, name);
		doc_add(d, TERM_NORMAL, " ");
		if (here && marker != NULL) {
			doc_add(d, TERM_TITLE, term_unicode() ? "\xE2\x97\x80 " : "<- ");
			doc_add(d, TERM_TITLE, marker);
		} else if (marker == NULL || d->width - indent >= 90) {
			doc_add(d, TERM_DIM, st->short_text);
		}
	}
}
