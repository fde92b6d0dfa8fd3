/* The room's inputs (room_add_bytes): anonymous and sealed exports (with
 * the fixed key of fuzz_key.c), saved tallies, answers files and CSV files
 * of answers (with the built-in questionnaires; a CSV's found from its
 * header, and again with "cultural" given as --questionnaire gives it). Any
 * bytes become one source, read or skipped with a reason naming the file;
 * a read CSV counts a person a good row; a skipped one leaves the room as
 * it was; and the group profile of what was read, for minimums 1, 3 and 5,
 * never shows a count below the minimum, shows nothing of a masked count,
 * and never leaves a single masked count beside a shown total. */
#include "fuzz.h"

#include <string.h>

#include "config.h"
#include "ladder/catalog.h"
#include "ladder/room.h"
#include "ladder/room_profile.h"

static struct catalog *
fuzz_catalog(void)
{
	static struct catalog *cat;
	if (cat == NULL) {
		cat = catalog_create();
		FUZZ_CHECK(cat != NULL);
		FUZZ_CHECK(catalog_add_dir(cat, LADDER_SOURCE_DATADIR "/questionnaires", true));
	}
	return cat;
}

static void
check_group(const struct room_count *total, const struct room_count *cells,
	size_t k, unsigned min_group)
{
	size_t masked = 0;
	for (size_t i = 0; i < k; i++) {
		if (cells[i].masked) {
			FUZZ_CHECK(cells[i].n == 0);
			masked++;
		} else if (min_group > 1) {
			FUZZ_CHECK(cells[i].n >= min_group);
		}
	}
	if (total->masked) {
		FUZZ_CHECK(total->n == 0 && masked == k);
	} else {
		FUZZ_CHECK(masked != 1);
	}
}

static void
check_profile(const struct room *r, unsigned min_group)
{
	struct room_profile *p = room_profile_create(r, min_group);
	FUZZ_CHECK(p != NULL && p->n == r->n);
	for (size_t i = 0; i < p->n; i++) {
		const struct room_profile_questionnaire *q = &p->qs[i];
		struct room_count rungs[STAGE_COUNT + 1];
		memcpy(rungs, q->now, sizeof(q->now));
		rungs[STAGE_COUNT] = q->unplaced;
		check_group(&q->people, rungs, STAGE_COUNT + 1, min_group);
		struct room_count mv[] = {q->up, q->down, q->stayed, q->first, q->unknown};
		check_group(&q->with_results, mv, 5, min_group);
		struct room_count cal[] = {q->above, q->in_line, q->below, q->uncalibrated};
		check_group(&q->with_results, cal, 4, min_group);
		const struct room_questionnaire *rq = &r->qs[i];
		FUZZ_CHECK(rq->up + rq->down + rq->stayed + rq->first + rq->unknown +
			rq->tallied == rq->people);
		FUZZ_CHECK(rq->above + rq->in_line + rq->below + rq->uncalibrated +
			rq->tallied == rq->people);
	}
	room_profile_destroy(p);
}

int
fuzz_room(const uint8_t *data, size_t size)
{
	struct room *r = room_create();
	FUZZ_CHECK(r != NULL);
	room_set_key(r, fuzz_sealed_key());
	room_set_catalog(r, fuzz_catalog());
	FUZZ_CHECK(room_add_bytes(r, "fuzz.json", data, size));
	FUZZ_CHECK(r->n_sources == 1);
	if (r->sources[0].read) {
		FUZZ_CHECK(r->files == 1 && r->n_problems == 0 && r->sources[0].kind != NULL);
	} else {
		FUZZ_CHECK(r->files == 0 && r->n_problems == 1 && r->n == 0);
		FUZZ_CHECK(strncmp(r->sources[0].reason, "fuzz.json", 9) == 0);
	}
	/* the same bytes again are a duplicate, whatever they are */
	FUZZ_CHECK(room_add_bytes(r, "again.json", data, size));
	FUZZ_CHECK(!r->sources[1].read && strstr(r->sources[1].reason, "given twice") != NULL);
	check_profile(r, 1);
	check_profile(r, 3);
	check_profile(r, 5);
	room_destroy(r);

	/* a CSV's questionnaire named */
	r = room_create();
	FUZZ_CHECK(r != NULL);
	room_set_catalog(r, fuzz_catalog());
	room_set_questionnaire(r, "cultural");
	FUZZ_CHECK(room_add_bytes(r, "fuzz.csv", data, size));
	const struct room_source *s = &r->sources[0];
	if (s->read) {
		FUZZ_CHECK(r->files == 1 && r->n_problems == 0 && s->kind != NULL);
		FUZZ_CHECK(s->rows == 0 || (s->people >= 1 && s->people <= s->rows));
		FUZZ_CHECK(s->rows == 0 || s->n_notes + s->more_notes >= s->rows - s->people);
	} else {
		FUZZ_CHECK(r->files == 0 && r->n_problems == 1 && r->n == 0);
		FUZZ_CHECK(strncmp(s->reason, "fuzz.csv", 8) == 0);
	}
	for (size_t i = 0; i < s->n_notes; i++) {
		FUZZ_CHECK(strncmp(s->notes[i], "fuzz.csv", 8) == 0);
	}
	check_profile(r, 1);
	check_profile(r, 5);
	room_destroy(r);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_room(data, size);
}
#endif
