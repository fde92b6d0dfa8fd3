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

enum { G_JOURNAL, G_QDIRS, G_PASSFILE, G_NOCOLOR, G_PLAIN, G_WAIT, G_ACCEPT_OLDER,
	G_LOCK_AFTER, G_HELP, G_VERSION };

static const struct cli_opt global_opts[] = {
	[G_JOURNAL] = {"journal", 'j', true, false},
	[G_QDIRS] = {"questionnaires", 0, true, false},
	[G_PASSFILE] = {"passphrase-file", 0, true, false},
	[G_NOCOLOR] = {"no-color", 0, false, false},
	[G_PLAIN] = {"plain", 0, false, false},
	[G_WAIT] = {"wait", 0, true, false},
	[G_ACCEPT_OLDER] = {"accept-older", 0, false, false},
	[G_LOCK_AFTER] = {"lock-after", 0, true, false},
	[G_HELP] = {"help", 'h', false, false},
	[G_VERSION] = {"version", 'V', false, false},
	{0},
};

static const struct cli_opt no_opts[] = {{0}};
static const struct cli_opt show_opts[] = {
	{"json", 0, false, false},
	{"text", 0, false, false},
	{"set", 0, true, false},
	{"page-lines", 0, true, false},
	{"reflection", 0, false, false},
	{0},
};
static const struct cli_opt score_opts[] = {
	{"answers", 0, true, false},
	{"text", 0, false, false},
	{"set", 0, true, false},
	{0},
};

static const struct cli_opt enter_opts[] = {
	{"set", 0, true, false},
	{"output", 'o', true, false},
	{"text", 0, false, false},
	{0},
};

static const struct cli_opt init_opts[] = {
	{"kdf", 0, true, false},
	{0},
};
static const struct cli_opt assess_opts[] = {
	{"answers", 0, true, false},
	{"set", 0, true, false},
	{0},
};
static const struct cli_opt export_opts[] = {
	{"anonymous", 0, false, false},
	{"since", 0, true, false},
	{"questionnaire", 0, true, false},
	{"output", 'o', true, false},
	{0},
};
static const struct cli_opt present_opts[] = {
	{"room", 0, true, true},
	{"save-tally", 0, true, false},
	{0},
};
static const struct cli_opt passwd_opts[] = {
	{"new-passphrase-file", 0, true, false},
	{"recovery-code-file", 0, true, false},
	{"kdf", 0, true, false},
	{0},
};

static const struct cli_command commands[] = {
	{"assess", cmd_assess, assess_opts, 0, 1, "assess [ID|FILE] [--set N] [--answers FILE]",
		"take a questionnaire; with --answers, record an answers file (no screen)"},
	{"history", cmd_history, no_opts, 0, 0, "history",
		"how you have moved between the rungs over time"},
	{"enter", cmd_enter, enter_opts, 1, 1, "enter ID|FILE [--set N] [-o FILE] [--text]",
		"type in a filled-in paper sheet, a line a question; record it in the journal,\n"
		"      or write an answers file (-o), or print the readable result (--text)"},
	{"score", cmd_score, score_opts, 1, 1, "score ID|FILE --answers FILE [--text] [--set N]",
		"print the result of an answers file (JSON or readable text; a CSV of many\n"
		"      people: one result a row); no journal"},
	{"list", cmd_list, no_opts, 0, 0, "list",
		"list the available questionnaires (id, version, title)"},
	{"show", cmd_show, show_opts, 1, 1,
		"show ID|FILE [--json|--text [--set N] [--page-lines N] [--reflection]]",
		"print a questionnaire: normalised JSON, or a paper sheet to hand out"},
	{"export", cmd_export, export_opts, 0, 0,
		"export [--anonymous] [--since DATE] [--questionnaire ID] [-o FILE]",
		"write the journal's content as JSON (anonymous: for a facilitator)"},
	{"import", cmd_import, no_opts, 1, 1, "import FILE",
		"merge an export into the journal (by session id)"},
	{"forget", cmd_forget, no_opts, 1, 1, "forget SESSION-ID",
		"remove one session from the journal (and from its backup)"},
	{"init", cmd_init, init_opts, 0, 0, "init [--kdf LEVEL]",
		"create the journal (LEVEL: min, interactive, moderate, sensitive)"},
	{"passwd", cmd_passwd, passwd_opts, 0, 0,
		"passwd [--new-passphrase-file F] [--recovery-code-file F] [--kdf LEVEL]",
		"change the passphrase, or set a new one with the recovery code"},
	{"present", cmd_present, present_opts, 0, (size_t)-1,
		"present [ID...] [--room FILE...] [--save-tally FILE]",
		"projector mode for facilitators: slides, a show of hands, the room's view"},
	{"validate", cmd_validate, no_opts, 1, (size_t)-1, "validate FILE...",
		"check questionnaire files; exit 1 if any has an error"},
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
		fprintf(out, "  ladder %s\n      %s\n", commands[i].usage, commands[i].summary);
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
		"journal, model (run from the build folder, the pages built there, with\n"
		"man -l, before anything is installed).\n");
}

