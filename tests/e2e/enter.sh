# ladder enter at a real terminal of 80x24: a sheet typed in line by line
# (a refusal and ? wrapped to the width), the summary, the confirmation,
# the passphrase asked without echo, the session in the journal; and the
# same at a terminal with Ctrl-C before the confirmation: nothing recorded.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal

start 80 24 -- --questionnaires "$QD" enter tiny
expect_screen "it says what it types in" "Typing in sheet tiny v2: 7 questions."
expect_screen "the first question, short, with its range" "  1. In the past month, how often did you do the thing... [1-5]"
type_text 4; keys Enter
expect_screen "the second question" "  2. A situation happens. What do you do? [A-C]"
type_text D; keys Enter
expect_screen "a refusal says what would do" "\"D\" is not an answer to question 2: expected a letter from A to C (or a"
type_text "?"; keys Enter
expect_screen "? shows the options" "     B  The best thing"
type_text c; keys Enter
for a in 3 2 "" 5 1; do
	[ -n "$a" ] && type_text "$a"
	keys Enter
done
expect_screen "a reflection is offered" "A reflection from the sheet's last page?"
type_text "Paper was quicker."; keys Enter
type_text "."; keys Enter
expect_screen "the summary as the sheet has it" "  1-7    4 C 3 2 - 5 1"
expect_true "... and what is skipped" screen_has "Answered 6 of 7; skipped 5."
expect_true "no line wider than the terminal was cut" eval '! grep -q "^.\{80\}" "$WORK/screen"'
keys Enter
expect_screen "the passphrase is asked at the terminal" "Passphrase:"
type_text "correct horse battery staple"
expect_true "without echo" screen_lacks "correct horse"
keys Enter
expect_screen "recorded" "Recorded session "
wait_exit
expect_true "status 0" [ "$rc" = 0 ]
"$LADDER" --passphrase-file "$PASS" export >"$WORK/export.json"
python3 - "$WORK/export.json" <<'PY' && ok "the journal holds the sheet and its reflection" || not_ok "the journal holds the sheet and its reflection"
import json, sys
s = json.load(open(sys.argv[1]))["sessions"]
assert len(s) == 1
assert s[0]["answers"] == {"a1": 4, "a2": "c", "a3": 3, "a4": 2, "b1": 5, "b2": 1}, s[0]["answers"]
assert s[0]["note"] == "Paper was quicker.", s[0]["note"]
PY

# Ctrl-C half-way: nothing recorded
start 80 24 -- --questionnaires "$QD" enter tiny
expect_screen "again" "  1. In the past month"
type_text 4; keys Enter
keys C-c
wait_exit
expect_true "Ctrl-C: status 1" [ "$rc" = 1 ]
expect_true "... and says nothing was recorded" grep -q "stopped: nothing was recorded" "$WORK/stderr"
"$LADDER" --passphrase-file "$PASS" export >"$WORK/export2.json"
python3 -c 'import json, sys; sys.exit(len(json.load(open(sys.argv[1]))["sessions"]) != 1)' \
	"$WORK/export2.json" && ok "... and the journal still holds one session" ||
	not_ok "... and the journal still holds one session"

finish
