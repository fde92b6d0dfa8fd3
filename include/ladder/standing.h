#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ladder/catalog.h"
#include "ladder/journal.h"
#include "ladder/model.h"

/* What home and the history show of the journal, as plain data that the
 * full screen and --plain only render (the result's is ladder/report.h). */

enum standing {
	STANDING_NOT_TAKEN,   /* no session of this questionnaire */
	STANDING_EARLIER_RULE, /* scored under an earlier rule: kept, not compared */
	STANDING_NOT_PLACED,  /* too few answers to place */
	STANDING_PLACED,
};

/* Where the person stands in one questionnaire: its last session. */
struct standing_line {
	const struct questionnaire *q;
	enum standing standing;
	enum stage stage; /* STANDING_PLACED */
	int64_t at;       /* when the last session was completed (0: none) */
};

/* Home: a line per questionnaire of cat (in its order) and the unfinished
 * sessions that can be carried on. */
struct home_doc {
	struct standing_line *lines;
	size_t n;
	const struct journal_unfinished **unfinished;
	size_t n_unfinished;
	bool empty; /* nothing taken, nothing unfinished: a first step to suggest */
};
bool home_build(struct home_doc *d, const struct journal *j, const struct catalog *cat);
void home_finish(struct home_doc *d);
/* The words for a standing that is not a rung ("not taken yet", ...). */
const char *standing_words(enum standing s);

/* A session in the history: its rung, the move that led to it (the core's
 * one movement) and whether it repeated a set seen before. */
struct history_row {
	size_t index; /* into j->sessions */
	int64_t at;
	enum standing standing; /* EARLIER_RULE, NOT_PLACED or PLACED */
	enum stage stage;
	enum stage from; /* the rung it moved from; STAGE_NONE: no move */
	bool first;      /* the first of its questionnaire on the ladder */
	/* a repeat: the session that first took its set (NULL: not a repeat,
	 * or that session is gone) */
	const struct journal_session *seen;
	int set;
};
void history_row(const struct journal *j, size_t index, struct history_row *r);
