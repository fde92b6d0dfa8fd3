# A forgotten passphrase, with the recovery code typed in (no file): in
# `ladder passwd` (the current passphrase left empty, then the code), and
# on the unlock screen ("Forgot your passphrase?": Tab, the code, a new
# passphrase twice, the new code shown once). Each time the old passphrase
# and the old code stop working and the new passphrase opens the journal.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

CODE_RE='[0-9A-Z]\{5\}\(-[0-9A-Z]\{5\}\)\{7\}'
rm -f "$JOURNAL"
code=$("$LADDER" init --kdf min --passphrase-file "$PASS" 2>/dev/null | grep -o "$CODE_RE" | head -n 1)
expect_true "init shows a recovery code" [ -n "$code" ]
opens() { "$LADDER" export --passphrase-file "$1" >/dev/null 2>&1; }

# passwd at a terminal: Enter for the passphrase, then the code typed
start 100 30 -- passwd
expect_screen "passwd asks for the current passphrase, or nothing" "leave it empty if you have forgotten it"
keys Enter
expect_screen "empty: then the recovery code" "Recovery code:"
type_text "$(printf '%s' "$code" | tr 'A-Z' 'a-z' | tr -d '-')"
keys Enter
expect_screen "the code opened it: a new passphrase" "New passphrase:"
type_text "purple otter quietly sings"
keys Enter
expect_screen "... twice" "Type it again:"
type_text "purple otter quietly sings"
keys Enter
expect_screen "a new recovery code, once" "Your new recovery code"
wait_exit
expect_true "passwd with the typed code: status 0" [ "$rc" = 0 ]
code2=$(printf '%s\n' "$SCREEN" | grep -o "$CODE_RE" | head -n 1)
expect_true "... a new code" eval '[ -n "$code2" ] && [ "$code2" != "$code" ]'
printf 'purple otter quietly sings\n' >"$WORK/pass2"
expect_true "the new passphrase opens the journal" opens "$WORK/pass2"
expect_true "the old one does not" eval '! opens "$PASS"'

# the full screen: Tab on the unlock screen, a wrong code first
start 80 24 --
expect_screen "unlock" "Unlock your journal"
expect_true "... offers help with a forgotten passphrase" screen_has "Forgot your passphrase?"
keys Tab
expect_screen "Tab: the recovery code instead" "Recovery code:"
type_text "$code"
keys Enter
expect_screen "the old code no longer opens it" "That recovery code did not open the journal"
keys C-u
type_text "$code2"
keys Enter
expect_screen "the code opened it: a new passphrase" "Choose a new passphrase"
expect_true "... says the old code stops working" screen_has "the old code stops"
type_text "seven blue kites over harbours"
keys Enter
type_text "seven blue kites over harbours"
keys Enter
expect_screen "the new code, once" "Your new recovery code"
code3=$(printf '%s\n' "$SCREEN" | grep -o "$CODE_RE" | head -n 1)
expect_true "... a fresh one" eval '[ -n "$code3" ] && [ "$code3" != "$code2" ]'
keys y
expect_screen "y: home" "Where you stand"
keys q
wait_exit
expect_true "quit: status 0" [ "$rc" = 0 ]
printf 'seven blue kites over harbours\n' >"$WORK/pass3"
expect_true "the newest passphrase opens the journal" opens "$WORK/pass3"
expect_true "the one before does not" eval '! opens "$WORK/pass2"'

# Esc after the code: back to the lock, nothing changed
start 80 24 --
expect_screen "unlock again" "Unlock your journal"
keys Tab
type_text "$code3"
keys Enter
expect_screen "the newest code opens it" "Choose a new passphrase"
keys Escape
expect_screen "Esc: back to the lock" "Unlock your journal"
keys Escape
wait_exit
expect_true "... the passphrase unchanged" opens "$WORK/pass3"
finish
