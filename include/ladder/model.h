#pragma once
#include <stdbool.h>

/* The conscious competence model: four stages and four axes. */
enum stage {
	STAGE_NONE = 0, /* undefined */
	STAGE_UNCONSCIOUS_INCOMPETENCE = 1,
	STAGE_CONSCIOUS_INCOMPETENCE = 2,
	STAGE_CONSCIOUS_COMPETENCE = 3,
	STAGE_UNCONSCIOUS_COMPETENCE = 4,
};
#define STAGE_COUNT 4

enum axis {
	AXIS_COMPETENCE = 0,
	AXIS_AWARENESS,
	AXIS_AUTOMATICITY,
	AXIS_PERCEIVED,
	AXIS_COUNT,
};

/* "unconscious_incompetence" ..., NULL for STAGE_NONE */
const char *stage_id(enum stage s);
/* Human name: "Unconscious incompetence" */
const char *stage_name(enum stage s);
/* STAGE_NONE when the id is unknown */
enum stage stage_from_id(const char *id);
const char *axis_id(enum axis a);
/* -1 when unknown */
int axis_from_id(const char *id);
