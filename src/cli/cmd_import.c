/* ladder import FILE: merges an export into the journal by session id. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/importcheck.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/store.h"
#include "ladder/util.h"

#define IMPORT_MAX_BYTES ((size_t)512 << 20)

static int
cmd_import(const struct cli_global *g, const struct cli_args *a)
{
	char *text = NULL;
	size_t len = 0, added = 0, already = 0;
	struct store *s = NULL;
	struct ladder_error err;
	error_clear(&err);
	int rc = LADDER_FAIL;
	struct journal *probe = journal_create();
	struct catalog *cat = cli_catalog(g);
	/* check the file fully before asking for the passphrase */
	if (probe == NULL || cat == NULL ||
		!file_read(a->pos[0], IMPORT_MAX_BYTES, &text, &len, &err) ||
		!import_merge(probe, a->pos[0], text, len, &added, &already, &err) ||
		!import_check_answers(a->pos[0], text, len, cat, &err)) {
		cli_error("%s", probe && cat ? err.msg : "out of memory");
		cli_error("nothing was imported; the journal is unchanged");
		goto out;
	}
	if ((rc = cli_open_store(g, true, &s)) != LADDER_OK) {
		goto out;
	}
	rc = LADDER_FAIL;
	size_t sessions_before = s->journal->n_sessions, notes_before = s->journal->n_notes;
	if (!import_merge(s->journal, a->pos[0], text, len, &added, &already, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	size_t new_sessions = s->journal->n_sessions - sessions_before;
	size_t new_notes = s->journal->n_notes - notes_before;
	if (added > 0 && !store_save(s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	printf("Imported %zu new session%s and %zu note%s from %s (%zu already in the journal).\n",
		new_sessions, new_sessions == 1 ? "" : "s", new_notes,
		new_notes == 1 ? "" : "s", a->pos[0], already);
	rc = LADDER_OK;
out:
	catalog_destroy(cat);
	journal_destroy(probe);
	store_close(s);
	free(text);
	return rc;
}

const struct cli_command cli_cmd_import = {"import", cmd_import, cli_no_opts, 1, 1, "import FILE",
		"merge an export into the journal (by session id)"};
