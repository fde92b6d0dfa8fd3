"""Scoring rule 2 held against a population: simulated respondents of named
response styles answer both built-in questionnaires and generated ones many
times, with noise, and are scored by the real program (`ladder score`). The
table of style x rung is printed (it is the rule's evidence in
ladder-questionnaire(5)), and the run fails unless

  - over-confident lands on rung 1 overall in at least 90% of runs, and above
    the line in no area that has situations;
  - modest competent is never on rung 1;
  - aware beginner, competent but effortful and fluent expert land on rungs
    2, 3 and 4 in at least 80% of runs;
  - random responders reach rung 4 overall in at most 5% of runs;
  - acquiescent responders reach rung 3 or 4 overall in at most 10%.

Seeded (LADDER_SEED), so a failure can be replayed; LADDER_RUNS sets the
runs per style and questionnaire."""
import json
import os
import random
import subprocess
import sys
import tempfile

LADDER = os.environ["LADDER"]
SRCDIR = os.environ["SRCDIR"]
AXES = ["competence", "awareness", "automaticity", "perceived"]
STAGES = ["unconscious_incompetence", "conscious_incompetence",
          "conscious_competence", "unconscious_competence"]

# A style: for Likert items, the item score it aims at on each axis (before
# noise); for situations, how it picks ("best": mostly the best, sometimes
# the next; "weak": one of the options keyed 0.5 or less; "mixed": weak
# mostly, the best now and then; "any": at random). Acquiescent agrees with
# every statement, whatever its key.
STYLES = {
    "over-confident": ({"competence": 0.85, "awareness": 0.25,
                        "automaticity": 0.8, "perceived": 0.92}, "weak"),
    "aware beginner": ({"competence": 0.35, "awareness": 0.75,
                        "automaticity": 0.3, "perceived": 0.3}, "mixed"),
    "competent, effortful": ({"competence": 0.75, "awareness": 0.7,
                              "automaticity": 0.3, "perceived": 0.65}, "best"),
    "fluent expert": ({"competence": 0.85, "awareness": 0.7,
                       "automaticity": 0.85, "perceived": 0.8}, "best"),
    "modest competent": ({"competence": 0.7, "awareness": 0.65,
                          "automaticity": 0.5, "perceived": 0.3}, "best"),
    "random": (None, "any"),
    "acquiescent": ("agree", "any"),
}
NOISE = 0.15


def likert_value(rng, q, it, style_axes):
    sc = q["scales"][it.get("scale") or next(iter(q["scales"]))]
    lo, hi = sc["min"], sc["max"]
    if style_axes is None:
        return rng.randint(lo, hi)
    if style_axes == "agree":
        return rng.choice([hi, hi, hi - 1])
    target = min(1.0, max(0.0, rng.gauss(style_axes[it["axis"]], NOISE)))
    if it.get("reverse"):
        target = 1 - target  # the raw answer that gives that item score
    return lo + round(target * (hi - lo))


def situation_value(rng, it, how):
    opts = it["options"]
    ranked = sorted(opts, key=lambda o: -o["score"])
    weak = [o for o in opts if o["score"] <= 0.5] or [ranked[-1]]
    if how == "best":
        pick = ranked[0] if rng.random() < 0.85 else ranked[min(1, len(ranked) - 1)]
    elif how == "weak":
        pick = rng.choice(weak)
    elif how == "mixed":
        pick = ranked[0] if rng.random() < 0.25 else rng.choice(weak)
    else:
        pick = rng.choice(opts)
    return pick["id"]


def answer(rng, q, style, set_):
    axes, how = STYLES[style]
    out = {}
    for it in q["items"]:
        if "set" in it and it["set"] != set_:
            continue
        if rng.random() < 0.03:  # now and then a question skipped
            continue
        if "options" in it:
            out[it["id"]] = situation_value(rng, it, how)
        else:
            out[it["id"]] = likert_value(rng, q, it, axes)
    return out


def generated(rng, n):
    """A questionnaire of random shape in the built-in ones' mould: 4 areas
    with three situations each and set (one area of some without any),
    situations keyed as theirs are, sets now and then, a scenario threshold
    of its own now and then, reverse keys, items in a random order."""
    facets = [{"id": f"f{k}", "title": f"Area {k}"} for k in range(4)]
    sets = rng.random() < 0.5
    items = []

    def likert(f, axis, k):
        items.append({"id": f"{f}_{axis[:2]}{k}", "facet": f, "axis": axis, "kind": "likert",
                      "scale": "freq", "reverse": axis != "perceived" and rng.random() < 0.25,
                      "text": "A statement."})
    for i, f in enumerate(facets):
        fid = f["id"]
        for axis, count in (("competence", 2), ("awareness", 2), ("automaticity", 2),
                            ("perceived", 1)):
            for k in range(count):
                likert(fid, axis, k)
        # three situations an area and set, as the built-in ones have; one
        # area in two questionnaires has none (placed on self-report)
        n_sit = 0 if i == 0 and rng.random() < 0.5 else 3
        for s in range(1, 3 if sets else 2):
            for k in range(n_sit):
                # keyed as the built-in ones are: the best, one second best,
                # the others 0.3 or less
                keys = rng.choice([[1.0, 0.5, 0.2, 0.0], [1.0, 0.6, 0.3, 0.1, 0.0],
                                   [1.0, 0.4, 0.0]])
                rng.shuffle(keys)
                it = {"id": f"{fid}_s{s}_{k}", "facet": fid, "axis": "competence",
                      "kind": "scenario", "text": "A situation.",
                      "options": [{"id": chr(97 + o), "text": "An option.", "score": sc,
                                   "rationale": "Why."} for o, sc in enumerate(keys)]}
                if sets:
                    it["set"] = s
                items.append(it)
    rng.shuffle(items)
    q = {"format": "ladder-questionnaire", "format_version": 1, "id": f"gen{n}", "version": 1,
         "title": f"Generated {n}",
         "scales": {"freq": {"min": 1, "max": 5,
                             "labels": ["Never", "Rarely", "Sometimes", "Often", "Always"]}},
         "facets": facets, "items": items}
    if rng.random() < 0.5:
        q["thresholds"] = {"scenarios": rng.choice([0.55, 0.6, 0.65, 0.7])}
    return q


