# ladder show: the normalised JSON (which loads again), the paper version.
. "$(dirname "$0")/lib.sh"
Q="--questionnaires $TESTDATA/questionnaires"
cd "$SRCDIR" || exit 1

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
expect_out "the sheet's code: questionnaire and version" "Sheet tiny v2"
expect_out "instructions" "How to answer"
expect_out "a place for initials or a private code" "Your initials or a private code: ____"
expect_out "numbered items" "  7. Beta awareness."
expect_out "the scale under a statement, a box a point" "     [ ] 1 Never  [ ] 2 Rarely"
expect_out "a situation's options lettered A, B, C with a box" "     [ ] B  The best thing"
case "$out" in *"Beta facet"*) not_ok "no area headings: the sheet does not say what a question is for";;
*) ok "no area headings: the sheet does not say what a question is for";; esac
case "$out" in *"(item "*|*"a2"*|*"awareness)"*) not_ok "no item ids or axes on the sheet";;
*) ok "no item ids or axes on the sheet";; esac
expect_out "how to type it in" "(To type it in: ladder enter tiny)"
case "$out" in *"Reflection (optional)"*) not_ok "no reflection page unless asked";;
*) ok "no reflection page unless asked";; esac
long=$(printf '%s\n' "$out" | tr -d '\f' | awk 'length > 78' | head -1)
[ -z "$long" ] && ok "no line wider than 78 columns" || not_ok "no line wider than 78 columns: $long"

# pages: N lines each, a form feed between, the code and page number on each
check_pages() { # NAME N CODE: $out is the sheet
	printf '%s\n' "$out" | python3 -c '
import sys
n, code = int(sys.argv[1]), sys.argv[2]
pages = sys.stdin.read().split("\f")
bad = []
for i, p in enumerate(pages):
    lines = p.split("\n")
    if lines[-1] == "":
        lines.pop()
    if len(lines) != n:
        bad.append("page %d has %d lines" % (i + 1, len(lines)))
    if not (lines[-1].startswith(code + " ") and lines[-1].endswith("page %d of %d" % (i + 1, len(pages)))):
        bad.append("page %d ends with %r" % (i + 1, lines[-1]))
    if "Initials or code: ___" not in lines[-1]:
        bad.append("page %d has no place for initials" % (i + 1))
print("; ".join(bad))
sys.exit(1 if bad or len(pages) < 2 else 0)' "$2" "$3" >"$WORK/pages" 2>&1 &&
	ok "$1" || not_ok "$1: $(cat "$WORK/pages")"
}
run "$LADDER" $Q show tiny --text --page-lines 20 --reflection
expect_rc "show --page-lines 20 --reflection" 0
check_pages "pages of 20 lines with code and page number" 20 "tiny v2"
expect_out "a last page for a reflection" "$(printf '\fReflection (optional)')"
run "$LADDER" $Q show tiny --text --page-lines 0
case "$out" in *"$(printf '\f')"*) not_ok "--page-lines 0: no pages";; *) ok "--page-lines 0: no pages";; esac
for bad in 5 19 1001 x -3; do
	run "$LADDER" $Q show tiny --text --page-lines "$bad"
	expect_rc "--page-lines $bad is a usage error" 2
done
expect_err "and says what would do" "expected a number of lines from 20 to 1000, or 0 for no pages"

# golden sheets: both questionnaires, both sets (tests/data/sheets; after a
# deliberate change to the sheet or the questions, make them again with
# ladder show ID --text --set N > tests/data/sheets/ID-setN.txt)
for id in cultural social-media; do
	for set in 1 2; do
		run "$LADDER" show "$id" --text --set "$set"
		if printf '%s\n' "$out" | cmp -s - "tests/data/sheets/$id-set$set.txt"; then
			ok "$id set $set: the golden sheet"
		else
			not_ok "$id set $set: the golden sheet"
			printf '%s\n' "$out" | diff "tests/data/sheets/$id-set$set.txt" - | head -20
		fi
		check_pages "$id set $set: pages of 60 lines" 60 "$id v2 set $set"
		long=$(printf '%s\n' "$out" | tr -d '\f' | awk 'length > 78' | head -1)
		[ -z "$long" ] && ok "$id set $set: no line wider than 78" || not_ok "$id set $set: no line wider than 78: $long"
		n=$("$LADDER" show "$id" --json | python3 -c 'import json, sys
q = json.load(sys.stdin)
print(sum(1 for i in q["items"] if i.get("set") in (None, int(sys.argv[1]))))' "$set")
		expect_out "$id set $set: the last question is numbered $n" "$(printf '%3d. ' "$n")"
		case "$out" in *"$(printf '%3d. ' "$((n + 1))")"*) not_ok "$id set $set: no question after $n" ;;
		*) ok "$id set $set: no question after $n" ;; esac
	done
done
for g in tiny-20-reflection:"$Q show tiny --text --page-lines 20 --reflection" \
	q-sets-set2-nopages:"show $TESTDATA/sets/q-sets.json --text --set 2 --page-lines 0"; do
	name=${g%%:*}
	# shellcheck disable=SC2086
	run "$LADDER" ${g#*:}
	printf '%s\n' "$out" | cmp -s - "tests/data/sheets/$name.txt" &&
		ok "$name: the golden sheet" || not_ok "$name: the golden sheet"
done

run "$LADDER" show nosuch
expect_rc "an unknown id exits 1" 1
expect_err "and lists what there is" "no questionnaire \"nosuch\" (available: cultural, social-media"

# a questionnaire with parallel sets: one set on paper
S=$TESTDATA/sets/q-sets.json
run "$LADDER" show "$S" --text --set 2
expect_rc "show --text --set 2" 0
expect_out "the header names the set" "Sheet sets v1 set 2"
expect_out "set 2's situation" "Situation s1b."
case "$out" in *"Situation s1a."*) not_ok "no situation of set 1";; *) ok "no situation of set 1";; esac
expect_out "how to type it in names the set" "ladder enter sets --set 2"
run "$LADDER" show "$S" --text
expect_out "without --set: the first set" "Sheet sets v1 set 1"
expect_out "set 1's situation" "Situation s1a."
run "$LADDER" show "$S" --set 2
expect_rc "--set without --text is a usage error" 2
run "$LADDER" show "$S" --page-lines 30
expect_rc "--page-lines without --text is a usage error" 2


finish
