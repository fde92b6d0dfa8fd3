# ladder enter driven through a pipe: every accepted form of an answer,
# skips, going back, ? for the whole question, a refusal explained, the
# summary's jump to a question, the end of input recording nothing; -o
# writes an answers file, --text prints the result, without either the
# session goes to the journal. The round trip: a printed sheet filled in,
# typed in with enter, gives the result the same answers give when typed
# on screen (--plain assess) and when scored from a file.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
Q="--questionnaires $TESTDATA/questionnaires"
printf 'correct horse battery staple\n' >"$WORK/pass"

# tiny: 1 a1 (1-5), 2 a2 (A-C), 3 a3, 4 a4 (0-4), 5 a5, 6 b1, 7 b2
# 1: "4"; 2: "x" refused, "?" shows the question, then "B"; 3: Enter skips;
# 4: "3"; 5: "-" back to 4, which shows 3 and takes "0"; 5: "2"; 6: "s";
# 7: "5"; no reflection; at the summary "2" jumps to question 2: "c"; y
printf '4\nx\n?\nB\n\n3\n-\n0\n2\ns\n5\n\n2\nc\ny\n' >"$WORK/in"
run sh -c "\"$LADDER\" $Q enter tiny -o \"$WORK/t.json\" <\"$WORK/in\""
expect_rc "enter -o through a pipe" 0
expect_out "says what it types in" "Typing in sheet tiny v2: 7 questions."
expect_out "a line a question, its number, short text and range" "  1. In the past month, how often did you do the thing... [1-5] 4"
expect_out "a refusal says what would do" "\"x\" is not an answer to question 2: expected a letter from A to C (or a"
expect_out "? shows the whole question with its options" "   B  The best thing"
expect_out "going back shows the answer there" "  4. It comes naturally. [0-4, now 3] 0"
expect_out "the summary, to check against the sheet" "  1-7    4 B - 0 2 - 5"
expect_out "the skipped questions named" "Answered 5 of 7; skipped 3, 6."
expect_out "after the jump, the summary again" "  1-7    4 C - 0 2 - 5"
expect_out "the file written" "Wrote $WORK/t.json."
python3 - "$WORK/t.json" <<'PY' && ok "the answers file holds what was typed" || not_ok "the answers file holds what was typed"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "ladder-answers" and d["questionnaire"] == "tiny", d
assert d["answers"] == {"a1": 4, "a2": "c", "a4": 0, "a5": 2, "b2": 5}, d["answers"]
assert "note" not in d
PY
run "$LADDER" $Q score tiny --answers "$WORK/t.json"
expect_rc "the file written scores" 0
[ "$(stat -c %a "$WORK/t.json")" = 600 ] && ok "the answers file is 0600" || not_ok "the answers file is 0600"

# every accepted form of a situation's answer
for form in b B 2; do
	printf '\n%s\n\n\n\n\n\n\ny\n' "$form" >"$WORK/in"
	run sh -c "\"$LADDER\" $Q enter tiny -o \"$WORK/f.json\" <\"$WORK/in\""
	python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["answers"] != {"a2": "b"})' \
		"$WORK/f.json" && ok "a situation typed as $form" || not_ok "a situation typed as $form"
done

# the end of input before the confirmation records nothing
rm -f "$WORK/g.json"
printf '4\nb\n' >"$WORK/in"
run sh -c "\"$LADDER\" $Q enter tiny -o \"$WORK/g.json\" <\"$WORK/in\""
expect_rc "the end of input exits 1" 1
expect_err "and says nothing was recorded" "the input ended before the sheet was confirmed: nothing was recorded"
[ ! -e "$WORK/g.json" ] && ok "no file written" || not_ok "no file written"
# n at the summary
printf '4\n\n\n\n\n\n\n\nn\n' >"$WORK/in"
run sh -c "\"$LADDER\" $Q enter tiny -o \"$WORK/g.json\" <\"$WORK/in\""
expect_rc "n: status 0" 0
expect_out "n: nothing recorded" "Nothing was recorded."
[ ! -e "$WORK/g.json" ] && ok "n: no file written" || not_ok "n: no file written"
# nothing answered cannot be confirmed
printf '\n\n\n\n\n\n\n\ny\nn\n' >"$WORK/in"
run sh -c "\"$LADDER\" $Q enter tiny -o \"$WORK/g.json\" <\"$WORK/in\""
expect_out "nothing answered is said" "Nothing is answered, so there is nothing to keep."

# no journal: said at once, before the sheet is typed
run sh -c "printf '4\\n' | \"$LADDER\" -j \"$WORK/none.ladder\" $Q enter tiny"
expect_rc "no journal exits 1" 1
expect_err "at once, saying what to do" "there is no journal at $WORK/none.ladder yet: create one with 'ladder init', or give -o FILE"
case "$out" in *"  1. "*) not_ok "before the first question" ;; *) ok "before the first question" ;; esac

