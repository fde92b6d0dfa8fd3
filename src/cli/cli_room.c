#include "cli_room.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "passphrase.h"

bool
cli_min_group(const char *val, unsigned *out)
{
	*out = ROOM_MIN_GROUP_DEFAULT;
	if (val == NULL) {
		return true;
	}
	char *end;
	errno = 0;
	unsigned long n = strtoul(val, &end, 10);
	if (val[0] < '0' || val[0] > '9' || *end != '\0' || errno != 0 || n < 1 ||
		n > ROOM_MIN_GROUP_MAX) {
		cli_error("--min-group %s: expected a whole number of people from 1 "
			"(no masking) to %d", val, ROOM_MIN_GROUP_MAX);
		return false;
	}
	*out = (unsigned)n;
	return true;
}

int
cli_room_open(const struct cli_global *g, const char *key_path,
	const struct catalog *cat, const char *questionnaire,
	const char *const *files, size_t n, struct cli_room *out)
{
	struct ladder_error err;
	error_clear(&err);
	memset(out, 0, sizeof(*out));
	if (questionnaire != NULL && catalog_find(cat, questionnaire) == NULL) {
		cli_error("--questionnaire %s: no such questionnaire (see 'ladder list')",
			cli_safe(questionnaire));
		return LADDER_USAGE;
	}
	if (key_path != NULL) {
		struct secret *pass = NULL;
		char prompt[512];
		snprintf(prompt, sizeof(prompt), "Passphrase of the key %s: ", cli_safe(key_path));
		if (!passphrase_get(g->passphrase_file, prompt, false, &pass, &err)) {
			cli_error("%s", err.msg);
			return cli_status(&err);
		}
		bool ok = sealed_key_load(key_path, pass, &out->key, &err);
		secret_destroy(pass);
		if (!ok) {
			cli_error("%s", err.msg);
			return cli_status(&err);
		}
	}
	out->room = room_create();
	if (out->room == NULL) {
		cli_error("out of memory");
		return LADDER_FAIL;
	}
	room_set_key(out->room, out->key);
	room_set_catalog(out->room, cat);
	room_set_questionnaire(out->room, questionnaire);
	for (size_t i = 0; i < n; i++) {
		if (!room_add_file(out->room, files[i])) {
			cli_error("out of memory");
			return LADDER_FAIL;
		}
	}
	return LADDER_OK;
}

/* The problems of a CSV's bad rows, under its line. */
static void
report_notes(const struct room_source *s)
{
	for (size_t k = 0; k < s->n_notes; k++) {
		fprintf(stderr, "ladder: room:   %s\n", cli_safe(s->notes[k]));
	}
	if (s->more_notes > 0) {
		fprintf(stderr, "ladder: room:   ... and %zu more problem%s\n",
			s->more_notes, s->more_notes == 1 ? "" : "s");
	}
}

void
cli_room_report(const struct room *r)
{
	fprintf(stderr, "ladder: room: %u of %zu %s read, %zu skipped\n", r->files,
		r->n_sources, r->n_sources == 1 ? "file" : "files", room_skipped(r));
	for (size_t i = 0; i < r->n_sources; i++) {
		const struct room_source *s = &r->sources[i];
		if (s->read && s->rows > 0) {
			unsigned bad = s->rows - s->people;
			fprintf(stderr, "ladder: room: read %s (%s: %u %s of %u %s",
				cli_safe(s->path), s->kind, s->people,
				s->people == 1 ? "person" : "people", s->rows,
				s->rows == 1 ? "row" : "rows");
			if (bad > 0) {
				fprintf(stderr, "; %u %s not read", bad, bad == 1 ? "row" : "rows");
			}
			fprintf(stderr, ")\n");
		} else if (s->read) {
			fprintf(stderr, "ladder: room: read %s (%s)\n", cli_safe(s->path),
				s->kind != NULL ? s->kind : "?");
		} else {
			fprintf(stderr, "ladder: room: skipped %s\n", cli_safe(s->reason));
		}
		report_notes(s);
	}
}

void
cli_room_finish(struct cli_room *cr)
{
	room_destroy(cr->room);
	sealed_key_destroy(cr->key);
	cr->room = NULL;
	cr->key = NULL;
}
