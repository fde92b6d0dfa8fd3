/* The room's view: anonymous exports summed up per questionnaire (where
 * each person stands now, and how that compares with their previous
 * session), and every file that is not an anonymous ladder-export v1
 * refused by name with line and column, leaving the room as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/room.h"
#include "ladder/util.h"

#define ROOM TESTDATA "/room/"

/* The fixtures, by hand (tests/data/room/):
 *   p1  cultural: rung 2 (2025) -> rung 3 (2026)      moved up
 *       social-media: rung 1 (2026)                   first time
 *   p2  cultural: rung 4 (2025) -> rung 2 (2026)      moved down
 *       social-media: rung 2 (2025) -> rung 3 (2026)  moved up
 *   p3  cultural: rung 1 (2024) -> 2 (2025) -> 2 (2026)  stayed */
static void
check_fixture_room(const struct room *r)
{
	assert_int_equal(r->n_problems, 0);
	assert_int_equal(r->files, 3);
	assert_int_equal(r->n, 2);
	const struct room_questionnaire *c = room_find(r, "cultural");
	assert_non_null(c);
	assert_int_equal(c->people, 3);
	assert_int_equal(c->now[0], 0);
	assert_int_equal(c->now[1], 2);
	assert_int_equal(c->now[2], 1);
	assert_int_equal(c->now[3], 0);
	assert_int_equal(c->unplaced, 0);
	assert_int_equal(c->up, 1);
	assert_int_equal(c->down, 1);
	assert_int_equal(c->stayed, 1);
	assert_int_equal(c->first, 0);
	assert_int_equal(c->unknown, 0);
	const struct room_questionnaire *s = room_find(r, "social-media");
	assert_non_null(s);
	assert_int_equal(s->people, 2);
	assert_int_equal(s->now[0], 1);
	assert_int_equal(s->now[1], 0);
	assert_int_equal(s->now[2], 1);
	assert_int_equal(s->now[3], 0);
	assert_int_equal(s->up, 1);
	assert_int_equal(s->down + s->stayed, 0);
	assert_int_equal(s->first, 1);
	assert_null(room_find(r, "nope"));
}

static void
test_fixtures(void **state)
{
	struct room *r = room_create();
	assert_true(room_add_file(r, ROOM "p1.json"));
	assert_true(room_add_file(r, ROOM "p2.json"));
	assert_true(room_add_file(r, ROOM "p3.json"));
	check_fixture_room(r);
	assert_string_equal(r->qs[0].id, "cultural"); /* order of appearance */
	room_destroy(r);
	/* the order of the files does not matter */
	r = room_create();
	assert_true(room_add_file(r, ROOM "p3.json"));
	assert_true(room_add_file(r, ROOM "p2.json"));
	assert_true(room_add_file(r, ROOM "p1.json"));
	check_fixture_room(r);
	/* the same file twice is noticed by its bytes */
	assert_true(room_add_file(r, ROOM "p2.json"));
	assert_int_equal(r->n_problems, 1);
	assert_string_equal(r->problems[0], ROOM "p2.json: the same file as "
		ROOM "p2.json (given twice)");
	assert_int_equal(r->files, 3);
	/* a copy with other bytes by its session ids */
	char *text = NULL;
	size_t len = 0;
	assert_true(file_read(ROOM "p1.json", 1 << 20, &text, &len, NULL));
	text[len - 1] = ' '; /* the final newline */
	assert_true(room_add_text(r, "copy.json", text, len));
	free(text);
	assert_int_equal(r->n_problems, 2);
	assert_non_null(strstr(r->problems[1], "copy.json:"));
	assert_non_null(strstr(r->problems[1], "was already read from another file "
		"(the same export given twice?)"));
	assert_int_equal(r->files, 3);
	/* every input is a source, in the order given */
	assert_int_equal(r->n_sources, 5);
	assert_true(r->sources[0].read);
	assert_string_equal(r->sources[0].kind, "anonymous export");
	assert_int_equal(r->sources[0].people, 1);
	assert_false(r->sources[3].read);
	assert_string_equal(r->sources[3].reason, r->problems[0]);
	assert_false(r->sources[4].read);
	assert_int_equal(room_skipped(r), 2);
	room_destroy(r);
	room_destroy(NULL);
}

#define HEAD "{\"format\": \"ladder-export\", \"format_version\": 1, " \
	"\"exported_at\": \"2026-05-20\", \"anonymous\": true, \"notes\": [], " \
	"\"transitions\": [],\n"
/* a completed session of questionnaire Q on day D with stage S (quoted) */
#define SESSION(ID, Q, D, S) "{\"id\": \"" ID "\", \"questionnaire\": {\"id\": \"" Q \
	"\", \"version\": 1}, \"started_at\": \"" D "\", \"completed_at\": \"" D \
	"\", \"result\": {\"rule\": 2, \"stage\": " S "}}"

struct row {
	const char *name;
	const char *text;
	const char *expect; /* NULL: accepted */
};

