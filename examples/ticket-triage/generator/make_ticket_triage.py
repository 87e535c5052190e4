#!/usr/bin/python3
"""Writes the ticket-triage example: intent, task spec, a recorded teacher session, the recorded review and
a held-out split, all from structured ticket facts, seeded and deterministic (standard library only).

    /usr/bin/python3 examples/ticket-triage/generator/make_ticket_triage.py          # write the files
    /usr/bin/python3 examples/ticket-triage/generator/make_ticket_triage.py --check  # exit 1 if any differs

The teacher data was written for the project by this generator, not by a live model. samples.jsonl and
held_out.csv in the example folder are not written here (the inference benchmarks import them) and are
left as they are.
"""

import argparse
import copy
import json
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tt_defects as D  # noqa: E402
import tt_engine as E  # noqa: E402
import tt_systems as S  # noqa: E402
from tt_words import Chooser, held_back  # noqa: E402

OUT_DIR = os.path.dirname(HERE)
TRAIN_SEED = 20251202
HELDOUT_SEED = 770113
SPEC_SEED = 4242
CALLS = 600
PER_CALL = 5
HELDOUT = 300
HELDOUT_NEW_KINDS = 0.15
MAX_INPUT_CHARS = 2000
MIN_WORDS, MAX_WORDS = 10, 200
SHORT_MAX_WORDS = 20
SIM_LIMIT = 0.45

LABELS = E.LABELS
LABEL_W = [("urgent", 18), ("high", 25), ("normal", 33), ("low", 24)]
STYLE_W = [("terse one-liner", 14), ("polite email", 16), ("long rambling email", 8), ("forwarded chain", 9),
           ("angry", 7), ("non-native English", 9), ("ALL CAPS", 5), ("monitoring alert", 7),
           ("chat message", 11), ("web form", 8), ("phone note", 6)]
EDGE_W = [("none", 36), ("urgency claimed", 11), ("understated", 9), ("typos", 10), ("thread updates", 13),
          ("requester's priority field", 10), ("very short", 13)]
EDGE_LABEL_W = {"urgency claimed": [("high", 10), ("normal", 45), ("low", 45)],
                "understated": [("urgent", 55), ("high", 45)]}
EXTERNAL_SCEN = ["outage_wide", "degraded_wide", "one_blocked", "annoy", "cosmetic", "request", "question"]
CONTRACT_RATE = 0.028
CONTRACT_KINDS = ["label outside the set", "prose around the label", "label with its reasoning", "two labels",
                  "Markdown around the label", "label in another language", "empty output", "empty input",
                  "pasted log over the length limit", "exact duplicate", "near duplicate", "malformed item"]
REJECT_RATE = 0.082
EDIT_RATE_PLAIN, EDIT_RATE_CONFOUNDED = 0.06, 0.19

INTENT = ("Sort incoming IT support tickets by urgency (urgent, high, normal, low) so the on-call engineer sees "
          "what is on fire first.\n")

INSTRUCTION = (
    "Read the IT or customer support ticket and answer with its urgency, one label only: urgent, high, normal "
    "or low. urgent: a security incident in progress, or a business-critical system down for a site, the "
    "whole company or customers with no workaround, or a payroll or revenue deadline today blocked. high: a "
    "team or several people blocked, one person blocked with a deadline within a day or a lot at stake, a "
    "critical system slow for everyone, a password or device exposed, a production alert that needs action "
    "soon, a new starter with nothing set up. normal: one person's problem, a workaround exists, a "
    "suspicious item reported with nothing done, a warning or a test system alert, access needed for work. "
    "low: requests for new things, questions, cosmetic issues, resolved threads, recovery notices. Judge by "
    "the facts, not by how loudly the requester asks.")
INPUT_DESCRIPTION = (
    "A ticket as it reaches an IT service desk, 10 to 200 words: email, VPN, ERP, payroll, CRM, printers, "
    "laptops, phones, Wi-Fi, servers and databases, the web shop, POS terminals, sign-in, collaboration and "
    "cloud tools, meeting rooms, badge readers, software licences, security. Written as terse one-liners, "
    "polite or rambling emails, forwarded chains with quoted text and signatures, angry messages from staff "
    "or customers, non-native English, ALL CAPS, monitoring alerts, chat messages, web-form tickets or phone "
    "notes; with typos, a priority the requester picked, claims of urgency that the facts do not bear out, "
    "calm notes about serious incidents, and thread updates that resolve or widen the problem.")


def topic(kind_label, st, ed):
    return "system: %s; style: %s; edge case: %s" % (kind_label, st, ed)


# ------------------------------------------------------------------------------------ contract replica

def contract_check(inp, out):
    """(error or None, the stored label): contract_check() of core/synth/contract.cpp for a classification
    spec with these labels and a 2000-character input limit."""
    if not inp.strip():
        return "the input is empty", None
    if not out.strip():
        return "the output is empty", None
    if len(inp) > MAX_INPUT_CHARS:
        return "the input is longer than %d characters" % MAX_INPUT_CHARS, None
    s = out.strip(" \t\r\n\f\v")
    for a, b in (('"', '"'), ("'", "'"), ("`", "`")):
        if len(s) >= 2 and s[0] == a and s[-1] == b:
            s = s[1:-1].strip(" \t\r\n\f\v")
    if s.endswith("."):
        s = s[:-1].strip(" \t\r\n\f\v")
    for label in LABELS:
        if s.lower() == label:
            return None, label
    return "label \"%s\" is not one of: %s" % (s, ", ".join(LABELS)), None


# ------------------------------------------------------------------------------------ duplicates

