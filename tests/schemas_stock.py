"""Stock: the validator command of ladder(1) (Debian's jsonschema, given the
schema's path alone, with every proxy pointing nowhere) accepts the export
fixtures and refuses a broken one; see tests/check_schemas.py."""

import os
import subprocess
import sys

from schemas_common import (SRCDIR, TESTDATA, TIMEOUT, check, first_line,
                           read_json, rel, skip, write_temp)


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
