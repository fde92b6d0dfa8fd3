"""Negatives: documents built here that break one rule each are refused by
the schema and, for questionnaires and answers, by the program too; a few
valid variants pass both; see tests/check_schemas.py."""

import copy

from schemas_common import (SCHEMAS, check, expect_invalid, expect_valid,
                           first_line, mutate, run, write_temp)


# ---------------------------------------------------------------- negatives

def base_questionnaire():
    """A small valid questionnaire with every member the format has."""
    scale = {"min": 1, "max": 5, "labels": ["Never", "Rarely", "Sometimes", "Often", "Always"]}
    def likert(i, axis, reverse=False):
        return {"id": i, "facet": "f", "axis": axis, "kind": "likert", "scale": "freq",
                "reverse": reverse, "text": "Item %s." % i}
    return {
        "format": "ladder-questionnaire", "format_version": 1,
        "id": "neg", "version": 3, "language": "en", "title": "Negative checks",
        "description": "Built by check_schemas.py.",
        "thresholds": {"competence": 0.6, "awareness": 0.5, "automaticity": 0.6},
        "scales": {"freq": scale, "zero": {"min": 0, "max": 2, "labels": ["no", "some", "yes"]}},
        "facets": [{"id": "f", "title": "Facet", "description": "The only one."}],
        "items": [
            likert("c1", "competence"),
            {"id": "s1", "facet": "f", "axis": "competence", "kind": "scenario",
             "text": "What do you do?",
             "options": [{"id": "a", "text": "Good", "score": 1.0, "rationale": "Why."},
                         {"id": "b", "text": "Poor", "score": 0.0, "rationale": "Why not."}]},
            likert("w1", "awareness", True),
            {"id": "u1", "facet": "f", "axis": "automaticity", "kind": "likert",
             "scale": "zero", "reverse": False, "text": "Item u1."},
            likert("p1", "perceived"),
        ],
        "stages": {"unconscious_incompetence": {"summary": "One.", "next_steps": ["Ask."]},
                   "conscious_competence": {"summary": "Three."}},
        "prompts": ["What did you notice?"],
    }


def base_answers():
    return {"format": "ladder-answers", "format_version": 1, "questionnaire": "neg",
            "questionnaire_version": 3,
            "answers": {"c1": 4, "s1": "a", "w1": None, "u1": 2}, "note": "A note."}


def base_result():
    placement = {
        "stage": "conscious_competence", "borderline": True,
        "nearest_stage": "conscious_incompetence",
        "axes": {"competence": 0.625, "awareness": 0.5, "automaticity": 0.5, "perceived": 0.5},
        "calibration_gap": 0, "measured_competence": 0.5, "placed_awareness": 0.5,
    }
    undefined = {
        "stage": None, "borderline": False, "nearest_stage": None,
        "axes": {"competence": None, "awareness": 0.5, "automaticity": None, "perceived": None},
        "calibration_gap": None, "measured_competence": None, "placed_awareness": 0.5,
    }
    r = {"questionnaire": {"id": "neg", "version": 3}}
    r.update(copy.deepcopy(placement))
    r["facets"] = [dict(id="f", **copy.deepcopy(placement)), dict(id="g", **undefined)]
    r["answered"] = 6
    r["total"] = 7
    return r


def item(doc, item_id):
    return next(i for i in doc["items"] if i["id"] == item_id)


def drop(key):
    return lambda d: d.pop(key)


def setk(key, value):
    return lambda d: d.__setitem__(key, value)


