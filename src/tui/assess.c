/* The assessment: one item a screen with its progress, the item and its
 * options (the items of the session's set and those of none; the area is
 * not shown, so that no question says what it is for). Digits pick an option and go on, arrows and Enter
 * too; Backspace or Left go back, s skips, q leaves and keeps the answers
 * so far. After the last item: the result. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "ladder/assessment.h"
#include "ladder/timeutil.h"

/* The sitting (the core's flow) and how it is shown. */
struct assess_state {
	struct assessment *as;
	size_t cursor;    /* the highlighted option */
	size_t shown_pos; /* the item the cursor is for */
	size_t top;
	struct doc doc;
	int body_h;
};

static void
sync_cursor(struct assess_state *st)
{
	if (st->shown_pos == st->as->pos) {
		return;
	}
	st->shown_pos = st->as->pos;
	long o = answers_choice(st->as->q, st->as->ans, st->as->pos);
	st->cursor = o >= 0 ? (size_t)o : 0;
	st->top = 0;
}

/* arg: a struct assess_arg. The sitting begins (or resumes) here. */
static void
assess_enter(struct app *a, void *state, const void *arg)
{
	struct assess_state *st = state;
	const struct assess_arg *in = arg;
	enum assessment_begun how;
	int set = a->opt->set != 0 && in->q == a->opt->questionnaire ? a->opt->set : 0;
	st->as = assessment_begin(a->store->journal, in->q, set, in->resume, time_now(), &how);
	if (st->as == NULL) {
		term_fatal("out of memory");
	}
	if (how == ASSESSMENT_AFRESH) {
		app_note(a, NOTE_ERROR, "The questionnaire has changed since you left it, "
			"so your earlier answers do not fit; starting afresh.");
	}
	st->shown_pos = (size_t)-1;
	doc_init(&st->doc);
}

static void
assess_leave(struct app *a, void *state)
{
	(void)a;
	struct assess_state *st = state;
	assessment_destroy(st->as);
	st->as = NULL;
	doc_finish(&st->doc);
}

/* The answers so far, kept in the journal as an unfinished sitting (the
 * caller saves). */
static bool
assess_keep(struct app *a, void *state)
{
	struct assess_state *st = state;
	struct ladder_error err;
	error_clear(&err);
	bool kept = false;
	if (st->as == NULL || a->store == NULL) {
		return false;
	}
	if (!assessment_keep(st->as, a->store->journal, &kept, &err)) {
		app_note(a, NOTE_ERROR, "Could not keep your answers: %s", err.msg);
		return false;
	}
	if (kept) {
		a->unsaved = true;
	}
	return kept && answers_count(st->as->ans) > 0;
}

static void
assess_draw(struct app *a, void *state)
{
	struct assess_state *st = state;
	const struct questionnaire *q = st->as->q;
	sync_cursor(st);
	const struct item *it = &q->items[st->as->pos];
	size_t nopt = answers_choices(q, st->as->pos);
	size_t nth, total = assessment_asked(st->as, &nth);
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
	st->body_h = body.h;
	doc_reset(&st->doc, body.w);
	doc_text(&st->doc, TERM_TITLE, 0, 0, it->text);
	doc_blank(&st->doc);
	long chosen = answers_choice(q, st->as->ans, st->as->pos);
	size_t sel_first = 0, sel_end = 0;
	for (size_t o = 0; o < nopt; o++) {
		const char *text = it->kind == ITEM_SCENARIO ? it->options[o].text
			: q->scales[it->scale].labels[o];
		bool sel = o == st->cursor;
		char prefix[32];
		snprintf(prefix, sizeof(prefix), "%s %zu  ", sel ? ui_glyph_pointer() : " ", o + 1);
		size_t before = st->doc.n_lines;
		doc_hanging(&st->doc, 0, sel ? TERM_HIGHLIGHT : TERM_KEY, prefix,
			sel ? TERM_HIGHLIGHT : TERM_NORMAL, text);
		if ((long)o == chosen) {
			doc_add(&st->doc, TERM_OK, "  ");
			doc_add(&st->doc, TERM_OK, ui_glyph_check());
			doc_add(&st->doc, TERM_OK, " your answer");
		}
		if (sel) {
			sel_first = before;
			sel_end = st->doc.n_lines;
		}
		if (it->kind == ITEM_SCENARIO && o + 1 < nopt) {
			doc_blank(&st->doc);
		}
	}
	/* keep the highlighted option in view */
	if (sel_end > st->top + (size_t)body.h) {
		st->top = sel_end - (size_t)body.h;
	}
	if (sel_first < st->top) {
		st->top = sel_first;
	}
	doc_clamp(&st->doc, body.h, &st->top);
	doc_draw(&st->doc, &body, st->top);
	if (sel_first >= st->top && sel_first < st->top + (size_t)body.h) {
		ui_focus(a, body.y + (int)(sel_first - st->top), body.x + 2);
	}
}

