# Parallel sets and repeats through the commands, the one movement seen
# the same by export and --plain history, and the one explanation: the
# result of --plain and of score --text are the same document.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
export LADDER_KDF=min
unset LADDER_NOW
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
mkdir -p "$WORK/q"
cp tests/data/sets/q-sets.json "$WORK/q/"
L() { "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$WORK/q" "$@"; }
ans() { # FILE SET-MEMBER ANSWERS
	printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "sets"%s, "answers": {%s}}\n' "$2" "$3" >"$WORK/$1"
}
HIGH='"c1": 5, "w1": 5, "u1": 5, "p1": 5, "t_c": 5, "t_w": 5, "t_u": 5, "t_p": 5'
LOW='"c1": 1, "w1": 5, "u1": 1, "p1": 1, "t_c": 1, "t_w": 5, "t_u": 1, "t_p": 1'
ans high1.json '' "$HIGH, \"s1a\": \"a\""
ans low2.json '' "$LOW, \"s1b\": \"a\""
ans high1b.json '' "$HIGH, \"s1a\": \"a\""

run L init --kdf min
expect_rc "init" 0
run env LADDER_NOW=2026-01-01T10:00:00Z "$LADDER" -j "$J" --passphrase-file "$WORK/pass" \
	--questionnaires "$WORK/q" assess sets --answers "$WORK/high1.json"
expect_rc "set 1 recorded" 0
case "$out" in *repeat*) not_ok "a first session is no repeat";; *) ok "a first session is no repeat";; esac
run env LADDER_NOW=2026-01-02T10:00:00Z "$LADDER" -j "$J" --passphrase-file "$WORK/pass" \
	--questionnaires "$WORK/q" assess sets --answers "$WORK/low2.json"
expect_rc "set 2 recorded" 0
case "$out" in *repeat*) not_ok "the other set is no repeat";; *) ok "the other set is no repeat";; esac
run env LADDER_NOW=2026-01-03T10:00:00Z "$LADDER" -j "$J" --passphrase-file "$WORK/pass" \
	--questionnaires "$WORK/q" assess sets --answers "$WORK/high1b.json"
expect_out "set 1 again: a repeat, said so" "(a repeat of a set taken before)"
run L assess sets --answers "$WORK/high1b.json" --set 2
expect_rc "--set 2 against answers to set 1 exits 1" 1
expect_err "naming the item" 'item "s1a" is in set 1, but the answers are to set 2'

# the one movement: rung 4 -> 2 -> 4, the last a repeat
run L --plain history
expect_rc "--plain history" 0
expect_out "two moves, counted as the export counts them" "3 sessions, 1 move up, 1 move down."
expect_out "the repeat marked with the day it repeats" "rung 4, Unconscious competence (up from rung 2); same situations as on 2026-01-01"
run L export -o "$WORK/full.json"
expect_rc "export" 0
if python3 - "$WORK/full.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["transitions"]
want = [("unconscious_competence", "conscious_incompetence", False),
        ("conscious_incompetence", "unconscious_competence", True)]
got = [(x["from"], x["to"], x["repeat"]) for x in t]
sets = [s["result"]["set"] for s in d["sessions"]]
sys.exit(0 if got == want and sets == [1, 2, 1] else 1)
EOF
then ok "export: the same two transitions, the second a repeat; sets 1, 2, 1"; else not_ok "export transitions"; fi

