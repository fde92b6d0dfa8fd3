#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "ladder/error.h"
#include "ladder/model.h"

/* The show of hands in projector mode: for each questionnaire, how many
 * people in the room put themselves on each rung, with an undo history.
 * Saved as a ladder-tally document (data/schema/tally.schema.json). */

struct tally_entry {
	char *id;
	char *title;
	unsigned counts[STAGE_COUNT]; /* index = stage - 1 */
};

struct tally {
	struct tally_entry *entries;
	size_t n;
	/* the votes in the order given: entry index * STAGE_COUNT + stage - 1 */
	size_t *history;
	size_t n_history, cap_history;
};

struct tally *tally_create(void);
void tally_destroy(struct tally *t);
/* Adds a questionnaire (no votes) and returns its index in *index; an id
 * already there returns the existing index. False when out of memory. */
bool tally_add(struct tally *t, const char *id, const char *title,
	size_t *index);
/* One vote for stage s in entry i. False when out of memory or when i or
 * s is out of range. */
bool tally_vote(struct tally *t, size_t i, enum stage s);
/* Takes back the latest vote of entry i and returns its stage, or
 * STAGE_NONE when entry i has no votes. */
enum stage tally_undo(struct tally *t, size_t i);
unsigned tally_total(const struct tally *t, size_t i);
/* Votes in all entries. */
unsigned tally_grand_total(const struct tally *t);
/* Whole percentages of entry i's votes per rung, rounded so that they add
 * up to 100 (largest remainder); all 0 when there are no votes. */
void tally_percents(const struct tally *t, size_t i, int out[STAGE_COUNT]);
/* The same for any four counts. */
void tally_split_percents(const unsigned counts[STAGE_COUNT], int out[STAGE_COUNT]);

/* The ladder-tally document, saved_at being `now` (seconds since
 * the epoch) in RFC 3339 UTC. */
cJSON *tally_to_json(const struct tally *t, int64_t now);
/* Writes the document to path atomically (file_write_atomic: a temporary
 * file in the same folder, 0600, synced, renamed over path). On failure
 * path is untouched and no temporary file is left. */
bool tally_save(const struct tally *t, const char *path, int64_t now,
	struct ladder_error *err);
