/* An explained result (ladder/report.h) as plain text: for --plain, for
 * `score --text` and for paper. */
#include "report_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/model.h"
#include "ladder/safetext.h"
#include "ladder/text.h"
#include "ladder/util.h"

#define MAX_LINES 256
#define BAR_LABEL 28
#define BAR_WIDTH 20
#define LABEL_HANG_MAX 26 /* wider labels go on a line of their own */

static void report_write(FILE *out, const struct report *r, int width, bool paper);

/* text, wrapped to width from column indent; the first line starts at
 * column first (the caller has printed up to it). */
static void
wrap(FILE *out, const char *text, int first, int indent, int width)
{
	struct text_span spans[MAX_LINES];
	int avail = width - indent;
	if (avail < 20) {
		avail = 20;
	}
	/* the first line may have less room than the rest: wrap it alone */
	size_t n = text_wrap(text, (size_t)(width - first > 20 ? width - first : 20), spans, 1);
	if (n == 0) {
		fputc('\n', out);
		return;
	}
	fprintf(out, "%.*s\n", (int)spans[0].len, text + spans[0].start);
	const char *rest = text + spans[0].start + spans[0].len;
	while (*rest == ' ' || *rest == '\n') {
		rest++;
	}
	if (*rest == '\0') {
		return;
	}
	n = text_wrap(rest, (size_t)avail, spans, MAX_LINES);
	for (size_t i = 0; i < n && i < MAX_LINES; i++) {
		fprintf(out, "%*s%.*s\n", indent, "", (int)spans[i].len, rest + spans[i].start);
	}
}

static void
ladder(FILE *out, enum stage s)
{
	for (int r = STAGE_COUNT; r >= 1; r--) {
		if (r == (int)s) {
			fprintf(out, "  > %d  %-26s<- you are here\n", r, stage_name((enum stage)r));
		} else {
			fprintf(out, "    %d  %s\n", r, stage_name((enum stage)r));
		}
	}
}

static void
bar(FILE *out, const char *label, double v)
{
	int lw = (int)utf8_width(label, strlen(label));
	fprintf(out, "  %s%*s", label, lw < BAR_LABEL ? BAR_LABEL - lw : 1, "");
	if (isnan(v)) {
		fprintf(out, "no answers\n");
		return;
	}
	double c = v < 0 ? 0 : v > 1 ? 1 : v;
	int fill = (int)lround(c * BAR_WIDTH);
	fprintf(out, "%3d%%  ", (int)lround(c * 100));
	for (int i = 0; i < BAR_WIDTH; i++) {
		fputc(i < fill ? '#' : '.', out);
	}
	fputc('\n', out);
}

/* A situation in a line or two, for paper: its number on the sheet, the
 * letter answered, the letter rated best and that option's reason, from
 * the BULLET at blocks[i] and the blocks under it. Returns the index of
 * the last block used. */
static size_t
situation_line(FILE *out, const struct report *r, size_t i, int width)
{
	struct strbuf line;
	strbuf_init(&line);
	const char *reason = NULL;
	size_t k = i + 1;
	for (; k < r->n && r->blocks[k].indent > 0 && r->blocks[k].kind != REPORT_BULLET; k++) {
		const struct report_block *b = &r->blocks[k];
		if (b->kind == REPORT_LABELED && b->letter != 0) {
			strbuf_printf(&line, "%s%s %c.", line.len > 0 ? " " : "", b->label, b->letter);
			reason = b->reason_at > 0 ? b->text + b->reason_at : NULL;
		} else {
			strbuf_printf(&line, "%s%s", line.len > 0 ? " " : "", b->text);
		}
	}
	if (reason != NULL) {
		strbuf_printf(&line, " %s", reason);
	}
	char *text = line.failed ? NULL : safetext_dup(line.data);
	fprintf(out, "%3d. ", r->blocks[i].number);
	wrap(out, text != NULL ? text : "(out of memory)", 5, 5, width);
	free(text);
	strbuf_finish(&line);
	return k - 1;
}

void
report_write_text(FILE *out, const struct report *r, int width)
{
	report_write(out, r, width, false);
}

void
report_write_print(FILE *out, const struct report *r, int width)
{
	report_write(out, r, width, true);
}

static void
report_write(FILE *out, const struct report *r, int width, bool paper)
{
	bool first = true;
	for (size_t i = 0; i < r->n; i++) {
		if (paper && r->blocks[i].kind == REPORT_BULLET && r->blocks[i].number > 0) {
			i = situation_line(out, r, i, width);
			first = false;
			continue;
		}
		/* a stored result may have come from an import: its words made
		 * safe for a terminal */
		struct report_block safe = r->blocks[i];
		char *text = safetext_dup(safe.text);
		char *label = safe.label ? safetext_dup(safe.label) : NULL;
		if (text == NULL || (safe.label != NULL && label == NULL)) {
			free(text);
			free(label);
			fputs("(out of memory)\n", out);
			return;
		}
		safe.text = text;
		safe.label = label;
		const struct report_block *b = &safe;
		int in = b->indent;
		switch (b->kind) {
		case REPORT_HEADING:
			fprintf(out, "%s%s\n", first ? "" : "\n", b->text);
			break;
		case REPORT_PARA:
		case REPORT_NOTE:
			fprintf(out, "%*s", in, "");
			wrap(out, b->text, in, in, width);
			break;
		case REPORT_EMPHASIS:
			fprintf(out, "%*s* ", in, "");
			wrap(out, b->text, in + 2, in + 2, width);
			break;
		case REPORT_LADDER:
			ladder(out, b->stage);
			break;
		case REPORT_BAR:
			bar(out, b->label, b->value);
			break;
		case REPORT_AREA:
			if (b->stage == STAGE_NONE) {
				fprintf(out, "  %s: not placed\n", b->label);
			} else {
				fprintf(out, "  %s: rung %d, %s\n", b->label, (int)b->stage,
					stage_name(b->stage));
			}
			fprintf(out, "    ");
			wrap(out, b->text, 4, 4, width);
			break;
		case REPORT_BULLET:
			fprintf(out, "%*s  - ", in, "");
			wrap(out, b->text, in + 4, in + 4, width);
			break;
		case REPORT_LABELED: {
			int lw = (int)utf8_width(b->label, strlen(b->label));
			if (lw > LABEL_HANG_MAX) {
				/* a long label on a line of its own, the text under it */
				fprintf(out, "%*s  %s\n%*s", in, "", b->label, in + 4, "");
				wrap(out, b->text, in + 4, in + 4, width);
			} else {
				fprintf(out, "%*s  %s ", in, "", b->label);
				wrap(out, b->text, in + 3 + lw, in + 4, width);
			}
			break;
		}
		}
		first = false;
		free(text);
		free(label);
	}
}
