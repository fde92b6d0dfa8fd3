# Projector mode's timer (ladder-present(1), PROJECTOR MODE): with --minutes 1, t
# starts it; while time is left the slide carries no mark; when the time is
# up a quiet mark (a dot in the top right corner) appears on every slide,
# and the facilitator's line says by how much the time is over. Takes a
# minute.
. "$(dirname "$0")/lib.sh"

MARK="●"
E2E_TIMEOUT=90
start 80 24 -- present cultural --minutes 1
expect_screen "the timer waits: 1:00" "1:00 (t starts)"
keys t
wait_gone "1:00 (t starts)"
expect_not_screen "running, with time left: no mark" "$MARK"
keys f
expect_screen "the facilitator's line counts down" "0:5"
keys f
wait_for "$MARK"
expect_true "time up: the mark on the slide" screen_has "$MARK"
expect_true "... in the top right corner" eval 'printf "%s\n" "$SCREEN" | head -n 1 | grep -q "$MARK *\$"'
expect_not_screen "... and no words for the room" "time up"
keys Right
expect_screen "on the next slide too" "$MARK"
keys f
expect_screen "the facilitator's line: time up, and by how much" "time up +0:0"
keys q
wait_exit

start 80 24 LC_ALL=C LANG=C -- present cultural --minutes 1
wait_for "1:00 (t starts)"
keys t
wait_true eval 'printf "%s\n" "$SCREEN" | head -n 1 | grep -q "\* *\$"'
expect_true "without UTF-8 the mark is a *" eval 'printf "%s\n" "$SCREEN" | head -n 1 | grep -q "\* *\$"'
keys q
wait_exit

finish
