"""How the recorded teacher fails, and what the recorded reviewer does about it.

Review defects are planted in a correct note: an *edit* defect is one a reviewer fixes in place (the
edited output is the correct note); a *reject* defect makes the sample wrong enough to throw away, with a
concrete clinical reason. Contract defects (a missing or misplaced section, an empty output, prose before
the note, a duplicate of an earlier sample) are the ones the pipeline itself refuses before review.
"""

import copy

import soap_engine as E
from soap_words import int_words, join_and

VITAL_PREFIXES = ("BP ", "HR ", "RR ", "T ", "SpO2 ", "Weight ", "Afebrile", "Fingerstick", "Peak flow", "FHR ",
                  "Fundal height")


def is_vitals_line(s):
    return s.startswith(VITAL_PREFIXES)


def alive_vitals(case):
    out = []
    for f in case.facts:
        if f.kind == "vitals" and f.alive:
            out += [v for v in f.vitals if not getattr(v, "dead", False)]
    return out


def invent_vital(ch, case):
    """A vital sign the dictation never gave, in note notation, with its kind."""
    have = {v.kind for v in alive_vitals(case)}
    opts = []
    if "BP" not in have:
        opts.append(("BP", "BP %d/%d" % (2 * ch.randint(58, 72), 2 * ch.randint(36, 44)), "a blood pressure"))
    if "HR" not in have:
        opts.append(("HR", "HR %d" % ch.randint(64, 94), "a heart rate"))
    if "SpO2" not in have:
        opts.append(("SpO2", "SpO2 %d%%" % ch.randint(96, 99), "an oxygen saturation"))
    if "T" not in have:
        opts.append(("T", "T %.1f C" % (36.5 + 0.1 * ch.randint(0, 6)), "a temperature"))
    if not opts:
        return None
    return ch.pick(opts)


def add_vital_text(secs, text):
    O = secs["O"]
    if O and is_vitals_line(O[0]):
        O[0] = O[0][:-1] + ", " + text + "."
    elif O and O[0].startswith(("No vitals", "No exam")):
        O[0] = text + "."
    else:
        O.insert(0, text + ".")


def plan_facts(case):
    return sorted([f for f in case.facts if f.alive and f.kind in ("plan", "fu", "ret")], key=lambda f: f.pos)


def med_facts(case, kinds=("rx", "cont")):
    return [f for f in case.facts if f.alive and f.kind == "plan" and f.pt == "med" and f.mkind in kinds
            and f.med is not None and f.med.said_dose]


def bullet_of(secs, fact_text):
    for i, b in enumerate(secs["P"]):
        if b == fact_text:
            return i
    return None


def fact_note(case, f):
    if f.kind == "plan":
        return E.med_plan_note(f) if f.pt == "med" else E.fill(f.item.note, case, f.inst)
    if f.kind == "fu":
        return E.fu_note(f.interval)
    return "Return if " + join_and([E.fill(x.note, case, f.inst) for x in f.items], "or") + "."


def spoken_number(v):
    if "." in v:
        a, b = v.split(".")
        return int_words(int(a)) + " point " + " ".join(int_words(int(d)) for d in b)
    return int_words(int(v))


# ------------------------------------------------------------------------------------------ edit defects

def e_invented_vital(ch, case, secs):
    if case.no_obj:
        return None
    inv = invent_vital(ch, case)
    if not inv:
        return None
    add_vital_text(secs, inv[1])
    return "invented " + inv[2] + " (" + inv[1] + ") that is not in the dictation"


def e_dose_slip(ch, case, secs):
    fs = [f for f in med_facts(case) if f.med.alts]
    if not fs:
        return None
    f = ch.pick(fs)
    right = E.med_plan_note(f)
    i = bullet_of(secs, right)
    if i is None:
        return None
    wrong_dose = ch.pick(f.med.alts)
    wrong = right.replace(f.med.note_dose(), f.med.note_dose(wrong_dose), 1)
    if wrong == right:
        return None
    secs["P"][i] = wrong
    return ("wrong dose: the note says %s %s, the dictation says %s" %
            (f.drug, f.med.note_dose(wrong_dose), f.med.note_dose()))


def e_missing_plan(ch, case, secs, main=False):
    fs = plan_facts(case)
    if main:
        fs = [f for f in fs if getattr(f, "req", False) or (f.kind == "fu" and f.interval != "prn")]
    if len(secs["P"]) < 2 or not fs:
        return None
    f = ch.pick(fs)
    i = bullet_of(secs, fact_note(case, f))
    if i is None:
        return None
    text = secs["P"].pop(i)
    if not secs["P"]:
        return None
    if f.kind == "fu":
        what = "the follow-up" + (" " + text[len("Follow up "):].rstrip(".") if text != "Follow up as needed."
                                  else " as needed")
    else:
        what = text[0].lower() + text[1:].rstrip(".")
    return "plan item missing: " + what


