/* The full screen's navigation and key handling without a terminal: keys
 * go through app_key as the loop hands them; what they do is read from the
 * stack of screens and from the journal (no drawing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "ladder/catalog.h"
#include "ladder/modeltext.h"
#include "ladder/store.h"
#include "src/tui/screen.h"

#ifndef TESTDATA
#error "TESTDATA must be defined"
#endif

struct fixture {
	char dir[64];
	char path[96];
	struct catalog *cat;
	struct tui_options opt;
	struct app a;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ladder-screens-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/journal.ladder", f->dir);
	struct ladder_error err;
	error_clear(&err);
	f->cat = catalog_create();
	assert_true(catalog_add_dir(f->cat, TESTDATA "/questionnaires", true));
	f->opt = (struct tui_options){.journal_path = f->path, .catalog = f->cat,
		.kdf = KDF_MIN, .lock_after = 0};
	struct secret *pass = secret_from_bytes("a long test passphrase", 22);
	struct secret *code = NULL;
	struct store *s = NULL;
	assert_true(store_create(f->path, pass, KDF_MIN, &code, &s, &err));
	secret_destroy(pass);
	secret_destroy(code);
	f->a.opt = &f->opt;
	f->a.store = s;
	f->a.model = model_texts_load_default(&err);
	assert_non_null(f->a.model);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	app_finish(&f->a);
	catalog_destroy(f->cat);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static int
key(struct app *a, int code)
{
	struct tkey k = {code, false};
	return app_key(a, &k);
}

static int
fkey(struct app *a, int code)
{
	struct tkey k = {code, true};
	return app_key(a, &k);
}

/* Home's menu opens screens on top of it; Esc and q go back, home stays
 * where it was. */
static void
test_navigation(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->a;
	app_go(a, SCREEN_HOME, NULL);
	assert_int_equal(a->depth, 1);
	assert_int_equal(key(a, '1'), ACT_HANDLED); /* take a questionnaire */
	assert_int_equal(app_top(a), SCREEN_CHOOSE);
	assert_int_equal(a->depth, 2);
	key(a, 'q');
	assert_int_equal(app_top(a), SCREEN_HOME);
	assert_int_equal(a->depth, 1);
	key(a, '5'); /* about the model */
	assert_int_equal(app_top(a), SCREEN_INTRO);
	key(a, TERM_KEY_ESC);
	assert_int_equal(app_top(a), SCREEN_HOME);
	key(a, '2'); /* history */
	assert_int_equal(app_top(a), SCREEN_HISTORY);
	key(a, 'q');
	assert_int_equal(app_top(a), SCREEN_HOME);
	/* the help overlay takes a key of its own and any key closes it */
	key(a, '?');
	assert_true(a->help);
	key(a, '1');
	assert_false(a->help);
	assert_int_equal(app_top(a), SCREEN_HOME);
	/* back from a screen opened alone (ladder assess): home */
	app_go(a, SCREEN_CHOOSE, NULL);
	key(a, 'q');
	assert_int_equal(app_top(a), SCREEN_HOME);
	assert_int_equal(a->depth, 1);
	assert_int_equal(key(a, 'q'), ACT_QUIT); /* q on home quits */
	assert_true(a->quit);
}

/* A whole assessment by keys: digits answer and go on, s skips, Backspace
 * goes back; the last answer records the session and shows the result over
 * home. */
static void
test_assessment(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->a;
	const struct questionnaire *q = catalog_find(f->cat, "tiny");
	assert_non_null(q);
	app_go(a, SCREEN_HOME, NULL);
	key(a, '1');
	key(a, '1'); /* the first questionnaire of the list */
	assert_int_equal(app_top(a), SCREEN_ASSESS);
	key(a, '9'); /* not an option of a 5-point scale: a note, nothing else */
	assert_string_not_equal(a->note, "");
	assert_int_equal(app_top(a), SCREEN_ASSESS);
	fkey(a, KEY_BACKSPACE); /* on the first question */
	assert_non_null(strstr(a->note, "first question"));
	key(a, '4');
	key(a, 's');
	for (size_t i = 2; i < q->n_items; i++) {
		assert_int_equal(app_top(a), SCREEN_ASSESS);
		key(a, '2');
	}
	assert_int_equal(app_top(a), SCREEN_RESULT);
	assert_int_equal(a->depth, 2);
	const struct journal *j = a->store->journal;
	assert_int_equal(j->n_sessions, 1);
	assert_false(a->unsaved);
	char *answers = cJSON_PrintUnformatted(j->sessions[0].answers);
	assert_non_null(strstr(answers, "\"a1\":4"));
	free(answers);
	assert_null(journal_unfinished_get(j, "tiny"));
	fkey(a, KEY_ENTER); /* just completed: Enter goes home */
	assert_int_equal(app_top(a), SCREEN_HOME);
}

