"""The built-in questionnaires: their shape (two parallel sets of
situations, at least three per area in each; every area on all four axes
in every session; next steps per area and rung; items ordered so that
neighbours differ in area and in what they measure), and the personas
under tests/personas/<id>/: each answers one set, and lands on the stage
and facet stages its authors expect when scored by the real program.
How the situations are worded is checked by check_wording.py."""
import glob
import json
import os
import re
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


def sets_of(q):
    return sorted({i["set"] for i in q["items"] if i.get("set") is not None})


def session(q, s):
    """The items a session on set s asks, in the order it asks them."""
    return [i for i in q["items"] if i.get("set") in (None, s)]


def has_control(text, newline_ok=False):
    return any(ord(ch) < 32 and not (newline_ok and ch == "\n") or 127 <= ord(ch) < 160
               for ch in text)


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from strings(v)


def stage_texts(qid, where, stages):
    for s in STAGES:
        st = stages.get(s, {})
        check(f"{qid}: {where} stage {s} has a summary",
              bool(st.get("summary", "").strip()))
        check(f"{qid}: {where} stage {s} has at least 2 next steps",
              len(st.get("next_steps", [])) >= 2)


def content(path):
    q = json.load(open(path))
    qid = q["id"]
    items = q["items"]
    likert = [i for i in items if i.get("kind", "likert") == "likert"]
    scen = [i for i in items if i.get("kind") == "scenario"]
    facets = [f["id"] for f in q["facets"]]
    check(f"{qid}: second edition (version 2, format_version 1)",
          q.get("version") == 2 and q.get("format_version") == 1)
    check(f"{qid}: no control characters in any text",
          not any(has_control(t) for t in strings(q)))
    check(f"{qid}: at least 4 facets", len(facets) >= 4)
    sets = sets_of(q)
    check(f"{qid}: two sets of situations", sets == [1, 2], str(sets))
    check(f"{qid}: every situation belongs to a set, no other item does",
          all((i.get("set") is not None) == (i.get("kind") == "scenario")
              for i in items))
    for s in sets:
        asked = session(q, s)
        check(f"{qid} set {s}: at least 24 items", len(asked) >= 24, str(len(asked)))
        m = re.search(r"has (\d+) questions", q.get("description", ""))
        check(f"{qid} set {s}: the description gives the number of questions",
              m is not None and int(m.group(1)) == len(asked),
              f"says {m.group(1) if m else 'nothing'}, asks {len(asked)}")
        for f in facets:
            axes = {i["axis"] for i in asked if i["facet"] == f}
            check(f"{qid} set {s}: facet {f} has items on all four axes",
                  axes == set(AXES), str(sorted(axes)))
            n = sum(1 for i in asked if i["facet"] == f and i.get("kind") == "scenario")
            check(f"{qid} set {s}: facet {f} has at least 3 situations", n >= 3, str(n))
        # neighbours differ in area and in what they measure, so that the
        # order tells the reader nothing about what a question is for
        same = [f"{a['id']}/{b['id']}" for a, b in zip(asked, asked[1:])
                if a["facet"] == b["facet"] or a["axis"] == b["axis"]]
        check(f"{qid} set {s}: neighbours differ in area and in axis",
              not same, ", ".join(same))
    # the sets are parallel: the same number of situations per area, of
    # about the same difficulty (the mean key of the options not rated best)
    for f in facets:
        per = {}
        for s in sets:
            sc = [i for i in scen if i["facet"] == f and i.get("set") == s]
            rest = [o["score"] for i in sc for o in i["options"]
                    if o["score"] != max(x["score"] for x in i["options"])]
            per[s] = (len(sc), sum(rest) / len(rest) if rest else 0)
        check(f"{qid}: facet {f} has as many situations in each set",
              len({n for n, _ in per.values()}) == 1, str(per))
        means = [m for _, m in per.values()]
        check(f"{qid}: facet {f}: the sets are matched in difficulty "
              f"(mean key of the other options within 0.1)",
              max(means) - min(means) <= 0.1,
              " / ".join(f"{m:.2f}" for m in means))
    for i in scen:
        opts = i["options"]
        check(f"{qid}: {i['id']} has 3 to 5 options", 3 <= len(opts) <= 5)
        check(f"{qid}: {i['id']} options keyed in [0,1] with a rationale",
              all(0 <= o["score"] <= 1 and o.get("rationale", "").strip()
                  for o in opts))
        best = max(o["score"] for o in opts)
        check(f"{qid}: {i['id']} has one best option",
              sum(1 for o in opts if o["score"] == best) == 1)
    # chosen at random, the situations of a set reach the line rarely: the
    # exact chance that the mean key of uniform random choices is at least
    # Ts (keys in steps of 0.05, so the sums are counted exactly)
    ts = q.get("thresholds", {}).get("scenarios",
                                     q.get("thresholds", {}).get("competence", 0.6))
    for s in sets:
        sc = [i for i in scen if i.get("set") == s]
        dist = {0: 1.0}
        for i in sc:
            keys = [round(o["score"] * 20) for o in i["options"]]
            nxt = {}
            for total, pr in dist.items():
                for k in keys:
                    nxt[total + k] = nxt.get(total + k, 0) + pr / len(keys)
            dist = nxt
        need = ts * 20 * len(sc) - 1e-6
        chance = sum(pr for total, pr in dist.items() if total >= need)
        check(f"{qid} set {s}: random choices reach the line in the situations "
              f"at most 5% of the time", chance <= 0.05, f"{100 * chance:.1f}%")
    rev = sum(1 for i in likert if i.get("reverse"))
    check(f"{qid}: at least a quarter of the likert items reverse-keyed",
          4 * rev >= len(likert), f"{rev} of {len(likert)}")
    # a count scale is one whose labels count events ("Not at all", "Once",
    # ...): the general one, or the one for rare events
    counting = {sid for sid, sc in q["scales"].items()
                if sc["labels"][:2] == ["Not at all", "Once"]}
    count = [i["id"] for i in likert if re.search(r"how many times", i["text"])
             and i["scale"] not in counting]
    check(f"{qid}: questions that count events use the count scale",
          not count, ", ".join(count))
    stage_texts(qid, "the questionnaire's", q["stages"])
    for f in q["facets"]:
        stage_texts(qid, f"facet {f['id']}'s", f.get("stages", {}))
    # a 20-minute session uses about three prompts, an hour about eight
    check(f"{qid}: at least 8 discussion prompts", len(q.get("prompts", [])) >= 8)
    return q


