"""ladder score against an independent reading of scoring rule 2
(ladder-questionnaire(5), SCORING; tests/rule2.py) on questionnaires and
answers it has never seen: random scales (some starting at 0), thresholds
(a scenario threshold of their own too), facets (some without situations),
sets, reverse keys, scenario keys and skipped items. Seeded, so a failure
can be replayed; LADDER_SEED and LADDER_CASES change the run."""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rule2 import AXES, STAGES, score  # noqa: E402

LADDER = os.environ["LADDER"]


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
            if rng.random() < 0.4:
                it["set"] = rng.choice([1, 2])
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
                           for a in ("competence", "awareness", "automaticity", "scenarios")
                           if rng.random() < 0.8}
    # sets numbered from 1 without gaps
    sets = sorted({it["set"] for it in items if "set" in it})
    if sets == [2]:
        for it in items:
            if "set" in it:
                it["set"] = 1
    return q


def random_answers(rng, q):
    answers = {}
    skip = rng.choice([0, 0.1, 0.3, 0.7])
    sets = sorted({it["set"] for it in q["items"] if "set" in it})
    chosen = rng.choice(sets) if sets else None
    for it in q["items"]:
        if rng.random() < skip or ("set" in it and it["set"] != chosen):
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


def compare(got, want, where):
    problems = []
    if got["stage"] != STAGES[want["stage"] or 0]:
        problems.append(f"{where} stage {got['stage']} != {STAGES[want['stage'] or 0]}")
    if got["borderline"] != want["borderline"]:
        problems.append(f"{where} borderline {got['borderline']} != {want['borderline']}")
    if got["nearest_stage"] != STAGES[want["nearest"] or 0]:
        problems.append(f"{where} nearest {got['nearest_stage']} != {STAGES[want['nearest'] or 0]}")
    for a in AXES:
        if not close(got["axes"][a], want["axes"][a]):
            problems.append(f"{where} axis {a} {got['axes'][a]} != {want['axes'][a]}")
    for key, w in (("calibration_gap", "gap"), ("measured_competence", "s"),
                   ("placed_awareness", "a_star"), ("margin", "margin")):
        if not close(got[key], want[w]):
            problems.append(f"{where} {key} {got[key]} != {want[w]}")
    r = got["reasons"]
    for key, w in (("evidence", "evidence"), ("below_line", "below"),
                   ("awareness_from", "awareness_from"), ("not_placed", "not_placed")):
        if r[key] != want[w]:
            problems.append(f"{where} reasons.{key} {r[key]} != {want[w]}")
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
            problems = compare(got, overall, "overall")
            for f in got["facets"]:
                problems += compare(f, facets[f["id"]], f"facet {f['id']}")
            if got["answered"] != overall["answered"] or got["total"] != overall["total"]:
                problems.append(f"answered/total {got['answered']}/{got['total']} != "
                                f"{overall['answered']}/{overall['total']}")
            if got["rule"] != 2 or got["set"] != overall["set"]:
                problems.append(f"rule/set {got['rule']}/{got['set']}")
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
