"""Output: `ladder show ID --json` of every questionnaire is normalised and
loads again, `ladder score` of nothing answered gives a valid result, and
`ladder room --json` fits the room schema; see tests/check_schemas.py."""

import json
import os

from schemas_common import (SCHEMAS, TESTDATA, check, check_score,
                           expect_invalid, expect_valid, fail, first_line,
                           mutate, run, write_temp)


# ---------------------------------------------------------------- output

def list_ids(*opts):
    status, out, err = run(*opts, "list")
    if not check(status == 0 and out.strip() != "", "ladder %s list prints questionnaires"
                 % " ".join(opts) if opts else "ladder list prints questionnaires",
                 "status %d: %s" % (status, first_line(err))):
        return []
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def check_show(qid, opts):
    what = "ladder %sshow %s --json" % ("".join(o + " " for o in opts), qid)
    status, out, err = run(*opts, "show", qid, "--json")
    if not check(status == 0, what + " succeeds", first_line(err)):
        return
    try:
        doc = json.loads(out)
    except ValueError as e:
        fail(what + " prints JSON", str(e))
        return
    expect_valid("questionnaire", doc, what + " fits the questionnaire schema")
    expect_valid("questionnaire", doc, what + " is normalised (every default filled in)",
                 "/$defs/normalised")
    tmp = write_temp("shown.json", out)
    status, _, err = run("validate", tmp)
    if not check(status == 0, what + " loads again (ladder validate)", first_line(err)):
        return
    status, again, err = run("show", tmp, "--json")
    try:
        same = status == 0 and json.loads(again) == doc
    except ValueError:
        same = False
    check(same, what + " shown again is the same", first_line(err) if status else
          "the normalised form changed when loaded and shown again")


def check_output():
    catalog = list_ids()
    for qid in catalog:
        check_show(qid, [])
    qdir = os.path.join(TESTDATA, "questionnaires")
    extra = []
    if os.path.isdir(qdir):
        extra = [i for i in list_ids("--questionnaires", qdir) if i not in catalog]
        for qid in extra:
            check_show(qid, ["--questionnaires", qdir])
    # nothing answered: every value undefined
    tiny = os.path.join(qdir, "tiny.json")
    if os.path.isfile(tiny):
        empty = write_temp("empty-answers.json", {"format": "ladder-answers", "format_version": 1,
                                                 "questionnaire": "tiny", "answers": {}})
        status, err = check_score(tiny, empty, "nothing answered to tiny")
        if status != 0:
            fail("nothing answered to tiny: ladder score succeeds", first_line(err))
    return set(catalog)


# ---------------------------------------------------------------- room

def check_room():
    if "room" not in SCHEMAS:
        return
    room = os.path.join(TESTDATA, "room")
    files = [os.path.join(room, f) for f in sorted(os.listdir(room)) if f.endswith(".json")]
    bad = write_temp("room-bad.json", "{\"format\": \"ladder-export\",")
    docs = []
    for opts in (["--min-group", "1"], [], ["--min-group", "3"]):
        status, out, err = run("room", *(files + [bad] + opts + ["--json"]))
        what = "ladder room --json %s" % " ".join(opts)
        if not check(status == 0, what + " succeeds", first_line(err)):
            continue
        try:
            doc = json.loads(out)
        except ValueError as e:
            fail(what + " prints JSON", str(e))
            continue
        expect_valid("room", doc, what + " fits the room schema")
        docs.append(doc)
    if not docs:
        return
    base = docs[0]
    cases = [
        ("a count below 0", lambda d: d["questionnaires"][0].__setitem__("people", -1)),
        ("a count both fewer and kept back", lambda d: d["questionnaires"][0].__setitem__(
            "people", {"fewer_than": 5, "kept_back": True})),
        ("a skipped source without a reason", lambda d: d["sources"].__setitem__(
            0, {"file": "x", "read": False, "kind": None})),
        ("a read source with a reason", lambda d: d["sources"].__setitem__(
            0, {"file": "x", "read": True, "kind": "saved tally", "reason": "x"})),
        ("a rung missing", lambda d: d["questionnaires"][0]["rungs"].pop("not_placed")),
        ("an unknown kind", lambda d: d["sources"][0].__setitem__("kind", "journal")),
        ("min_group 0", lambda d: d.__setitem__("min_group", 0)),
    ]
    for what, fn in cases:
        expect_invalid("room", mutate(base, fn), "room schema rejects %s" % what)