def norm_words(text):
    """Words as core/synth/dedup.cpp reads them: runs of ASCII letters and digits and of non-ASCII bytes,
    ASCII lower-cased."""
    out = []
    cur = bytearray()
    for b in text.encode("utf-8"):
        if (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122) or b >= 0x80:
            cur.append(b + 32 if 65 <= b <= 90 else b)
        elif cur:
            out.append(bytes(cur))
            cur = bytearray()
    if cur:
        out.append(bytes(cur))
    return out


def exact_key(inp, out):
    return (b" ".join(norm_words(inp)), b" ".join(norm_words(out)))


def shingles(inp, out):
    w = norm_words(inp) + [b"|"] + norm_words(out)
    return frozenset((w[i], w[i + 1], w[i + 2]) for i in range(len(w) - 2))


def jaccard(a, b):
    return len(a & b) / float(len(a | b)) if (a or b) else 1.0


class SimIndex:
    """Word-3-shingle sets of the samples kept so far, with an inverted index; best() is the highest Jaccard
    similarity of a new set to any of them (shingles shared by more than POST_CAP samples are not used to find
    candidates, so a pair made only of very common phrases could be missed; the pipeline's run is the final
    word)."""
    POST_CAP = 600

    def __init__(self):
        self.sets = []
        self.post = {}

    def best(self, sh):
        cand = {}
        for h in sh:
            lst = self.post.get(h)
            if lst and len(lst) <= self.POST_CAP:
                for j in lst:
                    cand[j] = cand.get(j, 0) + 1
        best, who = 0.0, -1
        n = len(sh)
        for j in sorted(cand):
            c = cand[j]
            m = len(self.sets[j])
            if c < 2 or c / float(n + m - c) < 0.2 and c * 3 < min(n, m):
                continue
            sim = jaccard(sh, self.sets[j])
            if sim > best:
                best, who = sim, j
        return best, who

    def add(self, sh):
        j = len(self.sets)
        self.sets.append(sh)
        for h in sh:
            self.post.setdefault(h, []).append(j)
        return j


# ------------------------------------------------------------------------------------ samples

def pick_slice(ch, kind):
    while True:
        st = ch.weighted(STYLE_W)
        if st == "monitoring alert" and not kind.alerts:
            continue
        break
    while True:
        ed = ch.weighted(EDGE_W)
        if st == "monitoring alert" and ed != "none":
            continue
        if ed == "very short" and st not in ("terse one-liner", "chat message", "ALL CAPS"):
            continue
        if ed == "thread updates" and st not in ("forwarded chain", "polite email", "chat message"):
            continue
        return st, ed


def pool_for(ch, kind, label, style, external):
    if style == "monitoring alert" or (style == "forwarded chain" and kind.alerts and ch.chance(0.2)):
        pool = E.alert_scenarios(kind)[label]
    else:
        pool = E.scenarios(kind)[label]
    if external:
        pool = [(n, w) for n, w in pool if n in EXTERNAL_SCEN]
    return pool


def draw_facts(ch, kind, style, edge):
    """One ticket's facts for the slice, and its label by the rules."""
    external = style == "angry" and kind.key == "webshop" and ch.chance(0.6)
    for _ in range(200):
        if edge == "thread updates":
            return draw_thread(ch, kind, style)
        label = ch.weighted(EDGE_LABEL_W.get(edge, LABEL_W))
        pool = pool_for(ch, kind, label, style, external)
        if not pool:
            continue
        scen = ch.weighted(pool)
        f = E.build_facts(ch, kind, scen, style)
        f.scenario = scen
        if external:
            f.external = True
            if f.situation in ("outage", "degraded"):
                f.scope = "customers"
            else:
                f.scope = "me"
        if edge == "urgency claimed":
            f.claim = "shout"
        elif edge == "understated":
            f.claim = "calm"
        elif edge == "requester's priority field":
            f.priority_field = ch.plain(E.PRIORITY_WORDS)
        elif style == "ALL CAPS" and ch.chance(0.3):
            f.claim = "shout"
        got, why = E.triage(f)
        if edge == "urgency claimed" and got in ("urgent",):
            continue
        if edge == "understated" and got not in ("urgent", "high"):
            continue
        f.label, f.why = got, why
        return f
    raise RuntimeError("no facts for %s / %s / %s" % (kind.key, style, edge))


def draw_thread(ch, kind, style):
    if ch.chance(0.5):
        label = ch.weighted([("urgent", 30), ("high", 40), ("normal", 30)])
        pool = [(n, w) for n, w in E.scenarios(kind)[label] if not n.startswith("sec_") and n not in
                ("starter", "needed")]
        if not pool:
            pool = [(n, w) for n, w in E.scenarios(kind)["normal"] if n not in ("needed",)]
        scen = ch.weighted(pool)
        f = E.build_facts(ch, kind, scen, style)
        f.orig_label = E.triage(f)[0]
        f.resolved = True
        f.scenario = "resolved:" + scen
        f.req_text = ch.pick(kind.requests).format(**f.ctx)
    else:
        f0 = E.build_facts(ch, kind, "one_blocked", style)
        f0.deadline = None
        f = copy.copy(f0)
        if ch.chance(0.5) or not kind.stakes:
            f.scope = ch.plain(["team", "site", "all"] if kind.critical else ["few", "team"])
        else:
            f.deadline = ch.plain(["hours", "today"])
            f.stake = ch.plain(kind.stakes)
        f.escalated = True
        f.before = f0
        f.scenario = "escalated"
    f.label, f.why = E.triage(f)
    return f


