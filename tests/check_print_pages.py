"""The readable result on paper: `ladder score ID --answers FILE --text` of
every persona under tests/personas/<id>/, and of answers made to be long
(every situation answered with an option other than the one rated best,
every statement at each end of its scale), on both sets of both built-in
questionnaires, prints on at most two pages of the default 60 lines; and a
CSV of them all prints each person on one or two pages of their own, with
each situation referred to by its number and letters on the sheet."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

LADDER = os.environ["LADDER"]
SRCDIR = os.environ["SRCDIR"]
PAGE_LINES = 60  # PAPER_PAGE_LINES, the default of --page-lines
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name + (": " + detail if detail else ""))


def score(qid, path):
    r = subprocess.run([LADDER, "score", qid, "--answers", path, "--text"],
                       capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def people(qid, q):
    """(name, answers) of the personas and of long answers on each set."""
    out = []
    for f in sorted(glob.glob(f"{SRCDIR}/tests/personas/{qid}/*.json")):
        p = json.load(open(f))
        out.append((os.path.basename(f), p["answers"]))
    for s in sorted({i["set"] for i in q["items"] if i.get("set") is not None}):
        items = [i for i in q["items"] if i.get("set") in (None, s)]
        for end in ("low", "high"):
            ans = {}
            for it in items:
                if it["kind"] == "scenario":
                    best = max(range(len(it["options"])),
                               key=lambda k: it["options"][k]["score"])
                    worst = [k for k in range(len(it["options"])) if k != best]
                    ans[it["id"]] = it["options"][worst[0] if end == "low" else worst[-1]]["id"]
                else:
                    sc = q["scales"][it["scale"]]
                    lo, hi = sc.get("min", 1), sc.get("max", len(sc.get("labels", [])) or 5)
                    ans[it["id"]] = lo if end == "low" else hi
            out.append((f"set {s}, every statement {end}, no situation rated best", ans))
    return out


with tempfile.TemporaryDirectory() as tmp:
    for qid in ("cultural", "social-media"):
        q = json.load(open(f"{SRCDIR}/data/questionnaires/{qid}.json"))
        rows = []
        for name, ans in people(qid, q):
            path = os.path.join(tmp, "a.json")
            json.dump({"format": "ladder-answers", "format_version": 1,
                       "questionnaire": qid, "answers": ans}, open(path, "w"))
            rc, out, err = score(qid, path)
            lines = out.count("\n")
            check(f"{qid}, {name}: scored", rc == 0, err)
            check(f"{qid}, {name}: {lines} lines fit two pages of {PAGE_LINES}",
                  0 < lines <= 2 * PAGE_LINES)
            check(f"{qid}, {name}: no line wider than 78 columns",
                  all(len(l) <= 78 for l in out.splitlines()))
            situations = [i for i in q["items"] if i["kind"] == "scenario" and i["id"] in ans]
            refs = re.findall(r"^ *(\d+)\. Your answer(?:, rated best)?: ([A-E])\.", out, re.M)
            check(f"{qid}, {name}: each situation answered is one numbered entry",
                  len(refs) == len(situations), f"{len(refs)} of {len(situations)}")
            rows.append(ans)
        # all of them in one CSV of item ids: a person a page set
        ids = sorted({k for a in rows for k in a})
        path = os.path.join(tmp, f"{qid}.csv")
        with open(path, "w") as f:
            f.write("code," + ",".join(ids) + "\n")
            for n, a in enumerate(rows):
                f.write(f"P{n}," + ",".join(str(a.get(k, "")) for k in ids) + "\n")
        rc, out, err = score(qid, path)
        check(f"{qid}: the CSV of {len(rows)} people scores", rc == 0, err)
        pages = out.split("\f")
        totals = {}
        for page in pages:
            m = re.search(r"^For (P\d+) \(row \d+ of .*\) +page (\d+) of (\d+)$",
                          page.rstrip("\n").split("\n")[-1])
            if m:
                totals[m.group(1)] = int(m.group(3))
            check(f"{qid}: a page of the CSV has {PAGE_LINES} lines at most",
                  page.count("\n") <= PAGE_LINES, str(page.count("\n")))
        check(f"{qid}: every person of the CSV has pages", len(totals) == len(rows),
              f"{len(totals)} of {len(rows)}")
        over = {p: t for p, t in totals.items() if t > 2}
        check(f"{qid}: every person of the CSV on one or two pages", not over, str(over))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
