# ladder room with CSV files of answers (a paper session typed into a
# spreadsheet): each good row one person, the same room as the people's own
# answers files give; bad cells reported by file, row and column while the
# good rows still count; the questionnaire from a header of item ids, or
# --questionnaire ID when question numbers fit more than one.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_DATA_DIR="${LADDER_DATA_DIR:-$SRCDIR/data}"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# 25 people on set 1 of cultural, as a spreadsheet would hold them: answers
# to situations as A-E, a-e or 1-5; a few questions left empty; and each
# person's answers file too
$PY - "$SRCDIR/data/questionnaires/cultural.json" <<'PY'
import json, random, sys
q = json.load(open(sys.argv[1]))
items = [i for i in q["items"] if i.get("set") in (None, 1)]
rnd = random.Random(25)
rows = []
for p in range(25):
    cells, ans = [f"P{p:02d}"], {}
    for it in items:
        if rnd.random() < 0.05:
            cells.append("")
            continue
        if it["kind"] == "scenario":
            k = rnd.randrange(len(it["options"]))
            cells.append(rnd.choice(["ABCDE"[k], "abcde"[k], str(k + 1)]))
            ans[it["id"]] = it["options"][k]["id"]
        else:
            v = rnd.randint(1, 5)
            cells.append(str(v))
            ans[it["id"]] = v
    rows.append(cells)
    json.dump({"format": "ladder-answers", "format_version": 1,
               "questionnaire": "cultural", "answers": ans}, open(f"p{p:02d}.json", "w"))
def write(name, header, rows):
    with open(name, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
numbers = ["code"] + [str(n + 1) for n in range(len(items))]
write("room.csv", numbers, rows)
write("ids.csv", ["code"] + [i["id"] for i in items], rows)
# two bad cells: spreadsheet rows 7 and 19 (the header is row 1)
bad = [list(r) for r in rows]
bad[5][3] = "seven"
bad[17][5] = "F"
write("bad.csv", numbers, bad)
write("allbad.csv", numbers, [bad[5], bad[17]])
PY
good=""
for p in $(seq -w 0 24); do
	case $p in 05|17) ;; *) good="$good p$p.json" ;; esac
done

# ------------------------------------------------ question numbers: ambiguous
run "$LADDER" room room.csv
expect_rc "a CSV whose numbers fit two questionnaires is skipped" 1
expect_err "... with a reason naming both" "room.csv: a CSV of answers whose header fits 2 questionnaires (cultural, social-media)"
expect_err "... and the option that settles it" "expected --questionnaire ID"
expect_err "... on the list of what was skipped" "ladder: room: 0 of 1 file read, 1 skipped"
run "$LADDER" room --questionnaire nope room.csv
expect_rc "--questionnaire of no questionnaire is a usage error" 2
expect_err "... naming it" "--questionnaire nope: no such questionnaire"

# ------------------------------------------------ the same room as the files
run "$LADDER" room --questionnaire cultural room.csv --json --min-group 1
expect_rc "--questionnaire cultural reads the CSV" 0
cp "$WORK/out" csv.room.json
run "$LADDER" room ids.csv --json --min-group 1
expect_rc "a header of item ids names the questionnaire" 0
cp "$WORK/out" ids.room.json
run "$LADDER" room p*.json --json --min-group 1
expect_rc "the 25 answers files" 0
cp "$WORK/out" files.room.json
same() { # same A B: the same questionnaires in two room documents
	$PY -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if a["questionnaires"] == b["questionnaires"] and a["questionnaires"] else 1)' "$1" "$2"
}
if same csv.room.json files.room.json; then ok "the CSV's room is the answers files' room"; else not_ok "the CSV's room is the answers files' room"; fi
if same ids.room.json files.room.json; then ok "... with item ids too"; else not_ok "... with item ids too"; fi
n=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["questionnaires"][0]["people"])' csv.room.json)
[ "$n" = 25 ] && ok "25 rows are 25 people" || not_ok "25 rows are 25 people (got $n)"

# ------------------------------------------------ two bad cells
run "$LADDER" room --questionnaire cultural bad.csv --json --min-group 1
expect_rc "a CSV with two bad cells is read" 0
expect_err "stderr says how many people of how many rows" "read bad.csv (CSV of answers: 23 people of 25 rows; 2 rows not read)"
expect_err "the first bad cell by row and column" "bad.csv:7: row 7, column D (\"3\"): impossible answer \"seven\" to question 3"
expect_err "the second bad cell by row and column" "bad.csv:19: row 19, column F (\"5\"): impossible answer \"F\""
cp "$WORK/out" bad.room.json
run "$LADDER" room $good --json --min-group 1
cp "$WORK/out" good.room.json
if same bad.room.json good.room.json; then ok "the good rows count: the room of the other 23"; else not_ok "the good rows count: the room of the other 23"; fi
$PY - bad.room.json "$SRCDIR/data/schema/room.schema.json" <<'PY' && ok "the JSON names rows, people and problems, and is valid" || not_ok "the JSON names rows, people and problems, and is valid"
import json, sys
doc = json.load(open(sys.argv[1]))
s = doc["sources"][0]
assert s["kind"] == "CSV of answers" and s["read"], s
assert s["rows"] == 25 and s["people"] == 23, s
assert len(s["problems"]) == 2 and "row 7, column D" in s["problems"][0] \
    and "row 19, column F" in s["problems"][1], s
try:
    import jsonschema
except ImportError:
    sys.exit(0)
jsonschema.Draft202012Validator(json.load(open(sys.argv[2]))).validate(doc)
PY
run "$LADDER" room --questionnaire cultural bad.csv
expect_out "the text profile counts 23 people" "Cultural competence (cultural): 23 people"

# ------------------------------------------------ no good row; mixed inputs
run "$LADDER" room --questionnaire cultural allbad.csv p00.json
expect_rc "a CSV with no good row is skipped, the others read" 0
expect_err "... saying why" "skipped allbad.csv: none of its 2 rows of answers could be read"
expect_err "... with each row's problem" "allbad.csv:2: row 2, column D"
expect_out "... and the room holds the one file read" "Cultural competence (cultural): fewer than 5 people"
run "$LADDER" room --questionnaire social-media p00.json
expect_rc "answers to another questionnaire than --questionnaire are skipped" 1
expect_err "... saying so" "answers to \"cultural\", but --questionnaire social-media was given"
printf 'code,1,2\nP1,3,4\n' >empty-ish.txt
run "$LADDER" room --questionnaire cultural empty-ish.txt
expect_rc "a CSV not named .csv is told apart by its first line" 0
expect_err "... and read" "read empty-ish.txt (CSV of answers: 1 person of 1 row)"
run "$LADDER" present --questionnaire cultural
expect_rc "present --questionnaire without --room is a usage error" 2
expect_err "... naming the options of the room" "--key, --min-group and --questionnaire are for the room's files"

finish
