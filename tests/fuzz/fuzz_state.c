/* The state file that remembers the newest generation seen of each journal
 * ($XDG_STATE_HOME/ladder/generations.json, genstate.h): anything is
 * refused with a message or parses, and what parsed writes out to a text
 * that parses again to the same entries. */
#include "fuzz.h"

#include <string.h>

#include "ladder/genstate.h"

int
fuzz_state(const uint8_t *data, size_t size)
{
	struct genstate *s = NULL;
	struct ladder_error err = {0};
	if (!genstate_parse("state.json", (const char *)data, size, &s, &err)) {
		FUZZ_CHECK(s == NULL && err.status != 0 && err.msg[0] != '\0');
		return 0;
	}
	char *text = genstate_text(s);
	FUZZ_CHECK(text != NULL);
	struct genstate *t = NULL;
	if (!genstate_parse("again.json", text, strlen(text), &t, &err)) {
		fprintf(stderr, "the state written does not read back: %s\n", err.msg);
		abort();
	}
	FUZZ_CHECK(t->n == s->n);
	for (size_t i = 0; i < s->n; i++) {
		const struct genstate_entry *a = &s->entries[i], *b = &t->entries[i];
		FUZZ_CHECK(strcmp(a->path, b->path) == 0);
		FUZZ_CHECK(memcmp(a->id, b->id, GENSTATE_ID_LEN) == 0);
		FUZZ_CHECK(a->generation == b->generation && a->seen_at == b->seen_at);
	}
	genstate_destroy(t);
	genstate_destroy(s);
	free(text);
	return 0;
}

#ifndef FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_state(data, size);
}
#endif
