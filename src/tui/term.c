#include "term.h"

#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ladder/glyph.h"
#include "ladder/safetext.h"
#include "ladder/util.h"

/* How long one wait for a key lasts before the signal flag is looked at
 * again (a signal also interrupts the wait, this is the safety net). */
#define POLL_MS 250

static SCREEN *screen;
static bool active;
static bool unicode;
static enum term_colors colors;
static attr_t attrs[TERM_ROLE_COUNT];
static volatile sig_atomic_t pending_signal;
static bool handlers_installed;
static struct sigaction old_actions[3];
static const int caught[3] = {SIGINT, SIGTERM, SIGHUP};

static void
on_signal(int sig)
{
	pending_signal = sig;
}

static void
install_handlers(void)
{
	if (handlers_installed) {
		return;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a waiting read returns at once */
	for (size_t i = 0; i < 3; i++) {
		sigaction(caught[i], &sa, &old_actions[i]);
	}
	handlers_installed = true;
}

static void
restore_handlers(void)
{
	if (!handlers_installed) {
		return;
	}
	for (size_t i = 0; i < 3; i++) {
		sigaction(caught[i], &old_actions[i], NULL);
	}
	handlers_installed = false;
}

/* One role: its colours (fg, bg; -1 the terminal's default) and the
 * attributes used with colour and without. */
struct role_style {
	short fg256, bg256, fg8, bg8;
	attr_t with_color, without_color;
};

/* The projector theme: bright on black, a yellow title, rungs in four
 * colours that stay apart for the common colour blindnesses. */
static const struct role_style contrast[TERM_ROLE_COUNT] = {
	[TERM_NORMAL] = {231, 16, COLOR_WHITE, COLOR_BLACK, A_NORMAL, A_NORMAL},
	[TERM_TITLE] = {226, 16, COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD},
	[TERM_HIGHLIGHT] = {16, 51, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE},
	[TERM_DIM] = {250, 16, COLOR_WHITE, COLOR_BLACK, A_NORMAL, A_DIM},
	[TERM_BAR] = {51, 16, COLOR_CYAN, COLOR_BLACK, A_NORMAL, A_NORMAL},
	[TERM_BAR_HIDDEN] = {240, 16, COLOR_BLUE, COLOR_BLACK, A_NORMAL, A_DIM},
	[TERM_WARNING] = {203, 16, COLOR_RED, COLOR_BLACK, A_BOLD, A_BOLD | A_UNDERLINE},
	[TERM_OK] = {120, 16, COLOR_GREEN, COLOR_BLACK, A_BOLD, A_BOLD},
	[TERM_FOOTER] = {252, 236, COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL},
	[TERM_KEY] = {226, 16, COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD},
	[TERM_RUNG1] = {209, 16, COLOR_RED, COLOR_BLACK, A_BOLD, A_NORMAL},
	[TERM_RUNG2] = {221, 16, COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_NORMAL},
	[TERM_RUNG3] = {117, 16, COLOR_CYAN, COLOR_BLACK, A_BOLD, A_NORMAL},
	[TERM_RUNG4] = {120, 16, COLOR_GREEN, COLOR_BLACK, A_BOLD, A_NORMAL},
};

/* The everyday theme: the terminal's own colours, accents only. */
static const struct role_style everyday[TERM_ROLE_COUNT] = {
	[TERM_NORMAL] = {-1, -1, -1, -1, A_NORMAL, A_NORMAL},
	[TERM_TITLE] = {33, -1, COLOR_BLUE, -1, A_BOLD, A_BOLD},
	[TERM_HIGHLIGHT] = {231, 25, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
	[TERM_DIM] = {244, -1, -1, -1, A_NORMAL, A_DIM},
	[TERM_BAR] = {37, -1, COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
	[TERM_BAR_HIDDEN] = {248, -1, -1, -1, A_DIM, A_DIM},
	[TERM_WARNING] = {160, -1, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
	[TERM_OK] = {28, -1, COLOR_GREEN, -1, A_BOLD, A_BOLD},
	[TERM_FOOTER] = {-1, -1, -1, -1, A_REVERSE, A_REVERSE},
	[TERM_KEY] = {-1, -1, -1, -1, A_BOLD, A_BOLD},
	[TERM_RUNG1] = {166, -1, COLOR_RED, -1, A_BOLD, A_NORMAL},
	[TERM_RUNG2] = {136, -1, COLOR_YELLOW, -1, A_BOLD, A_NORMAL},
	[TERM_RUNG3] = {31, -1, COLOR_CYAN, -1, A_BOLD, A_NORMAL},
	[TERM_RUNG4] = {28, -1, COLOR_GREEN, -1, A_BOLD, A_NORMAL},
};

static bool
want_color(const struct term_config *cfg)
{
	const char *nc = getenv("NO_COLOR");
	if (cfg->no_color || (nc != NULL && nc[0] != '\0')) {
		return false;
	}
	return has_colors();
}

/* A role's colours in the palette in use. */
static short
role_fg(const struct role_style *s)
{
	return colors == TERM_COLORS_256 ? s->fg256 : s->fg8;
}

static short
role_bg(const struct role_style *s)
{
	return colors == TERM_COLORS_256 ? s->bg256 : s->bg8;
}

static void
setup_palette(const struct term_config *cfg)
{
	const struct role_style *t = cfg->theme == TERM_THEME_CONTRAST ? contrast : everyday;
	colors = TERM_COLORS_NONE;
	if (want_color(cfg) && start_color() == OK) {
		colors = COLORS >= 256 && COLOR_PAIRS > TERM_ROLE_COUNT ?
			TERM_COLORS_256 : TERM_COLORS_8;
		/* The theme's plain text is curses' pair 0, the colours it
		 * takes the screen to have when cleared (-1: the terminal's
		 * own): blank cells then cost nothing to draw, and a first
		 * frame starts with one clear of the screen in the theme's
		 * background instead of a clear of each line. */
		assume_default_colors(role_fg(&t[TERM_NORMAL]), role_bg(&t[TERM_NORMAL]));
	}
	for (int r = 0; r < TERM_ROLE_COUNT; r++) {
		if (colors == TERM_COLORS_NONE) {
			attrs[r] = t[r].without_color;
			continue;
		}
		if (r == TERM_NORMAL) {
			attrs[r] = t[r].with_color; /* pair 0, above */
			continue;
		}
		init_pair((short)(r + 1), role_fg(&t[r]), role_bg(&t[r]));
		attrs[r] = t[r].with_color | COLOR_PAIR(r + 1);
	}
	bkgdset(' ' | attrs[TERM_NORMAL]);
}

static void
at_exit(void)
{
	term_finish();
}

bool
term_init(const struct term_config *cfg, char *msg, size_t msg_len)
{
	static bool exit_registered;
	if (active) {
		return true;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(msg, msg_len, "this needs a terminal (standard input and "
			"output are not both terminals)");
		return false;
	}
	const char *codeset = nl_langinfo(CODESET);
	unicode = codeset != NULL && strcmp(codeset, "UTF-8") == 0;
	/* before curses starts, so that it leaves our handlers alone */
	install_handlers();
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		restore_handlers();
		const char *t = getenv("TERM");
		snprintf(msg, msg_len, "cannot start the full-screen interface on "
			"this terminal (TERM=%s)", t != NULL ? t : "unset");
		return false;
	}
	set_term(screen);
	active = true;
	if (!exit_registered) {
		atexit(at_exit);
		exit_registered = true;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_palette(cfg);
	erase();
	return true;
}

void
term_finish(void)
{
	if (!active) {
		restore_handlers();
		return;
	}
	active = false;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	restore_handlers();
	fflush(stdout);
}

bool
term_active(void)
{
	return active;
}

enum term_colors
term_colors(void)
{
	return colors;
}

bool
term_unicode(void)
{
	return unicode;
}

attr_t
term_attr(enum term_role r)
{
	return r >= 0 && r < TERM_ROLE_COUNT ? attrs[r] : A_NORMAL;
}

enum term_role
term_rung_role(int rung)
{
	return rung >= 1 && rung <= 4 ? (enum term_role)(TERM_RUNG1 + rung - 1) : TERM_BAR;
}

int
term_signal(void)
{
	return pending_signal;
}

void
term_clear_signal(void)
{
	pending_signal = 0;
}

int
term_read(int timeout_ms, wint_t *ch)
{
	int waited = 0;
	for (;;) {
		if (pending_signal != 0) {
			return TERM_KEY_SIGNAL;
		}
		int slice = POLL_MS;
		if (timeout_ms >= 0 && timeout_ms - waited < slice) {
			slice = timeout_ms - waited;
		}
		timeout(slice);
		wint_t wc = 0;
		int rc = get_wch(&wc);
		if (rc == KEY_CODE_YES) {
			return (int)wc;
		}
		if (rc == OK) {
			*ch = wc;
			return TERM_KEY_CHAR;
		}
		if (pending_signal != 0) {
			return TERM_KEY_SIGNAL;
		}
		waited += slice;
		if (timeout_ms >= 0 && waited >= timeout_ms) {
			return TERM_KEY_TIMEOUT;
		}
	}
}

int
term_getkey(int timeout_ms)
{
	wint_t ch = 0;
	int k = term_read(timeout_ms, &ch);
	if (k != TERM_KEY_CHAR) {
		return k;
	}
	return ch < 0x80 ? (int)ch : TERM_KEY_OTHER;
}

int
term_width(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n && s[i] != '\0';) {
		size_t len;
		uint32_t cp = glyph_decode(s + i, &len);
		if (len > n - i) {
			len = n - i;
		}
		w += unicode ? (int)utf8_width(s + i, len) : (cp == '\n' ? 0 : 1);
		i += len;
	}
	return w;
}

static void
flush_run(const char *s, size_t from, size_t to)
{
	if (to > from) {
		addnstr(s + from, (int)(to - from));
	}
}

int
term_print_n(int y, int x, int max_cols, enum term_role r, const char *s,
	size_t n)
{
	if (y < 0 || y >= LINES || x >= COLS || max_cols <= 0) {
		return 0;
	}
	if (x + max_cols > COLS) {
		max_cols = COLS - x;
	}
	attr_t a = term_attr(r);
	attron(a);
	move(y, x);
	int cols = 0;
	/* characters sent as they are go out in runs, one call a run */
	size_t run = 0, i = 0;
	while (i < n && s[i] != '\0') {
		size_t len;
		uint32_t cp = glyph_decode(s + i, &len);
		if (len > n - i) {
			len = n - i;
		}
		if (cp == '\n' || cp == '\r') {
			flush_run(s, run, i);
			i += len;
			run = i;
			continue;
		}
		int w = unicode ? (int)utf8_width(s + i, len) : 1;
		if (cols + w > max_cols) {
			break;
		}
		/* a character a terminal acts on is never sent: a C0 one is
		 * a space, DEL, C1 and the bidi overrides are '?' */
		bool control = safetext_is_control(cp, 0);
		if (!unicode || cp < 0x20 || control) {
			flush_run(s, run, i);
			char c = cp < 0x20 ? ' ' : control ? '?' : glyph_ascii(cp);
			addch((chtype)(unsigned char)c);
			run = i + len;
		}
		cols += w;
		i += len;
	}
	flush_run(s, run, i);
	attroff(a);
	return cols;
}

int
term_print(int y, int x, int max_cols, enum term_role r, const char *s)
{
	return term_print_n(y, x, max_cols, r, s, strlen(s));
}

void
term_fill(int y, int x, int h, int w, enum term_role r)
{
	attr_t a = term_attr(r);
	for (int row = y; row < y + h && row < LINES; row++) {
		if (row < 0) {
			continue;
		}
		for (int col = x < 0 ? 0 : x; col < x + w && col < COLS; col++) {
			mvaddch(row, col, ' ' | a);
		}
	}
}

void
term_box(int y, int x, int h, int w, enum term_role r)
{
	if (h < 2 || w < 2) {
		return;
	}
	attr_t a = term_attr(r);
	attron(a);
	mvhline(y, x + 1, unicode ? ACS_HLINE : '-', w - 2);
	mvhline(y + h - 1, x + 1, unicode ? ACS_HLINE : '-', w - 2);
	mvvline(y + 1, x, unicode ? ACS_VLINE : '|', h - 2);
	mvvline(y + 1, x + w - 1, unicode ? ACS_VLINE : '|', h - 2);
	mvaddch(y, x, unicode ? ACS_ULCORNER : '+');
	mvaddch(y, x + w - 1, unicode ? ACS_URCORNER : '+');
	mvaddch(y + h - 1, x, unicode ? ACS_LLCORNER : '+');
	mvaddch(y + h - 1, x + w - 1, unicode ? ACS_LRCORNER : '+');
	attroff(a);
}

void
term_no_flow_control(void)
{
	struct termios t;
	if (!active || tcgetattr(STDIN_FILENO, &t) != 0) {
		return;
	}
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0) {
		def_prog_mode(); /* curses keeps it when it resumes */
	}
}

/* Draws s centred from row y, wrapped at spaces to the terminal's width
 * (when draw); returns the rows it takes. */
static int
centred_wrapped(int y, enum term_role r, const char *s, bool draw)
{
	int rows = 0;
	size_t len = strlen(s);
	size_t at = 0;
	while (at < len) {
		/* the longest run of words that fits, or a cut word */
		size_t end = at, cut = 0;
		int w = 0;
		while (end < len) {
			size_t step = utf8_seq_len(s + end);
			int cw = term_width(s + end, step);
			if (w + cw > COLS) {
				break;
			}
			w += cw;
			end += step;
			if (end < len && s[end] == ' ') {
				cut = end;
			}
		}
		if (end < len && cut > at) {
			end = cut;
		}
		if (end == at) {
			end += utf8_seq_len(s + at); /* not one character fits: it anyway */
		}
		if (draw) {
			int lw = term_width(s + at, end - at);
			term_print_n(y + rows, lw < COLS ? (COLS - lw) / 2 : 0, COLS, r, s + at,
				end - at);
		}
		rows++;
		at = end;
		while (at < len && s[at] == ' ') {
			at++;
		}
	}
	return rows;
}

bool
term_too_small(int min_cols, int min_rows)
{
	while (COLS < min_cols || LINES < min_rows) {
		erase();
		const char *times = unicode ? "\xC3\x97" : "x";
		char line1[160];
		snprintf(line1, sizeof(line1), "ladder needs at least %d%s%d; this "
			"terminal is %d%s%d.", min_cols, times, min_rows, COLS, times, LINES);
		const char *line2 = "Make the window larger, or press q to leave.";
		/* every word of it, wrapped to however narrow the terminal is */
		int rows = centred_wrapped(0, TERM_WARNING, line1, false) +
			centred_wrapped(0, TERM_DIM, line2, false);
		int top = rows < LINES ? (LINES - rows) / 2 : 0;
		top += centred_wrapped(top, TERM_WARNING, line1, true);
		centred_wrapped(top, TERM_DIM, line2, true);
		refresh();
		int k = term_getkey(-1);
		if (k == TERM_KEY_SIGNAL || k == 'q' || k == 'Q' || k == TERM_KEY_ESC) {
			return true;
		}
	}
	return false;
}

_Noreturn void
term_fatal(const char *fmt, ...)
{
	term_finish();
	va_list ap;
	va_start(ap, fmt);
	fputs("ladder: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}
