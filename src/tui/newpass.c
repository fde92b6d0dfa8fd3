/* First run: choose the passphrase (twice, with a hint on its strength),
 * then create the journal. After the recovery code opened the journal
 * (a->resetting): choose a new one, which replaces the old passphrase and
 * the old code. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "ladder/journal_open.h"
#include "ladder/passphrase_strength.h"

struct newpass_state {
	struct passfield first, second;
	int focus;       /* 0: first field, 1: second */
	bool weak_ok;    /* a weak passphrase, used anyway */
	bool weak_asked; /* asking by the field whether to use it */
	bool working;
};

static void
newpass_enter(struct app *a, void *state, const void *arg)
{
	(void)a;
	(void)arg;
	struct newpass_state *st = state;
	passfield_init(&st->first);
	passfield_init(&st->second);
}

/* The typed passphrases wiped. */
static void
newpass_leave(struct app *a, void *state)
{
	(void)a;
	struct newpass_state *st = state;
	passfield_finish(&st->first);
	passfield_finish(&st->second);
}

/* The key derivation of the new passphrase: $LADDER_KDF when given; a new
 * passphrase of an existing journal keeps its level (never below
 * moderate), and $LADDER_KDF may not weaken it (kdf_level_for_rekey). */
static bool
new_level(const struct app *a, enum kdf_level *level, struct ladder_error *err)
{
	if (!a->resetting || a->store == NULL) {
		*level = a->opt->kdf;
		return true;
	}
	return kdf_level_for_rekey(a->store->vault, NULL,
		a->opt->kdf_given ? kdf_level_name(a->opt->kdf) : NULL, level, err);
}

static void
newpass_draw(struct app *a, void *state)
{
	struct newpass_state *st = state;
	struct area ar = ui_frame(a, a->resetting ? "Choose a new passphrase" : "Choose a passphrase",
		a->resetting ? "with the recovery code" : "step 2 of 3",
		"Enter next \xC2\xB7 Tab switch field \xC2\xB7 Ctrl-U clear \xC2\xB7 Esc back \xC2\xB7 F1 keys");
	int y = ar.y;
	y += ui_wrap(y, ar.x, ar.w, 4, TERM_NORMAL, a->resetting
		? "The recovery code opened your journal. Choose a new passphrase you can "
		  "remember: four or five unrelated words work well. It replaces the old "
		  "one, and you will see a new recovery code next: the old code stops "
		  "working."
		: "Your journal is locked with a passphrase. Choose one you can remember: "
		  "four or five unrelated words work well. Nobody, not even you, can open "
		  "the journal without it or the recovery code you will see next.") + 1;
	enum kdf_level level;
	struct ladder_error level_err;
	error_clear(&level_err);
	if (new_level(a, &level, &level_err) && level == KDF_MIN) {
		y += ui_wrap(y, ar.x, ar.w, 3, TERM_WARNING,
			"Test mode (LADDER_KDF=min): this journal's lock is deliberately weak "
			"and protects nothing. Use it only for trying ladder out.") + 1;
	}
	term_print(y, ar.x, ar.w, TERM_DIM, "Journal: ");
	term_print(y, ar.x + 9, ar.w - 9, TERM_DIM, a->opt->journal_path);
	y += 2;
	if (st->working) {
		term_print(y, ar.x, ar.w, TERM_TITLE, a->resetting
			? "Locking your journal with the new passphrase\xE2\x80\xA6"
			: "Creating your journal\xE2\x80\xA6");
		return;
	}
	passfield_draw(a, y, ar.x, ar.w, "Passphrase:  ", 13, &st->first, st->focus == 0);
	y++;
	const char *hint;
	enum pass_strength strength = passphrase_strength((const char *)st->first.buf->data,
		st->first.len, &hint);
	if (st->first.len > 0) {
		char line[300];
		snprintf(line, sizeof(line), "Strength: %s. %s", passphrase_strength_name(strength), hint);
		y += ui_wrap(y, ar.x + 13, ar.w - 13, 3,
			strength <= PASS_WEAK ? TERM_WARNING : strength >= PASS_GOOD ? TERM_OK : TERM_NORMAL,
			line);
	} else {
		y++;
	}
	if (st->weak_asked) {
		/* the question by the field it is about; nothing moves on until
		 * it is answered */
		term_print(y, ar.x + 13, ar.w - 13, TERM_WARNING,
			"Use this weak passphrase anyway? y yes \xC2\xB7 n make it longer");
		a->cursor = true;
		a->cursor_y = y;
		a->cursor_x = ar.x + 13;
		y++;
	}
	y++;
	passfield_draw(a, y, ar.x, ar.w, "Once more:   ", 13, &st->second, st->focus == 1);
	y += 2;
	if (st->focus == 1 && st->second.len > 0 && st->first.len >= st->second.len &&
		memcmp(st->first.buf->data, st->second.buf->data, st->second.len) != 0) {
		term_print(y, ar.x + 13, ar.w - 13, TERM_WARNING,
			"This does not match the first one so far.");
	}
}

