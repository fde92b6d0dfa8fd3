# Repeats and the one movement on the full screen (tmux): three sessions of
# a questionnaire with two sets (set 1, set 2, set 1 again) recorded with
# `assess --answers`; history counts the moves as export does and marks the
# repeat with the day it repeats; the repeat's result says so in words.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$WORK/q"
mkdir -p "$QD"
cp "$TESTDATA/sets/q-sets.json" "$QD/"
new_journal
HIGH='"c1": 5, "w1": 5, "u1": 5, "p1": 5, "t_c": 5, "t_w": 5, "t_u": 5, "t_p": 5'
LOW='"c1": 1, "w1": 5, "u1": 1, "p1": 1, "t_c": 1, "t_w": 5, "t_u": 1, "t_p": 1'
n=0
for s in "$HIGH, \"s1a\": \"a\"" "$LOW, \"s1b\": \"a\"" "$HIGH, \"s1a\": \"a\""; do
	n=$((n + 1))
	printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "sets", "answers": {%s}}\n' "$s" >"$WORK/a$n.json"
	LADDER_NOW=2026-01-0${n}T10:00:00Z "$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" \
		assess sets --answers "$WORK/a$n.json" >/dev/null 2>&1
done

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS" history
expect_screen "history: the three sessions" "3 sessions"
expect_true "one move up and one down, as the export counts them" screen_has "1 move up · 1 move down"
expect_true "the repeat marked with the day it repeats" screen_has "ituations as on 2026-01-01 (set 1)"
expect_true "the move that led to it" screen_has "↑ up from rung 2"
keys Enter
expect_screen "the repeat's result" "Where you stand"
press_until PageDown "Since last time" 6
expect_true "its movement says it repeats set 1 of 2026-01-01" \
	press_until PageDown "same situations as on 2026-01-01 (set 1)" 4
keys q
expect_screen "back in the history" "3 sessions"
start 80 24 -- --questionnaires "$QD" --passphrase-file "$PASS" history
expect_screen "80x24: the history" "3 sessions"
expect_true "80x24: the repeat still marked" screen_has_any "same situations" "repeat"
keys q
finish
