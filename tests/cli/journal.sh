# ladder init, assess --answers, export, import and passwd: the journal's
# content through the commands (ladder(1), ladder-journal(5)). The journal
# uses the 'min' key derivation, which is fast and protects nothing: fine
# for tests. The vault itself (crypto, file safety) has its own tests.
. "$(dirname "$0")/lib.sh"
cd "$SRCDIR" || exit 1
export LADDER_KDF=min
unset LADDER_NOW
# Debian's python3 has jsonschema; the python3 first on PATH may not
PY=/usr/bin/python3
QDIR=$TESTDATA/questionnaires
FIX=$TESTDATA/export
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
printf 'wrong horse battery\n' >"$WORK/wrong"
printf 'new staple\n' >"$WORK/pass2"
printf '\n' >"$WORK/empty"

# Python checks of export documents; each exits 0 when it holds and prints
# what is wrong otherwise.
cat >"$WORK/check.py" <<'EOF'
import copy, json, os, re, sys

def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)

def validator():
    # the export schema stands alone: given the file, nothing is fetched
    from jsonschema import Draft202012Validator
    d = os.path.join(os.environ["SRCDIR"], "data", "schema")
    return Draft202012Validator(load(os.path.join(d, "export.schema.json")))

def problems(doc):
    import jsonschema
    errors = list(validator().iter_errors(doc))
    if not errors:
        return None
    e = jsonschema.exceptions.best_match(errors)
    return "at %s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message[:300])

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEYS = ["id", "questionnaire", "started_at", "completed_at", "result", "answers", "note"]

def main(cmd, args):
    if cmd == "valid":          # FILE: fits the export schema
        p = problems(load(args[0]))
        return "the schema refuses it " + p if p else None
    if cmd == "eq":             # FILE EXPR WANT: repr(EXPR) over d == WANT
        d = load(args[0])
        got = eval(args[1], {"d": d, "json": json, "load": load})
        return None if repr(got) == args[2] else "%s is %r, expected %s" % (args[1], got, args[2])
    if cmd == "same":           # A B: the same sessions, notes and transitions
        a, b = load(args[0]), load(args[1])
        for i, (x, y) in enumerate(zip(a["sessions"], b["sessions"])):
            for k in KEYS:
                if x.get(k, "missing") != y.get(k, "missing"):
                    return "session %d differs in %s: %r / %r" % (i, k, x.get(k), y.get(k))
        for k in ["sessions", "notes", "transitions"]:
            if a[k] != b[k]:
                return "%s differ (%d / %d entries)" % (k, len(a[k]), len(b[k]))
        return None
    if cmd == "same_but_transitions":  # A B: the same sessions and notes
        a, b = load(args[0]), load(args[1])
        if a["sessions"] != b["sessions"] or a["notes"] != b["notes"]:
            return "sessions or notes differ"
        return None
    if cmd == "anonymous":      # ANON FULL: ANON is FULL made anonymous
        an, full = load(args[0]), load(args[1])
        if an["anonymous"] is not True or not DATE.match(an["exported_at"]):
            return "not marked anonymous, or exported_at is not a date"
        if an["notes"] != []:
            return "notes are there"
        if len(an["sessions"]) != len(full["sessions"]):
            return "%d sessions, expected %d" % (len(an["sessions"]), len(full["sessions"]))
        known = {s["id"] for s in full["sessions"]}
        ids = [s["id"] for s in an["sessions"]]
        if len(set(ids)) != len(ids) or known & set(ids):
            return "the ids are not fresh"
        for s, f in zip(an["sessions"], full["sessions"]):
            if sorted(s) != sorted(["id", "questionnaire", "started_at", "completed_at", "result"]):
                return "a session has the members %s" % sorted(s)
            if s["started_at"] != f["started_at"][:10] or s["completed_at"] != f["completed_at"][:10]:
                return "times are not the dates alone: %s %s" % (s["started_at"], s["completed_at"])
            if s["result"] != f["result"] or s["questionnaire"] != f["questionnaire"]:
                return "a result differs"
        # the same transitions, named by the export's own ids
        to_anon = {f["id"]: s["id"] for s, f in zip(an["sessions"], full["sessions"])}
        want = [dict(t, from_session=to_anon[t["from_session"]], to_session=to_anon[t["to_session"]],
                     at=t["at"][:10]) for t in full["transitions"]]
        if an["transitions"] != want:
            return "transitions %r, expected %r" % (an["transitions"], want)
        text = open(args[0], encoding="utf-8").read()
        for s in full["sessions"]:
            if s["note"] and s["note"] in text:
                return "a note is in the anonymous export"
        return None
    if cmd == "refused":        # FILE MUTATION: the schema refuses FILE changed so
        d = load(args[0])
        s = d["sessions"][0]
        m = args[1]
        if m == "answers-in-anonymous": s["answers"] = {"a1": 1}
        elif m == "note-in-anonymous": s["note"] = None
        elif m == "time-in-anonymous": s["started_at"] = "2026-01-01T10:00:00Z"
        elif m == "notes-in-anonymous": d["notes"] = [{"id": s["id"], "at": "2026-01-01T10:00:00Z", "text": "x"}]
        elif m == "date-in-full": s["completed_at"] = s["completed_at"][:10]
        elif m == "no-note-in-full": del s["note"]
        elif m == "no-answers-in-full": del s["answers"]
        elif m == "offset-time": d["exported_at"] = "2026-01-01T11:00:00+01:00"
        elif m == "bad-uuid": s["id"] = s["id"][:-1]
        elif m == "upper-case-uuid": s["id"] = s["id"].upper()
        elif m == "unknown-stage": s["result"]["stage"] = "rung_5"
        elif m == "axis-1.5": s["result"]["axes"]["competence"] = 1.5
        elif m == "format-version-2": d["format_version"] = 2
        elif m == "other-format": d["format"] = "ladder-journal"
        elif m == "unknown-member": s["colour"] = "red"
        elif m == "no-transitions": del d["transitions"]
        elif m == "transition-without-change": d["transitions"][0]["to"] = d["transitions"][0]["from"]
        elif m == "transition-extra": d["transitions"][0]["why"] = "x"
        else: return "unknown mutation " + m
        return None if problems(d) else "the schema accepts it"
    return "unknown check " + cmd

