/* Scoring a room from a CSV of answers: 10,000 people (random answers to
 * the first built-in questionnaire's set 1, a few cells empty). In the
 * process, reading the CSV against the floor of what must be done anyway
 * with what it holds (scoring each person and writing the result's JSON
 * line): target at most that much again. And `ladder score --answers
 * FILE.csv` as a whole: at most 2 s, and at most 64 MiB at its peak. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder/answers_csv.h"
#include "ladder/score.h"
#include "ladder/util.h"

#define PEOPLE 10000
#define RUNS 5

static char *
make_csv(const struct questionnaire *q, size_t *len)
{
	struct strbuf sb;
	strbuf_init(&sb);
	size_t asked = questionnaire_items_asked(q, 1);
	strbuf_puts(&sb, "code");
	for (size_t k = 1; k <= asked; k++) {
		strbuf_printf(&sb, ",%zu", k);
	}
	strbuf_puts(&sb, "\r\n");
	uint32_t x = 14;
	for (int p = 0; p < PEOPLE; p++) {
		strbuf_printf(&sb, "P%05d", p);
		for (size_t i = 0; i < q->n_items; i++) {
			if (!questionnaire_item_asked(q, i, 1)) {
				continue;
			}
			x = x * 1664525u + 1013904223u;
			const struct item *it = &q->items[i];
			if ((x >> 24) % 20 == 0) {
				strbuf_puts(&sb, ",");
			} else if (it->kind == ITEM_LIKERT) {
				const struct scale *s = &q->scales[it->scale];
				strbuf_printf(&sb, ",%d", s->min + (int)((x >> 8) % (uint32_t)(s->max - s->min + 1)));
			} else {
				strbuf_printf(&sb, ",%c", (char)('A' + (x >> 8) % it->n_options));
			}
		}
		strbuf_puts(&sb, "\r\n");
	}
	*len = sb.len;
	return strbuf_take(&sb);
}

int
main(void)
{
	struct bench b;
	bench_init(&b, "bench-csv");
	const struct questionnaire *q = b.qs[0];
	size_t len;
	char *csv = make_csv(q, &len);
	double tparse[RUNS], tscore[RUNS];
	for (int r = 0; r < RUNS; r++) {
		struct answers_table t;
		struct problems pr;
		problems_init(&pr);
		double t0 = bench_now();
		bool ok = answers_csv_parse(q, "room.csv", csv, len, 0, &t, &pr);
		tparse[r] = bench_now() - t0;
		if (!ok || t.n != PEOPLE || t.n_bad != 0) {
			fprintf(stderr, "bench: the CSV did not read: %s\n", pr.n ? pr.msgs[0] : "?");
			exit(99);
		}
		t0 = bench_now();
		size_t bytes = 0;
		for (size_t i = 0; i < t.n; i++) {
			struct result *res = score_compute(q, t.rows[i].answers);
			cJSON *json = result_to_json(res);
			char *line = cJSON_PrintUnformatted(json);
			bytes += strlen(line);
			cJSON_free(line);
			cJSON_Delete(json);
			result_destroy(res);
		}
		tscore[r] = bench_now() - t0;
		if (bytes == 0) {
			exit(99);
		}
		answers_table_finish(&t);
		problems_finish(&pr);
	}
	double parse = bench_min(tparse, RUNS), score = bench_min(tscore, RUNS);
	printf("%d people, %zu bytes of CSV: reading %.1f ms, scoring and writing JSON %.1f ms "
		"(least of %d)\n", PEOPLE, len, parse * 1e3, score * 1e3, RUNS);
	bench_check(&b, "reading the CSV / scoring what it holds", parse / score, 1.0, "x");

	char *path = bench_path(&b, "room.csv");
	FILE *f = fopen(path, "w");
	if (f == NULL || fwrite(csv, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "bench: cannot write %s\n", path);
		exit(99);
	}
	char *argv[] = {(char *)b.ladder, "score", q->id, "--answers", path, NULL};
	struct rusage ru;
	double wall[RUNS];
	long rss = 0;
	for (int r = 0; r < RUNS; r++) {
		wall[r] = bench_run(&b, argv, NULL, &ru);
		rss = ru.ru_maxrss > rss ? ru.ru_maxrss : rss;
	}
	double w = bench_min(wall, RUNS);
	printf("ladder score --answers room.csv: %.0f ms, peak %ld KiB\n", w * 1e3, rss);
	bench_check(&b, "ladder score of 10,000 people", w, 2.0, "s");
	bench_check(&b, "its peak memory", (double)rss / 1024.0, 64.0, "MiB");
	free(path);
	free(csv);
	return bench_exit(&b);
}