/* A new passphrase for the journal the recovery code opened. */
static int
rekey(struct app *a, struct newpass_state *st, struct secret *pass)
{
	struct ladder_error err;
	error_clear(&err);
	struct secret *code = NULL;
	enum kdf_level level;
	if (!new_level(a, &level, &err)) {
		secret_destroy(pass);
		st->working = false;
		app_note(a, NOTE_ERROR, "The passphrase was not changed: %s", err.msg);
		return ACT_HANDLED;
	}
	bool ok = store_rekey(a->store, pass, level, &code, &err);
	secret_destroy(pass);
	st->working = false;
	/* a code means the new passphrase is in effect: it must be shown */
	if (!ok && code == NULL) {
		app_note(a, NOTE_ERROR, "The passphrase was not changed: %s", err.msg);
		return ACT_REDRAW;
	}
	app_go(a, SCREEN_RECOVERY, code);
	return ACT_REDRAW;
}

static int
create(struct app *a, struct newpass_state *st)
{
	struct secret *pass = passfield_secret(&st->first);
	struct ladder_error err;
	error_clear(&err);
	st->working = true;
	a->note[0] = '\0';
	newpass_draw(a, st);
	refresh();
	if (a->resetting) {
		return rekey(a, st, pass);
	}
	struct secret *code = NULL;
	bool ok = store_create(a->opt->journal_path, pass, a->opt->kdf, &code,
		&a->store, &err);
	secret_destroy(pass);
	st->working = false;
	if (!ok) {
		app_note(a, NOTE_ERROR, "Could not create the journal: %s", err.msg);
		return ACT_REDRAW;
	}
	app_go(a, SCREEN_RECOVERY, code);
	return ACT_REDRAW;
}

static int
confirm(struct app *a, struct newpass_state *st)
{
	if (st->focus == 0) {
		const char *hint;
		enum pass_strength strength = passphrase_strength(
			(const char *)st->first.buf->data, st->first.len, &hint);
		if (strength == PASS_EMPTY) {
			app_note(a, NOTE_ERROR, "Type a passphrase first.");
			return ACT_REDRAW;
		}
		if (strength == PASS_WEAK && !st->weak_ok) {
			st->weak_asked = true;
			return ACT_REDRAW;
		}
		a->note[0] = '\0';
		st->focus = 1;
		return ACT_REDRAW;
	}
	if (st->first.len != st->second.len || memcmp(st->first.buf->data, st->second.buf->data, st->first.len) != 0) {
		passfield_clear(&st->second);
		app_note(a, NOTE_ERROR, "The two passphrases are not the same. "
			"Type it once more, or press Tab to change the first one.");
		return ACT_REDRAW;
	}
	return create(a, st);
}

/* The answer to "use this weak passphrase anyway?" */
static int
weak_answer(struct app *a, struct newpass_state *st, const struct tkey *k)
{
	if ((!k->fn && (k->code == 'y' || k->code == 'Y')) || (k->fn && k->code == KEY_ENTER)) {
		st->weak_asked = false;
		st->weak_ok = true;
		st->focus = 1;
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == 'n' || k->code == 'N' || k->code == TERM_KEY_ESC)) {
		st->weak_asked = false;
		return ACT_REDRAW;
	}
	app_note(a, NOTE_ERROR, "First answer the question by the passphrase: y to use it, "
		"n to make it longer.");
	return ACT_REDRAW;
}

static int
newpass_key(struct app *a, void *state, const struct tkey *k)
{
	struct newpass_state *st = state;
	if (st->weak_asked) {
		return weak_answer(a, st, k);
	}
	if (k->fn && k->code == KEY_ENTER) {
		return confirm(a, st);
	}
	if ((!k->fn && k->code == '\t') || (k->fn && (k->code == KEY_DOWN ||
		k->code == KEY_UP || k->code == KEY_BTAB))) {
		st->focus = 1 - st->focus;
		return ACT_REDRAW;
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		if (st->focus == 1) {
			st->focus = 0;
			return ACT_REDRAW;
		}
		if (a->resetting) {
			/* nothing changed: back to the lock */
			store_close(a->store);
			a->store = NULL;
			a->resetting = false;
			app_go(a, SCREEN_UNLOCK, NULL);
			return ACT_REDRAW;
		}
		app_back(a);
		return ACT_REDRAW;
	}
	struct passfield *f = st->focus == 0 ? &st->first : &st->second;
	if (passfield_key(f, k)) {
		if (f == &st->first) {
			st->weak_ok = false;
			if (st->second.len > 0) {
				passfield_clear(&st->second);
			}
		}
		a->note[0] = '\0';
	}
	return ACT_REDRAW;
}

static const struct help_entry newpass_help[] = {
	{"Enter", "next field; on the second, create the journal"},
	{"y, n", "after Enter on a weak passphrase: use it, or make it longer"},
	{"Tab, \xE2\x86\x91 \xE2\x86\x93", "switch between the two fields"},
	{"Backspace", "remove the last character"},
	{"Ctrl-U", "clear the field"},
	{"Esc", "back"},
	{NULL, NULL},
};

const struct screen screen_newpass = {
	.name = "Choose a passphrase",
	.state_size = sizeof(struct newpass_state),
	.enter = newpass_enter,
	.leave = newpass_leave,
	.draw = newpass_draw,
	.key = newpass_key,
	.help = newpass_help,
	.text_input = true,
};
