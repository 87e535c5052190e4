"""How the recorded teacher gets contracts wrong, and what the recorded reviewer does about it.

Contract failures break the output contract or repeat an earlier sample, so the pipeline itself refuses
them before review: prose around the JSON, JSON that does not parse, a missing field, an amount written as
text, a date not in ISO form, a field the schema does not have, a currency symbol instead of its code,
parties written as bare strings, an empty output, a malformed item, exact and near duplicates.

Review defects keep the contract but are wrong. An *edit* defect is one a reviewer fixes in place (the
edited output is the correct extraction): a date with day and month swapped, a date taken from the signature
line, swapped roles, a wrong currency, a misread sum, a term converted to other units or taken from the
renewal period, the cure period given as the termination notice, the courts' place given as the governing
law. A *reject* defect makes the sample not worth fixing: the extraction of another contract, an invented
party or sum, most stated fields left null, a percentage taken for a sum, several fields wrong at once.
"""

import copy
import json

import ce_places as P
from ce_words import MONTHS, iso


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# ------------------------------------------------------------------------------------- contract failures

def c_prose(ch, out):
    lead = ch.pick_plain(["Here is the extracted data:\n", "Sure! The contract details are:\n",
                          "Extraction result:\n", "Based on the clause, here is the JSON you asked for.\n\n"])
    tail = ch.pick_plain(["", "\n\nLet me know if you need anything else.", "\nAll other fields were not stated."])
    return lead + dump(out) + tail


def c_trailing_comma(ch, out):
    s = dump(out)
    return s[:-1] + ",}"


def c_single_quotes(ch, out):
    return dump(out).replace('"', "'")


def c_truncated(ch, out):
    s = dump(out)
    return s[:max(20, int(len(s) * ch.rng.uniform(0.45, 0.85)))]


def c_missing_field(ch, out):
    o = copy.deepcopy(out)
    key = ch.pick_plain(["termination_notice", "governing_law", "term", "effective_date", "amounts"])
    del o[key]
    return dump(o), key


def c_amount_text(ch, out, case):
    if not out["amounts"]:
        return None
    o = copy.deepcopy(out)
    a = o["amounts"][0]
    v = a["value"]
    a["value"] = ("{:,.2f}".format(v) if ch.chance(0.5) else "%s %s" % (a["currency"], "{:,}".format(v)))
    return dump(o)


def c_date_words(ch, out, case):
    if not out["effective_date"]:
        return None
    o = copy.deepcopy(out)
    y, m, d = case.date
    o["effective_date"] = ch.pick_plain(["%s %d, %d" % (MONTHS[m - 1], d, y), "%d %s %d" % (d, MONTHS[m - 1], y)])
    if len(o["effective_date"]) <= 10:
        o["effective_date"] = "%s %d, %d" % (MONTHS[m - 1], d, y)
    return dump(o)


def c_extra_field(ch, out, case):
    o = dict(out)
    key, val = ch.pick_plain([("contract_type", case.ctype.label), ("currency", case.code),
                              ("title", case.title.title()), ("confidence", 0.9)])
    o[key] = val
    return dump(o)


SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "AUD": "A$", "CAD": "C$", "SGD": "S$",
           "NZD": "NZ$", "HKD": "HK$", "CHF": "Fr.", "ZAR": "R", "BRL": "R$", "MXN": "MX$"}


def c_currency_symbol(ch, out, case):
    if not out["amounts"]:
        return None
    o = copy.deepcopy(out)
    for a in o["amounts"]:
        a["currency"] = SYMBOLS.get(a["currency"], a["currency"].lower())
    return dump(o)


def c_party_strings(ch, out, case):
    if not out["parties"]:
        return None
    o = copy.deepcopy(out)
    o["parties"] = ["%s (%s)" % (p["name"], p["role"]) if ch.chance(0.5) else p["name"] for p in o["parties"]]
    return dump(o)


