# The full screen's export never writes over the journal, its backup or
# its lock, however the name is spelt (another spelling of the same path,
# a link): it says so, and the journal still opens afterwards.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journal_lib.sh"

QD="$TESTDATA/questionnaires"
new_journal
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" assess tiny \
	--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
"$LADDER" --questionnaires "$QD" --passphrase-file "$PASS" assess tiny \
	--answers "$TESTDATA/answers/tiny-full.json" >/dev/null 2>&1
D=$(dirname "$JOURNAL")
ln -s "$JOURNAL" "$WORK/link.ladder"
cp "$JOURNAL" "$WORK/before"
cp "$JOURNAL.bak" "$WORK/before.bak"

start 100 30 -- --questionnaires "$QD" --passphrase-file "$PASS"
expect_screen "home" "What would you like to do?"
keys Down Down Down Enter
expect_screen "the export screen" "it is not encrypted"
for target in "$D/./journal.ladder" "$D/../ladder/journal.ladder.bak" "$WORK/link.ladder" "$JOURNAL.lock"; do
	keys Tab
	wait_for "Enter done"
	keys End
	i=0
	while [ $i -lt 30 ]; do keys BSpace BSpace BSpace BSpace BSpace; i=$((i + 1)); done
	type_text "$target"
	keys Enter
	wait_for "Tab change the file name"
	keys Enter
	expect_screen "$target: refused" "That is your journal (or its backup or lock) itself"
	expect_not_screen "$target: no offer to replace it" "Press Enter again to replace it"
	keys Enter
	expect_screen "$target: refused again" "That is your journal"
done
keys q
expect_screen "back home" "What would you like to do?"
keys q
wait_exit
if cmp -s "$JOURNAL" "$WORK/before" && cmp -s "$JOURNAL.bak" "$WORK/before.bak"; then
	ok "the journal and its backup are unchanged"
else
	not_ok "the journal and its backup are unchanged"
fi
"$LADDER" --passphrase-file "$PASS" export >/dev/null 2>"$WORK/err"
expect_true "the journal still opens" [ $? -eq 0 ]
finish
