#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/error.h"
#include "ladder/questionnaire.h"

/* The questionnaires available: built-in ones and the user's folders.
 * Files that fail to load are kept as problems (messages) for the front
 * end to show; the others still load. */
struct catalog {
	struct questionnaire **items;
	size_t n;
	size_t n_builtin; /* the first n_builtin items are the built-in ones */
	char **problems;
	size_t n_problems;
	/* older editions of questionnaires, read when asked for by version
	 * (a cache: it changes behind a const catalog) */
	struct catalog_editions *editions;
};

struct catalog *catalog_create(void);
void catalog_destroy(struct catalog *c);
/* Loads every *.json file of dir in name order. A missing folder is a
 * problem only when required. An id already in the catalog is reported
 * and the first one kept. Returns false only when out of memory. */
bool catalog_add_dir(struct catalog *c, const char *dir, bool required);
const struct questionnaire *catalog_find(const struct catalog *c, const char *id);
/* Where older editions are found (a copy is kept); false when out of
 * memory. */
bool catalog_set_editions_dir(struct catalog *c, const char *dir);
/* That version of a questionnaire: the loaded one when its version is
 * that, else the edition file ID-VERSION.json of the editions folder
 * (loaded once, kept). NULL when there is none, or it does not load. */
const struct questionnaire *catalog_find_version(const struct catalog *c,
	const char *id, int version);
