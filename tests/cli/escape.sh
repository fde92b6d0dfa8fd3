# Terminal escape injection: a questionnaire's strings refuse control
# characters (a newline only in texts that may wrap), and what reaches the
# terminal from outside (ids in messages, file names, imported notes) has
# its control characters made visible (^[ for ESC, <U+009B> for a C1 CSI).
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
export LADDER_KDF=min
PY=/usr/bin/python3
QDIR=$TESTDATA/questionnaires

# raw FILE: exits 0 when FILE holds a byte sequence a terminal acts on (C0
# but newline and tab, DEL, C1 as bytes or UTF-8, bidi overrides/isolates)
cat >"$WORK/raw.py" <<'EOF'
import re, sys
b = open(sys.argv[1], "rb").read()
bad = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
m = bad.search(b)
if m:
    print("raw %r at byte %d" % (m.group(), m.start()))
sys.exit(0 if m else 1)
EOF
# no_raw NAME: neither stdout nor stderr of the last run holds one
no_raw() {
	if $PY "$WORK/raw.py" "$WORK/out" || $PY "$WORK/raw.py" "$WORK/err"; then
		not_ok "$1 (a control character reached the terminal)"
	else
		ok "$1"
	fi
}

# hostile NAME PATH VALUE: tiny.json with the member at PATH (a Python
# subscript of the document) set to VALUE (a Python string)
hostile() {
	$PY - "$QDIR/tiny.json" "$WORK/$1.json" "$2" "$3" <<'EOF'
import json, sys
src, dst, path, value = sys.argv[1:]
d = json.load(open(src))
exec("d%s = %s" % (path, value))
open(dst, "w").write(json.dumps(d, indent=1))
EOF
}

hostile title-osc '["title"]' '"Quiz \x1b]0;PWN\x07 \x1b[2J"'
hostile title-c1 '["title"]' '"Quiz \u009b31m"'
hostile title-nl '["title"]' '"two\nlines"'
hostile title-bidi '["title"]' '"abc \u202edcba"'
hostile item-bel '["items"][0]["text"]' '"Ring \x07 the bell"'
hostile option-osc52 '["items"][1]["options"][0]["rationale"]' '"\x1b]52;c;cm0gLXJmIH4K\x07"'
hostile label-nl '["scales"]["freq"]["labels"][0]' '"Ne\nver"'
hostile step-del '["stages"]["conscious_competence"]["next_steps"][0]' '"Keep\x7f going."'
hostile prompt-iso '["prompts"][0]' '"\u2066What?\u2069"'
for name in title-osc title-c1 title-nl title-bidi item-bel option-osc52 label-nl step-del prompt-iso; do
	run "$LADDER" validate "$WORK/$name.json"
	expect_rc "validate refuses a control character: $name" 1
	expect_err "$name: says which and where" "$name.json:"
	expect_err "$name: names the character" "control character U+"
	no_raw "$name: the message holds no raw control character"
done
run "$LADDER" validate "$WORK/title-osc.json"
expect_err "the line and column of the title, what was expected" "title-osc.json:7:11: control character U+001B at byte 6 of \"title\" of the questionnaire (expected printable text on one line)"
run "$LADDER" validate "$WORK/item-bel.json"
expect_err "texts that wrap allow only a newline" "(expected printable text; a newline is the only one allowed here)"

# newlines where text may wrap are fine
hostile wrap-ok '["items"][0]["text"]' '"First line,\nsecond line."'
$PY - "$WORK/wrap-ok.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["description"] = "One.\n\nTwo."
d["stages"]["conscious_competence"]["next_steps"][0] = "Keep\ngoing."
open(sys.argv[1], "w").write(json.dumps(d))
EOF
run "$LADDER" validate "$WORK/wrap-ok.json"
expect_rc "newlines in item texts, descriptions and next steps are accepted" 0

# list: the hostile file is a warning, nothing raw reaches the terminal
mkdir -p "$WORK/qdir"
cp "$WORK/title-osc.json" "$WORK/qdir/"
run "$LADDER" --questionnaires "$WORK/qdir" list
expect_rc "list with a hostile questionnaire in the folder" 0
expect_err "it is named in a warning" "title-osc.json:7:11: control character U+001B"
no_raw "list prints nothing raw"

# ids and file names echoed in messages
run "$LADDER" show "$(printf 'x\033]0;PWN\007')"
expect_rc "an unknown id" 1
expect_err "is echoed with its controls visible" 'no questionnaire "x^[]0;PWN^G"'
no_raw "the unknown id's message holds nothing raw"
run "$LADDER" validate "$WORK/$(printf 'a\302\233b\342\200\256c').json"
expect_err "a file name with C1 and bidi characters is shown visibly" "a<U+009B>b<U+202E>c.json: cannot open"
no_raw "the missing file's message holds nothing raw"
run "$LADDER" "$(printf -- '--\033[2J')"
expect_rc "an unknown option" 2
expect_err "is echoed visibly" "unknown option '--^[[2J'"
no_raw "the unknown option's message holds nothing raw"

# imported notes in history --plain
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
run "$LADDER" -j "$J" --passphrase-file "$WORK/pass" init --kdf min
expect_rc "a journal for the notes" 0
$PY - "$TESTDATA/export/full.json" "$WORK/notes.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["sessions"][0]["note"] = "Mine\x1b]52;c;cm0gLXJmIH4K\x07 and \x9b2J and \u202eevil\ttab\nnext line"
d["notes"][0]["text"] = "own \x1b]0;PWN\x07 note \x7f"
open(sys.argv[2], "w").write(json.dumps(d))
EOF
run "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" import "$WORK/notes.json"
expect_rc "notes with control characters import (they are kept as they are)" 0
run "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" --plain history
expect_rc "history --plain" 0
expect_out "a session's note shows its controls visibly" "Mine^[]52;c;cm0gLXJmIH4K^G and <U+009B>2J and <U+202E>evil	tab"
expect_out "its newline and indentation are kept" "
      next line"
expect_out "a note on its own too" "own ^[]0;PWN^G note ^?"
no_raw "history --plain prints nothing raw"
run "$LADDER" -j "$J" --passphrase-file "$WORK/pass" export
expect_out "the export keeps the note as it was (escaped JSON)" 'Mine\u001b]52;c;cm0gLXJmIH4K\u0007'

finish
