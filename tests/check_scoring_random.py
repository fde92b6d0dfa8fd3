"""ladder score against an independent reading of the scoring rule
(DESIGN.md section 1, ladder-questionnaire(5)) on questionnaires and answers
it has never seen: random scales (some starting at 0), thresholds, facets,
reverse keys, scenario keys and skipped items. Seeded, so a failure can be
replayed; LADDER_SEED and LADDER_CASES change the run."""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

LADDER = os.environ["LADDER"]
AXES = ["competence", "awareness", "automaticity", "perceived"]
STAGES = [None, "unconscious_incompetence", "conscious_incompetence",
          "conscious_competence", "unconscious_competence"]
EPS = 1e-9


def mean(xs):
    return sum(xs) / len(xs) if xs else None


def place(axes, s_measured, t):
    """The rule, written from the text: returns stage, borderline, nearest,
    gap, placed awareness (None = undefined)."""
    c, aw, u, per = (axes[a] for a in AXES)
    gap = None if per is None or s_measured is None else per - s_measured
    k = None if gap is None else 1 - abs(gap)
    defined = [v for v in (aw, k) if v is not None]
    a_star = min(defined) if defined else None

    def side(high, flip2=False):
        if high:
            if u is None:
                return None
            return 4 if (u >= t["automaticity"] - EPS) != flip2 else 3
        if a_star is None:
            return None
        return 2 if (a_star >= t["awareness"] - EPS) != flip2 else 1

    if c is None:
        return None, False, None, gap, a_star
    high = c >= t["competence"] - EPS
    stage = side(high)
    if stage is None:
        return None, False, None, gap, a_star
    dc = abs(c - t["competence"])
    d2 = abs(u - t["automaticity"]) if high else abs(a_star - t["awareness"])
    near_c, near_2 = dc <= 0.05 + EPS, d2 <= 0.05 + EPS
    if not (near_c or near_2):
        return stage, False, None, gap, a_star
    if near_c and (not near_2 or dc <= d2 + EPS):
        nearest = side(not high)
    else:
        nearest = side(high, True)
    return stage, True, nearest, gap, a_star


def score(q, answers):
    scales = q["scales"]
    t = {"competence": 0.6, "awareness": 0.5, "automaticity": 0.6}
    t.update(q.get("thresholds", {}))

    def item_score(it, v):
        if it["kind"] == "scenario":
            return next(o["score"] for o in it["options"] if o["id"] == v)
        s = scales[it["scale"]]
        x = (v - s["min"]) / (s["max"] - s["min"])
        return 1 - x if it["reverse"] else x

    def group(items):
        vals = {a: [] for a in AXES}
        scen = []
        for it in items:
            v = answers.get(it["id"])
            if v is None:
                continue
            sc = item_score(it, v)
            vals[it["axis"]].append(sc)
            if it["kind"] == "scenario" and it["axis"] == "competence":
                scen.append(sc)
        axes = {a: mean(vals[a]) for a in AXES}
        s_measured = mean(scen) if scen else axes["competence"]
        return axes, s_measured, place(axes, s_measured, t)

    overall = group(q["items"])
    facets = {f["id"]: group([i for i in q["items"] if i["facet"] == f["id"]])
              for f in q["facets"]}
    return overall, facets


def random_questionnaire(rng, n):
    scales = {}
    for k in range(rng.randint(1, 3)):
        lo = rng.choice([0, 0, 1, 1, -2, 3])
        hi = lo + rng.randint(1, 10)
        scales[f"s{k}"] = {"min": lo, "max": hi,
                           "labels": [f"point {v}" for v in range(lo, hi + 1)]}
    facets = [{"id": f"f{k}", "title": f"Facet {k}"} for k in range(rng.randint(1, 4))]
    items = []
    for k in range(rng.randint(4, 24)):
        axis = AXES[k] if k < 4 else rng.choice(AXES)
        it = {"id": f"i{k}", "facet": rng.choice(facets)["id"], "axis": axis,
              "text": f"Item {k}"}
        if rng.random() < 0.3:
            it["kind"] = "scenario"
            it["options"] = [{"id": chr(97 + o), "text": f"Option {o}",
                              "score": rng.choice([0, 0.25, 0.5, 0.75, 1, round(rng.random(), 3)])}
                             for o in range(rng.randint(2, 5))]
        else:
            it["kind"] = "likert"
            it["scale"] = rng.choice(sorted(scales))
            it["reverse"] = rng.random() < 0.35
        items.append(it)
    q = {"format": "ladder-questionnaire", "format_version": 1, "id": f"rand{n}",
         "title": f"Random {n}", "scales": scales, "facets": facets, "items": items}
    if rng.random() < 0.6:
        q["thresholds"] = {a: rng.choice([0.3, 0.4, 0.5, 0.6, 0.7, round(rng.random(), 2)])
                           for a in ("competence", "awareness", "automaticity")
                           if rng.random() < 0.8}
    return q


