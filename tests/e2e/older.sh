# An older journal on the full screen: with the backup put in the
# journal's place, a screen says which generation it is, which was seen
# and when, before anything else; q leaves it untouched (status 1), y opens
# it, and the next save goes over the newer one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
for i in 1 2; do
	"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" assess tiny \
		--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
done
cp "$JOURNAL.bak" "$JOURNAL"
cp "$JOURNAL" "$WORK/older"

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS"
expect_screen "an older journal is said first" "This journal is older than the one this computer saw last"
expect_true "... naming the generations" screen_has "It is generation 2; generation 3 was"
keys q
wait_exit
expect_true "q leaves with status 1" [ "$rc" = 1 ]
expect_true "... saying nothing was saved" grep -q "an older journal was left as it is" "$WORK/stderr"
expect_true "... the journal untouched" cmp -s "$JOURNAL" "$WORK/older"

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS"
expect_screen "again" "This journal is older"
keys y
expect_screen "y opens it" "What would you like to do?"
keys q
wait_exit
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" --accept-older assess tiny \
	--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS"
expect_screen "once saved over, it is the newest: home" "What would you like to do?"
expect_not_screen "... with no older screen" "This journal is older"
keys q
wait_exit
finish