sys.exit(main(sys.argv[1], sys.argv[2:]))
EOF

# check NAME ARGS...: the Python check ARGS holds
check() {
	name=$1
	shift
	if why=$("$PY" "$WORK/check.py" "$@" 2>&1); then ok "$name"; else
		not_ok "$name: $why"
	fi
}
# same_file NAME A B: A and B have the same bytes
same_file() { if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1 ($2 and $3 differ)"; fi; }
# mode_600 NAME FILE
mode_600() {
	m=$(stat -c %a "$2" 2>/dev/null)
	if [ "$m" = 600 ]; then ok "$1"; else not_ok "$1 (mode ${m:-missing}, expected 600)"; fi
}
absent() { if [ ! -e "$2" ]; then ok "$1"; else not_ok "$1 ($2 exists)"; fi; }
# the recovery code of $out: a line of 8 groups of 5 letters and digits
recovery_code() { printf '%s\n' "$out" | sed -n 's/^ *\([0-9A-Z]\{5\}\(-[0-9A-Z]\{5\}\)\{7\}\) *$/\1/p'; }
expect_code() {
	n=$(recovery_code | grep -c .)
	if [ "$n" -eq 1 ]; then ok "$1"; else not_ok "$1 ($n codes of 8 groups of 5 on stdout)"; fi
}
# lj ARGS...: ladder on $J with the right passphrase (LADDER_NOW=$NOW when set)
NOW=
lj() {
	env ${NOW:+LADDER_NOW=$NOW} "$LADDER" -j "$J" --passphrase-file "$WORK/pass" \
		--questionnaires "$QDIR" "$@"
}
# save NAME: $out to $WORK/NAME
save() { printf '%s\n' "$out" >"$WORK/$1"; }

# ---------------------------------------------------------------- init

run "$LADDER" -j "$J" --passphrase-file "$WORK/pass" init --kdf min
expect_rc "init creates a journal" 0
expect_err "and says where" "created the journal $J"
expect_err "and that 'min' protects nothing" "protects nothing"
mode_600 "the journal is 0600" "$J"
expect_code "a recovery code of 8 groups of 5 on stdout"
code0=$(recovery_code)
printf '%s\n' "$code0" >"$WORK/code0"
expect_out "shown only once" "shown only this once"
case "$out$err" in *"correct horse"*) not_ok "the passphrase is not printed" ;; *) ok "the passphrase is not printed" ;; esac
cp "$J" "$WORK/j.init"

