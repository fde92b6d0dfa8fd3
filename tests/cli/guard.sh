# export -o never writes over the journal, its backup or its lock, however
# the path is spelt; and the plaintext temporary file of export -o never
# outlives the process: removed on a signal, swept after a kill -9, and a
# file size limit (ulimit -f) is a message like a full disk.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_KDF=min
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
QDIR=$TESTDATA/questionnaires
l() { "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" "$@"; }
l init --kdf min >/dev/null 2>&1
l assess tiny --answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
l assess tiny --answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
[ -f "$J.bak" ] && [ -f "$J.lock" ] || echo "setup: no backup or lock"
mkdir -p sub
ln -s j.ladder link.ladder
ln -s "$J.bak" bak-link
cp "$J" "$WORK/j.before"
cp "$J.bak" "$WORK/bak.before"

# ---------------------------------------------------------------- point 4
for target in j.ladder ./j.ladder sub/../j.ladder "$J" link.ladder j.ladder.bak bak-link \
	sub/../j.ladder.bak j.ladder.lock "$WORK//sub/..//j.ladder.lock"; do
	run l export -o "$target"
	expect_rc "export -o $target is refused" 1
	expect_err "$target: says why" "that is the journal"
done
run l export -o "$WORK/j.ladder" --anonymous
expect_rc "anonymous too" 1
if cmp -s "$J" "$WORK/j.before" && cmp -s "$J.bak" "$WORK/bak.before"; then
	ok "the journal and its backup are byte-identical"
else
	not_ok "the journal and its backup are byte-identical"
fi
run l export -o "$WORK/j.ladder.tmp"
expect_rc "a name next to it is fine" 0
# a journal reached through a link: its target's backup is refused too
run "$LADDER" -j "$WORK/link.ladder" --passphrase-file "$WORK/pass" export -o "$J.bak"
expect_rc "through -j LINK, the real journal's backup is refused" 1
# not yet a backup: the name it will have is refused all the same
"$LADDER" -j "$WORK/k.ladder" --passphrase-file "$WORK/pass" init --kdf min >/dev/null 2>&1
run "$LADDER" -j "$WORK/k.ladder" --passphrase-file "$WORK/pass" export -o "$WORK/sub/../k.ladder.bak"
expect_rc "a backup that does not exist yet is refused" 1
[ -e "$WORK/k.ladder.bak" ] && not_ok "... and not written" || ok "... and not written"

# ---------------------------------------------------------------- point 5
temps() { ls "$WORK/dest" 2>/dev/null | grep -c '\.tmp\.'; }
mkdir -p "$WORK/dest"
# (not INT or QUIT: sh starts a background job with them ignored)
for sig in HUP TERM PIPE USR1 ALRM XCPU; do
	rm -f "$WORK/ready"
	STALL_READY="$WORK/ready" LD_PRELOAD="$STALL_LIB" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		"$LADDER" -j "$J" --passphrase-file "$WORK/pass" export -o "$WORK/dest/x.json" \
		>/dev/null 2>"$WORK/bg.err" &
	pid=$!
	n=0
	while [ ! -e "$WORK/ready" ] && [ $n -lt 400 ] && kill -0 $pid 2>/dev/null; do sleep 0.05; n=$((n + 1)); done
	if [ ! -e "$WORK/ready" ]; then
		not_ok "SIG$sig: the export reached its temporary file"
		kill -KILL $pid 2>/dev/null
		wait $pid 2>/dev/null
		continue
	fi
	[ "$(temps)" -eq 1 ] || echo "  (expected the temporary file to be there)"
	kill -"$sig" $pid
	wait $pid
	st=$?
	if [ "$(temps)" -eq 0 ]; then ok "SIG$sig during export -o leaves no temporary file"; else
		not_ok "SIG$sig during export -o leaves no temporary file ($(ls "$WORK/dest"))"; fi
	if [ $st -gt 128 ]; then ok "SIG$sig: the status still says the signal ($st)"; else not_ok "SIG$sig: status $st"; fi
	[ -e "$WORK/dest/x.json" ] && not_ok "SIG$sig: no export either" || ok "SIG$sig: no export either"
	rm -f "$WORK/dest/"*
done

# kill -9 cannot be caught: the next export to the same target sweeps it
rm -f "$WORK/ready"
STALL_READY="$WORK/ready" LD_PRELOAD="$STALL_LIB" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	"$LADDER" -j "$J" --passphrase-file "$WORK/pass" export -o "$WORK/dest/x.json" >/dev/null 2>"$WORK/bg.err" &
pid=$!
n=0
while [ ! -e "$WORK/ready" ] && [ $n -lt 400 ] && kill -0 $pid 2>/dev/null; do sleep 0.05; n=$((n + 1)); done
kill -KILL $pid
wait $pid 2>/dev/null
if [ "$(temps)" -eq 1 ]; then ok "kill -9 leaves the temporary file"; else not_ok "kill -9 leaves the temporary file"; fi
# one of another writer still at work is left alone (it holds its lock)
: >"$WORK/dest/x.json.tmp.LIVE01"
# (the sleep itself holds the lock, so killing it frees it)
sh -c 'exec 9<"$1"; flock 9; exec sleep 30' sh "$WORK/dest/x.json.tmp.LIVE01" >/dev/null 2>&1 &
holder=$!
n=0
while flock -n "$WORK/dest/x.json.tmp.LIVE01" true 2>/dev/null && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
: >"$WORK/dest/other.json.tmp.ABCDEF"
run l export -o "$WORK/dest/x.json"
expect_rc "the next export to the same target" 0
if ls "$WORK/dest" | grep -q '^x\.json\.tmp\.[^L]'; then not_ok "sweeps what the killed one left"; else ok "sweeps what the killed one left"; fi
[ -e "$WORK/dest/x.json.tmp.LIVE01" ] && ok "leaves a locked one alone" || not_ok "leaves a locked one alone"
[ -e "$WORK/dest/other.json.tmp.ABCDEF" ] && ok "and those of other targets" || not_ok "and those of other targets"
kill $holder 2>/dev/null
wait $holder 2>/dev/null

# a file size limit: a message, as for a full disk, and nothing left
rm -f "$WORK/dest/"*
for i in 1 2 3 4 5 6; do
	l assess tiny --answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
done
(ulimit -f 2; exec "$LADDER" -j "$J" --passphrase-file "$WORK/pass" export -o "$WORK/dest/x.json") >"$WORK/stdout" 2>"$WORK/err"
rc=$?
err=$(cat "$WORK/err")
out=""
expect_rc "ulimit -f: export -o fails with status 1" 1
expect_err "saying the file is too large" "dest/x.json: cannot write: File too large"
if [ "$(temps)" -eq 0 ] && [ ! -e "$WORK/dest/x.json" ]; then ok "ulimit -f: nothing is left"; else not_ok "ulimit -f: nothing is left ($(ls "$WORK/dest"))"; fi

finish
