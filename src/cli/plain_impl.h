#pragma once
/* What the parts of --plain share (plain.c, plain_assess.c). Not API. */
#include <stdbool.h>

#include "ladder/catalog.h"
#include "ladder/questionnaire.h"
#include "ladder/store.h"

/* SIGINT, SIGTERM and SIGHUP end the input instead of the program, so the
 * answers so far are kept; plain_stopped says whether one came. */
void plain_catch_signals(void);
bool plain_stopped(void);
/* Saves, saying why when it fails (held signals). */
bool plain_save(struct store *s);
/* A line of standard input without its newline (malloc'ed), or NULL at
 * the end of input. */
char *plain_read_line(void);
/* The reflection: lines up to one holding only ".", or the end of input;
 * NULL when the first line is empty. */
char *plain_read_reflection(void);
/* A yes/no question; an empty answer is dflt. */
bool plain_ask_yes(const char *question, bool dflt);
/* 1 carry on, 2 start again, 3 not now. */
int plain_ask_carry_on(void);
/* given when it is the questionnaire id, else the catalog's. */
const struct questionnaire *plain_find_q(const struct catalog *cat,
	const struct questionnaire *given, const char *id);
