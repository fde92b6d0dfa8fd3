#include "ladder/json.h"

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "json_scan.h"
#include "ladder/jsonwrite.h"
#include "ladder/util.h"

bool
json_value_end(const char *text, size_t len, size_t off, size_t *end)
{
	struct scanner sc = {.s = text, .len = len, .i = off};
	if (!json_scan_value(&sc, NULL, SIZE_MAX, NULL)) {
		return false;
	}
	*end = sc.i;
	return true;
}

void
json_offset_to_linecol(const char *text, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && text[i] != '\0'; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

bool
json_doc_parse(struct json_doc *doc, const char *name, const char *text,
	size_t len, struct ladder_error *err)
{
	char *copy = malloc(len + 1);
	if (copy == NULL) {
		memset(doc, 0, sizeof(*doc));
		return error_set(err, LADDER_FAIL, "%s: out of memory", name);
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	return json_doc_take(doc, name, copy, len, err);
}

bool
json_doc_take(struct json_doc *doc, const char *name, char *text, size_t len,
	struct ladder_error *err)
{
	memset(doc, 0, sizeof(*doc));
	doc->text = text;
	doc->len = len;
	doc->name = str_dup(name);
	if (doc->name == NULL) {
		json_doc_finish(doc);
		return error_set(err, LADDER_FAIL, "%s: out of memory", name);
	}
	/* a UTF-8 byte order mark is tolerated */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		doc->start = 3;
	}
	struct scanner sc = {.s = doc->text, .len = len, .i = doc->start,
		.arena = &doc->arena, .decimal_point = *localeconv()->decimal_point};
	bool ok = json_scan_value(&sc, NULL, SIZE_MAX, &doc->root);
	if (ok) {
		json_scan_ws(&sc);
		if (sc.i < len) {
			ok = json_scan_fail(&sc, sc.i,
				"unexpected text after the end of the JSON value (expected end of file)");
		}
	}
	const char *nul = memchr(text, '\0', len);
	if (ok && nul != NULL) {
		ok = json_scan_fail(&sc, (size_t)(nul - text),
			"NUL byte in file (expected JSON text)");
	}
	if (!ok) {
		int line, col;
		json_offset_to_linecol(doc->text, sc.err_off, &line, &col);
		if (strcmp(sc.err_msg, "out of memory") == 0) {
			error_set(err, LADDER_FAIL, "%s: out of memory", name);
		} else {
			error_set(err, LADDER_FAIL, "%s:%d:%d: %s", name, line, col,
				sc.err_msg);
		}
		json_doc_finish(doc);
		return false;
	}
	return true;
}

bool
json_doc_load_file(struct json_doc *doc, const char *path, size_t max_bytes,
	struct ladder_error *err)
{
	char *text = NULL;
	size_t len = 0;
	memset(doc, 0, sizeof(*doc));
	if (!file_read(path, max_bytes, &text, &len, err)) {
		return false;
	}
	return json_doc_take(doc, path, text, len, err);
}

void
json_doc_finish(struct json_doc *doc)
{
	if (doc == NULL) {
		return;
	}
	json_arena_free(&doc->arena);
	if (doc->text != NULL) {
		sodium_memzero(doc->text, doc->len);
		free(doc->text);
	}
	free(doc->name);
	memset(doc, 0, sizeof(*doc));
}

void
json_doc_where(const struct json_doc *doc, const cJSON *node, bool key,
	int *line, int *col)
{
	*line = 0;
	*col = 0;
	if (doc == NULL || node == NULL || doc->root == NULL) {
		return;
	}
	struct scanner sc = {.s = doc->text, .len = doc->len, .i = doc->start,
		.target = node};
	json_scan_value(&sc, doc->root, SIZE_MAX, NULL);
	if (!sc.found) {
		return;
	}
	size_t off = (key && sc.found_key != SIZE_MAX) ? sc.found_key : sc.found_value;
	json_offset_to_linecol(doc->text, off, line, col);
}

bool
json_doc_fail(const struct json_doc *doc, const cJSON *node,
	struct ladder_error *err, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	int line, col;
	json_doc_where(doc, node, false, &line, &col);
	if (line == 0) {
		return error_set(err, LADDER_FAIL, "%s: %s", doc->name, msg);
	}
	return error_set(err, LADDER_FAIL, "%s:%d:%d: %s", doc->name, line, col, msg);
}

char *
json_print(const cJSON *node)
{
	char *flat = cJSON_PrintUnformatted(node);
	if (flat == NULL) {
		return NULL;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	int depth = 0;
	bool in_str = false;
	for (const char *p = flat; *p != '\0'; p++) {
		char c = *p;
		if (in_str) {
			char esc[6];
			size_t k = (unsigned char)c >= 0x7f ?
				json_escape_control((const unsigned char *)p, esc) : 0;
			if (k > 0) {
				/* as jsonw writes them: never raw */
				strbuf_add(&sb, esc, sizeof(esc));
				p += k - 1;
				continue;
			}
			strbuf_add(&sb, p, 1);
			if (c == '\\' && p[1] != '\0') {
				strbuf_add(&sb, ++p, 1);
			} else if (c == '"') {
				in_str = false;
			}
			continue;
		}
		switch (c) {
		case '"':
			in_str = true;
			strbuf_add(&sb, p, 1);
			break;
		case '{':
		case '[':
			if (p[1] == (c == '{' ? '}' : ']')) {
				strbuf_add(&sb, p, 2);
				p++;
				break;
			}
			depth++;
			strbuf_printf(&sb, "%c\n%*s", c, depth * 2, "");
			break;
		case '}':
		case ']':
			depth--;
			strbuf_printf(&sb, "\n%*s%c", depth * 2, "", c);
			break;
		case ',':
			strbuf_printf(&sb, ",\n%*s", depth * 2, "");
			break;
		case ':':
			strbuf_puts(&sb, ": ");
			break;
		default:
			strbuf_add(&sb, p, 1);
		}
	}
	cJSON_free(flat);
	if (sb.failed) {
		strbuf_finish(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}
