"""From structured visit facts to a messy dictation and a clean SOAP note.

build_case() draws the facts of one visit (patient, problems, history, medicines, vitals, findings,
assessment, plan). render_input() speaks them: as a dictation (alone, rushed, or as raw speech-to-text)
or as a short Doctor/Patient transcript, with fillers, self-corrections, staff asides, facts out of
order and, for one edge case, a stop mid-sentence. Every fact that reaches the dictation is marked, and
render_note() writes the note from the marked facts only, in clinical notation. So the note never holds a
fact the dictation lacks, and a corrected fact appears only in its corrected form.
"""

import re

import soap_phrases as PH
import soap_problems as PR
from soap_meds import FREQ, Med, Vital, VITAL_ORDER, c_to_f
from soap_words import cap, join_and, say_number, sentence

# ---------------------------------------------------------------------------------------------- parsing


class Item:
    __slots__ = ("say", "lay", "note")

    def __init__(self, say, lay, note):
        self.say, self.lay, self.note = say, lay, note


def parse_item(s):
    note = None
    if "=>" in s:
        s, note = s.split("=>", 1)
        note = note.strip()
    lay = None
    if "~" in s:
        s, l = s.split("~", 1)
        lay = [x.strip() for x in l.split("|") if x.strip()]
    say = [x.strip() for x in s.split("|") if x.strip()]
    return Item(say, lay, note if note is not None else say[0])


DOSE_ALTS = {
    "ibuprofen": ["400", "600", "800"], "naproxen": ["250", "500"], "amoxicillin": ["250", "500", "875", "1000"],
    "lisinopril": ["5", "10", "20", "40"], "metformin": ["500", "850", "1000"],
    "atorvastatin": ["10", "20", "40", "80"],
    "prednisone": ["20", "40", "60"], "cephalexin": ["250", "500"], "sertraline": ["25", "50", "100"],
    "furosemide": ["20", "40", "80"], "amlodipine": ["2.5", "5", "10"], "losartan": ["25", "50", "100"],
    "omeprazole": ["20", "40"], "escitalopram": ["5", "10", "20"], "metoprolol": ["25", "50"],
    "doxycycline": ["50", "100"], "azithromycin": ["250", "500"], "gabapentin": ["100", "300"],
    "valacyclovir": ["500", "1000"], "oseltamivir": ["30", "75"], "tamsulosin": ["0.4", "0.8"],
    "cyclobenzaprine": ["5", "10"], "benzonatate": ["100", "200"], "acetaminophen": ["500", "650", "1000"],
    "glipizide": ["2.5", "5", "10"], "levothyroxine": ["50", "75", "88", "100"],
}


def parse_med(s):
    tokens = s.split("@", 1)
    form = tokens[1].strip() if len(tokens) > 1 else None
    t = tokens[0].split()
    i = 0
    while i < len(t) and not re.match(r"^[0-9.]+(>[0-9.]+)?$", t[i]):
        i += 1
    drug = " ".join(t[:i])
    if i == len(t):  # "stop:ibuprofen"
        return drug, None, None
    dose = t[i]
    frm = None
    if ">" in dose:
        frm, dose = dose.split(">")
    unit, freq = t[i + 1], t[i + 2]
    dur = " ".join(t[i + 3:]) or None
    alts = DOSE_ALTS.get(drug.split()[0])
    if not alts:
        v = float(dose)
        alts = [fmt_num(v * 2), fmt_num(v / 2)]
    return drug, Med(drug, dose, unit, freq, dur, form, alts), frm


def fmt_num(v):
    return str(int(v)) if abs(v - round(v)) < 1e-9 else ("%.1f" % v).rstrip("0").rstrip(".")


def parse_plan_alt(s):
    for kind in ("rx", "cont", "inc", "dec", "stop", "given", "refill"):
        if s.startswith(kind + ":"):
            drug, med, frm = parse_med(s[len(kind) + 1:])
            return {"t": "med", "kind": kind, "drug": drug, "med": med, "from": frm}
    if s.startswith("FU:"):
        return {"t": "fu", "opts": [x.strip() for x in s[3:].split(",")]}
    if s.startswith("RET:"):
        return {"t": "ret", "conds": [parse_item(x) for x in s[4:].split(";;")]}
    return {"t": "item", "item": parse_item(s)}


def parse_range(r):
    lo, hi = r.split("-")
    return float(lo), float(hi)


def parse_vitals(spec):
    out = []
    for tok in spec.split():
        if ":" in tok:
            k, r = tok.split(":", 1)
            if k == "BP":
                s, d = r.split("/")
                out.append((k, (parse_range(s), parse_range(d)), True))
            elif r == "child":
                out.append((k, "child", False))
            else:
                out.append((k, parse_range(r), True))
        else:
            out.append((tok, None, False))
    return out


class Problem:
    def __init__(self, d):
        self.key = d["key"]
        self.sp = [x.strip() for x in d["sp"].split(",")]
        self.tele = d.get("tele", False)
        self.tele_only = d.get("tele_only", False)
        self.addon = d.get("addon", False)
        self.ho = d.get("ho", False)
        a = d["age"]
        self.months = a.startswith("m")
        self.age = parse_range(a[1:] if self.months else a)
        self.sex = d.get("sex")
        self.visit = d["visit"]
        self.cc = [parse_item(x) for x in d["cc"]]
        self.dur = None
        if d.get("dur"):
            unit, r = d["dur"].split()
            self.dur = (unit, parse_range(r))
        self.side = d.get("side", False)
        self.site = d.get("site")
        ga = d.get("ga")
        self.ga = (16, 36) if ga is True else (parse_range(ga) if ga else None)
        self.pos = [parse_item(x) for x in d.get("pos", [])]
        self.neg = [parse_item(x) for x in d.get("neg", [])]
        # hx, exam and res entries may hold exclusive alternatives ("a => x||b => y"): one is drawn
        self.hx = [[parse_item(a) for a in x.split("||")] for x in d.get("hx", [])]
        self.vit = parse_vitals(d.get("vit", ""))
        self.home = [parse_med(x)[1] for x in d.get("home", [])]
        self.exam = [[parse_item(a) for a in x.split("||")] for x in d.get("exam", [])]
        self.res = [[parse_item(a) for a in x.split("||")] for x in d.get("res", [])]
        self.dx = [parse_item(x) for x in d["dx"]]
        self.plan = []
        for e in d.get("plan", []):
            req = e.startswith("!")
            alts = [parse_plan_alt(x.strip()) for x in e.lstrip("!").split("||")]
            self.plan.append((req, alts))
        self.ago = self.key in ("ankle", "laceration", "work_hand", "work_eye", "work_knee", "work_back",
                                "headinj", "syncope", "allergic")
        self.painful = ("pain" in self.cc[0].note or self.key in (
            "ankle", "laceration", "work_back", "work_knee", "stone", "appendicitis", "knee", "shoulder",
            "gout", "backpain", "strep", "otitis_ext", "cellulitis", "shingles", "gallbladder"))


PROBLEMS = [Problem(d) for d in PR.PROBLEMS]
PMH_POOL = [(parse_item(a), b) for a, b in PR.PMH_POOL]
ALLERGY_POOL = [(parse_item(a), b) for a, b in PR.ALLERGY_POOL]
SOCIAL_POOL = [parse_item(x) for x in PR.SOCIAL_POOL]
SMOKING_KEYS = {"copd_exac", "copd_fu", "chestpain_ed", "hematuria", "lipids"}  # their own smoking history
PMH_SKIP = {"hypertension": {"htn", "refill"}, "type 2 diabetes": {"t2dm", "hypoglycemia", "t1dm", "cellulitis"},
            "diabetes": {"t2dm", "hypoglycemia", "t1dm", "cellulitis"},
            "hyperlipidemia": {"lipids"}, "asthma": {"asthma_exac", "asthma_fu", "copd_exac", "copd_fu"},
            "GERD": {"gerd"}, "depression": {"depression", "anxiety", "bipolar"}}
ALLERGY_CONFLICT = {"penicillin": ("amoxicillin", "amoxicillin-clavulanate", "penicillin V", "dicloxacillin"),
                    "sulfa": ("trimethoprim-sulfamethoxazole",), "codeine": ("codeine",)}

SPECIALTIES = ["primary care", "urgent care", "paediatrics", "emergency", "dermatology", "orthopaedics",
               "psychiatry follow-up", "prenatal", "geriatrics", "cardiology", "diabetes", "asthma/COPD", "ENT",
               "GI", "urology", "telehealth", "post-op check", "work injury"]
STYLES = ["dictation", "transcript", "rushed dictation", "raw speech-to-text"]
EDGES = ["none", "quick note", "no objective data", "two unrelated problems", "stops mid-sentence"]


def problems_for(specialty, mode):
    out = []
    for p in PROBLEMS:
        if p.ho and mode != "heldout":
            continue
        if specialty == "telehealth":
            if p.tele or "telehealth" in p.sp:
                out.append(p)
        elif specialty in p.sp:
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------- facts


class Fact:
    """One fact of a visit. `section` is S, O, A or P; `alive` says whether the dictation kept it (a
    dictation that stops mid-sentence loses what would have come after); `pos` is the order it was
    said in."""

    def __init__(self, kind, section, inst=None, **kw):
        self.kind, self.section, self.inst = kind, section, inst
        self.alive = True
        self.pos = 0
        self.corrected = None  # description of a self-correction said for this fact
        self.__dict__.update(kw)


class Inst:
    """One problem as it happens in this visit: side, site, duration and the chosen items."""
    pass


class Case:
    pass


def pick_range(ch, r, decimals=0):
    lo, hi = r
    v = lo + (hi - lo) * ch.rng.random()
    if decimals == 0:
        return str(int(round(v)))
    return ("%." + str(decimals) + "f") % v


def even(ch, r):
    v = int(round(r[0] + (r[1] - r[0]) * ch.rng.random()))
    return str(v - v % 2)


def child_weight(case, ch):
    m = case.age_months
    base = 3.5 + 0.6 * m if m <= 12 else 10 + 2.2 * (m / 12 - 1)
    return "%.1f" % (base * (0.88 + 0.24 * ch.rng.random()))


def make_vital(ch, case, k, r):
    child = case.age_months is not None and case.age_months < 156
    if k == "BP":
        sr, dr = r if r else ((96, 112), (56, 70)) if child else ((108, 134), (64, 84))
        v = Vital("BP", even(ch, sr), even(ch, dr))
        if ch.chance(0.08) and int(v.value) > 130:
            v.repeat = (str(int(v.value) - 2 * ch.randint(3, 8)), str(int(v.value2) - 2 * ch.randint(1, 4)))
        return v
    if k == "HR":
        rr = r or ((90, 140) if child and case.age_months < 36 else (76, 112) if child else (60, 96))
        return Vital("HR", pick_range(ch, rr))
    if k == "RR":
        rr = r or ((24, 36) if child and case.age_months < 36 else (16, 24) if child else (12, 18))
        return Vital("RR", even(ch, rr))
    if k == "T":
        rr = r or (36.4, 37.2)
        c = float(pick_range(ch, rr, 1))
        if case.temp_unit == "F":
            v = Vital("T", c_to_f(c), unit="F")
        else:
            v = Vital("T", "%.1f" % c, unit="C")
        if c < 37.3 and ch.chance(0.3):
            v.afebrile = True
        return v
    if k == "SpO2":
        return Vital("SpO2", pick_range(ch, r or (96, 99)), room_air=ch.chance(0.45))
    if k == "Wt":
        if r == "child" or child:
            return Vital("Wt", child_weight(case, ch), unit="kg")
        if case.weight_unit == "lb":
            return Vital("Wt", pick_range(ch, (118, 250)), unit="lb")
        return Vital("Wt", pick_range(ch, (52, 112)), unit="kg")
    if k == "Glu":
        return Vital("Glu", pick_range(ch, r or (86, 160)))
    if k == "PF":
        return Vital("PF", str(int(round(float(pick_range(ch, r or (350, 550))) / 10)) * 10))
    if k == "FHR":
        return Vital("FHR", pick_range(ch, r or (130, 158)))
    if k == "FH":
        return Vital("FH", str(max(12, case.ga + ch.randint(-1, 1))))
    raise ValueError(k)


