/* Peak memory of `ladder export` on a journal of 100,000 sessions: the
 * child's maximum resident set (getrusage), against twice the size of the
 * export it writes plus the memory of the journal's key derivation (the
 * min level here: 8 KiB). */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ladder/vault.h"

int
main(int argc, char **argv)
{
	struct bench b;
	bench_init(&b, "bench-memory");
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
	char *path = bench_path(&b, "journal.ladder");
	char *out = bench_path(&b, "export.json");
	/* the journal is made in a child of its own: a child's peak counts
	 * what it inherited from the process that forked it, so the program
	 * is started from this (small) process */
	bench_make_journal_file(&b, path, n, (uint32_t)n);
	size_t size = bench_file_size(path);
	struct rusage self;
	getrusage(RUSAGE_SELF, &self);
	char *args[] = {(char *)b.ladder, "-j", path, "--passphrase-file", b.pass_file,
		"export", NULL};
	struct rusage ru;
	double t = bench_run(&b, args, out, &ru);
	size_t export_size = bench_file_size(out);
	uint64_t ops, mem;
	kdf_level_params(KDF_MIN, &ops, &mem);
	double peak = (double)ru.ru_maxrss * 1024;
	double limit = 2.0 * (double)export_size + (double)mem;
	printf("%zu sessions: journal %.1f MB, export %.1f MB, ladder export took %.1f s\n",
		n, (double)size / 1e6, (double)export_size / 1e6, t);
	printf("peak resident memory %.1f MB = %.2f x the export (limit %.1f MB; it includes "
		"the %.1f MB of the process that started it)\n",
		peak / 1e6, peak / (double)export_size, limit / 1e6, (double)self.ru_maxrss / 1e3);
	bench_check(&b, "peak memory of export / (2 x export + KDF)", peak / limit, 1.0, "x");
	free(out);
	free(path);
	return bench_exit(&b);
}
