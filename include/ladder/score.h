#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/answers.h"
#include "ladder/model.h"
#include "ladder/questionnaire.h"

/* Scoring rule 2 (ladder-questionnaire(5), SCORING). */
#define SCORING_RULE 2

/* What a scope's placement rests on. */
enum evidence {
	EVIDENCE_SITUATIONS = 0, /* scenario items were asked (S from them) */
	EVIDENCE_SELF_REPORT,    /* none were asked: S = C */
};

/* Where the placed awareness A* came from. */
enum awareness_source {
	AWARE_NONE = 0,       /* A* undefined */
	AWARE_ANSWERS,        /* A, the awareness answers */
	AWARE_OVERESTIMATION, /* 1 - O: rating oneself above one's choices */
};

/* Why a scope has no stage. */
enum not_placed {
	PLACED = 0,
	NOT_PLACED_NO_SITUATIONS,   /* situations asked, none answered */
	NOT_PLACED_NO_COMPETENCE,   /* nothing on the competence axis answered */
	NOT_PLACED_NO_AWARENESS,    /* below the line, A* undefined */
	NOT_PLACED_NO_AUTOMATICITY, /* above the line, U undefined */
};

struct thresholds {
	double competence, scenarios, awareness, automaticity; /* Tc Ts Ta Tu */
};

/* Undefined values are NAN (use isnan). */
struct placement {
	double axes[AXIS_COUNT]; /* raw axis means: C, A, U, P */
	double measured;         /* S: mean of answered scenario competence items */
	double calibration_gap;  /* P - S */
	double placed_awareness; /* A* = min(A, 1 - max(0, gap)) */
	double margin;           /* M = min(C - Tc, S - Ts); C - Tc on self-report */
	enum evidence evidence;  /* set before placement_decide */
	/* the reasons: */
	bool below_competence;   /* C < Tc held it below the line */
	bool below_situations;   /* S < Ts held it below the line */
	bool margin_from_situations; /* M is S - Ts (else C - Tc) */
	enum awareness_source awareness_from;
	enum not_placed not_placed;
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
	int set;     /* the set asked, 0 when the questionnaire has none */
	bool repeat; /* this journal had completed that set before */
	struct placement p;
	struct facet_result *facets;
	size_t n_facets;
	size_t answered, total; /* of the items asked */
};

/* Score a over q by rule 2, asking the items of a->set and the unset ones.
 * Never fails on valid answers; returns NULL only when out of memory.
 * repeat is false: the caller that knows the journal sets it. */
struct result *score_compute(const struct questionnaire *q,
	const struct answers *a);
void result_destroy(struct result *r);
/* The result object of ladder-questionnaire(5), RESULT. */
cJSON *result_to_json(const struct result *r);

/* Score of one answered item in [0,1] (reverse keys applied). */
double score_item(const struct questionnaire *q, size_t item, int value);
/* The questionnaire's thresholds. */
struct thresholds score_thresholds(const struct questionnaire *q);
/* The placement rule alone, on p->axes, p->measured and p->evidence
 * (NAN = undefined): fills in the rest. */
void placement_decide(struct placement *p, const struct thresholds *t);

/* Machine-readable names of the reasons, as in the result object. */
const char *evidence_id(enum evidence e);
const char *awareness_source_id(enum awareness_source a); /* NULL: none */
const char *not_placed_id(enum not_placed n);              /* NULL: placed */
