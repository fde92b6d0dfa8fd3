#!/bin/sh
# Regenerates the seeds of tests/fuzz/corpus/ from the test fixtures:
#   tests/fuzz/make_corpus.sh BUILDDIR    (a build with -Dfuzz=true)
# questionnaire: the built-in and test questionnaires, valid and invalid;
# deck: the test decks and the decks present builds for 20 and 60 minutes;
# answers: the test answers and the personas as answers files; import:
# exports made by `ladder export` of a journal holding the personas'
# sessions (full, anonymous, filtered, with a note); vault_header: journal
# files made by ladder with the min KDF and the committed v1 fixture;
# vault_decode: the journals' plaintexts, as they are and sealed under the
# fuzz targets' fixed key by seal_seed (the v1-* ones, format version 1
# plaintexts made before version 2, are kept as they are); sealed: an
# anonymous export, as it is and sealed for the fixed key pair of fuzz_key.c;
# keyfile: a key file made by `ladder keygen` with the min
# KDF (passphrase "fuzz") and its public key line; room: the room's inputs
# (exports plain and sealed, a full export, a tally, an answers file).
# answers_csv: hand-written CSV files (quoting, BOM, semicolons, sets, bad
# cells), kept as they are.
set -eu
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/../.."
C=tests/fuzz/corpus
LADDER=$build/ladder
VAULT_TOOL=$build/tests/vault_tool
SEAL=$build/tests/fuzz/seal_seed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export LADDER_KDF=min LC_ALL=C.UTF-8
mkdir -p "$HOME" $C/questionnaire $C/answers $C/import $C/vault_header $C/vault_decode \
	$C/sealed $C/keyfile $C/room

cp data/questionnaires/*.json tests/data/questionnaires/tiny.json $C/questionnaire/
for f in data/editions/*.json; do cp "$f" "$C/questionnaire/edition-${f##*/}"; done
for f in tests/data/score/q-*.json; do cp "$f" "$C/questionnaire/score-${f##*/}"; done
for f in tests/data/invalid/*.json; do cp "$f" "$C/questionnaire/invalid-${f##*/}"; done
cp tests/data/sets/q-sets.json "$C/questionnaire/sets-q-sets.json"

mkdir -p $C/deck
cp tests/data/deck/*.json $C/deck/
"$LADDER" present --minutes 60 --print-deck >$C/deck/built-60.json
"$LADDER" present --minutes 20 --room x --print-deck >$C/deck/built-20-room.json

cp tests/data/answers/*.json $C/answers/
for f in tests/data/score/a-*.json; do cp "$f" "$C/answers/score-${f##*/}"; done
printf '{"format": "ladder-answers", "format_version": 1, "questionnaire": "sets", "set": 2, "answers": {"c1": 4, "s1b": "c", "w1": 2, "p1": 5}}\n' >"$C/answers/sets-set2.json"
python3 - "$C/answers" <<'PY'
import json, glob, os, sys
for f in sorted(glob.glob('tests/personas/*/*.json')):
    p = json.load(open(f))
    d = {"format": "ladder-answers", "format_version": 1,
         "questionnaire": p["questionnaire"], "answers": p["answers"],
         "note": p.get("story", "")}
    if "set" in p:
        d["set"] = p["set"]
    name = os.path.basename(os.path.dirname(f)) + '-' + os.path.basename(f)
    with open(os.path.join(sys.argv[1], 'persona-' + name), 'w') as out:
        json.dump(d, out, indent=2, ensure_ascii=False)
PY

printf 'fuzz seed passphrase\n' >"$work/pass"
J="$work/journal.ladder"
"$LADDER" -j "$J" --passphrase-file "$work/pass" init --kdf min >/dev/null 2>&1
cp "$J" $C/vault_header/empty.ladder
"$VAULT_TOOL" open "$J" --pass "$work/pass" --out $C/vault_decode/empty.json
day=10
for f in $C/answers/persona-*.json; do
	q=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["questionnaire"])' "$f")
	LADDER_NOW="2026-03-${day}T09:30:00Z" "$LADDER" -j "$J" --passphrase-file "$work/pass" \
		assess "$q" --answers "$f" >/dev/null
	day=$((day + 1))
