/* The full-screen program: the table of screens, the stack of open ones,
 * the loop that draws the top one and hands it keys, and what several
 * screens share (the note line, saving, the first screen after opening). */
#include "screen.h"

#include "ladder/journal_open.h"
#include "present.h"
#include "ladder/rescore.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ladder/timeutil.h"

static const struct screen *const screens[SCREEN_COUNT] = {
	[SCREEN_WELCOME] = &screen_welcome,
	[SCREEN_INTRO] = &screen_intro,
	[SCREEN_NEWPASS] = &screen_newpass,
	[SCREEN_RECOVERY] = &screen_recovery,
	[SCREEN_UNLOCK] = &screen_unlock,
	[SCREEN_HOME] = &screen_home,
	[SCREEN_CHOOSE] = &screen_choose,
	[SCREEN_RESUME] = &screen_resume,
	[SCREEN_ASSESS] = &screen_assess,
	[SCREEN_RESULT] = &screen_result,
	[SCREEN_EDITOR] = &screen_editor,
	[SCREEN_HISTORY] = &screen_history,
	[SCREEN_EXPORT] = &screen_export,
	[SCREEN_OLDER] = &screen_older,
	[SCREEN_PRESENT] = &screen_present,
};

void
app_note(struct app *a, enum note_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->note, sizeof(a->note), fmt, ap);
	va_end(ap);
	a->note_kind = kind;
}

/* Closes the top screen: leave, then its state wiped and freed. */
static void
pop(struct app *a)
{
	struct frame *f = &a->stack[--a->depth];
	const struct screen *s = screens[f->id];
	if (s->leave != NULL) {
		s->leave(a, f->state);
	}
	if (f->state != NULL) {
		sodium_memzero(f->state, s->state_size);
		free(f->state);
	}
	f->state = NULL;
}

void *
app_open(struct app *a, enum screen_id id, const void *arg)
{
	const struct screen *s = screens[id];
	if (a->depth == APP_STACK_MAX) {
		/* a deeper path than any the screens make: forget the oldest */
		struct frame bottom = a->stack[0];
		memmove(&a->stack[0], &a->stack[1], (APP_STACK_MAX - 1) * sizeof(a->stack[0]));
		a->stack[APP_STACK_MAX - 1] = bottom;
		pop(a);
	}
	void *st = NULL;
	if (s->state_size > 0 && (st = calloc(1, s->state_size)) == NULL) {
		term_fatal("out of memory");
	}
	a->stack[a->depth++] = (struct frame){id, st};
	a->help = false;
	if (s->enter != NULL) {
		s->enter(a, st, arg);
	}
	return st;
}

void
app_back(struct app *a)
{
	if (a->depth <= 1) {
		app_go(a, SCREEN_HOME, NULL);
		return;
	}
	pop(a);
	a->help = false;
	const struct frame *f = &a->stack[a->depth - 1];
	if (screens[f->id]->show != NULL) {
		screens[f->id]->show(a, f->state);
	}
}

void *
app_go(struct app *a, enum screen_id id, const void *arg)
{
	while (a->depth > 0) {
		pop(a);
	}
	return app_open(a, id, arg);
}

enum screen_id
app_top(const struct app *a)
{
	return a->stack[a->depth - 1].id;
}

void
app_assess(struct app *a, const struct questionnaire *q, bool resume)
{
	struct assess_arg arg = {q, resume};
	app_go(a, SCREEN_HOME, NULL); /* leaving it goes home */
	app_open(a, SCREEN_ASSESS, &arg);
}

void
app_quit(struct app *a, int status)
{
	a->quit = true;
	a->status = status;
}

const struct catalog *
app_catalog(struct app *a)
{
	if (a->opt->catalog != NULL) {
		return a->opt->catalog;
	}
	if (a->cat == NULL && a->opt->load_catalog != NULL) {
		a->cat = a->opt->load_catalog(a->opt->catalog_ctx);
	}
	if (a->cat == NULL) {
		term_fatal("out of memory reading the questionnaires");
	}
	return a->cat;
}

const struct questionnaire *
app_questionnaire(struct app *a, const char *id)
{
	if (a->opt->questionnaire != NULL && strcmp(a->opt->questionnaire->id, id) == 0) {
		return a->opt->questionnaire;
	}
	return catalog_find(app_catalog(a), id);
}

