# The paper session's last step, end to end: a CSV of answers typed in from
# the sheets puts the room on the projector with no journal and no export
# (present --room FILE.csv --questionnaire ID), its bad row reported by
# file, row and column on standard error before the first slide, and the
# room's view the same as `ladder room` reports for that file.
. "$(dirname "$0")/lib.sh"

BLOCK='█'
# 8 people on set 1 of cultural, by question numbers as on the sheet, and a
# ninth whose answer to question 4 cannot be read
python3 - "$SRCDIR/data/questionnaires/cultural.json" "$WORK/paper.csv" <<'PY'
import json, random, sys
q = json.load(open(sys.argv[1]))
items = [i for i in q["items"] if i.get("set") in (None, 1)]
rnd = random.Random(8)
with open(sys.argv[2], "w") as f:
    f.write("code," + ",".join(str(n + 1) for n in range(len(items))) + "\n")
    for p in range(9):
        cells = [f"P{p}"]
        for it in items:
            if it["kind"] == "scenario":
                cells.append("ABCDE"[rnd.randrange(len(it["options"]))])
            else:
                cells.append(str(rnd.randint(1, 5)))
        if p == 4:
            cells[4] = "G"
        f.write(",".join(cells) + "\n")
PY
"$LADDER" room --questionnaire cultural --min-group 1 --json "$WORK/paper.csv" \
	>"$WORK/room.json" 2>/dev/null
# the rung with the most people, and its count, as the room view shows them
set -- $(python3 - "$WORK/room.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["questionnaires"][0]
names = ["Unconscious incompetence", "Conscious incompetence",
         "Conscious competence", "Unconscious competence"]
ids = ["unconscious_incompetence", "conscious_incompetence",
       "conscious_competence", "unconscious_competence"]
k = max(range(4), key=lambda i: q["rungs"][ids[i]])
n = q["rungs"][ids[k]]
print(q["people"], n, round(100 * n / q["people"]), names[k].split()[-1])
PY
)
PEOPLE=$1 TOP=$2 PCT=$3 WORD=$4
expect_true "room: the CSV gives 8 people" [ "$PEOPLE" = 8 ]
# the room's self-rating and its first area, as ladder room counts them
set -- $(python3 - "$WORK/room.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["questionnaires"][0]
c = q["calibration"]
r = q["areas"][0]["rungs"]
print(c["above"], c["in_line"], c["below"], r["unconscious_incompetence"],
      r["conscious_incompetence"], r["conscious_competence"], r["unconscious_competence"])
PY
)
A1=$4 A2=$5 A3=$6 A4=$7

start 80 24 -- present --room "$WORK/paper.csv" --questionnaire cultural --min-group 1
expect_screen "csv: opens on what was read" "1 of 1 file read with --room, 0 skipped"
expect_true "csv: the file, read as a CSV of answers" screen_has "Read     $WORK/paper.csv"
keys End Left f
expect_screen "csv: the room by area, before the summary" "The room by area — Cultural competence"
expect_true "csv: the first area's rungs as ladder room counts them" \
	screen_has "Seeing your own lens:  1: $A1  2: $A2  3: $A3  4: $A4"
keys Left
expect_screen "csv: the room's self-rating" "The room's self-rating — Cultural competence"
expect_true "... what its rows mean, in words" screen_has "Each person's own rating of their skill"
expect_true "... above, in line and below in big type (not as lines of text)" \
	screen_lacks "Above their choices:"
expect_true "... drawn in the condensed face" [ "$(rows_with '▙')" -ge 3 ]
keys Left
expect_screen "csv: the room's view" "The room — Cultural competence"
expect_true "csv: 8 people from the sheets" screen_has "Cultural competence  ·  8 people"
expect_true "csv: the largest rung as ladder room counts it ($TOP, $PCT%)" \
	near "$WORD" "$BLOCK.*$PCT%" 1
expect_not_screen "csv: no file skipped" "Skipped"
keys q
wait_exit
expect_true "csv: status 0" [ "$rc" = 0 ]
expect_true "csv: stderr says 8 people of 9 rows" \
	grep -q -F "read $WORK/paper.csv (CSV of answers: 8 people of 9 rows; 1 row not read)" "$WORK/stderr"
expect_true "csv: the bad cell by row and column" \
	grep -q -F "paper.csv:6: row 6, column E (\"4\"): impossible answer \"G\" to question 4" "$WORK/stderr"

# without --questionnaire the numbers fit both built-in questionnaires:
# skipped with the reason, on the room's view and on standard error
start 80 24 -- present --room "$WORK/paper.csv"
expect_screen "ambiguous: the first screen says it was skipped" "0 of 1 file read with --room, 1 skipped"
keys End Left
expect_screen "ambiguous: the room's view says nothing could be used" \
	"None of the files given with --room could be used."
keys q
wait_exit
expect_true "ambiguous: stderr names the candidates and the option" \
	grep -q -F "fits 2 questionnaires (cultural, social-media): its question numbers do not say which (expected --questionnaire ID" "$WORK/stderr"

finish
