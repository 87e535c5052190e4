#!/usr/bin/python3
"""Writes the soap-notes example: intent, task spec, a recorded teacher session, the recorded review and a
held-out split, all from structured visit facts, seeded and deterministic (standard library only).

    /usr/bin/python3 examples/soap-notes/generator/make_soap_notes.py          # write the files
    /usr/bin/python3 examples/soap-notes/generator/make_soap_notes.py --check  # exit 1 if any file differs

The teacher data was written for the project by this generator, not by a live model.
"""

import argparse
import json
import os
import random
import re
import sys
import zlib

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import soap_defects as D  # noqa: E402
import soap_engine as E  # noqa: E402
from soap_words import Chooser  # noqa: E402

OUT_DIR = os.path.dirname(HERE)
TRAIN_SEED = 20251012
HELDOUT_SEED = 7700417
SPEC_SEED = 31337
CALLS = 640
PER_CALL = 5
HELDOUT = 300
MAX_INPUT_CHARS = 2000
MAX_OUTPUT_CHARS = 1500
MIN_WORDS, MAX_WORDS = 40, 250
QUICK_MAX_WORDS = 60
SECTIONS = ["Subjective", "Objective", "Assessment", "Plan"]

STYLE_W = [("dictation", 42), ("transcript", 30), ("rushed dictation", 14), ("raw speech-to-text", 14)]
EDGE_W = [("none", 50), ("quick note", 11), ("no objective data", 12), ("two unrelated problems", 15),
          ("stops mid-sentence", 12)]
CONTRACT_RATE = 0.027
CONTRACT_KINDS = ["missing section", "section out of order", "empty output", "exact duplicate",
                  "near duplicate", "text before the first section", "empty section", "malformed item"]
REJECT_RATE, EDIT_RATE = 0.08, 0.11

INTENT = ("Turn my raw dictations and recorded doctor-patient conversations into clean SOAP notes "
          "(Subjective, Objective, Assessment, Plan) that use only what was actually said.\n")

INSTRUCTION = (
    "Write a concise SOAP note from the clinician's raw dictation or doctor-patient transcript. Use exactly "
    "four sections, each starting on its own line, in this order: Subjective:, Objective:, Assessment:, Plan: "
    "(plan items as '- ' bullets). Use only facts that are in the dictation: never add vitals, findings, "
    "doses or diagnoses. Resolve fillers, asides to staff and self-corrections (keep only the corrected "
    "fact). Write numbers in clinical notation (BP 138/88, HR 72, T 38.6 C, SpO2 97%, metformin 500 mg "
    "twice daily). When a section has nothing, say so, e.g. 'Objective: No exam performed (telehealth "
    "visit).' or 'Objective: No vitals or exam findings dictated.'; when the dictation stops mid-sentence, "
    "say that the rest was not recorded.")
INPUT_DESCRIPTION = (
    "A clinician's informal voice dictation (alone, rushed shorthand, or raw speech-to-text without "
    "punctuation) or a short transcript with Doctor:/Patient: turns, 40 to 250 words, from primary care, "
    "urgent care, paediatrics, emergency and specialty clinics, including telehealth. Contains fillers "
    "(uh, um, okay so), self-corrections (no wait, the left knee), asides to staff, facts out of order, "
    "vitals as spoken words or digits, medications with doses, allergies and relevant negatives; some are "
    "very short, some have no exam, some cover two unrelated problems, some stop mid-sentence.")


def weighted(rng, table):
    total = sum(w for _, w in table)
    r = rng.random() * total
    for name, w in table:
        r -= w
        if r < 0:
            return name
    return table[-1][0]


FILLER_RE = re.compile(r"\b(uh|um|er|hmm|let's see|okay so|you know)\b", re.I)


def topic(sp, st, ed):
    return "specialty: %s; style: %s; edge case: %s" % (sp, st, ed)


