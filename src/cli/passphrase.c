#include "passphrase.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

static int tty_fd = -1;
static struct termios saved;
static volatile sig_atomic_t echo_off;

static void
restore_and_reraise(int sig)
{
	if (echo_off) {
		tcsetattr(tty_fd, TCSAFLUSH, &saved);
		(void)!write(tty_fd, "\n", 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static bool
read_hidden(const char *prompt, struct secret **out, struct ladder_error *err)
{
	struct secret *s = secret_create(SECRET_LINE_MAX);
	if (s == NULL) {
		return error_set(err, LADDER_FAIL, "out of memory");
	}
	struct sigaction sa = {0}, old_int, old_term, old_hup;
	sa.sa_handler = restore_and_reraise;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	bool ok = false;
	if (tcgetattr(tty_fd, &saved) != 0) {
		error_set(err, LADDER_FAIL, "cannot read a passphrase from the terminal: %s", strerror(errno));
		goto out;
	}
	struct termios t = saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	t.c_lflag |= ICANON;
	(void)!write(tty_fd, prompt, strlen(prompt));
	echo_off = 1;
	if (tcsetattr(tty_fd, TCSAFLUSH, &t) != 0) {
		echo_off = 0;
		error_set(err, LADDER_FAIL, "cannot turn off the terminal's echo: %s", strerror(errno));
		goto out;
	}
	size_t n = 0;
	bool too_long = false;
	for (;;) {
		unsigned char c;
		ssize_t r = read(tty_fd, &c, 1);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r <= 0 || c == '\n' || c == '\r') {
			break;
		}
		if (n < SECRET_LINE_MAX) {
			s->data[n++] = c;
		} else {
			too_long = true;
		}
		c = 0;
	}
	tcsetattr(tty_fd, TCSAFLUSH, &saved);
	echo_off = 0;
	(void)!write(tty_fd, "\n", 1);
	if (too_long) {
		error_set(err, LADDER_FAIL, "the passphrase is longer than %d bytes", SECRET_LINE_MAX);
		goto out;
	}
	s->data[n] = '\0';
	s->len = n;
	*out = s;
	s = NULL;
	ok = true;
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	secret_destroy(s);
	return ok;
}

bool
passphrase_prompt(const char *prompt, bool confirm, struct secret **out,
	struct ladder_error *err)
{
	*out = NULL;
	tty_fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (tty_fd < 0) {
		return error_set(err, LADDER_USAGE,
			"no terminal to ask for the passphrase: give --passphrase-file FILE (or '-' for standard input)");
	}
	struct secret *first = NULL, *second = NULL;
	bool ok = read_hidden(prompt, &first, err);
	if (ok && confirm) {
		ok = read_hidden("Type it again: ", &second, err);
		if (ok && (first->len != second->len ||
				  sodium_memcmp(first->data, second->data, first->len) != 0)) {
			ok = error_set(err, LADDER_FAIL, "the two passphrases differ; nothing was changed");
		}
	}
	secret_destroy(second);
	if (ok) {
		*out = first;
	} else {
		secret_destroy(first);
	}
	close(tty_fd);
	tty_fd = -1;
	return ok;
}

bool
passphrase_plain(const char *file, const char *prompt, bool confirm,
	struct secret **out, struct ladder_error *err)
{
	if (file == NULL && !isatty(STDIN_FILENO)) {
		return secret_read_fd(STDIN_FILENO, "standard input", out, err);
	}
	return passphrase_get(file, prompt, confirm, out, err);
}

bool
passphrase_get(const char *file, const char *prompt, bool confirm,
	struct secret **out, struct ladder_error *err)
{
	if (file != NULL) {
		return secret_read_file(file, out, err);
	}
	return passphrase_prompt(prompt, confirm, out, err);
}
