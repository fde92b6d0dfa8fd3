# Messages that do not mislead: a key header altered with a recomputed
# checksum is not just "wrong passphrase" (it says the header may have been
# altered, and names the backup only when there is one); the "previous
# generation" hint of a damaged file only when a backup exists;
# LADDER_KDF=min does not weaken a journal on passwd unless --kdf says so.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_KDF=min
PY=/usr/bin/python3
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
printf 'new staple\n' >"$WORK/pass2"
QDIR=$TESTDATA/questionnaires
l() { "$LADDER" -j "$J" --questionnaires "$QDIR" "$@"; }
code_of() { sed -n 's/^    \([0-9A-Z-]\{47\}\)$/\1/p' "$1"; }

l --passphrase-file "$WORK/pass" init --kdf min >"$WORK/init.out" 2>/dev/null
code_of "$WORK/init.out" >"$WORK/code"

# alter FILE: a byte of the salt changed and the header checksum recomputed
alter() {
	$PY - "$1" <<'EOF'
import hashlib, sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[32] ^= 0x01
b[224:256] = hashlib.blake2b(bytes(b[:224]), digest_size=32).digest()
open(p, "wb").write(bytes(b))
EOF
}
cp "$J" "$WORK/intact"
alter "$J"
run l --passphrase-file "$WORK/pass" export
expect_rc "an altered key header with the right passphrase: status 3" 3
expect_err "says the header may have been altered" "the file's key header may have been altered"
expect_no_bak() { case "$err" in *".bak"*) not_ok "$1 (names a backup that does not exist)" ;; *) ok "$1" ;; esac; }
expect_no_bak "no backup is named while there is none"
run l passwd --recovery-code-file "$WORK/code" --new-passphrase-file "$WORK/pass2"
expect_rc "the recovery code: status 3" 3
expect_err "says the header may have been altered too" "key header may have been altered"
expect_no_bak "... no backup named"

# with a backup: it is named
cp "$WORK/intact" "$J"
l --passphrase-file "$WORK/pass" assess tiny --answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
[ -f "$J.bak" ] || echo "setup: no backup"
alter "$J"
run l --passphrase-file "$WORK/pass" export
expect_rc "altered, with a backup: status 3" 3
expect_err "names the backup" "may have been altered: the previous generation is in $J.bak"
run l passwd --recovery-code-file "$WORK/code" --new-passphrase-file "$WORK/pass2"
expect_err "the recovery code names it too" "the previous generation is in $J.bak"

# a damaged file: the backup hint only when there is one
head -c 300 "$WORK/intact" >"$WORK/cut.ladder"
run "$LADDER" -j "$WORK/cut.ladder" --passphrase-file "$WORK/pass" export
expect_rc "a cut file is damaged: 4" 4
case "$err" in *"previous generation"*) not_ok "no backup hint without a backup" ;; *) ok "no backup hint without a backup" ;; esac
cp "$WORK/intact" "$WORK/cut.ladder.bak"
run "$LADDER" -j "$WORK/cut.ladder" --passphrase-file "$WORK/pass" export
expect_err "with a backup, it is named" "(the previous generation is kept in $WORK/cut.ladder.bak)"

# LADDER_KDF=min and passwd
K=$WORK/k.ladder
"$LADDER" -j "$K" --passphrase-file "$WORK/pass" init --kdf interactive >/dev/null 2>&1
cp "$K" "$WORK/k.before"
run env LADDER_KDF=min "$LADDER" -j "$K" --passphrase-file "$WORK/pass" passwd --new-passphrase-file "$WORK/pass2"
expect_rc "LADDER_KDF=min does not weaken an interactive journal" 1
expect_err "and says how to mean it" "LADDER_KDF=min would weaken this journal's key derivation (it is interactive now); nothing was changed. Give --kdf min to mean it"
if cmp -s "$K" "$WORK/k.before"; then ok "the journal is unchanged"; else not_ok "the journal is unchanged"; fi
run env LADDER_KDF=sensitive "$LADDER" -j "$K" --passphrase-file "$WORK/pass" passwd --new-passphrase-file "$WORK/pass2" --kdf min
expect_rc "--kdf min says so" 0
expect_err "with the warning" "protects nothing"
run env LADDER_KDF=min "$LADDER" -j "$K" --passphrase-file "$WORK/pass2" passwd --new-passphrase-file "$WORK/pass"
expect_rc "a journal already at min may stay there" 0
run "$LADDER" -j "$K" --passphrase-file "$WORK/pass" passwd --new-passphrase-file "$WORK/pass2" --kdf cheap
expect_rc "an unknown --kdf is a usage error" 2

finish
