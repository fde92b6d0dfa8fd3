#!/bin/sh
# A second writer is refused with status 5 within a second; readers are
# not; once the first writer is killed the lock is free.
. "$(dirname "$0")/lib.sh"

printf 'pass\n' > "$d/pass"
printf 'one\n' > "$d/plain"
j=$d/journal.ladder
expect 0 "$T" create "$j" --pass "$d/pass" --plain "$d/plain"

"$T" open "$j" --pass "$d/pass" --writable --ready "$d/ready" --hold 60 &
first=$!
bg_pids=$first
wait_for "$d/ready"

t0=$(now_ms)
expect 5 "$T" save "$j" --pass "$d/pass" --plain "$d/plain"
t1=$(now_ms)
[ $((t1 - t0)) -lt 1000 ] || fail "refusal took $((t1 - t0)) ms"
grep -q 'in use' "$d/stderr" || fail "no 'in use' message"
expect 5 "$T" open "$j" --pass "$d/pass" --writable
printf 'x\n' > "$d/new"
expect 5 "$T" passwd "$j" --pass "$d/pass" --new-pass "$d/new"
expect 0 "$T" open "$j" --pass "$d/pass" --out "$d/out"
cmp -s "$d/out" "$d/plain" || fail "reader saw other content"

kill -9 "$first"
wait "$first" 2>/dev/null
bg_pids=
printf 'two\n' > "$d/plain2"
expect 0 "$T" save "$j" --pass "$d/pass" --plain "$d/plain2"
expect 0 "$T" open "$j" --pass "$d/pass" --out "$d/out"
cmp -s "$d/out" "$d/plain2" || fail "save after the kill"
exit 0
