#include "ladder/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "ladder/util.h"

const char *
paths_build_root(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		return NULL;
	}
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL) {
		return NULL;
	}
	*slash = '\0';
	char real_build[PATH_MAX];
	if (realpath(LADDER_BUILD_ROOT, real_build) != NULL && strcmp(exe, real_build) == 0) {
		return LADDER_BUILD_ROOT;
	}
	return NULL;
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
