#include "ladder/tally.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/filewrite.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"

struct tally *
tally_create(void)
{
	return calloc(1, sizeof(struct tally));
}

void
tally_destroy(struct tally *t)
{
	if (t == NULL) {
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		free(t->entries[i].id);
		free(t->entries[i].title);
	}
	free(t->entries);
	free(t->history);
	free(t);
}

bool
tally_add(struct tally *t, const char *id, const char *title, size_t *index)
{
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->entries[i].id, id) == 0) {
			*index = i;
			return true;
		}
	}
	struct tally_entry *ne = realloc(t->entries, (t->n + 1) * sizeof(*ne));
	if (ne == NULL) {
		return false;
	}
	t->entries = ne;
	struct tally_entry *e = &t->entries[t->n];
	memset(e, 0, sizeof(*e));
	e->id = str_dup(id);
	e->title = str_dup(title != NULL ? title : id);
	if (e->id == NULL || e->title == NULL) {
		free(e->id);
		free(e->title);
		return false;
	}
	*index = t->n++;
	return true;
}

bool
tally_vote(struct tally *t, size_t i, enum stage s)
{
	if (i >= t->n || s < STAGE_UNCONSCIOUS_INCOMPETENCE ||
		s > STAGE_UNCONSCIOUS_COMPETENCE) {
		return false;
	}
	if (t->n_history == t->cap_history) {
		size_t cap = t->cap_history ? t->cap_history * 2 : 64;
		size_t *nh = realloc(t->history, cap * sizeof(*nh));
		if (nh == NULL) {
			return false;
		}
		t->history = nh;
		t->cap_history = cap;
	}
	t->history[t->n_history++] = i * STAGE_COUNT + (size_t)(s - 1);
	t->entries[i].counts[s - 1]++;
	return true;
}

enum stage
tally_undo(struct tally *t, size_t i)
{
	for (size_t k = t->n_history; k-- > 0;) {
		if (t->history[k] / STAGE_COUNT != i) {
			continue;
		}
		size_t rung = t->history[k] % STAGE_COUNT;
		memmove(&t->history[k], &t->history[k + 1],
			(t->n_history - k - 1) * sizeof(*t->history));
		t->n_history--;
		t->entries[i].counts[rung]--;
		return (enum stage)(rung + 1);
	}
	return STAGE_NONE;
}

unsigned
tally_total(const struct tally *t, size_t i)
{
	unsigned sum = 0;
	for (int r = 0; i < t->n && r < STAGE_COUNT; r++) {
		sum += t->entries[i].counts[r];
	}
	return sum;
}

unsigned
tally_grand_total(const struct tally *t)
{
	unsigned sum = 0;
	for (size_t i = 0; i < t->n; i++) {
		sum += tally_total(t, i);
	}
	return sum;
}

void
tally_split_percents(const unsigned counts[STAGE_COUNT], int out[STAGE_COUNT])
{
	unsigned long total = 0;
	for (int r = 0; r < STAGE_COUNT; r++) {
		total += counts[r];
	}
	unsigned long rem[STAGE_COUNT];
	int sum = 0;
	for (int r = 0; r < STAGE_COUNT; r++) {
		out[r] = 0;
		rem[r] = 0;
		if (total == 0) {
			continue;
		}
		unsigned long scaled = 100UL * counts[r];
		out[r] = (int)(scaled / total);
		rem[r] = scaled % total;
		sum += out[r];
	}
	/* hand the points lost to rounding down to the largest remainders,
	 * the lower rung first on a tie */
	while (total > 0 && sum < 100) {
		int best = 0;
		for (int r = 1; r < STAGE_COUNT; r++) {
			if (rem[r] > rem[best]) {
				best = r;
			}
		}
		out[best]++;
		rem[best] = 0;
		sum++;
	}
}

void
tally_percents(const struct tally *t, size_t i, int out[STAGE_COUNT])
{
	static const unsigned none[STAGE_COUNT];
	tally_split_percents(i < t->n ? t->entries[i].counts : none, out);
}

cJSON *
tally_to_json(const struct tally *t, int64_t now)
{
	char at[TIME_RFC3339_LEN];
	time_format_rfc3339(now, at);
	cJSON *root = cJSON_CreateObject();
	cJSON *qs = cJSON_CreateArray();
	bool ok = root != NULL && qs != NULL &&
		cJSON_AddStringToObject(root, "format", "ladder-tally") != NULL &&
		cJSON_AddNumberToObject(root, "format_version", 1) != NULL &&
		cJSON_AddStringToObject(root, "saved_at", at) != NULL &&
		cJSON_AddItemToObject(root, "questionnaires", qs);
	if (!ok) {
		cJSON_Delete(qs);
		cJSON_Delete(root);
		return NULL;
	}
	for (size_t i = 0; i < t->n; i++) {
		cJSON *q = cJSON_CreateObject();
		cJSON *counts = cJSON_CreateObject();
		ok = q != NULL && counts != NULL && cJSON_AddItemToArray(qs, q);
		if (!ok) {
			cJSON_Delete(q);
			cJSON_Delete(counts);
			break;
		}
		ok = cJSON_AddStringToObject(q, "id", t->entries[i].id) != NULL &&
			cJSON_AddStringToObject(q, "title", t->entries[i].title) != NULL &&
			cJSON_AddItemToObject(q, "counts", counts);
		if (!ok) {
			cJSON_Delete(counts);
			break;
		}
		for (int r = 0; ok && r < STAGE_COUNT; r++) {
			ok = cJSON_AddNumberToObject(counts, stage_id((enum stage)(r + 1)),
				t->entries[i].counts[r]) != NULL;
		}
		ok = ok && cJSON_AddNumberToObject(q, "total", tally_total(t, i)) != NULL;
		if (!ok) {
			break;
		}
	}
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

bool
tally_save(const struct tally *t, const char *path, int64_t now,
	struct ladder_error *err)
{
	cJSON *json = tally_to_json(t, now);
	char *text = json != NULL ? cJSON_Print(json) : NULL;
	char *with_nl = text != NULL ? str_printf("%s\n", text) : NULL;
	bool ok = with_nl != NULL ? file_write_atomic(path, with_nl, strlen(with_nl), err) :
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
	free(with_nl);
	cJSON_free(text);
	cJSON_Delete(json);
	return ok;
}
