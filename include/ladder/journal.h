#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cJSON.h>
#include "ladder/answers.h"
#include "ladder/error.h"
#include "ladder/model.h"
#include "ladder/piece.h"
#include "ladder/questionnaire.h"
#include "ladder/score.h"
#include "ladder/secret.h"
#include "ladder/timeutil.h"

/* The journal's content in memory: completed sessions in time order,
 * reflections on their own, and unfinished sessions to resume. The vault
 * stores journal_serialize()'s bytes; nothing here touches files.
 *
 * A session read from the plaintext keeps only what lists and charts need
 * (id, questionnaire, times, stage) and where its text is; its answers,
 * result and note are read from that text the first time they are asked
 * for (journal_session_load). Saving copies the text of every session that
 * has not changed, so opening and saving a journal of thousands of
 * sessions costs little more than decrypting and encrypting it. */

struct journal_session {
	char id[UUID_STR_LEN];
	char *questionnaire;
	int version;
	int64_t started_at, completed_at; /* seconds since the epoch, UTC */
	enum stage stage;                 /* from result, for quick charts */
	/* From the start of the result, for movement and repeats: the scoring
	 * rule (1: stored before rule 2 and not re-scored), the set asked (0:
	 * none) and whether that set had been completed before. */
	int rule;
	int set;
	bool repeat;
	/* Set by journal_session_load (or when the session was made here):
	 * until then the three below are NULL. */
	bool loaded;
	cJSON *answers; /* {"item": value}; never NULL once loaded */
	cJSON *result;  /* the result object of score */
	char *note;     /* reflection; NULL when none */
	/* The session as stored (a line of the plaintext, in the journal's
	 * secret memory), or NULL when it changed since it was read. */
	const char *text;
	size_t text_len;
};

struct journal_note {
	char id[UUID_STR_LEN];
	int64_t at;
	char *text;
};

struct journal_unfinished {
	char *questionnaire;
	int version;
	int64_t started_at;
	size_t position; /* the item the person was on */
	cJSON *answers;  /* {"item": value} so far */
};

/* The item ids of a questionnaire, in the order that stored answers name
 * them by (their place in this list); append-only. */
struct journal_items {
	char *questionnaire;
	char **ids;
	size_t n, cap;
	/* an index of ids (open addressing, place + 1, 0 free), so that a
	 * lookup costs the same however long the list grew */
	size_t *slots;
	size_t n_slots;
};

struct journal {
	int64_t created_at;
	struct journal_session *sessions;
	size_t n_sessions, cap_sessions;
	struct journal_note *notes;
	size_t n_notes, cap_notes;
	struct journal_unfinished *unfinished;
	size_t n_unfinished;
	struct secret *plain; /* the plaintext the sessions' text is in */
	/* lines saved since it was read, which sessions' text is in */
	struct secret **kept;
	size_t n_kept;
	struct journal_items *items; /* what the sessions' text refers to */
	size_t n_items;
	char *name;           /* the journal's file, for messages */
};

struct journal *journal_create(void);
void journal_destroy(struct journal *j);

/* The plaintext of a vault (format "ladder-journal", version 1 or 2;
 * ladder-journal(5)). Anything malformed is LADDER_DAMAGED, naming what.
 * Of each session of a version 2 plaintext only the start of its line is
 * read here: the rest is checked when the session is loaded. The bytes
 * are copied (into secret memory). */
struct journal *journal_parse(const char *name, const unsigned char *plain,
	size_t len, struct ladder_error *err);
/* The same, keeping plain itself (no copy): it is the journal's from now
 * on, and destroyed with it, or at once when parsing fails. */
struct journal *journal_adopt(const char *name, struct secret *plain,
	struct ladder_error *err);
/* The same reading the bytes where they are: they must outlive the
 * journal, which must not be saved (for a look, as an export takes). */
struct journal *journal_view(const char *name, const unsigned char *plain,
	size_t len, struct ladder_error *err);
/* Loads every session not loaded yet, without keeping what it reads:
 * false (LADDER_DAMAGED, naming the session) at the first that is
 * damaged. journal_parse and this together check all of a plaintext. */
bool journal_verify(const struct journal *j, struct ladder_error *err);
/* Reads a session's answers, result and note from its text (once; true at
 * once when loaded). False, with LADDER_DAMAGED, when the text is
 * damaged: the session stays as it was, and is saved as it was read. */
bool journal_session_load(const struct journal *j, struct journal_session *s,
	struct ladder_error *err);
/* Whether the session has a reflection, without loading it. */
bool journal_session_has_note(const struct journal_session *s);

/* The plaintext journal_serialize gives, as pieces in order that point at
 * the sessions' text where it is and at new lines (in secret memory) for
 * the sessions changed since they were read or saved: for a save, with no
 * copy of the whole. NULL when out of memory. */
