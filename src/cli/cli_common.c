/* Helpers the commands share: the catalog of questionnaires, a
 * questionnaire by id or path, JSON on standard output, --set. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ladder/json.h"
#include "ladder/paths.h"
#include "ladder/safetext.h"
#include "ladder/util.h"

struct catalog *
cli_catalog(const struct cli_global *g)
{
	struct catalog *cat = cli_catalog_quiet(g);
	if (cat == NULL) {
		cli_error("out of memory");
		return NULL;
	}
	cli_catalog_warn(cat);
	return cat;
}

void
cli_catalog_warn(const struct catalog *cat)
{
	for (size_t i = 0; i < cat->n_problems; i++) {
		cli_warn("%s", cat->problems[i]);
	}
}

struct catalog *
cli_catalog_quiet(const struct cli_global *g)
{
	struct catalog *cat = catalog_create();
	if (cat == NULL) {
		return NULL;
	}
	char *builtin = str_printf("%s/questionnaires", paths_data_dir());
	char *editions = str_printf("%s/editions", paths_data_dir());
	char *user = paths_user_questionnaires();
	bool ok = builtin != NULL && editions != NULL &&
		catalog_set_editions_dir(cat, editions) && catalog_add_dir(cat, builtin, true);
	cat->n_builtin = cat->n;
	if (ok && user != NULL) {
		ok = catalog_add_dir(cat, user, false);
	}
	for (size_t i = 0; ok && i < g->n_qdirs; i++) {
		ok = catalog_add_dir(cat, g->qdirs[i], true);
	}
	free(builtin);
	free(editions);
	free(user);
	if (!ok) {
		catalog_destroy(cat);
		return NULL;
	}
	return cat;
}

const struct questionnaire *
cli_questionnaire(const struct catalog *cat, const char *arg,
	struct questionnaire **owned)
{
	*owned = NULL;
	const struct questionnaire *q = catalog_find(cat, arg);
	if (q != NULL) {
		return q;
	}
	size_t len = strlen(arg);
	if (strchr(arg, '/') != NULL || (len > 5 && strcmp(arg + len - 5, ".json") == 0)) {
		struct ladder_error err;
		error_clear(&err);
		*owned = questionnaire_load(arg, &err);
		if (*owned == NULL) {
			cli_error("%s", err.msg);
		}
		return *owned;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < cat->n; i++) {
		strbuf_printf(&sb, "%s%s", i ? ", " : "", cat->items[i]->id);
	}
	cli_error("no questionnaire \"%s\" (available: %s; see 'ladder list', or give a file path)",
		arg, sb.data ? sb.data : "none");
	strbuf_finish(&sb);
	return NULL;
}

bool
cli_print_json(const void *json)
{
	char *s = json_print((const cJSON *)json);
	if (s == NULL) {
		cli_error("out of memory");
		return false;
	}
	bool ok = fputs(s, stdout) >= 0 && fputc('\n', stdout) != EOF &&
		fflush(stdout) == 0;
	free(s);
	if (!ok) {
		cli_error("cannot write to standard output");
	}
	return ok;
}

bool
cli_set_value(const struct cli_args *a, size_t opt, const struct questionnaire *q,
	int *set)
{
	const char *v = cli_value(a, opt);
	if (v == NULL) {
		return true;
	}
	char *end = NULL;
	long n = strtol(v, &end, 10);
	if (q->n_sets == 0) {
		cli_error("--set %s: questionnaire \"%s\" has no sets", v, q->id);
		return false;
	}
	if (end == v || *end != '\0' || n < 1 || n > q->n_sets) {
		cli_error("--set %s: expected a set of \"%s\", a number from 1 to %d", v, q->id,
			q->n_sets);
		return false;
	}
	*set = (int)n;
	return true;
}

int
cli_subject_open(const struct cli_global *g, const struct cli_args *a, size_t set_opt,
	struct cli_subject *s)
{
	*s = (struct cli_subject){0};
	if ((s->cat = cli_catalog(g)) == NULL) {
		return LADDER_FAIL;
	}
	s->q = cli_questionnaire(s->cat, a->pos[0], &s->owned);
	if (s->q == NULL) {
		cli_subject_finish(s);
		return LADDER_FAIL;
	}
	if (!cli_set_value(a, set_opt, s->q, &s->set)) {
		cli_subject_finish(s);
		return LADDER_USAGE;
	}
	return LADDER_OK;
}

void
cli_subject_finish(struct cli_subject *s)
{
	questionnaire_destroy(s->owned);
	catalog_destroy(s->cat);
	*s = (struct cli_subject){0};
}