def make_sample(ch, specialty, style, edge, mode):
    hi = QUICK_MAX_WORDS if edge == "quick note" else MAX_WORDS
    for _ in range(200):
        case = E.build_case(ch, specialty, style, edge, mode)
        if edge == "two unrelated problems" and len(case.problems) < 2:
            continue
        text = E.render_transcript(ch, case) if style == "transcript" else E.render_dictation(ch, case)
        if edge == "stops mid-sentence" and not case.cut:
            continue
        n = len(text.split())
        if MIN_WORDS <= n <= hi and len(text) <= MAX_INPUT_CHARS:
            return case, text, E.render_note(case)
    raise RuntimeError("no sample fits for %s / %s / %s" % (specialty, style, edge))


# ------------------------------------------------------------------------------------ contract replica

def match_heading(line, letters_ok=True):
    """The C++ contract's heading rule (core/synth/contract.cpp): a line starting with a section name (or
    its first letter), after optional #s and **, followed by ':' (or end of line after #s)."""
    s = line.strip()
    hashes = False
    while s.startswith("#"):
        s = s[1:]
        hashes = True
    s = s.strip()
    bold = False
    if s.startswith("**"):
        s = s[2:]
        bold = True
    for i, name in enumerate(SECTIONS):
        if s[:len(name)].lower() == name.lower():
            n = len(name)
        elif letters_ok and s and s[0].lower() == name[0].lower() and (len(s) == 1 or s[1] == ":" or
                                                                      (bold and s[1:].startswith("**"))):
            n = 1
        else:
            continue
        after = s[n:]
        if bold and after.startswith("**"):
            after = after[2:]
        colon = after.startswith(":")
        if colon:
            after = after[1:]
        if bold and after.startswith("**"):
            after = after[2:]
        if colon or (hashes and not after.strip()):
            return i, after.strip()
    return None


def contract_error(inp, out):
    if not inp.strip():
        return "the input is empty"
    if not out.strip():
        return "the output is empty"
    if len(inp) > MAX_INPUT_CHARS:
        return "the input is too long"
    seen = [0] * 4
    content = [False] * 4
    nxt = 0
    cur = None
    before = False
    for line in out.split("\n"):
        h = match_heading(line)
        if h:
            i, rest = h
            seen[i] += 1
            if seen[i] > 1:
                return "section %s appears twice" % SECTIONS[i]
            if i != nxt:
                return ("missing section %s before %s" % (SECTIONS[nxt], SECTIONS[i]) if i > nxt else
                        "section %s is out of order" % SECTIONS[i])
            cur = i
            nxt += 1
            if rest:
                content[i] = True
        elif line.strip():
            if cur is None:
                before = True
            else:
                content[cur] = True
    if nxt < 4:
        return "missing section %s" % SECTIONS[nxt]
    for i in range(4):
        if not content[i]:
            return "section %s is empty" % SECTIONS[i]
    if before:
        return "text before the first section"
    if len(out.strip()) > MAX_OUTPUT_CHARS:
        return "the output is too long"
    return None


# ------------------------------------------------------------------------------------ duplicates

WORD = re.compile(r"[A-Za-z0-9\x80-\U0010ffff]+")


def norm_key(inp, out):
    return (" ".join(WORD.findall(inp)).lower(), " ".join(WORD.findall(out)).lower())


def shingles(inp, out):
    w = [x.lower() for x in WORD.findall(inp)] + ["||"] + [x.lower() for x in WORD.findall(out)]
    return {zlib.crc32((" ".join(w[i:i + 3])).encode()) for i in range(len(w) - 2)}


