#pragma once
#include "cli.h"
#include "ladder/catalog.h"
#include "ladder/questionnaire.h"

/* --plain: the assessment and the history as lines on standard input and
 * output, without curses, for screen readers, dumb terminals and pipes.
 * The passphrase comes from --passphrase-file, else the first line of
 * standard input when it is not a terminal, else a prompt without echo. */

/* firstrun.c: no journal at path yet: the welcome, the introduction, a
 * new passphrase and the recovery code, as lines; creates the journal. */
int plain_first_run(const struct cli_global *g, const struct catalog *cat,
	const char *path);

/* plain_calibration.c: a session's self-rating and situations (a line),
 * and how the two moved over a questionnaire's sessions, overall and area
 * by area (a sentence each). */
struct journal;
struct journal_session;
void plain_session_calibration(const struct journal *j, struct journal_session *s);
void plain_calibration(const struct journal *j, const struct questionnaire *q,
	const char *id);

/* Where the person stands, and how to go on. */
int plain_home(const struct cli_global *g, const struct catalog *cat);
/* Takes q (NULL: lists them and asks for an id) on set (0: the set least
 * often completed). */
int plain_assess(const struct cli_global *g, const struct catalog *cat,
	const struct questionnaire *q, int set);
int plain_history(const struct cli_global *g, const struct catalog *cat);

/* The model's texts and the journal (its old sessions re-scored), both
 * needed by every plain screen: on anything but LADDER_OK, neither is
 * left open. */
struct model_texts;
struct store;
int plain_open(const struct cli_global *g, const struct catalog *cat, bool writable,
	struct model_texts **m, struct store **s);
