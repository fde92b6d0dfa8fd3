/* Projector mode's frame: the facilitator's line, the help, the timer and
 * the dialogs (present_impl.h). Nothing here is drawn on a slide: what is
 * meant for the facilitator alone stays on the line that f hides. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "present_impl.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

void
present_note(struct present *p, enum term_role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->note, sizeof(p->note), fmt, ap);
	va_end(ap);
	p->note_role = r;
}

double
present_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
timer_elapsed(const struct present *p)
{
	const struct timer *t = &p->timer;
	return t->elapsed + (t->running ? present_clock() - t->started : 0.0);
}

long
timer_left(const struct present *p)
{
	double left = (double)p->timer.total - timer_elapsed(p);
	/* whole seconds, rounded up while time is left */
	return left >= 0 ? (long)(left + 0.999) : -(long)(-left);
}

bool
timer_up(const struct present *p)
{
	return p->timer.total > 0 && timer_elapsed(p) >= (double)p->timer.total;
}

void
timer_toggle(struct present *p)
{
	struct timer *t = &p->timer;
	if (t->total == 0) {
		present_note(p, TERM_DIM, "No timer: give --minutes N (or \"minutes\" in the deck)");
		return;
	}
	if (t->running) {
		t->elapsed += present_clock() - t->started;
		t->running = false;
	} else {
		t->started = present_clock();
		t->running = true;
	}
}

static void
timer_text(const struct present *p, char *out, size_t len)
{
	if (p->timer.total == 0) {
		out[0] = '\0';
		return;
	}
	long left = timer_left(p);
	long a = left < 0 ? -left : left;
	if (left < 0 || timer_up(p)) {
		snprintf(out, len, "time up +%ld:%02ld%s", a / 60, a % 60,
			p->timer.running ? "" : " paused");
	} else if (p->timer.elapsed == 0 && !p->timer.running) {
		snprintf(out, len, "%ld:%02ld (t starts)", a / 60, a % 60);
	} else {
		snprintf(out, len, "%ld:%02ld %s", a / 60, a % 60,
			p->timer.running ? "left" : "paused");
	}
}

void
slide_state(const struct present *p, const struct slide *s, char *out, size_t len)
{
	out[0] = '\0';
	if (s->kind == SLIDE_WHERE) {
		unsigned total = tally_total(p->tally, s->q);
		snprintf(out, len, "%u %s counted, %s", total, total == 1 ? "hand" : "hands",
			p->revealed[s->q] ? "shown" : "hidden");
	} else if (s->kind == SLIDE_SITUATION) {
		unsigned total = 0;
		for (int i = 0; i < VOTE_OPTIONS; i++) {
			total += s->vote.counts[i];
		}
		static const char *const shown[] = {"hidden", "spread shown",
			"spread and answer shown"};
		snprintf(out, len, "%u %s counted, %s", total, total == 1 ? "choice" :
			"choices", shown[s->vote.shown]);
	}
}

/* The line at the foot of the screen for the facilitator alone: the slide,
 * its place, its state, the timer, the latest note, and where the keys
 * are. Hidden (f) but for a warning. */
void
draw_facilitator(struct present *p, const struct slide *s)
{
	bool warn = p->note[0] != '\0' && p->note_role == TERM_WARNING;
	if (!p->facil && !warn) {
		return;
	}
	int y = LINES - 1;
	term_fill(y, 0, 1, COLS, TERM_FOOTER);
	char line[NOTE_LEN * 2 + 512], state[160], timer[96];
	slide_state(p, s, state, sizeof(state));
	timer_text(p, timer, sizeof(timer));
	/* what matters most first: a narrow terminal cuts the end */
	snprintf(line, sizeof(line), "%zu/%zu%s%s%s%s%s%s \xC2\xB7 %s \xC2\xB7 ? keys "
		"\xC2\xB7 f hides this line", p->cur + 1, p->n_slides,
		state[0] ? " \xC2\xB7 " : "", state, p->note[0] ? " \xC2\xB7 " : "", p->note,
		timer[0] ? " \xC2\xB7 " : "", timer, s->name);
	int x = 1;
	if (!p->facil) {
		/* hidden: a warning alone */
		snprintf(line, sizeof(line), "%s", p->note);
	}
	enum term_role role = p->note[0] != '\0' && p->note_role == TERM_WARNING ?
		TERM_WARNING : TERM_FOOTER;
	term_print(y, x, COLS - 1 - x, role, line);
}

