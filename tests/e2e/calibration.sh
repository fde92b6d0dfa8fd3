# The history shows how the self-rating and the choices in the situations
# move towards each other: a sentence from the first session to the one
# selected, and (c) a table area by area with the numbers of the stored
# results; --plain history says the same, overall and per area. The
# expected words and numbers are worked out here from the exported results
# by the bands of ladder-questionnaire(5).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

new_journal
Q="$SRCDIR/data/questionnaires/cultural.json"
# two sessions: middling answers, then the best answers with a middling
# self-rating (so the gap opens the other way); the first on set 1 of the
# situations, the second on set 2, so that neither is a repeat
py - "$Q" "$WORK" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
def sheet(best, set_):
    ans = {}
    for i, it in enumerate(q["items"]):
        if it.get("set") not in (None, set_):
            continue
        sc = q["scales"].get(it.get("scale"), {})
        if it["kind"] == "scenario":
            opts = it["options"]
            ans[it["id"]] = max(opts, key=lambda o: o["score"])["id"] if best else opts[i % len(opts)]["id"]
        elif it["axis"] == "perceived":
            ans[it["id"]] = sc["min"] + 2
        elif best:
            ans[it["id"]] = sc["min"] if it.get("reverse") else sc["max"]
        else:
            ans[it["id"]] = sc["min"] + i % 3
    return {"format": "ladder-answers", "format_version": 1, "questionnaire": "cultural",
            "set": set_, "answers": ans}
json.dump(sheet(False, 1), open(sys.argv[2] + "/a1.json", "w"))
json.dump(sheet(True, 2), open(sys.argv[2] + "/a2.json", "w"))
PY
for f in a1 a2; do
	"$LADDER" assess cultural --answers "$WORK/$f.json" --passphrase-file "$PASS" >/dev/null 2>&1
done
export_json "$WORK/e.json"
# expect: lines "KEY<TAB>VALUE" worked out from the export
py - "$WORK/e.json" "$Q" >"$WORK/expect" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = json.load(open(sys.argv[2]))
s1, s2 = [s["result"] for s in d["sessions"]]
def band(g):
    a = abs(g)
    if a < 0.1 - 1e-9: return "close"
    w = "somewhat" if a < 0.25 - 1e-9 else "a good deal"
    return "%s %s" % (w, "higher" if g > 0 else "lower")
g1, g2 = s1["calibration_gap"], s2["calibration_gap"]
a, b = abs(g1), abs(g2)
if b < 0.1 - 1e-9:
    head = "Your self-rating is now close to what your answers show" if a >= 0.1 - 1e-9 \
        else "Your self-rating is close to what your answers show, as it was at first"
elif b <= a - 0.05 + 1e-9:
    head = "are moving towards each other"
elif b >= a + 0.05 - 1e-9:
    head = "have moved apart"
else:
    head = "about as far apart as at first"
print("head\t" + head)
print("first\tat first it was %s (%d and %d)" % (band(g1), round(s1["axes"]["perceived"] * 100), round(s1["measured_competence"] * 100)) if b >= 0.1 - 1e-9 or a >= 0.1 - 1e-9 else "first\t")
print("one\tYour self-rating is %s%s what your choices" % (band(g1), " to" if band(g1) == "close" else " than"))
titles = {f["id"]: f["title"] for f in q["facets"]}
for f2, f1 in zip(s2["facets"], s1["facets"]):
    if f2["calibration_gap"] is None:
        continue
    row = "%s %d %d %+d %+d" % (titles[f2["id"]], round(f2["axes"]["perceived"] * 100),
        round(f2["measured_competence"] * 100), round(f2["calibration_gap"] * 100),
        round(f1["calibration_gap"] * 100))
    print("row\t" + row)
print("plain\t%s: " % titles[s2["facets"][0]["id"]])
PY
expect() { grep "^$1	" "$WORK/expect" | cut -f2-; }
squeeze() { printf '%s\n' "$SCREEN" | tr -s ' \n' '  '; }
has_squeezed() { case "$(squeeze)" in *"$1"*) return 0 ;; *) return 1 ;; esac; }

start 80 24 -- --passphrase-file "$PASS" history
expect_screen "history: two sessions" "2 sessions"
head=$(expect head)
expect_true "the sentence from the first session to the latest: '$head'" has_squeezed "$head"
first=$(expect first)
if [ -n "$first" ]; then
	expect_true "... with where it was at first: '$first'" has_squeezed "$first"
fi
keys c
expect_screen "c: area by area" "Answers"
rows_ok=true
while IFS= read -r row; do
	# the title, then the four numbers in their columns
	title=${row% * * * *}
	nums=${row#"$title" }
	line=$(printf '%s\n' "$SCREEN" | grep -F "$title" | tr -s ' ')
	case "$line" in *"$title $nums"*) ;; *) rows_ok=false; echo "  row: want '$title $nums', got '$line'" ;; esac
done <<EOF2
$(expect row)
EOF2
expect_true "... each area: self-rating, answers, gap, the first session's gap" $rows_ok
keys Up
one=$(expect one)
expect_true "the first session selected: its own sentence" wait_true has_squeezed "$one"
keys c
expect_screen "c again: the list" "first time"
keys q
expect_screen "q: home" "Where you stand"
keys q
wait_exit
expect_true "q: the program ends, status 0" [ "$rc" = 0 ]

# --plain history: the same, overall and per area
"$LADDER" --plain --passphrase-file "$PASS" history >"$WORK/out" 2>"$WORK/err"
SCREEN=$(cat "$WORK/out")
expect_true "plain history: a line per session" screen_has "    Self-rating "
expect_true "... the overall sentence" has_squeezed "Overall: "
expect_true "... the same words" has_squeezed "$head"
expect_true "... per area" screen_has "    $(expect plain)"
finish
