# Unlocking an existing journal (tmux): a wrong passphrase says so and
# lets the person retry; what was typed stays (hidden) to be corrected
# with Backspace, or is replaced by typing it again; three wrong ones leave
# with status 3 and the journal byte-identical; Esc leaves; a journal in
# use by another ladder is refused with status 5; a damaged one with 4.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

new_journal
cp "$JOURNAL" "$WORK/before"

start 80 24 --
expect_screen "a later start: the unlock screen" "Unlock your journal"
expect_true "... names the journal" screen_has "journal.ladder"
type_text "wrong one"
expect_screen "typing shows masks only" "•••••••••"
expect_not_screen "... never the text" "wrong one"
keys Enter
expect_screen "a wrong passphrase says so" "did not open the journal (try 1 of 3)"
expect_true "... the masks stay" screen_has "Passphrase: •••••••••"
type_text "correct horse battery staple"
keys Enter
expect_screen "typing again replaces it: home" "What would you like to do?"
keys q
wait_exit
expect_true "exit 0" [ "$rc" = 0 ]

# the questionnaires are read once the journal is open (the unlock screen
# comes first); a user questionnaire that cannot be read is said when the
# screen ends, not under it
mkdir -p "$WORK/qbad"
printf '{"format": "ladder-questionnaire", "format_version": 1, "id": ' >"$WORK/qbad/broken.json"
start 80 24 -- --questionnaires "$WORK/qbad"
wait_for "Unlock your journal"
expect_true "... nothing on standard error before the journal is open" [ ! -s "$WORK/stderr" ]
type_text "correct horse battery staple"
keys Enter
expect_screen "opened: home with the questionnaires" "Cultural competence"
keys q
wait_exit
expect_true "... the broken file named after the screen ends" grep -q "broken.json" "$WORK/stderr"

start 80 24 --
wait_for "Unlock your journal"
type_text "correct horse battery staplX"
keys Enter
expect_screen "one character off: refused" "try 1 of 3"
keys BSpace
type_text "e"
keys Enter
expect_screen "Backspace corrects what was typed: home" "What would you like to do?"
keys q
wait_exit

start 80 24 --
wait_for "Unlock your journal"
for i in 1 2 3; do
	type_text "bad $i"
	keys Enter
	[ $i -lt 3 ] && wait_for "try $i of 3"
done
if wait_exit; then ok "three wrong: it leaves"; else not_ok "three wrong: it leaves"; fi
expect_true "... with status 3" [ "$rc" = 3 ]
expect_true "... saying why" grep -q "wrong passphrase, 3 times" "$WORK/stderr"
expect_true "the journal is byte-identical" cmp -s "$JOURNAL" "$WORK/before"

start 80 24 --
wait_for "Unlock your journal"
keys Escape
if wait_exit; then ok "Esc leaves"; else not_ok "Esc leaves"; fi
expect_true "... with status 0" [ "$rc" = 0 ]

# in use: a second ladder while the first one holds the journal
start 80 24 -- --passphrase-file "$PASS"
expect_screen "one ladder has the journal open" "What would you like to do?"
"$LADDER" --passphrase-file "$PASS" </dev/null >"$WORK/out2" 2>"$WORK/err2"
rc2=$?
expect_true "a second one is refused with status 5" [ "$rc2" = 5 ]
expect_true "... saying the journal is in use" grep -qi "in use\|another" "$WORK/err2"
keys q
wait_exit

# damaged: one byte changed in the header
cp "$WORK/before" "$JOURNAL"
printf '\377' | dd of="$JOURNAL" bs=1 seek=40 conv=notrunc 2>/dev/null
start 80 24 --
wait_for "Unlock your journal"
type_text "correct horse battery staple"
keys Enter
if wait_exit; then ok "a damaged journal: it leaves"; else not_ok "a damaged journal: it leaves"; fi
expect_true "... with status 4" [ "$rc" = 4 ]
expect_true "... saying so" grep -qi "damaged" "$WORK/stderr"
finish
