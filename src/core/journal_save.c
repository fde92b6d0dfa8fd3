/* The journal's plaintext for a save (format version 2, ladder-journal(5)):
 * as pieces that point at the sessions' lines where they already are, so
 * that a save seals them without a copy of the whole (journal_pieces_*),
 * or copied into one buffer (journal_serialize). */
#include "ladder/journal.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "journal_impl.h"
#include "ladder/util.h"

struct journal_pieces {
	struct piece *p;
	size_t n;
	struct jsonw head, lines; /* in secret memory */
	size_t n_sessions;
	size_t *line_at; /* per session: where its new line is in lines, and
	                  * its length; SIZE_MAX: it keeps its text */
	struct journal_items *items; /* the item lists the lines were written with */
	size_t n_items;
	struct secret **kept; /* the journal's, with room for lines */
};

void
journal_pieces_free(struct journal_pieces *p)
{
	if (p == NULL) {
		return;
	}
	jsonw_release(&p->head);
	jsonw_release(&p->lines);
	jnl_items_free(p->items, p->n_items);
	free(p->line_at);
	free(p->kept);
	free(p->p);
	free(p);
}

/* The separator *c before (at -1) or after (at the line's length) a
 * session's line: that byte of the plaintext the line was read from when
 * it is *c, so that the unchanged lines and what is between them are one
 * run of memory, sealed where it is; else c itself. */
static struct piece
separator(const struct secret *plain, const char *text, ptrdiff_t at,
	const char *c)
{
	if (plain != NULL && text != NULL) {
		uintptr_t lo = (uintptr_t)plain->data, t = (uintptr_t)text + (uintptr_t)at;
		if (t >= lo && t < lo + plain->len && *(const char *)t == *c) {
			return (struct piece){(const char *)t, 1};
		}
	}
	return (struct piece){c, 1};
}

struct journal_pieces *
journal_pieces_make(const struct journal *j, struct ladder_error *err)
{
	static const char sep[] = "\n,";
	struct journal_pieces *p = calloc(1, sizeof(*p));
	if (p == NULL) {
		error_set(err, LADDER_FAIL, "out of memory while saving the journal");
		return NULL;
	}
	jsonw_init_secure(&p->head, false);
	jsonw_init_secure(&p->lines, false);
	p->n_sessions = j->n_sessions;
	p->line_at = malloc((2 * j->n_sessions + 1) * sizeof(*p->line_at));
	p->p = malloc((3 * j->n_sessions + 3) * sizeof(*p->p));
	p->kept = malloc((j->n_kept + 1) * sizeof(*p->kept));
	if (p->line_at == NULL || p->p == NULL || p->kept == NULL ||
		!jnl_items_copy(j->items, j->n_items, &p->items, &p->n_items)) {
		goto fail;
	}
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		p->line_at[2 * i] = SIZE_MAX;
		if (s->text == NULL) {
			size_t at = p->lines.len;
			jnl_write_line(&p->lines, s, &p->items, &p->n_items);
			p->line_at[2 * i] = at;
			p->line_at[2 * i + 1] = p->lines.len - at;
		}
	}
	/* after the lines: they may have added to the item lists */
	jnl_write_head(&p->head, j, p->items, p->n_items);
	if (!jsonw_finish(&p->head) || !jsonw_finish(&p->lines)) {
		goto fail;
	}
	/* the head without its '}', the key, the lines, "\n]}" */
	p->p[p->n++] = (struct piece){p->head.buf, p->head.len - 1};
	p->p[p->n++] = (struct piece){SESSIONS_KEY, strlen(SESSIONS_KEY)};
	for (size_t i = 0; i < j->n_sessions; i++) {
		const struct journal_session *s = &j->sessions[i];
		bool kept = p->line_at[2 * i] == SIZE_MAX;
		p->p[p->n++] = separator(j->plain, kept ? s->text : NULL, -1, sep);
		p->p[p->n++] = kept ? (struct piece){s->text, s->text_len} :
			(struct piece){p->lines.buf + p->line_at[2 * i], p->line_at[2 * i + 1]};
		if (i + 1 < j->n_sessions) {
			p->p[p->n++] = separator(j->plain, kept ? s->text : NULL,
				(ptrdiff_t)s->text_len, sep + 1);
		}
	}
	p->p[p->n++] = (struct piece){"\n]}", 3};
	return p;
fail:
	journal_pieces_free(p);
	error_set(err, LADDER_FAIL, "out of memory while saving the journal");
	return NULL;
}

