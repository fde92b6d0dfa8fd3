#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ladder/error.h"

/* The newest generation seen of each journal, kept outside the journal's
 * folder ($XDG_STATE_HOME/ladder/generations.json, mode 0600), so that an
 * older copy put in a journal's place (its .bak, a backup) is noticed when
 * it is opened. A journal is known by its path and by the random id sealed
 * in its content: another journal at the same path is not an older copy.
 * The format (ladder-state, version 1) is in ladder-journal(5). */

#define GENSTATE_ID_LEN 16
#define GENSTATE_MAX_GENERATION UINT64_C(1000000000000000)

struct genstate_entry {
	char *path; /* the journal's path, links resolved */
	unsigned char id[GENSTATE_ID_LEN];
	uint64_t generation;
	int64_t seen_at; /* when that generation was first seen */
};

struct genstate {
	struct genstate_entry *entries;
	size_t n;
};

struct genstate *genstate_create(void);
void genstate_destroy(struct genstate *s);
/* Reads the text of a state file (name for messages). Anything malformed is
 * refused, naming file, line, column and what was expected. Safe on any
 * input (fuzz target). */
bool genstate_parse(const char *name, const char *text, size_t len,
	struct genstate **out, struct ladder_error *err);
/* Reads the file at path; a file that is not there is an empty state. */
bool genstate_load(const char *path, struct genstate **out,
	struct ladder_error *err);
const struct genstate_entry *genstate_find(const struct genstate *s,
	const char *journal);
/* Sets (adds or replaces) the entry of journal. */
bool genstate_put(struct genstate *s, const char *journal,
	const unsigned char id[GENSTATE_ID_LEN], uint64_t generation,
	int64_t seen_at);
/* The text of the state (malloc'ed; NULL when out of memory). */
char *genstate_text(const struct genstate *s);
/* Writes the state to path whole or not at all (0600; missing folders are
 * made 0700). */
bool genstate_save(const char *path, const struct genstate *s,
	struct ladder_error *err);
