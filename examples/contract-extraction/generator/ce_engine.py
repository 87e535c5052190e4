"""From the facts of one contract to a clause excerpt and its extraction.

build_case() draws the facts: the kind of contract, the parties and the role words the text gives them,
the effective date, the term, the sums of money, the governing law and the termination notice, and which
of them the excerpt states at all. render() writes the excerpt in one of five styles (formal legalese,
plain English, numbered clauses, a key-terms table, a letter), each fact in one of many phrasings, the
clauses in a shuffled order, with boilerplate, cross-references, distractors (a signature date, a renewal
period, a cure period, courts in another place, a party's place of incorporation, percentages) and, for one
edge case, OCR artefacts. extraction() writes the JSON from the facts that reached the text, so a field the
text does not state is null and nothing is invented.
"""

import json
import re

import ce_clauses as C
import ce_money as M
import ce_places as P
import ce_types as T
from ce_words import DATE_FORMS, cap, iso, number_words, random_date, render_date, sentence, shift_date

STYLES = ["formal legalese", "plain English", "numbered clauses", "key terms table", "letter"]
EDGES = ["none", "fields absent", "short excerpt", "distractors", "numbers in words", "OCR artefacts"]
FIELDS = ["parties", "effective_date", "term", "amounts", "governing_law", "termination_notice"]

NOTICE_CHOICES = [(30, "day"), (30, "day"), (60, "day"), (90, "day"), (90, "day"), (14, "day"), (45, "day"),
                  (120, "day"), (180, "day"), (1, "month"), (1, "month"), (2, "month"), (3, "month"), (3, "month"),
                  (6, "month"), (12, "month"), (2, "week"), (4, "week"), (6, "week"), (8, "week"), (1, "week")]
EMPLOY_NOTICE = [(1, "month"), (1, "month"), (2, "month"), (3, "month"), (3, "month"), (6, "month"), (4, "week"),
                 (2, "week"), (12, "week"), (1, "week")]
CURE_CHOICES = [(30, "day"), (14, "day"), (21, "day"), (10, "day"), (60, "day"), (7, "day"), (45, "day")]


class Fmt(dict):
    def __missing__(self, key):
        raise KeyError("no value for placeholder {%s}" % key)


def fill(template, ctx):
    return template.format_map(Fmt(ctx))


def after_of(template, key):
    """Does the placeholder follow 'of' ('a term of {dur}'), so that only a plain duration fits?"""
    i = template.find("{" + key + "}")
    return i >= 3 and template[:i].rstrip().endswith(" of")


def plural(n, unit):
    return unit if n == 1 else unit + "s"


def unit_out(n, unit):
    return "%d %s" % (n, plural(n, unit))


def article(word):
    w = word.lower()
    if w[:1] in "aeio" or w.startswith(("8", "11", "18", "eight", "eleven", "eighteen", "one-hour")):
        return "an"
    return "a"


# Duration forms, noun phrases (bank order matters for the held-out split: index 3 and 7 held back).
DUR_FORMS = ["wf", "digits", "words", "wf_rev", "period_wf", "hyphen", "period_digits", "hyphen_words"]
POSS_FORMS = ["wf", "digits", "words", "digits_nopos", "curly", "wf_curly", "calendar", "wf_rev"]
NP_FORMS = ["wf", "digits", "words", "wf_rev", "calendar", "digits"]


SIMPLE_DUR = ["wf", "digits", "words", "wf_rev"]


def dur_np(ch, n, unit, words=False, form=None, simple=False):
    """A duration as a noun phrase. simple: only forms that fit after 'a term of' ('36 months', not 'a period
    of 36 months')."""
    form = form or ("wf" if words and ch.chance(0.5) else ("words" if words else
                                                           ch.pick(SIMPLE_DUR if simple else DUR_FORMS)))
    u = plural(n, unit)
    w = number_words(n)
    if form == "wf":
        return "%s (%d) %s" % (w, n, u)
    if form == "digits":
        return "%d %s" % (n, u)
    if form == "words":
        return "%s %s" % (w, u)
    if form == "wf_rev":
        return "%d (%s) %s" % (n, w, u)
    if form == "period_wf":
        return "a period of %s (%d) %s" % (w, n, u)
    if form == "hyphen":
        t = "%d-%s" % (n, unit)
        return "%s %s period" % (article(t), t)
    if form == "period_digits":
        return "a period of %d %s" % (n, u)
    t = "%s-%s" % (w, unit)
    return "%s %s period" % (article(t), t)


def notice_poss(ch, n, unit, words=False):
    form = "wf" if words else ch.pick(POSS_FORMS)
    u = plural(n, unit)
    apo = "'s" if n == 1 else "'"
    w = number_words(n)
    if form == "calendar" and unit != "day":
        form = "wf"
    if form == "wf":
        return "%s (%d) %s%s" % (w, n, u, apo)
    if form == "digits":
        return "%d %s%s" % (n, u, apo)
    if form == "words":
        return "%s %s%s" % (w, u, apo)
    if form == "digits_nopos":
        return "%d %s" % (n, u)
    if form == "curly":
        return "%d %s%s" % (n, u, apo.replace("'", "\u2019"))
    if form == "wf_curly":
        return "%s (%d) %s%s" % (w, n, u, apo.replace("'", "\u2019"))
    if form == "calendar":
        return "%s (%d) calendar %s%s" % (w, n, u, apo)
    return "%d (%s) %s%s" % (n, w, u, apo)


def notice_np(ch, n, unit, words=False):
    form = "wf" if words else ch.pick(NP_FORMS)
    u = plural(n, unit)
    w = number_words(n)
    if form == "calendar" and unit != "day":
        form = "digits"
    if form == "wf":
        return "%s (%d) %s" % (w, n, u)
    if form == "digits":
        return "%d %s" % (n, u)
    if form == "words":
        return "%s %s" % (w, u)
    if form == "wf_rev":
        return "%d (%s) %s" % (n, w, u)
    return "%s (%d) calendar %s" % (w, n, u)


# ------------------------------------------------------------------------------------------- facts

class Party:
    def __init__(self):
        self.name = None       # as the text writes it (None: the text never names it)
        self.person = False
        self.title = None
        self.role = None       # ce_types.Role
        self.term = None       # the defined role word the text uses, or None
        self.role_out = None   # the extraction's role
        self.nom = self.obj = self.poss = None
        self.descriptor = None
        self.juris = None
        self.caps = False


class Amount:
    def __init__(self, slot, value, code, per):
        self.slot, self.value, self.code, self.per = slot, value, code, per
        self.text = None
        self.old = None        # amendments: the sum it replaces (a distractor)


class Case:
    pass


def make_party(ch, role, juris, register, person=None):
    p = Party()
    p.role = role
    p.juris = juris
    p.person = ch.chance(role.person_p) if person is None else person
    if p.person:
        p.name = P.person_name(ch)
        p.title = ch.pick(P.TITLES) if ch.chance(0.35) else None
        p.descriptor = ch.pick(["of " + P.address(ch, juris), "residing at " + P.address(ch, juris),
                                "an individual", "an individual resident in " + ch.pick(juris.cities),
                                "of " + P.address(ch, juris)])
    else:
        p.name = P.company_name(ch, juris)
        inc = ch.pick(juris.incorporated)
        if "{no}" in inc:
            inc = inc.replace("{no}", P.register_number(ch, juris.numbering or "########"))
        p.descriptor = inc
        if ch.chance(0.35):
            p.descriptor += ch.pick([", whose registered office is at ", ", with its principal place of business at ",
                                     ", having its address at "]) + P.address(ch, juris)
    return p


def set_refs(p, mode, register, short=None):
    """How the operative clauses refer to the party. mode: 'term' (the Licensee), 'alias' (the Company),
    'short' (Kestrel), 'we', 'you'."""
    if mode == "term":
        p.nom = p.obj = "the " + p.term
        p.poss = "the " + p.term + "'s"
        p.role_out = p.term.lower()
    elif mode == "alias":
        p.nom = p.obj = "the " + p.role.alias
        p.poss = "the " + p.role.alias + "'s"
        p.role_out = p.role.canon
    elif mode == "short":
        p.nom = p.obj = short
        p.poss = short + ("'" if short.endswith("s") else "'s")
        p.role_out = p.role.canon if p.term is None else p.term.lower()
    elif mode == "we":
        p.nom, p.obj, p.poss = "we", "us", "our"
        p.role_out = p.role.canon
    else:
        p.nom, p.obj, p.poss = "you", "you", "your"
        p.role_out = p.role.canon
    p.mode = mode


