/* The sentences of an explained result, each made from the numbers and
 * reasons of a placement (ladder-questionnaire(5), SCORING): why this
 * rung, how near a line, self-rating against choices, movement. */
#include "report_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/timeutil.h"
#include "ladder/util.h"

int
report_pct(double v)
{
	if (isnan(v)) {
		return 0; /* callers say nothing of undefined values */
	}
	return (int)lround((v < 0 ? 0 : v > 1 ? 1 : v) * 100);
}

int
report_pct_below(double v, double t)
{
	int p = report_pct(v);
	/* a value below its line never shows as the line's own percentage */
	if (!isnan(t) && v < t && p >= report_pct(t)) {
		p = report_pct(t) - 1;
	}
	return p;
}

const char *
report_higher_words(double gap)
{
	double g = fabs(gap);
	if (isnan(gap) || g < 0.10 - 1e-9) {
		return "about as high as";
	}
	return g < 0.25 - 1e-9 ? "somewhat higher than" : "a good deal higher than";
}

/* " (the line is at 60%)" when the threshold is known, else "". */
static void
line_at(char buf[48], double t)
{
	buf[0] = '\0';
	if (!isnan(t)) {
		snprintf(buf, 48, " (the line is at %d%%)", report_pct(t));
	}
}

char *
report_calibration(double perceived, double measured, bool self_report)
{
	double gap = perceived - measured;
	if (isnan(gap)) {
		return NULL;
	}
	const char *what = self_report ? "your answers about what you do" : "your choices in the situations";
	/* the bands of ladder-questionnaire(5); 1e-9 as everywhere in the rule */
	double g = fabs(gap);
	const char *band = g < 0.10 - 1e-9 ? NULL : g < 0.25 - 1e-9 ? "somewhat" : "a good deal";
	if (band == NULL) {
		return str_printf("Your self-rating (%d%%) matches %s (%d%%).",
			report_pct(perceived), what, report_pct(measured));
	}
	if (gap > 0) {
		return str_printf("You rate yourself %s higher (%d%%) than %s show (%d%%).%s",
			band, report_pct(perceived), what, report_pct(measured),
			g >= 0.25 - 1e-9 ? " This is common, and worth noticing: seeing such a gap is "
				    "often the first step up the ladder." : "");
	}
	return str_printf("You rate yourself %s lower (%d%%) than %s show (%d%%). "
			  "That does not count against you: you may be doing better than you think.",
		band, report_pct(perceived), what, report_pct(measured));
}

/* Which of C and S held the placement below the line, in words. */
static char *
below_words(const struct placement *p, const struct thresholds *t)
{
	char at[48];
	double tc = t ? t->competence : NAN, ts = t ? t->scenarios : NAN;
	int c = report_pct_below(p->axes[AXIS_COMPETENCE], tc);
	int s = report_pct_below(p->measured, ts);
	if (p->evidence == EVIDENCE_SELF_REPORT) {
		line_at(at, t ? t->competence : NAN);
		return str_printf("Your answers about what you do (%d%%) are below the competence line%s. "
				  "There are no situations here, so this rests on what you report alone.",
			c, at);
	}
	if (p->below_competence && p->below_situations) {
		line_at(at, t && t->competence == t->scenarios ? t->competence : NAN);
		return str_printf("Your answers about what you do (%d%%) and your choices in the situations "
				  "(%d%%) are both below the competence line%s.", c, s, at);
	}
	if (p->below_situations) {
		line_at(at, t ? t->scenarios : NAN);
		return str_printf("Your answers about what you do (%d%%) reach the competence line, but your "
				  "choices in the situations (%d%%) do not%s. Both must reach it.", c, s, at);
	}
	line_at(at, t ? t->competence : NAN);
	return str_printf("Your choices in the situations (%d%%) reach the competence line, but "
			  "your answers about what you do (%d%%) do not%s. Both must reach it.", s, c, at);
}

