# A save that fails (the journal changed on disk behind ladder's back): the
# screen says so and why, everything stays in memory, F5 tries again and
# succeeds once the file is back as it was; quitting with unsaved changes
# asks first and then says what was lost; the journal is never half
# written.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
cp -p "$JOURNAL" "$WORK/ref"

start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" assess tiny
wait_for "1/7"
touch -d '2001-01-01 00:00:00' "$JOURNAL"
keys 1 1 1 1 1 1 1
expect_screen "the result is shown" "you are here"
expect_screen "the save failure is said, with its reason" "Not saved (F5 tries again)"
expect_true "... changed on disk" screen_has "changed on disk"
keys F5
expect_screen "F5 while the file is still changed: still not saved" "Still not saved after 2 tries (F5 tries again)"
touch -r "$WORK/ref" "$JOURNAL"
keys F5
expect_screen "F5 once the file is back: saved" "Saved."
expect_not_screen "... the warning is gone" "Not saved"
keys q
expect_screen "home" "What would you like to do?"

touch -d '2001-01-01 00:00:00' "$JOURNAL"
cp -p "$JOURNAL" "$WORK/changed"
keys 3
wait_for "Some questions to start from"
type_text "Kept in memory."
keys C-s
expect_screen "a reflection that cannot be saved: said" "Not saved (F5 tries again)"
keys Escape
expect_screen "Esc: back home (the reflection is kept in memory)" "What would you like to do?"
keys q
expect_screen "q with unsaved changes asks first" "Your last changes are not saved"
keys q
if wait_exit; then ok "q again leaves"; else not_ok "q again leaves"; fi
expect_true "... with status 1" [ "$rc" = 1 ]
expect_true "... saying what was not saved" grep -q "left without saving" "$WORK/stderr"
expect_true "the journal on disk is untouched" cmp -s "$JOURNAL" "$WORK/changed"
ls "$(dirname "$JOURNAL")" >"$WORK/files"
expect_true "no temporary file left" eval '! grep -q tmp "$WORK/files"'
export_json "$WORK/e.json"
expect_true "the session saved by F5 is there, the reflection is not" py -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(not (len(d["sessions"]) == 1 and d["notes"] == []))' "$WORK/e.json"
finish
