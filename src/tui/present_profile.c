/* Projector mode's group profile of the room built with --room
 * (present_impl.h): how the room rates itself against its choices in the
 * situations, and each area's rungs, with every count the minimum group
 * keeps from the screen said as "fewer than N". */
#include <stdio.h>
#include <string.h>

#include "present_impl.h"

void
present_count_words(const struct room_count *c, unsigned min_group, char *buf, size_t size)
{
	if (!c->masked) {
		snprintf(buf, size, "%u", c->n);
	} else if (c->fewer) {
		snprintf(buf, size, "fewer than %u", min_group);
	} else {
		snprintf(buf, size, "not shown");
	}
}

bool
present_table(struct present *p, struct rect a, int y, int bottom, const char *const *label,
	const enum term_role *role, const char *const *value, size_t n, bool plain)
{
	int h = bottom - y;
	static const enum glyph_style faces[] = {GLYPH_QUADS, GLYPH_DOTS};
	for (size_t f = 0; p->style == GLYPH_BLOCKS && f < 2; f++) {
		enum glyph_style st = faces[f];
		if (st == GLYPH_DOTS && !dots_allowed()) {
			break;
		}
		int rows = (int)glyph_rows(st, 1);
		int gap = (int)n * (rows + 1) - 1 <= h ? 1 : 0;
		if ((int)n * (rows + gap) - gap > h) {
			continue;
		}
		int lw = 0, vw = 0;
		for (size_t i = 0; i < n; i++) {
			lw = imax(lw, (int)glyph_cols_st(st, glyph_count(label[i], strlen(label[i])), 1));
			vw = imax(vw, (int)glyph_cols_st(st, glyph_count(value[i], strlen(value[i])), 1));
		}
		if (lw + 6 + vw > a.w) {
			continue;
		}
		int x = a.x + (a.w - lw - 6 - vw) / 2;
		int ty = y + (h - ((int)n * (rows + gap) - gap)) / 2;
		for (size_t i = 0; i < n; i++, ty += rows + gap) {
			styled_line(p, st, ty, rows, x, lw, 1, role[i], label[i], false);
			styled_line(p, st, ty, rows, x + lw + 6, vw, 1, TERM_NORMAL, value[i], false);
		}
		return true;
	}
	if (!plain) {
		return false;
	}
	int step = h >= 2 * (int)n ? 2 : 1;
	for (size_t i = 0; i < n && y < bottom; i++, y += step) {
		char line[400];
		snprintf(line, sizeof(line), "%s:  %s", label[i], value[i]);
		center_line(y, a.x, a.w, role[i], line);
	}
	return false;
}

/* Each label over its value, all in one big face, when side by side they
 * do not fit; false when this does not fit either. */
static bool
stacked(struct present *p, struct rect a, int y, int bottom, const char *const *label,
	const char *const *value, size_t n)
{
	enum { MAX = 24 };
	const char *texts[MAX];
	size_t m = 0;
	for (size_t i = 0; i < n && m + 2 <= MAX; i++) {
		texts[m++] = label[i];
		texts[m++] = value[i];
	}
	if (m == 0) {
		return false;
	}
	/* a row of text per line, a blank row between the pairs */
	int per = (bottom - y - (int)(m / 2 - 1)) / (int)m;
	struct role r = column_role(p, texts, m, a.w, per, 1);
	int rows = role_rows(r);
	if (r.scale == 0 || (int)m * rows + (int)(m / 2 - 1) > bottom - y) {
		return false;
	}
	int ty = y + (bottom - y - ((int)m * rows + (int)(m / 2 - 1))) / 2;
	for (size_t i = 0; i < m; i++) {
		styled_line(p, r.style, ty, rows, a.x, a.w, r.scale,
			i % 2 == 0 ? TERM_TITLE : TERM_NORMAL, texts[i], true);
		ty += rows + (i % 2 == 1 ? 1 : 0);
	}
	return true;
}

static const struct present_room_view *
view_of(const struct present *p, const struct slide *s)
{
	return p->cfg->n_views > 0 ? &p->cfg->views[s->q] : NULL;
}

/* The heading, the questionnaire and its people; the foot's line on the
 * minimum group. Returns the first row for the table, or -1 when there is
 * nothing to show. */
