#include "ladder/room_profile.h"

#include <stdlib.h>
#include <string.h>

#define GROUP_MAX 8

enum cell { SHOWN, FEWER, KEPT };

/* Whether a reader who knows the total, the shown counts, that a count
 * shown as "fewer than N" is from 0 to N-1 and that a count kept back is
 * at least N (and at most the total) can tell any masked count more
 * precisely than "from 0 to N-1". */
static bool
safe(unsigned total, const unsigned *cells, const enum cell *state, size_t k,
	unsigned n_min)
{
	for (size_t i = 0; i < k; i++) {
		if (state[i] != FEWER) {
			continue;
		}
		long long others_lo = 0, others_hi = 0;
		for (size_t j = 0; j < k; j++) {
			if (j == i) {
				continue;
			}
			switch (state[j]) {
			case SHOWN: others_lo += cells[j]; others_hi += cells[j]; break;
			case FEWER: others_hi += n_min - 1; break;
			case KEPT: others_lo += n_min; others_hi += total; break;
			}
		}
		long long lo = (long long)total - others_hi;
		long long hi = (long long)total - others_lo;
		lo = lo < 0 ? 0 : lo;
		hi = hi > (long long)n_min - 1 ? (long long)n_min - 1 : hi;
		if (lo != 0 || hi != (long long)n_min - 1) {
			return false;
		}
	}
	return true;
}

void
room_mask_group(unsigned total, const unsigned *cells, size_t k,
	unsigned min_group, struct room_count *total_out, struct room_count *out)
{
	enum cell state[GROUP_MAX];
	k = k > GROUP_MAX ? GROUP_MAX : k;
	*total_out = (struct room_count){total, false, false};
	for (size_t i = 0; i < k; i++) {
		out[i] = (struct room_count){cells[i], false, false};
	}
	if (min_group <= 1) {
		return;
	}
	if (total < min_group) {
		*total_out = (struct room_count){0, true, true};
		for (size_t i = 0; i < k; i++) {
			out[i] = (struct room_count){0, true, true};
		}
		return;
	}
	bool any = false;
	for (size_t i = 0; i < k; i++) {
		state[i] = cells[i] < min_group ? FEWER : SHOWN;
		any = any || state[i] == FEWER;
	}
	while (any && !safe(total, cells, state, k, min_group)) {
		size_t pick = k;
		for (size_t i = 0; i < k; i++) {
			if (state[i] == SHOWN && (pick == k || cells[i] < cells[pick])) {
				pick = i;
			}
		}
		if (pick == k) {
			/* nothing left to keep back: the whole group is */
			for (size_t i = 0; i < k; i++) {
				state[i] = KEPT;
			}
			break;
		}
		state[pick] = KEPT;
	}
	for (size_t i = 0; i < k; i++) {
		if (state[i] != SHOWN) {
			out[i] = (struct room_count){0, true, state[i] == FEWER};
		}
	}
}

void
room_profile_destroy(struct room_profile *p)
{
	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		free(p->qs[i].facets);
	}
	free(p->qs);
	free(p);
}

static void
mask_rungs(unsigned people, const unsigned now[STAGE_COUNT], unsigned unplaced,
	unsigned min_group, struct room_count *people_out,
	struct room_count now_out[STAGE_COUNT], struct room_count *unplaced_out)
{
	unsigned cells[STAGE_COUNT + 1];
	struct room_count out[STAGE_COUNT + 1];
	memcpy(cells, now, sizeof(unsigned) * STAGE_COUNT);
	cells[STAGE_COUNT] = unplaced;
	room_mask_group(people, cells, STAGE_COUNT + 1, min_group, people_out, out);
	memcpy(now_out, out, sizeof(struct room_count) * STAGE_COUNT);
	*unplaced_out = out[STAGE_COUNT];
}

static bool
profile_questionnaire(const struct room_questionnaire *rq, unsigned min_group,
	struct room_profile_questionnaire *pq)
{
	memset(pq, 0, sizeof(*pq));
	pq->id = rq->id;
	mask_rungs(rq->people, rq->now, rq->unplaced, min_group, &pq->people, pq->now,
		&pq->unplaced);
	unsigned with = rq->people - rq->tallied;
	struct room_count total, out[5];
	unsigned move[5] = {rq->up, rq->down, rq->stayed, rq->first, rq->unknown};
	room_mask_group(with, move, 5, min_group, &total, out);
	pq->with_results = total;
	pq->up = out[0];
	pq->down = out[1];
	pq->stayed = out[2];
	pq->first = out[3];
	pq->unknown = out[4];
	unsigned cal[4] = {rq->above, rq->in_line, rq->below, rq->uncalibrated};
	room_mask_group(with, cal, 4, min_group, &total, out);
	pq->above = out[0];
	pq->in_line = out[1];
	pq->below = out[2];
	pq->uncalibrated = out[3];
	pq->facets = calloc(rq->n_facets ? rq->n_facets : 1, sizeof(*pq->facets));
	if (pq->facets == NULL) {
		return false;
	}
	pq->n_facets = rq->n_facets;
	for (size_t i = 0; i < rq->n_facets; i++) {
		const struct room_facet *f = &rq->facets[i];
		struct room_profile_facet *pf = &pq->facets[i];
		pf->id = f->id;
		mask_rungs(f->people, f->now, f->unplaced, min_group, &pf->people, pf->now,
			&pf->unplaced);
	}
	return true;
}

struct room_profile *
room_profile_create(const struct room *r, unsigned min_group)
{
	struct room_profile *p = calloc(1, sizeof(*p));
	if (p == NULL) {
		return NULL;
	}
	p->min_group = min_group;
	p->qs = calloc(r->n ? r->n : 1, sizeof(*p->qs));
	if (p->qs == NULL) {
		free(p);
		return NULL;
	}
	for (size_t i = 0; i < r->n; i++) {
		p->n++;
		if (!profile_questionnaire(&r->qs[i], min_group, &p->qs[i])) {
			room_profile_destroy(p);
			return NULL;
		}
	}
	return p;
}

const struct room_profile_questionnaire *
room_profile_find(const struct room_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->qs[i].id, id) == 0) {
			return &p->qs[i];
		}
	}
	return NULL;
}