static const struct row rows[] = {
	{"not JSON", "{\"format\": \"ladder-export\",",
		"x.json:1:1: unterminated object (expected '}')"},
	{"an answers file without its questionnaire",
		"{\"format\": \"ladder-answers\", \"format_version\": 1}",
		"x.json:1:1: the answers file has no \"questionnaire\" (expected a string)"},
	{"an unknown format", "{\"format\": \"ladder-journal\", \"format_version\": 1}",
		"x.json:1:12: unknown format \"ladder-journal\" (expected \"ladder-export\", "
		"\"ladder-tally\" or \"ladder-answers\")"},
	{"no format", "{\"sessions\": []}",
		"x.json:1:1: the document has no \"format\" (expected a string)"},
	{"a later version", "{\"format\": \"ladder-export\", \"format_version\": 2}",
		"x.json:1:47: unsupported format_version 2 of ladder-export (this ladder "
		"reads version 1)"},
	{"an array", "[]", "x.json:1:1: expected the document to be an object {...}"},
	{"no anonymous",
		"{\"format\": \"ladder-export\", \"format_version\": 1, \"sessions\": []}",
		"x.json:1:1: the export has no \"anonymous\" (expected true or false)"},
	{"a full export",
		"{\"format\": \"ladder-export\", \"format_version\": 1,\n"
		" \"anonymous\": false, \"sessions\": []}",
		"x.json:2:15: not an anonymous export (\"anonymous\" is false): it may hold "
		"answers and notes (expected a file made with 'ladder export --anonymous')"},
	{"no sessions", HEAD "\"x\": 1}",
		"x.json:1:1: the export has no \"sessions\" (expected an array [...])"},
	{"notes", "{\"format\": \"ladder-export\", \"format_version\": 1, "
		"\"anonymous\": true, \"sessions\": [],\n\"notes\": [{\"text\": \"mine\"}]}",
		"x.json:2:11: the export holds notes, which an anonymous export never "
		"does (expected a file made with 'ladder export --anonymous')"},
	{"answers", HEAD "\"sessions\": [{\"questionnaire\": {\"id\": \"q\"}, "
		"\"answers\": {\"c01\": 4}}]}",
		"x.json:2:56: session 1 holds answers, which an anonymous export never "
		"does (expected a file made with 'ladder export --anonymous')"},
	{"a note", HEAD "\"sessions\": [{\"questionnaire\": {\"id\": \"q\"}, "
		"\"note\": \"I felt\"}]}",
		"x.json:2:53: session 1 holds a note, which an anonymous export never "
		"does (expected a file made with 'ladder export --anonymous')"},
	{"a time of day", HEAD "\"sessions\": [{\"questionnaire\": {\"id\": \"q\"}, "
		"\"completed_at\": \"2026-05-12T09:30:00Z\"}]}",
		"x.json:2:61: \"completed_at\" of session 1 is \"2026-05-12T09:30:00Z\", "
		"not a date YYYY-MM-DD (an anonymous export keeps dates only, no times)"},
	{"a bad date", HEAD "\"sessions\": [{\"questionnaire\": {\"id\": \"q\"}, "
		"\"started_at\": \"2026-13-01\"}]}",
		"x.json:2:59: \"started_at\" of session 1 is \"2026-13-01\", not a date "
		"YYYY-MM-DD (an anonymous export keeps dates only, no times)"},
	{"an unknown stage", HEAD "\"sessions\": [" SESSION("a", "q", "2026-01-01",
		"\"expert\"") "]}",
		"x.json:2:159: unknown stage in session 1 (expected one of "
		"\"unconscious_incompetence\", \"conscious_incompetence\", "
		"\"conscious_competence\", \"unconscious_competence\" or null)"},
	{"no questionnaire", HEAD "\"sessions\": [{}]}",
		"x.json:2:14: session 1 has no \"questionnaire\" (expected an object {...})"},
	{"a bad questionnaire id", HEAD "\"sessions\": [{\"questionnaire\": {\"id\": \"a b\"}}]}",
		"x.json:2:39: invalid questionnaire id \"a b\" in session 1 (expected 1-64 "
		"letters, digits, '_', '-' or '.')"},
	{"a session twice", HEAD "\"sessions\": [" SESSION("a", "q", "2026-01-01", "null")
		", " SESSION("a", "q", "2026-01-02", "null") "]}",
		"x.json:2:174: duplicate session id \"a\""},
	/* accepted: an empty export, empty answers, null note, no id */
	{"empty", HEAD "\"sessions\": []}", NULL},
	{"empty answers", HEAD "\"sessions\": [{\"questionnaire\": {\"id\": \"q\"}, "
		"\"answers\": {}, \"note\": null, \"completed_at\": \"2026-01-01\", "
		"\"result\": {\"stage\": null}}]}", NULL},
};

