/* A result explained as one document of blocks (ladder/report.h): built
 * here once, rendered by the result screen, --plain and `score --text`. */
#include "report_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/explain.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

#define MAX_FACETS 64
#define BIG_GAP 0.25
#define WEAKEST_SHOWN 2

void
report_finish(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->blocks[i].label);
		free(r->blocks[i].text);
	}
	free(r->blocks);
	free(r->title);
	memset(r, 0, sizeof(*r));
}

/* Adds a block; takes text (malloc'ed; NULL is out of memory). */
static struct report_block *
add(struct report *r, enum report_kind kind, int indent, const char *label, char *text)
{
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 32;
		struct report_block *nb = realloc(r->blocks, ncap * sizeof(*nb));
		if (nb == NULL) {
			free(text);
			r->oom = true;
			return NULL;
		}
		r->blocks = nb;
		r->cap = ncap;
	}
	char *l = label ? str_dup(label) : NULL;
	if (text == NULL || (label != NULL && l == NULL)) {
		free(text);
		free(l);
		r->oom = true;
		return NULL;
	}
	struct report_block *b = &r->blocks[r->n++];
	*b = (struct report_block){kind, indent, l, text, NAN, STAGE_NONE, 0, 0, 0};
	return b;
}

static void
add_text(struct report *r, enum report_kind kind, int indent, const char *text)
{
	add(r, kind, indent, NULL, str_dup(text));
}

static void
add_bar(struct report *r, const char *label, double v)
{
	struct report_block *b = add(r, REPORT_BAR, 0, label, str_dup(""));
	if (b != NULL) {
		b->value = v;
	}
}

struct movement
journal_movement(const struct journal *j, size_t index)
{
	const struct journal_session *s = &j->sessions[index];
	struct movement mv = {.journal = true, .rule = s->rule, .set = s->set,
		.repeat = s->repeat, .on_ladder = journal_session_on_ladder(s)};
	mv.from = journal_movement_from(j, index);
	if (s->repeat) {
		mv.seen = journal_set_first(j, s->questionnaire, s->version, s->set, index);
	}
	const cJSON *old = s->result ? cJSON_GetObjectItemCaseSensitive(s->result, "rule_1_stage") : NULL;
	if (old != NULL) {
		mv.rescored = true;
		mv.rule_1_stage = stage_from_id(cJSON_GetStringValue(old));
	}
	return mv;
}

/* An area's rung in a few words, with its own reason. */
static char *
area_reason(const struct placement *p, const struct thresholds *t)
{
	if (p->stage == STAGE_NONE) {
		return str_dup(p->not_placed == NOT_PLACED_NO_SITUATIONS
			? "Not placed: its situations were skipped."
			: "Not placed: too few answers.");
	}
	struct strbuf sb;
	strbuf_init(&sb);
	int c = report_pct_below(p->axes[AXIS_COMPETENCE], t ? t->competence : NAN);
	int s = report_pct_below(p->measured, t ? t->scenarios : NAN);
	bool self = p->evidence == EVIDENCE_SELF_REPORT;
	if (p->stage >= STAGE_CONSCIOUS_COMPETENCE) {
		strbuf_printf(&sb, self ? "What you do reaches the line (there are no situations here); %s."
					: "What you do and your choices in the situations reach the line; %s.",
			p->stage == STAGE_UNCONSCIOUS_COMPETENCE ? "it comes easily" : "it still takes effort");
	} else {
		if (!self && p->below_competence && p->below_situations) {
			strbuf_printf(&sb, "What you do (%d%%) and your choices in the situations (%d%%) are below the line", c, s);
		} else if (!self && p->below_situations) {
			strbuf_printf(&sb, "Your choices in the situations (%d%%) are below the line", s);
		} else {
			strbuf_printf(&sb, "What you do (%d%%) is below the line", c);
		}
		if (p->stage == STAGE_CONSCIOUS_INCOMPETENCE) {
			strbuf_puts(&sb, "; you notice your gaps.");
		} else if (p->awareness_from == AWARE_OVERESTIMATION) {
			strbuf_printf(&sb, "; your self-rating is %s %s.",
				report_higher_words(p->calibration_gap),
				self ? "what you report doing" : "your choices");
		} else {
			strbuf_puts(&sb, "; few signs yet of noticing your gaps.");
		}
	}
	if (!isnan(p->calibration_gap)) {
		strbuf_printf(&sb, " Self-rating %d%%, %s %d%%.", report_pct(p->axes[AXIS_PERCEIVED]),
			self ? "what you do" : "choices", report_pct(p->measured));
	}
	if (p->borderline) {
		strbuf_puts(&sb, " Close to a line.");
	}
	return sb.data;
}