def short_name(p):
    """How a text without role words calls a party: 'Kestrel', 'Ms Osei', 'Amara'."""
    if p.person:
        return p.title + " " + p.name.split()[-1] if p.title else p.name.split()[0]
    return p.name.split()[0]


def pick_term(ch, ctype):
    kind = ch.weighted(ctype.terms)
    if kind.startswith("fixed:"):
        _, unit, ns = kind.split(":")
        n = ch.pick_plain([int(x) for x in ns.split(",")])
        unit = unit[:-1]
        return ("fixed", n, unit)
    return (kind,)


def presence(ch, case, ctype):
    """Which fields the excerpt states."""
    edge = case.edge
    has_slots = bool(case.slots)
    want = {
        "parties": ch.chance(0.93),
        "effective_date": ch.chance(0.85),
        "term": case.term_fact[0] != "none" and ch.chance(0.88),
        "amounts": has_slots and (ch.chance(0.85) or ctype.min_amounts > 0),
        "governing_law": ch.chance(min(0.95, ctype.law_p + 0.1)),
        "termination_notice": ch.chance(ctype.notice_p),
    }
    if ctype.key == "nda_mutual" or ctype.key == "nda_oneway":
        want["amounts"] = has_slots and ch.chance(0.15)
    if case.style == "letter":
        want["parties"] = True
    if edge == "fields absent":
        on = [f for f in FIELDS if want[f] and not (f == "parties" and case.style == "letter")]
        k = min(len(on) - (2 if case.style == "key terms table" else 1), ch.randint(2, 3))
        for f in ch.sample(on, max(k, 0)):
            want[f] = False
    elif edge == "short excerpt":
        avail = [f for f in FIELDS if f != "term" or case.term_fact[0] != "none"]
        if not has_slots:
            avail = [f for f in avail if f != "amounts"]
        keep = set(ch.sample(avail, ch.randint(2, 3) if case.style == "key terms table" else ch.randint(1, 3)))
        if case.style == "letter":
            keep.add("parties")
        for f in FIELDS:
            want[f] = f in keep
    if not any(want[f] for f in FIELDS if f != "parties"):
        want["governing_law"] = True
    return want


