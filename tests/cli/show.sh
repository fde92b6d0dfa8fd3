# ladder show: the normalised JSON (which loads again), the paper version.
. "$(dirname "$0")/lib.sh"
Q="--questionnaires $TESTDATA/questionnaires"

run "$LADDER" $Q show tiny --json
expect_rc "show --json exits 0" 0
printf '%s\n' "$out" >"$WORK/tiny-normalised.json"
expect_out "defaults are filled in: description of a facet" '"description":'
expect_out "the language" '"language":'
run "$LADDER" validate "$WORK/tiny-normalised.json"
expect_rc "the normalised questionnaire validates" 0

# show without a flag is the JSON, same as --json
run "$LADDER" $Q show tiny
cmp -s "$WORK/out" "$WORK/tiny-normalised.json" && ok "show defaults to --json" || not_ok "show defaults to --json"

# normalising twice gives the same text
run "$LADDER" show "$WORK/tiny-normalised.json" --json
printf '%s\n' "$out" >"$WORK/twice.json"
cmp -s "$WORK/twice.json" "$WORK/tiny-normalised.json" && ok "normalising is stable" || not_ok "normalising is stable"

run "$LADDER" $Q show tiny --text
expect_rc "show --text exits 0" 0
expect_out "the title" "A tiny test questionnaire"
expect_out "instructions" "How to answer"
expect_out "a place for a name" "Name or code:"
expect_out "numbered items" "  7. Beta awareness."
expect_out "likert points with a box" "[ ] 1 Never  [ ] 2 Rarely"
expect_out "scenario options with a box" "[ ] b) The best thing"
case "$out" in *"Beta facet"*) not_ok "no area headings: the sheet does not say what a question is for";;
*) ok "no area headings: the sheet does not say what a question is for";; esac
expect_out "how to type it in" "ladder assess tiny --answers answers.json"
long=$(printf '%s\n' "$out" | awk 'length > 78' | head -1)
[ -z "$long" ] && ok "no line wider than 78 columns" || not_ok "no line wider than 78 columns: $long"

# the built-ins print too: set 1 by default, every item of it and of no set
for id in cultural social-media; do
	run "$LADDER" show "$id" --text
	expect_rc "show $id --text" 0
	n=$("$LADDER" show "$id" --json | python3 -c 'import json, sys
q = json.load(sys.stdin)
print(sum(1 for i in q["items"] if i.get("set") in (None, 1)))')
	expect_out "$id: the last item is numbered $n" "$(printf '%3d. ' "$n")"
	case "$out" in *"$(printf '%3d. ' "$((n + 1))")"*) not_ok "$id: no item after $n" ;;
	*) ok "$id: no item after $n" ;; esac
done

run "$LADDER" show nosuch
expect_rc "an unknown id exits 1" 1
expect_err "and lists what there is" "no questionnaire \"nosuch\" (available: cultural, social-media"

# a questionnaire with parallel sets: one set on paper
S=$TESTDATA/sets/q-sets.json
run "$LADDER" show "$S" --text --set 2
expect_rc "show --text --set 2" 0
expect_out "the header names the set" "set 2 of 2"
expect_out "set 2's situation" "Situation s1b."
case "$out" in *"Situation s1a."*) not_ok "no situation of set 1";; *) ok "no situation of set 1";; esac
expect_out "the answers file to type names the set" '"set": 2,'
run "$LADDER" show "$S" --text
expect_out "without --set: the first set" "set 1 of 2"
expect_out "set 1's situation" "Situation s1a."
run "$LADDER" show "$S" --set 2
expect_rc "--set without --text is a usage error" 2


finish
