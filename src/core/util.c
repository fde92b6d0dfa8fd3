#include "ladder/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <malloc.h>
#include <wchar.h>

#include <cJSON.h>
#include <sodium.h>

#include "ladder/safetext.h"

char *
str_dup(const char *s)
{
	if (s == NULL) {
		return NULL;
	}
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d != NULL) {
		memcpy(d, s, n);
	}
	return d;
}

char *
str_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return NULL;
	}
	char *s = malloc((size_t)n + 1);
	if (s == NULL) {
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

bool
file_read(const char *path, size_t max_bytes, char **out, size_t *len,
	struct ladder_error *err)
{
	bool ok = false;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return error_set(err, LADDER_FAIL, "%s: cannot open: %s", path,
			strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		error_set(err, LADDER_FAIL, "%s: cannot read: %s", path,
			strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		error_set(err, LADDER_FAIL, "%s: is a folder, expected a file", path);
		goto out;
	}
	size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
	if (cap > max_bytes + 1) {
		cap = max_bytes + 1;
	}
	buf = malloc(cap + 1);
	if (buf == NULL) {
		error_set(err, LADDER_FAIL, "%s: out of memory", path);
		goto out;
	}
	size_t n = 0;
	for (;;) {
		if (n == cap) {
			if (cap > max_bytes) {
				error_set(err, LADDER_FAIL,
					"%s: too large (more than %zu bytes)", path,
					max_bytes);
				goto out;
			}
			size_t ncap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (nb == NULL) {
				error_set(err, LADDER_FAIL, "%s: out of memory", path);
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			error_set(err, LADDER_FAIL, "%s: cannot read: %s", path,
				strerror(errno));
			goto out;
		}
		if (r == 0) {
			break;
		}
		n += (size_t)r;
	}
	if (n > max_bytes) {
		error_set(err, LADDER_FAIL, "%s: too large (more than %zu bytes)",
			path, max_bytes);
		goto out;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
	ok = true;
out:
	free(buf);
	close(fd);
	return ok;
}

void
strbuf_init(struct strbuf *sb)
{
	sb->data = NULL;
	sb->len = sb->cap = 0;
	sb->failed = false;
	sb->wipe = false;
}

void
strbuf_init_wiped(struct strbuf *sb)
{
	strbuf_init(sb);
	sb->wipe = true;
}

void
strbuf_clear(struct strbuf *sb)
{
	if (sb->wipe && sb->data != NULL) {
		sodium_memzero(sb->data, sb->len);
	}
	sb->len = 0;
	if (sb->data != NULL) {
		sb->data[0] = '\0';
	}
}

void
strbuf_finish(struct strbuf *sb)
{
	bool wipe = sb->wipe;
	if (wipe && sb->data != NULL) {
		sodium_memzero(sb->data, sb->cap);
	}
	free(sb->data);
	strbuf_init(sb);
	sb->wipe = wipe;
}

void
strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->failed) {
		return;
	}
	if (sb->len + n + 1 > sb->cap) {
		size_t ncap = sb->cap ? sb->cap : 256;
		while (ncap < sb->len + n + 1) {
			ncap *= 2;
		}
		char *nd = sb->wipe ? malloc(ncap) : realloc(sb->data, ncap);
		if (nd == NULL) {
			sb->failed = true;
			return;
		}
		if (sb->wipe && sb->data != NULL) {
			/* no copy of the old text left behind in freed memory */
			memcpy(nd, sb->data, sb->len + 1);
			sodium_memzero(sb->data, sb->cap);
			free(sb->data);
		}
		sb->data = nd;
		sb->cap = ncap;
	}
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void
strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if ((size_t)n < sizeof(small)) {
		strbuf_add(sb, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (big == NULL) {
		sb->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	strbuf_add(sb, big, (size_t)n);
	free(big);
}

char *
strbuf_take(struct strbuf *sb)
{
	char *d = sb->data;
	if (d == NULL) {
		d = str_dup("");
	}
	strbuf_init(sb);
	return d;
}

size_t
utf8_seq_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80) {
		return 1;
	}
	size_t n = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
	for (size_t i = 1; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			return 1;
		}
	}
	return n;
}

bool
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + len > n) {
			return false;
		}
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
			cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			return false;
		}
		i += len;
	}
	return true;
}

static unsigned
utf8_decode(const char *str, size_t *adv)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = utf8_seq_len(str);
	*adv = n;
	if (n == 1) {
		return s[0];
	}
	unsigned cp = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	return cp;
}

size_t
utf8_width(const char *s, size_t n)
{
	size_t w = 0;
	size_t i = 0;
	while (i < n && s[i] != '\0') {
		size_t adv;
		unsigned cp = utf8_decode(s + i, &adv);
		/* a control character is drawn as one column ('?' or a space) */
		int cw = safetext_is_control(cp, SAFETEXT_NEWLINE | SAFETEXT_TAB) ? 1 : wcwidth((wchar_t)cp);
		w += cw < 0 ? 1 : (size_t)cw;
		i += adv;
	}
	return w;
}

static void
wiping_free(void *p)
{
	if (p != NULL) {
		sodium_memzero(p, malloc_usable_size(p));
		free(p);
	}
}

void
util_wipe_json_memory(void)
{
	cJSON_Hooks hooks = {malloc, wiping_free};
	cJSON_InitHooks(&hooks);
}
