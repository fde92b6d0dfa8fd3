/* Unlock: the passphrase of an existing journal. A wrong one says so and
 * keeps what was typed (hidden) to correct; after three, the program
 * leaves with status 3. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#define UNLOCK_TRIES 3

static struct passfield field;
static bool field_ready;
static int failures;
static bool working;

static void
unlock_enter(struct app *a)
{
	(void)a;
	if (!field_ready) {
		passfield_init(&field);
		field_ready = true;
	}
	failures = 0;
	working = false;
}

static void
unlock_done(void)
{
	if (field_ready) {
		passfield_finish(&field);
		field_ready = false;
	}
}

void
unlock_cleanup(void)
{
	unlock_done();
}

static void
unlock_draw(struct app *a)
{
	struct area ar = ui_frame(a, "Unlock your journal", NULL,
		"Enter open \xC2\xB7 Ctrl-U clear \xC2\xB7 Esc leave \xC2\xB7 F1 keys");
	int y = ar.y;
	y += ui_wrap(y, ar.x, ar.w, ar.h, TERM_NORMAL,
		"Welcome back. Type your passphrase to open your journal.") + 1;
	term_print(y, ar.x, ar.w, TERM_DIM, "Journal: ");
	term_print(y, ar.x + 9, ar.w - 9, TERM_DIM, a->opt->journal_path);
	y += 2;
	if (working) {
		term_print(y, ar.x, ar.w, TERM_TITLE, "Opening your journal\xE2\x80\xA6");
		return;
	}
	passfield_draw(a, y, ar.x, ar.w, "Passphrase: ", 12, &field, true);
	y += 2;
	if (failures > 0) {
		char msg[200];
		snprintf(msg, sizeof(msg),
			"That passphrase did not open the journal (try %d of %d). "
			"Type it again, or press Backspace to correct what you typed, "
			"which is still there. Is Caps Lock on?", failures, UNLOCK_TRIES);
		y += ui_wrap(y, ar.x, ar.w, 4, TERM_WARNING, msg) + 1;
	}
	ui_wrap(y, ar.x, ar.w, 3, TERM_DIM,
		"Forgotten it? The recovery code you wrote down when you created the "
		"journal can set a new one: ladder passwd --recovery-code-file FILE");
}

static int
try_open(struct app *a)
{
	struct secret *pass = passfield_secret(&field);
	struct ladder_error err;
	error_clear(&err);
	working = true;
	a->note[0] = '\0';
	unlock_draw(a);
	refresh();
	bool ok = store_open(a->opt->journal_path, pass, true, &a->store, &err);
	secret_destroy(pass);
	working = false;
	if (ok) {
		unlock_done();
		app_after_open(a);
		return ACT_REDRAW;
	}
	if (err.status == LADDER_BAD_PASSPHRASE) {
		failures++;
		field.selected = true;
		if (failures >= UNLOCK_TRIES) {
			snprintf(a->exit_msg, sizeof(a->exit_msg),
				"wrong passphrase, %d times; the journal is unchanged", UNLOCK_TRIES);
			unlock_done();
			app_quit(a, LADDER_BAD_PASSPHRASE);
			return ACT_QUIT;
		}
		return ACT_REDRAW;
	}
	/* damaged (4), in use (5), or a failure: say it after the screen */
	snprintf(a->exit_msg, sizeof(a->exit_msg), "%s", err.msg);
	unlock_done();
	app_quit(a, err.status == LADDER_OK ? LADDER_FAIL : err.status);
	return ACT_QUIT;
}

static int
unlock_key(struct app *a, const struct tkey *k)
{
	if (k->fn && k->code == KEY_ENTER) {
		if (field.len == 0) {
			app_note(a, NOTE_ERROR, "Type your passphrase first.");
			return ACT_REDRAW;
		}
		return try_open(a);
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		unlock_done();
		app_quit(a, failures > 0 ? LADDER_BAD_PASSPHRASE : LADDER_OK);
		return ACT_QUIT;
	}
	if (passfield_key(&field, k)) {
		a->note[0] = '\0';
	}
	return ACT_REDRAW;
}

static const struct help_entry unlock_help[] = {
	{"Enter", "open the journal"},
	{"Backspace", "remove the last character"},
	{"Ctrl-U", "clear what you typed"},
	{"Ctrl-W", "remove the last word"},
	{"Esc", "leave without opening"},
	{NULL, NULL},
};

const struct screen screen_unlock = {
	.name = "Unlock",
	.enter = unlock_enter,
	.draw = unlock_draw,
	.key = unlock_key,
	.help = unlock_help,
	.text_input = true,
};
