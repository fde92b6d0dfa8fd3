/* Exports (ladder(1), export; data/schema/export.schema.json) of a journal in memory or straight from
 * its plaintext, and imports of full exports. */
#include "ladder/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/jsonread.h"

/* --- export and import --- */

static bool
exported(const struct export_options *o, const struct journal_session *s)
{
	return (o->questionnaire == NULL || strcmp(o->questionnaire, s->questionnaire) == 0) &&
		(!o->has_since || s->completed_at >= o->since);
}

/* The export of j into w. */
static bool
export_into(const struct journal *j, const struct export_options *o,
	struct jsonw *w, struct ladder_error *err)
{
	bool *keep = calloc(j->n_sessions ? j->n_sessions : 1, sizeof(bool));
	char (*ids)[UUID_STR_LEN] = calloc(j->n_sessions ? j->n_sessions : 1, UUID_STR_LEN);
	struct journal_transition *tr = NULL;
	bool ok = false;
	if (keep == NULL || ids == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	jnl_export_line_begin();
	jsonw_open(w, '{');
	jsonw_member(w, "format");
	jsonw_string(w, "ladder-export");
	jsonw_member(w, "format_version");
	jsonw_number(w, 1);
	jnl_write_time(w, "exported_at", time_now(), o->anonymous);
	jsonw_member(w, "anonymous");
	jsonw_bool(w, o->anonymous);
	jsonw_member(w, "sessions");
	jsonw_open(w, '[');
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		keep[i] = exported(o, s);
		if (!keep[i]) {
			continue;
		}
		if (o->anonymous) {
			uuid_generate(ids[i]);
		} else {
			memcpy(ids[i], s->id, UUID_STR_LEN);
		}
		/* straight from its stored line when it has the usual form;
		 * else read (and checked) the long way */
		if (jnl_export_line_ok(j, s)) {
			jnl_export_line(w, j, s, ids[i], o->anonymous);
			continue;
		}
		struct body b;
		if (!jnl_body_get(j, s, &b, err)) {
			goto out;
		}
		jsonw_element(w);
		jnl_write_session(w, s, &b, ids[i], o->anonymous);
		jnl_body_finish(&b);
	}
	jsonw_close(w);
	jsonw_member(w, "notes");
	jsonw_open(w, '[');
	for (size_t i = 0; !o->anonymous && i < j->n_notes; i++) {
		if (o->has_since && j->notes[i].at < o->since) {
			continue;
		}
		jsonw_element(w);
		jnl_write_note(w, &j->notes[i]);
	}
	jsonw_close(w);
	size_t n = jnl_transitions_of(j, o->questionnaire, keep, &tr);
	if (n == (size_t)-1) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	jsonw_member(w, "transitions");
	jsonw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		size_t fi = (size_t)(tr[i].from - j->sessions);
		size_t ti = (size_t)(tr[i].to - j->sessions);
		if (jnl_export_transition(w, &tr[i], ids[fi], ids[ti], o->anonymous)) {
			continue; /* written straight */
		}
		jsonw_element(w);
		jsonw_open(w, '{');
		jsonw_member(w, "questionnaire");
		jsonw_string(w, tr[i].to->questionnaire);
		jnl_write_stage(w, "from", tr[i].from->stage);
		jnl_write_stage(w, "to", tr[i].to->stage);
		jsonw_member(w, "from_session");
		jsonw_string(w, ids[fi]);
		jsonw_member(w, "to_session");
		jsonw_string(w, ids[ti]);
		jnl_write_time(w, "at", tr[i].to->completed_at, o->anonymous);
		jsonw_member(w, "repeat");
		jsonw_bool(w, tr[i].to->repeat);
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_close(w);
	jsonw_raw(w, "\n", 1);
	ok = true;
out:
	free(tr);
	free(ids);
	free(keep);
	return ok;
}

/* Sessions of o's questionnaire (any when none) in j. */
static size_t
matched(const struct journal *j, const struct export_options *o)
{
	size_t n = 0;
	for (size_t i = 0; i < j->n_sessions; i++) {
		n += o->questionnaire == NULL ||
			strcmp(o->questionnaire, j->sessions[i].questionnaire) == 0;
	}
	return n;
}

static bool
write_sink(const struct export_sink *sink, const void *bytes, size_t len)
{
	if (sink->kind == EXPORT_TO_FILE) {
		return fwrite(bytes, 1, len, sink->file) == len;
	}
	return sink->write(sink->ctx, bytes, len);
}

static bool
write_piece(void *ctx, const void *bytes, size_t len)
{
	return write_sink(ctx, bytes, len);
}

