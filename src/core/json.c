#include "ladder/json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/jsonwrite.h"
#include "ladder/util.h"

/* cJSON keeps no positions. A strict RFC 8259 scanner, run before cJSON,
 * checks the text and says what it expected. When a message needs the
 * position of a node of the tree, the same scanner walks the text again
 * alongside the tree, in the same order, until it meets that node: errors
 * are rare, and loading a file needs no table of positions. */

#define JSON_MAX_DEPTH 512

struct scanner {
	const char *s;
	size_t len;
	size_t i;
	int depth;
	/* error */
	size_t err_off;
	const char *err_msg;
	/* the node whose position is wanted (walk alongside the tree) */
	const cJSON *target;
	bool found;
	size_t found_value, found_key;
};

static bool
scan_fail(struct scanner *sc, size_t off, const char *msg)
{
	sc->err_off = off;
	sc->err_msg = msg;
	return false;
}

static void
skip_ws(struct scanner *sc)
{
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sc->i++;
		} else {
			break;
		}
	}
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		(c >= 'A' && c <= 'F');
}

static bool
scan_string(struct scanner *sc)
{
	size_t start = sc->i;
	sc->i++; /* opening quote */
	while (sc->i < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->i];
		if (c == '"') {
			sc->i++;
			return true;
		}
		if (c == '\\') {
			if (sc->i + 1 >= sc->len) {
				break;
			}
			char e = sc->s[sc->i + 1];
			if (e == 'u') {
				for (int k = 2; k < 6; k++) {
					if (sc->i + (size_t)k >= sc->len ||
						!is_hex(sc->s[sc->i + (size_t)k])) {
						return scan_fail(sc, sc->i,
							"expected four hex digits after \\u");
					}
				}
				sc->i += 6;
				continue;
			}
			if (strchr("\"\\/bfnrt", e) == NULL || e == '\0') {
				return scan_fail(sc, sc->i,
					"invalid escape in string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
			}
			sc->i += 2;
			continue;
		}
		if (c < 0x20) {
			return scan_fail(sc, sc->i,
				c == '\n' ? "expected '\"' to close the string before the end of the line"
					  : "control character in string (expected it escaped)");
		}
		if (c >= 0x80) {
			/* the length from the lead byte alone: the text need not
			 * be NUL-terminated, so nothing past len may be read */
			size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (n == 1 || sc->i + n > sc->len ||
				!utf8_valid(sc->s + sc->i, n)) {
				return scan_fail(sc, sc->i,
					"invalid UTF-8 in string (expected UTF-8 text)");
			}
			sc->i += n;
			continue;
		}
		sc->i++;
	}
	return scan_fail(sc, start, "unterminated string (expected a closing '\"')");
}

static bool
scan_number(struct scanner *sc)
{
	size_t start = sc->i;
	if (sc->s[sc->i] == '-') {
		sc->i++;
	}
	if (sc->i >= sc->len) {
		return scan_fail(sc, start, "expected a digit in number");
	}
	if (sc->s[sc->i] == '0') {
		sc->i++;
	} else if (sc->s[sc->i] >= '1' && sc->s[sc->i] <= '9') {
		while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
			sc->i++;
		}
	} else {
		return scan_fail(sc, start, "expected a digit in number");
	}
	if (sc->i < sc->len && sc->s[sc->i] == '.') {
		sc->i++;
		if (sc->i >= sc->len || sc->s[sc->i] < '0' || sc->s[sc->i] > '9') {
			return scan_fail(sc, sc->i, "expected a digit after '.'");
		}
		while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
			sc->i++;
		}
	}
	if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->len && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-')) {
			sc->i++;
		}
		if (sc->i >= sc->len || sc->s[sc->i] < '0' || sc->s[sc->i] > '9') {
			return scan_fail(sc, sc->i, "expected a digit in the exponent");
		}
		while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
			sc->i++;
		}
	}
	if (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
		return scan_fail(sc, start, "number with a leading zero (expected 0 or 1-9...)");
	}
	return true;
}

static bool
scan_word(struct scanner *sc, const char *w)
{
	size_t n = strlen(w);
	if (sc->len - sc->i >= n && memcmp(sc->s + sc->i, w, n) == 0) {
		sc->i += n;
		return true;
	}
	return scan_fail(sc, sc->i,
		"expected a value (a string, number, object, array, true, false or null)");
}

static void
record(struct scanner *sc, const cJSON *node, size_t value_off, size_t key_off)
{
	if (node != NULL && node == sc->target && !sc->found) {
		sc->found = true;
		sc->found_value = value_off;
		sc->found_key = key_off;
	}
}

/* node is the cJSON node that this value became (NULL in the check pass) */
static bool scan_value(struct scanner *sc, const cJSON *node, size_t key_off);

