#!/usr/bin/python3
"""Writes the contract-extraction example: intent, task spec, a recorded teacher session, the recorded review
and a held-out split, all from structured contract facts, seeded and deterministic (standard library only).

    /usr/bin/python3 examples/contract-extraction/generator/make_contract_extraction.py          # write the files
    /usr/bin/python3 examples/contract-extraction/generator/make_contract_extraction.py --check  # exit 1 if any differs

The teacher data was written for the project by this generator, not by a live model.
"""

import argparse
import json
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import ce_defects as D  # noqa: E402
import ce_engine as E  # noqa: E402
import ce_money as M  # noqa: E402
import ce_places as P  # noqa: E402
import ce_types as T  # noqa: E402
from ce_words import DATE_FORMS, Chooser  # noqa: E402

OUT_DIR = os.path.dirname(HERE)
TRAIN_SEED = 20250301
HELDOUT_SEED = 4411093
SPEC_SEED = 8086
CALLS = 600
PER_CALL = 5
HELDOUT = 300
HELDOUT_NEW_KINDS = 0.15
MAX_INPUT_CHARS = 2000
MAX_OUTPUT_CHARS = 900
MIN_OUTPUT_CHARS = 100
MIN_WORDS, MAX_WORDS = 40, 200
SHORT_MAX_WORDS = 80

STYLE_W = [("formal legalese", 27), ("plain English", 22), ("numbered clauses", 22), ("key terms table", 15),
           ("letter", 30)]
EDGE_W = [("none", 40), ("fields absent", 14), ("short excerpt", 12), ("distractors", 14), ("numbers in words", 10),
          ("OCR artefacts", 10)]
CONTRACT_RATE = 0.026
CONTRACT_KINDS = ["prose around the JSON", "trailing comma", "single quotes", "truncated JSON", "missing field",
                  "amount as text", "date not in ISO form", "field not in the schema", "currency symbol",
                  "parties as strings", "exact duplicate", "near duplicate", "malformed item"]
REJECT_RATE, EDIT_RATE = 0.095, 0.105

INTENT = ("Pull the key terms out of commercial contract clauses as JSON: the parties and their roles, the "
          "effective date, the term, the amounts with their currency, the governing law and the termination "
          "notice period, with null for anything the text does not say.\n")

INSTRUCTION = (
    "Extract the key terms of the contract excerpt as one JSON object with exactly these fields, in this order. "
    "parties: each named party in order of appearance as {name, role}; name as written, without titles, "
    "descriptions or the defined term; role in lower case as the contract names it (licensor, tenant, receiving "
    "party, lender), or the role the party plays (provider, customer, employer) when it is called \"we\", \"you\", "
    "\"the Company\" or a short name. effective_date: YYYY-MM-DD, the date the contract takes effect or commences, "
    "else the date it is made or dated; never a signature date, a letter's date or an earlier agreement's date. "
    "term: the initial term as \"36 months\" or \"1 year\" (the units the text uses, digits), \"until "
    "terminated\", or \"until YYYY-MM-DD\"; not a renewal period. amounts: every sum of money in order as "
    "{value (a number), currency (ISO 4217 code), purpose (fee, rent, deposit, price, principal, salary, bonus, "
    "late fee, liability cap or minimum purchase)}; a bare \"$\" is USD unless the text says which dollar; in an "
    "amendment only the new sum; percentages are not sums. governing_law: the jurisdiction whose law governs "
    "(\"New York\", \"England and Wales\", \"Germany\"), not where the courts sit or a party is incorporated. "
    "termination_notice: the notice needed to end the contract without cause or to stop it renewing, as \"90 "
    "days\" or \"3 months\"; not a cure or payment period. Use null for anything the text does not state; never "
    "guess.")
INPUT_DESCRIPTION = (
    "An excerpt of a commercial contract, 40 to 200 words: SaaS and services agreements, NDAs, leases, supply, "
    "licence, employment, consulting and loan agreements, asset purchases and amendments, in formal legalese, "
    "plain English, numbered clauses, a key-terms table or a letter. Parties are introduced with descriptions, "
    "defined terms, \"we\"/\"you\" or short names; dates appear as \"1 March 2025\", \"March 1st, 2025\", "
    "\"2025-03-01\", \"01.03.2025\" or \"the first day of March, two thousand twenty-five\"; sums as "
    "\"USD 12,500.00\", \"$12.5k\", \"EUR 12.500,00\" or in words with figures. Clauses come in any order with "
    "boilerplate, cross-references, renewal and cure periods, courts and arbitration seats, places of "
    "incorporation, signature dates and percentages nearby; some excerpts leave fields out or refer to a "
    "schedule, a few carry OCR artefacts.")

