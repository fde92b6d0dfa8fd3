#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <cJSON.h>

/* A streaming JSON writer, for documents too large to build as a cJSON
 * tree first (exports, the journal's plaintext). Its output is byte for
 * byte what cJSON_PrintUnformatted() prints for the same tree or, pretty,
 * what json_print() prints: values are written in order, and the caller
 * says where each container's members start (jsonw_member, jsonw_element)
 * and end.
 *
 * The sink is a FILE or a function given the text in pieces (through a
 * staging area of 1 MiB in sodium_malloc memory), or a growing buffer (in
 * ordinary memory, or in sodium_malloc memory when secure);
 * when the buffer grows, the old copy is wiped before it is freed (the
 * journal's plaintext passes through it). Errors (out of memory, a failed
 * write) are sticky: check jsonw_finish. */
typedef bool (*jsonw_write_fn)(void *ctx, const void *bytes, size_t len);

struct jsonw {
	bool pretty;
	bool failed;
	bool secure;      /* the buffer is sodium_malloc'ed */
	jsonw_write_fn out; /* the sink, or NULL for the buffer */
	void *ctx;        /* out's */
	char *buf;        /* the buffer, or the sink's staging area */
	size_t len, cap;
	size_t high;      /* the most text the buffer held */
	/* per open container: does it have a member yet? */
	unsigned char *first;
	size_t depth, cap_depth;
};

void jsonw_init_file(struct jsonw *w, FILE *f, bool pretty);
void jsonw_init_buffer(struct jsonw *w, bool pretty);
/* The text handed to out in pieces (of about 1 MiB at most, more only for
 * a reservation larger than that); a false return fails the writer. */
void jsonw_init_callback(struct jsonw *w, jsonw_write_fn out, void *ctx,
	bool pretty);
/* A buffer in sodium_malloc memory (for text that holds secrets). */
void jsonw_init_secure(struct jsonw *w, bool pretty);
/* Flushes a FILE or function sink (not the FILE itself); false when
 * anything failed.
 * A buffer sink keeps its text in w->buf (NUL-terminated, w->len bytes)
 * for the caller to use before jsonw_release. */
bool jsonw_finish(struct jsonw *w);
/* Makes room for n more bytes at once (a hint for a buffer sink). */
void jsonw_reserve(struct jsonw *w, size_t n);
/* Frees (and wipes) the buffer. */
void jsonw_release(struct jsonw *w);

/* Containers: '{' or '['. */
void jsonw_open(struct jsonw *w, char c);
void jsonw_close(struct jsonw *w);
/* Starts a member of the innermost object: the separator, then the key. */
void jsonw_member(struct jsonw *w, const char *key);
/* Starts an element of the innermost array. */
void jsonw_element(struct jsonw *w);

void jsonw_string(struct jsonw *w, const char *s);
void jsonw_number(struct jsonw *w, double d);
void jsonw_bool(struct jsonw *w, bool b);
void jsonw_null(struct jsonw *w);
/* A whole cJSON value (and everything under it). */
void jsonw_node(struct jsonw *w, const cJSON *node);
/* Characters JSON allows in a string as they are, but that ladder writes
 * escaped so that no reader of its JSON meets them raw: DEL, the C1
 * controls (U+0080 to U+009F) and the bidirectional controls (U+061C,
 * U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069). At p (UTF-8, NUL-
 * terminated): how many bytes such a character takes (0: p is not one),
 * its escape ("\u" and four lower-case hex digits) in out. */
size_t json_escape_control(const unsigned char *p, char out[6]);

/* Bytes a JSON string cannot hold as they are (control characters, the
 * quote and the backslash) and the lead bytes of json_escape_control's
 * characters: 1 for each, 0 for the others. */
extern const unsigned char json_needs_escape[256];

/* Text as it is (for a final newline). */
void jsonw_raw(struct jsonw *w, const char *s, size_t n);
