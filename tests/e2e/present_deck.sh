# Projector mode with a deck (ladder-present(1)):
# "What would you do?" slides (a situation and its options; 1-5 count the
# room's choices, u takes one back, r shows the spread, then the authors'
# best option with its reason and a question back to the room), the timer
# (t, on the facilitator's line), and a sweep of every slide kind at
# 80x24, 120x35 and 200x60, with and without colour, checking that no
# projected slide carries anything meant for the facilitator alone.
. "$(dirname "$0")/lib.sh"

DECK="$TESTDATA/deck/retreat.json"
ROOM="$TESTDATA/room"
big_rows() { printf '%s\n' "$SCREEN" | grep -c '[█▀▄▌▐▖▗▘▝▚▞▙▛▜▟]'; }
# rows of the two-row braille face (U+2801..U+28FF)
dots_rows() { printf '%s\n' "$SCREEN" | LC_ALL=C grep -c "$(printf '\342[\240-\243]')"; }
# "cut" when a slide row reaches the terminal's first or last column: the
# slide keeps a margin, so text that runs off it was cut
edge_rows() {
	printf '%s\n' "$SCREEN" | python3 -c '
import sys
w = int(sys.argv[1])
print(sum(1 for l in sys.stdin.read().split("\n")
	if (l[:1] not in ("", " ")) or len(l.rstrip()) >= w))' "$1"
}

# ---- a situation at 100x30, where the text is plain to read ----
start 100 30 -- present --deck "$DECK"
expect_screen "the deck's title and the line under it" "Retreat, day two"
expect_true "... the facilitator's line: 9 slides, the deck's 25 minutes" \
	screen_has "1/9 · 25:00 (t starts) · Title"
keys Right Right Right f
expect_screen "slide 4: a situation, its state first on the facilitator's line" \
	"4/9 · 0 choices counted, hidden · 25:00 (t starts)"
expect_true "... the situation the deck names" screen_has "What would you do? — Cultural comp"
expect_true "... its heading" screen_has "What would you do?"
expect_true "... its text" screen_has "You hold out your hand to greet a new"
expect_true "... option A" screen_has "A  Take it as his way of saying hello"
expect_true "... to option E" screen_has "E  Tell him kindly that here a handshake is"
keys 1 1 2
expect_screen "three choices counted, hidden" "3 choices counted, hidden"
keys f
wait_gone "4/9"
expect_not_screen "hidden: no percentages" "%"
expect_not_screen "hidden: no counts" " · "
keys u f
expect_screen "u takes the latest back" "2 choices counted, hidden"
keys 2 r
expect_screen "r shows the spread" "3 choices counted, spread shown"
expect_true "... A: 2 · 67% beside its bar" near "A  Take it as his way" "2 · 67%" 0
expect_true "... B: 1 · 33%" near "B  Ask him, there and then" "1 · 33%" 0
expect_true "... E: 0 · 0%" near "E  Tell him kindly" "0 · 0%" 0
expect_not_screen "... not yet the authors' answer" "Where might this answer be wrong?"
keys r
expect_screen "r again: a question back to the room" "Where might this answer be wrong?"
expect_true "... the best option's reason" screen_has "It notices that the hurt comes only from your own"
expect_true "... marked as the authors' best" screen_has "rated best"
expect_true "... and the state on the facilitator's line" screen_has "spread and answer shown"
expect_not_screen "no points, no names" "points"
keys r
wait_gone "Where might this answer be wrong?"
expect_not_screen "a third r hides it all" "%"
keys Right
expect_screen "the next situation has counts of its own: none yet" \
	"5/9 · 0 choices counted, hidden ·"
keys Left
expect_screen "back: the first situation kept its choices" "3 choices counted, hidden"

# ---- the timer ----
keys t
expect_screen "t starts the timer" "24:5"
keys t
expect_screen "t again pauses it" " paused"
paused=$(printf '%s' "$SCREEN" | grep -o '2[45]:[0-9][0-9] paused')
sleep 1.5
capture
expect_true "paused, it stands still ($paused)" screen_has "$paused"
keys q
if wait_exit; then ok "no hands counted: q leaves at once (choices are not saved)"; else not_ok "q leaves at once"; fi