def e_words(ch, case, secs):
    O = secs["O"]
    if not O or not is_vitals_line(O[0]):
        return None
    vs = alive_vitals(case)
    parts = []
    for v in sorted(vs, key=lambda v: E.VITAL_ORDER.index(v.kind)):
        if v.kind == "BP":
            parts.append("BP %s over %s" % (spoken_number(v.value), spoken_number(v.value2)))
        elif v.kind == "T" and not v.afebrile:
            parts.append("temperature " + spoken_number(v.value))
        elif v.kind == "HR":
            parts.append("pulse " + spoken_number(v.value))
        elif v.kind == "SpO2":
            parts.append("sats " + spoken_number(v.value) + " percent")
        else:
            parts.append(v.note())
    new = ", ".join(parts) + "."
    if new == O[0]:
        return None
    O[0] = new[0].upper() + new[1:]
    return "vitals written out in words instead of clinical notation"


def e_none_section(ch, case, secs):
    if not case.no_obj:
        return None
    secs["O"] = [ch.pick(["None.", "N/A.", "None documented."])]
    return "Objective says only 'None' instead of stating that no exam was done"


def e_filler(ch, case, secs):
    S = secs["S"]
    if len(S) < 2:
        return None
    i = ch.randint(1, len(S) - 1)
    fl = ch.pick(["Uh, ", "Um, ", "Okay so, ", "Let's see, "])
    S[i] = fl + S[i][0].lower() + S[i][1:]
    return "fillers from the dictation left in the note"


def e_aside(ch, case, secs):
    asides = getattr(case, "asides", [])
    if not asides:
        return None
    a = ch.pick(asides)
    secs["P"].insert(ch.randint(0, len(secs["P"])), a[0].upper() + a[1:] + ".")
    return "a remark to staff ('" + a + "') copied into the plan"


def e_freq(ch, case, secs):
    fs = [f for f in med_facts(case) if f.med.said_freq and f.med.freq in ("bid", "tid", "qd", "qhs")]
    if not fs:
        return None
    f = ch.pick(fs)
    right = E.med_plan_note(f)
    i = bullet_of(secs, right)
    if i is None:
        return None
    swap = {"bid": "qd", "tid": "bid", "qd": "bid", "qhs": "qam"}[f.med.freq]
    wrong = right.replace(E.FREQ[f.med.freq][0], E.FREQ[swap][0], 1)
    secs["P"][i] = wrong
    return "wrong frequency: %s written %s, dictated %s" % (f.drug, E.FREQ[swap][0], E.FREQ[f.med.freq][0])


def e_drop_sentence(prefix, what):
    def f(ch, case, secs):
        S = secs["S"]
        for i, s in enumerate(S):
            if s.startswith(prefix) and i > 0:
                S.pop(i)
                return what + " left out of the Subjective"
        return None
    return f


EDITS = [
    (e_invented_vital, 3), (e_dose_slip, 3), (e_missing_plan, 3), (e_words, 2), (e_none_section, 2),
    (e_filler, 1), (e_aside, 1), (e_freq, 2), (e_drop_sentence("Allergies:", "the allergy"), 2),
    (e_drop_sentence("Denies", "the relevant negatives"), 1),
]


# ------------------------------------------------------------------------------------------ reject defects

def r_invented_vitals(ch, case, secs):
    if case.no_obj:
        bp = "BP %d/%d, HR %d." % (2 * ch.randint(58, 70), 2 * ch.randint(37, 43), ch.randint(66, 90))
        if case.tele:
            secs["O"] = [bp, "Lungs clear."]
            return ("vital signs and an exam for a %s visit with no exam: %s Lungs clear." %
                    ("telehealth" if case.tele == "video" else "telephone", bp))
        secs["O"] = [bp]
        return "invented vital signs (" + bp.rstrip(".") + "): the dictation has no vitals"
    inv = invent_vital(ch, case)
    if not inv or inv[0] != "BP":
        return None
    add_vital_text(secs, inv[1])
    return "invented a blood pressure (" + inv[1] + ") that is not in the dictation"


