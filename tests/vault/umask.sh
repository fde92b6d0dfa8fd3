#!/bin/sh
# With umask 000, every file the vault writes is 0600 and every folder it
# makes is 0700.
. "$(dirname "$0")/lib.sh"

umask 000
printf 'pass\n' > "$d/pass"
printf 'pass two\n' > "$d/pass2"
head -c 300000 /dev/urandom | od -An -tx1 > "$d/plain"
j=$d/made/by/vault/journal.ladder
expect 0 "$T" create "$j" --pass "$d/pass" --plain "$d/plain"
expect 0 "$T" save "$j" --pass "$d/pass" --plain "$d/plain"
expect 0 "$T" passwd "$j" --pass "$d/pass" --new-pass "$d/pass2"
expect 0 "$T" save "$j" --pass "$d/pass2" --plain "$d/plain"

# catch temp files mid-save
"$T" save "$j" --pass "$d/pass2" --plain "$d/plain" --generations 100000 &
pid=$!
bg_pids=$pid
sleep 0.3
kill -9 "$pid"
wait "$pid" 2>/dev/null
bg_pids=

ls -la "$d/made/by/vault"
for f in "$j" "$j.bak" "$j.lock"; do
	[ -e "$f" ] || fail "$f missing"
done
bad=$(find "$d/made" -type f ! -perm 600)
[ -z "$bad" ] || fail "not 0600: $bad"
bad=$(find "$d/made" -type d ! -perm 700)
[ -z "$bad" ] || fail "not 0700: $bad"
exit 0
