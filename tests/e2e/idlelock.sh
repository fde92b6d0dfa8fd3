# The idle lock: after --lock-after minutes without a key the full screen
# keeps the unfinished assessment (encrypted, in the journal), closes the
# journal and asks for the passphrase again; unlocked, it offers to carry
# on. --lock-after 0 never locks. (0.05 minutes: 3 seconds.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS" --lock-after 0.05 assess tiny
expect_screen "the assessment" "1/7"
keys 1
expect_screen "one answer" "2/7"
E2E_TIMEOUT=30 expect_screen "no key for a while: locked" "Locked: no key for 0.05 minutes"
expect_true "... on the unlock screen" screen_has "Unlock your journal"
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" --plain >"$WORK/home.txt" 2>&1
expect_true "the unfinished answers were kept in the journal" grep -q "Unfinished: A tiny test questionnaire" "$WORK/home.txt"
type_text "correct horse battery staple"
keys Enter
expect_screen "unlocked: it offers to carry on" "Carry on where I left off"
keys Enter
expect_screen "carrying on from the second question" "2/7"
keys q
wait_exit

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS" --lock-after 0 history
expect_screen "--lock-after 0" "History"
sleep 4 # (the one fixed wait: that nothing happens in it is what is tested)
capture
expect_not_screen "never locks" "Locked"
keys q
expect_screen "home" "What would you like to do?"
keys q
wait_exit
finish