const char *
cli_safe(const char *s)
{
	/* a few at a time, for the arguments of one printf */
	static char *ring[8];
	static size_t next;
	if (s == NULL) {
		return NULL;
	}
	char *safe = safetext_dup(s);
	if (safe == NULL) {
		return "(out of memory)";
	}
	free(ring[next]);
	ring[next] = safe;
	next = (next + 1) % (sizeof(ring) / sizeof(ring[0]));
	return safe;
}

/* A message on stderr: "ladder: " prefix, the text made safe for a
 * terminal (messages echo ids, file names and values from files). */
__attribute__((format(printf, 2, 0))) static void
message(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char buf[4096];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(stderr, "%s%s%s\n", prefix, cli_safe(buf), suffix);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("ladder: ", fmt, ap, "");
	va_end(ap);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("ladder: warning: ", fmt, ap, "");
	va_end(ap);
}

int
cli_status(const struct ladder_error *err)
{
	return err->status == LADDER_OK ? LADDER_FAIL : err->status;
}

bool
cli_flag(const struct cli_args *a, size_t opt)
{
	return opt < a->n_opts && a->n_vals[opt] > 0;
}

const char *
cli_value(const struct cli_args *a, size_t opt)
{
	if (opt >= a->n_opts || a->n_vals[opt] == 0) {
		return NULL;
	}
	return a->vals[opt][a->n_vals[opt] - 1];
}

static const struct cli_opt *
find_opt(const struct cli_opt *opts, const char *name, size_t name_len,
	char short_name, size_t *index)
{
	for (size_t i = 0; opts != NULL && opts[i].name != NULL; i++) {
		if ((short_name != 0 && opts[i].short_name == short_name) ||
			(short_name == 0 && strlen(opts[i].name) == name_len &&
				strncmp(opts[i].name, name, name_len) == 0)) {
			*index = i;
			return &opts[i];
		}
	}
	return NULL;
}

static bool
push(const char ***v, size_t *n, const char *s)
{
	const char **nv = realloc(*v, (*n + 1) * sizeof(char *));
	if (nv == NULL) {
		return false;
	}
	nv[(*n)++] = s;
	*v = nv;
	return true;
}

struct parsed {
	struct cli_global g;
	bool help, version;
	const char *command;
	const struct cli_command *cmd;
	struct cli_args a;
	const char **rest; /* arguments before the command is known */
	size_t n_rest;
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("ladder: ", fmt, ap, " (see 'ladder --help')");
	va_end(ap);
	return LADDER_USAGE;
}

/* Parses argv: global options anywhere, the first positional argument is
 * the command, the command's own options anywhere after it. */
