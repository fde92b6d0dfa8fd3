/* `ladder export` of synthetic journals of 1,000, 10,000 and 100,000
 * sessions against a floor measured in the same process: reading the same
 * file, decrypting as many bytes with libsodium, and parsing and printing
 * the plaintext with cJSON directly, writing the output to a file.
 * Targets: 10,000 sessions at most the floor (KDF excluded); 100,000 at
 * most 10.5 times the time of 10,000 (linear growth). */
#include "bench.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>
#include <sodium.h>

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

static double
floor_once(const struct floor_input *in)
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
	cJSON *root = cJSON_ParseWithLength((const char *)plain, plain_len);
	char *text = root ? cJSON_Print(root) : NULL;
	if (text == NULL) {
		abort();
	}
	size_t len = strlen(text);
	fd = open(in->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) != 0) {
		abort();
	}
	cJSON_free(text);
	cJSON_Delete(root);
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
 * export_plain (parse, check, write) into /dev/null. */
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
	if (null == NULL || !export_plain(path, plain->data, plain->len, &o, null, NULL, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	double t2 = bench_now();
	fclose(null);
	printf("    in the core: vault_open %.1f ms, export_plain %.1f ms\n",
		(t1 - t0) * 1e3, (t2 - t1) * 1e3);
	secret_destroy(plain);
	vault_close(v);
}

int
main(void)
{
	struct bench b;
	bench_init(&b, "bench-export");
	util_wipe_json_memory(); /* as the program does */
	double kdf = kdf_min_time();
	printf("KDF (min level), excluded from the export times: %.3f ms\n", kdf * 1e3);
	static const size_t sizes[] = {1000, 10000, 100000};
	double t_export[3] = {0};
	for (int k = 0; k < 3; k++) {
		size_t n = sizes[k];
		int reps = n >= 100000 ? 3 : 5;
		char name[64];
		snprintf(name, sizeof(name), "journal-%zu.ladder", n);
		char *path = bench_path(&b, name);
		char *out = bench_path(&b, "export.json");
		char *floor_out = bench_path(&b, "floor.json");
		size_t file_size = bench_make_journal_file(&b, path, n, (uint32_t)n);

		char *argv[] = {(char *)b.ladder, "-j", path, "--passphrase-file",
			b.pass_file, "export", NULL};
		double t[5];
		for (int r = 0; r < reps; r++) {
			t[r] = bench_run(&b, argv, out, NULL) - kdf;
		}
		t_export[k] = bench_median(t, (size_t)reps);
		size_t export_size = bench_file_size(out);

		struct floor_input in = {.path = path, .out = floor_out};
		struct vault *v = NULL;
		struct secret *plain = NULL;
		struct ladder_error err = {0};
		if (!vault_open(path, b.pass, false, &v, &plain, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 99;
		}
		crypto_aead_xchacha20poly1305_ietf_keygen(in.key);
		randombytes_buf(in.nonce, sizeof(in.nonce));
		in.cipher_len = plain->len + crypto_aead_xchacha20poly1305_ietf_ABYTES;
		in.cipher = malloc(in.cipher_len);
		crypto_aead_xchacha20poly1305_ietf_encrypt(in.cipher, NULL, plain->data,
			plain->len, NULL, 0, NULL, in.nonce, in.key);
		secret_destroy(plain);
		vault_close(v);
		cJSON_InitHooks(NULL); /* the floor: cJSON as it comes */
		for (int r = 0; r < reps; r++) {
			t[r] = floor_once(&in);
		}
		util_wipe_json_memory();
		double fl = bench_median(t, (size_t)reps);
		free(in.cipher);

		printf("%zu sessions: journal %.1f MB, export %.1f MB\n", n,
			(double)file_size / 1e6, (double)export_size / 1e6);
		printf("    ladder export %.1f ms, floor %.1f ms, ratio %.2f\n",
			t_export[k] * 1e3, fl * 1e3, t_export[k] / fl);
		inside(&b, path);
		if (n == 10000) {
			bench_check(&b, "export of 10,000 sessions / floor", t_export[k] / fl, 1.0, "x");
		}
		fflush(stdout);
		unlink(path);
		free(floor_out);
		free(out);
		free(path);
	}
	bench_check(&b, "export of 100,000 sessions / export of 10,000",
		t_export[2] / t_export[1], 10.5, "x");
	return bench_exit(&b);
}
