/* Startup to the first frame of `ladder present` and of the unlock screen
 * (ladder with a journal to open), against a minimal curses program that
 * draws one frame and against `dialog --infobox`, each on a pseudo-terminal
 * of 100x30: the time from the fork until the frame's last text has
 * reached the terminal. Targets: `ladder present` no slower than dialog
 * --infobox (that check is skipped, and says so, when dialog is not on the
 * PATH); both at most twice the minimal program's time. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ladder/util.h"

#define RUNS 15

static double
first_frame(struct bench *b, char *const argv[], const char *marker)
{
	struct bench_pty p;
	bench_pty_start(b, &p, argv, 30, 100);
	double t = bench_pty_wait(&p, 0, marker, 10.0);
	if (t < 0) {
		fprintf(stderr, "bench: %s never showed \"%s\"; it wrote:\n%.*s\n", argv[0],
			marker, (int)(p.n_seen < 4000 ? p.n_seen : 4000), p.seen ? p.seen : "");
		exit(99);
	}
	t -= p.started;
	bench_pty_stop(&p);
	return t;
}

/* dialog on the PATH, or NULL. */
static char *
find_dialog(void)
{
	const char *path = getenv("PATH");
	char *copy = str_dup(path != NULL ? path : "/usr/bin:/bin");
	char *found = NULL;
	for (char *dir = strtok(copy, ":"); dir != NULL && found == NULL; dir = strtok(NULL, ":")) {
		char *p = str_printf("%s/dialog", dir);
		if (access(p, X_OK) == 0) {
			found = p;
		} else {
			free(p);
		}
	}
	free(copy);
	return found;
}

int
main(void)
{
	struct bench b;
	bench_init(&b, "bench-startup");
	char *journal = bench_path(&b, "journal.ladder");
	struct journal *j = bench_journal(&b, 100, 7);
	bench_write_journal(&b, journal, j);
	journal_destroy(j);
	setenv("HOME", b.dir, 1);
	char *config = bench_path(&b, "config"), *data = bench_path(&b, "data");
	setenv("XDG_CONFIG_HOME", config, 1);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("LADDER_JOURNAL", journal, 1);
	const char *min = getenv("MIN_CURSES");
	if (min == NULL) {
		min = LADDER_BUILD_ROOT "/tests/bench/min_curses";
	}
	char *min_argv[] = {(char *)min, NULL};
	char *present_argv[] = {(char *)b.ladder, "present", NULL};
	char *unlock_argv[] = {(char *)b.ladder, NULL};
	char *dialog = find_dialog();
	char *dialog_argv[] = {dialog, "--infobox", "dialog frame drawn", "5", "30", NULL};
	double tmin[RUNS], tpresent[RUNS], tunlock[RUNS], tdialog[RUNS];
	for (int r = 0; r < RUNS; r++) {
		tmin[r] = first_frame(&b, min_argv, "minimal frame drawn");
		tpresent[r] = first_frame(&b, present_argv, "1/");
		tunlock[r] = first_frame(&b, unlock_argv, "F1 keys");
		if (dialog != NULL) {
			tdialog[r] = first_frame(&b, dialog_argv, "dialog frame drawn");
		}
	}
	double m = bench_median(tmin, RUNS);
	double p = bench_median(tpresent, RUNS);
	double u = bench_median(tunlock, RUNS);
	printf("first frame, median of %d on a 100x30 pty: minimal curses program %.2f ms, "
		"ladder present %.2f ms, unlock screen %.2f ms\n", RUNS, m * 1e3, p * 1e3, u * 1e3);
	if (dialog != NULL) {
		double d = bench_median(tdialog, RUNS);
		printf("    %s --infobox %.2f ms\n", dialog, d * 1e3);
		bench_check(&b, "ladder present first frame / dialog --infobox", p / d, 1.0, "x");
	} else {
		printf("SKIPPED: ladder present first frame / dialog --infobox: dialog is not "
			"on the PATH (install it, e.g. apt-get install dialog, to measure it)\n");
	}
	free(dialog);
	bench_check(&b, "ladder present first frame / minimal curses program", p / m, 2.0, "x");
	bench_check(&b, "unlock screen first frame / minimal curses program", u / m, 2.0, "x");
	free(config);
	free(data);
	free(journal);
	return bench_exit(&b);
}