static int
frame(struct present *p, const struct present_room_view *v, const char *title,
	struct rect a, int *bottom)
{
	int y = a.y + heading(p, title, a) + 1;
	*bottom = a.y + a.h;
	if (v == NULL || v->pq == NULL) {
		center_line(y + 1, a.x, a.w, TERM_NORMAL, "No completed sessions in the "
			"files given with --room.");
		return -1;
	}
	unsigned mg = p->cfg->min_group;
	char people[48], line[320];
	present_count_words(&v->pq->with_results, mg, people, sizeof(people));
	snprintf(line, sizeof(line), "%s  \xC2\xB7  %s with results", v->title, people);
	y += subtitle(p, line, y, a) + 1;
	if (mg > 1) {
		snprintf(line, sizeof(line), "Counts of fewer than %u people are not shown, "
			"so that no one can be picked out.", mg);
		center_line(*bottom - 1, a.x, a.w, TERM_DIM, line);
		*bottom -= 2;
	}
	if (v->pq->with_results.masked) {
		snprintf(line, sizeof(line), "Fewer than %u people with results: not shown.",
			mg);
		role_text(p, line, p->sub, y + (*bottom - y) / 4, a.x, a.w, (*bottom - y) / 2,
			TERM_NORMAL);
		return -1;
	}
	return y;
}

void
draw_room_calibration(struct present *p, const struct slide *s, struct rect a)
{
	const struct present_room_view *v = view_of(p, s);
	int bottom;
	int y = frame(p, v, "How the room rates itself", a, &bottom);
	if (y < 0) {
		return;
	}
	const struct room_profile_questionnaire *pq = v->pq;
	unsigned mg = p->cfg->min_group;
	const char *label[] = {"Above their choices", "In line with them",
		"Below their choices", "Not compared"};
	const enum term_role role[] = {TERM_WARNING, TERM_OK, TERM_NORMAL, TERM_DIM};
	const struct room_count *c[] = {&pq->above, &pq->in_line, &pq->below,
		&pq->uncalibrated};
	char value[4][48];
	const char *values[4];
	size_t n = 0;
	for (size_t i = 0; i < 4; i++) {
		if (i == 3 && !c[i]->masked && c[i]->n == 0) {
			break; /* everyone compared */
		}
		present_count_words(c[i], mg, value[i], sizeof(value[i]));
		values[i] = value[i];
		n++;
	}
	/* what the rows mean, in one line of normal text under the table */
	center_line(bottom - 1, a.x, a.w, TERM_DIM, "Each person's own rating of "
		"their skill against their choices in the situations, as their result "
		"says it.");
	present_table(p, a, y, bottom - 2, label, role, values, n, true);
}

void
draw_room_areas(struct present *p, const struct slide *s, struct rect a)
{
	const struct present_room_view *v = view_of(p, s);
	int bottom;
	int y = frame(p, v, "Area by area", a, &bottom);
	if (y < 0) {
		return;
	}
	const struct room_profile_questionnaire *pq = v->pq;
	unsigned mg = p->cfg->min_group;
	const struct questionnaire *q = NULL;
	for (size_t i = 0; i < p->cfg->n_qs; i++) {
		if (strcmp(p->cfg->qs[i]->id, pq->id) == 0) {
			q = p->cfg->qs[i];
		}
	}
	enum { MAX_AREAS = 12 };
	const char *label[MAX_AREAS];
	const char *values[MAX_AREAS];
	enum term_role role[MAX_AREAS];
	char value[MAX_AREAS][4 * 48 + 32];
	size_t n = 0;
	for (size_t f = 0; f < pq->n_facets && n < MAX_AREAS; f++, n++) {
		const struct room_profile_facet *pf = &pq->facets[f];
		long fi = q != NULL ? questionnaire_facet_index(q, pf->id) : -1;
		label[n] = fi >= 0 ? q->facets[fi].title : pf->id;
		role[n] = TERM_TITLE;
		char c[STAGE_COUNT][48];
		for (int k = 0; k < STAGE_COUNT; k++) {
			present_count_words(&pf->now[k], mg, c[k], sizeof(c[k]));
		}
		snprintf(value[n], sizeof(value[n]), "1: %s  2: %s  3: %s  4: %s", c[0], c[1],
			c[2], c[3]);
		values[n] = value[n];
	}
	center_line(bottom - 1, a.x, a.w, TERM_DIM, "How many people stand on each "
		"rung (1 to 4) in each area.");
	if (present_table(p, a, y, bottom - 2, label, role, values, n, false) ||
		stacked(p, a, y, bottom - 2, label, values, n)) {
		return;
	}
	present_table(p, a, y, bottom - 2, label, role, values, n, true);
}