static int
parse(int argc, char **argv, struct parsed *p)
{
	bool only_pos = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			if (p->command == NULL) {
				p->command = arg;
				continue;
			}
			if (!push(&p->rest, &p->n_rest, arg)) {
				return LADDER_FAIL;
			}
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			continue;
		}
		/* --name[=value] or -x[value] */
		const char *name = arg + (arg[1] == '-' ? 2 : 1);
		bool is_long = arg[1] == '-';
		const char *eq = is_long ? strchr(name, '=') : NULL;
		size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
		char short_name = is_long ? 0 : name[0];
		const char *inline_val = eq ? eq + 1 : (!is_long && name[1] ? name + 1 : NULL);
		size_t idx;
		const struct cli_opt *o = find_opt(global_opts, name, name_len, short_name, &idx);
		if (o != NULL) {
			const char *val = NULL;
			if (o->has_arg) {
				if (inline_val != NULL) {
					val = inline_val;
				} else if (i + 1 < argc) {
					val = argv[++i];
				} else {
					return usage_error("option '%s' needs a value", arg);
				}
			} else if (inline_val != NULL) {
				return usage_error("option '%s' takes no value", arg);
			}
			switch (idx) {
			case G_JOURNAL: p->g.journal = val; break;
			case G_QDIRS:
				if (!push(&p->g.qdirs, &p->g.n_qdirs, val)) {
					return LADDER_FAIL;
				}
				break;
			case G_PASSFILE: p->g.passphrase_file = val; break;
			case G_NOCOLOR: p->g.no_color = true; break;
			case G_PLAIN: p->g.plain = true; break;
			case G_WAIT: {
				char *end;
				errno = 0;
				unsigned long s = strtoul(val, &end, 10);
				if (val[0] < '0' || val[0] > '9' || *end != '\0' || errno != 0 || s > 86400) {
					return usage_error("--wait %s: expected a whole number of seconds from 0 to 86400", val);
				}
				p->g.wait = (unsigned)s;
				vault_lock_wait_set(p->g.wait);
				break;
			}
			case G_ACCEPT_OLDER: p->g.accept_older = true; break;
			case G_LOCK_AFTER: {
				char *end;
				errno = 0;
				double m = strtod(val, &end);
				if (val[0] < '0' || val[0] > '9' || *end != '\0' || errno != 0 ||
					!(m >= 0 && m <= 1440)) {
					return usage_error("--lock-after %s: expected minutes from 0 (never) to 1440", val);
				}
				p->g.lock_after = m;
				break;
			}
			case G_HELP: p->help = true; break;
			case G_VERSION: p->version = true; break;
			default: break;
			}
			continue;
		}
		/* a command option: keep it for the command's parser */
		if (!push(&p->rest, &p->n_rest, arg)) {
			return LADDER_FAIL;
		}
		if (p->command == NULL) {
			return usage_error("unknown option '%s'", arg);
		}
		/* its value, if the command's option takes one, must not be
		 * taken for the command name: resolved in parse_command */
	}
	return LADDER_OK;
}

