/* The words of a row of the history's sessions: the move that led to a
 * session (from the core's one movement) and its marks, as wide as the
 * column allows; and the line that says what the selected session's mark
 * means. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "ladder/standing.h"
#include "ladder/timeutil.h"

void
history_move_text(const struct journal *j, size_t index, int mv_w, char *out, size_t n)
{
	struct history_row row;
	history_row(j, index, &row);
	enum stage from = row.from;
	const char *mv = "";
	char mvbuf[160];
	if (row.standing == STANDING_EARLIER_RULE) {
		mv = "earlier rule, kept";
	} else if (from != STAGE_NONE) {
		bool up = row.stage > from;
		/* the widest form that fits, with " · repeat" after it for a
		 * repeat: "down from rung 3" (18 cells), "down from 3", "from 3" */
		const char *arrow = up ? (term_unicode() ? "\xE2\x86\x91" : "^")
				       : (term_unicode() ? "\xE2\x86\x93" : "v");
		int need = row.seen != NULL || j->sessions[index].repeat ? 9 : 0;
		if (mv_w >= (up ? 16 : 18) + need) {
			snprintf(mvbuf, sizeof(mvbuf), "%s %s from rung %d", arrow,
				up ? "up" : "down", (int)from);
		} else if (mv_w >= (up ? 11 : 13) + need) {
			snprintf(mvbuf, sizeof(mvbuf), "%s %s from %d", arrow,
				up ? "up" : "down", (int)from);
		} else {
			snprintf(mvbuf, sizeof(mvbuf), "%s from %d", arrow, (int)from);
		}
		mv = mvbuf;
	} else if (row.first) {
		mv = "first time";
	}
	if (j->sessions[index].repeat) {
		/* a repeat: the person had seen these situations' answers;
		 * the longest mark that fits */
		char day[TIME_DATE_LEN] = "";
		if (row.seen != NULL) {
			ui_date(row.seen->completed_at, day);
		}
		char full[64], rep[160];
		snprintf(full, sizeof(full), "same situations as on %s", day);
		const char *marks[] = {day[0] ? full : "same situations", "same situations", "repeat"};
		int used = term_width(mv, strlen(mv)) + (mv[0] ? 3 : 0);
		const char *mark = marks[2];
		for (size_t m = 0; m < 2; m++) {
			if (used + (int)strlen(marks[m]) <= mv_w) {
				mark = marks[m];
				break;
			}
		}
		snprintf(rep, sizeof(rep), "%.80s%s%s", mv, mv[0] ? " \xC2\xB7 " : "", mark);
		snprintf(mvbuf, sizeof(mvbuf), "%s", rep);
		mv = mvbuf;
	}
	snprintf(out, n, "%s", mv);
}

void
history_mark_note(const struct journal *j, int y, const struct area *ar,
	const struct journal_session *s)
{
	char line[300], day[TIME_DATE_LEN];
	line[0] = '\0';
	struct history_row row;
	history_row(j, (size_t)(s - j->sessions), &row);
	const struct journal_session *seen = row.seen;
	if (row.standing == STANDING_EARLIER_RULE) {
		snprintf(line, sizeof(line), "Scored under an earlier rule: kept as it was, and not "
			"compared with the others.");
	} else if (seen != NULL) {
		ui_date(seen->completed_at, day);
		if (s->set > 0) {
			snprintf(line, sizeof(line), "Same situations as on %s (set %d): you had seen "
				"their best answers.", day, s->set);
		} else {
			snprintf(line, sizeof(line), "Same situations as on %s: you had seen their best "
				"answers.", day);
		}
	}
	term_print(y, ar->x, ar->w, TERM_DIM, line);
}

