#!/bin/sh
# kill -9 at random moments during many saves: the journal always opens,
# with one whole generation, never empty; a later writer cleans up.
. "$(dirname "$0")/lib.sh"

printf 'pass\n' > "$d/pass"
head -c 150000 /dev/urandom | od -An -tx1 > "$d/plain" # ~450 KB of text
j=$d/journal.ladder
{ printf 'generation 0\n'; cat "$d/plain"; } > "$d/gen0"
expect 0 "$T" create "$j" --pass "$d/pass" --plain "$d/gen0"

# check FILE: opens, first line "generation N", then exactly the plaintext
check() {
	expect 0 "$T" open "$1" --pass "$d/pass" --out "$d/out"
	[ -s "$d/out" ] || fail "$1 opened empty"
	head -n 1 "$d/out" | grep -Eq '^generation [0-9]+$' ||
		fail "$1: first line is not a generation"
	tail -n +2 "$d/out" | cmp -s - "$d/plain" ||
		fail "$1: not a whole generation"
}

end=$(($(date +%s) + 8))
kills=0
leftovers=0
while [ "$(date +%s)" -lt "$end" ]; do
	"$T" save "$j" --pass "$d/pass" --plain "$d/plain" --generations 100000 &
	pid=$!
	bg_pids=$pid
	sleep "0.$(printf '%03d' "$(rand 250)")"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	bg_pids=
	kills=$((kills + 1))
	check "$j"
	[ -e "$j.bak" ] && check "$j.bak"
	for f in "$j".tmp.*; do
		if [ -e "$f" ]; then
			leftovers=$((leftovers + 1))
			[ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"
		fi
	done
done
[ $kills -ge 10 ] || fail "only $kills kills"

# the next writer removes what the kills left
expect 0 "$T" open "$j" --pass "$d/pass" --writable
for f in "$j".tmp.*; do
	[ -e "$f" ] && fail "$f left after a writable open"
done
echo "kills: $kills, temp files left by a kill: $leftovers"
exit 0
