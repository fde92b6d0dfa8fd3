#include "ladder/importcheck.h"

#include <string.h>

#include "ladder/json.h"

static bool
has_item(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; i < q->n_items; i++) {
		if (strcmp(q->items[i].id, id) == 0) {
			return true;
		}
	}
	return false;
}

bool
import_check_answers(const char *name, const char *text, size_t len,
	const struct catalog *cat, struct ladder_error *err)
{
	struct json_doc doc;
	if (!json_doc_parse(&doc, name, text, len, err)) {
		return false;
	}
	bool ok = true;
	const cJSON *sessions = cJSON_GetObjectItemCaseSensitive(doc.root, "sessions");
	for (const cJSON *s = cJSON_IsArray(sessions) ? sessions->child : NULL;
		ok && s != NULL; s = s->next) {
		const cJSON *qref = cJSON_GetObjectItemCaseSensitive(s, "questionnaire");
		const cJSON *qid = cJSON_GetObjectItemCaseSensitive(qref, "id");
		const cJSON *qver = cJSON_GetObjectItemCaseSensitive(qref, "version");
		const cJSON *answers = cJSON_GetObjectItemCaseSensitive(s, "answers");
		if (!cJSON_IsString(qid) || !cJSON_IsNumber(qver) || !cJSON_IsObject(answers)) {
			continue; /* import_merge says what is wrong */
		}
		const struct questionnaire *q = cat != NULL ? catalog_find(cat, qid->valuestring) : NULL;
		if (q != NULL && (double)q->version != qver->valuedouble) {
			q = NULL;
		}
		size_t n = 0;
		for (const cJSON *a = answers->child; ok && a != NULL; a = a->next) {
			if (q != NULL && !has_item(q, a->string)) {
				ok = json_doc_fail(&doc, a, err,
					"answer to \"%.64s\", which questionnaire \"%s\" version %d does not have (expected only its items; nothing was imported)",
					a->string, q->id, q->version);
			} else if (q == NULL && ++n > IMPORT_MAX_ANSWERS) {
				ok = json_doc_fail(&doc, a, err,
					"more than %d answers in a session of questionnaire \"%.64s\" (expected at most that many when the questionnaire is not at hand to check them)",
					IMPORT_MAX_ANSWERS, qid->valuestring);
			}
		}
	}
	json_doc_finish(&doc);
	return ok;
}