static void
test_refused(void **state)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct room *r = room_create();
		assert_true(room_add_text(r, "x.json", rows[i].text, strlen(rows[i].text)));
		if (rows[i].expect == NULL) {
			if (r->n_problems != 0) {
				fail_msg("%s: refused: %s", rows[i].name, r->problems[0]);
			}
			assert_int_equal(r->files, 1);
		} else {
			if (r->n_problems != 1) {
				fail_msg("%s: accepted", rows[i].name);
			}
			if (strcmp(r->problems[0], rows[i].expect) != 0) {
				print_error("%s:\n got      %s\n expected %s\n", rows[i].name,
					r->problems[0], rows[i].expect);
				bad++;
			}
			/* the room is as it was */
			assert_int_equal(r->files, 0);
			assert_int_equal(r->n, 0);
		}
		room_destroy(r);
	}
	assert_int_equal(bad, 0);
	/* a file that is not there */
	struct room *r = room_create();
	assert_true(room_add_file(r, ROOM "no-such-file.json"));
	assert_int_equal(r->n_problems, 1);
	assert_string_equal(r->problems[0],
		ROOM "no-such-file.json: cannot open: No such file or directory");
	/* problems do not stop the next file */
	assert_true(room_add_file(r, ROOM "p1.json"));
	assert_int_equal(r->files, 1);
	room_destroy(r);
}

static void
test_movement(void **state)
{
	struct room *r = room_create();
	/* time order decides, not file order; a same-day pair goes by file
	 * order; unfinished sessions count for nothing */
	const char *a = HEAD "\"sessions\": ["
		SESSION("a1", "q", "2026-03-01", "\"conscious_competence\"") ", "
		SESSION("a2", "q", "2025-03-01", "\"unconscious_competence\"") ", "
		"{\"id\": \"a3\", \"questionnaire\": {\"id\": \"q\"}, \"started_at\": "
		"\"2026-04-01\", \"completed_at\": null, \"result\": null}]}";
	const char *b = HEAD "\"sessions\": ["
		SESSION("b1", "q", "2026-03-01", "\"conscious_incompetence\"") ", "
		SESSION("b2", "q", "2026-03-01", "\"conscious_competence\"") "]}";
	/* a latest session without a stage: not placed, movement unknown */
	const char *c = HEAD "\"sessions\": ["
		SESSION("c1", "q", "2025-01-01", "\"conscious_incompetence\"") ", "
		SESSION("c2", "q", "2026-01-01", "null") "]}";
	/* only an unfinished session: not counted at all */
	const char *d = HEAD "\"sessions\": [{\"id\": \"d1\", \"questionnaire\": "
		"{\"id\": \"q\"}, \"started_at\": \"2026-04-01\"}]}";
	assert_true(room_add_text(r, "a.json", a, strlen(a)));
	assert_true(room_add_text(r, "b.json", b, strlen(b)));
	assert_true(room_add_text(r, "c.json", c, strlen(c)));
	assert_true(room_add_text(r, "d.json", d, strlen(d)));
	assert_int_equal(r->n_problems, 0);
	assert_int_equal(r->files, 4);
	const struct room_questionnaire *q = room_find(r, "q");
	assert_non_null(q);
	assert_int_equal(q->people, 3);
	assert_int_equal(q->now[2], 2); /* a and b on rung 3 */
	assert_int_equal(q->unplaced, 1);
	assert_int_equal(q->down, 1);   /* a: 4 -> 3 */
	assert_int_equal(q->up, 1);     /* b: 2 -> 3 the same day */
	assert_int_equal(q->unknown, 1);
	assert_int_equal(q->stayed + q->first, 0);
	room_destroy(r);

	/* movement as the journal defines it: an unplaced session between
	 * two placed ones is skipped, not a break; a result of the earlier
	 * scoring rule (no "rule") places nobody and is not compared */
	r = room_create();
	const char *e = HEAD "\"sessions\": ["
		SESSION("e1", "q", "2024-01-01", "\"conscious_incompetence\"") ", "
		SESSION("e2", "q", "2025-01-01", "null") ", "
		SESSION("e3", "q", "2026-01-01", "\"conscious_competence\"") "]}";
	const char *f = HEAD "\"sessions\": ["
		SESSION("f1", "q", "2024-01-01", "\"conscious_incompetence\"") ", "
		"{\"id\": \"f2\", \"questionnaire\": {\"id\": \"q\", \"version\": 1}, "
		"\"started_at\": \"2026-01-01\", \"completed_at\": \"2026-01-01\", "
		"\"result\": {\"stage\": \"unconscious_competence\"}}]}";
	assert_true(room_add_text(r, "e.json", e, strlen(e)));
	assert_true(room_add_text(r, "f.json", f, strlen(f)));
	assert_int_equal(r->n_problems, 0);
	q = room_find(r, "q");
	assert_int_equal(q->people, 2);
	assert_int_equal(q->up, 1);       /* e: 2 -> (none) -> 3 */
	assert_int_equal(q->now[2], 1);
	assert_int_equal(q->unplaced, 1); /* f: its latest is of rule 1 */
	assert_int_equal(q->now[3], 0);
	assert_int_equal(q->unknown, 1);
	room_destroy(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_movement),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