run "$LADDER" -j "$J" --passphrase-file "$WORK/pass2" init --kdf min
expect_rc "init refuses to overwrite a journal" 1
expect_err "and says so" "$J already exists; ladder never overwrites a journal"
expect_no_out "and prints no recovery code"
same_file "the journal is unchanged" "$J" "$WORK/j.init"

run "$LADDER" -j "$WORK/e.ladder" --passphrase-file "$WORK/empty" init --kdf min
expect_rc "an empty passphrase is refused" 1
expect_err "and is named" "the passphrase is empty"
absent "no journal is created" "$WORK/e.ladder"

run "$LADDER" -j "$WORK/e.ladder" --passphrase-file "$WORK/pass" init --kdf fastest
expect_rc "an unknown --kdf is a usage error" 2
expect_err "naming the levels" "expected one of min, interactive, moderate, sensitive"
absent "no journal is created" "$WORK/e.ladder"

run env LADDER_JOURNAL="$WORK/env.ladder" "$LADDER" --passphrase-file "$WORK/pass" init --kdf min
expect_rc "init at \$LADDER_JOURNAL" 0
mode_600 "creates that file, 0600" "$WORK/env.ladder"
run env LADDER_JOURNAL="$WORK/env.ladder" "$LADDER" --passphrase-file "$WORK/pass" export
expect_rc "export reads \$LADDER_JOURNAL" 0
expect_out "an empty journal exports no sessions" '"sessions": []'

# ---------------------------------------------------------------- no journal

run "$LADDER" -j "$WORK/none.ladder" --passphrase-file "$WORK/pass" export
expect_rc "export without a journal exits 1" 1
expect_err "with a hint to run init" "there is no journal at $WORK/none.ladder yet: create one with 'ladder init'"
run "$LADDER" -j "$WORK/none.ladder" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" \
	assess tiny --answers "$TESTDATA/answers/tiny-full.json"
expect_rc "assess without a journal exits 1" 1
expect_err "with the same hint" "create one with 'ladder init'"
absent "and creates nothing" "$WORK/none.ladder"

# ---------------------------------------------------------------- assess

# unconscious incompetence: competence 0, perceived 1 against S 0, awareness 0
cat >"$WORK/a1.json" <<'EOF'
{"format": "ladder-answers", "format_version": 1, "questionnaire": "tiny",
 "answers": {"a1": 1, "a2": "c", "a3": 5, "a5": 5, "b1": 1, "b2": 1},
 "note": "First time: “naïve” and \"quoted\" — ✓\nsecond line"}
EOF
NOW=2026-01-01T10:00:00Z
run lj assess tiny --answers "$WORK/a1.json"
expect_rc "assess --answers records a session" 0
expect_out "and says which stage" "of \"tiny\": Unconscious incompetence"
id1=$(printf '%s\n' "$out" | sed -n 's/^Recorded session \([0-9a-f-]\{36\}\) of .*/\1/p')
if [ -n "$id1" ]; then ok "and prints the session id"; else not_ok "and prints the session id"; fi
run "$LADDER" --questionnaires "$QDIR" score tiny --answers "$WORK/a1.json"
save score1.json

run lj export
expect_rc "export prints the journal" 0
save e1.json
check "export: one session" eq "$WORK/e1.json" "len(d['sessions'])" 1
check "export: the session's id" eq "$WORK/e1.json" "d['sessions'][0]['id']" "'$id1'"
check "export: exactly the answers of the file" eq "$WORK/e1.json" \
	"d['sessions'][0]['answers'] == load('$WORK/a1.json')['answers']" True
check "export: the note of the file" eq "$WORK/e1.json" \
	"d['sessions'][0]['note']" "'First time: “naïve” and \"quoted\" — ✓\\nsecond line'"
check "export: the times of LADDER_NOW" eq "$WORK/e1.json" \
	"(d['sessions'][0]['started_at'], d['sessions'][0]['completed_at'])" \
	"('2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')"
