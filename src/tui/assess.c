/* The assessment: one item a screen with its progress, the item and its
 * options (the items of the session's set and those of none; the area is
 * not shown, so that no question says what it is for). Digits pick an option and go on, arrows and Enter
 * too; Backspace or Left go back, s skips, q leaves and keeps the answers
 * so far. After the last item: the result. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/timeutil.h"

static size_t cursor; /* the highlighted option */
static size_t shown_pos = (size_t)-1;
static size_t top;
static struct doc doc;
static bool doc_ready;
static int body_h;

static size_t
n_options(const struct questionnaire *q, const struct item *it)
{
	if (it->kind == ITEM_SCENARIO) {
		return it->n_options;
	}
	const struct scale *sc = &q->scales[it->scale];
	return (size_t)(sc->max - sc->min + 1);
}

/* The option index of the answer to item i, or -1. */
static long
answered_option(const struct app *a, size_t i)
{
	const struct item *it = &a->q->items[i];
	int v = a->ans->values[i];
	if (v == ANSWER_SKIPPED) {
		return -1;
	}
	if (it->kind == ITEM_SCENARIO) {
		return v;
	}
	return v - a->q->scales[it->scale].min;
}

/* The asked item after (dir 1) or before (dir -1) a->pos, or -1. */
static long
step_asked(const struct app *a, int dir)
{
	for (long i = (long)a->pos + dir; i >= 0 && (size_t)i < a->q->n_items; i += dir) {
		if (questionnaire_item_asked(a->q, (size_t)i, a->ans->set)) {
			return i;
		}
	}
	return -1;
}

static void
sync_cursor(struct app *a)
{
	if (shown_pos == a->pos) {
		return;
	}
	shown_pos = a->pos;
	long o = answered_option(a, a->pos);
	cursor = o >= 0 ? (size_t)o : 0;
	top = 0;
}

static void
assess_enter(struct app *a)
{
	(void)a;
	shown_pos = (size_t)-1;
	if (!doc_ready) {
		doc_init(&doc);
		doc_ready = true;
	}
}

static void
assess_draw(struct app *a)
{
	const struct questionnaire *q = a->q;
	sync_cursor(a);
	const struct item *it = &q->items[a->pos];
	size_t nopt = n_options(q, it);
	size_t nth = 0, total = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		if (questionnaire_item_asked(q, i, a->ans->set)) {
			total++;
			nth += i <= a->pos;
		}
	}
	char right[64];
	snprintf(right, sizeof(right), "question %zu of %zu", nth, total);
	char footer[200];
	snprintf(footer, sizeof(footer),
		"1-%zu choose \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 Enter \xC2\xB7 \xE2\x86\x90 back \xC2\xB7 "
		"s skip \xC2\xB7 q save & leave \xC2\xB7 ? keys", nopt < 9 ? nopt : 9);
	struct area ar = ui_frame(a, q->title, right, footer);

	/* progress: n/N and a bar of what is behind */
	char count[32];
	snprintf(count, sizeof(count), "%zu/%zu", nth, total);
	int cw = (int)strlen(count);
	term_print(ar.y, ar.x, cw, TERM_TITLE, count);
	ui_bar(ar.y, ar.x + cw + 2, ar.w - cw - 2, (double)(nth - 1) / (double)total);

	struct area body = {ar.y + 3, ar.x, ar.h - 3, ar.w};
	body_h = body.h;
	doc_reset(&doc, body.w);
	doc_text(&doc, TERM_TITLE, 0, 0, it->text);
	doc_blank(&doc);
	long chosen = answered_option(a, a->pos);
	size_t sel_first = 0, sel_end = 0;
	for (size_t o = 0; o < nopt; o++) {
		const char *text = it->kind == ITEM_SCENARIO ? it->options[o].text
			: q->scales[it->scale].labels[o];
		bool sel = o == cursor;
		char prefix[32];
		snprintf(prefix, sizeof(prefix), "%s %zu  ", sel ? ui_glyph_pointer() : " ", o + 1);
		size_t before = doc.n_lines;
		doc_hanging(&doc, 0, sel ? TERM_HIGHLIGHT : TERM_KEY, prefix,
			sel ? TERM_HIGHLIGHT : TERM_NORMAL, text);
		if ((long)o == chosen) {
			doc_add(&doc, TERM_OK, "  ");
			doc_add(&doc, TERM_OK, ui_glyph_check());
			doc_add(&doc, TERM_OK, " your answer");
		}
		if (sel) {
			sel_first = before;
			sel_end = doc.n_lines;
		}
		if (it->kind == ITEM_SCENARIO && o + 1 < nopt) {
			doc_blank(&doc);
		}
	}
	/* keep the highlighted option in view */
	if (sel_end > top + (size_t)body.h) {
		top = sel_end - (size_t)body.h;
	}
	if (sel_first < top) {
		top = sel_first;
	}
	doc_clamp(&doc, body.h, &top);
	doc_draw(&doc, &body, top);
	if (sel_first >= top && sel_first < top + (size_t)body.h) {
		ui_focus(a, body.y + (int)(sel_first - top), body.x + 2);
	}
}

