# Colours and sizes (tmux): with a 256-colour terminal the screens use
# colour; NO_COLOR, --no-color and a terminal without colours give none,
# and the person's rung is still marked (pointer, heavy rung, words). The
# same screens at 80x24 and 200x60; the help overlay; a resize on the
# result and the editor.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" assess tiny \
	--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
expect_true "a session to show" [ $? = 0 ]

# a result screen, reached from the history (a past session: "you were here")
show_result() {
	wait_for "What would you like to do?"
	keys 2
	wait_for "1 session"
	keys Enter
	wait_for "you were here"
}

start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS"
show_result
capture_escapes
expect_true "256 colours: colour on screen" colour_escapes
expect_true "the rung is marked by a pointer and words" \
	eval 'printf "%s\n" "$SCREEN" | grep -q "▶.*you were here"'

# 8 colours: colour, but none of the 256-colour palette
start 80 24 TERM=screen -- --questionnaires "$QD" --passphrase-file "$PASS"
show_result
capture_escapes
expect_true "8 colours: colour on screen" colour_escapes
expect_true "8 colours: none of the 256" eval '! printf "%s" "$SCREEN" | grep -q "\[38;5;\|;38;5;"'

for how in NO_COLOR --no-color TERM=vt220; do
	case $how in
	NO_COLOR) start 80 24 NO_COLOR=1 -- --questionnaires "$QD" --passphrase-file "$PASS" ;;
	--no-color) start 80 24 -- --no-color --questionnaires "$QD" --passphrase-file "$PASS" ;;
	TERM=vt220) start 80 24 TERM=vt220 -- --questionnaires "$QD" --passphrase-file "$PASS" ;;
	esac
	show_result
	expect_screen "$how: the result shows" "you were here"
	capture_escapes
	expect_true "$how: no colour escapes" eval '! colour_escapes'
	capture
	expect_true "$how: the rung is still marked" \
		eval 'printf "%s\n" "$SCREEN" | grep -q "▶ .*━.*you were here"'
	expect_true "$how: bars still drawn" screen_has "█"
	keys q
	wait_for "1 session"
	capture_escapes
	expect_true "$how: history without colour" eval '! colour_escapes'
done

# 200x60: the same screens, centred, everything on one page
start 200 60 -- --questionnaires "$QD" --passphrase-file "$PASS"
expect_screen "200x60: home" "What would you like to do?"
keys '?'
expect_screen "? shows the keys of home" "Keys: Home"
keys x
wait_gone "Keys: Home"
show_result
expect_screen "200x60: the whole result on one page" "Your reflection"
expect_true "... with the next steps" screen_has "Area by area"
keys w
expect_screen "200x60: the editor" "Some questions to start from"
type_text "Wide."
resize 80 24
expect_screen "resized to 80x24 while writing: the text stays" "Wide."
resize 60 20
expect_screen "60x20 while writing: says the size it needs" "ladder needs at least 80"
resize 100 30
expect_screen "larger again: the editor is back" "Wide."
keys Escape
expect_screen "Esc with changes asks" "Save this reflection?"
keys d
expect_screen "d discards" "The changes were not saved."
finish
