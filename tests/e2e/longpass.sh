# A pasted passphrase longer than the field takes (4096 bytes) is not cut
# silently: the field says so, Backspace or Ctrl-U take the message away
# with what they remove, and a passphrase typed after it opens the journal.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

new_journal
start 100 30 --
expect_screen "the unlock screen" "Unlock your journal"
long=$(head -c 4100 /dev/zero | tr '\0' 'a')
type_text "$long"
expect_screen "a paste past 4096 bytes says it was cut" "cut at 4096 bytes, the most a passphrase may have"
keys C-u
wait_gone "cut at 4096 bytes"
expect_not_screen "Ctrl-U clears it and the message" "cut at 4096"
type_text "correct horse battery staple"
keys Enter
expect_screen "the right passphrase then opens it" "What would you like to do?"
keys q
wait_exit
expect_true "the program ends cleanly" [ "$rc" = 0 ]
finish
