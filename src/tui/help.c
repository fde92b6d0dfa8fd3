/* The help overlay: the keys of the current screen, over it. */
#include "screen.h"

#include <string.h>

static const struct help_entry everywhere[] = {
	{"? or F1", "this help; any key closes it"},
	{"Esc, q", "back (from home, q quits)"},
	{NULL, NULL},
};

void
help_draw(struct app *a, const struct screen *s, const void *st)
{
	(void)a;
	size_t n = 0;
	int keys_w = 0;
	for (const struct help_entry *e = s->help; e != NULL && e->keys != NULL; e++, n++) {
		int w = term_width(e->keys, strlen(e->keys));
		keys_w = w > keys_w ? w : keys_w;
	}
	for (const struct help_entry *e = everywhere; e->keys != NULL; e++) {
		int w = term_width(e->keys, strlen(e->keys));
		keys_w = w > keys_w ? w : keys_w;
	}
	int w = COLS - 8 < 90 ? COLS - 8 : 90;
	int h = (int)n + 7;
	if (h > LINES - 2) {
		h = LINES - 2;
	}
	int x = (COLS - w) / 2;
	int y = (LINES - h) / 2;
	term_fill(y, x, h, w, TERM_NORMAL);
	term_box(y, x, h, w, TERM_TITLE);
	term_print(y, x + 2, w - 4, TERM_TITLE, " Keys: ");
	term_print(y, x + 9, w - 11, TERM_TITLE, s->name);
	int row = y + 2;
	int what_x = x + 3 + keys_w + 3;
	for (const struct help_entry *e = s->help; e != NULL && e->keys != NULL && row < y + h - 4; e++) {
		term_print(row, x + 3, keys_w, TERM_KEY, e->keys);
		term_print(row, what_x, x + w - 2 - what_x, TERM_NORMAL, e->what);
		row++;
	}
	row++;
	bool text = s->text_input || (s->typing != NULL && s->typing(st));
	for (const struct help_entry *e = everywhere; e->keys != NULL && row < y + h - 1; e++) {
		const char *keys = e->keys;
		if (text && e == everywhere) {
			keys = "F1";
		} else if (text) {
			keys = "Esc";
		}
		const char *what = e != everywhere && s->leave_help != NULL ? s->leave_help : e->what;
		term_print(row, x + 3, keys_w, TERM_KEY, keys);
		term_print(row, what_x, x + w - 2 - what_x, TERM_DIM, what);
		row++;
	}
}