static bool
scan_object(struct scanner *sc, const cJSON *node)
{
	const cJSON *child = node ? node->child : NULL;
	size_t open = sc->i;
	sc->i++;
	skip_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == '}') {
		sc->i++;
		return true;
	}
	for (;;) {
		skip_ws(sc);
		if (sc->i >= sc->len) {
			return scan_fail(sc, open, "unterminated object (expected '}')");
		}
		if (sc->s[sc->i] != '"') {
			return scan_fail(sc, sc->i,
				sc->s[sc->i] == '}' ? "trailing comma in object (expected a member name in double quotes)"
						    : "expected a member name in double quotes");
		}
		size_t key_off = sc->i;
		if (!scan_string(sc)) {
			return false;
		}
		skip_ws(sc);
		if (sc->i >= sc->len || sc->s[sc->i] != ':') {
			return scan_fail(sc, sc->i, "expected ':' after the member name");
		}
		sc->i++;
		skip_ws(sc);
		if (!scan_value(sc, child, key_off)) {
			return false;
		}
		if (child != NULL) {
			child = child->next;
		}
		skip_ws(sc);
		if (sc->i >= sc->len) {
			return scan_fail(sc, open, "unterminated object (expected '}')");
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] == '}') {
			sc->i++;
			return true;
		}
		return scan_fail(sc, sc->i, "expected ',' or '}' after an object member");
	}
}

static bool
scan_array(struct scanner *sc, const cJSON *node)
{
	const cJSON *child = node ? node->child : NULL;
	size_t open = sc->i;
	sc->i++;
	skip_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == ']') {
		sc->i++;
		return true;
	}
	for (;;) {
		skip_ws(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']') {
			return scan_fail(sc, sc->i, "trailing comma in array (expected a value)");
		}
		if (!scan_value(sc, child, SIZE_MAX)) {
			return false;
		}
		if (child != NULL) {
			child = child->next;
		}
		skip_ws(sc);
		if (sc->i >= sc->len) {
			return scan_fail(sc, open, "unterminated array (expected ']')");
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] == ']') {
			sc->i++;
			return true;
		}
		return scan_fail(sc, sc->i, "expected ',' or ']' after an array element");
	}
}

static bool
scan_value(struct scanner *sc, const cJSON *node, size_t key_off)
{
	skip_ws(sc);
	if (sc->i >= sc->len) {
		return scan_fail(sc, sc->i,
			"unexpected end of file (expected a value)");
	}
	record(sc, node, sc->i, key_off);
	char c = sc->s[sc->i];
	bool ok;
	switch (c) {
	case '{':
	case '[':
		if (++sc->depth > JSON_MAX_DEPTH) {
			return scan_fail(sc, sc->i, "nested too deeply (more than 512 levels)");
		}
		ok = c == '{' ? scan_object(sc, node) : scan_array(sc, node);
		sc->depth--;
		return ok;
	case '"':
		return scan_string(sc);
	case 't':
		return scan_word(sc, "true");
	case 'f':
		return scan_word(sc, "false");
	case 'n':
		return scan_word(sc, "null");
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			return scan_number(sc);
		}
		return scan_fail(sc, sc->i,
			"expected a value (a string, number, object, array, true, false or null)");
	}
}

bool
json_value_end(const char *text, size_t len, size_t off, size_t *end)
{
	struct scanner sc = {.s = text, .len = len, .i = off};
	if (!scan_value(&sc, NULL, SIZE_MAX)) {
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
	memset(doc, 0, sizeof(*doc));
	struct scanner sc = {.s = text, .len = len};
	size_t start = 0;
	/* a UTF-8 byte order mark is tolerated */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		start = 3;
	}
	sc.i = start;
	bool ok = scan_value(&sc, NULL, SIZE_MAX);
	if (ok) {
		skip_ws(&sc);
		if (sc.i < len) {
			ok = scan_fail(&sc, sc.i,
				"unexpected text after the end of the JSON value (expected end of file)");
		}
	}
	if (ok && memchr(text, '\0', len) != NULL) {
		ok = scan_fail(&sc, (size_t)((const char *)memchr(text, '\0', len) - text),
			"NUL byte in file (expected JSON text)");
	}
	if (!ok) {
		int line, col;
		json_offset_to_linecol(text, sc.err_off, &line, &col);
		return error_set(err, LADDER_FAIL, "%s:%d:%d: %s", name, line, col,
			sc.err_msg);
	}
	doc->text = malloc(len + 1);
	doc->name = str_dup(name);
	if (doc->text == NULL || doc->name == NULL) {
		json_doc_finish(doc);
		return error_set(err, LADDER_FAIL, "%s: out of memory", name);
	}
	memcpy(doc->text, text, len);
	doc->text[len] = '\0';
	doc->len = len;
	doc->root = cJSON_ParseWithLength(doc->text + start, len - start);
	if (doc->root == NULL) {
		/* cJSON refuses a few things the scanner allows (e.g. deep nesting
		 * beyond its own limit); say where it stopped. */
		const char *at = cJSON_GetErrorPtr();
		size_t off = at ? (size_t)(at - doc->text) : 0;
		int line, col;
		json_offset_to_linecol(doc->text, off, &line, &col);
		error_set(err, LADDER_FAIL, "%s:%d:%d: cannot parse JSON here",
			name, line, col);
		json_doc_finish(doc);
		return false;
	}
	doc->start = start;
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
	bool ok = json_doc_parse(doc, path, text, len, err);
	free(text);
	return ok;
}

void
json_doc_finish(struct json_doc *doc)
{
	if (doc == NULL) {
		return;
	}
	cJSON_Delete(doc->root);
	free(doc->name);
	free(doc->text);
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
	scan_value(&sc, doc->root, SIZE_MAX);
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