def render_sample(ch, f, style, edge):
    if f.resolved:
        txt = E.thread_resolved(ch, f, style, f.req_text)
    elif f.escalated:
        txt = E.thread_escalated(ch, f.before, f, style)
    else:
        txt = E.render(ch, f, style, edge)
    return E.apply_noise(ch, txt, f, edge, style)


def fits(text, edge):
    n = len(text.split())
    hi = SHORT_MAX_WORDS if edge == "very short" else MAX_WORDS
    return MIN_WORDS <= n <= hi and len(text) <= MAX_INPUT_CHARS


FAILS = {}


def tally(why):
    FAILS[why] = FAILS.get(why, 0) + 1


def make_sample(ch, kind, style, edge, index):
    """A ticket of the slice that fits the length limits and is not too like any kept so far."""
    for _ in range(400):
        f = draw_facts(ch, kind, style, edge)
        text = render_sample(ch, f, style, edge)
        if not fits(text, edge):
            tally("length")
            continue
        sh = shingles(text, f.label)
        sim, _ = index.best(sh)
        if sim >= SIM_LIMIT:
            tally("similar")
            continue
        return f, text, sh
    raise RuntimeError("no sample fits for %s / %s / %s" % (kind.key, style, edge))


def near_copy(ch, text):
    """An earlier input with a word changed, as a teacher that repeats itself writes it."""
    swaps = [(" can't ", " cannot "), (" the ", " our "), (" is ", " seems "), (" please ", " kindly "),
             (" since ", " from "), (" and ", " & "), (" my ", " the ")]
    for a, b in ch.shuffle(list(swaps)):
        if a in text:
            return text.replace(a, b, 1)
    return text + " Thanks."


def confounded(f):
    return bool(f.claim or f.priority_field or f.resolved or f.workaround or (f.situation == "alert" and (
        f.env != "production" or f.alert == "recovered")))


def build_session():
    rng = random.Random(TRAIN_SEED)
    ch = Chooser(rng, "train")
    index = SimIndex()
    calls, review = [], []
    stats = {"samples": [], "contract": {k: 0 for k in CONTRACT_KINDS}}
    valid = []  # (input, teacher output, words) of the samples the pipeline keeps
    cycle = []
    next_kind = 0
    for call in range(1, CALLS + 1):
        if not cycle:
            cycle = list(S.TRAIN_KINDS)
            rng.shuffle(cycle)
        kind = cycle.pop()
        st, ed = pick_slice(ch, kind)
        items = []
        for i in range(PER_CALL):
            f, text, sh = make_sample(ch, kind, st, ed, index)
            rec = {"call": call, "index": i, "kind": kind.label, "style": st, "edge": ed, "label": f.label,
                   "why": f.why, "scenario": f.scenario, "words": len(text.split()), "status": "valid",
                   "situation": f.situation}
            item = {"input": text, "output": f.label, "topic": topic(kind.label, st, ed)}
            r = rng.random()
            if r < 0.03:
                item["output"] = f.label.capitalize()
            elif r < 0.05:
                item["output"] = f.label + "."
            elif r < 0.06:
                item["output"] = "\"%s\"" % f.label
            if rng.random() < CONTRACT_RATE and len(valid) > 30:
                kind_c = CONTRACT_KINDS[next_kind % len(CONTRACT_KINDS)]
                orig = plant_contract(ch, kind_c, f, text, valid, item)
                if orig is not None:
                    next_kind += 1
                    rec["status"] = kind_c
                    stats["contract"][kind_c] += 1
                    if kind_c == "near duplicate":
                        rec["orig"] = orig
                    rec["words"] = len(item["input"].split())
                    items.append(item)
                    stats["samples"].append(rec)
                    continue
            decision = {"call": call, "index": i, "decision": "approve"}
            r = rng.random()
            edit_rate = EDIT_RATE_CONFOUNDED if confounded(f) else EDIT_RATE_PLAIN
            if r < REJECT_RATE:
                for _ in range(6):  # a defect whose text is too like a kept one is drawn again
                    got = D.plant(ch, D.REJECTS, f, text, f.label, [v[0] for v in valid[-400:]])
                    if not got:
                        break
                    new_text, teacher, reason = got
                    nsh = shingles(new_text, teacher)
                    if fits(new_text, "none") and index.best(nsh)[0] < SIM_LIMIT and \
                            contract_check(new_text, teacher)[0] is None:
                        item["input"], item["output"], sh = new_text, teacher, nsh
                        decision = {"call": call, "index": i, "decision": "reject", "reason": reason}
                        rec["words"] = len(new_text.split())
                        break
            elif r < REJECT_RATE + edit_rate:
                got = D.plant(ch, D.EDITS, f, f.label, st)
                if got and got[0] != f.label:
                    item["output"] = got[0]
                    decision = {"call": call, "index": i, "decision": "edit", "output": f.label}
                    rec["edit_reason"] = got[1]
                    rec["teacher"] = got[0]
                    sh = shingles(text, got[0])
                    if index.best(sh)[0] >= SIM_LIMIT:  # the new label makes it too like another: approve
                        item["output"] = f.label
                        sh = shingles(text, f.label)
                        decision = {"call": call, "index": i, "decision": "approve"}
                        del rec["edit_reason"], rec["teacher"]
            rec["decision"] = decision["decision"]
            if decision["decision"] == "reject":
                rec["reason"] = decision["reason"]
            review.append(decision)
            index.add(sh)
            valid.append((item["input"], item["output"], len(item["input"].split())))
            items.append(item)
            stats["samples"].append(rec)
        content = json.dumps({"samples": items}, ensure_ascii=False)
        r = rng.random()
        if r < 0.02:
            content = "```json\n" + content + "\n```"
        elif r < 0.03:
            content = "Here are 5 labelled tickets:\n" + content
        calls.append({"call": call, "content": content})
    return calls, review, stats, index