static int
parse_command(struct parsed *p)
{
	const struct cli_command *cmd = p->cmd;
	size_t n_opts = 0;
	while (cmd->opts[n_opts].name != NULL) {
		n_opts++;
	}
	p->a.n_opts = n_opts;
	p->a.vals = calloc(n_opts ? n_opts : 1, sizeof(*p->a.vals));
	p->a.n_vals = calloc(n_opts ? n_opts : 1, sizeof(*p->a.n_vals));
	if (p->a.vals == NULL || p->a.n_vals == NULL) {
		return LADDER_FAIL;
	}
	const struct cli_opt *multi = NULL;
	size_t multi_idx = 0;
	bool only_pos = false;
	for (size_t i = 0; i < p->n_rest; i++) {
		const char *arg = p->rest[i];
		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			if (multi != NULL) {
				if (!push(&p->a.vals[multi_idx], &p->a.n_vals[multi_idx], arg)) {
					return LADDER_FAIL;
				}
			} else if (!push(&p->a.pos, &p->a.n_pos, arg)) {
				return LADDER_FAIL;
			}
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			multi = NULL;
			continue;
		}
		bool is_long = arg[1] == '-';
		const char *name = arg + (is_long ? 2 : 1);
		const char *eq = is_long ? strchr(name, '=') : NULL;
		size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
		char short_name = is_long ? 0 : name[0];
		const char *inline_val = eq ? eq + 1 : (!is_long && name[1] ? name + 1 : NULL);
		size_t idx;
		const struct cli_opt *o = find_opt(cmd->opts, name, name_len, short_name, &idx);
		multi = NULL;
		if (o == NULL) {
			cli_error("unknown option '%s' for '%s' (usage: ladder %s)",
				arg, cmd->name, cmd->usage);
			return LADDER_USAGE;
		}
		const char *val = NULL;
		if (o->multi) {
			multi = o;
			multi_idx = idx;
			if (inline_val != NULL &&
				!push(&p->a.vals[idx], &p->a.n_vals[idx], inline_val)) {
				return LADDER_FAIL;
			}
			continue;
		}
		if (o->has_arg) {
			if (inline_val != NULL) {
				val = inline_val;
			} else if (i + 1 < p->n_rest) {
				val = p->rest[++i];
			} else {
				cli_error("option '%s' needs a value (usage: ladder %s)",
					arg, cmd->usage);
				return LADDER_USAGE;
			}
		} else if (inline_val != NULL) {
			cli_error("option '%s' takes no value (usage: ladder %s)",
				arg, cmd->usage);
			return LADDER_USAGE;
		}
		if (!push(&p->a.vals[idx], &p->a.n_vals[idx], val)) {
			return LADDER_FAIL;
		}
	}
	if (multi != NULL && p->a.n_vals[multi_idx] == 0) {
		fprintf(stderr, "ladder: option '--%s' needs at least one value (usage: ladder %s)\n",
			multi->name, cmd->usage);
		return LADDER_USAGE;
	}
	if (p->a.n_pos < cmd->min_pos || p->a.n_pos > cmd->max_pos) {
		fprintf(stderr, "ladder: %s for '%s' (usage: ladder %s)\n",
			p->a.n_pos < cmd->min_pos ? "missing argument" : "too many arguments",
			cmd->name, cmd->usage);
		return LADDER_USAGE;
	}
	return LADDER_OK;
}

static void
parsed_finish(struct parsed *p)
{
	for (size_t i = 0; i < p->a.n_opts; i++) {
		free(p->a.vals[i]);
	}
	free(p->a.vals);
	free(p->a.n_vals);
	free(p->a.pos);
	free(p->rest);
	free(p->g.qdirs);
}

int
cli_main(int argc, char **argv)
{
	struct parsed p = {0};
	bool via_help = false;
	p.g.lock_after = 10; /* minutes: the idle lock of the full screen */
	/* the newest generation seen of each journal, to notice an older
	 * copy put in a journal's place */
	char *state = paths_state_file();
	vault_state_file_set(state);
	free(state);
	int rc = parse(argc, argv, &p);
	if (rc != LADDER_OK) {
		goto out;
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
		/* the interactive program: the home screen */
		if (getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0] != '\0') {
			p.g.no_color = true;
		}
		rc = cmd_home(&p.g, &p.a);
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
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i].name, p.command) == 0) {
			p.cmd = &commands[i];
		}
	}
	if (p.cmd == NULL) {
		rc = via_help ? usage_error("no command or page '%s' (pages: %s)", p.command,
			cli_help_pages()) : usage_error("unknown command '%s'", p.command);
		goto out;
	}
	if (p.help) {
		printf("Usage: ladder %s\n%s\nSee ladder(1) for details.\n",
			p.cmd->usage, p.cmd->summary);
		goto out;
	}
	rc = parse_command(&p);
	if (rc != LADDER_OK) {
		goto out;
	}
	if (getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0] != '\0') {
		p.g.no_color = true;
	}
	rc = p.cmd->run(&p.g, &p.a);
out:
	parsed_finish(&p);
	return rc;
}
