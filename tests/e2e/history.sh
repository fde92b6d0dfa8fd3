# The history screen with thousands of sessions (tmux): `ladder history`
# goes straight to it and shows quickly; the chart of rung over time, the
# count of moves up and down, the sessions list following the keys (Home,
# End, PgUp, PgDn), the moves-only list, opening a session, the other
# questionnaires and the reflections on their own; the same at 200x60 and
# after resizes. 3000 sessions come in through `ladder import`.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
N=3000
new_journal
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" assess tiny \
	--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
export_json "$WORK/one.json"
new_journal

# N sessions of tiny a day apart, the rung going 1 2 2 3 4 3 (two moves up,
# one down, one flat... per six), 5 of another questionnaire, 2 notes
py - "$WORK/one.json" "$WORK/many.json" "$N" <<'EOF'
import copy, datetime, json, sys, uuid
d = json.load(open(sys.argv[1]))
tmpl = d["sessions"][0]
n = int(sys.argv[3])
cycle = ["unconscious_incompetence", "conscious_incompetence", "conscious_incompetence",
         "conscious_competence", "unconscious_competence", "conscious_competence"]
start = datetime.datetime(2020, 1, 1, 9, 0, 0)
out = []
for i in range(n):
    s = copy.deepcopy(tmpl)
    s["id"] = str(uuid.uuid4())
    t = (start + datetime.timedelta(days=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    s["started_at"] = s["completed_at"] = t
    s["result"]["stage"] = cycle[i % len(cycle)]
    s["note"] = "Note of session %d." % i if i % 100 == 0 else None
    out.append(s)
for i in range(5):
    s = copy.deepcopy(tmpl)
    s["id"] = str(uuid.uuid4())
    s["questionnaire"]["id"] = s["result"]["questionnaire"]["id"] = "other"
    t = (start + datetime.timedelta(days=i, hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    s["started_at"] = s["completed_at"] = t
    s["note"] = None
    out.append(s)
out.sort(key=lambda s: s["completed_at"])
d["sessions"] = out
d["notes"] = [{"id": str(uuid.uuid4()), "at": "2021-05-05T10:00:00Z", "text": "On its own, first."},
              {"id": str(uuid.uuid4()), "at": "2021-06-06T10:00:00Z", "text": "On its own, second\nwith a second line."}]
d["transitions"] = []
json.dump(d, open(sys.argv[2], "w"))
rank = {c: k for k, c in enumerate(["unconscious_incompetence", "conscious_incompetence",
        "conscious_competence", "unconscious_competence"])}
st = [rank[cycle[i % 6]] for i in range(n)]
up = sum(1 for i in range(1, n) if st[i] > st[i - 1])
down = sum(1 for i in range(1, n) if st[i] < st[i - 1])
day = lambda i: (start + datetime.timedelta(days=i)).strftime("%Y-%m-%d")
with open(sys.argv[2] + ".sh", "w") as f:
    f.write("SUMMARY='%d sessions · %d moves up · %d moves down'\n" % (n, up, down))
    f.write("FIRST=%s SECOND=%s LAST=%s BACK40=%s\n" % (day(0), day(1), day(n - 1), day(n - 41)))
EOF
. "$WORK/many.json.sh"
"$LADDER" import "$WORK/many.json" --passphrase-file "$PASS" >/dev/null 2>"$WORK/import.err"
expect_true "the sessions are imported" [ $? = 0 ]

t0=$(date +%s%N)
start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" history
expect_screen "history: straight to the screen" "A tiny test questionnaire"
wait_for "$N sessions"
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
expect_true "$N sessions shown in under 3 seconds ($ms ms)" [ "$ms" -lt 3000 ]
expect_true "the moves counted up and down" screen_has "$SUMMARY"
expect_true "the chart's rungs" screen_has "4 Unconscious competence"
expect_true "the chart has points on every rung" eval '[ "$(rows_with "●")" -ge 3 ]'
expect_true "the last session is chosen" screen_has "▶ $LAST"
keys Home
expect_screen "Home: the first session" "▶ $FIRST"
expect_true "... its first time" screen_has "first time"
keys Down
expect_screen "Down: the next, a move up" "▶ $SECOND  rung 2"
expect_true "... said as a move up" screen_has "up from rung 1"
keys NPage
expect_screen "PageDown: further on" "▶ 2020-01-"
keys End
expect_screen "End: the last again" "▶ $LAST"
t0=$(date +%s%N)
i=0
while [ $i -lt 40 ]; do
	keys Up
	i=$((i + 1))
done
expect_screen "40 times Up" "▶ $BACK40"
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
expect_true "... answered quickly ($ms ms)" [ "$ms" -lt 3000 ]
keys t
expect_screen "t: the moves only" "showing the moves only"
expect_true "... every row a move" eval 'printf "%s\n" "$SCREEN" | awk "/  rung [1-4]  / && !/ from (rung )?[1-4]/ { bad = 1 } END { exit bad }"'
keys t
wait_gone "showing the moves only"

keys Enter
expect_screen "Enter: the session's result" "a past session"
expect_true "... its movement" screen_has "Where you stand"
keys q
expect_screen "q: back in the history where it was" "▶ $BACK40"

keys Right
expect_screen "Right: the other questionnaire" "other"
expect_true "... five sessions" screen_has "5 sessions"
keys Right
expect_screen "Right: the reflections on their own" "Reflections on their own"
expect_true "... both" screen_has "On its own, second"
keys Enter
expect_screen "Enter: the reflection in the editor" "with a second line."
keys Escape
expect_screen "Esc without changes: back" "Reflections on their own"
keys Right
expect_screen "Right again: back to the first" "$N sessions"

resize 200 60
expect_screen "200x60: the history" "$N sessions"
expect_true "... a longer list" wait_true eval '[ "$(rows_with "rung ")" -ge 30 ]'
resize 60 20
expect_screen "60x20: says the size it needs" "ladder needs at least 80"
resize 80 24
expect_screen "80x24 again" "$N sessions"
keys q
expect_screen "q: home" "What would you like to do?"
finish
