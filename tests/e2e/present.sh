# Projector mode, end to end in a real terminal (tmux) at 80x24 and
# 200x60: big glyphs, the footer, navigation, tallies and undo, counts
# hidden until revealed, the help, the blank screen, saving the tallies
# (checked against data/schema/tally.schema.json), resizing, colours and
# NO_COLOR, the ASCII fallback, and the room's view built from three
# anonymous exports with two bad files skipped by name.
. "$(dirname "$0")/lib.sh"

BLOCK='█'
ROOM="$TESTDATA/room"

# The default deck: the title, the four stages, for each built-in
# questionnaire a "Where are you?" slide and its discussion prompts, and
# the summary. Its length (T) and the place of the second questionnaire's
# "Where are you?" (W2) follow from the questionnaires' prompts.
QDIR="$SRCDIR/data/questionnaires"
set -- $(python3 - "$QDIR/cultural.json" "$QDIR/social-media.json" <<'EOF'
import json, sys
c, s = (len(json.load(open(f)).get("prompts", [])) for f in sys.argv[1:])
print(2 + (1 + c) + (1 + s) + 1, 2 + (1 + c) + 1, 2 + (1 + c) + 1)
EOF
)
# T: both questionnaires; W2: the second one's "Where are you?"; C: the
# cultural questionnaire alone; R: both, after the room's two slides
T=$1 W2=$2 C=$3 R=$(($1 + 2))

# ---- 80x24: the default deck (both built-in questionnaires, $T slides) --
start 80 24 -- present
expect_screen "80x24: starts on the title, 1 of $T" "1/$T"
expect_true "80x24: footer names the slide" screen_has " Title"
n=$(rows_with "$BLOCK")
expect_true "80x24: the title is drawn in big glyphs ($n rows)" [ "$n" -ge 10 ]
expect_true "80x24: the questionnaires under the title" \
	screen_has "Cultural competence  ·  Social-media competence"

keys Right
expect_screen "Right: the four stages, 2/$T" "2/$T"
expect_true "the stages slide names all four" screen_has "Unconscious incompetence"
expect_true "... with their short lines" screen_has "I do it without thinking."
keys Space
expect_screen "Space: Where are you? of the first questionnaire" \
	"Where are you? — Cultural competence"
expect_true "... slide 3/$T" screen_has "3/$T"
keys Left
expect_screen "Left goes back" "2/$T"
keys NPage
expect_screen "PageDown goes on" "3/$T"
keys PPage
expect_screen "PageUp goes back" "2/$T"
keys NPage
wait_for "3/$T"

# tallies: 1 1 3 4, then u takes the 4 back: 3 votes hidden
keys 1 1 3 4
expect_screen "four votes counted, hidden" "4 votes counted, hidden until you press r"
keys u
expect_screen "u undoes the last vote" "3 votes counted, hidden until you press r"
expect_not_screen "hidden: no count per rung" "rung 1:"
expect_not_screen "hidden: no percentages" "%"
keys r
expect_screen "r reveals the counts" \
	"3 votes: rung 1: 2 (67%) · rung 2: 0 (0%) · rung 3: 1 (33%) · rung 4: 0 (0%)"
expect_true "revealed: rung 1 shows 67% next to its bar" near "Unconscious incompetence" "$BLOCK.*67%" 2
expect_true "revealed: rung 3 shows 33% next to its bar" near "Conscious competence" "$BLOCK.*33%" 2
expect_true "revealed: rung 2 has no bar" near "Conscious incompetence" "  ░.*0%" 2
keys r
expect_screen "r hides them again" "3 votes counted, hidden until you press r"
keys r

# the help, and any key closes it
keys '?'
expect_screen "? shows the keys" "Keys in projector mode"
expect_true "... and how to run a session" screen_has "Running a session"
keys x
wait_gone "Keys in projector mode"
expect_screen "any key closes the help" "3/$T"

