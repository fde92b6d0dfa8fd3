/* An older journal than this computer has seen: it may be the backup or an
 * old copy put in the journal's place, and what was saved since is not in
 * it. Said before anything else; it is saved over only when the person
 * says so. */
#include "screen.h"

#include <stdio.h>

#include "ladder/timeutil.h"

static void
older_draw(struct app *a, void *st)
{
	(void)st;
	struct area ar = ui_frame(a, "An older journal", NULL,
		"y open it and save over the newer one \xC2\xB7 q leave it as it is");
	uint64_t gen = 0, newest = 0;
	int64_t at = 0;
	vault_older(a->store->vault, &gen, &newest, &at);
	char date[TIME_DATE_LEN];
	ui_date(at, date);
	char text[900];
	snprintf(text, sizeof(text),
		"This journal is older than the one this computer saw last. It is "
		"generation %llu; generation %llu was seen here on %s. Whatever was "
		"saved from then on (sessions, reflections, a passphrase change) is "
		"not in it.\n\nIt may be the backup, or an old copy, put in the "
		"journal's place. If that is not what you meant, press q and look for "
		"the newer journal before anything is saved.\n\nPress y to open it "
		"anyway: the next save replaces the newer one for good.",
		(unsigned long long)gen, (unsigned long long)newest, date);
	ui_wrap(ar.y, ar.x, ar.w, ar.h, TERM_WARNING, text);
}

static int
older_key(struct app *a, void *st, const struct tkey *k)
{
	(void)st;
	if (!k->fn && (k->code == 'y' || k->code == 'Y')) {
		vault_accept_older(a->store->vault);
		app_after_open(a);
		return ACT_REDRAW;
	}
	if ((!k->fn && k->code == 'q') || (!k->fn && k->code == TERM_KEY_ESC)) {
		snprintf(a->exit_msg, sizeof(a->exit_msg),
			"an older journal was left as it is (nothing was saved)");
		app_quit(a, LADDER_FAIL);
		return ACT_QUIT;
	}
	return ACT_NONE;
}

static const struct help_entry older_help[] = {
	{"y", "open this older journal; the next save replaces the newer one"},
	{"q, Esc", "leave it as it is, nothing saved"},
	{NULL, NULL},
};

const struct screen screen_older = {
	.name = "An older journal",
	.draw = older_draw,
	.key = older_key,
	.help = older_help,
};