check "export: the result is what score prints" eq "$WORK/e1.json" \
	"d['sessions'][0]['result'] == load('$WORK/score1.json')" True
check "export: the questionnaire and version" eq "$WORK/e1.json" \
	"d['sessions'][0]['questionnaire']" "{'id': 'tiny', 'version': 2}"
check "export: no transitions yet" eq "$WORK/e1.json" "d['transitions']" "[]"
check "export: the export of one session fits the schema" valid "$WORK/e1.json"
cp "$J" "$WORK/j.1"

# impossible answers are refused before anything is written
printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "tiny",\n "answers": {"a1": 9}}\n' >"$WORK/bad-answers.json"
run lj assess tiny --answers "$WORK/bad-answers.json"
expect_rc "an impossible answer is refused" 1
expect_err "named with file:line:col" "bad-answers.json:2:14: impossible answer 9 to item \"a1\""
expect_no_out "nothing recorded"
same_file "the journal is byte-identical" "$J" "$WORK/j.1"
printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "tiny",\n "answers": {"zz": 1}}\n' >"$WORK/bad-answers.json"
run "$LADDER" -j "$J" --passphrase-file "$WORK/wrong" --questionnaires "$QDIR" \
	assess tiny --answers "$WORK/bad-answers.json"
expect_rc "an unknown item is refused before the passphrase is tried" 1
expect_err "and named" "unknown item \"zz\""
same_file "the journal is byte-identical" "$J" "$WORK/j.1"
run lj assess cultural --answers "$WORK/a1.json"
expect_rc "answers to another questionnaire are refused" 1
same_file "the journal is byte-identical" "$J" "$WORK/j.1"

# ---------------------------------------------------------------- passphrase

run "$LADDER" -j "$J" --passphrase-file "$WORK/wrong" export
expect_rc "a wrong passphrase exits 3" 3
expect_err "and says so" "wrong passphrase"
expect_no_out "and exports nothing"
run "$LADDER" -j "$J" --passphrase-file "$WORK/wrong" --questionnaires "$QDIR" \
	assess tiny --answers "$TESTDATA/answers/tiny-full.json"
expect_rc "assess with a wrong passphrase exits 3" 3
same_file "the journal is byte-identical" "$J" "$WORK/j.1"

# ---------------------------------------------------------------- more sessions

# unconscious competence (tiny-full): a move up two rungs
NOW=2026-02-10T09:00:00Z
run lj assess tiny --answers "$TESTDATA/answers/tiny-full.json"
expect_rc "a second session" 0
expect_out "on another stage" "of \"tiny\": Unconscious competence"
id2=$(printf '%s\n' "$out" | sed -n 's/^Recorded session \([0-9a-f-]\{36\}\) of .*/\1/p')
# another questionnaire, nothing answered: no stage
printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "cultural", "answers": {}}\n' >"$WORK/c.json"
NOW=2026-02-15T09:00:00Z
run lj assess cultural --answers "$WORK/c.json"
expect_rc "a session of another questionnaire" 0
idc=$(printf '%s\n' "$out" | sed -n 's/^Recorded session \([0-9a-f-]\{36\}\) of .*/\1/p')
# tiny again, the same stage: no transition
NOW=2026-03-01T09:00:00Z
run lj assess tiny --answers "$TESTDATA/answers/tiny-full.json"
expect_rc "a third session of tiny" 0
id3=$(printf '%s\n' "$out" | sed -n 's/^Recorded session \([0-9a-f-]\{36\}\) of .*/\1/p')

NOW=2026-03-02T12:00:00Z
run lj export -o "$WORK/full.json"
expect_rc "export -o FILE" 0
expect_no_out "prints nothing on stdout"
expect_err "and says where it wrote" "wrote $WORK/full.json"
mode_600 "the export is 0600 (it holds private answers)" "$WORK/full.json"
check "the export fits the export schema" valid "$WORK/full.json"
check "sessions in time order" eq "$WORK/full.json" "[s['id'] for s in d['sessions']]" \
	"['$id1', '$id2', '$idc', '$id3']"
