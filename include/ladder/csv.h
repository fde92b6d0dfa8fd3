#pragma once
/* Reading CSV (RFC 4180) a record at a time: cells separated by commas
 * (or by semicolons when the first line has none), "quoted" cells holding
 * separators, newlines and "" for a quote, CRLF or LF line ends, a UTF-8
 * byte order mark skipped. For answers_csv.c. */
#include <stddef.h>

#include "ladder/problems.h"

struct csv_reader {
	const char *name; /* for messages */
	const char *s;
	size_t len, pos;
	size_t line; /* of pos */
	char sep;
};

/* One record's cells, NUL-terminated copies. */
struct csv_record {
	char **cells;
	size_t n, cap;
	size_t line; /* where it starts */
};

void csv_reader_init(struct csv_reader *rd, const char *name, const char *text, size_t len);
/* Reads the next record into r (its cells replaced). 1: a record; 0: the
 * end of the text; -1: broken quoting or too many columns, with a message
 * naming line, row (for messages) and column in pr. */
int csv_read(struct csv_reader *rd, struct csv_record *r, size_t row, struct problems *pr);
void csv_record_finish(struct csv_record *r);
/* A spreadsheet's name of column i (0-based): A..Z, AA... */
void csv_column_name(size_t i, char out[8]);
/* The first line of s holding a byte that is not UTF-8 (or a NUL), or 0. */
size_t csv_bad_utf8_line(const char *s, size_t len);
