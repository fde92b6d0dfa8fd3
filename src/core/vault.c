/* The vault's API (ladder-journal(5)): create, open, save and change
 * the passphrase of an encrypted journal. The parts it is made of are
 * listed in vault_impl.h. */
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

bool
vlt_start(struct ladder_error *err)
{
	if (sodium_init() < 0) {
		return error_set(err, LADDER_FAIL, "libsodium cannot start");
	}
	return true;
}

bool
vault_create(const char *path, const struct secret *passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	struct secret **recovery_code, struct vault **out,
	struct ladder_error *err)
{
	return vault_create_shown(path, passphrase, level, plain, plain_len,
		NULL, recovery_code, out, err);
}

/* Hands the new code to the hook before the commit; false (with err set)
 * when it could not be shown: nothing may be committed then. */
static bool
show_code(const struct vault_code_hook *hook, const char *name,
	const struct secret *code, struct ladder_error *err)
{
	if (hook == NULL || hook->show(code, hook->ctx)) {
		return true;
	}
	return error_set(err, LADDER_FAIL, "%s: the new recovery code could "
		"not be shown, so nothing was changed", name);
}

bool
vault_create_shown(const char *path, const struct secret *passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	const struct vault_code_hook *hook, struct secret **recovery_code,
	struct vault **out, struct ladder_error *err)
{
	*recovery_code = NULL;
	if (out != NULL) {
		*out = NULL;
	}
	if (!vlt_start(err)) {
		return false;
	}
	if (passphrase->len == 0) {
		return error_set(err, LADDER_FAIL, "%s: not created: the "
			"passphrase is empty", path);
	}
	if (plain_len > VAULT_PLAIN_MAX) {
		return error_set(err, LADDER_FAIL, "%s: not created: %zu bytes "
			"is more than a journal may hold", path, plain_len);
	}
	if (vault_exists(path)) {
		return error_set(err, LADDER_FAIL, "%s: already exists; ladder "
			"will not overwrite it (move it away first, or choose "
			"another path with --journal)", path);
	}
	const char *name = strrchr(path, '/');
	name = name != NULL ? name + 1 : path;
	if (name[0] == '\0' || strcmp(name, ".") == 0 ||
		strcmp(name, "..") == 0) {
		return error_set(err, LADDER_FAIL, "%s: not a file name", path);
	}
	if (!paths_mkdir_parents(path, err)) {
		return false;
	}
	char *real = vlt_resolve_new(path);
	if (real == NULL) {
		return error_set(err, LADDER_FAIL, "%s: cannot find its folder: "
			"%s", path, strerror(errno));
	}
	struct vault *v = vlt_alloc(path, real);
	if (v == NULL) {
		return vlt_oom(err, path);
	}

	bool ok = false;
	char *tmp = NULL;
	bool linked = false;
	struct secret *code = NULL;
	struct vault_header h;
	struct file_id id;
	int e = 0;
	if (!vlt_take_lock(v, err)) {
		goto out;
	}
	vlt_remove_stale_temps(v);
	if (vault_exists(v->real)) {
		error_set(err, LADDER_FAIL, "%s: already exists; ladder will not "
			"overwrite it", path);
		goto out;
	}
	v->generation = 1;
	randombytes_buf(v->jid, GENSTATE_ID_LEN);
	if (!vlt_make_keys(path, &h, level, passphrase, v->key, &code, err) ||
		!vlt_write_temp(v, &(struct vlt_content){&h, v->key, v->generation,
			v->jid, &(struct piece){plain, plain_len}, 1}, &tmp, &id, err) ||
		!show_code(hook, path, code, err)) {
		goto out;
	}
	/* link() never replaces an existing file: a journal that appeared
	 * meanwhile is kept. */
	if (vlt_retry_link(tmp, v->real) == 0) {
		linked = true;
		if (vlt_retry_unlink(tmp) != 0) {
			e = errno;
			error_set(err, LADDER_FAIL, "%s: not created: removing the "
				"temporary file failed: %s", path, strerror(e));
			goto out;
		}
		free(tmp);
		tmp = NULL;
	} else if (errno == EEXIST) {
		error_set(err, LADDER_FAIL, "%s: already exists; ladder will not "
			"overwrite it", path);
		goto out;
	} else if ((errno == EPERM || errno == ENOSYS || errno == EOPNOTSUPP ||
		errno == ENOTSUP) && !vault_exists(v->real)) {
		/* no hard links here; the lock keeps other ladders out */
		if (vlt_retry_rename(tmp, v->real) != 0) {
			e = errno;
			error_set(err, LADDER_FAIL, "%s: not created: %s", path,
				strerror(e));
			goto out;
		}
		linked = true;
		free(tmp);
		tmp = NULL;
	} else {
		e = errno;
		error_set(err, LADDER_FAIL, "%s: not created: %s", path,
			strerror(e));
		goto out;
	}
	if (!vlt_sync_dir(v, &e)) {
		error_set(err, LADDER_FAIL, "%s: not created: flushing the folder "
			"%s to disk failed: %s", path, v->dir, strerror(e));
		goto out;
	}
	v->hdr = h;
	v->id = id;
	*recovery_code = code;
	code = NULL;
	ok = true;
	vlt_record_generation(v);
out:
	if (!ok) {
		/* Nothing was there before: take back what was made. */
		if (linked) {
			vlt_retry_unlink(v->real);
		}
		if (tmp != NULL) {
			vlt_retry_unlink(tmp);
		}
	}
	free(tmp);
	secret_destroy(code);
	if (ok && out != NULL) {
		*out = v;
	} else {
		vault_close(v);
	}
	return ok;
}

