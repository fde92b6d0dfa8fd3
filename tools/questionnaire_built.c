/* Run by the build: parses the built-in questionnaire files with the
 * program's own parser and writes a C file that holds, for each, the
 * file's exact bytes and the parsed struct questionnaire as static data
 * (include/ladder/questionnaire_built.h). The catalog uses that parse when
 * a file holds exactly those bytes, so the program does not parse its
 * built-in questionnaires at every start; any other file, or an edited
 * one, is parsed as before.
 *
 *   questionnaire_built OUTPUT.c FILE.json...
 *
 * Every field of the structs in include/ladder/questionnaire.h is written
 * here; tests/unit/test_questionnaire_built.c compares each of them with a
 * parse at run time, so a field added there and forgotten here fails. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/questionnaire.h"

static FILE *out;

/* s as a C string literal, or NULL. Octal escapes are always three digits
 * and ? is escaped (no trigraphs), so nothing runs into what follows. */
static void
put_str(const char *s)
{
	if (s == NULL) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?') {
			fprintf(out, "\\%c", *p);
		} else if (*p < 0x20 || *p > 0x7e) {
			fprintf(out, "\\%03o", *p);
		} else {
			fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* SEP (", .name = ") and s. */
static void
put_field(const char *sep, const char *s)
{
	fputs(sep, out);
	put_str(s);
}

static void
put_double(double v)
{
	if (isnan(v)) {
		fputs("NAN", out);
	} else {
		fprintf(out, "%a", v);
	}
}

/* "static TYPE NAME[N] = {" (one element at the least) and its end, with
 * EMPTY as the one element of an empty array. */
static void
open_array(const char *type, const char *name, size_t n)
{
	fprintf(out, "static %s %s[%zu] = {", type, name, n ? n : 1);
}

static void
close_array(size_t n, const char *empty)
{
	if (n) {
		fputs("\n};\n", out);
	} else {
		fprintf(out, "%s};\n", empty);
	}
}

/* static char *NAME[] = {...}; or nothing when v is NULL. An empty array
 * still gets one (NULL) element: the parse hands out such arrays too. */
static void
put_strings(const char *name, char **v, size_t n)
{
	if (v == NULL) {
		return;
	}
	open_array("char *", name, n);
	for (size_t i = 0; i < n; i++) {
		put_field("\n\t", v[i]);
		fputs(",", out);
	}
	close_array(n, "NULL");
}

static void
put_ref(const char *name, const void *p)
{
	fputs(p != NULL ? name : "NULL", out);
}

/* The next steps of stages[], named PREFIX_sI, then nothing else. */
static void
put_stage_lists(const char *prefix, const struct stage_text *stages)
{
	char name[128];
	for (size_t s = 0; s < STAGE_COUNT; s++) {
		snprintf(name, sizeof(name), "%s_s%zu", prefix, s);
		put_strings(name, stages[s].next_steps, stages[s].n_next_steps);
	}
}

static void
put_stages(const char *prefix, const struct stage_text *stages)
{
	char name[128];
	fputs("{", out);
	for (size_t s = 0; s < STAGE_COUNT; s++) {
		snprintf(name, sizeof(name), "%s_s%zu", prefix, s);
		fputs(s ? ", {" : "{", out);
		put_str(stages[s].summary);
		fputs(", ", out);
		put_ref(name, stages[s].next_steps);
		fprintf(out, ", %zu}", stages[s].n_next_steps);
	}
	fputs("}", out);
}

static void
put_questionnaire(size_t k, const struct questionnaire *q)
{
	char name[96];
	for (size_t i = 0; i < q->n_scales; i++) {
		const struct scale *sc = &q->scales[i];
		snprintf(name, sizeof(name), "q%zu_scale%zu", k, i);
		put_strings(name, sc->labels, sc->labels ? (size_t)(sc->max - sc->min + 1) : 0);
	}
	snprintf(name, sizeof(name), "q%zu_scales", k);
	open_array("struct scale", name, q->n_scales);
	for (size_t i = 0; i < q->n_scales; i++) {
		const struct scale *sc = &q->scales[i];
		snprintf(name, sizeof(name), "q%zu_scale%zu", k, i);
		put_field("\n\t{.id = ", sc->id);
		fprintf(out, ", .min = %d, .max = %d, .labels = ", sc->min, sc->max);
		put_ref(name, sc->labels);
		fputs("},", out);
	}
	close_array(q->n_scales, "{0}");

	for (size_t i = 0; i < q->n_facets; i++) {
		snprintf(name, sizeof(name), "q%zu_facet%zu", k, i);
		put_stage_lists(name, q->facets[i].stages);
	}
	snprintf(name, sizeof(name), "q%zu_facets", k);
	open_array("struct facet", name, q->n_facets);
	for (size_t i = 0; i < q->n_facets; i++) {
		const struct facet *f = &q->facets[i];
		snprintf(name, sizeof(name), "q%zu_facet%zu", k, i);
		put_field("\n\t{.id = ", f->id);
		put_field(", .title = ", f->title);
		put_field(", .description = ", f->description);
		fputs(",\n\t\t.stages = ", out);
		put_stages(name, f->stages);
		fprintf(out, ", .has_stages = %s},", f->has_stages ? "true" : "false");
	}
	close_array(q->n_facets, "{0}");

	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		if (it->options == NULL) {
			continue;
		}
		snprintf(name, sizeof(name), "q%zu_item%zu", k, i);
		open_array("struct option", name, it->n_options);
		for (size_t o = 0; o < it->n_options; o++) {
			put_field("\n\t{.id = ", it->options[o].id);
			put_field(", .text = ", it->options[o].text);
			fputs(", .score = ", out);
			put_double(it->options[o].score);
			put_field(",\n\t\t.rationale = ", it->options[o].rationale);
			fputs("},", out);
		}
		close_array(it->n_options, "{0}");
	}
	snprintf(name, sizeof(name), "q%zu_items", k);
	open_array("struct item", name, q->n_items);
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = &q->items[i];
		snprintf(name, sizeof(name), "q%zu_item%zu", k, i);
		put_field("\n\t{.id = ", it->id);
		fprintf(out, ", .facet = %zu, .axis = (enum axis)%d, .kind = (enum item_kind)%d, "
			".scale = %zu, .reverse = %s", it->facet, (int)it->axis,
			(int)it->kind, it->scale, it->reverse ? "true" : "false");
		put_field(",\n\t\t.text = ", it->text);
		fputs(",\n\t\t.options = ", out);
		put_ref(name, it->options);
		fprintf(out, ", .n_options = %zu, .set = %d},", it->n_options, it->set);
	}
	close_array(q->n_items, "{0}");

	snprintf(name, sizeof(name), "q%zu", k);
	put_stage_lists(name, q->stages);
	snprintf(name, sizeof(name), "q%zu_prompts", k);
	put_strings(name, q->prompts, q->n_prompts);
	fprintf(out, "static const struct questionnaire q%zu = {\n\t.path = NULL, .borrowed = false", k);
	put_field(",\n\t.id = ", q->id);
	fprintf(out, ", .version = %d, .n_sets = %d", q->version, q->n_sets);
	put_field(",\n\t.language = ", q->language);
	put_field(", .title = ", q->title);
	put_field(",\n\t.description = ", q->description);
	const char *const thresholds[] = {"competence", "awareness", "automaticity", "scenarios"};
	const double values[] = {q->t_competence, q->t_awareness, q->t_automaticity,
		q->t_scenarios};
	for (size_t i = 0; i < 4; i++) {
		fprintf(out, ",\n\t.t_%s = ", thresholds[i]);
		put_double(values[i]);
	}
	const struct {
		const char *field;
		const void *p;
		size_t n;
	} arrays[] = {
		{"scales", q->scales, q->n_scales},
		{"facets", q->facets, q->n_facets},
		{"items", q->items, q->n_items},
		{"prompts", q->prompts, q->n_prompts},
	};
	for (size_t i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++) {
		snprintf(name, sizeof(name), "q%zu_%s", k, arrays[i].field);
		fprintf(out, ",\n\t.%s = ", arrays[i].field);
		put_ref(name, arrays[i].p);
		fprintf(out, ", .n_%s = %zu", arrays[i].field, arrays[i].n);
	}
	fputs(",\n\t.stages = ", out);
	snprintf(name, sizeof(name), "q%zu", k);
	put_stages(name, q->stages);
	fputs(",\n};\n", out);
}

