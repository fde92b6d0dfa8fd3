/* A temporary file that holds plaintext (export -o) must not outlive the
 * process: on any signal that would end it, the file is removed first and
 * the signal then takes its default course. SIGXFSZ (a file size limit,
 * ulimit -f) is ignored meanwhile, so the write fails with EFBIG and is
 * reported like a full disk. SIGKILL cannot be caught: the next write to
 * the same target sweeps what it left (file_temp_sweep). */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2,
	SIGXCPU, SIGVTALRM, SIGPROF, SIGIO, SIGPWR,
};
#define N_FATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static char guarded[4096];
static volatile sig_atomic_t armed;
static struct sigaction saved[N_FATAL], saved_xfsz;

static void
on_signal(int sig)
{
	if (armed) {
		unlink(guarded);
		armed = 0;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

bool
tempguard_arm(const char *tmp)
{
	if (strlen(tmp) >= sizeof(guarded)) {
		return false;
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	memcpy(guarded, tmp, strlen(tmp) + 1);
	armed = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < N_FATAL; i++) {
		sigaction(fatal_signals[i], NULL, &saved[i]);
		/* a signal ignored by whoever started us stays ignored */
		if (saved[i].sa_handler != SIG_IGN) {
			sigaction(fatal_signals[i], &sa, NULL);
		}
	}
	sa.sa_handler = SIG_IGN;
	sigaction(SIGXFSZ, &sa, &saved_xfsz);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return true;
}

void
tempguard_disarm(void)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	armed = 0;
	for (size_t i = 0; i < N_FATAL; i++) {
		sigaction(fatal_signals[i], &saved[i], NULL);
	}
	sigaction(SIGXFSZ, &saved_xfsz, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
}
