#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/catalog.h"
#include "ladder/error.h"
#include "ladder/model.h"
#include "ladder/sealed.h"

/* The room: what the people of a session handed in, one input a person
 * (or a show of hands), summed up per questionnaire: where each person
 * stands now (their latest completed session), per area (facet) too; how
 * their self-rating compares with their choices in the situations; and
 * how their latest session compares with their previous one.
 *
 * Inputs (room_add_file): anonymous exports (ladder-export v1 with
 * "anonymous": true), sealed exports (ladder-sealed(5); opened with the key
 * given to room_set_key), saved tallies (ladder-tally v1: rungs only),
 * answers files (ladder-answers v1) and CSV files of answers (answers_csv.h:
 * one person a row), both scored with the questionnaires given to
 * room_set_catalog. Each input becomes a source, read or skipped with the
 * reason; a skipped one leaves the room as it was. A CSV names no
 * questionnaire: the one given to room_set_questionnaire, else the only one
 * of the catalog its header fits; its good rows count, each bad row is a
 * note of its source (file, row, column). What a front end
 * shows of the counts goes through room_profile (room_profile.h), which
 * keeps small groups from being picked out. */

/* One input as given, in the order given. */
struct room_source {
	char *path;
	bool read;
	/* "anonymous export", "sealed export", "saved tally", "answers file",
	 * "CSV of answers", or NULL when the file could not be told apart */
	const char *kind;
	unsigned people;   /* read: the people it counted (a tally's votes) */
	char reason[1024]; /* skipped: why, naming the file (line, column) */
	/* a CSV of answers: its rows of people, good and bad (people of them
	 * counted), and the problems of its bad rows ("FILE:LINE: row R,
	 * column C (...): ..."), at most PROBLEMS_MAX kept, more_notes more */
	unsigned rows;
	char **notes;
	size_t n_notes, more_notes;
	unsigned char hash[32]; /* of its bytes, to notice one given twice */
	bool hashed;
};

/* An area of a questionnaire: where people's latest results place them. */
struct room_facet {
	char *id;
	unsigned people;
	unsigned now[STAGE_COUNT];
	unsigned unplaced;
};

struct room_questionnaire {
	char *id;
	unsigned people;              /* inputs with a completed session of it */
	unsigned now[STAGE_COUNT];    /* latest stage, index = stage - 1 */
	unsigned unplaced;            /* latest session has no stage */
	/* movement: up + down + stayed + first + unknown + tallied = people */
	unsigned up, down, stayed;    /* latest vs previous session */
	unsigned first;               /* only one completed session */
	unsigned unknown;             /* previous or latest has no stage */
	unsigned tallied;             /* from a show of hands: rung only */
	/* calibration of the latest session, by the bands of the result's
	 * calibration: above + in_line + below + uncalibrated + tallied =
	 * people */
	unsigned above, in_line, below;
	unsigned uncalibrated;        /* the result holds no calibration */
	struct room_facet *facets;    /* in order of first appearance */
	size_t n_facets;
};

struct room {
	struct room_questionnaire *qs; /* in order of first appearance */
	size_t n;
	unsigned files;  /* inputs read */
	struct room_source *sources;
	size_t n_sources;
	/* the reasons of the skipped sources, in order (the same text as
	 * their reason) */
	char **problems;
	size_t n_problems;
	/* session ids seen, to notice the same export given twice */
	char **session_ids;
	size_t n_session_ids;
	const struct sealed_key *key;  /* borrowed; NULL: sealed ones skipped */
	const struct catalog *catalog; /* borrowed; NULL: answers skipped */
	const char *csv_questionnaire; /* borrowed; NULL: from each header */
};

struct room *room_create(void);
void room_destroy(struct room *r);
/* The key that opens sealed exports, and the questionnaires that score
 * answers files; both borrowed, and needed until the last file is added. */
void room_set_key(struct room *r, const struct sealed_key *key);
void room_set_catalog(struct room *r, const struct catalog *cat);
/* The id of the questionnaire of every CSV of answers (borrowed; NULL: each
 * CSV's from its header). A JSON answers file that names another is
 * skipped. */
void room_set_questionnaire(struct room *r, const char *id);
/* Reads one input into the room as a new source, read or skipped. False
 * only when out of memory. */
bool room_add_file(struct room *r, const char *path);
/* The same from bytes in memory (any kind, sealed too); name is used in
 * messages. */
bool room_add_bytes(struct room *r, const char *name, const unsigned char *buf,
	size_t len);
/* The same from JSON text (not sealed). */
bool room_add_text(struct room *r, const char *name, const char *text,
	size_t len);
const struct room_questionnaire *room_find(const struct room *r,
	const char *id);
/* How many sources were skipped. */
size_t room_skipped(const struct room *r);
