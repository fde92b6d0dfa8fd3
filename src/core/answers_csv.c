/* A CSV of answers, one row a person (include/ladder/answers_csv.h). */
#include "ladder/answers_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ladder/csv.h"
#include "ladder/json.h"
#include "ladder/jsonread.h"
#include "ladder/util.h"

#define CSV_MAX_BYTES (16u * 1024 * 1024)
#define CSV_MAX_ROWS 100000

/* At most 40 bytes of s, for a message, cut on a character boundary. */
static void
shown(const char *s, char out[48])
{
	size_t n = 0;
	while (s[n] != '\0' && n < 40) {
		n += utf8_seq_len(s + n);
	}
	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
			n--;
		}
	}
	memcpy(out, s, n);
	strcpy(out + n, s[n] != '\0' ? "..." : "");
}

static void
trim(char *s)
{
	size_t a = 0, n = strlen(s);
	while (s[a] == ' ' || s[a] == '\t') {
		a++;
	}
	while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
		n--;
	}
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
}

static bool
is_word(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++) {
		if (strcasecmp(s, words[i]) == 0) {
			return true;
		}
	}
	return false;
}

enum column_kind { COL_IGNORED, COL_NUMBER, COL_ITEM, COL_CODE, COL_NOTE, COL_SET };

struct column {
	enum column_kind kind;
	long number; /* COL_NUMBER: the question's number, 1-based */
	long item;   /* COL_ITEM: its index */
	const char *header;
};

/* "12", "Q12", "q12", "12." */
static bool
question_number(const char *h, long *n)
{
	const char *p = h + (h[0] == 'Q' || h[0] == 'q');
	if (*p < '1' || *p > '9') {
		return false;
	}
	char *end;
	long v = strtol(p, &end, 10);
	if (*end == '.') {
		end++;
	}
	if (*end != '\0' || v < 1 || v > 100000) {
		return false;
	}
	*n = v;
	return true;
}

static long
item_any_case(const struct questionnaire *q, const char *h)
{
	long i = questionnaire_item_index(q, h);
	for (size_t k = 0; i < 0 && k < q->n_items; k++) {
		if (strcasecmp(q->items[k].id, h) == 0) {
			i = (long)k;
		}
	}
	return i;
}

/* The item of a column on the sheet of a set, or -1. */
static long
column_item(const struct questionnaire *q, const struct column *col, int set)
{
	if (col->kind == COL_ITEM) {
		return col->item;
	}
	if (col->kind != COL_NUMBER) {
		return -1;
	}
	long k = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		if (questionnaire_item_asked(q, i, set) && ++k == col->number) {
			return (long)i;
		}
	}
	return -1;
}