/* As ssh and gpg do: a folder others may write to (they could swap the
 * backup or plant files) or that another user owns is said, not refused. */
static void
check_place(struct vault *v)
{
	struct stat st;
	if (stat(v->dir, &st) != 0) {
		return;
	}
	uid_t me = geteuid();
	if (st.st_uid != me && st.st_uid != 0) {
		snprintf(v->warning, sizeof(v->warning), "the journal's folder %s "
			"belongs to another user (uid %lu), who can replace the "
			"journal or its backup; keep it in a folder of your own",
			v->dir, (unsigned long)st.st_uid);
	} else if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(v->warning, sizeof(v->warning), "the journal's folder %s "
			"can be written by %s%s, who can replace the journal or "
			"its backup; make it yours alone: chmod go-w %s", v->dir,
			(st.st_mode & S_IWOTH) ? "every user" : "its group",
			(st.st_mode & S_ISVTX) ? " (the sticky bit keeps them from "
			"removing your files, not from adding theirs)" : "",
			v->dir);
	}
}

const char *
vault_warning(const struct vault *v)
{
	return v != NULL && v->warning[0] != '\0' ? v->warning : NULL;
}

static bool
open_common(const char *path, const struct secret *passphrase,
	const struct secret *code, bool writable, struct vault **out,
	struct secret **plain, struct ladder_error *err)
{
	*out = NULL;
	*plain = NULL;
	if (!vlt_start(err)) {
		return false;
	}
	if (passphrase == NULL && code == NULL) {
		return error_set(err, LADDER_FAIL, "%s: no passphrase given",
			path);
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT) {
			return error_set(err, LADDER_FAIL, "%s: there is no journal "
				"here; create one with: ladder init", path);
		}
		return error_set(err, LADDER_FAIL, "%s: %s", path,
			strerror(errno));
	}
	char *real = realpath(path, NULL);
	if (real == NULL) {
		return error_set(err, LADDER_FAIL, "%s: %s", path,
			strerror(errno));
	}
	struct vault *v = vlt_alloc(path, real);
	if (v == NULL) {
		return vlt_oom(err, path);
	}

	bool ok = false;
	unsigned char *buf = NULL;
	size_t len = 0;
	struct secret *image = NULL; /* the file, then its plaintext */
	unsigned char *slot_key = NULL, *code_bytes = NULL;
	if (writable) {
		if (!vlt_take_lock(v, err)) {
			goto out;
		}
		vlt_remove_stale_temps(v);
	}
	if (!vlt_read_journal(v, &buf, &len, &v->id, &image, err) ||
		!vault_header_parse(path, buf, len, &v->hdr, err)) {
		goto out;
	}
	slot_key = sodium_malloc(VAULT_KEY_LEN);
	if (slot_key == NULL) {
		vlt_oom(err, path);
		goto out;
	}
	/* the slot the passphrase or the code opens, and what to say when
	 * it does not */
	const struct vault_slot *slot = &v->hdr.passphrase_slot;
	uint8_t slot_id = SLOT_ID_PASSPHRASE;
	const char *refused = "wrong passphrase (the file is unchanged); try "
		"again, or reset it with your recovery code: ladder passwd "
		"--recovery-code-file FILE";
	if (passphrase != NULL) {
		if (!vlt_derive_passphrase_key(path, passphrase, &v->hdr, slot_key,
			err)) {
			goto out;
		}
	} else {
		code_bytes = sodium_malloc(CODE_BYTES);
		if (code_bytes == NULL) {
			vlt_oom(err, path);
			goto out;
		}
		if (!vlt_code_parse(path, code, code_bytes, err)) {
			goto out;
		}
		vlt_derive_recovery_key(code_bytes, v->hdr.salt, slot_key);
		slot = &v->hdr.recovery_slot;
		slot_id = SLOT_ID_RECOVERY;
		refused = "this recovery code does not open this journal (the file "
			"is unchanged); every passphrase change issues a new code: use "
			"the latest one";
	}
	if (!vlt_slot_open(slot, buf, slot_id, slot_key, v->key)) {
		char hint[600];
		error_set(err, LADDER_BAD_PASSPHRASE, "%s: %s. If you are sure of it, "
			"the file's key header may have been altered%s", path, refused,
			vlt_backup_hint(path, ": the previous generation is in ", "",
				hint, sizeof(hint)));
		goto out;
	}
	if (!vlt_decrypt_in_place(path, image, &v->hdr, v->key, &v->generation,
		v->jid, err)) {
		goto out;
	}
	check_place(v);
	vlt_check_generation(v);
	*plain = image;
	image = NULL;
	ok = true;