# --plain assess takes the set done least often: set 2 (once, set 1 twice)
printf 'correct horse battery\nq\n' >"$WORK/in"
run sh -c "L() { \"$LADDER\" -j \"$J\" --questionnaires \"$WORK/q\" \"\$@\"; }; L --plain assess sets <\"$WORK/in\""
expect_out "--plain assess: the set least often taken" "The situations are set 2 of 2"
printf 'correct horse battery\n1\nq\n' >"$WORK/in"
run sh -c "\"$LADDER\" -j \"$J\" --questionnaires \"$WORK/q\" --plain assess sets --set 1 <\"$WORK/in\""
expect_out "--set 1: said to be taken before" "set 1 of 2, which you have taken before"
# an unfinished session counts the questions of its own set
J4=$WORK/j4.ladder
run "$LADDER" -j "$J4" --passphrase-file "$WORK/pass" init --kdf min
printf 'correct horse battery\n1\n1\nq\n' >"$WORK/in"
run sh -c "\"$LADDER\" -j \"$J4\" --questionnaires \"$WORK/q\" --plain assess sets --set 2 <\"$WORK/in\""
printf 'correct horse battery\n3\n' >"$WORK/in"
run sh -c "\"$LADDER\" -j \"$J4\" --questionnaires \"$WORK/q\" --plain assess sets <\"$WORK/in\""
expect_out "resuming: the questions its set asks" "answered 2 of its 9 questions"
# a kept session on set 2 carried on with --set 1: the kept answers decide
printf 'correct horse battery\n1\n1\nq\n' >"$WORK/in"
run sh -c "\"$LADDER\" -j \"$J4\" --questionnaires \"$WORK/q\" --plain assess sets --set 1 <\"$WORK/in\""
expect_out "--set against kept answers: they decide, and it says so" "Your kept answers are to set 2, so you carry on with set 2 (not set 1)."
case "$out" in *"has changed since then"*) not_ok "and nothing kept is thrown away";; *) ok "and nothing kept is thrown away";; esac
run L assess sets --set 3 --answers "$WORK/high1.json"
expect_rc "--set 3 is a usage error" 2

# one explanation: the same answers typed into --plain give the document
# score --text prints (all but the movement, which needs a journal)
J2=$WORK/j2.ladder
run "$LADDER" -j "$J2" --passphrase-file "$WORK/pass" init --kdf min
python3 - "$WORK/q/q-sets.json" >"$WORK/typed" <<'EOF'
import json, sys
q = json.load(open(sys.argv[1]))
# the answers of high1.json, as option numbers in the order asked (set 1)
want = {"c1": 5, "w1": 5, "u1": 5, "p1": 5, "t_c": 5, "t_w": 5, "t_u": 5, "t_p": 5, "s1a": "a"}
print("correct horse battery")
for it in q["items"]:
    if it.get("set", 1) != 1:
        continue
    v = want[it["id"]]
    if "options" in it:
        print([o["id"] for o in it["options"]].index(v) + 1)
    else:
        print(v)
print("")  # no reflection
EOF
run sh -c "\"$LADDER\" -j \"$J2\" --questionnaires \"$WORK/q\" --plain assess sets <\"$WORK/typed\""
expect_rc "--plain assess with the answers typed" 0
printf '%s\n' "$out" | sed -n '/^Your result:/,/^Your result is saved/p' |
	sed '/^Since last time$/,/^$/d; /^Your result/d' | sed '/./,$!d' >"$WORK/plain.txt"
run L score sets --answers "$WORK/high1.json" --text
printf '%s\n' "$out" | sed '1,2d; /^Not recorded/,$d' | sed '/^Since last time$/,/^$/d' |
	sed '/./,$!d' >"$WORK/score.txt"
# the printed form lays the situations out in a line each that refers to
# the sheet: the same words, compared apart
sit='/^The situations, and the reasons/,/^You answered/{/^You answered/!d;}'
if grep -q -x '  2\. Your answer, rated best: A\. Because a\.' "$WORK/score.txt" &&
	grep -q -x '    Your answer, rated best: Option a. Because a.' "$WORK/plain.txt"; then
	ok "score --text: the situation by its number and letter on the sheet"
else
	not_ok "score --text: the situation by its number and letter on the sheet"
fi
sed -i "$sit" "$WORK/score.txt" "$WORK/plain.txt"
if [ -s "$WORK/score.txt" ] && diff -u "$WORK/score.txt" "$WORK/plain.txt" >"$WORK/diff"; then
	ok "--plain and score --text: the same explanation"
	run "$LADDER" -j "$J2" --passphrase-file "$WORK/pass" --questionnaires "$WORK/q" --plain history
	case "$out" in
	*"at first"*) not_ok "one session: its self-rating is not compared with itself" ;;
	*"Your self-rating"*) ok "one session: its self-rating is not compared with itself" ;;
	*) not_ok "one session: the self-rating said" ;;
	esac
else
	not_ok "--plain and score --text: the same explanation"
	head -30 "$WORK/diff"
fi

finish