# ------------------------------------------------------------------------------------- review defects
# Each takes (ch, case, text, out) and returns (wrong output dict, reason) or None when it does not apply.

def e_date_swap(ch, c, text, out):
    if not out["effective_date"]:
        return None
    y, m, d = c.date
    if d > 12 or d == m:
        return None
    o = dict(out, effective_date=iso((y, d, m)))
    return o, "effective date with day and month swapped (%s for %s)" % (o["effective_date"], out["effective_date"])


def e_date_other(ch, c, text, out):
    if not out["effective_date"]:
        return None
    opts = []
    if c.dated_too:
        opts.append((c.dated_too, "the date the agreement was signed instead of its effective date"))
    if c.sign_date and c.sign_in_text:
        opts.append((c.sign_date, "effective date taken from the signature line"))
    if c.ctype.key == "amendment":
        opts.append((c.old_date, "effective date of the original agreement instead of the amendment's"))
    if c.style == "letter":
        opts.append((c.letter_date, "the letter's date given as the effective date"))
    opts = [x for x in opts if iso(x[0]) != out["effective_date"]]
    if not opts:
        return None
    date, why = ch.pick_plain(opts)
    return dict(out, effective_date=iso(date)), why


def e_date_invented(ch, c, text, out):
    if out["effective_date"]:
        return None
    opts = []
    if c.sign_date and c.sign_in_text:
        opts.append(c.sign_date)
    if c.style == "letter":
        opts.append(c.letter_date)
    if not opts:
        return None
    return dict(out, effective_date=iso(ch.pick_plain(opts))), \
        "effective date invented: the text gives none (only a signature or letter date)"


def e_roles_swapped(ch, c, text, out):
    ps = out["parties"]
    if not ps or len(ps) < 2 or ps[0]["role"] == ps[1]["role"]:
        return None
    o = copy.deepcopy(out)
    o["parties"][0]["role"], o["parties"][1]["role"] = ps[1]["role"], ps[0]["role"]
    return o, "party roles swapped (%s is the %s)" % (ps[0]["name"], ps[0]["role"])


def e_currency(ch, c, text, out):
    if not out["amounts"]:
        return None
    code = out["amounts"][0]["currency"]
    if c.bare_dollar and code != "USD":
        wrong, why = "USD", "wrong currency: bare \"$\" read as US dollars (the contract uses %s)" % code
    else:
        alt = {"EUR": "GBP", "GBP": "EUR", "USD": "CAD", "CAD": "USD", "AUD": "USD", "SGD": "USD", "CHF": "EUR",
               "SEK": "NOK", "NOK": "SEK", "DKK": "EUR", "NZD": "AUD", "HKD": "USD", "INR": "USD", "JPY": "CNY",
               "ZAR": "USD", "MXN": "USD", "AED": "USD", "PLN": "EUR", "BRL": "USD"}
        wrong = alt.get(code, "USD")
        if wrong not in ("USD", "EUR", "GBP", "CAD", "AUD", "NOK", "SEK"):
            wrong = "USD"
        why = "wrong currency (%s for %s)" % (wrong, code)
    o = copy.deepcopy(out)
    for a in o["amounts"]:
        if a["currency"] == code:
            a["currency"] = wrong
    return o, why


def e_amount_scale(ch, c, text, out):
    if not out["amounts"]:
        return None
    o = copy.deepcopy(out)
    big = [a for a in o["amounts"] if a["value"] >= 1000]
    if not big:
        return None
    a = ch.pick_plain(big)
    v = a["value"]
    a["value"] = round(v / 1000.0, 3) if ch.chance(0.6) else v * 100
    if a["value"] == int(a["value"]):
        a["value"] = int(a["value"])
    return o, "amount misread (%s for %s)" % (a["value"], v)


def e_term_units(ch, c, text, out):
    tf = c.term_fact
    if not out["term"] or tf[0] != "fixed" or tf[2] != "year":
        return None
    return dict(out, term="%d months" % (tf[1] * 12)), "term converted to months; the contract says %s" % out["term"]


