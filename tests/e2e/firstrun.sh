# The first run, end to end in a real terminal (tmux, 80x24): welcome, the
# introduction, a passphrase chosen twice (a mismatch first), the recovery
# code shown once, home, a whole questionnaire answered with digits,
# arrows, hjkl, Enter, skip and back, the result (ladder with the rung
# marked, bars, calibration), a UTF-8 reflection written in the built-in
# editor, home showing the rung, the history with the session, quitting
# with the terminal restored; then `ladder export` shows exactly the
# answers given by keys and the reflection as typed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

Q="$SRCDIR/data/questionnaires/cultural.json"

# The keys for each item and the answers they give: digits, arrows and
# Enter, j/k/l, s (skip) and Backspace (back, then a new answer). A first
# session asks set 1 and the items in no set; N is how many that is.
py - "$Q" "$WORK/plan" "$WORK/expected.json" "$WORK/n" <<'EOF'
import json, sys
q = json.load(open(sys.argv[1]))
items = [i for i in q["items"] if i.get("set") in (None, 1)]
N = len(items)
open(sys.argv[4], "w").write("%d\n" % N)
plan, expected = [], {}
def nopt(it):
    if it["kind"] == "scenario":
        return len(it["options"])
    sc = q["scales"][it["scale"]]
    return sc["max"] - sc["min"] + 1
def value(it, o):
    if it["kind"] == "scenario":
        return it["options"][o]["id"]
    return q["scales"][it["scale"]]["min"] + o
for i, it in enumerate(items):
    n = nopt(it)
    nxt = "%d/%d" % (i + 2, N) if i + 1 < N else "you are here"
    if i == 0:
        plan.append(("4", nxt)); o = 3
    elif i == 1:
        plan.append(("Down Down Enter", nxt)); o = 2
    elif i == 2:
        plan.append(("s", nxt)); o = None
    elif i == 3:
        plan.append(("2", nxt))
        plan.append(("BSpace", "%d/%d" % (i + 1, N)))
        plan.append(("1", nxt)); o = 0
    elif i == 4:
        plan.append(("j l", nxt)); o = 1
    elif i == 5:
        plan.append(("k Enter", nxt)); o = n - 1
    elif i == 6:
        plan.append(("Up Right", nxt)); o = n - 1
    else:
        o = i % n
        plan.append((str(o + 1), nxt))
    if o is not None:
        expected[it["id"]] = value(it, o)
with open(sys.argv[2], "w") as f:
    for k, w in plan:
        f.write("%s;%s\n" % (k, w))
json.dump(expected, open(sys.argv[3], "w"))
EOF

start 80 24 -- 
expect_screen "first run: a welcome" "Welcome to ladder."
expect_true "... says the journal stays here" screen_has "Nothing is sent anywhere."
keys Enter
expect_screen "Enter: the introduction from data/model.json" "The conscious competence ladder"
expect_true "... page 1 of 4" screen_has "page 1 of 4"
keys Right
expect_screen "the four rungs" "The four rungs"
expect_true "... all four on the ladder" screen_has "Unconscious incompetence"
expect_true "press_until: through the introduction to the passphrase" \
	press_until Right "step 2 of 3" 12
expect_true "the test-mode KDF says it protects nothing" screen_has "protects nothing"

type_text "correct horse"
expect_screen "a strength hint while typing" "Strength:"
keys C-u
type_text "correct horse battery staple"
expect_screen "a long passphrase is strong" "Strength: strong"
expect_not_screen "the passphrase is never shown" "correct horse"
keys Enter
type_text "correct horse battery stapler"
keys Enter
expect_screen "a mismatch is said" "are not the same"
type_text "correct horse battery staple"
keys Enter
expect_screen "the recovery code, once" "Your recovery code"
code=$(printf '%s\n' "$SCREEN" | grep -o '[0-9A-Z]\{5\}\(-[0-9A-Z]\{5\}\)\{7\}' | head -n 1)
expect_true "... in eight groups of five" [ -n "$code" ]
expect_true "the journal exists now" [ -f "$JOURNAL" ]
keys q
expect_screen "q asks once more before going on without the code" "will not be shown again"
keys y
expect_screen "y: home" "Where you stand"
expect_true "home: not taken yet" screen_has "not taken yet"
expect_true "home: the menu" screen_has "Take a questionnaire"

keys 1
expect_screen "1: the questionnaires" "Which one would you like to take?"
keys Enter
N=$(cat "$WORK/n")
expect_screen "Enter: the first item, 1/$N" "1/$N"
expect_true "... the area is not shown: no question says what it is for" \
	screen_lacks "Seeing your own lens"
expect_true "... the options are numbered" screen_has "1  Never"

step=0
while IFS=';' read -r k w; do
	step=$((step + 1))
	# shellcheck disable=SC2086
	keys $k
	if ! wait_for "$w"; then
		not_ok "step $step: keys '$k' lead to '$w'"
		break
	fi
	if [ "$k" = BSpace ]; then
		expect_true "Backspace goes back to the answered item, marked" screen_has "your answer"
	fi