def q_bad_cases():
    def scenario(d):
        return item(d, "s1")
    return [
        ("a questionnaire without \"items\"", drop("items")),
        ("a questionnaire without \"facets\"", drop("facets")),
        ("a questionnaire without \"title\"", drop("title")),
        ("an option score of 1.5", lambda d: scenario(d)["options"][0].__setitem__("score", 1.5)),
        ("an option score of -0.1", lambda d: scenario(d)["options"][1].__setitem__("score", -0.1)),
        ("an option score given as a string", lambda d: scenario(d)["options"][0].__setitem__("score", "1")),
        ("an unknown member at the top", setk("author", "me")),
        ("an unknown member in an item", lambda d: item(d, "c1").__setitem__("weight", 2)),
        ("an unknown member in an option", lambda d: scenario(d)["options"][0].__setitem__("weight", 2)),
        ("an unknown member in a scale", lambda d: d["scales"]["freq"].__setitem__("step", 1)),
        ("an unknown member in a facet", lambda d: d["facets"][0].__setitem__("colour", "red")),
        ("an unknown threshold", lambda d: d["thresholds"].__setitem__("perceived", 0.5)),
        ("a stage \"rung_5\"", lambda d: d["stages"].__setitem__("rung_5", {"summary": "?"})),
        ("an unknown member in a stage", lambda d: d["stages"]["conscious_competence"].__setitem__("title", "?")),
        ("the format \"ladder-answers\"", setk("format", "ladder-answers")),
        ("format_version 2", setk("format_version", 2)),
        ("version 0", setk("version", 0)),
        ("version 1.5", setk("version", 1.5)),
        ("an axis \"skill\"", lambda d: item(d, "c1").__setitem__("axis", "skill")),
        ("a kind \"multiple\"", lambda d: item(d, "c1").__setitem__("kind", "multiple")),
        ("a competence threshold of 1.2", lambda d: d["thresholds"].__setitem__("competence", 1.2)),
        ("an awareness threshold of -0.5", lambda d: d["thresholds"].__setitem__("awareness", -0.5)),
        ("a likert item with options",
         lambda d: item(d, "c1").__setitem__("options", copy.deepcopy(scenario(d)["options"]))),
        ("a scenario item with a scale", lambda d: scenario(d).__setitem__("scale", "freq")),
        ("a scenario item with reverse", lambda d: scenario(d).__setitem__("reverse", False)),
        ("a scenario item without options", lambda d: scenario(d).pop("options")),
        ("a scenario item with one option", lambda d: scenario(d)["options"].pop()),
        ("a scenario item with ten options",
         lambda d: scenario(d).__setitem__("options", [
             {"id": "o%d" % i, "text": "Option %d" % i, "score": i / 10} for i in range(10)])),
        ("a scale of 12 points", lambda d: d["scales"].__setitem__(
            "twelve", {"min": 1, "max": 12, "labels": ["p%d" % i for i in range(12)]})),
        ("a scale min of 1.5", lambda d: d["scales"]["zero"].__setitem__("min", 1.5)),
        ("an empty label", lambda d: d["scales"]["freq"]["labels"].__setitem__(0, "")),
        ("an id with a space", setk("id", "my questionnaire")),
        ("an id of 65 characters", setk("id", "q" * 65)),
        ("an empty id", lambda d: item(d, "c1").__setitem__("id", "")),
        ("an id ending in a newline", lambda d: item(d, "c1").__setitem__("id", "c1\n")),
        ("a scale name with a slash", lambda d: d["scales"].__setitem__("a/b", d["scales"].pop("zero"))),
        ("an empty title", setk("title", "")),
        ("an empty item text", lambda d: item(d, "c1").__setitem__("text", "")),
        ("an empty language", setk("language", "")),
        ("no facets", setk("facets", [])),
        ("a facet without a title", lambda d: d["facets"][0].pop("title")),
        ("no item on the perceived axis",
         lambda d: d.__setitem__("items", [i for i in d["items"] if i["axis"] != "perceived"])),
        ("reverse given as a string", lambda d: item(d, "c1").__setitem__("reverse", "yes")),
        ("a prompt that is a number", setk("prompts", [1])),
        ("next_steps that is a string",
         lambda d: d["stages"]["unconscious_incompetence"].__setitem__("next_steps", "Ask.")),
        ("a document that is an array", None),
    ]


def q_good_cases():
    def minimal(d):
        for k in ["version", "language", "description", "thresholds", "stages", "prompts"]:
            d.pop(k)
        d["scales"].pop("zero")
        for i in d["items"]:
            for k in ["kind", "scale", "reverse"]:
                i.pop(k, None)
        for o in item(d, "s1")["options"]:
            o.pop("rationale")
        d["facets"][0].pop("description")
    return [
        ("the base questionnaire", lambda d: None),
        ("a minimal questionnaire (defaults left out, kinds and the only scale implied)", minimal),
        ("integer scores, one threshold, empty stages", lambda d: (
            item(d, "s1")["options"][0].__setitem__("score", 1),
            d.__setitem__("thresholds", {"awareness": 0}),
            d.__setitem__("stages", {"conscious_incompetence": {}}))),
        ("nine options and an 11-point scale", lambda d: (
            item(d, "s1").__setitem__("options", [
                {"id": "o%d" % i, "text": "Option %d" % i, "score": i / 8} for i in range(9)]),
            d["scales"].__setitem__("eleven", {"min": 0, "max": 10,
                                               "labels": [str(i) for i in range(11)]}))),
        ("ids of 64 characters with . _ -", lambda d: (
            d.__setitem__("id", "A._-" + "z" * 60),
            d["facets"][0].__setitem__("id", "f.1_x-2"),
            [i.__setitem__("facet", "f.1_x-2") for i in d["items"]])),
    ]


def a_bad_cases():
    return [
        ("answers with format_version 2", setk("format_version", 2)),
        ("answers with the format \"ladder-questionnaire\"", setk("format", "ladder-questionnaire")),
        ("answers without \"questionnaire\"", drop("questionnaire")),
        ("answers without \"answers\"", drop("answers")),
        ("an unknown member \"comment\"", setk("comment", "hi")),
        ("an answer of 1.5", lambda d: d["answers"].__setitem__("c1", 1.5)),
        ("an answer of true", lambda d: d["answers"].__setitem__("c1", True)),
        ("an answer that is a list", lambda d: d["answers"].__setitem__("s1", ["a"])),
        ("an answer to the item \"no such\"", lambda d: d["answers"].__setitem__("no such", 1)),
        ("questionnaire_version given as a string", setk("questionnaire_version", "3")),
        ("questionnaire_version 0", setk("questionnaire_version", 0)),
        ("a note that is a number", setk("note", 5)),
        ("answers that are a list", setk("answers", [4, "a"])),
    ]


