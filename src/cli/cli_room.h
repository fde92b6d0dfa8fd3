#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "cli.h"
#include "ladder/room.h"
#include "ladder/room_profile.h"
#include "ladder/sealed.h"

/* What `ladder room` and `ladder present --room` share: the facilitator's
 * key (--key FILE, its passphrase from --passphrase-file or the
 * terminal), the room read from the files given, and the list of what was
 * read and what skipped, on standard error. */
struct cli_room {
	struct sealed_key *key;
	struct room *room;
};

/* --min-group N: false after a usage message when val is not a whole
 * number from 1 to ROOM_MIN_GROUP_MAX. NULL val: the default. */
bool cli_min_group(const char *val, unsigned *out);
/* Opens the key (when key_path is not NULL) and reads the files into a
 * room, scoring answers files and CSV files of answers with cat; a CSV's
 * questionnaire is questionnaire (--questionnaire ID; NULL: found from its
 * header), which must be in cat. Returns the exit status after a
 * message (a key that does not open stops it: 3 for a wrong passphrase,
 * 4 for a damaged key file); files that do not read are sources skipped. */
int cli_room_open(const struct cli_global *g, const char *key_path,
	const struct catalog *cat, const char *questionnaire,
	const char *const *files, size_t n, struct cli_room *out);
/* Every source on standard error, read or skipped with the reason; a CSV's
 * people of its rows, and the problem of each bad row under it. */
void cli_room_report(const struct room *r);
void cli_room_finish(struct cli_room *cr);
