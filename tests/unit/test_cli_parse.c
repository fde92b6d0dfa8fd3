/* The command line's parsing, without running a command: global options
 * anywhere, a command's options from its own table, --name=value and -xVALUE
 * read the same way for both, multi-valued options, and the usage errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli/cli.h"

/* Parses argv (NULL-terminated, argv[0] included) fully: global options,
 * the command, its options. Returns the status of the first step that
 * failed. */
static int
parse_all(struct cli_parsed *p, const char **argv)
{
	int argc = 0;
	while (argv[argc] != NULL) {
		argc++;
	}
	memset(p, 0, sizeof(*p));
	int rc = cli_parse_global(argc, (char **)argv, p);
	if (rc != LADDER_OK || p->command == NULL) {
		return rc;
	}
	p->cmd = cli_find_command(p->command);
	if (p->cmd == NULL) {
		return -1;
	}
	return cli_parse_command(p);
}

/* The index of option name in cmd's table. */
static size_t
opt_index(const struct cli_command *cmd, const char *name)
{
	for (size_t i = 0; cmd->opts[i].name != NULL; i++) {
		if (strcmp(cmd->opts[i].name, name) == 0) {
			return i;
		}
	}
	fail_msg("no option --%s in %s", name, cmd->name);
	return 0;
}

static void
test_globals_anywhere(void **state)
{
	(void)state;
	struct cli_parsed p;
	const char *argv[] = {"ladder", "--plain", "assess", "--journal", "/tmp/j",
		"cultural", "--set=2", "--questionnaires", "d1", "--questionnaires=d2", NULL};
	assert_int_equal(parse_all(&p, argv), LADDER_OK);
	assert_true(p.g.plain);
	assert_string_equal(p.g.journal, "/tmp/j");
	assert_int_equal(p.g.n_qdirs, 2);
	assert_string_equal(p.g.qdirs[1], "d2");
	assert_string_equal(p.cmd->name, "assess");
	assert_int_equal(p.a.n_pos, 1);
	assert_string_equal(p.a.pos[0], "cultural");
	assert_string_equal(cli_value(&p.a, opt_index(p.cmd, "set")), "2");
	assert_null(cli_value(&p.a, opt_index(p.cmd, "answers")));
	assert_false(cli_flag(&p.a, opt_index(p.cmd, "answers")));
	assert_true(p.g.lock_after == 10); /* the default */
	cli_parsed_finish(&p);
}

static void
test_short_and_inline(void **state)
{
	(void)state;
	struct cli_parsed p;
	const char *argv[] = {"ladder", "-j/tmp/x", "export", "-oout.json", "--anonymous", NULL};
	assert_int_equal(parse_all(&p, argv), LADDER_OK);
	assert_string_equal(p.g.journal, "/tmp/x");
	assert_string_equal(cli_value(&p.a, opt_index(p.cmd, "output")), "out.json");
	assert_true(cli_flag(&p.a, opt_index(p.cmd, "anonymous")));
	cli_parsed_finish(&p);

	/* the value of a command's option is not taken for the command */
	const char *argv2[] = {"ladder", "score", "--answers", "a.json", "cultural", "--text", NULL};
	assert_int_equal(parse_all(&p, argv2), LADDER_OK);
	assert_string_equal(p.cmd->name, "score");
	assert_string_equal(cli_value(&p.a, opt_index(p.cmd, "answers")), "a.json");
	assert_int_equal(p.a.n_pos, 1);
	assert_string_equal(p.a.pos[0], "cultural");
	cli_parsed_finish(&p);

	/* the last of a repeated option wins; -- ends the options */
	const char *argv3[] = {"ladder", "show", "--set", "1", "--set", "2", "--", "--json", NULL};
	assert_int_equal(parse_all(&p, argv3), LADDER_OK);
	assert_string_equal(cli_value(&p.a, opt_index(p.cmd, "set")), "2");
	assert_false(cli_flag(&p.a, opt_index(p.cmd, "json")));
	assert_string_equal(p.a.pos[0], "--json");
	cli_parsed_finish(&p);
}

