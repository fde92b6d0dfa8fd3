#pragma once
/* Shared by the benchmarks (meson test --benchmark): synthetic journals
 * made through the core API, timing, child processes and the report. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>

#include "ladder/journal.h"
#include "ladder/questionnaire.h"
#include "ladder/secret.h"

#define BENCH_PASS "bench passphrase"

struct bench {
	char dir[256];       /* a temporary folder, removed by bench_finish */
	char pass_file[300]; /* BENCH_PASS and a newline */
	const char *ladder;  /* $LADDER: the program */
	struct questionnaire *qs[2]; /* the built-in questionnaires */
	struct secret *pass;
	int failures;
};

void bench_init(struct bench *b, const char *name);
void bench_finish(struct bench *b);
/* Exits with the number of failed targets (0: all PASS). */
int bench_exit(struct bench *b);

double bench_now(void);
int bench_cmp_double(const void *a, const void *b);
double bench_median(double *v, size_t n);
/* The least of n: on a shared machine, noise only ever adds time. */
double bench_min(const double *v, size_t n);

/* n completed sessions alternating between the built-in questionnaires,
 * random answers (a few skipped), each with a 300-character note, one a
 * day from 2020-01-01; deterministic for a seed. */
struct journal *bench_journal(struct bench *b, size_t n, uint32_t seed);
/* A journal file (KDF min) at path holding j; returns its size. */
size_t bench_write_journal(struct bench *b, const char *path,
	const struct journal *j);
/* The same journal file, made in a child process: a process that has
 * just held a large journal (its heap, its page tables) forks slowly, and
 * that time would be counted against the program the bench starts. */
size_t bench_make_journal_file(struct bench *b, const char *path, size_t n,
	uint32_t seed);
/* "DIR/NAME" in the bench's folder. */
char *bench_path(const struct bench *b, const char *name);
size_t bench_file_size(const char *path);

/* Runs argv with stdout to out_path (or /dev/null), stderr to the bench's
 * log, and returns the wall time in seconds; *ru gets the child's usage
 * (ru_maxrss: its peak RSS in KiB). Exit status must be 0. */
double bench_run(struct bench *b, char *const argv[], const char *out_path,
	struct rusage *ru);

/* Prints "NAME: VALUE UNIT (limit LIMIT UNIT) PASS|FAIL" and counts a
 * failure when value > limit. */
void bench_check(struct bench *b, const char *what, double value,
	double limit, const char *unit);

/* A program on a pseudo-terminal of rows x cols (TERM=xterm-256color). */
struct bench_pty {
	int fd; /* the master side */
	int pid;
	double started; /* bench_now() just before the fork */
	char *seen;     /* everything read so far */
	size_t n_seen, cap_seen;
};
void bench_pty_start(struct bench *b, struct bench_pty *p, char *const argv[],
	int rows, int cols);
/* Reads until marker has appeared in what was read since `from` bytes;
 * returns bench_now() at that moment, or a negative value after
 * timeout seconds. */
double bench_pty_wait(struct bench_pty *p, size_t from, const char *marker,
	double timeout);
/* Reads until nothing comes for quiet seconds; returns the time the last
 * byte came (or `since` when nothing came). */
double bench_pty_settle(struct bench_pty *p, double since, double quiet);
void bench_pty_write(struct bench_pty *p, const char *s);
/* Ends the program (SIGTERM, then SIGKILL) and closes the terminal. */
void bench_pty_stop(struct bench_pty *p);