static const char *
facet_title(const struct questionnaire *q, const char *id, long *index)
{
	*index = q != NULL ? questionnaire_facet_index(q, id) : -1;
	return *index >= 0 ? q->facets[*index].title : id;
}

static void
areas(struct report *r, const struct questionnaire *q, const struct thresholds *t,
	const struct placement *f, const char **ids, size_t nf)
{
	if (nf == 0) {
		return;
	}
	add_text(r, REPORT_HEADING, 0, "Area by area");
	size_t big = SIZE_MAX;
	for (size_t i = 0; i < nf; i++) {
		long fi;
		struct report_block *b = add(r, REPORT_AREA, 0, facet_title(q, ids[i], &fi),
			area_reason(&f[i], t));
		if (b != NULL) {
			b->stage = f[i].stage;
		}
		if (!isnan(f[i].calibration_gap) && fabs(f[i].calibration_gap) >= BIG_GAP &&
			(big == SIZE_MAX || fabs(f[i].calibration_gap) > fabs(f[big].calibration_gap))) {
			big = i;
		}
	}
	if (big != SIZE_MAX) {
		long fi;
		const char *title = facet_title(q, ids[big], &fi);
		const struct placement *p = &f[big];
		/* an area without situations is measured against what the
		 * person reports doing there */
		const char *what = p->evidence == EVIDENCE_SELF_REPORT
			? "what you report doing there shows" : "your choices there show";
		const char *against = p->evidence == EVIDENCE_SELF_REPORT
			? "what you report doing" : "your choices";
		if (p->calibration_gap > 0) {
			add(r, REPORT_EMPHASIS, 0, NULL, str_printf(
				"Your largest gap is in %s: you rate yourself %d%%, and %s %d%%. Of "
				"everything here, this may be the most useful to look at.",
				title, report_pct(p->axes[AXIS_PERCEIVED]), what, report_pct(p->measured)));
		} else {
			add(r, REPORT_EMPHASIS, 0, NULL, str_printf(
				"In %s you rate yourself well below %s (%d%% against %d%%): "
				"you may be doing better there than you think.",
				title, against, report_pct(p->axes[AXIS_PERCEIVED]), report_pct(p->measured)));
		}
	}
}

static void
steps(struct report *r, const struct stage_text *st, int indent)
{
	for (size_t i = 0; i < st->n_next_steps; i++) {
		add_text(r, REPORT_BULLET, indent, st->next_steps[i]);
	}
}

/* The next steps of the weakest areas first, where the areas have their
 * own; else those of the overall rung. */
