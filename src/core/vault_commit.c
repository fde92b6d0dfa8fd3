/* Writing a new generation: the lock, temporary files, the backup of
 * the previous generation and the commit by renames. */
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

/* How long a writable open waits for another process's lock (seconds). */
static unsigned lock_wait;

void
vault_lock_wait_set(unsigned seconds)
{
	lock_wait = seconds;
}

bool
vlt_take_lock(struct vault *v, struct ladder_error *err)
{
	char *lock_path = str_printf("%s.lock", v->real);
	if (lock_path == NULL) {
		return vlt_oom(err, v->path);
	}
	int fd;
	do {
		fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
			O_NOCTTY | O_NONBLOCK, 0600);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		error_set(err, LADDER_FAIL, "%s: cannot open the lock file %s: "
			"%s", v->path, lock_path, strerror(errno));
		free(lock_path);
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		error_set(err, LADDER_FAIL, "%s: the lock file %s is not a regular "
			"file; remove it (ladder makes it again)", v->path, lock_path);
		free(lock_path);
		return false;
	}
	/* taken at once, or (with a wait set) tried again until the wait is
	 * over, as SQLite's busy timeout does */
	int r;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		r = flock(fd, LOCK_EX | LOCK_NB);
		if (r == 0 || (errno != EINTR && errno != EWOULDBLOCK)) {
			break;
		}
		if (errno == EWOULDBLOCK) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			double waited = (double)(now.tv_sec - start.tv_sec) +
				(double)(now.tv_nsec - start.tv_nsec) / 1e9;
			if (waited >= (double)lock_wait) {
				break;
			}
			struct timespec pause = {0, 20 * 1000 * 1000};
			nanosleep(&pause, NULL);
		}
	}
	if (r != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK && lock_wait > 0) {
			error_set(err, LADDER_LOCKED, "%s: still in use by another "
				"ladder process after waiting %u s (it holds the lock "
				"%s); close it and try again, or wait longer with "
				"--wait SECONDS", v->path, lock_wait, lock_path);
		} else if (e == EWOULDBLOCK) {
			error_set(err, LADDER_LOCKED, "%s: in use by another ladder "
				"process (it holds the lock %s); close it and try "
				"again, or let ladder wait for it with --wait SECONDS",
				v->path, lock_path);
		} else {
			error_set(err, LADDER_FAIL, "%s: cannot lock %s: %s",
				v->path, lock_path, strerror(e));
		}
		free(lock_path);
		return false;
	}
	free(lock_path);
	v->lock_fd = fd;
	return true;
}

static bool
is_temp_name(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp.", 5) != 0) {
		return false;
	}
	const char *s = name + n + 5;
	if (strlen(s) != 6) {
		return false;
	}
	for (; *s != '\0'; s++) {
		if (strchr(vlt_base32, *s) == NULL) {
			return false;
		}
	}
	return true;
}

/* Under the lock, temp files can only be left over from a crash. Best
 * effort: what cannot be removed now is tried again at the next open. */
void
vlt_remove_stale_temps(const struct vault *v)
{
	DIR *d = opendir(v->dir);
	if (d == NULL) {
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_temp_name(e->d_name, v->base)) {
			continue;
		}
		char *p = str_printf("%s/%s", v->dir, e->d_name);
		if (p != NULL && vlt_retry_unlink(p) != 0) {
			/* left for the next open */
		}
		free(p);
	}
	closedir(d);
}

static char *
temp_path(const char *real)
{
	char suffix[7];
	for (int i = 0; i < 6; i++) {
		suffix[i] = vlt_base32[randombytes_uniform(32)];
	}
	suffix[6] = '\0';
	return str_printf("%s.tmp.%s", real, suffix);
}

/* Creates a new temp file next to the journal: O_EXCL, mode 0600. */
static int
create_temp(const struct vault *v, char **tmp, struct ladder_error *err)
{
	*tmp = NULL;
	for (int tries = 0; tries < 32; tries++) {
		char *p = temp_path(v->real);
		if (p == NULL) {
			vlt_oom(err, v->path);
			return -1;
		}
		/* read and write: a new file is read back once written */
		int fd = vlt_retry_open(p, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
			O_NOFOLLOW | O_NOCTTY, 0600);
		if (fd >= 0) {
			*tmp = p;
			return fd;
		}
		int e = errno;
		free(p);
		if (e != EEXIST) {
			error_set(err, LADDER_FAIL, "%s: not saved: cannot create a "
				"temporary file in %s: %s; the journal on disk is "
				"unchanged", v->path, v->dir, strerror(e));
			return -1;
		}
	}
	error_set(err, LADDER_FAIL, "%s: not saved: cannot find a free "
		"temporary file name in %s", v->path, v->dir);
	return -1;
}