char *
report_why(const struct placement *p, const struct thresholds *t)
{
	switch (p->not_placed) {
	case NOT_PLACED_NO_SITUATIONS:
		return str_dup("You skipped every situation, so nothing shows how you would act: "
			       "this time you are not placed on the ladder. Your answers are kept.");
	case NOT_PLACED_NO_COMPETENCE:
		return str_dup("Too few questions were answered to place you on the ladder this time.");
	case NOT_PLACED_NO_AWARENESS:
		return str_dup("Your answers place you below the competence line, but without the "
			       "questions on noticing your own gaps, or your self-rating, rung 1 and "
			       "rung 2 cannot be told apart: you are not placed this time.");
	case NOT_PLACED_NO_AUTOMATICITY:
		return str_dup("Your answers place you above the competence line, but without the "
			       "questions on how much effort it takes, rung 3 and rung 4 cannot be "
			       "told apart: you are not placed this time.");
	case PLACED:
		break;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	int c = report_pct(p->axes[AXIS_COMPETENCE]), s = report_pct(p->measured);
	int u = report_pct(p->axes[AXIS_AUTOMATICITY]), a = report_pct(p->axes[AXIS_AWARENESS]);
	if (p->stage >= STAGE_CONSCIOUS_COMPETENCE) {
		if (p->evidence == EVIDENCE_SELF_REPORT) {
			strbuf_printf(&sb, "Your answers about what you do (%d%%) reach the competence line. "
					   "There are no situations here, so this rests on what you report alone. ", c);
		} else {
			strbuf_printf(&sb, "Both your answers about what you do (%d%%) and your choices in "
					   "the situations (%d%%) reach the competence line. ", c, s);
		}
		strbuf_printf(&sb, p->stage == STAGE_UNCONSCIOUS_COMPETENCE
			? "And it comes without much effort (%d%% on ease): that is rung 4."
			: "It still takes deliberate effort (%d%% on ease): that is rung 3.", u);
		return sb.data;
	}
	char *below = below_words(p, t);
	strbuf_printf(&sb, "%s ", below ? below : "");
	free(below);
	const char *against = p->evidence == EVIDENCE_SELF_REPORT
		? "your answers about what you do" : "what your choices in the situations show";
	/* where awareness came from over-estimation, the self-rating and what
	 * it is measured against are what decided: said in the calibration's
	 * own bands */
	int pp = report_pct(p->axes[AXIS_PERCEIVED]), ps = report_pct(p->measured);
	const char *higher = report_higher_words(p->calibration_gap);
	if (p->stage == STAGE_CONSCIOUS_INCOMPETENCE) {
		if (p->awareness_from == AWARE_OVERESTIMATION) {
			strbuf_printf(&sb, "Your self-rating (%d%%) is %s %s (%d%%), but not so far "
					   "above that the gap is hidden from you: that is rung 2, knowing what "
					   "there is to learn.", pp, higher, against, ps);
		} else {
			strbuf_printf(&sb, "Your answers show that you notice your own gaps (%d%%): that "
					   "is rung 2, knowing what there is to learn.", a);
		}
	} else if (p->awareness_from == AWARE_OVERESTIMATION) {
		strbuf_printf(&sb, "And your self-rating (%d%%) is %s %s (%d%%). Not yet seeing "
				   "that gap is what rung 1 means; seeing it is the first step up.",
			pp, higher, against, ps);
	} else {
		strbuf_printf(&sb, "And your answers show few signs yet of noticing your own gaps "
				   "(%d%%): that is rung 1, where a gap is not yet visible.", a);
	}
	return sb.data;
}

/* What a little more of would take the placement over the line. */
static const char *
below_side(const struct placement *p)
{
	if (p->evidence == EVIDENCE_SITUATIONS && p->below_situations) {
		return p->below_competence ? "both what you do and the situations"
					   : "the situations";
	}
	return "what you do";
}

char *
report_borderline(const struct placement *p)
{
	if (!p->borderline || p->stage == STAGE_NONE || p->nearest == STAGE_NONE) {
		return NULL;
	}
	bool above = p->stage >= STAGE_CONSCIOUS_COMPETENCE;
	bool across = (p->nearest >= STAGE_CONSCIOUS_COMPETENCE) != above;
	if (across && !above) {
		return str_printf("You are close to the competence line: a little more in %s would "
				  "place you on rung %d.", below_side(p), (int)p->nearest);
	}
	if (across) {
		const char *side = p->margin_from_situations ? "the situations" : "what you do";
		return str_printf("You are close to the competence line: a little less in %s would "
				  "place you on rung %d.", side, (int)p->nearest);
	}
	if (!above) {
		return str_printf("You are close to the line between rung 1 and rung 2: %s would "
				  "place you on rung %d.",
			p->nearest > p->stage ? "noticing your gaps a little more"
					      : "noticing your gaps a little less",
			(int)p->nearest);
	}
	return str_printf("You are close to the line between rung 3 and rung 4: %s would "
			  "place you on rung %d.",
		p->nearest > p->stage ? "a little more ease" : "a little more effort",
		(int)p->nearest);
}

/* "rung 3 (conscious competence)" */
static void
rung_words(char buf[80], enum stage s)
{
	const char *name = stage_name(s);
	snprintf(buf, 80, "rung %d (%s%s)", (int)s, name ? "" : "?", name ? name : "");
	for (char *c = buf; *c; c++) {
		if (*c >= 'A' && *c <= 'Z') {
			*c = (char)(*c - 'A' + 'a');
		}
	}
}

char *
report_movement_text(const struct movement *mv, enum stage now)
{
	if (!mv->journal) {
		return NULL;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	char date[TIME_DATE_LEN], was[80], is[80];
	if (mv->rule != SCORING_RULE) {
		strbuf_puts(&sb, "This session was scored under an earlier rule, which could place "
				 "people too high or too low, and its questionnaire's version is not at "
				 "hand to score it again. It is kept as it was, and left out of your movement.");
		return sb.data;
	}
	if (!mv->on_ladder) {
		strbuf_puts(&sb, "This session is not placed, so it is left out of your movement.");
	} else if (mv->from == NULL) {
		strbuf_puts(&sb, "This is your first placed session of this questionnaire. "
				 "Next time you will see here how you have moved.");
	} else {
		time_format_date(mv->from->completed_at, date);
		rung_words(was, mv->from->stage);
		rung_words(is, now);
		if (now > mv->from->stage) {
			strbuf_printf(&sb, "You moved up to %s from %s since your last time, on %s.",
				is, was, date);
		} else if (now < mv->from->stage) {
			strbuf_printf(&sb, "You are on %s, lower than your last time, on %s, when you "
					   "were on %s. Sliding back happens to everyone: a new setting can "
					   "make old habits stop fitting.", is, date, was);
		} else {
			strbuf_printf(&sb, "The same rung as your last time, on %s.", date);
		}
	}
	if (mv->repeat && mv->seen != NULL) {
		time_format_date(mv->seen->completed_at, date);
		if (mv->set > 0) {
			strbuf_printf(&sb, " These were the same situations as on %s (set %d): you had "
					   "seen their best answers and reasons, so part of any change may be "
					   "memory.", date, mv->set);
		} else {
			strbuf_printf(&sb, " These were the same situations as on %s: you had seen their "
					   "best answers and reasons, so part of any change may be memory.", date);
		}
	}
	if (mv->rescored && mv->rule_1_stage != STAGE_NONE) {
		rung_words(was, mv->rule_1_stage);
		strbuf_printf(&sb, " This session was scored again under the current rule; the "
				   "earlier rule had placed it on %s.", was);
	}
	return sb.data;
}
