/* Reading CSV (RFC 4180) a record at a time (include/ladder/csv.h). */
#include "ladder/csv.h"

#include <stdlib.h>
#include <string.h>

#include "ladder/util.h"

#define CSV_MAX_COLUMNS 1000

void
csv_reader_init(struct csv_reader *rd, const char *name, const char *text, size_t len)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	rd->name = name;
	rd->s = text;
	rd->len = len;
	rd->pos = 0;
	rd->line = 1;
	/* the separator: a comma, or a semicolon when the header has none */
	size_t eol = 0;
	while (eol < len && text[eol] != '\n') {
		eol++;
	}
	rd->sep = memchr(text, ',', eol) == NULL && memchr(text, ';', eol) != NULL ? ';' : ',';
}

/* One record's cells, NUL-terminated copies. */
static void
record_clear(struct csv_record *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->cells[i]);
	}
	r->n = 0;
}

void
csv_record_finish(struct csv_record *r)
{
	record_clear(r);
	free(r->cells);
	r->cells = NULL;
	r->cap = 0;
}

static bool
record_push(struct csv_record *r, struct strbuf *cell)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **cells = realloc(r->cells, cap * sizeof(*cells));
		if (cells == NULL) {
			return false;
		}
		r->cells = cells;
		r->cap = cap;
	}
	char *c = cell->data != NULL ? strbuf_take(cell) : str_dup("");
	if (c == NULL || cell->failed) {
		free(c);
		return false;
	}
	r->cells[r->n++] = c;
	return true;
}

/* Reads the next record. 1: a record; 0: the end of the file; -1: a
 * problem (in pr). */
int
csv_read(struct csv_reader *rd, struct csv_record *r, size_t row, struct problems *pr)
{
	record_clear(r);
	if (rd->pos >= rd->len) {
		return 0;
	}
	r->line = rd->line;
	struct strbuf cell;
	strbuf_init(&cell);
	for (;;) {
		bool quoted = rd->pos < rd->len && rd->s[rd->pos] == '"';
		if (quoted) {
			size_t open_line = rd->line;
			rd->pos++;
			for (;;) {
				if (rd->pos >= rd->len) {
					strbuf_finish(&cell);
					problems_add(pr,
						"%s:%zu: row %zu: a quoted cell is not closed (expected a \" before the end of the file)",
						rd->name, open_line, row);
					return -1;
				}
				char c = rd->s[rd->pos++];
				if (c == '"') {
					if (rd->pos < rd->len && rd->s[rd->pos] == '"') {
						rd->pos++;
						strbuf_add(&cell, "\"", 1);
						continue;
					}
					break;
				}
				if (c == '\n') {
					rd->line++;
				}
				strbuf_add(&cell, &c, 1);
			}
		} else {
			while (rd->pos < rd->len) {
				char c = rd->s[rd->pos];
				if (c == rd->sep || c == '\n' || c == '\r') {
					break;
				}
				if (c == '"') {
					strbuf_finish(&cell);
					problems_add(pr,
						"%s:%zu: row %zu, column %zu: a quote inside a cell that does not start with one (expected the whole cell in quotes, a quote written \"\")",
						rd->name, rd->line, row, r->n + 1);
					return -1;
				}
				strbuf_add(&cell, &c, 1);
				rd->pos++;
			}
		}
		if (cell.failed || !record_push(r, &cell)) {
			strbuf_finish(&cell);
			problems_add(pr, "%s: out of memory", rd->name);
			return -1;
		}
		if (r->n > CSV_MAX_COLUMNS) {
			problems_add(pr, "%s:%zu: row %zu: more than %d columns", rd->name, rd->line,
				row, CSV_MAX_COLUMNS);
			return -1;
		}
		if (rd->pos >= rd->len) {
			return 1;
		}
		char c = rd->s[rd->pos];
		if (c == rd->sep) {
			rd->pos++;
			continue;
		}
		if (c == '\r' && rd->pos + 1 < rd->len && rd->s[rd->pos + 1] == '\n') {
			rd->pos++;
			c = '\n';
		}
		if (c == '\n' || c == '\r') {
			rd->pos++;
			rd->line++;
			return 1;
		}
		/* after a closing quote: something else than a separator */
		problems_add(pr,
			"%s:%zu: row %zu, column %zu: text after the closing quote of a cell (expected '%c' or the end of the line)",
			rd->name, rd->line, row, r->n, rd->sep);
		return -1;
	}
}

/* The spreadsheet's name of column i (0-based): A..Z, AA.. */
void
csv_column_name(size_t i, char out[8])
{
	char tmp[8];
	size_t n = 0;
	i++;
	while (i > 0 && n < sizeof(tmp) - 1) {
		tmp[n++] = (char)('A' + (i - 1) % 26);
		i = (i - 1) / 26;
	}
	for (size_t k = 0; k < n; k++) {
		out[k] = tmp[n - 1 - k];
	}
	out[n] = '\0';
}

/* The first line holding a byte that is not UTF-8 (or a NUL), or 0. */
size_t
csv_bad_utf8_line(const char *s, size_t len)
{
	size_t line = 1;
	for (size_t i = 0; i < len; line++) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
		if (!utf8_valid(s + i, n) || memchr(s + i, '\0', n) != NULL) {
			return line;
		}
		i += n + 1;
	}
	return 0;
}

