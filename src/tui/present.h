#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "ladder/deck.h"
#include "ladder/modeltext.h"
#include "ladder/questionnaire.h"
#include "ladder/room.h"
#include "ladder/room_profile.h"

/* Projector mode: a deck of big, high-contrast slides for a room (ladder-present(1),
 * PROJECTOR MODE). Needs no journal. */

/* One questionnaire of the room's view, in the order to show them. */
struct present_room_view {
	const struct room_questionnaire *rq;
	const char *title;
	/* its counts as they may be shown (the minimum group applied) */
	const struct room_profile_questionnaire *pq;
};

struct present_config {
	const struct questionnaire *const *qs; /* the deck's questionnaires */
	size_t n_qs;
	const struct deck *deck; /* resolved against qs */
	int minutes;             /* the timer's start; 0: no timer */
	const struct model_texts *model; /* NULL: the built-in stage names */
	const struct room *room;         /* NULL without --room */
	unsigned min_group;              /* --min-group: the profile's minimum */
	const struct present_room_view *views;
	size_t n_views;
	const char *save_path; /* --save-tally: saved after every change and
	                          at the end; NULL: asked when leaving */
	bool no_color;
};

/* Runs the deck until the facilitator leaves. Returns the exit status;
 * messages for the terminal after the screen is restored are printed on
 * stderr. */
int present_run(const struct present_config *cfg);
