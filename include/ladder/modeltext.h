#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "ladder/error.h"
#include "ladder/json.h"
#include "ladder/model.h"

/* The texts that explain the model (data/model.json, format
 * "ladder-model"): the introduction, an everyday example and one per
 * questionnaire, and for each stage its name, a short line, a description
 * and reflection prompts. Pointers returned are owned by the struct. */

struct model_stage_text {
	const char *name;        /* "Unconscious incompetence" */
	const char *short_text;  /* "I don't know what I don't know." */
	const char *description;
};

struct model_texts {
	struct json_doc doc; /* the file; the texts point into its tree */
	const cJSON *root;
	const char *title;
	const char **intro; /* paragraphs */
	size_t n_intro;
	struct model_stage_text stages[STAGE_COUNT]; /* index = stage - 1 */
};

/* Loads and checks the file; errors name it with line and column. */
struct model_texts *model_texts_load(const char *path, struct ladder_error *err);
/* $LADDER_DATA_DIR/model.json (paths_data_dir()). */
struct model_texts *model_texts_load_default(struct ladder_error *err);
void model_texts_destroy(struct model_texts *m);

/* The stage's text, with fallbacks from model.h when the file lacks it. */
const struct model_stage_text *model_texts_stage(const struct model_texts *m,
	enum stage s);

/* An example of the four stages: of the questionnaire when the file has
 * one (questionnaire may be NULL), else the everyday one. Sets *title and
 * returns the example of stage s, or NULL when there is none. */
const char *model_texts_example(const struct model_texts *m,
	const char *questionnaire, enum stage s, const char **title);

/* The reflection prompts for a stage: the questionnaire's own when there
 * are any (questionnaire may be NULL), else the general ones. Fills at most
 * max and returns how many there are. */
size_t model_texts_prompts(const struct model_texts *m, enum stage s,
	const char *questionnaire, const char **out, size_t max);
