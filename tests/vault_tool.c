/* A small driver of the vault for the shell tests (kill -9 loops, locks
 * between processes, umask, leaks). Passphrases, codes and plaintexts come
 * from files ('-' is standard input); the exit status is the vault's status
 * (0 ok, 1 failure, 2 usage, 3 wrong passphrase, 4 damaged, 5 locked).
 *
 *   vault_tool create PATH --pass FILE [--kdf LEVEL] [--plain FILE]
 *                          [--code-out FILE]
 *   vault_tool open PATH (--pass FILE | --code FILE) [--writable]
 *                        [--out FILE] [--ready FILE] [--hold SECONDS]
 *   vault_tool save PATH --pass FILE --plain FILE [--generations N]
 *                        [--ready FILE] [--hold SECONDS]
 *   vault_tool passwd PATH (--pass FILE | --code FILE) --new-pass FILE
 *                          [--kdf LEVEL] [--code-out FILE]
 *
 * save --generations N saves N times, generation i holding
 * "generation i\n" followed by the plaintext. --ready FILE creates FILE
 * once the journal is open (and locked, when writing); --hold sleeps that
 * long before closing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ladder/secret.h"
#include "ladder/vault.h"

struct args {
	const char *cmd, *path, *pass, *code, *new_pass, *plain, *code_out;
	const char *out, *ready;
	const char *kdf;
	bool writable;
	long generations;
	double hold;
};

static int
usage(void)
{
	fprintf(stderr, "usage: vault_tool create|open|save|passwd PATH "
		"[options] (see tests/vault_tool.c)\n");
	return LADDER_USAGE;
}

static int
fail(const struct ladder_error *err)
{
	fprintf(stderr, "vault_tool: %s\n", err->msg);
	return err->status != 0 ? err->status : LADDER_FAIL;
}

static bool
read_all(const char *path, unsigned char **out, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
		open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "vault_tool: %s: %s\n", path, strerror(errno));
		return false;
	}
	size_t cap = 65536, n = 0;
	unsigned char *buf = malloc(cap);
	for (;;) {
		if (buf == NULL) {
			fprintf(stderr, "vault_tool: out of memory\n");
			break;
		}
		if (n == cap) {
			unsigned char *b = realloc(buf, cap *= 2);
			if (b == NULL) {
				free(buf);
				buf = NULL;
				continue;
			}
			buf = b;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r < 0) {
			fprintf(stderr, "vault_tool: %s: %s\n", path, strerror(errno));
			free(buf);
			buf = NULL;
			break;
		}
		if (r == 0) {
			break;
		}
		n += (size_t)r;
	}
	if (fd != STDIN_FILENO) {
		close(fd);
	}
	*out = buf;
	*len = n;
	return buf != NULL;
}

static bool
write_file(const char *path, const unsigned char *p, size_t len)
{
	int fd = strcmp(path, "-") == 0 ? STDOUT_FILENO :
		open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "vault_tool: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (len > 0) {
		ssize_t r = write(fd, p, len);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r <= 0) {
			fprintf(stderr, "vault_tool: %s: %s\n", path, strerror(errno));
			break;
		}
		p += r;
		len -= (size_t)r;
	}
	if (fd != STDOUT_FILENO && close(fd) != 0) {
		return false;
	}
	return len == 0;
}

static void
ready_and_hold(const struct args *a)
{
	if (a->ready != NULL) {
		write_file(a->ready, (const unsigned char *)"", 0);
	}
	if (a->hold > 0) {
		struct timespec ts = {(time_t)a->hold,
			(long)((a->hold - (double)(time_t)a->hold) * 1e9)};
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
		}
	}
}

static bool
parse(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof(*a));
	a->kdf = "min";
	if (argc < 3) {
		return false;
	}
	a->cmd = argv[1];
	a->path = argv[2];
	for (int i = 3; i < argc; i++) {
		const char *o = argv[i];
		if (strcmp(o, "--writable") == 0) {
			a->writable = true;
			continue;
		}
		if (i + 1 >= argc) {
			return false;
		}
		const char *val = argv[++i];
		if (strcmp(o, "--pass") == 0) {
			a->pass = val;
		} else if (strcmp(o, "--code") == 0) {
			a->code = val;
		} else if (strcmp(o, "--new-pass") == 0) {
			a->new_pass = val;
		} else if (strcmp(o, "--plain") == 0) {
			a->plain = val;
		} else if (strcmp(o, "--code-out") == 0) {
			a->code_out = val;
		} else if (strcmp(o, "--out") == 0) {
			a->out = val;
		} else if (strcmp(o, "--ready") == 0) {
			a->ready = val;
		} else if (strcmp(o, "--kdf") == 0) {
			a->kdf = val;
		} else if (strcmp(o, "--generations") == 0) {
			a->generations = strtol(val, NULL, 10);
		} else if (strcmp(o, "--hold") == 0) {
			a->hold = strtod(val, NULL);
		} else {
			return false;
		}
	}
	return true;
}

int
main(int argc, char **argv)
{
	struct args a;
	enum kdf_level level;
	if (!parse(argc, argv, &a) || !kdf_level_from_name(a.kdf, &level)) {
		return usage();
	}
	struct ladder_error err = {0};
	struct secret *pass = NULL, *code = NULL, *new_pass = NULL;
	struct secret *plain = NULL, *new_code = NULL;
	struct vault *v = NULL;
	unsigned char *input = NULL;
	size_t input_len = 0;
	int status = LADDER_FAIL;

	if ((a.pass != NULL && !secret_read_file(a.pass, &pass, &err)) ||
		(a.code != NULL && !secret_read_file(a.code, &code, &err)) ||
		(a.new_pass != NULL &&
			!secret_read_file(a.new_pass, &new_pass, &err))) {
		status = fail(&err);
		goto out;
	}
	if (a.plain != NULL && !read_all(a.plain, &input, &input_len)) {
		goto out;
	}

	if (strcmp(a.cmd, "create") == 0) {
		if (pass == NULL) {
			status = usage();
			goto out;
		}
		if (!vault_create(a.path, pass, level, input, input_len, &new_code,
			&v, &err)) {
			status = fail(&err);
			goto out;
		}
		if (a.code_out != NULL && !write_file(a.code_out, new_code->data,
			new_code->len)) {
			goto out;
		}
		ready_and_hold(&a);
	} else if (strcmp(a.cmd, "open") == 0 || strcmp(a.cmd, "save") == 0 ||
		strcmp(a.cmd, "passwd") == 0) {
		bool save = strcmp(a.cmd, "save") == 0;
		bool passwd = strcmp(a.cmd, "passwd") == 0;
		bool ok;
		if ((pass == NULL) == (code == NULL) || (save && input == NULL) ||
			(passwd && new_pass == NULL)) {
			status = usage();
			goto out;
		}
		if (code != NULL) {
			ok = vault_open_recovery(a.path, code,
				a.writable || save || passwd, &v, &plain, &err);
		} else {
			ok = vault_open(a.path, pass, a.writable || save || passwd, &v,
				&plain, &err);
		}
		if (!ok) {
			status = fail(&err);
			goto out;
		}
		if (a.out != NULL && !write_file(a.out, plain->data, plain->len)) {
			goto out;
		}
		if (save) {
			ready_and_hold(&a);
			if (a.generations <= 0) {
				if (!vault_save(v, input, input_len, &err)) {
					status = fail(&err);
					goto out;
				}
			}
			for (long i = 1; i <= a.generations; i++) {
				char head[64];
				int n = snprintf(head, sizeof(head), "generation %ld\n", i);
				size_t len = (size_t)n + input_len;
				unsigned char *buf = malloc(len);
				if (buf == NULL) {
					goto out;
				}
				memcpy(buf, head, (size_t)n);
				memcpy(buf + n, input, input_len);
				ok = vault_save(v, buf, len, &err);
				free(buf);
				if (!ok) {
					status = fail(&err);
					goto out;
				}
			}
		} else if (passwd) {
			ok = vault_rekey(v, new_pass, level, plain->data, plain->len,
				&new_code, &err);
			/* A code means the new passphrase is in effect, even when
			 * only the final flush of the folder failed. */
			if (new_code != NULL && a.code_out != NULL &&
				!write_file(a.code_out, new_code->data, new_code->len)) {
				goto out;
			}
			if (!ok) {
				status = fail(&err);
				goto out;
			}
		} else {
			ready_and_hold(&a);
		}
	} else {
		status = usage();
		goto out;
	}
	status = 0;
out:
	vault_close(v);
	secret_destroy(new_code);
	secret_destroy(plain);
	secret_destroy(new_pass);
	secret_destroy(code);
	secret_destroy(pass);
	free(input);
	return status;
}
