#pragma once
#include <stdbool.h>
#include "ladder/catalog.h"
#include "ladder/questionnaire.h"
#include "ladder/vault.h"

/* The full-screen program: first run or unlock, then home, assessment,
 * result, reflection editor and history. This header is what the command
 * line sees; it does not include curses. */

enum tui_start {
	TUI_START_HOME,
	TUI_START_ASSESS,  /* questionnaire, or the choice when NULL */
	TUI_START_HISTORY,
};

struct tui_options {
	const char *journal_path;
	const char *passphrase_file; /* NULL: ask on the unlock screen */
	bool no_color;
	enum tui_start start;
	const struct questionnaire *questionnaire;
	int set; /* --set N; 0: the set least often completed */
	/* the questionnaires; NULL: load_catalog(catalog_ctx) gives them when
	 * first needed (after the first frame), NULL when out of memory */
	const struct catalog *catalog;
	const struct catalog *(*load_catalog)(void *ctx);
	void *catalog_ctx;
	enum kdf_level kdf; /* for a journal created by the first run */
	bool kdf_given;     /* kdf is $LADDER_KDF: also for a new passphrase */
	bool accept_older; /* --accept-older: save over an older generation */
	double lock_after; /* minutes without a key before the idle lock; 0: never */
};

/* Runs until the person leaves; returns the exit status (ladder(1),
 * EXIT STATUS). The terminal is restored on every way out. */
int tui_run(const struct tui_options *o);
