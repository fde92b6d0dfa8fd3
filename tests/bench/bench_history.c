/* Opening a journal of 10,000 sessions and drawing the history screen's
 * first frame (`ladder history` on a 120x40 pseudo-terminal, the KDF at
 * the min level and excluded), then moving through the list one session a
 * key. The floor, measured in the same process: reading the same journal
 * file and decrypting its payload. Targets: the first frame at most 1.25
 * times the floor, and under 30 ms; a frame after a key under 2 ms.
 *
 * The journal is made in a child process (bench_make_journal_file): the
 * time measured starts at the fork of the program. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>
#include <sodium.h>

#include "ladder/vault.h"

#define RUNS 7
#define KEYS 200

/* Read the journal file and decrypt its payload (sealed again under a key
 * of the floor's own: the KDF is not part of it), RUNS times. */
static double
floor_time(struct bench *b, const char *path)
{
	struct vault *v = NULL;
	struct secret *plain = NULL;
	struct ladder_error err = {0};
	if (!vault_open(path, b->pass, false, &v, &plain, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		exit(99);
	}
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES] = {0};
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	size_t clen = plain->len + crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *c = malloc(clen);
	crypto_aead_xchacha20poly1305_ietf_encrypt(c, NULL, plain->data, plain->len,
		NULL, 0, NULL, nonce, key);
	size_t size = bench_file_size(path);
	double t[RUNS];
	for (int r = 0; r < RUNS; r++) {
		double t0 = bench_now();
		unsigned char *file = malloc(size), *m = malloc(plain->len + 1);
		int fd = open(path, O_RDONLY);
		if (file == NULL || m == NULL || fd < 0 || read(fd, file, size) != (ssize_t)size ||
			crypto_aead_xchacha20poly1305_ietf_decrypt(m, NULL, NULL, c, clen,
				NULL, 0, nonce, key) != 0) {
			exit(99);
		}
		close(fd);
		t[r] = bench_now() - t0;
		free(m);
		free(file);
	}
	free(c);
	secret_destroy(plain);
	vault_close(v);
	return bench_median(t, RUNS);
}

int
main(void)
{
	struct bench b;
	bench_init(&b, "bench-history");
	char *journal = bench_path(&b, "journal.ladder");
	size_t size = bench_make_journal_file(&b, journal, 10000, 10000);
	setenv("HOME", b.dir, 1);
	char *config = bench_path(&b, "config"), *data = bench_path(&b, "data");
	setenv("XDG_CONFIG_HOME", config, 1);
	setenv("XDG_DATA_HOME", data, 1);
	char *argv[] = {(char *)b.ladder, "-j", journal, "--passphrase-file", b.pass_file,
		"history", NULL};
	double first[RUNS], keys[KEYS];
	struct bench_pty p;
	for (int r = 0; r < RUNS; r++) {
		bench_pty_start(&b, &p, argv, 40, 120);
		double t = bench_pty_wait(&p, 0, "t moves", 30.0);
		if (t < 0) {
			fprintf(stderr, "bench: the history never showed; ladder wrote:\n%.*s\n",
				(int)(p.n_seen < 4000 ? p.n_seen : 4000), p.seen ? p.seen : "");
			return 99;
		}
		first[r] = t - p.started;
		if (r < RUNS - 1) {
			bench_pty_stop(&p);
		}
	}
	/* the last run stays open: one key at a time, up the list */
	bench_pty_settle(&p, bench_now(), 0.2);
	for (int k = 0; k < KEYS; k++) {
		double t0 = bench_now();
		bench_pty_write(&p, "k");
		keys[k] = bench_pty_settle(&p, t0, 0.02) - t0;
	}
	bench_pty_stop(&p);
	double f = bench_median(first, RUNS);
	double fl = floor_time(&b, journal);
	qsort(keys, KEYS, sizeof(double), bench_cmp_double);
	printf("journal of 10,000 sessions: %.1f MB\n", (double)size / 1e6);
	printf("history first frame (start, unlock, decrypt, parse, draw): median %.1f ms; "
		"floor (read and decrypt the same journal) %.1f ms, ratio %.2f\n",
		f * 1e3, fl * 1e3, f / fl);
	printf("a frame after a key (%d keys): median %.3f ms, 95th percentile %.3f ms, max %.3f ms\n",
		KEYS, keys[KEYS / 2] * 1e3, keys[KEYS * 95 / 100] * 1e3, keys[KEYS - 1] * 1e3);
	bench_check(&b, "history: open and first frame / floor (read and decrypt), 10,000 sessions",
		f / fl, 1.25, "x");
	bench_check(&b, "history: open and first frame, 10,000 sessions", f * 1e3, 30.0, "ms");
	bench_check(&b, "history: a frame after a key (median)", keys[KEYS / 2] * 1e3, 2.0, "ms");
	free(config);
	free(data);
	free(journal);
	return bench_exit(&b);
}
