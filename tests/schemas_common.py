"""What the schema checks (tests/check_schemas.py and its schemas_*.py
modules) share: the counts and the lines each check prints, running the
program, the schemas and their validators, and reading and changing
documents."""

import copy
import json
import os
import subprocess
import tempfile

import jsonschema
from jsonschema import Draft202012Validator

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


# ---------------------------------------------------------------- documents

def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None  # not JSON (or a deliberately broken fixture): not ours


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


def mutate(base, fn):
    doc = copy.deepcopy(base)
    fn(doc)
    return doc

