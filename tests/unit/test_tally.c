/* The show of hands: votes and undo per questionnaire, percentages that add
 * up to 100, the ladder-tally document, and saving it atomically. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ladder/tally.h"
#include "ladder/util.h"

static void
test_votes(void **state)
{
	struct tally *t = tally_create();
	size_t a, b, again;
	assert_true(tally_add(t, "cultural", "Cultural competence", &a));
	assert_true(tally_add(t, "social-media", "Social-media competence", &b));
	assert_true(tally_add(t, "cultural", "ignored", &again));
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(again, 0);
	assert_int_equal(t->n, 2);
	assert_string_equal(t->entries[0].title, "Cultural competence");

	assert_true(tally_vote(t, a, STAGE_UNCONSCIOUS_INCOMPETENCE));
	assert_true(tally_vote(t, b, STAGE_CONSCIOUS_INCOMPETENCE));
	assert_true(tally_vote(t, a, STAGE_CONSCIOUS_COMPETENCE));
	assert_true(tally_vote(t, a, STAGE_CONSCIOUS_COMPETENCE));
	assert_true(tally_vote(t, b, STAGE_UNCONSCIOUS_COMPETENCE));
	assert_false(tally_vote(t, 2, STAGE_CONSCIOUS_COMPETENCE));
	assert_false(tally_vote(t, a, STAGE_NONE));
	assert_false(tally_vote(t, a, (enum stage)5));
	assert_int_equal(tally_total(t, a), 3);
	assert_int_equal(tally_total(t, b), 2);
	assert_int_equal(tally_total(t, 7), 0);
	assert_int_equal(tally_grand_total(t), 5);
	assert_int_equal(t->entries[a].counts[2], 2);

	/* undo takes back the latest vote of that questionnaire only */
	assert_int_equal(tally_undo(t, b), STAGE_UNCONSCIOUS_COMPETENCE);
	assert_int_equal(tally_undo(t, a), STAGE_CONSCIOUS_COMPETENCE);
	assert_int_equal(tally_undo(t, a), STAGE_CONSCIOUS_COMPETENCE);
	assert_int_equal(tally_undo(t, a), STAGE_UNCONSCIOUS_INCOMPETENCE);
	assert_int_equal(tally_undo(t, a), STAGE_NONE);
	assert_int_equal(tally_total(t, a), 0);
	assert_int_equal(tally_total(t, b), 1);
	assert_int_equal(t->entries[b].counts[1], 1);
	/* and votes after an undo are undone in their turn */
	assert_true(tally_vote(t, a, STAGE_UNCONSCIOUS_COMPETENCE));
	assert_int_equal(tally_undo(t, a), STAGE_UNCONSCIOUS_COMPETENCE);
	assert_int_equal(tally_undo(t, b), STAGE_CONSCIOUS_INCOMPETENCE);
	assert_int_equal(tally_undo(t, b), STAGE_NONE);
	assert_int_equal(tally_grand_total(t), 0);
	tally_destroy(t);
	tally_destroy(NULL);
}

struct pct_row {
	unsigned counts[STAGE_COUNT];
	int expect[STAGE_COUNT];
};

static const struct pct_row pct_rows[] = {
	{{0, 0, 0, 0}, {0, 0, 0, 0}},
	{{1, 0, 0, 0}, {100, 0, 0, 0}},
	{{1, 1, 1, 1}, {25, 25, 25, 25}},
	{{1, 2, 3, 4}, {10, 20, 30, 40}},
	/* 33.3 each: the point left over goes to the lowest rung on a tie */
	{{1, 1, 1, 0}, {34, 33, 33, 0}},
	/* 33.3 and 66.7: the larger remainder gets it */
	{{1, 0, 0, 2}, {33, 0, 0, 67}},
	/* 42.86, 42.86, 14.29: two points to hand out */
	{{3, 3, 1, 0}, {43, 43, 14, 0}},
	/* 1/12 = 8.33 and 6/12 = 50 */
	{{3, 1, 6, 2}, {25, 8, 50, 17}},
};

