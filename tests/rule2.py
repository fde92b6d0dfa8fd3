"""Scoring rule 2 (ladder-questionnaire(5), SCORING), written again from the
text alone, for the tests that hold the program against it. None stands for
an undefined value."""

AXES = ["competence", "awareness", "automaticity", "perceived"]
STAGES = [None, "unconscious_incompetence", "conscious_incompetence",
          "conscious_competence", "unconscious_competence"]
EPS = 1e-9
BORDER = 0.05


def mean(xs):
    return sum(xs) / len(xs) if xs else None


def thresholds(q):
    t = {"competence": 0.6, "awareness": 0.5, "automaticity": 0.6}
    t.update(q.get("thresholds", {}))
    t.setdefault("scenarios", t["competence"])
    return t


def reaches(v, t):
    return v >= t - EPS


def place(c, s, aw, u, per, t, self_report):
    """One scope's placement. Returns a dict with stage (1-4 or None),
    borderline, nearest, gap, a_star, margin and the reasons."""
    gap = None if per is None or s is None else per - s
    k = None if gap is None else 1 - max(0.0, gap)
    if aw is None and k is None:
        a_star, source = None, None
    elif k is None or (aw is not None and aw <= k):
        a_star, source = aw, "awareness"
    else:
        a_star, source = k, "over_estimation"
    out = {"stage": None, "borderline": False, "nearest": None, "gap": gap,
           "a_star": a_star, "margin": None, "below": [], "awareness_from": source,
           "not_placed": None, "evidence": "self_report" if self_report else "situations"}
    if not self_report and s is None:
        out["not_placed"] = "no_situations_answered"
        return out
    if c is None:
        out["not_placed"] = "no_competence_answers"
        return out
    mc = c - t["competence"]
    ms = mc if self_report else s - t["scenarios"]
    out["margin"] = min(mc, ms)
    above = reaches(c, t["competence"]) and (self_report or reaches(s, t["scenarios"]))
    if not above:
        if not reaches(c, t["competence"]):
            out["below"].append("competence")
        if not self_report and not reaches(s, t["scenarios"]):
            out["below"].append("situations")

    def side(hi, flip2=False):
        if hi:
            if u is None:
                return None
            return 4 if reaches(u, t["automaticity"]) != flip2 else 3
        if a_star is None:
            return None
        return 2 if reaches(a_star, t["awareness"]) != flip2 else 1

    stage = side(above)
    out["stage"] = stage
    if stage is None:
        out["not_placed"] = "no_automaticity_answers" if above else "no_awareness_answers"
        return out
    dm = abs(out["margin"])
    d2 = abs(u - t["automaticity"]) if above else abs(a_star - t["awareness"])
    near_m, near_2 = dm <= BORDER + EPS, d2 <= BORDER + EPS
    if near_m or near_2:
        out["borderline"] = True
        if near_m and (not near_2 or dm <= d2 + EPS):
            out["nearest"] = side(not above)
        else:
            out["nearest"] = side(above, True)
    return out


def item_score(q, it, v):
    if it.get("kind", "likert") == "scenario":
        return next(o["score"] for o in it["options"] if o["id"] == v)
    sc = q["scales"][it.get("scale") or next(iter(q["scales"]))]
    x = (v - sc["min"]) / (sc["max"] - sc["min"])
    return 1 - x if it.get("reverse") else x


def is_scenario(it):
    return it.get("kind", "likert") == "scenario" or "options" in it


def asked(it, set_):
    return "set" not in it or it["set"] == set_


def score_scope(q, items, answers, t):
    vals = {a: [] for a in AXES}
    scen, scen_asked = [], 0
    for it in items:
        sc_item = is_scenario(it) and it["axis"] == "competence"
        scen_asked += sc_item
        v = answers.get(it["id"])
        if v is None:
            continue
        x = item_score(q, it, v)
        vals[it["axis"]].append(x)
        if sc_item:
            scen.append(x)
    axes = {a: mean(vals[a]) for a in AXES}
    self_report = scen_asked == 0
    s = axes["competence"] if self_report else mean(scen)
    p = place(axes["competence"], s, axes["awareness"], axes["automaticity"],
              axes["perceived"], t, self_report)
    p["axes"], p["s"] = axes, s
    return p


def infer_set(q, answers, given=None):
    if given:
        return given
    sets = sorted({it["set"] for it in q["items"] if "set" in it})
    for it in q["items"]:
        if "set" in it and answers.get(it["id"]) is not None:
            return it["set"]
    return sets[0] if sets else None


def score(q, answers, given_set=None):
    """The whole questionnaire and each facet: (overall, {facet: scope})."""
    t = thresholds(q)
    st = infer_set(q, answers, given_set)
    items = [it for it in q["items"] if asked(it, st)]
    overall = score_scope(q, items, answers, t)
    overall["set"] = st
    overall["total"] = len(items)
    overall["answered"] = sum(1 for it in items if answers.get(it["id"]) is not None)
    facets = {f["id"]: score_scope(q, [i for i in items if i["facet"] == f["id"]], answers, t)
              for f in q["facets"]}
    return overall, facets
