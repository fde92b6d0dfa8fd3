#pragma once
/* Shared by the libFuzzer targets (tests/fuzz/fuzz_*.c) and by the unit test
 * that replays tests/fuzz/regressions/ through the same entry points
 * (tests/unit/test_fuzz_regressions.c). Each target checks, besides "no
 * crash, no leak, no undefined behaviour", a property of what it parsed: a
 * broken one stops with FUZZ_CHECK, which aborts, so the fuzzer keeps the
 * input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: check failed: %s\n",       \
				__FILE__, __LINE__, #cond);                \
			abort();                                           \
		}                                                          \
	} while (0)

int fuzz_questionnaire(const uint8_t *data, size_t size);
int fuzz_answers(const uint8_t *data, size_t size);
int fuzz_answers_csv(const uint8_t *data, size_t size);
int fuzz_import(const uint8_t *data, size_t size);
int fuzz_vault_header(const uint8_t *data, size_t size);
int fuzz_vault_decode(const uint8_t *data, size_t size);
int fuzz_state(const uint8_t *data, size_t size);
int fuzz_sealed(const uint8_t *data, size_t size);
int fuzz_keyfile(const uint8_t *data, size_t size);
int fuzz_room(const uint8_t *data, size_t size);
/* fuzz_qs.c: loads paths[i] into each qs[i] still NULL; aborts when one
 * does not load (the targets' own files) */
struct questionnaire;
void fuzz_load_questionnaires(const char *const paths[], struct questionnaire *qs[],
	size_t n);
/* fuzz_key.c: the fixed key pair of the sealed-export targets */
struct sealed_key;
struct sealed_key *fuzz_sealed_key(void);
int fuzz_deck(const uint8_t *data, size_t size);
