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

Each group of checks is a module beside this script: schemas_stock.py,
schemas_output.py (output and room), schemas_files.py and
schemas_negatives.py; what they share (the counts, running the program, the
schemas and their validators) is in schemas_common.py.

Needs Debian's python3-jsonschema (4.10, draft 2020-12); when the python3 on
PATH has no jsonschema, the script runs itself again with /usr/bin/python3.
"""

import os
import sys

try:  # the modules below need these
    import jsonschema  # noqa: F401
    from jsonschema import Draft202012Validator  # noqa: F401
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

# the modules beside this script, without leaving bytecode in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

import schemas_common as common  # noqa: E402
from schemas_common import LADDER, SRCDIR, fail, load_schemas  # noqa: E402
from schemas_files import check_files  # noqa: E402
from schemas_negatives import check_negatives  # noqa: E402
from schemas_output import check_output, check_room  # noqa: E402
from schemas_stock import check_stock  # noqa: E402


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
        shutil.rmtree(common.TMP, ignore_errors=True)
    print("%d passed, %d failed" % (common.passed, common.failed))
    sys.exit(1 if common.failed else 0)