bool
vlt_io_failed(const struct vault *v, const char *what, int e,
	struct ladder_error *err)
{
	return error_set(err, LADDER_FAIL, "%s: not saved: %s failed: %s; the "
		"journal on disk is unchanged", v->path, what, strerror(e));
}

/* The sink of a seal into a new file. When the last chunk is written, what
 * was written is checked against the file: its size, and its header and
 * its last 64 KiB (with the tag) read back. */
enum { TAIL = (1 << 16) + VAULT_TAG_LEN };
struct file_sink {
	struct vlt_sink s;
	int fd;
	off_t len;                            /* written so far */
	unsigned char head[VAULT_HEADER_LEN]; /* the first bytes written */
	size_t head_len;
	const char *what;                     /* what failed */
};

/* Reads len bytes at off of fd and compares them with want; false with
 * errno set when they could not be read or differ (EIO). */
static bool
reads_back(int fd, off_t off, const unsigned char *want, size_t len)
{
	unsigned char *got = malloc(len > 0 ? len : 1);
	size_t n = 0;
	bool ok = got != NULL && lseek(fd, off, SEEK_SET) == off &&
		vlt_read_full(fd, got, len, &n);
	if (ok && (n != len || memcmp(got, want, len) != 0)) {
		errno = EIO;
		ok = false;
	}
	int e = errno;
	free(got);
	errno = e;
	return ok;
}

static bool
file_put(struct vlt_sink *s, const unsigned char *data, size_t len, bool last)
{
	struct file_sink *f = (struct file_sink *)s;
	if (f->head_len < VAULT_HEADER_LEN) {
		size_t k = VAULT_HEADER_LEN - f->head_len < len ?
			VAULT_HEADER_LEN - f->head_len : len;
		memcpy(f->head + f->head_len, data, k);
		f->head_len += k;
	}
	if (!vlt_write_all(f->fd, data, len)) {
		f->what = "writing the temporary file";
		return false;
	}
	f->len += (off_t)len;
	if (!last) {
		return true;
	}
	/* the end of the last chunk: the last stage and the tag */
	size_t tail = len < TAIL ? len : TAIL;
	struct stat st;
	bool ok = fstat(f->fd, &st) == 0;
	if (ok && st.st_size != f->len) {
		errno = EIO;
		ok = false;
	}
	if (!ok || !reads_back(f->fd, 0, f->head, f->head_len) ||
		!reads_back(f->fd, f->len - (off_t)tail, data + len - tail, tail)) {
		f->what = "reading the temporary file back as it was written";
		return false;
	}
	return true;
}

/* Seals c into a new temp file, made durable and closed; *id is the
 * identity the file will have once renamed into place. On failure nothing
 * is left behind. An fsync that failed is never retried: the file is
 * dropped. */
bool
vlt_write_temp(const struct vault *v, const struct vlt_content *c,
	char **tmp, struct file_id *id, struct ladder_error *err)
{
	int fd = create_temp(v, tmp, err);
	if (fd < 0) {
		return false;
	}
	const char *what = NULL;
	struct stat st;
	struct file_sink f = {.s = {file_put}, .fd = fd};
	enum vlt_seal r = VLT_SEAL_OK;
	if (vlt_retry_fchmod(fd, 0600) != 0) {
		what = "setting the mode of the temporary file";
	} else if ((r = vlt_seal_gen_to(v->path, c->h, c->key, c->generation, c->jid,
		c->p, c->n, &f.s, err)) != VLT_SEAL_OK) {
		what = f.what;
	} else if (vlt_io()->fsync(fd) != 0) {
		what = "flushing the temporary file to disk";
	} else if (fstat(fd, &st) != 0) {
		what = "reading the temporary file's status";
	}
	int e = errno;
	if (what == NULL && r == VLT_SEAL_OK) {
		vlt_file_id_from_stat(id, &st);
		if (vlt_close_fd(fd) == 0) {
			return true;
		}
		e = errno;
		what = "closing the temporary file";
	} else {
		vlt_close_fd(fd); /* already failing; its own error adds nothing */
	}
	vlt_retry_unlink(*tmp); /* must go: its contents are not known good */
	free(*tmp);
	*tmp = NULL;
	/* a seal that failed said why itself */
	return what == NULL ? false : vlt_io_failed(v, what, e, err);
}

