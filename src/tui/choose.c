/* Choosing a questionnaire: the list, and the chosen one's description. */
#include "screen.h"

#include <stdio.h>

#include "ladder/chart.h"

struct choose_state {
	size_t selected, first;
};

static void
choose_draw(struct app *a, void *state)
{
	struct choose_state *st = state;
	struct area ar = ui_frame(a, "Take a questionnaire", NULL,
		"\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter start \xC2\xB7 q back \xC2\xB7 ? keys");
	const struct catalog *cat = app_catalog(a);
	int y = ar.y;
	if (cat->n == 0) {
		ui_wrap(y, ar.x, ar.w, ar.h, TERM_WARNING,
			"No questionnaires were found. 'ladder list' shows where ladder looks "
			"for them.");
		return;
	}
	term_print(y, ar.x, ar.w, TERM_TITLE, "Which one would you like to take?");
	y += 2;
	/* the list takes at most half the area; the description the rest */
	int list_h = ar.h / 2;
	if ((int)cat->n < list_h) {
		list_h = (int)cat->n;
	}
	chart_scroll(cat->n, (size_t)list_h, st->selected, &st->first);
	for (int row = 0; row < list_h; row++) {
		size_t i = st->first + (size_t)row;
		const struct questionnaire *q = cat->items[i];
		bool sel = i == st->selected;
		enum term_role r = sel ? TERM_HIGHLIGHT : TERM_NORMAL;
		if (sel) {
			term_fill(y, ar.x, 1, ar.w, TERM_HIGHLIGHT);
			ui_focus(a, y, ar.x + 2);
		}
		term_print(y, ar.x, 2, r, sel ? ui_glyph_pointer() : " ");
		term_print(y, ar.x + 2, ar.w / 2, r, q->title);
		char info[120];
		const struct journal_unfinished *u = journal_unfinished_get(a->store->journal, q->id);
		if (u != NULL) {
			snprintf(info, sizeof(info), "%zu questions, unfinished", q->n_items);
		} else {
			snprintf(info, sizeof(info), "%zu questions", q->n_items);
		}
		term_print(y, ar.x + 2 + ar.w / 2, ar.w / 2 - 2, sel ? r : TERM_DIM, info);
		y++;
	}
	y++;
	const struct questionnaire *q = cat->items[st->selected];
	if (q->description != NULL) {
		y += ui_wrap(y, ar.x, ar.w, ar.y + ar.h - y, TERM_NORMAL, q->description) + 1;
	}
	if (y < ar.y + ar.h) {
		ui_wrap(y, ar.x, ar.w, ar.y + ar.h - y, TERM_KEY,
			"Press Enter to start. Answer with the number of an option, or with the "
			"arrows and Enter; s skips a question, \xE2\x86\x90 goes back, and q stops "
			"with your answers kept for later.");
	}
}

static int
start(struct app *a, const struct choose_state *st)
{
	const struct questionnaire *q = app_catalog(a)->items[st->selected];
	a->note[0] = '\0';
	if (journal_unfinished_get(a->store->journal, q->id) != NULL) {
		app_open(a, SCREEN_RESUME, q);
	} else {
		app_assess(a, q, false);
	}
	return ACT_REDRAW;
}

static int
choose_key(struct app *a, void *state, const struct tkey *k)
{
	struct choose_state *st = state;
	size_t n = app_catalog(a)->n;
	bool up = (k->fn && k->code == KEY_UP) || (!k->fn && k->code == 'k');
	bool down = (k->fn && k->code == KEY_DOWN) || (!k->fn && k->code == 'j');
	if (!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC)) {
		app_back(a);
		return ACT_REDRAW;
	}
	if (k->fn && k->code == KEY_LEFT) {
		app_back(a);
		return ACT_REDRAW;
	}
	if (n == 0) {
		return ACT_NONE;
	}
	if (up) {
		st->selected = st->selected > 0 ? st->selected - 1 : n - 1;
		return ACT_REDRAW;
	}
	if (down) {
		st->selected = st->selected + 1 < n ? st->selected + 1 : 0;
		return ACT_REDRAW;
	}
	if ((k->fn && (k->code == KEY_ENTER || k->code == KEY_RIGHT)) ||
		(!k->fn && k->code == 'l')) {
		return start(a, st);
	}
	if (!k->fn && k->code >= '1' && k->code <= '9' && (size_t)(k->code - '1') < n) {
		st->selected = (size_t)(k->code - '1');
		return start(a, st);
	}
	return ACT_NONE;
}

static const struct help_entry choose_help[] = {
	{"\xE2\x86\x91 \xE2\x86\x93, j k", "move"},
	{"Enter, \xE2\x86\x92, l", "start the questionnaire"},
	{"1-9", "start by number"},
	{"q, Esc, \xE2\x86\x90", "back home"},
	{NULL, NULL},
};

const struct screen screen_choose = {
	.name = "Take a questionnaire",
	.state_size = sizeof(struct choose_state),
	.draw = choose_draw,
	.key = choose_key,
	.help = choose_help,
};
