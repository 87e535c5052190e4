"""Medications, frequencies, durations and vital signs: each said many ways, written one way.

A Med or a Vital is a fact. `say_*` renders it as a clinician might speak it (digits or words, units
said or dropped, Latin abbreviations or plain English); `note_*` writes it in clinical notation. Both
come from the same fields, so the note cannot disagree with the dictation.
"""

from soap_words import say_number, dose_words

# canonical code -> (note text, spoken variants)
FREQ = {
    "qd": ("once daily", ["once a day", "daily", "every day", "once daily", "q.d.", "a day", "each day",
                          "one time a day"]),
    "bid": ("twice daily", ["twice a day", "b.i.d.", "BID", "two times a day", "twice daily",
                            "morning and night", "twice a day", "two times daily"]),
    "tid": ("three times daily", ["three times a day", "t.i.d.", "TID", "three times daily",
                                  "three times a day with meals"]),
    "qid": ("four times daily", ["four times a day", "q.i.d.", "QID", "four times daily"]),
    "qhs": ("at bedtime", ["at bedtime", "at night", "q.h.s.", "nightly", "before bed", "every night"]),
    "qam": ("every morning", ["every morning", "in the morning", "q.a.m.", "each morning"]),
    "q6prn": ("every 6 hours as needed", ["every six hours as needed", "q6 p.r.n.", "q6h PRN",
                                          "every 6 hours as needed", "every six hours if needed"]),
    "q8prn": ("every 8 hours as needed", ["every eight hours as needed", "q8 hours p.r.n.",
                                          "every 8 hours as needed", "every eight hours PRN"]),
    "q46prn": ("every 4 to 6 hours as needed", ["every four to six hours as needed", "q4 to 6 p.r.n.",
                                                "every 4-6 hours as needed", "q4-6h PRN"]),
    "prn": ("as needed", ["as needed", "p.r.n.", "PRN", "when needed", "as needed"]),
    "weekly": ("once weekly", ["once a week", "weekly", "every week", "once weekly"]),
    "once": ("once", ["once", "times one", "one dose", "one time"]),
    "q12": ("every 12 hours", ["every twelve hours", "q12", "every 12 hours", "q12h"]),
    "q8": ("every 8 hours", ["every eight hours", "q8", "every 8 hours", "q8h"]),
}

UNIT_SAY = {
    "mg": ["milligrams", "mg", "", "milligrams", "migs", ""],
    "mcg": ["micrograms", "mcg", "micrograms"],
    "g": ["grams", "gram", "g"],
    "units": ["units"],
    "puffs": ["puffs"],
    "%": ["percent"],
    "mL": ["mL", "mLs", "ccs"],
    "drops": ["drops"],
    "tablet": ["tablet", "tab", "pill"],
    "mg/kg": ["milligrams per kilo", "migs per kilo", "mg per kg"],
}


def dur_days_note(dur):
    return "for " + dur


def say_duration(dur, ch):
    """'10 days' -> 'for ten days' / 'times ten days' / 'x 10 days' / 'for 10 days'."""
    n, unit = dur.split(" ")
    words = say_number(n, ch.rng, 0.6)
    if dur == "7 days" and ch.chance(0.4):
        return ch.pick(["for a week", "for one week", "for a week"])
    if dur == "14 days" and ch.chance(0.4):
        return ch.pick(["for two weeks", "for 2 weeks"])
    return ch.pick(["for " + words + " " + unit, "times " + words + " " + unit, "x " + n + " " + unit,
                    "for " + words + " " + unit, "for a total of " + words + " " + unit])


