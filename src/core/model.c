#include "ladder/model.h"

#include <string.h>

static const char *const stage_ids[STAGE_COUNT] = {
	"unconscious_incompetence",
	"conscious_incompetence",
	"conscious_competence",
	"unconscious_competence",
};

static const char *const stage_names[STAGE_COUNT] = {
	"Unconscious incompetence",
	"Conscious incompetence",
	"Conscious competence",
	"Unconscious competence",
};

static const char *const axis_ids[AXIS_COUNT] = {
	"competence",
	"awareness",
	"automaticity",
	"perceived",
};

const char *
stage_id(enum stage s)
{
	if (s < STAGE_UNCONSCIOUS_INCOMPETENCE || s > STAGE_UNCONSCIOUS_COMPETENCE) {
		return NULL;
	}
	return stage_ids[s - 1];
}

const char *
stage_name(enum stage s)
{
	if (s < STAGE_UNCONSCIOUS_INCOMPETENCE || s > STAGE_UNCONSCIOUS_COMPETENCE) {
		return "Not placed";
	}
	return stage_names[s - 1];
}

enum stage
stage_from_id(const char *id)
{
	for (int i = 0; id != NULL && i < STAGE_COUNT; i++) {
		if (strcmp(id, stage_ids[i]) == 0) {
			return (enum stage)(i + 1);
		}
	}
	return STAGE_NONE;
}

const char *
axis_id(enum axis a)
{
	return (a >= 0 && a < AXIS_COUNT) ? axis_ids[a] : NULL;
}

int
axis_from_id(const char *id)
{
	for (int i = 0; id != NULL && i < AXIS_COUNT; i++) {
		if (strcmp(id, axis_ids[i]) == 0) {
			return i;
		}
	}
	return -1;
}
