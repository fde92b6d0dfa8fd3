#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/catalog.h"
#include "ladder/error.h"

/* The most answers a session of an import may hold when its questionnaire
 * (at that version) is not at hand to check them against. */
#define IMPORT_MAX_ANSWERS 1000

/* Checks the answers of every session of an export (text, named name in
 * messages) before it is merged: a session whose questionnaire at that
 * version is in cat may only answer its items; any other may hold at most
 * IMPORT_MAX_ANSWERS answers. The rest of the document is import_merge's
 * to check (this one only reads what it needs, and passes over what it
 * does not understand). Errors say NAME:LINE:COL and what was expected. */
bool import_check_answers(const char *name, const char *text, size_t len,
	const struct catalog *cat, struct ladder_error *err);
