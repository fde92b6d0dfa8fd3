#pragma once
#include <stddef.h>

/* A run of bytes that is part of a longer text, which is given as the
 * pieces in order (a journal's plaintext is mostly its sessions' lines
 * where they already are: sealing it needs no copy of the whole). */
struct piece {
	const void *data;
	size_t len;
};

/* The total length of n pieces. */
static inline size_t
pieces_len(const struct piece *p, size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		len += p[i].len;
	}
	return len;
}
