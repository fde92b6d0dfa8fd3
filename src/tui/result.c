/* The result of a session, just completed or opened from the history: the
 * ladder with the person's rung, the four axes as bars, each facet's rung,
 * the calibration in plain words, borderline said honestly, the movement
 * since the last session of the same questionnaire and the next steps;
 * then an offer to write a reflection. */
#include "screen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/explain.h"
#include "ladder/timeutil.h"

#define MAX_FACETS 64
#define AXIS_LABEL_COLS 24
#define BAR_MAX 40

static size_t top;
static struct doc doc;
static bool doc_ready;
static int body_h;

static void
bar_line(struct doc *d, enum axis x, double v)
{
	doc_line(d, 2);
	char label[64];
	snprintf(label, sizeof(label), "%-*s", AXIS_LABEL_COLS - 1, explain_axis_name(x));
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

static const char *
facet_title(const struct questionnaire *q, const char *id)
{
	if (q != NULL) {
		long f = questionnaire_facet_index(q, id);
		if (f >= 0) {
			return q->facets[f].title;
		}
	}
	return id;
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

/* Each situation with the answer given and the one rated best, with the
 * reasons the authors keyed them by: the "why" behind measured competence. */
static void
doc_situations(struct doc *d, const struct questionnaire *q, const cJSON *answers)
{
	bool any = false;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (it->kind != ITEM_SCENARIO) {
			continue;
		}
		if (!any) {
			doc_blank(d);
			doc_text(d, TERM_TITLE, 0, 0, "The situations, and the reasons behind the answers");
			any = true;
		}
		size_t best = item_best_option(it);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, it->id);
		long chosen = cJSON_IsString(v) ? item_option_index(it, v->valuestring) : -1;
		char bullet[16];
		snprintf(bullet, sizeof(bullet), "%s ", ui_glyph_bullet());
		doc_hanging(d, 2, TERM_NORMAL, bullet, TERM_NORMAL, it->text);
		if (chosen < 0) {
			doc_hanging(d, 4, TERM_DIM, "You skipped this one. ", TERM_DIM, "");
		} else {
			const struct option *o = &it->options[chosen];
			const char *label = (size_t)chosen == best ? "Your answer, rated best: "
								   : "Your answer: ";
			doc_hanging(d, 4, TERM_KEY, label, TERM_NORMAL, o->text);
			if (o->rationale[0] != '\0') {
				doc_text(d, TERM_DIM, 4 + (int)strlen(label), 0, o->rationale);
			}
		}
		if (chosen < 0 || (size_t)chosen != best) {
			const struct option *o = &it->options[best];
			doc_hanging(d, 4, TERM_KEY, "Rated best: ", TERM_NORMAL, o->text);
			if (o->rationale[0] != '\0') {
				doc_text(d, TERM_DIM, 4 + (int)strlen("Rated best: "), 0, o->rationale);
			}
		}
	}
}

