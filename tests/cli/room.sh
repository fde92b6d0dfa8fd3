# The sealed handoff and the room: ladder keygen, export --anonymous --to,
# ladder room (text and JSON) with --key and --min-group, on the exports of
# 3, 5 and 8 people made by the real program from their own journals, with
# an altered file and one sealed for another key among them.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
export LADDER_KDF=min LADDER_DATA_DIR="${LADDER_DATA_DIR:-$SRCDIR/data}"
printf 'facilitator passphrase\n' >kp
printf 'participant passphrase\n' >jp
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# ---------------------------------------------------------------- keygen
run "$LADDER" keygen -o fac.key --passphrase-file kp
expect_rc "keygen makes a key pair" 0
line=$(cat fac.key.pub)
case "$line" in ladder-key1:????????????????????????????????????????????????)
	ok "FILE.pub is one public key line" ;;
	*) not_ok "FILE.pub is one public key line ($line)" ;; esac
if [ "$out" = "$line" ]; then ok "the line is printed on stdout"; else not_ok "the line is printed on stdout"; fi
expect_err "stderr names both files" "wrote fac.key (the secret key"
mode=$(stat -c %a fac.key)
if [ "$mode" = 600 ]; then ok "the secret key file is 0600"; else not_ok "the secret key file is 0600 ($mode)"; fi
if grep -q "ladder-key1" fac.key; then not_ok "the key file holds no public line"; else ok "the key file holds no public line"; fi
cp fac.key fac.key.orig
run "$LADDER" keygen -o fac.key --passphrase-file kp
expect_rc "keygen never overwrites" 1
expect_err "... and says so" "fac.key: already exists"
if cmp -s fac.key fac.key.orig; then ok "... the key is unchanged"; else not_ok "... the key is unchanged"; fi
run "$LADDER" keygen --passphrase-file kp
expect_rc "keygen without -o is a usage error" 2
printf '\n' >empty
run "$LADDER" keygen -o e.key --passphrase-file empty
expect_rc "an empty passphrase is refused" 1
if [ -e e.key ] || [ -e e.key.pub ]; then not_ok "... and nothing is written"; else ok "... and nothing is written"; fi
run "$LADDER" keygen -o other.key --passphrase-file kp
expect_rc "a second facilitator's key" 0

# ---------------------------------------------------------------- people
# person N: a journal with sessions of cultural answered from a seed, the
# first a year before the second when there are two
answers() {
	"$PY" - "$LADDER_DATA_DIR/questionnaires/cultural.json" "$1" "$2" <<'EOF'
import json, random, sys
q = json.load(open(sys.argv[1]))
rng = random.Random(int(sys.argv[2]))
scales = q["scales"]
answers = {}
chosen = rng.randint(1, 2)
for it in q["items"]:
    if it.get("set", chosen) != chosen:
        continue
    if it["kind"] == "scenario":
        answers[it["id"]] = rng.choice(it["options"])["id"]
    else:
        s = scales[it["scale"]]
        answers[it["id"]] = rng.randint(s["min"], s["max"])
json.dump({"format": "ladder-answers", "format_version": 1,
           "questionnaire": "cultural", "answers": answers}, open(sys.argv[3], "w"))
EOF
}
person() {
	j="j$1.ladder"
	"$LADDER" -j "$j" --passphrase-file jp init --kdf min >/dev/null 2>&1
	answers "$1" "a$1.json"
	answers "$(($1 + 100))" "b$1.json"
	if [ "$(($1 % 2))" = 0 ]; then
		LADDER_NOW=2025-05-01T10:00:00Z "$LADDER" -j "$j" --passphrase-file jp \
			assess cultural --answers "b$1.json" >/dev/null 2>&1
	fi
	LADDER_NOW=2026-05-01T10:00:00Z "$LADDER" -j "$j" --passphrase-file jp \
		assess cultural --answers "a$1.json" >/dev/null 2>&1
}
for i in 1 2 3 4 5 6 7 8; do person "$i"; done

# ---------------------------------------------------------------- export --to
run "$LADDER" -j j1.ladder --passphrase-file jp export --anonymous --to fac.key.pub -o p1.sealed
expect_rc "export --to a .pub file" 0
expect_err "... says it is sealed" "wrote p1.sealed (anonymous, sealed for the facilitator's key)"
if grep -q -e cultural -e ladder-export p1.sealed; then not_ok "nothing of the export is readable in it"; else ok "nothing of the export is readable in it"; fi
mode=$(stat -c %a p1.sealed)
if [ "$mode" = 600 ]; then ok "the sealed export is 0600"; else not_ok "the sealed export is 0600 ($mode)"; fi
for i in 2 3 4 5 6 7 8; do
	"$LADDER" -j "j$i.ladder" --passphrase-file jp export --anonymous --to "$line" -o "p$i.sealed" 2>/dev/null ||
		not_ok "export --to the key line, person $i"
