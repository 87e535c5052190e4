"""People, places, times, text helpers and the phrasing chooser of the ticket-triage generator.

Deterministic throughout: every choice comes from the random.Random handed in, and every list is walked in
its written order (no set iteration, no hash()). Every name here is invented from parts; no real person is
meant.
"""


class Chooser:
    """Draws phrasings from banks (lists). In a bank of four or more entries the entries at index 3, 7, 11, ...
    are held back: the 'train' mode never draws them, the 'heldout' mode draws half of its picks from them and
    the other half from the whole bank. Numbers and weights go through plain(), which ignores the split."""

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
                back = bank[3::4]
                return back[self.rng.randrange(len(back))]
            return bank[self.rng.randrange(n)]
        kept = [x for i, x in enumerate(bank) if i % 4 != 3]
        return kept[self.rng.randrange(len(kept))]

    def plain(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p):
        return self.rng.random() < p

    def randint(self, a, b):
        return self.rng.randint(a, b)

    def shuffle(self, seq):
        self.rng.shuffle(seq)
        return seq

    def weighted(self, table):
        total = sum(w for _, w in table)
        r = self.rng.random() * total
        for name, w in table:
            r -= w
            if r < 0:
                return name
        return table[-1][0]


def held_back(bank):
    """The entries of a bank that only the held-out split uses."""
    return bank[3::4] if len(bank) >= 4 else []


# ------------------------------------------------------------------------------------------- people

FIRST = ["Anna", "Marek", "Priya", "Tom", "Fatima", "Jonas", "Chloe", "Ravi", "Ingrid", "Diego", "Mei", "Olu",
         "Sanne", "Patrick", "Yuki", "Hannah", "Kwame", "Elena", "Sven", "Aisha", "Luca", "Nadia", "Ben", "Zofia",
         "Carlos", "Leila", "Mikko", "Grace", "Tariq", "Julia", "Henrik", "Amara", "Dev", "Rosa", "Felix",
         "Ines", "Omar", "Kate", "Viktor", "Lena", "Samir", "Eva", "Jamal", "Noor", "Pieter", "Clara", "Arjun",
         "Maja", "Ruth", "Kenji", "Bianca", "Hugo", "Sofia", "Emeka", "Lotte", "Isaac", "Paula", "Andrei"]
LAST = ["Kowalski", "Nair", "Becker", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "O'Brien", "Silva",
        "Novak", "Mensah", "de Vries", "Rossi", "Schneider", "Chen", "Petrov", "Ahmed", "Jensen", "Murphy",
        "Garcia", "Kaur", "Dubois", "Horvat", "Yilmaz", "Nowak", "Ferreira", "Bauer", "Sato", "Eriksen",
        "Abara", "Kovacs", "Walsh", "Iyer", "Romano", "Fischer", "Lopez", "Berg", "Osei", "Marin", "Brandt",
        "Costa", "Varga", "Hughes", "Popescu", "Laine", "Mokoena", "Dahl"]
TITLES = ["Accounts Payable Clerk", "Sales Manager", "HR Business Partner", "Store Manager", "Payroll Specialist",
          "Marketing Coordinator", "Warehouse Supervisor", "Office Manager", "Financial Controller",
          "Customer Service Lead", "Project Manager", "Executive Assistant", "Senior Developer",
          "Operations Analyst", "Legal Counsel", "Regional Manager", "Buyer", "Team Lead, Support",
          "Head of Finance", "Recruiter", "Data Analyst", "Facilities Coordinator", "Site Manager",
          "Account Executive", "Quality Engineer", "Receptionist", "Procurement Officer", "Controller"]
TEAMS = ["accounts payable", "sales", "HR", "payroll", "marketing", "the warehouse", "customer service",
         "finance", "legal", "procurement", "the call centre", "engineering", "the design team", "reception",
         "logistics", "the support desk", "accounts receivable", "IT operations", "the data team", "facilities",
         "the board office", "quality", "recruitment", "purchasing"]
COMPANIES = ["Brightwell Foods", "Kestrel Logistics", "Norland Dental", "Amberline Insurance", "Tidewater Hotels",
             "Copperfield Retail", "Halvorsen Engineering", "Larchmont Legal", "Pinecrest Clinics",
             "Redstone Builders", "Silverbirch Travel", "Quayside Media", "Marlow & Finch", "Oakhurst Bakeries",
             "Greywater Energy", "Fennick Outdoor", "Juniper Home", "Lowfield Pharma", "Ashgrove Schools",
             "Beacon Fitness", "Ivory Coast Coffee", "Westmere Motors", "Calder Textiles", "Orchard Pet Supplies"]
EXTERNAL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "web.de", "icloud.com", "hotmail.com",
                    "proton.me", "gmx.net"]


def person(ch):
    return ch.plain(FIRST), ch.plain(LAST)


def email_of(first, last, domain):
    return "%s.%s@%s" % (first.lower(), last.lower().replace(" ", "").replace("'", ""), domain)


def company_domain(company):
    w = company.lower().replace("&", "").replace("  ", " ").split()
    return w[0] + ("-" + w[1] if len(w) > 1 and len(w[0]) < 6 else "") + ".example"


# ------------------------------------------------------------------------------------------- places

