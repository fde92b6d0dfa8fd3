#pragma once
/* Answers of many people: a CSV file (RFC 4180: commas, or semicolons when
 * the header has no comma; "quoted" cells with "" for a quote; CRLF or LF;
 * a UTF-8 byte order mark allowed), one row a person. Its header names the
 * columns: question numbers as on the paper sheet (1, 2... or Q1, Q2...),
 * item ids, and optionally "code" (or "name", "initials": the person's
 * label), "note" (or "reflection"), "set" (the row's set) and "timestamp"
 * (ignored). A cell is read as answers_sheet_value_parse reads text; an empty
 * cell is a skipped question; rows with no cell filled are left out.
 * ladder-answers(5) describes it. */
#include <stdbool.h>
#include <stddef.h>

#include "ladder/answers.h"
#include "ladder/problems.h"
#include "ladder/questionnaire.h"

struct answers_row {
	struct answers *answers; /* NULL when the row has a problem */
	size_t row;              /* as a spreadsheet counts: the header is row 1 */
	size_t line;             /* the line of the file where the row starts */
	char *code;              /* the "code" column's cell, or NULL */
};

/* The people of one file, in file order (good and bad rows). */
struct answers_table {
	struct answers_row *rows;
	size_t n;
	size_t n_bad; /* rows with a problem (answers NULL) */
	bool csv;     /* read from a CSV (else a JSON answers file) */
};

/* Parses a CSV of answers to q. set (0: none given) is the set of every
 * row, else a row's "set" cell, else the set its answers name, else the
 * first; question numbers count the questions of the row's set as the
 * sheet does. Every problem goes to pr as "NAME:LINE: row R, column C
 * (\"HEADER\"): what is wrong (expected what)", up to PROBLEMS_MAX. False
 * when the file cannot be read as a table of answers at all (no header, a
 * column that names nothing, broken quoting, not UTF-8); then out holds no
 * rows. True otherwise, even with bad rows (out->n_bad of them). */
bool answers_csv_parse(const struct questionnaire *q, const char *name,
	const char *text, size_t len, int set, struct answers_table *out,
	struct problems *pr);
/* Reads an answers file of either kind: a CSV (by its name ending in
 * .csv, or by not starting with '{') or a ladder-answers JSON document (a
 * table of one row, row 0). For `score`, `room` and `present --room`. */
bool answers_table_load(const struct questionnaire *q, const char *path, int set,
	struct answers_table *out, struct problems *pr);
bool answers_table_is_csv(const char *path, const char *text, size_t len);
/* Whether the header (first row) of a CSV of answers reads as columns of
 * q with no problem: question numbers its sheets have, its item ids, and
 * the other columns answers_csv_parse knows. To find the questionnaire of
 * a CSV that names none. */
bool answers_csv_header_fits(const struct questionnaire *q, const char *text,
	size_t len);
/* The id of the questionnaire a JSON answers file names (its
 * "questionnaire"), into id; to find the questionnaire before
 * answers_table_load. False with err for a CSV, which names none (the
 * caller is told the id), and for a file that is not an answers file. */
bool answers_file_questionnaire(const char *path, char *id, size_t size,
	struct ladder_error *err);
void answers_table_finish(struct answers_table *t);
