#include "ladder/vault_io.h"

#include <fcntl.h>
#include <stdio.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

static int
io_open(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

static int
io_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	return crypto_pwhash(out, outlen, pw, pwlen, salt, ops, mem,
		crypto_pwhash_ALG_ARGON2ID13);
}

static const struct vault_io default_io = {
	.open = io_open,
	.read = read,
	.write = write,
	.fchmod = fchmod,
	.fsync = fsync,
	.close = close,
	.link = link,
	.rename = rename,
	.unlink = unlink,
	.kdf = io_kdf,
};

static const struct vault_io *current_io = &default_io;

const struct vault_io *
vault_io_default(void)
{
	return &default_io;
}

const struct vault_io *
vault_io_get(void)
{
	return current_io;
}

void
vault_io_set(const struct vault_io *io)
{
	current_io = io != NULL ? io : &default_io;
}