/* The file's bytes, sixteen a line. */
static bool
put_text(size_t k, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return false;
	}
	fprintf(out, "static const unsigned char q%zu_text[] = {", k);
	int c;
	*len = 0;
	while ((c = getc(f)) != EOF) {
		fprintf(out, "%s0x%02x,", *len % 16 ? "" : "\n\t", (unsigned)c);
		(*len)++;
	}
	bool ok = !ferror(f);
	fclose(f);
	fputs("\n};\n", out);
	return ok;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: questionnaire_built OUTPUT.c FILE.json...\n");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (out == NULL) {
		perror(argv[1]);
		return 1;
	}
	fputs("/* Written by tools/questionnaire_built.c from the built-in questionnaire\n"
	      " * files; not to be edited. */\n"
	      "#include <math.h>\n#include <stdbool.h>\n#include <stddef.h>\n\n"
	      "#include \"ladder/questionnaire_built.h\"\n\n", out);
	size_t n = (size_t)argc - 2;
	bool ok = true;
	size_t *lens = calloc(n ? n : 1, sizeof(*lens));
	for (size_t k = 0; ok && lens != NULL && k < n; k++) {
		struct ladder_error err;
		error_clear(&err);
		struct questionnaire *q = questionnaire_load(argv[k + 2], &err);
		if (q == NULL) {
			fprintf(stderr, "%s\n", err.msg);
			ok = false;
			break;
		}
		fprintf(out, "/* %s */\n", q->id);
		put_questionnaire(k, q);
		questionnaire_destroy(q);
		ok = put_text(k, argv[k + 2], &lens[k]);
		fputs("\n", out);
	}
	if (ok && lens != NULL) {
		fprintf(out, "const struct questionnaire_built questionnaire_built[%zu] = {\n",
			n ? n : 1);
		for (size_t k = 0; k < n; k++) {
			fprintf(out, "\t{q%zu_text, %zu, &q%zu},\n", k, lens[k], k);
		}
		fprintf(out, "%s};\nconst size_t questionnaire_n_built = %zu;\n",
			n ? "" : "\t{NULL, 0, NULL},\n", n);
	}
	free(lens);
	if (fclose(out) != 0 || lens == NULL) {
		ok = false;
	}
	if (!ok) {
		remove(argv[1]);
		return 1;
	}
	return 0;
}