static void
test_multi(void **state)
{
	(void)state;
	struct cli_parsed p;
	const char *argv[] = {"ladder", "present", "cultural", "--room", "a.json", "b.json",
		"--save-tally", "t.json", NULL};
	assert_int_equal(parse_all(&p, argv), LADDER_OK);
	size_t room = opt_index(p.cmd, "room");
	assert_int_equal(p.a.n_vals[room], 2);
	assert_string_equal(p.a.vals[room][0], "a.json");
	assert_string_equal(p.a.vals[room][1], "b.json");
	assert_string_equal(cli_value(&p.a, opt_index(p.cmd, "save-tally")), "t.json");
	assert_int_equal(p.a.n_pos, 1);
	cli_parsed_finish(&p);

	/* --room=FILE then more words */
	const char *argv2[] = {"ladder", "present", "--room=a.json", "b.json", NULL};
	assert_int_equal(parse_all(&p, argv2), LADDER_OK);
	assert_int_equal(p.a.n_vals[opt_index(p.cmd, "room")], 2);
	assert_int_equal(p.a.n_pos, 0);
	cli_parsed_finish(&p);

	/* a multi option with no value, also when another option follows it */
	const char *argv3[] = {"ladder", "present", "--room", NULL};
	assert_int_equal(parse_all(&p, argv3), LADDER_USAGE);
	cli_parsed_finish(&p);
	const char *argv4[] = {"ladder", "present", "--room", "--save-tally", "t.json", NULL};
	assert_int_equal(parse_all(&p, argv4), LADDER_USAGE);
	cli_parsed_finish(&p);
}

static void
test_usage_errors(void **state)
{
	(void)state;
	struct cli_parsed p;
	const char *bad[][8] = {
		{"ladder", "--nonsense", NULL},              /* unknown before a command */
		{"ladder", "score", "cultural", "--answers", NULL}, /* value missing */
		{"ladder", "export", "--anonymous=yes", NULL}, /* a flag with a value */
		{"ladder", "list", "--set", "1", NULL},      /* not list's option */
		{"ladder", "list", "extra", NULL},           /* too many arguments */
		{"ladder", "score", NULL},                   /* missing argument */
		{"ladder", "--wait", "1.5", "list", NULL},   /* not whole seconds */
		{"ladder", "--wait", "86401", "list", NULL},
		{"ladder", "--lock-after", "-1", "list", NULL},
		{"ladder", "--lock-after", "1441", "list", NULL},
		{"ladder", "--journal", NULL},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = parse_all(&p, bad[i]);
		if (rc != LADDER_USAGE) {
			fail_msg("case %zu (%s %s) gave %d, not a usage error", i, bad[i][1],
				bad[i][2] ? bad[i][2] : "", rc);
		}
		cli_parsed_finish(&p);
	}
	const char *ok[] = {"ladder", "--wait", "30", "--lock-after=0.5", "list", NULL};
	assert_int_equal(parse_all(&p, ok), LADDER_OK);
	assert_int_equal(p.g.wait, 30);
	assert_true(p.g.lock_after == 0.5);
	cli_parsed_finish(&p);
}

/* Every command's table: names unique within it, and none that the global
 * options would take first (it could never be given). */
static void
test_tables(void **state)
{
	(void)state;
	size_t n;
	const struct cli_command *const *cmds = cli_command_list(&n);
	assert_true(n >= 12);
	for (size_t c = 0; c < n; c++) {
		const struct cli_command *cmd = cmds[c];
		assert_ptr_equal(cli_find_command(cmd->name), cmd);
		assert_non_null(cmd->run);
		assert_non_null(strstr(cmd->usage, cmd->name));
		for (size_t i = 0; cmd->opts[i].name != NULL; i++) {
			for (size_t j = i + 1; cmd->opts[j].name != NULL; j++) {
				assert_true(strcmp(cmd->opts[i].name, cmd->opts[j].name) != 0);
			}
			char word[64];
			snprintf(word, sizeof(word), "--%s", cmd->opts[i].name);
			const char *argv[] = {"ladder", cmd->name, word, "x", NULL};
			struct cli_parsed p = {0};
			assert_int_equal(cli_parse_global(4, (char **)argv, &p), LADDER_OK);
			if (p.n_rest == 0 || strcmp(p.rest[0], word) != 0) {
				fail_msg("%s --%s is taken by the global options", cmd->name,
					cmd->opts[i].name);
			}
			cli_parsed_finish(&p);
		}
	}
	assert_null(cli_find_command("nonsense"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_globals_anywhere),
		cmocka_unit_test(test_short_and_inline),
		cmocka_unit_test(test_multi),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