done
cp "$J" $C/vault_header/personas.ladder
cp "$J.bak" $C/vault_header/personas-previous.ladder
cp tests/data/journal-v1.ladder $C/vault_header/fixture-v1.ladder
"$VAULT_TOOL" open "$J" --pass "$work/pass" --out $C/vault_decode/personas.json
# one with a reflection of its own and an unfinished session
# (format version 2: the first line is the object without its sessions,
# ending in ,"sessions":[ ; then one line per session, a comma ending all
# but the last; then ]} with no newline after it)
python3 - $C/vault_decode/personas.json $C/vault_decode/notes-unfinished.json <<'PY'
import json, sys
KEY = ',"sessions":['
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\n")
head, sessions, tail = lines[0], lines[1:-1], lines[-1]
assert head.endswith(KEY) and tail == "]}" and len(sessions) >= 3, sys.argv[1]
j = json.loads(head[:-len(KEY)] + "}")
j["notes"] = [{"id": "0b5c1f0e-3c1a-4f2e-9d7b-6a1e2f3c4d5e",
               "at": "2026-03-30T18:00:00Z", "text": "after the retreat: é ✓"}]
j["unfinished"] = [{"questionnaire": {"id": "cultural", "version": 1},
                    "started_at": "2026-04-01T08:00:00Z", "position": 3,
                    "answers": {"lens_b1": 4, "lens_s1": "d"}}]
head = json.dumps(j, separators=(",", ":"), ensure_ascii=False)[:-1] + KEY
sessions = sessions[:3]
if sessions[-1].endswith(","):
    sessions[-1] = sessions[-1][:-1]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    out.write("\n".join([head] + sessions + [tail]))
PY
# the v1-*.json seeds are kept as they were, with their .sealed
for p in $C/vault_decode/*.json; do
	case ${p##*/} in v1-*) continue ;; esac
	"$SEAL" "$p" "${p%.json}.sealed"
done

L() { "$LADDER" -j "$J" --passphrase-file "$work/pass" "$@"; }
L export -o $C/import/full.json 2>/dev/null
L export --anonymous -o $C/import/anonymous.json 2>/dev/null
L export --questionnaire social-media -o $C/import/social-media.json 2>/dev/null
L export --since 2026-03-18 -o $C/import/since.json 2>/dev/null
python3 - $C/import/since.json $C/import/with-note.json <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
e["sessions"] = e["sessions"][:2]
e["transitions"] = []
e["notes"] = [{"id": "0b5c1f0e-3c1a-4f2e-9d7b-6a1e2f3c4d5e",
               "at": "2026-03-30T18:00:00+02:00", "text": "a note\nof two lines"}]
json.dump(e, open(sys.argv[2], "w"), indent=2, ensure_ascii=False)
PY
cp tests/data/room/p1.json $C/sealed/p1.json
"$SEAL" --sealed tests/data/room/p1.json $C/sealed/p1.sealed
printf 'fuzz\n' >"$work/keypass"
rm -f $C/keyfile/min.key $C/keyfile/min.key.pub
"$LADDER" keygen -o $C/keyfile/min.key --passphrase-file "$work/keypass" >/dev/null 2>&1
"$SEAL" --sealed tests/data/room/p2.json $C/room/p2.sealed
cp tests/data/room/p3.json $C/room/p3.json
sed 's/"anonymous": true/"anonymous": false/' tests/data/room/p1.json >$C/room/full.json
cp $C/answers/persona-cultural-modest-organiser.json $C/room/answers.json
cat >$C/room/tally.json <<'EOF'
{"format": "ladder-tally", "format_version": 1, "saved_at": "2026-05-20T10:00:00Z",
 "questionnaires": [{"id": "cultural", "title": "Cultural competence",
  "counts": {"unconscious_incompetence": 2, "conscious_incompetence": 6,
   "conscious_competence": 5, "unconscious_competence": 1}, "total": 14}]}
EOF
# the room's CSV files of answers: a persona's sheet typed in twice (one
# row with a bad cell), by question numbers and by item ids
python3 - $C/room <<'PY'
import json, sys
q = json.load(open("data/questionnaires/cultural.json"))
items = [i for i in q["items"] if i.get("set") in (None, 1)]
p = json.load(open("tests/personas/cultural/modest-organiser.json"))["answers"]
def cell(it):
    v = p.get(it["id"])
    if v is None:
        return ""
    if isinstance(v, str):
        return "ABCDE"[[o["id"] for o in it["options"]].index(v)]
    return str(v)
r1 = ["P1"] + [cell(it) for it in items]
r2 = list(r1)
r2[0], r2[3] = "P2", "9"
for name, hdr in (("numbers", [str(n + 1) for n in range(len(items))]),
                  ("ids", [it["id"] for it in items])):
    with open(f"{sys.argv[1]}/{name}.csv", "w") as f:
        for r in (["code"] + hdr, r1, r2):
            f.write(",".join(r) + "\n")
PY
chmod 644 $C/*/*
echo "seeds: $(find $C -type f | wc -l) files"
