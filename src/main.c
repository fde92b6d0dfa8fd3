#include <locale.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <sodium.h>

#include "cli/cli.h"
#include "ladder/util.h"

int
main(int argc, char **argv)
{
	/* Secrets live in this process's memory: no core dumps, no ptrace by
	 * other users' processes, and every file we create is ours alone. */
	struct rlimit no_core = {0, 0};
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(077);
	/* Only the character set is taken from the locale (for wide
	 * characters on the screen): numbers read and written stay in the
	 * one notation of the file formats, and loading the other
	 * categories would cost every start for nothing. */
	setlocale(LC_CTYPE, "");
	if (sodium_init() < 0) {
		cli_error("cannot initialise libsodium");
		return 1;
	}
	util_wipe_json_memory();
	return cli_main(argc, argv);
}
