#include "ladder/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct secret *
secret_alloc(size_t len)
{
	if (sodium_init() < 0 || len == SIZE_MAX) {
		return NULL;
	}
	struct secret *s = calloc(1, sizeof(*s));
	if (s == NULL) {
		return NULL;
	}
	s->data = sodium_malloc(len + 1);
	if (s->data == NULL) {
		free(s);
		return NULL;
	}
	s->data[len] = '\0';
	s->len = len;
	return s;
}

struct secret *
secret_create(size_t len)
{
	struct secret *s = secret_alloc(len);
	if (s != NULL) {
		sodium_memzero(s->data, len + 1);
	}
	return s;
}

struct secret *
secret_from_bytes(const void *p, size_t len)
{
	struct secret *s = secret_alloc(len);
	if (s != NULL && len > 0) {
		memcpy(s->data, p, len);
	}
	return s;
}

void
secret_destroy(struct secret *s)
{
	if (s == NULL) {
		return;
	}
	sodium_free(s->base != NULL ? s->base : s->data); /* wipes */
	free(s);
}

bool
secret_read_fd(int fd, const char *name, struct secret **out,
	struct ladder_error *err)
{
	*out = NULL;
	/* Room for the longest line, a '\r' before its '\n', and one byte more
	 * to notice a line that is too long. The bytes go straight into secret
	 * memory, one read at a time, so that no copy sits on the stack and a
	 * pipe is not read past the first line. */
	size_t cap = SECRET_LINE_MAX + 2;
	struct secret *s = secret_create(cap);
	if (s == NULL) {
		return error_set(err, LADDER_FAIL, "%s: out of memory", name);
	}
	size_t n = 0;
	bool newline = false;
	while (n < cap) {
		ssize_t r = read(fd, s->data + n, 1);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			int e = errno;
			secret_destroy(s);
			return error_set(err, LADDER_FAIL,
				"%s: cannot read the passphrase: %s", name, strerror(e));
		}
		if (r == 0) {
			break;
		}
		if (s->data[n] == '\n') {
			s->data[n] = '\0';
			newline = true;
			break;
		}
		n++;
	}
	if (newline && n > 0 && s->data[n - 1] == '\r') {
		s->data[--n] = '\0';
	}
	if (n > SECRET_LINE_MAX) {
		secret_destroy(s);
		return error_set(err, LADDER_FAIL,
			"%s: the passphrase line is longer than %d bytes; "
			"put the passphrase alone on the first line",
			name, SECRET_LINE_MAX);
	}
	s->len = n;
	*out = s;
	return true;
}

bool
secret_read_file(const char *path, struct secret **out,
	struct ladder_error *err)
{
	*out = NULL;
	if (strcmp(path, "-") == 0) {
		return secret_read_fd(STDIN_FILENO, "standard input", out, err);
	}
	int fd;
	do {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		return error_set(err, LADDER_FAIL,
			"%s: cannot open the passphrase file: %s", path,
			strerror(errno));
	}
	bool ok = secret_read_fd(fd, path, out, err);
	close(fd);
	return ok;
}