static void
next_steps(struct report *r, const struct questionnaire *q, enum stage stage,
	const struct placement *f, const char **ids, size_t nf)
{
	if (q == NULL) {
		return;
	}
	size_t order[MAX_FACETS], n = 0;
	for (size_t i = 0; i < nf; i++) {
		long fi = questionnaire_facet_index(q, ids[i]);
		if (f[i].stage == STAGE_NONE || fi < 0 || !q->facets[fi].has_stages) {
			continue;
		}
		size_t k = n++;
		/* by rung, then by the margin to the line */
		while (k > 0 && (f[order[k - 1]].stage > f[i].stage ||
			(f[order[k - 1]].stage == f[i].stage && f[order[k - 1]].margin > f[i].margin))) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
	if (n > 0) {
		add_text(r, REPORT_HEADING, 0, n > 1 ? "Next steps, weakest area first" : "Next steps");
		for (size_t k = 0; k < n && k < WEAKEST_SHOWN; k++) {
			const struct placement *p = &f[order[k]];
			const struct facet *fc = &q->facets[questionnaire_facet_index(q, ids[order[k]])];
			const struct stage_text *st = &fc->stages[p->stage - 1];
			char *label = str_printf("%s (rung %d):", fc->title, (int)p->stage);
			if (label == NULL) {
				r->oom = true;
				return;
			}
			add(r, REPORT_LABELED, 0, label, str_dup(st->summary));
			free(label);
			steps(r, st, 2);
		}
		return;
	}
	if (stage != STAGE_NONE && q->stages[stage - 1].n_next_steps > 0) {
		add_text(r, REPORT_HEADING, 0, "Next steps");
		steps(r, &q->stages[stage - 1], 0);
	}
}

/* A situation's option as a LABELED block: its text and reason, with its
 * letter and where the reason starts. */
static void
option_block(struct report *r, const char *label, const struct item *it, size_t k)
{
	const struct option *o = &it->options[k];
	struct report_block *b = add(r, REPORT_LABELED, 2, label, str_printf("%s%s%s",
		o->text, o->rationale[0] ? " " : "", o->rationale));
	if (b != NULL) {
		b->letter = k < 26 ? (char)('A' + k) : 0;
		b->reason_at = o->rationale[0] ? strlen(o->text) + 1 : 0;
	}
}

/* Each situation asked, with the answer given and the one rated best. */
static void
situations(struct report *r, const struct questionnaire *q, const cJSON *answers, int set)
{
	bool any = false;
	int number = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (!questionnaire_item_asked(q, i, set)) {
			continue;
		}
		number++; /* as the sheet numbers it */
		if (it->kind != ITEM_SCENARIO) {
			continue;
		}
		if (!any) {
			add_text(r, REPORT_HEADING, 0, "The situations, and the reasons behind the answers");
			add_text(r, REPORT_NOTE, 0, "The answers rated best are the judgement of the "
				"questionnaire's authors, with their reasons. You may see a situation "
				"differently, and that is worth a thought too.");
			any = true;
		}
		size_t best = item_best_option(it);
		const cJSON *v = answers ? cJSON_GetObjectItemCaseSensitive(answers, it->id) : NULL;
		long chosen = cJSON_IsString(v) ? item_option_index(it, v->valuestring) : -1;
		struct report_block *b = add(r, REPORT_BULLET, 0, NULL, str_dup(it->text));
		if (b != NULL) {
			b->number = number;
		}
		if (chosen < 0) {
			add_text(r, REPORT_NOTE, 2, "You skipped this one.");
		} else {
			option_block(r, (size_t)chosen == best ? "Your answer, rated best:"
				: "Your answer:", it, (size_t)chosen);
		}
		if (chosen < 0 || (size_t)chosen != best) {
			option_block(r, "Rated best:", it, best);
		}
	}
}