/* q in the middle keeps the answers (saved); taking it again offers to
 * carry on, and carrying on starts where it stopped. */
static void
test_keep_and_resume(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->a;
	app_go(a, SCREEN_HOME, NULL);
	key(a, '1');
	key(a, '1');
	key(a, '3');
	key(a, '2');
	key(a, 'q');
	assert_int_equal(app_top(a), SCREEN_HOME);
	assert_false(a->unsaved);
	const struct journal_unfinished *u = journal_unfinished_get(a->store->journal, "tiny");
	assert_non_null(u);
	assert_int_equal(u->position, 2);
	key(a, '1');
	key(a, '1');
	assert_int_equal(app_top(a), SCREEN_RESUME);
	key(a, '1'); /* carry on */
	assert_int_equal(app_top(a), SCREEN_ASSESS);
	/* back one: the kept answer to the second question */
	fkey(a, KEY_BACKSPACE);
	key(a, 'q');
	u = journal_unfinished_get(a->store->journal, "tiny");
	assert_non_null(u);
	assert_int_equal(u->position, 1);
	/* a signal (or the idle lock) keeps through the screen's keep */
	key(a, '1');
	key(a, '1');
	key(a, '2'); /* start again */
	assert_int_equal(app_top(a), SCREEN_ASSESS);
	key(a, '5');
	assert_true(screen_assess.keep(a, a->stack[a->depth - 1].state));
	assert_true(a->unsaved);
	u = journal_unfinished_get(a->store->journal, "tiny");
	assert_int_equal(u->position, 1);
}

static void
type(struct app *a, const char *s)
{
	for (; *s; s++) {
		key(a, (unsigned char)*s);
	}
}

/* The editor from a result and from the history: Ctrl-S keeps the
 * reflection and goes back to where it was opened; Esc with changes asks. */
static void
test_editor(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->a;
	const struct questionnaire *q = catalog_find(f->cat, "tiny");
	app_go(a, SCREEN_HOME, NULL);
	app_assess(a, q, false);
	for (size_t i = 0; i < q->n_items; i++) {
		key(a, '1');
	}
	assert_int_equal(app_top(a), SCREEN_RESULT);
	key(a, 'w');
	assert_int_equal(app_top(a), SCREEN_EDITOR);
	key(a, '?'); /* text: '?' is typed, not the help */
	assert_false(a->help);
	type(a, " I noticed");
	key(a, 19); /* Ctrl-S */
	assert_int_equal(app_top(a), SCREEN_RESULT);
	const struct journal *j = a->store->journal;
	assert_string_equal(j->sessions[0].note, "? I noticed");
	key(a, 'q');
	assert_int_equal(app_top(a), SCREEN_HOME);
	/* from the history: the session, its editor, back to the history */
	key(a, '2');
	assert_int_equal(app_top(a), SCREEN_HISTORY);
	key(a, 'w');
	assert_int_equal(app_top(a), SCREEN_EDITOR);
	type(a, " more");
	key(a, TERM_KEY_ESC); /* changes: asks */
	assert_int_equal(app_top(a), SCREEN_EDITOR);
	key(a, 'd'); /* discard */
	assert_int_equal(app_top(a), SCREEN_HISTORY);
	assert_string_equal(j->sessions[0].note, "? I noticed");
	fkey(a, KEY_ENTER);
	assert_int_equal(app_top(a), SCREEN_RESULT);
	key(a, 'q');
	assert_int_equal(app_top(a), SCREEN_HISTORY);
	/* a reflection on its own from home; kept on a signal */
	key(a, 'q');
	key(a, '3');
	assert_int_equal(app_top(a), SCREEN_EDITOR);
	type(a, "on its own");
	assert_true(screen_editor.keep(a, a->stack[a->depth - 1].state));
	assert_int_equal(j->n_notes, 1);
	assert_string_equal(j->notes[0].text, "on its own");
}