check "exported_at is LADDER_NOW" eq "$WORK/full.json" "d['exported_at']" "'2026-03-02T12:00:00Z'"
# into a pipe the export is made whole before it is written (into a file it
# is written as it is made): the same text
lj export 2>/dev/null | cat >"$WORK/full-pipe.json"
same_file "export | ... gives the same text as -o" "$WORK/full.json" "$WORK/full-pipe.json"
check "the session without a stage" eq "$WORK/full.json" \
	"(d['sessions'][2]['questionnaire']['id'], d['sessions'][2]['result']['stage'], d['sessions'][2]['answers'], d['sessions'][2]['note'])" \
	"('cultural', None, {}, None)"
check "one transition: tiny, up from rung 1 to rung 4" eq "$WORK/full.json" \
	"[(t['questionnaire'], t['from'], t['to'], t['from_session'], t['to_session'], t['at']) for t in d['transitions']]" \
	"[('tiny', 'unconscious_incompetence', 'unconscious_competence', '$id1', '$id2', '2026-02-10T09:00:00Z')]"
run lj export
printf '%s\n' "$out" >"$WORK/stdout.json"
same_file "export to stdout is the same text as -o" "$WORK/stdout.json" "$WORK/full.json"
run lj export -o -
printf '%s\n' "$out" >"$WORK/stdout.json"
same_file "and so is -o -" "$WORK/stdout.json" "$WORK/full.json"
printf 'old\n' >"$WORK/open.json"
chmod 644 "$WORK/open.json"
run lj export -o "$WORK/open.json"
expect_rc "export -o over an existing file" 0
mode_600 "leaves it 0600" "$WORK/open.json"
same_file "with the export in it" "$WORK/open.json" "$WORK/full.json"
run lj export -o "$WORK/no/such/dir/x.json"
expect_rc "export -o into a missing folder exits 1" 1
expect_err "naming the file" "$WORK/no/such/dir/x.json: cannot create"

for m in date-in-full no-note-in-full no-answers-in-full offset-time bad-uuid upper-case-uuid \
	unknown-stage axis-1.5 format-version-2 other-format unknown-member no-transitions \
	transition-without-change transition-extra; do
	check "the schema refuses a full export with $m" refused "$WORK/full.json" "$m"
done

# ---------------------------------------------------------------- anonymous

run lj export --anonymous -o "$WORK/anon.json"
expect_rc "export --anonymous -o FILE" 0
expect_err "says it is anonymous" "(anonymous)"
mode_600 "0600 too" "$WORK/anon.json"
check "the anonymous export fits the schema" valid "$WORK/anon.json"
check "no answers, no notes, dates only, fresh ids, same results and transitions" \
	anonymous "$WORK/anon.json" "$WORK/full.json"
check "exported_at is a date" eq "$WORK/anon.json" "d['exported_at']" "'2026-03-02'"
for m in answers-in-anonymous note-in-anonymous time-in-anonymous notes-in-anonymous; do
	check "the schema refuses an anonymous export with $m" refused "$WORK/anon.json" "$m"
done
run lj export --anonymous
printf '%s\n' "$out" >"$WORK/anon2.json"
check "anonymous to stdout: the same content with other fresh ids" \
	anonymous "$WORK/anon2.json" "$WORK/full.json"
check "and none of the first anonymous export's ids" eq "$WORK/anon2.json" \
	"set(s['id'] for s in d['sessions']) & set(s['id'] for s in load('$WORK/anon.json')['sessions'])" "set()"

# ---------------------------------------------------------------- filters

run lj export --since 2026-02-01
save since.json
expect_rc "export --since DATE" 0
check "--since leaves out sessions completed before" eq "$WORK/since.json" \
	"[s['id'] for s in d['sessions']]" "['$id2', '$idc', '$id3']"
check "and the transition from a session left out" eq "$WORK/since.json" "d['transitions']" "[]"
check "--since export fits the schema" valid "$WORK/since.json"
run lj export --since 2026-02-10T09:00:00Z
save since2.json
check "--since TIME is inclusive" eq "$WORK/since2.json" "[s['id'] for s in d['sessions']]" \
	"['$id2', '$idc', '$id3']"
run lj export --since 2026-01-01
save since3.json
check "--since before everything: all, with the transition" eq "$WORK/since3.json" \
	"(len(d['sessions']), len(d['transitions']))" "(4, 1)"
run lj export --since 2026-03-02
save since4.json
check "--since after everything: nothing" eq "$WORK/since4.json" \
	"(d['sessions'], d['transitions'])" "([], [])"