bool
app_save(struct app *a, const char *saved_msg)
{
	struct ladder_error err;
	error_clear(&err);
	/* the signals only set a flag, but hold them back all the same: no
	 * handler runs in the middle of a save */
	bool ok = store_save_held(a->store, &err);
	if (ok) {
		a->unsaved = false;
		a->save_failures = 0;
		a->quit_asked = false;
		if (saved_msg != NULL) {
			app_note(a, NOTE_OK, "%s", saved_msg);
		}
		return true;
	}
	a->unsaved = true;
	a->save_failures++;
	snprintf(a->unsaved_msg, sizeof(a->unsaved_msg), "%s", err.msg);
	a->note[0] = '\0'; /* the frame shows why, until a save works */
	return false;
}

void
app_after_open(struct app *a)
{
	struct ladder_error err;
	error_clear(&err);
	if (!journal_rescore(a->store->journal, app_catalog(a), NULL, NULL, &err)) {
		term_fatal("out of memory");
	}
	const struct journal *j = a->store->journal;
	const struct questionnaire *q = a->opt->questionnaire;
	/* an older generation than seen here: said first, saved over only
	 * when the person says so (or --accept-older did) */
	uint64_t gen, newest;
	int64_t seen_at;
	if (a->opt->accept_older) {
		vault_accept_older(a->store->vault);
	} else if (vault_older(a->store->vault, &gen, &newest, &seen_at)) {
		app_go(a, SCREEN_OLDER, NULL);
		return;
	}
	/* an unsafe folder is said on the first screen, as on the command line */
	if (vault_warning(a->store->vault) != NULL) {
		app_note(a, NOTE_ERROR, "Warning: %s.", vault_warning(a->store->vault));
	}
	switch (a->opt->start) {
	case TUI_START_ASSESS:
		if (q == NULL) {
			app_go(a, SCREEN_CHOOSE, NULL);
		} else if (journal_unfinished_get(j, q->id) != NULL) {
			app_go(a, SCREEN_HOME, NULL);
			app_open(a, SCREEN_RESUME, q);
		} else {
			app_assess(a, q, false);
		}
		return;
	case TUI_START_HISTORY:
		app_go(a, SCREEN_HISTORY, NULL);
		return;
	case TUI_START_HOME:
		break;
	}
	/* offer the most recent unfinished session that can still be taken */
	const struct journal_unfinished *best = NULL;
	const struct questionnaire *best_q = NULL;
	for (size_t i = 0; i < j->n_unfinished; i++) {
		const struct questionnaire *uq = app_questionnaire(a, j->unfinished[i].questionnaire);
		if (uq != NULL && (best == NULL || j->unfinished[i].started_at > best->started_at)) {
			best = &j->unfinished[i];
			best_q = uq;
		}
	}
	app_go(a, SCREEN_HOME, NULL);
	if (best_q != NULL) {
		app_open(a, SCREEN_RESUME, best_q);
	}
}

/* Keeps what every open screen has unfinished (top first) and saves the
 * journal, if one is open (a->unsaved says whether that failed). Returns
 * what the topmost screen that kept something says it kept, or NULL. */
static const char *
keep_and_save(struct app *a)
{
	const char *kept = NULL;
	for (size_t i = a->depth; i-- > 0;) {
		const struct screen *s = screens[a->stack[i].id];
		if (s->keep != NULL && s->keep(a, a->stack[i].state) && kept == NULL) {
			kept = s->kept;
		}
	}
	if (a->store != NULL && a->unsaved) {
		app_save(a, NULL);
	}
	return kept;
}

/* A signal: keep what can be kept, then leave. */
static void
on_signal(struct app *a, int sig)
{
	const char *kept = keep_and_save(a);
	const char *name = sig == SIGINT ? "interrupted" : sig == SIGHUP ? "the terminal went away" : "asked to stop";
	snprintf(a->exit_msg, sizeof(a->exit_msg), "%s%s%s", name,
		a->unsaved ? "; the last changes could not be saved" : kept != NULL ? "; " : "",
		a->unsaved || kept == NULL ? "" : kept);
	app_quit(a, 128 + sig);
}

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* No key for --lock-after minutes: keep what is unfinished (encrypted, in
 * the journal), wipe every secret (the key, the content, the answers and
 * the reflection in memory: every screen is closed) and ask for the
 * passphrase again. False when what is unfinished could not be kept: then
 * nothing is wiped (the frame says why the save failed; F5 tries again). */
