/* ladder forget SESSION-ID: removes one session from the journal. It is
 * saved twice, so that the backup (the previous generation) no longer
 * holds it either. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ladder/journal.h"
#include "ladder/store.h"
#include "ladder/timeutil.h"

static int
cmd_forget(const struct cli_global *g, const struct cli_args *a)
{
	const char *id = a->pos[0];
	if (strlen(id) < 8) {
		cli_error("\"%s\": give the session's id (at least its first 8 characters; 'ladder export' lists them)", id);
		return LADDER_USAGE;
	}
	struct store *s = NULL;
	int rc = cli_open_store(g, true, &s);
	if (rc != LADDER_OK) {
		return rc;
	}
	rc = LADDER_FAIL;
	struct ladder_error err;
	error_clear(&err);
	bool ambiguous;
	long i = journal_find_session_prefix(s->journal, id, &ambiguous);
	if (i < 0) {
		cli_error(ambiguous ? "\"%s\" is the start of more than one session's id; give more of it"
				    : "the journal has no session \"%s\"; nothing was changed", id);
		goto out;
	}
	char full[UUID_STR_LEN], questionnaire[80], date[TIME_DATE_LEN];
	const struct journal_session *se = &s->journal->sessions[i];
	memcpy(full, se->id, sizeof(full));
	snprintf(questionnaire, sizeof(questionnaire), "%s", se->questionnaire);
	time_format_date(se->completed_at, date);
	journal_forget_session(s->journal, (size_t)i);
	/* the second save makes the first the backup: the session is then in
	 * neither file */
	if (!store_save(s, &err) || !store_save(s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	printf("Forgot session %s of \"%s\" (%s); it is in neither the journal nor its backup.\n",
		full, cli_safe(questionnaire), date);
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
out:
	store_close(s);
	return rc;
}

const struct cli_command cli_cmd_forget = {"forget", cmd_forget, cli_no_opts, 1, 1, "forget SESSION-ID",
		"remove one session from the journal (and from its backup)"};
