/* How strong a passphrase looks, for the person choosing one. */
#include "ladder/passphrase_strength.h"

#include "ladder/util.h"

enum pass_strength
passphrase_strength(const char *s, size_t len, const char **hint)
{
	size_t chars = 0, words = 0;
	bool lower = false, upper = false, digit = false, other = false;
	bool in_word = false;
	bool all_same = len > 0;
	for (size_t i = 0; i < len; i += utf8_seq_len(s + i)) {
		unsigned char c = (unsigned char)s[i];
		chars++;
		if (c != (unsigned char)s[0]) {
			all_same = false;
		}
		if (c >= 'a' && c <= 'z') {
			lower = true;
		} else if (c >= 'A' && c <= 'Z') {
			upper = true;
		} else if (c >= '0' && c <= '9') {
			digit = true;
		} else if (c != ' ') {
			other = true;
		}
		if (c == ' ') {
			in_word = false;
		} else if (!in_word) {
			in_word = true;
			words++;
		}
	}
	int variety = lower + upper + digit + other;
	if (chars == 0) {
		*hint = "Type a passphrase: the journal cannot be locked without one.";
		return PASS_EMPTY;
	}
	if (chars < 8 || all_same) {
		*hint = "Short and easy to guess. Four or five unrelated words are easy to remember and much harder to guess.";
		return PASS_WEAK;
	}
	if (chars < 12 || (variety < 2 && words < 3 && chars < 16)) {
		*hint = "A few more words, or a mix of letters, digits and signs, would make it stronger.";
		return PASS_FAIR;
	}
	if (chars < 20 && words < 4) {
		*hint = "Longer is stronger still, and words are easier to type than symbols.";
		return PASS_GOOD;
	}
	*hint = "Make sure you can remember it: without it or the recovery code, nobody can open the journal.";
	return PASS_STRONG;
}

const char *
passphrase_strength_name(enum pass_strength st)
{
	switch (st) {
	case PASS_EMPTY: return "empty";
	case PASS_WEAK: return "weak";
	case PASS_FAIR: return "fair";
	case PASS_GOOD: return "good";
	case PASS_STRONG: return "strong";
	}
	return "";
}