def allowed_med(case, med_alt):
    if case.allergy_key is None:
        return True
    bad = ALLERGY_CONFLICT.get(case.allergy_key, ())
    return med_alt["drug"] not in bad


def instantiate(ch, case, p, primary):
    inst = Inst()
    inst.p = p
    inst.side = ch.pick(["left", "right"]) if p.side else None
    inst.site = ch.pick(p.site) if p.site else None
    inst.cc = ch.pick(p.cc)
    # one of each group of exclusive alternatives
    inst.hx = [g[0] if len(g) == 1 else ch.pick(g) for g in p.hx]
    inst.exam = [g[0] if len(g) == 1 else ch.pick(g) for g in p.exam]
    inst.res = [g[0] if len(g) == 1 else ch.pick(g) for g in p.res]
    inst.dur = None
    if p.dur:
        unit, r = p.dur
        n = int(round(r[0] + (r[1] - r[0]) * ch.rng.random()))
        n = max(1, n)
        inst.dur = (n, unit, ch.chance(0.2))
    return inst


def build_case(ch, specialty, style, edge, mode):
    """Draws one visit's facts. Returns a Case with its list of Facts (not yet rendered)."""
    case = Case()
    case.specialty, case.style, case.edge, case.mode = specialty, style, edge, mode
    pool = problems_for(specialty, mode)
    if edge == "quick note":
        # quick notes are for simple visits
        simple = [p for p in pool if p.key not in ("chestpain_ed", "appendicitis", "headinj", "chf", "memory")]
        pool = simple or pool
    p = ch.pick(pool) if mode != "heldout" else pool[ch.rng.randrange(len(pool))]
    if mode == "heldout":
        ho = [q for q in pool if q.ho]
        if ho and ch.chance(0.3):
            p = ho[ch.rng.randrange(len(ho))]
    case.tele = None
    if specialty == "telehealth" or (p.tele_only):
        case.tele = "phone" if ch.chance(0.3) else "video"
    # patient
    if p.months:
        m = int(round(p.age[0] + (p.age[1] - p.age[0]) * ch.rng.random()))
        case.age_months = m
        case.age = m // 12
    else:
        case.age = int(round(p.age[0] + (p.age[1] - p.age[0]) * ch.rng.random()))
        case.age_months = case.age * 12 if case.age < 13 else None
    case.sex = p.sex or ch.pick(["F", "M"])
    case.child = case.age < 13
    case.first = ch.pick(PH.FIRST_F if case.sex == "F" else PH.FIRST_M)
    case.last = ch.pick(PH.LAST)
    case.doc = ch.pick(PH.DOCTORS)
    case.staff = ch.pick(PH.STAFF)
    case.room = str(ch.randint(1, 14))
    case.temp_unit = "F" if ch.chance(0.4) else "C"
    case.weight_unit = "lb" if ch.chance(0.4) else "kg"
    case.ga = None
    case.gp = None
    if p.ga:
        case.ga = int(round(p.ga[0] + (p.ga[1] - p.ga[0]) * ch.rng.random()))
        if ch.chance(0.6):
            g = ch.randint(1, 4)
            case.gp = (g, ch.randint(0, g - 1))
    case.problems = [instantiate(ch, case, p, True)]
    if edge == "two unrelated problems":
        addons = [q for q in PROBLEMS if q.addon and q.key != p.key and (mode == "heldout" or not q.ho)
                  and (q.sex is None or q.sex == case.sex) and q.age[0] <= max(case.age, 1) <= q.age[1] + 15
                  and not q.months and (case.tele is None or q.tele)]
        if addons:
            q = addons[ch.rng.randrange(len(addons))]
            case.problems.append(instantiate(ch, case, q, False))
    # allergy (drawn before the plan so that no allergen is prescribed)
    case.allergy = None
    case.allergy_key = None
    facts = []
    quick = edge == "quick note"
    lo, hi = {"dictation": (0.8, 1.6), "transcript": (0.65, 1.15), "rushed dictation": (0.5, 0.95),
              "raw speech-to-text": (0.8, 1.5)}[style]
    rich = lo + (hi - lo) * ch.rng.random()
    case.rich = rich
    if quick:
        rich = 0.45

    def maybe(prob):
        return ch.chance(min(0.97, prob * rich))

    if maybe(0.45):
        item, key = ch.pick(ALLERGY_POOL)
        case.allergy, case.allergy_key = item, key
        facts.append(Fact("allergy", "S", item=item))
    # the problems' subjective facts
    for idx, inst in enumerate(case.problems):
        p = inst.p
        second = idx > 0
        facts.append(Fact("cc", "S", inst))
        f = 0.5 if second else 1.0
        for it in ch.sample(inst.hx, ch.randint(0, min(3, len(inst.hx)))):
            if maybe(0.7 * f):
                facts.append(Fact("hx", "S", inst, item=it))
        pos = ch.sample(p.pos, ch.randint(0, min(4, len(p.pos))))
        pos = [x for x in pos if maybe(0.85 * f)]
        if pos:
            facts.append(Fact("pos", "S", inst, items=pos))
        neg = ch.sample(p.neg, ch.randint(1, min(4, len(p.neg)))) if p.neg else []
        neg = [x for x in neg if maybe(0.8 * f)]
        if neg:
            facts.append(Fact("neg", "S", inst, items=neg))
        if p.painful and maybe(0.3) and not second:
            facts.append(Fact("pain", "S", inst, value=str(ch.randint(3, 9))))
        # home medicines tied to the problem
        if p.home and maybe(0.7 * f):
            meds = []
            for m in ch.sample(p.home, ch.randint(1, min(2, len(p.home)))):
                if all(m.drug != x.drug for x in meds):
                    meds.append(m.copy())
            for m in meds:
                m.said_dur = False
                m.dur = None
            facts.append(Fact("hmed", "S", inst, meds=meds))
    # past history and its medicines
    keys = {i.p.key for i in case.problems}
    pmh_pool = [x for x in PMH_POOL if not (PMH_SKIP.get(x[0].note, set()) & keys)]
    if not case.child and maybe(0.4):
        pm = []
        for x in ch.sample(pmh_pool, ch.randint(1, 2)):
            if all(x[1] != y[1] for y in pm):  # "diabetes" and "type 2 diabetes" are one history
                pm.append(x)
        facts.append(Fact("pmh", "S", items=[x[0] for x in pm]))
        if maybe(0.5) and not any(f.kind == "hmed" for f in facts):
            meds = []
            for _, mspec in pm:
                m = parse_med(ch.pick(mspec.split("||")))[1]
                m.said_dur, m.dur = False, None
                meds.append(m)
            facts.append(Fact("hmed", "S", meds=meds))
    elif not case.child and maybe(0.08) and not any(f.kind == "hmed" for f in facts):
        facts.append(Fact("hmed", "S", meds=[]))  # "no regular medications"
    social = [x for x in SOCIAL_POOL if not (case.age >= 70 and x.note.startswith("Works")) and
              not (case.age < 18 and not x.note.startswith(("Lives", "Nonsmoker"))) and
              not (keys & SMOKING_KEYS and "smok" in x.note.lower()) and
              not (case.ga is not None and x.note.startswith(("Drinks", "Smokes")))]
    if not case.child and maybe(0.3):
        facts.append(Fact("social", "S", item=ch.pick(social)))

    # objective
    no_obj = edge == "no objective data" or case.tele is not None
    case.no_obj = no_obj
    if not no_obj:
        vit = []
        for k, r, important in case.problems[0].p.vit:
            if k == "FH" and case.ga is None:
                continue
            prob = 0.85 if important else (0.7 if k in ("BP", "HR") else 0.45)
            if maybe(prob):
                vit.append(make_vital(ch, case, k, r))
        if quick:
            vit = vit[:2]
        if vit:
            facts.append(Fact("vitals", "O", vitals=vit))
        for idx, inst in enumerate(case.problems):
            p = inst.p
            n = ch.randint(1, min(5, len(inst.exam))) if inst.exam else 0
            if quick or idx > 0:
                n = min(n, 2)
            for it in ch.sample(inst.exam, n):
                if maybe(0.9):
                    facts.append(Fact("exam", "O", inst, item=it))
            for it in inst.res:
                if maybe(0.5 if idx == 0 else 0.2):
                    facts.append(Fact("res", "O", inst, item=it))
    elif case.tele == "video" and ch.chance(0.35):
        facts.append(Fact("video", "O", item=ch.pick(VIDEO_OBS)))
    # assessment and plan
    for idx, inst in enumerate(case.problems):
        p = inst.p
        facts.append(Fact("dx", "A", inst, item=ch.pick(p.dx)))
        fu_done = False
        for req, alts in p.plan:
            alts_ok = [a for a in alts if a["t"] != "med" or allowed_med(case, a)] or alts
            a = alts_ok[ch.rng.randrange(len(alts_ok))]
            if a["t"] == "fu" and idx > 0 and any(f.kind == "fu" for f in facts):
                continue
            keep = req or maybe(0.55 if idx == 0 else 0.3)
            if quick and not req and a["t"] not in ("fu",):
                keep = keep and ch.chance(0.35)
            if not keep:
                continue
            if a["t"] == "med":
                med = a["med"].copy() if a["med"] else None
                facts.append(Fact("plan", "P", inst, pt="med", mkind=a["kind"], drug=a["drug"], med=med,
                                  frm=a["from"], req=req))
            elif a["t"] == "fu":
                facts.append(Fact("fu", "P", inst, interval=ch.pick(a["opts"])))
                fu_done = True
            elif a["t"] == "ret":
                conds = ch.sample(a["conds"], ch.randint(1, len(a["conds"])))
                facts.append(Fact("ret", "P", inst, items=conds))
            else:
                facts.append(Fact("plan", "P", inst, pt="item", item=a["item"], req=req))
    # a visit with no plan entry at all gets a follow-up so the Plan is not empty by accident
    if not any(f.section == "P" for f in facts):
        facts.append(Fact("fu", "P", case.problems[0], interval="prn"))
    case.facts = facts
    return case


VIDEO_OBS = [
    "appears comfortable|looks comfortable => On video: appears comfortable.",
    "speaking in full sentences, no distress|talking in full sentences, not in distress => On video: speaking"
    " in full sentences, no distress.",
    "looks well on video|appears well => On video: appears well.",
    "no visible breathing difficulty|breathing looks easy => On video: no visible respiratory distress.",
]
VIDEO_OBS = [parse_item(x) for x in VIDEO_OBS]


# ---------------------------------------------------------------------------------------------- filling