def max_similarity(texts):
    """Highest Jaccard similarity (word 3-shingles of input + output, as the pipeline's near-duplicate
    check) between any two of `texts`, found through shared rare shingles. Returns (sim, i, j)."""
    sets = [shingles(a, b) for a, b in texts]
    df = {}
    for s in sets:
        for h in s:
            df[h] = df.get(h, 0) + 1
    limit = max(3, len(sets) // 100)
    index = {}
    best = (0.0, -1, -1)
    for i, s in enumerate(sets):
        rare = sorted(h for h in s if df[h] <= limit)[:24]
        cand = {}
        for h in rare:
            for j in index.get(h, ()):
                cand[j] = cand.get(j, 0) + 1
            index.setdefault(h, []).append(i)
        for j in sorted(cand):
            if cand[j] >= 2:
                sim = len(s & sets[j]) / len(s | sets[j])
                if sim > best[0]:
                    best = (sim, j, i)
    return best


# ------------------------------------------------------------------------------------ the corpus

def near_copy(ch, text):
    """An earlier input with a word or two changed, as a teacher that repeats itself writes it."""
    swaps = [(" uh,", " um,"), ("okay", "alright"), ("Okay", "Alright"), (" so ", " and "), ("today", "this morning"),
             ("Thanks", "Thank you"), (" the ", " this ")]
    for a, b in ch.shuffle(list(swaps)):
        if a in text:
            return text.replace(a, b, 1)
    return text + " Thanks."


def build_session():
    rng = random.Random(TRAIN_SEED)
    ch = Chooser(rng, "train")
    calls = []
    review = []
    stats = {"samples": [], "contract": {k: 0 for k in CONTRACT_KINDS}}
    valid = []  # (input, output) of valid samples so far, for duplicates
    cycle = []
    sample_no = 0
    next_kind = 0
    for call in range(1, CALLS + 1):
        if not cycle:
            cycle = list(E.SPECIALTIES)
            rng.shuffle(cycle)
        sp = cycle.pop()
        st = weighted(rng, STYLE_W)
        ed = weighted(rng, EDGE_W)
        if ed == "quick note" and st == "transcript":
            st = weighted(rng, [x for x in STYLE_W if x[0] != "transcript"])
        items = []
        for index in range(PER_CALL):
            sample_no += 1
            case, text, note = make_sample(ch, sp, st, ed, "train")
            rec = {"call": call, "index": index, "specialty": sp, "style": st, "edge": ed, "words": len(text.split()),
                   "problem": case.problems[0].p.key, "status": "valid",
                   "correction": any(f.corrected and f.alive for f in case.facts),
                   "aside": getattr(case, "n_asides", 0) > 0,
                   "filler": bool(FILLER_RE.search(text))}
            item = {"input": text, "output": note, "topic": topic(sp, st, ed)}
            if rng.random() < CONTRACT_RATE and len(valid) > 20:
                kind = CONTRACT_KINDS[next_kind % len(CONTRACT_KINDS)]
                next_kind += 1
                rec["status"] = kind
                stats["contract"][kind] += 1
                if kind == "missing section":
                    item["output"] = D.c_missing_section(ch, note)
                elif kind == "section out of order":
                    item["output"] = D.c_out_of_order(ch, note)
                elif kind == "empty output":
                    item["output"] = ""
                elif kind == "text before the first section":
                    item["output"] = D.c_prose(ch, note)
                elif kind == "empty section":
                    item["output"] = D.c_empty_section(ch, note)
                elif kind == "malformed item":
                    del item["output"]
                elif kind == "exact duplicate":
                    a, b = valid[rng.randrange(len(valid))]
                    item["input"], item["output"] = a, b
                    rec["words"] = len(a.split())
                elif kind == "near duplicate":
                    a, b = valid[rng.randrange(len(valid))]
                    item["input"], item["output"] = near_copy(ch, a), b
                    rec["words"] = len(item["input"].split())
                    rec["orig"] = (a, b)
                items.append(item)
                stats["samples"].append(rec)
                continue
            # the review: most approved, some edited, some rejected
            r = rng.random()
            decision = {"call": call, "index": index, "decision": "approve"}
            if r < REJECT_RATE:
                got = D.plant(ch, case, text, D.REJECTS)
                if got:
                    item["output"] = got[0]
                    decision = {"call": call, "index": index, "decision": "reject", "reason": got[1]}
            elif r < REJECT_RATE + EDIT_RATE:
                got = D.plant(ch, case, text, D.EDITS)
                if got:
                    item["output"] = got[0]
                    decision = {"call": call, "index": index, "decision": "edit", "output": note}
                    rec["edit_reason"] = got[1]
            rec["decision"] = decision["decision"]
            if decision["decision"] == "reject":
                rec["reason"] = decision["reason"]
            review.append(decision)
            valid.append((text, item["output"]))  # what the pipeline stores, so a later copy is an exact duplicate
            items.append(item)
            stats["samples"].append(rec)
        content = json.dumps({"samples": items}, ensure_ascii=False)
        r = rng.random()
        if r < 0.02:
            content = "```json\n" + content + "\n```"
        elif r < 0.03:
            content = "Here are the 5 samples:\n" + content
        calls.append({"call": call, "content": content})
    return calls, review, stats


def build_heldout():
    rng = random.Random(HELDOUT_SEED)
    ch = Chooser(rng, "heldout")
    out = []
    recs = []
    cycle = []
    for _ in range(HELDOUT):
        if not cycle:
            cycle = list(E.SPECIALTIES)
            rng.shuffle(cycle)
        sp = cycle.pop()
        st = weighted(rng, STYLE_W)
        ed = weighted(rng, EDGE_W)
        if ed == "quick note" and st == "transcript":
            st = weighted(rng, [x for x in STYLE_W if x[0] != "transcript"])
        case, text, note = make_sample(ch, sp, st, ed, "heldout")
        out.append({"input": text, "output": note})
        recs.append({"specialty": sp, "style": st, "edge": ed, "words": len(text.split()),
                     "problem": case.problems[0].p.key})
    return out, recs


SEED_SLICES = [("primary care", "dictation", "none"), ("paediatrics", "transcript", "none"),
               ("telehealth", "dictation", "none"), ("orthopaedics", "rushed dictation", "quick note"),
               ("cardiology", "dictation", "two unrelated problems"),
               ("urgent care", "raw speech-to-text", "stops mid-sentence"),
               ("emergency", "dictation", "no objective data"), ("prenatal", "transcript", "none")]


def build_spec():
    rng = random.Random(SPEC_SEED)
    ch = Chooser(rng, "train")
    seeds = []
    for sp, st, ed in SEED_SLICES:
        case, text, note = make_sample(ch, sp, st, ed, "train")
        seeds.append({"input": text, "output": note, "topic": topic(sp, st, ed)})
    return {
        "kind": "sectioned_text",
        "instruction": INSTRUCTION,
        "input_description": INPUT_DESCRIPTION,
        "output": {"sections": SECTIONS, "min_output_chars": 80, "max_output_chars": MAX_OUTPUT_CHARS,
                   "max_input_chars": MAX_INPUT_CHARS},
        "axes": [{"name": "specialty", "values": list(E.SPECIALTIES)},
                 {"name": "style", "values": [s for s, _ in STYLE_W]},
                 {"name": "edge case", "values": [e for e, _ in EDGE_W]}],
        "seeds": seeds,
    }


# ------------------------------------------------------------------------------------ checks and stats

def validate(calls, review, stats, heldout, spec):
    problems = []
    n_items = 0
    valid_pairs = []
    seen = {}
    dec = {(r["call"], r["index"]): r for r in review}
    by_rec = {(s["call"], s["index"]): s for s in stats["samples"]}
    for c in calls:
        text = c["content"]
        body = text[text.index("{"):text.rindex("}") + 1]
        items = json.loads(body)["samples"]
        if len(items) != PER_CALL:
            problems.append("call %d: %d samples" % (c["call"], len(items)))
        for i, it in enumerate(items):
            n_items += 1
            rec = by_rec[(c["call"], i)]
            w = len(it["input"].split())
            hi = QUICK_MAX_WORDS if rec["edge"] == "quick note" and "duplicate" not in rec["status"] else MAX_WORDS
            if not (MIN_WORDS <= w <= hi):
                problems.append("call %d.%d: %d words" % (c["call"], i, w))
            if "output" not in it:
                if rec["status"] != "malformed item":
                    problems.append("call %d.%d: no output" % (c["call"], i))
                continue
            err = contract_error(it["input"], it["output"])
            if "{" in it["input"] + it["output"] or "}" in it["input"] + it["output"]:
                problems.append("call %d.%d: an unfilled placeholder" % (c["call"], i))
            key = norm_key(it["input"], it["output"])
            if rec["status"] == "valid":
                if err:
                    problems.append("call %d.%d: valid sample breaks the contract: %s" % (c["call"], i, err))
                if key in seen:
                    problems.append("call %d.%d: exact duplicate of %s" % (c["call"], i, seen[key]))
                seen[key] = "%d.%d" % (c["call"], i)
                valid_pairs.append((it["input"], it["output"]))
                d = dec.get((c["call"], i))
                if not d:
                    problems.append("call %d.%d: no review decision" % (c["call"], i))
                elif d["decision"] == "edit":
                    if contract_error(it["input"], d["output"]) or d["output"] == it["output"]:
                        problems.append("call %d.%d: bad edit" % (c["call"], i))
            elif rec["status"] in ("exact duplicate", "near duplicate"):
                if rec["status"] == "near duplicate":
                    s1, s2 = shingles(it["input"], it["output"]), shingles(*rec["orig"])
                    if len(s1 & s2) / len(s1 | s2) < 0.85:
                        problems.append("call %d.%d: planted near duplicate is not near enough" % (c["call"], i))
                elif norm_key(it["input"], it["output"]) not in seen:
                    problems.append("call %d.%d: planted exact duplicate has no original" % (c["call"], i))
                if err:
                    problems.append("call %d.%d: duplicate breaks the contract: %s" % (c["call"], i, err))
                if (c["call"], i) in dec:
                    problems.append("call %d.%d: duplicate was reviewed" % (c["call"], i))
            else:
                if not err:
                    problems.append("call %d.%d: planted %s passes the contract" % (c["call"], i, rec["status"]))
    for i, h in enumerate(heldout):
        err = contract_error(h["input"], h["output"])
        if "{" in h["input"] + h["output"] or "}" in h["input"] + h["output"]:
            problems.append("held_out %d: an unfilled placeholder" % i)
        w = len(h["input"].split())
        if err or not (MIN_WORDS <= w <= MAX_WORDS):
            problems.append("held_out %d: %s, %d words" % (i, err, w))
    for i, s in enumerate(spec["seeds"]):
        if contract_error(s["input"], s["output"]):
            problems.append("seed %d breaks the contract" % i)
    if len(review) != len(valid_pairs):
        problems.append("%d review lines for %d valid samples" % (len(review), len(valid_pairs)))
    # near duplicates: among the valid samples, and between them, the held-out split and the seeds
    allp = (valid_pairs + [(h["input"], h["output"]) for h in heldout] +
            [(s["input"], s["output"]) for s in spec["seeds"]])
    sim, a, b = max_similarity(allp)
    if sim >= 0.6:
        problems.append("near-duplicate pair (Jaccard %.2f): #%d and #%d" % (sim, a, b))
    return problems, sim


def percentile(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    i = int(k)
    return xs[i] if i + 1 >= len(xs) else xs[i] + (xs[i + 1] - xs[i]) * (k - i)


def counts(recs, key, order):
    c = {k: 0 for k in order}
    for r in recs:
        c[r[key]] = c.get(r[key], 0) + 1
    return c


def md_table(head, rows):
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(out)


def word_hist(ws):
    edges = [40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 251]
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        n = sum(1 for w in ws if lo <= w < hi)
        rows.append(("%d-%d" % (lo, hi - 1), n, "%.1f%%" % (100.0 * n / len(ws))))
    return rows


def readme(calls, review, stats, heldout, hrecs, spec, sim):
    recs = stats["samples"]
    n = len(recs)
    valid = [r for r in recs if r["status"] == "valid"]
    nv = len(valid)
    dec = counts(valid, "decision", ["approve", "edit", "reject"])
    ws = [r["words"] for r in recs]
    hws = [r["words"] for r in hrecs]
    ex_calls = {c["call"]: c for c in calls}

    def example(pred):
        for r in recs:
            if r["status"] == "valid" and r.get("decision") == "approve" and pred(r):
                c = ex_calls[r["call"]]["content"]
                it = json.loads(c[c.index("{"):c.rindex("}") + 1])["samples"][r["index"]]
                return it
        return None

    ex1 = example(lambda r: r["style"] == "dictation" and r["edge"] == "none" and 110 <= r["words"] <= 150)
    ex2 = example(lambda r: r["style"] == "transcript" and r["edge"] == "none" and r["words"] <= 150)
    reasons = {}
    for r in valid:
        if r.get("decision") == "reject":
            k = r["reason"].split(":")[0].split(" (")[0]
            reasons[k] = reasons.get(k, 0) + 1
    edits = {}
    for r in valid:
        if r.get("decision") == "edit":
            k = r["edit_reason"].split(":")[0].split(" (")[0]
            edits[k] = edits.get(k, 0) + 1
    specialty = counts(recs, "specialty", E.SPECIALTIES)
    style = counts(recs, "style", [s for s, _ in STYLE_W])
    edge = counts(recs, "edge", [e for e, _ in EDGE_W])
    hspec = counts(hrecs, "specialty", E.SPECIALTIES)
    hstyle = counts(hrecs, "style", [s for s, _ in STYLE_W])
    hedge = counts(hrecs, "edge", [e for e, _ in EDGE_W])
    ho_only = sorted(p.key for p in E.PROBLEMS if p.ho)
    n_ho = sum(1 for r in hrecs if r["problem"] in ho_only)
    ncontract = sum(stats["contract"].values())

    t = []
    t.append("# Example: SOAP notes from dictations (the flagship)\n")
    t.append("A `sectioned_text` task: a clinician's raw dictation, or a short Doctor/Patient transcript, becomes "
             "a SOAP note with exactly the sections **Subjective, Objective, Assessment, Plan**, in that order, "
             "using only what was said.\n")
    t.append("**The teacher data here was written for the project, not by a live model.** Every dictation, "
             "note, teacher reply and review decision in this folder was produced by the generator kept beside "
             "it, `generator/make_soap_notes.py` (Python 3, standard library only, seeded and deterministic: "
             "the same files byte for byte on every run). It stands in for a teacher LLM and a reviewing "
             "clinician so that the example runs end to end with no API key and no network. No real patient "
             "is described: names, ages and findings are drawn at random.\n")
    t.append("## Files\n")
    t.append(md_table(["file", "what it is"], [
        ("`intent.txt`", "what the clinician typed: the task in one sentence"),
        ("`spec.json`", "the task spec for `smolify-cli spec --set`: kind `sectioned_text`, the four sections, "
                        "instruction, input description, length limits (input %d, output %d characters), three "
                        "axes (specialty, style, edge case) and %d seeds that keep the contract"
         % (MAX_INPUT_CHARS, MAX_OUTPUT_CHARS, len(spec["seeds"]))),
        ("`teacher_session.jsonl`", "the recorded teacher session: one line per call, in call order, "
                                    "`{\"call\": N, \"content\": REPLY}`; each reply is the generate prompt's "
                                    "envelope `{\"samples\": [{\"input\", \"output\", \"topic\"}, ...]}` with %d "
                                    "samples of one slice, `topic` naming it (`specialty: ...; style: ...; edge case: "
                                    "...`); a few replies come inside a json code fence or after a line of prose, as "
                                    "chatty models send them" % PER_CALL),
        ("`review.jsonl`", "the recorded review, one line per sample that passes the contract and the duplicate "
                           "check: `{\"call\", \"index\", \"decision\"}`, the decision being `approve`, `edit` or `reject`, with "
                           "`output` (the corrected note) for an edit and `reason` for a reject"),
        ("`held_out.jsonl`", "%d `{\"input\", \"output\"}` reference pairs for evaluation, made with another seed "
                             "and partly different wording (below)" % len(heldout)),
        ("`generator/`", "the generator: `make_soap_notes.py` (files, checks, this README), `soap_engine.py` "
                         "(visit facts, dictation and transcript rendering, the note), `soap_problems.py` "
                         "(%d clinical problems), `soap_phrases.py` and `soap_meds.py` (phrasing banks, medicines, "
                         "vital signs, spoken numbers), `soap_defects.py` (how the teacher fails and what the "
                         "reviewer fixes)" % len(E.PROBLEMS)),
    ]))
    t.append("\n## Regenerate and check\n")
    gen = "/usr/bin/python3 examples/soap-notes/generator/make_soap_notes.py"
    t.append("```sh\n" + gen + "          # rewrites the files\n" +
             gen + " --check  # exit 1 if any file differs\n```\n")
    t.append("Each run also validates what it writes: every sample the review sees keeps the contract (the "
             "generator carries a copy of the heading rule of `core/synth/contract.cpp`), every planted "
             "contract failure fails it, every input has %d to %d words (quick notes at most %d) and fits the "
             "spec's limits, no two valid samples are exact duplicates, and the highest word-3-shingle Jaccard "
             "similarity between any two valid, held-out or seed samples is %.2f (the pipeline calls 0.7 a near "
             "duplicate).\n" % (MIN_WORDS, MAX_WORDS, QUICK_MAX_WORDS, sim))
    t.append("## How the data is made\n")
    t.append("Each visit is first drawn as structured facts: patient (age, sex, for pregnancy the gestational "
             "age), one problem (or two unrelated ones) out of %d, its duration and side, history clauses, "
             "positive symptoms, relevant negatives, past history, home medicines with doses, allergies, vital "
             "signs, exam findings, point-of-care results, the assessment and plan items (new, continued, "
             "changed, stopped or given medicines, tests, referrals, instructions, return precautions, "
             "follow-up). Both texts are rendered from the same facts:\n" % len(E.PROBLEMS))
    t.append("- the **dictation** speaks them: an opener, the complaint, history, vitals and exam in a shuffled "
             "order (vitals from triage first, the plan before the exam, a negative remembered at the end), each "
             "part in one of many phrasings, numbers as digits or words (\"pressure one thirty-eight over "
             "eighty-eight\", \"temp 38.6\", \"amoxicillin eight seventy-five b.i.d.\"), fillers (\"uh\", \"let's "
             "see\", \"okay so\"), self-corrections (\"right, no wait, left knee\", \"ibuprofen eight hundred, "
             "sorry, scratch that, six hundred\"), asides to staff, some of which carry a plan item (\"Jenny, "
             "schedule a follow-up in two weeks\"); rushed shorthand (\"58 yo M c/o SOB x3 days\"), raw "
             "speech-to-text (lower case, no punctuation), or a Doctor/Patient (or Parent) transcript where "
             "the patient speaks in lay words and the doctor reads out vitals and findings;\n"
             "- the **note** writes only the facts the dictation kept, in clinical notation and in a fixed "
             "order, with the corrected value only; when a section has nothing it says so (\"No exam performed "
             "(telehealth visit).\", \"No vitals or exam findings dictated.\"), and when the dictation stops "
             "mid-sentence the sections it never reached say \"Not dictated (dictation ends mid-sentence).\" and "
             "the plan ends with \"Dictation ends mid-sentence; remainder of plan not recorded.\"\n")
    t.append("**Held-out wording.** In every phrasing bank of four or more entries, every fourth entry is kept "
             "out of the training session and used only for `held_out.jsonl` (which draws half its phrasings from "
             "those held-back entries), and %d problems (%s) appear only in the held-out split (%d of its %d "
             "visits). So the held-out split measures generalisation to unseen wording and unseen problems, not "
             "template recall. The student will also be judged on dictations written by other people; the "
             "variety above is meant for that.\n" % (len(ho_only), ", ".join(ho_only), n_ho, len(heldout)))
    t.append("## The recorded session in numbers\n")
    t.append("%d teacher calls, %d samples. %d (%.1f%%) fail before review the way real teachers fail, so the "
             "pipeline's validation and duplicate check visibly reject them:\n" %
             (len(calls), n, ncontract, 100.0 * ncontract / n))
    t.append(md_table(["planted failure", "samples", "what the pipeline says"], [
        (k, stats["contract"][k], {"missing section": "contract: missing section \"Objective\" before \"Assessment\"",
                                   "section out of order": "contract: section \"Assessment\" is out of order",
                                   "empty output": "contract: the output is empty",
                                   "exact duplicate": "duplicate of an earlier sample",
                                   "near duplicate": "near duplicate (a word changed)",
                                   "text before the first section": "contract: text before the first section",
                                   "empty section": "contract: section \"Objective\" is empty",
                                   "malformed item": "malformed: missing \"output\""}[k])
        for k in CONTRACT_KINDS]))
    t.append("\nThe other %d are reviewed (`review.jsonl`):\n" % nv)
    t.append(md_table(["decision", "samples", "share"], [
        (k, dec[k], "%.1f%%" % (100.0 * dec[k] / nv)) for k in ["approve", "edit", "reject"]]))
    t.append("\nRejected and edited notes carry a defect the generator planted in the teacher's note, so the "
             "review makes the corpus better: an edit's output is the faithful note, a reject's reason names "
             "the clinical error. Rejects by kind of reason:\n")
    t.append(md_table(["reject reason", "samples"], sorted(reasons.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\nEdits by what the reviewer fixed:\n")
    t.append(md_table(["fixed in the edit", "samples"], sorted(edits.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\n### Coverage\n")
    t.append(md_table(["specialty", "session", "held-out"], [(k, specialty[k], hspec[k]) for k in E.SPECIALTIES]))
    t.append("")
    t.append(md_table(["style", "session", "held-out"], [(k, style[k], hstyle[k]) for k, _ in STYLE_W]))
    t.append("")
    t.append(md_table(["edge case", "session", "held-out"], [(k, edge[k], hedge[k]) for k, _ in EDGE_W]))
    solo = [r for r in recs if r["style"] != "transcript"]
    t.append("\n### Noise\n")
    def share(key, rows):
        return "%.0f%%" % (100.0 * sum(r[key] for r in rows) / len(rows))

    t.append(md_table(["in the input", "share of samples"], [
        ("fillers (uh, um, er, hmm, let's see, okay so, you know)", share("filler", recs)),
        ("a self-correction (the note keeps the corrected fact)", share("correction", recs)),
        ("an aside to staff (of the dictations, not transcripts)", share("aside", solo)),
        ("Doctor/Patient (or Parent) transcript", "%.0f%%" % (100.0 * (n - len(solo)) / n)),
    ]))
    t.append("\n### Dictation length (words)\n")
    t.append("Session: min %d, 10th percentile %d, median %d, mean %.0f, 90th percentile %d, max %d. Held-out: "
             "min %d, median %d, max %d.\n" % (min(ws), percentile(ws, 0.1), percentile(ws, 0.5), sum(ws) / len(ws),
                                               percentile(ws, 0.9), max(ws), min(hws), percentile(hws, 0.5), max(hws)))
    t.append(md_table(["words", "session", "share"], word_hist(ws)))
    t.append("\n## One sample\n")
    for ex in (ex1, ex2):
        if ex:
            t.append("Input:\n\n```text\n" + ex["input"] + "\n```\n\nOutput:\n\n```text\n" + ex["output"] + "\n```\n")
    return "\n".join(t).rstrip() + "\n"


def jsonl(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def generate():
    calls, review, stats = build_session()
    heldout, hrecs = build_heldout()
    spec = build_spec()
    problems, sim = validate(calls, review, stats, heldout, spec)
    if problems:
        for p in problems[:40]:
            print("make_soap_notes: " + p, file=sys.stderr)
        raise SystemExit("make_soap_notes: %d problems; nothing written" % len(problems))
    files = {
        "intent.txt": INTENT,
        "spec.json": json.dumps(spec, ensure_ascii=False, indent=2) + "\n",
        "teacher_session.jsonl": jsonl(calls),
        "review.jsonl": jsonl(review),
        "held_out.jsonl": jsonl(heldout),
        "README.md": readme(calls, review, stats, heldout, hrecs, spec, sim),
    }
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="regenerate in memory; exit 1 if a file differs")
    ap.add_argument("--out", default=OUT_DIR, help="folder to write (default: the example folder)")
    args = ap.parse_args()
    files = generate()
    if args.check:
        bad = []
        for name, text in files.items():
            path = os.path.join(args.out, name)
            try:
                with open(path, "rb") as f:
                    if f.read() != text.encode("utf-8"):
                        bad.append(name + " differs")
            except FileNotFoundError:
                bad.append(name + " is missing")
        for b in bad:
            print("make_soap_notes --check: " + b, file=sys.stderr)
        if bad:
            sys.exit(1)
        print("make_soap_notes --check: %d files match" % len(files))
        return
    for name, text in files.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(text.encode("utf-8"))
    print("make_soap_notes: wrote %s" % ", ".join(sorted(files)))


if __name__ == "__main__":
    main()
