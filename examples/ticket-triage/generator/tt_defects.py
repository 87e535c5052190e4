"""How the recorded teacher gets tickets wrong, and what the recorded reviewer does about it.

Contract failures break the output contract or repeat an earlier sample, so the pipeline refuses them
before review: a label outside the set, prose or reasoning around the label, two labels, Markdown around
it, a label in another language, an empty output, an empty input, an input over the length limit, a
malformed item, exact and near duplicates.

Review defects keep the contract but are wrong. An *edit* is a wrong label the reviewer corrects (the edited
output is the label the rules give): the teacher followed the requester's shouting, missed an understated
security incident, ignored a workaround, missed a deadline or how many people are affected, took an
alert's severity word or the requester's priority field at face value, rated a resolved thread by the
problem quoted below it, rated a request as a fault, or was one level off. A *reject* makes the ticket not
worth keeping, with the reason: not a support ticket (an auto-reply, a newsletter, a facilities request),
two tickets in one, the label written into the ticket, the teacher's reasoning inside the input, a
password in clear text, a ticket cut off before the problem, one that contradicts itself, one too vague to
label.
"""

import tt_engine as E
from tt_words import WEEKDAYS

LABELS = E.LABELS


def shift(label, d):
    return LABELS[max(0, min(3, E.LEVEL[label] + d))]


# ------------------------------------------------------------------------------------------ contract

OUTSIDE = ["critical", "medium", "P1", "blocker", "moderate", "severe", "P3", "routine", "none", "minor"]
PROSE = ["The urgency is: {l}", "Label: {l}", "I would classify this as {l}.", "Answer: {l}",
         "Urgency level: {l}", "Based on the ticket, {l}", "{l} (urgency)", "Classification -> {l}"]
REASONED = ["{l} - {why}", "{l} because {why}", "{l}: {why}", "{l}\n\nReason: {why}"]
TWO = ["{l}/{m}", "{l} or {m}", "{l}, {m}", "between {l} and {m}"]
MARKDOWN = ["**{l}**", "*{l}*", "# {l}", "- {l}"]
FOREIGN = {"urgent": ["dringend", "urgente", "très urgent"], "high": ["hoch", "alta", "élevée"],
           "normal": ["mittel", "normale", "moyenne"], "low": ["niedrig", "baja", "faible"]}


def c_outside(ch, label, why):
    return ch.plain(OUTSIDE)


def c_prose(ch, label, why):
    return ch.plain(PROSE).format(l=label)


def c_reasoned(ch, label, why):
    return ch.plain(REASONED).format(l=label, why=why)


def c_two(ch, label, why):
    other = shift(label, ch.plain([-1, 1])) if label not in ("urgent", "low") else shift(label, 1 if label ==
                                                                                         "urgent" else -1)
    return ch.plain(TWO).format(l=label, m=other)


def c_markdown(ch, label, why):
    return ch.plain(MARKDOWN).format(l=label)


def c_foreign(ch, label, why):
    return ch.plain(FOREIGN[label])


LOG_LINES = ["%s ERROR [worker-%d] java.net.SocketTimeoutException: Read timed out at "
             "org.apache.http.impl.io.SessionInputBufferImpl.streamRead(SessionInputBufferImpl.java:137)",
             "%s WARN  [pool-%d] Connection reset by peer; retrying in 5000 ms (attempt 3 of 5)",
             "%s INFO  [main-%d] Health check /api/v1/status returned 503 Service Unavailable"]


def c_long_log(ch, text):
    """The ticket with a pasted log long enough to pass the spec's 2000-character input limit."""
    rows = []
    for i in range(28):
        rows.append(ch.plain(LOG_LINES) % ("2025-06-02 09:%02d:%02d,%03d" % (10 + i // 6, (i * 7) % 60,
                                                                          ch.randint(0, 999)), ch.randint(1, 16)))
    return text + "\n\nHere is the log:\n" + "\n".join(rows)


# ------------------------------------------------------------------------------------------ edits

def e_shout(ch, f, label, style):
    if f.claim == "shout" and label in ("normal", "low"):
        return shift(label, -ch.plain([1, 2])), "followed the requester's claim of urgency"
    return None


def e_calm(ch, f, label, style):
    if f.claim == "calm" and label in ("urgent", "high"):
        return shift(label, ch.plain([1, 2])), "missed an understated " + ("security incident" if f.sec else
                                                                             "incident")
    return None