def fill(text, case, inst=None, person=3):
    """Placeholders: the patient's pronouns (3rd person, or 'you' with person=2), side, site, GA."""
    if "{" not in text:
        return text
    f = case.sex == "F"
    if person == 2:
        rep = {"{he}": "you", "{He}": "You", "{him}": "you", "{his}": "your", "{His}": "Your"}
    else:
        rep = {"{he}": "she" if f else "he", "{He}": "She" if f else "He", "{him}": "her" if f else "him",
               "{his}": "her" if f else "his", "{His}": "Her" if f else "His"}
    if person == 2:
        text = text.replace("{him}self", "yourself")
    for k, v in rep.items():
        text = text.replace(k, v)
    if inst is not None:
        if inst.side:
            text = text.replace("{side}", inst.side).replace("{Side}", inst.side.capitalize())
        if inst.site:
            text = text.replace("{site}", inst.site)
    if case.ga is not None:
        text = text.replace("{ga}", str(case.ga))
    return text


def demo_note(case, said_age=True):
    """'58-year-old man', '18-month-old girl', '32-year-old G2P1 at 28 weeks'."""
    if not said_age:
        return "Patient"
    if case.age_months is not None and case.age_months < 24:
        a = "%d-month-old" % case.age_months
    else:
        a = "%d-year-old" % case.age
    if case.child or case.age < 18:
        s = "girl" if case.sex == "F" else "boy"
    else:
        s = "woman" if case.sex == "F" else "man"
    if case.ga is not None:
        if case.gp:
            return "%s G%dP%d at %d weeks" % (a, case.gp[0], case.gp[1], case.ga)
        return "%s %s at %d weeks' gestation" % (a, s, case.ga)
    return a + " " + s


def dur_note(inst):
    n, unit, about = inst.dur
    u = unit if n != 1 else unit[:-1]
    ab = "about " if about else ""
    if inst.p.ago:
        return " %s%d %s ago" % (ab, n, u)
    if unit == "hours":
        return " starting %s%d %s ago" % (ab, n, u)
    return " for %s%d %s" % (ab, n, u)


def dur_say(ch, inst, words=True, terse=False):
    n, unit, about = inst.dur
    u = unit if n != 1 else unit[:-1]
    num = say_number(str(n), ch.rng, 0.7) if words else str(n)
    if n == 1 and not inst.p.ago and unit != "hours":
        if about:
            return "for about a " + u
        return ch.pick(["for a " + u, "for one " + u, "x1 " + u, "a " + u + " now"])
    ab = ch.pick(["about ", "like ", "roughly ", "maybe "]) if about else ""
    if about:
        return ch.pick(["for " + ab + num + " " + u, ab + num + " " + u, "going on " + ab + num + " " + u,
                        "for " + ab + num + " " + u + " now"]) if not inst.p.ago and unit != "hours" else \
            (ab + num + " " + u + " ago" if inst.p.ago else "started " + ab + num + " " + u + " ago")
    if inst.p.ago:
        return ch.pick([ab + num + " " + u + " ago", "about " + num + " " + u + " ago" if about else num + " " + u
                        + " ago", ab + num + " " + u + " prior to arrival", ab + num + " " + u + " ago"])
    if unit == "hours":
        return ch.pick(["started " + ab + num + " " + u + " ago", "since " + ab + num + " " + u + " ago",
                        "began " + ab + num + " " + u + " ago", "started " + ab + num + " " + u + " ago"])
    if terse and not about:
        return ch.pick(["x" + str(n) + " " + u, "x " + num + " " + u, "times " + num + " " + u])
    return ch.pick(["for " + ab + num + " " + u, "for the last " + ab + num + " " + u, "x " + str(n) + " " + u
                    if not about else "for " + ab + num + " " + u, "for " + ab + num + " " + u + " now",
                    "going on " + ab + num + " " + u, "for " + ab + num + " " + u,
                    "for the past " + ab + num + " " + u, "about " + num + " " + u if about else num + " " + u])


# ---------------------------------------------------------------------------------------------- speaking

VERBS = {"get", "check", "start", "send", "refer", "order", "have", "repeat", "continue", "do", "give",
         "schedule", "observe", "admit", "call", "page", "recheck", "restart", "adjust", "see", "remove",
         "taper", "wean", "deprescribe", "consider", "irrigate", "follow", "book", "set", "draw", "culture",
         "mark", "treat", "put"}
# instructions to the patient: "told him to ...", "you should ..."
PT_VERBS = {"weigh", "walk", "soak", "gargle", "lift", "keep", "try", "stop", "push", "avoid", "limit", "cut",
            "raise", "eat", "watch", "wash", "use",
            "take", "hold", "strain", "suction", "feed", "moisturize", "count", "drink", "clean", "advance",
            "elevate", "return", "mask", "isolate", "log", "bring", "apply", "stay", "wear", "carry"}
PT_LEADS = ["told {him} to", "advised {him} to", "{he} should", "{he}'ll", "instructed {him} to", "asked {him} to",
            "recommend {he}", "encouraged {him} to"]
PAST = {"irrigated", "repaired", "removed", "cauterized", "did", "performed", "talked", "reviewed", "told",
        "gave", "filled", "took", "done", "placed", "explained", "discussed"}
ASIDE_VERBS = {"get", "check", "order", "schedule", "send", "book", "call", "page", "draw", "set", "strain",
               "bring", "culture", "repeat"}

NOMINAL_LEADS = ["plan:", "", "plan,", "recommend", "and", "also", "plus", "we'll do", "I recommended",
                 "advised", "so,", "for the plan,"]
PAST_LEADS = ["", "we", "I", "so we", "", "we", "already", "and we"]
RES_LEADS = ["", "results:", "point of care,", "in clinic,", "and", "also", "labs,", "we checked,"]
PEDS_SOURCE = ["mom says", "per mom,", "dad reports", "parents say", "according to mom,", "mom reports",
               "dad says", "per the parents,"]


def plan_form(text):
    w = text.split(" ", 1)[0]
    if w in PAST:
        return "past"
    if w in VERBS:
        return "verb"
    if w in PT_VERBS:
        return "pt"
    return "nominal"


def an(phrase):
    """The article before a spoken age: 'an 84 year old', 'an eighteen month old', 'a 58 year old'."""
    w = phrase.split(" ", 1)[0].lower()
    if w.startswith(("eight", "eleven", "8")) or w in ("11", "18") or w.startswith(("11-", "18-")):
        return "an"
    return "a"


