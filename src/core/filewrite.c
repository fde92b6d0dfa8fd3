#include "ladder/filewrite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ladder/util.h"

int
file_temp_create(const char *path, char **tmp, struct ladder_error *err)
{
	*tmp = str_printf("%s.tmp.XXXXXX", path);
	if (*tmp == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
		return -1;
	}
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		error_set(err, LADDER_FAIL, "%s: cannot create: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	/* mkstemp makes it 0600; the lock tells a sweep it is in use */
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR) {
	}
	return fd;
}

/* True when name is base followed by ".tmp." and six characters. */
static bool
is_temp_of(const char *name, const char *base)
{
	size_t n = strlen(base);
	return strncmp(name, base, n) == 0 && strncmp(name + n, ".tmp.", 5) == 0 &&
		strlen(name + n + 5) == 6;
}

size_t
file_temp_sweep(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	char *dir = slash == NULL ? str_dup(".") : slash == path ? str_dup("/") :
		str_printf("%.*s", (int)(slash - path), path);
	DIR *d = dir != NULL ? opendir(dir) : NULL;
	size_t removed = 0;
	struct dirent *e;
	while (d != NULL && base[0] != '\0' && (e = readdir(d)) != NULL) {
		if (!is_temp_of(e->d_name, base)) {
			continue;
		}
		int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		struct stat st;
		if (fd < 0) {
			continue;
		}
		/* only a regular file of ours that no live writer holds */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
			flock(fd, LOCK_EX | LOCK_NB) == 0 &&
			unlinkat(dirfd(d), e->d_name, 0) == 0) {
			removed++;
		}
		close(fd);
	}
	if (d != NULL) {
		closedir(d);
	}
	free(dir);
	return removed;
}

struct file_atomic {
	char *path, *tmp;
	int fd;
	int error; /* errno of the first failure, or 0 */
};

struct file_atomic *
file_atomic_begin(const char *path, struct ladder_error *err)
{
	struct file_atomic *fa = calloc(1, sizeof(*fa));
	if (fa == NULL || (fa->path = str_dup(path)) == NULL) {
		free(fa);
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
		return NULL;
	}
	file_temp_sweep(path);
	fa->fd = file_temp_create(path, &fa->tmp, err);
	if (fa->fd < 0) {
		free(fa->path);
		free(fa);
		return NULL;
	}
	if (fchmod(fa->fd, 0600) != 0) {
		fa->error = errno;
	}
	return fa;
}

const char *
file_atomic_temp(const struct file_atomic *fa)
{
	return fa->tmp;
}

bool
file_atomic_write(void *ctx, const void *data, size_t len)
{
	struct file_atomic *fa = ctx;
	const char *p = data;
	size_t off = 0;
	while (fa->error == 0 && off < len) {
		ssize_t w = write(fa->fd, p + off, len - off);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			fa->error = w < 0 ? errno : EIO;
		} else {
			off += (size_t)w;
		}
	}
	return fa->error == 0;
}

static void
release(struct file_atomic *fa)
{
	free(fa->tmp);
	free(fa->path);
	free(fa);
}

void
file_atomic_abort(struct file_atomic *fa, struct ladder_error *err)
{
	if (fa != NULL) {
		if (fa->error != 0) {
			error_set(err, LADDER_FAIL, "%s: cannot write: %s", fa->path,
				strerror(fa->error));
		}
		close(fa->fd);
		unlink(fa->tmp);
		release(fa);
	}
}

bool
file_atomic_commit(struct file_atomic *fa, struct ladder_error *err)
{
	if (fa->error == 0 && fsync(fa->fd) != 0) {
		fa->error = errno;
	}
	if (close(fa->fd) != 0 && fa->error == 0) {
		fa->error = errno ? errno : EIO;
	}
	if (fa->error == 0 && rename(fa->tmp, fa->path) != 0) {
		fa->error = errno;
	}
	bool ok = fa->error == 0;
	if (!ok) {
		error_set(err, LADDER_FAIL, "%s: cannot write: %s", fa->path,
			strerror(fa->error));
		unlink(fa->tmp);
	}
	release(fa);
	return ok;
}

bool
file_write_atomic(const char *path, const void *data, size_t len,
	struct ladder_error *err)
{
	struct file_atomic *fa = file_atomic_begin(path, err);
	if (fa == NULL) {
		return false;
	}
	file_atomic_write(fa, data, len);
	return file_atomic_commit(fa, err);
}