def r_retracted(ch, case, secs):
    cs = [f for f in case.facts if f.alive and f.corrected]
    if not cs:
        return None
    f = ch.pick(cs)
    kind = f.corrected[0]
    if kind == "dose":
        wrong = f.corrected[1]
        right = E.med_plan_note(f)
        i = bullet_of(secs, right)
        if i is None:
            return None
        secs["P"][i] = right.replace(f.med.note_dose(), f.med.note_dose(wrong), 1)
        return ("used the retracted dose: %s %s; the dictation corrected it to %s" %
                (f.drug, f.med.note_dose(wrong), f.med.note_dose()))
    if kind == "side":
        wrong = f.corrected[1]
        right = f.inst.side
        changed = swap_side(secs, right, wrong)
        if not changed:
            return None
        return "kept the retracted side: the note says %s, the dictation corrected it to %s" % (wrong, right)
    if kind == "vital":
        v = f.corrected[1]
        if getattr(v, "dead", False) or not secs["O"] or not is_vitals_line(secs["O"][0]):
            return None
        right = v.note()
        wrong = v.note(v.wrong[0], v.wrong[1])
        if right not in secs["O"][0]:
            return None
        secs["O"][0] = secs["O"][0].replace(right, wrong, 1)
        return "used the reading the dictation corrected: %s instead of %s" % (wrong, right)
    if kind == "dur":
        n, unit, about = f.inst.dur
        wrong = f.corrected[1]
        right_t = E.dur_note(f.inst)
        wrong_inst = copy.copy(f.inst)
        wrong_inst.dur = (wrong, unit, about)
        wrong_t = E.dur_note(wrong_inst)
        for i, s in enumerate(secs["S"]):
            if right_t in s:
                secs["S"][i] = s.replace(right_t, wrong_t, 1)
                return ("duration wrong: the dictation corrected %d %s to %d %s" %
                        (wrong, unit if wrong != 1 else unit[:-1], n, unit if n != 1 else unit[:-1]))
        return None
    if kind == "fu":
        right = E.fu_note(f.interval)
        wrong = E.fu_note(f.corrected[1])
        i = bullet_of(secs, right)
        if i is None:
            return None
        secs["P"][i] = wrong
        return ("follow-up interval wrong: the dictation corrected %s to %s" % (f.corrected[1], f.interval))
    return None


def swap_side(secs, right, wrong):
    changed = False
    for k in ("S", "O", "A", "P"):
        new = []
        for s in secs[k]:
            t = s.replace(right, "\0").replace(right.capitalize(), "\1")
            if t != s:
                changed = True
            new.append(t.replace("\0", wrong).replace("\1", wrong.capitalize()))
        secs[k] = new
    return changed


def r_wrong_side(ch, case, secs):
    inst = case.problems[0]
    if not inst.side or any(f.corrected and f.corrected[0] == "side" for f in case.facts):
        return None
    wrong = "left" if inst.side == "right" else "right"
    if not swap_side(secs, inst.side, wrong):
        return None
    return "wrong side: the note says %s, the dictation says %s" % (wrong, inst.side)


def r_copied(ch, case, secs, dictation):
    words = dictation.replace("\n", " ").split()
    if len(words) < 30 or not any(w.strip(",.").lower() in ("uh", "um") for w in words[:60]):
        return None
    secs["S"] = [" ".join(words[:min(len(words), 70)])]
    return "not a clinical note: the Subjective copies the dictation word for word, fillers included"


GENERIC_FINDINGS = ["Lungs clear.", "Heart regular, no murmur.", "Abdomen soft, nontender.", "No acute distress.",
                    "Neurologic exam normal."]


def r_invented_finding(ch, case, secs):
    said = {E.fill(f.item.note, case, f.inst) for f in case.facts if f.kind == "exam" and f.alive}
    pool = [E.fill(x.note, case, case.problems[0]) for g in case.problems[0].p.exam for x in g]
    pool = [x for x in pool if x not in said] + [x for x in GENERIC_FINDINGS if x not in said]
    text = " ".join(secs["O"])
    pool = [x for x in pool if x not in text]
    if not pool:
        return None
    fnd = ch.pick(pool)
    if case.no_obj or secs["O"][0].startswith("No vitals"):
        secs["O"] = [fnd] if not case.tele else secs["O"] + [fnd]
    else:
        secs["O"].append(fnd)
    return "invented an exam finding not in the dictation: '" + fnd.rstrip(".") + "'"


def r_drop_problem(ch, case, secs):
    if len(case.problems) < 2:
        return None
    inst2 = case.problems[1]
    f2 = [f for f in case.facts if f.inst is inst2 and f.alive]
    if not any(f.kind == "dx" for f in f2):
        return None
    for f in f2:
        f.alive = False
    new = E.note_sections(case)
    for f in f2:
        f.alive = True
    secs.clear()
    secs.update(new)
    return "second problem missing: the " + E.fill(inst2.cc.note, case, inst2) + " is left out of the note"