def a_good_cases():
    return [
        ("the base answers", lambda d: None),
        ("nothing answered, no version, no note",
         lambda d: (d.__setitem__("answers", {}), d.pop("questionnaire_version"), d.pop("note"))),
        ("every item skipped with null",
         lambda d: d.__setitem__("answers", {k: None for k in ["c1", "s1", "w1", "u1", "p1"]})),
    ]


def r_bad_cases():
    def facet(n):
        return lambda d: d["facets"][n]
    return [
        ("a result with stage \"rung_5\"", setk("stage", "rung_5")),
        ("a result with stage 3", setk("stage", 3)),
        ("a facet with nearest_stage \"rung_0\"", lambda d: facet(0)(d).__setitem__("nearest_stage", "rung_0")),
        ("a competence of 1.2", lambda d: d["axes"].__setitem__("competence", 1.2)),
        ("a perceived of -0.1", lambda d: d["axes"].__setitem__("perceived", -0.1)),
        ("an axis given as a string", lambda d: d["axes"].__setitem__("awareness", "0.5")),
        ("a calibration_gap of -1.5", setk("calibration_gap", -1.5)),
        ("a placed_awareness of 2", setk("placed_awareness", 2)),
        ("a result without \"total\"", drop("total")),
        ("a result without \"facets\"", drop("facets")),
        ("a result without \"measured_competence\"", drop("measured_competence")),
        ("axes without \"perceived\"", lambda d: d["axes"].pop("perceived")),
        ("an unknown axis \"skill\"", lambda d: d["axes"].__setitem__("skill", 0.5)),
        ("an unknown member at the top", setk("title", "x")),
        ("an unknown member in a facet", lambda d: facet(0)(d).__setitem__("title", "x")),
        ("a facet without an id", lambda d: facet(0)(d).pop("id")),
        ("answered -1", setk("answered", -1)),
        ("total 2.5", setk("total", 2.5)),
        ("questionnaire version 0", lambda d: d["questionnaire"].__setitem__("version", 0)),
        ("borderline given as 1", setk("borderline", 1)),
        ("a nearest stage without borderline", setk("borderline", False)),
        ("a nearest stage equal to the stage", setk("nearest_stage", "conscious_competence")),
        ("no stage but borderline", lambda d: facet(1)(d).__setitem__("borderline", True)),
        ("a stage without competence", lambda d: facet(1)(d).__setitem__("stage", "conscious_incompetence")),
        ("a stage on rung 3 without automaticity", lambda d: d["axes"].__setitem__("automaticity", None)),
        ("competence undefined but S defined", lambda d: facet(1)(d).__setitem__("measured_competence", 0.5)),
        ("a calibration gap without perceived", lambda d: d["axes"].__setitem__("perceived", None)),
        ("perceived and S but no calibration gap", setk("calibration_gap", None)),
        ("awareness but no placed awareness", lambda d: facet(1)(d).__setitem__("placed_awareness", None)),
    ]


def r_good_cases():
    def all_null(d):
        for p in [d] + d["facets"]:
            p.update({"stage": None, "borderline": False, "nearest_stage": None,
                      "calibration_gap": None, "measured_competence": None,
                      "placed_awareness": None})
            p["axes"] = dict.fromkeys(p["axes"])
        d["answered"] = 0
    return [
        ("the base result", lambda d: None),
        ("a result with nothing answered", all_null),
        ("a borderline result without a nearest stage", setk("nearest_stage", None)),
        ("a result without facets", setk("facets", [])),
    ]


def loader_verdict(kind, doc, qpath):
    """The program's status for doc: 0 when it accepts it."""
    if kind == "questionnaire":
        status, _, err = run("validate", write_temp("neg-q.json", doc))
    else:
        status, _, err = run("score", qpath, "--answers", write_temp("neg-a.json", doc))
    return status, err


def check_negatives():
    qbase = base_questionnaire()
    qpath = write_temp("neg-base.json", qbase)
    for kind, base, bad, good in [
            ("questionnaire", qbase, q_bad_cases(), q_good_cases()),
            ("answers", base_answers(), a_bad_cases(), a_good_cases()),
            ("result", base_result(), r_bad_cases(), r_good_cases())]:
        if kind not in SCHEMAS:
            continue
        for what, fn in good:
            doc = mutate(base, fn)
            expect_valid(kind, doc, "%s schema accepts %s" % (kind, what))
            if kind != "result":
                status, err = loader_verdict(kind, doc, qpath)
                check(status == 0, "ladder accepts %s" % what, first_line(err))
        for what, fn in bad:
            doc = [copy.deepcopy(base)] if fn is None else mutate(base, fn)
            expect_invalid(kind, doc, "%s schema rejects %s" % (kind, what))
            if kind != "result":
                status, err = loader_verdict(kind, doc, qpath)
                check(status == 1, "ladder refuses %s" % what,
                      "status %d, expected 1 (%s)" % (status, first_line(err)))
