/* Feeds every input under tests/fuzz/regressions/TARGET/ (each one crashed
 * a fuzz target once) and every seed under tests/fuzz/corpus/TARGET/ to the
 * same entry point the fuzzer calls (tests/fuzz/fuzz_TARGET.c, built here
 * without libFuzzer), so each bug stays fixed in every build: a crash, a
 * failed check (abort) or, under the sanitizers, a leak fails the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/fuzz.h"
#include "ladder/util.h"

#ifndef FUZZ_DIR
#error "FUZZ_DIR must name tests/fuzz"
#endif

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs fn on every file of FUZZ_DIR/kind/target; returns how many. */
static size_t
replay(const char *kind, const char *target, int (*fn)(const uint8_t *, size_t))
{
	char *dir = str_printf("%s/%s/%s", FUZZ_DIR, kind, target);
	assert_non_null(dir);
	DIR *d = opendir(dir);
	if (d == NULL) {
		free(dir);
		return 0;
	}
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.') {
			continue;
		}
		names = realloc(names, (n + 1) * sizeof(*names));
		assert_non_null(names);
		names[n] = str_dup(e->d_name);
		assert_non_null(names[n++]);
	}
	closedir(d);
	if (n > 1) {
		qsort(names, n, sizeof(*names), name_cmp);
	}
	for (size_t i = 0; i < n; i++) {
		char *path = str_printf("%s/%s", dir, names[i]);
		char *text = NULL;
		size_t len = 0;
		struct ladder_error err = {0};
		assert_non_null(path);
		if (!file_read(path, (size_t)64 << 20, &text, &len, &err)) {
			fail_msg("%s", err.msg);
		}
		printf("# %s\n", path);
		fflush(stdout);
		fn((const uint8_t *)text, len);
		free(text);
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);
	return n;
}

static void
run(const char *target, int (*fn)(const uint8_t *, size_t))
{
	size_t seeds = replay("corpus", target, fn);
	size_t found = replay("regressions", target, fn);
	printf("# %s: %zu seeds, %zu regressions\n", target, seeds, found);
	assert_true(seeds > 0);
}

static void
test_questionnaire(void **state)
{
	run("questionnaire", fuzz_questionnaire);
}

static void
test_answers(void **state)
{
	run("answers", fuzz_answers);
}

static void
test_answers_csv(void **state)
{
	run("answers_csv", fuzz_answers_csv);
}

static void
test_import(void **state)
{
	run("import", fuzz_import);
}

static void
test_vault_header(void **state)
{
	run("vault_header", fuzz_vault_header);
}

static void
test_vault_decode(void **state)
{
	run("vault_decode", fuzz_vault_decode);
}

static void
test_state(void **state)
{
	run("state", fuzz_state);
}

static void
test_sealed(void **state)
{
	run("sealed", fuzz_sealed);
}

static void
test_keyfile(void **state)
{
	run("keyfile", fuzz_keyfile);
}

static void
test_room(void **state)
{
	run("room", fuzz_room);
}

static void
test_deck(void **state)
{
	run("deck", fuzz_deck);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_questionnaire),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_answers_csv),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_vault_header),
		cmocka_unit_test(test_vault_decode),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_sealed),
		cmocka_unit_test(test_keyfile),
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_deck),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
