#pragma once
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include "ladder/catalog.h"
#include "ladder/error.h"
#include "ladder/vault.h"

/* Options that every command accepts, before or after the command name. */
struct cli_global {
	const char *journal;
	const char **qdirs;
	size_t n_qdirs;
	const char *passphrase_file;
	bool no_color;
	bool plain;
	unsigned wait; /* --wait SECONDS: for another process's lock */
	bool accept_older; /* save over a generation older than seen here */
	double lock_after; /* --lock-after MINUTES (default 10; 0: off) */
};

/* A command-line option of a command. */
struct cli_opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 if none */
	bool has_arg;
	bool multi;       /* takes every following non-option argument */
};

/* The arguments of one command after parsing. */
struct cli_args {
	const char **pos;
	size_t n_pos;
	/* per option of the command's table: values given (NULL for flags) */
	const char ***vals;
	size_t *n_vals;
	size_t n_opts;
};

struct cli_command {
	const char *name;
	int (*run)(const struct cli_global *g, const struct cli_args *a);
	const struct cli_opt *opts; /* terminated by {0} */
	size_t min_pos, max_pos;
	const char *usage;   /* "score ID --answers FILE" */
	const char *summary; /* one line */
};

/* The commands: each defined in its own cmd_NAME.c, listed in cli.c. */
extern const struct cli_command cli_cmd_assess, cli_cmd_enter, cli_cmd_history, cli_cmd_score,
	cli_cmd_list, cli_cmd_show, cli_cmd_export, cli_cmd_import, cli_cmd_forget,
	cli_cmd_init, cli_cmd_passwd, cli_cmd_present, cli_cmd_validate, cli_cmd_room,
	cli_cmd_keygen;
/* The option table of a command that has none. */
extern const struct cli_opt cli_no_opts[];
/* No command: the home screen (cmd_home.c). */
int cmd_home(const struct cli_global *g);

/* cmd_score.c: the readable result of ans (result: its result as cJSON)
 * on out, the document the result screen shows; with a
 * command's name, that this command recorded nothing and how to record
 * it. */
struct answers;
bool cli_print_result_text(FILE *out, const struct questionnaire *q,
	const struct answers *ans, const void *result, const char *command);
/* Every problem of an input on standard error, with how many more there
 * were (or "out of memory" when none could be kept). */
struct problems;
void cli_print_problems(const struct problems *pr);

int cli_main(int argc, char **argv);
/* The command of that name, or NULL. */
const struct cli_command *cli_find_command(const char *name);
/* All commands, in the order of --help. */
const struct cli_command *const *cli_command_list(size_t *n);

/* The command line as read (cli_parse.c): first the global options
 * (anywhere), the command's name and the rest; then, with cmd set, the
 * command's own options and arguments. Both return LADDER_OK or the exit
 * status after a message on stderr; cli_parsed_finish frees. */
struct cli_parsed {
	struct cli_global g;
	bool help, version;
	const char *command;
	const struct cli_command *cmd;
	struct cli_args a;
	const char **rest; /* the words after the command, but the global options */
	size_t n_rest;
};
int cli_parse_global(int argc, char **argv, struct cli_parsed *p);
int cli_parse_command(struct cli_parsed *p);
void cli_parsed_finish(struct cli_parsed *p);

/* Helpers shared by the commands. */
bool cli_flag(const struct cli_args *a, size_t opt);
const char *cli_value(const struct cli_args *a, size_t opt); /* last given */
/* Prints "ladder: msg" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* prefix, the message made safe for a terminal, suffix, newline: on stderr. */
#include <stdarg.h>
void cli_message(const char *prefix, const char *fmt, va_list ap, const char *suffix)
	__attribute__((format(printf, 2, 0)));
/* s made safe for a terminal (safetext_dup): control characters shown as
 * ^[ or <U+009B>. The result lives until eight more calls; for the
 * arguments of one printf of untrusted text. */
const char *cli_safe(const char *s);
/* The catalog of built-in and user questionnaires; problems are printed as
 * warnings. NULL (with a message printed) when out of memory. */
struct catalog *cli_catalog(const struct cli_global *g);
/* The same, saying nothing (NULL when out of memory); cli_catalog_warn
 * prints its problems. For the full screen, which reads the catalog once
 * its first frame is drawn and says the problems when it ends. */
struct catalog *cli_catalog_quiet(const struct cli_global *g);
void cli_catalog_warn(const struct catalog *cat);
/* A questionnaire by id from the catalog, or loaded from a file path.
 * *owned is set when the caller must destroy it. NULL after printing the
 * reason. */
