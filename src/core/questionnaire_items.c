/* Looking things up in a loaded questionnaire. */
#include "ladder/questionnaire.h"

#include <string.h>

long
questionnaire_item_index(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; id != NULL && i < q->n_items; i++) {
		if (strcmp(q->items[i].id, id) == 0) {
			return (long)i;
		}
	}
	return -1;
}

long
questionnaire_facet_index(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; id != NULL && i < q->n_facets; i++) {
		if (q->facets[i].id != NULL && strcmp(q->facets[i].id, id) == 0) {
			return (long)i;
		}
	}
	return -1;
}

long
item_option_index(const struct item *it, const char *id)
{
	for (size_t i = 0; id != NULL && i < it->n_options; i++) {
		if (strcmp(it->options[i].id, id) == 0) {
			return (long)i;
		}
	}
	return -1;
}

size_t
item_best_option(const struct item *it)
{
	size_t best = 0;
	for (size_t k = 1; k < it->n_options; k++) {
		if (it->options[k].score > it->options[best].score) {
			best = k;
		}
	}
	return best;
}

bool
questionnaire_item_asked(const struct questionnaire *q, size_t i, int set)
{
	return q->items[i].set == 0 || q->items[i].set == set;
}

size_t
questionnaire_items_asked(const struct questionnaire *q, int set)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		n += questionnaire_item_asked(q, i, set);
	}
	return n;
}