# the blank screen
keys b
wait_gone "3/$T"
expect_true "b blanks the whole screen" [ -z "$(printf '%s' "$SCREEN" | tr -d ' \n')" ]
keys b
expect_screen "b again brings the slide back" "3/$T"

# to the last slide and back to the first
keys End
expect_screen "End: the summary, $T/$T" "$T/$T"
expect_true "the summary counts the votes" screen_has "Cultural competence  ·  3 votes"
expect_true "... and says where none were taken" screen_has "No votes counted."
keys Home
expect_screen "Home: the title" "1/$T"

# resizing: smaller than 80x24 says so, larger carries on
resize 60 20
expect_screen "below 80x24 it says what it needs" "ladder needs at least 80×24; this terminal is 60×20"
resize 100 30
expect_screen "grown again, the slide is back" "1/$T"

# q asks whether to save; y asks where; Enter saves
keys q
expect_screen "q asks whether to save the counts" "Save the counts before you leave?"
keys Escape
wait_gone "Save the counts before you leave?"
expect_screen "Esc stays" "1/$T"
keys q
wait_for "Save the counts before you leave?"
keys y
expect_screen "y asks for a file name" "Save the counts to this file:"
keys C-u
type_text "$WORK/asked.json"
keys Enter
if wait_exit; then ok "Enter saves and leaves"; else not_ok "Enter saves and leaves"; fi
expect_true "exit status 0" [ "$rc" = 0 ]
expect_true "the file is written" [ -f "$WORK/asked.json" ]
expect_true "stderr says where the counts are" grep -q -F "the counts are saved in $WORK/asked.json" "$WORK/stderr"
expect_true "the saved tally is valid against its schema" validate "$WORK/asked.json" tally.schema.json
expect_true "... and holds the counts" grep -q '"unconscious_incompetence":	2' "$WORK/asked.json"

# ---- 200x60 with --save-tally: colours, a larger title, no question ----
start 200 60 -- present --save-tally "$WORK/tally.json"
expect_screen "200x60: starts" "1/$T"
n=$(rows_with "$BLOCK")
expect_true "200x60: the title fills the screen ($n rows of glyphs)" [ "$n" -ge 40 ]
capture_escapes
expect_true "with colours: colour escapes on screen" eval 'printf "%s" "$SCREEN" | grep -q "\[38;5;\|\[3[0-7]m\|;3[0-7]m"'
i=1
while [ "$i" -lt "$W2" ]; do keys Right; i=$((i + 1)); done
expect_screen "$((W2 - 1)) slides on: Where are you? of the second questionnaire" \
	"Where are you? — Social-media competence"
expect_true "... slide $W2/$T" screen_has "$W2/$T"
keys 2 2 4 u
expect_screen "votes on the second questionnaire" "2 votes counted, hidden until you press r"
keys r
expect_screen "200x60: revealed" "2 votes: rung 1: 0 (0%) · rung 2: 2 (100%)"
n=$(rows_with "$BLOCK")
expect_true "200x60: the bars are tall ($n rows)" [ "$n" -ge 8 ]
resize 80 24
expect_screen "shrunk to 80x24: still on $W2/$T" "$W2/$T"
expect_true "... still revealed" screen_has "2 votes: rung 1: 0 (0%)"
resize 200 60
expect_screen "grown to 200x60 again" "$W2/$T"
keys q
if wait_exit; then ok "with --save-tally, q leaves without asking"; else not_ok "with --save-tally, q leaves without asking"; fi
expect_true "exit status 0" [ "$rc" = 0 ]
expect_true "the saved tally is valid against its schema" validate "$WORK/tally.json" tally.schema.json
expect_true "... with 2 votes on rung 2 of social-media" /usr/bin/env python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
q = {e["id"]: e for e in d["questionnaires"]}
sys.exit(not (q["social-media"]["counts"]["conscious_incompetence"] == 2
    and q["social-media"]["total"] == 2 and q["cultural"]["total"] == 0))' "$WORK/tally.json"

