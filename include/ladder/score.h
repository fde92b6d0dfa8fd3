#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/answers.h"
#include "ladder/model.h"
#include "ladder/questionnaire.h"

/* Undefined values are NAN (use isnan). */
struct placement {
	double axes[AXIS_COUNT]; /* raw axis means */
	double measured;         /* S: mean of scenario competence items, else competence */
	double calibration_gap;  /* perceived - S */
	double placed_awareness; /* A* = min(awareness, 1 - |gap|) */
	enum stage stage;
	bool borderline;
	enum stage nearest; /* STAGE_NONE unless borderline */
};

struct facet_result {
	const char *id; /* borrowed from the questionnaire */
	struct placement p;
};

struct result {
	const char *questionnaire_id; /* borrowed */
	int questionnaire_version;
	struct placement p;
	struct facet_result *facets;
	size_t n_facets;
	size_t answered, total;
};

/* Score a over q by the rule of DESIGN.md section 1. Never fails on valid
 * answers; returns NULL only when out of memory. */
struct result *score_compute(const struct questionnaire *q,
	const struct answers *a);
void result_destroy(struct result *r);
/* The result object of DESIGN.md section 4. */
cJSON *result_to_json(const struct result *r);

/* Score of one answered item in [0,1] (reverse keys applied). */
double score_item(const struct questionnaire *q, size_t item, int value);
/* The placement rule alone, on already-computed values (NAN = undefined). */
void placement_decide(struct placement *p, double t_competence,
	double t_awareness, double t_automaticity);
