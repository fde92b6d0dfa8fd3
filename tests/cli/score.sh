# ladder score: golden results for answers files, and refusals by name.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
T=tests/data/questionnaires/tiny.json

# golden: tests/data/answers/NAME.json scored gives NAME.result
for f in tests/data/answers/*.json; do
	name=$(basename "$f" .json)
	[ -f "tests/data/answers/$name.result" ] || continue
	run "$LADDER" score "$T" --answers "$f"
	expect_rc "score $name" 0
	expected=$(cat "tests/data/answers/$name.result")
	if [ "$out" = "$expected" ]; then ok "$name: result as expected"; else
		not_ok "$name: result as expected"
		printf '%s\n' "$out" >"$WORK/got"
		diff "tests/data/answers/$name.result" "$WORK/got" | head -20
	fi
done

a() { printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "tiny", "answers": {%s}}\n' "$1" >"$WORK/a.json"; }

a '"a1": 4, "zz": 2'
run "$LADDER" score "$T" --answers "$WORK/a.json"
expect_rc "an unknown item exits 1" 1
expect_err "and is named with its place" "a.json:1:97: unknown item \"zz\""
expect_no_out "nothing on stdout"

a '"a1": 9'
run "$LADDER" score "$T" --answers "$WORK/a.json"
expect_rc "an impossible likert value exits 1" 1
expect_err "and is named" "impossible answer 9 to item \"a1\" (expected a whole number from 1 to 5"

a '"a2": "z"'
run "$LADDER" score "$T" --answers "$WORK/a.json"
expect_rc "an impossible option exits 1" 1
expect_err "and is named" "impossible answer \"z\" to scenario item \"a2\" (expected a letter from A to C (or a to c) or a number from 1 to 3"

a ''
run "$LADDER" score "$T" --answers "$WORK/a.json"
expect_rc "no answers at all is a valid (empty) result" 0
expect_out "with a null stage" '"stage": null'
expect_out "and nothing answered" '"answered": 0'

run "$LADDER" score "$T" --answers "$WORK/none.json"
expect_rc "a missing answers file exits 1" 1
expect_err "and is named" "none.json: cannot open"

run "$LADDER" score cultural --answers "$WORK/a.json"
expect_rc "answers to another questionnaire exit 1" 1
expect_err "and say so" "these are answers to \"tiny\", not to \"cultural\""

# ---- scoring rule 2: readable text, sets ----
S=tests/data/sets/q-sets.json
sa() { printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "sets"%s, "answers": {%s}}\n' "$1" "$2" >"$WORK/s.json"; }

# the over-confident person of the review: reports doing it, rates
# themselves high, picks the weak option: rung 1, held below by the
# situations, awareness from over-estimation
sa '' '"c1": 5, "s1a": "b", "w1": 2, "u1": 5, "p1": 5, "t_c": 5, "t_w": 2, "t_u": 5, "t_p": 5'
run "$LADDER" score "$S" --answers "$WORK/s.json"
expect_rc "rule 2: scored" 0
expect_out "the result says its rule" '"rule": 2'
expect_out "and its set" '"set": 1'
expect_out "over-confident: rung 1" '"stage": "unconscious_incompetence"'
if printf '%s' "$out" | python3 -c 'import json,sys; sys.exit(json.load(sys.stdin)["reasons"]["below_line"] != ["situations"])'; then
	ok "held below the line by the situations"; else not_ok "held below the line by the situations"; fi
expect_out "awareness from over-estimation" '"awareness_from": "over_estimation"'
run "$LADDER" score "$S" --answers "$WORK/s.json" --text
expect_rc "score --text" 0
expect_out "the rung in words" "Rung 1, Unconscious incompetence"
expect_out "why: what held it below the line" "Your answers about what you do (67%) reach the competence line, but your"
expect_out "self-rating beside the choices" "You rate yourself a good deal higher (100%) than your choices in the"
expect_out "the area without situations says so" "there are no situations here"
expect_out "the authors' judgement, said once" "judgement of the questionnaire's authors"
expect_out "nothing recorded, and how to record" "Not recorded: 'ladder score' keeps nothing"
expect_no_err "nothing on stderr"
case "$out" in *"matches"*) not_ok "no \"matches\" beside a gap of 1";; *) ok "no \"matches\" beside a gap of 1";; esac
if [ "$(printf '%s\n' "$out" | awk 'length > 78' | wc -l)" -eq 0 ]; then ok "text lines fit 78 columns"; else not_ok "text lines fit 78 columns"; fi

# the modest person: strong situations, a low self-rating: never rung 1
sa '' '"c1": 4, "s1a": "a", "w1": 2, "u1": 2, "p1": 1'
run "$LADDER" score "$S" --answers "$WORK/s.json" --text
expect_out "modest: above the line, rung 3" "Rung 3, Conscious competence"
expect_out "rating oneself lower is not held against anyone" "does not count against you"

# sets: chosen, inferred, refused by name
sa '' '"s1b": "b"'
run "$LADDER" score "$S" --answers "$WORK/s.json"
expect_out "the set inferred from the answers" '"set": 2'
run "$LADDER" score "$S" --answers "$WORK/s.json" --set 1
expect_rc "--set 1 against answers to set 2 exits 1" 1
expect_err "and names the item" 'item "s1b" is in set 2, but the answers are to set 1'
sa '' '"s1a": "a", "s1b": "b"'
run "$LADDER" score "$S" --answers "$WORK/s.json"
expect_rc "answers to two sets exit 1" 1
expect_err "naming both items" 'items "s1a" (set 1) and "s1b" (set 2) are in different sets'
sa ', "set": 3' '"c1": 3'
run "$LADDER" score "$S" --answers "$WORK/s.json"
expect_rc "an unknown set exits 1" 1
expect_err "and says which sets there are" 'has sets 1 to 2'
sa '' '"c1": 3'
run "$LADDER" score "$S" --answers "$WORK/s.json" --set 5
expect_rc "--set 5 is a usage error" 2
expect_err "and says which would do" "--set 5: expected a set of \"sets\", a number from 1 to 2"
run "$LADDER" score "$T" --answers "$WORK/a.json" --set 1
expect_rc "--set on a questionnaire without sets is a usage error" 2
expect_err "and says so" 'has no sets'
sa '' '"c1": 3'
run "$LADDER" score "$S" --answers "$WORK/s.json" --set 2
expect_out "--set 2 with nothing of a set answered" '"set": 2'
expect_out "its situation skipped: area one not placed" '"not_placed": "no_situations_answered"'

finish
