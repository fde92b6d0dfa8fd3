/* The line editor: one line of text typed into an editbuf (a file name,
 * a count), the same keys wherever it is used. */
#include "screen.h"

#include "ladder/util.h"

bool
line_key(struct editbuf *eb, const struct tkey *k, size_t max)
{
	if (k->fn) {
		switch (k->code) {
		case KEY_BACKSPACE: editbuf_backspace(eb); return true;
		case KEY_DC: editbuf_delete(eb); return true;
		case KEY_LEFT: editbuf_left(eb); return true;
		case KEY_RIGHT: editbuf_right(eb); return true;
		case KEY_HOME: editbuf_top(eb); return true;
		case KEY_END: editbuf_bottom(eb); return true;
		default: return false;
		}
	}
	switch (k->code) {
	case KEY_CTRL('A'): editbuf_top(eb); return true;
	case KEY_CTRL('E'): editbuf_bottom(eb); return true;
	case KEY_CTRL('U'): /* the whole line */
		editbuf_top(eb);
		while (editbuf_delete(eb)) {
		}
		return true;
	case KEY_CTRL('W'): /* the word before the cursor */
		while (eb->cursor > 0 && eb->text[eb->cursor - 1] == ' ') {
			editbuf_backspace(eb);
		}
		while (eb->cursor > 0 && eb->text[eb->cursor - 1] != ' ') {
			editbuf_backspace(eb);
		}
		return true;
	default:
		break;
	}
	if (k->code < 0x20 || k->code == 0x7F || k->code == '\t') {
		return false;
	}
	char enc[4];
	size_t n = ui_utf8((wint_t)k->code, enc);
	if (n > 0 && eb->len + n <= max) {
		editbuf_insert(eb, enc, n);
	}
	return true;
}

void
line_draw(struct app *a, int y, int x, int w, enum term_role r,
	struct editbuf *eb, bool focus)
{
	/* the line's end when it is too long: the part around the cursor */
	size_t start = 0, row, col;
	editbuf_cursor_rowcol(eb, EDITBUF_MAX, &row, &col);
	if (w < 2) {
		return;
	}
	if (term_width(eb->text, eb->len) >= w) {
		size_t skip_cols = col >= (size_t)w - 1 ? col - (size_t)w + 2 : 0;
		size_t c = 0;
		while (start < eb->len && c < skip_cols) {
			size_t n = utf8_seq_len(eb->text + start);
			c += (size_t)term_width(eb->text + start, n);
			start += n;
		}
		col -= c;
	}
	term_print_n(y, x, w, r, eb->text + start, eb->len - start);
	if (focus) {
		a->cursor = true;
		a->cursor_y = y;
		a->cursor_x = x + (int)col;
	}
}
