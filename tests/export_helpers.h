#pragma once
/* The ways the tests take an export, each one call of export_run: the
 * text parsed back as a tree, a journal's export written to a FILE as it
 * is made, and a plaintext's export made whole and then written. */
#include <stdbool.h>
#include <stdio.h>

#include <cJSON.h>

#include "ladder/export.h"

/* NULL when out of memory or a session is damaged (err says which). */
static inline cJSON *
export_tree(const struct journal *j, const struct export_options *o,
	struct ladder_error *err)
{
	struct export_source src = export_source_journal(j);
	struct export_sink sink = export_to_memory();
	if (!export_run(&src, o, &sink, err)) {
		return NULL;
	}
	cJSON *root = cJSON_ParseWithLength((const char *)sink.text->data, sink.text->len);
	secret_destroy(sink.text);
	return root;
}

static inline bool
export_journal_to(const struct journal *j, const struct export_options *o,
	FILE *out, struct ladder_error *err)
{
	struct export_source src = export_source_journal(j);
	struct export_sink sink = export_to_file(out, false);
	return export_run(&src, o, &sink, err);
}

static inline bool
export_plain_to(const char *name, const unsigned char *plain, size_t len,
	const struct export_options *o, FILE *out, size_t *matched,
	struct ladder_error *err)
{
	struct export_source src = export_source_plain(name, plain, len);
	struct export_sink sink = export_to_file(out, true);
	bool ok = export_run(&src, o, &sink, err);
	if (matched != NULL) {
		*matched = sink.matched;
	}
	return ok;
}
