#pragma once
#include <stdbool.h>
#include <stddef.h>

/* Text that came from outside (a questionnaire, a note, an id in an error
 * message, a file name) must not reach a terminal raw: an ESC, a BEL or a
 * C1 CSI in it would make the terminal act (set its title, clear the
 * screen, fill the clipboard), and a bidi override would make it show
 * something else than what is there. */

/* What a character may be besides printable text. */
enum {
	SAFETEXT_NEWLINE = 1 << 0,
	SAFETEXT_TAB = 1 << 1,
};

/* True when the code point must not reach a terminal raw: C0 (but newline
 * and tab when allowed), DEL, C1 (U+0080..U+009F), the bidi overrides and
 * embeddings U+202A..U+202E and the isolates U+2066..U+2069. */
bool safetext_is_control(unsigned cp, int allowed);

/* The byte offset of the first such character in s[0..len) (*cp is set to
 * it), or len when there is none. Bytes that are not UTF-8 are not looked
 * at (the JSON reader refuses them). */
size_t safetext_find(const char *s, size_t len, int allowed, unsigned *cp);

/* A copy of s that is safe for a terminal: each control character replaced
 * by a visible form (^[ for ESC, ^? for DEL, <U+009B> for the others), and
 * each byte that is not part of valid UTF-8 by U+FFFD. Newline and tab
 * are kept. malloc'ed; NULL when out of memory (or s is NULL). */
char *safetext_dup(const char *s);