def plant_contract(ch, kind, f, text, valid, item):
    """Turns `item` into a contract failure of `kind`; None when the kind does not fit this sample, else
    the original of a near duplicate (or True)."""
    label = f.label
    if kind == "label outside the set":
        item["output"] = D.c_outside(ch, label, f.why)
    elif kind == "prose around the label":
        item["output"] = D.c_prose(ch, label, f.why)
    elif kind == "label with its reasoning":
        item["output"] = D.c_reasoned(ch, label, f.why)
    elif kind == "two labels":
        item["output"] = D.c_two(ch, label, f.why)
    elif kind == "Markdown around the label":
        item["output"] = D.c_markdown(ch, label, f.why)
    elif kind == "label in another language":
        item["output"] = D.c_foreign(ch, label, f.why)
    elif kind == "empty output":
        item["output"] = ""
    elif kind == "empty input":
        item["input"] = ""
    elif kind == "pasted log over the length limit":
        item["input"] = D.c_long_log(ch, text)
    elif kind == "exact duplicate":
        a, b, _ = valid[ch.rng.randrange(len(valid))]
        item["input"], item["output"] = a, b
    elif kind == "near duplicate":
        longer = [v for v in valid if v[2] >= 45]
        a, b, _ = longer[ch.rng.randrange(len(longer))]
        item["input"], item["output"] = near_copy(ch, a), b
        return (a, b)
    elif kind == "malformed item":
        del item["output"]
    return True


def build_heldout(index):
    rng = random.Random(HELDOUT_SEED)
    ch = Chooser(rng, "heldout")
    rows, recs = [], []
    cycle, new_cycle = [], []
    for _ in range(HELDOUT):
        if rng.random() < HELDOUT_NEW_KINDS:
            if not new_cycle:
                new_cycle = list(S.HELD_KINDS)
                rng.shuffle(new_cycle)
            kind = new_cycle.pop()
        else:
            if not cycle:
                cycle = list(S.TRAIN_KINDS)
                rng.shuffle(cycle)
            kind = cycle.pop()
        st, ed = pick_slice(ch, kind)
        f, text, sh = make_sample(ch, kind, st, ed, index)
        index.add(sh)
        rows.append({"input": text, "output": f.label})
        recs.append({"kind": kind.label, "style": st, "edge": ed, "label": f.label, "words": len(text.split()),
                     "held_kind": kind.held_out})
    return rows, recs


SEED_SLICES = [("web shop and payments", "terse one-liner", "none", "urgent"),
               ("file servers and shares", "polite email", "understated", "urgent"),
               ("VPN and remote access", "chat message", "none", "high"),
               ("laptops and desktops", "forwarded chain", "none", "high"),
               ("printers and scanners", "ALL CAPS", "urgency claimed", "normal"),
               ("email and calendar", "polite email", "none", "normal"),
               ("software and licences", "web form", "none", "low"),
               ("CRM", "polite email", "thread updates", "low")]


def build_spec(index):
    rng = random.Random(SPEC_SEED)
    ch = Chooser(rng, "train")
    by_label = {k.label: k for k in S.TRAIN_KINDS}
    seeds = []
    for kl, st, ed, want in SEED_SLICES:
        for _ in range(500):
            f, text, sh = make_sample(ch, by_label[kl], st, ed, index)
            if f.label == want and len(text.split()) <= 90:
                break
        else:
            raise RuntimeError("no seed for %s" % kl)
        index.add(sh)
        seeds.append({"input": text, "output": f.label, "topic": topic(kl, st, ed)})
    return {
        "kind": "classification",
        "instruction": INSTRUCTION,
        "input_description": INPUT_DESCRIPTION,
        "output": {"labels": list(LABELS), "max_input_chars": MAX_INPUT_CHARS},
        "axes": [{"name": "system", "values": [k.label for k in S.TRAIN_KINDS]},
                 {"name": "style", "values": [s for s, _ in STYLE_W]},
                 {"name": "edge case", "values": [e for e, _ in EDGE_W]}],
        "seeds": seeds,
    }


# ------------------------------------------------------------------------------------ checks

