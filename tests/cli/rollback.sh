# Rollback: an older generation of a journal put in its place (its .bak, a
# copy from before a save or a passphrase change) opens with a plain
# warning, and is saved over only with --accept-older; the newest
# generation seen is kept in $XDG_STATE_HOME/ladder/generations.json (0600).
# Another journal at the same path is not an older copy; a damaged state
# file is said and changes nothing else. (A journal of the first format,
# with no generation yet: tests/unit/test_vault_code.c.)
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_KDF=min
J=$WORK/j.ladder
ANS=$TESTDATA/answers/tiny-full.json
QDIR=$TESTDATA/questionnaires
STATE=$HOME/.local/state/ladder/generations.json
printf 'correct horse battery\n' >"$WORK/pass"
printf 'new staple\n' >"$WORK/pass2"
l() { "$LADDER" -j "$J" --questionnaires "$QDIR" "$@"; }
rec() { l --passphrase-file "${1:-$WORK/pass}" assess tiny --answers "$ANS"; }

l --passphrase-file "$WORK/pass" init --kdf min >/dev/null 2>&1
rec >/dev/null 2>&1
rec >/dev/null 2>&1
if [ -f "$STATE" ]; then ok "the state file is made"; else not_ok "the state file is made"; fi
mode=$(stat -c %a "$STATE" 2>/dev/null)
dmode=$(stat -c %a "$(dirname "$STATE")" 2>/dev/null)
if [ "$mode" = 600 ] && [ "$dmode" = 700 ]; then ok "0600 in a 0700 folder"; else not_ok "0600 in a 0700 folder ($mode, $dmode)"; fi
run /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["journals"][0]["generation"])' "$STATE"
expect_out "it holds generation 3 (made, saved twice)" "3"

# the backup put in the journal's place
cp "$J" "$WORK/newest"
cp "$J.bak" "$J"
cp "$J" "$WORK/older"
run l --passphrase-file "$WORK/pass" export
expect_rc "an older copy still opens to read" 0
expect_err "with a plain warning" "is generation 2 of this journal, but generation 3 was seen here on"
expect_err "saying it is not saved over" "It is not saved over unless --accept-older is given"
run rec
expect_rc "saving over it is refused" 1
expect_err "saying why" "not saved: this is generation 2 of the journal, older than generation 3 seen here"
if cmp -s "$J" "$WORK/older"; then ok "the older copy is left as it is"; else not_ok "the older copy is left as it is"; fi
run l --passphrase-file "$WORK/pass" --accept-older assess tiny --answers "$ANS"
expect_rc "--accept-older saves over it" 0
expect_err "having said so" "--accept-older: it will be saved over the newer one"
run l --passphrase-file "$WORK/pass" export
expect_no_err "it is then the newest: no warning"
# the lost generation 3 replayed: older than the save over it (4)
cp "$WORK/newest" "$J"
run l --passphrase-file "$WORK/pass" export
expect_err "the copy it replaced is older now too" "is generation 3 of this journal, but generation 4 was seen here"
cp "$J.bak" "$J" 2>/dev/null
l --passphrase-file "$WORK/pass" --accept-older export >/dev/null 2>&1

# a copy from before passwd: the old passphrase opens it, and it is said
rm -f "$J" "$J.bak"
l --passphrase-file "$WORK/pass" init --kdf min >/dev/null 2>&1
rec >/dev/null 2>&1
cp "$J" "$WORK/before-passwd"
run l --passphrase-file "$WORK/pass" passwd --new-passphrase-file "$WORK/pass2"
expect_rc "passwd" 0
cp "$WORK/before-passwd" "$J"
run l --passphrase-file "$WORK/pass" export
expect_rc "the copy from before passwd opens with the old passphrase" 0
expect_err "and is said to be older" "but generation 3 was seen here"
run rec
expect_rc "and is not saved over" 1

# another journal at the same path is no older copy
rm -f "$J" "$J.bak"
l --passphrase-file "$WORK/pass" init --kdf min >/dev/null 2>&1
run l --passphrase-file "$WORK/pass" export
expect_rc "a new journal at the same path" 0
expect_no_err "is not taken for an older copy"

# a damaged state file: said, nothing else changes
cp "$STATE" "$WORK/state.good"
printf '{"format": "ladder-state", "format_version": 1, "journals": [{"path": 1}]}' >"$STATE"
run rec
expect_rc "a damaged state file does not stop a save" 0
expect_err "it is named, with line and column" "generations.json:1:"
expect_err "and what it means" "an older copy of the journal put in its place would go unnoticed"

# XDG_STATE_HOME is honoured
run env XDG_STATE_HOME="$WORK/xdg" "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" assess tiny --answers "$ANS"
expect_rc "with XDG_STATE_HOME" 0
if [ -f "$WORK/xdg/ladder/generations.json" ]; then ok "the state goes there"; else not_ok "the state goes there"; fi

finish
