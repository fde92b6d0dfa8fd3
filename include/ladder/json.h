#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/error.h"

struct json_arena;

/* A parsed JSON document that keeps its text, so that errors found after
 * parsing can still say file:line:col. The tree lives in the document's
 * own memory: read it, never change, detach or cJSON_Delete its nodes
 * (cJSON_Duplicate makes a tree of one's own). json_doc_finish wipes it. */
struct json_doc {
	cJSON *root;
	struct json_arena *arena; /* the nodes and their strings */
	char *name; /* file name used in messages */
	char *text;
	size_t len;
	size_t start; /* where the value starts (after a byte order mark) */
};

/* Strict RFC 8259 parse with messages "NAME:LINE:COL: expected ...", in
 * one pass that checks the text and builds the tree. Strings hold no NUL
 * (\u0000 is refused) and no unpaired surrogate.
 * On failure doc is left empty (json_doc_finish is still safe). */
bool json_doc_parse(struct json_doc *doc, const char *name, const char *text,
	size_t len, struct ladder_error *err);
/* The same, taking text (malloc'd, len bytes and a NUL after them) as the
 * document's own: it is wiped and freed with the document, or at once when
 * the parse fails. Saves a copy of a file just read. */
bool json_doc_take(struct json_doc *doc, const char *name, char *text,
	size_t len, struct ladder_error *err);
/* Reads at most max_bytes from path (larger files are refused). */
bool json_doc_load_file(struct json_doc *doc, const char *path,
	size_t max_bytes, struct ladder_error *err);
void json_doc_finish(struct json_doc *doc);

/* Line and column (1-based) of the value node, or of its key when key is
 * true and the node is an object member. 0/0 when unknown. It walks the
 * text: for messages, not for every node. */
void json_doc_where(const struct json_doc *doc, const cJSON *node, bool key,
	int *line, int *col);
/* Sets err to "NAME:LINE:COL: <message>" for node and returns false. */
bool json_doc_fail(const struct json_doc *doc, const cJSON *node,
	struct ladder_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Checks the one value that starts at text[off] (after white space) as
 * strictly as json_doc_parse does, and sets *end just past it. False when
 * it is not a valid value. For walking a large document a piece at a
 * time. */
bool json_value_end(const char *text, size_t len, size_t off, size_t *end);

/* Line/column of a byte offset in text (1-based; columns count characters). */
void json_offset_to_linecol(const char *text, size_t off, int *line, int *col);

/* The node as JSON text indented by two spaces per level ("key": value),
 * with no final newline; DEL, C1 and bidirectional controls in strings
 * escaped (json_escape_control). Caller frees with free(); NULL when out
 * of memory. */
char *json_print(const cJSON *node);