done
ok "export --to the key line itself"
run "$LADDER" -j j1.ladder --passphrase-file jp export --to fac.key.pub -o x.sealed
expect_rc "--to without --anonymous is a usage error" 2
run "$LADDER" -j j1.ladder --passphrase-file jp export --anonymous --to "${line%?}" -o x.sealed
expect_rc "a cut key line is refused" 1
expect_err "... saying what is wrong" "--to: the public key is 59 characters long"
run "$LADDER" -j j1.ladder --passphrase-file jp export --anonymous --to fac.key -o x.sealed
expect_rc "the secret key file is not a public key" 1
expect_err "... and is named" "fac.key: not a public key"
if [ -e x.sealed ]; then not_ok "no file left by the refusals"; else ok "no file left by the refusals"; fi

# the two bad files: one altered, one sealed for another key
cp p8.sealed altered.sealed
size=$(stat -c %s altered.sealed)
printf 'X' | dd of=altered.sealed bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
"$LADDER" -j j8.ladder --passphrase-file jp export --anonymous --to other.key.pub -o other.sealed 2>/dev/null

# ---------------------------------------------------------------- room --key
all="p1.sealed p2.sealed p3.sealed p4.sealed p5.sealed p6.sealed p7.sealed p8.sealed"
run "$LADDER" room $all altered.sealed other.sealed --key fac.key --passphrase-file kp --json
expect_rc "room reads 8 sealed exports beside 2 bad files" 0
expect_err "the count of what was read" "ladder: room: 8 of 10 files read, 2 skipped"
expect_err "each one read is listed" "ladder: room: read p8.sealed (sealed export)"
expect_err "the altered one is refused by name" "ladder: room: skipped altered.sealed: altered"
expect_err "the other key's one says so" "ladder: room: skipped other.sealed: sealed for another key"
printf '%s\n' "$out" >room8.json
check_json() {
	"$PY" - "$SRCDIR/data/schema/room.schema.json" "$@" <<'EOF'
import json, sys
schema_path, doc_path, n_min, people = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
doc = json.load(open(doc_path))
try:
    import jsonschema
    jsonschema.Draft202012Validator(json.load(open(schema_path))).validate(doc)
except ImportError:
    pass
assert doc["min_group"] == n_min, doc["min_group"]
q = doc["questionnaires"][0]
def shown(c):
    return isinstance(c, int)
# the total, shown only from the minimum up
assert shown(q["people"]) == (people >= n_min or n_min == 1), q["people"]
if shown(q["people"]):
    assert q["people"] == people
groups = [(q["people"], list(q["rungs"].values())),
          (q["with_results"], list(q["movement"].values())),
          (q["with_results"], list(q["calibration"].values()))]
groups += [(a["people"], list(a["rungs"].values())) for a in q["areas"]]
for total, cells in groups:
    for c in cells:
        # nothing below the minimum, nothing finer than "fewer than N"
        assert not shown(c) or c >= n_min or n_min == 1, cells
        assert shown(c) or c.get("fewer_than") == n_min or c.get("kept_back") is True, c
    if not shown(total):
        assert all(not shown(c) for c in cells), cells
        continue
    masked = [c for c in cells if not shown(c)]
    # no single masked count that the total would give away
    assert len(masked) != 1, cells
    if masked:
        rest = total - sum(c for c in cells if shown(c))
        fewer = [c for c in masked if "fewer_than" in c]
        kept = len(masked) - len(fewer)
        # the masked ones could each be anything from 0 to N-1
        if fewer:
            assert rest - kept * n_min >= n_min - 1, (total, cells)
        if fewer and kept == 0:
            assert rest <= (len(fewer) - 1) * (n_min - 1), (total, cells)
print("ok")
EOF
}
if check_json room8.json 5 8 >check.out 2>&1; then ok "8 people: the JSON fits the schema and masks below 5"; else
	not_ok "8 people: the JSON fits the schema and masks below 5"; cat check.out; fi

# the same people unmasked: 8, and the counts add up
run "$LADDER" room $all --key fac.key --passphrase-file kp --json --min-group 1
printf '%s\n' "$out" >room8-1.json
if check_json room8-1.json 1 8 >check.out 2>&1; then ok "8 people, --min-group 1: exact counts"; else
	not_ok "8 people, --min-group 1: exact counts"; cat check.out; fi
