#pragma once
#include <stddef.h>
#include <sys/types.h>

/* The seam between the vault and the operating system, so that tests can make
 * any single call of a save fail (ENOSPC, EIO, a short write, EINTR) and can
 * watch the key derivation. The vault calls these with the libc meanings and
 * errno conventions for every read of the journal and every file it writes,
 * links, renames or removes, and for every key derivation. Only the lock
 * file (open, flock), stat/fstat, lseek, realpath, mkdir, the folder
 * listing and the advice to drop the old backup's page cache go to libc
 * directly.
 *
 * Not thread-safe: the seam is a process-wide setting for tests only. */
struct vault_io {
	int (*open)(const char *path, int flags, mode_t mode);
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);
	int (*fchmod)(int fd, mode_t mode);
	int (*fsync)(int fd);
	int (*close)(int fd);
	int (*link)(const char *from, const char *to);
	int (*rename)(const char *from, const char *to);
	int (*unlink)(const char *path);
	/* crypto_pwhash with Argon2id: 0 or -1 with errno set (ENOMEM when
	 * the memory could not be had). */
	int (*kdf)(unsigned char *out, size_t outlen, const char *pw,
		size_t pwlen, const unsigned char *salt, unsigned long long ops,
		size_t mem);
};

/* The libc / libsodium implementation. */
const struct vault_io *vault_io_default(void);
/* The one in use (the default unless a test swapped it). */
const struct vault_io *vault_io_get(void);
/* For tests: use io from now on (it must stay valid); NULL restores the
 * default. */
void vault_io_set(const struct vault_io *io);
