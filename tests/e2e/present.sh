# Projector mode, end to end in a real terminal (tmux) at 80x24 and
# 200x60: big glyphs, the facilitator's line (shown until the first key,
# then only with f), navigation, the show of hands with undo, counts hidden
# until revealed and drawn as "2 · 67%", the help, the blank screen that
# only b or . undoes, saving the tallies (checked against
# data/schema/tally.schema.json), resizing, colours and NO_COLOR, the ASCII
# fallback, the room's start screen and view built from three anonymous
# exports with two bad files skipped by name, and signals.
. "$(dirname "$0")/lib.sh"

BLOCK='█'
ROOM="$TESTDATA/room"
# big_rows: lines of the last capture with big glyphs (half blocks or the
# condensed quadrant face)
big_rows() { printf '%s\n' "$SCREEN" | grep -c '[█▀▄▌▐▖▗▘▝▚▞▙▛▜▟]'; }

# The default deck (20 minutes): title, stages, for each built-in
# questionnaire "Where are you?" and one situation, one prompt, summary.
T=8 W2=5 C=7

# ---- 80x24: the default deck ----
start 80 24 -- present
expect_screen "80x24: starts on the title, the facilitator's line shows 1/$T" "1/$T · 20:00 (t starts) · Title"
expect_true "... it says where the keys are" screen_has "? keys"
expect_true "... and the timer, not started" screen_has "20:00 (t starts)"
n=$(big_rows)
expect_true "80x24: the title is drawn in big glyphs ($n rows)" [ "$n" -ge 8 ]
expect_true "80x24: the questionnaires under the title" \
	screen_has "Cultural competence  ·  Social-media competence"

keys Right
wait_gone "1/$T"
expect_true "the first key hides the facilitator's line" screen_lacks "2/$T"
expect_true "... the stages slide names all four" screen_has "Unconscious incompetence"
expect_true "... with their short lines" screen_has "I do it without thinking."
keys f
expect_screen "f shows the line again: 2/$T" "2/$T · 20:00 (t starts) · The four stages"
keys Space
expect_screen "Space: slide 3/$T" "3/$T · 0 hands counted, hidden"
expect_true "... Where are you?" screen_has "Where are you?"
expect_true "... of the first questionnaire" screen_has "Cultural competence"
keys Left
expect_screen "Left goes back" "2/$T"
keys NPage
expect_screen "PageDown goes on" "3/$T"
keys PPage
expect_screen "PageUp goes back" "2/$T"
keys NPage
wait_for "3/$T"

# hands: 1 1 3 4, then u takes the 4 back: 3 hands, hidden
keys 1 1 3 4
expect_screen "four hands counted, hidden (on the facilitator's line)" \
	"4 hands counted, hidden"
expect_true "... the line says what was counted" screen_has "Counted a"
keys u
expect_screen "u takes the last one back" "3 hands counted, hidden"
keys f
wait_gone "3/$T"
expect_not_screen "hidden: no percentages" "%"
expect_not_screen "hidden: no count beside a bar" " · "
keys f r
expect_screen "r shows the counts" "3 hands counted, shown"
expect_true "shown: rung 1 has 2 · 67% beside its bar" near "Unconscious incompetence" "$BLOCK.*2 · 67%" 1
expect_true "shown: rung 3 has 1 · 33%" near "Conscious competence" "$BLOCK.*1 · 33%" 1
expect_true "shown: rung 2 has no bar and 0 · 0%" near "Conscious incompetence" "  ░.*0 · 0%" 1
keys f
wait_gone "3/$T"
expect_true "f hides the line: the slide keeps the counts" screen_has "2 · 67%"
expect_not_screen "... and says nothing of the state" "hands counted"
keys r
wait_gone "2 · 67%"
keys r f
wait_for "3/$T"

# the help, and any key closes it
keys '?'
expect_screen "? shows the keys" "Keys: Projector mode"
expect_true "... present ID" screen_has "ladder present ID"
expect_true "... --room" screen_has "--room FILE"
expect_true "... --save-tally" screen_has "--save-tally FILE"
expect_true "... the deck" screen_has "--deck FILE"
expect_true "... the timer" screen_has "start or pause the timer"
expect_true "... f" screen_has "the facilitator's line: shown or hidden"
expect_true "... the situations' keys" screen_has "one choice of option A-E"
expect_true "... q leaves, asking about the counts" screen_has "leave (asks whether to save the counts)"
expect_true "... not 'back', as on the journal's screens" screen_lacks "back (from home, q quits)"
keys x
wait_gone "Keys: Projector mode"
expect_screen "any key closes the help" "3/$T"