INVENTED_PLAN = ["Lipid panel.", "Chest X-ray.", "Refer to physical therapy.", "Follow up in 2 weeks.",
                 "CBC and BMP.", "Start amoxicillin 500 mg three times daily for 10 days."]


def r_completion(ch, case, secs):
    if not case.cut or not secs["P"] or secs["P"][-1] != "Dictation ends mid-sentence; remainder of plan not recorded.":
        return None
    inv = ch.pick([x for x in INVENTED_PLAN if x not in secs["P"]])
    secs["P"][-1] = inv
    return ("made up the end of a dictation that stops mid-sentence: '" + inv.rstrip(".") +
            "' was never said")


def r_wrong_age(ch, case, secs):
    s0 = secs["S"][0]
    if not getattr(case, "said_age", True):
        return None
    if case.age_months is not None and case.age_months < 24:
        return None
    right = "%d-year-old" % case.age
    if right not in s0:
        return None
    a = case.age
    wrong = int(str(a)[::-1]) if a >= 10 and a % 11 != 0 and str(a)[::-1][0] != "0" else a + 10
    secs["S"][0] = s0.replace(right, "%d-year-old" % wrong, 1)
    return "wrong age: the note says %d, the dictation says %d" % (wrong, a)


def r_missing_main(ch, case, secs):
    return e_missing_plan(ch, case, secs, main=True)


EXTRA_DX = ["Rule out pneumonia.", "Possible anxiety disorder.", "Hypertension.", "Rule out deep vein thrombosis.",
            "Vitamin D deficiency.", "Possible urinary tract infection."]


def r_invented_dx(ch, case, secs):
    pool = [x for x in EXTRA_DX if x not in secs["A"] and x[:-1].lower() not in " ".join(secs["S"]).lower()]
    if not pool or secs["A"][0] == E.CUT_NOTE:
        return None
    dx = ch.pick(pool)
    secs["A"].append(dx)
    return "Assessment adds a diagnosis that was not dictated ('" + dx.rstrip(".") + "')"


OTHER_DRUGS = ["cephalexin", "azithromycin", "prednisone", "ibuprofen", "amoxicillin", "metformin", "lisinopril",
               "naproxen"]


def r_wrong_drug(ch, case, secs):
    fs = [f for f in case.facts if f.alive and f.kind == "plan" and f.pt == "med" and f.mkind in ("rx", "given")]
    if not fs:
        return None
    f = ch.pick(fs)
    right = E.med_plan_note(f)
    i = bullet_of(secs, right)
    other = ch.pick([d for d in OTHER_DRUGS if d not in f.drug])
    if i is None:
        return None
    secs["P"][i] = right.replace(f.drug, other, 1)
    return "wrong medication: the note says %s, the dictation says %s" % (other, f.drug)


REJECTS = [
    (r_invented_vitals, 4), (r_retracted, 5), (r_wrong_side, 2), (r_copied, 1), (r_invented_finding, 3),
    (r_drop_problem, 3), (r_completion, 3), (r_wrong_age, 1), (r_missing_main, 4), (r_invented_dx, 2),
    (r_wrong_drug, 2),
]


def plant(ch, case, dictation, table):
    """Tries the defects of `table` in a weighted random order; returns (note, reason) or None."""
    order = []
    pool = list(table)
    while pool:
        total = sum(w for _, w in pool)
        r = ch.rng.random() * total
        for i, (fn, w) in enumerate(pool):
            r -= w
            if r <= 0 or i == len(pool) - 1:
                order.append(fn)
                pool.pop(i)
                break
    for fn in order:
        secs = copy.deepcopy(E.note_sections(case))
        if fn is r_copied:
            reason = fn(ch, case, secs, dictation)
        else:
            reason = fn(ch, case, secs)
        if reason:
            return E.assemble(secs), reason
    return None


# ------------------------------------------------------------------------------------------ contract defects

def c_missing_section(ch, note):
    lines = note.split("\n")
    for i, l in enumerate(lines):
        if l.startswith("Objective: "):
            lines[i - 1] = lines[i - 1] + " " + l[len("Objective: "):]
            lines.pop(i)
            return "\n".join(lines)
    return None


def c_out_of_order(ch, note):
    a = note.index("\nAssessment:")
    p = note.index("\nPlan:")
    return note[:a] + note[p:] + note[a:p]


def c_prose(ch, note):
    return ch.pick(["Here is the SOAP note:\n\n", "Sure! SOAP note below.\n", "SOAP NOTE\n\n"]) + note


def c_empty_section(ch, note):
    lines = note.split("\n")
    for i, l in enumerate(lines):
        if l.startswith("Objective: "):
            lines[i] = "Objective:"
            return "\n".join(lines)
    return None


def c_empty(ch, note):
    return ""