out: /* as vlt_make_keys's in vault_keys.c, but what each owns at the end differs */
	sodium_free(code_bytes);
	sodium_free(slot_key);
	secret_destroy(image);
	if (ok) {
		*out = v;
	} else {
		vault_close(v);
	}
	return ok;
}

bool
vault_open(const char *path, const struct secret *passphrase, bool writable,
	struct vault **out, struct secret **plain, struct ladder_error *err)
{
	return open_common(path, passphrase, NULL, writable, out, plain, err);
}

bool
vault_open_recovery(const char *path, const struct secret *recovery_code,
	bool writable, struct vault **out, struct secret **plain,
	struct ladder_error *err)
{
	return open_common(path, NULL, recovery_code, writable, out, plain,
		err);
}

static bool
need_writable(const struct vault *v, struct ladder_error *err)
{
	if (v->lock_fd < 0) {
		return error_set(err, LADDER_FAIL, "%s: not saved: the journal "
			"was opened read-only", v->path);
	}
	return true;
}

bool
vault_save(struct vault *v, const unsigned char *plain, size_t plain_len,
	struct ladder_error *err)
{
	return vault_save_pieces(v, &(struct piece){plain, plain_len}, 1, err);
}

/* The temporary and backup names of a commit: a file left under either
 * is removed (it never replaced the journal), and the names are freed. */
static void
drop_names(char *tmp, char *bak_tmp, char *bak)
{
	if (tmp != NULL) {
		vlt_retry_unlink(tmp);
	}
	if (bak_tmp != NULL) {
		vlt_retry_unlink(bak_tmp);
	}
	free(tmp);
	free(bak_tmp);
	free(bak);
}

bool
vault_save_pieces(struct vault *v, const struct piece *pieces, size_t n,
	struct ladder_error *err)
{
	if (!vlt_start(err) || !need_writable(v, err) ||
		!vlt_check_unchanged(v, err) || !vlt_refuse_older(v, err)) {
		return false;
	}
	bool ok = false;
	struct vault_header h = v->hdr;
	char *tmp = NULL, *bak_tmp = NULL, *bak = NULL;
	struct file_id id;
	bak = str_printf("%s.bak", v->real);
	if (bak == NULL) {
		vlt_oom(err, v->path);
		goto out;
	}
	/* the backup this save replaces: its pages in memory are free for the
	 * new file at once, rather than when it goes at the commit */
	vlt_drop_cached(bak);
	/* sealed as it is written: no image of the file in memory */
	if (!vlt_write_temp(v, &(struct vlt_content){&h, v->key,
		vlt_next_generation(v), v->jid, pieces, n}, &tmp, &id, err)) {
		goto out;
	}
	/* After a save that failed at its last rename, PATH.bak is already a
	 * link to the journal; rename() between two links of one file does
	 * nothing and would leave the new link behind. */
	if (!vlt_same_file(v->real, bak) && !vlt_link_backup(v, &bak_tmp, err)) {
		goto out;
	}
	static const struct vlt_done saved = {"saved", "save", "save again"};
	ok = vlt_commit(v, &bak_tmp, bak, "keeping the previous generation as a backup",
		&tmp, &h, &id, &saved, err) == VLT_COMMITTED;
out:
	drop_names(tmp, bak_tmp, bak);
	return ok;
}

