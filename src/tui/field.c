/* The passphrase field of the unlock and first-run screens. */
#include "screen.h"

#include <string.h>

#include <sodium.h>

void
passfield_init(struct passfield *f)
{
	memset(f, 0, sizeof(*f));
	f->buf = secret_create(SECRET_LINE_MAX);
	if (f->buf == NULL) {
		term_fatal("out of memory");
	}
}

void
passfield_finish(struct passfield *f)
{
	secret_destroy(f->buf);
	memset(f, 0, sizeof(*f));
}

void
passfield_clear(struct passfield *f)
{
	f->selected = false;
	f->cut = false;
	sodium_memzero(f->buf->data, f->buf->len);
	f->len = 0;
	f->chars = 0;
}

static void
drop_last(struct passfield *f)
{
	if (f->len == 0) {
		return;
	}
	size_t i = f->len - 1;
	while (i > 0 && (f->buf->data[i] & 0xC0) == 0x80) {
		i--;
	}
	sodium_memzero(f->buf->data + i, f->len - i);
	f->len = i;
	f->chars--;
	f->cut = false;
}

bool
passfield_key(struct passfield *f, const struct tkey *k)
{
	if (k->fn) {
		if (k->code == KEY_BACKSPACE) {
			f->selected = false;
			drop_last(f);
			return true;
		}
		if (k->code == KEY_LEFT || k->code == KEY_RIGHT || k->code == KEY_END) {
			f->selected = false; /* keep it, to add to its end */
			return true;
		}
		return false;
	}
	if (k->code == KEY_CTRL('U')) {
		f->selected = false;
		passfield_clear(f);
		return true;
	}
	if (k->code == KEY_CTRL('W')) { /* the last word */
		f->selected = false;
		while (f->len > 0 && f->buf->data[f->len - 1] == ' ') {
			drop_last(f);
		}
		while (f->len > 0 && f->buf->data[f->len - 1] != ' ') {
			drop_last(f);
		}
		return true;
	}
	if (k->code < 0x20 || k->code == 0x7F) {
		return false;
	}
	if (f->selected) {
		passfield_clear(f);
		f->selected = false;
	}
	char enc[4];
	size_t n = ui_utf8((wint_t)k->code, enc);
	if (n == 0 || f->len + n > SECRET_LINE_MAX) {
		sodium_memzero(enc, sizeof(enc));
		f->cut = n != 0; /* too long: left out, and said */
		return true;
	}
	memcpy(f->buf->data + f->len, enc, n);
	sodium_memzero(enc, sizeof(enc));
	f->len += n;
	f->chars++;
	return true;
}

void
passfield_draw(struct app *a, int y, int x, int w, const char *label,
	int label_w, const struct passfield *f, bool focus)
{
	term_print(y, x, label_w, focus ? TERM_TITLE : TERM_NORMAL, label);
	int fx = x + label_w;
	int fw = w - label_w;
	if (fw < 4) {
		return;
	}
	/* the masks, the last ones when they do not all fit */
	size_t shown = f->chars < (size_t)(fw - 1) ? f->chars : (size_t)(fw - 1);
	term_fill(y, fx, 1, fw, TERM_NORMAL);
	if (f->cut) {
		/* nobody can count 4096 masks: words instead */
		char msg[120];
		snprintf(msg, sizeof(msg), "cut at %d bytes, the most a passphrase may have: "
			"the rest was left out", SECRET_LINE_MAX);
		int used = term_print(y, fx, fw - 1, TERM_WARNING, msg);
		if (focus) {
			a->cursor = true;
			a->cursor_y = y;
			a->cursor_x = fx + used;
		}
		return;
	}
	for (size_t i = 0; i < shown; i++) {
		term_print(y, fx + (int)i, 1, f->selected ? TERM_HIGHLIGHT : TERM_NORMAL,
			ui_glyph_mask());
	}
	if (!focus) {
		if (f->chars == 0) {
			term_print(y, fx, fw, TERM_DIM, "(empty)");
		}
		return;
	}
	a->cursor = true;
	a->cursor_y = y;
	a->cursor_x = fx + (int)shown;
}

struct secret *
passfield_secret(const struct passfield *f)
{
	struct secret *s = secret_from_bytes(f->buf->data, f->len);
	if (s == NULL) {
		term_fatal("out of memory");
	}
	return s;
}
