/* The full-screen program: the table of screens, the loop that draws the
 * current one and hands it keys, and what several screens share (saving,
 * starting and keeping an assessment, opening the editor). */
#include "screen.h"

#include "ladder/rescore.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

void
app_go(struct app *a, enum screen_id id)
{
	a->screen = id;
	a->help = false;
	if (screens[id]->enter != NULL) {
		screens[id]->enter(a);
	}
}

void
app_quit(struct app *a, int status)
{
	a->quit = true;
	a->status = status;
}

const struct questionnaire *
app_questionnaire(const struct app *a, const char *id)
{
	if (a->opt->questionnaire != NULL && strcmp(a->opt->questionnaire->id, id) == 0) {
		return a->opt->questionnaire;
	}
	return catalog_find(a->opt->catalog, id);
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
app_end_assessment(struct app *a)
{
	answers_destroy(a->ans);
	a->ans = NULL;
	a->q = NULL;
	a->pos = 0;
}

/* Answers to q on the set of this session: --set when it was given for
 * q, else the set least often completed. */
static struct answers *
new_answers(struct app *a, const struct questionnaire *q)
{
	struct answers *ans = answers_create(q);
	if (ans == NULL) {
		term_fatal("out of memory");
	}
	ans->set = a->opt->set != 0 && q == a->opt->questionnaire ? a->opt->set
		: journal_choose_set(a->store->journal, q);
	return ans;
}

void
app_start_assessment(struct app *a, const struct questionnaire *q, bool resume)
{
	app_end_assessment(a);
	a->ans = new_answers(a, q);
	a->q = q;
	a->pos = 0;
	a->started = time_now();
	struct journal *j = a->store->journal;
	const struct journal_unfinished *u = journal_unfinished_get(j, q->id);
	if (u != NULL && resume) {
		struct ladder_error err;
		error_clear(&err);
		/* no answer in a set yet: the set chosen for a new session stays */
		if (u->version == q->version &&
			answers_values_from_json(q, u->answers, a->ans, &err) &&
			answers_settle_set(q, a->ans, 0, &err)) {
			a->pos = u->position < q->n_items ? u->position : q->n_items - 1;
			a->started = u->started_at;
		} else {
			answers_destroy(a->ans);
			a->ans = new_answers(a, q);
			app_note(a, NOTE_ERROR, "The questionnaire has changed since you left it, "
				"so your earlier answers do not fit; starting afresh.");
		}
	} else if (u != NULL) {
		/* starting again: the earlier answers go at the next save */
		journal_unfinished_clear(j, q->id);
	}
	/* on the first item the session asks, from there */
	while (a->pos + 1 < q->n_items && !questionnaire_item_asked(q, a->pos, a->ans->set)) {
		a->pos++;
	}
	while (a->pos > 0 && !questionnaire_item_asked(q, a->pos, a->ans->set)) {
		a->pos--;
	}
	app_go(a, SCREEN_ASSESS);
}

bool
app_keep_unfinished(struct app *a)
{
	if (a->q == NULL || a->ans == NULL) {
		return true;
	}
	struct journal *j = a->store->journal;
	if (answers_count(a->ans) == 0 && journal_unfinished_get(j, a->q->id) == NULL) {
		return true; /* nothing to keep */
	}
	struct ladder_error err;
	error_clear(&err);
	if (!journal_unfinished_set(j, a->q, a->ans, a->pos, a->started, &err)) {
		app_note(a, NOTE_ERROR, "Could not keep your answers: %s", err.msg);
		return false;
	}
	return app_save(a, "Your answers so far are saved. You can carry on later.");
}

/* The most recent session, or NULL. */
static const struct journal_session *
last_session(const struct journal *j)
{
	return j->n_sessions > 0 ? &j->sessions[j->n_sessions - 1] : NULL;
}

void
app_edit(struct app *a, enum edit_target t, long index, enum screen_id back)
{
	const struct journal *j = a->store->journal;
	a->edit_target = t;
	a->edit_index = index;
	a->edit_back = back;
	a->edit_stage = STAGE_NONE;
	a->edit_questionnaire = NULL;
	if (t == EDIT_SESSION) {
		a->edit_stage = j->sessions[index].stage;
		a->edit_questionnaire = j->sessions[index].questionnaire;
	} else if (last_session(j) != NULL) {
		a->edit_stage = last_session(j)->stage;
	}
	app_go(a, SCREEN_EDITOR);
}

void
app_after_open(struct app *a)
{
	struct ladder_error err;
	error_clear(&err);
	if (!journal_rescore(a->store->journal, a->opt->catalog, NULL, NULL, &err)) {
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
		app_go(a, SCREEN_OLDER);
		return;
	}
	/* an unsafe folder is said on the first screen, as on the command line */
	if (vault_warning(a->store->vault) != NULL) {
		app_note(a, NOTE_ERROR, "Warning: %s.", vault_warning(a->store->vault));
	}
	switch (a->opt->start) {
	case TUI_START_ASSESS:
		if (q == NULL) {
			app_go(a, SCREEN_CHOOSE);
		} else if (journal_unfinished_get(j, q->id) != NULL) {
			a->resume_q = q;
			a->resume_back = SCREEN_HOME;
			app_go(a, SCREEN_RESUME);
		} else {
			app_start_assessment(a, q, false);
		}
		return;
	case TUI_START_HISTORY:
		app_go(a, SCREEN_HISTORY);
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
	if (best_q != NULL) {
		a->resume_q = best_q;
		a->resume_back = SCREEN_HOME;
		app_go(a, SCREEN_RESUME);
		return;
	}
	app_go(a, SCREEN_HOME);
}

/* A signal: keep what can be kept, then leave. */
static void
on_signal(struct app *a, int sig)
{
	bool kept = false, kept_note = false;
	if (a->store != NULL && a->screen == SCREEN_ASSESS && a->q != NULL) {
		kept = answers_count(a->ans) > 0 && app_keep_unfinished(a);
	} else if (a->store != NULL && a->screen == SCREEN_EDITOR) {
		kept_note = editor_keep_on_signal(a);
	}
	if (a->store != NULL && a->unsaved) {
		app_save(a, NULL);
	}
	const char *name = sig == SIGINT ? "interrupted" : sig == SIGHUP ? "the terminal went away" : "asked to stop";
	snprintf(a->exit_msg, sizeof(a->exit_msg), "%s%s", name,
		a->unsaved ? "; the last changes could not be saved"
		: kept ? "; your answers so far are kept, and ladder offers to carry on next time"
		: kept_note ? "; the reflection you were writing is saved" : "");
	app_quit(a, 128 + sig);
}

/* The idle lock: when the last key was pressed (milliseconds, monotonic). */
static int64_t last_key_ms;

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* No key for --lock-after minutes: keep what is unfinished (encrypted, in
 * the journal), wipe every secret (the key, the content, the answers and
 * the reflection in memory) and ask for the passphrase again. False when
 * what is unfinished could not be kept: then nothing is wiped (the frame
 * says why the save failed; F5 tries again). */
static bool
idle_lock(struct app *a)
{
	if (a->screen == SCREEN_ASSESS && a->q != NULL && answers_count(a->ans) > 0) {
		app_keep_unfinished(a);
	} else if (a->screen == SCREEN_EDITOR) {
		editor_keep_on_signal(a);
	}
	if (a->unsaved) {
		app_save(a, NULL);
	}
	if (a->unsaved) {
		return false;
	}
	editor_cleanup();
	app_end_assessment(a);
	secret_destroy(a->recovery);
	a->recovery = NULL;
	store_close(a->store);
	a->store = NULL;
	a->help = false;
	a->session = -1;
	app_go(a, SCREEN_UNLOCK);
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
	const struct screen *s = screens[a->screen];
	s->draw(a);
	if (a->help) {
		help_draw(a, s);
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

static void
cleanup(struct app *a)
{
	unlock_cleanup();
	newpass_cleanup();
	editor_cleanup();
	app_end_assessment(a);
	secret_destroy(a->recovery);
	a->recovery = NULL;
	store_close(a->store);
	a->store = NULL;
	model_texts_destroy(a->model);
	a->model = NULL;
}

static void
loop(struct app *a)
{
	while (!a->quit) {
		if (term_too_small(UI_MIN_COLS, UI_MIN_ROWS)) {
			int sig = term_signal();
			if (sig != 0) {
				term_clear_signal();
				on_signal(a, sig);
				break;
			}
			/* q while too small: leave, keeping what can be kept */
			if (a->screen == SCREEN_ASSESS) {
				app_keep_unfinished(a);
			}
			app_quit(a, LADDER_OK);
			break;
		}
		/* the idle lock, while a journal is open */
		int timeout_ms = -1;
		if (a->opt->lock_after > 0 && a->store != NULL) {
			int64_t left = last_key_ms + (int64_t)(a->opt->lock_after * 60000.0) - now_ms();
			if (left <= 0) {
				if (!idle_lock(a)) {
					last_key_ms = now_ms(); /* try again later */
				}
				continue;
			}
			timeout_ms = left > 1000000000 ? 1000000000 : (int)left;
		}
		draw(a);
		int raw;
		struct tkey k = read_key(&raw, timeout_ms);
		if (raw == TERM_KEY_SIGNAL) {
			int sig = term_signal();
			term_clear_signal();
			on_signal(a, sig);
			break;
		}
		if (raw == TERM_KEY_TIMEOUT || (k.fn && k.code == KEY_RESIZE)) {
			continue;
		}
		last_key_ms = now_ms();
		const struct screen *s = screens[a->screen];
		if (a->help) {
			a->help = false;
			continue;
		}
		bool typing = s->text_input || (s->typing != NULL && s->typing());
		if ((k.fn && k.code == KEY_F(1)) || (!typing && !k.fn && k.code == '?')) {
			a->help = true;
			continue;
		}
		if (k.fn && k.code == KEY_F(5) && a->unsaved && a->store != NULL) {
			app_save(a, "Saved.");
			continue;
		}
		/* a note lasts until the next key */
		a->note[0] = '\0';
		int act = s->key(a, &k);
		if (act & ACT_QUIT) {
			a->quit = true;
		}
	}
}

/* Opens the journal with the passphrase file before the screen starts. */
static int
open_with_file(struct app *a)
{
	struct secret *pass = NULL;
	struct ladder_error err;
	error_clear(&err);
	if (!secret_read_file(a->opt->passphrase_file, &pass, &err) ||
		!store_open(a->opt->journal_path, pass, true, &a->store, &err)) {
		secret_destroy(pass);
		fprintf(stderr, "ladder: %s\n", err.msg);
		return err.status == LADDER_OK ? LADDER_FAIL : err.status;
	}
	secret_destroy(pass);
	return LADDER_OK;
}

int
tui_run(const struct tui_options *o)
{
	struct app a;
	memset(&a, 0, sizeof(a));
	a.opt = o;
	a.session = -1;
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
	char msg[256];
	struct term_config cfg = {.no_color = o->no_color, .theme = TERM_THEME_DEFAULT};
	if (!term_init(&cfg, msg, sizeof(msg))) {
		fprintf(stderr, "ladder: %s; 'ladder --plain' asks line by line instead\n", msg);
		cleanup(&a);
		return LADDER_FAIL;
	}
	term_no_flow_control();
	last_key_ms = now_ms();
	if (a.first_run) {
		app_go(&a, SCREEN_WELCOME);
	} else if (a.store != NULL) {
		app_after_open(&a);
	} else {
		app_go(&a, SCREEN_UNLOCK);
	}
	loop(&a);
	term_finish();
	if (a.exit_msg[0] != '\0') {
		fprintf(stderr, "ladder: %s\n", a.exit_msg);
	}
	cleanup(&a);
	return a.status;
}
