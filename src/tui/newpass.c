/* First run: choose the passphrase (twice, with a hint on its strength),
 * then create the journal. After the recovery code opened the journal
 * (a->resetting): choose a new one, which replaces the old passphrase and
 * the old code. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "ladder/passphrase_strength.h"

static struct passfield first, second;
static bool ready;
static int focus;       /* 0: first field, 1: second */
static bool weak_ok;    /* a weak passphrase, used anyway */
static bool weak_asked; /* asking by the field whether to use it */
static bool working;

static void
fields_done(void)
{
	if (ready) {
		passfield_finish(&first);
		passfield_finish(&second);
		ready = false;
	}
}

void
newpass_cleanup(void)
{
	fields_done();
}

static void
newpass_enter(struct app *a)
{
	(void)a;
	if (!ready) {
		passfield_init(&first);
		passfield_init(&second);
		ready = true;
	}
	focus = 0;
	weak_ok = false;
	weak_asked = false;
	working = false;
}

/* The key derivation of the new passphrase: $LADDER_KDF when given; a new
 * passphrase of an existing journal keeps its level (never below
 * moderate), so a reset does not weaken a journal made stronger. */
static enum kdf_level
new_level(const struct app *a)
{
	if (!a->resetting || a->opt->kdf_given || a->store == NULL) {
		return a->opt->kdf;
	}
	const struct vault_header *h = vault_get_header(a->store->vault);
	enum kdf_level best = KDF_MODERATE;
	for (int l = KDF_MODERATE; l <= KDF_SENSITIVE; l++) {
		uint64_t ops, mem;
		kdf_level_params((enum kdf_level)l, &ops, &mem);
		if (h != NULL && h->opslimit >= ops && h->memlimit >= mem) {
			best = (enum kdf_level)l;
		}
	}
	return best;
}

