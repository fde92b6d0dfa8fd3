/* Projector mode: the deck's slides and their keys, a screen on the
 * program's loop (screen.h; present_run in app.c starts it). The parts are
 * in present_impl.h. */
#include "present.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "present_impl.h"
#include "ladder/model.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

/* After a change: saved at once when --save-tally was given. */
static void
tally_changed(struct present *p)
{
	if (p->cfg->save_path != NULL) {
		save_tally(p, p->cfg->save_path);
	}
}

/* "Where are you?": 1-4 count a hand for a rung, u takes one back, r shows
 * or hides the counts. What was counted is said on the facilitator's line
 * only. */
static bool
key_where(struct present *p, const struct slide *s, int key)
{
	size_t q = s->q;
	if (key >= '1' && key <= '4') {
		if (!tally_vote(p->tally, q, (enum stage)(key - '0'))) {
			present_note(p, TERM_WARNING, "Out of memory: the hand was not counted");
			return true;
		}
		present_note(p, TERM_OK, "Counted a hand for rung %c", key);
		tally_changed(p);
		return true;
	}
	switch (key) {
	case 'u':
	case 'U': {
		enum stage st = tally_undo(p->tally, q);
		if (st == STAGE_NONE) {
			present_note(p, TERM_DIM, "No hands to take back on this slide");
		} else {
			present_note(p, TERM_OK, "Took back a hand for rung %d", (int)st);
		}
		tally_changed(p);
		return true;
	}
	case 'r':
	case 'R':
		p->revealed[q] = !p->revealed[q];
		return true;
	default:
		return false;
	}
}

/* "What would you do?": 1-5 count a choice of option A-E, u takes the
 * latest back, r shows the spread, then the authors' answer, then hides. */
static bool
key_situation(struct present *p, struct slide *s, int key)
{
	struct vote *v = &s->vote;
	size_t n = p->cfg->qs[s->q]->items[s->item].n_options;
	n = n < VOTE_OPTIONS ? n : VOTE_OPTIONS;
	if (key >= '1' && key <= '5') {
		size_t o = (size_t)(key - '1');
		if (o >= n) {
			present_note(p, TERM_DIM, "This situation has options A to %c",
				(int)('A' + n - 1));
			return true;
		}
		if (v->n_history == v->cap) {
			size_t nc = v->cap ? v->cap * 2 : 32;
			unsigned char *nh = realloc(v->history, nc);
			if (nh == NULL) {
				present_note(p, TERM_WARNING, "Out of memory: not counted");
				return true;
			}
			v->history = nh;
			v->cap = nc;
		}
		v->history[v->n_history++] = (unsigned char)o;
		v->counts[o]++;
		present_note(p, TERM_OK, "Counted a choice of %c", (int)('A' + o));
		return true;
	}
	switch (key) {
	case 'u':
	case 'U':
		if (v->n_history == 0) {
			present_note(p, TERM_DIM, "No choices to take back on this slide");
		} else {
			size_t o = v->history[--v->n_history];
			v->counts[o]--;
			present_note(p, TERM_OK, "Took back a choice of %c", (int)('A' + o));
		}
		return true;
	case 'r':
	case 'R':
		v->shown = (v->shown + 1) % 3;
		return true;
	default:
		return false;
	}
}

static void
go(struct present *p, size_t to)
{
	if (to < p->n_slides) {
		p->cur = to;
	}
}

/* Keys of every slide. */
static void
key_global(struct present *p, int key)
{
	switch (key) {
	case KEY_RIGHT:
	case ' ':
	case KEY_NPAGE:
	case KEY_DOWN:
	case '\r':
	case '\n':
	case KEY_ENTER:
	case 'l':
	case 'j':
	case 'n':
		if (p->cur + 1 < p->n_slides) {
			go(p, p->cur + 1);
		} else {
			present_note(p, TERM_DIM, "This is the last slide; q leaves");
		}
		break;
	case KEY_LEFT:
	case KEY_PPAGE:
	case KEY_UP:
	case KEY_BACKSPACE:
	case 'h':
	case 'k':
	case 'p':
		if (p->cur > 0) {
			go(p, p->cur - 1);
		}
		break;
	case KEY_HOME:
	case 'g':
		go(p, 0);
		break;
	case KEY_END:
	case 'G':
		go(p, p->n_slides - 1);
		break;
	case 'b':
	case 'B':
	case '.':
		p->blank = true;
		break;
	case 'f':
	case 'F':
		p->facil = !p->facil;
		break;
	case 't':
	case 'T':
		timer_toggle(p);
		break;
	case 'q':
	case 'Q':
	case TERM_KEY_ESC:
		request_quit(p);
		break;
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case 'u':
	case 'r':
		present_note(p, TERM_DIM, "Counts are taken on the \"Where are you?\" and "
			"\"What would you do?\" slides");
		break;
	default:
		present_note(p, TERM_DIM, "Press ? for the keys");
		break;
	}
}

