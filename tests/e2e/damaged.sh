# A journal with one session damaged inside its line (tmux): the journal
# opens and the history shows every session, that session's result says it
# is damaged and names it, the others open; a reflection written on another
# session is saved and the damaged line is saved exactly as it was read;
# `ladder export` refuses with status 4 and writes nothing, into a file
# (-o, > or >>) or a pipe.
# (A damaged line can only come from a fault: the content is authenticated.
# The test seals one with vault_tool.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

VT="$BUILDDIR/tests/vault_tool"
QD="$TESTDATA/questionnaires"
new_journal
LADDER_NOW=2026-05-01T09:00:00Z "$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" \
	assess tiny --answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
LADDER_NOW=2026-05-02T09:00:00Z "$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" \
	assess tiny --answers "$TESTDATA/answers/tiny-skipped.json" >/dev/null 2>&1
"$VT" open "$JOURNAL" --pass "$PASS" --out "$WORK/plain" >/dev/null 2>&1
# line 2 is the first session: its result made one value too long
sed '2s/"result":\[/"result":[true,/' "$WORK/plain" >"$WORK/bad"
expect_true "the first session's line is damaged (and only it)" eval \
	'[ "$(grep -c "\"result\":\[true," "$WORK/bad")" = 1 ] && sed -n 2p "$WORK/bad" | grep -q "\"result\":\[true,"'
bad_id=$(sed -n 2p "$WORK/bad" | sed 's/^{"id":"\([0-9a-f-]*\)".*/\1/')
sed -n 2p "$WORK/bad" >"$WORK/bad-line"
rm -f "$JOURNAL" "$JOURNAL.bak"
"$VT" create "$JOURNAL" --pass "$PASS" --kdf min --plain "$WORK/bad" >/dev/null 2>&1

start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" history
expect_screen "the journal opens: the history" "2 sessions"
expect_true "... both sessions listed" wait_true eval '[ "$(rows_with "2026-05-0")" -ge 2 ]'
keys Home
expect_screen "Home: the first session" "▶ 2026-05-01"
keys Enter
expect_screen "Enter: its result says it is damaged" "is damaged"
expect_true "... and names it" screen_has "$bad_id"
keys q
expect_screen "q: back" "2 sessions"
keys End
expect_screen "End: the second session" "▶ 2026-05-02"
keys Enter
expect_screen "Enter: its result opens" "Where you stand"
keys w
expect_screen "w: the reflection editor" "Ctrl-S save"
keys "A new reflection."
keys C-s
expect_screen "Ctrl-S: saved" "Your reflection is saved."
keys q
expect_screen "q: back" "2 sessions"
keys q
expect_screen "q: home" "What would you like to do?"
keys q
wait_true test -f "$WORK/rc"
expect_true "the program ends with status 0" [ "$(cat "$WORK/rc")" = 0 ]

"$VT" open "$JOURNAL" --pass "$PASS" --out "$WORK/after" >/dev/null 2>&1
expect_true "the damaged line was saved exactly as it was read" eval \
	'sed -n 2p "$WORK/after" | cmp -s - "$WORK/bad-line"'
expect_true "... and the new reflection with the other session" \
	grep -q "A new reflection." "$WORK/after"

"$LADDER" --passphrase-file "$PASS" export >"$WORK/out.json" 2>"$WORK/err"
rc=$?
expect_true "export: status 4" [ "$rc" = 4 ]
expect_true "... names the session" grep -q "session $bad_id is damaged" "$WORK/err"
expect_true "... writes nothing" [ ! -s "$WORK/out.json" ]
printf 'kept\n' >"$WORK/appended"
"$LADDER" --passphrase-file "$PASS" export >>"$WORK/appended" 2>/dev/null
rc=$?
expect_true "export >> a file: status 4, the file as it was" eval \
	'[ "$rc" = 4 ] && [ "$(cat "$WORK/appended")" = kept ]'
rc=$( ("$LADDER" --passphrase-file "$PASS" export 2>/dev/null; echo $? >"$WORK/pipe-rc") | wc -c)
expect_true "export into a pipe: status 4, nothing through it" eval \
	'[ "$(cat "$WORK/pipe-rc")" = 4 ] && [ "$rc" -eq 0 ]'
"$LADDER" --passphrase-file "$PASS" export -o "$WORK/file.json" 2>/dev/null
rc=$?
expect_true "export -o: status 4, and no file" eval '[ "$rc" = 4 ] && [ ! -e "$WORK/file.json" ]'
finish
