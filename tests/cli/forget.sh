# One import must not burden the journal: answers a questionnaire (of that
# version) does not have are refused, by file:line:col, and nothing is
# imported; a session of a questionnaire not at hand may hold at most 1000
# answers. `ladder forget SESSION-ID` removes a session from the journal
# and, by the second save, from its backup too.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_KDF=min
J=$WORK/j.ladder
printf 'correct horse battery\n' >"$WORK/pass"
QDIR=$TESTDATA/questionnaires
PY=/usr/bin/python3
l() { "$LADDER" -j "$J" --passphrase-file "$WORK/pass" --questionnaires "$QDIR" "$@"; }
l init --kdf min >/dev/null 2>&1

# fake -> FILE N QUESTIONNAIRE VERSION: full.json with N made-up answers
# in its first session, of that questionnaire and version
fake() {
	$PY - "$TESTDATA/export/full.json" "$@" <<'EOF'
import json, sys
src, dst, n, qid, ver = sys.argv[1:]
d = json.load(open(src))
s = d["sessions"][0]
s["questionnaire"] = {"id": qid, "version": int(ver)}
s["result"]["questionnaire"] = {"id": qid, "version": int(ver)}
for i in range(int(n)):
    s["answers"]["fake%05d" % i] = 1
open(dst, "w").write(json.dumps(d, indent=1))
EOF
}
cp "$J" "$WORK/j.before"
fake "$WORK/fake.json" 3 tiny 2
run l import "$WORK/fake.json"
expect_rc "an answer tiny version 2 does not have is refused" 1
expect_err "named with its place" "fake.json:"
expect_err "and what was expected" "answer to \"fake00000\", which questionnaire \"tiny\" version 2 does not have (expected only its items; nothing was imported)"
expect_err "nothing was imported" "nothing was imported; the journal is unchanged"
if cmp -s "$J" "$WORK/j.before"; then ok "the journal is unchanged"; else not_ok "the journal is unchanged"; fi

fake "$WORK/many.json" 1001 elsewhere 1
run l import "$WORK/many.json"
expect_rc "1001 answers of a questionnaire not at hand are refused" 1
expect_err "saying how many may be there" "more than 1000 answers in a session of questionnaire \"elsewhere\""
fake "$WORK/some.json" 40 elsewhere 1
run l import "$WORK/some.json"
expect_rc "40 answers of a questionnaire not at hand are taken" 0

fake "$WORK/big.json" 40000 elsewhere 1
run l import "$WORK/big.json"
expect_rc "40,000 made-up answers are refused" 1

# forget
rm -f "$J" "$J.bak" "$J.lock"
l init --kdf min >/dev/null 2>&1
run l assess tiny --answers "$TESTDATA/answers/tiny-full.json"
id1=$(printf '%s' "$out" | sed -n 's/^Recorded session \([0-9a-f-]*\) .*/\1/p')
run l assess tiny --answers "$TESTDATA/answers/tiny-full.json"
id2=$(printf '%s' "$out" | sed -n 's/^Recorded session \([0-9a-f-]*\) .*/\1/p')
[ -n "$id1" ] && [ -n "$id2" ] || echo "setup: no session ids"
short=$(printf '%s' "$id1" | cut -c1-8)
run l forget "$short"
expect_rc "forget by the first 8 characters of the id" 0
expect_out "says which it forgot" "Forgot session $id1 of \"tiny\""
run l export
expect_rc "the journal opens" 0
case "$out" in *"$id1"*) not_ok "the session is gone from the journal" ;; *) ok "the session is gone from the journal" ;; esac
expect_out "the other is still there" "$id2"
run "$LADDER" -j "$J.bak" --passphrase-file "$WORK/pass" export
expect_rc "the backup opens" 0
case "$out" in *"$id1"*) not_ok "the session is gone from the backup too" ;; *) ok "the session is gone from the backup too" ;; esac
expect_out "the backup has the other" "$id2"
run l forget "$id1"
expect_rc "forgetting it again fails" 1
expect_err "saying there is no such session" "the journal has no session \"$id1\"; nothing was changed"
run l forget abc
expect_rc "too short an id is a usage error" 2
run l forget
expect_rc "no id is a usage error" 2
run l forget --help
expect_out "forget has its help" "ladder forget SESSION-ID"

finish
