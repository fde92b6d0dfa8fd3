/* The journal's file: reading it whole, its identity, and the system
 * calls (through vault_io, which the tests replace) retried on EINTR. */
#include "ladder/vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ladder/genstate.h"
#include "ladder/paths.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "vault_impl.h"

const struct vault_io *
vlt_io(void)
{
	return vault_io_get();
}

int
vlt_retry_open(const char *path, int flags, mode_t mode)
{
	int fd;
	do {
		fd = vlt_io()->open(path, flags, mode);
	} while (fd < 0 && errno == EINTR);
	return fd;
}

int
vlt_retry_link(const char *from, const char *to)
{
	int r;
	do {
		r = vlt_io()->link(from, to);
	} while (r != 0 && errno == EINTR);
	return r;
}

int
vlt_retry_rename(const char *from, const char *to)
{
	int r;
	do {
		r = vlt_io()->rename(from, to);
	} while (r != 0 && errno == EINTR);
	return r;
}

int
vlt_retry_unlink(const char *path)
{
	int r;
	do {
		r = vlt_io()->unlink(path);
	} while (r != 0 && errno == EINTR);
	return r;
}

int
vlt_retry_fchmod(int fd, mode_t mode)
{
	int r;
	do {
		r = vlt_io()->fchmod(fd, mode);
	} while (r != 0 && errno == EINTR);
	return r;
}

/* Linux releases the descriptor even when close() says EINTR, so it must
 * not be retried; where it matters the data was already made durable by
 * fsync, so EINTR is not a failure. */
int
vlt_close_fd(int fd)
{
	int r = vlt_io()->close(fd);
	if (r != 0 && errno == EINTR) {
		return 0;
	}
	return r;
}

bool
vlt_write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		size_t chunk = len < ((size_t)1 << 30) ? len : (size_t)1 << 30;
		ssize_t n = vlt_io()->write(fd, p, chunk);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return false;
		}
		if (n == 0) {
			errno = EIO; /* no progress: never spin */
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* Reads up to len bytes, stopping early only at end of file. */
bool
vlt_read_full(int fd, unsigned char *p, size_t len, size_t *got)
{
	*got = 0;
	while (*got < len) {
		ssize_t n = vlt_io()->read(fd, p + *got, len - *got);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return false;
		}
		if (n == 0) {
			break;
		}
		*got += (size_t)n;
	}
	return true;
}

void
vlt_file_id_from_stat(struct file_id *id, const struct stat *st)
{
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->mtime_sec = st->st_mtim.tv_sec;
	id->mtime_nsec = st->st_mtim.tv_nsec;
}

bool
vlt_file_id_equal(const struct file_id *a, const struct file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
		a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

struct vault *
vlt_alloc(const char *path, char *real)
{
	struct vault *v = calloc(1, sizeof(*v));
	if (v == NULL) {
		free(real);
		return NULL;
	}
	v->lock_fd = -1;
	v->real = real;
	v->path = str_dup(path);
	v->key = sodium_malloc(VAULT_KEY_LEN);
	char *slash = real != NULL ? strrchr(real, '/') : NULL;
	if (slash != NULL) {
		v->base = str_dup(slash + 1);
		v->dir = slash == real ? str_dup("/") :
			str_printf("%.*s", (int)(slash - real), real);
	}
	if (v->path == NULL || v->key == NULL || v->base == NULL ||
		v->dir == NULL) {
		vault_close(v);
		return NULL;
	}
	return v;
}

void
vault_close(struct vault *v)
{
	if (v == NULL) {
		return;
	}
	if (v->lock_fd >= 0) {
		close(v->lock_fd); /* releases the flock */
	}
	sodium_free(v->key);
	free(v->path);
	free(v->real);
	free(v->dir);
	free(v->base);
	free(v);
}

bool
vault_exists(const char *path)
{
	return paths_exists(path);
}

const char *
vault_path(const struct vault *v)
{
	return v->path;
}

bool
vault_writable(const struct vault *v)
{
	return v->lock_fd >= 0;
}

const struct vault_header *
vault_get_header(const struct vault *v)
{
	return &v->hdr;
}

/* Makes the renames in the folder durable. File systems that cannot fsync
 * a folder say EINVAL (or ENOTSUP); there is nothing more to do there. */
bool
vlt_sync_dir(const struct vault *v, int *e)
{
	int fd = vlt_retry_open(v->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0) {
		*e = errno;
		return false;
	}
	bool ok = true;
	if (vlt_io()->fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
		*e = errno;
		ok = false;
	}
	if (vlt_close_fd(fd) != 0 && ok) {
		*e = errno;
		ok = false;
	}
	return ok;
}

bool
vlt_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
		sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void
vlt_drop_cached(const char *path)
{
	/* opened only when it is a regular file: opening a device may do
	 * things */
	struct stat st, fst;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		return;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0) {
		return;
	}
	if (fstat(fd, &fst) == 0 && S_ISREG(fst.st_mode)) {
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	}
	close(fd);
}

