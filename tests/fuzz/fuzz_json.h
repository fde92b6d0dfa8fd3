#pragma once
/* A differential check for the targets that read JSON: what the strict
 * one-pass reader (json_doc_parse) accepts, cJSON's own parser accepts as
 * the same tree. cJSON refuses numbers of more than 63 characters, which
 * the reader takes; such inputs are only checked to load. */
#include <string.h>

#include "fuzz.h"
#include "ladder/json.h"

static bool
fuzz_has_long_number(const uint8_t *data, size_t size)
{
	size_t run = 0;
	for (size_t i = 0; i < size; i++) {
		run = data[i] != '\0' && strchr("0123456789.eE+-", data[i]) != NULL ? run + 1 : 0;
		if (run >= 60) {
			return true;
		}
	}
	return false;
}

static void
fuzz_json_same_as_cjson(const uint8_t *data, size_t size)
{
	struct json_doc doc;
	struct ladder_error err = {0};
	if (!json_doc_parse(&doc, "fuzz.json", (const char *)data, size, &err)) {
		FUZZ_CHECK(err.msg[0] != '\0');
		return;
	}
	cJSON *ref = cJSON_ParseWithLength((const char *)data + doc.start, size - doc.start);
	if (ref == NULL) {
		FUZZ_CHECK(fuzz_has_long_number(data, size));
	} else {
		char *a = cJSON_PrintUnformatted(doc.root), *b = cJSON_PrintUnformatted(ref);
		FUZZ_CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
		cJSON_free(a);
		cJSON_free(b);
		cJSON_Delete(ref);
	}
	json_doc_finish(&doc);
}
