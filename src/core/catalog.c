#include "ladder/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ladder/questionnaire_built.h"
#include "ladder/util.h"

/* Older editions, read from dir (ID-VERSION.json) when first asked for. */
struct catalog_editions {
	char *dir;
	struct questionnaire **items;
	size_t n;
	char **missing; /* "ID-VERSION" of editions not found: not looked for again */
	size_t n_missing;
};

struct catalog *
catalog_create(void)
{
	return calloc(1, sizeof(struct catalog));
}

void
catalog_destroy(struct catalog *c)
{
	if (c == NULL) {
		return;
	}
	for (size_t i = 0; i < c->n; i++) {
		questionnaire_destroy(c->items[i]);
	}
	for (size_t i = 0; i < c->n_problems; i++) {
		free(c->problems[i]);
	}
	if (c->editions != NULL) {
		for (size_t i = 0; i < c->editions->n; i++) {
			questionnaire_destroy(c->editions->items[i]);
		}
		free(c->editions->items);
		for (size_t i = 0; i < c->editions->n_missing; i++) {
			free(c->editions->missing[i]);
		}
		free(c->editions->missing);
		free(c->editions->dir);
		free(c->editions);
	}
	free(c->items);
	free(c->problems);
	free(c);
}

static bool
add_problem(struct catalog *c, char *msg)
{
	if (msg == NULL) {
		return false;
	}
	char **np = realloc(c->problems, (c->n_problems + 1) * sizeof(char *));
	if (np == NULL) {
		free(msg);
		return false;
	}
	c->problems = np;
	c->problems[c->n_problems++] = msg;
	return true;
}

/* Whether what is left to read of fd is exactly the len bytes of text. */
static bool
same_bytes(int fd, const unsigned char *text, size_t len)
{
	unsigned char buf[16384];
	size_t at = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return n == 0 && at == len;
		}
		if ((size_t)n > len - at || memcmp(buf, text + at, (size_t)n) != 0) {
			return false;
		}
		at += (size_t)n;
	}
}

/* A questionnaire file: the build's parse when the file holds exactly the
 * bytes the build parsed (the built-in questionnaires and editions, see
 * tools/questionnaire_built.c), else parsed now, which also reports any
 * error. Either way the same questionnaire, without parsing 130 KB of JSON
 * at every start. The file is compared a piece at a time, so a match
 * costs no copy of it. */
static struct questionnaire *
load_file(const char *path, struct ladder_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		for (size_t i = 0; i < questionnaire_n_built; i++) {
			const struct questionnaire_built *b = &questionnaire_built[i];
			if ((off_t)b->len == st.st_size && lseek(fd, 0, SEEK_SET) == 0 &&
				same_bytes(fd, b->text, b->len)) {
				close(fd);
				return questionnaire_borrow(b->q, path, err);
			}
		}
	}
	if (fd >= 0) {
		close(fd);
	}
	return questionnaire_load(path, err);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool
catalog_add_dir(struct catalog *c, const char *dir, bool required)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		if (!required && errno == ENOENT) {
			return true;
		}
		return add_problem(c, str_printf("%s: cannot read the folder: %s",
					      dir, strerror(errno)));
	}
	char **names = NULL;
	size_t n = 0;
	bool ok = true;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || e->d_name[0] == '.' ||
			strcmp(e->d_name + len - 5, ".json") != 0) {
			continue;
		}
		char **nn = realloc(names, (n + 1) * sizeof(char *));
		if (nn == NULL || (nn[n] = str_printf("%s/%s", dir, e->d_name)) == NULL) {
			names = nn ? nn : names;
			ok = false;
			break;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (names != NULL) {
		qsort(names, n, sizeof(char *), name_cmp);
	}
	for (size_t i = 0; ok && i < n; i++) {
		struct ladder_error err;
		error_clear(&err);
		struct questionnaire *q = load_file(names[i], &err);
		if (q == NULL) {
			ok = add_problem(c, str_dup(err.msg));
			continue;
		}
		const struct questionnaire *old = catalog_find(c, q->id);
		if (old != NULL) {
			ok = add_problem(c, str_printf(
				"%s: a questionnaire with id \"%s\" is already loaded from %s; this one is skipped",
				names[i], q->id, old->path));
			questionnaire_destroy(q);
			continue;
		}
		struct questionnaire **ni = realloc(c->items, (c->n + 1) * sizeof(*ni));
		if (ni == NULL) {
			questionnaire_destroy(q);
			ok = false;
			break;
		}
		c->items = ni;
		c->items[c->n++] = q;
	}
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
	return ok;
}

const struct questionnaire *
catalog_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->items[i]->id, id) == 0) {
			return c->items[i];
		}
	}
	return NULL;
}

bool
catalog_set_editions_dir(struct catalog *c, const char *dir)
{
	if (c->editions == NULL && (c->editions = calloc(1, sizeof(*c->editions))) == NULL) {
		return false;
	}
	char *copy = str_dup(dir);
	if (copy == NULL) {
		return false;
	}
	free(c->editions->dir);
	c->editions->dir = copy;
	return true;
}

const struct questionnaire *
catalog_find_version(const struct catalog *c, const char *id, int version)
{
	const struct questionnaire *q = catalog_find(c, id);
	if (q != NULL && q->version == version) {
		return q;
	}
	struct catalog_editions *ed = c->editions;
	if (ed == NULL || ed->dir == NULL || strchr(id, '/') != NULL) {
		return NULL;
	}
	for (size_t i = 0; i < ed->n; i++) {
		if (strcmp(ed->items[i]->id, id) == 0 && ed->items[i]->version == version) {
			return ed->items[i];
		}
	}
	char *key = str_printf("%s-%d", id, version);
	for (size_t i = 0; key != NULL && i < ed->n_missing; i++) {
		if (strcmp(ed->missing[i], key) == 0) {
			free(key);
			return NULL;
		}
	}
	char *path = key ? str_printf("%s/%s.json", ed->dir, key) : NULL;
	struct ladder_error err;
	error_clear(&err);
	struct questionnaire *e = path ? load_file(path, &err) : NULL;
	free(path);
	if (e == NULL) {
		/* remembered, so that many old sessions cost one look */
		char **nm = key ? realloc(ed->missing, (ed->n_missing + 1) * sizeof(*nm)) : NULL;
		if (nm != NULL) {
			ed->missing = nm;
			ed->missing[ed->n_missing++] = key;
		} else {
			free(key);
		}
		return NULL;
	}
	free(key);
	struct questionnaire **ne = NULL;
	if (strcmp(e->id, id) != 0 || e->version != version ||
		(ne = realloc(ed->items, (ed->n + 1) * sizeof(*ne))) == NULL) {
		questionnaire_destroy(e);
		return NULL;
	}
	ed->items = ne;
	ed->items[ed->n++] = e;
	return e;
}
