#include "ladder/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/text.h"
#include "ladder/util.h"

/* The sheet is built as lines in blocks (the head, each question, the
 * end), then laid out on pages: a question is not split over two pages
 * unless it is longer than a page. */
struct sheet {
	char **lines;
	size_t n, cap;
	size_t *block_start; /* the first line of each block */
	size_t n_blocks, cap_blocks;
	bool failed;
};

static void
push_line(struct sheet *s, const char *text, size_t len)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		char **v = realloc(s->lines, cap * sizeof(*v));
		if (v == NULL) {
			s->failed = true;
			return;
		}
		s->lines = v;
		s->cap = cap;
	}
	char *l = malloc(len + 1);
	if (l == NULL) {
		s->failed = true;
		return;
	}
	memcpy(l, text, len);
	l[len] = '\0';
	s->lines[s->n++] = l;
}

/* Adds the lines of text (split at newlines) as they are. */
static void
push_text(struct sheet *s, const char *text)
{
	while (*text != '\0') {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		push_line(s, text, len);
		text += len + (nl != NULL);
	}
}

static void
begin_block(struct sheet *s)
{
	if (s->n_blocks == s->cap_blocks) {
		size_t cap = s->cap_blocks ? s->cap_blocks * 2 : 64;
		size_t *v = realloc(s->block_start, cap * sizeof(*v));
		if (v == NULL) {
			s->failed = true;
			return;
		}
		s->block_start = v;
		s->cap_blocks = cap;
	}
	s->block_start[s->n_blocks++] = s->n;
}

static void
sheet_finish(struct sheet *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->lines[i]);
	}
	free(s->lines);
	free(s->block_start);
}

/* s wrapped to width, the first line after `first` and the others
 * indented by `indent` spaces. */
static void
wrapped(struct sheet *sh, const char *first, size_t indent, const char *s, size_t width)
{
	size_t avail = width > indent + 10 ? width - indent : 10;
	size_t n = text_wrap(s, avail, NULL, 0);
	struct text_span *spans = malloc((n ? n : 1) * sizeof(*spans));
	if (spans == NULL) {
		sh->failed = true;
		return;
	}
	text_wrap(s, avail, spans, n);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		if (i == 0) {
			strbuf_puts(&sb, first);
		} else {
			strbuf_printf(&sb, "%*s", (int)indent, "");
		}
		strbuf_add(&sb, s + spans[i].start, spans[i].len);
		sh->failed |= sb.failed;
		push_line(sh, sb.data ? sb.data : "", sb.len);
		strbuf_finish(&sb);
	}
	free(spans);
}

static void
rule(struct sheet *sh, size_t width, char ch)
{
	char line[1024];
	size_t n = width < sizeof(line) ? width : sizeof(line) - 1;
	memset(line, ch, n);
	push_line(sh, line, n);
}

void
paper_code(const struct questionnaire *q, int set, char *buf, size_t size)
{
	if (set > 0) {
		snprintf(buf, size, "%s v%d set %d", q->id, q->version, set);
	} else {
		snprintf(buf, size, "%s v%d", q->id, q->version);
	}
}

/* Points lo..hi of a scale on one line, or false when wider than width. */
static bool
points_line(struct sheet *sh, const struct scale *s, int lo, int hi, size_t width)
{
	struct strbuf line;
	strbuf_init(&line);
	strbuf_puts(&line, "     ");
	for (int v = lo; v <= hi; v++) {
		strbuf_printf(&line, "%s[ ] %d %s", v > lo ? "  " : "", v, s->labels[v - s->min]);
	}
	bool fits = line.data != NULL && !line.failed && utf8_width(line.data, line.len) <= width;
	if (fits) {
		push_line(sh, line.data, line.len);
	}
	sh->failed |= line.failed;
	strbuf_finish(&line);
	return fits;
}

/* The scale under a statement: all points on one line when they fit, else
 * on two, else one a line. */
static void
likert(struct sheet *sh, const struct scale *s, size_t width)
{
	if (points_line(sh, s, s->min, s->max, width)) {
		return;
	}
	/* two lines: split after the middle point, or one before it */
	int mid = s->min + (s->max - s->min) / 2;
	for (int split = mid; split >= mid - 1 && split >= s->min && split < s->max; split--) {
		if (points_line(sh, s, s->min, split, width)) {
			if (points_line(sh, s, split + 1, s->max, width)) {
				return;
			}
			free(sh->lines[--sh->n]);
		}
	}
	for (int v = s->min; v <= s->max; v++) {
		char first[32];
		snprintf(first, sizeof(first), "     [ ] %d ", v);
		wrapped(sh, first, strlen(first), s->labels[v - s->min], width);
	}
}

