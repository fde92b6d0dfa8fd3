# --plain for a newcomer, through pipes: the first run gives the welcome,
# the introduction and the three steps (the passphrase, the recovery code
# shown once) and creates the journal; a weak passphrase is warned about,
# there and in `init`; no passphrase at all is not a wrong one; an
# unfinished session is offered with the full screen's three ways on, its
# answers counted in good English; "n" to the reflection writes none.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
feed() { printf '%s\n' "$@" >"$WORK/in"; }
run_plain() {
	cat "$WORK/in" | "$LADDER" --plain --questionnaires "$QD" "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	SCREEN=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}
err_has() { case "$ERR" in *"$1"*) return 0 ;; *) return 1 ;; esac; }

# no journal, nothing on standard input: the introduction, then no
# passphrase is a usage error and nothing is created
rm -f "$JOURNAL"
"$LADDER" --plain --questionnaires "$QD" </dev/null >"$WORK/out" 2>"$WORK/err"
rc=$?
SCREEN=$(cat "$WORK/out")
ERR=$(cat "$WORK/err")
expect_true "first run from /dev/null: status 2" [ "$rc" = 2 ]
expect_true "... says no passphrase was given" err_has "no passphrase was given"
expect_true "... creates nothing" [ ! -f "$JOURNAL" ]
expect_true "... but has given the introduction" screen_has "The four rungs:"

feed "correct horse battery staple"
run_plain
expect_true "plain first run: status 0" [ "$rc" = 0 ]
expect_true "... the welcome" screen_has "Welcome to ladder."
expect_true "... the three steps" screen_has "Getting started takes three steps:"
expect_true "... step 1, the introduction from data/model.json" screen_has "Step 1 of 3: The conscious competence ladder"
expect_true "... the rungs" screen_has "4. Unconscious competence: "
expect_true "... step 2, the passphrase" screen_has "Step 2 of 3: choose a passphrase"
expect_true "... the test-mode KDF says it protects nothing" screen_has "protects nothing"
expect_true "... step 3, the recovery code" screen_has "Step 3 of 3: your recovery code"
expect_true "... in eight groups of five" eval 'grep -q "^    [0-9A-Z]\{5\}\(-[0-9A-Z]\{5\}\)\{7\}$" "$WORK/out"'
expect_true "... what to do next" screen_has "ladder --plain assess ID"
expect_true "... no weak-passphrase warning for a strong one" eval '! err_has "weak"'
expect_true "... the journal exists" [ -f "$JOURNAL" ]
run_plain
expect_true "the passphrase typed opens it" screen_has "Where you stand"

# a weak one: warned (from a pipe there is nobody to ask)
rm -f "$JOURNAL"
feed "abc"
run_plain
expect_true "plain first run with 'abc': created" eval '[ "$rc" = 0 ] && [ -f "$JOURNAL" ]'
expect_true "... with a strength warning" err_has "warning: a weak passphrase"
rm -f "$JOURNAL"
printf 'abc\n' >"$WORK/weak"
"$LADDER" init --kdf min --passphrase-file "$WORK/weak" >"$WORK/out" 2>"$WORK/err"
ERR=$(cat "$WORK/err")
expect_true "init with 'abc': warned" err_has "warning: a weak passphrase"
expect_true "init with a strong one: not warned" eval '
	rm -f "$JOURNAL"
	"$LADDER" init --kdf min --passphrase-file "$PASS" >/dev/null 2>"$WORK/err2"
	! grep -q weak "$WORK/err2"'

# no passphrase to open an existing journal is not a wrong one
"$LADDER" --plain --questionnaires "$QD" </dev/null >"$WORK/out" 2>"$WORK/err"
rc=$?
ERR=$(cat "$WORK/err")
expect_true "--plain </dev/null with a journal: status 2, not 3" [ "$rc" = 2 ]
expect_true "... says no passphrase was given" err_has "no passphrase was given: standard input is empty"
expect_true "... not 'wrong passphrase'" eval '! err_has "wrong passphrase"'

# one answer kept: counted in good English, and the three ways on
feed "correct horse battery staple" 2 q
run_plain assess tiny
feed "correct horse battery staple" 3
run_plain assess tiny
expect_true "one answer kept: 'your answer is kept'" screen_has "answered 1 of its 7 questions; your answer is kept."
expect_true "... the three ways on of the full screen" eval 'screen_has "  1. Carry on where I left off" && screen_has "  2. Start again" && screen_has "  3. Not now"'
expect_true "3: not now, status 0" eval '[ "$rc" = 0 ] && screen_has "Not now"'
expect_true "... asks no question" eval '! screen_has "Question 1 of 7"'
feed "correct horse battery staple" 2 4 1 1 4 3 2 1 n
run_plain assess tiny
expect_true "... still kept for next time: offered again" screen_has "your answer is kept."
expect_true "2: starts again at the first question" screen_has "Question 1 of 7"
expect_true "n to the reflection: none asked for" eval '! screen_has "Type it below"'
export_json "$WORK/e.json"
if py - "$WORK/e.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["sessions"]
ok = len(s) == 1 and s[0]["note"] is None and s[0]["answers"]["a1"] == 4
if not ok:
    print("  sessions: %r" % [(x["answers"], x["note"]) for x in s])
sys.exit(0 if ok else 1)
PY
then ok "... the session has no reflection (not \"n\"), and the answers given again"
else not_ok "... the session has no reflection (not \"n\"), and the answers given again"; fi
finish