# the blank screen: only b or . bring it back; a clicker's Right does not
keys b
wait_gone "3/$T"
expect_true "b blanks the whole screen" [ -z "$(printf '%s' "$SCREEN" | tr -d ' \n')" ]
keys Right Space 1 q Escape Left
sleep 0.3
capture
expect_true "blanked: Right, Space, 1, q, Esc and Left do nothing" \
	[ -z "$(printf '%s' "$SCREEN" | tr -d ' \n')" ]
keys .
expect_screen ". brings back the same slide" "3/$T"
expect_true "... with the same count (the 1 was ignored)" screen_has "3 hands counted"
keys b
wait_gone "3/$T"
keys b
expect_screen "b again brings it back too" "3/$T"

# to the last slide and back to the first
keys End
expect_screen "End: the summary, $T/$T" "$T/$T"
expect_true "the summary counts the hands" screen_has "Cultural competence  ·  3 hands"
expect_true "... and says where none were taken" screen_has "No show of hands."
expect_true "... as 2 · 67%" screen_has "2 · 67%"
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

# ---- 200x60 with --save-tally: colours, big type, no question ----
start 200 60 -- present --save-tally "$WORK/tally.json"
expect_screen "200x60: starts" "1/$T"
n=$(big_rows)
expect_true "200x60: the title is big ($n rows of glyphs)" [ "$n" -ge 20 ]
capture_escapes
expect_true "with colours: colour escapes on screen" eval 'printf "%s" "$SCREEN" | grep -q "\[38;5;\|\[3[0-7]m\|;3[0-7]m"'
i=1
while [ "$i" -lt "$W2" ]; do keys Right; i=$((i + 1)); done
keys f
expect_screen "$((W2 - 1)) slides on: Where are you? of the second questionnaire" \
	"$W2/$T · 0 hands counted, hidden · 20:00 (t starts) · Where are you? — Social-media competence"
keys 2 2 4 u
expect_screen "hands on the second questionnaire" "2 hands counted, hidden"
keys r
expect_screen "200x60: shown" "2 hands counted, shown"
n=$(rows_with "$BLOCK")
expect_true "200x60: the bars are tall ($n rows)" [ "$n" -ge 8 ]
expect_true "200x60: no rung name in small type: they are big" screen_lacks "Conscious incompetence"
resize 80 24
expect_screen "shrunk to 80x24: still on $W2/$T" "$W2/$T"
expect_true "... still shown, as 2 · 100%" near "Conscious incompetence" "2 · 100%" 1
resize 200 60
expect_screen "grown to 200x60 again" "$W2/$T"
keys q
if wait_exit; then ok "with --save-tally, q leaves without asking"; else not_ok "with --save-tally, q leaves without asking"; fi
expect_true "exit status 0" [ "$rc" = 0 ]
expect_true "the saved tally is valid against its schema" validate "$WORK/tally.json" tally.schema.json
expect_true "... with 2 hands on rung 2 of social-media" /usr/bin/env python3 -c '
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
expect_screen "NO_COLOR: hands and reveal work" "1 · 100%"
keys q
wait_for "Save the counts before you leave?"
keys n
if wait_exit; then ok "n leaves without saving"; else not_ok "n leaves without saving"; fi
expect_true "... and says so" grep -q "the counts were not saved" "$WORK/stderr"

# ---- the ASCII fallback in a terminal without UTF-8 ----
start 200 60 LC_ALL=C LANG=C -- present cultural
expect_screen "LC_ALL=C: starts" "1/$C"
n=$(rows_with "#")
expect_true "ASCII glyphs drawn with # ($n rows)" [ "$n" -ge 10 ]
expect_not_screen "... and no block characters" "$BLOCK"
keys q
wait_exit

# ---- the room: a start screen of what was read and skipped, then the
# deck with the room's view before the summary ----
sed 's/"anonymous": true/"anonymous": false/' "$ROOM/p1.json" >"$WORK/full.json"
printf '{"format": "ladder-export", "format_version": 1,\n  "anonymous": tru' >"$WORK/broken.json"
# the room of three as it is, with no minimum group (--min-group 1)
start 80 24 -- present --room "$ROOM/p1.json" "$ROOM/p2.json" "$ROOM/p3.json" \
	"$WORK/full.json" "$WORK/broken.json" --min-group 1
# the start screen, and per questionnaire the room's view, its self-rating
# and its areas
R=$((T + 1 + 2 * 3))
expect_screen "room: opens on what was read, before the first slide" \
	"3 of 5 files read with --room, 2 skipped"
expect_true "room: 1/$R" screen_has "1/$R · 20:00 (t starts) · Files read for the room"
expect_true "room: the full export is named with why" \
	screen_has "Skipped  $WORK/full.json:5:16: not an anonymous export"
