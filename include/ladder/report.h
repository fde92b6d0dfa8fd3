#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "ladder/journal.h"
#include "ladder/model.h"
#include "ladder/modeltext.h"
#include "ladder/questionnaire.h"

/* A result explained, as one document that every front end only renders
 * (the result screen, --plain and `score --text`): blocks of text in
 * order, each of a kind that says how to show it. Every sentence is made
 * from the numbers and reasons of the result, so no front end can
 * contradict them. */

enum report_kind {
	REPORT_HEADING,  /* a section's title */
	REPORT_PARA,     /* a paragraph */
	REPORT_EMPHASIS, /* a paragraph that matters most (borderline, a big gap) */
	REPORT_NOTE,     /* a quieter paragraph */
	REPORT_LADDER,   /* the ladder with `stage` marked */
	REPORT_BAR,      /* label and value in [0,1] (NAN: no answers) */
	REPORT_AREA,     /* an area: label (its title), stage, text (its reason) */
	REPORT_BULLET,   /* a list entry */
	REPORT_LABELED,  /* label then text, hanging under the label */
};

struct report_block {
	enum report_kind kind;
	int indent;    /* 0, or 2 for what belongs to the entry above */
	char *label;   /* BAR, AREA, LABELED; else NULL */
	char *text;    /* never NULL */
	double value;  /* BAR */
	enum stage stage; /* LADDER, AREA (STAGE_NONE: not placed) */
	/* a situation, for a printed form that refers to the paper sheet:
	 * its BULLET's number on the sheet of the session's set; on the
	 * LABELED blocks of its answer and of the one rated best, the option's
	 * letter on the sheet (A, B...) and where in text the option's reason
	 * starts (0: it has none); 0 on every other block */
	int number;
	char letter;
	size_t reason_at;
};

struct report {
	char *title;    /* "Cultural competence, 2026-11-02" */
	enum stage stage;
	struct report_block *blocks;
	size_t n, cap;
	bool oom;       /* a block could not be added */
};

/* Where the session stands against the one before it (journal_movement). */
struct movement {
	bool journal;        /* false: not recorded (score), the rest unused */
	bool on_ladder;      /* the session is placed under the current rule */
	const struct journal_session *from; /* NULL: first on the ladder */
	const struct journal_session *seen; /* a repeat: the first session on that set */
	int set;
	bool repeat;
	int rule;            /* the session's scoring rule */
	enum stage rule_1_stage; /* re-scored: the stage rule 1 gave */
	bool rescored;
};

struct report_input {
	const struct questionnaire *q;   /* NULL when not at hand */
	const struct model_texts *model; /* may be NULL */
	const cJSON *result;             /* the stored result object */
	const cJSON *answers;            /* {"item": value}; may be NULL */
	int64_t completed_at;            /* 0: not recorded */
	struct movement mv;
};

/* The movement of sessions[index] of j (its result loaded). */
struct movement journal_movement(const struct journal *j, size_t index);

/* Builds the explanation of in into r (report_finish frees it). False
 * only when out of memory. */
bool report_result(struct report *r, const struct report_input *in);
void report_finish(struct report *r);

/* The sentence on self-rating against choices (ladder-questionnaire(5),
 * calibration bands), NULL when the gap is undefined. self_report: the
 * comparison is with what the person reports doing. Malloc'ed. */
char *report_calibration(double perceived, double measured, bool self_report);
/* "since last time" for mv and the session's stage; malloc'ed. */
char *report_movement_text(const struct movement *mv, enum stage now);
