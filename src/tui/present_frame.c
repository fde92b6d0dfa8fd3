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

/* A note on the facilitator's line: the loop's note line, until the next
 * key; a warning shows even when the line is hidden. */
void
present_note(struct present *p, enum term_role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->app->note, sizeof(p->app->note), fmt, ap);
	va_end(ap);
	p->app->note_kind = r == TERM_WARNING ? NOTE_ERROR : NOTE_INFO;
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
	const char *note = p->app->note;
	bool warn = note[0] != '\0' && p->app->note_kind == NOTE_ERROR;
	if (!p->facil && !warn) {
		return;
	}
	int y = LINES - 1;
	term_fill(y, 0, 1, COLS, TERM_FOOTER);
	char line[1400 * 2 + 512], state[160], timer[96];
	slide_state(p, s, state, sizeof(state));
	timer_text(p, timer, sizeof(timer));
	/* what matters most first: a narrow terminal cuts the end */
	snprintf(line, sizeof(line), "%zu/%zu%s%s%s%s%s%s \xC2\xB7 %s \xC2\xB7 ? keys "
		"\xC2\xB7 f hides this line", p->cur + 1, p->n_slides,
		state[0] ? " \xC2\xB7 " : "", state, note[0] ? " \xC2\xB7 " : "", note,
		timer[0] ? " \xC2\xB7 " : "", timer, s->name);
	int x = 1;
	if (!p->facil) {
		/* hidden: a warning alone */
		snprintf(line, sizeof(line), "%s", note);
	}
	enum term_role role = warn ? TERM_WARNING : TERM_FOOTER;
	term_print(y, x, COLS - 1 - x, role, line);
}

static void draw_question(struct present *p);

void
present_draw(struct present *p)
{
	erase();
	if (!p->blank) {
		present_size_roles(p);
		const struct slide *s = &p->slides[p->cur];
		draw_slide(p, s, slide_area());
		draw_facilitator(p, s);
		draw_question(p);
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

/* q: leave, saving or asking first. */
void
request_quit(struct present *p)
{
	char path[PATH_LEN];
	p->problem[0] = '\0';
	if (p->cfg->save_path != NULL) {
		if (save_tally(p, p->cfg->save_path)) {
			p->quit = true;
			return;
		}
		snprintf(p->problem, sizeof(p->problem), "%s", p->app->note);
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
	editbuf_finish(&p->path);
	editbuf_init(&p->path, path);
	editbuf_bottom(&p->path);
	p->dialog = DIALOG_SAVE;
}

void
dialog_key(struct present *p, const struct tkey *k)
{
	bool esc = !k->fn && k->code == TERM_KEY_ESC;
	if (p->dialog == DIALOG_SAVE) {
		int c = k->fn ? 0 : k->code;
		if (c == 'n' || c == 'N') {
			p->quit = true;
		} else if (c == 'y' || c == 'Y') {
			p->dialog = DIALOG_PATH;
			p->problem[0] = '\0';
		} else if (esc || c == 'q' || c == 'Q') {
			p->dialog = DIALOG_NONE; /* stay */
			p->interrupted = false;
		}
		return;
	}
	if (k->fn && k->code == KEY_ENTER) {
		char *path = editbuf_trimmed(&p->path);
		if (path == NULL || path[0] == '\0') {
			snprintf(p->problem, sizeof(p->problem), "Type a file name first (Esc goes back).");
		} else if (save_tally(p, path)) {
			p->quit = true;
		} else {
			snprintf(p->problem, sizeof(p->problem), "%s", p->app->note);
		}
		free(path);
		return;
	}
	if (esc) {
		p->dialog = DIALOG_SAVE; /* back to the question */
		p->problem[0] = '\0';
		return;
	}
	line_key(&p->path, k, PATH_LEN - 1);
}

/* The dialog, if one is open, over the slide. */
static void
draw_question(struct present *p)
{
	if (p->dialog == DIALOG_SAVE) {
		char votes[96];
		snprintf(votes, sizeof(votes), "%u votes were counted.",
			tally_grand_total(p->tally));
		const char *lines[] = {
			p->problem[0] != '\0' ? p->problem : "Save the counts before you leave?",
			"",
			votes,
			"",
			"  y   save them to a file",
			"  n   leave without saving",
			"  Esc stay",
		};
		ui_dialog(lines, 7, p->problem[0] != '\0' ? TERM_WARNING : TERM_TITLE);
	} else if (p->dialog == DIALOG_PATH) {
		char shown[PATH_LEN + 4];
		snprintf(shown, sizeof(shown), "%s_", p->path.text);
		const char *lines[] = {
			"Save the counts to this file:",
			"",
			shown,
			"",
			p->problem[0] != '\0' ? p->problem : "Enter saves it, Esc goes back.",
		};
		ui_dialog(lines, 5, TERM_TITLE);
	}
}
