#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"
#include "ladder/answers.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/util.h"

static _Noreturn void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(99);
}

double
bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double
bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double
bench_min(const double *v, size_t n)
{
	double m = v[0];
	for (size_t i = 1; i < n; i++) {
		m = v[i] < m ? v[i] : m;
	}
	return m;
}

void
bench_init(struct bench *b, const char *name)
{
	memset(b, 0, sizeof(*b));
	if (sodium_init() < 0) {
		die("%s", "libsodium cannot start");
	}
	b->ladder = getenv("LADDER");
	if (b->ladder == NULL) {
		b->ladder = LADDER_BUILD_ROOT "/ladder";
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(b->dir, sizeof(b->dir), "%s/ladder-%s.XXXXXX", tmp ? tmp : "/tmp", name);
	if (mkdtemp(b->dir) == NULL) {
		die("cannot create %s", b->dir);
	}
	snprintf(b->pass_file, sizeof(b->pass_file), "%s/pass", b->dir);
	FILE *f = fopen(b->pass_file, "w");
	if (f == NULL || fputs(BENCH_PASS "\n", f) < 0 || fclose(f) != 0) {
		die("cannot write %s", b->pass_file);
	}
	b->pass = secret_from_bytes(BENCH_PASS, strlen(BENCH_PASS));
	static const char *const ids[] = {"cultural", "social-media"};
	for (int i = 0; i < 2; i++) {
		char *p = str_printf("%s/questionnaires/%s.json", LADDER_SOURCE_DATADIR, ids[i]);
		struct ladder_error err = {0};
		if (p == NULL || (b->qs[i] = questionnaire_load(p, &err)) == NULL) {
			die("%s", err.msg);
		}
		free(p);
	}
	setenv("LADDER_KDF", "min", 1);
	setenv("NO_COLOR", "1", 1);
}

void
bench_finish(struct bench *b)
{
	char *cmd = str_printf("rm -rf '%s'", b->dir);
	if (cmd != NULL && system(cmd) != 0) {
		fprintf(stderr, "bench: could not remove %s\n", b->dir);
	}
	free(cmd);
	questionnaire_destroy(b->qs[0]);
	questionnaire_destroy(b->qs[1]);
	secret_destroy(b->pass);
}

int
bench_exit(struct bench *b)
{
	int failures = b->failures;
	bench_finish(b);
	printf("%s\n", failures == 0 ? "all targets met" : "some targets missed");
	return failures == 0 ? 0 : 1;
}

char *
bench_path(const struct bench *b, const char *name)
{
	char *p = str_printf("%s/%s", b->dir, name);
	if (p == NULL) {
		die("%s", "out of memory");
	}
	return p;
}

size_t
bench_file_size(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		die("cannot stat %s", path);
	}
	return (size_t)st.st_size;
}

static uint32_t
rnd(uint32_t *s)
{
	/* xorshift32: fast, deterministic, good enough for test data */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
make_note(char *note, size_t len, uint32_t *s)
{
	static const char *const words[] = {"listened", "asked", "the", "team",
		"felt", "again", "noticed", "assumption", "feedback", "meeting",
		"retreat", "learned", "slower", "question", "différent", "café"};
	size_t n = 0;
	while (n < len) {
		const char *w = words[rnd(s) % (sizeof(words) / sizeof(words[0]))];
		size_t wl = strlen(w);
		if (n + wl + 1 > len) {
			break;
		}
		memcpy(note + n, w, wl);
		n += wl;
		note[n++] = ' ';
	}
	while (n < len) {
		note[n++] = '.';
	}
	note[len] = '\0';
}

struct journal *
bench_journal(struct bench *b, size_t n, uint32_t seed)
{
	struct journal *j = journal_create();
	uint32_t s = seed ? seed : 1;
	char note[301];
	if (j == NULL) {
		die("%s", "out of memory");
	}
	j->created_at = 1577836800; /* 2020-01-01 */
	for (size_t i = 0; i < n; i++) {
		const struct questionnaire *q = b->qs[i % 2];
		struct answers *a = answers_create(q);
		/* a session answers one set, as a real one does; the sets in turn */
		a->set = q->n_sets > 0 ? (int)((i / 2) % (size_t)q->n_sets) + 1 : 0;
		for (size_t k = 0; k < q->n_items; k++) {
			const struct item *it = &q->items[k];
			if (!questionnaire_item_asked(q, k, a->set) || rnd(&s) % 20 == 0) {
				continue; /* another set's, or skipped */
			}
			if (it->kind == ITEM_LIKERT) {
				const struct scale *sc = &q->scales[it->scale];
				a->values[k] = sc->min + (int)(rnd(&s) % (uint32_t)(sc->max - sc->min + 1));
			} else {
				a->values[k] = (int)(rnd(&s) % it->n_options);
			}
		}
		make_note(note, 300, &s);
		a->note = str_dup(note);
		struct result *r = score_compute(q, a);
		int64_t t = 1577836800 + (int64_t)i * 86400 / 4;
		struct ladder_error err = {0};
		if (a->note == NULL || r == NULL ||
			journal_add_session(j, q, a, r, t, t + 600, &err) == NULL) {
			die("%s", "cannot make the journal");
		}
		result_destroy(r);
		answers_destroy(a);
	}
	return j;
}

size_t
bench_write_journal(struct bench *b, const char *path, const struct journal *j)
{
	struct ladder_error err = {0};
	struct secret *plain = journal_serialize(j, &err);
	struct secret *code = NULL;
	if (plain == NULL ||
		!vault_create(path, b->pass, KDF_MIN, plain->data, plain->len, &code, NULL, &err)) {
		die("%s", err.msg);
	}
	secret_destroy(code);
	secret_destroy(plain);
	return bench_file_size(path);
}

size_t
bench_make_journal_file(struct bench *b, const char *path, size_t n, uint32_t seed)
{
	pid_t maker = fork();
	if (maker == 0) {
		struct journal *j = bench_journal(b, n, seed);
		bench_write_journal(b, path, j);
		journal_destroy(j);
		_exit(0);
	}
	int status = 0;
	if (maker < 0 || waitpid(maker, &status, 0) != maker || !WIFEXITED(status) ||
		WEXITSTATUS(status) != 0) {
		die("%s", "cannot make the journal");
	}
	return bench_file_size(path);
}

double
bench_run(struct bench *b, char *const argv[], const char *out_path,
	struct rusage *ru)
{
	char *log = bench_path(b, "stderr.log");
	/* posix_spawn, not fork: the time of copying this process's page
	 * tables (large after a floor run) is not the program's */
	posix_spawn_file_actions_t fa;
	if (posix_spawn_file_actions_init(&fa) != 0 ||
		posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
			O_WRONLY | O_CREAT | O_TRUNC, 0600) != 0 ||
		posix_spawn_file_actions_addopen(&fa, 2, log,
			O_WRONLY | O_CREAT | O_APPEND, 0600) != 0) {
		die("%s", "cannot prepare the child");
	}
	extern char **environ;
	pid_t pid;
	double t0 = bench_now();
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		die("cannot start %s", argv[0]);
	}
	posix_spawn_file_actions_destroy(&fa);
	int status = 0;
	struct rusage usage;
	if (wait4(pid, &status, 0, &usage) != pid) {
		die("%s", "wait4 failed");
	}
	double t = bench_now() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char *cmd = str_printf("cat '%s' >&2", log);
		if (cmd != NULL && system(cmd) != 0) {
			fprintf(stderr, "bench: (no log)\n");
		}
		free(cmd);
		die("%s failed", argv[0]);
	}
	if (ru != NULL) {
		*ru = usage;
	}
	free(log);
	return t;
}

