/* Home: where the person stands in each questionnaire (rung and date of
 * the last session), and the menu. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "ladder/assessment.h"
#include "ladder/standing.h"
#include "ladder/timeutil.h"

struct home_state {
	int selected;
};

enum {
	ITEM_TAKE,
	ITEM_HISTORY,
	ITEM_REFLECT,
	ITEM_EXPORT,
	ITEM_ABOUT,
	ITEM_QUIT,
	ITEM_COUNT,
};

static const char *const item_names[ITEM_COUNT] = {
	"Take a questionnaire",
	"History: how you have moved",
	"Write a reflection",
	"Export your journal",
	"About the model",
	"Quit",
};

/* "■■■□" for a rung: its place shown by shape, not colour alone. */
static void
rung_gauge(int y, int x, enum stage s)
{
	bool u = term_unicode();
	for (int r = 1; r <= STAGE_COUNT; r++) {
		bool on = r <= (int)s;
		term_print(y, x + r - 1, 1, on ? term_rung_role((int)s) : TERM_DIM,
			on ? (u ? "\xE2\x96\xA0" : "#") : (u ? "\xE2\x96\xA1" : "."));
	}
}

/* One line of "where you stand". */
static void
stand_line(struct app *a, int y, const struct area *ar, int name_w,
	const struct standing_line *l)
{
	term_print(y, ar->x + 2, name_w - 1, TERM_NORMAL, l->q->title);
	int x = ar->x + 2 + name_w;
	int w = ar->w - 2 - name_w;
	if (l->standing != STANDING_PLACED) {
		term_print(y, x, w, TERM_DIM, standing_words(l->standing));
	} else {
		rung_gauge(y, x, l->stage);
		char text[120];
		snprintf(text, sizeof(text), "rung %d  %s", (int)l->stage,
			model_texts_stage(a->model, l->stage)->name);
		term_print(y, x + 5, w - 5 - 13, TERM_NORMAL, text);
	}
	if (l->standing != STANDING_NOT_TAKEN) {
		char date[TIME_DATE_LEN];
		ui_date(l->at, date);
		int dw = (int)strlen(date);
		term_print(y, ar->x + ar->w - dw, dw, TERM_DIM, date);
	}
}

static void
home_draw(struct app *a, void *state)
{
	const struct home_state *st = state;
	struct area ar = ui_frame(a, "Home", NULL,
		"\xE2\x86\x91\xE2\x86\x93 move \xC2\xB7 Enter pick \xC2\xB7 1-6 pick \xC2\xB7 q quit \xC2\xB7 ? keys");
	const struct catalog *cat = app_catalog(a);
	struct home_doc d;
	if (!home_build(&d, a->store->journal, cat)) {
		term_fatal("out of memory");
	}
	int y = ar.y;
	term_print(y++, ar.x, ar.w, TERM_TITLE, "Where you stand");
	/* as wide as the longest title, leaving room for the rung and date */
	int name_w = 0;
	for (size_t i = 0; i < cat->n; i++) {
		int tw = term_width(cat->items[i]->title, strlen(cat->items[i]->title)) + 3;
		name_w = tw > name_w ? tw : name_w;
	}
	if (name_w > ar.w - 2 - 48) {
		name_w = ar.w - 2 - 48;
	}
	/* keep room for the menu below */
	int room = ar.h - ITEM_COUNT - 4;
	size_t shown = 0;
	for (size_t i = 0; i < cat->n; i++) {
		if ((int)shown >= room - 1 && cat->n - i > 1) {
			char more[80];
			snprintf(more, sizeof(more), "and %zu more (see History)", cat->n - i);
			term_print(y++, ar.x + 2, ar.w - 2, TERM_DIM, more);
			break;
		}
		stand_line(a, y++, &ar, name_w, &d.lines[i]);
		shown++;
	}
	if (cat->n == 0) {
		term_print(y++, ar.x + 2, ar.w - 2, TERM_WARNING,
			"No questionnaires were found (see 'ladder list').");
	}
	for (size_t i = 0; i < d.n_unfinished && (int)(y - ar.y) < room + 1; i++) {
		const struct journal_unfinished *u = d.unfinished[i];
		const struct questionnaire *q = app_questionnaire(a, u->questionnaire);
		char line[300];
		char date[TIME_DATE_LEN];
		ui_date(u->started_at, date);
		size_t n = (size_t)cJSON_GetArraySize(u->answers);
		snprintf(line, sizeof(line), "Unfinished: %s, %zu of %zu answered (%s)",
			q ? q->title : u->questionnaire, n, q ? assessment_kept_asked(a->store->journal, q, u, 0) : n, date);
		term_print(y++, ar.x + 2, ar.w - 2, TERM_DIM, line);
	}
	y++;
	term_print(y++, ar.x, ar.w, TERM_TITLE, "What would you like to do?");
	y += ui_menu_draw(a, y, ar.x, 40, item_names, ITEM_COUNT, st->selected);
	bool empty = d.empty;
	home_finish(&d);
	if (empty) {
		y++;
		ui_wrap(y, ar.x, ar.w, ar.y + ar.h - y, TERM_DIM,
			"A good first step: take a questionnaire. You can stop at any time "
			"with q and carry on later.");
	}
}

