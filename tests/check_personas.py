"""The built-in questionnaires: the numbers issue 3 asks for, and the
personas under tests/personas/<id>/ land on the stage and facet stages
their authors expect when scored by the real program."""
import glob
import json
import os
import subprocess
import sys
import tempfile

LADDER = os.environ["LADDER"]
SRCDIR = os.environ["SRCDIR"]
STAGES = ["unconscious_incompetence", "conscious_incompetence",
          "conscious_competence", "unconscious_competence"]
AXES = ["competence", "awareness", "automaticity", "perceived"]

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name + (": " + detail if detail else ""))


def content(path):
    q = json.load(open(path))
    qid = q["id"]
    items = q["items"]
    likert = [i for i in items if i.get("kind", "likert") == "likert"]
    scen = [i for i in items if i.get("kind") == "scenario"]
    check(f"{qid}: at least 24 items", len(items) >= 24, str(len(items)))
    check(f"{qid}: at least 4 facets", len(q["facets"]) >= 4)
    for f in q["facets"]:
        axes = {i["axis"] for i in items if i["facet"] == f["id"]}
        check(f"{qid}: facet {f['id']} has items on all four axes",
              axes == set(AXES), str(sorted(axes)))
    check(f"{qid}: at least 6 scenario items", len(scen) >= 6, str(len(scen)))
    for i in scen:
        opts = i["options"]
        check(f"{qid}: {i['id']} has 3 to 5 options", 3 <= len(opts) <= 5)
        check(f"{qid}: {i['id']} options keyed in [0,1] with a rationale",
              all(0 <= o["score"] <= 1 and o.get("rationale", "").strip()
                  for o in opts))
        best = max(o["score"] for o in opts)
        check(f"{qid}: {i['id']} has one best option",
              sum(1 for o in opts if o["score"] == best) == 1)
    rev = sum(1 for i in likert if i.get("reverse"))
    check(f"{qid}: at least a quarter of the likert items reverse-keyed",
          4 * rev >= len(likert), f"{rev} of {len(likert)}")
    # the best option is not always in the same place
    places = {[o["score"] for o in i["options"]].index(
        max(o["score"] for o in i["options"])) for i in scen}
    check(f"{qid}: the best option moves around", len(places) >= 3,
          str(sorted(places)))
    for s in STAGES:
        st = q["stages"].get(s, {})
        check(f"{qid}: stage {s} has a summary",
              bool(st.get("summary", "").strip()))
        check(f"{qid}: stage {s} has at least 2 next steps",
              len(st.get("next_steps", [])) >= 2)
    check(f"{qid}: at least 5 discussion prompts", len(q.get("prompts", [])) >= 5)
    return q


def personas(q):
    qid = q["id"]
    files = sorted(glob.glob(os.path.join(SRCDIR, "tests", "personas", qid, "*.json")))
    check(f"{qid}: at least 4 personas", len(files) >= 4, str(len(files)))
    seen = set()
    for path in files:
        p = json.load(open(path))
        name = f"{qid}/{os.path.basename(path)}"
        check(f"{name}: has a name and a story",
              bool(p.get("name")) and len(p.get("story", "")) > 40)
        values = [v for v in p["answers"].values() if isinstance(v, int)]
        check(f"{name}: an uneven, believable pattern (not all one value)",
              len(set(values)) >= 3)
        answers = {"format": "ladder-answers", "format_version": 1,
                   "questionnaire": qid, "answers": p["answers"]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(answers, f)
            tmp = f.name
        try:
            r = subprocess.run([LADDER, "score", qid, "--answers", tmp],
                               capture_output=True, text=True)
        finally:
            os.unlink(tmp)
        if r.returncode != 0:
            check(f"{name}: scores", False, r.stderr.strip())
            continue
        res = json.loads(r.stdout)
        exp = p["expect"]
        check(f"{name}: stage {exp['stage']}", res["stage"] == exp["stage"],
              f"got {res['stage']}")
        seen.add(res["stage"])
        facets = {f["id"]: f["stage"] for f in res["facets"]}
        for fid, st in exp.get("facets", {}).items():
            check(f"{name}: facet {fid} {st}", facets.get(fid) == st,
                  f"got {facets.get(fid)}")
    for s in STAGES:
        check(f"{qid}: a persona on {s}", s in seen)


def main():
    for path in sorted(glob.glob(os.path.join(SRCDIR, "data", "questionnaires", "*.json"))):
        personas(content(path))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