done <"$WORK/plan"
expect_screen "after the last item: the result" "you are here"
expect_true "result: the rung is pointed at, not only coloured" \
	eval 'printf "%s\n" "$SCREEN" | grep -q "▶ .*━.*you are here"'
expect_true "result: why this rung, from its reasons" screen_has "Why this rung"
expect_true "result: saved" screen_has "Your result is saved"
expect_true "result: the bars, self-rating beside the situations" \
	press_until Down "Your choices in situations" 12
keys End
expect_screen "result: the offer to write a reflection" "Press w to write a reflection"
expect_true "result: how many answered" screen_has "You answered $((N - 1)) of $N questions"
keys PageUp
expect_screen "result: the situations, with the answer rated best and why" "ated best"
keys Home
wait_for "Where you stand" >/dev/null
for i in 1 2 3 4; do
	E2E_TIMEOUT=1 wait_for "first placed session of this" && break
	keys PageDown
done
expect_true "result: the movement" screen_has "first placed session of this"
keys End

keys w
expect_screen "w: the editor" "Some questions to start from"
type_text "Première réflexion: 日本語 and ümlauts."
keys Enter
type_text "A second line, long enough to wrap around the edge of the box at eighty columns wide."
expect_screen "the text wraps in the box" "edge of the box"
keys C-s
expect_screen "Ctrl-S saves the reflection" "Your reflection is saved."
keys End
expect_screen "the result shows it" "Première réflexion: 日本語 and ümlauts."
keys q
expect_screen "q: home" "What would you like to do?"
expect_true "home: the rung of the last session" eval 'printf "%s\n" "$SCREEN" | grep -q "Cultural competence.*rung [1-4]"'
keys 2
expect_screen "history: one session" "1 session"
expect_true "history: the chart's rungs" screen_has "1 Unconscious incompetence"
keys Enter
expect_screen "history: Enter opens the session" "a past session"
keys End
expect_screen "... with its reflection" "Première réflexion"
keys q
expect_screen "q: back to the history" "1 session"
keys q
expect_screen "q: home" "What would you like to do?"
keys q
if wait_exit; then ok "q on home quits"; else not_ok "q on home quits"; fi
expect_true "exit status 0" [ "$rc" = 0 ]

export_json "$WORK/export.json"
expect_true "export works" [ -s "$WORK/export.json" ]
if py - "$WORK/export.json" "$WORK/expected.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
exp = json.load(open(sys.argv[2]))
s = d["sessions"]
assert len(s) == 1, "one session, got %d" % len(s)
got = s[0]["answers"]
if got != exp:
    for k in sorted(set(got) | set(exp)):
        if got.get(k) != exp.get(k):
            print("  %s: recorded %r, keys gave %r" % (k, got.get(k), exp.get(k)))
    sys.exit(1)
note = s[0]["note"]
want = ("Première réflexion: 日本語 and ümlauts.\nA second line, long enough to wrap "
        "around the edge of the box at eighty columns wide.")
if note != want:
    print("  note %r" % note)
    sys.exit(1)
EOF
then ok "the answers given by keys are exactly the answers recorded, and the note"; else not_ok "answers recorded"; fi

start 80 24 --
expect_screen "a later start asks for the passphrase" "Unlock your journal"

# ---- the same way at 200x60 without colour, to a saved reflection ----
rm -rf "$XDG_DATA_HOME"
start 200 60 NO_COLOR=1 -- --questionnaires "$TESTDATA/questionnaires"
expect_screen "200x60: the welcome" "Welcome to ladder."
capture_escapes
expect_true "200x60 NO_COLOR: no colour escapes" eval '! colour_escapes'
keys Enter
expect_screen "200x60: the introduction" "page 1 of 4"
expect_true "200x60: through the introduction" press_until Enter "step 2 of 3" 8
type_text "another good passphrase here"
keys Enter
type_text "another good passphrase here"
keys Enter
expect_screen "200x60: the recovery code" "Your recovery code"
keys y
expect_screen "200x60: home" "What would you like to do?"
keys 1
wait_for "A tiny test questionnaire"
keys Down Down Enter
expect_screen "200x60: the tiny questionnaire" "1/7"
keys 1 2 3 4 5 1 2
expect_screen "200x60: the result" "you are here"
capture
expect_true "200x60: the rung marked without colour" \
	eval 'printf "%s\n" "$SCREEN" | grep -q "▶ .*━.*you are here"'
expect_true "200x60: the whole result on one screen, with the offer" screen_has "What do you make of this?"
keys w
wait_for "Some questions to start from"
type_text "Written at 200 by 60."
keys C-s
expect_screen "200x60: the reflection is saved" "Your reflection is saved."
capture_escapes
expect_true "200x60 NO_COLOR: still no colour escapes" eval '! colour_escapes'
finish
