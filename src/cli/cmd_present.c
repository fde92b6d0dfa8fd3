#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/deck.h"
#include "ladder/modeltext.h"
#include "ladder/room.h"
#include "ladder/room_profile.h"
#include "cli_room.h"
#include "ladder/util.h"
#include "../tui/present.h"

/* The order of present_opts below. */
enum { PRESENT_ROOM, PRESENT_SAVE_TALLY, PRESENT_KEY, PRESENT_MIN_GROUP,
	PRESENT_QUESTIONNAIRE, PRESENT_DECK, PRESENT_MINUTES, PRESENT_PRINT_DECK };

static bool
contains(const struct questionnaire *const *qs, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(qs[i]->id, id) == 0) {
			return true;
		}
	}
	return false;
}

/* The folder of path must exist and be writable, so that a typo is found
 * before the session rather than at its end. */
static bool
check_save_path(const char *path)
{
	char *dir = str_dup(path);
	if (dir == NULL) {
		cli_error("out of memory");
		return false;
	}
	char *slash = strrchr(dir, '/');
	const char *d = slash == NULL ? "." : slash == dir ? "/" : dir;
	if (slash != NULL && slash != dir) {
		*slash = '\0';
	}
	bool ok = access(d, W_OK | X_OK) == 0;
	if (!ok) {
		cli_error("%s: cannot save the counts there (folder %s: %s)", path, d,
			strerror(errno));
	}
	free(dir);
	return ok;
}