class Speaker:
    """Renders facts as spoken text for one case; remembers corrections it made."""

    def __init__(self, ch, case):
        self.ch, self.case = ch, case
        self.terse = case.style == "rushed dictation"

    # -- little pieces
    def corr(self):
        return self.ch.pick(PH.CORRECTIONS)

    def age_say(self):
        ch, case = self.ch, self.case
        if case.age_months is not None and case.age_months < 24:
            n = case.age_months
            return say_number(str(n), ch.rng, 0.6) + ch.pick([" month old", "-month-old", " mo", " month old"])
        return say_number(str(case.age), ch.rng, 0.5, colloquial=False)

    def demo_say(self, inst, with_name):
        ch, case = self.ch, self.case
        age = self.age_say()
        if case.age_months is not None and case.age_months < 24:
            age_phrase = age
            sexw = ch.pick(PH.CHILD_F if case.sex == "F" else PH.CHILD_M)
            core = ch.pick([age_phrase + " " + sexw, an(age_phrase) + " " + age_phrase + " " + sexw,
                            age_phrase + " " + sexw])
        elif case.child or case.age < 18:
            sexw = ch.pick(PH.CHILD_F if case.sex == "F" else PH.CHILD_M)
            core = ch.pick([age + " year old " + sexw, age + "-year-old " + sexw, an(age) + " " + age + " year old " +
                            sexw, age + " yo " + sexw])
        else:
            sexw = ch.pick(PH.ADULT_F if case.sex == "F" else PH.ADULT_M)
            if sexw in ("M", "F"):
                forms = [age + " " + sexw, age + " year old " + sexw] + ([age + sexw] if age.isdigit() else [])
                core = ch.pick(forms) if self.terse or ch.chance(0.5) else \
                    age + " year old " + ("male" if sexw == "M" else "female")
            elif sexw.startswith("year old") or sexw.startswith("yo"):
                core = age + " " + sexw
            else:
                core = ch.pick([age + " year old " + sexw, age + "-year-old " + sexw, an(age) + " " + age +
                                " year old " + sexw, age + " y/o " + sexw])
        if case.ga is not None:
            ga = say_number(str(case.ga), ch.rng, 0.5)
            gp = ""
            if case.gp:
                g, p = case.gp
                gp = ch.pick(["G" + str(g) + "P" + str(p), "G" + str(g) + " P" + str(p),
                              "G " + ONEW[g] + " P " + ONEW[p], "gravida " + ONEW[g] + " para " + ONEW[p]])
            core = core.replace(" woman", "").replace(" female", "").replace(" lady", "").replace("F", "").strip()
            if gp:
                core = ch.pick([core + " " + gp + " at " + ga + " weeks", core + ", " + gp + ", " + ga + " weeks",
                                core + " " + gp + ", " + ga + " weeks along"])
            else:
                core = ch.pick([core + ", " + ga + " weeks pregnant", core + " at " + ga + " weeks",
                                core + ", " + ga + " weeks gestation"])
        if with_name and not self.terse:
            title = ("Ms. " if case.sex == "F" else "Mr. ") if not case.child else ""
            nm = ch.pick([case.first + " " + case.last, title + case.last if title else case.first,
                          case.first, case.first + " " + case.last])
            core = ch.pick([nm + ", " + core, nm + " is " + (core if core.startswith(("a ", "an ")) else
                                                             an(core) + " " + core), nm + ", " + core])
        return core

    def side_corrected(self, text, inst, fact):
        """Says the wrong side first: 'the right, no wait, left knee'."""
        if not inst or not inst.side or inst.side not in text:
            return text
        wrong = "left" if inst.side == "right" else "right"
        fact.corrected = ("side", wrong)
        return text.replace(inst.side, wrong + ", " + self.corr() + " " + inst.side, 1)

    def cc_say(self, inst, fact, correct=None):
        ch, case = self.ch, self.case
        t = fill(ch.pick(inst.cc.say), case, inst)
        if correct == "side":
            t = self.side_corrected(t, inst, fact)
        d = ""
        if inst.dur:
            d = dur_say(ch, inst, terse=self.terse)
            if correct == "dur":
                n, unit, about = inst.dur
                wrong = n + ch.pick([-1, 1, 2]) if n > 1 else n + 1
                w = (say_number(str(wrong), ch.rng, 0.7) + " " + (unit if wrong != 1 else unit[:-1]))
                fact.corrected = ("dur", wrong)
                d = ch.pick(["for " + w + ", " + self.corr() + " " + d, d.split(" ")[0] + " " + w + ", " +
                             self.corr() + " " + " ".join(d.split(" ")[1:]) if d.startswith("for ") else
                             w + ", " + self.corr() + " " + d])
        return t, d

    def med_say(self, med, fact, correct=False, lay=False):
        ch = self.ch
        if lay:
            m = med.copy()
            parts = [m.drug]
            counted = m.unit in ("drops", "puffs", "sprays")
            if m.form and counted:
                parts.append(m.form)
            if m.said_dose:
                parts.append(m.say_dose(ch))
            if m.form and m.form not in ("IM", "IV", "PO") and not counted:
                parts.append(m.form)
            if m.said_freq:
                parts.append(LAY_FREQ.get(m.freq, FREQ[m.freq][1][0]))
            return " ".join(p for p in parts if p)
        if correct and med.alts:
            t = med.say(ch, correction=self.corr())
            fact.corrected = ("dose", med.corrected_from)
            return t
        return med.say(ch)

    def vitals_say(self, vitals, fact, correct=False):
        ch = self.ch
        out = []
        target = None
        if correct:
            cands = [v for v in vitals if v.kind in ("BP", "HR", "T", "SpO2") and not v.afebrile]
            if cands:
                target = ch.pick(cands)
                if target.kind == "BP":
                    target.wrong = (str(int(target.value) + 2 * ch.randint(4, 10)), str(int(target.value2) + 2 *
                                                                                       ch.randint(1, 4)))
                elif target.kind == "T":
                    d = 0.1 * ch.randint(2, 8)
                    target.wrong = ("%.1f" % (float(target.value) + (d if ch.chance(0.5) else -d)), None)
                else:
                    target.wrong = (str(int(target.value) + ch.pick([-6, -4, 4, 6, 10])), None)
                    if target.kind == "SpO2" and int(target.wrong[0]) > 100:
                        target.wrong = (str(int(target.value) - 3), None)
                fact.corrected = ("vital", target)
        for v in vitals:
            out.append(v.say(ch, correction=self.corr() if v is target else None))
        return out

    def fu_say(self, fact, person=3, correct=False):
        ch, case = self.ch, self.case
        iv = fact.interval
        him = "you" if person == 2 else ("her" if case.sex == "F" else "him")
        if iv == "prn":
            return ch.pick(["follow up as needed", "follow-up PRN", "back as needed", "f/u prn", "return as needed",
                            "see " + him + " as needed", "follow up if not improving", "follow up p.r.n."])
        if iv.startswith("after") or iv.startswith("with"):
            return ch.pick(["follow up " + iv, "see {him} back " + iv, "follow-up " + iv,
                            "recheck " + iv]).replace("{him}", "you" if person == 2 else
                                                      ("her" if case.sex == "F" else "him"))
        n, unit = iv.split(" ")
        num = say_number(n, ch.rng, 0.7)
        if n == "1" and ch.chance(0.6):
            num = "a" if unit != "hour" else "an"
        span = num + " " + unit
        if correct:
            alts = {"1 week": "2 weeks", "2 weeks": "3 weeks", "3 weeks": "2 weeks", "4 weeks": "6 weeks",
                    "6 weeks": "4 weeks", "3 months": "6 months", "6 months": "3 months", "1 month": "2 months",
                    "2 months": "3 months"}
            if iv in alts:
                wn, wu = alts[iv].split(" ")
                wrong = say_number(wn, ch.rng, 0.7) + " " + wu
                span = wrong + ", " + self.corr() + " " + span
                fact.corrected = ("fu", alts[iv])
        him = "you" if person == 2 else ("her" if case.sex == "F" else "him")
        return ch.pick(["see " + him + " back in " + span, "follow up in " + span, "recheck in " + span,
                        "return to clinic in " + span, "follow-up " + span, "back in " + span,
                        "f/u " + span, "follow up " + span, "see " + him + " in " + span,
                        "have " + him + " come back in " + span, "recheck " + span, "RTC " + span])

    def ret_say(self, fact, person=3):
        ch, case = self.ch, self.case
        conds = [fill(ch.pick(c.say), case, fact.inst, person) for c in fact.items]
        c = join_and(conds, "or")
        he = "you" if person == 2 else ("she" if case.sex == "F" else "he")
        if person == 2:
            return ch.pick(["if you notice " + c + ", come back right away", "come back if there's " + c,
                            "if there's " + c + ", come straight back", "come back in for " + c,
                            "watch for " + c + " and come back if you see it"])
        return ch.pick(["return precautions for " + c, "return if " + c, "come back if " + c,
                        he + " knows to come back for " + c, "return precautions given, " + c,
                        "if " + c + ", back in", "ER if " + c, "told " + ("her" if case.sex == "F" else "him")
                        + " to come back for " + c])

    def plan_item_say(self, fact, person=3, lead=True, correct=False):
        """A plan entry as a clause. Returns (text, form) where form is verb/nominal/past."""
        ch, case = self.ch, self.case
        him = "you" if person == 2 else ("her" if case.sex == "F" else "him")
        his = "your" if person == 2 else ("her" if case.sex == "F" else "his")
        if fact.pt == "item":
            t = fill(ch.pick(fact.item.say), case, fact.inst, person)
            return t, plan_form(t)
        k, med, drug = fact.mkind, fact.med, fact.drug
        if k == "stop":
            return ch.pick(["stop the " + drug, "discontinue " + drug, "d/c the " + drug,
                            "get " + him + " off the " + drug, "stop " + his + " " + drug]), "verb"
        if k in ("inc", "dec"):
            med.said_freq = ch.chance(0.5)
            fact.said_from = fact.frm is not None and ch.chance(0.5)
            new = med.say_dose(ch)
            if med.said_freq:
                new += " " + ch.pick(FREQ[med.freq][1])
            if fact.said_from:
                old = med.say_dose(ch, fact.frm)
                verb = "increase" if k == "inc" else "decrease"
                return ch.pick([verb + " the " + drug + " from " + old + " to " + new,
                                ("bump" if k == "inc" else "drop") + " the " + drug + " from " + old + " to " + new,
                                ("go up on" if k == "inc" else "come down on") + " " + his + " " + drug + " from "
                                + old + " to " + new]), "verb"
            if k == "inc":
                return ch.pick(["increase " + drug + " to " + new, "bump the " + drug + " up to " + new,
                                "go up on the " + drug + " to " + new, "up " + his + " " + drug + " to " + new,
                                "increase the " + drug + " to " + new]), "verb"
            return ch.pick(["decrease " + drug + " to " + new, "cut the " + drug + " back to " + new,
                            "drop the " + drug + " down to " + new, "reduce " + drug + " to " + new]), "verb"
        if k == "cont":
            med.said_dose = ch.chance(0.6)
            med.said_freq = med.said_dose and ch.chance(0.7)
            med.said_dur = med.dur is not None and ch.chance(0.7)
            m = self.med_say(med, fact, correct and med.said_dose)
            return ch.pick(["continue " + m, "keep " + him + " on " + m, "continue the " + m,
                            "stay on " + m if person == 2 else "keep " + him + " on " + m]), "verb"
        if k == "refill":
            med.said_dose = ch.chance(0.7)
            med.said_freq = med.said_dose and ch.chance(0.6)
            m = self.med_say(med, fact, False)
            return ch.pick(["refill " + his + " " + m, "refill " + m, "send refills for " + m,
                            "renew " + his + " " + m]), "verb"
        if k == "given":
            med.said_freq = False
            m = self.med_say(med, fact, False)
            if person == 2:
                return ch.pick(["we gave you " + m, "you got " + m + " here"]), "past"
            he = "she" if case.sex == "F" else "he"
            return ch.pick(["gave " + him + " " + m + " here", m + " given", "we gave " + m,
                            he + " got " + m + " here", "already gave " + m, m + " given in the department"
                            if case.specialty == "emergency" else m + " given in clinic"]), "past"
        # rx
        med.said_dur = med.dur is not None and ch.chance(0.8)
        m = self.med_say(med, fact, correct)
        if person == 2:
            return ch.pick(["start you on " + m, "send in " + m, "put you on " + m, "prescribe " + m,
                            "give you " + m]), "verb"
        if ch.chance(0.3):
            return ch.pick([m, "Rx " + m, m + ", sent to the pharmacy", "new prescription for " + m,
                            m + ", sending that in"]), "nominal"
        return ch.pick(["start " + him + " on " + m, "start " + m, "put " + him + " on " + m, "prescribe " + m,
                        "send in " + m, "give " + him + " " + m, "write for " + m, "go with " + m]), "verb"


ONEW = ["zero", "one", "two", "three", "four", "five", "six"]
LAY_FREQ = {"qd": "once a day", "bid": "twice a day", "tid": "three times a day", "qid": "four times a day",
            "qhs": "at night", "qam": "in the morning", "q6prn": "every six hours when I need it",
            "q8prn": "every eight hours if I need it", "q46prn": "every four to six hours when I need it",
            "prn": "when I need it",
            "weekly": "once a week", "once": "once", "q12": "every twelve hours", "q8": "every eight hours"}
ALLERGY_LAY = {
    "penicillin (rash)": ["Penicillin, I get a rash.", "I'm allergic to penicillin. Rash.",
                          "Penicillin gives me a rash."],
    "sulfa": ["Sulfa drugs.", "I'm allergic to sulfa."],
    "codeine (nausea)": ["Codeine makes me throw up.", "Codeine, it makes me sick."],
    "latex": ["Latex.", "Just latex."],
    "amoxicillin (swelling)": ["Amoxicillin, my face swells up.", "Amoxicillin. I swelled up on it."],
    "NKDA": ["No, none.", "Not that I know of.", "No allergies.", "Nope."],
}


# ---------------------------------------------------------------------------------------------- dictation

TERSE = [("shortness of breath", "SOB"), ("year old", "yo"), ("follow up", "f/u"), ("follow-up", "f/u"),
         ("history of", "hx of"), ("complaining of", "c/o"), ("blood pressure", "BP"), ("temperature", "temp"),
         ("nausea or vomiting", "N/V"), ("without", "w/o"), ("patient", "pt"), ("physical therapy", "PT"),
         ("three times a day", "TID"), ("twice a day", "BID"), ("once a day", "daily"), ("as needed", "PRN")]


class Seg:
    def __init__(self, key, sec, text, facts, kind, vitals=None):
        self.key, self.sec, self.text, self.facts, self.kind = key, sec, text, facts, kind
        self.vitals = vitals or []


def choose_corrections(ch, case):
    """Which facts the speaker will say wrong first and then correct."""
    style = case.style
    p1 = {"dictation": 0.4, "raw speech-to-text": 0.4, "rushed dictation": 0.2, "transcript": 0.2}[style]
    if case.edge == "quick note":
        p1 = 0.15
    n = 0
    if ch.chance(p1):
        n = 2 if ch.chance(0.15) else 1
    elig = []
    for f in case.facts:
        if f.kind == "cc":
            if f.inst.side:
                elig.append(("side", f))
            if f.inst.dur and case.style != "transcript":
                elig.append(("dur", f))
        elif f.kind == "vitals" and case.style != "transcript":
            elig.append(("vital", f))
        elif f.kind == "plan" and f.pt == "med" and f.mkind in ("rx", "cont") and f.med and f.med.alts:
            elig.append(("dose", f))
        elif f.kind == "fu" and f.interval not in ("prn",) and not f.interval.startswith(("after", "with")):
            elig.append(("fu", f))
    picked = ch.sample(elig, n)
    out = {}
    for kind, f in picked:
        if id(f) not in out:
            out[id(f)] = kind
    return out


def neg_say(ch, case, fact, person=3):
    items = [fill(ch.pick(x.say), case, fact.inst, person) for x in fact.items]
    form = ch.rng.random()
    he = "she" if case.sex == "F" else "he"
    if form < 0.35:
        return ", ".join("no " + x for x in items)
    lead = fill(ch.pick(PH.NEG_LEADS), case)
    if lead in ("no", "there's no", "no reported", "no complaints of") or lead.endswith("reports no"):
        return lead + " " + join_and(items, "or")
    return lead + " " + join_and(items, "or")


