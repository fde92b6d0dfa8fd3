/* ladder export: the journal's content as JSON, straight from its
 * plaintext (old sessions scored again first), to a file through a
 * temporary one, or to standard output taken back on a failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/answers.h"
#include "ladder/export.h"
#include "ladder/filewrite.h"
#include "ladder/importcheck.h"
#include "ladder/journal.h"
#include "ladder/json.h"
#include "ladder/paths.h"
#include "ladder/rescore.h"
#include "ladder/score.h"
#include "ladder/sealed.h"
#include "ladder/secret.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "passphrase.h"

/* Opens the journal read-only as cli_open_store does, but only decrypts:
 * the export reads the plaintext a session at a time (export_run). */
static int
open_plain(const struct cli_global *g, struct vault **v, struct secret **plain)
{
	*v = NULL;
	*plain = NULL;
	char *path = NULL;
	struct secret *pass = NULL;
	int rc = cli_journal_credentials(g, &path, &pass);
	struct ladder_error err;
	error_clear(&err);
	if (rc == LADDER_OK && !vault_open(path, pass, false, v, plain, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
	} else if (rc == LADDER_OK) {
		cli_vault_warning(g, *v);
	}
	secret_destroy(pass);
	free(path);
	return rc;
}

/* Writes the export to path whole or not at all (the core's atomic write:
 * a temporary file, 0600 as exports hold private answers, then a rename),
 * as it is made. Returns the exit status. */
static int
export_file(const char *path, const struct export_source *src,
	const struct export_options *o, size_t *matched)
{
	struct ladder_error err;
	error_clear(&err);
	struct file_atomic *fa = file_atomic_begin(path, &err);
	if (fa == NULL) {
		cli_error("%s", err.msg);
		return LADDER_FAIL;
	}
	/* a signal must not leave the plaintext behind */
	bool guarded = tempguard_arm(file_atomic_temp(fa));
	struct export_sink sink = export_to_callback(file_atomic_write, fa, false);
	int rc = LADDER_OK;
	if (!guarded) {
		file_atomic_abort(fa, NULL);
		cli_error("%s: cannot write: %s", path, strerror(EIO));
		rc = LADDER_FAIL;
	} else if (!export_run(src, o, &sink, &err)) {
		rc = err.status == LADDER_DAMAGED ? cli_status(&err) : LADDER_FAIL;
		/* a failed write: the atomic writer says why */
		file_atomic_abort(fa, err.status == LADDER_DAMAGED ? NULL : &err);
		cli_error("%s", err.msg);
	} else if (!file_atomic_commit(fa, &err)) {
		cli_error("%s", err.msg);
		rc = LADDER_FAIL;
	}
	if (guarded) {
		tempguard_disarm();
	}
	*matched = sink.matched;
	return rc;
}

/* The export on standard output. Nothing of it may be left there when a
 * session turns out damaged: into a regular file it is written as it is
 * made and the file cut back to where it was on a failure; anywhere else
 * (a pipe, a terminal) it is made whole in memory first. */
static bool
export_stdout(const struct export_source *src, const struct export_options *o,
	size_t *matched, struct ladder_error *err)
{
	struct stat st;
	off_t at = -1;
	if (fflush(stdout) == 0 && fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
		int fl = fcntl(STDOUT_FILENO, F_GETFL);
		at = fl != -1 && (fl & O_APPEND) ? st.st_size : lseek(STDOUT_FILENO, 0, SEEK_CUR);
	}
	struct export_sink sink = export_to_file(stdout, at < 0);
	bool ok = export_run(src, o, &sink, err) && fflush(stdout) == 0;
	*matched = sink.matched;
	if (ok || at < 0) {
		return ok;
	}
	/* take back what was written (a failed fflush may leave some of it in
	 * the stream's buffer: it is dropped with the file's end) */
	fflush(stdout);
	if (ftruncate(STDOUT_FILENO, at) != 0 || lseek(STDOUT_FILENO, at, SEEK_SET) < 0) {
		if (err->status == LADDER_DAMAGED) {
			char why[sizeof(err->msg)];
			snprintf(why, sizeof(why), "%s", err->msg);
			error_set(err, LADDER_DAMAGED, "%s (and part of the export could not be removed from standard output: %s)",
				why, strerror(errno));
		}
	}
	return false;
}

/* -o must never name the journal, its backup or its lock: the plaintext
 * would replace the encrypted file. */
static int
export_guard(const struct cli_global *g, const char *out_path)
{
	char *journal = cli_journal_path(g);
	if (journal == NULL) {
		return LADDER_FAIL;
	}
	int rc = LADDER_OK;
	if (paths_is_journal_file(journal, out_path)) {
		cli_error("%s: that is the journal %s, its backup or its lock; the export would replace it with plain text. Choose another file", out_path, journal);
		rc = LADDER_FAIL;
	}
	free(journal);
	return rc;
}

enum { EXPORT_ANON, EXPORT_SINCE, EXPORT_QUESTIONNAIRE, EXPORT_OUTPUT, EXPORT_TO };

/* --to KEY: the public key line itself, or a file holding it (FILE.pub). */
static bool
read_public_key(const char *arg, unsigned char pk[SEALED_PK_LEN])
{
	struct ladder_error err;
	error_clear(&err);
	size_t prefix = strlen(SEALED_PUBLIC_PREFIX);
	bool ok;
	if (strncmp(arg, SEALED_PUBLIC_PREFIX, prefix) == 0) {
		ok = sealed_public_parse("--to", arg, strlen(arg), pk, &err);
	} else {
		char *text = NULL;
		size_t len = 0;
		ok = file_read(arg, 4096, &text, &len, &err) &&
			sealed_public_parse(arg, text, len, pk, &err);
		free(text);
	}
	if (!ok) {
		cli_error("%s", err.msg);
	}
	return ok;
}

/* The anonymous export's text in secret memory (export_run's memory
 * sink): the one place the sealed export is made (its plaintext is never
 * in ordinary memory as a whole text, nor on disk). */
static struct secret *
export_text_secret(const struct export_source *src, const struct export_options *o,
	size_t *matched, struct ladder_error *err)
{
	struct export_sink sink = export_to_memory();
	if (!export_run(src, o, &sink, err)) {
		return NULL;
	}
	*matched = sink.matched;
	return sink.text;
}

/* Seals the export for pk and writes it to out_path (or standard output)
 * whole or not at all. Returns the exit status. */
static int
export_sealed(const struct export_source *src, const struct export_options *o,
	const unsigned char pk[SEALED_PK_LEN], const char *out_path, size_t *matched)
{
	struct ladder_error err;
	error_clear(&err);
	unsigned char *box = NULL;
	size_t box_len = 0;
	struct secret *text = export_text_secret(src, o, matched, &err);
	bool ok = text != NULL && sealed_seal(pk, text->data, text->len, &box,
		&box_len, &err);
	secret_destroy(text);
	if (ok && out_path != NULL) {
		ok = file_write_atomic(out_path, box, box_len, &err);
	} else if (ok) {
		ok = fwrite(box, 1, box_len, stdout) == box_len && fflush(stdout) == 0;
		if (!ok) {
			error_set(&err, LADDER_FAIL, "cannot write to standard output");
		}
	}
	free(box);
	if (!ok) {
		cli_error("%s", err.msg);
		return cli_status(&err);
	}
	return LADDER_OK;
}

static int
cmd_export(const struct cli_global *g, const struct cli_args *a)
{
	int rc_guard;
	struct export_options o = {0};
	o.anonymous = cli_flag(a, EXPORT_ANON);
	o.questionnaire = cli_value(a, EXPORT_QUESTIONNAIRE);
	const char *since = cli_value(a, EXPORT_SINCE);
	if (since != NULL) {
		if (!time_parse(since, &o.since)) {
			cli_error("--since %s: expected a date such as 2026-01-31 (or an RFC 3339 time)", since);
			return LADDER_USAGE;
		}
		o.has_since = true;
	}
	const char *out_path = cli_value(a, EXPORT_OUTPUT);
	bool to_file = out_path != NULL && strcmp(out_path, "-") != 0;
	const char *to = cli_value(a, EXPORT_TO);
	unsigned char pk[SEALED_PK_LEN];
	if (to != NULL && !o.anonymous) {
		cli_error("--to seals anonymous exports only: add --anonymous (a full "
			"export holds your answers and notes, for your own journal)");
		return LADDER_USAGE;
	}
	if (to != NULL && !to_file && isatty(STDOUT_FILENO)) {
		cli_error("a sealed export is binary: write it with -o FILE");
		return LADDER_USAGE;
	}
	if (to != NULL && !read_public_key(to, pk)) {
		return LADDER_FAIL;
	}
	if (to_file && (rc_guard = export_guard(g, out_path)) != LADDER_OK) {
		return rc_guard;
	}
	struct vault *v = NULL;
	struct secret *plain = NULL;
	int rc = open_plain(g, &v, &plain);
	if (rc != LADDER_OK) {
		return rc;
	}
	size_t matched = 0;
	struct ladder_error err;
	error_clear(&err);
	/* sessions of an earlier scoring rule as the other commands show them;
	 * a journal that does not read is reported by the export itself */
	struct catalog *cat = cli_catalog(g);
	struct journal *view = NULL; /* the plaintext as read for that, kept */
	if (cat == NULL || (!journal_plain_rescore(vault_path(v), &plain, cat, &view, &err) &&
		err.status != LADDER_DAMAGED)) {
		cli_error("%s", cat == NULL ? "out of memory" : err.msg);
		catalog_destroy(cat);
		secret_destroy(plain);
		vault_close(v);
		return LADDER_FAIL;
	}
	catalog_destroy(cat);
	error_clear(&err);
	struct export_source src = view != NULL ? export_source_journal(view) :
		export_source_plain(vault_path(v), plain->data, plain->len);
	src.size_hint = plain->len;
	if (to != NULL) {
		rc = export_sealed(&src, &o, pk, to_file ? out_path : NULL, &matched);
	} else if (to_file) {
		rc = export_file(out_path, &src, &o, &matched);
	} else if (export_stdout(&src, &o, &matched, &err)) {
		rc = LADDER_OK;
	} else if (err.status == LADDER_DAMAGED) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
	} else {
		cli_error("cannot write to standard output");
		rc = LADDER_FAIL;
	}
	if (rc == LADDER_OK && o.questionnaire != NULL && matched == 0) {
		cli_warn("the journal has no session of \"%s\"; the export holds notes only", o.questionnaire);
	}
	if (rc == LADDER_OK && to_file) {
		fprintf(stderr, "ladder: wrote %s%s\n", cli_safe(out_path),
			to != NULL ? " (anonymous, sealed for the facilitator's key)" :
			o.anonymous ? " (anonymous)" : "");
	}
	journal_destroy(view);
	secret_destroy(plain);
	vault_close(v);
	return rc;
}

static const struct cli_opt export_opts[] = {
	[EXPORT_ANON] = {"anonymous", 0, false, false},
	[EXPORT_SINCE] = {"since", 0, true, false},
	[EXPORT_QUESTIONNAIRE] = {"questionnaire", 0, true, false},
	[EXPORT_OUTPUT] = {"output", 'o', true, false},
	[EXPORT_TO] = {"to", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_export = {"export", cmd_export, export_opts, 0, 0,
		"export [--anonymous [--to KEY]] [--since DATE] [--questionnaire ID] [-o FILE]",
		"write the journal's content as JSON (anonymous: for a facilitator; "
		"--to KEY: sealed for the facilitator's public key)"};
