#!/bin/sh
# Exit statuses of the vault through vault_tool, and passphrase files.
. "$(dirname "$0")/lib.sh"

printf 'correct horse\n' > "$d/pass"
printf 'hello\n' > "$d/plain"
j=$d/journal.ladder

expect 2 "$T"
expect 2 "$T" frobnicate "$j"
expect 0 "$T" create "$j" --pass "$d/pass" --plain "$d/plain" --code-out "$d/code"
expect 1 "$T" create "$j" --pass "$d/pass" --plain "$d/plain"
grep -q 'already exists' "$d/stderr" || fail "no 'already exists' message"
expect 0 "$T" open "$j" --pass "$d/pass" --out "$d/out"
cmp -s "$d/out" "$d/plain" || fail "round trip"

# passphrase from standard input, and with a CR LF ending
printf 'correct horse\nnot this line\n' |
	expect 0 "$T" open "$j" --pass - --out "$d/out" || exit 1
printf 'correct horse\r\n' > "$d/pass-crlf"
expect 0 "$T" open "$j" --pass "$d/pass-crlf"

# wrong passphrases: 3, the file unchanged
cp "$j" "$d/before"
printf 'correct horsf\n' > "$d/wrong"
expect 3 "$T" open "$j" --pass "$d/wrong"
grep -q 'wrong passphrase' "$d/stderr" || fail "no 'wrong passphrase' message"
: > "$d/empty"
expect 3 "$T" open "$j" --pass "$d/empty"
printf 'correct horse \n' > "$d/wrong"
expect 3 "$T" open "$j" --pass "$d/wrong" --writable
cmp -s "$j" "$d/before" || fail "a wrong passphrase changed the file"

# 4096 bytes are a passphrase; 4097 are refused
head -c 4096 /dev/zero | tr '\0' 'k' > "$d/long"
expect 3 "$T" open "$j" --pass "$d/long"
expect 0 "$T" create "$d/long.ladder" --pass "$d/long"
expect 0 "$T" open "$d/long.ladder" --pass "$d/long"
head -c 4097 /dev/zero | tr '\0' 'k' > "$d/too-long"
expect 1 "$T" open "$j" --pass "$d/too-long"
grep -q 'longer than 4096' "$d/stderr" || fail "no 'longer than' message"
expect 1 "$T" create "$d/empty.ladder" --pass "$d/empty"
[ -e "$d/empty.ladder" ] && fail "created with an empty passphrase"

# damaged: 4, before any passphrase is tried
head -c 100 "$j" > "$d/short.ladder"
expect 4 "$T" open "$d/short.ladder" --pass "$d/pass"
expect 4 "$T" open "$d/short.ladder" --pass "$d/wrong"
printf 'not a journal\n' > "$d/text.ladder"
expect 4 "$T" open "$d/text.ladder" --pass "$d/pass"
cp "$j" "$d/flipped.ladder"
printf '\377' | dd of="$d/flipped.ladder" bs=1 seek=300 conv=notrunc 2>/dev/null
expect 4 "$T" open "$d/flipped.ladder" --pass "$d/pass"

# missing journal: 1
expect 1 "$T" open "$d/missing.ladder" --pass "$d/pass"
grep -q 'ladder init' "$d/stderr" || fail "no hint to create"

# recovery code, then a new passphrase
expect 0 "$T" open "$j" --code "$d/code" --out "$d/out"
cmp -s "$d/out" "$d/plain" || fail "recovery round trip"
printf 'second passphrase\n' > "$d/pass2"
expect 0 "$T" passwd "$j" --code "$d/code" --new-pass "$d/pass2" --code-out "$d/code2"
expect 3 "$T" open "$j" --pass "$d/pass"
expect 3 "$T" open "$j" --code "$d/code"
expect 0 "$T" open "$j" --pass "$d/pass2"
expect 0 "$T" open "$j" --code "$d/code2"
tr 'A-Z' 'a-z' < "$d/code2" | tr -d '-' > "$d/code2-typed"
expect 0 "$T" open "$j" --code "$d/code2-typed"
exit 0
