/* The catalog keeps a folder's questionnaires, and says its problems, in
 * the order of the file names; a broken file and a second file of an id
 * already loaded are problems, and the others still load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ladder/catalog.h"
#include "ladder/util.h"

#define N_FILES 9

static char *
tiny_with_id(const char *id)
{
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	assert_true(file_read(TESTDATA "/questionnaires/tiny.json", 1 << 20, &text, &len, &err));
	char *at = strstr(text, "\"id\": \"tiny\"");
	assert_non_null(at);
	char *out = str_printf("%.*s\"id\": \"%s\"%s", (int)(at - text), text, id,
		at + strlen("\"id\": \"tiny\""));
	free(text);
	return out;
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *path = str_printf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static void
test_folder_in_name_order(void **state)
{
	char dir[] = "/tmp/ladder-catalog-XXXXXX";
	assert_non_null(mkdtemp(dir));
	/* q0..q8 with ids in reverse order; q3 broken, q6 a second "id-7" */
	for (int i = 0; i < N_FILES; i++) {
		char name[16], id[16];
		snprintf(name, sizeof(name), "q%d.json", i);
		snprintf(id, sizeof(id), "id-%d", i == 6 ? 7 : N_FILES - i);
		char *text = i == 3 ? str_dup("{\"format\": ") : tiny_with_id(id);
		put(dir, name, text);
		free(text);
	}
	put(dir, "notes.txt", "not a questionnaire");
	struct catalog *c = catalog_create();
	assert_true(catalog_add_dir(c, dir, true));
	assert_int_equal(c->n, N_FILES - 2);
	static const char *const ids[] = {"id-9", "id-8", "id-7", "id-5", "id-4", "id-2", "id-1"};
	for (size_t i = 0; i < c->n; i++) {
		assert_string_equal(c->items[i]->id, ids[i]);
	}
	assert_int_equal(c->n_problems, 2);
	char *broken = str_printf("%s/q3.json:1:12: unexpected end of file (expected a value)", dir);
	assert_string_equal(c->problems[0], broken);
	free(broken);
	assert_non_null(strstr(c->problems[1], "q6.json: a questionnaire with id \"id-7\" is already loaded from"));
	assert_non_null(strstr(c->problems[1], "q2.json"));
	catalog_destroy(c);
	for (int i = 0; i < N_FILES; i++) {
		char *path = str_printf("%s/q%d.json", dir, i);
		unlink(path);
		free(path);
	}
	char *notes = str_printf("%s/notes.txt", dir);
	unlink(notes);
	free(notes);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folder_in_name_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
