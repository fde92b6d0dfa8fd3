"""Files: every *.json under data/questionnaires/ and tests/ whose "format"
has a schema fits it when ladder accepts it (questionnaires through `ladder
validate`, answers through `ladder score`, whose output fits the result
schema); see tests/check_schemas.py."""

import os

from schemas_common import (SCHEMAS, SRCDIR, TESTDATA, check, check_score,
                           expect_valid, first_line, ok, read_json, rel, run,
                           schema_errors, skip, write_temp)


# ---------------------------------------------------------------- files

def find_json(roots):
    seen = set()
    for root in roots:
        if not os.path.isdir(root):
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            # fuzz seeds are odd on purpose (time offsets, edge values):
            # the parsers must cope with them, the schemas need not
            dirnames[:] = sorted(d for d in dirnames if d != "fuzz")
            for fn in sorted(filenames):
                path = os.path.realpath(os.path.join(dirpath, fn))
                if fn.endswith(".json") and path not in seen:
                    seen.add(path)
                    yield os.path.join(dirpath, fn)


def is_error_fixture(path):
    parts = os.path.relpath(path, SRCDIR).split(os.sep)
    return any(p.startswith(("bad", "invalid")) for p in parts)


def check_files(catalog_ids):
    roots = [os.path.join(SRCDIR, "data", "questionnaires"), os.path.join(SRCDIR, "tests"), TESTDATA]
    docs = [(p, read_json(p)) for p in find_json(roots)]
    formats = {}
    for name, schema in SCHEMAS.items():
        fmt = schema.get("properties", {}).get("format", {}).get("const")
        if isinstance(fmt, str):
            formats[fmt] = name

    # questionnaires first: the answers files need them
    questionnaires = {}  # id -> path of a file the loader accepts
    qdocs = [(p, d) for p, d in docs
             if isinstance(d, dict) and d.get("format") == "ladder-questionnaire"]
    accepted, messages = validate_all([p for p, _ in qdocs])
    for path, doc in qdocs:
        what = "questionnaire " + rel(path)
        verdict = schema_errors("questionnaire", doc)
        if path in accepted:
            check(verdict is None, what + " (loaded by ladder) fits the schema", verdict or "")
            questionnaires.setdefault(doc.get("id"), path)
        elif verdict is not None:
            ok(what + " is refused by ladder and by the schema")
        else:
            skip(what, "refused by ladder (%s); a rule the schema cannot express"
                 % messages.get(path, "no message"))

    for path, doc in docs:
        if not isinstance(doc, dict):
            continue
        fmt = doc.get("format")
        if fmt == "ladder-answers":
            check_answers_file(path, doc, catalog_ids, questionnaires)
        elif fmt is None and isinstance(doc.get("questionnaire"), str) \
                and isinstance(doc.get("answers"), dict):
            check_persona(path, doc, catalog_ids, questionnaires)
        elif fmt in formats and fmt != "ladder-questionnaire":
            name = formats[fmt]
            what = "%s %s" % (name, rel(path))
            if is_error_fixture(path):
                skip(what, "an error fixture (its name says bad/invalid)")
                continue
            expect_valid(name, doc, what + " fits the schema")


def validate_all(paths):
    """The files `ladder validate` accepts, and its message for the others
    (one run for all: test folders may hold many files)."""
    if not paths:
        return set(), {}
    status, out, err = run("validate", *paths)
    accepted = {p for p in paths if (p + ": ok") in out.splitlines() or
                any(l.startswith(p + ": ok ") for l in out.splitlines())}
    messages = {}
    for p in paths:
        for line in err.splitlines():
            if line.startswith(p + ":"):
                messages[p] = line
                break
    return accepted, messages


def questionnaire_arg(qid, catalog_ids, questionnaires):
    if qid in catalog_ids:
        return qid
    return questionnaires.get(qid)


def check_answers_file(path, doc, catalog_ids, questionnaires):
    what = "answers " + rel(path)
    qarg = questionnaire_arg(doc.get("questionnaire"), catalog_ids, questionnaires)
    verdict = schema_errors("answers", doc)
    if qarg is None:
        check(verdict is None, what + " fits the schema (its questionnaire is not at hand)",
              verdict or "")
        return
    status, err = check_score(qarg, path, what)
    if status == 0:
        check(verdict is None, what + " (accepted by ladder score) fits the schema", verdict or "")
    elif verdict is not None:
        ok(what + " is refused by ladder and by the schema")
    else:
        skip(what, "refused by ladder (%s); a rule the schema cannot express" % first_line(err))


def check_persona(path, doc, catalog_ids, questionnaires):
    """Files that carry answers without being an answers file (personas):
    wrapped into one, they exercise ladder score on the real questionnaires."""
    what = "answers of " + rel(path)
    qarg = questionnaire_arg(doc["questionnaire"], catalog_ids, questionnaires)
    if qarg is None:
        skip(what, "questionnaire %r is not at hand" % doc["questionnaire"])
        return
    wrapped = {"format": "ladder-answers", "format_version": 1,
               "questionnaire": doc["questionnaire"], "answers": doc["answers"]}
    tmp = write_temp("persona.json", wrapped)
    status, err = check_score(qarg, tmp, what)
    if status == 0:
        expect_valid("answers", wrapped, what + " (accepted by ladder score) fit the answers schema")
    else:
        skip(what, "refused by ladder (%s)" % first_line(err))
