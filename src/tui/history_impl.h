#pragma once
#include "screen.h"

#include "ladder/chart.h"

/* The history screen's state (history.c draws it and takes its keys,
 * history_view.c builds its views from the journal). */
struct history_state {
	/* The views: one per questionnaire with sessions, then the
	 * reflections on their own (when there are any). */
	char **views;
	size_t n_views;
	bool notes_view; /* the last view is the reflections */
	size_t view;
	/* the current questionnaire's sessions */
	size_t *sess;   /* indices into journal sessions, in time order */
	enum stage *stages;
	size_t n_sess;
	size_t *moves;  /* positions p of the sessions a transition led to */
	size_t n_moves, n_up, n_down;
	bool moves_only;
	bool calib_view; /* the self-rating area by area instead of the list */
	size_t selected, first;
	struct chart chart;
	int list_rows;
	bool forgetting; /* x or Delete asked: y forgets the session */
};

void history_free_view(struct history_state *st);
void history_free_views(struct history_state *st);
size_t history_total_views(struct history_state *st);
/* The view shown is the reflections on their own. */
bool history_on_notes(struct history_state *st);
/* The views of the journal (build_views) and the sessions of the view
 * shown (build_view). */
void history_build_views(struct history_state *st, struct app *a);
void history_build_view(struct history_state *st, struct app *a);
/* The views built again (the journal may have changed), keeping the view
 * and the selection when they still exist; with fresh, from the start. */
void history_rebuild(struct history_state *st, struct app *a, bool fresh);
/* The position in the view's sessions of list row i. */
size_t history_pos_of(struct history_state *st, size_t i);
size_t history_list_len(struct history_state *st, const struct app *a);