bool
vlt_check_unchanged(const struct vault *v, struct ladder_error *err)
{
	struct stat st;
	if (stat(v->real, &st) != 0) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the journal "
			"cannot be found any more (%s); it was moved or removed "
			"since ladder read it", v->path, strerror(errno));
	}
	struct file_id now;
	vlt_file_id_from_stat(&now, &st);
	if (!vlt_file_id_equal(&now, &v->id)) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the file "
			"changed on disk since ladder read it (another program "
			"wrote or replaced it); it was left as it is", v->path);
	}
	return true;
}

/* Reads the whole journal file, refusing sizes no journal can have before
 * reading anything. With sec, into secret memory (*sec; *buf is its data),
 * for the payload to be decrypted where it is. */
bool
vlt_read_journal(const struct vault *v, unsigned char **buf, size_t *len,
	struct file_id *id, struct secret **sec, struct ladder_error *err)
{
	struct secret *s = NULL;
	*buf = NULL;
	*len = 0;
	/* never blocks: a FIFO or a device in its place is refused below,
	 * not waited on (with the lock held) */
	int fd = vlt_retry_open(v->real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
	if (fd < 0) {
		return error_set(err, LADDER_FAIL, "%s: cannot open: %s", v->path,
			strerror(errno));
	}
	bool ok = false;
	struct stat st, st2;
	unsigned char *b = NULL;
	size_t max = VAULT_HEADER_LEN + VAULT_PLAIN_MAX + VAULT_TAG_LEN;
	if (fstat(fd, &st) != 0) {
		error_set(err, LADDER_FAIL, "%s: cannot read: %s", v->path,
			strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, LADDER_FAIL, "%s: not a regular file (%s); a journal "
			"is one, and ladder opens nothing else", v->path,
			S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISDIR(st.st_mode) ? "a folder" :
			S_ISSOCK(st.st_mode) ? "a socket" : "a device");
		goto out;
	}
	if ((uint64_t)st.st_size > max) {
		vlt_damaged(err, v->path, "it is too large to be a journal (%llu "
			"bytes)", (unsigned long long)st.st_size);
		goto out;
	}
	/* One byte more than the size, to notice a file that grows. */
	size_t size = (size_t)st.st_size;
	if (sec != NULL) {
		s = secret_alloc(size + 1);
		b = s != NULL ? s->data : NULL;
	} else {
		b = malloc(size + 1);
	}
	if (b == NULL) {
		vlt_oom(err, v->path);
		goto out;
	}
	size_t got;
	if (!vlt_read_full(fd, b, size + 1, &got)) {
		error_set(err, LADDER_FAIL, "%s: cannot read: %s", v->path,
			strerror(errno));
		goto out;
	}
	if (fstat(fd, &st2) != 0 || got != size) {
		error_set(err, LADDER_FAIL, "%s: the file changed while it was "
			"read; try again", v->path);
		goto out;
	}
	struct file_id a, c;
	vlt_file_id_from_stat(&a, &st);
	vlt_file_id_from_stat(&c, &st2);
	if (!vlt_file_id_equal(&a, &c)) {
		error_set(err, LADDER_FAIL, "%s: the file changed while it was "
			"read; try again", v->path);
		goto out;
	}
	*id = a;
	*buf = b;
	*len = size;
	if (sec != NULL) {
		*sec = s;
		s = NULL;
	}
	b = NULL;
	ok = true;
out:
	if (s != NULL) {
		secret_destroy(s);
	} else if (sec == NULL) {
		free(b);
	}
	vlt_close_fd(fd); /* read-only */
	return ok;
}

/* The absolute path of the folder of path (which exists), then its name. */
char *
vlt_resolve_new(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash != NULL ? slash + 1 : path;
	char *dir = slash == NULL ? str_dup(".") : slash == path ? str_dup("/") :
		str_printf("%.*s", (int)(slash - path), path);
	if (dir == NULL) {
		return NULL;
	}
	char *real_dir = realpath(dir, NULL);
	free(dir);
	if (real_dir == NULL) {
		return NULL;
	}
	char *real = strcmp(real_dir, "/") == 0 ? str_printf("/%s", name) :
		str_printf("%s/%s", real_dir, name);
	free(real_dir);
	return real;
}
