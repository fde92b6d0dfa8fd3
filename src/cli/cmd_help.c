/* `ladder help [PAGE]`: a man page, read with man(1). From the build tree
 * it is the page just built there (man -l), so the pages can be read
 * before anything is installed. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cli.h"
#include "ladder/paths.h"
#include "ladder/util.h"

extern char **environ;

static const struct {
	const char *name, *page, *section;
} pages[] = {
	{"ladder", "ladder", "1"},
	{"questionnaire", "ladder-questionnaire", "5"},
	{"journal", "ladder-journal", "5"},
	{"model", "ladder-model", "7"},
	{"sealed", "ladder-sealed", "5"},
	{"present", "ladder-present", "1"},
	{"answers", "ladder-answers", "5"},
};

#define N_PAGES (sizeof(pages) / sizeof(pages[0]))

static long
page_index(const char *name)
{
	for (size_t i = 0; i < N_PAGES; i++) {
		if (strcmp(name, pages[i].name) == 0 || strcmp(name, pages[i].page) == 0) {
			return (long)i;
		}
	}
	return -1;
}

bool
cli_help_is_page(const char *name)
{
	return page_index(name) >= 0;
}

const char *
cli_help_pages(void)
{
	return "ladder, questionnaire, journal, model, sealed, present, answers";
}

/* Runs argv (argv[0] found on PATH) and waits: its exit status, or -1
 * with errno when it could not be started. */
static int
run_wait(char *const argv[])
{
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (e != 0) {
		errno = e;
		return -1;
	}
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			return -1;
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
cli_help_page(const char *name)
{
	long i = page_index(name != NULL ? name : "ladder");
	if (i < 0) {
		cli_error("no page '%s' (pages: %s)", name, cli_help_pages());
		return LADDER_USAGE;
	}
	const char *build = paths_build_root();
	char *file = NULL, *named = NULL;
	int rc = LADDER_FAIL;
	if (build != NULL) {
		file = str_printf("%s/man/%s.%s", build, pages[i].page, pages[i].section);
		struct stat st;
		if (file == NULL) {
			cli_error("out of memory");
			goto out;
		}
		if (stat(file, &st) != 0) {
			cli_error("%s was not built (it needs scdoc: apt-get install scdoc, then "
				"meson compile -C %s); its source is man/%s.%s.scd", file, build,
				pages[i].page, pages[i].section);
			goto out;
		}
		char *argv[] = {"man", "-l", file, NULL};
		int st_man = run_wait(argv);
		if (st_man < 0) {
			cli_error("cannot run man (%s): the page is %s (apt-get install man-db "
				"to read it with man -l)", strerror(errno), file);
			goto out;
		}
		rc = st_man == 0 ? LADDER_OK : LADDER_FAIL;
		goto out;
	}
	named = str_printf("%s", pages[i].page);
	if (named == NULL) {
		cli_error("out of memory");
		goto out;
	}
	char *argv[] = {"man", (char *)pages[i].section, named, NULL};
	int st_man = run_wait(argv);
	if (st_man < 0) {
		cli_error("cannot run man (%s): install man-db to read %s(%s)", strerror(errno),
			pages[i].page, pages[i].section);
		goto out;
	}
	rc = st_man == 0 ? LADDER_OK : LADDER_FAIL;
out:
	free(named);
	free(file);
	return rc;
}
