/* The result of a session, just completed or opened from the history: the
 * explanation the core builds (ladder/report.h) drawn on the screen, then
 * the reflection or an offer to write one. */
#include "screen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/report.h"

#define AXIS_LABEL_COLS 28
#define LABEL_HANG_MAX 26 /* wider labels go on a line of their own */
#define BAR_MAX 40

struct result_state {
	size_t session; /* an index into the journal's sessions */
	bool fresh;     /* just completed: Enter goes home */
	size_t top;
	struct doc doc;
	int body_h;
};

static void
bar_line(struct doc *d, const char *name, double v)
{
	doc_line(d, 2);
	char label[96];
	int nw = term_width(name, strlen(name));
	snprintf(label, sizeof(label), "%s%*s", name, nw < AXIS_LABEL_COLS ? AXIS_LABEL_COLS - nw : 1, "");
	doc_add(d, TERM_NORMAL, label);
	if (isnan(v)) {
		doc_add(d, TERM_DIM, "no answers on this one");
		return;
	}
	int w = d->width - 2 - AXIS_LABEL_COLS - 6;
	if (w > BAR_MAX) {
		w = BAR_MAX;
	}
	if (w < 5) {
		w = 5;
	}
	double c = v < 0 ? 0 : v > 1 ? 1 : v;
	int fill = (int)lround(c * w);
	struct strbuf full, empty;
	strbuf_init(&full);
	strbuf_init(&empty);
	for (int i = 0; i < w; i++) {
		if (i < fill) {
			strbuf_puts(&full, term_unicode() ? "\xE2\x96\x88" : "#");
		} else {
			strbuf_puts(&empty, term_unicode() ? "\xE2\x96\x91" : "-");
		}
	}
	if (full.data != NULL) {
		doc_add(d, TERM_BAR, full.data);
	}
	if (empty.data != NULL) {
		doc_add(d, TERM_BAR_HIDDEN, empty.data);
	}
	strbuf_finish(&full);
	strbuf_finish(&empty);
	doc_addf(d, TERM_NORMAL, " %3d%%", (int)lround(c * 100));
}

static void
gauge(struct doc *d, enum stage s)
{
	bool u = term_unicode();
	for (int r = 1; r <= STAGE_COUNT; r++) {
		bool on = r <= (int)s;
		doc_add(d, on ? term_rung_role((int)s) : TERM_DIM,
			on ? (u ? "\xE2\x96\xA0" : "#") : (u ? "\xE2\x96\xA1" : "."));
	}
}

/* title in name_w columns: padded, or cut with an ellipsis when longer,
 * so that what follows starts in the same column on every line. */
static void
facet_name(struct doc *d, const char *title, int name_w)
{
	size_t len = strlen(title);
	int tw = term_width(title, len);
	if (tw > name_w - 2) {
		/* as much as fits before "… " */
		size_t n = 0;
		int w = 0;
		while (n < len) {
			size_t step = utf8_seq_len(title + n);
			int cw = term_width(title + n, step);
			if (w + cw > name_w - 3) {
				break;
			}
			w += cw;
			n += step;
		}
		doc_addn(d, TERM_NORMAL, title, n);
		doc_add(d, TERM_NORMAL, term_unicode() ? "\xE2\x80\xA6" : ".");
		tw = w + 1;
	} else {
		doc_add(d, TERM_NORMAL, title);
	}
	doc_addf(d, TERM_NORMAL, "%*s", name_w - tw, "");
}

/* An area's line: its title padded to name_w, the gauge and its rung; its
 * reason under it. */
static void
area_line(struct doc *d, const struct app *a, const struct report_block *b, int name_w)
{
	doc_line(d, 2);
	facet_name(d, b->label, name_w);
	if (b->stage == STAGE_NONE) {
		doc_add(d, TERM_DIM, "not placed");
	} else {
		gauge(d, b->stage);
		doc_addf(d, TERM_NORMAL, "  rung %d  %s", (int)b->stage,
			model_texts_stage(a->model, b->stage)->name);
	}
	doc_text(d, TERM_DIM, 4, 0, b->text);
}

/* The explained result (built by the core) on the screen. */
static void
doc_report(struct doc *d, const struct app *a, const struct report *r, bool fresh)
{
	/* the squares in one column, two spaces after the longest title,
	 * leaving room for "■■■□  rung 1  Unconscious incompetence" (a longer
	 * title is cut with an ellipsis) */
	int name_w = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->blocks[i].kind == REPORT_AREA) {
			int tw = term_width(r->blocks[i].label, strlen(r->blocks[i].label)) + 2;
			name_w = tw > name_w ? tw : name_w;
		}
	}
	if (name_w > d->width - 2 - 38) {
		name_w = d->width - 2 - 38;
	}
	char bullet[16];
	snprintf(bullet, sizeof(bullet), "%s ", ui_glyph_bullet());
	for (size_t i = 0; i < r->n; i++) {
		const struct report_block *b = &r->blocks[i];
		switch (b->kind) {
		case REPORT_HEADING:
			if (i > 0) {
				doc_blank(d);
			}
			doc_text(d, TERM_TITLE, 0, 0, b->text);
			break;
		case REPORT_PARA:
			doc_text(d, TERM_NORMAL, b->indent, 0, b->text);
			break;
		case REPORT_EMPHASIS:
			doc_blank(d);
			doc_text(d, TERM_KEY, b->indent, 0, b->text);
			break;
		case REPORT_NOTE:
			doc_text(d, TERM_DIM, b->indent, 0, b->text);
			break;
		case REPORT_LADDER:
			doc_ladder(d, a->model, b->stage, 2,
				fresh ? "you are here" : "you were here");
			break;
		case REPORT_BAR:
			bar_line(d, b->label, b->value);
			break;
		case REPORT_AREA:
			area_line(d, a, b, name_w);
			break;
		case REPORT_BULLET:
			doc_hanging(d, b->indent, TERM_NORMAL, bullet, TERM_NORMAL, b->text);
			break;
		case REPORT_LABELED: {
			char label[160];
			snprintf(label, sizeof(label), "%s ", b->label);
			if (term_width(label, strlen(label)) > LABEL_HANG_MAX) {
				/* a long label on a line of its own, the text under it */
				doc_text(d, TERM_KEY, b->indent + 2, 0, b->label);
				doc_text(d, TERM_NORMAL, b->indent + 4, 0, b->text);
			} else {
				doc_hanging(d, b->indent + 2, TERM_KEY, label, TERM_NORMAL, b->text);
			}
			break;
		}
		}
	}
}

