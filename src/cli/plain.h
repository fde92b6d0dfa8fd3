#pragma once
#include "cli.h"
#include "ladder/catalog.h"
#include "ladder/questionnaire.h"

/* --plain: the assessment and the history as lines on standard input and
 * output, without curses, for screen readers, dumb terminals and pipes.
 * The passphrase comes from --passphrase-file, else the first line of
 * standard input when it is not a terminal, else a prompt without echo. */

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