static bool
idle_lock(struct app *a)
{
	keep_and_save(a);
	if (a->unsaved) {
		return false;
	}
	while (a->depth > 0) {
		pop(a);
	}
	store_close(a->store);
	a->store = NULL;
	app_go(a, SCREEN_UNLOCK, NULL);
	app_note(a, NOTE_INFO, "Locked: no key for %g minute%s. Your journal is closed "
		"and anything unfinished was kept; unlock it to go on.",
		a->opt->lock_after, a->opt->lock_after == 1 ? "" : "s");
	return true;
}

static struct tkey
read_key(int *raw, int timeout_ms)
{
	wint_t ch = 0;
	int k = term_read(timeout_ms, &ch);
	*raw = k;
	struct tkey key = {0, true};
	if (k == TERM_KEY_CHAR) {
		key.code = (int)ch;
		key.fn = false;
		/* Enter arrives as CR (nonl) or LF */
		if (ch == '\r' || ch == '\n') {
			key.code = KEY_ENTER;
			key.fn = true;
		} else if (ch == 127 || ch == 8) {
			key.code = KEY_BACKSPACE;
			key.fn = true;
		}
	} else {
		key.code = k;
	}
	return key;
}

static void
draw(struct app *a)
{
	a->cursor = false;
	const struct frame *f = &a->stack[a->depth - 1];
	const struct screen *s = screens[f->id];
	s->draw(a, f->state);
	if (a->help) {
		help_draw(a, s, f->state);
		a->cursor = false;
	}
	if (a->cursor) {
		move(a->cursor_y, a->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* On every way out: every screen closed (what they hold wiped), the
 * journal closed. */
static void
cleanup(struct app *a)
{
	while (a->depth > 0) {
		pop(a);
	}
	store_close(a->store);
	a->store = NULL;
	model_texts_destroy(a->model);
	a->model = NULL;
}

/* Ctrl-C or q while too small, for a screen with a way out of its own:
 * true when it took it. */
static bool
ask_to_leave(struct app *a, int sig)
{
	const struct frame *f = &a->stack[a->depth - 1];
	if (screens[f->id]->quit == NULL) {
		return false;
	}
	screens[f->id]->quit(a, f->state, sig);
	return true;
}

/* A key for the loop itself, before the screen: true when it took it. */
static bool
loop_key(struct app *a, const struct screen *s, const void *st, const struct tkey *k)
{
	if (s->grab != NULL && s->grab(st)) {
		return false;
	}
	if (a->help) {
		a->help = false; /* any key closes the help */
		return true;
	}
	bool typing = s->text_input || (s->typing != NULL && s->typing(st));
	if ((k->fn && k->code == KEY_F(1)) || (!typing && !k->fn && k->code == '?')) {
		a->help = true;
		return true;
	}
	if (k->fn && k->code == KEY_F(5) && a->unsaved && a->store != NULL) {
		app_save(a, "Saved.");
		return true;
	}
	return false;
}

static void
loop(struct app *a)
{
	while (!a->quit) {
		if (term_too_small(UI_MIN_COLS, UI_MIN_ROWS)) {
			int sig = term_signal();
			if (sig != 0) {
				term_clear_signal();
				if (sig == SIGINT && ask_to_leave(a, SIGINT)) {
					continue;
				}
				on_signal(a, sig);
				break;
			}
			/* q while too small: leave, keeping what can be kept, or
			 * as the screen leaves */
			if (ask_to_leave(a, 0)) {
				continue;
			}
			keep_and_save(a);
			app_quit(a, LADDER_OK);
			break;
		}
		/* the idle lock, while a journal is open */
		int timeout_ms = -1;
		if (a->opt->lock_after > 0 && a->store != NULL) {
			int64_t left = a->last_key_ms + (int64_t)(a->opt->lock_after * 60000.0) - now_ms();
			if (left <= 0) {
				if (!idle_lock(a)) {
					a->last_key_ms = now_ms(); /* try again later */
				}
				continue;
			}
			timeout_ms = left > 1000000000 ? 1000000000 : (int)left;
		}
		const struct frame *top = &a->stack[a->depth - 1];
		int tick = screens[top->id]->tick ? screens[top->id]->tick(top->state) : -1;
		if (tick >= 0 && (timeout_ms < 0 || tick < timeout_ms)) {
			timeout_ms = tick;
		}
		draw(a);
		int raw;
		struct tkey k = read_key(&raw, timeout_ms);
		if (raw == TERM_KEY_SIGNAL) {
			int sig = term_signal();
			term_clear_signal();
			if (sig == SIGINT && ask_to_leave(a, SIGINT)) {
				continue;
			}
			on_signal(a, sig);
			break;
		}
		if (raw == TERM_KEY_TIMEOUT || (k.fn && k.code == KEY_RESIZE)) {
			continue;
		}
		a->last_key_ms = now_ms();
		app_key(a, &k);
	}
}

int
app_key(struct app *a, const struct tkey *k)
{
	const struct frame *f = &a->stack[a->depth - 1];
	const struct screen *s = screens[f->id];
	if (loop_key(a, s, f->state, k)) {
		return ACT_HANDLED;
	}
	/* a note lasts until the next key */
	a->note[0] = '\0';
	int act = s->key(a, f->state, k);
	if (act & ACT_QUIT) {
		a->quit = true;
	}
	return act;
}

void
app_finish(struct app *a)
{
	cleanup(a);
}

/* Opens the journal with the passphrase file before the screen starts. */
static int
open_with_file(struct app *a)
{
	struct journal_opener o = {.path = a->opt->journal_path, .writable = true,
		.passphrase_file = a->opt->passphrase_file};
	struct ladder_error err;
	error_clear(&err);
	if (!journal_open(&o, &a->store, &err)) {
		fprintf(stderr, "ladder: %s\n", err.msg);
		return err.status == LADDER_OK ? LADDER_FAIL : err.status;
	}
	return LADDER_OK;
}

/* The terminal started, the loop run from first (opened with arg; or,
 * when first is SCREEN_COUNT, from what the journal's state says), the
 * terminal restored, the last word said, every screen closed. */
static int
run(struct app *a, enum term_theme theme, enum screen_id first, const void *arg)
{
	char msg[256];
	struct term_config cfg = {.no_color = a->opt->no_color, .theme = theme};
	if (!term_init(&cfg, msg, sizeof(msg))) {
		fprintf(stderr, "ladder: %s%s\n", msg, first == SCREEN_COUNT
			? "; 'ladder --plain' asks line by line instead" : "");
		cleanup(a);
		return LADDER_FAIL;
	}
	term_no_flow_control();
	a->last_key_ms = now_ms();
	if (first != SCREEN_COUNT) {
		app_go(a, first, arg);
	} else if (a->first_run) {
		app_go(a, SCREEN_WELCOME, NULL);
	} else if (a->store != NULL) {
		app_after_open(a);
	} else {
		app_go(a, SCREEN_UNLOCK, NULL);
	}
	loop(a);
	term_finish();
	if (a->exit_msg[0] != '\0') {
		fprintf(stderr, "ladder: %s\n", a->exit_msg);
	}
	cleanup(a);
	return a->status;
}

int
tui_run(const struct tui_options *o)
{
	struct app a;
	memset(&a, 0, sizeof(a));
	a.opt = o;
	struct ladder_error err;
	error_clear(&err);
	a.model = model_texts_load_default(&err);
	if (a.model == NULL) {
		fprintf(stderr, "ladder: %s\n", err.msg);
		return LADDER_FAIL;
	}
	a.first_run = !vault_exists(o->journal_path);
	if (!a.first_run && o->passphrase_file != NULL) {
		int rc = open_with_file(&a);
		if (rc != LADDER_OK) {
			cleanup(&a);
			return rc;
		}
	}
	return run(&a, TERM_THEME_DEFAULT, SCREEN_COUNT, NULL);
}

int
present_run(const struct present_config *cfg)
{
	/* no journal: the deck's screen alone, in high contrast */
	struct tui_options o = {.no_color = cfg->no_color};
	struct app a;
	memset(&a, 0, sizeof(a));
	a.opt = &o;
	return run(&a, TERM_THEME_CONTRAST, SCREEN_PRESENT, cfg);
}
