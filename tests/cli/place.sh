# Unsafe places are said, FIFOs refused, writers wait when asked:
# a journal folder others can write to, or that another user owns, gets a
# warning on opening (as ssh and gpg give); a journal path that is a FIFO is
# refused at once instead of hanging with the lock held; --wait SECONDS
# waits for another process's lock, and the refusal without it names it.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_KDF=min
printf 'correct horse battery\n' >"$WORK/pass"
QDIR=$TESTDATA/questionnaires
ANS=$TESTDATA/answers/tiny-full.json
mkdir -m 700 "$WORK/d"
J=$WORK/d/j.ladder
l() { "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" "$@"; }
l init --kdf min >/dev/null 2>&1

run l export
expect_rc "a folder of one's own" 0
case "$err" in *warning*) not_ok "gets no warning" ;; *) ok "gets no warning" ;; esac
chmod 770 "$WORK/d"
run l export
expect_rc "a group-writable folder still opens" 0
expect_err "with a warning" "warning: the journal's folder $WORK/d can be written by its group"
expect_err "that says what to do" "chmod go-w $WORK/d"
chmod 1777 "$WORK/d"
run l assess tiny --answers "$ANS"
expect_rc "a world-writable one too (writing)" 0
expect_err "with a warning" "can be written by every user (the sticky bit"
chmod 700 "$WORK/d"
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$WORK/d"
	run l export
	expect_err "a folder another user owns is said" "belongs to another user (uid 65534)"
	chown 0 "$WORK/d"
fi

# a FIFO in the journal's place: refused at once, the lock not kept
mkfifo "$WORK/fifo.ladder"
run timeout 20 "$LADDER" -j "$WORK/fifo.ladder" --passphrase-file "$WORK/pass" export
expect_rc "a FIFO journal is refused (not waited on)" 1
expect_err "saying what it is" "not a regular file (a FIFO)"
run timeout 20 "$LADDER" -j "$WORK/fifo.ladder" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" assess tiny --answers "$ANS"
expect_rc "writing to it too" 1
run flock -n "$WORK/fifo.ladder.lock" true
expect_rc "and its lock is free afterwards" 0

# --wait
cp "$J" "$WORK/before"
sh -c 'exec 9>>"$1"; flock 9; : >"$2"; exec sleep 30' sh "$J.lock" "$WORK/held" >/dev/null 2>&1 &
holder=$!
n=0
while [ ! -e "$WORK/held" ] && [ $n -lt 400 ]; do sleep 0.05; n=$((n + 1)); done
run l assess tiny --answers "$ANS"
expect_rc "without --wait, a held lock is refused" 5
expect_err "naming --wait" "or let ladder wait for it with --wait SECONDS"
run l --wait 1 assess tiny --answers "$ANS"
expect_rc "--wait 1 gives up after a second" 5
expect_err "saying it waited" "still in use by another ladder process after waiting 1 s"
if cmp -s "$J" "$WORK/before"; then ok "nothing was written meanwhile"; else not_ok "nothing was written meanwhile"; fi
# let the holder go while a waiting writer is at it
l --wait 60 assess tiny --answers "$ANS" >"$WORK/w.out" 2>"$WORK/w.err" &
waiter=$!
sleep 0.3
kill $holder 2>/dev/null
wait $holder 2>/dev/null
wait $waiter
rc=$?
out=$(cat "$WORK/w.out")
err=$(cat "$WORK/w.err")
expect_rc "--wait 60 gets the lock once it is free" 0
expect_out "and records the session" "Recorded session"
run l --wait soon export
expect_rc "--wait takes seconds" 2
expect_err "and says so" "--wait soon: expected a whole number of seconds"

# many writers at once with --wait: none refused
i=0
pids=""
while [ $i -lt 12 ]; do
	l --wait 120 assess tiny --answers "$ANS" >/dev/null 2>"$WORK/many.$i" &
	pids="$pids $!"
	i=$((i + 1))
done
bad=0
for p in $pids; do wait "$p" || bad=$((bad + 1)); done
if [ $bad -eq 0 ]; then ok "12 writers at once with --wait: all recorded"; else not_ok "12 writers at once with --wait: $bad refused"; fi
run l export
n=$(printf '%s' "$out" | grep -c '"completed_at"')
if [ "$n" -ge 14 ]; then ok "the journal holds every session ($n)"; else not_ok "the journal holds every session ($n)"; fi

finish
