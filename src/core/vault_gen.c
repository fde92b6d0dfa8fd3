/* Generations: each save is numbered, so that an older copy put in
 * the journal's place is noticed (the newest seen is kept in a state
 * file). */
#include "ladder/vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ladder/genstate.h"
#include "ladder/paths.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "vault_impl.h"

/* Where the newest generation seen of each journal is kept; NULL: not
 * kept (tests, fuzz targets). */
static char *state_file;

void
vault_state_file_set(const char *path)
{
	free(state_file);
	state_file = path != NULL ? str_dup(path) : NULL;
}

/* Records the journal's generation as the newest seen (when a state file
 * is set); a failure is a warning, never a failure of the journal. */
void
vlt_record_generation(struct vault *v)
{
	static const unsigned char zero[GENSTATE_ID_LEN];
	if (state_file == NULL || memcmp(v->jid, zero, GENSTATE_ID_LEN) == 0) {
		return;
	}
	struct ladder_error e = {0};
	struct genstate *st = NULL;
	const struct genstate_entry *en;
	if (!genstate_load(state_file, &st, &e) ||
		((en = genstate_find(st, v->real)) != NULL &&
			memcmp(en->id, v->jid, GENSTATE_ID_LEN) == 0 &&
			en->generation >= v->generation) ||
		!genstate_put(st, v->real, v->jid, v->generation, time_now()) ||
		!genstate_save(state_file, st, &e)) {
		if (e.msg[0] != '\0' && v->warning[0] == '\0') {
			snprintf(v->warning, sizeof(v->warning), "the newest generation "
				"of the journal could not be recorded, so an older copy "
				"put in its place would go unnoticed: %.300s", e.msg);
		}
	}
	genstate_destroy(st);
}

/* After an open: is this an older generation than the newest seen here? */
void
vlt_check_generation(struct vault *v)
{
	static const unsigned char zero[GENSTATE_ID_LEN];
	if (state_file == NULL || memcmp(v->jid, zero, GENSTATE_ID_LEN) == 0) {
		return;
	}
	struct ladder_error e = {0};
	struct genstate *st = NULL;
	if (!genstate_load(state_file, &st, &e)) {
		snprintf(v->warning, sizeof(v->warning), "%.400s; an older copy of the "
			"journal put in its place would go unnoticed until that file "
			"is mended or removed", e.msg);
		return;
	}
	const struct genstate_entry *en = genstate_find(st, v->real);
	if (en != NULL && memcmp(en->id, v->jid, GENSTATE_ID_LEN) == 0 &&
		en->generation > v->generation) {
		v->older = true;
		v->newest_seen = en->generation;
		v->newest_seen_at = en->seen_at;
	}
	genstate_destroy(st);
	if (!v->older) {
		vlt_record_generation(v);
	}
}

bool
vault_older(const struct vault *v, uint64_t *generation, uint64_t *newest,
	int64_t *seen_at)
{
	if (v == NULL || !v->older || v->accept_older) {
		return false;
	}
	*generation = v->generation;
	*newest = v->newest_seen;
	*seen_at = v->newest_seen_at;
	return true;
}

void
vault_accept_older(struct vault *v)
{
	v->accept_older = true;
}

/* The generation of the next save: past the newest seen, so that a save
 * over an older copy (accepted) is newer than anything seen before. */
uint64_t
vlt_next_generation(const struct vault *v)
{
	return (v->older && v->newest_seen > v->generation ? v->newest_seen
							 : v->generation) + 1;
}

bool
vlt_refuse_older(const struct vault *v, struct ladder_error *err)
{
	if (!v->older || v->accept_older) {
		return true;
	}
	char at[TIME_RFC3339_LEN];
	time_format_rfc3339(v->newest_seen_at, at);
	return error_set(err, LADDER_FAIL, "%s: not saved: this is generation "
		"%llu of the journal, older than generation %llu seen here on %s, "
		"so what was saved since would be lost for good; give "
		"--accept-older to save over it anyway", v->path,
		(unsigned long long)v->generation,
		(unsigned long long)v->newest_seen, at);
}
