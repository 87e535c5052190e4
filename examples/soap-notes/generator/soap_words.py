"""Spoken numbers and the phrasing chooser shared by the soap-notes generator.

Everything here is deterministic: choices come from the random.Random the caller passes in, and lists
are walked in their written order (no set or hash() ordering anywhere).
"""

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def two_digit(n):
    """0..99 in words: 7 -> seven, 42 -> forty-two."""
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("-" + ONES[o] if o else "")


def int_words(n, rng=None, colloquial=True):
    """An integer in words as people say it. With colloquial and an rng, 138 may become
    'one thirty-eight' or 'a hundred thirty-eight' or 'one hundred and thirty-eight'."""
    if n < 100:
        return two_digit(n)
    if n < 1000:
        h, r = divmod(n, 100)
        if rng is not None and colloquial:
            k = rng.random()
            if r == 0:
                return ("a hundred" if h == 1 and k < 0.5 else ONES[h] + " hundred")
            if k < 0.5:
                # "one thirty-eight", "one oh five"
                return ONES[h] + " " + (two_digit(r) if r >= 10 else "oh " + ONES[r])
            if k < 0.7 and h == 1:
                return "a hundred " + ("and " if rng.random() < 0.4 else "") + two_digit(r)
        if r == 0:
            return ONES[h] + " hundred"
        return ONES[h] + " hundred " + ("and " if rng is not None and rng.random() < 0.3 else "") + two_digit(r)
    if n < 1000000:
        th, r = divmod(n, 1000)
        head = ("a thousand" if th == 1 and rng is not None and rng.random() < 0.5
                else int_words(th, None) + " thousand")
        if r == 0:
            return head
        return head + " " + int_words(r, None)
    return str(n)


def dose_words(value, rng):
    """A dose as spoken: '500' -> 'five hundred', '875' -> 'eight seventy-five', '0.5' -> 'point five',
    '2.5' -> 'two and a half', '12.5' -> 'twelve point five'."""
    if "." in value:
        whole, frac = value.split(".")
        if frac == "5" and rng.random() < 0.5:
            if whole in ("", "0"):
                return "half a"  # "half a milligram" (caller adds the unit)
            return int_words(int(whole)) + " and a half"
        head = "" if whole in ("", "0") else int_words(int(whole)) + " "
        return head + "point " + " ".join(ONES[int(d)] for d in frac)
    n = int(value)
    if n >= 1000 and n % 1000 == 0:
        return int_words(n, rng)
    if 100 < n < 1000 and n % 100 != 0 and rng.random() < 0.5:
        h, r = divmod(n, 100)
        return ONES[h] + " " + (two_digit(r) if r >= 10 else "oh " + ONES[r])
    return int_words(n, None)


def decimal_words(value, rng):
    """38.6 -> 'thirty-eight point six' or 'thirty-eight six'; 101.2 -> 'one oh one point two' ..."""
    whole, frac = value.split(".")
    w = int(whole)
    if w >= 100:
        head = int_words(w, rng)
    else:
        head = two_digit(w)
    if frac == "0" and rng.random() < 0.5:
        return head
    if rng.random() < 0.3 and w < 100:
        return head + " " + ONES[int(frac)]
    return head + " point " + " ".join(ONES[int(d)] for d in frac)


def say_number(value, rng, p_words=0.55, colloquial=True):
    """A number in digits or words, as a transcriptionist might have typed it."""
    if rng.random() >= p_words:
        return value
    if "." in value:
        return decimal_words(value, rng)
    return int_words(int(value), rng, colloquial)


# --- the phrasing chooser -----------------------------------------------------------------------------

class Chooser:
    """Picks phrasings. Banks of four or more phrasings are split: every fourth entry (index 3, 7, ...) is
    kept for the held-out split only, so the held-out dictations use wordings the training data never
    shows. In held-out mode half the picks come from the held-back entries when a bank has any."""

    def __init__(self, rng, mode):
        self.rng = rng
        self.mode = mode  # "train" or "heldout"

    def pick(self, options):
        if isinstance(options, str):
            return options
        n = len(options)
        if n == 0:
            raise ValueError("empty phrasing bank")
        if n < 4:
            return options[self.rng.randrange(n)]
        held = [options[i] for i in range(n) if i % 4 == 3]
        kept = [options[i] for i in range(n) if i % 4 != 3]
        if self.mode == "heldout":
            if self.rng.random() < 0.5:
                return held[self.rng.randrange(len(held))]
            return options[self.rng.randrange(n)]
        return kept[self.rng.randrange(len(kept))]

    def chance(self, p):
        return self.rng.random() < p

    def randint(self, a, b):
        return self.rng.randint(a, b)

    def sample(self, seq, k):
        k = max(0, min(k, len(seq)))
        return self.rng.sample(list(seq), k)

    def shuffle(self, seq):
        self.rng.shuffle(seq)
        return seq


def join_and(items, conj="and"):
    items = [x for x in items if x]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " " + conj + " " + items[-1]


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def sentence(s):
    """Capitalised, with a final full stop unless it already ends in punctuation."""
    s = s.strip()
    if not s:
        return s
    s = cap(s)
    if s[-1] not in ".?!":
        s += "."
    return s
