# --plain driven through pipes (no terminal at all): the passphrase as the
# first line of standard input, the assessment line by line with numbers,
# s, b and q, invalid input explained, the end of input keeping the
# answers, resuming, the result in words, a reflection ended by ".", the
# history as lines; the recorded answers checked with `ladder export`.
# Also: no escape sequences in the output, and a wrong passphrase is 3.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal

# feed LINE...: the lines that the next run_plain reads on standard input
# (through a pipe, as from another program)
feed() { printf '%s\n' "$@" >"$WORK/in"; }
run_plain() {
	cat "$WORK/in" | "$LADDER" --plain --questionnaires "$QD" "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	SCREEN=$(cat "$WORK/out")
}

# first part: a1 = 2, a2 skipped, back to a2, "x" refused, a2 = option 3,
# then q at a3
feed "correct horse battery staple" 2 s b x 3 q
run_plain assess tiny
expect_true "q: status 0" [ "$rc" = 0 ]
expect_true "the items are numbered lines" screen_has "Question 1 of 7"
expect_true "... without the area they belong to" screen_lacks "Question 1 of 7 ("
expect_true "... with numbered options" screen_has "  2. Rarely"
expect_true "... and the choices said" screen_has "Your answer (1-5; s skip, b back, q stop and keep your answers):"
expect_true "b goes back to the item before" eval '[ "$(grep -c "Question 2 of 7" "$WORK/out")" = 2 ]'
expect_true "an invalid answer is explained" screen_has "Please type a number from 1 to 3, or s, b or q."
expect_true "q keeps the answers" screen_has "Your answers so far are saved"
expect_true "no escape sequences in plain output" eval '! grep -q "$(printf "\033")" "$WORK/out"'

# the end of input (here after a3 = 5) keeps the answers too
feed "correct horse battery staple" 1 5
run_plain assess tiny
expect_true "the unfinished session is offered" screen_has "answered 2 of its 7 questions; your answers are kept."
expect_true "... with the full screen's three ways on" screen_has "  3. Not now"
expect_true "... as a choice of 1-3" screen_has "Your choice (1-3, Enter for 1):"
expect_true "... resumes at the item left" screen_has "Question 3 of 7"
expect_true "end of input: kept" screen_has "End of input: Your answers so far are saved"

# carry on to the end, with a reflection of two lines
feed "correct horse battery staple" y b "" 1 4 3 2 \
	y "Première ligne." "Zweite Zeile: ü." .
run_plain assess tiny
expect_true "the whole run: status 0" [ "$rc" = 0 ]
expect_true "Enter keeps an answer given before" screen_has "Your answer so far: 5. Press Enter to keep it."
expect_true "the result in words" screen_has "Your result: A tiny test questionnaire"
expect_true "... the ladder, marked" screen_has "<- you are here"
expect_true "... why this rung" screen_has "Why this rung"
expect_true "... the axes" screen_has "What you do"
expect_true "... self-rating beside the situations" screen_has "Your choices in situations"
expect_true "... the movement" screen_has "This is your first placed session of this questionnaire"
expect_true "... the authors' judgement said once" screen_has "judgement of the"
expect_true "... the situation answered, with its reason" screen_has "Your answer: A poor thing Poor."
expect_true "... and the answer rated best, with its reason" screen_has "Rated best: The best thing Best."
expect_true "... saved" screen_has "Your result is saved in your journal."
expect_true "the reflection is asked for first" screen_has "Would you like to write a reflection on it? [y/N]"
expect_true "the reflection is saved" screen_has "Your reflection is saved."

export_json "$WORK/e.json"
if py - "$WORK/e.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sessions"]
assert len(s) == 1, "one session, got %d" % len(s)
want = {"a1": 2, "a2": "c", "a3": 5, "a4": 0, "a5": 4, "b1": 3, "b2": 2}
ok = s[0]["answers"] == want and s[0]["note"] == "Première ligne.\nZweite Zeile: ü."
if not ok:
    print("  recorded %r %r" % (s[0]["answers"], s[0]["note"]))
sys.exit(0 if ok else 1)
EOF
then ok "export: the answers typed and the reflection"; else not_ok "export: answers"; fi

# history through a pipe
feed "correct horse battery staple"
run_plain history
expect_true "history: status 0" [ "$rc" = 0 ]
expect_true "history: one line per questionnaire" screen_has "A tiny test questionnaire: 1 session, 0 moves up, 0 moves down."
expect_true "history: the session with its rung" eval 'grep -q "^  [0-9-]*  rung [1-4], " "$WORK/out"'
expect_true "history: the reflection" screen_has "      Zweite Zeile: ü."

# the passphrase from a file; home in plain words
feed
run_plain --passphrase-file "$PASS"
expect_true "plain home: where you stand" screen_has "A tiny test questionnaire: rung"
expect_true "plain home: what to do next" screen_has "ladder --plain assess ID"

# a wrong passphrase: status 3, the journal untouched
cp "$JOURNAL" "$WORK/before"
feed "wrong" 1
run_plain assess tiny
expect_true "a wrong passphrase: status 3" [ "$rc" = 3 ]
expect_true "... the journal unchanged" cmp -s "$JOURNAL" "$WORK/before"
# no journal yet
feed x
run_plain --journal "$WORK/none.ladder" history
expect_true "no journal: status 1 and how to make one" eval '[ "$rc" = 1 ] && grep -q "ladder init" "$WORK/err"'
# no questionnaire named: the list, status 2
feed x
run_plain assess
expect_true "assess without an id lists them (status 2)" eval '[ "$rc" = 2 ] && grep -q "tiny: A tiny test questionnaire" "$WORK/out"'
finish
