/* Damaged and hostile vaults: every corruption (byte flips, truncation,
 * appended bytes, text-mode mangling, splices) refused before or after the
 * KDF as documented, wrong passphrases, hostile KDF parameters, the KDF's
 * limits and ENOMEM, and decoding with a key. Fixtures in
 * vault_fixture.h. */
#include "vault_fixture.h"

/* ---- corruption ---- */

static void
test_every_byte_flip(void **state)
{
	struct fixture *f = *state;
	size_t plen;
	unsigned char *plain = entries(3, &plen);
	create_journal(f->journal, PASS, plain, plen, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	unsigned char *buf = malloc(len);
	char *before = listing(f->dir);
	static const unsigned char masks[] = {0x01, 0x80, 0xFF};
	for (size_t off = 0; off < len; off++) {
		for (size_t m = 0; m < sizeof(masks); m++) {
			memcpy(buf, orig, len);
			buf[off] ^= masks[m];
			spit(f->journal, buf, len);
			unsigned long calls = kdf_calls;
			struct secret *out = NULL;
			int status = try_open(f->journal, PASS, &out);
			assert_null(out);
			if (off < VAULT_HEADER_LEN) {
				/* The header check fails: damaged, never "wrong
				 * passphrase", and the KDF did not run. */
				if (status != LADDER_DAMAGED) {
					fail_msg("offset %zu mask %02x: status %d", off,
						masks[m], status);
				}
				assert_int_equal(kdf_calls, calls);
			} else {
				assert_true(status == LADDER_DAMAGED ||
					status == LADDER_BAD_PASSPHRASE);
			}
			size_t now_len;
			unsigned char *now = slurp(f->journal, &now_len);
			assert_int_equal(now_len, len);
			assert_memory_equal(now, buf, len);
			free(now);
			char *after = listing(f->dir);
			assert_string_equal(before, after);
			free(after);
		}
	}
	spit(f->journal, orig, len);
	assert_opens_to(f->journal, PASS, plain, plen);
	free(before);
	free(buf);
	free(orig);
	free(plain);
}

static void
test_truncation_and_appending(void **state)
{
	struct fixture *f = *state;
	size_t plen;
	unsigned char *plain = entries(3, &plen);
	create_journal(f->journal, PASS, plain, plen, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	unsigned long calls = kdf_calls;
	for (size_t n = 0; n < len; n++) {
		spit(f->journal, orig, n);
		assert_int_equal(try_open(f->journal, PASS, NULL), LADDER_DAMAGED);
	}
	unsigned char *longer = malloc(len + 4096);
	memcpy(longer, orig, len);
	randombytes_buf(longer + len, 4096);
	static const size_t extra[] = {1, 2, 16, 17, 4096};
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		spit(f->journal, longer, len + extra[i]);
		assert_int_equal(try_open(f->journal, PASS, NULL), LADDER_DAMAGED);
		memset(longer + len, 0, extra[i]);
		spit(f->journal, longer, len + extra[i]);
		assert_int_equal(try_open(f->journal, PASS, NULL), LADDER_DAMAGED);
	}
	assert_int_equal(kdf_calls, calls); /* never reached the KDF */
	spit(f->journal, orig, len);
	assert_opens_to(f->journal, PASS, plain, plen);
	assert_true(kdf_calls > calls);
	free(longer);
	free(orig);
	free(plain);
}

static void
test_text_mode_mangling(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	/* CR LF -> LF, as a text-mode transfer does */
	unsigned char *buf = malloc(len);
	memcpy(buf, orig, 4);
	memcpy(buf + 4, orig + 5, len - 5);
	spit(f->journal, buf, len - 1);
	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_non_null(strstr(err.msg, "binary mode"));
	/* Not a journal at all */
	spit(f->journal, (const unsigned char *)"hello\n", 6);
	assert_false(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_non_null(strstr(err.msg, "signature"));
	secret_destroy(p);
	free(buf);
	free(orig);
}

static void
test_splices(void **state)
{
	struct fixture *f = *state;
	char other[512];
	snprintf(other, sizeof(other), "%s/other.ladder", f->dir);
	char spliced[512];
	snprintf(spliced, sizeof(spliced), "%s/spliced.ladder", f->dir);
	struct secret *code = NULL;
	create_journal(f->journal, PASS, "generation one", 14, &code);
	create_journal(other, PASS, "other journal!", 14, NULL);
	struct vault *v = open_writable(f->journal, PASS);
	struct ladder_error err = {0};
	assert_true(vault_save(v, (const unsigned char *)"generation two", 14,
		&err));
	vault_close(v);

	size_t la, lb, lo;
	unsigned char *gen1 = slurp(f->bak, &la);
	unsigned char *gen2 = slurp(f->journal, &lb);
	unsigned char *oth = slurp(other, &lo);
	assert_int_equal(la, lb);
	assert_int_equal(la, lo);
	size_t len = la;
	unsigned char *buf = malloc(len);
	const size_t H = VAULT_HEADER_LEN;

	/* header of one save, payload of another */
	memcpy(buf, gen1, H);
	memcpy(buf + H, gen2 + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);
	memcpy(buf, gen2, H);
	memcpy(buf + H, gen1 + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* payload from another journal, either way round */
	memcpy(buf, gen2, H);
	memcpy(buf + H, oth + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);
	memcpy(buf, oth, H);
	memcpy(buf + H, gen2 + H, len - H);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* swapped key slots, checksum recomputed */
	memcpy(buf, gen2, len);
	memcpy(buf + 48, gen2 + 120, 72);
	memcpy(buf + 120, gen2 + 48, 72);
	rehash(buf);
	spit(spliced, buf, len);
	int s = try_open(spliced, PASS, NULL);
	assert_true(s == LADDER_BAD_PASSPHRASE || s == LADDER_DAMAGED);
	s = try_open_code(spliced, (char *)code->data, NULL);
	assert_true(s == LADDER_BAD_PASSPHRASE || s == LADDER_DAMAGED);

	/* the other journal's passphrase slot (same passphrase) */
	memcpy(buf, gen2, len);
	memcpy(buf + 48, oth + 48, 72);
	rehash(buf);
	spit(spliced, buf, len);
	s = try_open(spliced, PASS, NULL);
	assert_true(s == LADDER_BAD_PASSPHRASE || s == LADDER_DAMAGED);

	/* the other journal's salt and slots: unwraps, payload refused */
	memcpy(buf, gen2, len);
	memcpy(buf + 32, oth + 32, 16 + 144);
	rehash(buf);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* the payload nonce of another save, checksum recomputed */
	memcpy(buf, gen2, len);
	memcpy(buf + 192, gen1 + 192, 24);
	rehash(buf);
	spit(spliced, buf, len);
	assert_int_equal(try_open(spliced, PASS, NULL), LADDER_DAMAGED);

	/* the originals still open */
	assert_opens_to(f->journal, PASS, "generation two", 14);
	assert_opens_to(f->bak, PASS, "generation one", 14);
	secret_destroy(code);
	free(buf);
	free(gen1);
	free(gen2);
	free(oth);
}

static void
test_wrong_passphrases(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "secret text", 11, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	char *before = listing(f->dir);
	char big[4097];
	memset(big, 'a', 4096);
	big[4096] = '\0';
	const char *wrong[] = {
		"correct horse battery stapla", "Correct horse battery staple",
		"correct horse battery stapl", "", PASS "\n", PASS " ", big,
	};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		unsigned long calls = kdf_calls;
		struct ladder_error err = {0};
		struct secret *p = sec(wrong[i]);
		struct vault *v = NULL;
		struct secret *plain = NULL;
		assert_false(vault_open(f->journal, p, true, &v, &plain, &err));
		assert_int_equal(err.status, LADDER_BAD_PASSPHRASE);
		assert_non_null(strstr(err.msg, "wrong passphrase"));
		assert_non_null(strstr(err.msg, f->journal));
		assert_null(plain);
		assert_null(v);
		assert_int_equal(kdf_calls, calls + 1);
		secret_destroy(p);
		size_t now_len;
		unsigned char *now = slurp(f->journal, &now_len);
		assert_int_equal(now_len, len);
		assert_memory_equal(now, orig, len);
		free(now);
	}
	/* no new files (the lock file was made by the create) */
	char *after = listing(f->dir);
	assert_string_equal(before, after);
	assert_non_null(strstr(after, "journal.ladder.lock\n"));
	free(after);
	free(before);
	free(orig);
}

static void
hostile(const char *path, const unsigned char *orig, size_t len, size_t off,
	size_t width, uint64_t value)
{
	unsigned char *buf = malloc(len);
	memcpy(buf, orig, len);
	for (size_t i = 0; i < width; i++) {
		buf[off + i] = (unsigned char)(value >> (8 * i));
	}
	rehash(buf);
	spit(path, buf, len);
	unsigned long calls = kdf_calls;
	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(path, p, false, &v, &plain, &err));
	if (err.status != LADDER_DAMAGED) {
		fail_msg("offset %zu value %llu: %d %s", off,
			(unsigned long long)value, err.status, err.msg);
	}
	assert_int_equal(kdf_calls, calls);
	secret_destroy(p);
	free(buf);
}

static void
test_hostile_parameters(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *orig = slurp(f->journal, &len);
	const char *j = f->journal;
	/* memlimit */
	hostile(j, orig, len, 24, 8, UINT64_C(1) << 40);
	hostile(j, orig, len, 24, 8, (UINT64_C(1) << 30) + 1);
	hostile(j, orig, len, 24, 8, UINT64_MAX);
	hostile(j, orig, len, 24, 8, 4096);
	hostile(j, orig, len, 24, 8, 0);
	/* opslimit */
	hostile(j, orig, len, 16, 8, 11);
	hostile(j, orig, len, 16, 8, UINT64_MAX);
	hostile(j, orig, len, 16, 8, 0);
	/* payload length */
	hostile(j, orig, len, 216, 8, UINT64_MAX);
	hostile(j, orig, len, 216, 8, UINT64_C(1) << 62);
	hostile(j, orig, len, 216, 8, (uint64_t)VAULT_PLAIN_MAX + 17);
	hostile(j, orig, len, 216, 8, 0);
	hostile(j, orig, len, 216, 8, 15);
	hostile(j, orig, len, 216, 8, len - VAULT_HEADER_LEN + 1);
	hostile(j, orig, len, 216, 8, len - VAULT_HEADER_LEN - 1);
	/* flags (1, the generation, is the one known), ids, version, header
	 * length; a content too short for the generation */
	hostile(j, orig, len, 14, 2, 2);
	hostile(j, orig, len, 14, 2, 3);
	hostile(j, orig, len, 14, 2, 0x8000);
	hostile(j, orig, len, 216, 8, VAULT_TAG_LEN + VAULT_GEN_PREFIX - 1);
	hostile(j, orig, len, 12, 1, 2);
	hostile(j, orig, len, 13, 1, 0);
	hostile(j, orig, len, 8, 2, 2);
	hostile(j, orig, len, 8, 2, 0);
	hostile(j, orig, len, 10, 2, 255);
	hostile(j, orig, len, 10, 2, 0xFFFF);

	/* A file too large to be a journal is refused before it is read:
	 * a sparse file just over the limit, and not one read call. */
	char big[512];
	snprintf(big, sizeof(big), "%s/big.ladder", f->dir);
	int fd = open(big, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, orig, VAULT_HEADER_LEN), VAULT_HEADER_LEN);
	assert_int_equal(ftruncate(fd, (off_t)(VAULT_HEADER_LEN +
		VAULT_PLAIN_MAX + VAULT_TAG_LEN + 1)), 0);
	close(fd);
	unsigned long reads = read_calls, calls = kdf_calls;
	assert_int_equal(try_open(big, PASS, NULL), LADDER_DAMAGED);
	assert_int_equal(read_calls, reads);
	assert_int_equal(kdf_calls, calls);
	unlink(big);
	free(orig);
}