static int
pick(struct app *a, void *state, int item)
{
	(void)state;
	a->note[0] = '\0';
	switch (item) {
	case ITEM_TAKE:
		app_open(a, SCREEN_CHOOSE, NULL);
		break;
	case ITEM_HISTORY:
		app_open(a, SCREEN_HISTORY, NULL);
		break;
	case ITEM_REFLECT:
		app_open(a, SCREEN_EDITOR, &(struct editor_arg){EDIT_NEW, -1});
		break;
	case ITEM_EXPORT:
		app_open(a, SCREEN_EXPORT, NULL);
		break;
	case ITEM_ABOUT:
		app_open(a, SCREEN_INTRO, a); /* non-NULL: from home */
		break;
	case ITEM_QUIT:
		if (a->unsaved && !a->quit_asked) {
			a->quit_asked = true;
			app_note(a, NOTE_ERROR, "Your last changes are not saved. Press F5 to "
				"try again, or q once more to leave without them.");
			return ACT_REDRAW;
		}
		app_quit(a, a->unsaved ? LADDER_FAIL : LADDER_OK);
		if (a->unsaved) {
			snprintf(a->exit_msg, sizeof(a->exit_msg),
				"left without saving the last changes: %s", a->unsaved_msg);
		}
		return ACT_QUIT;
	default:
		break;
	}
	return ACT_REDRAW;
}

static int
home_key(struct app *a, void *state, const struct tkey *k)
{
	struct home_state *st = state;
	int act = ui_menu_keys(a, st, k, &st->selected, ITEM_COUNT, pick);
	if (act != ACT_NONE || k->fn) {
		return act;
	}
	switch (k->code) {
	case 'q':
	case 'Q':
		return pick(a, st, ITEM_QUIT);
	case TERM_KEY_ESC:
		app_note(a, NOTE_INFO, "This is home. To leave ladder, press q or pick Quit.");
		return ACT_HANDLED;
	default:
		return ACT_NONE;
	}
}

static const struct help_entry home_help[] = {
	{"\xE2\x86\x91 \xE2\x86\x93, j k", "move in the menu"},
	{"Enter, \xE2\x86\x92, l", "pick"},
	{"1-6", "pick by number"},
	{"q", "quit ladder"},
	{"F5", "try again to save, after a save failed"},
	{NULL, NULL},
};

const struct screen screen_home = {
	.name = "Home",
	.state_size = sizeof(struct home_state),
	.draw = home_draw,
	.key = home_key,
	.help = home_help,
};