/* After the last item: score, record, save, show the result. */
static int
finish(struct app *a)
{
	struct journal *j = a->store->journal;
	if (answers_count(a->ans) == 0) {
		app_note(a, NOTE_ERROR, "You have not answered any question, so there is "
			"nothing to place yet. Go back with \xE2\x86\x90, or leave with q.");
		return ACT_REDRAW;
	}
	struct result *r = score_compute(a->q, a->ans);
	if (r == NULL) {
		term_fatal("out of memory");
	}
	r->repeat = journal_is_repeat(j, a->q, a->ans->set);
	struct ladder_error err;
	error_clear(&err);
	struct journal_session *s = journal_add_session(j, a->q, a->ans, r, a->started,
		time_now(), &err);
	result_destroy(r);
	if (s == NULL) {
		app_note(a, NOTE_ERROR, "Could not record the session: %s", err.msg);
		return ACT_REDRAW;
	}
	journal_unfinished_clear(j, a->q->id);
	a->session = (long)(s - j->sessions);
	a->result_back = SCREEN_HOME;
	a->result_fresh = true;
	app_end_assessment(a);
	app_save(a, "Your result is saved in your journal.");
	app_go(a, SCREEN_RESULT);
	return ACT_REDRAW;
}

static int
advance(struct app *a)
{
	a->note[0] = '\0';
	long next = step_asked(a, 1);
	if (next < 0) {
		return finish(a);
	}
	a->pos = (size_t)next;
	return ACT_REDRAW;
}

static int
choose(struct app *a, size_t o)
{
	const struct item *it = &a->q->items[a->pos];
	a->ans->values[a->pos] = it->kind == ITEM_SCENARIO ? (int)o
		: a->q->scales[it->scale].min + (int)o;
	cursor = o;
	return advance(a);
}

static int
leave(struct app *a)
{
	app_keep_unfinished(a);
	app_end_assessment(a);
	app_go(a, SCREEN_HOME);
	return ACT_REDRAW;
}

static int
back(struct app *a)
{
	long prev = step_asked(a, -1);
	if (prev < 0) {
		app_note(a, NOTE_INFO, "This is the first question.");
		return ACT_REDRAW;
	}
	a->note[0] = '\0';
	a->pos = (size_t)prev;
	return ACT_REDRAW;
}

static int
assess_key(struct app *a, const struct tkey *k)
{
	const struct item *it = &a->q->items[a->pos];
	size_t nopt = n_options(a->q, it);
	if (k->fn) {
		switch (k->code) {
		case KEY_UP:
			cursor = cursor > 0 ? cursor - 1 : nopt - 1;
			return ACT_REDRAW;
		case KEY_DOWN:
			cursor = cursor + 1 < nopt ? cursor + 1 : 0;
			return ACT_REDRAW;
		case KEY_ENTER:
		case KEY_RIGHT:
			return choose(a, cursor);
		case KEY_LEFT:
		case KEY_BACKSPACE:
			break; /* below */
		case KEY_PPAGE:
		case KEY_NPAGE:
			doc_scroll_key(&doc, body_h, &top, k);
			return ACT_REDRAW;
		default:
			return ACT_NONE;
		}
		return back(a);
	}
	switch (k->code) {
	case 'k':
		cursor = cursor > 0 ? cursor - 1 : nopt - 1;
		return ACT_REDRAW;
	case 'j':
		cursor = cursor + 1 < nopt ? cursor + 1 : 0;
		return ACT_REDRAW;
	case 'l':
		return choose(a, cursor);
	case 'h':
		return back(a);
	case 's':
	case 'S':
		a->ans->values[a->pos] = ANSWER_SKIPPED;
		return advance(a);
	case 'q':
	case 'Q':
	case TERM_KEY_ESC:
		return leave(a);
	default:
		break;
	}
	if (k->code >= '1' && k->code <= '9') {
		size_t o = (size_t)(k->code - '1');
		if (o < nopt) {
			return choose(a, o);
		}
		app_note(a, NOTE_INFO, "This question has %zu options: press 1 to %zu.", nopt, nopt);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static const struct help_entry assess_help[] = {
	{"1-9", "choose that option and go to the next question"},
	{"\xE2\x86\x91 \xE2\x86\x93, j k", "move between the options"},
	{"Enter, \xE2\x86\x92, l", "choose the highlighted option and go on"},
	{"Backspace, \xE2\x86\x90, h", "back to the previous question"},
	{"s", "skip this question (left out of your result)"},
	{"PgUp PgDn", "scroll a long question"},
	{"q, Esc", "leave; your answers so far are kept for later"},
	{NULL, NULL},
};

const struct screen screen_assess = {
	.name = "Questionnaire",
	.enter = assess_enter,
	.draw = assess_draw,
	.key = assess_key,
	.help = assess_help,
};