/* The caps let the strongest level through to the KDF (faked here). */
static unsigned long long seen_ops;
static size_t seen_mem;

static int
fake_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	seen_ops = ops;
	seen_mem = mem;
	memset(out, 0x42, outlen);
	return 0;
}

static int
enomem_kdf(unsigned char *out, size_t outlen, const char *pw, size_t pwlen,
	const unsigned char *salt, unsigned long long ops, size_t mem)
{
	errno = ENOMEM;
	return -1;
}

static void
test_kdf_limits_and_enomem(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *buf = slurp(f->journal, &len);
	put64(buf + 16, 4);
	put64(buf + 24, UINT64_C(1) << 30);
	rehash(buf);
	spit(f->journal, buf, len);
	struct vault_io fake = *vault_io_default();
	fake.kdf = fake_kdf;
	vault_io_set(&fake);
	assert_int_equal(try_open(f->journal, PASS, NULL),
		LADDER_BAD_PASSPHRASE);
	assert_int_equal(seen_ops, 4);
	assert_int_equal(seen_mem, (size_t)1 << 30);

	/* Not enough memory is a failure, never "wrong passphrase". */
	fake.kdf = enomem_kdf;
	struct ladder_error err = {0};
	struct secret *p = sec(PASS);
	struct vault *v = NULL;
	struct secret *plain = NULL;
	assert_false(vault_open(f->journal, p, false, &v, &plain, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_non_null(strstr(err.msg, "memory"));
	struct secret *code = NULL;
	char other[512];
	snprintf(other, sizeof(other), "%s/other.ladder", f->dir);
	assert_false(vault_create(other, p, KDF_SENSITIVE, NULL, 0, &code,
		NULL, &err));
	assert_int_equal(err.status, LADDER_FAIL);
	assert_false(vault_exists(other));
	assert_int_equal(count_temps(f->dir), 0);
	use_counting_io();
	secret_destroy(p);
	free(buf);
}

static void
test_decode_with_key(void **state)
{
	struct fixture *f = *state;
	create_journal(f->journal, PASS, "abc", 3, NULL);
	size_t len;
	unsigned char *buf = slurp(f->journal, &len);
	unsigned char key[VAULT_KEY_LEN] = {0};
	struct ladder_error err = {0};
	struct secret *plain = NULL;
	assert_false(vault_decode("x", buf, len, key, &plain, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	assert_null(plain);
	struct vault_header h;
	assert_true(vault_header_parse("x", buf, len, &h, &err));
	assert_int_equal(h.payload_len, VAULT_GEN_PREFIX + 3 + VAULT_TAG_LEN);
	assert_false(vault_header_parse("x", buf, len - 1, &h, &err));
	assert_int_equal(err.status, LADDER_DAMAGED);
	free(buf);
}

int
main(void)
{
	umask(077);
	if (sodium_init() < 0) {
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_byte_flip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncation_and_appending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_mode_mangling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_splices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_passphrases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kdf_limits_and_enomem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_with_key, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