expect_out "... 8 people" '"people": 8'
run "$LADDER" room $all --key fac.key --passphrase-file kp --json --min-group 8
printf '%s\n' "$out" >room8-8.json
if check_json room8-8.json 8 8 >check.out 2>&1; then ok "8 people, --min-group 8"; else
	not_ok "8 people, --min-group 8"; cat check.out; fi

# 3 and 5 people
run "$LADDER" room p1.sealed p2.sealed p3.sealed --key fac.key --passphrase-file kp --json
printf '%s\n' "$out" >room3.json
if check_json room3.json 5 3 >check.out 2>&1; then ok "3 people: everything fewer than 5"; else
	not_ok "3 people: everything fewer than 5"; cat check.out; fi
run "$LADDER" room p1.sealed p2.sealed p3.sealed --key fac.key --passphrase-file kp
expect_rc "3 people as text" 0
expect_out "... says how many are too few" "Cultural competence (cultural): fewer than 5 people"
if printf '%s\n' "$out" | sed 1d | sed 's/fewer than 5//g' | grep -q '[0-9]'; then
	not_ok "... and no count"; else ok "... and no count"; fi
run "$LADDER" room p1.sealed p2.sealed p3.sealed p4.sealed p5.sealed --key fac.key --passphrase-file kp --json
printf '%s\n' "$out" >room5.json
if check_json room5.json 5 5 >check.out 2>&1; then ok "5 people: the total shown, small counts masked"; else
	not_ok "5 people: the total shown, small counts masked"; cat check.out; fi
run "$LADDER" room p1.sealed p2.sealed p3.sealed p4.sealed p5.sealed --key fac.key --passphrase-file kp
expect_out "5 people as text" "Cultural competence (cultural): 5 people"
expect_out "... small counts in words" "fewer than 5"

# ---------------------------------------------------------------- refusals
run "$LADDER" room $all --passphrase-file kp
expect_rc "without --key no sealed export reads: exit 1" 1
expect_err "... each says it needs the key" "p1.sealed: a sealed export; it opens only with the facilitator's key (--key FILE)"
expect_err "... and the command says none read" "no file could be read"
printf 'wrong\n' >wrong
run "$LADDER" room $all --key fac.key --passphrase-file wrong
expect_rc "a wrong passphrase for the key exits 3" 3
expect_err "... naming the key" "fac.key: wrong passphrase for this key"
cp fac.key damaged.key
printf 'X' | dd of=damaged.key bs=1 seek=100 conv=notrunc 2>/dev/null
run "$LADDER" room $all --key damaged.key --passphrase-file kp
expect_rc "a damaged key file exits 4" 4
expect_err "... before the passphrase is tried" "damaged.key: the key file is damaged"
run "$LADDER" room $all --key fac.key.pub --passphrase-file kp
expect_rc "the .pub file is not the key" 4
expect_err "... and says what is expected" "not FILE.pub"
run "$LADDER" room p1.sealed --min-group 0
expect_rc "--min-group 0 is a usage error" 2
run "$LADDER" room p1.sealed --min-group five
expect_rc "--min-group five is a usage error" 2
run "$LADDER" room
expect_rc "room without files is a usage error" 2
run "$LADDER" present --key fac.key
expect_rc "present --key without --room is a usage error" 2
expect_err "... saying so" "give them with --room FILE"

# ---------------------------------------------------------------- other inputs
"$LADDER" -j j1.ladder --passphrase-file jp export --anonymous -o plain1.json 2>/dev/null
"$LADDER" -j j1.ladder --passphrase-file jp export -o full1.json 2>/dev/null
cat >tally.json <<'EOF'
{"format": "ladder-tally", "format_version": 1, "saved_at": "2026-05-20T10:00:00Z",
 "questionnaires": [{"id": "cultural", "title": "Cultural competence",
  "counts": {"unconscious_incompetence": 2, "conscious_incompetence": 6,
   "conscious_competence": 5, "unconscious_competence": 1}, "total": 14}]}
EOF
run "$LADDER" room tally.json plain1.json full1.json missing.json tally.json a1.json --json --min-group 1
expect_rc "a tally, an export, an answers file and bad ones" 0
expect_err "the tally is read" "read tally.json (saved tally)"
expect_err "the anonymous export is read" "read plain1.json (anonymous export)"
expect_err "the answers file is read" "read a1.json (answers file)"
expect_err "a full export is skipped by name" "skipped full1.json:"
expect_err "... as not anonymous" "not an anonymous export"
expect_err "a missing file is skipped" "skipped missing.json: cannot open"
expect_err "a file given twice is skipped" "skipped tally.json: the same file as tally.json (given twice)"
expect_out "the tally's people count with the others" '"people": 16'
expect_out "the tally's votes are on their rungs" '"conscious_incompetence": '

finish
