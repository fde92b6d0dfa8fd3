/* First run: the recovery code, shown this once, until the person says
 * they have written it down. */
#include "screen.h"

#include <string.h>

struct recovery_state {
	struct secret *code; /* taken from the opener; wiped when closed */
	bool asked_leave;
};

static void
recovery_enter(struct app *a, void *state, const void *code)
{
	(void)a;
	struct recovery_state *st = state;
	st->code = (struct secret *)code;
}

static void
recovery_leave(struct app *a, void *state)
{
	(void)a;
	struct recovery_state *st = state;
	secret_destroy(st->code);
	st->code = NULL;
}

static void
recovery_draw(struct app *a, void *state)
{
	const struct recovery_state *st = state;
	struct area ar = ui_frame(a, a->resetting ? "Your new recovery code" : "Your recovery code",
		a->resetting ? "the old one no longer works" : "step 3 of 3",
		"y or Enter I have written it down \xC2\xB7 q go on without it \xC2\xB7 ? keys");
	int y = ar.y;
	term_print(y, ar.x, ar.w, TERM_OK, a->resetting
		? "Your journal has its new passphrase." : "Your journal is ready.");
	y += 2;
	y += ui_wrap(y, ar.x, ar.w, 4, TERM_NORMAL,
		"If you ever forget your passphrase, this recovery code is the only way "
		"back into your journal. It is shown only this once:") + 1;
	if (st->code != NULL) {
		const char *code = (const char *)st->code->data;
		int cw = term_width(code, strlen(code));
		if (cw + 4 > ar.w) {
			cw = ar.w - 4;
		}
		/* at least 80 columns: the 47 characters fit on one line */
		term_fill(y, ar.x, 3, cw + 4, TERM_HIGHLIGHT);
		term_print(y + 1, ar.x + 2, cw, TERM_HIGHLIGHT, code);
		y += 4;
	}
	y += ui_wrap(y, ar.x, ar.w, 4, TERM_NORMAL,
		"Write it down on paper and keep it somewhere safe, away from this "
		"computer. Dashes and capitals do not matter when you type it in. To use "
		"it: press Tab (\"Forgot your passphrase?\") where ladder asks for the "
		"passphrase, or run ladder passwd and leave the passphrase empty.") + 1;
	if (st->asked_leave) {
		ui_wrap(y, ar.x, ar.w, 3, TERM_WARNING,
			"The code will not be shown again. Press y once it is written down, "
			"or q again to go on without it.");
	} else {
		term_print(y, ar.x, ar.w, TERM_KEY,
			"Press y or Enter when you have written it down.");
	}
}

static void
done(struct app *a)
{
	app_note(a, NOTE_OK, a->resetting ? "Your new passphrase is set. Welcome back!"
		: "Your journal is created and locked. Welcome!");
	a->resetting = false;
	if (a->opt->start == TUI_START_HOME) {
		app_go(a, SCREEN_HOME, NULL);
	} else {
		app_after_open(a);
	}
}

static int
recovery_key(struct app *a, void *state, const struct tkey *k)
{
	struct recovery_state *st = state;
	if ((!k->fn && (k->code == 'y' || k->code == 'Y')) ||
		(k->fn && k->code == KEY_ENTER)) {
		done(a);
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == 'q' || k->code == 'Q' || k->code == TERM_KEY_ESC)) {
		if (st->asked_leave) {
			done(a);
		} else {
			st->asked_leave = true;
		}
		return ACT_REDRAW;
	}
	/* any other key: say which keys go on */
	app_note(a, NOTE_INFO, "Press y or Enter once the code is written down, or q "
		"to go on without it.");
	return ACT_REDRAW;
}

static const struct help_entry recovery_help[] = {
	{"y, Enter", "I have written the code down: go on"},
	{"q, Esc", "go on without it (asks once more)"},
	{NULL, NULL},
};

const struct screen screen_recovery = {
	.name = "Your recovery code",
	.state_size = sizeof(struct recovery_state),
	.enter = recovery_enter,
	.leave = recovery_leave,
	.draw = recovery_draw,
	.key = recovery_key,
	.help = recovery_help,
};
