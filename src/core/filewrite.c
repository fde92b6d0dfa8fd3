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

bool
file_write_atomic(const char *path, const void *data, size_t len,
	struct ladder_error *err)
{
	char *tmp = NULL;
	file_temp_sweep(path);
	int fd = file_temp_create(path, &tmp, err);
	if (fd < 0) {
		return false;
	}
	const char *p = data;
	size_t off = 0;
	bool ok = fchmod(fd, 0600) == 0;
	while (ok && off < len) {
		ssize_t w = write(fd, p + off, len - off);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		ok = w > 0;
		off += ok ? (size_t)w : 0;
	}
	ok = ok && fsync(fd) == 0;
	int saved = errno;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, path) != 0) {
		saved = errno;
		ok = false;
	}
	if (!ok) {
		error_set(err, LADDER_FAIL, "%s: cannot write: %s", path,
			strerror(saved ? saved : EIO));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}
