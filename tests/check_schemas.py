#!/usr/bin/env python3
"""Checks the JSON Schemas of data/schema/ against the files and the program.

Run by meson as `python3 tests/check_schemas.py` with LADDER (the built
program), SRCDIR (the source tree) and TESTDATA (tests/data) in the
environment. Prints one line per check ("ok", "FAIL", or "skip" for what could
not be checked and is not counted), then "N passed, N failed"; exits 1 when
anything failed.

What it checks:
  schemas    every data/schema/*.schema.json is a valid draft 2020-12 schema
             that stands alone: no $id, every $ref within the file (a schema
             using another carries a copy of it, kept the same by
             tests/bundle_schemas.py); questionnaire, answers and result must
             exist, export, tally, room and deck are checked when they exist
  stock      the validator command of ladder(1) (Debian's jsonschema, given
             the schema's path alone, with every proxy pointing nowhere)
             accepts the export fixtures and refuses a broken one
  files      every *.json under data/questionnaires/ and tests/ whose "format"
             has a schema: a questionnaire the loader accepts (`ladder
             validate`) must be accepted by the schema; an answers file that
             `ladder score` accepts must be accepted by the answers schema, and
             what score prints by the result schema. Files the program refuses
             are skipped (the loader checks cross references a schema cannot
             see); so are export/tally files under a folder or with a name
             starting with "bad" or "invalid" (fixtures of errors).
  output     `ladder show ID --json` of every questionnaire `ladder list`
             prints (also with --questionnaires TESTDATA/questionnaires) is a
             normalised questionnaire that loads again and shows the same;
             `ladder score` of an empty answers file gives a valid result
  room       what `ladder room --json` prints of the room fixtures, with
             and without a minimum group and with a skipped file, fits the
             room schema, and documents breaking one of its rules do not
  negatives  documents built here that break one rule each must be refused by
             the schema, and, for questionnaires and answers, by the program
             too (so the schema is neither looser nor stricter than ladder on
             the rules it can express); a few valid variants must pass both.

Needs Debian's python3-jsonschema (4.10, draft 2020-12); when the python3 on
PATH has no jsonschema, the script runs itself again with /usr/bin/python3.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:
    DEBIAN_PYTHON = "/usr/bin/python3"
    if (os.environ.get("LADDER_SCHEMA_REEXEC") is None
            and os.access(DEBIAN_PYTHON, os.X_OK)
            and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)):
        os.environ["LADDER_SCHEMA_REEXEC"] = "1"
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    sys.stderr.write("check_schemas: the Python module jsonschema is missing "
                     "(install python3-jsonschema)\n")
    sys.exit(1)

try:  # jsonschema >= 4.18 resolves $ref through the referencing library
    import referencing
    import referencing.jsonschema
except ImportError:
    referencing = None

REQUIRED_SCHEMAS = ["questionnaire", "answers", "result"]
OPTIONAL_SCHEMAS = ["export", "tally", "room", "deck"]
TIMEOUT = 120

SRCDIR = os.path.abspath(os.environ.get("SRCDIR")
                         or os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TESTDATA = os.path.abspath(os.environ.get("TESTDATA") or os.path.join(SRCDIR, "tests", "data"))
LADDER = os.path.abspath(os.environ.get("LADDER") or os.path.join(SRCDIR, "build", "ladder"))
SCHEMA_DIR = os.path.join(SRCDIR, "data", "schema")

passed = 0
failed = 0
TMP = tempfile.mkdtemp(prefix="ladder-schemas-")


def ok(what):
    global passed
    passed += 1
    print("ok: " + what)


def fail(what, why=""):
    global failed
    failed += 1
    print("FAIL: " + what + (": " + why if why else ""))


def skip(what, why):
    print("skip: %s: %s" % (what, why))


def check(cond, what, why=""):
    if cond:
        ok(what)
    else:
        fail(what, why)
    return cond


def rel(path):
    return os.path.relpath(path, SRCDIR) if path.startswith(SRCDIR + os.sep) else path


def first_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[0] if lines else "(no message)"


# ---------------------------------------------------------------- the program

def ladder_env():
    env = dict(os.environ)
    # no questionnaires of the person running the tests
    env["XDG_CONFIG_HOME"] = os.path.join(TMP, "config")
    env["NO_COLOR"] = "1"
    return env


ENV = ladder_env()


def run(*args):
    """(status, stdout, stderr) of the program."""
    try:
        p = subprocess.run([LADDER] + list(args), env=ENV, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return 127, "", str(e)
    return p.returncode, p.stdout, p.stderr


def write_temp(name, doc):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        if isinstance(doc, str):
            f.write(doc)
        else:
            json.dump(doc, f, indent=1, ensure_ascii=False)
    return path


# ---------------------------------------------------------------- the schemas

SCHEMAS = {}   # name -> schema (with the file's URI as $id)


def file_uri(name):
    return "file://" + os.path.join(SCHEMA_DIR, name + ".schema.json")


def all_refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from all_refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from all_refs(v)


def load_schemas():
    names = sorted(f[:-len(".schema.json")] for f in os.listdir(SCHEMA_DIR)
                   if f.endswith(".schema.json")) if os.path.isdir(SCHEMA_DIR) else []
    for name in REQUIRED_SCHEMAS:
        if name not in names:
            fail("schema %s.schema.json" % name, "missing from " + rel(SCHEMA_DIR))
    for name in names:
        what = "schema %s.schema.json" % name
        path = os.path.join(SCHEMA_DIR, name + ".schema.json")
        try:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            Draft202012Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
            fail(what, "not a valid draft 2020-12 schema: %s" % str(e).splitlines()[0])
            continue
        refs = [r for r in all_refs(schema) if not (r == "#" or r.startswith("#/"))]
        if not check("$id" not in schema and not refs,
                     what + " is valid draft 2020-12 and resolves every $ref within itself",
                     "$id %r, refs %r" % (schema.get("$id"), refs)):
            continue
        schema = dict(schema, **{"$id": file_uri(name)})
        if name not in REQUIRED_SCHEMAS + OPTIONAL_SCHEMAS:
            skip(what, "not a schema this test knows; loaded for $ref only")
        SCHEMAS[name] = schema


if referencing is not None:
    def make_validator(schema):
        registry = referencing.Registry().with_resources(
            (s["$id"], referencing.jsonschema.DRAFT202012.create_resource(s))
            for s in SCHEMAS.values())
        return Draft202012Validator(schema, registry=registry)
else:
    def make_validator(schema):
        store = {s["$id"]: s for s in SCHEMAS.values()}
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return Draft202012Validator(schema, resolver=resolver)

VALIDATORS = {}


def validator(name, pointer=""):
    """Validator of a schema, or of one of its $defs when pointer is given."""
    key = (name, pointer)
    if key not in VALIDATORS:
        if name not in SCHEMAS:
            return None
        if pointer:
            schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                      "$ref": SCHEMAS[name]["$id"] + "#" + pointer}
        else:
            schema = SCHEMAS[name]
        VALIDATORS[key] = make_validator(schema)
    return VALIDATORS[key]


def schema_errors(name, doc, pointer=""):
    """None when doc is valid, else a one-line reason."""
    v = validator(name, pointer)
    if v is None:
        return "no schema %s.schema.json" % name
    errors = list(v.iter_errors(doc))
    if not errors:
        return None
    # a member that fails its own schema also counts as "unevaluated";
    # show the failure itself
    causes = [e for e in errors if e.validator != "unevaluatedProperties"]
    if causes:
        err = jsonschema.exceptions.best_match(causes)
    else:
        err = max(errors, key=lambda e: len(e.absolute_path))
    where = "/".join(str(p) for p in err.absolute_path) or "(top)"
    msg = err.message
    if len(msg) > 200:
        msg = msg[:200] + "..."
    return "at %s: %s" % (where, msg)


def expect_valid(name, doc, what, pointer=""):
    e = schema_errors(name, doc, pointer)
    return check(e is None, what, e or "")


def expect_invalid(name, doc, what, pointer=""):
    return check(schema_errors(name, doc, pointer) is not None, what,
                 "the %s schema accepts it" % name)


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


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None  # not JSON (or a deliberately broken fixture): not ours


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


def check_score(qarg, answers_path, what):
    status, out, err = run("score", qarg, "--answers", answers_path)
    if status != 0:
        return status, err
    try:
        result = json.loads(out)
    except ValueError as e:
        fail(what + ": the output of ladder score is JSON", str(e))
        return 0, ""
    expect_valid("result", result, what + ": the output of ladder score fits the result schema")
    return 0, ""


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


# ---------------------------------------------------------------- negatives

def base_questionnaire():
    """A small valid questionnaire with every member the format has."""
    scale = {"min": 1, "max": 5, "labels": ["Never", "Rarely", "Sometimes", "Often", "Always"]}
    def likert(i, axis, reverse=False):
        return {"id": i, "facet": "f", "axis": axis, "kind": "likert", "scale": "freq",
                "reverse": reverse, "text": "Item %s." % i}
    return {
        "format": "ladder-questionnaire", "format_version": 1,
        "id": "neg", "version": 3, "language": "en", "title": "Negative checks",
        "description": "Built by check_schemas.py.",
        "thresholds": {"competence": 0.6, "awareness": 0.5, "automaticity": 0.6},
        "scales": {"freq": scale, "zero": {"min": 0, "max": 2, "labels": ["no", "some", "yes"]}},
        "facets": [{"id": "f", "title": "Facet", "description": "The only one."}],
        "items": [
            likert("c1", "competence"),
            {"id": "s1", "facet": "f", "axis": "competence", "kind": "scenario",
             "text": "What do you do?",
             "options": [{"id": "a", "text": "Good", "score": 1.0, "rationale": "Why."},
                         {"id": "b", "text": "Poor", "score": 0.0, "rationale": "Why not."}]},
            likert("w1", "awareness", True),
            {"id": "u1", "facet": "f", "axis": "automaticity", "kind": "likert",
             "scale": "zero", "reverse": False, "text": "Item u1."},
            likert("p1", "perceived"),
        ],
        "stages": {"unconscious_incompetence": {"summary": "One.", "next_steps": ["Ask."]},
                   "conscious_competence": {"summary": "Three."}},
        "prompts": ["What did you notice?"],
    }


def base_answers():
    return {"format": "ladder-answers", "format_version": 1, "questionnaire": "neg",
            "questionnaire_version": 3,
            "answers": {"c1": 4, "s1": "a", "w1": None, "u1": 2}, "note": "A note."}


def base_result():
    placement = {
        "stage": "conscious_competence", "borderline": True,
        "nearest_stage": "conscious_incompetence",
        "axes": {"competence": 0.625, "awareness": 0.5, "automaticity": 0.5, "perceived": 0.5},
        "calibration_gap": 0, "measured_competence": 0.5, "placed_awareness": 0.5,
    }
    undefined = {
        "stage": None, "borderline": False, "nearest_stage": None,
        "axes": {"competence": None, "awareness": 0.5, "automaticity": None, "perceived": None},
        "calibration_gap": None, "measured_competence": None, "placed_awareness": 0.5,
    }
    r = {"questionnaire": {"id": "neg", "version": 3}}
    r.update(copy.deepcopy(placement))
    r["facets"] = [dict(id="f", **copy.deepcopy(placement)), dict(id="g", **undefined)]
    r["answered"] = 6
    r["total"] = 7
    return r


def item(doc, item_id):
    return next(i for i in doc["items"] if i["id"] == item_id)


def mutate(base, fn):
    doc = copy.deepcopy(base)
    fn(doc)
    return doc


def drop(key):
    return lambda d: d.pop(key)


def setk(key, value):
    return lambda d: d.__setitem__(key, value)


def q_bad_cases():
    def scenario(d):
        return item(d, "s1")
    return [
        ("a questionnaire without \"items\"", drop("items")),
        ("a questionnaire without \"facets\"", drop("facets")),
        ("a questionnaire without \"title\"", drop("title")),
        ("an option score of 1.5", lambda d: scenario(d)["options"][0].__setitem__("score", 1.5)),
        ("an option score of -0.1", lambda d: scenario(d)["options"][1].__setitem__("score", -0.1)),
        ("an option score given as a string", lambda d: scenario(d)["options"][0].__setitem__("score", "1")),
        ("an unknown member at the top", setk("author", "me")),
        ("an unknown member in an item", lambda d: item(d, "c1").__setitem__("weight", 2)),
        ("an unknown member in an option", lambda d: scenario(d)["options"][0].__setitem__("weight", 2)),
        ("an unknown member in a scale", lambda d: d["scales"]["freq"].__setitem__("step", 1)),
        ("an unknown member in a facet", lambda d: d["facets"][0].__setitem__("colour", "red")),
        ("an unknown threshold", lambda d: d["thresholds"].__setitem__("perceived", 0.5)),
        ("a stage \"rung_5\"", lambda d: d["stages"].__setitem__("rung_5", {"summary": "?"})),
        ("an unknown member in a stage", lambda d: d["stages"]["conscious_competence"].__setitem__("title", "?")),
        ("the format \"ladder-answers\"", setk("format", "ladder-answers")),
        ("format_version 2", setk("format_version", 2)),
        ("version 0", setk("version", 0)),
        ("version 1.5", setk("version", 1.5)),
        ("an axis \"skill\"", lambda d: item(d, "c1").__setitem__("axis", "skill")),
        ("a kind \"multiple\"", lambda d: item(d, "c1").__setitem__("kind", "multiple")),
        ("a competence threshold of 1.2", lambda d: d["thresholds"].__setitem__("competence", 1.2)),
        ("an awareness threshold of -0.5", lambda d: d["thresholds"].__setitem__("awareness", -0.5)),
        ("a likert item with options",
         lambda d: item(d, "c1").__setitem__("options", copy.deepcopy(scenario(d)["options"]))),
        ("a scenario item with a scale", lambda d: scenario(d).__setitem__("scale", "freq")),
        ("a scenario item with reverse", lambda d: scenario(d).__setitem__("reverse", False)),
        ("a scenario item without options", lambda d: scenario(d).pop("options")),
        ("a scenario item with one option", lambda d: scenario(d)["options"].pop()),
        ("a scenario item with ten options",
         lambda d: scenario(d).__setitem__("options", [
             {"id": "o%d" % i, "text": "Option %d" % i, "score": i / 10} for i in range(10)])),
        ("a scale of 12 points", lambda d: d["scales"].__setitem__(
            "twelve", {"min": 1, "max": 12, "labels": ["p%d" % i for i in range(12)]})),
        ("a scale min of 1.5", lambda d: d["scales"]["zero"].__setitem__("min", 1.5)),
        ("an empty label", lambda d: d["scales"]["freq"]["labels"].__setitem__(0, "")),
        ("an id with a space", setk("id", "my questionnaire")),
        ("an id of 65 characters", setk("id", "q" * 65)),
        ("an empty id", lambda d: item(d, "c1").__setitem__("id", "")),
        ("an id ending in a newline", lambda d: item(d, "c1").__setitem__("id", "c1\n")),
        ("a scale name with a slash", lambda d: d["scales"].__setitem__("a/b", d["scales"].pop("zero"))),
        ("an empty title", setk("title", "")),
        ("an empty item text", lambda d: item(d, "c1").__setitem__("text", "")),
        ("an empty language", setk("language", "")),
        ("no facets", setk("facets", [])),
        ("a facet without a title", lambda d: d["facets"][0].pop("title")),
        ("no item on the perceived axis",
         lambda d: d.__setitem__("items", [i for i in d["items"] if i["axis"] != "perceived"])),
        ("reverse given as a string", lambda d: item(d, "c1").__setitem__("reverse", "yes")),
        ("a prompt that is a number", setk("prompts", [1])),
        ("next_steps that is a string",
         lambda d: d["stages"]["unconscious_incompetence"].__setitem__("next_steps", "Ask.")),
        ("a document that is an array", None),
    ]


def q_good_cases():
    def minimal(d):
        for k in ["version", "language", "description", "thresholds", "stages", "prompts"]:
            d.pop(k)
        d["scales"].pop("zero")
        for i in d["items"]:
            for k in ["kind", "scale", "reverse"]:
                i.pop(k, None)
        for o in item(d, "s1")["options"]:
            o.pop("rationale")
        d["facets"][0].pop("description")
    return [
        ("the base questionnaire", lambda d: None),
        ("a minimal questionnaire (defaults left out, kinds and the only scale implied)", minimal),
        ("integer scores, one threshold, empty stages", lambda d: (
            item(d, "s1")["options"][0].__setitem__("score", 1),
            d.__setitem__("thresholds", {"awareness": 0}),
            d.__setitem__("stages", {"conscious_incompetence": {}}))),
        ("nine options and an 11-point scale", lambda d: (
            item(d, "s1").__setitem__("options", [
                {"id": "o%d" % i, "text": "Option %d" % i, "score": i / 8} for i in range(9)]),
            d["scales"].__setitem__("eleven", {"min": 0, "max": 10,
                                               "labels": [str(i) for i in range(11)]}))),
        ("ids of 64 characters with . _ -", lambda d: (
            d.__setitem__("id", "A._-" + "z" * 60),
            d["facets"][0].__setitem__("id", "f.1_x-2"),
            [i.__setitem__("facet", "f.1_x-2") for i in d["items"]])),
    ]


def a_bad_cases():
    return [
        ("answers with format_version 2", setk("format_version", 2)),
        ("answers with the format \"ladder-questionnaire\"", setk("format", "ladder-questionnaire")),
        ("answers without \"questionnaire\"", drop("questionnaire")),
        ("answers without \"answers\"", drop("answers")),
        ("an unknown member \"comment\"", setk("comment", "hi")),
        ("an answer of 1.5", lambda d: d["answers"].__setitem__("c1", 1.5)),
        ("an answer of true", lambda d: d["answers"].__setitem__("c1", True)),
        ("an answer that is a list", lambda d: d["answers"].__setitem__("s1", ["a"])),
        ("an answer to the item \"no such\"", lambda d: d["answers"].__setitem__("no such", 1)),
        ("questionnaire_version given as a string", setk("questionnaire_version", "3")),
        ("questionnaire_version 0", setk("questionnaire_version", 0)),
        ("a note that is a number", setk("note", 5)),
        ("answers that are a list", setk("answers", [4, "a"])),
    ]


def a_good_cases():
    return [
        ("the base answers", lambda d: None),
        ("nothing answered, no version, no note",
         lambda d: (d.__setitem__("answers", {}), d.pop("questionnaire_version"), d.pop("note"))),
        ("every item skipped with null",
         lambda d: d.__setitem__("answers", {k: None for k in ["c1", "s1", "w1", "u1", "p1"]})),
    ]


def r_bad_cases():
    def facet(n):
        return lambda d: d["facets"][n]
    return [
        ("a result with stage \"rung_5\"", setk("stage", "rung_5")),
        ("a result with stage 3", setk("stage", 3)),
        ("a facet with nearest_stage \"rung_0\"", lambda d: facet(0)(d).__setitem__("nearest_stage", "rung_0")),
        ("a competence of 1.2", lambda d: d["axes"].__setitem__("competence", 1.2)),
        ("a perceived of -0.1", lambda d: d["axes"].__setitem__("perceived", -0.1)),
        ("an axis given as a string", lambda d: d["axes"].__setitem__("awareness", "0.5")),
        ("a calibration_gap of -1.5", setk("calibration_gap", -1.5)),
        ("a placed_awareness of 2", setk("placed_awareness", 2)),
        ("a result without \"total\"", drop("total")),
        ("a result without \"facets\"", drop("facets")),
        ("a result without \"measured_competence\"", drop("measured_competence")),
        ("axes without \"perceived\"", lambda d: d["axes"].pop("perceived")),
        ("an unknown axis \"skill\"", lambda d: d["axes"].__setitem__("skill", 0.5)),
        ("an unknown member at the top", setk("title", "x")),
        ("an unknown member in a facet", lambda d: facet(0)(d).__setitem__("title", "x")),
        ("a facet without an id", lambda d: facet(0)(d).pop("id")),
        ("answered -1", setk("answered", -1)),
        ("total 2.5", setk("total", 2.5)),
        ("questionnaire version 0", lambda d: d["questionnaire"].__setitem__("version", 0)),
        ("borderline given as 1", setk("borderline", 1)),
        ("a nearest stage without borderline", setk("borderline", False)),
        ("a nearest stage equal to the stage", setk("nearest_stage", "conscious_competence")),
        ("no stage but borderline", lambda d: facet(1)(d).__setitem__("borderline", True)),
        ("a stage without competence", lambda d: facet(1)(d).__setitem__("stage", "conscious_incompetence")),
        ("a stage on rung 3 without automaticity", lambda d: d["axes"].__setitem__("automaticity", None)),
        ("competence undefined but S defined", lambda d: facet(1)(d).__setitem__("measured_competence", 0.5)),
        ("a calibration gap without perceived", lambda d: d["axes"].__setitem__("perceived", None)),
        ("perceived and S but no calibration gap", setk("calibration_gap", None)),
        ("awareness but no placed awareness", lambda d: facet(1)(d).__setitem__("placed_awareness", None)),
    ]


def r_good_cases():
    def all_null(d):
        for p in [d] + d["facets"]:
            p.update({"stage": None, "borderline": False, "nearest_stage": None,
                      "calibration_gap": None, "measured_competence": None,
                      "placed_awareness": None})
            p["axes"] = dict.fromkeys(p["axes"])
        d["answered"] = 0
    return [
        ("the base result", lambda d: None),
        ("a result with nothing answered", all_null),
        ("a borderline result without a nearest stage", setk("nearest_stage", None)),
        ("a result without facets", setk("facets", [])),
    ]


def loader_verdict(kind, doc, qpath):
    """The program's status for doc: 0 when it accepts it."""
    if kind == "questionnaire":
        status, _, err = run("validate", write_temp("neg-q.json", doc))
    else:
        status, _, err = run("score", qpath, "--answers", write_temp("neg-a.json", doc))
    return status, err