static void
handle_key(struct present *p, int key)
{
	if (!p->keyed) {
		/* the facilitator's line shows until the first key, then hides
		 * (f brings it back) */
		p->keyed = true;
		if (key != 'f' && key != 'F') {
			p->facil = false;
		}
	}
	if (p->blank) {
		/* a stray press of a clicker must not show the next slide: only
		 * b or . bring the screen back */
		if (key == 'b' || key == 'B' || key == '.') {
			p->blank = false;
		}
		return;
	}
	struct slide *s = &p->slides[p->cur];
	if (s->kind == SLIDE_WHERE && key_where(p, s, key)) {
		return;
	}
	if (s->kind == SLIDE_SITUATION && key_situation(p, s, key)) {
		return;
	}
	key_global(p, key);
}

/* ---- the slides of the deck ------------------------------------------ */

static bool
add_slide(struct present *p, struct slide s, char *name)
{
	if (name == NULL) {
		return false;
	}
	struct slide *ns = realloc(p->slides, (p->n_slides + 1) * sizeof(*ns));
	if (ns == NULL) {
		free(name);
		return false;
	}
	p->slides = ns;
	s.name = name;
	p->slides[p->n_slides++] = s;
	return true;
}

/* The room's views: one slide each (one saying there is nothing, when
 * there are none). */
static bool
add_room(struct present *p)
{
	const struct present_config *c = p->cfg;
	struct slide s = {.kind = SLIDE_ROOM};
	if (c->n_views == 0) {
		return add_slide(p, s, str_dup("The room"));
	}
	for (size_t i = 0; i < c->n_views; i++) {
		s.q = i;
		const char *t = c->views[i].title;
		struct slide cal = {.kind = SLIDE_ROOM_CALIBRATION, .q = i};
		struct slide areas = {.kind = SLIDE_ROOM_AREAS, .q = i};
		if (!add_slide(p, s, str_printf("The room \xE2\x80\x94 %s", t)) ||
			!add_slide(p, cal, str_printf("The room's self-rating \xE2\x80\x94 %s", t)) ||
			(c->views[i].pq != NULL && c->views[i].pq->n_facets > 0 &&
				!add_slide(p, areas, str_printf("The room by area \xE2\x80\x94 %s", t)))) {
			return false;
		}
	}
	return true;
}

static bool
build_slides(struct present *p)
{
	const struct present_config *c = p->cfg;
	const struct deck *d = c->deck;
	bool ok = true;
	if (c->room != NULL) {
		ok = add_slide(p, (struct slide){.kind = SLIDE_START},
			str_dup("Files read for the room (before the first slide)"));
	}
	for (size_t i = 0; ok && i < d->n; i++) {
		const struct deck_slide *ds = &d->slides[i];
		struct slide s = {.q = ds->q, .text = ds->text};
		const char *qt = ds->questionnaire != NULL ? c->qs[ds->q]->title : "";
		switch (ds->kind) {
		case DECK_TITLE:
			s.kind = SLIDE_TITLE;
			ok = add_slide(p, s, str_dup("Title"));
			break;
		case DECK_STAGES:
			s.kind = SLIDE_LADDER;
			ok = add_slide(p, s, str_dup("The four stages"));
			break;
		case DECK_WHERE:
			s.kind = SLIDE_WHERE;
			ok = add_slide(p, s, str_printf("Where are you? \xE2\x80\x94 %s", qt));
			break;
		case DECK_SITUATION:
			s.kind = SLIDE_SITUATION;
			s.item = ds->index;
			ok = add_slide(p, s, str_printf("What would you do? \xE2\x80\x94 %s, %s",
				qt, c->qs[ds->q]->items[ds->index].id));
			break;
		case DECK_PROMPT:
			s.kind = SLIDE_PROMPT;
			s.prompt = ds->index;
			ok = add_slide(p, s, ds->text != NULL ? str_dup("Discussion") :
				str_printf("Discussion \xE2\x80\x94 %s, prompt %d", qt, ds->prompt));
			break;
		case DECK_ROOM:
			ok = c->room == NULL || add_room(p); /* without --room: left out */
			break;
		case DECK_SUMMARY:
		case DECK_KIND_COUNT:
			s.kind = SLIDE_SUMMARY;
			ok = add_slide(p, s, str_dup("Summary"));
			break;
		}
	}
	if (ok && p->n_slides == 0) {
		ok = add_slide(p, (struct slide){.kind = SLIDE_TITLE}, str_dup("Title"));
	}
	return ok;
}

/* ---- the screen ---------------------------------------------------- */

/* SIGTERM or SIGHUP: nobody is there to ask, so the counts are saved
 * where --save-tally said, else (when there are any) in a new file in the
 * current folder rather than lost. */
static bool
present_keep(struct app *a, void *state)
{
	struct present *p = state;
	p->app = a;
	if (p->cfg->save_path != NULL) {
		return save_tally(p, p->cfg->save_path);
	}
	if (tally_grand_total(p->tally) == 0) {
		return false;
	}
	char stamp[TIME_RFC3339_LEN], path[64];
	time_format_rfc3339(time_now(), stamp);
	for (char *c = stamp; *c != '\0'; c++) {
		*c = *c == ':' ? '-' : *c;
	}
	snprintf(path, sizeof(path), "ladder-tally-%s.json", stamp);
	return save_tally(p, path);
}