def e_workaround(ch, f, label, style):
    if f.workaround and label in ("high", "normal") and not f.resolved:
        return shift(label, -1), "ignored the workaround"
    return None


def e_deadline(ch, f, label, style):
    if f.deadline in ("hours", "today", "tomorrow") and label in ("urgent", "high") and not f.workaround:
        return shift(label, 1), "missed the deadline"
    return None


def e_breadth(ch, f, label, style):
    if f.scope in ("team", "site", "all", "customers") and label in ("urgent", "high") and f.situation in (
            "outage", "fault", "degraded"):
        return "normal", "missed how many people are affected"
    return None


def e_alert_word(ch, f, label, style):
    if f.situation != "alert":
        return None
    if f.alert == "recovered":
        return "urgent" if f.resolved_alert == "down" else "high", "rated a recovery notice as the problem"
    if f.env != "production":
        return "urgent", "took the alert's severity on a test system at face value"
    return None


def e_priority_field(ch, f, label, style):
    if not f.priority_field:
        return None
    m = {"Critical": "urgent", "Urgent": "urgent", "P1": "urgent", "High": "high", "P2": "high",
         "Medium": "normal", "Normal": "normal", "P3": "normal", "Low": "low", "P4": "low"}
    got = m[f.priority_field]
    if got != label:
        return got, "copied the requester's priority field"
    return None


def e_resolved(ch, f, label, style):
    if f.resolved and getattr(f, "orig_label", "low") != "low":
        return f.orig_label, "rated a resolved thread by the problem quoted below it"
    return None


def e_request(ch, f, label, style):
    if f.situation == "request" and label == "low":
        return "normal", "rated a request for something new as a fault"
    return None


def e_security_low(ch, f, label, style):
    if f.sec in E.EXPOSURE and label == "high":
        return "normal", "missed that credentials or a device were exposed"
    return None


def e_one_off(ch, f, label, style):
    d = ch.plain([-1, 1])
    if label == "urgent":
        d = 1
    if label == "low":
        d = -1
    return shift(label, d), "one level too high" if d < 0 else "one level too low"


EDITS = [(e_shout, 30), (e_calm, 30), (e_workaround, 14), (e_deadline, 12), (e_breadth, 12), (e_alert_word, 18),
         (e_priority_field, 14), (e_resolved, 20), (e_request, 6), (e_security_low, 12), (e_one_off, 5)]


# ------------------------------------------------------------------------------------------ rejects

OOO = ["Thank you for your email. I am out of the office until {day} with limited access to email. For urgent "
       "matters please contact {first2} on ext. {ext}.\n\n{first} {last}",
       "Automatic reply: I'm on parental leave until {day}. Your message will not be forwarded. For anything "
       "about {team}, please write to the team mailbox.",
       "I am currently travelling and will reply when I'm back on {day}. If your request concerns an order, "
       "please contact customer service.\n\nBest,\n{first}",
       "Out of office: I'm attending a training course until {day} and checking mail only in the evening. "
       "Regards, {first} {last}, {title}"]
NEWSLETTER = ["Our {team} newsletter for {month}: welcome to our new colleagues, photos from the summer party, "
              "and a reminder that the canteen closes early on Fridays. Read more on the intranet.",
              "Join us for the {month} town hall! Agenda: results of the quarter, the new office plans, Q&A with "
              "the leadership team. Snacks provided. Register by replying to this email.",
              "IT tip of the month ({month}): lock your screen with Windows+L when you leave your desk. Did you "
              "know that most data leaks start with an unlocked PC? Stay safe!",
              "Reminder: the {month} expense reports are due on the 5th. Please attach all receipts and use the "
              "new cost centre codes. Questions to finance."]
FACILITIES = ["The coffee machine on {floor} is leaking water all over the floor again.",
              "Can we get more chairs for {room}? We had people standing in the meeting today.",
              "The heating in {room} doesn't work and it's freezing in here.",
              "The lift at {site} is making a strange noise.",
              "Someone parked in my reserved spot again, can facilities do something?",
              "The lights in the toilets on {floor} keep flickering."]
VAGUE = ["it's not working again, same as last time", "the thing from yesterday is back", "still broken, "
         "see my other ticket", "doesn't work. please fix", "same problem as {first} had, can you do the same "
         "fix", "it's doing that thing again"]
MONTHS = ["January", "March", "April", "June", "September", "October", "November"]