static void
newpass_draw(struct app *a)
{
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
	if (new_level(a) == KDF_MIN) {
		y += ui_wrap(y, ar.x, ar.w, 3, TERM_WARNING,
			"Test mode (LADDER_KDF=min): this journal's lock is deliberately weak "
			"and protects nothing. Use it only for trying ladder out.") + 1;
	}
	term_print(y, ar.x, ar.w, TERM_DIM, "Journal: ");
	term_print(y, ar.x + 9, ar.w - 9, TERM_DIM, a->opt->journal_path);
	y += 2;
	if (working) {
		term_print(y, ar.x, ar.w, TERM_TITLE, a->resetting
			? "Locking your journal with the new passphrase\xE2\x80\xA6"
			: "Creating your journal\xE2\x80\xA6");
		return;
	}
	passfield_draw(a, y, ar.x, ar.w, "Passphrase:  ", 13, &first, focus == 0);
	y++;
	const char *hint;
	enum pass_strength st = passphrase_strength((const char *)first.buf->data,
		first.len, &hint);
	if (first.len > 0) {
		char line[300];
		snprintf(line, sizeof(line), "Strength: %s. %s", passphrase_strength_name(st), hint);
		y += ui_wrap(y, ar.x + 13, ar.w - 13, 3,
			st <= PASS_WEAK ? TERM_WARNING : st >= PASS_GOOD ? TERM_OK : TERM_NORMAL,
			line);
	} else {
		y++;
	}
	if (weak_asked) {
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
	passfield_draw(a, y, ar.x, ar.w, "Once more:   ", 13, &second, focus == 1);
	y += 2;
	if (focus == 1 && second.len > 0 && first.len >= second.len &&
		memcmp(first.buf->data, second.buf->data, second.len) != 0) {
		term_print(y, ar.x + 13, ar.w - 13, TERM_WARNING,
			"This does not match the first one so far.");
	}
}

/* A new passphrase for the journal the recovery code opened. */
static int
rekey(struct app *a, struct secret *pass)
{
	struct ladder_error err;
	error_clear(&err);
	bool ok = store_rekey(a->store, pass, new_level(a), &a->recovery, &err);
	secret_destroy(pass);
	working = false;
	/* a code means the new passphrase is in effect: it must be shown */
	if (!ok && a->recovery == NULL) {
		app_note(a, NOTE_ERROR, "The passphrase was not changed: %s", err.msg);
		return ACT_REDRAW;
	}
	fields_done();
	app_go(a, SCREEN_RECOVERY);
	return ACT_REDRAW;
}

static int
create(struct app *a)
{
	struct secret *pass = passfield_secret(&first);
	struct ladder_error err;
	error_clear(&err);
	working = true;
	a->note[0] = '\0';
	newpass_draw(a);
	refresh();
	if (a->resetting) {
		return rekey(a, pass);
	}
	bool ok = store_create(a->opt->journal_path, pass, a->opt->kdf, &a->recovery,
		&a->store, &err);
	secret_destroy(pass);
	working = false;
	if (!ok) {
		app_note(a, NOTE_ERROR, "Could not create the journal: %s", err.msg);
		return ACT_REDRAW;
	}
	fields_done();
	app_go(a, SCREEN_RECOVERY);
	return ACT_REDRAW;
}

static int
confirm(struct app *a)
{
	if (focus == 0) {
		const char *hint;
		enum pass_strength st = passphrase_strength((const char *)first.buf->data,
			first.len, &hint);
		if (st == PASS_EMPTY) {
			app_note(a, NOTE_ERROR, "Type a passphrase first.");
			return ACT_REDRAW;
		}
		if (st == PASS_WEAK && !weak_ok) {
			weak_asked = true;
			return ACT_REDRAW;
		}
		a->note[0] = '\0';
		focus = 1;
		return ACT_REDRAW;
	}
	if (first.len != second.len || memcmp(first.buf->data, second.buf->data, first.len) != 0) {
		passfield_clear(&second);
		app_note(a, NOTE_ERROR, "The two passphrases are not the same. "
			"Type it once more, or press Tab to change the first one.");
		return ACT_REDRAW;
	}
	return create(a);
}

/* The answer to "use this weak passphrase anyway?" */
static int
weak_answer(struct app *a, const struct tkey *k)
{
	if ((!k->fn && (k->code == 'y' || k->code == 'Y')) || (k->fn && k->code == KEY_ENTER)) {
		weak_asked = false;
		weak_ok = true;
		focus = 1;
		return ACT_REDRAW;
	}
	if (!k->fn && (k->code == 'n' || k->code == 'N' || k->code == TERM_KEY_ESC)) {
		weak_asked = false;
		return ACT_REDRAW;
	}
	app_note(a, NOTE_ERROR, "First answer the question by the passphrase: y to use it, "
		"n to make it longer.");
	return ACT_REDRAW;
}

static int
newpass_key(struct app *a, const struct tkey *k)
{
	if (weak_asked) {
		return weak_answer(a, k);
	}
	if (k->fn && k->code == KEY_ENTER) {
		return confirm(a);
	}
	if ((!k->fn && k->code == '\t') || (k->fn && (k->code == KEY_DOWN ||
		k->code == KEY_UP || k->code == KEY_BTAB))) {
		focus = 1 - focus;
		return ACT_REDRAW;
	}
	if (!k->fn && k->code == TERM_KEY_ESC) {
		if (focus == 1) {
			focus = 0;
			return ACT_REDRAW;
		}
		fields_done();
		if (a->resetting) {
			/* nothing changed: back to the lock */
			store_close(a->store);
			a->store = NULL;
			a->resetting = false;
			app_go(a, SCREEN_UNLOCK);
			return ACT_REDRAW;
		}
		a->intro_from_home = false;
		app_go(a, SCREEN_INTRO);
		return ACT_REDRAW;
	}
	struct passfield *f = focus == 0 ? &first : &second;
	if (passfield_key(f, k)) {
		if (f == &first) {
			weak_ok = false;
			if (second.len > 0) {
				passfield_clear(&second);
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
	.enter = newpass_enter,
	.draw = newpass_draw,
	.key = newpass_key,
	.help = newpass_help,
	.text_input = true,
};
