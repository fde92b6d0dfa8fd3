#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/error.h"
#include "ladder/model.h"

/* The room's view in projector mode: anonymous exports (ladder-export
 * version 1 with "anonymous": true) handed in by the participants, one file
 * a person, summed up per questionnaire: where each person stands now
 * (their latest completed session) and how that compares with their
 * previous session. Files that are not anonymous exports are refused by
 * name and kept as problems for the front end to show; the others count. */

struct room_questionnaire {
	char *id;
	unsigned people;              /* files with a completed session of it */
	unsigned now[STAGE_COUNT];    /* latest stage, index = stage - 1 */
	unsigned unplaced;            /* latest session has no stage */
	unsigned up, down, stayed;    /* latest vs previous session */
	unsigned first;               /* only one completed session */
	unsigned unknown;             /* previous or latest has no stage */
};

struct room {
	struct room_questionnaire *qs; /* in order of first appearance */
	size_t n;
	unsigned files;  /* exports accepted */
	char **problems; /* "FILE:LINE:COL: ..." for each file refused */
	size_t n_problems;
	/* session ids seen, to notice the same export given twice */
	char **session_ids;
	size_t n_session_ids;
};

struct room *room_create(void);
void room_destroy(struct room *r);
/* Reads one export file into the room; a file that cannot be used adds a
 * problem and leaves the room as it was. False only when out of memory. */
bool room_add_file(struct room *r, const char *path);
/* The same from text in memory; name is used in messages. */
bool room_add_text(struct room *r, const char *name, const char *text,
	size_t len);
const struct room_questionnaire *room_find(const struct room *r,
	const char *id);