# ---- NO_COLOR: no colour escapes, the meaning stays ----
start 80 24 NO_COLOR=1 -- present cultural
expect_screen "NO_COLOR: starts, one questionnaire: $C slides" "1/$C"
capture_escapes
expect_true "NO_COLOR: no colour escapes" eval '! printf "%s" "$SCREEN" | grep -q "\[38;5;\|\[3[0-7]m\|;3[0-7]m"'
keys Right Right 1 r
expect_screen "NO_COLOR: votes and reveal work" "1 vote: rung 1: 1 (100%)"
keys q
wait_for "Save the counts before you leave?"
keys n
if wait_exit; then ok "n leaves without saving"; else not_ok "n leaves without saving"; fi
expect_true "... and says so" grep -q "the counts were not saved" "$WORK/stderr"

# ---- the ASCII fallback in a terminal without UTF-8 ----
start 200 60 LC_ALL=C LANG=C -- present cultural
expect_screen "LC_ALL=C: starts" "1/$C"
n=$(rows_with "###")
expect_true "ASCII glyphs drawn with # ($n rows)" [ "$n" -ge 10 ]
expect_not_screen "... and no block characters" "$BLOCK"
keys q
wait_exit

# ---- the room's view from three anonymous exports, two bad files ----
sed 's/"anonymous": true/"anonymous": false/' "$ROOM/p1.json" >"$WORK/full.json"
printf '{"format": "ladder-export", "format_version": 1,\n  "anonymous": tru' >"$WORK/broken.json"
# the room of three as it is, with no minimum group (--min-group 1)
start 80 24 -- present --room "$ROOM/p1.json" "$ROOM/p2.json" "$ROOM/p3.json" \
	"$WORK/full.json" "$WORK/broken.json" --min-group 1
expect_screen "room: opens on the room's view" "The room — Cultural competence"
expect_true "room: $R slides, the first" screen_has "1/$R"
expect_true "room: three people" screen_has "Cultural competence  ·  3 people"
expect_true "room: now 2 on rung 2 (67%)" near "Conscious incompetence" "$BLOCK.*67%" 1
expect_true "room: 1 on rung 3 (33%)" near "Conscious competence" "$BLOCK.*33%" 1
expect_true "room: none on rung 1" near "Unconscious incompetence" "  ░.*0%" 1
expect_true "room: movement" screen_has "Since their previous session: 1 up, 1 down, 1 stayed, 0 first time"
expect_true "room: a skipped file is named on screen" screen_has "Skipped $WORK/full.json"
keys Right
expect_screen "room: the second questionnaire" "The room — Social-media competence"
expect_true "room: two people" screen_has "Social-media competence  ·  2 people"
expect_true "room: movement of the second" screen_has "1 up, 0 down, 0 stayed, 1 first time"
expect_true "room: 1 on rung 1 (50%)" near "Unconscious incompetence" "$BLOCK.*50%" 1
expect_true "room: 1 on rung 3 (50%)" near "Conscious competence" "$BLOCK.*50%" 1
expect_true "room: none on rung 2" near "Conscious incompetence" "  ░.*0%" 1
keys Right
expect_screen "room: then the title" "3/$R"
keys q
wait_exit
expect_true "stderr: the full export is refused by name" \
	grep -q -F "skipped $WORK/full.json:5:16: not an anonymous export" "$WORK/stderr"
expect_true "stderr: the broken file is refused by name" \
	grep -q -F "skipped $WORK/broken.json:2:" "$WORK/stderr"

# ---- the same room with the default minimum group of 5: nothing finer ----
start 80 24 -- present --room "$ROOM/p1.json" "$ROOM/p2.json" "$ROOM/p3.json" \
	"$WORK/full.json" "$WORK/broken.json"
expect_screen "min-group: opens on the room's view" "The room — Cultural competence"
expect_true "min-group: what was read and skipped is on stderr before the show" \
	grep -q -F "ladder: room: 3 of 5 files read, 2 skipped" "$WORK/stderr"
expect_true "min-group: three people are fewer than 5" \
	screen_has "Cultural competence  ·  fewer than 5 people"
