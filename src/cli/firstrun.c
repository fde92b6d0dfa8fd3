/* The first run in --plain (the full screen's welcome, introduction,
 * passphrase and recovery code, as lines), and the weak-passphrase warning
 * that it and `ladder init` share with the full screen. */
#include "plain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ladder/passphrase_strength.h"
#include "ladder/modeltext.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "passphrase.h"

#define FIRST_TRIES 3

/* A y/n answer on standard input; empty or the end of input: no. */
static bool
ask_no_default(const char *question)
{
	for (;;) {
		printf("%s [y/N] ", question);
		fflush(stdout);
		char *line = NULL;
		size_t cap = 0;
		ssize_t n = getline(&line, &cap, stdin);
		char c = n > 0 ? line[strspn(line, " \t")] : '\0';
		free(line);
		if (n < 0 || c == '\n' || c == '\0' || c == 'n' || c == 'N') {
			return false;
		}
		if (c == 'y' || c == 'Y') {
			return true;
		}
		printf("Please answer y or n.\n");
	}
}

bool
cli_passphrase_strong_enough(const struct secret *pass, bool ask)
{
	const char *hint;
	enum pass_strength st = passphrase_strength((const char *)pass->data, pass->len, &hint);
	if (st != PASS_WEAK) {
		return true;
	}
	cli_warn("a weak passphrase: %s", hint);
	return !ask || ask_no_default("Use this weak passphrase anyway?");
}

static void
print_wrapped(const char *indent, const char *text)
{
	/* lines of at most 76 columns, broken at spaces (a screen reader reads
	 * them as one paragraph all the same) */
	size_t col = 0;
	const char *p = text;
	fputs(indent, stdout);
	while (*p != '\0') {
		size_t word = strcspn(p, " \n");
		if (col > 0 && col + 1 + word > 76 - strlen(indent)) {
			printf("\n%s", indent);
			col = 0;
		} else if (col > 0) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, word, stdout);
		col += word;
		p += word;
		while (*p == ' ' || *p == '\n') {
			p++;
		}
	}
	putchar('\n');
}

static void
print_introduction(const struct model_texts *m)
{
	printf("Welcome to ladder.\n\n");
	print_wrapped("", "ladder helps you see where you stand in a skill, on the four "
		"rungs of the conscious competence ladder, and how you move between them "
		"over time.");
	putchar('\n');
	print_wrapped("", "Everything you answer and write stays on this computer, in a "
		"journal locked with a passphrase that you choose. Nothing is sent anywhere.");
	printf("\nGetting started takes three steps:\n"
	       "  1. A one-minute introduction to the four rungs.\n"
	       "  2. Choose a passphrase for your journal.\n"
	       "  3. Write down the recovery code that opens your journal if you ever\n"
	       "     forget the passphrase.\n"
	       "Then take a questionnaire (about 15 minutes), now or later.\n\n");
	printf("Step 1 of 3: %s\n\n", m->title);
	for (size_t i = 0; i < m->n_intro; i++) {
		print_wrapped("", m->intro[i]);
		putchar('\n');
	}
	printf("The four rungs:\n");
	for (int s = STAGE_UNCONSCIOUS_INCOMPETENCE; s <= STAGE_UNCONSCIOUS_COMPETENCE; s++) {
		const struct model_stage_text *st = model_texts_stage(m, (enum stage)s);
		printf("  %d. %s: %s\n", s, st->name, st->short_text);
		print_wrapped("     ", st->description);
	}
	putchar('\n');
}

/* The new passphrase: --passphrase-file, else the first line of standard
 * input when it is not a terminal, else asked twice without echo (again
 * after a mismatch, or a weak one not taken). NULL after saying why. */
static struct secret *
new_passphrase(const struct cli_global *g, int *rc)
{
	bool tty = g->passphrase_file == NULL && isatty(STDIN_FILENO);
	for (int attempt = 1;; attempt++) {
		struct secret *pass = NULL;
		struct ladder_error err;
		error_clear(&err);
		bool ok = passphrase_plain(g->passphrase_file, "Passphrase: ", true, &pass, &err);
		if (ok && pass->len == 0) {
			secret_destroy(pass);
			pass = NULL;
			ok = error_set(&err, LADDER_USAGE, tty
				? "the passphrase is empty; choose one (four or five unrelated words "
				  "are easy to remember and hard to guess)"
				: "no passphrase was given: type it as the first line of standard "
				  "input, or give --passphrase-file FILE");
		}
		if (ok && !cli_passphrase_strong_enough(pass, tty)) {
			secret_destroy(pass);
			pass = NULL;
			ok = error_set(&err, LADDER_FAIL, "choose a longer passphrase");
		}
		if (ok) {
			return pass;
		}
		if (tty && attempt < FIRST_TRIES && err.status != LADDER_USAGE) {
			fprintf(stderr, "%s. Please try again.\n", err.msg);
			continue;
		}
		cli_error("%s; no journal was created", err.msg);
		*rc = cli_status(&err);
		return NULL;
	}
}

int
plain_first_run(const struct cli_global *g, const struct catalog *cat, const char *path)
{
	struct ladder_error err;
	error_clear(&err);
	struct model_texts *m = model_texts_load_default(&err);
	if (m == NULL) {
		cli_error("%s", err.msg);
		return LADDER_FAIL;
	}
	int rc = LADDER_FAIL;
	struct secret *pass = NULL, *code = NULL;
	struct store *s = NULL;
	print_introduction(m);
	enum kdf_level level = cli_default_kdf();
	printf("Step 2 of 3: choose a passphrase\n\n");
	print_wrapped("", "Your journal is locked with a passphrase. Choose one you can "
		"remember: four or five unrelated words work well. Nobody, not even you, can "
		"open the journal without it or the recovery code you will see next.");
	printf("Journal: %s\n", path);
	if (level == KDF_MIN) {
		print_wrapped("", "Test mode (LADDER_KDF=min): this journal's lock is "
			"deliberately weak and protects nothing. Use it only for trying ladder out.");
	}
	fflush(stdout);
	pass = new_passphrase(g, &rc);
	if (pass == NULL) {
		goto out;
	}
	rc = LADDER_FAIL;
	if (!store_create(path, pass, level, &code, &s, &err)) {
		cli_error("%s", err.msg);
		rc = cli_status(&err);
		goto out;
	}
	printf("\nStep 3 of 3: your recovery code\n\n"
	       "Your journal is ready. If you ever forget your passphrase, this recovery\n"
	       "code is the only way back into your journal. It is shown only this once:\n\n"
	       "    %s\n\n", (const char *)code->data);
	print_wrapped("", "Write it down on paper and keep it somewhere safe, away from "
		"this computer. Dashes and capitals do not matter when you type it in: "
		"'ladder passwd' asks for it when you leave the current passphrase empty.");
	if (g->passphrase_file == NULL && isatty(STDIN_FILENO)) {
		printf("Press Enter once you have written it down.");
		fflush(stdout);
		int c;
		while ((c = getchar()) != EOF && c != '\n') {
		}
	}
	printf("\nWhat you can do now:\n"
	       "  ladder --plain assess ID   take a questionnaire (ID: ");
	for (size_t i = 0; i < cat->n; i++) {
		printf("%s%s", i ? ", " : "", cat->items[i]->id);
	}
	printf(")\n"
	       "  ladder --plain             where you stand\n");
	rc = fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
out:
	store_close(s);
	secret_destroy(code);
	secret_destroy(pass);
	model_texts_destroy(m);
	return rc;
}