/* The line editor's keys, wherever a line is typed. */
static void
test_line_editor(void **state)
{
	(void)state;
	struct editbuf eb;
	editbuf_init(&eb, "one two");
	editbuf_bottom(&eb);
	struct tkey ctrl_w = {KEY_CTRL('W'), false}, ctrl_u = {KEY_CTRL('U'), false};
	struct tkey home = {KEY_HOME, true}, x = {'x', false}, tab = {'\t', false};
	assert_true(line_key(&eb, &ctrl_w, 100));
	assert_string_equal(eb.text, "one ");
	assert_true(line_key(&eb, &home, 100));
	assert_true(line_key(&eb, &x, 100));
	assert_string_equal(eb.text, "xone ");
	assert_false(line_key(&eb, &tab, 100)); /* the screen's key */
	assert_true(line_key(&eb, &ctrl_u, 100));
	assert_string_equal(eb.text, "");
	for (int i = 0; i < 10; i++) {
		assert_true(line_key(&eb, &x, 4)); /* taken, but no longer than max */
	}
	assert_string_equal(eb.text, "xxxx");
	editbuf_finish(&eb);
}

/* Export from its screen: the file name typed (Ctrl-U clears it, "~" is
 * the home folder), Enter writes it; an existing file asks first. */
static void
test_export(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->a;
	setenv("HOME", f->dir, 1);
	app_go(a, SCREEN_HOME, NULL);
	key(a, '4');
	assert_int_equal(app_top(a), SCREEN_EXPORT);
	key(a, '2'); /* anonymous */
	key(a, '\t');
	key(a, '?'); /* typing: a character of the name, not the help */
	assert_false(a->help);
	key(a, KEY_CTRL('U'));
	type(a, "~/out.json");
	fkey(a, KEY_ENTER);
	assert_int_equal(app_top(a), SCREEN_HOME);
	char path[160];
	snprintf(path, sizeof(path), "%s/out.json", f->dir);
	FILE *out = fopen(path, "r");
	assert_non_null(out);
	char head[200] = {0};
	assert_true(fread(head, 1, sizeof(head) - 1, out) > 0);
	fclose(out);
	assert_non_null(strstr(head, "\"anonymous\": true"));
	assert_non_null(strstr(a->note, "Exported to"));
	/* again: the file exists, Enter once asks, twice replaces */
	key(a, '4');
	key(a, '\t');
	key(a, KEY_CTRL('U'));
	type(a, "~/out.json");
	fkey(a, KEY_ENTER);
	assert_int_equal(app_top(a), SCREEN_EXPORT);
	fkey(a, KEY_ENTER);
	assert_int_equal(app_top(a), SCREEN_HOME);
}

/* Closing screens frees their state: many opens and backs, and app_go
 * closing a deep stack, leave nothing behind (run under ASan). */
static void
test_stack(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->a;
	app_go(a, SCREEN_HOME, NULL);
	for (int i = 0; i < 50; i++) {
		key(a, '4'); /* export */
		assert_int_equal(app_top(a), SCREEN_EXPORT);
		key(a, 'q');
	}
	assert_int_equal(a->depth, 1);
	for (int i = 0; i < APP_STACK_MAX + 3; i++) {
		app_open(a, SCREEN_CHOOSE, NULL);
	}
	assert_int_equal(a->depth, APP_STACK_MAX);
	app_go(a, SCREEN_HOME, NULL);
	assert_int_equal(a->depth, 1);
}

int
main(void)
{
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_navigation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assessment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_and_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_editor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stack, setup, teardown),
		cmocka_unit_test(test_line_editor),
		cmocka_unit_test_setup_teardown(test_export, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
