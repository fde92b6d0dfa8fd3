/* `ladder export` of synthetic journals of 1,000, 10,000 and 100,000
 * sessions against the physical floor, measured in the same process:
 * reading the same file, decrypting as many bytes with libsodium, and
 * writing as many bytes as the export has to a file in the same place.
 * Targets: 10,000 sessions at most twice the floor (KDF excluded); 100,000
 * at most 10.5 times the time of 10,000 (linear growth).
 *
 * The sizes are measured in turn, run after run. The growth is judged on
 * the processor time the program used (user and system), each run of
 * 100,000 against the mean of the runs of 10,000 just before and after it,
 * the median of those ratios: it is about how the work grows, and on a
 * shared virtual machine the speed changes for seconds at a time, by more
 * than the margin (the plain medians are printed too). */
#include "bench.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "ladder/export.h"
#include "ladder/store.h"
#include "ladder/util.h"
#include "ladder/vault.h"

struct floor_input {
	const char *path; /* the journal file: read as the program reads it */
	unsigned char *cipher;
	size_t cipher_len;
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	const char *out;
};

/* Read the file, decrypt its payload, write out_len bytes (the plaintext
 * over and over) to the output, as one program doing nothing else would. */
static double
floor_once(const struct floor_input *in, size_t out_len)
{
	double t0 = bench_now();
	size_t size = bench_file_size(in->path);
	unsigned char *file = malloc(size);
	int fd = open(in->path, O_RDONLY);
	if (file == NULL || fd < 0 || read(fd, file, size) != (ssize_t)size) {
		abort();
	}
	close(fd);
	size_t plain_len = in->cipher_len - crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *plain = malloc(plain_len + 1);
	unsigned long long mlen = 0;
	if (plain == NULL || crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &mlen,
		NULL, in->cipher, in->cipher_len, NULL, 0, in->nonce, in->key) != 0) {
		abort();
	}
	fd = open(in->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	for (size_t left = out_len; fd >= 0 && left > 0;) {
		size_t n = left < plain_len ? left : plain_len;
		if (write(fd, plain, n) != (ssize_t)n) {
			abort();
		}
		left -= n;
	}
	if (fd < 0 || close(fd) != 0) {
		abort();
	}
	free(plain);
	free(file);
	return bench_now() - t0;
}

