#pragma once
/* Exports (ladder-export documents, data/schema/export.schema.json;
 * ladder(1), export) through one entry point, export_run: a source (a
 * journal in memory, or a journal's plaintext read where it is) written to
 * a sink (a FILE, secret memory, or a function). And imports of full
 * exports (import_merge). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ladder/error.h"
#include "ladder/journal.h"
#include "ladder/secret.h"

struct export_options {
	bool anonymous;
	bool has_since;
	int64_t since;             /* sessions completed and notes written at or after */
	const char *questionnaire; /* NULL: all */
};

/* What is exported. A journal in memory: sessions not loaded are read for
 * the export and not kept. A plaintext (a vault's, as vault_open gives
 * it): read where it is, one session at a time, nothing of it copied or
 * kept; it is checked as journal_parse and journal_session_load would
 * check it (LADDER_DAMAGED naming the session). */
struct export_source {
	const struct journal *journal; /* or NULL: the plaintext below */
	const char *name;              /* the journal's file, for messages */
	const unsigned char *plain;
	size_t len;
	size_t size_hint; /* about how long the journal's plaintext is (0: not
	                   * known): room for the whole export is made at once */
};

static inline struct export_source
export_source_journal(const struct journal *j)
{
	return (struct export_source){.journal = j};
}

static inline struct export_source
export_source_plain(const char *name, const unsigned char *plain, size_t len)
{
	return (struct export_source){.name = name, .plain = plain, .len = len,
		.size_hint = len};
}

/* Given the text in pieces, in order; false fails the export (err then
 * says the export could not be written). */
typedef bool (*export_write_fn)(void *ctx, const void *bytes, size_t len);

enum export_sink_kind {
	EXPORT_TO_FILE,     /* file */
	EXPORT_TO_MEMORY,   /* text, in sodium_malloc memory */
	EXPORT_TO_CALLBACK, /* write(ctx, ...) */
};

/* Where the text goes. A FILE or function sink gets it as it is made
 * (then a damaged session leaves part of it written: for a destination
 * the caller can take back), or, whole, made in secret memory first and
 * written only once every session read. The memory sink always holds the
 * whole text: sink.text (the caller's to secret_destroy) is set on
 * success only; it is what a sealed export seals. */
struct export_sink {
	enum export_sink_kind kind;
	bool whole;
	FILE *file;
	export_write_fn write;
	void *ctx;
	/* out */
	struct secret *text;   /* EXPORT_TO_MEMORY: the export, NUL-terminated */
	size_t matched;        /* sessions of the options' questionnaire (of any
	                        * when none) in the journal, whatever the other
	                        * options say */
};

static inline struct export_sink
export_to_file(FILE *f, bool whole)
{
	return (struct export_sink){.kind = EXPORT_TO_FILE, .whole = whole, .file = f};
}

static inline struct export_sink
export_to_memory(void)
{
	return (struct export_sink){.kind = EXPORT_TO_MEMORY, .whole = true};
}

static inline struct export_sink
export_to_callback(export_write_fn write, void *ctx, bool whole)
{
	return (struct export_sink){.kind = EXPORT_TO_CALLBACK, .whole = whole,
		.write = write, .ctx = ctx};
}

/* The export of src under o into sink: the pretty JSON text and a final
 * newline. False when out of memory, the source is damaged (LADDER_DAMAGED,
 * naming the session) or a write failed (err says which). */
bool export_run(const struct export_source *src, const struct export_options *o,
	struct export_sink *sink, struct ladder_error *err);

/* Merges a full export into j by session (and note) id: what is already
 * there is left alone. Nothing changes unless the whole file is valid.
 * Errors name the file, line and column. */
bool import_merge(struct journal *j, const char *name, const char *text,
	size_t len, size_t *added, size_t *already, struct ladder_error *err);