bool
export_run(const struct export_source *src, const struct export_options *o,
	struct export_sink *sink, struct ladder_error *err)
{
	sink->text = NULL;
	sink->matched = 0;
	/* a plaintext is read as a journal that only looks at it */
	struct journal *own = NULL;
	const struct journal *j = src->journal;
	if (j == NULL &&
		(j = own = jnl_parse_text(src->name, src->plain, src->len, NULL, err)) == NULL) {
		return false;
	}
	sink->matched = matched(j, o);
	errno = 0;
	struct jsonw w;
	bool whole = sink->whole || sink->kind == EXPORT_TO_MEMORY;
	if (whole) {
		/* in secret memory, with room at once for about what a plaintext
		 * gives (an export is some three and three quarter times it,
		 * pretty, with results in full): growing means copying it all */
		jsonw_init_secure(&w, true);
		jsonw_reserve(&w, src->size_hint * 4 + 4096);
	} else {
		jsonw_init_callback(&w, write_piece, sink, true);
	}
	bool ok = export_into(j, o, &w, err);
	if (!jsonw_finish(&w) && ok) {
		ok = error_set(err, LADDER_FAIL, whole ? "out of memory" : "cannot write the export: %s",
			errno ? strerror(errno) : "out of memory");
	}
	if (ok && whole) {
		if (sink->kind == EXPORT_TO_MEMORY) {
			/* the buffer itself becomes the secret: no copy */
			sink->text = calloc(1, sizeof(*sink->text));
			if (sink->text == NULL) {
				ok = error_set(err, LADDER_FAIL, "out of memory");
			} else {
				sink->text->data = (unsigned char *)w.buf;
				sink->text->len = w.len;
				w.buf = NULL;
			}
		} else if (!write_sink(sink, w.buf, w.len)) {
			ok = error_set(err, LADDER_FAIL, "cannot write the export: %s",
				errno ? strerror(errno) : "the destination refused it");
		}
	}
	jsonw_release(&w);
	journal_destroy(own);
	return ok;
}

bool
import_merge(struct journal *j, const char *name, const char *text, size_t len,
	size_t *added, size_t *already, struct ladder_error *err)
{
	static const char *const keys[] = {"format", "format_version", "exported_at",
		"anonymous", "sessions", "notes", "transitions", NULL};
	struct json_doc doc;
	struct journal *in = NULL;
	struct idset have_s = {0}, have_n = {0};
	bool ok = false;
	*added = *already = 0;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return false;
	}
	struct reader r = {&doc, name, LADDER_FAIL, err};
	bool anonymous = false;
	if (!jr_format(&doc, "ladder-export", err) ||
		!jr_keys(&doc, doc.root, "the export", keys, err) ||
		!jr_bool(&doc, doc.root, "anonymous", true, "the export", &anonymous, err)) {
		goto out;
	}
	if (anonymous) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "anonymous"), err,
			"this is an anonymous export (for a facilitator's room view); import takes a full export made with 'ladder export'");
		goto out;
	}
	/* what import does not keep must still be what an export holds */
	const char *exported_at = NULL;
	const cJSON *transitions = NULL;
	int64_t t;
	if (!jr_string(&doc, doc.root, "exported_at", true, "the export", &exported_at, err) ||
		!jr_member(&doc, doc.root, "transitions", cJSON_Array, true, "the export", &transitions, err)) {
		goto out;
	}
	if (!time_parse(exported_at, &t)) {
		json_doc_fail(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "exported_at"), err,
			"\"exported_at\" of the export is \"%s\" (expected an RFC 3339 time such as 2026-11-26T10:30:00Z)",
			exported_at);
		goto out;
	}
	if ((in = jnl_rd_content(&r, doc.root, false)) == NULL) {
		goto out;
	}
	/* all valid: now merge; sessions and notes already present are kept
	 * as they are (the sets are sized for all ids: adding never fails) */
	if (!jnl_idset_init(&have_s, j->n_sessions + in->n_sessions) ||
		!jnl_idset_init(&have_n, j->n_notes + in->n_notes)) {
		error_set(err, LADDER_FAIL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		jnl_idset_add(&have_s, j->sessions[i].id);
	}
	for (size_t i = 0; i < j->n_notes; i++) {
		jnl_idset_add(&have_n, j->notes[i].id);
	}
	size_t new_s = 0, new_n = 0;
	for (size_t i = 0; i < in->n_sessions; i++) {
		new_s += !jnl_idset_has(&have_s, in->sessions[i].id);
	}
	for (size_t i = 0; i < in->n_notes; i++) {
		new_n += !jnl_idset_has(&have_n, in->notes[i].id);
	}
	/* reserve first so the merge itself cannot fail halfway */
	if (j->n_sessions + new_s > j->cap_sessions) {
		struct journal_session *ns = realloc(j->sessions, (j->n_sessions + new_s) * sizeof(*ns));
		if (ns == NULL) {
			error_set(err, LADDER_FAIL, "out of memory");
			goto out;
		}
		j->sessions = ns;
		j->cap_sessions = j->n_sessions + new_s;
	}
	if (j->n_notes + new_n > j->cap_notes) {
		struct journal_note *nn = realloc(j->notes, (j->n_notes + new_n) * sizeof(*nn));
		if (nn == NULL) {
			error_set(err, LADDER_FAIL, "out of memory");
			goto out;
		}
		j->notes = nn;
		j->cap_notes = j->n_notes + new_n;
	}
	for (size_t i = 0; i < in->n_sessions; i++) {
		if (jnl_idset_has(&have_s, in->sessions[i].id)) {
			(*already)++;
			continue;
		}
		jnl_idset_add(&have_s, in->sessions[i].id);
		jnl_insert_session(j, &in->sessions[i]);
		(*added)++;
	}
	for (size_t i = 0; i < in->n_notes; i++) {
		if (jnl_idset_has(&have_n, in->notes[i].id)) {
			(*already)++;
			continue;
		}
		jnl_idset_add(&have_n, in->notes[i].id);
		jnl_insert_note(j, &in->notes[i]);
		(*added)++;
	}
	ok = true;
out:
	jnl_idset_finish(&have_s);
	jnl_idset_finish(&have_n);
	journal_destroy(in);
	json_doc_finish(&doc);
	return ok;
}
