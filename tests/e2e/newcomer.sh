# A newcomer's first hour in the full-screen program (80x24): the welcome's
# steps match the screens; Enter on the introduction goes to the next page;
# a weak passphrase is asked about by its field and nothing moves on until
# it is answered; the recovery-code screen answers Enter and other keys;
# the focused item of every menu and list carries the terminal's cursor;
# a past session says "you were here" and offers to write a reflection it
# does not have; area titles keep the rungs' squares in one column; export
# takes one Enter after the name and says what an anonymous one holds; the
# too-small message is whole at any width.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

# cursor_line: the text of the line the terminal's cursor is on, when the
# cursor is shown; empty when it is hidden
cursor_line() {
	set -- $(tm display-message -p -t t '#{cursor_flag} #{cursor_y}')
	[ "$1" = 1 ] || { echo ""; return; }
	capture
	printf '%s\n' "$SCREEN" | sed -n "$(($2 + 1))p"
}
# cursor_on TEXT: the cursor is shown, on a line holding TEXT
cursor_on() {
	line=$(cursor_line)
	case "$line" in *"$1"*) return 0 ;; *) return 1 ;; esac
}
wait_cursor_on() { wait_true cursor_on "$1"; }

start 80 24 --
expect_screen "first run: the welcome" "Getting started takes three steps"
expect_true "... step 3 is the recovery code the screens call step 3" \
	screen_has "3. Write down the recovery code"
expect_not_screen "... not a questionnaire as a step" "3. Take a questionnaire"
keys Enter
expect_screen "the introduction" "page 1 of 4"
keys Right
expect_screen "page 2: longer than the screen" "more below"
keys Enter
expect_screen "Enter on page 2 goes to page 3, as the footer says" "page 3 of 4"
keys Enter
expect_screen "... and on to page 4" "page 4 of 4"
keys Enter
expect_screen "the passphrase: step 2 of 3" "step 2 of 3"

type_text "abc"
expect_screen "a weak passphrase" "Strength: weak"
keys Enter
expect_screen "Enter on it: the question by the field" "Use this weak passphrase anyway?"
expect_true "... within three rows of the field" near "Passphrase:" "Use this weak passphrase" 3
expect_true "... the cursor on the question" cursor_on "Use this weak passphrase"
type_text "km"
expect_screen "typing before answering is not taken" "First answer the question"
expect_true "... the passphrase keeps its three characters" \
	eval 'printf "%s\n" "$SCREEN" | grep -q "Passphrase:  •••\$"'
keys n
wait_gone "Use this weak passphrase"
expect_true "n: back to the passphrase, the cursor in it" cursor_on "Passphrase:"
keys Enter
expect_screen "Enter asks again" "Use this weak passphrase anyway?"
keys y
wait_gone "Use this weak passphrase"
expect_true "y: on to the second field" cursor_on "Once more:"
type_text "abc"
keys Enter
expect_screen "the recovery code: step 3 of 3" "step 3 of 3"
keys x
expect_screen "another key says which keys go on" "Press y or Enter once the code is written down"
keys Enter
expect_screen "Enter: home" "Where you stand"
expect_true "home: the cursor on the focused item" wait_cursor_on "1  Take a questionnaire"
keys Down
expect_true "... and it follows the focus" wait_cursor_on "2  History"
keys Up Enter
expect_screen "the questionnaires" "Which one would you like to take?"
expect_true "... the cursor on the focused one" wait_cursor_on "Cultural"
keys Enter
# a first session asks set 1 of the situations and the items in no set
N=$(py - "$SRCDIR/data/questionnaires/cultural.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
print(sum(1 for it in q["items"] if it.get("set") in (None, 1)))
PY
)
expect_screen "the first question" "1/$N"
expect_true "an item: the cursor on the highlighted option" wait_cursor_on "1  Never"
keys Down
expect_true "... and it follows" wait_cursor_on "2  Rarely"
keys q
expect_screen "q: home again" "Where you stand"

# export: one Enter after the file name writes it
keys 4
expect_screen "export" "Export"
expect_true "export: the cursor on the focused kind" wait_cursor_on "Full:"
keys 2
expect_screen "anonymous: says what it holds" "self-rating"
expect_true "... its scores, area by area" screen_has "area by area"
expect_not_screen "... not 'rungs and dates only'" "rungs and dates only"
expect_true "... and the small-group caution" screen_has "small group"
keys Tab C-u
type_text "$WORK/anon.json"
keys Enter
expect_screen "one Enter after the name exports" "Exported to $WORK/anon.json"
expect_true "... the file is there" [ -f "$WORK/anon.json" ]
keys q
wait_exit
expect_true "quit: status 0" [ "$rc" = 0 ]

# a session to look back at
printf 'abc\n' >"$WORK/weak"
py - "$SRCDIR/data/questionnaires/cultural.json" "$WORK/ans.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
ans = {}
for i, it in enumerate(q["items"]):
    if it.get("set") not in (None, 1):
        continue
    if it["kind"] == "scenario":
        ans[it["id"]] = it["options"][i % len(it["options"])]["id"]
    else:
        ans[it["id"]] = q["scales"][it["scale"]]["min"] + i % 3
json.dump({"format": "ladder-answers", "format_version": 1,
           "questionnaire": "cultural", "set": 1, "answers": ans}, open(sys.argv[2], "w"))
PY
"$LADDER" assess cultural --answers "$WORK/ans.json" --passphrase-file "$WORK/weak" >/dev/null 2>&1
start 80 24 -- --passphrase-file "$WORK/weak" history
expect_screen "history" "1 session"
expect_true "history: the cursor on the selected session" wait_cursor_on "rung"
keys Enter
expect_screen "a past session" "a past session"
expect_true "... says where you were, not where you are" screen_has "you were here"
expect_not_screen "... not 'you are here'" "you are here"
expect_true "... offers to write the reflection it lacks" screen_has "w write a reflection"
expect_not_screen "... not to edit one" "w edit the reflection"
press_until PageDown "Area by area" 6 >/dev/null
keys Down Down Down Down Down Down Down Down
settle
# the squares' column on every line of "Area by area"
cols=$(printf '%s\n' "$SCREEN" | grep 'rung [1-4]  ' | grep -v 'you were' |
	while IFS= read -r l; do
		printf '%s\n' "$l" | py -c 'import sys; l=sys.stdin.read(); print(min(i for i in (l.find("\u25a0"), l.find("\u25a1")) if i >= 0))'
	done | sort -u)
expect_true "area titles: the squares in one column at 80 columns" \
	[ -n "$cols" ] && [ "$(printf '%s\n' "$cols" | wc -l)" = 1 ]
longest=$(py -c 'import json, sys
q = json.load(open(sys.argv[1]))
print(max((f["title"] for f in q["facets"]), key=len))' "$SRCDIR/data/questionnaires/cultural.json")
expect_true "... the longest title fits whole ($longest)" screen_has "$longest"

# too small: the whole message, at any width
resize 30 10
expect_screen "too small: the message" "this terminal is 30"
expect_true "... whole at 30 columns" eval 'printf "%s\n" "$SCREEN" | tr -s " \n" "  " | grep -q "Make the window larger, or press q to leave."'
resize 14 12
expect_screen "... and at 14 columns" "14"
expect_true "... every word of it" eval 'printf "%s\n" "$SCREEN" | tr -s " \n" "  " | grep -q "Make the window larger, or press q to leave."'
resize 80 24
expect_screen "grown again: the screen comes back" "a past session"
finish
