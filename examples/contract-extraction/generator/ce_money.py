"""Currencies and how contracts write sums of money.

A sum is drawn as a value and an ISO 4217 code; render_amount() writes it in one of many forms
("USD 12,500.00", "$12.5k", "EUR 12.500,00", "twelve thousand five hundred euros (EUR 12,500)",
"Rs. 5,00,000"); the extraction always records the value as a number and the code.
"""

from ce_words import number_words


class Currency:
    def __init__(self, code, words, symbols, scale, european=None, decimals=2):
        self.code = code
        self.words = words          # plural names, first is the usual one
        self.symbols = symbols      # written before the figure; [] when the code is used
        self.scale = scale          # rough size of one US dollar in this currency
        self.european = european    # digit grouping: None (1,234.56), "dot" (1.234,56), "space" (1 234,56),
                                    # "apos" (1'234.56)
        self.decimals = decimals


CURRENCIES = [
    Currency("USD", ["US dollars", "United States dollars", "U.S. dollars"], ["$", "US$", "U.S. $"], 1),
    Currency("EUR", ["euros", "euro"], ["€"], 1, "dot"),
    Currency("GBP", ["pounds sterling", "pounds", "British pounds"], ["£"], 0.8),
    Currency("CHF", ["Swiss francs"], ["CHF ", "Fr. "], 0.9, "apos"),
    Currency("JPY", ["Japanese yen", "yen"], ["¥", "JP¥"], 150, None, 0),
    Currency("CAD", ["Canadian dollars"], ["C$", "CA$", "CDN$"], 1.35),
    Currency("AUD", ["Australian dollars"], ["A$", "AU$"], 1.5),
    Currency("SGD", ["Singapore dollars"], ["S$"], 1.35),
    Currency("INR", ["Indian rupees", "rupees"], ["₹", "Rs. ", "INR "], 80, "lakh", 2),
    Currency("SEK", ["Swedish kronor"], [], 10, "space"),
    Currency("NZD", ["New Zealand dollars"], ["NZ$"], 1.6),
    Currency("HKD", ["Hong Kong dollars"], ["HK$"], 8),
    Currency("ZAR", ["South African rand", "rand"], ["R"], 18, "space"),
    Currency("NOK", ["Norwegian kroner"], [], 10, "space"),
    Currency("DKK", ["Danish kroner"], [], 7, "dot"),
    Currency("MXN", ["Mexican pesos"], ["MX$"], 17),
    Currency("AED", ["UAE dirhams", "dirhams"], [], 3.7),
    Currency("PLN", ["Polish zloty", "zlotys"], [], 4, "space"),
    Currency("BRL", ["Brazilian reais", "reais"], ["R$"], 5, "dot"),
]
BY_CODE = {c.code: c for c in CURRENCIES}
CODES = [c.code for c in CURRENCIES]
# Dollar currencies a contract may write as a bare "$" once it says which dollar it means.
DOLLARS = {"AUD": "Australian dollars", "CAD": "Canadian dollars", "NZD": "New Zealand dollars",
           "SGD": "Singapore dollars", "HKD": "Hong Kong dollars"}


def group(n, sep=","):
    s = str(n)
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return sep.join(out)


def group_lakh(n):
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    parts = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    if head:
        parts.insert(0, head)
    return ",".join(parts) + "," + tail


def figure(value, cur, style, cents):
    """The digits of a sum. style: 'plain' (1,234.56), 'european' (the currency's own grouping), 'bare'
    (1234.56)."""
    whole = int(value)
    frac = int(round((value - whole) * 100))
    show_cents = (cents or frac) and cur.decimals
    if style == "bare":
        s = str(whole)
        return s + (".%02d" % frac if show_cents else "")
    if style == "european" and cur.european in ("dot", "space", "apos"):
        sep, dec = {"dot": (".", ","), "space": (" ", ","), "apos": ("'", ".")}[cur.european]
        return group(whole, sep) + ((dec + "%02d" % frac) if show_cents else "")
    if cur.european == "lakh" and style == "european":
        return group_lakh(whole) + (".%02d" % frac if show_cents else "")
    return group(whole) + (".%02d" % frac if show_cents else "")


def short_form(value, ch=None):
    """'12.5k' / '1.2 million' / '1.25m' when the value has such a short form, else None."""
    if value != int(value):
        return None
    v = int(value)
    if v >= 1000000 and v % 10000 == 0:
        t = ("%.2f" % (v / 1000000.0)).rstrip("0").rstrip(".")
        tail = ch.pick_plain([" million", " million", "m", "M", " mn"]) if ch else " million"
        return t + tail
    if 1000 <= v < 1000000 and v % 100 == 0:
        t = ("%.1f" % (v / 1000.0)).rstrip("0").rstrip(".")
        return t + (ch.pick_plain(["k", "k", "K", " thousand"]) if ch else "k")
    return None