# ---- 120x35: the rung names, counts and shares are drawn big (none of
# them as plain text) ----
start 120 35 -- present cultural
wait_for "1/7"
keys Right Right 1 2 2 3 r f
expect_screen "120x35: Where are you?, 4 hands shown" "4 hands counted, shown"
keys f
wait_gone "4 hands counted"
expect_not_screen "120x35: no rung name in plain text" "competence"
expect_not_screen "120x35: no share in plain text" "%"
expect_not_screen "... nor a count beside it" " · "
n=$(big_rows)
expect_true "120x35: big glyphs on most rows ($n)" [ "$n" -ge 20 ]
expect_not_screen "120x35: no short line under a rung name in plain text" "without thinking"
expect_not_screen "... nor another" "when I pay attention"
n=$(dots_rows)
expect_true "120x35: the short lines two rows high in the braille face ($n rows)" [ "$n" -ge 8 ]
keys Left
wait_gone "when I pay attention"
capture
expect_true "120x35: The four stages" screen_has "▀"
expect_not_screen "120x35: The four stages' short lines not in plain text" "without thinking"
n=$(dots_rows)
expect_true "... but two rows high ($n rows)" [ "$n" -ge 8 ]
keys End f
expect_screen "120x35: the summary" "7/7"
keys f
wait_gone "7/7"
expect_not_screen "120x35: the summary's shares are big too" "%"
keys q
wait_for "Save the counts"
keys n
wait_exit

# ---- 80x24: the situation whole over its spread and the authors' answer
# (its last line was lost before) ----
start 80 24 -- present --deck "$DECK"
wait_for "1/9"
keys Right Right Right 1 2 r r
wait_for "Where might this answer be wrong?"
expect_true "80x24: the situation's first words" screen_has "You hold out your hand"
expect_true "... and its last, over the options" screen_has "What do you do?"
expect_true "... option E whole" screen_has "usual greeting at work."
keys q
wait_exit

# ---- 200x60: a situation's options in big type, and their spread ----
start 200 60 -- present --deck "$DECK"
wait_for "1/9"
keys Right Right Right f
expect_screen "200x60: the situation" "4/9"
keys f
wait_gone "4/9"
expect_not_screen "200x60: option A not in plain text" "Take it as his way"
expect_not_screen "... nor option E" "Tell him kindly"
n=$(big_rows)
expect_true "200x60: the options drawn big ($n rows)" [ "$n" -ge 20 ]
keys 1 1 2 r r
sleep 0.3
settle
expect_not_screen "200x60: the spread's labels not in plain text" "67%"
expect_not_screen "... nor the authors' mark" "rated best"
n=$(dots_rows)
expect_true "200x60: options and labels two rows high at least ($n rows)" [ "$n" -ge 18 ]
expect_true "200x60: nothing cut at the edges" [ "$(edge_rows 200)" = 0 ]
keys q
wait_exit

# ---- 120x35: the room's view in big type, masked and not ----
start 120 35 -- present --deck "$DECK" --room "$ROOM/p1.json" "$ROOM/p2.json" \
	"$ROOM/p3.json" --min-group 2
wait_for "1/13"
keys End Left Left Left f
expect_screen "120x35: the room, a minimum group of 2" "10/13"
keys f
wait_gone "10/13"
expect_true "120x35: the reason for what is missing, in a line" \
	screen_has "Counts of fewer than 2 people are not shown"
expect_not_screen "120x35: the masked counts not in plain text" "competence:"
expect_not_screen "... nor their rung names" "Conscious competence"
expect_not_screen "... nor the movement" "Since their previous session"
n=$(dots_rows)
expect_true "120x35: rungs, counts and movement two rows high ($n rows)" [ "$n" -ge 16 ]
expect_true "120x35: nothing cut at the edges" [ "$(edge_rows 120)" = 0 ]
keys q
wait_for "Save the counts"
keys n
wait_exit
start 120 35 -- present --deck "$DECK" --room "$ROOM/p1.json" "$ROOM/p2.json" \
	"$ROOM/p3.json" --min-group 1