def main():
    seed = int(os.environ.get("LADDER_SEED", "20261204"))
    runs = int(os.environ.get("LADDER_RUNS", "60"))
    rng = random.Random(seed)
    qdir = os.path.join(SRCDIR, "data", "questionnaires")
    builtin = [json.load(open(os.path.join(qdir, f))) for f in sorted(os.listdir(qdir))
               if f.endswith(".json")]
    gen = [generated(rng, n) for n in range(4)]
    # rung counts: overall[style][rung 0..4], and areas with situations
    # above the line, per style
    overall = {s: [0] * 5 for s in STYLES}
    facet_rungs = {s: [0] * 5 for s in STYLES}
    above_with_situations = {s: 0 for s in STYLES}
    total = {s: 0 for s in STYLES}
    failed_runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for qi, q in enumerate(builtin + gen):
            qpath = os.path.join(tmp, f"q{qi}.json")
            json.dump(q, open(qpath, "w"))
            n_sets = max([it.get("set", 0) for it in q["items"]] + [0])
            has_sit = {f["id"]: any("options" in it and it["facet"] == f["id"]
                                    for it in q["items"]) for f in q["facets"]}
            for style in STYLES:
                for r in range(runs if qi < len(builtin) else runs // 2):
                    set_ = (r % n_sets) + 1 if n_sets else None
                    doc = {"format": "ladder-answers", "format_version": 1,
                           "questionnaire": q["id"], "answers": answer(rng, q, style, set_)}
                    if set_:
                        doc["set"] = set_
                    apath = os.path.join(tmp, "a.json")
                    json.dump(doc, open(apath, "w"))
                    p = subprocess.run([LADDER, "--questionnaires", tmp, "score", qpath,
                                        "--answers", apath], capture_output=True, text=True)
                    if p.returncode != 0:
                        failed_runs += 1
                        print(f"not ok - {style} on {q['id']}: {p.stderr.strip()}")
                        continue
                    res = json.loads(p.stdout)
                    rung = STAGES.index(res["stage"]) + 1 if res["stage"] else 0
                    overall[style][rung] += 1
                    total[style] += 1
                    for f in res["facets"]:
                        fr = STAGES.index(f["stage"]) + 1 if f["stage"] else 0
                        facet_rungs[style][fr] += 1
                        if has_sit[f["id"]] and fr >= 3:
                            above_with_situations[style] += 1

    def share(style, rungs):
        return sum(overall[style][k] for k in rungs) / max(1, total[style])

    print(f"Scoring rule 2 against simulated respondents (seed {seed}): {runs} runs")
    print(f"per style on each built-in questionnaire, {runs // 2} on each of 4 generated ones.")
    print("above: areas with situations placed above the competence line (a count)")
    print(f"{'style':22} {'runs':>5} {'none':>6} {'rung 1':>7} {'rung 2':>7} {'rung 3':>7} "
          f"{'rung 4':>7} {'above':>6}")
    for s in STYLES:
        pct = [f"{100 * overall[s][k] / max(1, total[s]):6.1f}%" for k in range(5)]
        print(f"{s:22} {total[s]:5d} {pct[0]:>6} {pct[1]:>7} {pct[2]:>7} {pct[3]:>7} "
              f"{pct[4]:>7} {above_with_situations[s]:6d}")
    print("areas, by style (areas without situations are placed on self-report)")
    for s in STYLES:
        n = sum(facet_rungs[s])
        pct = [f"{100 * facet_rungs[s][k] / max(1, n):6.1f}%" for k in range(5)]
        print(f"  {s:20} {n:5d} {pct[0]:>6} {pct[1]:>7} {pct[2]:>7} {pct[3]:>7} {pct[4]:>7}")

    checks = [
        ("over-confident on rung 1 in at least 90%", share("over-confident", [1]) >= 0.90),
        ("over-confident above the line in no area with situations",
         above_with_situations["over-confident"] == 0),
        ("modest competent never on rung 1", overall["modest competent"][1] == 0),
        ("aware beginner on rung 2 in at least 80%", share("aware beginner", [2]) >= 0.80),
        ("competent, effortful on rung 3 in at least 80%",
         share("competent, effortful", [3]) >= 0.80),
        ("fluent expert on rung 4 in at least 80%", share("fluent expert", [4]) >= 0.80),
        ("random on rung 4 in at most 5%", share("random", [4]) <= 0.05),
        ("acquiescent on rung 3 or 4 in at most 10%", share("acquiescent", [3, 4]) <= 0.10),
        ("every run scored", failed_runs == 0),
    ]
    passed = failed = 0
    for name, ok in checks:
        print(("ok - " if ok else "not ok - ") + name)
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