/* Reads the header into cols; problems name the columns. */
static bool
read_header(const struct questionnaire *q, const char *name, const struct csv_record *h,
	struct column *cols, size_t max_number, struct problems *pr)
{
	static const char *const code_words[] = {"code", "name", "initials", "participant", NULL};
	static const char *const note_words[] = {"note", "reflection", NULL};
	static const char *const set_words[] = {"set", NULL};
	static const char *const ignored_words[] = {"timestamp", NULL};
	size_t before = problems_count(pr);
	bool have_code = false, have_note = false, have_set = false, any = false;
	for (size_t c = 0; c < h->n; c++) {
		char *hd = h->cells[c];
		trim(hd);
		char col[8], sh[48];
		csv_column_name(c, col);
		shown(hd, sh);
		cols[c].header = hd;
		cols[c].kind = COL_IGNORED;
		long v;
		if (question_number(hd, &v)) {
			if ((size_t)v > max_number) {
				problems_add(pr,
					"%s:%zu: row 1, column %s (\"%s\"): there is no question %ld (expected a question number of the sheet, 1 to %zu)",
					name, h->line, col, sh, v, max_number);
				continue;
			}
			cols[c].kind = COL_NUMBER;
			cols[c].number = v;
		} else if ((v = item_any_case(q, hd)) >= 0) {
			cols[c].kind = COL_ITEM;
			cols[c].item = v;
		} else if (is_word(hd, code_words) && !have_code) {
			cols[c].kind = COL_CODE;
			have_code = true;
			continue;
		} else if (is_word(hd, note_words) && !have_note) {
			cols[c].kind = COL_NOTE;
			have_note = true;
			continue;
		} else if (is_word(hd, set_words) && !have_set) {
			cols[c].kind = COL_SET;
			have_set = true;
			continue;
		} else if (is_word(hd, ignored_words)) {
			continue;
		} else {
			problems_add(pr,
				"%s:%zu: row 1, column %s (\"%s\"): the header names no question (expected a question number of the sheet such as 1 or Q1, an item id of \"%s\", or code, note, set, timestamp)",
				name, h->line, col, sh, q->id);
			continue;
		}
		any = true;
		/* the same question twice, in any set's numbering */
		bool twice = false;
		for (int set = q->n_sets > 0 ? 1 : 0; set <= q->n_sets && !twice; set++) {
			long idx = column_item(q, &cols[c], set);
			for (size_t d = 0; d < c && !twice && idx >= 0; d++) {
				if (column_item(q, &cols[d], set) == idx) {
					char dcol[8];
					csv_column_name(d, dcol);
					problems_add(pr,
						"%s:%zu: row 1, column %s (\"%s\"): the same question as column %s (expected each question once)",
						name, h->line, col, sh, dcol);
					twice = true;
				}
			}
		}
	}
	if (!any && problems_count(pr) == before) {
		problems_add(pr,
			"%s:%zu: the first row names no question (expected a header of question numbers as on the sheet, or item ids)",
			name, h->line);
	}
	return problems_count(pr) == before;
}

/* Fills one person's answers from a record; problems name row and column. */
static bool
read_row(const struct questionnaire *q, const char *name, struct csv_record *r, size_t row,
	const struct column *cols, size_t n_cols, int given, struct answers_row *out,
	struct problems *pr)
{
	size_t before = problems_count(pr);
	char col[8], sh[48];
	if (r->n > n_cols) {
		problems_add(pr, "%s:%zu: row %zu: %zu cells, but the header has %zu columns (expected one cell a column)",
			name, r->line, row, r->n, n_cols);
		return false;
	}
	struct answers *a = answers_create(q);
	if (a == NULL) {
		return problems_add(pr, "%s: out of memory", name);
	}
	int set = given;
	for (size_t c = 0; c < r->n; c++) {
		if (cols[c].kind != COL_SET) {
			continue;
		}
		trim(r->cells[c]);
		long v = 0;
		char *end = NULL;
		if (r->cells[c][0] != '\0') {
			v = strtol(r->cells[c], &end, 10);
		}
		csv_column_name(c, col);
		shown(r->cells[c], sh);
		if (r->cells[c][0] != '\0' && (*end != '\0' || v < 1 || v > q->n_sets)) {
			problems_add(pr, "%s:%zu: row %zu, column %s (\"%s\"): no set \"%s\" (expected %s)",
				name, r->line, row, col, cols[c].header, sh,
				q->n_sets > 0 ? "a set of the questionnaire, or nothing" : "nothing: the questionnaire has no sets");
		} else if (r->cells[c][0] != '\0' && given != 0 && v != given) {
			problems_add(pr, "%s:%zu: row %zu, column %s (\"%s\"): set %ld, but set %d was given (expected %d or nothing)",
				name, r->line, row, col, cols[c].header, v, given, given);
		} else if (v != 0) {
			set = (int)v;
		}
	}
	/* question numbers count the questions of the row's set */
	int numbering = set != 0 ? set : (q->n_sets > 0 ? 1 : 0);
	for (size_t c = 0; c < r->n; c++) {
		char *cell = r->cells[c];
		if (cols[c].kind == COL_CODE) {
			trim(cell);
			if (cell[0] != '\0' && out->code == NULL && (out->code = str_dup(cell)) == NULL) {
				problems_add(pr, "%s: out of memory", name);
			}
			continue;
		}
		if (cols[c].kind == COL_NOTE) {
			if (cell[0] != '\0' && (a->note = str_dup(cell)) == NULL) {
				problems_add(pr, "%s: out of memory", name);
			}
			continue;
		}
		if (cols[c].kind != COL_NUMBER && cols[c].kind != COL_ITEM) {
			continue;
		}
		trim(cell);
		if (cell[0] == '\0') {
			continue;
		}
		csv_column_name(c, col);
		long idx = column_item(q, &cols[c], numbering);
		char what[96];
		if (cols[c].kind == COL_NUMBER) {
			snprintf(what, sizeof(what), "question %ld", cols[c].number);
			if (idx < 0) {
				problems_add(pr, "%s:%zu: row %zu, column %s (\"%s\"): set %d has no question %ld (expected this cell empty)",
					name, r->line, row, col, cols[c].header, numbering, cols[c].number);
				continue;
			}
		} else {
			snprintf(what, sizeof(what), "item \"%.64s\"", q->items[idx].id);
		}
		int value;
		if (!answers_sheet_value_parse(q, &q->items[idx], cell, &value)) {
			char expected[512];
			answers_expected(q, &q->items[idx], expected, sizeof(expected));
			shown(cell, sh);
			problems_add(pr, "%s:%zu: row %zu, column %s (\"%s\"): impossible answer \"%s\" to %s (expected %s, or an empty cell to skip)",
				name, r->line, row, col, cols[c].header, sh, what, expected);
			continue;
		}
		a->values[idx] = value;
	}
	struct ladder_error err;
	error_clear(&err);
	if (problems_count(pr) == before && !answers_settle_set(q, a, set, &err)) {
		problems_add(pr, "%s:%zu: row %zu: %s", name, r->line, row, err.msg);
	}
	if (problems_count(pr) != before) {
		answers_destroy(a);
		return false;
	}
	out->answers = a;
	return true;
}

