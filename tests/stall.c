/* A test shim, loaded with LD_PRELOAD: an fsync(2) of a file whose name
 * holds ".tmp." stalls (for 60 seconds at most) after creating the file
 * named by $STALL_READY, so a test can send a signal to a program that is
 * in the middle of writing a temporary file, every time. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
fsync(int fd)
{
	int (*real)(int);
	/* POSIX's way around ISO C's ban on object to function pointers */
	void *sym = dlsym(RTLD_NEXT, "fsync");
	memcpy(&real, &sym, sizeof(real));
	char link[64], name[4096];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, name, sizeof(name) - 1);
	const char *ready = getenv("STALL_READY");
	if (n > 0 && ready != NULL) {
		name[n] = '\0';
		if (strstr(name, ".tmp.") != NULL) {
			int m = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0600);
			if (m >= 0) {
				close(m);
			}
			for (int i = 0; i < 600; i++) {
				usleep(100000);
			}
		}
	}
	return real(fd);
}
