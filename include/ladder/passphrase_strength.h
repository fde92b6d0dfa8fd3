#pragma once
#include <stddef.h>

/* How strong a passphrase looks (length and variety), for the person
 * choosing one; never stored. */
enum pass_strength {
	PASS_EMPTY,
	PASS_WEAK,
	PASS_FAIR,
	PASS_GOOD,
	PASS_STRONG,
};
/* *hint is a sentence for the person. */
enum pass_strength passphrase_strength(const char *s, size_t len,
	const char **hint);
/* "empty", "weak", "fair", "good" or "strong". */
const char *passphrase_strength_name(enum pass_strength st);