def build_case(ch, ctype, style, edge, mode):
    c = Case()
    c.ctype, c.style, c.edge, c.mode = ctype, style, edge, mode
    c.base = None
    if ctype.key == "amendment":
        pool = [k for k in T.AMENDABLE if mode == "heldout" or not T.BY_KEY[k].held_out]
        c.base = T.BY_KEY[ch.pick_plain(pool)]
    core = c.base or ctype
    c.core = core
    c.register = {"formal legalese": "formal", "numbered clauses": "formal", "plain English": "plain",
                  "key terms table": "formal", "letter": "plain"}[style]
    c.words = edge == "numbers in words"
    c.distract = edge == "distractors"
    c.ocr = edge == "OCR artefacts"
    c.law = ch.pick(P.JURISDICTIONS)
    home = c.law if ch.chance(0.72) else ch.pick(P.JURISDICTIONS)
    other_home = home if ch.chance(0.75) else ch.pick(P.JURISDICTIONS)
    r = ch.rng.random()
    if r < 0.62:
        c.code = c.law.currency
    elif r < 0.72:
        c.code = home.currency
    elif r < 0.92:
        c.code = ch.pick_plain(["USD", "EUR", "GBP", "USD"])
    else:
        c.code = ch.pick_plain(M.CODES)
    c.bare_dollar = c.code in M.DOLLARS and ch.chance(0.35)
    c.slots = core.slots
    c.term_fact = pick_term(ch, ctype if ctype.key == "amendment" else core)

    # parties
    c.yw = None
    if style == "letter":
        c.yw = core.yw or (0, 1)
    elif style == "plain English" and core.yw and ch.chance(0.55):
        c.yw = core.yw
    parties = []
    for i, role in enumerate(core.roles):
        person = None
        if style == "letter" and c.yw[1] == i and core.key in ("employment", "consulting"):
            person = True
        parties.append(make_party(ch, role, home if i == 0 else other_home, c.register, person))
    if core.key == "employment":
        parties[1].person = True
    c.guarantor = None
    if core.guarantor_p and ch.chance(core.guarantor_p):
        g = make_party(ch, T.Role("guarantor", ["Guarantor", "Surety"], 0.6), other_home, c.register)
        c.guarantor = g
        parties.append(g)
    # distinct names: no party's name inside another's, no two sharing a first word
    for i, p in enumerate(parties):
        for _ in range(50):
            clash = any(q.name == p.name or q.name in p.name or p.name in q.name or
                        q.name.split()[0] == p.name.split()[0] for q in parties[:i])
            if not clash:
                break
            p.name = P.person_name(ch) if p.person else P.company_name(ch, p.juris)
    c.parties = parties
    c.no_roles = style == "plain English" and not c.yw and ch.chance(0.15) and core.key != "nda_mutual"
    caps = style in ("formal legalese", "numbered clauses") and ch.chance(0.3)
    for i, p in enumerate(parties):
        p.caps = caps and not p.person
        if p.caps:
            p.name = p.name.upper()
        if c.yw and i in c.yw:
            set_refs(p, "we" if c.yw[0] == i else "you", c.register)
        elif c.yw:
            p.term = ch.pick(p.role.terms)
            set_refs(p, "term", c.register)
        elif c.no_roles:
            set_refs(p, "short", c.register, short_name(p))
        elif p.role.alias and ch.chance(0.4):
            set_refs(p, "alias", c.register)
        else:
            p.term = ch.pick(p.role.terms)
            if core.key == "nda_mutual":
                p.term = "Party"
            set_refs(p, "term", c.register)

    c.present = presence(ch, c, ctype)

    # dates
    c.date = random_date(ch)
    c.date_kind = "effective" if ch.chance(0.62) else "dated"
    if style == "letter":
        c.date_kind = "effective"
    c.dated_too = None
    if (c.present["effective_date"] and c.date_kind == "effective" and (c.distract or ch.chance(0.12))
            and style != "letter"):
        c.dated_too = shift_date(c.date, days=-ch.randint(2, 40))
    c.sign_date = None
    if ch.chance(0.5 if c.distract else 0.12):
        c.sign_date = shift_date(c.date, days=-ch.randint(1, 25)) if ch.chance(0.7) else \
            shift_date(c.date, days=ch.randint(1, 10))
    c.letter_date = shift_date(c.date, days=-ch.randint(3, 45))
    c.old_date = shift_date(c.date, months=-ch.randint(8, 60))
    # term
    tf = c.term_fact
    if tf[0] == "until_date":
        c.end_date = shift_date(c.date, months=ch.pick_plain([6, 12, 12, 18, 24, 24, 36, 48, 60]), days=-1)
        if ch.chance(0.5):
            c.end_date = shift_date(c.date, months=ch.pick_plain([12, 24, 36]))
    else:
        c.end_date = None
    c.renewal = None
    if tf[0] == "fixed" and ch.chance(0.55 if c.distract else 0.2) and core.key not in ("employment", "loan"):
        c.renewal = ch.pick_plain([(1, "year"), (12, "month"), (1, "year"), (2, "year"), (6, "month"),
                                   (1, "month")])
        if c.renewal == (tf[1], tf[2]):
            c.renewal = (3, "month") if tf[2] != "month" or tf[1] != 3 else (1, "year")
    # amounts
    c.amounts = []
    if c.present["amounts"]:
        for slot in c.slots:
            if len(c.amounts) < 3 and ch.chance(slot.p):
                c.amounts.append(make_amount(ch, slot, c.code))
        if not c.amounts:
            best = max(c.slots, key=lambda s: s.p)
            c.amounts.append(make_amount(ch, best, c.code))
        if ctype.key == "amendment":
            c.amounts = c.amounts[:1]
            for a in c.amounts:
                if ch.chance(0.6):
                    a.old = nice_old(ch, a)
        seen = set()
        uniq = []
        for a in c.amounts:
            key = (a.value, a.slot.purpose)
            if key not in seen:
                seen.add(key)
                uniq.append(a)
        c.amounts = uniq
    # notice
    c.notice = None
    if c.present["termination_notice"]:
        c.notice = ch.pick_plain(EMPLOY_NOTICE if core.key == "employment" else NOTICE_CHOICES)
    c.cure = None
    if ch.chance(0.55 if c.distract else 0.15) and core.key not in ("employment",):
        c.cure = ch.pick_plain(CURE_CHOICES)
        if c.notice and c.cure == c.notice:
            c.cure = (c.notice[0] // 2 or 7, "day")
    c.courts = None
    if ch.chance(0.6 if c.distract else 0.3):
        c.courts = c.law if (c.present["governing_law"] and ch.chance(0.6)) else ch.pick(P.JURISDICTIONS)
        c.arbitration = ch.chance(0.3)
    c.percent = bool(c.slots) and not core.key.startswith("nda") and ch.chance(0.5 if c.distract else 0.12)
    c.payterms = c.present["amounts"] and ch.chance(0.45 if c.distract else 0.15)
    c.first_payment = c.present["amounts"] and ch.chance(0.35 if c.distract else 0.07)
    c.survival = ch.chance(0.4 if c.distract else 0.1) or (core.key.startswith("nda") and ch.chance(0.35))
    c.descriptor_p = 0.9 if c.distract else 0.5
    c.signature = ch.chance(0.35) or c.sign_date is not None
    c.reference = {f: (not c.present[f]) and ch.chance(0.45) for f in FIELDS}
    return c


def make_amount(ch, slot, code):
    per = ch.pick(slot.per)
    lo, hi = slot.lo, slot.hi
    if per in T.YEARLY and slot.key in ("rent", "sub_fee", "service_fee", "retainer", "equip_rent"):
        lo, hi = lo * 12, hi * 12
    elif per == "per quarter" and slot.key in ("service_fee", "equip_rent"):
        lo, hi = lo * 3, hi * 3
    elif per == "per week" and slot.key == "equip_rent":
        lo, hi = lo / 4.0, hi / 4.0
    v = M.nice_value(ch, lo, hi, code, slot.step, slot.cents_p)
    return Amount(slot, v, code, per)


def nice_old(ch, a):
    for _ in range(10):
        f = ch.pick_plain([0.8, 0.85, 0.9, 0.92, 0.95, 1.1])
        old = M.json_number(round(a.value * f, -1) if a.value > 1000 else round(a.value * f, 2))
        if old != a.value and old > 0:
            return old
    return None


# ------------------------------------------------------------------------------------------- rendering

class Doc:
    """The sentences of an excerpt as they are written, and what each field's text says."""

    def __init__(self):
        self.clauses = []       # [(kind, heading, [sentences])]
        self.protect = []       # strings noise must not touch


def context(ch, c):
    A = c.parties[0] if c.parties else None
    B = c.parties[1] if len(c.parties) > 1 else None
    G = c.guarantor
    j = c.law
    ctx = {
        "AGR": c.agr, "k": ch.randint(2, 18), "j": ch.randint(1, 6), "s": ch.randint(1, 5),
        "trade_lc": ch.pick(P.BUSINESS_AREAS), "job": ch.pick(T.JOBS), "boss": ch.pick(T.BOSSES),
        "city": ch.pick(j.cities), "unit": ch.randint(1, 40), "street": P.address(ch, j),
        "seats": ch.pick_plain([5, 10, 25, 50, 100, 250]), "days": ch.randint(2, 12),
        "rate": ch.pick_plain(["4.5", "5", "6.25", "7", "8.5", "3.75", "9"]), "event": ch.pick(T.EVENTS),
    }
    for key, p in (("A", A), ("B", B), ("G", G)):
        if p is None:
            ctx[key] = ctx[key + "o"] = "the other party"
            ctx[key + "p"] = "the other party's"
            ctx[key + "name"] = "the other party"
            continue
        ctx[key], ctx[key + "o"], ctx[key + "p"] = p.nom, p.obj, p.poss
        ctx[key + "name"] = p.name if (p.name and c.present["parties"]) else p.nom
    return ctx


def refs_ok(template, c):
    """Mutual NDAs have no first and second party to name; skip templates that need them."""
    if c.core.key == "nda_mutual":
        return not any(x in template for x in ("{A}", "{Ao}", "{Ap}", "{B}", "{Bo}", "{Bp}"))
    return True


def pick_t(ch, bank, c):
    """ch.pick over the templates that fit the case, keeping the bank's held-out positions held out."""
    idx = [i for i, t in enumerate(bank) if refs_ok(t, c)]
    if len(idx) == len(bank):
        return ch.pick(bank)
    if len(bank) < 4:
        return bank[ch.pick_plain(idx or list(range(len(bank))))]
    held = [i for i in idx if i % 4 == 3]
    kept = [i for i in idx if i % 4 != 3]
    if c.mode == "heldout":
        if held and ch.chance(0.5):
            return bank[ch.pick_plain(held)]
        return bank[ch.pick_plain(idx or list(range(len(bank))))]
    return bank[ch.pick_plain(kept or [i for i in range(len(bank)) if i % 4 != 3])]


def date_text(ch, c, date, form=None):
    if c.words:
        form = ch.pick_plain(["words", "day_of", "words_in_year", "words"])
    elif form is None and ch.chance(0.7):
        form = c.date_form
    s = render_date(ch, date, form)
    c.doc.protect.append(s)
    return s


def amount_text(ch, c, a):
    form = None
    if c.words:
        # the held-back figure-then-words form only in the held-out split
        form = ch.pick_plain(["words_figure", "words_only", "words_figure"] +
                             (["figure_words"] if c.mode == "heldout" else []))
    bare = c.bare_dollar and a.code == c.code and ch.chance(0.8)
    return M.render_amount(ch, a.value, a.code, form, bare_dollar=bare)


PERIOD_PATTERNS = [("year", re.compile(r"annual|per annum|per year|a year|each year|Contract Year", re.I)),
                   ("month", re.compile(r"month", re.I)), ("quarter", re.compile(r"quarter", re.I)),
                   ("week", re.compile(r"week", re.I))]


def period_of(text):
    """The period a phrase implies ('per annum' -> 'year'), or None."""
    for name, pat in PERIOD_PATTERNS:
        if pat.search(text):
            return name
    return None


def s_amount(ch, c, a, ctx):
    formal, plain = T.AMOUNT_SENTENCES[a.slot.key]
    bank = formal if c.register == "formal" else plain
    t = pick_t(ch, bank, c)
    want = period_of(a.per) if a.per else None
    for _ in range(12):
        # a sentence that names its own period must name the sum's (no "monthly rent" for a yearly sum)
        said = period_of(t.replace("{per}", ""))
        if "{per}" in t and a.per:
            said = None if said == "year" and want == "month" and "instalment" in t else said
        if said is None or said == want or (want is None and not a.per):
            break
        t = pick_t(ch, bank, c)
    else:
        with_per = [x for x in bank if "{per}" in x and period_of(x.replace("{per}", "")) in (None, want)]
        if with_per:
            t = ch.pick_plain(with_per)
    a.text = amount_text(ch, c, a)
    per = a.per
    if "{per}" not in t and per:
        per = ""
    if a.slot.key == "salary" and per == "" and "{per}" in t:
        per = "per annum"
    s = fill(t, dict(ctx, amt=a.text, per=per)).replace("  ", " ").replace(" ,", ",").strip()
    if a.old is not None:
        old_txt = M.render_amount(ch, a.old, a.code, None, bare_dollar=c.bare_dollar)
        s += ch.pick([" (replacing the previous amount of %s)", ", instead of %s as previously agreed",
                      " (previously %s)", "; the former figure of %s no longer applies"]) % old_txt
    return s


def s_effective(ch, c, ctx):
    if c.ctype.key == "amendment":
        ctx = dict(ctx, AGR="this Amendment")
    d = date_text(ch, c, c.date)
    c.date_str = d
    if c.ctype.key == "amendment":
        return fill(ch.pick(C.EFFECTIVE_AMEND), dict(ctx, d=d))
    if c.date_kind == "dated" and not c.dated_too:
        return fill(ch.pick(C.DATED_SENTENCES), dict(ctx, d=d))
    if c.core.key == "employment" and ch.chance(0.7):
        return fill(pick_t(ch, C.EMPLOYMENT_START, c), dict(ctx, d=d))
    bank = C.EFFECTIVE_FORMAL if c.register == "formal" else C.EFFECTIVE_PLAIN
    return fill(ch.pick(bank), dict(ctx, d=d))


def s_term(ch, c, ctx):
    tf = c.term_fact
    core = c.core.key
    if tf[0] == "fixed":
        dur = dur_np(ch, tf[1], tf[2], c.words)
        if core == "lease" and ch.chance(0.6):
            bank = C.TERM_FIXED_LEASE
        elif core == "employment" and ch.chance(0.7):
            bank = C.TERM_FIXED_EMPLOY
        else:
            bank = C.TERM_FIXED_FORMAL if c.register == "formal" else C.TERM_FIXED_PLAIN
        t = pick_t(ch, bank, c)
        if after_of(t, "dur"):
            dur = dur_np(ch, tf[1], tf[2], c.words, simple=True)
        s = fill(t, dict(ctx, dur=dur))
        if c.renewal:
            t2 = ch.pick(C.RENEWAL)
            s += ". " + cap(fill(t2, dict(ctx, dur2=dur_np(ch, c.renewal[0], c.renewal[1], c.words,
                                                           simple=after_of(t2, "dur2")))))
            if c.notice and c.renewal_carries_notice:
                n, u = c.notice
                s += fill(ch.pick(C.RENEWAL_NOTICE), dict(ctx, np=notice_np(ch, n, u, c.words),
                                                          poss=notice_poss(ch, n, u, c.words)))
            else:
                s += fill(ch.pick(C.RENEWAL_NO_NOTICE), ctx)
        return s
    if tf[0] == "until_terminated":
        if core == "employment":
            bank = C.TERM_OPEN_EMPLOY
        elif c.yw:
            bank = C.TERM_OPEN_YW
        else:
            bank = C.TERM_OPEN_FORMAL if c.register == "formal" else C.TERM_OPEN_PLAIN
        return fill(pick_t(ch, bank, c), ctx)
    d2 = date_text(ch, c, c.end_date)
    if c.ctype.key == "amendment":
        return fill(ch.pick(C.TERM_AMEND), dict(ctx, d2=d2))
    if core == "loan" and ch.chance(0.6):
        return fill(ch.pick(C.TERM_UNTIL_LOAN), dict(ctx, d2=d2))
    bank = C.TERM_UNTIL_FORMAL if c.register == "formal" else C.TERM_UNTIL_PLAIN
    return fill(ch.pick(bank), dict(ctx, d2=d2))


def s_notice(ch, c, ctx):
    n, u = c.notice
    core = c.core.key
    if core == "employment":
        bank = C.NOTICE_EMPLOY
    elif core == "lease" and ch.chance(0.5):
        bank = C.NOTICE_LEASE
    elif c.yw:
        bank = C.NOTICE_YW
    else:
        bank = C.NOTICE_FORMAL if c.register == "formal" else C.NOTICE_PLAIN
    t = pick_t(ch, bank, c)
    return fill(t, dict(ctx, np=notice_np(ch, n, u, c.words), poss=notice_poss(ch, n, u, c.words)))


def s_cure(ch, c, ctx):
    n, u = c.cure
    s = fill(pick_t(ch, C.CURE, c), dict(ctx, np=notice_np(ch, n, u, c.words)))
    c.marks["cure"].append(s)
    return s


def law_phrase(ch, j):
    return ch.pick(j.laws)


def s_law(ch, c, ctx):
    j = c.law
    law = law_phrase(ch, j)
    c.doc.protect += [law, j.adjective or law]
    if c.register == "formal":
        if ch.chance(0.2) and j.adjective:
            s = fill(ch.pick(C.LAW_ADJ), dict(ctx, adj=j.adjective))
        else:
            s = fill(ch.pick(C.LAW_FORMAL), dict(ctx, law=law))
            if c.core.key == "supply" and ch.chance(0.4):
                s += ch.pick(C.CISG)
    else:
        s = fill(ch.pick(C.LAW_PLAIN), dict(ctx, law=law, law_cap=cap(law), adj=j.adjective or law))
    c.law_str = law
    return s


def s_courts(ch, c, ctx):
    j = c.courts
    if c.arbitration:
        s = fill(ch.pick(C.ARBITRATION), dict(ctx, rules=ch.pick(C.RULES), city=ch.pick(j.cities)))
    else:
        s = fill(ch.pick(C.COURTS), dict(ctx, courts=ch.pick(j.courts)))
    c.marks["courts"].append(s)
    return s


def s_percent(ch, c, ctx):
    pct = ch.pick_plain(["2", "3", "4", "1.5", "5", "8", "10", "2.5", "12"])
    s = fill(pick_t(ch, C.PERCENTS_BY_KIND.get(c.core.key, C.PERCENTS), c), dict(ctx, pct=pct))
    c.marks["percent"].append((s, pct))
    return s


def s_payterms(ch, c, ctx):
    n = ch.pick_plain([30, 30, 14, 45, 60, 15])
    return fill(pick_t(ch, C.PAYMENT_TERMS, c), dict(ctx, np=notice_np(ch, n, "day", c.words)))


def s_survival(ch, c, ctx):
    n, u = ch.pick_plain([(2, "year"), (3, "year"), (5, "year"), (12, "month"), (24, "month")])
    if c.term_fact[0] == "fixed" and (n, u) == (c.term_fact[1], c.term_fact[2]):
        n, u = (7, "year")
    t = ch.pick(C.SURVIVAL)
    return fill(t, dict(ctx, dur3=dur_np(ch, n, u, c.words, simple=after_of(t, "dur3"))))


def s_first_payment(ch, c, ctx):
    d3 = shift_date(c.date, months=ch.randint(1, 3))
    d3 = (d3[0], d3[1], min(d3[2], 28) if ch.chance(0.5) else 1)
    return fill(ch.pick(C.FIRST_PAYMENT), dict(ctx, d3=render_date(ch, d3)))


def s_boiler(ch, c, ctx, key):
    heads, formal, plain = C.BOILER[key]
    bank = formal if c.register == "formal" else plain
    if not any(refs_ok(t, c) for t in bank):
        return None
    return ch.pick(heads), fill(pick_t(ch, bank, c), ctx)


def s_subject(ch, c, ctx):
    formal, plain = c.core.subject
    bank = formal if c.register == "formal" else plain
    if not bank:
        return None
    return fill(pick_t(ch, bank, c), ctx)


def party_intro(ch, c, p, ctx, style):
    """A party as a formal preamble introduces it."""
    name = p.name
    if p.person and p.title and ch.chance(0.5):
        name = p.title + " " + p.name
    bits = [name]
    if ch.chance(c.descriptor_p) and p.descriptor:
        bits.append(", " + p.descriptor)
    if p.mode == "term" and c.core.key == "nda_mutual":
        pass
    elif p.mode == "term":
        form = ch.pick([" (the \"%s\")", " (hereinafter referred to as the \"%s\")", " (\"%s\")",
                        ", as %s,", " (hereinafter the \"%s\")"])
        bits.append(form % (p.term.lower() if form.startswith(", as") else p.term))
    elif p.mode == "alias":
        bits.append(" (the \"%s\")" % p.role.alias)
    elif p.mode == "short":
        bits.append(" (\"%s\")" % p.nom)
    elif p.mode == "we":
        bits.append(ch.pick([" (\"we\", \"us\" or \"our\")", " (\"%s\", \"we\" or \"us\")" % short_name(p),
                             " (referred to as \"we\" or \"us\")"]))
    else:
        bits.append(ch.pick([" (\"you\" or \"your\")", " (\"you\")", " (the \"Customer\", \"you\")"
                             if p.role.canon == "customer" else " (\"you\")"]))
    s = "".join(bits)
    return s.rstrip(",")


def preamble_formal(ch, c, ctx, numbered):
    core = c.core
    title = c.title
    named = [p for p in c.parties if c.present["parties"] and p.name]
    datepart = ""
    if c.dated_too:
        datepart = " is " + fill(ch.pick(C.PREAMBLE_DATED), {"d": render_date(ch, c.dated_too),
                                                              "dd": render_date(ch, c.dated_too, "day_of")[4:]})
    elif c.date_in_preamble:
        d = date_text(ch, c, c.date)
        c.date_str = d
        dd = d[4:] if d.startswith("the ") else d
        c.doc.protect.append(dd)
        if c.date_kind == "effective":
            datepart = " is " + fill(ch.pick(C.PREAMBLE_EFFECTIVE), {"d": d})
        else:
            datepart = " is " + fill(ch.pick(C.PREAMBLE_DATED), {"d": d, "dd": dd})
    elif not c.present["effective_date"] and ch.chance(0.15):
        datepart = " is made on the date of the last signature below"
    out = []
    agr_def = ch.pick(["(this \"Agreement\")", "(the \"Agreement\")", "(\"Agreement\")", ""])
    if core.key == "lease":
        agr_def = agr_def.replace("Agreement", "Lease")
    if c.ctype.key == "amendment":
        agr_def = ch.pick(["(this \"Amendment\")", "(the \"Amendment\")", ""])
    if not named:
        # no party is named: the excerpt starts with the operative clauses
        if datepart and ch.chance(0.5):
            out.append(sentence("This %s%s" % (cap(title.lower()) if ch.chance(0.5) else c.ctype.agr, datepart)))
        return out
    intros = [party_intro(ch, c, p, ctx, "formal") for p in named]
    if core.key == "nda_mutual":
        intros[-1] += ch.pick([" (each a \"Party\" and together the \"Parties\")", " (each a \"Party\")",
                               " (each, a \"Party\")"])
    r = ch.rng.random()
    T_ = title.upper() if ch.chance(0.6) else title
    if r < 0.3:
        head = "THIS %s %s%s BETWEEN:" % (T_.upper(), agr_def, datepart or " is made")
        lines = [head.replace("  ", " ")]
        for i, it in enumerate(intros):
            sep = "; and" if i < len(intros) - 1 else "."
            lines.append("(%d) %s%s" % (i + 1, it, sep))
        out.append("\n".join(lines))
    elif r < 0.6:
        s = "This %s %s%s by and between %s." % (title, agr_def, datepart if datepart else " is entered into",
                                                   join_parties(intros))
        out.append(s.replace("  ", " "))
    elif r < 0.8:
        lines = [(numbered and "PARTIES" or ch.pick(["Parties", "PARTIES", "Between"]))]
        digits = ch.chance(0.6)
        for i, it in enumerate(intros):
            lines.append(("%d. " % (i + 1) if digits else "(%s) " % "abc"[i]) + it)
        out.append("\n".join(lines))
        if datepart:
            out.append(sentence("This %s%s" % (c.ctype.agr, datepart)))
    else:
        s = "This %s%s between %s." % (title, datepart or " is made", join_parties(intros))
        out.append(s.replace("  ", " "))
    for p in named:
        c.doc.protect.append(p.name)
    return out


def join_parties(intros):
    if len(intros) == 2:
        return intros[0] + " and " + intros[1]
    return ", ".join(intros[:-1]) + " and " + intros[-1]


def preamble_plain(ch, c, ctx):
    named = [p for p in c.parties if c.present["parties"] and p.name]
    if not named:
        return []
    for p in named:
        c.doc.protect.append(p.name)
    if c.yw:
        we = c.parties[c.yw[0]]
        you = c.parties[c.yw[1]]
        you_named = you.name and ch.chance(0.7)
        if not you_named:
            you.name = None
        we_txt = party_intro(ch, c, we, ctx, "plain")
        if you_named:
            you_txt = party_intro(ch, c, you, ctx, "plain")
        else:
            you_txt = ch.pick(["the customer named in the Order Form (\"you\")", "you (the customer)",
                               "the business that accepts them (\"you\")", "the organisation signing up (\"you\")"])
        t = ch.pick(["These terms are an agreement between %s and %s.", "This agreement is between %s and %s.",
                     "%s and %s agree to these terms.", "Who's involved: %s and %s."])
        return [t % (we_txt, you_txt)]
    if c.no_roles:
        bits = ["%s (\"%s\")" % (p.name, p.nom) for p in named]
        return [ch.pick(["This agreement is between %s.", "%s agree as follows.", "Parties: %s."]) %
                join_parties(bits)]
    bits = []
    if c.core.key == "nda_mutual":
        return [ch.pick(["This agreement is between %s (each a \"party\").", "The parties are %s; each is a party.",
                         "%s (each a party) agree as follows."]) % join_parties([p.name for p in named])]
    for p in named:
        bits.append(ch.pick(["%s (the %s)", "%s (\"%s\")", "%s, the %s", "%s (%s)"]) % (
            p.name, p.term if not p.mode == "alias" else p.role.alias))
    return [ch.pick(["This agreement is between %s.", "Parties: %s.", "This is an agreement between %s.",
                     "The parties are %s."]) % join_parties(bits)]


def signature_block(ch, c, ctx):
    lines = []
    named = [p for p in c.parties if c.present["parties"] and p.name]
    for p in named[:2]:
        if p.person:
            lines.append("Signed by %s" % p.name)
        else:
            lines.append(ch.pick(["Signed for and on behalf of %s by %s, %s", "For %s: %s, %s",
                                  "%s\nBy: %s\nTitle: %s"]) % (p.name, P.person_name(ch), ch.pick(C.POSITIONS)))
    if not named:
        lines.append("Signed by the authorised representatives of the parties")
    if c.sign_date:
        lines.append(fill(ch.pick(C.SIGNATURE_DATE), {"d4": date_text(ch, c, c.sign_date)}))
        c.marks["sign"].append(lines[-1])
    return "\n".join(lines)


def collect_clauses(ch, c, ctx):
    """The operative clauses as (kind, heading, [sentences]); the order is shuffled by the caller."""
    cl = []
    pres = c.present
    core = c.core
    reg = c.register
    heads = C.HEADINGS if reg == "formal" else C.PLAIN_HEADINGS

    def head(kind):
        h = heads.get(kind) or C.HEADINGS.get(kind) or [kind.title()]
        return ch.pick(h)

    if pres["effective_date"] and (c.dated_too or not c.date_in_preamble):
        cl.append(("date", head("date"), [s_effective(ch, c, ctx)]))
    elif not pres["effective_date"] and c.reference["effective_date"]:
        own = dict(ctx, AGR="this Amendment") if c.ctype.key == "amendment" else ctx
        bank = C.NO_DATE_AMEND if c.ctype.key == "amendment" else C.NO_DATE
        cl.append(("date", head("date"), [fill(pick_t(ch, bank, c), own)]))
    term_s = []
    c.renewal_carries_notice = bool(c.renewal and c.notice and pres["term"] and ch.chance(0.5))
    if pres["term"]:
        term_s.append(s_term(ch, c, ctx))
    elif c.reference["term"]:
        term_s.append(fill(pick_t(ch, C.TERM_REFERENCE, c), ctx))
    if term_s:
        cl.append(("term", head("term"), term_s))
    pay = []
    for a in c.amounts:
        pay.append(s_amount(ch, c, a, ctx))
    if not pres["amounts"] and c.reference["amounts"] and c.slots and not core.key.startswith("nda"):
        pay.append(fill(pick_t(ch, C.AMOUNT_REFERENCE.get(core.key, C.AMOUNT_REFERENCE["any"]), c), ctx))
    if c.dated_too and not (c.style in ("formal legalese", "numbered clauses") and c.present["parties"]):
        for x in cl:
            if x[0] == "date":
                x[2].insert(0, fill(ch.pick(C.DATED_SENTENCES), dict(ctx, d=date_text(ch, c, c.dated_too),
                                                                     AGR=("this Amendment" if c.ctype.key ==
                                                                          "amendment" else ctx["AGR"]))))
    if c.bare_dollar and c.amounts:
        pay.insert(ch.randint(0, len(pay)), fill(ch.pick(C.CURRENCY_NOTE), dict(ctx, cur=M.DOLLARS[c.code])))
    if c.payterms:
        pay.append(s_payterms(ch, c, ctx))
    if c.first_payment and pay:
        pay.append(s_first_payment(ch, c, ctx))
    if c.percent:
        pay.append(s_percent(ch, c, ctx))
    if pay:
        kind = {"lease": "rent", "employment": "salary", "loan": "loan"}.get(core.key, "payment")
        caps = [s for s in pay if "liab" in s.lower() or "capped" in s.lower()]
        rest = [s for s in pay if s not in caps]
        if rest:
            cl.append(("payment", head(kind) if kind in heads else head("payment"), rest))
        if caps:
            cl.append(("liability", head("liability"), caps))
    term_n = []
    if c.notice and not c.renewal_carries_notice:
        term_n.append(s_notice(ch, c, ctx))
    elif not c.notice and c.reference["termination_notice"]:
        term_n.append(fill(pick_t(ch, C.NOTICE_REFERENCE, c), ctx))
    if c.cure:
        term_n.append(s_cure(ch, c, ctx))
    if term_n:
        ch.shuffle(term_n)
        h = head("termination")
        if not c.notice:
            # no notice to end the contract at will: no heading that promises one
            h = ch.pick_plain(["Termination", "Termination Rights", "Termination for Breach", "Default",
                               "Events of Default"] if reg == "formal" else ["Ending the agreement", "Termination"])
        cl.append(("termination", h, term_n))
    law_s = []
    if pres["governing_law"]:
        law_s.append(s_law(ch, c, ctx))
    elif c.reference["governing_law"] and ch.chance(0.5):
        law_s.append(fill(ch.pick(C.LAW_REFERENCE_AMEND if c.ctype.key == "amendment" else C.LAW_REFERENCE), ctx))
    if c.courts:
        law_s.append(s_courts(ch, c, ctx))
    if law_s:
        cl.append(("law", head("law") if pres["governing_law"] else head("disputes"), law_s))
    if c.survival:
        cl.append(("confid", ch.pick(["Confidentiality", "Survival", "Duration of Obligations"]),
                   [s_survival(ch, c, ctx)]))
    if c.ctype.key == "amendment":
        cl = [amend_wrap(ch, x) for x in cl]
        cl.append(("remain", ch.pick(["Continuation", "Effect of Amendment", "General"]),
                   [ch.pick(["Except as amended by this Amendment, the Agreement remains in full force and effect",
                             "All other terms of the Agreement remain unchanged",
                             "Save as set out above, the Agreement continues in full force and effect"])]))
    if c.guarantor and pres["parties"]:
        cl.append(("guarantee", ch.pick(["Guarantee", "Guarantor"]),
                   [fill(ch.pick(["{G} guarantees to {Ao} the due payment of all sums payable by {B} under {AGR}",
                                  "{G} unconditionally guarantees the performance of {Bp} obligations",
                                  "In consideration of {Ao} entering into {AGR}, {G} guarantees the obligations of {B}",
                                  "{G} shall be jointly and severally liable with {B}"]), ctx)]))
    return cl


def amend_wrap(ch, clause):
    kind, h, sents = clause
    if kind not in ("payment", "termination", "rent", "liability") or not ch.chance(0.6):
        return clause
    new = []
    for s in sents:
        k = "%d.%d" % (ch.randint(2, 14), ch.randint(1, 6))
        new.append(ch.pick(["Clause %s of the Agreement is deleted and replaced with: \"%s.\"",
                            "With effect from the Amendment Effective Date, clause %s shall read: \"%s.\"",
                            "Clause %s is amended to read as follows: \"%s.\""]) % (k, cap(s.rstrip("."))))
    return (kind, h, new)


def filler_clauses(ch, c, ctx):
    out = []
    heads = C.SUBJECT_HEADS.get(c.core.key, []) + (C.HEADINGS["subject"] if c.register == "formal"
                                                   else C.PLAIN_HEADINGS["subject"])
    subj = s_subject(ch, c, ctx)
    if subj:
        out.append(("subject", ch.pick_plain(heads), [subj]))
    subj2 = s_subject(ch, c, ctx)
    if subj2 and subj2 != subj:
        out.append(("subject", ch.pick_plain(heads), [subj2]))
    keys = [k for k in C.BOILER if c.core.key in C.BOILER_KINDS.get(k, [c.core.key])]
    for key in ch.sample(keys, 5):
        got = s_boiler(ch, c, ctx, key)
        if got:
            out.append((key, got[0], [got[1]]))
    return out


def number_label(scheme, i):
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"]
    if scheme == "dot":
        return "%d." % i
    if scheme == "clause":
        return "Clause %d" % i
    if scheme == "section":
        return "Section %d." % i
    if scheme == "article":
        return "ARTICLE %s" % roman[i - 1]
    if scheme == "paren":
        return "(%s)" % "abcdefghijklmnop"[i - 1]
    if scheme == "para":
        return "\u00a7 %d" % i
    return "%d" % i


def heading_text(ch, h, caps):
    return h.upper() if caps else h


def sub_sentences(sents):
    return [sentence(s) for s in sents]


def render_formal(ch, c, ctx, numbered):
    out = []
    if c.present["parties"] or ch.chance(0.6):
        if ch.chance(0.8) and c.edge != "short excerpt":
            out.append(c.title.upper() if ch.chance(0.6) else c.title)
    out += preamble_formal(ch, c, ctx, numbered)
    if c.ctype.key == "amendment":
        out += amendment_recital(ch, c, ctx)
    elif out and c.core.recitals and ch.chance(0.35) and c.edge != "short excerpt":
        rec = [fill(r, ctx) for r in c.core.recitals]
        style = ch.rng.random()
        if style < 0.5:
            out.append("WHEREAS " + "; and WHEREAS ".join(rec) + ".")
        else:
            out.append(ch.pick(["BACKGROUND", "Recitals", "BACKGROUND:"]) + "\n" + "\n".join(
                "(%s) %s." % ("ABCD"[i], cap(r)) for i, r in enumerate(rec)))
        if ch.chance(0.6):
            out.append(ch.pick(["NOW, THEREFORE, the parties agree as follows:", "IT IS AGREED as follows:",
                                "The parties agree as follows:", "In consideration of the mutual promises below, the "
                                "parties agree:"]))
    body = c.clauses
    scheme = ch.pick(["dot", "clause", "section", "article", "dot", "para"]) if numbered else None
    caps = ch.chance(0.5)
    start = ch.randint(1, 9) if (c.edge == "short excerpt" or not c.present["parties"]) and ch.chance(0.6) else 1
    for n, (kind, h, sents) in enumerate(body, start=start):
        sents = sub_sentences(sents)
        if numbered:
            lab = number_label(scheme, min(n, 16))
            if len(sents) > 1 and scheme in ("dot", "clause", "section", "para") and ch.chance(0.7):
                lines = ["%s %s" % (lab, heading_text(ch, h, caps))]
                for m, s in enumerate(sents, start=1):
                    lines.append("%d.%d %s" % (min(n, 16), m, s))
                out.append("\n".join(lines))
            else:
                sep = ch.pick([" ", "\n", " – "])
                out.append("%s %s%s%s" % (lab, heading_text(ch, h, caps), "." if sep == " " else "", sep) +
                           " ".join(sents))
        else:
            r = ch.rng.random()
            if r < 0.45:
                out.append("%s. %s" % (heading_text(ch, h, caps), " ".join(sents)))
            elif r < 0.75:
                out.append(heading_text(ch, h, caps) + "\n" + " ".join(sents))
            else:
                out.append(" ".join(sents))
    if c.signature and c.edge != "short excerpt":
        out.append(signature_block(ch, c, ctx))
    return out


def amendment_recital(ch, c, ctx):
    base_title = ch.pick(c.base.titles).title() if ch.chance(0.5) else ch.pick(c.base.titles)
    d_old = render_date(ch, c.old_date)
    c.doc.protect.append(d_old)
    return [sentence(ch.pick(["This Amendment amends the %s dated %s (the \"Agreement\")",
                              "The parties entered into a %s dated %s (the \"Original Agreement\") and wish to amend it",
                              "Reference is made to the %s between the parties dated %s",
                              "The %s dated %s is amended as set out below"]) % (base_title, d_old)),
            ch.pick(["The parties agree as follows:", "With effect from the Amendment Date the parties agree:",
                     "IT IS AGREED:"])]


def render_plain(ch, c, ctx):
    out = []
    if ch.chance(0.7) and c.edge != "short excerpt":
        out.append(ch.pick(c.core.plain_titles) if c.ctype.key != "amendment" else "Amendment to our agreement")
    out += preamble_plain(ch, c, ctx)
    if c.ctype.key == "amendment":
        out += amendment_recital(ch, c, ctx)
    use_heads = ch.chance(0.55)
    for kind, h, sents in c.clauses:
        sents = sub_sentences(sents)
        if use_heads:
            r = ch.rng.random()
            if r < 0.5:
                out.append(h + "\n" + " ".join(sents))
            elif r < 0.8:
                out.append("%s. %s" % (h, " ".join(sents)))
            else:
                out.append("%s: %s" % (h, " ".join(sents)))
        else:
            out.append(" ".join(sents))
    if c.signature and c.edge != "short excerpt" and ch.chance(0.5):
        out.append(signature_block(ch, c, ctx))
    return out


def kt_value_amount(ch, c, a):
    a.text = amount_text(ch, c, a)
    per = a.per if a.per else ""
    v = a.text + (" " + per if per and ch.chance(0.8) else "")
    if a.old is not None:
        v += " (previously %s)" % M.render_amount(ch, a.old, a.code)
    return v


def render_key_terms(ch, c, ctx):
    out = []
    title = ch.pick(C.KT_TITLES)
    sep = ch.pick(C.KT_SEPS)
    table = ch.chance(0.2)
    rows = []
    pres = c.present
    courts, cure, percent = c.courts, c.cure, c.percent
    if pres["parties"]:
        for p in c.parties:
            if not p.name:
                continue
            label = p.term if p.mode == "term" else (p.role.alias if p.mode == "alias" else cap(p.role.canon))
            val = p.name
            if ch.chance(0.3) and p.descriptor and not p.person:
                val += " (" + p.descriptor.split(",")[0].split(" (")[0] + ")"
            rows.append((label, val))
            c.doc.protect.append(p.name)
    n_party_rows = len(rows)
    if pres["effective_date"]:
        d = date_text(ch, c, c.date)
        c.date_str = d
        kind = "effective" if (c.date_kind == "effective" or c.dated_too) else "dated"
        rows.append((ch.pick(C.KT_DATE[kind]), d))
        if c.dated_too:
            rows.insert(n_party_rows, (ch.pick(C.KT_DATE["dated"]), render_date(ch, c.dated_too)))
    elif c.reference["effective_date"]:
        rows.append((ch.pick(C.KT_DATE["effective"]), ch.pick(["date of last signature", "on signature",
                                                               "as per the Order Form", "TBC"])))
    tf = c.term_fact
    if pres["term"]:
        if tf[0] == "fixed":
            v = dur_np(ch, tf[1], tf[2], c.words, ch.pick_plain(["digits", "wf", "digits", "words"]))
            if c.renewal:
                v += ch.pick([", auto-renewing for %s", ", then renews for successive %s periods",
                              " (renewal: %s)"]) % dur_np(ch, c.renewal[0], c.renewal[1], False, "digits")
            rows.append((ch.pick(C.KT_TERM), v))
        elif tf[0] == "until_terminated":
            rows.append((ch.pick(C.KT_TERM), ch.pick(C.KT_OPEN_TERM)))
        else:
            d2 = date_text(ch, c, c.end_date)
            if ch.chance(0.5):
                rows.append((ch.pick(C.KT_EXPIRY), d2))
            else:
                rows.append((ch.pick(C.KT_TERM), ch.pick(["until %s", "to %s", "ending %s"]) % d2))
    for a in c.amounts:
        rows.append((ch.pick(C.KT_AMOUNT[a.slot.key]), kt_value_amount(ch, c, a)))
    if c.bare_dollar and c.amounts:
        rows.append(("Currency", ch.pick([M.DOLLARS[c.code], "%s (%s)" % (M.DOLLARS[c.code], c.code),
                                          "all amounts in " + M.DOLLARS[c.code]])))
    if pres["governing_law"]:
        j = c.law
        v = ch.pick([j.key, law_phrase(ch, j), j.adjective or j.key, j.key])
        c.law_str = v
        c.doc.protect.append(v)
        if courts and ch.chance(0.5):
            v += "; courts: " + ch.pick(courts.courts)
            c.marks["courts"].append(v)
            courts = None
        rows.append((ch.pick(C.KT_LAW), v))
    if c.notice:
        n, u = c.notice
        rows.append((ch.pick(C.KT_NOTICE), fill(ch.pick(C.KT_NOTICE_VALUE), {"np": notice_np(ch, n, u, c.words),
                                                                                "poss": notice_poss(ch, n, u, c.words)})))
    if cure and ch.chance(0.5):
        n, u = cure
        rows.append((ch.pick(["Cure Period", "Remedy Period"]), notice_np(ch, n, u, c.words)))
        c.marks["cure"].append(rows[-1][1])
        cure = None
    if percent and ch.chance(0.6):
        pct = ch.pick_plain(["3", "4", "5", "8", "2.5"])
        rows.append((ch.pick(["Late Payment Interest", "Annual Increase", "Discount"]),
                     pct + ch.pick_plain(["%", "% p.a.", " per cent"])))
        c.marks["percent"].append((rows[-1][1], pct))
        percent = False
    head_rows, rest = rows[:n_party_rows], rows[n_party_rows:]
    if ch.chance(0.3):
        ch.shuffle(rest)
    rows = head_rows + rest
    if table:
        lines = ["| " + ch.pick(["Item", "Term", "Field"]) + " | " + ch.pick(["Details", "Value", "Particulars"]) + " |",
                 "| --- | --- |"] + ["| %s | %s |" % r for r in rows]
    else:
        numbered = ch.chance(0.3)
        lines = [("%d. " % (i + 1) if numbered else "") + k + sep + v for i, (k, v) in enumerate(rows)]
    if c.ctype.key == "amendment":
        out.append(amendment_recital(ch, c, ctx)[0])
    out.append(title + "\n" + "\n".join(lines))
    # the rest of the excerpt: sentences for whatever the table did not carry, and some general terms
    extra = []
    if courts:
        extra.append(sentence(s_courts(ch, c, ctx)))
    if cure:
        extra.append(sentence(s_cure(ch, c, ctx)))
    if percent:
        extra.append(sentence(s_percent(ch, c, ctx)))
    if c.payterms:
        extra.append(sentence(s_payterms(ch, c, ctx)))
    for kind, h, sents in c.clauses:
        if kind in C.BOILER or kind == "subject":
            extra.append(" ".join(sub_sentences(sents)))
    tail = ch.pick(["This Order Form is governed by the Master Terms, which are incorporated by reference.",
                    "In the event of conflict, this Schedule prevails over the general terms.",
                    "Capitalised terms have the meaning given in the Agreement.",
                    "The particulars above form part of the Agreement.", ""])
    if tail:
        extra.append(tail)
    if extra:
        out.append(" ".join(extra))
    return out


def render_letter(ch, c, ctx):
    out = []
    core = c.core
    we = c.parties[c.yw[0]]
    you = c.parties[c.yw[1]]
    kind = "amendment" if c.ctype.key == "amendment" else core.key
    if kind not in C.LETTER_SUBJECTS:
        kind = "services"
    base_title = ch.pick(core.titles).title()
    lctx = dict(ctx, Aname=we.name, Bname=you.name, base_title=base_title,
                d_old=render_date(ch, c.old_date))
    if ch.chance(0.5):
        out.append(we.name + (" · " + P.address(ch, we.juris) if ch.chance(0.5) else ""))
    c.doc.protect += [we.name, you.name]
    out.append(render_date(ch, c.letter_date, ch.pick_plain(["dmy", "mdy", "dmy_ord", "mdy_ord", "iso", "dmy"])))
    if you.person:
        block = (you.title + " " if you.title and ch.chance(0.4) else "") + you.name
        block += "\n" + P.address(ch, you.juris)
        dear = "Dear %s," % ((you.title or ch.pick(["Mr", "Ms"])) + " " + you.name.split()[-1]
                             if ch.chance(0.5) else you.name.split()[0])
    else:
        block = ch.pick(["The Directors\n", "Attn: Legal Department\n", "For the attention of the Finance Director\n"]) + \
            you.name + "\n" + P.address(ch, you.juris)
        dear = ch.pick(["Dear Sirs,", "Dear Sir or Madam,", "Dear colleagues,"])
    out.append("Private & Confidential\n" + block if ch.chance(0.3) else block)
    out.append(dear)
    subj = fill(ch.pick(C.LETTER_SUBJECTS[kind]), dict(lctx))
    out.append("Re: " + subj)
    opener = fill(ch.pick(C.LETTER_OPENERS[kind]), lctx)
    if kind == "amendment":
        c.doc.protect.append(lctx["d_old"])
    out.append(sentence(opener))
    for kind_, h, sents in c.clauses:
        out.append(" ".join(sub_sentences(sents)))
    out.append(ch.pick(C.LETTER_CLOSERS))
    if we.person:
        sig = ch.pick(C.SIGNOFFS) + ",\n" + we.name
    else:
        sig = ch.pick(C.SIGNOFFS) + ",\n" + P.person_name(ch) + "\n" + ch.pick(C.POSITIONS) + "\n" + \
            ch.pick(["for and on behalf of ", "", "For "]) + we.name
    out.append(sig)
    if c.sign_date and ch.chance(0.7):
        out.append("Accepted and agreed by %s on %s" % (you.name, date_text(ch, c, c.sign_date)))
        c.marks["sign"].append(out[-1])
    return out


def add_cross_refs(ch, c, clauses):
    n = len(clauses)
    out = []
    for kind, h, sents in clauses:
        new = []
        for s in sents:
            if (ch.chance(0.12) and not s.endswith(":") and kind not in ("date", "term", "remain") and
                    not any(w in s for w in ("clause", "Clause", "Schedule", "Section"))):
                ref = fill(ch.pick(C.CROSS_REFS), {"k": ch.randint(1, n + 3), "j": ch.randint(1, 5),
                                                   "s": ch.randint(1, 4)})
                if ref.endswith(","):
                    s = s.rstrip(".") + ref.rstrip(",")
                else:
                    s = s.rstrip(".") + ref
            new.append(s)
        out.append((kind, h, new))
    return out


def render(ch, c, target):
    """The excerpt's text. target: the word count the excerpt aims at (it stops adding boilerplate there)."""
    c.doc = Doc()
    c.marks = {"cure": [], "courts": [], "percent": [], "sign": []}
    c.date_done = False
    c.date_str = None
    c.law_str = None
    c.title = ch.pick(c.ctype.titles).replace("{n}", str(ch.randint(1, 4)))
    c.date_form = ch.pick(DATE_FORMS)
    c.agr = "this " + c.ctype.agr
    c.plain_agr = ch.pick_plain(["agreement", "agreement", "contract"])
    if c.register == "plain":
        c.agr = "this " + ("lease" if c.core.key == "lease" else c.plain_agr)
    if c.ctype.key == "amendment":
        c.agr = "the Agreement"
    c.date_in_preamble = (c.style in ("formal legalese", "numbered clauses") and c.present["parties"] and
                          c.present["effective_date"] and not c.dated_too and ch.chance(0.65))
    ctx = context(ch, c)
    clauses = collect_clauses(ch, c, ctx)
    fillers = filler_clauses(ch, c, ctx)
    ch.shuffle(clauses)
    # a light preference for the usual order: term and payment early, law late
    order = {"date": 0, "subject": 1, "term": 2, "payment": 3, "rent": 3, "liability": 5, "termination": 6,
             "guarantee": 6, "confid": 7, "law": 9}
    if ch.chance(0.6):
        clauses.sort(key=lambda x: order.get(x[0], 8) + ch.rng.random() * 3)
    c.clauses = clauses
    base_words = None
    for extra in range(len(fillers) + 1):
        c.clauses = list(clauses)
        for f in fillers[:extra]:
            pos = ch.randint(0, len(c.clauses))
            c.clauses.insert(pos, f)
        c.clauses = add_cross_refs(ch, c, c.clauses) if c.style != "key terms table" else c.clauses
        if c.style in ("formal legalese", "numbered clauses"):
            parts = render_formal(ch, c, ctx, c.style == "numbered clauses")
        elif c.style == "plain English":
            parts = render_plain(ch, c, ctx)
        elif c.style == "key terms table":
            parts = render_key_terms(ch, c, ctx)
        else:
            parts = render_letter(ch, c, ctx)
        text = "\n\n".join(p for p in parts if p)
        text = re.sub(r"(?<=[A-Za-z])\.\.(?=\s|$|\))", ".", text)
        words = len(text.split())
        if base_words is None:
            base_words = words
        if words >= target:
            break
    return text


def finalize(c, text):
    """What of the distractors the final text holds (before any OCR noise)."""
    c.cure_in_text = any(s in text for s in c.marks["cure"])
    c.courts_in_text = any(s in text for s in c.marks["courts"])
    c.sign_in_text = any(s in text for s in c.marks["sign"])
    pcts = [p for s, p in c.marks["percent"] if s in text]
    c.percent_in_text = bool(pcts)
    c.percent_value = pcts[0] if pcts else None


# ------------------------------------------------------------------------------------------- noise

def protected_mask(text, protect):
    mask = [False] * len(text)
    for s in protect:
        if not s:
            continue
        i = text.find(s)
        while i >= 0:
            for k in range(i, i + len(s)):
                mask[k] = True
            i = text.find(s, i + 1)
    return mask


NUMBER_WORDS = {"seventeen", "seventeenth", "thirtieth", "twentieth", "thousand", "nineteenth", "fourteenth",
                "thirteenth", "eighteenth", "seventieth", "fifteenth", "sixteenth", "hundredth", "seventh"}


def ocr_noise(ch, text, protect):
    """OCR artefacts outside the protected strings (names, sums, dates): confusable letters, words broken
    by a hyphen or a space, page furniture between paragraphs."""
    import re
    mask = protected_mask(text, protect)
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", text)]
    cand = [(a, b) for a, b in words if text[a:b] in C.OCR_SWAPS and not any(mask[a:b])]
    n = ch.randint(2, 6)
    picks = sorted(ch.sample(cand, n), reverse=True)
    for a, b in picks:
        text = text[:a] + ch.pick_plain(C.OCR_SWAPS[text[a:b]]) + text[b:]
    mask = protected_mask(text, protect)
    longw = [(m.start(), m.end()) for m in re.finditer(r"\b[a-z]{9,}\b", text)
             if not any(mask[m.start():m.end()]) and m.group(0) not in NUMBER_WORDS]
    for a, b in sorted(ch.sample(longw, ch.randint(0, 2)), reverse=True):
        k = a + ch.randint(3, b - a - 3)
        text = text[:k] + ch.pick_plain(["-\n", "- ", "-"]) + text[k:]
    paras = text.split("\n\n")
    if len(paras) > 1 and ch.chance(0.7):
        k = ch.randint(1, len(paras) - 1)
        furn = fill(ch.pick_plain(C.FURNITURE), {"p": ch.randint(1, 9), "q": ch.randint(9, 24),
                                                 "ref": "%s/%04d" % (ch.pick_plain(["LEG", "CT", "AGR"]),
                                                                     ch.randint(1, 9999))})
        paras.insert(k, furn)
    text = "\n\n".join(paras)
    if ch.chance(0.4):
        mask = protected_mask(text, protect)
        spots = [i for i in range(len(text) - 1) if text[i:i + 2] == ". " and not mask[i] and not mask[i + 1]]
        if spots:
            k = ch.pick_plain(spots)
            text = text[:k] + ".  " + text[k + 2:]
    return text


# ------------------------------------------------------------------------------------------- the extraction

def extraction(c, text):
    """The JSON the text supports, as a dict in the schema's field order."""
    out = {}
    parties = []
    if c.present["parties"]:
        named = [p for p in c.parties if p.name and text.find(p.name) >= 0]
        named.sort(key=lambda p: text.find(p.name))
        parties = [{"name": p.name, "role": p.role_out} for p in named]
    out["parties"] = parties or None
    out["effective_date"] = iso(c.date) if c.present["effective_date"] else None
    term = None
    if c.present["term"]:
        tf = c.term_fact
        if tf[0] == "fixed":
            term = unit_out(tf[1], tf[2])
        elif tf[0] == "until_terminated":
            term = "until terminated"
        elif tf[0] == "until_date":
            term = "until " + iso(c.end_date)
    out["term"] = term
    amts = []
    for a in c.amounts:
        if a.text is None:
            continue
        amts.append((text.find(a.text), {"value": M.json_number(a.value), "currency": a.code,
                                         "purpose": a.slot.purpose}))
    amts.sort(key=lambda x: x[0])
    out["amounts"] = [x[1] for x in amts] or None
    out["governing_law"] = c.law.key if c.present["governing_law"] else None
    out["termination_notice"] = unit_out(*c.notice) if c.notice else None
    return out


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
