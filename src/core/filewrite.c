#include "ladder/filewrite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ladder/util.h"

bool
file_write_atomic(const char *path, const void *data, size_t len,
	struct ladder_error *err)
{
	char *tmp = str_printf("%s.tmp.XXXXXX", path);
	if (tmp == NULL) {
		return error_set(err, LADDER_FAIL, "%s: out of memory", path);
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		error_set(err, LADDER_FAIL, "%s: cannot create: %s", path, strerror(errno));
		free(tmp);
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
