#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/catalog.h"
#include "ladder/error.h"
#include "ladder/journal.h"

/* Sessions stored under scoring rule 1 are scored again under the current
 * rule from their stored answers, where their questionnaire's version is
 * at hand in cat (its own or an older edition): the new result keeps the
 * old stage as "rule_1_stage", and is written at the next save. Any other
 * is kept as it is (rule 1: off the ladder, marked as such). Nothing else
 * changes. *rescored and *kept (either may be NULL) count them. False
 * only when out of memory. */
bool journal_rescore(struct journal *j, const struct catalog *cat, size_t *rescored,
	size_t *kept, struct ladder_error *err);
/* Whether journal_rescore would score any session again. */
bool journal_rescore_needed(const struct journal *j, const struct catalog *cat);
/* A journal's plaintext with its old sessions re-scored, for a reader of
 * the plaintext (an export): *plain is replaced by the plaintext of the
 * re-scored journal when any was, and left alone otherwise. name names
 * the journal in messages. False (err says why) when it does not parse or
 * memory runs out; *plain is then unchanged. view (may be NULL) gets the
 * plaintext read as journal_view reads it, *plain being the bytes it
 * looks at (destroy it before them), so that it is not read twice. */
bool journal_plain_rescore(const char *name, struct secret **plain,
	const struct catalog *cat, struct journal **view, struct ladder_error *err);
/* The repeat mark of a new session on a's set, for j (a result about to
 * be recorded): whether that set was completed before. */
bool journal_is_repeat(const struct journal *j, const struct questionnaire *q,
	int set);