SCHEMA = {
    "type": "object",
    "required": list(E.FIELDS),
    "additionalProperties": False,
    "properties": {
        "parties": {"type": ["array", "null"], "minItems": 1, "maxItems": 6,
                    "items": {"type": "object", "required": ["name", "role"], "additionalProperties": False,
                              "properties": {"name": {"type": "string", "minLength": 2, "maxLength": 120},
                                             "role": {"type": "string", "minLength": 3, "maxLength": 40}}}},
        "effective_date": {"type": ["string", "null"], "minLength": 10, "maxLength": 10},
        "term": {"type": ["string", "null"], "minLength": 5, "maxLength": 40},
        "amounts": {"type": ["array", "null"], "minItems": 1, "maxItems": 8,
                    "items": {"type": "object", "required": ["value", "currency", "purpose"],
                              "additionalProperties": False,
                              "properties": {"value": {"type": "number", "minimum": 0},
                                             "currency": {"type": "string", "enum": list(M.CODES)},
                                             "purpose": {"type": "string", "enum": list(T.PURPOSES)}}}},
        "governing_law": {"type": ["string", "null"], "minLength": 2, "maxLength": 60},
        "termination_notice": {"type": ["string", "null"], "minLength": 5, "maxLength": 30},
    },
}


def topic(t, st, ed):
    return "contract type: %s; style: %s; edge case: %s" % (t, st, ed)


# ------------------------------------------------------------------------------------ contract replica

def type_ok(name, v):
    if name == "object":
        return isinstance(v, dict)
    if name == "array":
        return isinstance(v, list)
    if name == "string":
        return isinstance(v, str)
    if name == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if name == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v == int(v))
    if name == "boolean":
        return isinstance(v, bool)
    if name == "null":
        return v is None
    return False