void
doc_result(struct doc *d, struct app *a, size_t index, bool fresh, bool with_note)
{
	const struct journal *j = a->store->journal;
	const struct journal_session *s = &j->sessions[index];
	struct report_input in = {.q = app_questionnaire(a, s->questionnaire),
		.model = a->model, .result = s->result, .answers = s->answers,
		.completed_at = s->completed_at, .mv = journal_movement(j, index)};
	struct report r;
	if (!report_result(&r, &in)) {
		term_fatal("out of memory");
	}
	doc_line(d, 0);
	doc_add(d, TERM_TITLE, "Where you stand");
	doc_addf(d, TERM_DIM, "   %s", r.title);
	doc_blank(d);
	doc_report(d, a, &r, fresh);
	report_finish(&r);

	doc_blank(d);
	if (with_note) {
		doc_text(d, TERM_TITLE, 0, 0, "Your reflection");
		if (s->note != NULL) {
			doc_text(d, TERM_NORMAL, 0, 0, s->note);
		} else {
			doc_text(d, TERM_DIM, 0, 0, "None yet. Press w to write one.");
		}
	} else {
		doc_text(d, TERM_KEY, 0, 0,
			"What do you make of this? A few lines of your own help you notice "
			"how you move. Press w to write a reflection.");
	}
}

/* arg: a struct result_arg. */
static void
result_enter(struct app *a, void *state, const void *arg)
{
	(void)a;
	struct result_state *st = state;
	const struct result_arg *r = arg;
	st->session = r->session;
	st->fresh = r->fresh;
	doc_init(&st->doc);
}

static void
result_leave(struct app *a, void *state)
{
	(void)a;
	struct result_state *st = state;
	doc_finish(&st->doc);
}

static void
result_draw(struct app *a, void *state)
{
	struct result_state *st = state;
	struct journal_session *s = &a->store->journal->sessions[st->session];
	struct ladder_error err = {0};
	bool readable = journal_session_load(a->store->journal, s, &err);
	bool past = !st->fresh;
	const char *footer = past && readable && s->note != NULL
		? "w edit the reflection \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 q back \xC2\xB7 ? keys"
		: past ? "w write a reflection \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 q back \xC2\xB7 ? keys"
		: "w write a reflection \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 Enter or q home \xC2\xB7 ? keys";
	const struct questionnaire *q = app_questionnaire(a, s->questionnaire);
	struct area ar = ui_frame(a, q ? q->title : s->questionnaire,
		past ? "a past session" : "your result", footer);
	st->body_h = ar.h;
	doc_reset(&st->doc, ar.w);
	if (readable) {
		doc_result(&st->doc, a, st->session, st->fresh, past || s->note != NULL);
	} else {
		doc_text(&st->doc, TERM_WARNING, 0, 0,
			"This session cannot be shown: what is stored for it is damaged. "
			"Your other sessions are not affected, and this one is kept exactly "
			"as it is, so nothing more is lost. A backup of the journal's "
			"previous save is next to it, with .bak added to its name.");
		doc_blank(&st->doc);
		doc_text(&st->doc, TERM_DIM, 0, 0, err.msg);
	}
	doc_clamp(&st->doc, ar.h, &st->top);
	doc_draw(&st->doc, &ar, st->top);
}

static int
result_key(struct app *a, void *state, const struct tkey *k)
{
	struct result_state *st = state;
	if (!k->fn && (k->code == 'w' || k->code == 'e')) {
		app_open(a, SCREEN_EDITOR, &(struct editor_arg){EDIT_SESSION, (long)st->session});
		return ACT_HANDLED;
	}
	if ((!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC || k->code == 'h')) ||
		(k->fn && (k->code == KEY_LEFT || (k->code == KEY_ENTER && st->fresh)))) {
		app_back(a);
		return ACT_HANDLED;
	}
	if (doc_scroll_key(&st->doc, st->body_h, &st->top, k)) {
		return ACT_HANDLED;
	}
	return ACT_NONE;
}

static const struct help_entry result_help[] = {
	{"w", "write (or edit) your reflection on this result"},
	{"\xE2\x86\x91 \xE2\x86\x93, j k", "scroll"},
	{"PgUp PgDn, Space", "scroll a page"},
	{"Home End", "top, bottom"},
	{"q, Esc, \xE2\x86\x90", "back"},
	{NULL, NULL},
};

const struct screen screen_result = {
	.name = "Result",
	.state_size = sizeof(struct result_state),
	.enter = result_enter,
	.leave = result_leave,
	.draw = result_draw,
	.key = result_key,
	.help = result_help,
};
