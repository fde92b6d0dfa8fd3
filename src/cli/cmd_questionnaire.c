/* ladder show ID|FILE [--json|--text [--set N] [--page-lines N]
 * [--reflection]]: a questionnaire as normalised JSON or as a paper sheet
 * to print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "ladder/paper.h"
#include "ladder/util.h"

enum { SHOW_JSON, SHOW_TEXT, SHOW_SET, SHOW_PAGE_LINES, SHOW_REFLECTION };

static int
cmd_show(const struct cli_global *g, const struct cli_args *a)
{
	if (cli_flag(a, SHOW_JSON) && cli_flag(a, SHOW_TEXT)) {
		cli_error("give --json or --text, not both (usage: ladder show ID [--json|--text])");
		return LADDER_USAGE;
	}
	struct cli_subject sub;
	int rc = cli_subject_open(g, a, SHOW_SET, &sub);
	if (rc != LADDER_OK) {
		return rc;
	}
	rc = LADDER_FAIL;
	const struct questionnaire *q = sub.q;
	int set = sub.set;
	if ((set != 0 || cli_flag(a, SHOW_PAGE_LINES) || cli_flag(a, SHOW_REFLECTION)) &&
		!cli_flag(a, SHOW_TEXT)) {
		cli_error("--set, --page-lines and --reflection are for the paper sheet "
			  "(usage: ladder show ID --text [--set N] [--page-lines N] [--reflection])");
		rc = LADDER_USAGE;
		goto out;
	}
	if (cli_flag(a, SHOW_TEXT)) {
		struct paper_opts o = {.set = set, .width = 78, .page_lines = PAPER_PAGE_LINES,
			.reflection = cli_flag(a, SHOW_REFLECTION)};
		const char *pl = cli_value(a, SHOW_PAGE_LINES);
		if (pl != NULL) {
			char *end;
			long n = strtol(pl, &end, 10);
			if (pl[0] < '0' || pl[0] > '9' || *end != '\0' ||
				(n != 0 && (n < PAPER_PAGE_MIN || n > PAPER_PAGE_MAX))) {
				cli_error("--page-lines %s: expected a number of lines from %d to %d, or 0 for no pages",
					pl, PAPER_PAGE_MIN, PAPER_PAGE_MAX);
				rc = LADDER_USAGE;
				goto out;
			}
			o.page_lines = (size_t)n;
		}
		char *text = paper_render(q, &o);
		if (text == NULL) {
			cli_error("out of memory");
			goto out;
		}
		bool ok = fputs(text, stdout) >= 0 && fflush(stdout) == 0;
		free(text);
		rc = ok ? LADDER_OK : LADDER_FAIL;
		goto out;
	}
	cJSON *json = questionnaire_to_json(q);
	if (json == NULL) {
		cli_error("out of memory");
		goto out;
	}
	rc = cli_print_json(json) ? LADDER_OK : LADDER_FAIL;
	cJSON_Delete(json);
out:
	cli_subject_finish(&sub);
	return rc;
}

static const struct cli_opt show_opts[] = {
	[SHOW_JSON] = {"json", 0, false, false},
	[SHOW_TEXT] = {"text", 0, false, false},
	[SHOW_SET] = {"set", 0, true, false},
	[SHOW_PAGE_LINES] = {"page-lines", 0, true, false},
	[SHOW_REFLECTION] = {"reflection", 0, false, false},
	{0},
};

const struct cli_command cli_cmd_show = {"show", cmd_show, show_opts, 1, 1,
	"show ID|FILE [--json|--text [--set N] [--page-lines N] [--reflection]]",
	"print a questionnaire: normalised JSON, or a paper sheet to hand out"};
