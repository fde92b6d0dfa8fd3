/* The built-in questionnaires as the build parsed them
 * (tools/questionnaire_built.c): every file of data/questionnaires and
 * data/editions is there, each is field for field what the parser makes
 * of the file now, and the catalog uses it only for a file of exactly
 * those bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <math.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "ladder/catalog.h"
#include "ladder/questionnaire_built.h"
#include "ladder/util.h"

#define MAX_BYTES (1u << 20) /* a data file is far smaller */

static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		assert_true(a == b);
	} else {
		assert_string_equal(a, b);
	}
}

static void
same_strings(char **a, char **b, size_t n)
{
	assert_true((a == NULL) == (b == NULL));
	for (size_t i = 0; a != NULL && i < n; i++) {
		same_str(a[i], b[i]);
	}
}

static void
same_double(double a, double b)
{
	assert_true((isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof(a)) == 0);
}

static void
same_stages(const struct stage_text *a, const struct stage_text *b)
{
	for (size_t s = 0; s < STAGE_COUNT; s++) {
		same_str(a[s].summary, b[s].summary);
		assert_int_equal(a[s].n_next_steps, b[s].n_next_steps);
		same_strings(a[s].next_steps, b[s].next_steps, a[s].n_next_steps);
	}
}

/* Every field of include/ladder/questionnaire.h but path and borrowed. */
static void
same_questionnaire(const struct questionnaire *a, const struct questionnaire *b)
{
	same_str(a->id, b->id);
	assert_int_equal(a->version, b->version);
	same_str(a->language, b->language);
	same_str(a->title, b->title);
	same_str(a->description, b->description);
	same_double(a->t_competence, b->t_competence);
	same_double(a->t_awareness, b->t_awareness);
	same_double(a->t_automaticity, b->t_automaticity);
	same_double(a->t_scenarios, b->t_scenarios);
	assert_int_equal(a->n_sets, b->n_sets);
	assert_int_equal(a->n_scales, b->n_scales);
	for (size_t i = 0; i < a->n_scales; i++) {
		const struct scale *x = &a->scales[i], *y = &b->scales[i];
		same_str(x->id, y->id);
		assert_int_equal(x->min, y->min);
		assert_int_equal(x->max, y->max);
		same_strings(x->labels, y->labels, (size_t)(x->max - x->min + 1));
	}
	assert_int_equal(a->n_facets, b->n_facets);
	for (size_t i = 0; i < a->n_facets; i++) {
		const struct facet *x = &a->facets[i], *y = &b->facets[i];
		same_str(x->id, y->id);
		same_str(x->title, y->title);
		same_str(x->description, y->description);
		same_stages(x->stages, y->stages);
		assert_true(x->has_stages == y->has_stages);
	}
	assert_int_equal(a->n_items, b->n_items);
	for (size_t i = 0; i < a->n_items; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];
		same_str(x->id, y->id);
		assert_int_equal(x->facet, y->facet);
		assert_int_equal(x->axis, y->axis);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->scale, y->scale);
		assert_true(x->reverse == y->reverse);
		same_str(x->text, y->text);
		assert_int_equal(x->set, y->set);
		assert_int_equal(x->n_options, y->n_options);
		assert_true((x->options == NULL) == (y->options == NULL));
		for (size_t o = 0; o < x->n_options; o++) {
			same_str(x->options[o].id, y->options[o].id);
			same_str(x->options[o].text, y->options[o].text);
			same_double(x->options[o].score, y->options[o].score);
			same_str(x->options[o].rationale, y->options[o].rationale);
		}
	}
	same_stages(a->stages, b->stages);
	assert_int_equal(a->n_prompts, b->n_prompts);
	same_strings(a->prompts, b->prompts, a->n_prompts);
}

static const struct questionnaire_built *
built_for(const char *text, size_t len)
{
	for (size_t i = 0; i < questionnaire_n_built; i++) {
		if (questionnaire_built[i].len == len &&
			memcmp(questionnaire_built[i].text, text, len) == 0) {
			return &questionnaire_built[i];
		}
	}
	return NULL;
}

/* Each *.json of the folder is in the table, byte for byte; the count. */
static size_t
check_folder(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0) {
			continue;
		}
		char *path = str_printf("%s/%s", dir, e->d_name);
		char *text = NULL;
		size_t tlen = 0;
		struct ladder_error err;
		assert_true(file_read(path, MAX_BYTES, &text, &tlen, &err));
		if (built_for(text, tlen) == NULL) {
			fail_msg("%s is not among the questionnaires the build parses "
				"(list it in src/meson.build)", path);
		}
		free(text);
		free(path);
		n++;
	}
	closedir(d);
	return n;
}

