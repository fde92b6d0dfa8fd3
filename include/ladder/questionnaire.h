#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/error.h"
#include "ladder/model.h"

enum item_kind { ITEM_LIKERT, ITEM_SCENARIO };

struct scale {
	char *id;
	int min, max;
	char **labels; /* max - min + 1 entries */
};

struct option {
	char *id;
	char *text;
	double score; /* in [0,1] */
	char *rationale;
};

struct item {
	char *id;
	size_t facet; /* index into questionnaire.facets */
	enum axis axis;
	enum item_kind kind;
	size_t scale; /* likert: index into questionnaire.scales */
	bool reverse; /* likert */
	char *text;
	struct option *options; /* scenario */
	size_t n_options;
	int set; /* parallel form 1..n_sets, or 0: asked every time */
};

struct stage_text {
	char *summary;
	char **next_steps;
	size_t n_next_steps;
};

struct facet {
	char *id, *title, *description;
	/* the area's own summary and next steps per rung (index = stage - 1);
	 * all empty unless has_stages */
	struct stage_text stages[STAGE_COUNT];
	bool has_stages;
};

/* Default thresholds (ladder-questionnaire(5), SCORING) */
#define THRESHOLD_COMPETENCE 0.6
#define THRESHOLD_AWARENESS 0.5
#define THRESHOLD_AUTOMATICITY 0.6
/* at most this many parallel sets */
#define SETS_MAX 9

struct questionnaire {
	char *path; /* file it came from */
	char *id;
	int version;
	char *language, *title, *description;
	double t_competence, t_awareness, t_automaticity;
	double t_scenarios; /* Ts, t_competence unless given */
	int n_sets;         /* items carry sets 1..n_sets; 0: no sets */
	struct scale *scales;
	size_t n_scales;
	struct facet *facets;
	size_t n_facets;
	struct item *items;
	size_t n_items;
	struct stage_text stages[STAGE_COUNT]; /* index = stage - 1 */
	char **prompts;
	size_t n_prompts;
	/* every field but path belongs to another copy, which outlives this
	 * one (questionnaire_borrow); destroy frees only path and the struct */
	bool borrowed;
};

/* Parse and check a questionnaire; errors as "NAME:LINE:COL: ...". */
struct questionnaire *questionnaire_parse(const char *name, const char *text,
	size_t len, struct ladder_error *err);
struct questionnaire *questionnaire_load(const char *path,
	struct ladder_error *err);
void questionnaire_destroy(struct questionnaire *q);
/* A questionnaire read from path whose content is q's, shared with q (which
 * must outlive it and is never changed): the catalog's way of using the
 * build's parse of a built-in file. */
struct questionnaire *questionnaire_borrow(const struct questionnaire *q,
	const char *path, struct ladder_error *err);

/* The questionnaire in its file format with defaults filled in. */
cJSON *questionnaire_to_json(const struct questionnaire *q);

/* Whether item i is asked in a session on set (0: no set): items of that
 * set and those of none. */
bool questionnaire_item_asked(const struct questionnaire *q, size_t i, int set);
/* The number of items a session on set asks. */
size_t questionnaire_items_asked(const struct questionnaire *q, int set);

/* Index of the item/facet/option with that id, or -1. */
long questionnaire_item_index(const struct questionnaire *q, const char *id);
long questionnaire_facet_index(const struct questionnaire *q, const char *id);
long item_option_index(const struct item *it, const char *id);
/* The scenario option keyed highest (the first of equals). */
size_t item_best_option(const struct item *it);