run "$LADDER" $Q enter tiny -o x.json --text
expect_rc "-o and --text together are a usage error" 2
run "$LADDER" $Q enter tiny --passphrase-file -
expect_rc "the passphrase from standard input is a usage error" 2
expect_err "and says why" "enter reads the sheet from standard input"

# --text: the readable result
printf '4\nb\n\n3\n2\n5\n3\ny\n' >"$WORK/in"
run sh -c "\"$LADDER\" $Q enter tiny --text <\"$WORK/in\""
expect_rc "enter --text" 0
expect_out "the result in words" "Why this rung"
expect_out "not recorded" "Not recorded: 'ladder enter --text' keeps nothing."

# ---- the round trip on the built-in questionnaire, set 2
J1=$WORK/enter.ladder
J2=$WORK/plain.ladder
for j in "$J1" "$J2"; do
	"$LADDER" -j "$j" --passphrase-file "$WORK/pass" init --kdf min >/dev/null 2>&1
done
"$LADDER" show cultural --text --set 2 >"$WORK/sheet.txt"
"$LADDER" show cultural --json >"$WORK/cultural.json"
# fill the printed sheet in (a tick a question, some left blank), and make
# what a person types for it into enter and into --plain assess
python3 - "$WORK" <<'PY'
import json, re, sys
work = sys.argv[1]
sheet = open(f"{work}/sheet.txt").read().replace("\f", "\n")
q = json.load(open(f"{work}/cultural.json"))
asked = [i for i in q["items"] if i.get("set") in (None, 2)]
numbers = [int(m) for m in re.findall(r"^ {0,2}(\d+)\. ", sheet, re.M)]
assert numbers == list(range(1, len(asked) + 1)), numbers
enter, plain = [], []
for n, item in enumerate(asked, 1):
    block = sheet.split("%3d. " % n, 1)[1].split("%3d. " % (n + 1), 1)[0]
    if n % 7 == 3:
        enter.append(""); plain.append("s")
        continue
    if item["kind"] == "scenario":
        letters = re.findall(r"\[ \] ([A-Z])  ", block)
        k = (n * 3) % len(letters)
        enter.append([letters[k], letters[k].lower(), str(k + 1)][n % 3])
        plain.append(str(k + 1))
    else:
        points = [int(p) for p in re.findall(r"\[ \] (\d+) ", block)]
        v = points[(n * 2) % len(points)]
        enter.append(str(v))
        plain.append(str(v - points[0] + 1))
open(f"{work}/enter.in", "w").write("\n".join(enter + ["", "y"]) + "\n")
open(f"{work}/plain.in", "w").write("\n".join(plain + ["n"]) + "\n")
PY
run sh -c "\"$LADDER\" -j \"$J1\" --passphrase-file \"$WORK/pass\" enter cultural --set 2 <\"$WORK/enter.in\""
expect_rc "enter records in the journal" 0
expect_out "and says so" "Recorded session "
run sh -c "\"$LADDER\" -j \"$J2\" --passphrase-file \"$WORK/pass\" --plain assess cultural --set 2 <\"$WORK/plain.in\""
expect_rc "the same answers on screen (--plain assess)" 0
run sh -c "\"$LADDER\" enter cultural --set 2 -o \"$WORK/rt.json\" <\"$WORK/enter.in\""
expect_rc "and the same into a file" 0
"$LADDER" score cultural --answers "$WORK/rt.json" >"$WORK/rt.result"
for j in "$J1" "$J2"; do
	"$LADDER" -j "$j" --passphrase-file "$WORK/pass" export >"$j.export"
done
python3 - "$J1.export" "$J2.export" "$WORK/rt.result" <<'PY' >"$WORK/cmp" 2>&1 && ok "sheet -> enter -> result is the result of the same answers on screen and from a file" || not_ok "sheet -> enter -> result is the result of the same answers on screen and from a file: $(cat "$WORK/cmp")"
import json, sys
a = json.load(open(sys.argv[1]))["sessions"]
b = json.load(open(sys.argv[2]))["sessions"]
c = json.load(open(sys.argv[3]))
assert len(a) == 1 and len(b) == 1, (len(a), len(b))
assert a[0]["answers"] == b[0]["answers"], (a[0]["answers"], b[0]["answers"])
assert a[0]["result"] == b[0]["result"], "the journal's results differ"
assert a[0]["result"] == c, "the file's result differs"
assert a[0]["result"]["set"] == 2 and a[0]["result"]["answered"] == 32, a[0]["result"]["answered"]
PY

finish