const struct piece *
journal_pieces_get(const struct journal_pieces *p, size_t *n)
{
	*n = p->n;
	return p->p;
}

/* The item lists a save was written with become the journal's. */
static void
take_items(struct journal *j, struct journal_items **items, size_t *n)
{
	jnl_items_free(j->items, j->n_items);
	j->items = *items;
	j->n_items = *n;
	*items = NULL;
	*n = 0;
}

void
journal_pieces_commit(struct journal *j, struct journal_pieces *p)
{
	if (p->lines.len > 0) {
		/* the new lines are kept as they are, where they are */
		struct secret *k = calloc(1, sizeof(*k));
		if (k != NULL) {
			k->data = (unsigned char *)p->lines.buf;
			k->len = p->lines.len;
			p->lines.buf = NULL;
			for (size_t i = 0; i < j->n_sessions && i < p->n_sessions; i++) {
				if (p->line_at[2 * i] != SIZE_MAX) {
					j->sessions[i].text = (const char *)k->data + p->line_at[2 * i];
					j->sessions[i].text_len = p->line_at[2 * i + 1];
				}
			}
			if (j->n_kept > 0) {
				memcpy(p->kept, j->kept, j->n_kept * sizeof(*p->kept));
			}
			p->kept[j->n_kept] = k;
			free(j->kept);
			j->kept = p->kept;
			j->n_kept++;
			p->kept = NULL;
		}
		/* out of memory: the sessions keep no text, and are written
		 * anew at the next save, as before this one */
	}
	take_items(j, &p->items, &p->n_items);
	journal_pieces_free(p);
}

struct journal_layout {
	size_t *spans; /* offset and length of each session's line */
	struct journal_items *items;
	size_t n_items;
};

void
journal_layout_free(struct journal_layout *l)
{
	if (l != NULL) {
		free(l->spans);
		jnl_items_free(l->items, l->n_items);
		free(l);
	}
}

struct secret *
journal_serialize_layout(const struct journal *j,
	struct journal_layout **layout_out, struct ladder_error *err)
{
	struct journal_pieces *p = journal_pieces_make(j, err);
	if (p == NULL) {
		return NULL;
	}
	struct journal_layout *l = calloc(1, sizeof(*l));
	size_t *spans = malloc((2 * j->n_sessions + 1) * sizeof(*spans));
	struct secret *out = secret_alloc(pieces_len(p->p, p->n));
	if (l == NULL || spans == NULL || out == NULL) {
		free(l);
		free(spans);
		secret_destroy(out);
		journal_pieces_free(p);
		error_set(err, LADDER_FAIL, "out of memory while saving the journal");
		return NULL;
	}
	unsigned char *at = out->data;
	for (size_t k = 0; k < p->n; k++) {
		/* a session's line is the piece after its newline: piece 3 + 3i */
		if (k >= 3 && (k - 3) % 3 == 0 && (k - 3) / 3 < j->n_sessions) {
			size_t i = (k - 3) / 3;
			spans[2 * i] = (size_t)(at - out->data);
			spans[2 * i + 1] = p->p[k].len;
		}
		memcpy(at, p->p[k].data, p->p[k].len);
		at += p->p[k].len;
	}
	out->data[out->len] = '\0';
	l->spans = spans;
	l->items = p->items;
	l->n_items = p->n_items;
	p->items = NULL;
	p->n_items = 0;
	journal_pieces_free(p);
	if (layout_out != NULL) {
		*layout_out = l;
	} else {
		journal_layout_free(l);
	}
	return out;
}

struct secret *
journal_serialize(const struct journal *j, struct ladder_error *err)
{
	return journal_serialize_layout(j, NULL, err);
}

void
journal_rebase(struct journal *j, struct secret *plain, struct journal_layout *l)
{
	for (size_t i = 0; i < j->n_sessions; i++) {
		j->sessions[i].text = (const char *)plain->data + l->spans[2 * i];
		j->sessions[i].text_len = l->spans[2 * i + 1];
	}
	secret_destroy(j->plain);
	j->plain = plain;
	/* every session's text is in plain now */
	for (size_t i = 0; i < j->n_kept; i++) {
		secret_destroy(j->kept[i]);
	}
	free(j->kept);
	j->kept = NULL;
	j->n_kept = 0;
	take_items(j, &l->items, &l->n_items);
	journal_layout_free(l);
}
