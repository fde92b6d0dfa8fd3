#pragma once
#include <stdbool.h>
#include "ladder/error.h"
#include "ladder/secret.h"

/* Reads a passphrase from the terminal (/dev/tty) without echo. With
 * confirm, asks twice and refuses a mismatch. The terminal's settings are
 * restored even when interrupted. */
bool passphrase_prompt(const char *prompt, bool confirm, struct secret **out,
	struct ladder_error *err);
/* A passphrase for --plain: from FILE ('-': stdin) when given, else the
 * first line of standard input when it is not a terminal, else the
 * terminal. */
bool passphrase_plain(const char *file, const char *prompt, bool confirm,
	struct secret **out, struct ladder_error *err);
/* A passphrase from FILE ('-': stdin) when given, else the terminal. */
bool passphrase_get(const char *file, const char *prompt, bool confirm,
	struct secret **out, struct ladder_error *err);
