/* Projector mode's view of the room built with --room (present_impl.h):
 * per rung how many people, and how many moved since their previous
 * session, with every count the minimum group keeps from the screen said
 * as "fewer than N". */
#include <stdio.h>
#include <string.h>

#include "present_impl.h"

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

/* The masked view as a table of labels and counts in big type, the
 * condensed face else the two-row one, from 120x35 up; false when it does
 * not fit (the caller writes it as lines of normal text). */
static bool
masked_table(struct present *p, const struct room_profile_questionnaire *pq,
	struct rect a, int y, int bottom)
{
	enum { MAX_ROWS = 10 };
	const char *label[MAX_ROWS];
	char value[MAX_ROWS][48];
	enum term_role role[MAX_ROWS];
	size_t n = 0;
	unsigned mg = p->cfg->min_group;
	if (p->style != GLYPH_BLOCKS || !dots_allowed()) {
		return false;
	}
	for (int k = STAGE_COUNT; k >= 1; k--, n++) {
		label[n] = stage_title(p, k);
		role[n] = term_rung_role(k);
		present_count_words(&pq->now[k - 1], mg, value[n], sizeof(value[n]));
	}
	if (pq->unplaced.masked || pq->unplaced.n > 0) {
		label[n] = "Not placed";
		role[n] = TERM_DIM;
		present_count_words(&pq->unplaced, mg, value[n++], sizeof(value[0]));
	}
	const struct room_count *mv[] = {&pq->up, &pq->down, &pq->stayed, &pq->first};
	static const char *const mv_label[] = {"Moved up", "Moved down", "Stayed",
		"First time"};
	bool all_kept = true;
	for (int i = 0; i < 4; i++) {
		all_kept = all_kept && mv[i]->masked && !mv[i]->fewer;
	}
	label[n] = all_kept ? "Since last time" : "Since last time:";
	role[n] = TERM_TITLE;
	snprintf(value[n++], sizeof(value[0]), "%s", all_kept ? "not shown" : "");
	for (int i = 0; !all_kept && i < 4; i++, n++) {
		label[n] = mv_label[i];
		role[n] = i == 0 ? TERM_OK : i == 1 ? TERM_WARNING : TERM_NORMAL;
		present_count_words(mv[i], mg, value[n], sizeof(value[n]));
	}
	const char *values[MAX_ROWS];
	for (size_t i = 0; i < n; i++) {
		values[i] = value[i];
	}
	/* a line of normal text at the foot says why counts are missing */
	if (!present_table(p, a, y, bottom - 2, label, role, values, n, false)) {
		return false;
	}
	char line[160];
	snprintf(line, sizeof(line), "Counts of fewer than %u people are not "
		"shown, so that no one can be picked out.", mg);
	center_line(bottom - 1, a.x, a.w, TERM_DIM, line);
	return true;
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
	present_count_words(&pq->people, mg, c[0], sizeof(c[0]));
	snprintf(line, sizeof(line), "%s  \xC2\xB7  %s %s", v->title, c[0],
		!pq->people.masked && pq->people.n == 1 ? "person" : "people");
	y += subtitle(p, line, y, a) + 1;
	int step = bottom - y >= 16 ? 2 : 1;
	if (pq->people.masked) {
		snprintf(line, sizeof(line), "Fewer than %u people: their counts are not "
			"shown, so that no one can be picked out.", mg);
		role_text(p, line, p->sub, y + (bottom - y) / 4, a.x, a.w, (bottom - y) / 2,
			TERM_NORMAL);
		return;
	}
	if (masked_table(p, pq, a, y, bottom)) {
		return;
	}
	for (int k = STAGE_COUNT; k >= 1 && y < bottom; k--, y += step) {
		present_count_words(&pq->now[k - 1], mg, c[0], sizeof(c[0]));
		snprintf(line, sizeof(line), "%d  %s:  %s", k, stage_title(p, k), c[0]);
		center_line(y, a.x, a.w, term_rung_role(k), line);
	}
	if (y < bottom && (pq->unplaced.masked || pq->unplaced.n > 0)) {
		present_count_words(&pq->unplaced, mg, c[0], sizeof(c[0]));
		snprintf(line, sizeof(line), "not placed:  %s", c[0]);
		center_line(y, a.x, a.w, TERM_DIM, line);
		y += step;
	}
	const struct room_count *mv[] = {&pq->up, &pq->down, &pq->stayed, &pq->first};
	for (int i = 0; i < 4; i++) {
		present_count_words(mv[i], mg, c[i], sizeof(c[i]));
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


void
draw_room(struct present *p, const struct slide *s, struct rect a)
{
	const struct room *room = p->cfg->room;
	const struct present_room_view *v = p->cfg->n_views > 0 ? &p->cfg->views[s->q] : NULL;
	int y = a.y + heading(p, "The room", a) + 1;
	int bottom = a.y + a.h;
	/* files skipped are on the first screen and on standard error, not
	 * here: a file's name may name its owner */
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
	y += subtitle(p, line, y, a) + 1;
	/* movement, at the bottom: big arrows and counts, a label under each */
	char mv[4][32];
	snprintf(mv[0], sizeof(mv[0]), "\xE2\x86\x91%u", rq->up);
	snprintf(mv[1], sizeof(mv[1]), "\xE2\x86\x93%u", rq->down);
	snprintf(mv[2], sizeof(mv[2]), "=%u", rq->stayed);
	snprintf(mv[3], sizeof(mv[3]), "+%u", rq->first);
	static const char *const labels[] = {"moved up", "moved down", "stayed",
		"first time"};
	/* from 120x35 up the labels are big too, short enough to stand under
	 * a quarter of the width */
	static const char *const short_labels[] = {"up", "down", "stayed", "new"};
	const char *mvs[] = {mv[0], mv[1], mv[2], mv[3]};
	int col_w = a.w / 4;
	bool big = p->style == GLYPH_BLOCKS && dots_allowed() &&
		line_scale_st(GLYPH_DOTS, short_labels, 4, col_w - 2, 2, 1) > 0;
	int lrows = big ? (int)glyph_rows(GLYPH_DOTS, 1) : 1;
	int mh = imax(1, imin(8, (bottom - y) / 4));
	int ms = line_scale(p, mvs, 4, col_w - 2, mh, 3);
	int mrows = ms > 0 ? (int)glyph_rows(p->style, ms) : 1;
	int my = bottom - mrows - lrows;
	for (int i = 0; i < 4; i++) {
		int cx = a.x + i * col_w;
		scaled_line(p, my, mrows, cx, col_w, ms, i == 0 ? TERM_OK :
			i == 1 ? TERM_WARNING : TERM_NORMAL, mvs[i], true);
		if (big) {
			styled_line(p, GLYPH_DOTS, my + mrows, lrows, cx, col_w, 1, TERM_NORMAL,
				short_labels[i], true);
		} else {
			center_line(my + mrows, cx, col_w, TERM_DIM, labels[i]);
		}
	}
	int top = my - 1; /* of the line over the movement */
	if (big) {
		const char *since = rq->unknown > 0 ? "Since their previous session "
			"(some not placed)" : "Since their previous session";
		struct big b;
		big_layout(p, &b, since, a.w, lrows, 1);
		top = my - 1 - b.rows;
		big_draw(p, &b, top, a.x, a.w, TERM_TITLE, true);
	} else {
		char since[160];
		snprintf(since, sizeof(since), "Since their previous session: %u up, "
			"%u down, %u stayed, %u first time%s", rq->up, rq->down, rq->stayed,
			rq->first, rq->unknown > 0 ? ", some not placed" : "");
		center_line(top, a.x, a.w, TERM_DIM, since);
	}
	struct rect rows = {y, a.x, top - 1 - y, a.w};
	if (rq->unplaced > 0 && rows.h > 5) {
		char un[96];
		snprintf(un, sizeof(un), "%u not placed (too few answers)", rq->unplaced);
		struct big b;
		big_layout(p, &b, un, a.w, big ? lrows : 1, big ? 1 : 0);
		big_draw(p, &b, rows.y + rows.h - b.rows, a.x, a.w, TERM_DIM, true);
		rows.h -= b.rows;
	}
	draw_rungs(p, rows, rq->now, false, false);
}
