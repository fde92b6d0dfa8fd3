#!/bin/sh
# No plaintext on disk: after create, saves, a passphrase change and
# opens of a journal holding a marker, the marker is in no file under the
# journal's folder, /tmp or /dev/shm written since the test started.
. "$(dirname "$0")/lib.sh"

touch "$d/stamp"
sleep 0.01
# Never written to a file or printed by this script.
marker="ladder-leak-marker-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf 'pass\n' > "$d/pass"
printf 'pass two\n' > "$d/pass2"
j=$d/j/journal.ladder
printf 'first %s\n' "$marker" |
	expect 0 "$T" create "$j" --pass "$d/pass" --plain - || exit 1
printf 'second %s\n' "$marker" |
	expect 0 "$T" save "$j" --pass "$d/pass" --plain - || exit 1
expect 0 "$T" passwd "$j" --pass "$d/pass" --new-pass "$d/pass2"
n=$("$T" open "$j" --pass "$d/pass2" --out - | grep -c -F "$marker")
[ "$n" = 1 ] || fail "the marker is not in the journal"
n=$("$T" open "$j.bak" --pass "$d/pass2" --out - | grep -c -F "$marker")
[ "$n" = 1 ] || fail "the marker is not in the backup"

found=$(find "$d" /tmp /dev/shm -xdev -type f -newer "$d/stamp" -readable \
	-size -64M -exec grep -l -F -e "$marker" {} + 2>/dev/null)
[ -z "$found" ] || fail "the plaintext is in: $found"
exit 0
