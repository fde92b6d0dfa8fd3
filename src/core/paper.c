#include "ladder/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/text.h"
#include "ladder/util.h"

/* Writes s wrapped to width, the first line after `first` and the others
 * indented by `indent` spaces. */
static void
wrapped(struct strbuf *sb, const char *first, size_t indent, const char *s,
	size_t width)
{
	size_t avail = width > indent + 10 ? width - indent : 10;
	size_t n = text_wrap(s, avail, NULL, 0);
	struct text_span *spans = malloc((n ? n : 1) * sizeof(*spans));
	if (spans == NULL) {
		sb->failed = true;
		return;
	}
	text_wrap(s, avail, spans, n);
	for (size_t i = 0; i < n; i++) {
		if (i == 0) {
			strbuf_puts(sb, first);
		} else {
			strbuf_printf(sb, "%*s", (int)indent, "");
		}
		strbuf_add(sb, s + spans[i].start, spans[i].len);
		strbuf_puts(sb, "\n");
	}
	free(spans);
}

static void
rule(struct strbuf *sb, size_t width, const char *ch)
{
	for (size_t i = 0; i < width; i++) {
		strbuf_puts(sb, ch);
	}
	strbuf_puts(sb, "\n");
}

char *
paper_render(const struct questionnaire *q, int set, size_t width)
{
	if (set == 0 && q->n_sets > 0) {
		set = 1;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	if (width < 40) {
		width = 40;
	}
	rule(&sb, width, "=");
	wrapped(&sb, "", 0, q->title, width);
	if (set > 0) {
		strbuf_printf(&sb, "(questionnaire \"%s\", version %d, set %d of %d)\n", q->id,
			q->version, set, q->n_sets);
	} else {
		strbuf_printf(&sb, "(questionnaire \"%s\", version %d)\n", q->id, q->version);
	}
	rule(&sb, width, "=");
	strbuf_puts(&sb, "\n");
	if (q->description[0] != '\0') {
		wrapped(&sb, "", 0, q->description, width);
		strbuf_puts(&sb, "\n");
	}
	strbuf_puts(&sb, "Name or code: ______________________    Date: ____________\n\n");
	wrapped(&sb, "", 0,
		"How to answer: for each statement, tick the box of the one answer "
		"that fits you best. For each situation, tick the box of the one "
		"response closest to what you would really do. Leave out any item "
		"you prefer not to answer. Honest answers give the most useful "
		"picture; nobody else needs to see this sheet.", width);
	strbuf_puts(&sb, "\n");

	size_t number = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (!questionnaire_item_asked(q, i, set)) {
			continue;
		}
		/* no area headings: the sheet does not say what a question is
		 * for (the items are ordered so that neighbours differ) */
		char head[32];
		snprintf(head, sizeof(head), "%3zu. ", ++number);
		wrapped(&sb, head, 5, it->text, width);
		if (it->kind == ITEM_LIKERT) {
			const struct scale *s = &q->scales[it->scale];
			/* all points on one line when they fit, else one a line */
			struct strbuf line;
			strbuf_init(&line);
			strbuf_puts(&line, "     ");
			for (int v = s->min; v <= s->max; v++) {
				strbuf_printf(&line, "%s[ ] %d %s", v > s->min ? "  " : "", v,
					s->labels[v - s->min]);
			}
			if (line.data != NULL && utf8_width(line.data, line.len) <= width) {
				strbuf_puts(&sb, line.data);
				strbuf_puts(&sb, "\n");
			} else {
				for (int v = s->min; v <= s->max; v++) {
					char first[32];
					snprintf(first, sizeof(first), "     [ ] %d ", v);
					wrapped(&sb, first, 12, s->labels[v - s->min], width);
				}
			}
			strbuf_finish(&line);
		} else {
			for (size_t k = 0; k < it->n_options; k++) {
				char first[96];
				snprintf(first, sizeof(first), "     [ ] %.60s) ", it->options[k].id);
				wrapped(&sb, first, 9 + strlen(it->options[k].id) + 2 > 30 ? 12 :
						9 + strlen(it->options[k].id) + 2,
					it->options[k].text, width);
			}
		}
		strbuf_printf(&sb, "     (item %s)\n\n", it->id);
	}
	rule(&sb, width, "-");
	wrapped(&sb, "", 0,
		"To record this sheet in your journal, type the answers into a file "
		"like the one below (a number for a statement, the letter for a "
		"situation; leave out items you skipped) and run:", width);
	strbuf_printf(&sb, "\n    ladder assess %s --answers answers.json\n\n", q->id);
	strbuf_printf(&sb, "    {\"format\": \"ladder-answers\", \"format_version\": 1,\n"
			   "     \"questionnaire\": \"%s\",\n", q->id);
	if (set > 0) {
		strbuf_printf(&sb, "     \"set\": %d,\n", set);
	}
	strbuf_puts(&sb, "     \"answers\": {");
	for (size_t i = 0, shown = 0; i < q->n_items && shown < 2; i++) {
		const struct item *it = &q->items[i];
		if (!questionnaire_item_asked(q, i, set)) {
			continue;
		}
		shown++;
		if (it->kind == ITEM_LIKERT) {
			strbuf_printf(&sb, "%s\"%s\": %d", shown > 1 ? ", " : "", it->id,
				q->scales[it->scale].min);
		} else {
			strbuf_printf(&sb, "%s\"%s\": \"%s\"", shown > 1 ? ", " : "", it->id,
				it->options[0].id);
		}
	}
	strbuf_puts(&sb, q->n_items > 2 ? ", ...},\n" : "},\n");
	strbuf_puts(&sb, "     \"note\": \"an optional reflection\"}\n");
	if (sb.failed) {
		strbuf_finish(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}