static void
head(struct sheet *sh, const struct questionnaire *q, const char *code, size_t width)
{
	begin_block(sh);
	rule(sh, width, '=');
	wrapped(sh, "", 0, q->title, width);
	char line[160];
	snprintf(line, sizeof(line), "Sheet %s", code);
	push_line(sh, line, strlen(line));
	rule(sh, width, '=');
	push_line(sh, "", 0);
	if (q->description[0] != '\0') {
		wrapped(sh, "", 0, q->description, width);
		push_line(sh, "", 0);
	}
	push_text(sh, "Your initials or a private code: ____________    Date: ____________\n\n");
	wrapped(sh, "", 0,
		"How to answer: for each statement, tick the box of the one answer "
		"that fits you best. For each situation, tick the box of the one "
		"response closest to what you would really do. Leave out any question "
		"you prefer not to answer. Honest answers give the most useful "
		"picture; nobody else needs to see this sheet.", width);
}

static void
questions(struct sheet *sh, const struct questionnaire *q, int set, size_t width)
{
	size_t number = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (!questionnaire_item_asked(q, i, set)) {
			continue;
		}
		/* no ids, area headings or axes: the sheet does not say what a
		 * question is for (the items are ordered so that neighbours
		 * differ) */
		begin_block(sh);
		push_line(sh, "", 0);
		char first[32];
		snprintf(first, sizeof(first), "%3zu. ", ++number);
		wrapped(sh, first, 5, it->text, width);
		if (it->kind == ITEM_LIKERT) {
			likert(sh, &q->scales[it->scale], width);
			continue;
		}
		for (size_t k = 0; k < it->n_options; k++) {
			char box[32];
			if (k < 26) {
				snprintf(box, sizeof(box), "     [ ] %c  ", (char)('A' + k));
			} else {
				snprintf(box, sizeof(box), "     [ ] %zu  ", k + 1);
			}
			wrapped(sh, box, strlen(box), it->options[k].text, width);
		}
	}
}

static void
ending(struct sheet *sh, const struct questionnaire *q, int set, const struct paper_opts *o,
	size_t room)
{
	begin_block(sh);
	push_line(sh, "", 0);
	rule(sh, o->width, '-');
	wrapped(sh, "", 0, o->reflection
		? "That was the last question; thank you. If you like, write a few "
		  "lines on the last page."
		: "That was the last question; thank you.", o->width);
	char line[200];
	if (set > 0) {
		snprintf(line, sizeof(line), "(To type it in: ladder enter %s --set %d)", q->id, set);
	} else {
		snprintf(line, sizeof(line), "(To type it in: ladder enter %s)", q->id);
	}
	wrapped(sh, "", 0, line, o->width);
	if (!o->reflection) {
		return;
	}
	/* the reflection starts a page of its own: a block as long as a page */
	begin_block(sh);
	size_t start = sh->n;
	push_line(sh, "Reflection (optional)", strlen("Reflection (optional)"));
	push_line(sh, "", 0);
	wrapped(sh, "", 0,
		"What did you notice while answering? A situation you recognised, "
		"something you would like to do differently, a question to take "
		"home. It is kept with your answers when the sheet is typed in.", o->width);
	push_line(sh, "", 0);
	size_t lines = room > 0 ? room : 24;
	while (sh->n - start + 2 <= lines && !sh->failed) {
		push_line(sh, "", 0);
		rule(sh, o->width, '_');
	}
}

/* "code        Initials or code: ________   page P of T" in width columns */
static void
footer(struct strbuf *out, const char *code, size_t page, size_t pages, size_t width)
{
	char right[96];
	snprintf(right, sizeof(right), "Initials or code: __________   page %zu of %zu", page, pages);
	size_t used = strlen(code) + strlen(right);
	int gap = used + 2 <= width ? (int)(width - used) : 2;
	strbuf_printf(out, "%s%*s%s\n", code, gap, "", right);
}

/* Lays the blocks out on pages: page_start[p] is the first line of page
 * p. Returns the number of pages. */
static size_t
paginate(const struct sheet *sh, size_t room, size_t *page_start)
{
	size_t pages = 0, used = 0;
	page_start[pages++] = 0;
	for (size_t b = 0; b < sh->n_blocks; b++) {
		size_t first = sh->block_start[b];
		size_t end = b + 1 < sh->n_blocks ? sh->block_start[b + 1] : sh->n;
		/* a blank line at the top of a page is left out */
		size_t lead = sh->lines[first][0] == '\0' ? 1 : 0;
		size_t len = end - first;
		if (used + len <= room) {
			used += len;
			continue;
		}
		if (len - lead <= room && used > 0) {
			page_start[pages++] = first;
			used = len;
			continue;
		}
		for (size_t l = first; l < end; l++) {
			if (used == room) {
				page_start[pages++] = l;
				used = 0;
			}
			used++;
		}
	}
	return pages;
}