/* Copies the journal into a temp file, for file systems without hard
 * links. */
static bool
copy_to_temp(const struct vault *v, char **tmp, struct ladder_error *err)
{
	int in = vlt_retry_open(v->real, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
	if (in < 0) {
		return vlt_io_failed(v, "opening the journal to keep a backup",
			errno, err);
	}
	int out = create_temp(v, tmp, err);
	if (out < 0) {
		vlt_close_fd(in);
		return false;
	}
	unsigned char buf[65536];
	const char *what = NULL;
	if (vlt_retry_fchmod(out, 0600) != 0) {
		what = "setting the mode of the backup";
	}
	while (what == NULL) {
		size_t got;
		if (!vlt_read_full(in, buf, sizeof(buf), &got)) {
			what = "reading the journal to keep a backup";
		} else if (got == 0) {
			break;
		} else if (!vlt_write_all(out, buf, got)) {
			what = "writing the backup";
		}
	}
	if (what == NULL && vlt_io()->fsync(out) != 0) {
		what = "flushing the backup to disk";
	}
	int e = errno;
	vlt_close_fd(in); /* read-only: nothing to lose */
	if (what == NULL) {
		if (vlt_close_fd(out) == 0) {
			return true;
		}
		e = errno;
		what = "closing the backup";
	} else {
		vlt_close_fd(out);
	}
	vlt_retry_unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return vlt_io_failed(v, what, e, err);
}

/* A second name for the current journal, to be renamed to PATH.bak: a hard
 * link where the file system has them, else a copy. */
bool
vlt_link_backup(const struct vault *v, char **tmp, struct ladder_error *err)
{
	*tmp = NULL;
	for (int tries = 0; tries < 32; tries++) {
		char *p = temp_path(v->real);
		if (p == NULL) {
			return vlt_oom(err, v->path);
		}
		if (vlt_retry_link(v->real, p) == 0) {
			*tmp = p;
			return true;
		}
		int e = errno;
		free(p);
		switch (e) {
		case EEXIST:
			continue;
		case EPERM:
		case EMLINK:
		case ENOSYS:
		case EXDEV:
		case EOPNOTSUPP:
#if ENOTSUP != EOPNOTSUPP
		case ENOTSUP:
#endif
			return copy_to_temp(v, tmp, err);
		default:
			return vlt_io_failed(v, "keeping the previous generation as a "
				"backup", e, err);
		}
	}
	return error_set(err, LADDER_FAIL, "%s: not saved: cannot find a free "
		"temporary file name in %s", v->path, v->dir);
}

/* The end a save and a passphrase change share, once the new generation
 * is written to *tmp: *bak_tmp (when not NULL) renamed to bak (bak_what
 * names that step in a message), then *tmp over the journal. From there
 * the new generation is the journal: the vault takes h and id, and the
 * folder is made durable (VLT_UNSYNCED when that failed, err saying what
 * was done, d->done, and what to do). Names renamed are freed and NULL. */
enum vlt_commit
vlt_commit(struct vault *v, char **bak_tmp, const char *bak,
	const char *bak_what, char **tmp, const struct vault_header *h,
	const struct file_id *id, const struct vlt_done *d,
	struct ladder_error *err)
{
	if (*bak_tmp != NULL) {
		if (vlt_retry_rename(*bak_tmp, bak) != 0) {
			vlt_io_failed(v, bak_what, errno, err);
			return VLT_NOT_COMMITTED;
		}
		free(*bak_tmp);
		*bak_tmp = NULL;
	}
	if (vlt_retry_rename(*tmp, v->real) != 0) {
		vlt_io_failed(v, "renaming the new file into place", errno, err);
		return VLT_NOT_COMMITTED;
	}
	/* Committed: the new generation is the journal now. */
	free(*tmp);
	*tmp = NULL;
	v->hdr = *h;
	v->id = *id;
	if (h->flags & VAULT_FLAG_GENERATION) {
		v->generation = vlt_next_generation(v);
		v->older = false;
		vlt_record_generation(v);
	}
	int e = 0;
	if (!vlt_sync_dir(v, &e)) {
		error_set(err, LADDER_FAIL, "%s: %s, but flushing the folder %s to "
			"disk failed (%s), so the %s may not survive a power cut; %s",
			v->path, d->done, v->dir, strerror(e), d->what, d->advice);
		return VLT_UNSYNCED;
	}
	return VLT_COMMITTED;
}