void
doc_result(struct doc *d, struct app *a, size_t index, bool with_note)
{
	const struct journal *j = a->store->journal;
	const struct journal_session *s = &j->sessions[index];
	const struct questionnaire *q = app_questionnaire(a, s->questionnaire);
	struct placement p, facets[MAX_FACETS];
	const char *ids[MAX_FACETS];
	size_t answered, total;
	size_t nf = explain_read_result(s->result, &p, facets, ids, MAX_FACETS,
		&answered, &total);
	if (nf > MAX_FACETS) {
		nf = MAX_FACETS;
	}
	char date[TIME_DATE_LEN];
	ui_date(s->completed_at, date);

	doc_line(d, 0);
	doc_add(d, TERM_TITLE, "Where you stand");
	doc_addf(d, TERM_DIM, "   %s, %s", q ? q->title : s->questionnaire, date);
	doc_blank(d);
	doc_ladder(d, a->model, p.stage, 2, a->result_fresh ? "you are here" : "you were here");
	doc_blank(d);
	if (p.stage == STAGE_NONE) {
		doc_text(d, TERM_NORMAL, 0, 0,
			"There were too few answers to place you on the ladder. Next time, try "
			"to answer more of the questions, including the situations.");
	} else {
		const struct model_stage_text *st = model_texts_stage(a->model, p.stage);
		doc_line(d, 0);
		doc_addf(d, TERM_TITLE, "Rung %d, %s: ", (int)p.stage, st->name);
		doc_add(d, TERM_NORMAL, st->short_text);
		const char *summary = q != NULL ? q->stages[p.stage - 1].summary : NULL;
		doc_text(d, TERM_NORMAL, 0, 0, summary != NULL && summary[0] ? summary
			: st->description);
	}
	char *bl = explain_borderline(&p);
	if (bl != NULL) {
		doc_blank(d);
		doc_text(d, TERM_KEY, 0, 0, bl);
		free(bl);
	}

	doc_blank(d);
	doc_text(d, TERM_TITLE, 0, 0, "How your answers add up");
	for (int x = 0; x < AXIS_COUNT; x++) {
		bar_line(d, (enum axis)x, p.axes[x]);
	}
	const char *cal = explain_calibration(p.calibration_gap);
	if (cal != NULL) {
		doc_blank(d);
		doc_text(d, TERM_NORMAL, 0, 0, cal);
	}

	if (nf > 0) {
		doc_blank(d);
		doc_text(d, TERM_TITLE, 0, 0, "Area by area");
		/* the squares in one column, two spaces after the longest title,
		 * leaving room for "■■■□  rung 1  Unconscious incompetence" */
		int name_w = 0;
		for (size_t f = 0; f < nf; f++) {
			const char *t = facet_title(q, ids[f]);
			int tw = term_width(t, strlen(t)) + 2;
			name_w = tw > name_w ? tw : name_w;
		}
		if (name_w > d->width - 2 - 38) {
			name_w = d->width - 2 - 38;
		}
		for (size_t f = 0; f < nf; f++) {
			doc_line(d, 2);
			facet_name(d, facet_title(q, ids[f]), name_w);
			if (facets[f].stage == STAGE_NONE) {
				doc_add(d, TERM_DIM, "not placed (too few answers)");
				continue;
			}
			gauge(d, facets[f].stage);
			doc_addf(d, TERM_NORMAL, "  rung %d  %s", (int)facets[f].stage,
				model_texts_stage(a->model, facets[f].stage)->name);
			if (facets[f].borderline) {
				doc_add(d, TERM_DIM, "  (near a line)");
			}
		}
	}

	doc_blank(d);
	doc_text(d, TERM_TITLE, 0, 0, "Since last time");
	char *mv = explain_session_movement(j, index);
	if (mv != NULL) {
		doc_text(d, TERM_NORMAL, 0, 0, mv);
		free(mv);
	}

	if (q != NULL && p.stage != STAGE_NONE && q->stages[p.stage - 1].n_next_steps > 0) {
		const struct stage_text *st = &q->stages[p.stage - 1];
		doc_blank(d);
		doc_text(d, TERM_TITLE, 0, 0, "Next steps");
		for (size_t i = 0; i < st->n_next_steps; i++) {
			char bullet[16];
			snprintf(bullet, sizeof(bullet), "%s ", ui_glyph_bullet());
			doc_hanging(d, 2, TERM_NORMAL, bullet, TERM_NORMAL, st->next_steps[i]);
		}
	}
	if (q != NULL && q->version == s->version) {
		doc_situations(d, q, s->answers);
	}
	doc_blank(d);
	char counts[160];
	snprintf(counts, sizeof(counts), "You answered %zu of %zu questions%s.", answered,
		total, answered < total ? "; the ones you skipped are left out" : "");
	doc_text(d, TERM_DIM, 0, 0, counts);

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

static void
result_enter(struct app *a)
{
	(void)a;
	top = 0;
	if (!doc_ready) {
		doc_init(&doc);
		doc_ready = true;
	}
}

static void
result_draw(struct app *a)
{
	struct journal_session *s = &a->store->journal->sessions[a->session];
	struct ladder_error err = {0};
	bool readable = journal_session_load(a->store->journal, s, &err);
	bool past = !a->result_fresh;
	const char *footer = past && readable && s->note != NULL
		? "w edit the reflection \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 q back \xC2\xB7 ? keys"
		: past ? "w write a reflection \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 q back \xC2\xB7 ? keys"
		: "w write a reflection \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 scroll \xC2\xB7 Enter or q home \xC2\xB7 ? keys";
	const struct questionnaire *q = app_questionnaire(a, s->questionnaire);
	struct area ar = ui_frame(a, q ? q->title : s->questionnaire,
		past ? "a past session" : "your result", footer);
	body_h = ar.h;
	doc_reset(&doc, ar.w);
	if (readable) {
		doc_result(&doc, a, (size_t)a->session, past || s->note != NULL);
	} else {
		doc_text(&doc, TERM_WARNING, 0, 0,
			"This session cannot be shown: what is stored for it is damaged. "
			"Your other sessions are not affected, and this one is kept exactly "
			"as it is, so nothing more is lost. A backup of the journal's "
			"previous save is next to it, with .bak added to its name.");
		doc_blank(&doc);
		doc_text(&doc, TERM_DIM, 0, 0, err.msg);
	}
	doc_clamp(&doc, ar.h, &top);
	doc_draw(&doc, &ar, top);
}

static int
result_key(struct app *a, const struct tkey *k)
{
	if (!k->fn && (k->code == 'w' || k->code == 'e')) {
		app_edit(a, EDIT_SESSION, a->session, SCREEN_RESULT);
		return ACT_REDRAW;
	}
	if ((!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC || k->code == 'h')) ||
		(k->fn && (k->code == KEY_LEFT || (k->code == KEY_ENTER && a->result_fresh)))) {
		app_go(a, a->result_back);
		return ACT_REDRAW;
	}
	if (doc_scroll_key(&doc, body_h, &top, k)) {
		return ACT_REDRAW;
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
	.enter = result_enter,
	.draw = result_draw,
	.key = result_key,
	.help = result_help,
};