def render_dictation(ch, case):
    sp = Speaker(ch, case)
    style = case.style
    terse = style == "rushed dictation"
    corrections = choose_corrections(ch, case)
    segs = []
    two_seq = ch.chance(0.5)
    quick = case.edge == "quick note"

    def off(inst, sec_key):
        idx = case.problems.index(inst) if inst in case.problems else 0
        if idx == 0:
            return sec_key
        return sec_key + (100 if two_seq else 0.5)

    # -- opening: who, and the chief complaint
    inst0 = case.problems[0]
    name = ch.pick([case.first + " " + case.last, ("Mrs. " if case.sex == "F" else "Mr. ") + case.last,
                    case.first + " " + case.last]) if not case.child else case.first + " " + case.last
    open_line = ""
    if case.tele == "video":
        open_line = ch.pick(PH.OPEN_TELE)
    elif case.tele == "phone":
        open_line = ch.pick(PH.OPEN_PHONE)
    elif ch.chance({"dictation": 0.55, "raw speech-to-text": 0.5, "rushed dictation": 0.15}[style] *
                   (0.5 if quick else 1)):
        open_line = ch.pick(PH.OPEN_ED if case.specialty == "emergency" and ch.chance(0.6) else PH.OPEN_DICT)
    named = "{name}" in open_line
    open_line = open_line.replace("{name}", name).replace("{doc}", case.doc).replace("{room}", case.room)
    cc_fact = [f for f in case.facts if f.kind == "cc" and f.inst is inst0][0]
    cc, dur = sp.cc_say(inst0, cc_fact, corrections.get(id(cc_fact)))
    demo = sp.demo_say(inst0, with_name=not named and ch.chance(0.35))
    if case.child and ch.chance(0.4) and not terse:
        demo += " " + ch.pick(["brought in by mom", "here with dad", "with mom today", "brought in by parents",
                               "here with mom", "accompanied by dad"])
    he = "she" if case.sex == "F" else "he"
    He = he.capitalize()
    if inst0.p.visit == "for":
        verb = ch.pick(["here for", "in for", "seen today for", "presenting for", "coming in for", "here today for",
                        "in today for", "who comes in for"])
        first = demo + " " + verb + " " + cc
        if terse:
            first = ch.pick([demo + ", " + cc, demo + " for " + cc, cc + ", " + demo])
    else:
        d = (" " + dur) if dur else ""
        verb = ch.pick(["with", "presenting with", "complaining of", "comes in with", "here with", "in today with",
                        "c/o", "who presents with", "seen for", "presents with", "here for", "coming in with"])
        r = ch.rng.random()
        if terse:
            first = ch.pick([demo + ", " + cc + d, demo + " c/o " + cc + d, cc + d + ", " + demo])
        elif r < 0.55:
            first = demo + " " + verb + " " + cc + d
        elif r < 0.75:
            first = demo + ". Chief complaint " + cc + (", " + dur if dur else "")
        elif r < 0.9 and dur and not inst0.p.ago and inst0.dur[1] != "hours":
            first = demo + ". " + He + "'s had " + cc + " " + dur
        else:
            first = demo + ", " + verb + " " + cc + d
    if open_line:
        segs.append(Seg(0, "S", open_line.rstrip("."), [], "open"))
    segs.append(Seg(0.1, "S", first, [cc_fact], "cc"))

    # -- the rest of the facts
    pending_plan = []
    for f in case.facts:
        inst = f.inst
        k = f.kind
        if k == "cc":
            if inst is inst0:
                continue
            c2, d2 = sp.cc_say(inst, f, corrections.get(id(f)))
            lead = fill(ch.pick(PH.TWO_PROBLEM_LEADS), case)
            if inst.p.visit == "for":
                t = lead + " " + ch.pick(["here for " + c2, c2, "due for " + c2,
                                          "needs " + c2])
            else:
                t = lead + " " + c2 + ((" " + d2) if d2 else "")
            segs.append(Seg(off(inst, 1), "S", t, [f], "cc2"))
        elif k == "hx":
            t = fill(ch.pick(f.item.say), case, inst)
            if case.child and ch.chance(0.4):
                t = ch.pick(PEDS_SOURCE) + " " + t
            segs.append(Seg(off(inst, 2 + ch.rng.random()), "S", t, [f], "hx"))
        elif k == "pos":
            items = [fill(ch.pick(x.say), case, inst) for x in f.items]
            lead = fill(ch.pick(PH.HPI_LEADS_POS), case)
            segs.append(Seg(off(inst, 3), "S", lead + " " + join_and(items), [f], "hx"))
        elif k == "neg":
            segs.append(Seg(off(inst, 4), "S", neg_say(ch, case, f), [f], "hx"))
        elif k == "pain":
            n = say_number(f.value, ch.rng, 0.7)
            segs.append(Seg(off(inst, 4.5), "S", ch.pick(["pain " + n + " out of ten", "rates the pain " + n +
                                                         " out of 10", n + " out of ten pain", "pain is a " + n +
                                                         "/10", "pain score " + n, "pain about " + n + " out of 10"]),
                            [f], "hx"))
        elif k == "pmh":
            items = [ch.pick(x.say) for x in f.items]
            segs.append(Seg(5, "S", fill(ch.pick(["history of", "PMH", "past history significant for",
                                                  "{he} has a history of", "background of", "known",
                                                  "past medical history of", "{he} has"]), case) + " " +
                            join_and(items), [f], "hx"))
        elif k == "hmed":
            if not f.meds:
                t = ch.pick(["no regular meds", "takes no medications", "no meds", "not on any medications",
                             "no daily medications", "doesn't take anything regularly"])
            else:
                for m in f.meds:
                    m.said_dose = ch.chance(0.85)
                    m.said_freq = m.said_dose and ch.chance(0.75)
                ms = [m.say(ch) for m in f.meds]
                t = fill(ch.pick(["meds: ", "{he}'s on ", "takes ", "current meds ", "medications include ",
                                  "on ", "{his} meds are ", "home meds "]), case) + join_and(ms)
            segs.append(Seg(off(inst, 6) if inst else 6, "S", t, [f], "hx"))
        elif k == "allergy":
            said = fill(ch.pick(f.item.say), case)
            if f.item.note == "NKDA":
                t = said
            else:
                t = ch.pick(["allergic to " + said, "allergies: " + said, "allergy to " + said,
                             "{he}'s allergic to ".replace("{he}", he) + said, "allergies " + said])
            segs.append(Seg(7, "S", t, [f], "hx"))
        elif k == "social":
            segs.append(Seg(8, "S", fill(ch.pick(f.item.say), case), [f], "hx"))
        elif k == "vitals":
            texts = sp.vitals_say(f.vitals, f, corrections.get(id(f)) == "vital")
            if ch.chance(0.6) or len(texts) == 1:
                lead = fill(ch.pick(PH.VITAL_LEADS), case).replace("her vitals", he == "she" and "her vitals"
                                                                    or "his vitals")
                t = (lead + " " if ch.chance(0.75) else "") + ", ".join(texts)
                segs.append(Seg(10, "O", t, [f], "vital", vitals=list(f.vitals)))
            else:
                for v, t in zip(f.vitals, texts):
                    form = ch.pick(["{v}", "{v} today", "oh, {v}", "{v} by the way", "{v} at triage",
                                    "nurse got {v}", "and {v}", "{v} here"])
                    key = ch.pick([10, 10, 1.5, 4.8, 11.5, 21])
                    segs.append(Seg(key, "O", form.replace("{v}", t), [f], "vital", vitals=[v]))
        elif k == "exam":
            segs.append(Seg(off(inst, 11), "O", fill(ch.pick(f.item.say), case, inst), [f], "exam"))
        elif k == "res":
            lead = ch.pick(RES_LEADS)
            segs.append(Seg(off(inst, 12), "O", (lead + " " if lead else "") + fill(ch.pick(f.item.say), case, inst),
                            [f], "res"))
        elif k == "video":
            t = fill(ch.pick(f.item.say), case)
            segs.append(Seg(11, "O", ch.pick(["on video, " + t, "on camera, " + t, t + " on video", t]), [f], "exam"))
        elif k == "dx":
            lead = fill(ch.pick(PH.DX_LEADS), case)
            segs.append(Seg(off(inst, 20), "A", lead + " " + fill(ch.pick(f.item.say), case, inst), [f], "dx"))
        elif k in ("plan", "fu", "ret"):
            pending_plan.append(f)

    # exam findings: one lead for the first of each run (done after ordering, below)
    # -- the plan: grouped, with some items spoken as staff asides
    first_plan = True
    for f in pending_plan:
        inst = f.inst
        cor = corrections.get(id(f))
        if f.kind == "fu":
            t = sp.fu_say(f, correct=cor == "fu")
            if ch.chance(0.2) and not terse and f.interval != "prn":
                staff = case.staff
                t2 = ch.pick(["{staff}, can you book {him} " + ("in " if not t.startswith("follow") else "") +
                              t.split(" in ")[-1] if " in " in t else "{staff}, can you schedule a follow-up, " + t,
                              "{staff}, schedule a follow-up " + ("in " + t.split(" in ")[-1] if " in " in t else t)])
                t = t2.replace("{staff}", staff).replace("{him}", "her" if case.sex == "F" else "him")
                segs.append(Seg(ch.pick([32, 32, 9, 15]) if inst is inst0 else off(inst, 32), "P", t, [f],
                                "aside_plan"))
                continue
            segs.append(Seg(off(inst, 32), "P", t, [f], "fu"))
            continue
        if f.kind == "ret":
            segs.append(Seg(off(inst, 31), "P", sp.ret_say(f), [f], "plan"))
            continue
        text, form = sp.plan_item_say(f, correct=cor == "dose")
        first_word = text.split(" ", 1)[0]
        if form == "verb" and first_word in ASIDE_VERBS and ch.chance(0.25) and not terse:
            lead = ch.pick(PH.ASIDE_PLAN_LEADS).replace("{staff}", case.staff)
            segs.append(Seg(ch.pick([30, 30, 1.2, 9, 15, 25]) if inst is inst0 else off(inst, 30), "P",
                            lead + " " + text, [f], "aside_plan"))
            continue
        if form == "verb":
            lead = ch.pick(PH.PLAN_LEADS) if first_plan else ch.pick(PH.PLAN_MORE + PH.PLAN_LEADS)
        elif form == "pt":
            lead = fill(ch.pick(PT_LEADS), case)
        elif form == "past":
            # "we gave ..." takes a subject; "ketorolac 15 mg given" does not
            lead = ch.pick(PAST_LEADS) if text.split(" ", 1)[0] in PAST else ""
        else:
            lead = ch.pick(NOMINAL_LEADS) if first_plan else ch.pick(["and", "also", "plus", "", ""])
        first_plan = False
        segs.append(Seg(off(inst, 30 + 0.01 * len(segs)), "P", (lead + " " if lead else "") + text, [f], "plan"))

    # -- noise: asides to staff
    n_aside = {"dictation": 1.0, "raw speech-to-text": 1.0, "rushed dictation": 0.3}[style]
    if quick:
        n_aside *= 0.3
    used = []
    for _ in range(2):
        if ch.chance(0.35 * n_aside):
            a = ch.pick(PH.ASIDES).replace("{staff}", case.staff).replace("{room}", str(ch.randint(1, 14)))
            if a not in used:
                used.append(a)
                segs.append(Seg(ch.rng.random() * 35 + 0.5, "N", a, [], "aside"))
    for _ in range(2):
        if ch.chance(0.3 * n_aside * case.rich) and not case.child:
            a = fill(ch.pick(PH.CHATTER), case)
            if a not in used:
                used.append(a)
                segs.append(Seg(ch.rng.random() * 35 + 0.5, "N", a, [], "chatter"))
    if not quick and ch.chance({"dictation": 0.4, "raw speech-to-text": 0.35, "rushed dictation": 0.1}[style]):
        segs.append(Seg(500, "N", ch.pick(PH.CLOSE_DICT).rstrip("."), [], "close"))

    # -- order: facts out of order
    for s in segs:
        if s.sec == "S" and s.kind == "hx" and ch.chance(0.35):
            s.key += ch.rng.random() * 5 - 2.5  # shuffle within the history
    if ch.chance(0.25):
        for s in segs:
            if s.kind == "vital" and s.key == 10:
                s.key = 0.5  # vitals first, "vitals from triage"
    if ch.chance(0.2):
        for s in segs:
            if s.kind == "dx":
                s.key -= 10.5  # assessment before the exam
    first_facts = lambda s: all(f.inst is None or f.inst is inst0 for f in s.facts)
    if ch.chance(0.2):
        ps = [s for s in segs if s.sec == "P" and s.kind == "plan" and first_facts(s)]
        if ps:
            ch.pick(ps).key = ch.pick([9.5, 10.5, 1.5])  # a plan item before the exam
    if ch.chance(0.2):
        hs = [s for s in segs if s.sec == "S" and s.kind == "hx" and first_facts(s)]
        if hs:
            ch.pick(hs).key = ch.pick([12.5, 21, 33])  # "oh, and she denies any fever" after the exam
    order = sorted(range(len(segs)), key=lambda i: (segs[i].key, i))
    segs = [segs[i] for i in order]
    # exam leads go on the first finding of each run of findings
    prev = None
    for s in segs:
        if s.kind == "exam" and prev != "exam":
            lead = fill(ch.pick(PH.EXAM_LEADS), case)
            if ch.chance(0.85):
                s.text = lead + " " + s.text
        prev = s.kind

    # -- the edge case that stops mid-sentence
    case.cut = False
    if case.edge == "stops mid-sentence":
        segs = [s for s in segs if s.kind != "close"]
        n = len(segs)
        lo = max(2, int(n * 0.45))
        if n - lo >= 1:
            c = ch.randint(lo, n - 1)
            dropped = segs[c:]
            segs = segs[:c]
            for s in dropped:
                for f in s.facts:
                    if f.kind == "vitals":
                        for v in s.vitals:
                            v.dead = True
                    else:
                        f.alive = False
            kind = dropped[0].kind
            fk = {"plan": "plan", "aside_plan": "plan", "fu": "plan", "exam": "exam", "res": "exam",
                  "vital": "vital", "dx": "dx"}.get(kind, "hx")
            frag = fill(ch.pick(PH.CUT_FRAGMENTS[fk]), case)
            segs.append(Seg(999, "N", frag, [], "cut"))
            case.cut = True
    # record the order the facts were said in
    for i, s in enumerate(segs):
        for f in s.facts:
            if f.pos == 0:
                f.pos = i + 1
    case.asides = [s.text for s in segs if s.kind == "aside"]
    case.n_asides = sum(1 for s in segs if s.kind in ("aside", "aside_plan"))
    # -- words: fillers, hesitations, joining
    p_fill = {"dictation": 0.22, "raw speech-to-text": 0.3, "rushed dictation": 0.07}[style]
    p_fill *= 0.0 if ch.chance(0.25) else 0.4 + 1.2 * ch.rng.random()  # some speakers never hesitate
    pieces = []
    for i, s in enumerate(segs):
        t = s.text.strip()
        if s.kind != "cut" and ch.chance(p_fill):
            fl = ch.pick(PH.FILLERS)
            words = t.split(" ")
            if ch.chance(0.7) or len(words) < 5:
                t = fl + ", " + decap(t)
            else:
                ks = [k for k in range(2, min(4, len(words) - 1) + 1)
                      if not (numberish(words[k - 1]) or numberish(words[k])) and
                      words[k - 1].lower() not in ("no", "not", "denies", "without", "negative", "any", "for") and
                      not words[k][:1].isupper() and not words[k - 1][:1].isupper()]  # names stay whole
                if ks:
                    k = ch.pick(ks)
                    t = " ".join(words[:k]).rstrip(",") + ", " + fl + ", " + " ".join(words[k:])
                else:
                    t = fl + ", " + decap(t)
        if ch.chance(0.05):
            w = t.split(" ")
            if len(w) > 2 and len(w[0]) <= 4:
                t = w[0] + " " + (decap(t) if w[0] not in KEEP_CAPS else t)
        if s.kind == "cut":
            t = t + ch.pick(["", "", " the", " uh", "..."]) if not t.endswith(",") else t.rstrip(",")
        pieces.append((t, s.kind))
    out = ""
    for i, (t, kind) in enumerate(pieces):
        if i == 0:
            out = cap(t)
            continue
        r = ch.rng.random()
        if kind == "exam" and not pieces[i][0].lower().startswith(tuple(l.split(" ")[0] for l in EXAM_LEAD_WORDS)):
            r = 0.0  # a bare finding starts its own sentence, so it cannot read as part of the history
        if kind == "cut":
            sep = ch.pick([". ", ", ", ". ", " and "]) if not out.endswith(".") else " "
        elif r < 0.68:
            sep = ". "
        elif r < 0.86:
            sep = ", "
        elif r < 0.92:
            sep = " and "
        elif r < 0.96:
            sep = "... "
        else:
            sep = " - "
        if out.endswith((".", "?", "!")):
            sep = " "
        nt = decap(t)
        if sep.startswith(".") or out.endswith((".", "?", "!")):
            nt = cap(t)
        out += sep + nt
    if not case.cut and not out.endswith((".", "?", "!")):
        out += "."
    if terse:
        for a, b in TERSE:
            if ch.chance(0.6):
                out = out.replace(a, b)
    if style == "raw speech-to-text":
        out = asr(out)
    return re.sub(r"\s+", " ", out).strip()