static const char *const help_lines[] = {
	"Projector mode: keys for the facilitator",
	"  Right Space PgDn  next       Left PgUp  back       Home End  first, last",
	"  1 2 3 4     \"Where are you?\": one raised hand for that rung",
	"  1 2 3 4 5   \"What would you do?\": one choice of option A-E",
	"  u           take back the last count on this slide",
	"  r           show the counts; on a situation r again shows the authors'",
	"              answer and its reason, and a third r hides them",
	"  t           start or pause the timer      f  the facilitator's line",
	"  b or .      blank the screen; only b or . brings it back",
	"  ?           this help (any key closes it)    q  leave (save the counts?)",
	"Preparing a session",
	"  ladder present ID...      the slides of those questionnaires",
	"  --minutes 20 (or 60)      a deck that fits the time; the timer's start",
	"  --deck FILE               your own deck (ladder(1), DECK FILES)",
	"  --print-deck              write the deck in use, to start a file from",
	"  --room FILE...            the room's view from anonymous exports",
	"  --save-tally FILE         the show of hands saved as it changes",
	"The slides carry nothing meant for you alone: counts stay hidden until r;",
	"this line of yours (f) hides after the first key, warnings show anyway.",
};

void
draw_help(const struct present *p)
{
	size_t n = sizeof(help_lines) / sizeof(help_lines[0]);
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		w = imax(w, term_width(help_lines[i], strlen(help_lines[i])));
	}
	int bw = imin(COLS, w + 4);
	int bh = imin(LINES - 1, (int)n + 2);
	int by = imax(0, (LINES - 1 - bh) / 2);
	int bx = imax(0, (COLS - bw) / 2);
	term_fill(by, bx, bh, bw, TERM_NORMAL);
	term_box(by, bx, bh, bw, TERM_TITLE);
	for (size_t i = 0; i < n && (int)i < bh - 2; i++) {
		bool heading = i == 0 || i == 10;
		term_print(by + 1 + (int)i, bx + 2, bw - 4, heading ? TERM_TITLE : TERM_NORMAL,
			help_lines[i]);
	}
}

void
present_draw(struct present *p)
{
	erase();
	if (!p->blank) {
		present_size_roles(p);
		const struct slide *s = &p->slides[p->cur];
		draw_slide(p, s, slide_area());
		draw_facilitator(p, s);
		if (p->help) {
			draw_help(p);
		}
	}
	refresh();
}

bool
save_tally(struct present *p, const char *path)
{
	struct ladder_error err;
	error_clear(&err);
	if (!tally_save(p->tally, path, time_now(), &err)) {
		present_note(p, TERM_WARNING, "Not saved: %s", err.msg);
		return false;
	}
	snprintf(p->saved_to, sizeof(p->saved_to), "%s", path);
	return true;
}

/* A dialog box of lines over the current slide. */
void
draw_dialog(struct present *p, const char *const *lines, size_t n,
	enum term_role first_role)
{
	present_draw(p);
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		w = imax(w, term_width(lines[i], strlen(lines[i])));
	}
	int bw = imin(COLS, w + 6);
	int bh = imin(LINES, (int)n + 4);
	int by = imax(0, (LINES - bh) / 2);
	int bx = imax(0, (COLS - bw) / 2);
	term_fill(by, bx, bh, bw, TERM_NORMAL);
	term_box(by, bx, bh, bw, TERM_TITLE);
	for (size_t i = 0; i < n && (int)i < bh - 4; i++) {
		term_print(by + 2 + (int)i, bx + 3, bw - 6, i == 0 ? first_role : TERM_NORMAL,
			lines[i]);
	}
}

