#include "ladder/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "ladder/util.h"

static bool
in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		return false;
	}
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL) {
		return false;
	}
	*slash = '\0';
	char real_build[PATH_MAX];
	return realpath(LADDER_BUILD_ROOT, real_build) != NULL && strcmp(exe, real_build) == 0;
}

const char *
paths_build_root(void)
{
	/* the program does not move while it runs: looked up once (a start
	 * asks three times, for the questionnaires, editions and model) */
	static int known = -1;
	if (known < 0) {
		known = in_build_tree();
	}
	return known ? LADDER_BUILD_ROOT : NULL;
}

const char *
paths_data_dir(void)
{
	const char *env = getenv("LADDER_DATA_DIR");
	if (env != NULL && env[0] != '\0') {
		return env;
	}
	return paths_build_root() != NULL ? LADDER_SOURCE_DATADIR : LADDER_DATADIR;
}

static char *
xdg_path(const char *var, const char *fallback, const char *rest)
{
	const char *base = getenv(var);
	if (base != NULL && base[0] == '/') {
		return str_printf("%s/%s", base, rest);
	}
	const char *home = getenv("HOME");
	if (home == NULL || home[0] == '\0') {
		return NULL;
	}
	return str_printf("%s/%s/%s", home, fallback, rest);
}

char *
paths_default_journal(void)
{
	const char *env = getenv("LADDER_JOURNAL");
	if (env != NULL && env[0] != '\0') {
		return str_dup(env);
	}
	return xdg_path("XDG_DATA_HOME", ".local/share", "ladder/journal.ladder");
}

char *
paths_user_questionnaires(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "ladder/questionnaires");
}

bool
paths_mkdir_parents(const char *path, struct ladder_error *err)
{
	char *p = str_dup(path);
	if (p == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	for (char *s = p + 1; *s != '\0'; s++) {
		if (*s != '/') {
			continue;
		}
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			error_set(err, LADDER_FAIL, "%s: cannot create the folder: %s",
				p, strerror(errno));
			free(p);
			return false;
		}
		*s = '/';
	}
	free(p);
	return true;
}

/* path with its folder resolved (links followed; the folder must exist),
 * and the file itself resolved too when it is a link to something that
 * exists. NULL when the folder cannot be resolved. */
static char *
resolve(const char *path)
{
	char *real = realpath(path, NULL);
	if (real != NULL) {
		return real;
	}
	const char *slash = strrchr(path, '/');
	const char *name = slash != NULL ? slash + 1 : path;
	char *dir = slash == NULL ? str_dup(".") : slash == path ? str_dup("/") :
		str_printf("%.*s", (int)(slash - path), path);
	char *real_dir = dir != NULL ? realpath(dir, NULL) : NULL;
	free(dir);
	if (real_dir == NULL) {
		return NULL;
	}
	real = str_printf("%s/%s", strcmp(real_dir, "/") == 0 ? "" : real_dir, name);
	free(real_dir);
	return real;
}

static bool
same_inode(const char *a, const struct stat *b)
{
	struct stat st;
	return stat(a, &st) == 0 && st.st_dev == b->st_dev && st.st_ino == b->st_ino;
}

bool
paths_is_journal_file(const char *journal, const char *target)
{
	char *real = resolve(journal);
	char *want = resolve(target);
	struct stat tst, lst;
	bool t_exists = stat(target, &tst) == 0;
	bool t_link = lstat(target, &lst) == 0;
	bool hit = false;
	const char *suffixes[] = {"", ".bak", ".lock"};
	for (size_t i = 0; !hit && real != NULL && i < 3; i++) {
		char *c = str_printf("%s%s", real, suffixes[i]);
		if (c == NULL) {
			hit = true; /* out of memory: refuse rather than risk it */
			break;
		}
		hit = (want != NULL && strcmp(c, want) == 0) ||
			(t_exists && same_inode(c, &tst));
		free(c);
	}
	/* the journal's own name when it is a link: writing over the link
	 * replaces it */
	if (!hit && t_link) {
		struct stat jl;
		hit = lstat(journal, &jl) == 0 && jl.st_dev == lst.st_dev &&
			jl.st_ino == lst.st_ino;
	}
	free(real);
	free(want);
	return hit;
}

char *
paths_state_file(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg != NULL && xdg[0] == '/') {
		return str_printf("%s/ladder/generations.json", xdg);
	}
	const char *home = getenv("HOME");
	if (home != NULL && home[0] != '\0') {
		return str_printf("%s/.local/state/ladder/generations.json", home);
	}
	return NULL;
}

bool
paths_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

char *
paths_expand_user(const char *typed)
{
	if (typed[0] == '~' && (typed[1] == '/' || typed[1] == '\0')) {
		const char *home = getenv("HOME");
		return str_printf("%s%s", home ? home : "", typed + 1);
	}
	return str_dup(typed);
}