def _ctx(ch, f):
    c = dict(f.ctx)
    c["first2"] = ch.plain(["Sam", "Jo", "Alex", "Kim", "Robin"])
    c["ext"] = ch.randint(2000, 4999)
    c["day"] = "%s %d %s" % (ch.plain(WEEKDAYS), ch.randint(2, 28), ch.plain(MONTHS))
    c["month"] = ch.plain(MONTHS)
    return c


def r_ooo(ch, f, text, label, pool):
    return ch.plain(OOO).format(**_ctx(ch, f)), "low", "not a support ticket: an out-of-office reply"


def r_newsletter(ch, f, text, label, pool):
    return ch.plain(NEWSLETTER).format(**_ctx(ch, f)), ch.plain(["low", "normal"]), \
        "not a support ticket: an internal newsletter"


def r_facilities(ch, f, text, label, pool):
    s = ch.plain(FACILITIES).format(**_ctx(ch, f))
    extra = ch.plain(["Please send someone.", "Thanks.", "This has been going on for a week.",
                      "Can you pass this on to whoever handles it?"])
    return s + " " + extra, ch.plain(["normal", "low", "high"]), "not IT: a facilities request"


def r_two(ch, f, text, label, pool):
    if not pool or E.word_count(text) > 110:
        return None
    other = pool[ch.rng.randrange(len(pool))]
    if E.word_count(other) > 80 or other[:30] == text[:30]:
        return None
    return text + "\n\nAlso, separate thing: " + other, label, "two unrelated tickets in one"


def r_label_in_text(ch, f, text, label, pool):
    line = ch.plain(["Urgency: %s", "Suggested label: %s", "Triage: %s", "Classified as %s."]) % label
    return text + "\n\n" + line, label, "the ticket states its own label"


def r_reasoning(ch, f, text, label, pool):
    why = E.triage(f)[1]
    note = ch.plain(["(This ticket is %s because: %s.)", "Note for the model: %s, since %s.",
                     "[label %s: %s]"]) % (label, why)
    return text + "\n" + note, label, "the teacher's reasoning is inside the ticket"


def r_password(ch, f, text, label, pool):
    if f.situation not in ("fault", "outage", "annoy") or f.kind.key not in ("accounts", "email", "vpn", "erp",
                                                                             "crm", "payroll", "servers"):
        return None
    pw = "%s%d%s" % (ch.plain(["Summer", "Winter", "Bella", "Rotterdam", "Tiger", "Welcome"]),
                     ch.randint(2019, 2026), ch.plain(["!", "#", "?", "$"]))
    return text + "\n" + ch.plain(["My password is %s if you need to log in as me.", "(login: %s)",
                                   "password is %s btw"]) % pw, label, \
        "contains a password in clear text"


def r_cut(ch, f, text, label, pool):
    ws = text.split(" ")
    if len(ws) < 40:
        return None
    k = ch.randint(10, 14)
    cut = " ".join(ws[:k])
    if f.ctx["p"] in cut or f.ctx["err"] in cut:
        return None
    return cut, label, "cut off before the problem is described"


def r_contradiction(ch, f, text, label, pool):
    if f.scope not in ("team", "site", "all", "customers"):
        return None
    return text + " " + ch.plain(["Actually it works for everyone else, it's only me.",
                                  "Everyone else seems fine though, only my PC.",
                                  "Strange, my colleagues say it works for them."]), label, \
        "contradicts itself about who is affected"


def r_vague(ch, f, text, label, pool):
    s = ch.plain(VAGUE).format(**f.ctx)
    return "%s %s %s" % (ch.plain(["Hi,", "Hello again,", "Hey"]), s, ch.plain(["\n%s" % f.ctx["first"],
                                                                               "- %s %s" % (f.ctx["first"],
                                                                                            f.ctx["last"]),
                                                                               "thanks %s" % f.ctx["first"]])), \
        ch.plain(LABELS), "too vague to tell what is wrong"


REJECTS = [(r_ooo, 8), (r_newsletter, 7), (r_facilities, 10), (r_two, 12), (r_label_in_text, 12),
           (r_reasoning, 9), (r_password, 8), (r_cut, 10), (r_contradiction, 9), (r_vague, 7)]


def plant(ch, table, *args):
    """The first defect of the table (drawn by weight, without repeats) that applies."""
    cands = list(table)
    while cands:
        total = sum(w for _, w in cands)
        r = ch.rng.random() * total
        for i, (fn, w) in enumerate(cands):
            r -= w
            if r < 0:
                break
        fn = cands.pop(i)[0]
        got = fn(ch, *args)
        if got:
            return got
    return None