/* Asks for a file name; false when the facilitator backs out. */
static bool
ask_path(struct present *p, char *path, size_t len, const char *problem)
{
	wchar_t buf[PATH_LEN];
	size_t n = mbstowcs(buf, path, PATH_LEN - 1);
	if (n == (size_t)-1) {
		n = 0;
	}
	buf[n] = L'\0';
	for (;;) {
		char shown[PATH_LEN * 4 + 4];
		size_t m = wcstombs(shown, buf, sizeof(shown) - 2);
		if (m == (size_t)-1) {
			m = 0;
		}
		shown[m] = '\0';
		strcat(shown, "_");
		const char *lines[] = {
			"Save the counts to this file:",
			"",
			shown,
			"",
			problem != NULL ? problem : "Enter saves it, Esc goes back.",
		};
		draw_dialog(p, lines, 5, TERM_TITLE);
		refresh();
		wint_t ch = 0;
		int k = term_read(-1, &ch);
		if (k == TERM_KEY_SIGNAL) {
			return false;
		}
		if (k == KEY_RESIZE) {
			continue;
		}
		if (k == KEY_BACKSPACE || (k == TERM_KEY_CHAR && (ch == 127 || ch == 8))) {
			if (n > 0) {
				buf[--n] = L'\0';
			}
			continue;
		}
		if (k == KEY_ENTER || (k == TERM_KEY_CHAR && (ch == '\r' || ch == '\n'))) {
			size_t out = wcstombs(path, buf, len - 1);
			if (out == (size_t)-1 || out == 0) {
				problem = "Type a file name first (Esc goes back).";
				continue;
			}
			path[out] = '\0';
			return true;
		}
		if (k == TERM_KEY_CHAR && ch == 27) {
			return false;
		}
		if (k == TERM_KEY_CHAR && ch == 21) { /* Ctrl-U */
			n = 0;
			buf[0] = L'\0';
			continue;
		}
		if (k == TERM_KEY_CHAR && ch >= 0x20 && n + 1 < PATH_LEN) {
			buf[n++] = (wchar_t)ch;
			buf[n] = L'\0';
		}
	}
}

/* q: leave, saving or asking first. */
void
request_quit(struct present *p)
{
	char problem[NOTE_LEN + 16] = "";
	char path[PATH_LEN];
	if (p->cfg->save_path != NULL) {
		if (save_tally(p, p->cfg->save_path)) {
			p->quit = true;
			return;
		}
		snprintf(problem, sizeof(problem), "%s", p->note);
		snprintf(path, sizeof(path), "%s", p->cfg->save_path);
	} else {
		if (tally_grand_total(p->tally) == 0) {
			p->quit = true;
			return;
		}
		char date[TIME_DATE_LEN];
		time_format_date(time_now(), date);
		snprintf(path, sizeof(path), "ladder-tally-%s.json", date);
	}
	for (;;) {
		char votes[96];
		snprintf(votes, sizeof(votes), "%u votes were counted.",
			tally_grand_total(p->tally));
		const char *lines[] = {
			problem[0] != '\0' ? problem : "Save the counts before you leave?",
			"",
			votes,
			"",
			"  y   save them to a file",
			"  n   leave without saving",
			"  Esc stay",
		};
		draw_dialog(p, lines, 7, problem[0] != '\0' ? TERM_WARNING : TERM_TITLE);
		refresh();
		int k = term_getkey(-1);
		if (k == KEY_RESIZE) {
			continue;
		}
		if (k == TERM_KEY_SIGNAL) {
			if (term_signal() == SIGINT) {
				term_clear_signal(); /* Ctrl-C again: stay */
			}
			return; /* SIGTERM, SIGHUP: the main loop ends */
		}
		if (k == 'n' || k == 'N') {
			p->quit = true;
			return;
		}
		if (k == 'y' || k == 'Y') {
			const char *why = NULL;
			while (ask_path(p, path, sizeof(path), why)) {
				if (save_tally(p, path)) {
					p->quit = true;
					return;
				}
				why = p->note;
			}
			p->note[0] = '\0';
			continue;
		}
		if (k == TERM_KEY_ESC || k == 'q' || k == 'Q') {
			return;
		}
	}
}