def random_answers(rng, q):
    answers = {}
    skip = rng.choice([0, 0.1, 0.3, 0.7])
    for it in q["items"]:
        if rng.random() < skip:
            continue
        if it["kind"] == "scenario":
            answers[it["id"]] = rng.choice(it["options"])["id"]
        else:
            s = q["scales"][it["scale"]]
            answers[it["id"]] = rng.randint(s["min"], s["max"])
    return answers


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, abs_tol=1e-9)


def compare(got, axes, s_measured, placement, where):
    stage, borderline, nearest, gap, a_star = placement
    problems = []
    if got["stage"] != STAGES[stage or 0]:
        problems.append(f"{where} stage {got['stage']} != {STAGES[stage or 0]}")
    if got["borderline"] != borderline:
        problems.append(f"{where} borderline {got['borderline']} != {borderline}")
    if got["nearest_stage"] != STAGES[nearest or 0]:
        problems.append(f"{where} nearest {got['nearest_stage']} != {STAGES[nearest or 0]}")
    for a in AXES:
        if not close(got["axes"][a], axes[a]):
            problems.append(f"{where} axis {a} {got['axes'][a]} != {axes[a]}")
    if not close(got["calibration_gap"], gap):
        problems.append(f"{where} gap {got['calibration_gap']} != {gap}")
    if not close(got["measured_competence"], s_measured):
        problems.append(f"{where} S {got['measured_competence']} != {s_measured}")
    if not close(got["placed_awareness"], a_star):
        problems.append(f"{where} A* {got['placed_awareness']} != {a_star}")
    return problems


def main():
    seed = int(os.environ.get("LADDER_SEED", "20261126"))
    cases = int(os.environ.get("LADDER_CASES", "150"))
    rng = random.Random(seed)
    passed = failed = 0
    stages_seen = set()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(cases):
            q = random_questionnaire(rng, n)
            qpath = os.path.join(tmp, "q.json")
            apath = os.path.join(tmp, "a.json")
            json.dump(q, open(qpath, "w"))
            answers = random_answers(rng, q)
            json.dump({"format": "ladder-answers", "format_version": 1,
                       "questionnaire": q["id"], "answers": answers}, open(apath, "w"))
            r = subprocess.run([LADDER, "score", qpath, "--answers", apath],
                               capture_output=True, text=True)
            if r.returncode != 0:
                failed += 1
                print(f"not ok - case {n} (seed {seed}): {r.stderr.strip()}")
                continue
            got = json.loads(r.stdout)
            overall, facets = score(q, answers)
            problems = compare(got, *overall, "overall")
            for f in got["facets"]:
                problems += compare(f, *facets[f["id"]], f"facet {f['id']}")
            if got["answered"] != len(answers) or got["total"] != len(q["items"]):
                problems.append("answered/total")
            stages_seen.add(got["stage"])
            if problems:
                failed += 1
                print(f"not ok - case {n} (seed {seed}): " + "; ".join(problems[:5]))
                json.dump(q, open(f"/tmp/ladder-failed-q{n}.json", "w"))
                json.dump(answers, open(f"/tmp/ladder-failed-a{n}.json", "w"))
            else:
                passed += 1
    # the random cases must reach every outcome, or they prove little
    for s in STAGES:
        if s in stages_seen:
            passed += 1
        else:
            failed += 1
            print(f"not ok - no random case placed on {s}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
