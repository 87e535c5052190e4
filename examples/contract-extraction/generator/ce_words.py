"""Words, numbers, dates and the phrasing chooser of the contract-extraction generator.

Deterministic throughout: every choice comes from the random.Random the caller hands in, and every list is
walked in its written order (no set iteration, no hash()).
"""

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
DECADES = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_SMALL = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth"]
ORD_DECADES = ["", "", "twentieth", "thirtieth"]


def below_hundred(n):
    if n < 20:
        return SMALL[n]
    t, o = divmod(n, 10)
    return DECADES[t] + ("-" + SMALL[o] if o else "")


def below_thousand(n, uk_and=False):
    h, r = divmod(n, 100)
    if h == 0:
        return below_hundred(r)
    head = SMALL[h] + " hundred"
    if r == 0:
        return head
    return head + (" and " if uk_and else " ") + below_hundred(r)


def number_words(n, uk_and=False):
    """A whole number in words, up to the billions: 12500 -> 'twelve thousand five hundred'."""
    if n == 0:
        return "zero"
    parts = []
    for size, name in ((10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")):
        if n >= size:
            q, n = divmod(n, size)
            parts.append(below_thousand(q, uk_and) + " " + name)
    if n:
        if parts and uk_and and n < 100:
            parts.append("and " + below_hundred(n))
        else:
            parts.append(below_thousand(n, uk_and))
    return " ".join(parts)


def ordinal_words(n):
    """1..31 as an ordinal word: 'first', 'twenty-second', 'thirtieth'."""
    if n < 20:
        return ORD_SMALL[n]
    t, o = divmod(n, 10)
    if o == 0:
        return ORD_DECADES[t]
    return DECADES[t] + "-" + ORD_SMALL[o]


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def year_words(y, style):
    """2025 as 'two thousand twenty-five', 'two thousand and twenty-five' or 'twenty twenty-five'."""
    if style == 0:
        return number_words(y)
    if style == 1:
        return number_words(y, uk_and=True)
    hi, lo = divmod(y, 100)
    return below_hundred(hi) + " " + (below_hundred(lo) if lo >= 10 else "oh " + SMALL[lo])


def iso(date):
    y, m, d = date
    return "%04d-%02d-%02d" % (y, m, d)


def valid_date(y, m, d):
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    top = 29 if (m == 2 and leap) else DAYS_IN[m - 1]
    return 1 <= d <= top


# Date forms, in bank order (the chooser keeps every fourth of a bank for the held-out split only, so the
# forms at index 3, 7, 11 and 15 are never seen in training).
DATE_FORMS = ["dmy", "mdy", "iso", "mdy_abbr_nodot", "dmy_ord", "mdy_ord", "day_of", "dash_abbr", "words",
              "mdy_abbr", "slash_uk", "ord_of_comma", "dots", "slash_us", "words_in_year", "dmy_abbr"]


def render_date(ch, date, form=None, caps=False):
    """One date as a contract writes it. Forms needing an unambiguous day (slashes) fall back to 'dmy'
    when the day is 12 or less."""
    y, m, d = date
    if form is None:
        form = ch.pick(DATE_FORMS)
    if form in ("slash_uk", "slash_us") and d <= 12:
        form = "dmy"
    month = MONTHS[m - 1]
    if form == "dmy":
        s = "%d %s %d" % (d, month, y)
    elif form == "mdy":
        s = "%s %d, %d" % (month, d, y)
    elif form == "iso":
        s = iso(date)
    elif form == "mdy_abbr_nodot":
        s = "%s %d %d" % (MONTH_ABBR[m - 1], d, y)
    elif form == "dmy_ord":
        s = "%s %s %d" % (ordinal_suffix(d), month, y)
    elif form == "mdy_ord":
        s = "%s %s, %d" % (month, ordinal_suffix(d), y)
    elif form == "day_of":
        s = "the %s day of %s, %d" % (ordinal_suffix(d), month, y)
    elif form == "dash_abbr":
        s = "%02d-%s-%d" % (d, MONTH_ABBR[m - 1].upper() if ch.chance(0.4) else MONTH_ABBR[m - 1], y)
    elif form == "words":
        s = "the %s day of %s, %s" % (ordinal_words(d), month, year_words(y, ch.randint(0, 1)))
    elif form == "mdy_abbr":
        s = "%s%s %d, %d" % (MONTH_ABBR[m - 1], "" if m == 5 else ".", d, y)
    elif form == "slash_uk":
        s = "%02d/%02d/%d" % (d, m, y)
    elif form == "ord_of_comma":
        s = "the %s of %s, %d" % (ordinal_suffix(d), month, y)
    elif form == "dots":
        s = "%02d.%02d.%d" % (d, m, y)
    elif form == "slash_us":
        s = "%02d/%02d/%d" % (m, d, y)
    elif form == "words_in_year":
        s = "the %s day of %s in the year %s" % (ordinal_words(d), month, year_words(y, ch.randint(0, 2)))
    else:  # dmy_abbr
        s = "%d %s %d" % (d, MONTH_ABBR[m - 1], y)
    return s.upper() if caps else s


def random_date(ch, lo=2019, hi=2027):
    while True:
        y, m = ch.randint(lo, hi), ch.randint(1, 12)
        d = ch.pick_plain([1, 1, 1, 1, ch.randint(1, 28), ch.randint(1, 31), 15, 30])
        if valid_date(y, m, d):
            return (y, m, d)


def shift_date(date, months=0, days=0):
    y, m, d = date
    m0 = m - 1 + months
    y += m0 // 12
    m = m0 % 12 + 1
    while not valid_date(y, m, d):
        d -= 1
    if days:
        import datetime
        t = datetime.date(y, m, d) + datetime.timedelta(days=days)
        y, m, d = t.year, t.month, t.day
    return (y, m, d)


def words_and_figures(n, unit_words, ch):
    """'thirty-six (36) months', '36 months', 'thirty-six months'."""
    r = ch.rng.random()
    w = number_words(n)
    if r < 0.4:
        return "%s (%d) %s" % (w, n, unit_words)
    if r < 0.75:
        return "%d %s" % (n, unit_words)
    return "%s %s" % (w, unit_words)


# ------------------------------------------------------------------------------------- the chooser

class Chooser:
    """Draws phrasings. A bank (a list) of four or more entries is split: the entries at index 3, 7, 11, ...
    are held back for the held-out split. In 'train' mode only the other entries are drawn; in 'heldout'
    mode half the draws come from the held-back entries and half from the whole bank."""

    def __init__(self, rng, mode):
        self.rng = rng
        self.mode = mode

    def pick(self, bank):
        if isinstance(bank, str):
            return bank
        n = len(bank)
        if n == 0:
            raise ValueError("empty bank")
        if n < 4:
            return bank[self.rng.randrange(n)]
        if self.mode == "heldout":
            if self.rng.random() < 0.5:
                held = bank[3::4]
                return held[self.rng.randrange(len(held))]
            return bank[self.rng.randrange(n)]
        kept = [x for i, x in enumerate(bank) if i % 4 != 3]
        return kept[self.rng.randrange(len(kept))]

    def pick_plain(self, seq):
        """A draw that ignores the held-out split (for numbers and weights, not wording)."""
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p):
        return self.rng.random() < p

    def randint(self, a, b):
        return self.rng.randint(a, b)

    def shuffle(self, seq):
        self.rng.shuffle(seq)
        return seq

    def sample(self, seq, k):
        seq = list(seq)
        return self.rng.sample(seq, max(0, min(k, len(seq))))

    def weighted(self, table):
        total = sum(w for _, w in table)
        r = self.rng.random() * total
        for name, w in table:
            r -= w
            if r < 0:
                return name
        return table[-1][0]


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def sentence(s):
    s = s.strip()
    if not s:
        return s
    s = cap(s)
    if s[-1] not in ".:;!?" and not (s[-1] in "\"'" and len(s) > 1 and s[-2] in ".!?"):
        s += "."
    return s


def join_and(items, conj="and"):
    items = [x for x in items if x]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + conj + " " + items[-1]