bool
report_result(struct report *r, const struct report_input *in)
{
	memset(r, 0, sizeof(*r));
	struct placement p, f[MAX_FACETS];
	const char *ids[MAX_FACETS];
	size_t answered, total;
	size_t nf = explain_read_result(in->result, &p, f, ids, MAX_FACETS, &answered, &total);
	nf = nf > MAX_FACETS ? MAX_FACETS : nf;
	const cJSON *qo = cJSON_GetObjectItemCaseSensitive(in->result, "questionnaire");
	const cJSON *qv = cJSON_GetObjectItemCaseSensitive(qo, "version");
	const struct questionnaire *q = in->q;
	/* item texts only from the version the answers were given to */
	const struct questionnaire *same = q != NULL && cJSON_IsNumber(qv) &&
		qv->valueint == q->version ? q : NULL;
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(in->result, "rule");
	bool current = cJSON_IsNumber(rule) && rule->valueint == SCORING_RULE;
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(in->result, "set");
	int set_n = cJSON_IsNumber(set) ? set->valueint : 0;
	struct thresholds t;
	if (same != NULL) {
		t = score_thresholds(same);
	}

	char date[TIME_DATE_LEN] = "";
	if (in->completed_at > 0) {
		time_format_date(in->completed_at, date);
	}
	const char *qt = q ? q->title : cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(qo, "id"));
	r->title = str_printf("%s%s%s", qt ? qt : "", date[0] ? ", " : "", date);
	r->stage = current ? p.stage : STAGE_NONE;
	if (r->title == NULL) {
		r->oom = true;
	}
	struct report_block *b = add(r, REPORT_LADDER, 0, NULL, str_dup(""));
	if (b != NULL) {
		b->stage = r->stage;
	}
	if (!current) {
		add_text(r, REPORT_EMPHASIS, 0, "This session was scored under an earlier rule, "
			"which could place people too high or too low, and the version of the "
			"questionnaire it was taken on is not at hand to score it again. It is kept "
			"as it was, and is not placed on the ladder or compared with other sessions.");
	} else if (p.stage != STAGE_NONE) {
		const struct model_stage_text *st = model_texts_stage(in->model, p.stage);
		add(r, REPORT_HEADING, 0, NULL, str_printf("Rung %d, %s: %s", (int)p.stage,
			st->name, st->short_text));
		const char *summary = same ? same->stages[p.stage - 1].summary : NULL;
		add_text(r, REPORT_PARA, 0, summary && summary[0] ? summary : st->description);
	}
	if (current) {
		add_text(r, REPORT_HEADING, 0, p.stage == STAGE_NONE ? "Not placed this time"
									: "Why this rung");
		add(r, REPORT_PARA, 0, NULL, report_why(&p, same ? &t : NULL));
		char *bl = report_borderline(&p);
		if (bl != NULL) {
			add(r, REPORT_EMPHASIS, 0, NULL, bl);
		}
	}

	add_text(r, REPORT_HEADING, 0, "How your answers add up");
	add_bar(r, "What you do", p.axes[AXIS_COMPETENCE]);
	if (p.evidence == EVIDENCE_SITUATIONS) {
		add_bar(r, "Your choices in situations", p.measured);
	}
	add_bar(r, explain_axis_name(AXIS_AWARENESS), p.axes[AXIS_AWARENESS]);
	add_bar(r, explain_axis_name(AXIS_AUTOMATICITY), p.axes[AXIS_AUTOMATICITY]);
	add_bar(r, explain_axis_name(AXIS_PERCEIVED), p.axes[AXIS_PERCEIVED]);
	char *cal = report_calibration(p.axes[AXIS_PERCEIVED], p.measured,
		p.evidence == EVIDENCE_SELF_REPORT);
	if (cal != NULL) {
		add(r, REPORT_PARA, 0, NULL, cal);
	}

	if (current) {
		areas(r, q, same ? &t : NULL, f, ids, nf);
	}
	char *mv = report_movement_text(&in->mv, p.stage);
	if (mv != NULL) {
		add_text(r, REPORT_HEADING, 0, "Since last time");
		add(r, REPORT_PARA, 0, NULL, mv);
	}
	if (current) {
		next_steps(r, same, p.stage, f, ids, nf);
	}
	if (same != NULL) {
		situations(r, same, in->answers, set_n);
	}
	add(r, REPORT_NOTE, 0, NULL, str_printf("You answered %zu of %zu questions%s.", answered,
		total, answered < total ? "; the ones you skipped are left out" : ""));
	if (set_n > 0 && same != NULL && same->n_sets > 1) {
		add(r, REPORT_NOTE, 0, NULL, str_printf("The situations were set %d of %d; "
			"next time you can take another set, with situations you have not seen.",
			set_n, same->n_sets));
	}
	return !r->oom;
}