EXAM_LEAD_WORDS = [x.split(" ")[0].lower() for x in PH.EXAM_LEADS]
KEEP_CAPS = set(PH.FIRST_F + PH.FIRST_M + PH.LAST + PH.STAFF + [
    "I", "I'm", "I'll", "I've", "I'd", "Dr.", "Mr.", "Mrs.", "Ms.", "SOAP", "ED", "Tdap", "Shingrix", "Advil",
    "Tylenol", "Tums", "Flonase", "Eliquis", "Benadryl", "Motrin", "Pedialyte", "Debrox", "Flovent", "Aircast",
    "Rovsing's", "McMurray", "McMurray's", "Lachman", "Lachman's", "Tinel's", "Phalen's", "Hawkins", "Epley",
    "Brandt-Daroff", "Pfannenstiel", "Murphy", "Murphy's", "Ottawa", "Kiesselbach", "McBurney's", "Dix-Hallpike",
    "Holter", "Edinburgh", "Rx", "Telehealth", "Mom", "Dad", "Christmas", "Monday"])


def decap(t):
    """Lower-cases the first letter of a clause that follows a comma, unless it is a name or an acronym."""
    w = t.split(" ", 1)[0].rstrip(",.")
    if len(w) >= 2 and w[0].isupper() and w[1].islower() and w not in KEEP_CAPS:
        return t[0].lower() + t[1:]
    return t


NUMBER_WORDS = set("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                   "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                   "thousand point oh and a half over".split())


def numberish(w):
    w = w.lower().strip(",.")
    return w[:1].isdigit() or w in NUMBER_WORDS or w.split("-")[0] in NUMBER_WORDS


def asr(text):
    """Raw speech-to-text: lower case, hardly any punctuation (decimal points and slashes kept)."""
    t = text.lower()
    t = re.sub(r"(?<![0-9])[.](?![0-9])", "", t)
    t = re.sub(r"[.](?=\s)", "", t)
    t = re.sub(r"[,;:!?]", "", t)
    t = t.replace("...", " ").replace(" - ", " ")
    return t


# ---------------------------------------------------------------------------------------------- transcript

GREET_WITH = ["What brings you in today?", "So what's going on?", "How can I help you today?",
              "What can I do for you?", "Tell me what's been happening.", "So, what brings you in?",
              "What's bothering you today?", "How are you feeling? What brings you in?"]
GREET_FOR = ["Good to see you again. How have things been?", "So how have you been since last time?",
             "How's everything going?", "Nice to see you. How are things?", "Thanks for coming in. How are you doing?",
             "So, how have you been doing?"]
DOC_ASK_POS = ["Any {x}?", "Have you had any {x}?", "What about {x}?", "Any {x} with it?", "And {x}?"]
PAT_YES = ["Yeah, {x}.", "Yes, {x} too.", "A little, yeah. {X}.", "Mm-hm, {x}.",
           "Yes. {X}."]
DOC_ASK_NEG = ["Any {x}?", "Have you had {x}?", "No {x}?", "Anything like {x}?"]
PAT_NO = ["No.", "No, nothing like that.", "Nope.", "No, none of that.", "No, not really.", "Hmm, no."]
DOC_ASK_MED = ["Are you taking any medications?", "What medicines are you on?", "Any regular meds?",
               "Remind me what you take every day?"]
DOC_ASK_ALL = ["Any allergies to medicines?", "Are you allergic to anything?", "Any drug allergies?",
               "Allergies?"]
DOC_EXAM = ["Let me take a look.", "Okay, let me examine you.", "Let's have a listen.", "I'm going to check a few"
            " things.", "Hop up here for me.", "Let me have a look at that."]
DOC_EXAM_VIDEO = ["Let me have a look at you on the camera.", "Can you move a little closer to the camera?",
                  "Let me see you for a second."]
DOC_DX = ["I think this is {x}.", "So this looks like {x}.", "It's most likely {x}.", "What you have is {x}.",
          "I'm pretty sure this is {x}.", "This is consistent with {x}."]
DOC_PLAN = ["I'm going to {x}.", "We'll {x}.", "I want to {x}.", "Let's {x}.", "So I'll {x}.", "I'd like to {x}."]
SMALL_TALK = [("How's work been?", "Busy, you know how it is."), ("Did you find parking okay?", "Eventually."),
              ("How was the wait out there?", "Not too bad."),
              ("Are you still doing the gardening?", "When my back lets me."),
              ("How's the family?", "Good, everyone's good."), ("Busy week?", "Always."),
              ("Sorry to keep you waiting.", "No problem."), ("Did you bring your list?", "I forgot it, sorry."),
              ("Still walking the dog?", "Every morning."), ("How are you holding up otherwise?", "Okay, I guess.")]
PAT_END = ["Okay, thank you.", "Sounds good.", "Okay. Thanks, doctor.", "Alright, thanks.", "Great, thank you.",
           "Okay, will do."]
PAT_QUESTION_PARENT = ["How long until {he} feels better?", "Is it serious?", "Do we need to come back?",
                       "Can {he} go to school?"]
PAT_QUESTION = ["How long until I feel better?", "Is it serious?", "Do I need to come back?", "Okay. Anything else?",
                "Can I still go to work?"]


