#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ladder/answers.h"
#include "ladder/error.h"
#include "ladder/journal.h"
#include "ladder/questionnaire.h"

/* One sitting of a questionnaire, from its beginning to its result: the
 * flow that the full screen, --plain and `ladder enter` share (the front
 * ends only ask the questions and show what comes of it). */
struct assessment {
	const struct questionnaire *q;
	struct answers *ans; /* ans->set: the set this sitting asks */
	size_t pos;          /* the item at hand: an index into q->items */
	int64_t started;
};

enum assessment_begun {
	ASSESSMENT_NEW,     /* a new sitting (a kept one, if any, is dropped) */
	ASSESSMENT_RESUMED, /* the kept answers, their set and place */
	ASSESSMENT_AFRESH,  /* resume asked, but the questionnaire changed since:
	                       the kept answers do not fit, a new sitting */
};

/* Begins q in j at time now. set: the set asked (0: the set completed
 * least often, journal_choose_set). resume: carry on j's unfinished
 * sitting of q, whose answers decide the set when they name one; without
 * resume a kept sitting is dropped (gone at the next save). The sitting
 * starts on the first item its set asks (or the kept place). NULL when
 * out of memory. */
struct assessment *assessment_begin(struct journal *j, const struct questionnaire *q,
	int set, bool resume, int64_t now, enum assessment_begun *how);
void assessment_destroy(struct assessment *s);

/* The questions the kept sitting u of q asks: those of the set its answers
 * name, else of set (0: the set a new sitting would take). */
size_t assessment_kept_asked(const struct journal *j, const struct questionnaire *q,
	const struct journal_unfinished *u, int set);

/* The next (step 1) or previous (step -1) item the sitting asks from
 * s->pos, or -1 when there is none. */
long assessment_step(const struct assessment *s, int step);
/* The items the sitting asks, and the 1-based number of s->pos among them. */
size_t assessment_asked(const struct assessment *s, size_t *number);

/* The choices item i offers: a situation's options, or a scale's points
 * (in order, the first 0). */
size_t answers_choices(const struct questionnaire *q, size_t i);
/* The choice answered to item i (0-based, as answers_choices counts), or
 * -1 when skipped. */
long answers_choice(const struct questionnaire *q, const struct answers *a, size_t i);
/* Answers item i with choice c (< answers_choices). */
void answers_choose(const struct questionnaire *q, struct answers *a, size_t i, size_t c);

/* Keeps the answers so far as j's unfinished sitting of q. *kept: false
 * when there was nothing to keep (no answer, none kept before). */
bool assessment_keep(const struct assessment *s, struct journal *j, bool *kept,
	struct ladder_error *err);

/* Records a completed sitting in j: scored (rule 2), marked a repeat when
 * its set was completed before, added. The session, or NULL with err. */
struct journal_session *journal_record(struct journal *j, const struct questionnaire *q,
	const struct answers *ans, int64_t started, int64_t completed,
	struct ladder_error *err);
/* journal_record of the sitting, which ends: its kept answers are cleared. */
struct journal_session *assessment_finish(struct assessment *s, struct journal *j,
	int64_t now, struct ladder_error *err);