static void
test_every_data_file_is_built(void **state)
{
	size_t n = check_folder(LADDER_SOURCE_DATADIR "/questionnaires");
	n += check_folder(LADDER_SOURCE_DATADIR "/editions");
	assert_true(n >= 2);
	assert_int_equal(n, questionnaire_n_built);
}

static void
test_built_is_the_parse(void **state)
{
	for (size_t i = 0; i < questionnaire_n_built; i++) {
		const struct questionnaire_built *b = &questionnaire_built[i];
		struct ladder_error err;
		error_clear(&err);
		struct questionnaire *q = questionnaire_parse("built.json",
			(const char *)b->text, b->len, &err);
		assert_non_null(q);
		same_questionnaire(q, b->q);
		questionnaire_destroy(q);
	}
}

/* The built-in folder: each one the build's, with its own path. */
static void
test_catalog_borrows_the_built(void **state)
{
	struct catalog *a = catalog_create(), *b = catalog_create();
	assert_true(catalog_add_dir(a, LADDER_SOURCE_DATADIR "/questionnaires", true));
	assert_true(catalog_add_dir(b, LADDER_SOURCE_DATADIR "/questionnaires", true));
	assert_int_equal(a->n_problems, 0);
	assert_true(a->n >= 2);
	for (size_t i = 0; i < a->n; i++) {
		assert_true(a->items[i]->borrowed);
		assert_non_null(strstr(a->items[i]->path, "/questionnaires/"));
		/* two catalogs share the data, and each frees only its own */
		assert_ptr_equal(a->items[i]->items, b->items[i]->items);
		assert_ptr_not_equal(a->items[i]->path, b->items[i]->path);
	}
	assert_true(catalog_set_editions_dir(a, LADDER_SOURCE_DATADIR "/editions"));
	const struct questionnaire *old = catalog_find_version(a, "cultural", 1);
	assert_non_null(old);
	assert_true(old->borrowed);
	assert_int_equal(old->version, 1);
	catalog_destroy(a);
	catalog_destroy(b);
}

static void
put(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* A copy of a built-in file is the build's; one byte changed, or one
 * more, and it is parsed as it is now. */
static void
test_changed_file_is_parsed(void **state)
{
	char dir[] = "/tmp/ladder-built-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	assert_true(file_read(LADDER_SOURCE_DATADIR "/questionnaires/cultural.json",
		MAX_BYTES, &text, &len, &err));
	char *title = strstr(text, "\"Cultural competence\"");
	assert_non_null(title);
	char *path = str_printf("%s/cultural.json", dir);

	put(path, text, len);
	struct catalog *c = catalog_create();
	assert_true(catalog_add_dir(c, dir, true));
	assert_int_equal(c->n, 1);
	assert_true(c->items[0]->borrowed);
	assert_string_equal(c->items[0]->path, path);
	catalog_destroy(c);

	/* the same size, one letter changed */
	title[1] = 'K';
	put(path, text, len);
	c = catalog_create();
	assert_true(catalog_add_dir(c, dir, true));
	assert_int_equal(c->n, 1);
	assert_false(c->items[0]->borrowed);
	assert_string_equal(c->items[0]->title, "Kultural competence");
	catalog_destroy(c);

	/* the same bytes and one more (a space at the end) */
	title[1] = 'C';
	char *longer = str_printf("%.*s ", (int)len, text);
	put(path, longer, len + 1);
	c = catalog_create();
	assert_true(catalog_add_dir(c, dir, true));
	assert_int_equal(c->n, 1);
	assert_false(c->items[0]->borrowed);
	assert_string_equal(c->items[0]->title, "Cultural competence");
	catalog_destroy(c);

	/* and one fewer: the end cut off, which the parser refuses */
	put(path, text, len - 2);
	c = catalog_create();
	assert_true(catalog_add_dir(c, dir, true));
	assert_int_equal(c->n, 0);
	assert_int_equal(c->n_problems, 1);
	assert_non_null(strstr(c->problems[0], path));
	catalog_destroy(c);

	unlink(path);
	rmdir(dir);
	free(longer);
	free(path);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_data_file_is_built),
		cmocka_unit_test(test_built_is_the_parse),
		cmocka_unit_test(test_catalog_borrows_the_built),
		cmocka_unit_test(test_changed_file_is_parsed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