def lay_complaint(ch, case, inst):
    """The patient's own words for the complaint. Lay phrasings belong to one complaint item each (its note
    is what they say), so choosing one also fixes the note's wording."""
    with_lay = [c for c in inst.p.cc if c.lay]
    if with_lay:
        inst.cc = with_lay[0] if len(with_lay) == 1 else ch.pick(with_lay)
        return fill(ch.pick(inst.cc.lay), case, inst)
    if inst.p.visit == "for":
        return "I'm here for " + fill(ch.pick(inst.cc.say), case, inst)
    return "I've had " + fill(ch.pick(inst.cc.say), case, inst)


def render_transcript(ch, case):
    sp = Speaker(ch, case)
    corrections = choose_corrections(ch, case)
    labels = ch.pick([("Doctor", "Patient"), ("Doctor", "Patient"), ("Doctor", "Patient"), ("Dr.", "Pt."),
                      ("DOCTOR", "PATIENT"), ("Doctor", "Patient")])
    D, Pt = labels
    parent = case.child
    if parent:
        Pt = ch.pick(["Parent", "Mom", "Dad", "Parent"]) if labels[1] != "PATIENT" else "PARENT"
    turns = []  # (speaker, text, facts, kind)
    he = "she" if case.sex == "F" else "he"
    person_doc = 3 if parent else 2  # how the doctor refers to the patient

    def say(who, text, facts=(), kind="talk"):
        turns.append([who, text, list(facts), kind])

    inst0 = case.problems[0]
    cc_fact = [f for f in case.facts if f.kind == "cc" and f.inst is inst0][0]
    title = ("Ms. " if case.sex == "F" else "Mr. ") + case.last
    case.said_age = True
    intro = ch.rng.random()
    greet = ch.pick(GREET_FOR if inst0.p.visit == "for" else GREET_WITH)
    if intro < 0.35 and not case.tele:
        # the doctor states the basics for the recording first
        say(D, ch.pick(["Okay, recording. This is", "For the record, this is", "Starting the recording,",
                        "Alright, this is"]) + " " + case.first + " " + case.last + ", " +
            sp.demo_say(inst0, with_name=False) + ". " + greet, [], "open")
    elif intro < 0.7 and not parent and case.ga is None:
        say(D, "Hi " + title + ", " + greet[0].lower() + greet[1:], [], "open")
        case.ask_age = True
    elif parent:
        say(D, "Hi there. " + ch.pick(["And how old is " + case.first + " now?", "How old is " + he + " now?"]),
            [], "open")
        if case.age_months is not None and case.age_months < 24:
            ans = say_number(str(case.age_months), ch.rng, 0.6) + " months"
        else:
            ans = say_number(str(case.age), ch.rng, 0.6, False) + ch.pick(["", "", " years", " years old"])
        say(Pt, cap(ans) + ".", [], "age")
        say(D, greet, [], "talk")
    else:
        if case.tele:
            say(D, ch.pick(["Hi, can you hear me okay? This is Dr. " + case.doc + ".",
                            "Hi " + title + ", thanks for joining the " + ("video" if case.tele == "video" else "phone")
                            + " visit."]), [], "open")
            say(Pt, ch.pick(["Yes, I can hear you.", "Yep, loud and clear.", "Hi, yes."]), [], "talk")
            say(D, greet, [], "talk")
            case.said_age = False
        else:
            say(D, "Hi, I'm Dr. " + case.doc + ". " + greet, [], "open")
            case.said_age = False
    if case.tele and intro < 0.7:
        kind = "video" if case.tele == "video" else "phone"
        turns[0][1] = ch.pick(["This is a " + kind + " visit. ", "Telehealth " + kind + " visit. "]) + turns[0][1]
    elif case.tele:
        turns[0][1] = "Telehealth " + ("video" if case.tele == "video" else "phone") + " visit. " + turns[0][1]
    # the complaint
    if parent:
        c = fill(ch.pick(inst0.cc.say), case, inst0)
        if inst0.p.visit == "for":
            lay = ch.pick(["we're here for " + c, "it's " + c, "just " + c])
        else:
            lay = ch.pick(["{he}'s had " + c, "{he}'s got " + c, "we're here because {he} has " + c,
                           "{he} has " + c])
        lay = fill(lay, case, inst0)
    else:
        lay = lay_complaint(ch, case, inst0)
    line = cap(lay)
    if inst0.dur:
        n, unit, about = inst0.dur
        u = unit if n != 1 else unit[:-1]
        num = say_number(str(n), ch.rng, 0.8)
        if inst0.p.ago:
            ab = "about " if about else ""
            line += ch.pick([". It happened " + ab + num + " " + u + " ago", ", " + ab + num + " " + u + " ago"])
        elif unit == "hours":
            line += ch.pick([". It started " + ("about " if about else "") + num + " " + u + " ago",
                             ", started " + ("like " if about else "") + num + " " + u + " ago"])
        else:
            line += ch.pick([", for " + ("about " if about else "") + num + " " + u + " now",
                             ". It's been " + ("about " if about else "") + num + " " + u,
                             ", going on " + ("maybe " if about else "") + num + " " + u])
    say(Pt, line + ".", [cc_fact], "cc")
    if inst0.side and (parent or inst0.side not in line):
        say(D, ch.pick(["Which side?", "Left or right?", "Which one, left or right?",
                        "Is that the left or the right?"]))
        say(Pt, ch.pick(["The " + inst0.side + ".", cap(inst0.side) + ".", "The " + inst0.side + " one.",
                         "My " + inst0.side + "." if not parent else cap(inst0.side) + " side."]), [], "side")
    if case.ga is not None and not (intro < 0.35 and not case.tele):
        say(D, ch.pick(["And you're " + say_number(str(case.ga), ch.rng, 0.6) + " weeks now, right?",
                        "So you're " + say_number(str(case.ga), ch.rng, 0.6) + " weeks today."]), [], "ga")
        say(Pt, ch.pick(["Yes.", "Yep, " + str(case.ga) + " weeks.", "That's right."]), [], "ga")
        case.gp = None
    if getattr(case, "ask_age", False):
        say(D, ch.pick(["Okay. And you're " + say_number(str(case.age), ch.rng, 0.6, False) + " now, right?",
                        "Got it. Remind me, you're " + say_number(str(case.age), ch.rng, 0.6, False) + "?"]), [], "age")
        say(Pt, ch.pick(["Yes.", "That's right.", "Yep.",
                         cap(say_number(str(case.age), ch.rng, 0.6, False)) + ", yeah."]),
            [], "age")
    # history
    for f in case.facts:
        k = f.kind
        inst = f.inst
        if k == "cc" and inst is not inst0:
            if parent:
                lay2 = (fill(ch.pick(["{he} also has ", "{he}'s also got "]), case) +
                        fill(ch.pick(inst.cc.say), case, inst))
            else:
                lay2 = lay_complaint(ch, case, inst)
            if inst.side and inst.side not in lay2:
                lay2 += ", " + ch.pick(["on the " + inst.side, "the " + inst.side + " side", inst.side + " side"])
            lead = ch.pick(["Oh, and while I'm here, ", "Also, ", "One more thing. ", "And something else, "])
            t = lead + (cap(lay2) if lead.endswith(". ") else lay2)
            if inst.dur and inst.p.visit != "for":
                n, unit, about = inst.dur
                t += ", for " + say_number(str(n), ch.rng, 0.8) + " " + (unit if n != 1 else unit[:-1])
            say(Pt, t + ".", [f], "cc2")
        elif k == "hx":
            if parent:
                t = fill(ch.pick(f.item.say), case, inst)
            elif f.item.lay:
                t = fill(ch.pick(f.item.lay), case, inst)
            else:
                f.alive = False
                continue
            if ch.chance(0.4):
                say(D, ch.pick(["Anything else I should know?", "Okay. And?", "Tell me more.", "Go on.",
                                "What else is going on?", "Okay, anything else?"]))
            say(Pt, cap(t) + ".", [f], "hx")
        elif k == "pos":
            for x in f.items:
                s = fill(ch.pick(x.say), case, inst)
                if ch.chance(0.5) and len(s.split()) <= 3:
                    bare = re.sub(r"^(a |an |some |lots of |a lot of |a little |a few |more )", "", s)
                    ask = ch.pick(DOC_ASK_POS)
                    if parent:
                        ask = ch.pick(["Any {x}?", fill("Has {he} had any {x}?", case), "What about {x}?"])
                    say(D, ask.replace("{x}", bare))
                    say(Pt, ch.pick(PAT_YES).replace("{x}", s).replace("{X}", cap(s)), [f], "hx")
                else:
                    also = fill("{he}'s also got ", case) if parent else "I've also got "
                    say(Pt, ch.pick([cap(also) + s + ".", "And " + s + ".", "Oh, and " + s + ".",
                                     "There's " + s + " too."]), [f], "hx")
        elif k == "neg":
            items = [fill(ch.pick(x.say), case, inst) for x in f.items]
            say(D, ch.pick(DOC_ASK_NEG).replace("{x}", join_and(items, "or")))
            say(Pt, ch.pick(PAT_NO), [f], "hx")
        elif k == "pain":
            say(D, ch.pick(["How bad is the pain, out of ten?", "On a scale of one to ten?", "Rate the pain for me?"]))
            say(Pt, ch.pick(["Like a " + say_number(f.value, ch.rng, 0.8) + ".", "Maybe " + f.value + ".",
                             "I'd say " + say_number(f.value, ch.rng, 0.8) + " out of ten."]), [f], "hx")
        elif k == "pmh":
            say(D, ch.pick(["Any other medical problems?", "Any health conditions I should know about?"]))
            say(Pt, "Just " + join_and([x.say[0] for x in f.items]) + ".", [f], "hx")
        elif k == "hmed":
            say(D, ch.pick(DOC_ASK_MED))
            if not f.meds:
                say(Pt, ch.pick(["Nothing regular.", "No, nothing.", "None."]), [f], "hx")
            else:
                for m in f.meds:
                    m.said_dose = ch.chance(0.75)
                    m.said_freq = m.said_dose and ch.chance(0.7)
                lead = (ch.pick([fill("{he} takes ", case), "just ", ""]) if parent else
                        ch.pick(["just ", "I take ", "", "um, "]))
                say(Pt, cap(lead + join_and([sp.med_say(m, f, lay=True) for m in f.meds])) + ".", [f], "hx")
        elif k == "allergy":
            say(D, ch.pick(DOC_ASK_ALL))
            if parent and f.item.note != "NKDA":
                say(Pt, cap(fill("{he}'s allergic to ", case) + fill(ch.pick(f.item.say), case)) + ".", [f], "hx")
            else:
                say(Pt, ch.pick(ALLERGY_LAY[f.item.note]), [f], "hx")
        elif k == "social":
            if f.item.lay and not parent:
                say(Pt, cap(fill(ch.pick(f.item.lay), case)) + ".", [f], "hx")
            else:
                f.alive = False
    # small talk, no facts: only between two exchanges (before a doctor's turn that follows the patient)
    for _ in range(2):
        if ch.chance(0.25 * case.rich) and not parent:
            q, ans = ch.pick(SMALL_TALK)
            spots = [k for k in range(2, len(turns) + 1) if turns[k - 1][0] == Pt and
                     (k == len(turns) or turns[k][0] == D)]
            if spots and all(t[1] != q for t in turns):
                k = ch.pick(spots)
                turns[k:k] = [[D, q, [], "talk"], [Pt, ans, [], "talk"]]
    # exam
    obj = [f for f in case.facts if f.section == "O"]
    if obj:
        say(D, ch.pick(DOC_EXAM_VIDEO if case.tele else DOC_EXAM))
        for f in obj:
            if f.kind == "vitals":
                texts = sp.vitals_say(f.vitals, f, False)
                lead = ch.pick(["Okay, ", "So, ", "", "Nurse has ", ""])
                body = ", ".join(texts)
                say(D, (lead + decap(body) if lead else cap(body)) + ".", [f], "vital")
            elif f.kind in ("exam", "res"):
                lead = ch.pick(["Okay, ", "Alright, ", "Hmm, ", "", "So "])
                body = fill(ch.pick(f.item.say), case, f.inst, person_doc)
                say(D, (lead + body if lead else cap(body)) + ".", [f], "exam")
            elif f.kind == "video":
                say(D, "On video, " + fill(ch.pick(f.item.say),
                                                                                              case) + ".", [f], "exam")
    # assessment, plan
    for f in case.facts:
        if f.kind == "dx":
            say(D, ch.pick(DOC_DX).replace("{x}", fill(ch.pick(f.item.say), case, f.inst, person_doc)), [f], "dx")
    if ch.chance(0.3):
        say(Pt, fill(ch.pick(PAT_QUESTION_PARENT), case) if parent else ch.pick(PAT_QUESTION))
    for f in case.facts:
        if f.kind == "plan":
            text, form = sp.plan_item_say(f, person=person_doc, correct=corrections.get(id(f)) == "dose")
            text = text.rstrip(".")
            if form == "verb":
                t = ch.pick(DOC_PLAN).replace("{x}", text)
            elif form == "pt":
                t = ch.pick(["You should " + text + ".", "I'd like you to " + text + ".", "Try to " + text + ".",
                             "Make sure you " + text + "."])
            elif form == "past":
                t = cap(text) + "."
            else:
                t = ch.pick(["I'd recommend " + text + ".", "We'll do " + text + ".", cap(text) + ".",
                             "Plan is " + text + "."])
            say(D, t, [f], "plan")
        elif f.kind == "ret":
            say(D, cap(sp.ret_say(f, person=2)) + ".", [f], "plan")
    for f in case.facts:
        if f.kind == "fu":
            t = sp.fu_say(f, person=person_doc, correct=corrections.get(id(f)) == "fu")
            if t.startswith(("f/u", "RTC", "follow-up ")):
                t = "follow up " + t.split(" ", 1)[1]
            lead = ch.pick(["And let's ", "Let's ", "So, ", "", "I'd like to "]) if t.startswith(
                ("see", "have", "recheck", "follow up", "return")) else ch.pick(["And ", "", "So, "])
            say(D, (lead + t)[0].upper() + (lead + t)[1:] + ".", [f], "fu")
    if ch.chance(0.6):
        say(Pt, ch.pick(PAT_END))
    # cut
    case.cut = False
    if case.edge == "stops mid-sentence":
        n = len(turns)
        lo = max(3, int(n * 0.5))
        if n - lo >= 1:
            c = ch.randint(lo, n - 1)
            for t in turns[c:]:
                for f in t[2]:
                    f.alive = False
            kind = turns[c][3]
            fk = {"plan": "plan", "fu": "plan", "exam": "exam", "vital": "vital", "dx": "dx"}.get(kind, "hx")
            who = D if fk != "hx" else Pt
            if who == Pt and not parent:
                frag = ch.pick(["And I also", "Oh, and my", "The thing is, I've been", "And then I", "I've been, um,"])
            else:
                frag = fill(ch.pick(PH.CUT_FRAGMENTS[fk]), case, None, person_doc if fk != "hx" else 3)
            turns = turns[:c] + [[who, cap(frag), [], "cut"]]
            case.cut = True
    for i, t in enumerate(turns):
        for f in t[2]:
            if f.pos == 0:
                f.pos = i + 1
    # never-spoken facts (none expected) are dropped
    spoken = set()
    for t in turns:
        for f in t[2]:
            spoken.add(id(f))
    for f in case.facts:
        if id(f) not in spoken:
            f.alive = False
    lines = []
    p_um = 0.0 if ch.chance(0.3) else 0.2
    for who, text, _, kind in turns:
        if who == Pt and ch.chance(p_um) and kind != "cut":
            first = text.split(" ", 1)[0]
            keep = first in ("I", "I'm", "I've", "I'd", "I'll") or first[:1].isdigit()
            text = ch.pick(["Um, ", "Uh, ", "Well, ", "So, ", "Yeah, "]) + (
                text if keep else text[0].lower() + text[1:])
        lines.append(who + ": " + text)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- the note

