/* The introduction to the model, from data/model.json: what the ladder
 * is, its four rungs, an everyday example, and what the questionnaires
 * do. Shown at the first run and from home ("About the model"). */
#include "screen.h"

#include <stdio.h>

enum { PAGE_WHAT, PAGE_RUNGS, PAGE_EXAMPLE, PAGE_MORE, PAGE_COUNT };

struct intro_state {
	bool from_home; /* opened from home: its last page goes back there */
	int page;
	size_t top;
	struct doc doc;
	int area_h;
};

static void
intro_enter(struct app *a, void *state, const void *from_home)
{
	(void)a;
	struct intro_state *st = state;
	st->from_home = from_home != NULL;
	doc_init(&st->doc);
}

static void
intro_leave(struct app *a, void *state)
{
	(void)a;
	struct intro_state *st = state;
	doc_finish(&st->doc);
}

static void
build(struct app *a, const struct intro_state *st, struct doc *d)
{
	const struct model_texts *m = a->model;
	size_t half = m->n_intro > 2 ? 2 : m->n_intro;
	switch (st->page) {
	case PAGE_WHAT:
		doc_text(d, TERM_TITLE, 0, 0, m->title);
		doc_blank(d);
		for (size_t i = 0; i < half; i++) {
			doc_text(d, TERM_NORMAL, 0, 0, m->intro[i]);
			doc_blank(d);
		}
		break;
	case PAGE_RUNGS:
		doc_text(d, TERM_TITLE, 0, 0, "The four rungs");
		doc_blank(d);
		doc_ladder(d, m, STAGE_NONE, 0, NULL);
		doc_blank(d);
		for (int s = STAGE_UNCONSCIOUS_INCOMPETENCE; s <= STAGE_UNCONSCIOUS_COMPETENCE; s++) {
			const struct model_stage_text *t = model_texts_stage(m, (enum stage)s);
			doc_line(d, 0);
			doc_addf(d, term_rung_role(s), "%d  ", s);
			doc_add(d, TERM_TITLE, t->name);
			doc_text(d, TERM_NORMAL, 3, 0, t->description);
			doc_blank(d);
		}
		break;
	case PAGE_EXAMPLE: {
		const char *title;
		model_texts_example(m, NULL, STAGE_UNCONSCIOUS_INCOMPETENCE, &title);
		doc_line(d, 0);
		doc_add(d, TERM_TITLE, "An everyday example: ");
		doc_add(d, TERM_TITLE, title);
		doc_blank(d);
		for (int s = STAGE_UNCONSCIOUS_INCOMPETENCE; s <= STAGE_UNCONSCIOUS_COMPETENCE; s++) {
			const char *ex = model_texts_example(m, NULL, (enum stage)s, &title);
			doc_line(d, 0);
			doc_addf(d, term_rung_role(s), "%d  ", s);
			doc_add(d, TERM_TITLE, model_texts_stage(m, (enum stage)s)->name);
			if (ex != NULL) {
				doc_text(d, TERM_NORMAL, 3, 0, ex);
			}
			doc_blank(d);
		}
		break;
	}
	case PAGE_MORE:
		doc_text(d, TERM_TITLE, 0, 0, "Where you come in");
		doc_blank(d);
		for (size_t i = half; i < m->n_intro; i++) {
			doc_text(d, TERM_NORMAL, 0, 0, m->intro[i]);
			doc_blank(d);
		}
		doc_line(d, 0);
		doc_add(d, TERM_KEY, st->from_home ? "Press Enter to go back home."
			: "Press Enter to choose a passphrase for your journal.");
		break;
	default:
		break;
	}
}

static void
intro_draw(struct app *a, void *state)
{
	struct intro_state *st = state;
	char right[32];
	snprintf(right, sizeof(right), "page %d of %d", st->page + 1, PAGE_COUNT);
	struct area ar = ui_frame(a, "The ladder in a minute", right,
		"\xE2\x86\x92/Enter next \xC2\xB7 \xE2\x86\x90 back \xC2\xB7 "
		"\xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 q leave \xC2\xB7 ? keys");
	doc_reset(&st->doc, ar.w);
	build(a, st, &st->doc);
	st->area_h = ar.h;
	doc_clamp(&st->doc, ar.h, &st->top);
	doc_draw(&st->doc, &ar, st->top);
}

static int
intro_key(struct app *a, void *state, const struct tkey *k)
{
	struct intro_state *st = state;
	bool next = (k->fn && (k->code == KEY_ENTER || k->code == KEY_RIGHT)) ||
		(!k->fn && k->code == 'l');
	bool prev = (k->fn && (k->code == KEY_LEFT || k->code == KEY_BACKSPACE)) ||
		(!k->fn && k->code == 'h');
	if (next) {
		if (st->page + 1 < PAGE_COUNT) {
			st->page++;
			st->top = 0;
		} else if (st->from_home) {
			app_back(a);
		} else {
			app_open(a, SCREEN_NEWPASS, NULL);
		}
		return ACT_REDRAW;
	}
	if (prev) {
		if (st->page > 0) {
			st->page--;
			st->top = 0;
		} else {
			app_back(a);
		}
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC)) {
		app_back(a);
		return ACT_REDRAW;
	}
	if (doc_scroll_key(&st->doc, st->area_h, &st->top, k)) {
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static const struct help_entry intro_help[] = {
	{"\xE2\x86\x92, l, Enter", "next page"},
	{"\xE2\x86\x90, h, Backspace", "previous page"},
	{"\xE2\x86\x91 \xE2\x86\x93, j k, Space", "scroll a long page"},
	{"q, Esc", "leave the introduction"},
	{NULL, NULL},
};

const struct screen screen_intro = {
	.name = "The ladder in a minute",
	.state_size = sizeof(struct intro_state),
	.enter = intro_enter,
	.leave = intro_leave,
	.draw = intro_draw,
	.key = intro_key,
	.help = intro_help,
};
