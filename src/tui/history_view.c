/* The history's views, built from the journal: one per questionnaire
 * with sessions (its sessions in time order, their rungs and the moves
 * between them), then the reflections on their own. */
#include "history_impl.h"

#include <stdlib.h>
#include <string.h>

void
history_free_view(struct history_state *st)
{
	free(st->sess);
	free(st->stages);
	free(st->moves);
	st->sess = NULL;
	st->stages = NULL;
	st->moves = NULL;
	st->n_sess = st->n_moves = st->n_up = st->n_down = 0;
}

void
history_free_views(struct history_state *st)
{
	for (size_t i = 0; i < st->n_views; i++) {
		free(st->views[i]);
	}
	free(st->views);
	st->views = NULL;
	st->n_views = 0;
}

static bool
has_view(struct history_state *st, const char *id)
{
	for (size_t i = 0; i < st->n_views; i++) {
		if (strcmp(st->views[i], id) == 0) {
			return true;
		}
	}
	return false;
}

static void
add_view(struct history_state *st, const char *id)
{
	char **v = realloc(st->views, (st->n_views + 1) * sizeof(*v));
	char *copy = str_dup(id);
	if (v == NULL || copy == NULL) {
		term_fatal("out of memory");
	}
	st->views = v;
	st->views[st->n_views++] = copy;
}

void
history_build_views(struct history_state *st, struct app *a)
{
	const struct journal *j = a->store->journal;
	const struct catalog *cat = app_catalog(a);
	history_free_views(st);
	/* the catalog's order first, then questionnaires no longer installed */
	for (size_t i = 0; i < cat->n; i++) {
		if (journal_last_session(j, cat->items[i]->id) != NULL) {
			add_view(st, cat->items[i]->id);
		}
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		if (!has_view(st, j->sessions[i].questionnaire)) {
			add_view(st, j->sessions[i].questionnaire);
		}
	}
	st->notes_view = j->n_notes > 0;
}

size_t
history_total_views(struct history_state *st)
{
	return st->n_views + (st->notes_view ? 1 : 0);
}

bool
history_on_notes(struct history_state *st)
{
	return st->notes_view && st->view == st->n_views;
}

void
history_build_view(struct history_state *st, struct app *a)
{
	const struct journal *j = a->store->journal;
	history_free_view(st);
	if (st->view >= st->n_views) {
		st->selected = j->n_notes > 0 ? j->n_notes - 1 : 0;
		st->first = 0;
		return;
	}
	const char *id = st->views[st->view];
	size_t n = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		n += strcmp(j->sessions[i].questionnaire, id) == 0;
	}
	st->sess = malloc((n ? n : 1) * sizeof(*st->sess));
	st->stages = malloc((n ? n : 1) * sizeof(*st->stages));
	st->moves = malloc((n ? n : 1) * sizeof(*st->moves));
	if (st->sess == NULL || st->stages == NULL || st->moves == NULL) {
		term_fatal("out of memory");
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		if (strcmp(j->sessions[i].questionnaire, id) == 0) {
			st->sess[st->n_sess] = i;
			/* the chart shows the ladder of the current rule only */
			st->stages[st->n_sess] = journal_session_on_ladder(&j->sessions[i])
				? j->sessions[i].stage : STAGE_NONE;
			st->n_sess++;
		}
	}
	/* the moves: the core's one movement */
	struct journal_transition *tr = NULL;
	size_t n_tr = journal_transitions(j, id, &tr);
	if (n_tr == (size_t)-1) {
		term_fatal("out of memory");
	}
	journal_transition_counts(tr, n_tr, &st->n_up, &st->n_down);
	size_t p = 0;
	for (size_t t = 0; t < n_tr; t++) {
		size_t to = (size_t)(tr[t].to - j->sessions);
		while (p < st->n_sess && st->sess[p] != to) {
			p++;
		}
		if (p < st->n_sess) {
			st->moves[st->n_moves++] = p;
		}
	}
	free(tr);
	size_t len = st->moves_only ? st->n_moves : st->n_sess;
	st->selected = len > 0 ? len - 1 : 0;
	st->first = 0;
}

/* The views built again (the journal may have changed), keeping the view
 * and the selection when they still exist; with fresh, from the start:
 * the questionnaire the program was started for, if any. */
void
history_rebuild(struct history_state *st, struct app *a, bool fresh)
{
	size_t keep_view = st->view, keep_sel = st->selected;
	history_build_views(st, a);
	if (!fresh && keep_view < history_total_views(st)) {
		st->view = keep_view;
	} else {
		st->view = 0;
		for (size_t i = 0; a->opt->questionnaire != NULL && i < st->n_views; i++) {
			if (strcmp(st->views[i], a->opt->questionnaire->id) == 0) {
				st->view = i;
			}
		}
	}
	history_build_view(st, a);
	if (!fresh) {
		size_t len = history_on_notes(st) ? a->store->journal->n_notes
			: st->moves_only ? st->n_moves : st->n_sess;
		if (keep_sel < len) {
			st->selected = keep_sel;
		}
	}
}

/* The position in this view's sessions of list row i. */
size_t
history_pos_of(struct history_state *st, size_t i)
{
	return st->moves_only ? st->moves[i] : i;
}

size_t
history_list_len(struct history_state *st, const struct app *a)
{
	if (history_on_notes(st)) {
		return a->store->journal->n_notes;
	}
	return st->moves_only ? st->n_moves : st->n_sess;
}