def e_term_renewal(ch, c, text, out):
    if not out["term"] or not c.renewal:
        return None
    n, u = c.renewal
    wrong = "%d %s" % (n, u if n == 1 else u + "s")
    if wrong == out["term"]:
        return None
    return dict(out, term=wrong), "term taken from the renewal period"


def e_notice_cure(ch, c, text, out):
    if not c.cure or not c.cure_in_text:
        return None
    n, u = c.cure
    wrong = "%d %s" % (n, u if n == 1 else u + "s")
    if wrong == out["termination_notice"]:
        return None
    return dict(out, termination_notice=wrong), "termination notice taken from the cure period for breach"


def e_notice_invented(ch, c, text, out):
    if out["termination_notice"] or not c.payterms:
        return None
    return dict(out, termination_notice="30 days"), \
        "termination notice invented from the payment terms; the text states none"


def e_law_courts(ch, c, text, out):
    if not c.courts or not c.courts_in_text or c.courts.key == out["governing_law"]:
        return None
    if out["governing_law"]:
        why = "governing law taken from the jurisdiction clause (%s) instead of %s" % (c.courts.key, out["governing_law"])
    else:
        why = "governing law invented from the courts clause; the text states none"
    return dict(out, governing_law=c.courts.key), why


def e_law_incorporation(ch, c, text, out):
    if out["governing_law"]:
        return None
    homes = [p.juris.key for p in c.parties if p.name and p.descriptor and p.juris.key in text]
    if not homes:
        return None
    return dict(out, governing_law=homes[0]), "governing law invented from a party's place of incorporation"


def e_name_descriptor(ch, c, text, out):
    if not out["parties"]:
        return None
    for p in c.parties:
        if p.name and not p.person and p.descriptor and (p.name + ", " + p.descriptor) in text:
            o = copy.deepcopy(out)
            for q in o["parties"]:
                if q["name"] == p.name:
                    q["name"] = (p.name + ", " + p.descriptor)[:118]
            return o, "party name includes its description"
    return None


SWAP_PURPOSE = {"deposit": "rent", "rent": "deposit", "liability cap": "fee", "late fee": "fee", "bonus": "salary",
                "minimum purchase": "price", "price": "fee", "principal": "fee", "salary": "fee", "fee": "price"}


def e_purpose(ch, c, text, out):
    if not out["amounts"]:
        return None
    o = copy.deepcopy(out)
    a = ch.pick_plain(o["amounts"])
    old = a["purpose"]
    a["purpose"] = SWAP_PURPOSE[old]
    return o, "wrong purpose for a sum (%s, not %s: %s %s)" % (a["purpose"], old, a["currency"], a["value"])


def e_amount_missing(ch, c, text, out):
    if not out["amounts"] or len(out["amounts"]) < 2:
        return None
    o = copy.deepcopy(out)
    k = ch.randint(0, len(o["amounts"]) - 1)
    gone = o["amounts"].pop(k)
    return o, "amount left out (%s %s %s)" % (gone["purpose"], gone["currency"], gone["value"])


def e_old_amount(ch, c, text, out):
    olds = [a for a in c.amounts if a.old is not None]
    if not out["amounts"] or not olds:
        return None
    o = copy.deepcopy(out)
    for a in o["amounts"]:
        if a["value"] == olds[0].value:
            a["value"] = olds[0].old
            return o, "the amount the amendment replaces, not the new one"
    return None


EDITS = [(e_date_swap, 14), (e_date_other, 12), (e_date_invented, 5), (e_roles_swapped, 12), (e_currency, 10),
         (e_amount_scale, 8), (e_term_units, 8), (e_term_renewal, 6), (e_notice_cure, 8), (e_notice_invented, 4),
         (e_law_courts, 8), (e_law_incorporation, 5), (e_name_descriptor, 5), (e_purpose, 7), (e_amount_missing, 6),
         (e_old_amount, 6)]