static size_t max_question(const struct questionnaire *q);

static bool
row_is_empty(const struct csv_record *r)
{
	for (size_t c = 0; c < r->n; c++) {
		for (const char *p = r->cells[c]; *p != '\0'; p++) {
			if (*p != ' ' && *p != '\t') {
				return false;
			}
		}
	}
	return true;
}

bool
answers_csv_parse(const struct questionnaire *q, const char *name, const char *text,
	size_t len, int set, struct answers_table *out, struct problems *pr)
{
	memset(out, 0, sizeof(*out));
	size_t before = problems_count(pr);
	struct csv_reader rd;
	csv_reader_init(&rd, name, text, len);
	size_t bad = csv_bad_utf8_line(rd.s, rd.len);
	if (bad != 0) {
		return problems_add(pr, "%s:%zu: not UTF-8 text (expected a CSV file saved as UTF-8)",
			name, bad);
	}
	size_t max_number = max_question(q);
	struct csv_record header = {0}, r = {0};
	struct column *cols = NULL;
	int got = csv_read(&rd, &header, 1, pr);
	if (got == 0) {
		problems_add(pr, "%s:1: the file is empty (expected a header of question numbers as on the sheet, or item ids)",
			name);
	}
	if (got != 1 || (cols = calloc(header.n, sizeof(*cols))) == NULL ||
		!read_header(q, name, &header, cols, max_number, pr)) {
		if (got == 1 && cols == NULL) {
			problems_add(pr, "%s: out of memory", name);
		}
		goto out;
	}
	for (size_t row = 2;; row++) {
		got = csv_read(&rd, &r, row, pr);
		if (got <= 0) {
			break;
		}
		if (row_is_empty(&r)) {
			continue;
		}
		if (out->n >= CSV_MAX_ROWS) {
			problems_add(pr, "%s:%zu: more than %d people (expected at most that many rows)",
				name, r.line, CSV_MAX_ROWS);
			got = -1;
			break;
		}
		if (out->n % 64 == 0) {
			struct answers_row *rows = realloc(out->rows, (out->n + 64) * sizeof(*rows));
			if (rows == NULL) {
				problems_add(pr, "%s: out of memory", name);
				got = -1;
				break;
			}
			out->rows = rows;
		}
		struct answers_row *ar = &out->rows[out->n++];
		memset(ar, 0, sizeof(*ar));
		ar->row = row;
		ar->line = r.line;
		if (!read_row(q, name, &r, row, cols, header.n, set, ar, pr)) {
			out->n_bad++;
		}
	}
	if (got < 0) {
		answers_table_finish(out);
	}
out:
	free(cols);
	csv_record_finish(&r);
	csv_record_finish(&header);
	if (problems_count(pr) != before && out->n == 0) {
		return false;
	}
	return true;
}

