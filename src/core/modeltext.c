#include "ladder/modeltext.h"

#include <stdlib.h>
#include <string.h>

#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/paths.h"
#include "ladder/util.h"

#define MODEL_MAX_BYTES ((size_t)1 << 20)

static const char *
str_member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

struct model_texts *
model_texts_load(const char *path, struct ladder_error *err)
{
	struct json_doc doc;
	struct model_texts *m = NULL;
	const cJSON *intro = NULL, *stages = NULL;
	if (!json_doc_load_file(&doc, path, MODEL_MAX_BYTES, err)) {
		return NULL;
	}
	if (!jr_format(&doc, "ladder-model", err) ||
		!jr_member(&doc, doc.root, "introduction", cJSON_Array, true,
			"the model", &intro, err) ||
		!jr_member(&doc, doc.root, "stages", cJSON_Object, true, "the model",
			&stages, err)) {
		goto fail;
	}
	const cJSON *p;
	cJSON_ArrayForEach(p, intro) {
		if (!cJSON_IsString(p)) {
			json_doc_fail(&doc, p, err, "expected a paragraph (a string) in \"introduction\"");
			goto fail;
		}
	}
	for (int s = 0; s < STAGE_COUNT; s++) {
		const char *id = stage_id((enum stage)(s + 1));
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(stages, id);
		if (!cJSON_IsObject(st)) {
			json_doc_fail(&doc, stages, err, "expected the stage \"%s\" in \"stages\"", id);
			goto fail;
		}
	}
	m = calloc(1, sizeof(*m));
	size_t n = (size_t)cJSON_GetArraySize(intro);
	if (m == NULL || (m->intro = calloc(n ? n : 1, sizeof(char *))) == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
		goto fail;
	}
	/* the document moves into m */
	m->doc = doc;
	memset(&doc, 0, sizeof(doc));
	m->root = m->doc.root;
	m->title = str_member(m->root, "title");
	if (m->title == NULL) {
		m->title = "The conscious competence ladder";
	}
	cJSON_ArrayForEach(p, intro) {
		m->intro[m->n_intro++] = p->valuestring;
	}
	for (int s = 0; s < STAGE_COUNT; s++) {
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(stages,
			stage_id((enum stage)(s + 1)));
		m->stages[s].name = str_member(st, "name");
		m->stages[s].short_text = str_member(st, "short");
		m->stages[s].description = str_member(st, "description");
		if (m->stages[s].name == NULL) {
			m->stages[s].name = stage_name((enum stage)(s + 1));
		}
		if (m->stages[s].short_text == NULL) {
			m->stages[s].short_text = "";
		}
		if (m->stages[s].description == NULL) {
			m->stages[s].description = "";
		}
	}
	json_doc_finish(&doc);
	return m;
fail:
	if (m != NULL) {
		free(m->intro);
		free(m);
	}
	json_doc_finish(&doc);
	return NULL;
}

struct model_texts *
model_texts_load_default(struct ladder_error *err)
{
	char *path = str_printf("%s/model.json", paths_data_dir());
	if (path == NULL) {
		error_set(err, LADDER_FAIL, "out of memory");
		return NULL;
	}
	struct model_texts *m = model_texts_load(path, err);
	free(path);
	return m;
}

void
model_texts_destroy(struct model_texts *m)
{
	if (m == NULL) {
		return;
	}
	json_doc_finish(&m->doc);
	free(m->intro);
	free(m);
}

const struct model_stage_text *
model_texts_stage(const struct model_texts *m, enum stage s)
{
	static const struct model_stage_text none = {"Not placed", "", ""};
	static struct model_stage_text names[STAGE_COUNT];
	if (s < STAGE_UNCONSCIOUS_INCOMPETENCE || s > STAGE_UNCONSCIOUS_COMPETENCE) {
		return &none;
	}
	if (m == NULL) { /* no texts: the names alone */
		names[s - 1] = (struct model_stage_text){stage_name(s), "", ""};
		return &names[s - 1];
	}
	return &m->stages[s - 1];
}

const char *
model_texts_example(const struct model_texts *m, const char *questionnaire,
	enum stage s, const char **title)
{
	const char *id = stage_id(s);
	const cJSON *ex = NULL;
	if (questionnaire != NULL) {
		ex = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(m->root, "questionnaire_examples"),
			questionnaire);
	}
	if (!cJSON_IsObject(ex)) {
		ex = cJSON_GetObjectItemCaseSensitive(m->root, "everyday_example");
	}
	*title = str_member(ex, "title");
	if (*title == NULL) {
		*title = "An example";
	}
	if (id == NULL) {
		return NULL;
	}
	return str_member(cJSON_GetObjectItemCaseSensitive(ex, "stages"), id);
}

static size_t
strings(const cJSON *arr, const char **out, size_t max)
{
	size_t n = 0;
	const cJSON *p;
	cJSON_ArrayForEach(p, arr) {
		if (cJSON_IsString(p)) {
			if (n < max) {
				out[n] = p->valuestring;
			}
			n++;
		}
	}
	return n;
}

size_t
model_texts_prompts(const struct model_texts *m, enum stage s,
	const char *questionnaire, const char **out, size_t max)
{
	const char *id = stage_id(s);
	const cJSON *rp = NULL;
	if (id != NULL) {
		rp = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(m->root, "stages"), id),
			"reflection_prompts");
	}
	size_t n = 0;
	if (questionnaire != NULL) {
		n = strings(cJSON_GetObjectItemCaseSensitive(rp, questionnaire), out, max);
	}
	if (n == 0) {
		n = strings(cJSON_GetObjectItemCaseSensitive(rp, "general"), out, max);
	}
	return n;
}
