#pragma once
#include "cli.h"
#include "../tui/tui.h"

/* The full-screen program from a command (cli_screen.c): the journal of
 * the global options, starting on start (with q and set for an
 * assessment). cat NULL: the questionnaires are read when the screen first
 * needs them. Returns the exit status. */
int cli_run_screen(const struct cli_global *g, const struct catalog *cat,
	enum tui_start start, const struct questionnaire *q, int set);