/* The largest question number of q's sheets. */
static size_t
max_question(const struct questionnaire *q)
{
	size_t max_number = 0;
	for (int s = q->n_sets > 0 ? 1 : 0; s <= q->n_sets; s++) {
		size_t n = questionnaire_items_asked(q, s);
		max_number = n > max_number ? n : max_number;
	}
	return max_number;
}

bool
answers_csv_header_fits(const struct questionnaire *q, const char *text, size_t len)
{
	struct csv_reader rd;
	struct csv_record header = {0};
	struct problems pr;
	problems_init(&pr);
	csv_reader_init(&rd, "", text, len);
	struct column *cols = NULL;
	bool fits = csv_bad_utf8_line(rd.s, rd.len) == 0 &&
		csv_read(&rd, &header, 1, &pr) == 1 &&
		(cols = calloc(header.n, sizeof(*cols))) != NULL &&
		read_header(q, "", &header, cols, max_question(q), &pr);
	free(cols);
	csv_record_finish(&header);
	problems_finish(&pr);
	return fits;
}

bool
answers_table_is_csv(const char *path, const char *text, size_t len)
{
	size_t n = strlen(path);
	if (n >= 4 && strcasecmp(path + n - 4, ".csv") == 0) {
		return true;
	}
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
		i++;
	}
	return i >= len || text[i] != '{';
}

bool
answers_table_load(const struct questionnaire *q, const char *path, int set,
	struct answers_table *out, struct problems *pr)
{
	memset(out, 0, sizeof(*out));
	char *text = NULL;
	size_t len = 0;
	struct ladder_error err;
	error_clear(&err);
	if (!file_read(path, CSV_MAX_BYTES, &text, &len, &err)) {
		return problems_add(pr, "%s", err.msg);
	}
	bool ok;
	if (answers_table_is_csv(path, text, len)) {
		ok = answers_csv_parse(q, path, text, len, set, out, pr);
		out->csv = true;
	} else {
		struct answers *a = answers_parse_all(q, path, text, len, pr);
		if (a != NULL && set != 0 && !answers_settle_set(q, a, set, &err)) {
			problems_add(pr, "%s: %s", path, err.msg);
			answers_destroy(a);
			a = NULL;
		}
		ok = a != NULL && (out->rows = calloc(1, sizeof(*out->rows))) != NULL;
		if (a != NULL && !ok) {
			problems_add(pr, "%s: out of memory", path);
		}
		if (ok) {
			out->rows[0].answers = a;
			out->rows[0].line = 1;
			out->n = 1;
		} else {
			answers_destroy(a);
		}
	}
	free(text);
	return ok;
}

bool
answers_file_questionnaire(const char *path, char *id, size_t size,
	struct ladder_error *err)
{
	char *text = NULL;
	size_t len = 0;
	if (!file_read(path, CSV_MAX_BYTES, &text, &len, err)) {
		return false;
	}
	bool ok = false;
	if (answers_table_is_csv(path, text, len)) {
		error_set(err, LADDER_FAIL,
			"%s: a CSV of answers does not name its questionnaire (expected the questionnaire's id with it)",
			path);
	} else {
		struct json_doc doc;
		const char *qid = NULL;
		if (json_doc_parse(&doc, path, text, len, err)) {
			ok = jr_format(&doc, "ladder-answers", err) &&
				jr_string(&doc, doc.root, "questionnaire", true, "the answers file", &qid, err);
			if (ok && strlen(qid) >= size) {
				ok = error_set(err, LADDER_FAIL, "%s: the questionnaire's id is too long", path);
			}
			if (ok) {
				memcpy(id, qid, strlen(qid) + 1);
			}
			json_doc_finish(&doc);
		}
	}
	free(text);
	return ok;
}

void
answers_table_finish(struct answers_table *t)
{
	if (t == NULL) {
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		answers_destroy(t->rows[i].answers);
		free(t->rows[i].code);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}
