/* KDF policy: the levels a journal's key derivation may use, the key
 * a passphrase gives, and the keys of a new passphrase. */
#include "ladder/vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ladder/genstate.h"
#include "ladder/paths.h"
#include "ladder/timeutil.h"
#include "ladder/util.h"
#include "vault_impl.h"

static const struct {
	const char *name;
	uint64_t ops, mem;
} levels[] = {
	[KDF_MIN] = {"min", crypto_pwhash_argon2id_OPSLIMIT_MIN,
		crypto_pwhash_argon2id_MEMLIMIT_MIN},
	[KDF_INTERACTIVE] = {"interactive",
		crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE},
	[KDF_MODERATE] = {"moderate", crypto_pwhash_argon2id_OPSLIMIT_MODERATE,
		crypto_pwhash_argon2id_MEMLIMIT_MODERATE},
	[KDF_SENSITIVE] = {"sensitive",
		crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE,
		crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE},
};

bool
kdf_level_from_name(const char *name, enum kdf_level *out)
{
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (strcmp(name, levels[i].name) == 0) {
			*out = (enum kdf_level)i;
			return true;
		}
	}
	return false;
}

const char *
kdf_level_name(enum kdf_level level)
{
	return levels[level].name;
}

void
kdf_level_params(enum kdf_level level, uint64_t *opslimit, uint64_t *memlimit)
{
	*opslimit = levels[level].ops;
	*memlimit = levels[level].mem;
}

bool
vlt_derive_passphrase_key(const char *name, const struct secret *pass,
	const struct vault_header *h, unsigned char *key,
	struct ladder_error *err)
{
	errno = 0;
	if (vlt_io()->kdf(key, VAULT_KEY_LEN, (const char *)pass->data, pass->len,
		h->salt, h->opslimit, (size_t)h->memlimit) != 0) {
		if (errno == ENOMEM) {
			return error_set(err, LADDER_FAIL, "%s: not enough memory "
				"to derive the key (this journal needs %llu MiB); "
				"close other programs and try again", name,
				(unsigned long long)(h->memlimit >> 20));
		}
		return error_set(err, LADDER_FAIL, "%s: the key derivation "
			"failed: %s", name, strerror(errno));
	}
	return true;
}

/* Everything a new passphrase needs: a new salt and data key, both slots
 * and a new recovery code, filled into h, key and *code. */
bool
vlt_make_keys(const char *name, struct vault_header *h, enum kdf_level level,
	const struct secret *pass, unsigned char *key, struct secret **code,
	struct ladder_error *err)
{
	*code = NULL;
	memset(h, 0, sizeof(*h));
	h->version = VAULT_FORMAT_VERSION;
	h->header_len = VAULT_HEADER_LEN;
	h->kdf_id = VAULT_KDF_ARGON2ID;
	h->aead_id = VAULT_AEAD_XCHACHA20POLY1305;
	h->flags = VAULT_FLAG_GENERATION; /* before the slots: in their AD */
	kdf_level_params(level, &h->opslimit, &h->memlimit);
	randombytes_buf(h->salt, VAULT_SALT_LEN);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);

	bool ok = false;
	unsigned char header[VAULT_HEADER_LEN];
	unsigned char *slot_key = sodium_malloc(VAULT_KEY_LEN);
	unsigned char *code_bytes = sodium_malloc(CODE_BYTES);
	struct secret *text = NULL;
	if (slot_key == NULL || code_bytes == NULL ||
		(text = vlt_code_create(code_bytes)) == NULL) {
		vlt_oom(err, name);
		goto out;
	}
	vlt_header_encode(h, header); /* slots need the bytes before them */
	if (!vlt_derive_passphrase_key(name, pass, h, slot_key, err)) {
		goto out;
	}
	vlt_slot_seal(&h->passphrase_slot, header, SLOT_ID_PASSPHRASE, key,
		slot_key);
	vlt_derive_recovery_key(code_bytes, h->salt, slot_key);
	vlt_slot_seal(&h->recovery_slot, header, SLOT_ID_RECOVERY, key, slot_key);
	*code = text;
	text = NULL;
	ok = true;
out: /* as open_common's in vault.c, but what each owns at the end differs */
	secret_destroy(text);
	sodium_free(code_bytes);
	sodium_free(slot_key);
	return ok;
}
