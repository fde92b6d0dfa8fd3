/* ladder room FILE... [--key FILE] [--min-group N] [--json]: the room's
 * group profile without the projector, as text or as a ladder-room
 * document (data/schema/room.schema.json), for a facilitator's report.
 * What was read and what skipped goes to standard error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "cli.h"
#include "cli_room.h"
#include "ladder/room_profile.h"

/* The order of room_opts below. */
enum { ROOM_KEY, ROOM_MIN_GROUP, ROOM_JSON, ROOM_QUESTIONNAIRE };

static const char *const move_ids[] = {"up", "down", "stayed", "first", "unknown"};
static const char *const move_words[] = {"moved up a rung or more", "moved down",
	"stayed on their rung", "first session", "not known (a session not placed)"};
static const char *const cal_ids[] = {"above", "in_line", "below", "unknown"};
static const char *const cal_words[] = {"rate themselves above their choices",
	"in line with their choices", "rate themselves below their choices",
	"not known (no situations answered)"};

static cJSON *
count_json(const struct room_count *c, unsigned min_group)
{
	if (!c->masked) {
		return cJSON_CreateNumber(c->n);
	}
	cJSON *o = cJSON_CreateObject();
	if (o != NULL && (c->fewer ? cJSON_AddNumberToObject(o, "fewer_than", min_group) :
		cJSON_AddTrueToObject(o, "kept_back")) == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* adds name: count to obj; false when out of memory */
static bool
add_count(cJSON *obj, const char *name, const struct room_count *c, unsigned min_group)
{
	cJSON *v = count_json(c, min_group);
	return v != NULL && cJSON_AddItemToObject(obj, name, v);
}

static cJSON *
rungs_json(const struct room_count now[STAGE_COUNT], const struct room_count *unplaced,
	unsigned min_group)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	for (int s = 0; ok && s < STAGE_COUNT; s++) {
		ok = add_count(o, stage_id((enum stage)(s + 1)), &now[s], min_group);
	}
	if (!(ok && add_count(o, "not_placed", unplaced, min_group))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static const struct facet *
find_facet(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; q != NULL && i < q->n_facets; i++) {
		if (strcmp(q->facets[i].id, id) == 0) {
			return &q->facets[i];
		}
	}
	return NULL;
}

static bool
questionnaire_json(cJSON *arr, const struct room_profile_questionnaire *pq,
	const struct questionnaire *q, unsigned mg)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	cJSON *move = cJSON_CreateObject(), *cal = cJSON_CreateObject();
	cJSON *areas = cJSON_CreateArray();
	bool ok = move != NULL && cal != NULL && areas != NULL &&
		cJSON_AddStringToObject(o, "id", pq->id) != NULL &&
		(q == NULL ? cJSON_AddNullToObject(o, "title") :
			cJSON_AddStringToObject(o, "title", q->title)) != NULL &&
		add_count(o, "people", &pq->people, mg) &&
		cJSON_AddItemToObject(o, "rungs", rungs_json(pq->now, &pq->unplaced, mg)) &&
		add_count(o, "with_results", &pq->with_results, mg);
	const struct room_count *mv[] = {&pq->up, &pq->down, &pq->stayed, &pq->first,
		&pq->unknown};
	const struct room_count *cl[] = {&pq->above, &pq->in_line, &pq->below,
		&pq->uncalibrated};
	for (size_t i = 0; ok && i < 5; i++) {
		ok = add_count(move, move_ids[i], mv[i], mg);
	}
	for (size_t i = 0; ok && i < 4; i++) {
		ok = add_count(cal, cal_ids[i], cl[i], mg);
	}
	ok = ok && cJSON_AddItemToObject(o, "movement", move);
	move = ok ? NULL : move;
	ok = ok && cJSON_AddItemToObject(o, "calibration", cal);
	cal = ok ? NULL : cal;
	ok = ok && cJSON_AddItemToObject(o, "areas", areas);
	areas = ok ? NULL : areas;
	cJSON_Delete(move);
	cJSON_Delete(cal);
	cJSON_Delete(areas);
	cJSON *as = cJSON_GetObjectItemCaseSensitive(o, "areas");
	for (size_t i = 0; ok && i < pq->n_facets; i++) {
		const struct room_profile_facet *f = &pq->facets[i];
		const struct facet *qf = find_facet(q, f->id);
		cJSON *a = cJSON_CreateObject();
		ok = a != NULL && cJSON_AddItemToArray(as, a) &&
			cJSON_AddStringToObject(a, "id", f->id) != NULL &&
			(qf == NULL ? cJSON_AddNullToObject(a, "title") :
				cJSON_AddStringToObject(a, "title", qf->title)) != NULL &&
			add_count(a, "people", &f->people, mg) &&
			cJSON_AddItemToObject(a, "rungs", rungs_json(f->now, &f->unplaced, mg));
	}
	return ok;
}

/* A CSV of answers: its rows, the people read of them, and the problem of
 * each bad row. True when there is nothing to add. */
static bool
csv_json(cJSON *o, const struct room_source *s)
{
	if (s->kind == NULL || strcmp(s->kind, "CSV of answers") != 0 ||
		(!s->read && s->n_notes == 0)) {
		return true;
	}
	cJSON *pr = cJSON_CreateArray();
	bool ok = pr != NULL && cJSON_AddItemToObject(o, "problems", pr);
	if (!ok) {
		cJSON_Delete(pr);
		return false;
	}
	if (s->read) {
		ok = cJSON_AddNumberToObject(o, "rows", s->rows) != NULL &&
			cJSON_AddNumberToObject(o, "people", s->people) != NULL;
	}
	for (size_t k = 0; ok && k < s->n_notes; k++) {
		cJSON *m = cJSON_CreateString(s->notes[k]);
		ok = m != NULL && cJSON_AddItemToArray(pr, m);
		if (!ok) {
			cJSON_Delete(m);
		}
	}
	return ok;
}

static cJSON *
room_json(const struct room *r, const struct room_profile *p,
	const struct catalog *cat)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *sources = cJSON_CreateArray(), *qs = cJSON_CreateArray();
	bool ok = root != NULL && sources != NULL && qs != NULL &&
		cJSON_AddStringToObject(root, "format", "ladder-room") != NULL &&
		cJSON_AddNumberToObject(root, "format_version", 1) != NULL &&
		cJSON_AddNumberToObject(root, "min_group", p->min_group) != NULL &&
		cJSON_AddItemToObject(root, "sources", sources);
	if (!ok) {
		cJSON_Delete(sources);
		cJSON_Delete(qs);
		cJSON_Delete(root);
		return NULL;
	}
	ok = cJSON_AddItemToObject(root, "questionnaires", qs);
	if (!ok) {
		cJSON_Delete(qs);
	}
	for (size_t i = 0; ok && i < r->n_sources; i++) {
		const struct room_source *s = &r->sources[i];
		cJSON *o = cJSON_CreateObject();
		ok = o != NULL && cJSON_AddItemToArray(sources, o) &&
			cJSON_AddStringToObject(o, "file", s->path) != NULL &&
			cJSON_AddBoolToObject(o, "read", s->read) != NULL &&
			(s->kind == NULL ? cJSON_AddNullToObject(o, "kind") :
				cJSON_AddStringToObject(o, "kind", s->kind)) != NULL &&
			(s->read || cJSON_AddStringToObject(o, "reason", s->reason) != NULL) &&
			csv_json(o, s);
	}
	for (size_t i = 0; ok && i < p->n; i++) {
		ok = questionnaire_json(qs, &p->qs[i], catalog_find(cat, p->qs[i].id),
			p->min_group);
	}
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* "5 (63%)", "fewer than 5", "kept back" */
static const char *
count_text(const struct room_count *c, const struct room_count *total,
	unsigned min_group, char *buf, size_t size)
{
	if (c->masked) {
		if (c->fewer) {
			snprintf(buf, size, "fewer than %u", min_group);
		} else {
			snprintf(buf, size, "kept back");
		}
	} else if (!total->masked && total->n > 0) {
		snprintf(buf, size, "%u  (%u%%)", c->n,
			(unsigned)((c->n * 200u + total->n) / (2u * total->n)));
	} else {
		snprintf(buf, size, "%u", c->n);
	}
	return buf;
}

/* One group of counts under its total: each count with its label, or one
 * line when the total is masked or every count is kept back. */
static void
print_group(const char *const *labels, const struct room_count *const *cells,
	size_t k, const struct room_count *total, unsigned mg)
{
	bool all_kept = true;
	for (size_t i = 0; i < k; i++) {
		all_kept = all_kept && cells[i]->masked && !cells[i]->fewer;
	}
	if (total->masked) {
		printf("    not shown: fewer than %u people\n", mg);
		return;
	}
	if (all_kept && k > 0) {
		printf("    not shown: with the total, any count would give away a "
			"group of fewer than %u\n", mg);
		return;
	}
	for (size_t i = 0; i < k; i++) {
		char c[64];
		printf("    %-38s %s\n", labels[i], count_text(cells[i], total, mg, c,
			sizeof(c)));
	}
}

static void
print_rungs(const struct room_count now[STAGE_COUNT], const struct room_count *unplaced,
	const struct room_count *total, unsigned mg)
{
	char names[STAGE_COUNT][64];
	const char *labels[STAGE_COUNT + 1];
	const struct room_count *cells[STAGE_COUNT + 1];
	for (int s = 0; s < STAGE_COUNT; s++) {
		snprintf(names[s], sizeof(names[s]), "%d %s", s + 1,
			stage_name((enum stage)(s + 1)));
		labels[s] = names[s];
		cells[s] = &now[s];
	}
	labels[STAGE_COUNT] = "  not placed";
	cells[STAGE_COUNT] = unplaced;
	print_group(labels, cells, STAGE_COUNT + 1, total, mg);
}

static void
people_text(const struct room_count *c, unsigned mg, char *buf, size_t size)
{
	if (c->masked) {
		snprintf(buf, size, "fewer than %u people", mg);
	} else {
		snprintf(buf, size, "%u %s", c->n, c->n == 1 ? "person" : "people");
	}
}

static void
print_text(const struct room *r, const struct room_profile *p, const struct catalog *cat)
{
	char b[64];
	printf("The room: %u %s read", r->files, r->files == 1 ? "file" : "files");
	if (p->min_group > 1) {
		printf("; a count of fewer than %u people is not shown", p->min_group);
	}
	printf(".\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct room_profile_questionnaire *pq = &p->qs[i];
		const struct questionnaire *q = catalog_find(cat, pq->id);
		people_text(&pq->people, p->min_group, b, sizeof(b));
		printf("\n%s (%s): %s\n", cli_safe(q != NULL ? q->title : pq->id),
			cli_safe(pq->id), b);
		printf("  Where they stand now\n");
		print_rungs(pq->now, &pq->unplaced, &pq->people, p->min_group);
		people_text(&pq->with_results, p->min_group, b, sizeof(b));
		printf("  Self-rating against their choices in the situations (%s with "
			"results)\n", b);
		const struct room_count *cl[] = {&pq->above, &pq->in_line, &pq->below,
			&pq->uncalibrated};
		print_group(cal_words, cl, 4, &pq->with_results, p->min_group);
		printf("  Since their previous session\n");
		const struct room_count *mv[] = {&pq->up, &pq->down, &pq->stayed, &pq->first,
			&pq->unknown};
		print_group(move_words, mv, 5, &pq->with_results, p->min_group);
		for (size_t k = 0; k < pq->n_facets; k++) {
			const struct room_profile_facet *f = &pq->facets[k];
			const struct facet *qf = find_facet(q, f->id);
			people_text(&f->people, p->min_group, b, sizeof(b));
			printf("  Area: %s (%s): %s\n", cli_safe(qf != NULL ? qf->title : f->id),
				cli_safe(f->id), b);
			print_rungs(f->now, &f->unplaced, &f->people, p->min_group);
		}
	}
	if (p->n == 0) {
		printf("\nNo one in the room has a completed session.\n");
	}
}

static int
cmd_room(const struct cli_global *g, const struct cli_args *a)
{
	unsigned min_group;
	if (!cli_min_group(cli_value(a, ROOM_MIN_GROUP), &min_group)) {
		return LADDER_USAGE;
	}
	struct catalog *cat = cli_catalog(g);
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	struct cli_room cr;
	struct room_profile *p = NULL;
	int rc = cli_room_open(g, cli_value(a, ROOM_KEY), cat,
		cli_value(a, ROOM_QUESTIONNAIRE), a->pos, a->n_pos, &cr);
	if (rc != LADDER_OK) {
		goto out;
	}
	cli_room_report(cr.room);
	p = room_profile_create(cr.room, min_group);
	if (p == NULL) {
		cli_error("out of memory");
		rc = LADDER_FAIL;
		goto out;
	}
	if (cli_flag(a, ROOM_JSON)) {
		cJSON *json = room_json(cr.room, p, cat);
		rc = json != NULL && cli_print_json(json) ? LADDER_OK : LADDER_FAIL;
		if (json == NULL) {
			cli_error("out of memory");
		}
		cJSON_Delete(json);
	} else {
		print_text(cr.room, p, cat);
		rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
	}
	if (rc == LADDER_OK && cr.room->files == 0) {
		cli_error("no file could be read (see the reasons above)");
		rc = LADDER_FAIL;
	}
out:
	room_profile_destroy(p);
	cli_room_finish(&cr);
	catalog_destroy(cat);
	return rc;
}

static const struct cli_opt room_opts[] = {
	[ROOM_KEY] = {"key", 0, true, false},
	[ROOM_MIN_GROUP] = {"min-group", 0, true, false},
	[ROOM_JSON] = {"json", 0, false, false},
	[ROOM_QUESTIONNAIRE] = {"questionnaire", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_room = {"room", cmd_room, room_opts, 1, (size_t)-1,
	"room FILE... [--key FILE] [--min-group N] [--questionnaire ID] [--json]",
	"the room's group profile from anonymous or sealed exports, saved tallies, "
	"answers files and CSV files of answers, without the projector"};