wait_for "1/13"
keys End Left Left Left f
wait_for "10/13 ·"
keys f
wait_gone "10/13 ·"
expect_true "120x35 unmasked: the room's movement" screen_has "▀"
expect_not_screen "120x35 unmasked: no movement label in plain text" "moved up"
expect_not_screen "... nor the line over it" "Since their previous session"
expect_not_screen "... nor a rung name" "Conscious competence"
expect_not_screen "... nor a share" "%"
n=$(dots_rows)
expect_true "120x35 unmasked: rungs, shares and labels two rows high ($n rows)" [ "$n" -ge 12 ]
# the room area by area: each area's name over its counts, two rows high
keys Right Right f
wait_for "12/13 ·"
keys f
wait_gone "12/13 ·"
expect_not_screen "120x35 areas: no area name in plain text" "Seeing your own lens"
expect_not_screen "... nor a count line" "1: "
n=$(dots_rows)
expect_true "120x35 areas: names and counts two rows high ($n rows)" [ "$n" -ge 8 ]
expect_true "120x35 areas: nothing cut at the edges" [ "$(edge_rows 120)" = 0 ]
keys q
wait_for "Save the counts"
keys n
wait_exit

# ---- every slide kind, every size, with and without colour: nothing on
# a projected slide is addressed to the facilitator ----
sed 's/"anonymous": true/"anonymous": false/' "$ROOM/p1.json" >"$WORK/full.json"
# (the room's view of the one questionnaire the deck names)
NAMES="Files read for the room|Title|The four stages|Where are you?|What would you do?|What would you do?|What would you do?|Discussion|Discussion|The room — Cultural|The room's self-rating — Cultural|The room by area — Cultural|Summary"
HINTS='press|Press|Right arrow|Space|\? keys|hides|shows|Revealed|Hidden|hidden|counted|Counted|Took back|1-4|1-5|f hides|t starts|q leaves| left|/13'
for size in "80 24" "120 35" "200 60"; do
	for colour in colour NO_COLOR; do
		set -- $size
		w=$1 h=$2
		if [ "$colour" = colour ]; then
			start "$w" "$h" -- present --deck "$DECK" --room "$ROOM/p1.json" \
				"$ROOM/p2.json" "$ROOM/p3.json" "$WORK/full.json"
		else
			start "$w" "$h" NO_COLOR=1 -- present --deck "$DECK" --room \
				"$ROOM/p1.json" "$ROOM/p2.json" "$ROOM/p3.json" "$WORK/full.json"
		fi
		what="${w}x$h $colour"
		wait_for "1/13"
		capture_escapes
		if [ "$colour" = colour ]; then
			expect_true "$what: colour escapes" eval 'printf "%s" "$SCREEN" | grep -q "\[38;5;\|\[3[0-7]m\|;3[0-7]m"'
		else
			expect_true "$what: no colour escapes" eval '! printf "%s" "$SCREEN" | grep -q "\[38;5;\|\[3[0-7]m\|;3[0-7]m"'
		fi
		keys Home
		wait_gone "1/13"
		i=1
		leaked=""
		while [ "$i" -le 13 ]; do
			name=$(printf '%s' "$NAMES" | cut -d'|' -f"$i")
			# counts and reveals on every slide (ignored where they
			# mean nothing): still nothing for the facilitator
			keys 1 2 3 r
			sleep 0.2
			settle
			if printf '%s\n' "$SCREEN" | grep -E -q -- "$HINTS"; then
				leaked="$leaked $i"
				not_ok "$what: slide $i ($name) shows a hint: $(printf '%s\n' "$SCREEN" | grep -E -o -- "$HINTS" | head -n 1)"
			fi
			e=$(edge_rows "$w")
			[ "$e" = 0 ] || not_ok "$what: slide $i ($name) is cut at an edge ($e rows)"
			if [ -z "$(printf '%s' "$SCREEN" | tr -d ' \n')" ]; then
				not_ok "$what: slide $i ($name) is empty"
			fi
			if [ "$w" -ge 120 ] && [ "$i" -gt 1 ]; then
				n=$(big_rows)
				[ "$n" -ge 4 ] || not_ok "$what: slide $i ($name) has no big type ($n rows)"
			fi
			keys f
			wait_for "$i/13 ·" || not_ok "$what: slide $i: the facilitator's line"
			screen_has "$name" || not_ok "$what: slide $i is $name"
			keys f
			wait_gone "$i/13 ·"
			keys Right
			i=$((i + 1))
		done
		expect_true "$what: eleven slides, none with a hint for the facilitator" [ -z "$leaked" ]
		keys q
		wait_for "Save the counts"
		keys n
		wait_exit
	done
done

finish