run lj export --since yesterday
expect_rc "--since that is no date is a usage error" 2
expect_err "and says what it expected" "--since yesterday: expected a date such as 2026-01-31"
expect_no_out "nothing exported"

run lj export --questionnaire cultural
save qc.json
check "--questionnaire cultural: its session alone" eq "$WORK/qc.json" \
	"([s['id'] for s in d['sessions']], d['transitions'])" "(['$idc'], [])"
run lj export --questionnaire tiny
save qt.json
check "--questionnaire tiny: its three sessions" eq "$WORK/qt.json" \
	"[s['id'] for s in d['sessions']]" "['$id1', '$id2', '$id3']"
check "and its transition" eq "$WORK/qt.json" "[(t['from_session'], t['to_session']) for t in d['transitions']]" \
	"[('$id1', '$id2')]"
run lj export --questionnaire tiny --since 2026-02-01 --anonymous
save qta.json
check "all three filters together fit the schema" valid "$WORK/qta.json"
check "and hold tiny's sessions since February, as dates" eq "$WORK/qta.json" \
	"[(s['questionnaire']['id'], s['completed_at']) for s in d['sessions']]" \
	"[('tiny', '2026-02-10'), ('tiny', '2026-03-01')]"

# ---------------------------------------------------------------- import

J2=$WORK/j2.ladder
run "$LADDER" -j "$J2" --passphrase-file "$WORK/pass2" init --kdf min
expect_rc "a second journal" 0
l2() { env ${NOW:+LADDER_NOW=$NOW} "$LADDER" -j "$J2" --passphrase-file "$WORK/pass2" "$@"; }
run l2 import "$WORK/full.json"
expect_rc "import an export into it" 0
expect_out "four new sessions" "Imported 4 new sessions and 0 notes"
NOW=2026-03-02T12:00:00Z
run l2 export -o "$WORK/full2.json"
check "the second journal exports the same sessions (ids, times, results, answers, notes)" \
	same "$WORK/full.json" "$WORK/full2.json"
same_file "byte for byte, at the same LADDER_NOW" "$WORK/full.json" "$WORK/full2.json"
cp "$J2" "$WORK/j2.copy"
run l2 import "$WORK/full.json"
expect_rc "importing the same export again" 0
expect_out "adds nothing" "Imported 0 new"
expect_out "and says all were there" "(4 already in the journal)"
same_file "and leaves the journal byte-identical" "$J2" "$WORK/j2.copy"

run "$LADDER" -j "$WORK/none.ladder" --passphrase-file "$WORK/pass" import "$WORK/full.json"
expect_rc "import without a journal exits 1" 1
expect_err "with a hint to run init" "create one with 'ladder init'"
absent "and creates nothing" "$WORK/none.ladder"

# a fixture with a reflection of its own: exported again, it is the same text
J3=$WORK/j3.ladder
run "$LADDER" -j "$J3" --passphrase-file "$WORK/pass" init --kdf min
run env LADDER_NOW=2026-03-01T12:00:00Z "$LADDER" -j "$J3" --passphrase-file "$WORK/pass" import "$FIX/full.json"
expect_rc "import the fixture tests/data/export/full.json" 0
expect_out "three sessions and a note" "Imported 3 new sessions and 1 note"
run env LADDER_NOW=2026-03-01T12:00:00Z "$LADDER" -j "$J3" --passphrase-file "$WORK/pass" export -o "$WORK/fix-again.json"
# the fixture was written by ladder 0.1 under scoring rule 1; with its
# questionnaire (tiny, version 2) not at hand, its results are kept as they
# were, and kept off the ladder: the same sessions and note, no transition
check "and export it again: the same sessions and note" \
	same_but_transitions "$FIX/full.json" "$WORK/fix-again.json"
check "its rule 1 results are not compared: no transition" \
	eq "$WORK/fix-again.json" 'd["transitions"]' '[]'
