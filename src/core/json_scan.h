#pragma once
/* The strict RFC 8259 scanner behind json.c. Not API.
 *
 * One pass over the text checks it and, when asked, builds the cJSON tree
 * at the same time into an arena that the document owns: the text is read
 * once, the nodes cost no malloc each, and the whole tree is wiped and
 * freed at once. The same scanner walks the text again alongside a tree to
 * find a node's position (errors are rare, so the tree keeps none). */
#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#define JSON_MAX_DEPTH 512

/* Blocks of memory for one document's nodes and strings. */
struct json_arena;

struct scanner {
	const char *s;
	size_t len;
	size_t i;
	int depth;
	/* error */
	size_t err_off;
	const char *err_msg;
	/* the node whose position is wanted (walk alongside the tree) */
	const cJSON *target;
	bool found;
	size_t found_value, found_key;
	/* non-NULL: build the tree into this arena */
	struct json_arena **arena;
	char decimal_point; /* of the C library's locale, for strtod */
};

bool json_scan_fail(struct scanner *sc, size_t off, const char *msg);
void json_scan_ws(struct scanner *sc);
/* Scans the value at sc->i. node: the tree's node for this value when
 * walking alongside a tree (else NULL); key_off: where its member name
 * starts (SIZE_MAX: none). With sc->arena set, *out is the built node. */
bool json_scan_value(struct scanner *sc, const cJSON *node, size_t key_off,
	cJSON **out);

/* Wipes and frees every block (a is NULL after). */
void json_arena_free(struct json_arena **a);