void
bench_check(struct bench *b, const char *what, double value, double limit,
	const char *unit)
{
	bool ok = value <= limit;
	printf("%-58s %10.3f %-3s (target <= %.3f) %s\n", what, value, unit, limit,
		ok ? "PASS" : "FAIL");
	fflush(stdout);
	b->failures += !ok;
}

void
bench_pty_start(struct bench *b, struct bench_pty *p, char *const argv[],
	int rows, int cols)
{
	memset(p, 0, sizeof(*p));
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	(void)b;
	p->started = bench_now();
	pid_t pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (pid < 0) {
		die("forkpty: %s", strerror(errno));
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execv(argv[0], argv);
		_exit(127);
	}
	p->pid = pid;
}

static bool
pty_read(struct bench_pty *p, double timeout)
{
	struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
	int ms = timeout <= 0 ? 0 : (int)(timeout * 1e3) + 1;
	if (poll(&pfd, 1, ms) <= 0) {
		return false;
	}
	if (p->n_seen + 4096 + 1 > p->cap_seen) {
		p->cap_seen = (p->cap_seen ? p->cap_seen * 2 : 65536) + 4096;
		p->seen = realloc(p->seen, p->cap_seen);
		if (p->seen == NULL) {
			die("%s", "out of memory");
		}
	}
	ssize_t n = read(p->fd, p->seen + p->n_seen, 4096);
	if (n <= 0) {
		return false;
	}
	p->n_seen += (size_t)n;
	p->seen[p->n_seen] = '\0';
	return true;
}

double
bench_pty_wait(struct bench_pty *p, size_t from, const char *marker,
	double timeout)
{
	double end = bench_now() + timeout;
	for (;;) {
		if (p->seen != NULL && from <= p->n_seen &&
			memmem(p->seen + from, p->n_seen - from, marker, strlen(marker)) != NULL) {
			return bench_now();
		}
		double left = end - bench_now();
		if (left <= 0 || !pty_read(p, left)) {
			if (bench_now() >= end) {
				return -1;
			}
		}
	}
}

double
bench_pty_settle(struct bench_pty *p, double since, double quiet)
{
	double last = since;
	while (pty_read(p, quiet)) {
		last = bench_now();
	}
	return last;
}

void
bench_pty_write(struct bench_pty *p, const char *s)
{
	size_t n = strlen(s);
	if (write(p->fd, s, n) != (ssize_t)n) {
		die("%s", "cannot write to the terminal");
	}
}

void
bench_pty_stop(struct bench_pty *p)
{
	kill(p->pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		int status;
		/* drain, so a program blocked on output can exit */
		pty_read(p, 0.01);
		if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
			p->pid = 0;
			break;
		}
	}
	if (p->pid != 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, NULL, 0);
	}
	close(p->fd);
	free(p->seen);
	memset(p, 0, sizeof(*p));
}
