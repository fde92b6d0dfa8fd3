/* Exports handed to the program: `ladder import FILE` (full exports) and
 * `ladder present --room FILE` (anonymous ones). Anything is refused with a
 * message or imports; an import is idempotent; what was imported exports
 * and imports again to as many sessions and notes, makes an anonymous
 * export the room view accepts, and survives the journal's own plaintext
 * (serialise, parse). */
#include "fuzz.h"

#include <string.h>

#include "ladder/importcheck.h"
#include "../export_helpers.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/room.h"

static char *
export_text(const struct journal *j, bool anonymous)
{
	struct export_options o = {.anonymous = anonymous};
	cJSON *doc = export_tree(j, &o, NULL);
	FUZZ_CHECK(doc != NULL);
	char *text = json_print(doc);
	FUZZ_CHECK(text != NULL);
	cJSON_Delete(doc);
	return text;
}

static void
round_trips(const struct journal *j)
{
	struct ladder_error err = {0};
	size_t added = 0, already = 0;
	char *text = export_text(j, false);
	struct journal *k = journal_create();
	FUZZ_CHECK(k != NULL);
	if (!import_merge(k, "export.json", text, strlen(text), &added, &already, &err)) {
		fprintf(stderr, "the export does not import: %s\n", err.msg);
		abort();
	}
	FUZZ_CHECK(k->n_sessions == j->n_sessions && k->n_notes == j->n_notes);
	for (size_t i = 0; i < j->n_sessions; i++) {
		FUZZ_CHECK(strcmp(k->sessions[i].id, j->sessions[i].id) == 0);
		FUZZ_CHECK(k->sessions[i].completed_at == j->sessions[i].completed_at);
		FUZZ_CHECK(k->sessions[i].stage == j->sessions[i].stage);
	}
	journal_destroy(k);
	free(text);

	text = export_text(j, true);
	struct room *room = room_create();
	FUZZ_CHECK(room != NULL);
	FUZZ_CHECK(room_add_text(room, "anonymous.json", text, strlen(text)));
	if (room->n_problems != 0) {
		fprintf(stderr, "the room refuses an anonymous export: %s\n",
			room->problems[0]);
		abort();
	}
	room_destroy(room);
	free(text);

	struct secret *plain = journal_serialize(j, &err);
	FUZZ_CHECK(plain != NULL);
	struct journal *l = journal_parse("plain", plain->data, plain->len, &err);
	if (l == NULL) {
		fprintf(stderr, "the journal's plaintext does not parse: %s\n", err.msg);
		abort();
	}
	FUZZ_CHECK(l->n_sessions == j->n_sessions && l->n_notes == j->n_notes);
	journal_destroy(l);
	secret_destroy(plain);
}

int
fuzz_import(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct room *room = room_create();
	FUZZ_CHECK(room != NULL);
	FUZZ_CHECK(room_add_text(room, "fuzz.json", text, size));
	FUZZ_CHECK(room->files + room->n_problems == 1);
	room_destroy(room);

	struct journal *j = journal_create();
	FUZZ_CHECK(j != NULL);
	struct ladder_error err = {0};
	size_t added = 0, already = 0;
	/* the answers' check (no questionnaire at hand: the cap) refuses with
	 * a message or passes, on anything */
	struct catalog *cat = catalog_create();
	FUZZ_CHECK(cat != NULL);
	if (!import_check_answers("fuzz.json", text, size, cat, &err)) {
		FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
	}
	catalog_destroy(cat);
	error_clear(&err);
	if (!import_merge(j, "fuzz.json", text, size, &added, &already, &err)) {
		FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
		FUZZ_CHECK(j->n_sessions == 0 && j->n_notes == 0);
		journal_destroy(j);
		return 0;
	}
	FUZZ_CHECK(already == 0 && added == j->n_sessions + j->n_notes);
	size_t before = added;
	FUZZ_CHECK(import_merge(j, "fuzz.json", text, size, &added, &already, &err));
	FUZZ_CHECK(added == 0 && already == before);
	round_trips(j);
	journal_destroy(j);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size);
}
#endif
