#include "ladder/safetext.h"

#include <stdio.h>
#include <string.h>

#include "ladder/util.h"

bool
safetext_is_control(unsigned cp, int allowed)
{
	if (cp == '\n') {
		return !(allowed & SAFETEXT_NEWLINE);
	}
	if (cp == '\t') {
		return !(allowed & SAFETEXT_TAB);
	}
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		(cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The code point of the valid UTF-8 sequence at s[0..len), its length in
 * *n; 0 with *n 0 when the bytes there are not valid UTF-8. */
static unsigned
decode(const unsigned char *s, size_t len, size_t *n)
{
	*n = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (*n == 0 || *n > len || !utf8_valid((const char *)s, *n)) {
		*n = 0;
		return 0;
	}
	if (*n == 1) {
		return s[0];
	}
	unsigned cp = s[0] & (0x7Fu >> *n);
	for (size_t i = 1; i < *n; i++) {
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	return cp;
}

size_t
safetext_find(const char *s, size_t len, int allowed, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		while (len - i >= 8 && ascii_printable8(load8(u + i))) {
			i += 8;
		}
		if (i == len) {
			break;
		}
		/* printable ASCII, and lead bytes that start none of the
		 * characters looked for (C1 starts with 0xC2, the bidi controls
		 * with 0xE2), are passed over without decoding: questionnaires
		 * are read through here at every start */
		unsigned char b = u[i];
		if ((b >= 0x20 && b < 0x7F) || (b >= 0x80 && b != 0xC2 && b != 0xE2)) {
			i++;
			continue;
		}
		size_t n;
		unsigned c = decode(u + i, len - i, &n);
		if (n == 0) {
			i++;
			continue;
		}
		if (safetext_is_control(c, allowed)) {
			*cp = c;
			return i;
		}
		i += n;
	}
	return len;
}

char *
safetext_dup(const char *s)
{
	if (s == NULL) {
		return NULL;
	}
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	struct strbuf sb;
	strbuf_init(&sb);
	size_t i = 0, plain = 0; /* plain: start of the run copied as it is */
	while (i < len) {
		size_t n;
		unsigned c = decode(u + i, len - i, &n);
		if (n != 0 && !safetext_is_control(c, SAFETEXT_NEWLINE | SAFETEXT_TAB)) {
			i += n;
			continue;
		}
		strbuf_add(&sb, s + plain, i - plain);
		char vis[16];
		if (n == 0) {
			snprintf(vis, sizeof(vis), "\xEF\xBF\xBD"); /* U+FFFD */
			n = 1;
		} else if (c < 0x20) {
			snprintf(vis, sizeof(vis), "^%c", (char)(c + 0x40));
		} else if (c == 0x7F) {
			snprintf(vis, sizeof(vis), "^?");
		} else {
			snprintf(vis, sizeof(vis), "<U+%04X>", c);
		}
		strbuf_puts(&sb, vis);
		i += n;
		plain = i;
	}
	strbuf_add(&sb, s + plain, i - plain);
	if (sb.failed) {
		strbuf_finish(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}
