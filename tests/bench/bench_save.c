/* Saving one new session into a journal of 10,000 sessions, in the core as
 * the program does it (journal_add_session, store_save: serialise, seal,
 * check, write a temporary file, keep the backup, rename), with the time
 * spent in fsync measured through the vault's I/O seam and taken out.
 * The floor, in the same process: sealing the same number of bytes with
 * libsodium and writing them to a new file. Targets: at most 1.5 times the
 * floor, and under 60 ms (both without the fsyncs). The least time of
 * each, the floor run in turn with the saves. */
#include "bench.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "ladder/answers.h"
#include "ladder/score.h"
#include "ladder/store.h"
#include "ladder/vault_io.h"

#define RUNS 15

static double fsync_time;
static int fsync_calls;

static int
timed_fsync(int fd)
{
	double t0 = bench_now();
	int rc = vault_io_default()->fsync(fd);
	fsync_time += bench_now() - t0;
	fsync_calls++;
	return rc;
}

/* The floor: seal len bytes with libsodium and write them to a new file. */
struct floor {
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	unsigned char *plain, *c;
	size_t len;
	char *path;
};

static double
floor_once(struct floor *f)
{
	double t0 = bench_now();
	crypto_aead_xchacha20poly1305_ietf_encrypt(f->c, NULL, f->plain, f->len, NULL, 0,
		NULL, f->nonce, f->key);
	int fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, f->c, f->len + 16) != (ssize_t)(f->len + 16) || close(fd) != 0) {
		exit(99);
	}
	return bench_now() - t0;
}

int
main(void)
{
	struct bench b;
	bench_init(&b, "bench-save");
	char *path = bench_path(&b, "journal.ladder");
	struct journal *j = bench_journal(&b, 10000, 10000);
	size_t size = bench_write_journal(&b, path, j);
	journal_destroy(j);

	struct store *s = NULL;
	struct ladder_error err = {0};
	if (!store_open(path, b.pass, true, &s, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 99;
	}
	struct vault_io io = *vault_io_default();
	io.fsync = timed_fsync;
	vault_io_set(&io);
	/* one more synthetic session, scored as the program scores it */
	struct journal *one = bench_journal(&b, 1, 99);
	const struct questionnaire *q = b.qs[0];
	double t[RUNS], fs[RUNS], fl[RUNS];
	int calls = 0;
	/* the floor runs in turn with the saves, so that a change in the
	 * machine's speed falls on both alike */
	struct floor f = {.len = size, .path = bench_path(&b, "floor.bin")};
	crypto_aead_xchacha20poly1305_ietf_keygen(f.key);
	f.plain = calloc(1, size);
	f.c = malloc(size + 16);
	if (f.plain == NULL || f.c == NULL) {
		return 99;
	}
	for (int r = 0; r < RUNS; r++) {
		fl[r] = floor_once(&f);
		struct answers *a = answers_create(q);
		if (!answers_values_from_json(q, one->sessions[0].answers, a, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 99;
		}
		a->note = one->sessions[0].note;
		fsync_time = 0;
		fsync_calls = 0;
		double t0 = bench_now();
		struct result *res = score_compute(q, a);
		if (res == NULL ||
			journal_add_session(s->journal, q, a, res, 1900000000 + r, 1900000600 + r, &err) == NULL ||
			!store_save(s, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 99;
		}
		double total = bench_now() - t0;
		t[r] = total - fsync_time;
		fs[r] = fsync_time;
		calls = fsync_calls;
		result_destroy(res);
		a->note = NULL;
		answers_destroy(a);
	}
	vault_io_set(NULL);
	/* for the record: the parts of a save that are not the vault's */
	double ser[RUNS];
	size_t plain_len = 0;
	for (int r = 0; r < RUNS; r++) {
		double t0 = bench_now();
		struct secret *plain = journal_serialize(s->journal, &err);
		ser[r] = bench_now() - t0;
		plain_len = plain ? plain->len : 0;
		secret_destroy(plain);
	}
	printf("    of which journal_serialize %.1f ms (%.1f MB of plaintext)\n",
		bench_median(ser, RUNS) * 1e3, (double)plain_len / 1e6);
	store_close(s);
	journal_destroy(one);
	unlink(f.path);
	free(f.path);
	free(f.plain);
	free(f.c);
	/* the least of each: on a shared machine noise only ever adds time */
	double save = bench_min(t, RUNS), sync = bench_median(fs, RUNS);
	double floor_t = bench_min(fl, RUNS);
	printf("journal of 10,000 sessions: %.1f MB\n", (double)size / 1e6);
	printf("save of one new session: %.1f ms without the fsyncs (least of %d; median %.1f; "
		"%d fsyncs took %.1f ms more); floor (seal and write the same bytes) %.1f ms "
		"(least; median %.1f), ratio %.2f\n",
		save * 1e3, RUNS, bench_median(t, RUNS) * 1e3, calls, sync * 1e3,
		floor_t * 1e3, bench_median(fl, RUNS) * 1e3, save / floor_t);
	bench_check(&b, "save one session into 10,000 / floor (seal and write), fsyncs excluded",
		save / floor_t, 1.5, "x");
	bench_check(&b, "save one session into 10,000, fsyncs excluded", save * 1e3, 60.0, "ms");
	free(path);
	return bench_exit(&b);
}
