/* Sets of ids, so that duplicates among n sessions (or notes) are found
 * in linear time. */
#include "ladder/journal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

bool
jnl_idset_init(struct idset *set, size_t cap)
{
	size_t n_slots = 16;
	while (n_slots < 2 * cap + 1) {
		n_slots *= 2;
	}
	*set = (struct idset){0};
	set->cap = cap;
	set->mask = n_slots - 1;
	set->ids = malloc((cap ? cap : 1) * sizeof(*set->ids));
	set->slots = calloc(n_slots, sizeof(*set->slots));
	return set->ids != NULL && set->slots != NULL;
}

void
jnl_idset_finish(struct idset *set)
{
	free(set->ids);
	free(set->slots);
}

static size_t
idset_slot(const struct idset *set, const char *id)
{
	/* ids are UUIDs (36 characters, random): two words of them, mixed */
	uint64_t a, b;
	memcpy(&a, id, 8);
	memcpy(&b, id + 9, 8);
	uint64_t h = (a ^ (b * UINT64_C(0x9E3779B97F4A7C15))) * UINT64_C(0xBF58476D1CE4E5B9);
	h ^= h >> 31;
	size_t i = (size_t)h & set->mask;
	while (set->slots[i] != 0 && memcmp(set->ids[set->slots[i] - 1], id, UUID_STR_LEN) != 0) {
		i = (i + 1) & set->mask;
	}
	return i;
}

bool
jnl_idset_has(const struct idset *set, const char *id)
{
	return set->slots[idset_slot(set, id)] != 0;
}

/* Twice the room, every id placed again. */
static bool
idset_grow(struct idset *set)
{
	struct idset bigger;
	if (!jnl_idset_init(&bigger, set->cap * 2 + 16)) {
		jnl_idset_finish(&bigger);
		return false;
	}
	for (size_t k = 0; k < set->n; k++) {
		size_t i = idset_slot(&bigger, set->ids[k]);
		memcpy(bigger.ids[bigger.n], set->ids[k], UUID_STR_LEN);
		bigger.slots[i] = ++bigger.n;
	}
	jnl_idset_finish(set);
	*set = bigger;
	return true;
}

/* Adds id; false when out of memory. */
bool
jnl_idset_add(struct idset *set, const char *id)
{
	if (set->n == set->cap && !idset_grow(set)) {
		return false;
	}
	size_t i = idset_slot(set, id);
	if (set->slots[i] == 0) {
		memcpy(set->ids[set->n], id, UUID_STR_LEN);
		set->slots[i] = ++set->n;
	}
	return true;
}