class Med:
    """drug, dose (text, e.g. '500' or '0.5'), unit, frequency code, duration ('10 days' or None),
    form ('cream', 'IM', 'inhaler' ... or None), alternative doses for slips and corrections."""

    def __init__(self, drug, dose, unit, freq, dur=None, form=None, alts=()):
        self.drug, self.dose, self.unit, self.freq, self.dur, self.form = drug, dose, unit, freq, dur, form
        self.alts = [a for a in alts if a != dose]
        # what the speaker said (decided when rendered once; the note writes exactly those parts)
        self.said_dose = True
        self.said_freq = True
        self.said_dur = dur is not None

    def copy(self):
        m = Med(self.drug, self.dose, self.unit, self.freq, self.dur, self.form, self.alts)
        m.said_dose, m.said_freq, m.said_dur = self.said_dose, self.said_freq, self.said_dur
        return m

    # -- the note side
    def note_dose(self, dose=None):
        d = dose if dose is not None else self.dose
        if self.unit == "%":
            return d + "%"
        if self.unit == "tablet":
            return d + " tablet" + ("s" if d not in ("1", "0.5") else "")
        return d + " " + self.unit

    def note(self, dose=None, freq=None, with_dur=True):
        parts = [self.drug]
        if self.said_dose:
            parts.append(self.note_dose(dose))
        if self.form:
            parts.append(self.form)
        if self.said_freq:
            parts.append(FREQ[freq or self.freq][0])
        if with_dur and self.dur and self.said_dur:
            parts.append(dur_days_note(self.dur))
        return " ".join(parts)

    # -- the spoken side
    def say_dose(self, ch, dose=None):
        d = dose if dose is not None else self.dose
        num = d if ch.chance(0.45) else dose_words(d, ch.rng)
        unit = ch.pick(UNIT_SAY.get(self.unit, [self.unit]))
        if d == "1" and unit in ("drops", "puffs", "sprays"):
            unit = unit[:-1]
        if self.unit == "%":
            unit = "percent" if not num[:1].isdigit() or ch.chance(0.5) else "%"
            return num + (" " if unit == "percent" else "") + unit
        if num == "half a" and not unit:
            unit = "milligram"
        if num == "half a" and unit in ("milligrams", "micrograms"):
            unit = unit[:-1]
        return (num + " " + unit).strip()

    def say(self, ch, dose=None, correction=None, with_dur=True):
        """The drug as spoken. `correction` (a phrase like 'sorry, scratch that,') makes the speaker say a
        wrong dose first and then the right one."""
        out = [self.drug]
        counted = self.unit in ("drops", "puffs", "sprays")
        if self.form and counted:
            out.append(self.form)  # "albuterol inhaler two puffs", "ofloxacin ear drops five drops"
        if self.said_dose:
            if correction and self.alts:
                wrong = ch.pick(self.alts)
                self.corrected_from = wrong
                out.append(self.say_dose(ch, wrong) + ", " + correction + " " + self.say_dose(ch, dose))
            else:
                out.append(self.say_dose(ch, dose))
        if self.form and not counted:
            out.append(self.form if self.form not in ("IM", "IV", "PO") else
                       ch.pick([self.form, self.form, {"IM": "I.M.", "IV": "I.V.", "PO": "by mouth"}[self.form]]))
        if self.said_freq:
            out.append(ch.pick(FREQ[self.freq][1]))
        if with_dur and self.dur and self.said_dur:
            out.append(say_duration(self.dur, ch))
        return " ".join(x for x in out if x)


# --- vital signs ----------------------------------------------------------------------------------------

VITAL_ORDER = ["BP", "HR", "RR", "T", "SpO2", "Wt", "Glu", "PF", "FHR", "FH"]


