#pragma once
/* What the parts of the journal module share: journal.c (the model),
 * journal_write.c, journal_short.c, journal_read.c, journal_read_v2.c,
 * journal_body.c, journal_idset.c and export.c. Not API: nothing outside
 * src/core/journal*.c and src/core/export.c includes this. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/jsonwrite.h"

/* The plaintext of format version 2 (ladder-journal(5)). */
#define LINE_HEAD "{\"id\":\""
#define SESSIONS_KEY ",\"sessions\":["
#define V2_START "{\"format\":\"ladder-journal\",\"format_version\":2,"

/* A session's answers, result and note: its own once it is loaded, else
 * read from its text for a moment (body_finish frees what was read). */
struct body {
	const cJSON *answers, *result;
	const char *note;
	cJSON *tree; /* the session's text parsed, when read for the moment */
	cJSON *expanded; /* the result, when stored in short */
	cJSON *answers_expanded; /* the answers, when stored in short */
};

struct reader {
	const struct json_doc *doc; /* NULL for the journal plaintext */
	const char *name;
	int status;
	struct ladder_error *err;
};

/* A set of ids, so that duplicates among n sessions are found in linear
 * time: open addressing over copies of the ids. */
struct idset {
	char (*ids)[UUID_STR_LEN];
	size_t n, cap;
	size_t *slots; /* index + 1 into ids; 0 is empty */
	size_t mask;
};

/* journal.c: the model */
void jnl_session_finish(struct journal_session *s);
void jnl_unfinished_finish(struct journal_unfinished *u);
int jnl_session_cmp(const struct journal_session *a, const struct journal_session *b);
struct journal_session *jnl_insert_session(struct journal *j, struct journal_session *s);
struct journal_note *jnl_insert_note(struct journal *j, struct journal_note *n);
size_t jnl_transitions_of(const struct journal *j, const char *questionnaire,
	const bool *keep, struct journal_transition **out);

/* journal_write.c */
void jnl_write_time(struct jsonw *w, const char *key, int64_t t, bool date_only);
void jnl_write_stage(struct jsonw *w, const char *key, enum stage s);
void jnl_write_session(struct jsonw *w, const struct journal_session *s,
	const struct body *b, const char *id, bool anonymous);
void jnl_write_note(struct jsonw *w, const struct journal_note *n);
const cJSON *jnl_member_named(const cJSON *m, const char *key);
bool jnl_is_number_or_null(const cJSON *v);
void jnl_items_free(struct journal_items *items, size_t n);
struct journal_items *jnl_items_find(struct journal_items *items, size_t n, const char *questionnaire);
long jnl_items_index(const struct journal_items *list, const char *id);
bool jnl_items_append(struct journal_items *list, const char *id);
struct journal_items *jnl_items_list(struct journal_items **items, size_t *n, const char *questionnaire);
bool jnl_items_copy(const struct journal_items *from, size_t n, struct journal_items **to,
	size_t *n_to);
/* A session's line (without the newline); s is loaded. Its answers are
 * written in short by the item lists in items (which may grow). */
void jnl_write_line(struct jsonw *w, const struct journal_session *s,
	struct journal_items **items, size_t *n_items);
/* Everything but the sessions, as an object without its closing brace. */
void jnl_write_head(struct jsonw *w, const struct journal *j,
	const struct journal_items *items, size_t n_items);

/* journal_short.c: results of rule 2 in short. encode gives NULL when res
 * would not come back whole from it; decode NULL when a is damaged (*what
 * says what was expected) or memory runs out (*what NULL). */
cJSON *jnl_short2_encode(const cJSON *res, const struct journal_session *s);
cJSON *jnl_short2_decode(const cJSON *a, const struct journal_session *s, const char **what);
/* A result of exactly rule 1's shape, in its short form; false (nothing
 * written) for any other. */
bool jnl_short1_write(struct jsonw *w, const cJSON *res, const char *qid, int qv);
/* The result object a rule 1 short result stands for, or NULL (*what says
 * what was expected; NULL when out of memory). */
cJSON *jnl_short1_decode(const cJSON *a, const struct journal_session *s, const char **what);

/* export_line.c: a session of an export straight from its stored line.
 * _ok reads and checks s's line when it has the form ladder writes (false:
 * read it the long way, jnl_body_get); jnl_export_line then writes it, as
 * an element of the array w is in, as jnl_write_session would (pretty). jnl_export_fast false: always the long way (for
 * the tests that compare the two). */
extern bool jnl_export_fast;
/* At the start of each export. */
void jnl_export_line_begin(void);
bool jnl_export_line_ok(const struct journal *j, const struct journal_session *s);
void jnl_export_line(struct jsonw *w, const struct journal *j,
	const struct journal_session *s, const char *id, bool anonymous);
/* A transition of the export (the sessions' ids as the export gives
 * them) written as export.c writes it through jsonw, an element of the
 * array w is in; false (nothing written) for anything that would not be
 * written the same (then export.c writes it), or when jnl_export_fast is
 * false. */
bool jnl_export_transition(struct jsonw *w, const struct journal_transition *t,
	const char *from_id, const char *to_id, bool anonymous);

/* journal_idset.c */
bool jnl_idset_init(struct idset *set, size_t cap);
void jnl_idset_finish(struct idset *set);
bool jnl_idset_has(const struct idset *set, const char *id);
bool jnl_idset_add(struct idset *set, const char *id);

/* journal_read.c: the checks of sessions and notes (from the journal or
 * an import), version 1 and the first line of version 2 */
bool jnl_rd_fail(const struct reader *r, const cJSON *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const cJSON *jnl_rd_get(const struct reader *r, const cJSON *obj, const char *key,
	int type, bool nullable, const char *what);
bool jnl_rd_answers(const struct reader *r, const cJSON *a, const char *what);
bool jnl_rd_result(const struct reader *r, const cJSON *res, enum stage *stage);
struct journal *jnl_rd_content(const struct reader *r, const cJSON *root, bool anonymous);
struct journal *jnl_parse_root(const struct reader *r, const cJSON *root, int version);
struct journal *jnl_parse_text(const char *name, const unsigned char *plain, size_t len,
	struct secret *keep, struct ladder_error *err);

/* journal_read_v2.c */
struct journal *jnl_parse_v2(const struct reader *r, const char *text, size_t len);

/* journal_body.c */
void jnl_body_finish(struct body *b);
bool jnl_body_get(const struct journal *j, const struct journal_session *s,
	struct body *b, struct ladder_error *err);