def validate(calls, review, stats, heldout, spec):
    problems = []
    valid_pairs = []
    seen = {}
    dec = {(r["call"], r["index"]): r for r in review}
    by_rec = {(s["call"], s["index"]): s for s in stats["samples"]}
    for cl in calls:
        text = cl["content"]
        items = json.loads(text[text.index("{"):text.rindex("}") + 1])["samples"]
        if len(items) != PER_CALL:
            problems.append("call %d: %d samples" % (cl["call"], len(items)))
        for i, it in enumerate(items):
            rec = by_rec[(cl["call"], i)]
            where = "call %d.%d" % (cl["call"], i)
            w = len(it["input"].split())
            if rec["status"] not in ("empty input", "pasted log over the length limit"):
                hi = SHORT_MAX_WORDS if rec["edge"] == "very short" and rec["status"] == "valid" and \
                    rec.get("decision") != "reject" else MAX_WORDS
                if not (MIN_WORDS <= w <= hi):
                    problems.append("%s: %d words" % (where, w))
            if "output" not in it:
                if rec["status"] != "malformed item":
                    problems.append(where + ": no output")
                continue
            err, stored = contract_check(it["input"], it["output"])
            if rec["status"] == "valid":
                if err:
                    problems.append("%s: valid sample breaks the contract: %s" % (where, err))
                    continue
                key = exact_key(it["input"], stored)
                if key in seen:
                    problems.append("%s: exact duplicate of %s" % (where, seen[key]))
                seen[key] = where
                valid_pairs.append((it["input"], stored))
                d = dec.get((cl["call"], i))
                if not d:
                    problems.append(where + ": no review decision")
                elif d["decision"] == "edit":
                    e2, s2 = contract_check(it["input"], d["output"])
                    if e2 or s2 == stored:
                        problems.append("%s: bad edit (%s)" % (where, e2 or "same as the teacher's"))
                    elif s2 != rec["label"]:
                        problems.append(where + ": the edit is not the rules' label")
                elif d["decision"] == "approve" and stored != rec["label"]:
                    problems.append(where + ": an approved label differs from the rules' label")
            elif rec["status"] in ("exact duplicate", "near duplicate"):
                if err:
                    problems.append("%s: planted duplicate breaks the contract: %s" % (where, err))
                elif rec["status"] == "exact duplicate" and exact_key(it["input"], stored) not in seen:
                    problems.append(where + ": planted exact duplicate has no original")
                elif rec["status"] == "near duplicate":
                    a, b = rec["orig"]
                    if jaccard(shingles(it["input"], stored), shingles(a, contract_check(a, b)[1])) < 0.85:
                        problems.append(where + ": planted near duplicate is not near enough")
                    if exact_key(it["input"], stored) in seen:
                        problems.append(where + ": planted near duplicate is an exact one")
                if (cl["call"], i) in dec:
                    problems.append(where + ": a duplicate was reviewed")
            elif not err:
                problems.append("%s: planted %s passes the contract" % (where, rec["status"]))
    for i, h in enumerate(heldout):
        err, stored = contract_check(h["input"], h["output"])
        w = len(h["input"].split())
        if err or not (MIN_WORDS <= w <= MAX_WORDS):
            problems.append("held_out %d: %s, %d words" % (i, err, w))
    for i, s in enumerate(spec["seeds"]):
        if contract_check(s["input"], s["output"])[0]:
            problems.append("seed %d breaks the contract" % i)
    if len(review) != len(valid_pairs):
        problems.append("%d review lines for %d valid samples" % (len(review), len(valid_pairs)))
    allp = (valid_pairs + [(h["input"], h["output"]) for h in heldout] +
            [(s["input"], s["output"]) for s in spec["seeds"]])
    keys = {}
    for k, (a, b) in enumerate(allp):
        key = exact_key(a, b)
        if key in keys:
            problems.append("pairs %d and %d are exact duplicates across the files" % (keys[key], k))
        keys[key] = k
    # Every pair against every other through the shingles they share (exact Jaccard).
    full = SimIndex()
    full.POST_CAP = 10 ** 9
    best = (0.0, -1, -1)
    for k, (a, b) in enumerate(allp):
        sh = shingles(a, b)
        sim, j = full.best(sh)
        if sim > best[0]:
            best = (sim, j, k)
        full.add(sh)
    if best[0] >= SIM_LIMIT:
        problems.append("near-duplicate pair (Jaccard %.2f): #%d and #%d" % best)
    return problems, best[0]


# ------------------------------------------------------------------------------------ README

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
    edges = [10, 20, 40, 60, 80, 100, 120, 150, 201]
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        n = sum(1 for w in ws if lo <= w < hi)
        rows.append(("%d-%d" % (lo, hi - 1), n, "%.1f%%" % (100.0 * n / len(ws))))
    return rows


def pct(n, d):
    return "%.1f%%" % (100.0 * n / d) if d else "-"


RULES = [
    ("urgent", "a security incident in progress: ransomware, an account or admin login taken over, data "
               "exposed to outsiders, payment fraud under way (however calmly it is reported)"),
    ("urgent", "a production monitoring alert that a business-critical service is down"),
    ("urgent", "a business-critical system (%s) down or unusable for a site, the whole company or customers, "
               "with no workaround" % ", ".join(k.label for k in S.KINDS if k.critical)),
    ("urgent", "work blocked with a payroll or revenue deadline within the day (the payroll file due at 15:00, "
               "the store opening at 9, the order cut-off), with no workaround"),
    ("high", "several people or a team blocked; or a non-critical system down for a site or everyone"),
    ("high", "one person blocked with a deadline today or tomorrow, or with a customer, a legal filing or "
             "an executive waiting"),
    ("high", "a business-critical system slow or intermittent for a site, everyone or customers"),
    ("high", "a password typed into a phishing page, a malicious attachment opened, an MFA prompt approved "
             "by mistake, a laptop or phone lost or stolen"),
    ("high", "a production alert that needs action soon (disk 96% full, backups failing for nights, a "
             "certificate expiring in days, redundancy lost); a production service down on a non-critical "
             "system"),
    ("high", "a new starter who begins today or tomorrow with nothing set up"),
    ("one level down", "a workaround exists for a blocked problem: urgent becomes high, high becomes normal "
                       "(never below normal)"),
    ("normal", "one person blocked with no deadline; annoyances with real but limited impact; slowness for "
               "a few people or on a non-critical system"),
    ("normal", "a phishing email reported without clicking, a threat the antivirus already quarantined"),
    ("normal", "a production warning (disk 82%, a certificate expiring in weeks); any alert on a test, "
               "staging, dev or UAT system, whatever severity word it carries"),
    ("normal", "access needed for current work (a role, a shared mailbox, a licence for next week)"),
    ("low", "requests for new things (software, hardware, features, lists, reports), how-to questions, "
            "cosmetic issues"),
    ("low", "a thread whose latest message says the problem is resolved, leaving a small ask or thanks; "
            "a monitoring recovery notice"),
]


