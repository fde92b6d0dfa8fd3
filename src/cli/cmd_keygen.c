/* ladder keygen -o FILE [--kdf LEVEL]: a facilitator's key pair for the
 * sealed handoff (ladder-sealed(5)). FILE holds the secret key sealed
 * with a passphrase (0600), FILE.pub the public key as one line, which is
 * also printed on standard output: the line participants give to
 * `ladder export --anonymous --to`. Nothing is ever overwritten. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "ladder/sealed.h"
#include "passphrase.h"

/* The order of keygen_opts below. */
enum { KEYGEN_OUTPUT, KEYGEN_KDF };

static int
cmd_keygen(const struct cli_global *g, const struct cli_args *a)
{
	const char *path = cli_value(a, KEYGEN_OUTPUT);
	const char *kdf = cli_value(a, KEYGEN_KDF);
	enum kdf_level level = cli_default_kdf();
	if (path == NULL) {
		cli_error("keygen needs -o FILE: where to write the secret key (the "
			"public key goes to FILE.pub)");
		return LADDER_USAGE;
	}
	if (kdf != NULL && !kdf_level_from_name(kdf, &level)) {
		cli_error("--kdf %s: expected min, interactive, moderate or sensitive", kdf);
		return LADDER_USAGE;
	}
	struct ladder_error err;
	error_clear(&err);
	struct secret *pass = NULL;
	if (!passphrase_get(g->passphrase_file, "Passphrase for the new key: ", true,
			&pass, &err)) {
		cli_error("%s", err.msg);
		return cli_status(&err);
	}
	if (pass->len == 0) {
		secret_destroy(pass);
		cli_error("an empty passphrase protects nothing; choose one");
		return LADDER_FAIL;
	}
	if (!cli_passphrase_strong_enough(pass, false)) {
		secret_destroy(pass);
		return LADDER_FAIL;
	}
	if (level == KDF_MIN) {
		cli_warn("the key derivation 'min' is for tests and protects nothing");
	}
	unsigned char pk[SEALED_PK_LEN];
	bool ok = sealed_keygen_write(path, pass, level, pk, &err);
	secret_destroy(pass);
	if (!ok) {
		cli_error("%s", err.msg);
		return LADDER_FAIL;
	}
	char line[SEALED_PUBLIC_LINE_MAX];
	unsigned char id[SEALED_KEY_ID_LEN];
	char hex[17];
	sealed_public_line(pk, line);
	sealed_key_id(pk, id);
	sealed_key_id_hex(id, hex);
	printf("%s\n", line);
	fprintf(stderr, "ladder: wrote %s (the secret key, sealed with your passphrase: "
		"keep it) and %s.pub (the public key above, key id %s: give it to the "
		"participants for 'ladder export --anonymous --to')\n", cli_safe(path),
		cli_safe(path), hex);
	return fflush(stdout) == 0 ? LADDER_OK : LADDER_FAIL;
}

static const struct cli_opt keygen_opts[] = {
	[KEYGEN_OUTPUT] = {"output", 'o', true, false},
	[KEYGEN_KDF] = {"kdf", 0, true, false},
	{0},
};

const struct cli_command cli_cmd_keygen = {"keygen", cmd_keygen, keygen_opts, 0, 0,
	"keygen -o FILE [--kdf LEVEL]",
	"a facilitator's key pair: FILE (secret, sealed with a passphrase) and "
	"FILE.pub (the public key line, also printed)"};