expect_true "room: the broken one too" screen_has "Skipped  $WORK/broken.json:2:"
expect_true "room: and what was read" screen_has "Read     $ROOM/p1.json (anonymous export)"
keys Right
wait_gone "files read with --room"
keys End Left Left Left Left Left Left f
expect_screen "room: the room's view is before the summary" "$((R - 6))/$R · 20:00 (t starts) · The room — Cultural competence"
expect_true "room: three people" screen_has "Cultural competence  ·  3 people"
expect_true "room: now 2 on rung 2 (2 · 67%)" near "Conscious incompetence" "$BLOCK.*2 · 67%" 1
expect_true "room: 1 on rung 3" near "Conscious competence" "$BLOCK.*1 · 33%" 1
expect_true "room: none on rung 1" near "Unconscious incompetence" "  ░.*0 · 0%" 1
expect_true "room: movement" screen_has "Since their previous session: 1 up, 1 down, 1 stayed, 0 first time"
expect_not_screen "room: no file names on the room's view" "Skipped"
keys Right
expect_screen "room: then how the room rates itself" "The room's self-rating — Cultural competence"
expect_true "... big type, not lines of text" screen_lacks "Above their choices:"
keys Right
expect_screen "room: then its areas" "The room by area — Cultural competence"
expect_true "... each area's rungs" screen_has "Seeing your own lens:"
keys Right
expect_screen "room: the second questionnaire" "The room — Social-media competence"
expect_true "room: two people" screen_has "Social-media competence  ·  2 people"
expect_true "room: movement of the second" screen_has "1 up, 0 down, 0 stayed, 1 first time"
expect_true "room: 1 on rung 1" near "Unconscious incompetence" "$BLOCK.*1 · 50%" 1
expect_true "room: 1 on rung 3" near "Conscious competence" "$BLOCK.*1 · 50%" 1
keys Right Right Right
expect_screen "room: then the summary" "$R/$R"
keys q
wait_exit
expect_true "stderr: the full export is refused by name" \
	grep -q -F "skipped $WORK/full.json:5:16: not an anonymous export" "$WORK/stderr"
expect_true "stderr: the broken file is refused by name" \
	grep -q -F "skipped $WORK/broken.json:2:" "$WORK/stderr"

# ---- the same room with the default minimum group of 5: nothing finer ----
start 80 24 -- present --room "$ROOM/p1.json" "$ROOM/p2.json" "$ROOM/p3.json" \
	"$WORK/full.json" "$WORK/broken.json"
expect_screen "min-group: opens on what was read" "3 of 5 files read with --room, 2 skipped"
keys End Left Left Left Left Left Left
expect_screen "min-group: the room's view" "The room"
keys f
expect_screen "... of the first questionnaire" "The room — Cultural competence"
keys f
wait_gone "The room — Cultural competence"
expect_true "min-group: what was read and skipped is on stderr before the show" \
	grep -q -F "ladder: room: 3 of 5 files read, 2 skipped" "$WORK/stderr"
expect_true "min-group: three people are fewer than 5" \
	screen_has "Cultural competence  ·  fewer than 5 people"
expect_true "min-group: says why nothing is counted" \
	screen_has "Fewer than 5 people: their counts are not shown"
expect_not_screen "min-group: no percentage" "%"
expect_not_screen "min-group: no bars" "$BLOCK"
expect_not_screen "min-group: no movement count" "1 up"
keys Right f
expect_screen "min-group: then how the room rates itself" "The room's self-rating — Cultural competence"
keys f
wait_gone "The room's self-rating"
expect_true "min-group: three people with results are fewer than 5" \
	screen_has "fewer than 5 with results"
expect_not_screen "min-group: no self-rating counts" "Above their choices"
keys Right Right f
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
keys Right Right 4 4 3 f
wait_for "3 hands counted"
kill -TERM "$(ladder_pid)"
wait_exit
expect_true "SIGTERM: status 143" [ "$rc" = 143 ]
expect_true "SIGTERM: says so" grep -q "ladder: asked to stop" "$WORK/stderr"
expect_true "SIGTERM: the counts are in the --save-tally file" \
	grep -q '"unconscious_competence":	2' "$WORK/term.json"

mkdir "$WORK/cwd"
E2E_CWD="$WORK/cwd" start 80 24 -- present cultural
wait_for "1/$C"
keys Right Right 2 f
wait_for "1 hand counted"
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
expect_true "Ctrl-C with no hands counted: leaves at once, status 130" [ "$rc" = 130 ]
start 80 24 -- present cultural
wait_for "1/$C"
keys Right Right 1 f
wait_for "1 hand counted"
keys C-c
expect_screen "Ctrl-C with hands counted: asks whether to save" "Save the counts before you leave?"
keys n
wait_exit
expect_true "... n leaves, status 130" [ "$rc" = 130 ]
expect_true "... saying the counts were not saved" grep -q "the counts were not saved" "$WORK/stderr"

# ---- refused before the screen starts ----
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
