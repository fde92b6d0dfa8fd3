#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/error.h"
#include "ladder/questionnaire.h"

/* A deck: the slides of a projector session, in order (ladder-deck(5),
 * data/schema/deck.schema.json). A deck file names questionnaires by id;
 * deck_resolve ties it to loaded questionnaires, turning ids into indexes
 * and a situation slide that takes a set into one slide per situation. */

enum deck_kind {
	DECK_TITLE,
	DECK_STAGES,
	DECK_WHERE,     /* "Where are you?" of a questionnaire */
	DECK_SITUATION, /* "What would you do?": one situation */
	DECK_PROMPT,    /* a discussion prompt: text, or a questionnaire's */
	DECK_ROOM,      /* the room's view (with --room) */
	DECK_SUMMARY,
	DECK_KIND_COUNT,
};

struct deck_slide {
	enum deck_kind kind;
	char *questionnaire; /* WHERE, SITUATION, PROMPT by number */
	char *item;          /* SITUATION: the situation's item id */
	int set;             /* SITUATION: take the set's situations (0: none) */
	int count;           /* SITUATION with set: at most this many (0: all) */
	int prompt;          /* PROMPT: the questionnaire's prompt, from 1 */
	char *text;          /* PROMPT: its own text; TITLE: a subtitle */
	int line, col;       /* where the slide is in its file (0: built) */
	/* set by deck_resolve */
	size_t q;     /* index into the questionnaires given */
	size_t index; /* SITUATION: item index; PROMPT by number: prompt index */
};

struct deck {
	char *name;  /* the file, for messages; NULL when built */
	char *title; /* NULL: the model's title */
	int minutes; /* the session's length for the timer; 0: none */
	struct deck_slide *slides;
	size_t n;
};

/* Most slides a deck may have, and longest session. */
#define DECK_MAX_SLIDES 200
#define DECK_MAX_MINUTES 600

const char *deck_kind_name(enum deck_kind k);

/* Parses a ladder-deck document; errors as "NAME:LINE:COL: ...". Nothing
 * is looked up: questionnaires and items are checked by deck_resolve. */
struct deck *deck_parse(const char *name, const char *text, size_t len,
	struct ladder_error *err);
struct deck *deck_load(const char *path, struct ladder_error *err);
void deck_destroy(struct deck *d);

/* The questionnaire ids the deck names, each once, in order of first use
 * (pointers into d). Returns how many; ids has room for d->n. */
size_t deck_questionnaires(const struct deck *d, const char **ids);

/* Ties d to qs: every questionnaire named must be among qs, every item
 * a situation of it, every set and prompt number in range. A situation
 * slide with a set becomes the set's situations. Errors name the slide's
 * place in the file. On failure d is unchanged. */
bool deck_resolve(struct deck *d, const struct questionnaire *const *qs,
	size_t n_qs, struct ladder_error *err);

/* A deck for a session of that many minutes from qs (resolved): title,
 * stages, "Where are you?" per questionnaire, situations of set 1, a
 * prompt, the room (when room), a summary. Under 40 minutes about eight
 * slides; from 40 on, more situations and prompts. NULL when out of
 * memory or minutes is out of 1..DECK_MAX_MINUTES. */
struct deck *deck_build(int minutes, const struct questionnaire *const *qs,
	size_t n_qs, bool room, struct ladder_error *err);

/* The deck as a ladder-deck document (what deck_parse reads back). */
cJSON *deck_to_json(const struct deck *d);
