/* The introduction to the model, from data/model.json: what the ladder
 * is, its four rungs, an everyday example, and what the questionnaires
 * do. Shown at the first run and from home ("About the model"). */
#include "screen.h"

#include <stdio.h>

enum { PAGE_WHAT, PAGE_RUNGS, PAGE_EXAMPLE, PAGE_MORE, PAGE_COUNT };

static int page;
static size_t top;
static struct doc doc;
static bool doc_ready;
static int area_h;

static void
intro_enter(struct app *a)
{
	(void)a;
	page = 0;
	top = 0;
}

static void
build(struct app *a, struct doc *d)
{
	const struct model_texts *m = a->model;
	size_t half = m->n_intro > 2 ? 2 : m->n_intro;
	switch (page) {
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
			const struct model_stage_text *st = model_texts_stage(m, (enum stage)s);
			doc_line(d, 0);
			doc_addf(d, term_rung_role(s), "%d  ", s);
			doc_add(d, TERM_TITLE, st->name);
			doc_text(d, TERM_NORMAL, 3, 0, st->description);
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
		doc_add(d, TERM_KEY, a->intro_from_home ? "Press Enter to go back home."
			: "Press Enter to choose a passphrase for your journal.");
		break;
	default:
		break;
	}
}

static void
intro_draw(struct app *a)
{
	char right[32];
	snprintf(right, sizeof(right), "page %d of %d", page + 1, PAGE_COUNT);
	struct area ar = ui_frame(a, "The ladder in a minute", right,
		"\xE2\x86\x92/Enter next \xC2\xB7 \xE2\x86\x90 back \xC2\xB7 "
		"\xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 q leave \xC2\xB7 ? keys");
	if (!doc_ready) {
		doc_init(&doc);
		doc_ready = true;
	}
	doc_reset(&doc, ar.w);
	build(a, &doc);
	area_h = ar.h;
	doc_clamp(&doc, ar.h, &top);
	doc_draw(&doc, &ar, top);
}

static void
leave(struct app *a)
{
	if (doc_ready) {
		doc_finish(&doc);
		doc_ready = false;
	}
	app_go(a, a->intro_from_home ? SCREEN_HOME : SCREEN_WELCOME);
}

static int
intro_key(struct app *a, const struct tkey *k)
{
	bool next = (k->fn && (k->code == KEY_ENTER || k->code == KEY_RIGHT)) ||
		(!k->fn && k->code == 'l');
	bool prev = (k->fn && (k->code == KEY_LEFT || k->code == KEY_BACKSPACE)) ||
		(!k->fn && k->code == 'h');
	if (next) {
		if (page + 1 < PAGE_COUNT) {
			page++;
			top = 0;
		} else if (a->intro_from_home) {
			leave(a);
		} else {
			if (doc_ready) {
				doc_finish(&doc);
				doc_ready = false;
			}
			app_go(a, SCREEN_NEWPASS);
		}
		return ACT_REDRAW;
	}
	if (prev) {
		if (page > 0) {
			page--;
			top = 0;
		} else {
			leave(a);
		}
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC)) {
		leave(a);
		return ACT_REDRAW;
	}
	if (doc_ready && doc_scroll_key(&doc, area_h, &top, k)) {
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
	.enter = intro_enter,
	.draw = intro_draw,
	.key = intro_key,
	.help = intro_help,
};
