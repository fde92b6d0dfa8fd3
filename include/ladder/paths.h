#pragma once
#include <stdbool.h>
#include "ladder/error.h"

/* Folder of the built-in data: $LADDER_DATA_DIR, else the source tree's
 * data/ when running from the build tree, else the installed one. */
const char *paths_data_dir(void);
/* The build folder when this program is the one built there (not an
 * installed copy), else NULL. */
const char *paths_build_root(void);
/* The journal path: $LADDER_JOURNAL, else $XDG_DATA_HOME/ladder/
 * journal.ladder, else ~/.local/share/ladder/journal.ladder. Caller frees;
 * NULL when no home can be found. */
char *paths_default_journal(void);
/* $XDG_CONFIG_HOME/ladder/questionnaires (or ~/.config/...). Caller frees. */
char *paths_user_questionnaires(void);
/* True when anything is at path (a file, a folder, a dangling symbolic
 * link): what would be overwritten or is in the way. */
bool paths_exists(const char *path);
/* mkdir -p with mode 0700 for the folders it creates. */
bool paths_mkdir_parents(const char *path, struct ladder_error *err);
/* True when writing to target would write over the journal at journal, its
 * backup (.bak) or its lock (.lock), however target is spelt: the same file
 * (device and inode, links followed), the same place once folders and links
 * are resolved (a backup not made yet), or the journal's own name when
 * that is a link. Out of memory counts as true. */
bool paths_is_journal_file(const char *journal, const char *target);
/* Where the newest generation seen of each journal is kept:
 * $XDG_STATE_HOME/ladder/generations.json, else ~/.local/state/ladder/...
 * Caller frees; NULL when no home can be found. */
char *paths_state_file(void);
/* A path a person typed, "~" or "~/..." made $HOME's (a shell does this
 * on the command line; a text field must do it itself). malloc'ed; NULL
 * when out of memory. */
char *paths_expand_user(const char *typed);
