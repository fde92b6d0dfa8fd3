#include "ladder/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ladder/util.h"

/* Older editions, read from dir (ID-VERSION.json) when first asked for. */
struct catalog_editions {
	char *dir;
	struct questionnaire **items;
	size_t n;
	char **missing; /* "ID-VERSION" of editions not found: not looked for again */
	size_t n_missing;
};

/* One file to load, and what came of it. */
struct load_job {
	const char *path;
	struct questionnaire *q;
	struct ladder_error err;
};

/* The files of one folder, shared by the threads that load them: each
 * takes the next file not taken until none is left. */
struct load_share {
	struct load_job *jobs;
	size_t n;
	atomic_size_t next;
	size_t done;
	pthread_mutex_t lock;
	pthread_cond_t all_done;
};

/* A helping thread: joined when the catalog is destroyed, not before, so
 * that one the system had no processor for never holds the start up. */
struct catalog_loader {
	pthread_t tid;
	struct load_share *share;
	struct catalog_loader *next;
};

static void *
load_some(void *arg)
{
	struct load_share *sh = arg;
	size_t i;
	while ((i = atomic_fetch_add(&sh->next, 1)) < sh->n) {
		struct load_job *j = &sh->jobs[i];
		error_clear(&j->err);
		j->q = questionnaire_load(j->path, &j->err);
		pthread_mutex_lock(&sh->lock);
		if (++sh->done == sh->n) {
			pthread_cond_signal(&sh->all_done);
		}
		pthread_mutex_unlock(&sh->lock);
	}
	return NULL;
}

/* At most this many threads besides the caller's. */
#define HELPERS 3

/* Loads every job: the files are independent, and the catalog is read
 * before the first frame, so they are read side by side, a thread a
 * processor. The caller's thread loads too; it waits only for files
 * another thread has taken. False when out of memory (sh is then the
 * caller's to free). */
static bool
load_all(struct catalog *c, struct load_share *sh)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t helpers = cpus > 1 ? (size_t)cpus - 1 : 0;
	helpers = helpers < sh->n - 1 ? helpers : sh->n - 1;
	helpers = helpers < HELPERS ? helpers : HELPERS;
	atomic_init(&sh->next, 0);
	pthread_mutex_init(&sh->lock, NULL);
	pthread_cond_init(&sh->all_done, NULL);
	bool shared = false;
	for (size_t k = 0; k < helpers; k++) {
		struct catalog_loader *l = malloc(sizeof(*l));
		if (l == NULL || pthread_create(&l->tid, NULL, load_some, sh) != 0) {
			free(l);
			break;
		}
		l->share = sh;
		l->next = c->loaders;
		c->loaders = l;
		shared = true;
	}
	load_some(sh);
	pthread_mutex_lock(&sh->lock);
	while (sh->done < sh->n) {
		pthread_cond_wait(&sh->all_done, &sh->lock);
	}
	pthread_mutex_unlock(&sh->lock);
	return shared;
}

static void
share_free(struct load_share *sh)
{
	pthread_mutex_destroy(&sh->lock);
	pthread_cond_destroy(&sh->all_done);
	free(sh->jobs);
	free(sh);
}

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
	/* a share is freed with the last thread that used it */
	while (c->loaders != NULL) {
		struct catalog_loader *l = c->loaders;
		c->loaders = l->next;
		pthread_join(l->tid, NULL);
		bool last = true;
		for (struct catalog_loader *o = c->loaders; o != NULL; o = o->next) {
			last = last && o->share != l->share;
		}
		if (last) {
			share_free(l->share);
		}
		free(l);
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
	struct load_share *sh = ok && n > 0 ? calloc(1, sizeof(*sh)) : NULL;
	struct load_job *jobs = sh != NULL ? calloc(n, sizeof(*jobs)) : NULL;
	if (n > 0 && jobs == NULL) {
		free(sh);
		sh = NULL;
		ok = false;
	}
	for (size_t i = 0; jobs != NULL && i < n; i++) {
		jobs[i].path = names[i];
	}
	bool shared = false;
	if (jobs != NULL) {
		sh->jobs = jobs;
		sh->n = n;
		shared = load_all(c, sh);
	}
	/* in the order of the names, whatever order they loaded in */
	for (size_t i = 0; jobs != NULL && i < n; i++) {
		struct questionnaire *q = jobs[i].q;
		jobs[i].q = NULL;
		if (!ok) {
			questionnaire_destroy(q);
			continue;
		}
		if (q == NULL) {
			ok = add_problem(c, str_dup(jobs[i].err.msg));
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
			continue;
		}
		c->items = ni;
		c->items[c->n++] = q;
	}
	if (sh != NULL && !shared) {
		share_free(sh);
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
	struct questionnaire *e = path ? questionnaire_load(path, &err) : NULL;
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
