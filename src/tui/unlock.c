/* Unlock: the passphrase of an existing journal. A wrong one says so and
 * keeps what was typed (hidden) to correct; after three, the program
 * leaves with status 3. "Forgot your passphrase?" (Tab) takes the recovery
 * code instead, then a new passphrase. */
#include "screen.h"

#include "ladder/journal_open.h"

#include <stdio.h>
#include <string.h>

#define UNLOCK_TRIES 3

struct unlock_state {
	struct passfield field;
	int failures;
	bool working;
	bool use_code; /* the field takes the recovery code */
};

static void
unlock_enter(struct app *a, void *state, const void *arg)
{
	(void)a;
	(void)arg;
	struct unlock_state *st = state;
	passfield_init(&st->field);
}

/* What was typed, wiped. */
static void
unlock_leave(struct app *a, void *state)
{
	(void)a;
	struct unlock_state *st = state;
	passfield_finish(&st->field);
}

static void
unlock_draw(struct app *a, void *state)
{
	const struct unlock_state *st = state;
	struct area ar = ui_frame(a, "Unlock your journal", st->use_code ? "with the recovery code" : NULL,
		st->use_code ? "Enter open \xC2\xB7 Tab use the passphrase \xC2\xB7 Ctrl-U clear \xC2\xB7 Esc leave \xC2\xB7 F1 keys"
		: "Enter open \xC2\xB7 Tab forgot it? \xC2\xB7 Ctrl-U clear \xC2\xB7 Esc leave \xC2\xB7 F1 keys");
	int y = ar.y;
	y += ui_wrap(y, ar.x, ar.w, ar.h, TERM_NORMAL, st->use_code
		? "Type the recovery code you wrote down when you created the journal "
		  "(dashes, spaces and capitals do not matter). Then you choose a new "
		  "passphrase."
		: "Welcome back. Type your passphrase to open your journal.") + 1;
	term_print(y, ar.x, ar.w, TERM_DIM, "Journal: ");
	term_print(y, ar.x + 9, ar.w - 9, TERM_DIM, a->opt->journal_path);
	y += 2;
	if (st->working) {
		term_print(y, ar.x, ar.w, TERM_TITLE, "Opening your journal\xE2\x80\xA6");
		return;
	}
	if (st->use_code) {
		passfield_draw(a, y, ar.x, ar.w, "Recovery code: ", 15, &st->field, true);
	} else {
		passfield_draw(a, y, ar.x, ar.w, "Passphrase: ", 12, &st->field, true);
	}
	y += 2;
	if (st->failures > 0) {
		char msg[240];
		snprintf(msg, sizeof(msg),
			"That %s did not open the journal (try %d of %d). "
			"Type it again, or press Backspace to correct what you typed, "
			"which is still there.%s", st->use_code ? "recovery code" : "passphrase",
			st->failures, UNLOCK_TRIES, st->use_code ? "" : " Is Caps Lock on?");
		y += ui_wrap(y, ar.x, ar.w, 4, TERM_WARNING, msg) + 1;
	}
	ui_wrap(y, ar.x, ar.w, 3, TERM_DIM, st->use_code
		? "Remembered the passphrase after all? Press Tab to type it instead."
		: "Forgot your passphrase? Press Tab to type the recovery code you wrote "
		  "down when you created the journal, and choose a new passphrase.");
}

static int
try_open(struct app *a, struct unlock_state *st)
{
	struct secret *pass = passfield_secret(&st->field);
	struct ladder_error err;
	error_clear(&err);
	st->working = true;
	a->note[0] = '\0';
	unlock_draw(a, st);
	refresh();
	struct journal_opener o = {.path = a->opt->journal_path, .writable = true, .pass = pass};
	bool ok = st->use_code
		? store_open_recovery(a->opt->journal_path, pass, &a->store, &err)
		: journal_open(&o, &a->store, &err);
	secret_destroy(pass);
	st->working = false;
	if (ok && st->use_code) {
		/* the code is used up: a new passphrase, then a new code */
		a->resetting = true;
		app_go(a, SCREEN_NEWPASS, NULL);
		return ACT_REDRAW;
	}
	if (ok) {
		app_after_open(a);
		return ACT_REDRAW;
	}
	if (err.status == LADDER_BAD_PASSPHRASE) {
		st->failures++;
		st->field.selected = true;
		if (st->failures >= UNLOCK_TRIES) {
			snprintf(a->exit_msg, sizeof(a->exit_msg),
				"wrong %s, %d times; the journal is unchanged",
				st->use_code ? "passphrase or recovery code" : "passphrase", UNLOCK_TRIES);
				app_quit(a, LADDER_BAD_PASSPHRASE);
			return ACT_QUIT;
		}
		return ACT_REDRAW;
	}
	/* damaged (4), in use (5), or a failure: say it after the screen */
	snprintf(a->exit_msg, sizeof(a->exit_msg), "%s", err.msg);
	app_quit(a, err.status == LADDER_OK ? LADDER_FAIL : err.status);
	return ACT_QUIT;
}

static int
unlock_key(struct app *a, void *state, const struct tkey *k)
{
	struct unlock_state *st = state;
	if (k->fn && k->code == KEY_ENTER) {
		if (st->field.len == 0) {
			app_note(a, NOTE_ERROR, st->use_code ? "Type your recovery code first."
				: "Type your passphrase first.");
			return ACT_REDRAW;
		}
		return try_open(a, st);
	}
	if ((!k->fn && k->code == '\t') || (k->fn && k->code == KEY_BTAB)) {
		st->use_code = !st->use_code;
		passfield_clear(&st->field);
		return ACT_REDRAW;
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		app_quit(a, st->failures > 0 ? LADDER_BAD_PASSPHRASE : LADDER_OK);
		return ACT_QUIT;
	}
	if (passfield_key(&st->field, k)) {
		a->note[0] = '\0';
	}
	return ACT_REDRAW;
}

static const struct help_entry unlock_help[] = {
	{"Enter", "open the journal"},
	{"Tab", "forgot the passphrase: type the recovery code instead (and back)"},
	{"Backspace", "remove the last character"},
	{"Ctrl-U", "clear what you typed"},
	{"Ctrl-W", "remove the last word"},
	{"Esc", "leave without opening"},
	{NULL, NULL},
};

const struct screen screen_unlock = {
	.name = "Unlock",
	.state_size = sizeof(struct unlock_state),
	.enter = unlock_enter,
	.leave = unlock_leave,
	.draw = unlock_draw,
	.key = unlock_key,
	.help = unlock_help,
	.text_input = true,
};