expect_true "min-group: says why nothing is counted" \
	screen_has "Fewer than 5 people: their counts are not shown"
expect_not_screen "min-group: no percentage" "%"
expect_not_screen "min-group: no bars" "$BLOCK"
expect_not_screen "min-group: no movement count" "1 up"
keys Right
expect_screen "min-group: the second questionnaire" "The room — Social-media competence"
expect_true "min-group: two people are fewer than 5 too" \
	screen_has "Social-media competence  ·  fewer than 5 people"
expect_not_screen "min-group: no percentage there either" "%"
keys q
wait_exit
run_rc() { "$LADDER" "$@" >/dev/null 2>"$WORK/err2"; echo $?; }
expect_true "--min-group 0 is a usage error" [ "$(run_rc present --room "$ROOM/p1.json" --min-group 0)" = 2 ]
expect_true "--key without --room is a usage error" [ "$(run_rc present --key "$WORK/none.key")" = 2 ]

# ---- signals: the counts are not lost, the status says which ----
# ladder_pid: the program in the pane (a child of the pane's shell)
ladder_pid() { pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -n 1; }
start 80 24 -- present cultural --save-tally "$WORK/term.json"
wait_for "1/$C"
keys Right Right 4 4 3
wait_for "3 votes counted"
kill -TERM "$(ladder_pid)"
wait_exit
expect_true "SIGTERM: status 143" [ "$rc" = 143 ]
expect_true "SIGTERM: says so" grep -q "ladder: asked to stop" "$WORK/stderr"
expect_true "SIGTERM: the counts are in the --save-tally file" \
	grep -q '"unconscious_competence":	2' "$WORK/term.json"

mkdir "$WORK/cwd"
E2E_CWD="$WORK/cwd" start 80 24 -- present cultural
wait_for "1/$C"
keys Right Right 2
wait_for "1 vote counted"
kill -HUP "$(ladder_pid)"
wait_exit
expect_true "SIGHUP: status 129" [ "$rc" = 129 ]
expect_true "SIGHUP: says so" grep -q "ladder: the terminal went away" "$WORK/stderr"
saved=$(ls "$WORK/cwd"/ladder-tally-*.json 2>/dev/null | head -n 1)
expect_true "SIGHUP without --save-tally: the counts saved in the current folder" \
	[ -n "$saved" ]
expect_true "... a valid tally" validate "$saved" tally.schema.json
expect_true "... named on stderr" grep -q "the counts are saved in ladder-tally-" "$WORK/stderr"

start 80 24 -- present cultural
wait_for "1/$C"
keys C-c
wait_exit
expect_true "Ctrl-C with no votes: leaves at once, status 130" [ "$rc" = 130 ]
start 80 24 -- present cultural
wait_for "1/$C"
keys Right Right 1
wait_for "1 vote counted"
keys C-c
expect_screen "Ctrl-C with votes: asks whether to save" "Save the counts before you leave?"
keys n
wait_exit
expect_true "... n leaves, status 130" [ "$rc" = 130 ]
expect_true "... saying the counts were not saved" grep -q "the counts were not saved" "$WORK/stderr"

# ---- a folder that does not exist is refused before the screen starts ----
"$LADDER" present --save-tally "$WORK/no/such/t.json" </dev/null >"$WORK/out" 2>"$WORK/err"
rc=$?
expect_true "--save-tally into a missing folder: status 1" [ "$rc" = 1 ]
expect_true "... named" grep -q -F "$WORK/no/such/t.json: cannot save the counts there" "$WORK/err"
"$LADDER" present </dev/null >"$WORK/out" 2>"$WORK/err"
rc=$?
expect_true "without a terminal: status 1" [ "$rc" = 1 ]
expect_true "... and why" grep -q "needs a terminal" "$WORK/err"
"$LADDER" present nosuch </dev/null >"$WORK/out" 2>"$WORK/err"
expect_true "an unknown questionnaire is named" grep -q 'no questionnaire "nosuch"' "$WORK/err"

finish