/* After the last item: score, record, save, show the result. */
static int
finish(struct app *a, struct assess_state *st)
{
	struct journal *j = a->store->journal;
	if (answers_count(st->as->ans) == 0) {
		app_note(a, NOTE_ERROR, "You have not answered any question, so there is "
			"nothing to place yet. Go back with \xE2\x86\x90, or leave with q.");
		return ACT_HANDLED;
	}
	struct ladder_error err;
	error_clear(&err);
	struct journal_session *s = assessment_finish(st->as, j, time_now(), &err);
	if (s == NULL) {
		app_note(a, NOTE_ERROR, "Could not record the session: %s", err.msg);
		return ACT_HANDLED;
	}
	struct result_arg r = {(size_t)(s - j->sessions), true};
	app_go(a, SCREEN_HOME, NULL); /* the result goes back home */
	app_save(a, "Your result is saved in your journal.");
	app_open(a, SCREEN_RESULT, &r);
	return ACT_HANDLED;
}

static int
advance(struct app *a, struct assess_state *st)
{
	a->note[0] = '\0';
	long next = assessment_step(st->as, 1);
	if (next < 0) {
		return finish(a, st);
	}
	st->as->pos = (size_t)next;
	return ACT_HANDLED;
}

static int
choose(struct app *a, struct assess_state *st, size_t o)
{
	answers_choose(st->as->q, st->as->ans, st->as->pos, o);
	st->cursor = o;
	return advance(a, st);
}

/* q: the answers so far kept and saved, then home. */
static int
leave(struct app *a, struct assess_state *st)
{
	if (assess_keep(a, st) || a->unsaved) {
		app_save(a, "Your answers so far are saved. You can carry on later.");
	}
	app_back(a);
	return ACT_HANDLED;
}

static int
back(struct app *a, struct assess_state *st)
{
	long prev = assessment_step(st->as, -1);
	if (prev < 0) {
		app_note(a, NOTE_INFO, "This is the first question.");
		return ACT_HANDLED;
	}
	a->note[0] = '\0';
	st->as->pos = (size_t)prev;
	return ACT_HANDLED;
}

static int
assess_key(struct app *a, void *state, const struct tkey *k)
{
	struct assess_state *st = state;
	size_t nopt = answers_choices(st->as->q, st->as->pos);
	if (k->fn) {
		switch (k->code) {
		case KEY_UP:
			st->cursor = st->cursor > 0 ? st->cursor - 1 : nopt - 1;
			return ACT_HANDLED;
		case KEY_DOWN:
			st->cursor = st->cursor + 1 < nopt ? st->cursor + 1 : 0;
			return ACT_HANDLED;
		case KEY_ENTER:
		case KEY_RIGHT:
			return choose(a, st, st->cursor);
		case KEY_LEFT:
		case KEY_BACKSPACE:
			return back(a, st);
		case KEY_PPAGE:
		case KEY_NPAGE:
			doc_scroll_key(&st->doc, st->body_h, &st->top, k);
			return ACT_HANDLED;
		default:
			return ACT_NONE;
		}
	}
	switch (k->code) {
	case 'k':
		st->cursor = st->cursor > 0 ? st->cursor - 1 : nopt - 1;
		return ACT_HANDLED;
	case 'j':
		st->cursor = st->cursor + 1 < nopt ? st->cursor + 1 : 0;
		return ACT_HANDLED;
	case 'l':
		return choose(a, st, st->cursor);
	case 'h':
		return back(a, st);
	case 's':
	case 'S':
		st->as->ans->values[st->as->pos] = ANSWER_SKIPPED;
		return advance(a, st);
	case 'q':
	case 'Q':
	case TERM_KEY_ESC:
		return leave(a, st);
	default:
		break;
	}
	if (k->code >= '1' && k->code <= '9') {
		size_t o = (size_t)(k->code - '1');
		if (o < nopt) {
			return choose(a, st, o);
		}
		app_note(a, NOTE_INFO, "This question has %zu options: press 1 to %zu.", nopt, nopt);
		return ACT_HANDLED;
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
	.state_size = sizeof(struct assess_state),
	.enter = assess_enter,
	.leave = assess_leave,
	.keep = assess_keep,
	.kept = "your answers so far are kept, and ladder offers to carry on next time",
	.draw = assess_draw,
	.key = assess_key,
	.help = assess_help,
};