static double
kdf_min_time(void)
{
	uint64_t ops, mem;
	kdf_level_params(KDF_MIN, &ops, &mem);
	unsigned char key[32], salt[crypto_pwhash_SALTBYTES] = {0};
	double t[21];
	for (int i = 0; i < 21; i++) {
		double t0 = bench_now();
		if (crypto_pwhash(key, sizeof(key), BENCH_PASS, strlen(BENCH_PASS), salt,
			ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
			abort();
		}
		t[i] = bench_now() - t0;
	}
	return bench_median(t, 21);
}

/* The core's own steps, for the record: open (read, KDF, decrypt) and
 * export_run from the plaintext (parse, check, write) into /dev/null. */
static void
inside(struct bench *b, const char *path)
{
	struct vault *v = NULL;
	struct secret *plain = NULL;
	struct ladder_error err = {0};
	double t0 = bench_now();
	if (!vault_open(path, b->pass, false, &v, &plain, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	double t1 = bench_now();
	FILE *null = fopen("/dev/null", "w");
	struct export_options o = {0};
	struct export_source src = export_source_plain(path, plain->data, plain->len);
	struct export_sink sink = export_to_file(null, true);
	if (null == NULL || !export_run(&src, &o, &sink, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	double t2 = bench_now();
	fclose(null);
	printf("    in the core: vault_open %.1f ms, export_run %.1f ms\n",
		(t1 - t0) * 1e3, (t2 - t1) * 1e3);
	secret_destroy(plain);
	vault_close(v);
}

/* One `ladder export` of path: its wall-clock time (KDF excluded) and, in
 * *cpu, the processor time it used. */
static double
ladder_export(struct bench *b, const char *path, const char *out, double kdf, double *cpu)
{
	char *argv[] = {(char *)b->ladder, "-j", (char *)path, "--passphrase-file",
		b->pass_file, "export", NULL};
	struct rusage ru;
	double t = bench_run(b, argv, out, &ru) - kdf;
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return t;
}

int
main(void)
{
	struct bench b;
	bench_init(&b, "bench-export");
	util_wipe_json_memory(); /* as the program does */
	double kdf = kdf_min_time();
	printf("KDF (min level), excluded from the export times: %.3f ms\n", kdf * 1e3);
	/* the sizes are measured in turn, run after run, so that a change in
	 * the machine's speed while the bench runs (a shared virtual machine)
	 * falls on all of them alike */
	enum { SIZES = 3, REPS = 7, REPS_LARGE = 5 };
	static const size_t sizes[SIZES] = {1000, 10000, 100000};
	/* the outputs go to memory (tmpfs) when there is one: writing
	 * hundreds of megabytes to a disk sets the kernel writing back while
	 * the next run is timed, which measures the disk, not the program */
	char shm[64] = "/dev/shm/ladder-bench-export.XXXXXX";
	bool in_memory = mkdtemp(shm) != NULL;
	char *out = in_memory ? str_printf("%s/export.json", shm) : bench_path(&b, "export.json");
	char *floor_out = in_memory ? str_printf("%s/floor.json", shm) : bench_path(&b, "floor.json");
	char *path[SIZES];
	printf("outputs written to %s\n", in_memory ? shm : b.dir);
	size_t file_size[SIZES], export_size[SIZES] = {0};
	struct floor_input in[SIZES];
	for (int k = 0; k < SIZES; k++) {
		char name[64];
		snprintf(name, sizeof(name), "journal-%zu.ladder", sizes[k]);
		path[k] = bench_path(&b, name);
		file_size[k] = bench_make_journal_file(&b, path[k], sizes[k], (uint32_t)sizes[k]);
		/* the floor's input: the same plaintext sealed under a key of its own */
		in[k] = (struct floor_input){.path = path[k], .out = floor_out};
		struct vault *v = NULL;
		struct secret *plain = NULL;
		struct ladder_error err = {0};
		if (!vault_open(path[k], b.pass, false, &v, &plain, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 99;
		}
		crypto_aead_xchacha20poly1305_ietf_keygen(in[k].key);
		randombytes_buf(in[k].nonce, sizeof(in[k].nonce));
		in[k].cipher_len = plain->len + crypto_aead_xchacha20poly1305_ietf_ABYTES;
		in[k].cipher = malloc(in[k].cipher_len);
		crypto_aead_xchacha20poly1305_ietf_encrypt(in[k].cipher, NULL, plain->data,
			plain->len, NULL, 0, NULL, in[k].nonce, in[k].key);
		secret_destroy(plain);
		vault_close(v);
	}
	double t[SIZES][REPS], f[SIZES][REPS], c[SIZES][REPS];
	double t_export[SIZES], fl[SIZES], t_min[SIZES], cpu[SIZES];
	/* each run of 100,000 sits between two runs of 10,000, and is set
	 * against their mean: a pair measured in the same few seconds */
	double pair[REPS_LARGE], after[REPS_LARGE];
	for (int r = 0; r < REPS; r++) {
		for (int k = 0; k < SIZES; k++) {
			if (sizes[k] >= 100000 && r >= REPS_LARGE) {
				continue;
			}
			t[k][r] = ladder_export(&b, path[k], out, kdf, &c[k][r]);
			export_size[k] = bench_file_size(out);
			/* the floor of the largest only once: it is not a target */
			if (sizes[k] < 100000 || r == 0) {
				f[k][r] = floor_once(&in[k], export_size[k]);
			}
			if (sizes[k] >= 100000) {
				ladder_export(&b, path[1], out, kdf, &after[r]);
				pair[r] = c[k][r] / ((c[1][r] + after[r]) / 2);
			}
		}
	}
	for (int k = 0; k < SIZES; k++) {
		size_t reps = sizes[k] >= 100000 ? REPS_LARGE : REPS;
		t_export[k] = bench_median(t[k], reps);
		t_min[k] = bench_min(t[k], reps);
		cpu[k] = bench_median(c[k], reps);
		fl[k] = bench_median(f[k], sizes[k] >= 100000 ? 1 : reps);
		printf("%zu sessions: journal %.1f MB, export %.1f MB\n", sizes[k],
			(double)file_size[k] / 1e6, (double)export_size[k] / 1e6);
		printf("    ladder export %.1f ms (least %.1f; median of %zu, taken in turn; processor %.1f ms), floor %.1f ms, ratio %.2f\n",
			t_export[k] * 1e3, t_min[k] * 1e3, reps, cpu[k] * 1e3, fl[k] * 1e3, t_export[k] / fl[k]);
		inside(&b, path[k]);
		fflush(stdout);
		free(in[k].cipher);
	}
	bench_check(&b, "export of 10,000 sessions / floor (read, decrypt, write as many bytes)",
		t_export[1] / fl[1], 2.0, "x");
	for (int k = 0; k < SIZES; k++) {
		unlink(path[k]);
		free(path[k]);
	}
	unlink(out);
	unlink(floor_out);
	if (in_memory) {
		rmdir(shm);
	}
	free(floor_out);
	free(out);
	double paired = bench_median(pair, REPS_LARGE);
	printf("    100,000 / 10,000: %.2f x in processor time, run against the runs around it "
		"(median of %d pairs); %.2f x by the median processor times, wall clock %.2f x by the medians, %.2f x by the least\n",
		paired, REPS_LARGE, cpu[2] / cpu[1], t_export[2] / t_export[1], t_min[2] / t_min[1]);
	bench_check(&b, "export of 100,000 sessions / export of 10,000 (processor, paired)",
		paired, 10.5, "x");
	printf("    (the floor grows %.2f x from 10,000 to 100,000 sessions)\n", fl[2] / fl[1]);
	return bench_exit(&b);
}
