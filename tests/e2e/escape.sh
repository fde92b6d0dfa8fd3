# Text from outside on the full screen: a reflection that came in through
# an import with ESC, BEL, a C1 CSI, DEL and a bidi override is shown with
# those characters replaced (a space for C0, '?' for the others), so the
# terminal never receives them; the layout around it holds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
py - "$TESTDATA/export/full.json" "$WORK/notes.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["sessions"]:
    s["note"] = None
d["sessions"][-1]["note"] = "Mine\x1b]2;PWNED\x07 one \x9b2J two \u202eevil three\x7f end"
d["notes"] = []
open(sys.argv[2], "w").write(json.dumps(d))
EOF
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" import "$WORK/notes.json" >/dev/null 2>"$WORK/import.err" ||
	cat "$WORK/import.err"

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS" history
expect_screen "the history" "3 sessions"
keys End Enter
expect_screen "the last session opens" "a past session"
keys End
expect_screen "its reflection, control characters replaced" "one ?2J two ?evil three? end"
expect_true "the OSC's text is there without its ESC and BEL" screen_has "Mine ]2;PWNED  one"
expect_true "no bidi override reached the screen" eval '! grep -q "$(printf "\342\200\256")" "$WORK/screen"'
expect_true "the pane's title was not set" eval '[ "$(tm display-message -p -t t "#{pane_title}")" != PWNED ]'
keys q q q
wait_exit
finish
