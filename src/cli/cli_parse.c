/* The command line, read in two steps: the options every command takes
 * (anywhere), then the command's own options from its table. One function
 * reads an option word (--name, --name=value, -x, -xvalue) for both. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const struct cli_opt cli_no_opts[] = {{0}};

static int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A usage error on stderr, pointing at the command's usage line (or at
 * --help before a command is known). */
static int
usage_error(const char *usage, const char *fmt, ...)
{
	char suffix[300];
	if (usage != NULL) {
		snprintf(suffix, sizeof(suffix), " (usage: ladder %s)", usage);
	} else {
		snprintf(suffix, sizeof(suffix), " (see 'ladder --help')");
	}
	va_list ap;
	va_start(ap, fmt);
	cli_message("ladder: ", fmt, ap, suffix);
	va_end(ap);
	return LADDER_USAGE;
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

/* Reads the option word words[*i] against opts. Returns 1 when it is one
 * of them (*idx its index; *val its value: inline, or the next word, which
 * *i then passes; NULL for a flag, and for a multi option given without an
 * inline value), 0 when it is not, or LADDER_USAGE / LADDER_FAIL negated
 * after a message. */
static int
take_option(const struct cli_opt *opts, const char *const *words, size_t n,
	size_t *i, const char *usage, size_t *idx, const char **val)
{
	const char *arg = words[*i];
	bool is_long = arg[1] == '-';
	const char *name = arg + (is_long ? 2 : 1);
	const char *eq = is_long ? strchr(name, '=') : NULL;
	size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
	char short_name = is_long ? 0 : name[0];
	const char *inline_val = eq ? eq + 1 : (!is_long && name[1] ? name + 1 : NULL);
	const struct cli_opt *o = NULL;
	for (size_t k = 0; opts[k].name != NULL; k++) {
		if ((short_name != 0 && opts[k].short_name == short_name) ||
			(short_name == 0 && strlen(opts[k].name) == name_len &&
				strncmp(opts[k].name, name, name_len) == 0)) {
			o = &opts[k];
			*idx = k;
			break;
		}
	}
	if (o == NULL) {
		return 0;
	}
	*val = NULL;
	if (o->has_arg || o->multi) {
		if (inline_val != NULL) {
			*val = inline_val;
		} else if (o->multi) {
			return 1;
		} else if (*i + 1 < n) {
			*val = words[++*i];
		} else {
			return -usage_error(usage, "option '%s' needs a value", arg);
		}
	} else if (inline_val != NULL) {
		return -usage_error(usage, "option '%s' takes no value", arg);
	}
	return 1;
}

/* A number from 0 to max, digits first (no sign, no space). */
static bool
number_value(const char *val, double max, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(val, &end);
	if (val[0] < '0' || val[0] > '9' || *end != '\0' || errno != 0 || !(v >= 0 && v <= max)) {
		return false;
	}
	*out = v;
	return true;
}

/* A global option's value into p->g. */
static int
apply_global(struct cli_parsed *p, size_t idx, const char *val)
{
	double v;
	switch (idx) {
	case G_JOURNAL: p->g.journal = val; break;
	case G_QDIRS: return push(&p->g.qdirs, &p->g.n_qdirs, val) ? LADDER_OK : LADDER_FAIL;
	case G_PASSFILE: p->g.passphrase_file = val; break;
	case G_NOCOLOR: p->g.no_color = true; break;
	case G_PLAIN: p->g.plain = true; break;
	case G_WAIT:
		if (!number_value(val, 86400, &v) || v != (unsigned)v) {
			return usage_error(NULL, "--wait %s: expected a whole number of seconds from 0 to 86400", val);
		}
		p->g.wait = (unsigned)v;
		break;
	case G_ACCEPT_OLDER: p->g.accept_older = true; break;
	case G_LOCK_AFTER:
		if (!number_value(val, 1440, &v)) {
			return usage_error(NULL, "--lock-after %s: expected minutes from 0 (never) to 1440", val);
		}
		p->g.lock_after = v;
		break;
	case G_HELP: p->help = true; break;
	case G_VERSION: p->version = true; break;
	default: break;
	}
	return LADDER_OK;
}

int
cli_parse_global(int argc, char **argv, struct cli_parsed *p)
{
	bool only_pos = false;
	p->g.lock_after = 10; /* minutes: the idle lock of the full screen */
	const char *const *words = (const char *const *)argv;
	for (size_t i = 1; i < (size_t)argc; i++) {
		const char *arg = argv[i];
		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			if (p->command == NULL) {
				p->command = arg;
			} else if (!push(&p->rest, &p->n_rest, arg)) {
				return LADDER_FAIL;
			}
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			/* kept: the command's options end there too */
			only_pos = true;
			if (!push(&p->rest, &p->n_rest, arg)) {
				return LADDER_FAIL;
			}
			continue;
		}
		size_t idx;
		const char *val;
		int found = take_option(global_opts, words, (size_t)argc, &i, NULL, &idx, &val);
		if (found < 0) {
			return -found;
		}
		if (found) {
			int rc = apply_global(p, idx, val);
			if (rc != LADDER_OK) {
				return rc;
			}
			continue;
		}
		/* a command option: kept for the command's table; its value, if
		 * it takes one, is not the command name (see cli_parse_command) */
		if (p->command == NULL) {
			return usage_error(NULL, "unknown option '%s'", arg);
		}
		if (!push(&p->rest, &p->n_rest, arg)) {
			return LADDER_FAIL;
		}
	}
	return LADDER_OK;
}

int
cli_parse_command(struct cli_parsed *p)
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
	bool only_pos = false;
	size_t multi = n_opts; /* the multi option taking words, or none */
	for (size_t i = 0; i < p->n_rest; i++) {
		const char *arg = p->rest[i];
		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			bool ok = multi < n_opts ? push(&p->a.vals[multi], &p->a.n_vals[multi], arg)
						 : push(&p->a.pos, &p->a.n_pos, arg);
			if (!ok) {
				return LADDER_FAIL;
			}
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			multi = n_opts;
			continue;
		}
		if (multi < n_opts && p->a.n_vals[multi] == 0) {
			break; /* reported below */
		}
		multi = n_opts;
		size_t idx;
		const char *val;
		int found = take_option(cmd->opts, p->rest, p->n_rest, &i, cmd->usage, &idx, &val);
		if (found < 0) {
			return -found;
		}
		if (found == 0) {
			return usage_error(cmd->usage, "unknown option '%s' for '%s'", arg, cmd->name);
		}
		if (cmd->opts[idx].multi) {
			multi = idx;
			if (val == NULL) {
				continue;
			}
		}
		if (!push(&p->a.vals[idx], &p->a.n_vals[idx], val)) {
			return LADDER_FAIL;
		}
	}
	if (multi < n_opts && p->a.n_vals[multi] == 0) {
		return usage_error(cmd->usage, "option '--%s' needs at least one value",
			cmd->opts[multi].name);
	}
	if (p->a.n_pos < cmd->min_pos || p->a.n_pos > cmd->max_pos) {
		return usage_error(cmd->usage, "%s for '%s'",
			p->a.n_pos < cmd->min_pos ? "missing argument" : "too many arguments", cmd->name);
	}
	return LADDER_OK;
}

void
cli_parsed_finish(struct cli_parsed *p)
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