def personas(q):
    qid = q["id"]
    files = sorted(glob.glob(os.path.join(SRCDIR, "tests", "personas", qid, "*.json")))
    check(f"{qid}: at least 6 personas", len(files) >= 6, str(len(files)))
    seen = set()
    sets_used = set()
    for path in files:
        p = json.load(open(path))
        name = f"{qid}/{os.path.basename(path)}"
        check(f"{name}: has a name and a story",
              bool(p.get("name")) and len(p.get("story", "")) > 40)
        check(f"{name}: answers one set of the questionnaire",
              p.get("set") in sets_of(q), str(p.get("set")))
        sets_used.add(p.get("set"))
        asked = {i["id"] for i in session(q, p.get("set"))}
        stray = sorted(k for k in p["answers"] if k not in asked)
        check(f"{name}: answers only the items of its set and the unset ones",
              not stray, ", ".join(stray))
        check(f"{name}: a \"changes\" line, when there is one, says something",
              "changes" not in p or len(p["changes"]) > 40)
        values = [v for v in p["answers"].values() if isinstance(v, int)]
        check(f"{name}: an uneven, believable pattern (not all one value)",
              len(set(values)) >= 3)
        answers = {"format": "ladder-answers", "format_version": 1,
                   "questionnaire": qid, "set": p.get("set"),
                   "answers": p["answers"]}
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
    for s in sets_of(q):
        check(f"{qid}: a persona answers set {s}", s in sets_used)


def main():
    for path in sorted(glob.glob(os.path.join(SRCDIR, "data", "questionnaires", "*.json"))):
        personas(content(path))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
