#pragma once
/* Projector mode's parts (present.c: the deck and the keys;
 * present_frame.c: the facilitator's line, help, timer and dialogs;
 * present_draw.c: big text and bars; present_slides.c: the slides). Every
 * function takes the state of the show: nothing is kept at file scope. */
#include <stdbool.h>
#include <stddef.h>

#include "present.h"
#include "screen.h"
#include "term.h"
#include "ladder/glyph.h"
#include "ladder/tally.h"
#include "ladder/text.h"

#define PRESENT_MIN_COLS 80
#define PRESENT_MIN_ROWS 24
#define PATH_LEN 1024
#define VOTE_OPTIONS 5 /* digits 1-5 count for options A-E */

enum slide_kind {
	SLIDE_START, /* what --room read and skipped, before the first slide */
	SLIDE_ROOM,
	SLIDE_ROOM_CALIBRATION, /* the room's self-rating against its choices */
	SLIDE_ROOM_AREAS,       /* each area's rungs */
	SLIDE_TITLE,
	SLIDE_LADDER,
	SLIDE_WHERE,
	SLIDE_SITUATION,
	SLIDE_PROMPT,
	SLIDE_SUMMARY,
	SLIDE_KIND_COUNT,
};

/* The room's choices on a "What would you do?" slide. */
struct vote {
	unsigned counts[VOTE_OPTIONS];
	unsigned char *history; /* option of each count, in order, for u */
	size_t n_history, cap;
	int shown; /* 0 hidden, 1 the spread, 2 and the authors' answer */
};

struct slide {
	enum slide_kind kind;
	size_t q;         /* questionnaire (WHERE, SITUATION, PROMPT); view (ROOM) */
	size_t item;      /* SITUATION: the item */
	size_t prompt;    /* PROMPT: the questionnaire's prompt */
	const char *text; /* PROMPT: its own text; TITLE: the line under it */
	struct vote vote; /* SITUATION */
	char *name;       /* the facilitator's name for it */
};

struct rect {
	int y, x, h, w;
};

/* The size of a role of text (heading, subtitle, body): a face and a scale
 * (0: normal text). */
struct role {
	enum glyph_style style;
	int scale;
};

struct timer {
	long total;      /* seconds to count down from; 0: no timer */
	double elapsed;  /* seconds run before the latest start */
	double started;  /* monotonic seconds of the latest start */
	bool running;
};

/* A question over the slide, on leaving with counts not saved. */
enum present_dialog {
	DIALOG_NONE,
	DIALOG_SAVE, /* save the counts? y, n, Esc */
	DIALOG_PATH, /* the file to save them to */
};

/* Projector mode's state: a screen on the program's loop (screen.h). */
struct present {
	struct app *app; /* the loop's, for its note line; set on each call */
	const struct present_config *cfg;
	struct slide *slides;
	size_t n_slides, cur;
	struct tally *tally; /* entry i is cfg->qs[i] */
	bool *revealed;      /* per questionnaire */
	bool blank;
	bool facil; /* the facilitator's line is shown */
	bool keyed; /* a key was pressed (the line hides then) */
	enum glyph_style style;
	struct timer timer;
	bool quit;
	int rc;
	bool interrupted; /* leaving was asked by Ctrl-C */
	enum present_dialog dialog;
	char problem[1400]; /* why the last save failed, in the dialog */
	struct editbuf path;         /* DIALOG_PATH's file name */
	char saved_to[PATH_LEN]; /* where the tallies went, for the last word */
	/* one size per role across the deck, for the current terminal */
	int sized_cols, sized_rows;
	struct role head, sub, body;
};

/* Text that may be drawn in big glyphs: laid out at the largest scale that
 * fits its box, else as normal text wrapped at word boundaries. */
struct big {
	const char *text;
	enum glyph_style style;
	int scale;   /* 0: normal text */
	int spacing; /* rows from one line of normal text to the next */
	size_t n;
	struct text_span spans[GLYPH_MAX_LINES];
	int rows, cols;
};

int imin(int a, int b);
int imax(int a, int b);