bool
vault_rekey(struct vault *v, const struct secret *new_passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	struct secret **new_recovery_code, struct ladder_error *err)
{
	return vault_rekey_shown(v, new_passphrase, level, plain, plain_len,
		NULL, new_recovery_code, err);
}

bool
vault_rekey_shown(struct vault *v, const struct secret *new_passphrase,
	enum kdf_level level, const unsigned char *plain, size_t plain_len,
	const struct vault_code_hook *hook, struct secret **new_recovery_code,
	struct ladder_error *err)
{
	*new_recovery_code = NULL;
	if (!vlt_start(err) || !need_writable(v, err)) {
		return false;
	}
	if (new_passphrase->len == 0) {
		return error_set(err, LADDER_FAIL, "%s: passphrase not changed: "
			"the new passphrase is empty", v->path);
	}
	if (!vlt_check_unchanged(v, err) || !vlt_refuse_older(v, err)) {
		return false;
	}
	bool ok = false;
	unsigned char *old_image = NULL;
	size_t old_len = 0;
	struct secret *previous = NULL, *code = NULL;
	unsigned char *key = sodium_malloc(VAULT_KEY_LEN);
	char *tmp = NULL, *bak_tmp = NULL, *bak = NULL;
	struct file_id old_id, bak_id, id;
	struct vault_header h, hb;
	if (key == NULL || (bak = str_printf("%s.bak", v->real)) == NULL) {
		vlt_oom(err, v->path);
		goto out;
	}
	/* The generation on disk becomes the backup, under the new key. */
	if (!vlt_read_journal(v, &old_image, &old_len, &old_id, NULL, err)) {
		goto out;
	}
	if (!vlt_file_id_equal(&old_id, &v->id)) {
		error_set(err, LADDER_FAIL, "%s: passphrase not changed: the file "
			"changed on disk since ladder read it; it was left as it is",
			v->path);
		goto out;
	}
	if (!vault_decode(v->path, old_image, old_len, v->key, &previous,
		err)) {
		goto out;
	}
	if (!vlt_make_keys(v->path, &h, level, new_passphrase, key, &code, err)) {
		goto out;
	}
	hb = h;
	static const unsigned char zero[GENSTATE_ID_LEN];
	if (memcmp(v->jid, zero, GENSTATE_ID_LEN) == 0) {
		randombytes_buf(v->jid, GENSTATE_ID_LEN);
	}
	if (!vlt_write_temp(v, &(struct vlt_content){&hb, key, v->generation,
		v->jid, &(struct piece){previous->data, previous->len}, 1},
		&bak_tmp, &bak_id, err) ||
		!vlt_write_temp(v, &(struct vlt_content){&h, key,
			vlt_next_generation(v), v->jid, &(struct piece){plain, plain_len},
			1}, &tmp, &id, err) ||
		!show_code(hook, v->path, code, err)) {
		goto out;
	}
	static const struct vlt_done changed = {"passphrase changed", "change",
		"keep the new recovery code and save again"};
	enum vlt_commit c = vlt_commit(v, &bak_tmp, bak, "replacing the backup",
		&tmp, &h, &id, &changed, err);
	if (c != VLT_NOT_COMMITTED) {
		/* the new passphrase and code are in effect */
		memcpy(v->key, key, VAULT_KEY_LEN);
		*new_recovery_code = code;
		code = NULL;
	}
	ok = c == VLT_COMMITTED;
out:
	drop_names(tmp, bak_tmp, bak);
	free(old_image);
	secret_destroy(previous);
	secret_destroy(code);
	sodium_free(key);
	return ok;
}
