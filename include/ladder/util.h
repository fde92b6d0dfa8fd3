#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "ladder/error.h"

/* Allocation that never returns NULL for a non-zero size would need to abort,
 * which the core must not do; these return NULL and the caller reports it. */
char *str_dup(const char *s);
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole regular file, NUL-terminated, refusing files larger than
 * max_bytes. Errors name the file. */
bool file_read(const char *path, size_t max_bytes, char **out, size_t *len,
	struct ladder_error *err);

/* A growable string buffer for building text output. */
struct strbuf {
	char *data;
	size_t len, cap;
	bool failed; /* an allocation failed; data holds what fitted */
	bool wipe;   /* it holds what a person wrote: wiped when it grows and
	                when it is finished (strbuf_init_wiped) */
};

void strbuf_init(struct strbuf *sb);
void strbuf_init_wiped(struct strbuf *sb);
/* Empties it (wiping what it held when wipe), keeping its memory. */
void strbuf_clear(struct strbuf *sb);
void strbuf_finish(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Takes the buffer's string (caller frees) and leaves sb empty. */
char *strbuf_take(struct strbuf *sb);

/* Number of terminal columns of a UTF-8 string (wcwidth-like; assumes
 * well-formed UTF-8, as the parsers guarantee). */
size_t utf8_width(const char *s, size_t n);
/* Byte length of the UTF-8 sequence starting at s (1 for invalid bytes). */
size_t utf8_seq_len(const char *s);
/* True when s[0..n) is valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* Whether the eight bytes at p are all printable ASCII (0x20-0x7E), a word
 * at a time, for the scanners of long texts; has_byte8 whether the word
 * holds byte c. Each test is exact for "some byte is ...". */
static inline uint64_t
load8(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof(x));
	return x;
}

static inline bool
ascii_printable8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t below_space = (x - ones * 0x20) & ~x & high;
	uint64_t del_or_above = (x | ((x & ~high) + ones)) & high;
	return (below_space | del_or_above) == 0;
}

static inline bool
has_byte8(uint64_t x, unsigned char c)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t y = x ^ (ones * c);
	return ((y - ones) & ~y & high) != 0;
}

/* Makes every block cJSON frees be wiped first: the journal's plaintext
 * passes through cJSON trees, and freed heap must not keep it. Call once at
 * start, before any cJSON use. */
void util_wipe_json_memory(void);