/* present_frame.c */
void present_note(struct present *p, enum term_role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
double present_clock(void);
/* Seconds left on the timer (negative: over time). */
long timer_left(const struct present *p);
bool timer_up(const struct present *p);
void timer_toggle(struct present *p);
/* What the facilitator's line says of the slide: counted votes, hidden
 * or shown. */
void slide_state(const struct present *p, const struct slide *s, char *out,
	size_t len);
void draw_facilitator(struct present *p, const struct slide *s);
/* The dialog's keys (DIALOG_SAVE, DIALOG_PATH). */
void dialog_key(struct present *p, const struct tkey *k);
bool save_tally(struct present *p, const char *path);
void request_quit(struct present *p);
void present_draw(struct present *p);

/* present_draw.c */
/* Whether the two-row braille face (GLYPH_DOTS) may stand in for normal
 * text: from 120x35 up, where it is the smallest big type. */
bool dots_allowed(void);
const char *stage_title(const struct present *p, int rung);
const char *stage_short(const struct present *p, int rung);
void big_layout(const struct present *p, struct big *b, const char *text, int w,
	int h, int max_scale);
/* Lays text out at exactly the role's face and scale (0: normal text) when
 * it fits w x h; false when it does not. */
bool big_at(const struct present *p, struct big *b, const char *text, int w,
	int h, struct role role);
void big_draw(const struct present *p, const struct big *b, int y, int x, int w,
	enum term_role r, bool center);
void center_line(int y, int x, int w, enum term_role r, const char *s);
int wrap_lines(int y, int x, int w, int max_lines, enum term_role r,
	const char *s, bool center);
int line_scale(const struct present *p, const char *const *texts, size_t n,
	int w, int h, int cap);
int line_scale_st(enum glyph_style st, const char *const *texts, size_t n, int w,
	int h, int cap);
void styled_line(const struct present *p, enum glyph_style st, int y, int h,
	int x, int w, int scale, enum term_role r, const char *s, bool center);
void scaled_line(const struct present *p, int y, int h, int x, int w, int scale,
	enum term_role r, const char *s, bool center);
/* A text at its role's scale when it fits, else the largest that fits
 * (normal text at worst); returns the rows used. */
int role_text(const struct present *p, const char *text, struct role role,
	int y, int x, int w, int h, enum term_role r);
/* The face and largest scale at most cap at which every text fits on one
 * line in w x h: the half-block face, the condensed one, from 120x35 up
 * the two-row one; scale 0 when none fits. */
struct role column_role(const struct present *p, const char *const *texts,
	size_t n, int w, int h, int cap);
/* Rows of one line in a role. */
int role_rows(struct role r);
void hbar(int y, int x, int n, enum term_role r, const char *cell);
const char *bar_fill(const struct present *p);
const char *bar_track(const struct present *p);
/* "11 · 44%": a count and its share that cannot run together. */
void count_label(unsigned count, int pct, char *out, size_t len);
void draw_rungs(const struct present *p, struct rect r,
	const unsigned counts[STAGE_COUNT], bool hidden, bool with_short);
struct rect slide_area(void);
/* Works out the role scales for the terminal's size (once per size). */
void present_size_roles(struct present *p);

/* present_slides.c */
void draw_slide(struct present *p, const struct slide *s, struct rect a);
/* A slide's heading at the deck's heading size; returns its rows. */
int heading(const struct present *p, const char *text, struct rect a);
/* A subtitle at the subtitle size with its top at y; returns its rows. */
int subtitle(const struct present *p, const char *text, int y, struct rect a);

/* present_room.c */
void draw_room(struct present *p, const struct slide *s, struct rect a);
/* present_profile.c */
/* A count of the room as the minimum group lets it show: the number,
 * "fewer than N", or "not shown" (kept back). */
void present_count_words(const struct room_count *c, unsigned min_group, char *buf,
	size_t size);
/* Rows of labels and values between y and bottom, in big type (the
 * condensed face, else from 120x35 the two-row one) when they all fit;
 * else, with plain, as lines of normal text. True when drawn big. */
bool present_table(struct present *p, struct rect a, int y, int bottom,
	const char *const *label, const enum term_role *role, const char *const *value,
	size_t n, bool plain);
void draw_room_calibration(struct present *p, const struct slide *s, struct rect a);
void draw_room_areas(struct present *p, const struct slide *s, struct rect a);
