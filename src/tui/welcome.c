/* First run: a short welcome before the introduction to the model. */
#include "screen.h"

#include <stdlib.h>
#include <string.h>

static void
welcome_draw(struct app *a, void *st)
{
	(void)st;
	struct area ar = ui_frame(a, "Welcome", "first start",
		"Enter continue \xC2\xB7 q leave \xC2\xB7 ? keys");
	struct doc d;
	doc_init(&d);
	doc_reset(&d, ar.w);
	doc_text(&d, TERM_TITLE, 0, 0, "Welcome to ladder.");
	doc_blank(&d);
	doc_text(&d, TERM_NORMAL, 0, 0,
		"ladder helps you see where you stand in a skill, on the four rungs of "
		"the conscious competence ladder, and how you move between them over time.");
	doc_blank(&d);
	doc_text(&d, TERM_NORMAL, 0, 0,
		"Everything you answer and write stays on this computer, in a journal "
		"locked with a passphrase that you choose. Nothing is sent anywhere.");
	doc_blank(&d);
	doc_text(&d, TERM_NORMAL, 0, 0, "Getting started takes three steps:");
	doc_text(&d, TERM_NORMAL, 2, 3, "1. A one-minute introduction to the four rungs.");
	doc_text(&d, TERM_NORMAL, 2, 3, "2. Choose a passphrase for your journal.");
	doc_text(&d, TERM_NORMAL, 2, 3,
		"3. Write down the recovery code that opens your journal if you ever "
		"forget the passphrase.");
	doc_blank(&d);
	doc_text(&d, TERM_NORMAL, 0, 0,
		"Then take a questionnaire (about 15 minutes), now or later.");
	doc_blank(&d);
	doc_text(&d, TERM_DIM, 0, 0,
		"Keys: the arrow keys move, Enter picks, Esc or q goes back, and ? shows "
		"the keys of the screen you are on.");
	doc_blank(&d);
	doc_line(&d, 0);
	doc_add(&d, TERM_KEY, "Press Enter to begin.");
	doc_draw(&d, &ar, 0);
	doc_finish(&d);
}

static int
welcome_key(struct app *a, void *st, const struct tkey *k)
{
	(void)st;
	if ((k->fn && (k->code == KEY_ENTER || k->code == KEY_RIGHT)) ||
		(!k->fn && (k->code == ' ' || k->code == 'l'))) {
		app_open(a, SCREEN_INTRO, NULL);
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == 'q' || k->code == TERM_KEY_ESC)) {
		app_quit(a, LADDER_OK);
		return ACT_QUIT;
	}
	return ACT_NONE;
}

static const struct help_entry welcome_help[] = {
	{"Enter", "continue to the introduction"},
	{"q, Esc", "leave (nothing has been created yet)"},
	{NULL, NULL},
};

const struct screen screen_welcome = {
	.name = "Welcome",
	.draw = welcome_draw,
	.key = welcome_key,
	.help = welcome_help,
};