/* Frees the sheet and its pages; the text laid out, or NULL when building
 * it failed. */
static char *
sheet_take(struct sheet *sh, size_t *page_start, struct strbuf *out)
{
	free(page_start);
	sheet_finish(sh);
	if (out->failed) {
		strbuf_finish(out);
		return NULL;
	}
	return strbuf_take(out);
}

char *
paper_render(const struct questionnaire *q, const struct paper_opts *opts)
{
	struct paper_opts o = *opts;
	int set = o.set == 0 && q->n_sets > 0 ? 1 : o.set;
	if (o.width < 40) {
		o.width = 40;
	}
	if (o.page_lines != 0 && o.page_lines < PAPER_PAGE_MIN) {
		o.page_lines = PAPER_PAGE_MIN;
	}
	char code[128];
	paper_code(q, set, code, sizeof(code));
	/* a page: its lines, a blank line and the footer */
	size_t room = o.page_lines > 0 ? o.page_lines - 2 : 0;
	struct sheet sh = {0};
	struct strbuf out;
	strbuf_init(&out);
	size_t *page_start = NULL;
	head(&sh, q, code, o.width);
	questions(&sh, q, set, o.width);
	ending(&sh, q, set, &o, room);
	if (sh.failed) {
		out.failed = true;
		goto done;
	}
	if (o.page_lines == 0) {
		for (size_t i = 0; i < sh.n; i++) {
			strbuf_printf(&out, "%s\n", sh.lines[i]);
		}
		goto done;
	}
	/* at most one page a line */
	if ((page_start = malloc((sh.n + 1) * sizeof(*page_start))) == NULL) {
		out.failed = true;
		goto done;
	}
	size_t pages = paginate(&sh, room, page_start);
	for (size_t p = 0; p < pages; p++) {
		size_t first = page_start[p];
		size_t end = p + 1 < pages ? page_start[p + 1] : sh.n;
		if (p > 0) {
			strbuf_puts(&out, "\f");
		}
		size_t printed = 0;
		for (size_t l = first; l < end; l++) {
			if (l == first && p > 0 && sh.lines[l][0] == '\0') {
				continue;
			}
			strbuf_printf(&out, "%s\n", sh.lines[l]);
			printed++;
		}
		/* the footer at the foot of the page */
		for (; printed < room + 1; printed++) {
			strbuf_puts(&out, "\n");
		}
		footer(&out, code, p + 1, pages, o.width);
	}
done:
	return sheet_take(&sh, page_start, &out);
}

char *
paper_paginate(const char *text, size_t page_lines, const char *label, size_t width)
{
	struct sheet sh = {0};
	push_text(&sh, text);
	if (page_lines < PAPER_PAGE_MIN) {
		page_lines = PAPER_PAGE_MIN;
	}
	size_t room = page_lines - 2;
	size_t *page_start = malloc((sh.n + 1) * sizeof(*page_start));
	struct strbuf out;
	strbuf_init(&out);
	if (sh.failed || page_start == NULL) {
		out.failed = true;
		return sheet_take(&sh, page_start, &out);
	}
	size_t pages = 0;
	for (size_t first = 0; first < sh.n || pages == 0;) {
		/* no blank line at the top of a page */
		while (pages > 0 && first < sh.n && sh.lines[first][0] == '\0') {
			first++;
		}
		page_start[pages++] = first;
		size_t end = first + room;
		if (end < sh.n) {
			/* back to a blank line in the last quarter of the page */
			for (size_t l = end; l > first + room * 3 / 4; l--) {
				if (sh.lines[l - 1][0] == '\0') {
					end = l;
					break;
				}
			}
		}
		first = end;
		if (first >= sh.n) {
			break;
		}
	}
	for (size_t p = 0; p < pages; p++) {
		size_t end = p + 1 < pages ? page_start[p + 1] : sh.n;
		if (p > 0) {
			strbuf_puts(&out, "\f");
		}
		size_t printed = 0;
		for (size_t l = page_start[p]; l < end && printed < room; l++, printed++) {
			strbuf_printf(&out, "%s\n", sh.lines[l]);
		}
		for (; printed < room + 1; printed++) {
			strbuf_puts(&out, "\n");
		}
		char right[64];
		snprintf(right, sizeof(right), "page %zu of %zu", p + 1, pages);
		size_t used = utf8_width(label, strlen(label)) + strlen(right);
		int gap = used + 2 <= width ? (int)(width - used) : 2;
		strbuf_printf(&out, "%s%*s%s\n", label, gap, "", right);
	}
	return sheet_take(&sh, page_start, &out);
}
