# ladder score with a CSV of many people: one result a row (JSON lines or
# readable text a page each), each the same as that person's answers file
# gives; bad cells all reported by row and column, nothing scored then;
# and answers files in the forms people write.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
T=tests/data/questionnaires/tiny.json

# 25 people as a spreadsheet would save them (BOM, CRLF, a code column)
python3 - "$WORK" <<'PY'
import json, random, sys
work = sys.argv[1]
rnd = random.Random(14)
rows = []
for i in range(25):
    rows.append([f"P{i:02d}", str(rnd.randint(1, 5)), rnd.choice("abcABC123"),
                 str(rnd.randint(1, 5)), str(rnd.randint(0, 4)), rnd.choice(["", "3"]),
                 str(rnd.randint(1, 5)), str(rnd.randint(1, 5))])
with open(f"{work}/room.csv", "w", newline="") as f:
    f.write("\ufeffcode,1,2,3,4,5,6,7\r\n")
    for r in rows:
        f.write(",".join(r) + "\r\n")
ids = ["a1", "a2", "a3", "a4", "a5", "b1", "b2"]
for n, r in enumerate(rows):
    ans = {}
    for k, v in zip(ids, r[1:]):
        if v == "":
            continue
        if k == "a2":
            ans[k] = "abc"[int(v) - 1] if v.isdigit() else v.lower()
        else:
            ans[k] = int(v)
    json.dump({"format": "ladder-answers", "format_version": 1,
               "questionnaire": "tiny", "answers": ans}, open(f"{work}/p{n}.json", "w"))
# the same with two bad cells
bad = [list(r) for r in rows]
bad[6][3] = "six"
bad[18][2] = "D"
with open(f"{work}/bad.csv", "w") as f:
    f.write("code,1,2,3,4,5,6,7\n")
    for r in bad:
        f.write(",".join(r) + "\n")
PY

run "$LADDER" score "$T" --answers "$WORK/room.csv"
expect_rc "a CSV of 25 people scores" 0
n=$(printf '%s\n' "$out" | grep -c '^{"rule":2')
[ "$n" -eq 25 ] && ok "one JSON line a person" || not_ok "one JSON line a person (got $n)"
same=0
i=0
printf '%s\n' "$out" | while IFS= read -r line; do
	printf '%s\n' "$line" >"$WORK/line$i"
	i=$((i + 1))
done
for i in $(seq 0 24); do
	"$LADDER" score "$T" --answers "$WORK/p$i.json" | python3 -c '
import json, sys
a = json.load(sys.stdin)
b = json.load(open(sys.argv[1]))
sys.exit(0 if a == b else 1)' "$WORK/line$i" && same=$((same + 1))
done
[ "$same" -eq 25 ] && ok "each row's result is that of the same answers in a file" ||
	not_ok "each row's result is that of the same answers in a file ($same of 25)"

run "$LADDER" score "$T" --answers "$WORK/room.csv" --text
expect_rc "score --text of a CSV" 0
printf '%s\n' "$out" | python3 -c '
import re, sys
pages = sys.stdin.read().split("\f")
people, bad = [], []
for i, p in enumerate(pages):
    lines = p.rstrip("\n").split("\n")
    m = re.match(r"For (P\d\d) \(row (\d+) of .*room.csv\) +page (\d+) of (\d+)$", lines[-1])
    if len(lines) != 60 or not m:
        bad.append("page %d: %d lines, foot %r" % (i + 1, len(lines), lines[-1]))
        continue
    if m.group(3) == "1":
        people.append(m.group(1))
        if not lines[0].startswith("For " + m.group(1)):
            bad.append("page %d does not start with its person" % (i + 1))
expected = ["P%02d" % i for i in range(25)]
if people != expected:
    bad.append("people in order: %r" % people)
print("; ".join(bad))
sys.exit(1 if bad else 0)' >"$WORK/pages" &&
	ok "pages of 60 lines a person, each footed with the person's code and page number" ||
	not_ok "pages of 60 lines a person, each footed with the person's code and page number: $(cat "$WORK/pages")"
expect_out "each result starts with the person" "For P07 (row 9 of $WORK/room.csv)"
expect_out "the readable result" "Why this rung"

run "$LADDER" score "$T" --answers "$WORK/bad.csv"
expect_rc "bad cells exit 1" 1
expect_no_out "nothing scored"
expect_err "the first bad cell by row and column" "bad.csv:8: row 8, column D (\"3\"): impossible answer \"six\" to question 3 (expected a whole number from 1 to 5, or an empty cell to skip)"
expect_err "the second in the same run" "bad.csv:20: row 20, column C (\"2\"): impossible answer \"D\" to question 2 (expected a letter from A to C (or a to c) or a number from 1 to 3, or an empty cell to skip)"
expect_err "what to do" "nothing was scored; correct these cells and run it again"
expect_err_lines "two cells, one line each, and the closing line" 3

printf '1,zz\n' >"$WORK/head.csv"
run "$LADDER" score "$T" --answers "$WORK/head.csv"
expect_rc "a header naming no question exits 1" 1
expect_err "and names the column" "head.csv:1: row 1, column B (\"zz\"): the header names no question"

# answers files: every form of a situation's answer, all errors at once
a() { printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "tiny", "answers": {%s}}\n' "$1" >"$WORK/a.json"; }
"$LADDER" score "$T" --answers tests/data/answers/tiny-full.json >"$WORK/ref"
for form in '"b"' '"B"' '2' '"2"'; do
	a "\"a1\": 4, \"a2\": $form, \"a3\": 2, \"a4\": 3, \"a5\": 4, \"b1\": 3, \"b2\": 4"
	run "$LADDER" score "$T" --answers "$WORK/a.json"
	if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | cmp -s - "$WORK/ref"; then
		ok "a situation answered $form scores as \"b\""
	else
		not_ok "a situation answered $form scores as \"b\""
	fi
done
a '"a1": 9, "a2": "D", "zz": 1, "a3": 0'
run "$LADDER" score "$T" --answers "$WORK/a.json"
expect_rc "a file with four mistakes exits 1" 1
expect_err_lines "all four reported in one run, and the closing line" 5
expect_err "the unknown item among them" "unknown item \"zz\""
expect_err "the last among them" "impossible answer 0 to item \"a3\""

finish
