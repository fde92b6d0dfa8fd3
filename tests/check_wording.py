"""Can the best answer of a situation be found from its wording alone?

For every situation (scenario item) of the built-in questionnaires this
applies a few crude rules a test-wise reader might use, and counts how
often each rule lands on the option the authors rated best:

  asks      the option with the most words of asking or consulting
            (ASK_WORDS below): the "pick the one that asks" rule
  longest   the option with the most characters
  shortest  the option with the fewest characters
  hedges    the option with the most hedging or softening words
            (HEDGE_WORDS below: "briefly", "gently", "perhaps", ...)
  area      the option with the most words taken from its area's title
            and description (the facet), after light stemming; only the
            words that set the area apart count, not those that the
            description of another area of the questionnaire uses too
            ("post" is in every social-media area and points at none)
  echo      the option with the most words taken from the situation's
            own text (an option that "fixes exactly what the situation
            lists")
  parts     the option with the most parts: commas, the word "and",
            colons and semicolons counted together (an option that does
            several things at once, where the others do one)
  fewest    the option with the fewest words (the bare, shortest action;
            "shortest" counts characters, which long words can hide)
  reason    the option that gives its own reason: the most "because",
            "since", "so that" or ", so" clauses (REASON_PHRASES below).
            If the best answer never explains itself while wrong options
            do, this rule lands on the best answer far less often than
            chance, and a reader who strikes out every option with a
            reason is left with the best; the lower bound catches that
  plain     the two together: strike out the options that give a reason
            (when some do not), then take the one with the fewest words

A rule that ties between k options gets 1/k of a hit when the best is
among them; a rule that finds nothing to count (no option has any of its
words) guesses, which is worth 1/n for a situation of n options. Chance
is therefore sum(1/n) over the situations, with a binomial standard
deviation sd = sqrt(sum(1/n * (1 - 1/n))). A rule fails when its hits
are more than chance + 1.5 sd: clearly more often than a blind guess. It
fails too when its hits are fewer than chance - 1.5 sd, since a rule that
clearly avoids the best answer gives it away as well (the reader strikes
out what the rule picks).
Each rule is judged over each set of situations on its own (what one
session shows) and over the whole questionnaire.

It also checks where the best answers sit: over each set and over the
whole questionnaire, every position from 1 to 4 holds a best answer and
no position holds more than 40% of them.

And it checks the language: no idiom from IDIOMS in any text a reader
sees (items, options, reasons, areas, next steps, prompts), no Likert
question over MAX_LIKERT_WORDS words, and the mean reading grade of the
questions (Flesch-Kincaid, with a rough syllable count) at most
MAX_MEAN_GRADE.

It prints a small table and exits 1 when any check fails."""
import glob
import json
import math
import os
import re
import sys

SRCDIR = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), ".."))

# Asking or consulting: a word counts when it starts with one of these
# stems; "find out" and "hear from" count as phrases. Each counts an act of
# asking, so "whether" is left out: it follows an "ask" or a "check" and
# would count the same act twice.
ASK_WORDS = ["ask", "consult", "check", "poll", "survey", "vote", "discuss",
             "feedback", "talk", "invit"]
ASK_PHRASES = ["find out", "hear from"]

# Hedging and softening: words that make an answer sound careful.
HEDGE_WORDS = ["perhaps", "maybe", "might", "may", "could", "possibly",
               "probably", "seem", "seems", "some", "gently", "briefly",
               "calmly", "politely", "quietly", "kindly", "carefully",
               "respectfully", "sensitively", "try", "tries", "if",
               "unless", "only", "often", "usually"]
HEDGE_PHRASES = ["a little", "a bit", "for now", "at least"]

# Idioms that trip people reading in a second language.
IDIOMS = ["on their plate", "on your plate", "on her plate", "on his plate",
          "lose face", "losing face", "word in", "on the spot", "landed badly",
          "sit this one out", "sort it out", "brush off", "brushing it off",
          "brushes off", "down to them", "down to the", "keep up with",
          "in the loop", "same page", "touch base", "reach out", "ballpark",
          "go viral", "goes viral", "jump on", "bandwagon", "spin", "elephant",
          "ticks the box", "tick the box", "low-hanging", "the bottom line",
          "get the ball", "off the cuff", "hit the ground", "under the rug",
          "walk on eggshells", "cross that bridge", "up in the air",
          # found by an independent reader of the second edition
          "spotlight", "take the point", "takes the point", "leave it there",
          "let it go", "let it run", "on the strength of", "snub", "snubbed",
          "jar", "tone down", "buys time", "buy time", "chases luck",
          "chase luck", "wrong crowd", "brush aside", "brushes aside",
          "thin evidence", "grown up", "go quiet", "goes quiet",
          "open the door", "opens the door", "read up on", "come across",
          "comes across", "came across", "look into", "looks into",
          "looked into", "from scratch", "burning out", "burn out",
          "low stakes", "a step or two ahead", "vanity"]