run "$LADDER" -j "$J3" --passphrase-file "$WORK/pass" --plain history
expect_out "--plain history marks them" "scored under an earlier rule (kept as it was, not compared)"
expect_out "and counts no move" "3 sessions, 0 moves up, 0 moves down."
mkdir -p "$WORK/tinyq"
cp "$TESTDATA/questionnaires/tiny.json" "$WORK/tinyq/"
run "$LADDER" -j "$J3" --passphrase-file "$WORK/pass" --questionnaires "$WORK/tinyq" --plain
expect_out "with tiny at hand, --plain home shows its rung again" "A tiny test questionnaire: rung"
# with the questionnaire at hand, they are scored again under rule 2, the
# old stage kept beside the new result; answers and note are as they were
run env LADDER_NOW=2026-03-01T12:00:00Z "$LADDER" -j "$J3" --passphrase-file "$WORK/pass" \
	--questionnaires "$SRCDIR/tests/data/questionnaires" export -o "$WORK/fix-rescored.json"
check "with tiny at hand: every session scored again under rule 2" \
	eq "$WORK/fix-rescored.json" '[s["result"]["rule"] for s in d["sessions"]]' '[2, 2, 2]'
check "keeping the stage rule 1 gave" \
	eq "$WORK/fix-rescored.json" '[s["result"]["rule_1_stage"] for s in d["sessions"]] == [s["result"]["stage"] for s in load("'"$FIX"'/full.json")["sessions"]]' 'True'
check "and the answers and notes" \
	eq "$WORK/fix-rescored.json" '[(s["answers"], s["note"]) for s in d["sessions"]] == [(s["answers"], s["note"]) for s in load("'"$FIX"'/full.json")["sessions"]]' 'True'
check "the re-scored export fits the schema" valid "$WORK/fix-rescored.json"

# refused imports: named with line:col, nothing changed
cp "$J2" "$WORK/j2.copy"
refuse() { # NAME FILE MESSAGE
	run l2 import "$2"
	expect_rc "import refuses $1" 1
	expect_err "naming the file and place" "$3"
	expect_err "saying nothing was imported" "nothing was imported; the journal is unchanged"
	same_file "the journal is byte-identical" "$J2" "$WORK/j2.copy"
}
printf '{\n  "format": "ladder-export",\n  "format_version": 1\n  "sessions": []\n}\n' >"$WORK/syntax.json"
refuse "a syntax error" "$WORK/syntax.json" "syntax.json:4:3: expected ',' or '}' after an object member"
refuse "an anonymous export" "$WORK/anon.json" \
	"anon.json:5:16: this is an anonymous export (for a facilitator's room view); import takes a full export made with 'ladder export'"
refuse "the anonymous fixture" "$FIX/anonymous.json" "anonymous.json:5:16: this is an anonymous export"
refuse "a bad stage deep in the sessions" "$FIX/bad-stage.json" \
	"bad-stage.json:190:22: unknown stage \"rung_5\" in a facet of the result"
sed '3s/"format_version": 1/"format_version": 2/' "$WORK/full.json" >"$WORK/v2.json"
refuse "format_version 2" "$WORK/v2.json" "v2.json:3:21: unsupported format_version 2 of ladder-export"
sed '2s/"ladder-export"/"ladder-journal"/' "$WORK/full.json" >"$WORK/fmt.json"
refuse "another format" "$WORK/fmt.json" "fmt.json:2:13: unknown format \"ladder-journal\" (expected \"ladder-export\")"
refuse "a missing file" "$WORK/missing.json" "missing.json"
run "$LADDER" -j "$J2" --passphrase-file "$WORK/wrong" import "$FIX/bad-stage.json"
expect_rc "the file is checked before the passphrase" 1
same_file "the journal is byte-identical" "$J2" "$WORK/j2.copy"
run "$LADDER" -j "$J2" --passphrase-file "$WORK/wrong" import "$WORK/full.json"
expect_rc "a good file with a wrong passphrase exits 3" 3
same_file "the journal is byte-identical" "$J2" "$WORK/j2.copy"

# ---------------------------------------------------------------- passwd