def sum_words(value, cur, ch):
    """A whole sum in words with the currency's name: 'twelve thousand five hundred euros'."""
    v = int(value)
    name = ch.pick(cur.words)
    if v == 1:
        name = name[:-1] if name.endswith("s") else name
    return number_words(v, uk_and=ch.chance(0.3)) + " " + name


# Forms in bank order: the chooser holds back index 3, 7, 11 for the held-out split.
AMOUNT_FORMS = ["code", "symbol", "words_figure", "code_after", "symbol_cents", "european", "short", "figure_words",
                "code_cents", "code_nospace", "words_only", "symbol_code"]


def render_amount(ch, value, code, form=None, bare_dollar=False):
    """One sum of money as a contract writes it. bare_dollar: the contract has said which dollar '$' means,
    so a plain '$' may stand for it."""
    cur = BY_CODE[code]
    if form is None:
        form = ch.pick(AMOUNT_FORMS)
    whole = value == int(value)
    if form in ("words_figure", "figure_words", "words_only") and not whole:
        form = "code_cents"
    if form == "short" and short_form(value) is None:
        form = "code"
    if form in ("symbol", "symbol_cents", "symbol_code") and not cur.symbols and not bare_dollar:
        form = "code"
    if form == "european" and cur.european is None:
        form = "code_cents"
    sym = "$" if bare_dollar else (ch.pick(cur.symbols) if cur.symbols else code + " ")
    if code == "USD" and not bare_dollar and form in ("symbol", "symbol_cents") and ch.chance(0.6):
        sym = "$"
    if form == "code":
        return "%s %s" % (code, figure(value, cur, "plain", False))
    if form == "symbol":
        return sym + figure(value, cur, "plain", False)
    if form == "words_figure":
        inner = ("%s %s" % (code, figure(value, cur, "plain", False)) if ch.chance(0.5)
                 else sym + figure(value, cur, "plain", False))
        return "%s (%s)" % (sum_words(value, cur, ch), inner)
    if form == "code_after":
        return "%s %s" % (figure(value, cur, "plain", ch.chance(0.4)), code)
    if form == "symbol_cents":
        return sym + figure(value, cur, "plain", True)
    if form == "european":
        f = figure(value, cur, "european", ch.chance(0.6))
        if code == "EUR" and ch.chance(0.5):
            return f + " €" if ch.chance(0.5) else f + " EUR"
        if code == "INR":
            return ch.pick(["Rs. ", "₹", "INR "]) + f
        return "%s %s" % (code, f)
    if form == "short":
        s = short_form(value, ch)
        if bare_dollar or (cur.symbols and ch.chance(0.6)):
            return sym + s
        return "%s %s" % (code, s)
    if form == "figure_words":
        inner = sym + figure(value, cur, "plain", False) if cur.symbols or bare_dollar else \
            "%s %s" % (code, figure(value, cur, "plain", False))
        return "%s (%s)" % (inner, sum_words(value, cur, ch))
    if form == "code_cents":
        return "%s %s" % (code, figure(value, cur, "plain", True))
    if form == "code_nospace":
        return "%s%s" % (code, figure(value, cur, "plain", ch.chance(0.5)))
    if form == "words_only":
        if bare_dollar:
            return "%s (%s)" % (sum_words(value, cur, ch), "$" + figure(value, cur, "plain", False))
        return sum_words(value, cur, ch)
    # symbol_code: "US$ 12,500.00", "EUR 12,500.00 (€12,500.00)"
    if cur.symbols:
        return "%s %s" % (ch.pick(cur.symbols).strip(), figure(value, cur, "plain", True))
    return "%s %s" % (code, figure(value, cur, "plain", True))


def nice_value(ch, lo, hi, code, step=None, cents_p=0.0):
    """A plausible sum between lo and hi US dollars, in the given currency, rounded the way contracts
    round."""
    cur = BY_CODE[code]
    base = lo + (hi - lo) * (ch.rng.random() ** 1.7)
    v = base * cur.scale
    if step is None:
        mag = 1
        while mag * 100 < v:
            mag *= 10
        step = ch.pick_plain([mag, mag, mag * 5, mag // 2 if mag >= 10 else mag, mag * 10 if mag * 10 < v else mag])
    step = max(1, int(step))
    v = max(step, int(round(v / step)) * step)
    if cents_p and cur.decimals and v < 100000 and ch.chance(cents_p):
        c = ch.pick_plain([50, 99, 95, 25, 75, 40])
        return v - 1 + c / 100.0 if c in (99, 95) else v + c / 100.0
    return v


def json_number(v):
    """The value as the extraction writes it: an integer when whole, else at most two decimals."""
    if v == int(v):
        return int(v)
    return round(v, 2)
