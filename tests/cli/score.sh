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
expect_err "and is named" "impossible answer \"z\" to scenario item \"a2\" (expected one of the option ids \"a\", \"b\", \"c\""

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

finish
