/* An unfinished session: carry on where the person left, start again, or
 * leave it for later. */
#include "screen.h"

#include "ladder/assessment.h"

#include <stdio.h>

#include "ladder/timeutil.h"

struct resume_state {
	const struct questionnaire *q; /* with an unfinished session */
	int selected;
};

enum { OPT_CONTINUE, OPT_AGAIN, OPT_LATER, OPT_COUNT };

static const char *const opt_names[OPT_COUNT] = {
	"Carry on where I left off",
	"Start again from the first question",
	"Not now",
};

static void
resume_enter(struct app *a, void *state, const void *q)
{
	(void)a;
	struct resume_state *st = state;
	st->q = q;
	st->selected = OPT_CONTINUE;
}

static void
resume_draw(struct app *a, void *state)
{
	const struct resume_state *st = state;
	struct area ar = ui_frame(a, "Carry on?", NULL,
		"\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter pick \xC2\xB7 1-3 pick \xC2\xB7 q not now \xC2\xB7 ? keys");
	const struct questionnaire *q = st->q;
	const struct journal_unfinished *u = journal_unfinished_get(a->store->journal, q->id);
	int y = ar.y;
	if (u == NULL) {
		return;
	}
	char date[TIME_DATE_LEN];
	ui_date(u->started_at, date);
	size_t n = (size_t)cJSON_GetArraySize(u->answers);
	size_t asked = assessment_kept_asked(a->store->journal, q, u, 0);
	char line[400];
	snprintf(line, sizeof(line),
		"You started \"%s\" on %s and answered %zu of its %zu questions. "
		"Your answers so far are kept in your journal.", q->title, date, n, asked);
	y += ui_wrap(y, ar.x, ar.w, 4, TERM_NORMAL, line) + 1;
	y += ui_menu_draw(a, y, ar.x, 44, opt_names, OPT_COUNT, st->selected);
	y++;
	if (st->selected == OPT_AGAIN) {
		ui_wrap(y, ar.x, ar.w, 2, TERM_DIM,
			"Starting again sets the earlier answers aside.");
	}
}

static int
pick(struct app *a, void *state, int opt)
{
	const struct resume_state *st = state;
	switch (opt) {
	case OPT_CONTINUE:
		app_assess(a, st->q, true);
		break;
	case OPT_AGAIN:
		app_assess(a, st->q, false);
		break;
	default:
		app_back(a);
		break;
	}
	return ACT_REDRAW;
}

static int
resume_key(struct app *a, void *state, const struct tkey *k)
{
	struct resume_state *st = state;
	int act = ui_menu_keys(a, st, k, &st->selected, OPT_COUNT, pick);
	if (act != ACT_NONE) {
		return act;
	}
	if (k->fn) {
		return k->code == KEY_LEFT ? pick(a, st, OPT_LATER) : ACT_NONE;
	}
	switch (k->code) {
	case 'c': return pick(a, st, OPT_CONTINUE);
	case 'q':
	case 'h':
	case TERM_KEY_ESC:
		return pick(a, st, OPT_LATER);
	default:
		return ACT_NONE;
	}
}

static const struct help_entry resume_help[] = {
	{"\xE2\x86\x91 \xE2\x86\x93, j k", "move"},
	{"Enter", "pick"},
	{"1, c", "carry on where you left off"},
	{"2", "start again"},
	{"3, q, Esc", "not now (the answers stay kept)"},
	{NULL, NULL},
};

const struct screen screen_resume = {
	.name = "Carry on?",
	.state_size = sizeof(struct resume_state),
	.enter = resume_enter,
	.draw = resume_draw,
	.key = resume_key,
	.help = resume_help,
};