# A clause that gives the option's own reason or purpose.
REASON_PHRASES = ["because", "since", "so that", ", so "]

MAX_LIKERT_WORDS = 30
MAX_MEAN_GRADE = 9.0

STOP = set("""a about after again all also an and any are as at be because been
before being but by can cannot do does doing done each even every for from get
gets had has have her here hers him his how i if in into is it its just less
like made make makes many more most much my no not now of off on once one only
or other our out over own people person same say says she should so some such
than that the their them then there these they this those through to too under
until up very was way we well were what when where which while who whom why will
with without would you your yours yourself""".split())

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name + (": " + detail if detail else ""))


def words(text):
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def stem(w):
    for suf in ("ing", "ers", "ies", "ed", "es", "er", "ly", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def content_stems(text):
    return {stem(w) for w in words(text) if len(w) >= 4 and w not in STOP}


def count_asks(text):
    ws = words(text)
    n = sum(1 for w in ws if any(w.startswith(s) for s in ASK_WORDS))
    low = " ".join(ws)
    return n + sum(low.count(p) for p in ASK_PHRASES)


def count_hedges(text):
    ws = words(text)
    low = " " + " ".join(ws) + " "
    return (sum(1 for w in ws if w in HEDGE_WORDS)
            + sum(low.count(" " + p + " ") for p in HEDGE_PHRASES))


def count_parts(text):
    """Commas, colons, semicolons and the word "and": how many pieces an
    option is put together from."""
    return (text.count(",") + text.count(":") + text.count(";")
            + sum(1 for w in words(text) if w == "and"))


def count_reasons(text):
    """How many clauses of the option give its own reason or purpose."""
    low = " " + re.sub(r"\s+", " ", text.lower()) + " "
    low = re.sub(r"[^a-z,' ]", " ", low)
    low = re.sub(r" +", " ", low).replace(" ,", ",")
    return sum(low.count(p if p.startswith(",") else " " + p + " ")
               for p in REASON_PHRASES)


def pick_max(values):
    """The indexes a rule picks: those with the highest value, or None when
    the rule has nothing to go on (every value 0)."""
    top = max(values)
    if top <= 0:
        return None
    return [i for i, v in enumerate(values) if v == top]


def credit(picked, best, n):
    if picked is None:
        return 1.0 / n
    return (1.0 / len(picked)) if best in picked else 0.0


def plain(texts, nw):
    """Strike the options that give their own reason (unless all do), then
    pick the one with the fewest words."""
    reasons = [count_reasons(t) for t in texts]
    low = min(reasons)
    keep = [i for i in range(len(texts)) if reasons[i] == low]
    fewest = min(nw[i] for i in keep)
    return [i for i in keep if nw[i] == fewest]


def area_words(q, facet_id):
    """The stems of a facet's title and description that no other facet's
    title or description of the questionnaire has."""
    def stems(f):
        return content_stems(f["title"] + " " + f.get("description", ""))
    own = next(stems(f) for f in q["facets"] if f["id"] == facet_id)
    for f in q["facets"]:
        if f["id"] != facet_id:
            own -= stems(f)
    return own


def rules(q, item):
    opts = item["options"]
    texts = [o["text"] for o in opts]
    area = area_words(q, item["facet"])
    stem_words = content_stems(item["text"])
    lengths = [len(t) for t in texts]
    nw = [len(words(t)) for t in texts]
    return {
        "asks": pick_max([count_asks(t) for t in texts]),
        "longest": pick_max(lengths),
        "shortest": pick_max([-x + max(lengths) + 1 for x in lengths]),
        "hedges": pick_max([count_hedges(t) for t in texts]),
        "area": pick_max([len(content_stems(t) & area) for t in texts]),
        "echo": pick_max([len(content_stems(t) & stem_words) for t in texts]),
        "parts": pick_max([count_parts(t) for t in texts]),
        "fewest": pick_max([max(nw) + 1 - x for x in nw]),
        "reason": pick_max([count_reasons(t) for t in texts]),
        "plain": plain(texts, nw),
    }


RULES = ["asks", "longest", "shortest", "hedges", "area", "echo", "parts",
         "fewest", "reason", "plain"]


def best_index(item):
    scores = [o["score"] for o in item["options"]]
    return scores.index(max(scores))


def judge(q, scope, situations):
    """One row of the table per rule for these situations."""
    qid = q["id"]
    chance = sum(1.0 / len(s["options"]) for s in situations)
    sd = math.sqrt(sum((1.0 / len(s["options"])) * (1 - 1.0 / len(s["options"]))
                       for s in situations))
    bound = chance + 1.5 * sd
    floor = chance - 1.5 * sd
    hits = {r: 0.0 for r in RULES}
    for s in situations:
        picked = rules(q, s)
        b = best_index(s)
        for r in RULES:
            hits[r] += credit(picked[r], b, len(s["options"]))
    row = (f"{qid:<13} {scope:<6} {len(situations):>3} {chance:>6.1f} "
           f"{max(floor, 0):>4.1f}-{bound:<4.1f}")
    for r in RULES:
        off = hits[r] > bound + 1e-9 or hits[r] < floor - 1e-9
        row += f" {hits[r]:>7.1f}{'*' if off else ' '}"
    print("# " + row)
    for r in RULES:
        check(f"{qid} {scope}: the '{r}' rule finds the best answer as often "
              f"as chance (within 1.5 sd)",
              floor - 1e-9 <= hits[r] <= bound + 1e-9,
              f"{hits[r]:.1f} of {len(situations)} (chance {chance:.1f}, "
              f"allowed {max(floor, 0):.1f} to {bound:.1f})")


def positions(q, scope, situations):
    qid = q["id"]
    count = {}
    for s in situations:
        p = best_index(s) + 1
        count[p] = count.get(p, 0) + 1
    n = len(situations)
    spread = " ".join(f"{p}:{count.get(p, 0)}" for p in range(1, 6))
    print(f"# {qid:<13} {scope:<6} best answer at position  {spread}")
    check(f"{qid} {scope}: every position 1 to 4 holds a best answer",
          all(count.get(p, 0) > 0 for p in range(1, 5)), spread)
    check(f"{qid} {scope}: no position holds more than 40% of the best answers",
          max(count.values()) <= 0.4 * n, spread)


def syllables(w):
    w = w.lower().strip("'")
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and n > 1 and not w.endswith(("le", "ee", "ye")):
        n -= 1
    return max(1, n)


def grade(text):
    sentences = max(1, len(re.findall(r"[.?!]+(?:\s|$)", text)))
    ws = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    if not ws:
        return 0.0
    syl = sum(syllables(w) for w in ws)
    return 0.39 * len(ws) / sentences + 11.8 * syl / len(ws) - 15.59


def visible_texts(q):
    """Every text a reader of the questionnaire or its result may see."""
    out = [("description", q.get("description", ""))]
    for f in q["facets"]:
        out.append((f"facet {f['id']}", f["title"] + " " + f.get("description", "")))
        for sid, st in f.get("stages", {}).items():
            out.append((f"facet {f['id']} {sid}",
                        " ".join([st.get("summary", "")] + st.get("next_steps", []))))
    for i in q["items"]:
        out.append((i["id"], i["text"]))
        for o in i.get("options", []):
            out.append((f"{i['id']} {o['id']}", o["text"] + " " + o.get("rationale", "")))
    for sid, st in q.get("stages", {}).items():
        out.append((sid, " ".join([st.get("summary", "")] + st.get("next_steps", []))))
    for k, p in enumerate(q.get("prompts", [])):
        out.append((f"prompt {k + 1}", p))
    return out


def language(q):
    qid = q["id"]
    found = []
    for where, text in visible_texts(q):
        low = " " + " ".join(words(text)) + " "
        for idiom in IDIOMS:
            if " " + idiom + " " in low:
                found.append(f"{where}: \"{idiom}\"")
    check(f"{qid}: no idioms from the list", not found, "; ".join(found))
    long = [f"{i['id']} ({len(words(i['text']))} words)" for i in q["items"]
            if i.get("kind", "likert") == "likert"
            and len(words(i["text"])) > MAX_LIKERT_WORDS]
    check(f"{qid}: no Likert question over {MAX_LIKERT_WORDS} words",
          not long, ", ".join(long))
    grades = [grade(i["text"]) for i in q["items"]]
    mean = sum(grades) / len(grades)
    worst = max(q["items"], key=lambda i: grade(i["text"]))
    print(f"# {qid:<13} reading grade of the questions: mean {mean:.1f}, "
          f"highest {grade(worst['text']):.1f} ({worst['id']})")
    check(f"{qid}: mean reading grade of the questions at most {MAX_MEAN_GRADE}",
          mean <= MAX_MEAN_GRADE, f"{mean:.1f}")


def main(paths):
    print("# questionnaire scope  n chance  allowed  " +
          " ".join(f"{r:>8}" for r in RULES))
    qs = [json.load(open(p)) for p in paths]
    for q in qs:
        scen = [i for i in q["items"] if i.get("kind") == "scenario"]
        sets = sorted({i.get("set") for i in scen if i.get("set") is not None})
        for s in sets:
            judge(q, f"set {s}", [i for i in scen if i.get("set") == s])
        judge(q, "all", scen)
    for q in qs:
        scen = [i for i in q["items"] if i.get("kind") == "scenario"]
        sets = sorted({i.get("set") for i in scen if i.get("set") is not None})
        for s in sets:
            positions(q, f"set {s}", [i for i in scen if i.get("set") == s])
        positions(q, "all", scen)
    for q in qs:
        language(q)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[1:] or sorted(glob.glob(os.path.join(SRCDIR, "data", "questionnaires", "*.json")))
    sys.exit(main(args))