CUT_NOTE = "Not dictated (dictation ends mid-sentence)."


def med_plan_note(f):
    med, k, drug = f.med, f.mkind, f.drug
    if k == "stop":
        return "Stop " + drug + "."
    if k in ("inc", "dec"):
        verb = "Increase" if k == "inc" else "Decrease"
        t = verb + " " + drug
        if getattr(f, "said_from", False):
            t += " from " + med.note_dose(f.frm) + " to " + med.note_dose()
        else:
            t += " to " + med.note_dose()
        if med.form and med.form not in ("IM", "IV", "PO"):
            t = t.replace(drug, drug + " " + med.form, 1) if med.unit in ("puffs", "drops", "sprays") else t
        if med.said_freq:
            t += " " + FREQ[med.freq][0]
        return t + "."
    if k == "given":
        parts = [drug, med.note_dose()]
        if med.form:
            parts.append(med.form)
        return "Given " + " ".join(parts) + "."
    verb = {"rx": "Start", "cont": "Continue", "refill": "Refill"}[k]
    return verb + " " + med_note(med) + "."


def med_note(med, dose=None):
    """A medicine in clinical notation; forms like inhaler or ear drops go before a puff or drop count."""
    if med.form and med.unit in ("puffs", "drops", "sprays"):
        parts = [med.drug, med.form]
        if med.said_dose:
            d = dose if dose is not None else med.dose
            u = med.unit if d != "1" else med.unit[:-1]
            parts.append(d + " " + u)
        if med.said_freq:
            parts.append(FREQ[med.freq][0])
        if med.dur and med.said_dur:
            parts.append("for " + med.dur)
        return " ".join(parts)
    return med.note(dose)


def fu_note(iv):
    if iv == "prn":
        return "Follow up as needed."
    if iv.startswith(("after", "with")):
        return "Follow up " + iv + "."
    return "Follow up in " + iv + "."


def note_sections(case):
    """The note as lists of sentences per section, from the facts the dictation kept."""
    alive = [f for f in case.facts if f.alive]
    S, O, A, P = [], [], [], []
    said_age = getattr(case, "said_age", True)

    def of(kind, inst="any"):
        fs = [f for f in alive if f.kind == kind and (inst == "any" or f.inst is inst)]
        return sorted(fs, key=lambda f: f.pos)

    for idx, inst in enumerate(case.problems):
        ccs = of("cc", inst)
        if not ccs:
            continue
        cc = fill(inst.cc.note, case, inst)
        dur = dur_note(inst) if inst.dur else ""
        if idx == 0:
            demo = demo_note(case, said_age)
            if not said_age and case.ga is not None:
                demo = "Patient at %d weeks' gestation" % case.ga
            if inst.p.visit == "for":
                S.append(demo + " here for " + cc + ".")
            else:
                S.append(demo + " with " + cc + dur + ".")
        else:
            S.append(("Also here for " + cc + ".") if inst.p.visit == "for" else ("Also reports " + cc + dur + "."))
        for f in of("hx", inst):
            S.append(fill(f.item.note, case, inst))
        for f in of("pos", inst):
            S.append("Reports " + join_and([fill(x.note, case, inst) for x in f.items]) + ".")
        for f in of("neg", inst):
            S.append("Denies " + join_and([fill(x.note, case, inst) for x in f.items]) + ".")
        for f in of("pain", inst):
            S.append("Pain " + f.value + "/10.")
        for f in of("hmed", inst):
            S.append(meds_sentence(f))
    for f in of("pmh"):
        S.append("History of " + join_and([x.note for x in f.items]) + ".")
    for f in of("hmed"):
        if f.inst is None:
            S.append(meds_sentence(f))
    for f in of("allergy"):
        S.append("Allergies: " + fill(f.item.note, case) + ".")
    for f in of("social"):
        S.append(fill(f.item.note, case))

    # objective
    vitals = []
    for f in of("vitals"):
        vitals += [v for v in f.vitals if not getattr(v, "dead", False)]
    vitals.sort(key=lambda v: VITAL_ORDER.index(v.kind))
    findings, results = [], []
    for inst in case.problems:  # each problem's findings, then its results
        findings += [fill(f.item.note, case, f.inst) for f in of("exam", inst)]
        findings += [fill(f.item.note, case, f.inst) for f in of("res", inst)]
    findings += [fill(f.item.note, case, f.inst) for f in of("video")]
    if case.tele:
        O.append("No exam performed (%s visit)." % ("telehealth" if case.tele == "video" else "telephone"))
        O += findings
    elif vitals or findings or results:
        if vitals:
            O.append(", ".join(v.note() for v in vitals) + ".")
        O += findings + results
    elif case.cut and not case.no_obj and any(f.section == "O" for f in case.facts):
        O.append("No vitals or exam findings dictated (dictation ends mid-sentence).")
    else:
        O.append("No vitals or exam findings dictated.")

    dxs = [f for f in alive if f.kind == "dx"]
    dxs.sort(key=lambda f: case.problems.index(f.inst))
    for f in dxs:
        A.append(sentence(fill(f.item.note, case, f.inst)))
    if not A:
        A.append(CUT_NOTE)

    plans = sorted([f for f in alive if f.kind == "plan"], key=lambda f: f.pos)
    for f in plans:
        P.append(med_plan_note(f) if f.pt == "med" else fill(f.item.note, case, f.inst))
    for f in sorted([f for f in alive if f.kind == "ret"], key=lambda f: f.pos):
        P.append("Return if " + join_and([fill(x.note, case, f.inst) for x in f.items], "or") + ".")
    seen_fu = []
    for f in sorted([f for f in alive if f.kind == "fu"], key=lambda f: f.pos):
        t = fu_note(f.interval)
        if t not in seen_fu:
            P.append(t)
            seen_fu.append(t)
    if case.cut:
        if P:
            P.append("Dictation ends mid-sentence; remainder of plan not recorded.")
        else:
            P.append(CUT_NOTE)
    return {"S": S, "O": O, "A": A, "P": P}


def meds_sentence(f):
    if not f.meds:
        return "Medications: none."
    return "Medications: " + ", ".join(med_note(m) for m in f.meds) + "."


def assemble(secs, order=("S", "O", "A", "P"), headings=None):
    names = {"S": "Subjective", "O": "Objective", "A": "Assessment", "P": "Plan"}
    if headings:
        names.update(headings)
    out = []
    for k in order:
        items = secs[k]
        if k == "P":
            if len(items) == 1 and items[0] == CUT_NOTE:
                out.append(names[k] + ": " + CUT_NOTE)
            else:
                out.append(names[k] + ":\n" + "\n".join("- " + x for x in items))
        elif k == "A" and len(items) > 1:
            out.append(names[k] + ":\n" + "\n".join("%d. %s" % (i + 1, x) for i, x in enumerate(items)))
        else:
            out.append(names[k] + ": " + " ".join(items))
    return "\n".join(out)


def render_note(case):
    return assemble(note_sections(case))