const struct questionnaire *cli_questionnaire(const struct catalog *cat,
	const char *arg, struct questionnaire **owned);
/* --set N of a command (option index opt) for q: *set unchanged when not
 * given; false after a message when it is not one of q's sets. */
bool cli_set_value(const struct cli_args *a, size_t opt, const struct questionnaire *q,
	int *set);
/* What a command about one questionnaire starts with: the catalog, the
 * questionnaire its first argument names (an id or a file) and its --set
 * (option set_opt). The exit status after a message; cli_subject_finish
 * frees what it holds. */
struct cli_subject {
	struct catalog *cat;
	struct questionnaire *owned; /* when loaded from a file */
	const struct questionnaire *q;
	int set; /* 0: not given */
};
int cli_subject_open(const struct cli_global *g, const struct cli_args *a, size_t set_opt,
	struct cli_subject *s);
void cli_subject_finish(struct cli_subject *s);
/* Writes a cJSON tree to stdout, formatted, with a final newline. */
bool cli_print_json(const void *json);
int cli_status(const struct ladder_error *err);

/* firstrun.c: warns (on standard error) when pass is weak, as the full
 * screen does; with ask, asks on standard input whether to use it anyway.
 * True to go on with it. */
bool cli_passphrase_strong_enough(const struct secret *pass, bool ask);
/* cmd_help.c: `ladder help [PAGE]` opens a man page (man -l from the build
 * tree); PAGE: ladder, questionnaire, journal, model, sealed, present,
 * answers. */
bool cli_help_is_page(const char *name);
const char *cli_help_pages(void);
int cli_help_page(const char *name);
/* present_deck.c: the deck of present: --deck path resolved against the
 * catalog (qs, of room for cat->n, then holds the questionnaires it names),
 * or (path NULL) one built for minutes (0: 20) from the n_qs of qs. The exit
 * status after a message. */
struct deck;
int cli_present_deck(const struct catalog *cat, const char *path, int minutes,
	bool room, const struct questionnaire **qs, size_t *n_qs, struct deck **out);
/* Whether path holds a JSON document of the format "ladder-deck". */
bool cli_is_deck(const char *path);
/* validate for a deck: "PATH: ok (...)" or the error; true when ok. */
bool cli_validate_deck(const struct catalog *cat, const char *path);

/* Removes the temporary file tmp if a signal ends the process before
 * tempguard_disarm (tempguard.c); SIGXFSZ is ignored meanwhile. */
bool tempguard_arm(const char *tmp);
void tempguard_disarm(void);

/* The journal: its path (caller frees; NULL after a message), the KDF
 * level for new journals ($LADDER_KDF or moderate), and opening it with
 * the passphrase from --passphrase-file or the terminal. Returns the exit
 * status after printing the reason. */
struct store;
char *cli_journal_path(const struct cli_global *g);
enum kdf_level cli_default_kdf(void);
int cli_open_store(const struct cli_global *g, bool writable, struct store **out);
/* The same, with the sessions of an earlier scoring rule scored again
 * with cat's questionnaires (cat may be NULL). */
int cli_open_scored(const struct cli_global *g, bool writable, const struct catalog *cat,
	struct store **out);
/* Records ans to q as a session of the journal (opened, scored again,
 * saved) and says so on standard output; the exit status after a
 * message. */
struct answers;
int cli_record(const struct cli_global *g, const struct catalog *cat,
	const struct questionnaire *q, const struct answers *ans);
/* The journal's path (it must exist) and the passphrase for it, from
 * --passphrase-file or the terminal; the exit status after a message. */
struct secret;
int cli_journal_credentials(const struct cli_global *g, char **path, struct secret **pass);
/* recover.c: opens the journal at path for `passwd` at a terminal: the
 * current passphrase, or (left empty) the recovery code, both typed. */
int cli_open_for_passwd(const char *path, struct store **out);
/* After the journal opened: prints the vault's warning about its place
 * (vault_warning) and, when it is older than the newest generation seen
 * here, says so (accepting it with --accept-older). */
void cli_vault_warning(const struct cli_global *g, struct vault *v);
/* Warns that the 'min' key derivation protects nothing. */
void cli_kdf_note(enum kdf_level level);
/* Shows a new recovery code on standard output and flushes it (to the
 * disk too when it is a file) before the change that puts it in effect;
 * ctx non-NULL: it replaces an old code. A struct vault_code_hook's call. */
bool cli_show_recovery_code(const struct secret *code, void *ctx);
