/* Home's and the history's data (include/ladder/standing.h). */
#include "ladder/standing.h"

#include <stdlib.h>

#include "ladder/score.h"

static enum standing
standing_of(const struct journal_session *s)
{
	if (s == NULL) {
		return STANDING_NOT_TAKEN;
	}
	if (s->rule != SCORING_RULE) {
		return STANDING_EARLIER_RULE;
	}
	return s->stage == STAGE_NONE ? STANDING_NOT_PLACED : STANDING_PLACED;
}

const char *
standing_words(enum standing s)
{
	switch (s) {
	case STANDING_NOT_TAKEN: return "not taken yet";
	case STANDING_EARLIER_RULE: return "scored under an earlier rule";
	case STANDING_NOT_PLACED: return "not placed (too few answers)";
	case STANDING_PLACED: break;
	}
	return "";
}

bool
home_build(struct home_doc *d, const struct journal *j, const struct catalog *cat)
{
	*d = (struct home_doc){0};
	d->lines = calloc(cat->n ? cat->n : 1, sizeof(*d->lines));
	d->unfinished = calloc(j->n_unfinished ? j->n_unfinished : 1, sizeof(*d->unfinished));
	if (d->lines == NULL || d->unfinished == NULL) {
		home_finish(d);
		return false;
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct journal_session *s = journal_last_session(j, cat->items[i]->id);
		d->lines[d->n++] = (struct standing_line){cat->items[i], standing_of(s),
			s ? s->stage : STAGE_NONE, s ? s->completed_at : 0};
	}
	for (size_t i = 0; i < j->n_unfinished; i++) {
		d->unfinished[d->n_unfinished++] = &j->unfinished[i];
	}
	d->empty = j->n_sessions == 0 && j->n_unfinished == 0;
	return true;
}

void
home_finish(struct home_doc *d)
{
	free(d->lines);
	free(d->unfinished);
	*d = (struct home_doc){0};
}

void
history_row(const struct journal *j, size_t index, struct history_row *r)
{
	const struct journal_session *s = &j->sessions[index];
	*r = (struct history_row){.index = index, .at = s->completed_at,
		.standing = standing_of(s), .stage = s->stage, .from = STAGE_NONE, .set = s->set};
	if (r->standing != STANDING_EARLIER_RULE) {
		const struct journal_session *from = journal_movement_from(j, index);
		if (journal_session_on_ladder(s) && from != NULL && from->stage != s->stage) {
			r->from = from->stage;
		}
		r->first = journal_session_on_ladder(s) && from == NULL;
	}
	if (s->repeat) {
		r->seen = journal_set_first(j, s->questionnaire, s->version, s->set, index);
	}
}
