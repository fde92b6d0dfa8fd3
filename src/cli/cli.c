#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ladder/json.h"
#include "ladder/paths.h"
#include "ladder/safetext.h"
#include "ladder/util.h"

/* The commands, in the order of --help. Each lives in its own file
 * cmd_NAME.c with its option table next to the code that reads it. */
static const struct cli_command *const commands[] = {
	&cli_cmd_assess,
	&cli_cmd_enter,
	&cli_cmd_history,
	&cli_cmd_score,
	&cli_cmd_list,
	&cli_cmd_show,
	&cli_cmd_export,
	&cli_cmd_import,
	&cli_cmd_forget,
	&cli_cmd_init,
	&cli_cmd_passwd,
	&cli_cmd_present,
	&cli_cmd_room,
	&cli_cmd_keygen,
	&cli_cmd_validate,
};

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: ladder [OPTIONS] [COMMAND [ARGS]]\n"
		"\n"
		"Self-assessment against the conscious competence ladder, with an\n"
		"encrypted journal of how you move between its rungs.\n\n"
		"Without a command it opens its full-screen home (with --plain: where\n"
		"you stand, in lines of text).\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		fprintf(out, "  ladder %s\n      %s\n", commands[i]->usage, commands[i]->summary);
	}
	fprintf(out,
		"\n"
		"Options (before or after the command):\n"
		"  -j, --journal PATH        the journal (default $LADDER_JOURNAL, else\n"
		"                            $XDG_DATA_HOME/ladder/journal.ladder)\n"
		"      --questionnaires DIR  also load questionnaires from DIR (repeatable;\n"
		"                            $XDG_CONFIG_HOME/ladder/questionnaires always)\n"
		"      --passphrase-file FILE  read the passphrase from the first line of\n"
		"                            FILE ('-' for standard input)\n"
		"      --no-color            no colours (NO_COLOR is honoured too)\n"
		"      --plain               line-oriented prompts, no full-screen interface\n"
		"      --wait SECONDS        wait that long for another ladder's lock on the\n"
		"                            journal instead of exiting 5 at once\n"
		"      --accept-older        save over a journal older than the newest\n"
		"                            generation of it seen here (a backup put back)\n"
		"      --lock-after MINUTES  lock the full screen after that long without a\n"
		"                            key (default 10; 0 never)\n"
		"  -h, --help                show this help (ladder COMMAND --help: a command's)\n"
		"  -V, --version             show the version\n"
		"\n"
		"Exit status: 0 ok, 1 failure, 2 usage error, 3 wrong passphrase,\n"
		"4 journal damaged or tampered, 5 journal in use by another process.\n"
		"\n"
		"The manual: ladder help [PAGE] opens ladder(1), or PAGE: questionnaire,\n"
		"journal, model, sealed, present, answers (run from the build folder, the\n"
		"pages built there, with man -l, before anything is installed).\n");
}

const struct cli_command *const *
cli_command_list(size_t *n)
{
	*n = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

const struct cli_command *
cli_find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i]->name, name) == 0) {
			return commands[i];
		}
	}
	return NULL;
}

int
cli_main(int argc, char **argv)
{
	struct cli_parsed p = {0};
	bool via_help = false;
	/* the newest generation seen of each journal, to notice an older
	 * copy put in a journal's place */
	char *state = paths_state_file();
	vault_state_file_set(state);
	free(state);
	int rc = cli_parse_global(argc, argv, &p);
	if (rc != LADDER_OK) {
		goto out;
	}
	vault_lock_wait_set(p.g.wait);
	if (getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0] != '\0') {
		p.g.no_color = true;
	}
	if (p.version) {
		printf("ladder %s\n", LADDER_VERSION);
		goto out;
	}
	if (p.command == NULL) {
		if (p.help) {
			usage(stdout);
			goto out;
		}
		rc = cmd_home(&p.g); /* the interactive program */
		goto out;
	}
	if (strcmp(p.command, "help") == 0) {
		if (p.n_rest == 0 || cli_help_is_page(p.rest[0])) {
			rc = cli_help_page(p.n_rest ? p.rest[0] : NULL);
			goto out;
		}
		p.command = p.rest[0];
		p.n_rest = 0;
		p.help = true;
		via_help = true;
	}
	if ((p.cmd = cli_find_command(p.command)) == NULL) {
		if (via_help) {
			cli_error("no command or page '%s' (pages: %s) (see 'ladder --help')",
				p.command, cli_help_pages());
		} else {
			cli_error("unknown command '%s' (see 'ladder --help')", p.command);
		}
		rc = LADDER_USAGE;
		goto out;
	}
	if (p.help) {
		printf("Usage: ladder %s\n%s\nSee ladder(1) for details.\n",
			p.cmd->usage, p.cmd->summary);
		goto out;
	}
	if ((rc = cli_parse_command(&p)) == LADDER_OK) {
		rc = p.cmd->run(&p.g, &p.a);
	}
out:
	cli_parsed_finish(&p);
	return rc;
}
