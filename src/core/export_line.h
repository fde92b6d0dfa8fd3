#pragma once
/* What the export's line writer shares between reading a stored line
 * (export_line_read.c) and writing it (export_line.c). Not API. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "journal_impl.h"

/* A piece of the line: a token's text. */
struct span {
	const char *p;
	size_t n;
};

/* A scalar copied as it is: a number, true, false or null. */
enum kind { K_NULL, K_TRUE, K_FALSE, K_NUM, K_STR };
struct val {
	enum kind k;
	struct span t;
};

/* A placement in short: 16 values (journal_short.c, placement_paths). */
enum { N_PLACEMENT = 16 };
struct placement_line {
	int stage, nearest; /* rungs, 0 for null */
	struct val borderline, axes[4], rest[4];
	int evidence, below, margin_from, awareness_from, not_placed; /* -1: null */
};

/* Enough for the facets of any questionnaire ladder reads; more take the
 * long way. */
enum { MAX_FACETS = 16, MAX_ANSWERS = 512 };

/* A stored session line, read: what the export writes from it. */
struct line {
	struct val set, answered, total;
	bool repeat;
	struct placement_line whole;
	struct span facet_id[MAX_FACETS];
	struct placement_line facet[MAX_FACETS];
	size_t n_facets;
	bool has_rule1;
	int rule1;
	struct val answers[MAX_ANSWERS];
	size_t n_answers;
	bool keyed;                     /* the answers were an object: */
	struct span keys[MAX_ANSWERS];  /* its members' names */
	struct span note; /* n == 0: null or empty */
};

/* Reads and checks s's line into l; false for anything the long way
 * should read. */
bool exl_read_line(const struct journal *j, const struct journal_session *s,
	struct line *l);