static int
cmd_present(const struct cli_global *g, const struct cli_args *a)
{
	int rc = LADDER_FAIL;
	struct catalog *cat = cli_catalog(g);
	const struct questionnaire **qs = NULL;
	struct questionnaire **owned = NULL;
	size_t n_qs = 0, n_owned = 0;
	struct cli_room cr = {0};
	struct room *room = NULL;
	struct room_profile *profile = NULL;
	unsigned min_group = ROOM_MIN_GROUP_DEFAULT;
	struct present_room_view *views = NULL;
	size_t n_views = 0;
	struct model_texts *model = NULL;
	struct deck *deck = NULL;
	const char *deck_path = cli_value(a, PRESENT_DECK);
	int minutes = 0;
	if (cli_flag(a, PRESENT_MINUTES)) {
		const char *m = cli_value(a, PRESENT_MINUTES);
		char *end = NULL;
		long v = strtol(m, &end, 10);
		if (end == m || *end != '\0' || v < 1 || v > DECK_MAX_MINUTES) {
			cli_error("--minutes %s: expected a whole number of minutes from 1 to %d",
				cli_safe(m), DECK_MAX_MINUTES);
			catalog_destroy(cat);
			return LADDER_USAGE;
		}
		minutes = (int)v;
	}
	if (deck_path != NULL && a->n_pos > 0) {
		cli_error("a deck names its questionnaires: give --deck FILE or IDs, not "
			"both (usage: ladder present --deck FILE)");
		catalog_destroy(cat);
		return LADDER_USAGE;
	}
	if (g->plain && !cli_flag(a, PRESENT_PRINT_DECK)) {
		cli_error("present is a slide show for a projector and has no --plain "
			"mode (see 'ladder show ID --text' for a printable questionnaire)");
		catalog_destroy(cat);
		return LADDER_USAGE;
	}
	if (cat == NULL) {
		return LADDER_FAIL;
	}
	if (!cli_flag(a, PRESENT_ROOM) && (cli_flag(a, PRESENT_KEY) ||
		cli_flag(a, PRESENT_MIN_GROUP) || cli_flag(a, PRESENT_QUESTIONNAIRE))) {
		cli_error("--key, --min-group and --questionnaire are for the room's "
			"files: give them with --room FILE...");
		catalog_destroy(cat);
		return LADDER_USAGE;
	}
	if (!cli_min_group(cli_value(a, PRESENT_MIN_GROUP), &min_group)) {
		catalog_destroy(cat);
		return LADDER_USAGE;
	}
	size_t cap = a->n_pos > 0 && a->n_pos > cat->n ? a->n_pos : cat->n;
	qs = calloc(cap ? cap : 1, sizeof(*qs));
	owned = calloc(cap ? cap : 1, sizeof(*owned));
	if (qs == NULL || owned == NULL) {
		cli_error("out of memory");
		goto out;
	}
	if (a->n_pos == 0 && deck_path == NULL) {
		/* by default the built-in questionnaires; others by id */
		for (size_t i = 0; i < cat->n_builtin; i++) {
			qs[n_qs++] = cat->items[i];
		}
	}
	for (size_t i = 0; i < a->n_pos; i++) {
		struct questionnaire *own = NULL;
		const struct questionnaire *q = cli_questionnaire(cat, a->pos[i], &own);
		if (q == NULL) {
			goto out;
		}
		if (own != NULL) {
			owned[n_owned++] = own;
		}
		if (!contains(qs, n_qs, q->id)) {
			qs[n_qs++] = q;
		}
	}
	if (n_qs == 0 && deck_path == NULL) {
		cli_error("no questionnaires to present (see 'ladder list')");
		goto out;
	}
	rc = cli_present_deck(cat, deck_path, minutes, cli_flag(a, PRESENT_ROOM), qs,
		&n_qs, &deck);
	if (rc != LADDER_OK) {
		goto out;
	}
	rc = LADDER_FAIL;
	if (cli_flag(a, PRESENT_PRINT_DECK)) {
		/* the deck in use, to start a file from: nothing else is done */
		cJSON *j = deck_to_json(deck);
		rc = j != NULL && cli_print_json(j) ? LADDER_OK : LADDER_FAIL;
		cJSON_Delete(j);
		goto out;
	}

	const char *save_path = cli_value(a, PRESENT_SAVE_TALLY);
	if (save_path != NULL && !check_save_path(save_path)) {
		goto out;
	}

	if (cli_flag(a, PRESENT_ROOM)) {
		rc = cli_room_open(g, cli_value(a, PRESENT_KEY), cat,
			cli_value(a, PRESENT_QUESTIONNAIRE), a->vals[PRESENT_ROOM],
			a->n_vals[PRESENT_ROOM], &cr);
		if (rc != LADDER_OK) {
			goto out;
		}
		rc = LADDER_FAIL;
		room = cr.room;
		/* what was read and what skipped, before the first slide */
		cli_room_report(room);
		profile = room_profile_create(room, min_group);
		if (profile == NULL) {
			cli_error("out of memory");
			goto out;
		}
		views = calloc(room->n ? room->n : 1, sizeof(*views));
		if (views == NULL) {
			cli_error("out of memory");
			goto out;
		}
		/* the deck's questionnaires first, in its order; without IDs
		 * also the others found in the exports */
		for (size_t i = 0; i < n_qs; i++) {
			const struct room_questionnaire *rq = room_find(room, qs[i]->id);
			if (rq != NULL) {
				views[n_views++] = (struct present_room_view){rq, qs[i]->title,
					room_profile_find(profile, rq->id)};
			}
		}
		for (size_t i = 0; a->n_pos == 0 && deck_path == NULL && i < room->n; i++) {
			if (!contains(qs, n_qs, room->qs[i].id)) {
				views[n_views++] = (struct present_room_view){&room->qs[i],
					room->qs[i].id, &profile->qs[i]};
			}
		}
	}

	struct ladder_error err;
	error_clear(&err);
	model = model_texts_load_default(&err);
	if (model == NULL) {
		cli_warn("%s (the slides use the built-in stage names)", err.msg);
	}

	struct present_config cfg = {
		.qs = qs,
		.n_qs = n_qs,
		.deck = deck,
		.minutes = minutes > 0 ? minutes : deck->minutes,
		.model = model,
		.room = room,
		.min_group = min_group,
		.views = views,
		.n_views = n_views,
		.save_path = save_path,
		.no_color = g->no_color,
	};
	rc = present_run(&cfg);
out:
	deck_destroy(deck);
	model_texts_destroy(model);
	free(views);
	room_profile_destroy(profile);
	cli_room_finish(&cr);
	for (size_t i = 0; i < n_owned; i++) {
		questionnaire_destroy(owned[i]);
	}
	free(owned);
	free(qs);
	catalog_destroy(cat);
	return rc;
}

static const struct cli_opt present_opts[] = {
	[PRESENT_ROOM] = {"room", 0, true, true},
	[PRESENT_SAVE_TALLY] = {"save-tally", 0, true, false},
	[PRESENT_KEY] = {"key", 0, true, false},
	[PRESENT_MIN_GROUP] = {"min-group", 0, true, false},
	[PRESENT_QUESTIONNAIRE] = {"questionnaire", 0, true, false},
	[PRESENT_DECK] = {"deck", 0, true, false},
	[PRESENT_MINUTES] = {"minutes", 0, true, false},
	[PRESENT_PRINT_DECK] = {"print-deck", 0, false, false},
	{0},
};

const struct cli_command cli_cmd_present = {"present", cmd_present, present_opts, 0, (size_t)-1,
		"present [ID...] [--deck FILE | --minutes N] [--print-deck]\n"
		"          [--room FILE... [--key FILE] [--min-group N] [--questionnaire ID]]\n"
		"          [--save-tally FILE]",
		"projector mode: a deck that fits the time, votes, a timer, the room's view"};
