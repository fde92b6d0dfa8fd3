#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/model.h"
#include "ladder/room.h"

/* The room's group profile as every front end shows it: the counts of a
 * struct room with a minimum group size applied, so that no one can be
 * picked out of a group smaller than it (ladder(1), ROOM).
 *
 * Counts come in groups that add up to a total (the rungs of a
 * questionnaire add up to its people). A total below the minimum is
 * masked, and so is every count of its group. A count below the minimum is
 * masked as "fewer than N". When what is shown of a group (its total and
 * its other counts) would let a masked count be worked out, or narrowed
 * below "fewer than N" (a single masked count; masked counts that must all
 * be 0; masked counts that must be at least 1), the smallest shown counts
 * of the group are kept back too, and when that is not enough every count
 * of the group is kept back and only the total shown. A masked count's n
 * is 0, so that nothing finer can reach a screen by mistake. */

struct room_count {
	unsigned n;  /* the count; 0 when masked */
	bool masked; /* not shown */
	bool fewer;  /* masked as "fewer than min_group"; else kept back so
	              * that another masked count cannot be worked out */
};

struct room_profile_facet {
	const char *id; /* borrowed from the room */
	struct room_count people;
	struct room_count now[STAGE_COUNT], unplaced;
};

struct room_profile_questionnaire {
	const char *id; /* borrowed from the room */
	/* where people stand: now[] + unplaced = people */
	struct room_count people;
	struct room_count now[STAGE_COUNT], unplaced;
	/* people with results (not from a show of hands): the total of the
	 * movement (up + down + stayed + first + unknown) and of the
	 * calibration (above + in_line + below + uncalibrated) */
	struct room_count with_results;
	struct room_count up, down, stayed, first, unknown;
	struct room_count above, in_line, below, uncalibrated;
	struct room_profile_facet *facets;
	size_t n_facets;
};

struct room_profile {
	unsigned min_group;
	struct room_profile_questionnaire *qs; /* in the room's order */
	size_t n;
};

#define ROOM_MIN_GROUP_DEFAULT 5
#define ROOM_MIN_GROUP_MAX 1000

/* The profile of r (borrowing its ids; r must outlive it). min_group 0 or
 * 1: nothing masked. NULL when out of memory. */
struct room_profile *room_profile_create(const struct room *r, unsigned min_group);
void room_profile_destroy(struct room_profile *p);
const struct room_profile_questionnaire *room_profile_find(
	const struct room_profile *p, const char *id);
/* One group: total and its k cells (k at most 8) masked into *total_out
 * and out[]. */
void room_mask_group(unsigned total, const unsigned *cells, size_t k,
	unsigned min_group, struct room_count *total_out, struct room_count *out);
