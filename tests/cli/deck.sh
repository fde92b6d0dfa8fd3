# Decks (ladder-present(1), DECK FILES): `ladder validate` checks deck files with
# file:line:col and what was expected, and checks what they name against the
# questionnaires at hand; `present --print-deck` writes the deck in use (the
# one built for --minutes, or a --deck file with its sets' situations
# spelt out), valid against data/schema/deck.schema.json, and reads back
# as the same deck; bad options and files are refused before any screen.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
DECKS=tests/data/deck

# slides KIND: how many slides of that kind the JSON on stdout has
slides() {
	printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
kinds = [s["kind"] for s in d["slides"]]
print(len(kinds) if sys.argv[1] == "all" else kinds.count(sys.argv[1]))' "$1"
}
schema_ok() {
	py=/usr/bin/python3
	[ -x "$py" ] || py=python3
	printf '%s' "$out" >"$WORK/deck.json"
	"$py" - "$WORK/deck.json" data/schema/deck.schema.json <<'PY'
import json, sys
from jsonschema import Draft202012Validator
doc = json.load(open(sys.argv[1]))
errors = list(Draft202012Validator(json.load(open(sys.argv[2]))).iter_errors(doc))
for e in errors:
    print("  ", list(e.path), e.message)
sys.exit(1 if errors else 0)
PY
}
check() { if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# ---- validate ----
run "$LADDER" validate "$DECKS/retreat.json"
expect_rc "validate accepts a deck" 0
expect_out "... and says what it is" "$DECKS/retreat.json: ok (deck: 10 slides, 25 minutes)"
run "$LADDER" validate "$DECKS/bad-kind.json"
expect_rc "validate refuses an unknown kind" 1
expect_err "... with file:line:col and the kinds expected" \
	"$DECKS/bad-kind.json:6:14: unknown kind \"quiz\" of slide 2 (expected title, stages, where, situation, prompt, room or summary)"
run "$LADDER" validate "$DECKS/bad-unknown-item.json"
expect_rc "validate refuses a situation the questionnaire does not have" 1
expect_err "... naming the slide's place and the item" \
	"$DECKS/bad-unknown-item.json:6:5: slide 2: no item \"no_such_item\""
run "$LADDER" validate "$DECKS/retreat.json" data/questionnaires/cultural.json "$DECKS/bad-kind.json"
expect_rc "decks and questionnaires together: one failure exits 1" 1
expect_out "... the deck is checked" "retreat.json: ok (deck"
expect_out "... the questionnaire too" "cultural.json: ok (questionnaire"
expect_err "... and the count" "1 of 3 files failed"
cat >"$WORK/set9.json" <<'J'
{"format": "ladder-deck", "format_version": 1,
 "slides": [{"kind": "situation", "questionnaire": "cultural", "set": 3}]}
J
run "$LADDER" validate "$WORK/set9.json"
expect_rc "a set the questionnaire lacks" 1
expect_err "... is named" "$WORK/set9.json:2:13: slide 1: no such set: 3"
cat >"$WORK/mine.json" <<'J'
{"format": "ladder-deck", "format_version": 1,
 "slides": [{"kind": "where", "questionnaire": "tiny"}]}
J
run "$LADDER" validate "$WORK/mine.json"
expect_rc "a questionnaire not at hand" 1
expect_err "... is named with its place" "$WORK/mine.json:2:13: slide 1: unknown questionnaire \"tiny\""
run "$LADDER" --questionnaires tests/data/questionnaires validate "$WORK/mine.json"
expect_rc "... and found with --questionnaires" 0

# ---- present --print-deck ----
run "$LADDER" present --print-deck </dev/null
expect_rc "--print-deck needs no terminal" 0
name="the default deck fits 20 minutes: about eight slides"; check [ "$(slides all)" -ge 7 ] && [ "$(slides all)" -le 9 ]
name="... two situations"; check [ "$(slides situation)" = 2 ]
name="... one prompt"; check [ "$(slides prompt)" = 1 ]
name="... no room without --room"; check [ "$(slides room)" = 0 ]
name="... valid against the deck schema"; check schema_ok
expect_out "... with its minutes" '"minutes": 20'
run "$LADDER" present --minutes 20 --room tests/data/room/p1.json --print-deck
name="--room adds the room's slide"; check [ "$(slides room)" = 1 ]
run "$LADDER" present --minutes 60 --print-deck
name="60 minutes: more situations"; check [ "$(slides situation)" = 6 ]
name="... and prompts"; check [ "$(slides prompt)" = 4 ]
name="... still valid"; check schema_ok
expect_out "... with its minutes" '"minutes": 60'
run "$LADDER" present cultural --minutes 20 --print-deck
name="one questionnaire: both situations from it"; check [ "$(slides situation)" = 2 ]
name="... one Where are you?"; check [ "$(slides where)" = 1 ]

# what --print-deck writes is a deck that reads back as the same deck
run "$LADDER" present --minutes 60 --print-deck
printf '%s\n' "$out" >"$WORK/printed.json"
first=$out
run "$LADDER" validate "$WORK/printed.json"
expect_rc "the printed deck validates" 0
run "$LADDER" present --deck "$WORK/printed.json" --print-deck
expect_rc "--deck reads it" 0
name="... and prints it the same"; check [ "$out" = "$first" ]

# a deck file with a set: its situations spelt out
run "$LADDER" present --deck "$DECKS/retreat.json" --print-deck
expect_rc "--deck with a set" 0
name="... the set's two situations and the one named"; check [ "$(slides situation)" = 3 ]
expect_out "... the deck's title kept" '"title": "Working across cultures"'
name="... valid"; check schema_ok

# ---- refused before any screen ----
run "$LADDER" present --minutes 0 </dev/null
expect_rc "--minutes 0 is a usage error" 2
expect_err "... saying what is expected" "--minutes 0: expected a whole number of minutes from 1 to 600"
run "$LADDER" present --minutes twenty </dev/null
expect_rc "--minutes twenty is a usage error" 2
run "$LADDER" present cultural --deck "$DECKS/retreat.json" </dev/null
expect_rc "--deck with IDs is a usage error" 2
expect_err "... saying why" "a deck names its questionnaires"
run "$LADDER" present --deck "$DECKS/bad-kind.json" </dev/null
expect_rc "a bad deck exits 1" 1
expect_err "... with file:line:col" "$DECKS/bad-kind.json:6:14: unknown kind"
run "$LADDER" present --deck "$WORK/none.json" </dev/null
expect_rc "a missing deck exits 1" 1
expect_err "... named" "$WORK/none.json: cannot open"
printf '{"format": "ladder-deck", "format_version": 1, "slides": [{"kind": "prompt", "text": "a\\u001b]0;x\\u0007"}]}' >"$WORK/esc.json"
run "$LADDER" validate "$WORK/esc.json"
expect_rc "a control character in a deck's text is refused" 1
expect_err "... by its place" "$WORK/esc.json:1:86: control character U+001B"

# ---- the schema and ladder agree: each document is accepted by both or
# refused by both ----
both() { # NAME EXPECT(0|1) JSON
	printf '%s\n' "$3" >"$WORK/agree.json"
	out=$3
	schema_ok >/dev/null
	s=$?
	"$LADDER" validate "$WORK/agree.json" >/dev/null 2>&1
	l=$?
	if [ "$s" = "$2" ] && [ "$l" = "$2" ]; then ok "$1"; else not_ok "$1 (schema $s, ladder $l, expected $2)"; fi
}
H='"format": "ladder-deck", "format_version": 1'
both "both accept a title with its text" 0 "{$H, \"slides\": [{\"kind\": \"title\", \"text\": \"Day two\"}]}"
both "both accept a set with a count" 0 "{$H, \"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", \"set\": 2, \"count\": 1}]}"
both "both accept a questionnaire's prompt" 0 "{$H, \"slides\": [{\"kind\": \"prompt\", \"questionnaire\": \"cultural\", \"prompt\": 1}]}"
both "both refuse no slides" 1 "{$H, \"slides\": []}"
both "both refuse an unknown kind" 1 "{$H, \"slides\": [{\"kind\": \"poll\"}]}"
both "both refuse an unknown member" 1 "{$H, \"slides\": [{\"kind\": \"stages\", \"text\": \"x\"}]}"
both "both refuse a situation with an item and a set" 1 "{$H, \"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", \"item\": \"comm_s3\", \"set\": 1}]}"
both "both refuse a count beside an item" 1 "{$H, \"slides\": [{\"kind\": \"situation\", \"questionnaire\": \"cultural\", \"item\": \"comm_s3\", \"count\": 1}]}"
both "both refuse a prompt with text and a number" 1 "{$H, \"slides\": [{\"kind\": \"prompt\", \"text\": \"a\", \"questionnaire\": \"cultural\", \"prompt\": 1}]}"
both "both refuse minutes 0" 1 "{$H, \"minutes\": 0, \"slides\": [{\"kind\": \"title\"}]}"
both "both refuse a where without a questionnaire" 1 "{$H, \"slides\": [{\"kind\": \"where\"}]}"
both "both refuse an empty text" 1 "{$H, \"slides\": [{\"kind\": \"prompt\", \"text\": \"\"}]}"
both "both refuse format_version 2" 1 "{\"format\": \"ladder-deck\", \"format_version\": 2, \"slides\": [{\"kind\": \"title\"}]}"

finish