static void
test_percents(void **state)
{
	for (size_t i = 0; i < sizeof(pct_rows) / sizeof(pct_rows[0]); i++) {
		int got[STAGE_COUNT];
		tally_split_percents(pct_rows[i].counts, got);
		int sum = 0;
		for (int k = 0; k < STAGE_COUNT; k++) {
			if (got[k] != pct_rows[i].expect[k]) {
				fail_msg("row %zu rung %d: %d%%, expected %d%%", i, k + 1,
					got[k], pct_rows[i].expect[k]);
			}
			sum += got[k];
		}
		assert_true(sum == 100 || sum == 0);
	}
	/* the same through a tally */
	struct tally *t = tally_create();
	size_t a;
	assert_true(tally_add(t, "x", "X", &a));
	assert_true(tally_vote(t, a, STAGE_CONSCIOUS_INCOMPETENCE));
	assert_true(tally_vote(t, a, STAGE_CONSCIOUS_INCOMPETENCE));
	assert_true(tally_vote(t, a, STAGE_UNCONSCIOUS_COMPETENCE));
	int got[STAGE_COUNT];
	tally_percents(t, a, got);
	assert_int_equal(got[0], 0);
	assert_int_equal(got[1], 67);
	assert_int_equal(got[3], 33);
	tally_destroy(t);
}

static struct tally *
sample(void)
{
	struct tally *t = tally_create();
	size_t a, b;
	assert_true(tally_add(t, "cultural", "Cultural \"competence\"", &a));
	assert_true(tally_add(t, "social-media", "Social-media competence", &b));
	assert_true(tally_vote(t, a, STAGE_UNCONSCIOUS_INCOMPETENCE));
	assert_true(tally_vote(t, a, STAGE_UNCONSCIOUS_COMPETENCE));
	assert_true(tally_vote(t, a, STAGE_UNCONSCIOUS_COMPETENCE));
	return t;
}

#define EXPECTED \
	"{\"format\":\"ladder-tally\",\"format_version\":1," \
	"\"saved_at\":\"2026-11-26T10:40:38Z\",\"questionnaires\":[" \
	"{\"id\":\"cultural\",\"title\":\"Cultural \\\"competence\\\"\"," \
	"\"counts\":{\"unconscious_incompetence\":1,\"conscious_incompetence\":0," \
	"\"conscious_competence\":0,\"unconscious_competence\":2},\"total\":3}," \
	"{\"id\":\"social-media\",\"title\":\"Social-media competence\"," \
	"\"counts\":{\"unconscious_incompetence\":0,\"conscious_incompetence\":0," \
	"\"conscious_competence\":0,\"unconscious_competence\":0},\"total\":0}]}"

#define NOW INT64_C(1795689638) /* 2026-11-26T10:40:38Z */

static void
test_json(void **state)
{
	struct tally *t = sample();
	cJSON *j = tally_to_json(t, NOW);
	char *s = cJSON_PrintUnformatted(j);
	assert_string_equal(s, EXPECTED);
	cJSON_free(s);
	cJSON_Delete(j);
	tally_destroy(t);
}

/* Files in dir other than . and .. */
static int
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	}
	closedir(d);
	return n;
}

static void
test_save(void **state)
{
	char dir[] = "/tmp/ladder-tally-test.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = str_printf("%s/tally.json", dir);
	struct tally *t = sample();
	struct ladder_error err;
	error_clear(&err);

	/* an old file is replaced whole */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("old content that is longer than nothing", f);
	fclose(f);
	assert_true(tally_save(t, path, NOW, &err));
	char *text = NULL;
	size_t len = 0;
	assert_true(file_read(path, 1 << 20, &text, &len, &err));
	cJSON *j = cJSON_Parse(text);
	assert_non_null(j);
	char *s = cJSON_PrintUnformatted(j);
	assert_string_equal(s, EXPECTED);
	assert_int_equal(text[len - 1], '\n');
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(count_files(dir), 1); /* no temporary file left */
	cJSON_free(s);
	cJSON_Delete(j);
	free(text);

	/* a folder that does not exist: refused by name, nothing written */
	char *missing = str_printf("%s/no/such/tally.json", dir);
	assert_false(tally_save(t, missing, NOW, &err));
	char *want = str_printf("%s: cannot create: No such file or directory",
		missing);
	assert_string_equal(err.msg, want);
	assert_int_equal(count_files(dir), 1);
	free(want);
	free(missing);

	/* a folder in the way of the file: the rename fails, no temp left */
	char *sub = str_printf("%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	char *inside = str_printf("%s/sub/file", dir);
	f = fopen(inside, "w");
	assert_non_null(f);
	fclose(f);
	assert_false(tally_save(t, sub, NOW, &err));
	assert_non_null(strstr(err.msg, ": cannot write: Is a directory"));
	assert_int_equal(count_files(dir), 2);
	unlink(inside);
	rmdir(sub);
	free(inside);
	free(sub);

	unlink(path);
	rmdir(dir);
	free(path);
	tally_destroy(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_votes),
		cmocka_unit_test(test_percents),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_save),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