SITES = ["the Leeds office", "the Rotterdam office", "the head office", "the Lyon site", "the Brno plant",
         "the Dublin office", "the Porto office", "the Manchester branch", "the Graz office", "the warehouse in Venlo",
         "the Gdansk office", "the Malmo office", "the Bristol office", "the Antwerp depot", "the Turin office",
         "the Aarhus office"]
FLOORS = ["the 2nd floor", "the 3rd floor", "floor 4", "the ground floor", "the first floor", "the mezzanine",
          "the 5th floor", "building B", "the annex"]
ROOMS = ["room 2.14", "the Oak meeting room", "the boardroom", "room B104", "the training room", "meeting room 3",
         "the Atlas room", "room 4.02", "the big conference room", "the Harbour room"]
STORES = ["store 112", "the Market Street store", "our Northgate shop", "store 37", "the airport kiosk",
          "the Riverside branch", "store 208", "the outlet store", "the station shop"]
COUNTRIES = ["Nigeria", "Vietnam", "Brazil", "Romania", "an IP in the Netherlands", "Indonesia", "Russia",
             "Panama", "Ukraine", "Kazakhstan"]


# ------------------------------------------------------------------------------------------- times

CLOCK = ["07:40", "08:05", "08:15", "08:30", "08:50", "09:10", "09:20", "09:45", "10:05", "10:30", "11:15",
         "11:40", "12:10", "13:05", "13:30", "14:20", "14:45", "15:10", "16:00", "16:35", "17:20"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def clock(ch):
    return ch.plain(CLOCK)


def later_clock(ch, t, min_hours=1, max_hours=4):
    h, m = int(t[:2]), int(t[3:])
    h = min(h + ch.randint(min_hours, max_hours), 18)
    return "%02d:%02d" % (h, ch.plain([0, 0, 0, 15, 30, 30, 45]))


def ampm(t):
    h, m = int(t[:2]), int(t[3:])
    suf = "am" if h < 12 else "pm"
    h12 = h if 1 <= h <= 12 else (h - 12 if h > 12 else 12)
    return ("%d%s" % (h12, suf)) if m == 0 else ("%d:%02d%s" % (h12, m, suf))


def spoken_time(ch, t):
    return t if ch.chance(0.55) else ampm(t)


# ------------------------------------------------------------------------------------------- text

def cap(s):
    return s[:1].upper() + s[1:] if s else s


def sentence(s):
    s = s.strip()
    if not s:
        return s
    s = cap(s)
    if s[-1] not in ".!?:" and not (s[-1] in "\"')" and len(s) > 1 and s[-2] in ".!?"):
        s += "."
    return s


def join_and(items, conj="and"):
    items = [x for x in items if x]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + conj + " " + items[-1]


def words(text):
    return len(text.split())


def fill(template, ctx):
    """str.format with the context; a missing key is an error (a template that needs what is not known
    must not be drawn: callers check with needs())."""
    return template.format(**ctx)


def needs(template):
    out = []
    i = 0
    while True:
        a = template.find("{", i)
        if a < 0:
            return out
        b = template.find("}", a)
        out.append(template[a + 1:b])
        i = b + 1


KEYBOARD_NEAR = {"a": "s", "s": "a", "e": "r", "r": "e", "i": "o", "o": "i", "n": "m", "m": "n", "t": "r",
                 "l": "k", "d": "s", "c": "v", "u": "y", "h": "g", "p": "o", "g": "h", "w": "e", "b": "v"}


def typo_word(ch, w):
    core = "".join(c for c in w if c.isalpha())
    if len(core) < 4 or core != w.strip(".,!?;:") or not w[:1].isalpha():
        return w
    tail = w[len(core):]
    k = ch.randint(1, len(core) - 2)
    r = ch.rng.random()
    if r < 0.35:  # swap two letters
        core = core[:k] + core[k + 1] + core[k] + core[k + 2:]
    elif r < 0.6:  # drop one
        core = core[:k] + core[k + 1:]
    elif r < 0.8:  # double one
        core = core[:k] + core[k] + core[k:]
    else:  # a neighbouring key
        c = core[k].lower()
        if c in KEYBOARD_NEAR:
            core = core[:k] + KEYBOARD_NEAR[c] + core[k + 1:]
    return core + tail


def typos(ch, text, rate, protect=()):
    """Typing slips in about `rate` of the longer words, never in the protected ones (product names, error
    codes), never across a line break."""
    lines = text.split("\n")
    out = []
    for line in lines:
        head = line.split(":")[0]
        if ":" in line and len(head) <= 12 and " " not in head.strip("> "):
            out.append(line)  # a header or form field ("To: servicedesk"), left as typed
            continue
        ws = line.split(" ")
        for i, w in enumerate(ws):
            if w and w.strip(".,!?;:") not in protect and ch.chance(rate):
                ws[i] = typo_word(ch, w)
        out.append(" ".join(ws))
    return "\n".join(out)


def lower_chat(ch, text):
    """Chat-style casing: mostly lower case, apostrophes sometimes dropped."""
    t = text if text[1:2].isupper() else text[:1].lower() + text[1:]
    t = t.replace(". ", ". " if ch.chance(0.5) else " ")
    if ch.chance(0.5):
        for a, b in (("can't", "cant"), ("don't", "dont"), ("it's", "its"), ("I'm", "im"), ("won't", "wont"),
                     ("doesn't", "doesnt"), ("isn't", "isnt")):
            t = t.replace(a, b)
    return t
