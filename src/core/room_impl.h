#pragma once
/* What room.c, room_input.c share: not API. */
#include <cJSON.h>
#include "ladder/json.h"
#include "ladder/room.h"

/* One completed session of the input being read. */
struct seen {
	const char *questionnaire;
	const char *completed_at; /* YYYY-MM-DD */
	size_t order;             /* position in the file */
	enum stage stage;
	const cJSON *result;      /* NULL when of an earlier scoring rule */
};

/* How reading an input ended. */
enum room_read { ROOM_READ_OOM = -1, ROOM_READ_SKIP = 0, ROOM_READ_OK = 1 };

/* The completed sessions of one input counted, a person a questionnaire:
 * false when out of memory. */
bool room_count_seen(struct room *r, const struct seen *seen, size_t n_seen,
	unsigned *people);
struct room_questionnaire *room_get_questionnaire(struct room *r, const char *id);
/* An anonymous export (doc's format already checked to be ladder-export). */
enum room_read room_read_export(struct room *r, const struct json_doc *doc,
	unsigned *people, struct ladder_error *err);
