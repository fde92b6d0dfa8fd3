# ladder validate: each error ladder-questionnaire(5) lists is refused with
# file:line:col and what was expected (golden files), every file given is
# checked, and the exit status says whether any failed.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1

for f in tests/data/invalid/*.json; do
	name=$(basename "$f" .json)
	run "$LADDER" validate "$f"
	expect_rc "validate refuses $name" 1
	expected=$(cat "tests/data/invalid/$name.expected")
	if [ "$err" = "$expected" ]; then ok "$name: message"; else not_ok "$name: message (expected: $expected)"; fi
	expect_no_out "$name: nothing on stdout"
done

# the valid ones, built-in and test questionnaires
for f in data/questionnaires/*.json tests/data/questionnaires/*.json; do
	run "$LADDER" validate "$f"
	expect_rc "validate accepts $f" 0
	expect_out "$f: says ok" "$f: ok"
done

# every file given is checked: two bad files and a good one
run "$LADDER" validate tests/data/invalid/unknown-scale.json tests/data/questionnaires/tiny.json tests/data/invalid/label-count.json
expect_rc "one failure among several exits 1" 1
expect_err "the first bad file is reported" "unknown-scale.json:24:87:"
expect_err "the last bad file is reported too" "label-count.json:9:44:"
expect_out "the good one is checked" "tiny.json: ok"
expect_err "a count closes the report" "2 of 3 files failed"

run "$LADDER" validate tests/data/nothing-here.json
expect_rc "a missing file exits 1" 1
expect_err "and is named" "nothing-here.json: cannot open: No such file or directory"

run "$LADDER" validate tests/data
expect_rc "a folder exits 1" 1
expect_err "and says so" "is a folder, expected a file"

printf '' >"$WORK/empty.json"
run "$LADDER" validate "$WORK/empty.json"
expect_err "an empty file" "empty.json:1:1: unexpected end of file (expected a value)"

printf '{"format": "ladder-questionnaire", "format_version": 2}' >"$WORK/v2.json"
run "$LADDER" validate "$WORK/v2.json"
expect_err "a newer format version is named" "v2.json:1:54: unsupported format_version 2 of ladder-questionnaire (this ladder reads version 1)"

# a questionnaire of one's own: validate, show, score
run "$LADDER" validate "$TESTDATA/score/q-thresholds.json"
expect_rc "another test questionnaire validates" 0

finish
