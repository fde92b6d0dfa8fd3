# The recovery code is never lost silently: when it cannot be written
# (standard output on a full disk), init creates no journal and passwd
# changes nothing, both exit 1; when it can, the code printed is the one
# that opens the journal.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
export LADDER_KDF=min
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
printf 'new staple\n' >"$WORK/pass2"
l() { "$LADDER" -j "$J" "$@"; }
code_of() { sed -n 's/^    \([0-9A-Z-]\{47\}\)$/\1/p' "$1"; }

if [ -w /dev/full ]; then
	l --passphrase-file "$WORK/pass" init --kdf min >/dev/full 2>"$WORK/err"
	rc=$?
	err=$(cat "$WORK/err")
	out=""
	expect_rc "init > /dev/full fails" 1
	expect_err "says the code could not be written" "cannot write the recovery code to standard output: No space left on device"
	expect_err "and that nothing was created" "no journal was created"
	if [ -e "$J" ]; then not_ok "no journal is left"; else ok "no journal is left"; fi
	if ls "$WORK" | grep -q '\.tmp\.'; then not_ok "no temporary file is left"; else ok "no temporary file is left"; fi
else
	echo "ok - /dev/full is not writable here: the init case is skipped"
fi

run l --passphrase-file "$WORK/pass" init --kdf min
expect_rc "init to a working output" 0
cp "$WORK/out" "$WORK/code1.out"
code1=$(code_of "$WORK/code1.out")
printf '%s\n' "$code1" >"$WORK/code1"
run l --passphrase-file "$WORK/pass" export
expect_rc "the passphrase opens it" 0
cp "$J" "$WORK/before.ladder"

if [ -w /dev/full ]; then
	l --passphrase-file "$WORK/pass" passwd --new-passphrase-file "$WORK/pass2" >/dev/full 2>"$WORK/err"
	rc=$?
	err=$(cat "$WORK/err")
	expect_rc "passwd > /dev/full fails" 1
	expect_err "saying so" "cannot write the recovery code to standard output"
	expect_err "and that the old passphrase and code still work" "the old passphrase and recovery code still work"
	if cmp -s "$J" "$WORK/before.ladder"; then ok "the journal is byte-identical"; else not_ok "the journal is byte-identical"; fi
	run l --passphrase-file "$WORK/pass" export
	expect_rc "the old passphrase still opens it" 0
	run l --passphrase-file "$WORK/pass2" export
	expect_rc "the new one does not" 3
	printf 'another\n' >"$WORK/pass3"
	run l passwd --recovery-code-file "$WORK/code1" --new-passphrase-file "$WORK/pass3"
	expect_rc "the old code still works" 0
	code2=$(code_of "$WORK/out")
	printf '%s\n' "$code2" >"$WORK/code2"
	run l --passphrase-file "$WORK/pass3" export
	expect_rc "and set a passphrase that opens it" 0
	l passwd --recovery-code-file "$WORK/code2" --new-passphrase-file "$WORK/pass2" >/dev/full 2>"$WORK/err"
	rc=$?
	expect_rc "passwd with the code > /dev/full fails too" 1
	run l --passphrase-file "$WORK/pass3" export
	expect_rc "and the passphrase set before still opens it" 0
	run l passwd --recovery-code-file "$WORK/code2" --new-passphrase-file "$WORK/pass2"
	expect_rc "and the code printed before still works" 0
fi

finish