def readme(calls, review, stats, heldout, hrecs, spec, sim):
    recs = stats["samples"]
    n = len(recs)
    valid = [r for r in recs if r["status"] == "valid"]
    nv = len(valid)
    dec = counts(valid, "decision", ["approve", "edit", "reject"])
    kept = [r for r in valid if r["decision"] != "reject"]
    ws = [r["words"] for r in recs if r["status"] not in ("empty input", "pasted log over the length limit")]
    hws = [r["words"] for r in hrecs]
    ncontract = sum(stats["contract"].values())
    kind_labels = [k.label for k in S.TRAIN_KINDS]
    held_labels = [k.label for k in S.HELD_KINDS]
    reasons, edits = {}, {}
    for r in valid:
        if r["decision"] == "reject":
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
        if r["decision"] == "edit":
            edits[r["edit_reason"]] = edits.get(r["edit_reason"], 0) + 1
    by_call = {c["call"]: c for c in calls}

    def example(pred):
        for r in recs:
            if r["status"] == "valid" and r["decision"] == "approve" and pred(r):
                c = by_call[r["call"]]["content"]
                return json.loads(c[c.index("{"):c.rindex("}") + 1])["samples"][r["index"]], r
        return None

    exs = [example(lambda r: r["style"] == "terse one-liner" and r["label"] == "urgent"),
           example(lambda r: r["edge"] == "understated" and r["label"] == "urgent" and r["words"] <= 80),
           example(lambda r: r["edge"] == "urgency claimed" and r["label"] == "low" and r["words"] <= 70),
           example(lambda r: r["style"] == "monitoring alert" and r["why"] == "alert on a test or staging system"),
           example(lambda r: r["style"] == "forwarded chain" and r["scenario"].startswith("resolved") and
                   r["words"] <= 120),
           example(lambda r: r["style"] == "non-native English" and r["label"] == "high" and r["words"] <= 90)]
    gen = "/usr/bin/python3 examples/ticket-triage/generator/make_ticket_triage.py"
    t = []
    t.append("# Example: IT ticket triage\n")
    t.append("A `classification` task: an IT or customer support ticket gets **one urgency label**: `urgent`, "
             "`high`, `normal` or `low`, so the on-call engineer sees what is on fire first.\n")
    t.append("**The teacher data here was written for the project, not by a live model.** Every ticket, teacher "
             "reply and review decision in this folder was produced by the generator kept beside it, "
             "`generator/make_ticket_triage.py` (Python 3, standard library only, seeded and deterministic: the "
             "same files byte for byte on every run). It stands in for a teacher LLM and a reviewing service-desk "
             "lead so that the example runs end to end with no API key and no network. No real company or "
             "person is described: names, sites and error details are drawn at random from invented parts "
             "(product names such as Outlook or SAP are named as users name them).\n")
    t.append("## Files\n")
    t.append(md_table(["file", "what it is"], [
        ("`intent.txt`", "what the user typed: the task in one sentence"),
        ("`spec.json`", "the task spec for `smolify-cli spec --set`: kind `classification`, `output.labels` "
                        "`[\"urgent\", \"high\", \"normal\", \"low\"]`, the instruction (the label rules in "
                        "short), input description, the input limit (%d characters), three axes (system, "
                        "style, edge case) and %d seeds, two per label" % (MAX_INPUT_CHARS, len(spec["seeds"]))),
        ("`teacher_session.jsonl`", "the recorded teacher session: one line per call, in call order, "
                                    "`{\"call\": N, \"content\": REPLY}`; each reply is the generate prompt's "
                                    "envelope `{\"samples\": [{\"input\", \"output\", \"topic\"}, ...]}` with %d "
                                    "tickets of one slice, `topic` naming it (`system: ...; style: ...; edge "
                                    "case: ...`); a few labels come capitalised, quoted or with a full stop, "
                                    "which the contract check normalises, and a few replies come inside a code "
                                    "fence or after a line of prose, as chatty models send them" % PER_CALL),
        ("`review.jsonl`", "the recorded review, one line per sample that passes the contract and the duplicate "
                           "check: `{\"call\", \"index\", \"decision\"}`, the decision being `approve`, `edit` or "
                           "`reject`, with `output` (the corrected label) for an edit and `reason` for a reject"),
        ("`held_out.jsonl`", "%d `{\"input\", \"output\"}` reference pairs for evaluation, made with another "
                             "seed, partly different wording and products, and two kinds of system the session "
                             "never shows (below)" % len(heldout)),
        ("`samples.jsonl`, `held_out.csv`", "not written by the generator and kept as they were: 20 and 4 "
                                            "hand-written tickets that `bench/infer/run.sh` and "
                                            "`bench/infer/serve_rss.sh` import to make a small project for "
                                            "the inference benchmarks; `run` does not read them"),
        ("`generator/`", "the generator: `make_ticket_triage.py` (files, the contract and duplicate checks, "
                         "this README), `tt_engine.py` (ticket facts, the label rules in `triage()`, the eleven "
                         "styles, threads, noise), `tt_systems.py` (%d kinds of system, their products, errors "
                         "and phrasing banks, monitoring checks), `tt_words.py` (people, places, times, typing "
                         "slips, the phrasing chooser), `tt_defects.py` (how the teacher fails and what the "
                         "reviewer does)" % len(S.KINDS)),
    ]))
    t.append("\n## Regenerate and check\n")
    t.append("```sh\n" + gen + "          # rewrites the files\n" + gen + " --check  # exit 1 if any file differs\n```\n")
    t.append("Each run also validates what it writes: every sample the review sees keeps the contract (the "
             "generator carries a copy of the label check of `core/synth/contract.cpp`: trimmed, quotes and a "
             "final full stop removed, compared without case), every planted contract failure fails it, every "
             "approved label and every edit is the label the rules give for the ticket's facts, every input "
             "has %d to %d words (very short ones at most %d) and at most %d characters, no two kept samples "
             "are exact duplicates (normalised as `core/synth/dedup.cpp` normalises), and the highest "
             "word-3-shingle Jaccard similarity between any two kept, held-out or seed samples is %.2f (the "
             "pipeline calls 0.7 a near duplicate).\n"
             % (MIN_WORDS, MAX_WORDS, SHORT_MAX_WORDS, MAX_INPUT_CHARS, sim))
    t.append("## The label rules\n")
    t.append("Each ticket is first drawn as facts: the system and product, the situation (an outage, a fault, "
             "an annoyance, slowness, a cosmetic issue, a request, a question, a security event, a monitoring "
             "alert), who is affected (one person, a few, a team, a site, the whole company, customers), whether "
             "work is blocked, a workaround, a deadline, what is at stake (payroll, revenue, customers, a legal "
             "filing, an executive), and for alerts the environment. The label follows from those facts only, "
             "by these rules, first match wins (`triage()` in `generator/tt_engine.py`):\n")
    t.append(md_table(["label", "when"], RULES))
    t.append("\nThe signals the rules read are written into every ticket; what they must not read is written "
             "in too, as confounders: a requester shouting `URGENT!!!` or `ASAP` about a blurry logo is still "
             "`low`; a calm one-liner (\"Not sure if this is important, but all the files on the S: drive end "
             "in .locked now\") is `urgent`; the priority a requester picked in a web form (`Priority (set by "
             "requester): Critical`) is noise; a monitoring tool's severity word is sometimes one level off "
             "from the facts, and an alert from a staging host is `normal` whatever it says; a forwarded thread "
             "whose latest message says \"it works again\" is `low` however bad the quoted problem was, and one "
             "whose latest message widens the problem (\"now the whole team has it\") is rated by the latest "
             "state.\n")
    t.append("## How the tickets are written\n")
    t.append("From the facts, each ticket is written in one of %d styles: %s. Every part has many phrasings "
             "(problem sentences per system and situation, who is affected, since when, what was tried, the "
             "workaround or its absence, the stake and deadline, the ask, greetings, sign-offs, signatures, "
             "disclaimers, backstory for rambling emails, non-native turns of phrase such as \"Kindly do the "
             "needful\", chat openers, alert formats in the manner of Nagios, Zabbix, Prometheus, Datadog and "
             "PRTG). Edge cases add the confounders above, typing slips (never inside a product name or an "
             "error message), or cut a ticket down to a few words.\n"
             % (len(STYLE_W), ", ".join(s for s, _ in STYLE_W)))
    t.append("**Held-out wording and systems.** In every phrasing bank of four or more entries, every fourth "
             "entry is kept out of the training session and used only for `held_out.jsonl` (which draws half its "
             "phrasings from those held-back entries): among them %d products (%s, ...) and a quarter of the "
             "problem sentences, error messages and connecting phrases. Two kinds of system (%s) appear only in "
             "the held-out split (%d of its %d tickets). So the held-out split measures generalisation to unseen "
             "wording and systems, not template recall.\n"
             % (sum(len(held_back(k.products)) for k in S.TRAIN_KINDS),
                ", ".join(held_back(S.BY_KEY[x].products)[0] for x in ("email", "erp", "webshop", "pos", "cloud")),
                "; ".join(held_labels), sum(1 for r in hrecs if r["held_kind"]), len(heldout)))
    t.append("## The recorded session in numbers\n")
    t.append("%d teacher calls, %d samples. %d (%.1f%%) fail before review the way real teachers fail, so the "
             "pipeline's validation and duplicate check visibly reject them:\n" %
             (len(calls), n, ncontract, 100.0 * ncontract / n))
    said = {"label outside the set": "contract: label \"critical\" is not one of: urgent, high, normal, low",
            "prose around the label": "contract: label \"The urgency is: high\" is not one of: ...",
            "label with its reasoning": "contract: label \"high - ...\" is not one of: ...",
            "two labels": "contract: label \"high/urgent\" is not one of: ...",
            "Markdown around the label": "contract: label \"**urgent**\" is not one of: ...",
            "label in another language": "contract: label \"dringend\" is not one of: ...",
            "empty output": "contract: the output is empty",
            "empty input": "contract: the input is empty",
            "pasted log over the length limit": "contract: the input is longer than 2000 characters",
            "exact duplicate": "duplicate of an earlier sample",
            "near duplicate": "near duplicate (a word changed)",
            "malformed item": "malformed: missing \"output\""}
    t.append(md_table(["planted failure", "samples", "what the pipeline says"],
                      [(k, stats["contract"][k], said[k]) for k in CONTRACT_KINDS]))
    t.append("\nThe other %d are reviewed (`review.jsonl`):\n" % nv)
    t.append(md_table(["decision", "samples", "share"],
                      [(k, dec[k], pct(dec[k], nv)) for k in ["approve", "edit", "reject"]]))
    t.append("\nAn edit is a relabel: the teacher's label was wrong and the reviewer put the label the rules "
             "give. Edits by the teacher's mistake (the teacher errs more often on confounded tickets):\n")
    t.append(md_table(["teacher's mistake", "samples"], sorted(edits.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\nRejects by reason (the review.jsonl `reason`):\n")
    t.append(md_table(["reject reason", "samples"], sorted(reasons.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\n### Labels\n")
    lab_all = counts(valid, "label", LABELS)
    lab_kept = counts(kept, "label", LABELS)
    lab_h = counts(hrecs, "label", LABELS)
    t.append(md_table(["label", "reviewed samples (correct label)", "after review (approved + edited)",
                       "held-out"],
                      [(k, "%d (%s)" % (lab_all[k], pct(lab_all[k], nv)), "%d (%s)" % (lab_kept[k],
                                                                                     pct(lab_kept[k], len(kept))),
                        "%d (%s)" % (lab_h[k], pct(lab_h[k], len(hrecs)))) for k in LABELS]))
    t.append("\n### Coverage\n")
    kc, hkc = counts(recs, "kind", kind_labels + held_labels), counts(hrecs, "kind", kind_labels + held_labels)
    t.append(md_table(["system", "session", "held-out"], [(k, kc[k], hkc[k]) for k in kind_labels] +
                      [(k + " (held out)", kc[k], hkc[k]) for k in held_labels]))
    t.append("")
    sc, hsc = counts(recs, "style", [s for s, _ in STYLE_W]), counts(hrecs, "style", [s for s, _ in STYLE_W])
    t.append(md_table(["style", "session", "held-out"], [(k, sc[k], hsc[k]) for k, _ in STYLE_W]))
    t.append("")
    ec, hec = counts(recs, "edge", [e for e, _ in EDGE_W]), counts(hrecs, "edge", [e for e, _ in EDGE_W])
    t.append(md_table(["edge case", "session", "held-out"], [(k, ec[k], hec[k]) for k, _ in EDGE_W]))
    t.append("\nWhich rule decided the label, over the %d reviewed samples:\n" % nv)
    whys = {}
    for r in valid:
        k = r["why"].split(", but")[0]
        whys[k] = whys.get(k, 0) + 1
    nwork = sum(1 for r in valid if ", but a workaround exists" in r["why"])
    t.append(md_table(["rule", "samples"], sorted(whys.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\nOf these, %d were moved one level down by a workaround.\n" % nwork)
    t.append("### Ticket length (words)\n")
    t.append("Session: min %d, 10th percentile %d, median %d, mean %.0f, 90th percentile %d, max %d. Held-out: min "
             "%d, median %d, max %d.\n" % (min(ws), percentile(ws, 0.1), percentile(ws, 0.5), sum(ws) / float(len(ws)),
                                          percentile(ws, 0.9), max(ws), min(hws), percentile(hws, 0.5), max(hws)))
    t.append(md_table(["words", "session", "share"], word_hist(ws)))
    t.append("\n## Samples\n")
    for ex in exs:
        if ex:
            item, r = ex
            t.append("Input (%s, %s):\n\n```text\n%s\n```\n\nOutput: `%s` (%s)\n" % (
                r["style"], r["edge"], item["input"], r["label"], r["why"]))
    t.append("## Running it\n")
    t.append("```sh\nsmolify-cli run examples/ticket-triage --out out     # replay, review, train, evaluate, "
             "export\n```\n")
    t.append("`run` replays the session (the planted failures are rejected with the reasons above), applies the "
             "review, imports `held_out.jsonl` as the test split, trains, and reports accuracy and macro-F1 "
             "beside the majority label and the naive Bayes and logistic regression baselines. "
             "`samples.jsonl` and `held_out.csv` are for the benchmarks and are not part of the run.\n")
    return "\n".join(t).rstrip() + "\n"


def jsonl(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def generate():
    calls, review, stats, index = build_session()
    heldout, hrecs = build_heldout(index)
    spec = build_spec(index)
    if os.environ.get("TT_DEBUG"):
        print("redraws:", FAILS, file=sys.stderr)
    problems, sim = validate(calls, review, stats, heldout, spec)
    if problems:
        for p in problems[:40]:
            print("make_ticket_triage: " + p, file=sys.stderr)
        raise SystemExit("make_ticket_triage: %d problems; nothing written" % len(problems))
    return {
        "intent.txt": INTENT,
        "spec.json": json.dumps(spec, ensure_ascii=False, indent=2) + "\n",
        "teacher_session.jsonl": jsonl(calls),
        "review.jsonl": jsonl(review),
        "held_out.jsonl": jsonl(heldout),
        "README.md": readme(calls, review, stats, heldout, hrecs, spec, sim),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="regenerate in memory; exit 1 if a file differs")
    ap.add_argument("--out", default=OUT_DIR, help="folder to write (default: the example folder)")
    args = ap.parse_args()
    files = generate()
    if args.check:
        bad = []
        for name, text in files.items():
            try:
                with open(os.path.join(args.out, name), "rb") as fh:
                    if fh.read() != text.encode("utf-8"):
                        bad.append(name + " differs")
            except FileNotFoundError:
                bad.append(name + " is missing")
        for b in bad:
            print("make_ticket_triage --check: " + b, file=sys.stderr)
        if bad:
            sys.exit(1)
        print("make_ticket_triage --check: %d files match" % len(files))
        return
    for name, text in files.items():
        with open(os.path.join(args.out, name), "wb") as fh:
            fh.write(text.encode("utf-8"))
    print("make_ticket_triage: wrote %s" % ", ".join(sorted(files)))


if __name__ == "__main__":
    main()