def json_type(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def schema_error(schema, v, path="$"):
    """The subset of JSON Schema that core/synth/contract.cpp checks (json_schema_check), in the same order:
    type, enum, string lengths, number bounds, required / properties / additionalProperties, array sizes and
    items. Returns the first problem, or None."""
    t = schema.get("type")
    if t is not None:
        names = t if isinstance(t, list) else [t]
        if not any(type_ok(n, v) for n in names):
            return "%s: expected %s, found %s" % (path, " or ".join(names), json_type(v))
    if "enum" in schema and not any(json_type(v) == json_type(x) and v == x for x in schema["enum"]):
        return "%s: %s is not one of the enum" % (path, json.dumps(v, ensure_ascii=False))
    if isinstance(v, str):
        if "minLength" in schema and len(v) < schema["minLength"]:
            return "%s: shorter than %d characters" % (path, schema["minLength"])
        if "maxLength" in schema and len(v) > schema["maxLength"]:
            return "%s: longer than %d characters" % (path, schema["maxLength"])
    if type_ok("number", v):
        if "minimum" in schema and v < schema["minimum"]:
            return "%s: below the minimum" % path
        if "maximum" in schema and v > schema["maximum"]:
            return "%s: above the maximum" % path
    if isinstance(v, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in v:
                return "%s: missing required field \"%s\"" % (path, name)
        for key, val in v.items():
            if key in props:
                err = schema_error(props[key], val, path + "." + key)
                if err:
                    return err
            elif schema.get("additionalProperties") is False:
                return "%s.%s: not a field of the schema" % (path, key)
    if isinstance(v, list):
        if "minItems" in schema and len(v) < schema["minItems"]:
            return "%s: fewer than %d items" % (path, schema["minItems"])
        if "maxItems" in schema and len(v) > schema["maxItems"]:
            return "%s: more than %d items" % (path, schema["maxItems"])
        if isinstance(schema.get("items"), dict):
            for i, x in enumerate(v):
                err = schema_error(schema["items"], x, "%s[%d]" % (path, i))
                if err:
                    return err
    return None


def strip_fence(s):
    s = s.strip()
    if s.startswith("```"):
        nl = s.find("\n")
        end = s.rfind("```")
        if nl >= 0 and end > nl:
            s = s[nl + 1:end].strip()
    return s


def contract_check(inp, out):
    """(error or None, the stored output): contract_check() of core/synth/contract.cpp for this spec."""
    if not inp.strip():
        return "the input is empty", None
    if not out.strip():
        return "the output is empty", None
    if len(inp) > MAX_INPUT_CHARS:
        return "the input is longer than %d characters" % MAX_INPUT_CHARS, None
    s = strip_fence(out)
    try:
        v = json.loads(s, parse_constant=lambda x: (_ for _ in ()).throw(ValueError(x)))
    except ValueError:
        return "the output is not valid JSON", None
    if not isinstance(v, dict):
        return "the output is JSON but not an object", None
    err = schema_error(SCHEMA, v)
    if err:
        return err, None
    stored = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    if len(stored) > MAX_OUTPUT_CHARS:
        return "the output is longer than %d characters" % MAX_OUTPUT_CHARS, None
    if len(stored) < MIN_OUTPUT_CHARS:
        return "the output is shorter than %d characters" % MIN_OUTPUT_CHARS, None
    return None, stored


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
    return {(w[i], w[i + 1], w[i + 2]) for i in range(len(w) - 2)}


def max_similarity(pairs):
    """Highest Jaccard similarity of word-3-shingle sets (input + output, as the pipeline's near-duplicate
    check reads them) between any two pairs, found through shared rare shingles. (sim, i, j)."""
    sets = [shingles(a, b) for a, b in pairs]
    df = {}
    for s in sets:
        for h in s:
            df[h] = df.get(h, 0) + 1
    limit = max(3, len(sets) // 150)
    index = {}
    best = (0.0, -1, -1)
    for i, s in enumerate(sets):
        rare = sorted((h for h in s if df[h] <= limit), key=lambda h: (df[h], h))[:30]
        cand = {}
        for h in rare:
            for j in index.get(h, ()):
                cand[j] = cand.get(j, 0) + 1
            index.setdefault(h, []).append(i)
        for j in sorted(cand):
            if cand[j] >= 2:
                sim = len(s & sets[j]) / float(len(s | sets[j]))
                if sim > best[0]:
                    best = (sim, j, i)
    return best


# ------------------------------------------------------------------------------------ samples

def pick_slice(ch, ctype):
    st = ch.weighted(STYLE_W)
    while st == "letter" and not ctype.letter:
        st = ch.weighted(STYLE_W)
    ed = ch.weighted(EDGE_W)
    while st == "letter" and ed == "short excerpt":
        ed = ch.weighted(EDGE_W)
    return st, ed


def consistent(c, text, out):
    """The extraction is backed by the text: every party name, every sum as written, and every stated field."""
    for p in out["parties"] or []:
        if p["name"] not in text:
            return False
    for a in c.amounts:
        if a.text is None or a.text not in text:
            return False
    if c.present["amounts"] and not out["amounts"]:
        return False
    if c.present["parties"] and not out["parties"]:
        return False
    return any(out[f] is not None for f in E.FIELDS)


FAILS = {}  # why drafts were drawn again (printed with CE_DEBUG=1)


def tally(why):
    FAILS[why] = FAILS.get(why, 0) + 1


def make_sample(ch, ctype, style, edge, mode):
    lo, hi = MIN_WORDS, (SHORT_MAX_WORDS if edge == "short excerpt" else MAX_WORDS)
    for _ in range(300):
        c = E.build_case(ch, ctype, style, edge, mode)
        target = ch.randint(40, 70) if edge == "short excerpt" else ch.randint(55, 175)
        text = E.render(ch, c, target)
        E.finalize(c, text)
        out = E.extraction(c, text)
        if c.ocr:
            text = E.ocr_noise(ch, text, c.doc.protect + [p["name"] for p in out["parties"] or []] +
                               [a.text for a in c.amounts if a.text])
        n = len(text.split())
        if not (lo <= n <= hi) or len(text) > MAX_INPUT_CHARS or "{" in text or "}" in text:
            tally("too short" if n < lo else "too long")
            continue
        if not consistent(c, text, out):
            tally("inconsistent")
            continue
        return c, text, out
    raise RuntimeError("no sample fits for %s / %s / %s" % (ctype.key, style, edge))


def distinct_sample(ch, ctype, style, edge, mode, siblings):
    """make_sample(), drawn again while it is too like a sample of the same reply (same slice: the likeliest
    near duplicates). `siblings` collects the shingle sets."""
    for _ in range(20):
        c, text, out = make_sample(ch, ctype, style, edge, mode)
        sh = shingles(text, E.dump(out))
        if all(len(sh & o) / float(len(sh | o)) < 0.4 for o in siblings):
            break
    siblings.append(sh)
    return c, text, out


def near_copy(ch, text):
    """An earlier input with a word or two changed, as a teacher that repeats itself writes it."""
    swaps = [(" shall ", " will "), (" any ", " each "), ("written notice", "notice in writing"),
             (" within ", " in "), (" the parties ", " both parties "), (" must ", " shall ")]
    for a, b in ch.shuffle(list(swaps)):
        if a in text:
            return text.replace(a, b, 1)
    return text + " (Execution version.)"


def build_session():
    rng = random.Random(TRAIN_SEED)
    ch = Chooser(rng, "train")
    calls, review = [], []
    stats = {"samples": [], "contract": {k: 0 for k in CONTRACT_KINDS}}
    valid = []     # (input, raw output) of the samples the pipeline keeps, for duplicates
    valid_out = []  # their correct extractions, for 'a different contract'
    cycle = []
    next_kind = 0
    for call in range(1, CALLS + 1):
        if not cycle:
            cycle = list(T.TRAIN_TYPES)
            rng.shuffle(cycle)
        ctype = cycle.pop()
        st, ed = pick_slice(ch, ctype)
        items = []
        siblings = []
        for index in range(PER_CALL):
            c, text, out = distinct_sample(ch, ctype, st, ed, "train", siblings)
            good = E.dump(out)
            rec = {"call": call, "index": index, "type": ctype.label, "style": st, "edge": ed,
                   "words": len(text.split()), "status": "valid", "out": out, "law": c.law.key,
                   "yw": bool(c.yw), "ocr": c.ocr}
            raw = good
            r = rng.random()
            if r < 0.03:
                raw = json.dumps(out, ensure_ascii=False, indent=2)
            elif r < 0.05:
                raw = "```json\n" + good + "\n```"
            item = {"input": text, "output": raw, "topic": topic(ctype.label, st, ed)}
            if rng.random() < CONTRACT_RATE and len(valid) > 20:
                kind = CONTRACT_KINDS[next_kind % len(CONTRACT_KINDS)]
                bad = plant_contract(ch, kind, c, text, out, valid, item)
                if bad is not None:
                    next_kind += 1
                    rec["status"] = kind
                    stats["contract"][kind] += 1
                    if kind == "near duplicate":
                        rec["orig"] = bad
                    rec["words"] = len(item["input"].split())
                    items.append(item)
                    stats["samples"].append(rec)
                    continue
            decision = {"call": call, "index": index, "decision": "approve"}
            r = rng.random()
            if r < REJECT_RATE:
                got = D.plant(ch, D.REJECTS, c, text, out, valid_out)
                if got:
                    item["output"] = D.dump(got[0])
                    decision = {"call": call, "index": index, "decision": "reject", "reason": got[1]}
            elif r < REJECT_RATE + EDIT_RATE:
                got = D.plant(ch, D.EDITS, c, text, out)
                if got:
                    item["output"] = D.dump(got[0])
                    decision = {"call": call, "index": index, "decision": "edit", "output": good}
                    rec["edit_reason"] = got[1]
            rec["decision"] = decision["decision"]
            if decision["decision"] == "reject":
                rec["reason"] = decision["reason"]
            review.append(decision)
            valid.append((text, item["output"]))
            valid_out.append(out)
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


def plant_contract(ch, kind, c, text, out, valid, item):
    """Turns `item` into a contract failure of `kind`; None when the kind does not fit this sample."""
    if kind == "prose around the JSON":
        item["output"] = D.c_prose(ch, out)
    elif kind == "trailing comma":
        item["output"] = D.c_trailing_comma(ch, out)
    elif kind == "single quotes":
        item["output"] = D.c_single_quotes(ch, out)
    elif kind == "truncated JSON":
        item["output"] = D.c_truncated(ch, out)
    elif kind == "missing field":
        item["output"] = D.c_missing_field(ch, out)[0]
    elif kind == "amount as text":
        got = D.c_amount_text(ch, out, c)
        if got is None:
            return None
        item["output"] = got
    elif kind == "date not in ISO form":
        got = D.c_date_words(ch, out, c)
        if got is None:
            return None
        item["output"] = got
    elif kind == "field not in the schema":
        item["output"] = D.c_extra_field(ch, out, c)
    elif kind == "currency symbol":
        got = D.c_currency_symbol(ch, out, c)
        if got is None:
            return None
        item["output"] = got
    elif kind == "parties as strings":
        got = D.c_party_strings(ch, out, c)
        if got is None:
            return None
        item["output"] = got
    elif kind == "exact duplicate":
        a, b = valid[ch.rng.randrange(len(valid))]
        item["input"], item["output"] = a, b
    elif kind == "near duplicate":
        for _ in range(20):
            a, b = valid[ch.rng.randrange(len(valid))]
            na = near_copy(ch, a)
            if na != a:
                break
        item["input"], item["output"] = na, b
        return (a, b)
    elif kind == "malformed item":
        del item["output"]
    return True


def build_heldout():
    rng = random.Random(HELDOUT_SEED)
    ch = Chooser(rng, "heldout")
    rows, recs = [], []
    cycle, new_cycle = [], []
    recent = []
    for _ in range(HELDOUT):
        if rng.random() < HELDOUT_NEW_KINDS:
            if not new_cycle:
                new_cycle = list(T.HELD_TYPES)
                rng.shuffle(new_cycle)
            ctype = new_cycle.pop()
        else:
            if not cycle:
                cycle = list(T.TRAIN_TYPES)
                rng.shuffle(cycle)
            ctype = cycle.pop()
        st, ed = pick_slice(ch, ctype)
        c, text, out = distinct_sample(ch, ctype, st, ed, "heldout", recent)
        recent[:] = recent[-20:]
        rows.append({"input": text, "output": E.dump(out)})
        recs.append({"type": ctype.label, "style": st, "edge": ed, "words": len(text.split()), "out": out,
                     "law": c.law.key, "held_type": ctype.held_out})
    return rows, recs


SEED_SLICES = [("software licence", "formal legalese", "none"), ("SaaS subscription", "plain English", "none"),
               ("commercial lease", "key terms table", "none"), ("employment", "letter", "none"),
               ("master services", "numbered clauses", "distractors"), ("one-way NDA", "formal legalese",
                                                                       "fields absent"),
               ("loan", "numbered clauses", "numbers in words"), ("amendment", "plain English", "short excerpt")]


def build_spec():
    rng = random.Random(SPEC_SEED)
    ch = Chooser(rng, "train")
    by_label = {t.label: t for t in T.TRAIN_TYPES}
    seeds = []
    for label, st, ed in SEED_SLICES:
        c, text, out = make_sample(ch, by_label[label], st, ed, "train")
        seeds.append({"input": text, "output": E.dump(out), "topic": topic(label, st, ed)})
    return {
        "kind": "json_extraction",
        "instruction": INSTRUCTION,
        "input_description": INPUT_DESCRIPTION,
        "output": {"schema": SCHEMA, "min_output_chars": MIN_OUTPUT_CHARS, "max_output_chars": MAX_OUTPUT_CHARS,
                   "max_input_chars": MAX_INPUT_CHARS},
        "axes": [{"name": "contract type", "values": [t.label for t in T.TRAIN_TYPES]},
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
            hi = SHORT_MAX_WORDS if rec["edge"] == "short excerpt" and "duplicate" not in rec["status"] else MAX_WORDS
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
                    elif s2 != E.dump(rec["out"]):
                        problems.append(where + ": the edit is not the correct extraction")
                elif d["decision"] == "approve" and stored != E.dump(rec["out"]):
                    problems.append(where + ": an approved output differs from the correct extraction")
            elif rec["status"] in ("exact duplicate", "near duplicate"):
                if err:
                    problems.append("%s: planted duplicate breaks the contract: %s" % (where, err))
                elif rec["status"] == "exact duplicate" and exact_key(it["input"], stored) not in seen:
                    problems.append(where + ": planted exact duplicate has no original")
                elif rec["status"] == "near duplicate":
                    a, b = rec["orig"]
                    s1, s2 = shingles(it["input"], stored), shingles(a, contract_check(a, b)[1] or b)
                    if len(s1 & s2) / float(len(s1 | s2)) < 0.85:
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
        if err or not (MIN_WORDS <= w <= MAX_WORDS) or "{" in h["input"]:
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
    sim, a, b = max_similarity(allp)
    if sim >= 0.5:
        problems.append("near-duplicate pair (Jaccard %.2f): #%d and #%d" % (sim, a, b))
    return problems, sim


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
    edges = [40, 60, 80, 100, 120, 140, 160, 180, 201]
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        n = sum(1 for w in ws if lo <= w < hi)
        rows.append(("%d-%d" % (lo, hi - 1), n, "%.1f%%" % (100.0 * n / len(ws))))
    return rows


def share(n, d):
    return "%.0f%%" % (100.0 * n / d) if d else "-"


def readme(calls, review, stats, heldout, hrecs, spec, sim):
    recs = stats["samples"]
    n = len(recs)
    valid = [r for r in recs if r["status"] == "valid"]
    nv = len(valid)
    dec = counts(valid, "decision", ["approve", "edit", "reject"])
    ws = [r["words"] for r in recs]
    hws = [r["words"] for r in hrecs]
    ncontract = sum(stats["contract"].values())
    type_labels = [t.label for t in T.TRAIN_TYPES]
    held_labels = [t.label for t in T.HELD_TYPES]
    reasons, edits = {}, {}
    for r in valid:
        if r.get("decision") == "reject":
            k = r["reason"].split(" (")[0].split(":")[0].split(";")[0]
            reasons[k] = reasons.get(k, 0) + 1
        if r.get("decision") == "edit":
            k = r["edit_reason"].split(" (")[0].split(":")[0].split(";")[0]
            edits[k] = edits.get(k, 0) + 1
    held_juris = [j.key for j in P.JURISDICTIONS[3::4]]
    n_held_type = sum(1 for r in hrecs if r["held_type"])
    n_held_law = sum(1 for r in hrecs if r["out"]["governing_law"] in held_juris)
    fields_null = {f: sum(1 for r in valid if r["out"][f] is None) for f in E.FIELDS}
    cur = {}
    for r in valid:
        for a in r["out"]["amounts"] or []:
            cur[a["currency"]] = cur.get(a["currency"], 0) + 1
    purp = {}
    for r in valid:
        for a in r["out"]["amounts"] or []:
            purp[a["purpose"]] = purp.get(a["purpose"], 0) + 1
    terms = {"fixed (\"36 months\", \"2 years\")": 0, "until terminated": 0, "until a date": 0, "null": 0}
    for r in valid:
        t = r["out"]["term"]
        if t is None:
            terms["null"] += 1
        elif t == "until terminated":
            terms["until terminated"] += 1
        elif t.startswith("until "):
            terms["until a date"] += 1
        else:
            terms["fixed (\"36 months\", \"2 years\")"] += 1
    laws = len({r["out"]["governing_law"] for r in valid if r["out"]["governing_law"]})
    ex_calls = {c["call"]: c for c in calls}

    def example(pred):
        for r in recs:
            if r["status"] == "valid" and r.get("decision") == "approve" and pred(r):
                c = ex_calls[r["call"]]["content"]
                return json.loads(c[c.index("{"):c.rindex("}") + 1])["samples"][r["index"]]
        return None

    exs = [example(lambda r: r["style"] == "formal legalese" and r["edge"] == "distractors" and r["words"] <= 170),
           example(lambda r: r["style"] == "plain English" and r["yw"] and r["edge"] == "none" and r["words"] <= 150),
           example(lambda r: r["style"] == "key terms table" and r["edge"] == "fields absent")]
    gen = "/usr/bin/python3 examples/contract-extraction/generator/make_contract_extraction.py"
    t = []
    t.append("# Example: key terms of contract clauses as JSON\n")
    t.append("A `json_extraction` task: an excerpt of a commercial contract (a few clauses, a cover page, a "
             "letter) becomes one JSON object with the **parties and their roles, the effective date, the term, "
             "the amounts with their currency, the governing law and the termination notice period**, with "
             "`null` for whatever the excerpt does not state.\n")
    t.append("**The teacher data here was written for the project, not by a live model.** Every clause, "
             "extraction, teacher reply and review decision in this folder was produced by the generator kept "
             "beside it, `generator/make_contract_extraction.py` (Python 3, standard library only, seeded and "
             "deterministic: the same files byte for byte on every run). It stands in for a teacher LLM and a "
             "reviewing lawyer so that the example runs end to end with no API key and no network. No real "
             "contract, company or person is described: names, places, dates and sums are drawn at random from "
             "invented parts. The clauses are not legal advice and not templates to sign.\n")
    t.append("## Files\n")
    t.append(md_table(["file", "what it is"], [
        ("`intent.txt`", "what the user typed: the task in one sentence"),
        ("`spec.json`", "the task spec for `smolify-cli spec --set`: kind `json_extraction`, the JSON schema "
                        "(below), instruction, input description, length limits (input %d, output %d to %d "
                        "characters), three axes (contract type, style, edge case) and %d seeds that keep the "
                        "contract" % (MAX_INPUT_CHARS, MIN_OUTPUT_CHARS, MAX_OUTPUT_CHARS, len(spec["seeds"]))),
        ("`teacher_session.jsonl`", "the recorded teacher session: one line per call, in call order, "
                                    "`{\"call\": N, \"content\": REPLY}`; each reply is the generate prompt's "
                                    "envelope `{\"samples\": [{\"input\", \"output\", \"topic\"}, ...]}` with %d "
                                    "samples of one slice, `topic` naming it (`contract type: ...; style: ...; "
                                    "edge case: ...`), each output the JSON as text (a few pretty-printed or in a "
                                    "json code fence, which the contract check normalises); a few replies come "
                                    "inside a code fence or after a line of prose, as chatty models send them"
         % PER_CALL),
        ("`review.jsonl`", "the recorded review, one line per sample that passes the contract and the duplicate "
                           "check: `{\"call\", \"index\", \"decision\"}`, the decision being `approve`, `edit` or "
                           "`reject`, with `output` (the corrected JSON) for an edit and `reason` for a reject"),
        ("`held_out.jsonl`", "%d `{\"input\", \"output\"}` reference pairs for evaluation, made with another seed, "
                             "partly different wording and three contract kinds the session never shows (below)"
         % len(heldout)),
        ("`generator/`", "the generator: `make_contract_extraction.py` (files, the contract check, this README), "
                         "`ce_engine.py` (contract facts, the five styles, noise, the extraction), `ce_types.py` "
                         "(%d kinds of contract, their roles and sums), `ce_clauses.py` (phrasing banks for dates, "
                         "terms, notice, law, boilerplate, letters), `ce_places.py` (%d jurisdictions, invented "
                         "company and person names), `ce_money.py` (%d currencies and how sums are written), "
                         "`ce_words.py` (numbers, dates, the phrasing chooser), `ce_defects.py` (how the teacher "
                         "fails and what the reviewer fixes)" % (len(T.TYPES), len(P.JURISDICTIONS),
                                                                  len(M.CURRENCIES))),
    ]))
    t.append("\n## Regenerate and check\n")
    t.append("```sh\n" + gen + "          # rewrites the files\n" + gen + " --check  # exit 1 if any file differs\n```\n")
    t.append("Each run also validates what it writes: every sample the review sees keeps the contract (the generator "
             "carries a copy of the JSON-schema subset that `core/synth/contract.cpp` checks, and of its parsing, "
             "code-fence stripping and length limits), every planted contract failure fails it, every approved "
             "output and every edit is exactly the extraction the facts give, every party name and every sum in "
             "an extraction appears in its input as written, every input has %d to %d words (short excerpts at "
             "most %d), no two kept samples are exact duplicates (normalised as `core/synth/dedup.cpp` "
             "normalises), and the highest word-3-shingle Jaccard similarity between any two kept, held-out or "
             "seed samples is %.2f (the pipeline calls 0.7 a near duplicate).\n"
             % (MIN_WORDS, MAX_WORDS, SHORT_MAX_WORDS, sim))
    t.append("## The output\n")
    t.append("One compact JSON object, always with all six fields, in this order:\n")
    t.append(md_table(["field", "value", "null when"], [
        ("`parties`", "list of `{\"name\", \"role\"}` in order of appearance; the name as written (no title, "
                      "description or defined term), the role in lower case as the contract names it "
                      "(`licensor`, `tenant`, `receiving party`), or the role the party plays (`provider`, "
                      "`employer`, `customer`) when the text calls it \"we\", \"you\", \"the Company\" or a short "
                      "name", "no party is named (a party called only \"the Supplier\" is not listed)"),
        ("`effective_date`", "`YYYY-MM-DD`: the effective or commencement date, else the date the contract is made "
                             "or dated", "no such date; a signature date, the date of a letter or of an earlier "
                                         "agreement does not count"),
        ("`term`", "the initial term as the text counts it (`\"36 months\"`, `\"1 year\"`, `\"6 weeks\"`), "
                   "`\"until terminated\"`, or `\"until YYYY-MM-DD\"`; renewals ignored",
         "no term stated, or only a reference to a schedule"),
        ("`amounts`", "every sum of money in order as `{\"value\": number, \"currency\": ISO 4217, \"purpose\"}`, "
                      "purpose one of %s; in an amendment only the new sum" % ", ".join("`%s`" % p for p in T.PURPOSES),
         "no sum (percentages are not sums)"),
        ("`governing_law`", "the jurisdiction whose law governs (`\"New York\"`, `\"England and Wales\"`, "
                            "`\"Ontario\"`, `\"Germany\"`)", "not stated; the seat of the courts or of an "
                                                              "arbitration and a party's place of incorporation do "
                                                              "not count"),
        ("`termination_notice`", "the notice needed to end the contract without cause or to stop it renewing "
                                 "(`\"90 days\"`, `\"3 months\"`, `\"2 weeks\"`)",
         "not stated; a cure period or a payment period does not count"),
    ]))
    t.append("\nThe schema in `spec.json` stays inside the subset the contract check supports (`type` with lists of "
             "types, `properties`, `required`, `additionalProperties: false`, `enum`, `items`, `minItems`/"
             "`maxItems`, `minLength`/`maxLength`, `minimum`): every field is required and may be null, the "
             "currency is one of %d ISO codes (%s), the purpose one of the %d above, dates are exactly 10 "
             "characters long. The evaluation scores each top-level field (field F1: a null field counts as "
             "absent, strings are compared without case); `parties` and `amounts` count as right only when the "
             "whole list is.\n" % (len(M.CODES), ", ".join(M.CODES), len(T.PURPOSES)))
    t.append("## How the data is made\n")
    t.append("Each contract is first drawn as facts: its kind (%d kinds: %s), the jurisdiction whose law governs "
             "(%d), where each party is incorporated (usually the same place, sometimes not), the parties (a "
             "company with a legal form of its place, or an individual; a guarantor for some loans and leases), "
             "the role word the text gives each, the effective date and whether the text states it as effective, "
             "commencing or only dated, the term (a fixed number of days, weeks, months or years, until "
             "terminated, or until a date), the sums (value, currency, purpose and period), the termination notice, "
             "and which of these fields the excerpt states at all. Both texts are made from the same facts:\n"
             % (len(T.TRAIN_TYPES), ", ".join(type_labels), len(P.JURISDICTIONS)))
    t.append("- the **excerpt** writes them in one of five styles: formal legalese (a preamble `THIS ... "
             "AGREEMENT is made ... BETWEEN: (1) ... (the \"Licensor\")`, recitals, `NOW, THEREFORE`), numbered "
             "clauses (`4.`, `Clause 4`, `Section 4.`, `ARTICLE IV`, `§ 4`, sub-clauses `4.1`), plain English "
             "(often \"we\" and \"you\"), a key-terms table (a cover page, an order form, a schedule of particulars, "
             "sometimes a Markdown table) or a letter (an offer of employment, an engagement or facility letter, a "
             "letter amendment). Every fact has many phrasings: dates in %d forms (\"1 March 2025\", \"March 1st, "
             "2025\", \"2025-03-01\", \"01.03.2025\", \"the 1st day of March, 2025\", \"the first day of March, "
             "two thousand twenty-five\"), sums in a dozen forms (\"USD 12,500.00\", \"$12.5k\", \"EUR 12.500,00\", "
             "\"CHF 12'500.00\", \"Rs. 5,00,000\", \"twelve thousand five hundred euros (EUR 12,500)\"), durations as "
             "\"thirty-six (36) months\", \"a 36-month period\", \"three years\"; the clauses come in a shuffled "
             "order among boilerplate (entire agreement, assignment, force majeure, notices, data protection ...), "
             "with cross-references (\"subject to clause 7\", \"in accordance with Schedule 2\") and distractors: "
             "a signature date or an earlier \"dated\" date beside the effective date, a renewal period after the "
             "term, a cure period beside the termination notice, courts or an arbitration seat elsewhere than the "
             "governing law, a party incorporated in another place, interest rates and percentages, payment "
             "periods, the first payment date, confidentiality that survives for years, the previous sum an "
             "amendment replaces. Fields the excerpt leaves out are often pointed to (\"the Fees set out in "
             "Schedule 2\", \"effective on the date of the last signature below\"). One edge case adds OCR "
             "artefacts (`tbe`, `sha11`, `Agreernent`, words broken by a hyphen, page furniture such as `Page 3 of "
             "12`), never inside a name, a date, a sum or the governing law (a unit word may suffer: \"one rnonth's "
             "notice\");\n"
             "- the **extraction** writes only what the excerpt states, normalised as above, so a field the "
             "excerpt leaves out is `null`.\n" % len(DATE_FORMS))
    t.append("**Held-out wording and kinds.** In every phrasing bank of four or more entries, every fourth entry is "
             "kept out of the training session and used only for `held_out.jsonl` (which draws half its phrasings "
             "from those held-back entries): among them 4 date forms (\"Mar 1 2025\", \"01-Mar-2025\", \"the 1st of "
             "March, 2025\", \"1 Mar 2025\"), 3 ways of writing sums (\"12,500 USD\", \"US$12,500 (twelve thousand "
             "five hundred United States dollars)\", \"US$ 12,500.00\"), 7 jurisdictions (%s; %d held-out "
             "extractions name one as the governing law), a quarter of the company name parts and person names, "
             "and a quarter of the sentences of every clause bank. Three kinds of contract (%s) appear only in the "
             "held-out split (%d of its %d excerpts), with roles the session never shows (distributor, sponsor, "
             "organiser, lessor, lessee ...). So the held-out split measures generalisation to unseen wording, "
             "places and contract kinds, not template recall. The student will also be judged on clauses written "
             "by other people; the variety above is meant for that.\n"
             % (", ".join(held_juris), n_held_law, ", ".join(held_labels), n_held_type, len(heldout)))
    t.append("## The recorded session in numbers\n")
    t.append("%d teacher calls, %d samples. %d (%.1f%%) fail before review the way real teachers fail, so the "
             "pipeline's validation and duplicate check visibly reject them:\n" %
             (len(calls), n, ncontract, 100.0 * ncontract / n))
    said = {"prose around the JSON": "contract: the output is not valid JSON",
            "trailing comma": "contract: the output is not valid JSON",
            "single quotes": "contract: the output is not valid JSON",
            "truncated JSON": "contract: the output is not valid JSON",
            "missing field": "contract: $: missing required field \"governing_law\"",
            "amount as text": "contract: $.amounts[0].value: expected number, found string",
            "date not in ISO form": "contract: $.effective_date: longer than 10 characters",
            "field not in the schema": "contract: $.contract_type: not a field of the schema",
            "currency symbol": "contract: $.amounts[0].currency: \"€\" is not one of [...]",
            "parties as strings": "contract: $.parties[0]: expected object, found string",
            "exact duplicate": "duplicate of an earlier sample",
            "near duplicate": "near duplicate (a word changed)",
            "malformed item": "malformed: missing \"output\""}
    t.append(md_table(["planted failure", "samples", "what the pipeline says"],
                      [(k, stats["contract"][k], said[k]) for k in CONTRACT_KINDS]))
    t.append("\nThe other %d are reviewed (`review.jsonl`):\n" % nv)
    t.append(md_table(["decision", "samples", "share"],
                      [(k, dec[k], "%.1f%%" % (100.0 * dec[k] / nv)) for k in ["approve", "edit", "reject"]]))
    t.append("\nRejected and edited extractions carry a defect the generator planted in the teacher's JSON, so the "
             "review makes the corpus better: an edit's output is the correct extraction, a reject's reason names "
             "the error. Rejects by kind of reason:\n")
    t.append(md_table(["reject reason", "samples"], sorted(reasons.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\nEdits by what the reviewer fixed:\n")
    t.append(md_table(["fixed in the edit", "samples"], sorted(edits.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\n### Coverage\n")
    tc, htc = counts(recs, "type", type_labels + held_labels), counts(hrecs, "type", type_labels + held_labels)
    t.append(md_table(["contract type", "session", "held-out"], [(k, tc[k], htc[k]) for k in type_labels] +
                      [(k + " (held out)", tc[k], htc[k]) for k in held_labels]))
    t.append("")
    sc, hsc = counts(recs, "style", [s for s, _ in STYLE_W]), counts(hrecs, "style", [s for s, _ in STYLE_W])
    t.append(md_table(["style", "session", "held-out"], [(k, sc[k], hsc[k]) for k, _ in STYLE_W]))
    t.append("")
    ec, hec = counts(recs, "edge", [e for e, _ in EDGE_W]), counts(hrecs, "edge", [e for e, _ in EDGE_W])
    t.append(md_table(["edge case", "session", "held-out"], [(k, ec[k], hec[k]) for k, _ in EDGE_W]))
    t.append("\n### What the extractions hold\n")
    t.append("Of the %d reviewed samples, the share where each field is null (the excerpt does not state it):\n" % nv)
    t.append(md_table(["field", "null"], [("`%s`" % f, share(fields_null[f], nv)) for f in E.FIELDS]))
    t.append("")
    t.append(md_table(["term", "samples"], list(terms.items())))
    t.append("")
    t.append(md_table(["amount purpose", "sums"], sorted(purp.items(), key=lambda x: (-x[1], x[0]))))
    t.append("\nCurrencies of the sums: " + ", ".join("%s %d" % kv for kv in sorted(cur.items(), key=lambda x: (-x[1],
                                                                                                              x[0]))) +
             ". Governing laws: %d distinct jurisdictions in the session." % laws)
    t.append("\n### Excerpt length (words)\n")
    t.append("Session: min %d, 10th percentile %d, median %d, mean %.0f, 90th percentile %d, max %d. Held-out: min "
             "%d, median %d, max %d.\n" % (min(ws), percentile(ws, 0.1), percentile(ws, 0.5), sum(ws) / float(len(ws)),
                                          percentile(ws, 0.9), max(ws), min(hws), percentile(hws, 0.5), max(hws)))
    t.append(md_table(["words", "session", "share"], word_hist(ws)))
    t.append("\n## Samples\n")
    for ex in exs:
        if ex:
            t.append("Input:\n\n```text\n" + ex["input"] + "\n```\n\nOutput:\n\n```json\n" + ex["output"] + "\n```\n")
    return "\n".join(t).rstrip() + "\n"


def jsonl(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def generate():
    calls, review, stats = build_session()
    heldout, hrecs = build_heldout()
    if os.environ.get("CE_DEBUG"):
        print("retries:", FAILS, file=sys.stderr)
    spec = build_spec()
    problems, sim = validate(calls, review, stats, heldout, spec)
    if problems:
        for p in problems[:40]:
            print("make_contract_extraction: " + p, file=sys.stderr)
        raise SystemExit("make_contract_extraction: %d problems; nothing written" % len(problems))
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
                with open(os.path.join(args.out, name), "rb") as f:
                    if f.read() != text.encode("utf-8"):
                        bad.append(name + " differs")
            except FileNotFoundError:
                bad.append(name + " is missing")
        for b in bad:
            print("make_contract_extraction --check: " + b, file=sys.stderr)
        if bad:
            sys.exit(1)
        print("make_contract_extraction --check: %d files match" % len(files))
        return
    for name, text in files.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(text.encode("utf-8"))
    print("make_contract_extraction: wrote %s" % ", ".join(sorted(files)))


if __name__ == "__main__":
    main()