static void
leave_now(struct app *a, struct present *p)
{
	if (p->interrupted) {
		snprintf(a->exit_msg, sizeof(a->exit_msg), "interrupted");
	}
	app_quit(a, p->interrupted ? 128 + SIGINT : LADDER_OK);
}

/* Ctrl-C, or q while the window is too small: as q (asking whether to
 * save the counts); asked again while the question is open, the counts
 * are saved as on a signal and the show ends. */
static void
present_quit(struct app *a, void *state, int sig)
{
	struct present *p = state;
	p->app = a;
	p->interrupted = sig == SIGINT;
	if (p->dialog != DIALOG_NONE) {
		present_keep(a, p);
		leave_now(a, p);
		return;
	}
	request_quit(p);
	if (p->quit) {
		leave_now(a, p);
	}
}

/* arg: the struct present_config. */
static void
present_enter(struct app *a, void *state, const void *arg)
{
	struct present *p = state;
	const struct present_config *cfg = arg;
	p->app = a;
	p->cfg = cfg;
	p->facil = true;
	p->timer.total = cfg->minutes > 0 ? (long)cfg->minutes * 60 : 0;
	p->tally = tally_create();
	p->revealed = calloc(cfg->n_qs ? cfg->n_qs : 1, sizeof(bool));
	bool ok = p->tally != NULL && p->revealed != NULL;
	for (size_t i = 0; ok && i < cfg->n_qs; i++) {
		size_t index;
		ok = tally_add(p->tally, cfg->qs[i]->id, cfg->qs[i]->title, &index) &&
			index == i;
	}
	if (!ok || !build_slides(p) || !editbuf_init(&p->path, NULL)) {
		term_fatal("out of memory");
	}
	p->style = term_unicode() ? GLYPH_BLOCKS : GLYPH_ASCII;
}

/* Closed (the terminal is restored by then): where the counts went. */
static void
present_leave(struct app *a, void *state)
{
	struct present *p = state;
	if (p->saved_to[0] != '\0') {
		fprintf(stderr, "ladder: the counts are saved in %s\n", p->saved_to);
	} else if (p->tally != NULL && tally_grand_total(p->tally) > 0) {
		fprintf(stderr, "ladder: the counts were not saved\n");
	}
	for (size_t i = 0; i < p->n_slides; i++) {
		free(p->slides[i].name);
		free(p->slides[i].vote.history);
	}
	free(p->slides);
	free(p->revealed);
	tally_destroy(p->tally);
	editbuf_finish(&p->path);
}

static void
present_screen_draw(struct app *a, void *state)
{
	struct present *p = state;
	p->app = a;
	present_draw(p);
}

static int
present_key(struct app *a, void *state, const struct tkey *k)
{
	struct present *p = state;
	p->app = a;
	if (p->dialog != DIALOG_NONE) {
		dialog_key(p, k);
	} else {
		/* the keys as term_getkey gives them: ASCII, or a KEY_ code */
		handle_key(p, k->fn ? k->code : k->code < 0x80 ? k->code : TERM_KEY_OTHER);
	}
	if (p->quit) {
		leave_now(a, p);
		return ACT_QUIT;
	}
	return ACT_HANDLED;
}

/* A blanked screen or an open question takes every key. */
static bool
present_grab(const void *state)
{
	const struct present *p = state;
	return p->blank || p->dialog != DIALOG_NONE;
}

/* A running timer is drawn again every second. */
static int
present_tick(const void *state)
{
	const struct present *p = state;
	return p->timer.running && !p->blank ? 1000 : -1;
}

static const struct help_entry present_help[] = {
	{"Right Space PgDn", "next slide (Left PgUp: back; Home End: first, last)"},
	{"1 2 3 4", "\"Where are you?\": one raised hand for that rung"},
	{"1 2 3 4 5", "\"What would you do?\": one choice of option A-E"},
	{"u", "take back the last count on this slide"},
	{"r", "show the counts (a situation: again for the best answer)"},
	{"t", "start or pause the timer"},
	{"f", "the facilitator's line: shown or hidden"},
	{"b or .", "blank the screen; only b or . brings it back"},
	{"", "Preparing a session (ladder-present(1), PROJECTOR MODE):"},
	{"ladder present ID", "the slides of those questionnaires"},
	{"--minutes 20, 60", "a deck that fits the time; the timer's start"},
	{"--deck FILE", "your own deck; --print-deck writes the one in use"},
	{"--room FILE...", "the room's view from anonymous exports"},
	{"--save-tally FILE", "the show of hands saved as it changes"},
	{NULL, NULL},
};

const struct screen screen_present = {
	.name = "Projector mode",
	.state_size = sizeof(struct present),
	.enter = present_enter,
	.leave = present_leave,
	.keep = present_keep,
	.draw = present_screen_draw,
	.key = present_key,
	.help = present_help,
	.leave_help = "leave (asks whether to save the counts)",
	.grab = present_grab,
	.tick = present_tick,
	.quit = present_quit,
};