struct journal_pieces;
struct journal_pieces *journal_pieces_make(const struct journal *j,
	struct ladder_error *err);
const struct piece *journal_pieces_get(const struct journal_pieces *p,
	size_t *n);
/* Once the pieces are saved (j unchanged since they were made): the
 * changed sessions' text is their new line from now on, kept by j. Takes
 * p. */
void journal_pieces_commit(struct journal *j, struct journal_pieces *p);
void journal_pieces_free(struct journal_pieces *p);

/* Serialises (format version 2) into sodium_malloc memory. */
struct secret *journal_serialize(const struct journal *j,
	struct ladder_error *err);
/* Where things are in a serialised journal: each session's line, and the
 * item lists it was written with. */
struct journal_layout;
/* journal_serialize, also giving *layout, for journal_rebase. */
struct secret *journal_serialize_layout(const struct journal *j,
	struct journal_layout **layout, struct ladder_error *err);
/* Once plain (from journal_serialize_layout on j, unchanged since) is
 * saved: the sessions' text is taken from it from now on, and j keeps it.
 * Takes plain and layout. */
void journal_rebase(struct journal *j, struct secret *plain,
	struct journal_layout *layout);
void journal_layout_free(struct journal_layout *layout);

/* Records a completed session (copies what it needs). */
struct journal_session *journal_add_session(struct journal *j,
	const struct questionnaire *q, const struct answers *a,
	const struct result *r, int64_t started_at, int64_t completed_at,
	struct ladder_error *err);
/* Sets (text non-empty) or removes (NULL or "") a session's reflection
 * (loading the session first). */
bool journal_session_set_note(const struct journal *j,
	struct journal_session *s, const char *text, struct ladder_error *err);
struct journal_note *journal_add_note(struct journal *j, const char *text,
	int64_t at, struct ladder_error *err);

/* The unfinished session of a questionnaire (one at most), or NULL. */
const struct journal_unfinished *journal_unfinished_get(const struct journal *j,
	const char *questionnaire);
/* Keeps a's answers so far (replacing an older unfinished session). */
bool journal_unfinished_set(struct journal *j, const struct questionnaire *q,
	const struct answers *a, size_t position, int64_t started_at,
	struct ladder_error *err);
void journal_unfinished_clear(struct journal *j, const char *questionnaire);

/* Reads rule, set and repeat of s from its result object (rule 1 when
 * the result names none). */
void journal_session_meta(struct journal_session *s, const cJSON *result);

/* Index of the session with that id, or -1. */
long journal_find_session(const struct journal *j, const char *id);
/* Index of the one session whose id starts with prefix (not empty), or -1
 * (*ambiguous set when more than one does). */
long journal_find_session_prefix(const struct journal *j, const char *prefix,
	bool *ambiguous);
/* Removes sessions[index] from the journal: the next save leaves it out. */
void journal_forget_session(struct journal *j, size_t index);
/* The latest session of a questionnaire, or NULL. */
const struct journal_session *journal_last_session(const struct journal *j,
	const char *questionnaire);
/* Movement (ladder-model(7)): the stages of the completed sessions of a
 * questionnaire in time order. Only placed sessions scored under the
 * current rule take part: a session without a stage is skipped, not a
 * break, and one kept under rule 1 is never compared with rule 2. */
bool journal_session_on_ladder(const struct journal_session *s);
/* The session the movement of sessions[index] is measured from: the last
 * one on the ladder of the same questionnaire before it, or NULL. */
const struct journal_session *journal_movement_from(const struct journal *j,
	size_t index);

struct journal_transition {
	const struct journal_session *from, *to; /* to->repeat marks a repeat */
};
/* Changes of stage between consecutive sessions on the ladder of the
 * same questionnaire (NULL: all questionnaires), in time order. *out is
 * malloc'ed (free it); returns the count, or (size_t)-1 when out of
 * memory. */
size_t journal_transitions(const struct journal *j, const char *questionnaire,
	struct journal_transition **out);
/* Ups and downs among them (either may be NULL). */
void journal_transition_counts(const struct journal_transition *t, size_t n,
	size_t *up, size_t *down);

/* Sets (parallel forms): how many sessions of that questionnaire and
 * version completed set (0: the questionnaire has no sets) before
 * sessions[before] (j->n_sessions: all). */
size_t journal_set_completed(const struct journal *j, const char *questionnaire,
	int version, int set, size_t before);
/* The set a new session asks by default: the one least often completed
 * in this journal (ties: the lowest); 0 when q has no sets. */
int journal_choose_set(const struct journal *j, const struct questionnaire *q);
/* The earliest session of that questionnaire, version and set before
 * sessions[before], or NULL: what a repeat repeats. */
const struct journal_session *journal_set_first(const struct journal *j,
	const char *questionnaire, int version, int set, size_t before);