def check_negatives():
    qbase = base_questionnaire()
    qpath = write_temp("neg-base.json", qbase)
    for kind, base, bad, good in [
            ("questionnaire", qbase, q_bad_cases(), q_good_cases()),
            ("answers", base_answers(), a_bad_cases(), a_good_cases()),
            ("result", base_result(), r_bad_cases(), r_good_cases())]:
        if kind not in SCHEMAS:
            continue
        for what, fn in good:
            doc = mutate(base, fn)
            expect_valid(kind, doc, "%s schema accepts %s" % (kind, what))
            if kind != "result":
                status, err = loader_verdict(kind, doc, qpath)
                check(status == 0, "ladder accepts %s" % what, first_line(err))
        for what, fn in bad:
            doc = [copy.deepcopy(base)] if fn is None else mutate(base, fn)
            expect_invalid(kind, doc, "%s schema rejects %s" % (kind, what))
            if kind != "result":
                status, err = loader_verdict(kind, doc, qpath)
                check(status == 1, "ladder refuses %s" % what,
                      "status %d, expected 1 (%s)" % (status, first_line(err)))


def stock_validator_cmd():
    """The validator command of ladder(1)'s examples, as words."""
    with open(os.path.join(SRCDIR, "man", "ladder.1.scd"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("\tjsonschema -i "):
                return line.split()
    return None


def check_stock():
    """What ladder(1) shows: a stock validator, given the schema's path
    alone and no network, checks an export."""
    import shutil
    bundle = subprocess.run([sys.executable, os.path.join(SRCDIR, "tests", "bundle_schemas.py"),
                             "--check"], capture_output=True, text=True)
    check(bundle.returncode == 0, "the schemas' copies of each other are up to date",
          bundle.stdout.strip())
    cmd = stock_validator_cmd()
    if not check(cmd is not None, "ladder(1) shows the command that validates an export"):
        return
    exe = shutil.which(cmd[0], path="/usr/bin:" + os.environ.get("PATH", ""))
    if exe is None:
        skip("the stock validator", "%s is not installed (python3-jsonschema)" % cmd[0])
        return
    env = dict(os.environ)
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        env[k] = "http://127.0.0.1:9"   # nothing listens there: no fetch can work
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    bad = read_json(os.path.join(TESTDATA, "export", "full.json"))
    bad["sessions"][0]["result"]["facets"][0]["stage"] = "rung five"
    bad_path = write_temp("stage-broken.json", bad)
    cases = [(os.path.join(TESTDATA, "export", "full.json"), 0),
             (os.path.join(TESTDATA, "export", "anonymous.json"), 0),
             (bad_path, 1)]
    for path, want in cases:
        args = [exe] + [path if a == "me.json" else a for a in cmd[1:]]
        p = subprocess.run(args, cwd=SRCDIR, env=env, capture_output=True, text=True,
                           timeout=TIMEOUT)
        what = "%s %s %s" % (" ".join(cmd[:1] + cmd[1:2]), rel(path), cmd[-1])
        check(p.returncode == want and "Traceback" not in p.stderr,
              "%s: %s" % (what, "valid" if want == 0 else "refused, in a message"),
              "status %d: %s" % (p.returncode, first_line(p.stderr + p.stdout)))


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


def main():
    print("check_schemas: ladder %s, source %s, jsonschema %s, python %s" % (
        LADDER, SRCDIR, jsonschema_version(), sys.executable))
    load_schemas()
    if not os.access(LADDER, os.X_OK):
        fail("the program", "%s is not an executable (set LADDER)" % LADDER)
        return
    check_stock()
    catalog = check_output()
    check_files(catalog)
    check_negatives()
    check_room()


def jsonschema_version():
    try:
        from importlib import metadata
        return metadata.version("jsonschema")
    except Exception:
        return "?"


if __name__ == "__main__":
    import shutil
    import traceback
    try:
        main()
    except Exception:
        traceback.print_exc()
        fail("the checks", "stopped by the error above")
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
