# The assessment screen end to end (tmux): `ladder assess ID` goes straight
# to it; back and skip; an option number picks the n-th option (a scale
# from 0 records 0 for option 1); q leaves and keeps the answers, which the
# next start offers to resume; a resize to 60x20 and back in the middle;
# the result; then `ladder export` holds exactly the answers given. Then
# Ctrl-C, SIGTERM and SIGHUP in the middle of an assessment: the terminal
# is restored, the answers so far are kept, the status says which signal.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
expect_true "a journal to start from" [ -f "$JOURNAL" ]

start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" assess tiny
expect_screen "assess ID: straight to the first item" "1/7"
expect_true "... its options numbered" screen_has "1  Never"
keys 2
expect_screen "a digit picks and goes on" "2/7"
keys BSpace
expect_screen "Backspace: back one item" "1/7"
expect_true "... the answer given is marked" eval 'printf "%s\n" "$SCREEN" | grep -q "2  Rarely.*your answer"'
keys Left
expect_screen "Left on the first item says so" "This is the first question."
keys Down Down Enter
expect_screen "arrows (from the answer given) and Enter pick an option" "2/7"
keys s
expect_screen "s skips" "3/7"
keys 5
expect_screen "5 picks the fifth option" "4/7"
expect_true "the 0-4 scale's labels" screen_has "1  0"
keys 1
expect_screen "1 on a scale from 0" "5/7"
keys 9
expect_screen "a digit beyond the options is explained" "press 1 to 5"

resize 60 20
expect_screen "60x20: says what size it needs" "ladder needs at least 80"
expect_true "... and what it has" screen_has "60"
resize 80 24
expect_screen "80x24 again: the same item" "5/7"
expect_true "... drawn whole" screen_has "I am good at this."
resize 200 60
expect_screen "200x60: the same item" "5/7"
resize 80 24
wait_for "5/7"

keys q
expect_screen "q: home, answers kept" "Your answers so far are saved"
expect_true "home lists the unfinished one" wait_true screen_has "Unfinished: A tiny test questionnaire, 3 of 7 answered"
keys q
if wait_exit; then ok "q quits"; else not_ok "q quits"; fi
expect_true "... with status 0" [ "$rc" = 0 ]
export_json "$WORK/e1.json"
expect_true "no session recorded yet" py -c '
import json, sys
sys.exit(len(json.load(open(sys.argv[1]))["sessions"]) != 0)' "$WORK/e1.json"

start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" assess tiny
expect_screen "the next start offers to carry on" "Carry on?"
expect_true "... saying how far it got" screen_has "answered 3 of its"
keys 1
expect_screen "1: carry on at the item left" "5/7"
keys 4
expect_screen "5/7 answered" "6/7"
keys 3
expect_screen "6/7 answered" "7/7"
keys 2
# the only situation (a2) was skipped: scoring rule 2 places nobody on
# self-report alone where situations were asked, and says so
expect_screen "after the last: the result" "Not placed this time"
expect_true "... and why: the situations were skipped" screen_has "You skipped every situation"
keys q
expect_screen "q from the result: home" "What would you like to do?"
expect_not_screen "no longer unfinished" "Unfinished:"
keys q
wait_exit
export_json "$WORK/e2.json"
if py - "$WORK/e2.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sessions"]
assert len(s) == 1, "one session, got %d" % len(s)
want = {"a1": 4, "a3": 5, "a4": 0, "a5": 4, "b1": 3, "b2": 2}
if s[0]["answers"] != want:
    print("  recorded %r\n  expected %r" % (s[0]["answers"], want))
    sys.exit(1)
EOF
then ok "export: exactly the answers given by keys (a2 skipped)"; else not_ok "export answers"; fi

# ---- signals in the middle of an assessment ----
for sig in INT TERM HUP; do
	case $sig in INT) status=130 ;; TERM) status=143 ;; HUP) status=129 ;; esac
	start_shell 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" assess tiny
	# from the second round on, the kept answer is offered: start again
	wait_any "1/7" "Carry on?"
	if screen_has "Carry on?"; then
		keys 2
		wait_for "1/7"
	fi
	keys 4
	wait_for "2/7"
	if [ "$sig" = INT ]; then
		keys C-c
	else
		kill -"$sig" "$(program_pid)"
	fi
	expect_screen "SIG$sig: the program ends with status $status" "EXIT=$status"
	expect_screen "SIG$sig: the terminal is restored" "TTY:"
	expect_true "SIG$sig: line editing and echo are back" tty_restored
	expect_true "SIG$sig: says the answers are kept" grep -q "answers so far are kept" "$WORK/stderr"
done
start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" assess tiny
expect_screen "after the signals: the answer is kept to resume" "Carry on?"
expect_true "... one answer" screen_has "answered 1 of its"
keys 2
expect_screen "2: start again from the first" "1/7"
expect_not_screen "... with nothing marked" "your answer"
finish