def r_other_contract(ch, c, text, out, pool):
    for _ in range(20):
        other = ch.pick_plain(pool) if pool else None
        if other and other.get("parties") and other != out:
            return other, "extraction of a different contract (parties and figures are not in the text)"
    return None


def r_invented_party(ch, c, text, out, pool):
    if not out["parties"]:
        return None
    o = copy.deepcopy(out)
    name = P.company_name(ch, c.law)
    if name in text:
        return None
    o["parties"].append({"name": name, "role": ch.pick_plain(["guarantor", "agent", "affiliate", "party"])})
    return o, "invented a party not in the text (%s)" % name


def r_invented_amounts(ch, c, text, out, pool):
    if out["amounts"]:
        return None
    v = ch.pick_plain([5000, 10000, 25000, 1000, 1200, 50000])
    o = dict(out, amounts=[{"value": v, "currency": c.code, "purpose": ch.pick_plain(["fee", "liability cap",
                                                                                      "deposit"])}])
    return o, "invented an amount; the text states no sum of money"


def r_mostly_null(ch, c, text, out, pool):
    stated = [k for k, v in out.items() if v is not None]
    if len(stated) < 4:
        return None
    keep = ch.pick_plain(stated)
    o = {k: (v if k == keep else None) for k, v in out.items()}
    return o, "stated fields left null (%d of them)" % (len(stated) - 1)


def r_parties_missing(ch, c, text, out, pool):
    if not out["parties"]:
        return None
    return dict(out, parties=None), "parties left out though the text names them"


def r_percent_amount(ch, c, text, out, pool):
    if not c.percent_in_text:
        return None
    o = copy.deepcopy(out)
    pct = c.percent_value
    extra = {"value": float(pct) if "." in pct else int(pct), "currency": c.code, "purpose": "fee"}
    o["amounts"] = (o["amounts"] or []) + [extra]
    return o, "percentage taken as a sum of money (%s%%)" % pct


def r_roles_other_kind(ch, c, text, out, pool):
    if not out["parties"] or len(out["parties"]) < 2:
        return None
    pairs = [("landlord", "tenant"), ("licensor", "licensee"), ("lender", "borrower"), ("employer", "employee"),
             ("supplier", "buyer")]
    roles = [p["role"] for p in out["parties"][:2]]
    pairs = [x for x in pairs if x[0] not in roles and x[1] not in roles]
    a, b = ch.pick_plain(pairs)
    o = copy.deepcopy(out)
    o["parties"][0]["role"], o["parties"][1]["role"] = a, b
    return o, "roles of a different kind of contract (%s and %s)" % (a, b)


def r_several(ch, c, text, out, pool):
    got = []
    o = out
    for f, _ in ch.shuffle(list(EDITS)):
        r = f(ch, c, text, o)
        if r and r[0] != o:
            changed = [k for k in out if r[0][k] != o[k]]
            if changed and not any(k for k in changed if any(k in g for g in got)):
                o = r[0]
                got.append(r[1] + " [" + changed[0] + "]")
        if len(got) == 2:
            break
    if len(got) < 2:
        return None
    return o, "several fields wrong: " + "; ".join(x.split(" [")[0] for x in got)


REJECTS = [(r_other_contract, 10), (r_invented_party, 10), (r_invented_amounts, 9), (r_mostly_null, 8),
           (r_parties_missing, 5), (r_percent_amount, 7), (r_roles_other_kind, 6), (r_several, 14)]


def plant(ch, table, c, text, out, pool=None):
    """The first defect of the table (drawn by weight, without repeats) that applies: (output, reason)."""
    cands = list(table)
    while cands:
        total = sum(w for _, w in cands)
        r = ch.rng.random() * total
        for i, (f, w) in enumerate(cands):
            r -= w
            if r < 0:
                break
        f = cands.pop(i)[0]
        got = f(ch, c, text, out, pool) if pool is not None else f(ch, c, text, out)
        if got and got[0] != out:
            return got
    return None