class Vital:
    def __init__(self, kind, value, value2=None, unit=None, room_air=False, afebrile=False, repeat=None):
        self.kind, self.value, self.value2, self.unit = kind, value, value2, unit
        self.room_air = room_air
        self.afebrile = afebrile  # "afebrile" said, no number
        self.repeat = repeat      # BP: a repeat reading (systolic, diastolic)
        self.wrong = None         # a value said first and then corrected

    def note(self, value=None, value2=None):
        v = value if value is not None else self.value
        v2 = value2 if value2 is not None else self.value2
        k = self.kind
        if k == "BP":
            s = "BP " + v + "/" + v2
            if self.repeat:
                s += ", repeat " + self.repeat[0] + "/" + self.repeat[1]
            return s
        if k == "HR":
            return "HR " + v
        if k == "RR":
            return "RR " + v
        if k == "T":
            return "Afebrile" if self.afebrile else "T " + v + " " + self.unit
        if k == "SpO2":
            return "SpO2 " + v + "%" + (" on room air" if self.room_air else "")
        if k == "Wt":
            return "Weight " + v + " " + self.unit
        if k == "Glu":
            return "Fingerstick glucose " + v + " mg/dL"
        if k == "PF":
            return "Peak flow " + v + " L/min"
        if k == "FHR":
            return "FHR " + v + " bpm"
        if k == "FH":
            return "Fundal height " + v + " cm"
        raise ValueError(k)

    def _num(self, v, ch, colloquial=True):
        return say_number(v, ch.rng, 0.55, colloquial)

    def say_value(self, ch, v, v2):
        k = self.kind
        if k == "BP":
            if ch.chance(0.4):
                return v + "/" + v2 if ch.chance(0.5) else v + " over " + v2
            return self._num(v, ch) + " over " + say_number(v2, ch.rng, 0.8)
        if k == "T" and self.unit == "F" and ch.chance(0.5):
            # "a hundred and one point two", "one oh one two"
            return say_number(v, ch.rng, 0.9)
        return self._num(v, ch)

    def say(self, ch, correction=None, terse=False):
        k = self.kind
        if k == "T" and self.afebrile:
            return ch.pick(["afebrile", "afebrile", "no fever", "afebrile today",
                            "temp is normal, afebrile"])
        wrong_txt = ""
        if correction and self.wrong:
            wrong_txt = self.say_value(ch, self.wrong[0], self.wrong[1]) + ", " + correction + " "
        val = wrong_txt + self.say_value(ch, self.value, self.value2)
        if k == "BP":
            t = ch.pick(["BP " + val, "blood pressure " + val, "pressure " + val, "pressure's " + val,
                         "BP is " + val, "b.p. " + val, "blood pressure's " + val, "pressure of " + val])
            if self.repeat:
                rv = self.say_value(ch, self.repeat[0], self.repeat[1])
                t += ch.pick([", repeat " + rv, ", rechecked at " + rv, ", and on repeat " + rv,
                              ", second reading " + rv])
            return t
        if k == "HR":
            return ch.pick(["pulse " + val, "heart rate " + val, "HR " + val, "pulse of " + val,
                            "heart rate's " + val, "pulse is " + val, "rate " + val])
        if k == "RR":
            return ch.pick(["resp rate " + val, "respirations " + val, "RR " + val, "resps " + val,
                            "respiratory rate " + val, "breathing " + val + " a minute"])
        if k == "T":
            u = ""
            if ch.chance(0.3):
                u = " degrees" if ch.chance(0.5) else (" Celsius" if self.unit == "C" else " Fahrenheit")
            return ch.pick(["temp " + val + u, "temperature " + val + u, "T " + val, "temp's " + val + u,
                            "temp of " + val + u, "running " + val + u, "temperature is " + val + u])
        if k == "SpO2":
            pct = ch.pick([" percent", "%", "", " percent"])
            ra = ""
            if self.room_air:
                ra = ch.pick([" on room air", " on RA", " room air", " on room air"])
            return ch.pick(["sat " + val + pct + ra, "sats " + val + pct + ra, "O2 sat " + val + pct + ra,
                            "pulse ox " + val + pct + ra, "satting " + val + ra, "oxygen " + val + pct + ra,
                            "saturation " + val + pct + ra])
        if k == "Wt":
            if self.unit == "kg":
                u = ch.pick([" kilos", " kg", " kilograms", " kilos"])
            else:
                u = ch.pick([" pounds", " lbs", " pounds"])
            return ch.pick(["weight " + val + u, "weighs " + val + u, "weight today " + val + u,
                            "weight's " + val + u, "weighing in at " + val + u])
        if k == "Glu":
            return ch.pick(["fingerstick " + val, "sugar " + val, "glucose " + val, "fingerstick glucose " + val,
                            "blood sugar in clinic " + val, "point of care glucose " + val, "accucheck " + val])
        if k == "PF":
            return ch.pick(["peak flow " + val, "peak flow of " + val, "peak flow's " + val,
                            "peak expiratory flow " + val])
        if k == "FHR":
            return ch.pick(["fetal heart rate " + val, "FHTs " + val, "baby's heartbeat " + val,
                            "fetal heart tones " + val, "heart tones " + val + " by doppler",
                            "FHR " + val])
        if k == "FH":
            return ch.pick(["fundal height " + val, "fundus measuring " + val, "fundal height's " + val,
                            "fundal height " + val + " centimeters", "measuring " + val + " centimeters"])
        raise ValueError(k)


def c_to_f(c):
    return "%.1f" % (c * 9 / 5 + 32)
