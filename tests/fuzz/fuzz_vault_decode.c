/* A whole journal decode with a fixed test key: the file is checked,
 * decrypted and its plaintext parsed into a journal, which must serialise
 * and parse again. journal_parse reads only the start of each session's
 * line; journal_verify reads the rest. `ladder export` (export_run from the
 * plaintext, each session written straight from its line when it can be)
 * must accept what those two accept, refuse what they refuse, and write
 * the same export as the journal's sessions read through cJSON trees (the
 * line writer off); and every session written anew from what was read
 * (not copied) must give a journal with the same export.
 *
 * An input that begins with the journal's signature is a whole file (the
 * seeds were sealed under FUZZ_KEY by vault_seal_with_key); mutations of
 * it exercise the header checks and the authentication. Any other input is
 * a plaintext: it is sealed under FUZZ_KEY first and then decoded, so the
 * fuzzer reaches the plaintext parser through the real decode path. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/core/journal_impl.h"
#include "../export_helpers.h"
#include "ladder/export.h"
#include "ladder/journal.h"
#include "ladder/vault.h"

/* 32 bytes: "ladder fuzz key, tests only....." */
static const unsigned char FUZZ_KEY[VAULT_KEY_LEN] = "ladder fuzz key, tests only....";

/* export_plain's text, or NULL when it refused (then err says why). */
static char *
plain_export(const struct secret *plain, const struct export_options *o,
	struct ladder_error *err)
{
	char *buf = NULL;
	size_t len = 0, matched = 0;
	FILE *f = open_memstream(&buf, &len);
	FUZZ_CHECK(f != NULL);
	bool ok = export_plain_to("fuzz.ladder", plain->data, plain->len, o, f, &matched, err);
	FUZZ_CHECK(fclose(f) == 0);
	if (!ok) {
		FUZZ_CHECK(len == 0);
		free(buf);
		return NULL;
	}
	return buf;
}

static void
same_export(const struct journal *j, const struct secret *plain,
	const struct export_options *o)
{
	struct ladder_error err = {0};
	char *fast = plain_export(plain, o, &err);
	if (fast == NULL) {
		fprintf(stderr, "the export refuses what journal_parse took: %s\n", err.msg);
		abort();
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	jnl_export_fast = false; /* the long way, to compare */
	bool ok = f != NULL && export_journal_to(j, o, f, NULL);
	jnl_export_fast = true;
	FUZZ_CHECK(ok && fclose(f) == 0);
	FUZZ_CHECK(strcmp(fast, buf) == 0);
	free(buf);
	free(fast);
}

/* Every session loaded and written anew: the export is the same. */
static void
rewritten(struct journal *j, const struct export_options *o)
{
	struct ladder_error err = {0};
	struct secret *before = journal_serialize(j, &err);
	FUZZ_CHECK(before != NULL);
	for (size_t i = 0; i < j->n_sessions; i++) {
		struct journal_session *s = &j->sessions[i];
		FUZZ_CHECK(journal_session_load(j, s, &err));
		char *note = s->note ? strdup(s->note) : NULL;
		FUZZ_CHECK(journal_session_set_note(j, s, note, &err) && s->text == NULL);
		free(note);
	}
	struct secret *after = journal_serialize(j, &err);
	FUZZ_CHECK(after != NULL);
	struct journal *k = journal_parse("after", after->data, after->len, &err);
	if (k == NULL || !journal_verify(k, &err)) {
		fprintf(stderr, "sessions written anew do not read back: %s\n", err.msg);
		abort();
	}
	char *x = NULL, *y = NULL;
	size_t xl = 0, yl = 0;
	FILE *f = open_memstream(&x, &xl);
	FUZZ_CHECK(f != NULL && export_journal_to(j, o, f, NULL) && fclose(f) == 0);
	f = open_memstream(&y, &yl);
	FUZZ_CHECK(f != NULL && export_journal_to(k, o, f, NULL) && fclose(f) == 0);
	FUZZ_CHECK(strcmp(x, y) == 0);
	free(x);
	free(y);
	journal_destroy(k);
	secret_destroy(after);
	secret_destroy(before);
}

static void
parse_plain(const struct secret *plain)
{
	struct ladder_error err = {0};
	/* one clock for both exports' "exported_at" */
	setenv("LADDER_NOW", "2026-11-26T10:30:00Z", 0);
	struct journal *j = journal_parse("fuzz.ladder", plain->data, plain->len, &err);
	if (j == NULL) {
		FUZZ_CHECK(err.status != 0 && err.msg[0] != '\0');
		struct export_options all = {0};
		char *fast = plain_export(plain, &all, &err);
		FUZZ_CHECK(fast == NULL && err.status == LADDER_DAMAGED);
		return;
	}
	struct export_options all = {0}, some = {.has_since = true,
		.since = 1767225600, .questionnaire = "cultural"};
	if (!journal_verify(j, &err)) {
		FUZZ_CHECK(err.status == LADDER_DAMAGED && err.msg[0] != '\0');
		char *fast = plain_export(plain, &all, &err);
		FUZZ_CHECK(fast == NULL && err.status == LADDER_DAMAGED);
		journal_destroy(j);
		return;
	}
	same_export(j, plain, &all);
	same_export(j, plain, &some);
	rewritten(j, &all);
	struct secret *again = journal_serialize(j, &err);
	FUZZ_CHECK(again != NULL);
	struct journal *k = journal_parse("again", again->data, again->len, &err);
	if (k == NULL) {
		fprintf(stderr, "a parsed journal does not parse again: %s\n", err.msg);
		abort();
	}
	FUZZ_CHECK(k->n_sessions == j->n_sessions && k->n_notes == j->n_notes &&
		k->n_unfinished == j->n_unfinished);
	struct secret *third = journal_serialize(k, &err);
	FUZZ_CHECK(third != NULL && third->len == again->len &&
		memcmp(third->data, again->data, again->len) == 0);
	secret_destroy(third);
	journal_destroy(k);
	secret_destroy(again);
	journal_destroy(j);
}

int
fuzz_vault_decode(const uint8_t *data, size_t size)
{
	struct ladder_error err = {0};
	struct secret *plain = NULL;
	unsigned char *image = NULL;
	size_t image_len = 0;
	const unsigned char *file = data;
	size_t file_len = size;
	bool sealed_here = size < VAULT_MAGIC_LEN ||
		memcmp(data, VAULT_MAGIC, VAULT_MAGIC_LEN) != 0;
	if (sealed_here) {
		FUZZ_CHECK(vault_seal_with_key(FUZZ_KEY, data, size, &image, &image_len, &err));
		file = image;
		file_len = image_len;
	}
	if (!vault_decode("fuzz.ladder", file, file_len, FUZZ_KEY, &plain, &err)) {
		FUZZ_CHECK(!sealed_here);
		FUZZ_CHECK(err.status == LADDER_DAMAGED && plain == NULL);
		free(image);
		return 0;
	}
	if (sealed_here) {
		FUZZ_CHECK(plain->len == size && memcmp(plain->data, data, size) == 0);
	}
	parse_plain(plain);
	secret_destroy(plain);
	free(image);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_vault_decode(data, size);
}
#endif
