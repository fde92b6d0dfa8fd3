#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "ladder/error.h"

/* A secret byte string (passphrase, recovery code, plaintext journal) in
 * sodium_malloc memory: guard pages, locked in RAM when the system allows,
 * left out of core dumps, wiped when freed. data[len] is always '\0', so a
 * passphrase or recovery code can be used as a C string. The struct itself is
 * ordinary memory; only data is secret. */
struct secret {
	unsigned char *data;
	size_t len;
	unsigned char *base; /* what sodium_malloc gave, when data is a part of
	                      * it (a journal decrypted in place); else NULL */
};

/* The longest passphrase read from a file (bytes, without the newline). */
#define SECRET_LINE_MAX 4096

/* len zero bytes (plus the '\0'); NULL when out of memory. */
struct secret *secret_create(size_t len);
/* len bytes not set to anything in particular (libsodium fills them with a
 * fixed pattern), for a buffer about to be written whole: it saves a pass
 * over a large one. data[len] is '\0'. */
struct secret *secret_alloc(size_t len);
/* A copy of len bytes of p; NULL when out of memory. */
struct secret *secret_from_bytes(const void *p, size_t len);
/* Wipes and frees; accepts NULL. */
void secret_destroy(struct secret *s);

/* Reads the first line of path ('-' is standard input), without its line
 * ending ("\n" or "\r\n"), as a passphrase. A line longer than
 * SECRET_LINE_MAX bytes is refused. An empty first line gives an empty
 * secret: whether that is acceptable is the caller's decision. Reads one
 * byte at a time, so on a pipe nothing past the first line is consumed. */
bool secret_read_file(const char *path, struct secret **out,
	struct ladder_error *err);
/* The same from an open descriptor; name is used in messages. The
 * descriptor is not closed. */
bool secret_read_fd(int fd, const char *name, struct secret **out,
	struct ladder_error *err);
