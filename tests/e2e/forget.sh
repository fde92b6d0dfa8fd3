# Forgetting a session from the history: x (or Delete) asks first, any key
# but y keeps it, y removes it from the journal and its backup (two saves),
# and the list and counts follow.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
for i in 1 2 3; do
	"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" assess tiny \
		--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
done
export_json "$WORK/before.json"
first=$(py -c 'import json,sys; print(json.load(open(sys.argv[1]))["sessions"][0]["id"])' "$WORK/before.json")

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS" history
expect_screen "the history" "3 sessions"
keys Home x
expect_screen "x asks first" "Forget the selected session for good?"
keys n
wait_gone "Forget the selected session for good?"
expect_screen "n keeps it" "3 sessions"
keys DC
expect_screen "Delete asks too" "Forget the selected session for good?"
keys y
expect_screen "y forgets it" "2 sessions"
expect_screen "and says where it is gone from" "in neither the journal nor its backup"
keys q
expect_screen "home" "What would you like to do?"
keys q
wait_exit
expect_true "the program ends cleanly" [ "$rc" = 0 ]
export_json "$WORK/after.json"
expect_true "the journal holds 2 sessions" py -c 'import json,sys; sys.exit(len(json.load(open(sys.argv[1]))["sessions"]) != 2)' "$WORK/after.json"
expect_true "not the forgotten one" eval "! grep -q '$first' '$WORK/after.json'"
"$LADDER" -j "$JOURNAL.bak" --passphrase-file "$PASS" export >"$WORK/bak.json" 2>/dev/null
expect_true "nor does its backup" eval "! grep -q '$first' '$WORK/bak.json'"
finish