cp "$J" "$WORK/j.before-passwd"
run lj passwd --new-passphrase-file "$WORK/pass2"
expect_rc "passwd --new-passphrase-file" 0
expect_err "says the passphrase is changed" "the passphrase of $J is changed"
expect_code "and prints a new recovery code"
code1=$(recovery_code)
if [ -n "$code1" ] && [ "$code1" != "$code0" ]; then ok "a different code"; else not_ok "a different code"; fi
expect_out "saying the old one no longer works" "The old code no longer works."
run "$LADDER" -j "$J" --passphrase-file "$WORK/pass" export
expect_rc "the old passphrase no longer opens it (3)" 3
NOW=2026-03-02T12:00:00Z
run env LADDER_NOW=$NOW "$LADDER" -j "$J" --passphrase-file "$WORK/pass2" export -o "$WORK/after-passwd.json"
expect_rc "the new one does" 0
same_file "and the content is the same" "$WORK/full.json" "$WORK/after-passwd.json"
cp "$J" "$WORK/j.copy"
run "$LADDER" -j "$J" passwd --recovery-code-file "$WORK/code0" --new-passphrase-file "$WORK/pass"
expect_rc "the recovery code of init no longer works after passwd (3)" 3
same_file "the journal is byte-identical" "$J" "$WORK/j.copy"
run "$LADDER" -j "$J" --passphrase-file "$WORK/pass2" passwd --new-passphrase-file "$WORK/empty"
expect_rc "an empty new passphrase is refused" 1
expect_err "and nothing is changed" "nothing was changed"
same_file "the journal is byte-identical" "$J" "$WORK/j.copy"
run "$LADDER" -j "$J" --passphrase-file "$WORK/wrong" passwd --new-passphrase-file "$WORK/pass"
expect_rc "passwd with a wrong passphrase exits 3" 3
same_file "the journal is byte-identical" "$J" "$WORK/j.copy"

# the recovery code of init sets a new passphrase
R=$WORK/r.ladder
run "$LADDER" -j "$R" --passphrase-file "$WORK/pass" init --kdf min
rcode0=$(recovery_code)
printf '%s\n' "$rcode0" >"$WORK/rcode0"
run env LADDER_NOW=2026-01-05T10:00:00Z "$LADDER" -j "$R" --passphrase-file "$WORK/pass" \
	--questionnaires "$QDIR" assess tiny --answers "$WORK/a1.json"
idr=$(printf '%s\n' "$out" | sed -n 's/^Recorded session \([0-9a-f-]\{36\}\) of .*/\1/p')
printf 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567-89ABC-DEFGH\n' >"$WORK/badcode"
cp "$R" "$WORK/r.copy"
run "$LADDER" -j "$R" passwd --recovery-code-file "$WORK/badcode" --new-passphrase-file "$WORK/pass2"
expect_rc "a wrong recovery code exits 3" 3
same_file "the journal is byte-identical" "$R" "$WORK/r.copy"
printf 'recovered at last\n' >"$WORK/pass3"
run "$LADDER" -j "$R" passwd --recovery-code-file "$WORK/rcode0" --new-passphrase-file "$WORK/pass3"
expect_rc "passwd --recovery-code-file with the code of init" 0
expect_code "prints a new recovery code"
rcode1=$(recovery_code)
printf '%s\n' "$rcode1" >"$WORK/rcode1"
if [ -n "$rcode1" ] && [ "$rcode1" != "$rcode0" ]; then ok "a different code"; else not_ok "a different code"; fi
run "$LADDER" -j "$R" --passphrase-file "$WORK/pass3" export
expect_rc "the new passphrase opens the journal" 0
save r.json
check "with its session and note" eq "$WORK/r.json" "[(s['id'], s['note']) for s in d['sessions']]" \
	"[('$idr', 'First time: “naïve” and \"quoted\" — ✓\\nsecond line')]"
run "$LADDER" -j "$R" --passphrase-file "$WORK/pass" export
expect_rc "the forgotten passphrase no longer does (3)" 3
cp "$R" "$WORK/r.copy"
run "$LADDER" -j "$R" passwd --recovery-code-file "$WORK/rcode0" --new-passphrase-file "$WORK/pass2"
expect_rc "the old recovery code no longer works (3)" 3
expect_err "and says to use the latest" "use the latest one"
same_file "the journal is byte-identical" "$R" "$WORK/r.copy"
run "$LADDER" -j "$R" passwd --recovery-code-file "$WORK/rcode1" --new-passphrase-file "$WORK/pass"
expect_rc "the new recovery code works" 0
run "$LADDER" -j "$R" --passphrase-file "$WORK/pass" export
expect_rc "and so does the passphrase it set" 0

finish
