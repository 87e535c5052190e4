"""Ticket facts, the urgency rules, and the ticket text in eleven writing styles.

A ticket is first drawn as facts (Facts): the system and product, the situation (outage, fault, annoyance,
slowness, cosmetic, request, question, security event, monitoring alert), who is affected (scope), whether
work is blocked, a workaround, a deadline, what is at stake, the security event, the alert and its
environment, whether a thread has resolved or escalated it, and the noise that must not move the label (a
requester shouting URGENT, a calm understatement, a priority field the requester set). triage() turns the
facts into the label by the rules the README lists; the text is then written from the same facts.
"""

import re

from tt_words import (COMPANIES, COUNTRIES, EXTERNAL_DOMAINS, FLOORS, ROOMS, SITES, STORES, TEAMS, TITLES, cap,
                      clock, company_domain, email_of, later_clock, lower_chat, person, sentence,
                      spoken_time, typos, words)

LABELS = ["urgent", "high", "normal", "low"]
LEVEL = {k: i for i, k in enumerate(LABELS)}
WIDE = ("site", "all", "customers")
ACTIVE = ("ransomware", "compromise", "leak", "fraud")
EXPOSURE = ("clicked", "lost_device")
REPORTED = ("phish_report", "quarantined")


class Facts:
    def __init__(self, kind):
        self.kind = kind
        self.product = None
        self.situation = None  # outage fault annoy degraded cosmetic request question security alert
        self.scope = "me"      # me few team site all customers
        self.blocked = False
        self.workaround = None
        self.deadline = None   # None hours today tomorrow week later
        self.stake = None      # None revenue payroll customers legal exec
        self.sec = None
        self.alert = None      # down critical warn recovered
        self.env = "production"
        self.starter = False
        self.needed = False
        self.resolved = False
        self.escalated = False
        self.claim = None      # None shout calm
        self.priority_field = None
        self.external = False  # written by a customer
        self.ctx = {}


def triage(f):
    """The label the facts give, with the rule that decided it."""
    if f.resolved:
        return "low", "resolved in the thread; only a small ask or thanks left"
    if f.sec in ACTIVE:
        return "urgent", "security incident in progress"
    if f.alert:
        if f.alert == "recovered":
            return "low", "recovery notice"
        if f.env != "production":
            return "normal", "alert on a test or staging system"
        if f.alert == "down":
            return ("urgent", "production service down") if f.kind.critical else ("high", "production "
                                                                                          "service down")
        return ("high", "production alert that needs action soon") if f.alert == "critical" else \
            ("normal", "production warning")
    if f.sec in EXPOSURE:
        return "high", "credentials or a device exposed"
    if f.sec in REPORTED:
        return "normal", "suspicious item reported, nothing happened"
    if f.situation == "request":
        if f.starter:
            return "high", "a new starter begins within a day with nothing set up"
        if f.needed:
            return "normal", "access needed for current work"
        return "low", "request for something new"
    if f.situation in ("cosmetic", "question"):
        return "low", "cosmetic issue or how-to question"
    wide = f.scope in WIDE
    if f.situation in ("outage", "fault"):
        if wide and f.kind.critical:
            lvl, why = 0, "critical system down for a site, the company or customers"
        elif wide or f.scope in ("team", "few"):
            lvl, why = 1, "several people or a team blocked"
        else:
            lvl, why = 2, "one person blocked"
        if f.stake in ("payroll", "revenue") and f.deadline in ("hours", "today"):
            lvl, why = 0, "payroll or revenue deadline today blocked"
        elif lvl == 2 and (f.deadline in ("hours", "today", "tomorrow") or f.stake in ("exec", "legal",
                                                                                       "customers")):
            lvl, why = 1, "one person blocked with a deadline or a lot at stake"
        if f.workaround:
            lvl, why = min(lvl + 1, 2), why + ", but a workaround exists"
        return LABELS[lvl], why
    if f.situation == "degraded":
        if wide and f.kind.critical:
            return "high", "critical system degraded for many"
        return "normal", "degraded for a few or on a non-critical system"
    return "normal", "annoyance with real but limited impact"


# ------------------------------------------------------------------------------------------ drawing

SEC_EVENTS = {
    "ransomware": (["fileserver", "laptops", "security", "collab"], [
        "all the files on {share} have been renamed to .{ext} and there is a file called {note} in every folder",
        "my laptop's wallpaper changed to a message saying our files are encrypted and we must pay in bitcoin",
        "files on {share} won't open any more and they all end in .{ext}; a note says to contact a "
        "Tor address",
        "several people's documents on {share} turned into .{ext} files in the last half hour",
        "a pop-up on the reception PC says all our data is encrypted and gives a deadline to pay",
        "OneDrive shows thousands of changed files and each folder has {note} in it"]),
    "compromise": (["email", "accounts", "cloud", "crm", "collab"], [
        "my mailbox has sent hundreds of emails to customers that I never wrote, with a link to a fake "
        "invoice",
        "there is a forwarding rule on my mailbox sending everything to an outside address that I did not set up",
        "I got MFA prompts I didn't request and now my account shows logins from {country}",
        "someone logged into the admin account from {country} at 3am and created two new admin users",
        "our cloud bill jumped overnight, there are 40 big instances in a region we don't use and nobody "
        "here started them",
        "customers are calling because they got an email from my address asking them to pay to a new bank "
        "account"]),
    "leak": (["cloud", "crm", "webshop", "fileserver", "databases", "collab"], [
        "a customer emailed us a screenshot showing other customers' names and addresses from {p}",
        "the folder with all the customer contracts is shared with 'anyone with the link' and the link is "
        "on a public forum",
        "our customer list with our internal IDs is being offered for sale on a website",
        "the storage bucket with the scanned ID documents is public, a researcher just emailed us about it",
        "a spreadsheet with everyone's salaries was sent to the all-staff list by mistake and people are "
        "forwarding it outside"]),
    "fraud": (["erp", "payroll", "email"], [
        "finance paid a supplier invoice to a new bank account after an email from the 'CEO', it was fake, "
        "and two more payments are queued for today",
        "someone changed the bank details of twelve employees in {p} just before the payroll run",
        "the bank details of three suppliers were changed in {p} overnight and nobody here did it",
        "we got a call from the bank about unusual transfers from our account made with {first}'s login"]),
    "clicked": (["email", "accounts", "security", "collab"], [
        "I clicked a link in an email about a parcel and typed my password on the page before I realised",
        "I opened an attachment called {file} from an unknown sender and a window flashed and closed",
        "I approved an MFA prompt on my phone that I didn't start, I think by mistake",
        "I entered my login on a page that looked like our SharePoint but the address was odd",
        "I gave my password to someone who called saying they were from IT; now I'm not sure they were"]),
    "lost_device": (["laptops", "phones"], [
        "I left my work laptop on the train this morning",
        "my work phone was stolen from my bag at lunch",
        "my laptop bag was taken from my car last night, with the laptop in it",
        "I can't find my work phone, I think I lost it at the airport",
        "my laptop was stolen in a break-in at home over the weekend"]),
    "phish_report": (["email", "security", "accounts"], [
        "I got an email pretending to be from {boss} asking me to buy gift cards, I didn't reply",
        "an email from 'Microsoft' says my mailbox will be deleted unless I log in, it looks fake so I "
        "didn't click",
        "a supplier we don't use sent an invoice with a zip file, I haven't opened it",
        "I got a text message saying my work account is locked with a link, I didn't tap it",
        "a few of us got a mail about a 'salary review' with an odd link; nobody clicked as far as I know"]),
    "quarantined": (["security", "laptops"], [
        "antivirus popped up saying it quarantined a file from my downloads, the PC seems fine",
        "Defender blocked a download and says the threat was removed",
        "the EDR agent flagged a macro in a spreadsheet from a customer and blocked it",
        "I got a warning that a USB stick had a virus and it was cleaned"]),
}

STAKE_TEXT = {
    "payroll": {
        "hours": ["payroll has to be sent to the bank by {due} today", "the payroll file must be submitted by "
                  "{due} or salaries go out late", "today is the payroll cut-off at {due}"],
        "today": ["payroll has to go out today", "salaries are due tomorrow so the run must finish today",
                  "the monthly payroll has to be approved before end of day"],
        None: ["it's needed for the payroll run", "payroll depends on it"],
    },
    "revenue": {
        "hours": ["our big sale starts at {due}", "the order cut-off for next-day delivery is {due}",
                  "month-end invoices have to go out by {due}", "the courier collects at {due} and nothing is "
                  "booked"],
        "today": ["we are losing orders all day", "month-end invoicing must go out today", "every hour "
                  "costs us sales today, it's our busiest day"],
        None: ["we can't take any orders", "we are losing sales", "no orders are going out"],
    },
    "customers": {
        "hours": ["a customer demo starts at {due}", "I have a customer waiting on the line", "the client "
                  "needs the answer by {due}"],
        "today": ["customers are waiting on it today", "I promised a customer it would be sorted today"],
        None: ["customers are waiting", "our customers notice it"],
    },
    "legal": {
        "hours": ["the contracts have to be filed with the court by {due}", "the signed agreement is due at "
                  "{due}", "the tender closes at {due}"],
        "today": ["the filing deadline is today", "the regulator's report is due today"],
        None: ["it's for a legal filing", "legal need this"],
    },
    "exec": {
        "hours": ["the CEO presents to the board at {due}", "the CFO needs it for the investor call at {due}",
                  "the managing director is presenting at {due}"],
        "today": ["it's for the board meeting today", "the CEO needs it today"],
        None: ["it's for the CEO", "the board office needs it"],
    },
}

DEADLINE_TEXT = {
    "hours": ["I need this working by {due}", "I have to finish by {due}", "I need it before {due}"],
    "today": ["I need it today", "I have to get this done before end of day", "it has to be done today"],
    "tomorrow": ["I need it first thing tomorrow", "I have to present tomorrow morning", "it's needed for "
                 "tomorrow at 9"],
    "week": ["it would be good to have it this week", "no hurry, by Friday is fine", "sometime this week is "
             "fine"],
    "later": ["no rush, sometime next month is fine", "whenever you get a chance in the next few weeks",
              "it can wait until after the holidays", "any time before the end of the quarter is fine"],
}

SHOUT = ["URGENT!!!", "This is URGENT.", "PLEASE FIX ASAP!!", "Critical!!", "I need this fixed IMMEDIATELY.",
         "Top priority please!!!", "HIGH PRIORITY", "ASAP please, this is really urgent!", "EMERGENCY!!",
         "This is extremely urgent.", "Needs fixing right now!!!", "URGENT - please call me back!"]
CALM = ["Not sure if this is important, but", "No rush, but", "Probably nothing, but", "Just flagging this:",
        "Sorry to bother you, small thing maybe:", "Not urgent I think, but", "Quick note:",
        "Low priority I guess, but"]
PRIORITY_WORDS = ["Critical", "High", "Medium", "Low", "P1", "P2", "P3", "P4", "Urgent", "Normal"]

SHARES = ["the S: drive", "the finance share", "the shared drive", "the projects folder", "the file server",
          "the HR share"]
EXTS = ["locked", "crypt", "enc", "lockbit", "r4nd", "zzz"]
NOTES = ["README_RESTORE.txt", "HOW_TO_DECRYPT.html", "RECOVER-FILES.txt", "!!READ_ME!!.txt"]
FILES = ["invoice_0425.zip", "scan_doc.html", "Remittance.pdf.exe", "payment-details.iso", "Voicemail.htm"]
BOSSES = ["our CEO", "the managing director", "my manager", "the CFO"]

STARTER_THING = {"laptops": "laptop", "accounts": "user account", "email": "mailbox", "phones": "phone "
                 "extension", "badges": "badge", "crm": "CRM licence", "pos": "till login", "vpn": "VPN access",
                 "warehouse": "scanner login", "erp": "ERP login", "payroll": "HR portal login"}


def team_np(team, lead):
    """'the whole sales team', 'the whole design team', 'the whole call centre' from a team name."""
    core = team[4:] if team.startswith("the ") else team
    if core.endswith(("team", "shift", "office", "centre", "desk", "warehouse", "staff")):
        return "%s %s" % (lead, core)
    return "%s %s team" % (lead, core)


def fill_ctx(ch, f):
    """Slot values a template may use."""
    k = f.kind
    first, last = person(ch)
    c = {"first": first, "last": last, "title": ch.plain(TITLES), "team": ch.plain(k.teams or TEAMS),
         "site": ch.plain(SITES), "floor": ch.plain(FLOORS), "room": ch.plain(ROOMS), "store": ch.plain(STORES),
         "country": ch.plain(COUNTRIES), "share": ch.plain(SHARES), "ext": ch.plain(EXTS), "note": ch.plain(NOTES),
         "file": ch.plain(FILES), "boss": ch.plain(BOSSES), "n": ch.randint(2, 5), "t": clock(ch),
         "company": ch.plain(COMPANIES)}
    c["due"] = spoken_time(ch, later_clock(ch, c["t"]))
    c["whole_team"] = team_np(c["team"], "the whole")
    c["entire_team"] = team_np(c["team"], "the entire")
    c["colleague"] = ch.plain([x for x in ("Sam", "Nina", "Lars", "Mo", "Jo", "Rita", "Ivan", "Alex")
                               if x != first])
    c["open"] = spoken_time(ch, ch.plain(["08:00", "08:30", "09:00", "09:30", "10:00"]))
    c["err"] = ch.pick(k.errors)
    c["act"] = ch.pick(k.acts)
    c["p"] = ch.pick(k.products).format(floor=c["floor"], room=c["room"])
    c["order"] = "%s%d" % (ch.plain(["#", "order ", "no. ", "#A"]), ch.randint(10000, 99999))
    return c


def scenarios(kind):
    """(name, weight) of what a ticket about `kind` can describe, by the label its facts give."""
    k = kind
    out = {"urgent": [], "high": [], "normal": [], "low": []}
    if k.critical:
        out["urgent"].append(("outage_wide", 40))
        out["high"] += [("wide_workaround", 12), ("degraded_wide", 14)]
    elif not k.max_scope:
        out["high"].append(("outage_wide_minor", 10))
        out["normal"].append(("wide_minor_workaround", 6))
    if any(s in k.stakes for s in ("payroll", "revenue")):
        out["urgent"].append(("deadline_business", 18))
    for sec, (kinds, _) in SEC_EVENTS.items():
        if k.key in kinds:
            lab = "urgent" if sec in ACTIVE else ("high" if sec in EXPOSURE else "normal")
            out[lab].append(("sec_" + sec, 14 if lab == "urgent" else 10))
    out["high"] += [("team_blocked", 30), ("one_deadline", 22)]
    if k.key in STARTER_THING:
        out["high"].append(("starter", 8))
    out["normal"] += [("one_blocked", 30), ("one_workaround", 12), ("team_workaround", 10), ("annoy", 28),
                      ("degraded_local", 14), ("needed", 10)]
    out["low"] += [("request", 40), ("cosmetic", 22), ("question", 24)]
    return out


def alert_scenarios(kind):
    out = {"urgent": [], "high": [], "normal": [], "low": []}
    if not kind.alerts:
        return out
    out["urgent" if kind.critical else "high"].append(("alert_down", 10))
    out["high"].append(("alert_critical", 10))
    out["normal"] += [("alert_warn", 8), ("alert_staging", 6)]
    out["low"].append(("alert_recovered", 10))
    return out


def cap_scope(f, scope):
    order = ["me", "few", "team", "site", "all", "customers"]
    m = f.kind.max_scope
    if m and order.index(scope) > order.index(m):
        return m
    return scope


def scope_for(ch, f, wide):
    if wide:
        opts = ["site", "all"] + (["customers"] if f.kind.customer_facing or f.kind.key in ("cloud", "phones")
                                  else [])
        return ch.plain(opts)
    return ch.plain(["few", "team", "team"])


def build_facts(ch, kind, scen, style):
    f = Facts(kind)
    f.ctx = fill_ctx(ch, f)
    f.product = f.ctx["p"]
    k = kind
    if scen.startswith("alert_"):
        f.situation = "alert"
        f.alert = {"alert_down": "down", "alert_critical": "critical", "alert_warn": "warn",
                   "alert_staging": ch.plain(["down", "critical", "critical", "warn"]),
                   "alert_recovered": ch.plain(["down", "critical", "warn"])}[scen]
        if scen == "alert_staging":
            f.env = ch.plain(["staging", "test", "dev", "UAT"])
        if scen == "alert_recovered":
            f.resolved_alert = f.alert
            f.alert = "recovered"
        return f
    if scen.startswith("sec_"):
        f.situation = "security"
        f.sec = scen[4:]
        f.scope = "me"
        return f
    if scen == "outage_wide":
        f.situation, f.blocked, f.scope = "outage", True, scope_for(ch, f, True)
        if k.stakes and ch.chance(0.5):
            f.stake = ch.plain(k.stakes)
    elif scen == "outage_wide_minor":
        f.situation, f.blocked, f.scope = "outage", True, ch.plain(["site", "all"])
    elif scen == "wide_workaround":
        f.situation, f.blocked, f.scope = "outage", True, scope_for(ch, f, True)
        f.workaround = ch.pick(k.workarounds)
    elif scen == "wide_minor_workaround":
        f.situation, f.blocked, f.scope = "outage", True, ch.plain(["site", "all"])
        f.workaround = ch.pick(k.workarounds)
    elif scen == "degraded_wide":
        f.situation, f.scope = "degraded", scope_for(ch, f, True)
    elif scen == "deadline_business":
        f.situation, f.blocked = ch.plain(["outage", "fault"]), True
        f.scope = ch.plain(["me", "few", "team", "team"])
        f.stake = ch.plain([s for s in k.stakes if s in ("payroll", "revenue")])
        f.deadline = ch.plain(["hours", "hours", "today"])
    elif scen == "team_blocked":
        f.situation, f.blocked = ch.plain(["outage", "fault", "fault"]), True
        f.scope = ch.plain(["few", "team", "team"])
        if k.stakes and ch.chance(0.3):
            f.stake = ch.plain(k.stakes)
            if f.stake in ("payroll", "revenue"):
                f.deadline = ch.plain(["week", None, "tomorrow"])
        elif ch.chance(0.2):
            f.deadline = ch.plain(["tomorrow", "week"])
    elif scen == "one_deadline":
        f.situation, f.blocked, f.scope = "fault", True, "me"
        if k.stakes and ch.chance(0.5):
            f.stake = ch.plain([s for s in k.stakes if s not in ("payroll", "revenue")] or ["exec"])
            if ch.chance(0.6):
                f.deadline = ch.plain(["hours", "today"])
        else:
            f.deadline = ch.plain(["hours", "today", "tomorrow"])
    elif scen == "starter":
        f.situation, f.starter, f.blocked = "request", True, True
        f.deadline = ch.plain(["today", "tomorrow"])
    elif scen == "one_blocked":
        f.situation, f.blocked, f.scope = "fault", True, "me"
        if ch.chance(0.25):
            f.deadline = ch.plain(["week", "later"])
    elif scen == "one_workaround":
        f.situation, f.blocked, f.scope = "fault", True, ch.plain(["me", "me", "few"])
        f.workaround = ch.pick(k.workarounds)
        if ch.chance(0.6):
            f.deadline = ch.plain(["hours", "today", "tomorrow"])
    elif scen == "team_workaround":
        f.situation, f.blocked, f.scope = ch.plain(["outage", "fault"]), True, ch.plain(["few", "team"])
        f.workaround = ch.pick(k.workarounds)
    elif scen == "annoy":
        f.situation, f.scope = "annoy", ch.plain(["me", "me", "me", "few", "team"])
    elif scen == "degraded_local":
        f.situation, f.scope = "degraded", ch.plain(["me", "few", "team"] + (["site", "all"] if not k.critical
                                                                           and not k.max_scope else []))
    elif scen == "needed":
        f.situation, f.needed = "request", True
        f.deadline = ch.plain(["week", None])
    elif scen in ("request", "cosmetic", "question"):
        f.situation = scen
        f.scope = "me"
        if scen == "request" and ch.chance(0.3):
            f.deadline = ch.plain(["week", "later"])
    else:
        raise ValueError(scen)
    f.scope = cap_scope(f, f.scope)
    return f


# ------------------------------------------------------------------------------------------ sentences

TIDY = [("the the ", "the "), ("The the ", "The "), ("the my ", "my "), ("The my ", "My "), ("the our ", "our "),
        ("The our ", "Our "), ("of the the", "of the"), ("the all the", "all the"), ("my the ", "my "),
        ("My the ", "My ")]


def tidy(s):
    for a, b in TIDY:
        s = s.replace(a, b)
    return s


def t(ch, f, bank):
    """A template from `bank` filled with the facts' slots."""
    return tidy(ch.pick(bank).format(**f.ctx))


def s_problem(ch, f):
    k = f.kind
    if f.situation == "security":
        return t(ch, f, SEC_EVENTS[f.sec][1])
    if f.starter:
        thing = STARTER_THING[k.key]
        when = "today" if f.deadline == "today" else ch.plain(["tomorrow", "tomorrow morning"])
        return ch.pick(["our new colleague {first} starts %s and has no %s yet" % (when, thing),
                        "{first} {last} joins {whole_team} %s and there is still no %s for them" % (when, thing),
                        "a new starter begins %s and nothing is set up, no %s" % (when, thing),
                        "I start a new hire %s and the %s I ordered weeks ago hasn't arrived" % (when, thing),
                        "the temp who starts %s in {team} has no %s" % (when, thing)]).format(**f.ctx)
    bank = {"outage": k.outage, "fault": k.faults, "annoy": k.annoy, "degraded": k.degraded,
            "cosmetic": k.cosmetic, "request": k.needed if f.needed else k.requests,
            "question": k.questions}[f.situation]
    return t(ch, f, bank)


def s_scope(ch, f):
    c = f.ctx
    if f.scope == "me":
        if f.situation in ("fault", "annoy", "degraded") and ch.chance(0.35):
            if f.kind.device_scope:
                return ch.pick(["the others are fine, it's just this one", "only this one as far as I can "
                                "see", "the rest work normally"])
            return ch.pick(["my colleagues are fine, it's just me", "only me as far as I know", "it seems to "
                            "be just me", "the others in {team} don't have it"]).format(**c)
        return None
    if f.kind.device_scope and f.scope in ("few", "team"):
        where = "{store}" if f.kind.key == "pos" else "{site}"
        return ch.pick(["{n} of them have the same problem", "about half of them at %s are affected" % where,
                        "it's most of them at %s" % where, "{n} stations have it now"]).format(**c)
    if f.scope == "few":
        return ch.pick(["{n} of us in {team} have the same problem", "my colleague {colleague} has it too",
                        "it's the same for {n} people around me", "two colleagues next to me have the same",
                        "me and {n} others in {team} can't work"]).format(**c)
    if f.scope == "team":
        return ch.pick(["{whole_team} has it", "nobody in {team} can work", "all of {team} is "
                        "affected, about %d people" % (5 * c["n"] + 3), "it's {entire_team}",
                        "everyone in my team is stuck"]).format(**c)
    if f.scope == "site":
        if f.kind.key == "pos":
            return ch.pick(["every till in {store} is affected", "it's the whole of {store}",
                            "all tills at {store}"]).format(**c)
        return ch.pick(["everyone at {site} is affected", "it's the whole of {floor}", "the whole office "
                        "is affected", "nobody at {site} can work", "it's everyone in the building"]).format(**c)
    if f.scope == "all":
        if f.kind.key == "pos":
            return ch.pick(["all our stores have it", "it's every store, not just one", "every store "
                            "is reporting the same"]).format(**c)
        return ch.pick(["it's everyone in the company", "all offices are affected", "nobody in the company "
                        "can work", "everyone has it, all sites", "the whole company is affected"]).format(**c)
    if f.kind.key == "webshop":
        return ch.pick(["no customer can {act}", "all our customers are affected", "every customer gets "
                        "this", "the phones are ringing with customers who can't {act}"]).format(**c)
    return ch.pick(["all our customers are affected", "every customer gets this", "customers everywhere are "
                    "hitting it", "customers are calling in about it", "it's hitting every customer"])


def s_since(ch, f):
    c = f.ctx
    if f.situation in ("annoy", "cosmetic"):
        return ch.pick(["for about a week", "since the last update", "for a few days now", "since I got the "
                        "new laptop", "on and off for a month"])
    return ch.pick(["since {t}", "since about {t}", "since this morning", "since the update last night",
                    "for the last hour", "since I came in", "for 20 minutes now", "since lunch"]).format(**c)


def s_tried(ch, f):
    if f.kind.key in DEVICE_KINDS:
        return ch.pick(["we turned it off and on again", "we unplugged it and plugged it back in",
                        "a restart changed nothing", "I checked the cables", "we power-cycled it twice"])
    return ch.pick(["I've restarted twice", "I already rebooted", "I logged out and back in", "restarting "
                    "didn't help", "I tried again after ten minutes", "I cleared the browser cache",
                    "signing out and in again didn't help"])


DEVICE_KINDS = ("printers", "laptops", "phones", "meeting", "badges", "pos", "warehouse", "network")


def s_workaround(ch, f):
    w = f.workaround
    return ch.pick([w + " for now", "for now " + w, "at least " + w, "luckily " + w, w + " in the "
                    "meantime", "we can manage because " + w])


def s_no_workaround(ch, f):
    return ch.pick(["there's no way around it", "we have no workaround", "nothing else works either",
                    "we can't do anything until it's fixed", "there is no other way to do it"])


def s_impact(ch, f):
    c = f.ctx
    if f.stake:
        if f.stake == "revenue" and f.deadline == "hours" and f.kind.key == "pos" and ch.chance(0.6):
            return ch.pick(["the store opens at {open}", "we open at {open} and there's a queue already",
                            "the doors open at {open}"]).format(**c)
        bank = STAKE_TEXT[f.stake].get(f.deadline if f.deadline in ("hours", "today") else None)
        return ch.pick(bank).format(**c)
    if f.deadline and not (f.claim == "shout" and f.deadline in ("week", "later")):
        return ch.pick(DEADLINE_TEXT[f.deadline]).format(**c)
    return None


def s_extra_deadline(ch, f):
    """A deadline stated on its own when the stake sentence did not carry it."""
    if f.deadline and f.stake and f.deadline not in ("hours", "today") and not (f.claim == "shout" and
                                                                                 f.deadline in ("week", "later")):
        return ch.pick(DEADLINE_TEXT[f.deadline]).format(**f.ctx)
    return None


def s_ask(ch, f):
    if f.situation == "question":
        return ch.pick(["thanks in advance", "a link to a guide would be great", "thanks!", "cheers"])
    if f.situation == "request":
        return ch.pick(["thanks a lot", "let me know if you need approval from my manager", "thank you",
                        "let me know what you need from me", "happy to fill in a form if needed"])
    return ch.pick(["can someone take a look?", "please help", "could you have a look?", "please advise",
                    "let me know if you need anything from me", "can you call me?", "thanks for looking into "
                    "it", "please let me know what to do"])


ASKING = ("could", "can", "would", "is", "do", "does", "how", "where", "what", "who", "why")


def body_sentences(ch, f, full=True, claims=True, max_parts=None):
    """The facts as plain sentences, in a sensible order with some shuffling. Every sentence a rule reads
    (the problem, who is affected beyond one person, the stake or deadline, the workaround) is kept; with
    `max_parts` the optional ones (error text, what was tried, 'no workaround') are dropped first."""
    out = []  # (text, decisive)
    prob = s_problem(ch, f)
    if f.situation == "question" or (f.situation == "request" and prob.split()[0].lower() in ASKING):
        prob = prob.rstrip(".") + "?"
    lead = []
    if f.claim == "calm" and claims:
        lead = [ch.pick(CALM)]
    first = " ".join(lead + [prob]) if lead else prob
    if f.situation not in ("request", "question", "security", "cosmetic") and ch.chance(0.6 if full else 0.35):
        first = first + " " + s_since(ch, f)
    out.append((first, True))
    sc = s_scope(ch, f)
    mid = []
    if sc:
        mid.append((sc, f.scope != "me"))
    if f.situation in ("fault", "outage") and f.ctx["err"] not in prob and ch.chance(0.4 if full else 0.2):
        mid.append((ch.pick(["the error says {err}", "it shows: {err}", "error message: {err}",
                             "I get '{err}'"]).format(**f.ctx), False))
    if full and f.situation in ("fault", "outage", "annoy", "degraded") and ch.chance(0.45):
        mid.append((s_tried(ch, f), False))
    if f.situation == "security":
        if f.sec in ACTIVE and ch.chance(0.5):
            mid.append((ch.pick(["I haven't touched anything since", "I've unplugged my network cable",
                                 "I don't know how many machines are affected", "it seems to be spreading",
                                 "I've told my manager"]), False))
        if f.sec == "lost_device":
            mid.append((ch.pick(["it has customer files on it", "I'm not sure if it was encrypted",
                                 "it was logged in to email", "it has the company apps on it"]), False))
    ch.shuffle(mid)
    out += mid
    imp = s_impact(ch, f)
    if imp:
        out.append((imp, True))
    ex = s_extra_deadline(ch, f)
    if ex:
        out.append((ex, True))
    if f.workaround:
        out.append((s_workaround(ch, f), True))
    elif f.blocked and f.situation in ("outage", "fault") and ch.chance(0.45 if full else 0.25):
        out.append((s_no_workaround(ch, f), False))
    if f.claim == "shout" and claims:
        out.insert(ch.plain([0, len(out)]), (ch.pick(SHOUT), True))
    if max_parts is not None:
        room = max_parts - sum(1 for _, d in out if d)
        kept = []
        for x, d in out:
            if d:
                kept.append(x)
            elif room > 0:
                kept.append(x)
                room -= 1
        return [tidy(x) for x in kept]
    return [tidy(x) for x, _ in out]


# ------------------------------------------------------------------------------------------ styles

GREET = ["Hi IT,", "Hello,", "Hi team,", "Dear IT support,", "Hi all,", "Good morning,", "Hello IT team,",
         "Hi there,", "Dear Service Desk,", "Hey,"]
SIGN = ["Thanks,", "Thank you,", "Kind regards,", "Best,", "Cheers,", "Many thanks,", "Regards,",
        "Best regards,", "Thanks in advance,"]
BACKSTORY = [
    "I was in the middle of preparing the slides for Thursday when it started",
    "I don't know if it's related but we had a short power cut on Monday",
    "my colleague said something similar happened to her last year but it went away by itself",
    "I've only been here three months so I'm not sure who else to ask",
    "it might be because I installed the updates it kept nagging me about yesterday",
    "sorry if this is the wrong place to send this, the portal wouldn't let me log a ticket",
    "I'm working from the other desk today because mine is being moved",
    "I did call the helpdesk number earlier but it went to voicemail",
    "I'm not very technical so apologies if I describe it badly",
    "this started right after I came back from two weeks of holiday",
    "I also noticed the screen flickered once but that could be nothing",
    "we had the cleaners in last night, maybe something got unplugged, I don't know",
    "I tried to follow the guide on the intranet but the pictures don't match what I see",
    "my manager asked me to send it in writing so here it is",
    "I know you are busy with the office move so thanks for any help",
    "it worked fine on Friday when I last used it",
    "I asked the person who sits next to me and she had no idea either, so here I am",
    "we are in the middle of the quarterly close so the timing is not great, as always",
    "I have a screenshot somewhere but I can't find where it saved it",
    "last time something like this happened someone from IT came up and fixed it in five minutes",
    "I'm on the early shift this week so I might not be at my desk after two",
    "I think there was an email about planned maintenance a while ago but I can't find it now",
    "my old laptop never did this, for what it's worth",
    "I'm writing from my phone so sorry for any typos",
    "I'm happy to come down to the IT room if that is easier",
    "I've also cc'd my team lead so she knows what is going on",
    "the funny thing is it did work for a moment after lunch and then stopped again",
    "I'm not sure if this is the right category, please move it if not",
]
DISCLAIMER = [
    "This email and any attachments are confidential and intended solely for the addressee. If you have "
    "received it in error, please notify the sender and delete it.",
    "CONFIDENTIALITY NOTICE: The information in this message is private and may be legally privileged.",
    "Please consider the environment before printing this email.",
    "This message has been scanned for viruses.",
]


def signature(ch, f, short=False):
    c = f.ctx
    if short:
        return c["first"]
    lines = ["%s %s" % (c["first"], c["last"]), c["title"]]
    if ch.chance(0.6):
        lines.append(c["company"])
    if ch.chance(0.5):
        lines.append("T +44 20 7946 %04d" % ch.randint(0, 9999) if ch.chance(0.5) else
                     "Ext. %d" % ch.randint(2000, 4999))
    return "\n".join(lines)


def para(sents):
    return " ".join(sentence(s) for s in sents if s)


def subject(ch, f):
    p = cap(f.product)
    if f.situation == "alert":
        return None
    if f.situation == "security":
        return ch.pick(["Something odd on my PC", "Security question", "Weird email", "Please read",
                        "Possible security issue", "Help", "Strange thing with my account", "Laptop/phone"])
    if f.situation == "request":
        return ch.pick(["Request: %s" % f.kind.label, "Small request", "New request", "Request for %s"
                        % f.kind.label, "Access request"])
    if f.situation == "question":
        return ch.pick(["Question about %s" % f.product, "Quick question", "How do I ...?", "%s question" % p])
    return ch.pick(["%s not working" % p, "Problem with %s" % f.product, "%s issue" % p, "Issue",
                    "%s - %s" % (p, f.ctx["err"]), "Help with %s" % f.product, "%s problems" % p])


def style_terse(ch, f, very_short=False):
    s = body_sentences(ch, f, full=False, max_parts=0 if very_short else 4)
    sep = ch.plain([", ", ". ", " - ", "; "])
    parts = [x.rstrip(".") for x in s]
    if sep == ". ":
        parts = [cap(x) for x in parts]
    txt = ""
    for i, x in enumerate(parts):
        if i:
            txt += " " if sep == ". " and parts[i - 1][-1:] in "!?" else sep
        txt += x
    return sentence(txt) if ch.chance(0.6) else txt


def style_polite(ch, f):
    s = body_sentences(ch, f)
    if ch.chance(0.3):
        s.insert(ch.randint(1, len(s)), ch.pick(BACKSTORY))
    body = para(s)
    ask = sentence(s_ask(ch, f))
    parts = [ch.pick(GREET), "", body + " " + ask if ch.chance(0.5) else body + "\n\n" + ask, "",
             ch.pick(SIGN), signature(ch, f, short=ch.chance(0.5))]
    return "\n".join(parts)


def style_rambling(ch, f):
    s = body_sentences(ch, f)
    back = ch.shuffle(list(BACKSTORY))[:ch.randint(4, 9)]
    p1 = para([ch.pick(["I hope you're well", "hope you are having a good week", "sorry for the long "
                        "email", "I'm writing about a problem I've been having"])] + back[:2])
    cut = max(1, len(s) // 2)
    p2 = para(s[:cut] + back[2:3])
    p3 = para(s[cut:] + back[3:6])
    p3b = para(back[6:])
    p4 = para([s_ask(ch, f), ch.pick(["thanks so much for your patience", "sorry again for the essay",
                                      "I really appreciate it", "have a nice day"])])
    paras = [p1, p2, p3] + ([p3b] if p3b else []) + [p4]
    return "\n".join([ch.pick(GREET), ""] + sum(([x, ""] for x in paras), []) + [ch.pick(SIGN), signature(ch, f)])


def quoted_header(ch, f, who, email, subj):
    c = f.ctx
    day = ch.plain(["Mon", "Tue", "Wed", "Thu", "Fri"])
    if ch.chance(0.5):
        return ("---------- Forwarded message ---------\nFrom: %s <%s>\nDate: %s, %s\nSubject: %s\nTo: "
                "IT Service Desk" % (who, email, day, c["t"], subj))
    return "-----Original Message-----\nFrom: %s\nSent: %s %s\nTo: servicedesk\nSubject: %s" % (
        who, day, c["t"], subj)


def style_forwarded(ch, f):
    c = f.ctx
    domain = company_domain(c["company"])
    orig_who = "%s %s" % (c["first"], c["last"])
    subj = subject(ch, f) or "Alert"
    fwd_first, fwd_last = person(ch)
    if f.situation == "alert":
        inner = alert_text(ch, f)
    else:
        inner = "\n".join([ch.pick(GREET), "", para(body_sentences(ch, f)), "", ch.pick(SIGN),
                           signature(ch, f)])
    if ch.chance(0.4):
        inner = "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    note = ch.pick(["Forwarding this from %s, can you take a look?" % c["first"],
                    "See below, can someone pick this up?", "FYI, from one of my team.",
                    "Please see the message below.", "Passing this on.",
                    "Can you help %s with this?" % c["first"]])
    tail = "\n\n" + ch.pick(DISCLAIMER) if ch.chance(0.45) else ""
    top = "%s\n\n%s %s" % (note, fwd_first, fwd_last) if ch.chance(0.6) else note
    return "%s\n\n%s\n\n%s%s" % (top, quoted_header(ch, f, orig_who, email_of(c["first"], c["last"], domain),
                                                    "Re: " + subj if ch.chance(0.3) else subj), inner, tail)


ANGRY_OPEN = ["This is the third time this month.", "I am extremely frustrated.", "Unbelievable.",
              "I have had enough of this.", "Why does this keep happening?", "This is completely unacceptable.",
              "Seriously?", "I've been waiting for hours."]
ANGRY_CLOSE = ["Fix it.", "I expect a call back today.", "I want this sorted NOW.", "Nobody ever answers "
               "the phone.", "If this isn't fixed I'm escalating to your manager.", "Do your job please.",
               "I'm losing my patience.", "Sort it out."]
CUSTOMER_PROB = {
    "fault": ["I can't {act} on your website, it keeps showing {err}", "your checkout gives me {err} every "
              "time", "I was charged twice for {order} and nobody answers", "my account on your site is "
              "locked and the reset link doesn't work"],
    "outage": ["your whole website is down, nothing loads", "your site shows {err} on every page",
               "nobody can {act} on your site, my friends tried too", "your online store has been down for "
               "an hour"],
    "degraded": ["your website takes forever to load every page", "your payment page fails every other "
                 "time", "your site is so slow it times out at checkout"],
    "annoy": ["your site logs me out every few minutes", "the search on your site never finds anything",
              "your order emails go to my spam folder"],
    "cosmetic": ["your website has spelling mistakes all over the product pages", "the pictures on your "
                 "site are all stretched"],
    "request": ["why can't I pay with PayPal on your site", "you should add a wish list to your site",
                "can you add gift wrapping at checkout"],
    "question": ["how do I change my delivery address after ordering", "where do I find my invoice on "
                 "your site"],
}


def style_angry(ch, f):
    c = f.ctx
    if f.external:
        prob = ch.pick(CUSTOMER_PROB[f.situation]).format(**c)
        if f.situation in ("question", "request"):
            prob = cap(prob) + "?"
        s = [prob]
        if f.situation in ("fault", "outage") and ch.chance(0.5):
            s.append(ch.pick(["I tried three different cards", "I've tried on my phone and my laptop",
                              "I've emailed twice already"]))
        if f.scope in ("customers", "all", "site") and f.situation == "outage":
            s.append(ch.pick(["it's not just me, everyone on your forum says the same",
                              "my whole family tried, same thing"]))
        if f.claim == "shout":
            s.append(ch.pick(SHOUT))
        body = " ".join([ch.pick(ANGRY_OPEN), para(s), ch.pick(ANGRY_CLOSE)])
        who = "%s %s" % (c["first"], c["last"])
        if ch.chance(0.5):
            who += "\n" + email_of(c["first"], c["last"], ch.plain(EXTERNAL_DOMAINS))
        order = ("\nOrder: %s" % c["order"]) if ch.chance(0.4) else ""
        return "%s%s\n\n%s" % (body, order, who)
    s = body_sentences(ch, f)
    body = " ".join([ch.pick(ANGRY_OPEN), para(s), ch.pick(ANGRY_CLOSE)])
    if ch.chance(0.3):
        body = body.replace(".", "!", 2)
    return body + "\n" + c["first"]


NONNATIVE = [("I can't", "I am not able to"), ("can't", "cannot"), ("doesn't", "is not"), ("won't", "is not"),
             ("isn't", "is not"), ("since this morning", "from morning"), ("for now", "for the moment"),
             ("I've", "I have"), ("it's", "it is"), ("there's", "there is"), ("everyone", "all the people"),
             ("please", "kindly"), ("nobody", "no one of us"), ("has it too", "has also same problem"),
             ("the same problem", "same problem"), ("I need", "I am needing")]
NN_OPEN = ["Dear Team,", "Hello Sir/Madam,", "Hi team, good morning.", "Dear IT Support,", "Respected team,",
           "Hello dear support,", "Dear all,"]
NN_ASK = ["Kindly do the needful.", "Please to check and revert.", "Request you to please look into this.",
          "Please help me for this issue.", "Waiting your reply.", "Please check it and tell me.",
          "Kindly resolve at the earliest.", "I request you to solve this issue."]


def style_nonnative(ch, f):
    s = body_sentences(ch, f)
    body = para(s)
    for a, b in NONNATIVE:
        if a in body and ch.chance(0.7):
            body = body.replace(a, b)
    if ch.chance(0.4):
        body = body.replace(" the ", " ", 1)
    if ch.chance(0.3) and f.situation not in ("request", "question") and not f.claim:
        body = "Kindly note that " + body[:1].lower() + body[1:]
    return "\n".join([ch.pick(NN_OPEN), body, ch.pick(NN_ASK), "", ch.pick(["Thanks and regards,",
                                                                          "Regards,", "Thanks,"]),
                      "%s %s" % (f.ctx["first"], f.ctx["last"])])


def style_caps(ch, f, very_short=False):
    s = body_sentences(ch, f, full=False, max_parts=0 if very_short else 4)
    txt = " ".join(sentence(x) for x in s)
    mark = ch.plain([".", "!!", "!", "..."])
    txt = re.sub(r"\.(\s|$)", lambda m: mark + m.group(1), txt)
    if ch.chance(0.5):
        txt += " " + ch.pick(["PLEASE HELP", "THANKS", "CALL ME", "PLEASE"])
    return txt.upper() + ("\n" + f.ctx["first"].upper() if ch.chance(0.4) else "")


def style_chat(ch, f, very_short=False):
    s = body_sentences(ch, f, full=False, max_parts=0 if very_short else None)
    opener = ch.pick(["hey", "hi", "hey team", "morning", "quick one", "hiya", "yo", "@servicedesk"])
    lines = [opener] + [lower_chat(ch, x.rstrip(".")) for x in s]
    if ch.chance(0.4):
        lines.append(ch.pick(["anyone?", "thx", "ty", "pls", "any idea?", "cheers"]))
    if ch.chance(0.35):
        t0 = f.ctx["t"]
        h, m = int(t0[:2]), int(t0[3:])
        out = []
        for i, line in enumerate(lines):
            mm = m + i
            out.append("[%02d:%02d] %s: %s" % (h + mm // 60, mm % 60, f.ctx["first"], line))
        return "\n".join(out)
    if ch.chance(0.5):
        return "\n".join(lines)
    return " ".join(lines[:1]) + ", " + " ".join(lines[1:])


def style_form(ch, f):
    c = f.ctx
    prio = f.priority_field or ch.plain(PRIORITY_WORDS[:4] + ["Medium", "Medium"])
    rows = ["Submitted via the self-service portal" if ch.chance(0.5) else "New ticket from the web form",
            "Name: %s %s" % (c["first"], c["last"]), "Department: %s" % cap(c["team"]),
            "Location: %s" % cap(c["site"].replace("the ", "", 1)), "Category: %s" % cap(f.kind.label)]
    rows[2] = "Department: %s" % cap(c["team"][4:] if c["team"].startswith("the ") else c["team"])
    if ch.chance(0.7) or f.priority_field:
        rows.append("Priority (set by requester): %s" % prio)
    subj = subject(ch, f) or "Alert"
    rows.append("Subject: %s" % subj)
    rows.append("Description: %s" % para(body_sentences(ch, f)))
    return "\n".join(rows)


def style_phone(ch, f):
    c = f.ctx
    s = body_sentences(ch, f, full=False, claims=False)
    rows = ["Call from %s %s (%s, ext. %d) at %s." % (c["first"], c["last"], c["team"], ch.randint(2000, 4999),
                                                      c["t"])]
    first = s[0].rstrip(".")
    if first.split()[0] in PLAIN_FIRST:
        first = first[:1].lower() + first[1:]
    first = " " + first
    for a, b in ((" I'm ", " they're "), (" I've ", " they've "), (" my ", " their ")):
        first = first.replace(a, b)
    first = first[1:]
    if f.claim == "calm":
        first = ch.pick(["it's probably nothing, but", "no rush, but", "not sure it matters, but"]) + " " + first
    rows.append("Caller says " + first.replace(" I ", " they ", 1) + ("" if first.endswith("?") else "."))
    for x in s[1:]:
        rows.append(sentence(x))
    if f.situation in ("fault", "outage", "degraded", "annoy") and ch.chance(0.5):
        rows.append("Tried: " + s_tried(ch, f) + ".")
    if f.claim == "shout":
        rows.append(ch.pick(["Caller insists it is urgent.", "Caller was very upset and wants it fixed "
                             "immediately.", "Caller says this is top priority.", "Caller demanded a call "
                             "back within the hour."]))
    rows.append(ch.pick(["Agreed to call back.", "Told caller we will look into it.", "Ticket logged for "
                         "second line.", "Caller will wait for an update.", "Gave the ticket number."]))
    return "\n".join(rows)


PLAIN_FIRST = {"The", "My", "A", "Our", "There", "It", "Every", "Nothing", "Nobody", "All", "Some", "One", "Someone",
               "Several", "Files", "Incoming", "Outgoing", "Calls", "Price", "Refunds", "Queries", "Reports",
               "Mails", "Labels", "Customers", "Finance", "None", "Till", "Search", "Attachments", "Calendar",
               "Voicemail", "Call", "Exporting", "Opening", "Builds", "Deploys", "Scanning", "Half", "About",
               "Contactless", "Product", "Searching", "Saving", "Some", "Several", "Our", "Not", "No", "Sorry",
               "Probably", "Just", "Low", "Quick", "Can", "Could", "How", "Where", "Is", "Do", "Please", "Would",
               "Who", "Why", "What", "Two", "Antivirus", "Everyone", "Someone", "Finance", "Customers", "Several"}

ALERT_SEV = {"down": ["CRITICAL", "DOWN", "Disaster", "P1"], "critical": ["CRITICAL", "High", "P2", "ERROR"],
             "warn": ["WARNING", "Warning", "P3", "Average"]}


def alert_host(ch, f):
    stem = ch.pick(f.kind.hosts)
    if f.env == "production":
        return stem if ch.chance(0.5) else "prod-" + stem
    return "%s-%s" % ({"staging": "stg", "test": "test", "dev": "dev", "UAT": "uat"}[f.env], stem)


def alert_text(ch, f):
    lvl = f.alert if f.alert != "recovered" else f.resolved_alert
    check, summary = ch.pick(f.kind.alerts[lvl])
    host = alert_host(ch, f)
    c = f.ctx
    # The tool's own severity word: usually the level, sometimes one off (tools are configured by people).
    sev_lvl = lvl
    if ch.chance(0.25):
        sev_lvl = {"down": "critical", "critical": ch.plain(["down", "warn"]), "warn": "critical"}[lvl]
    sev = ch.pick(ALERT_SEV[sev_lvl])
    env = f.env
    recovered = f.alert == "recovered"
    when = "%s %s:%02d" % (ch.plain(["2025-03-11", "2025-06-02", "2025-09-23", "2025-11-14", "2026-01-08"]),
                           c["t"], ch.randint(0, 59))
    form = ch.plain(["nagios", "zabbix", "prom", "datadog", "prtg", "plain"])
    if form == "nagios":
        return "\n".join(["***** Monitoring *****", "Notification Type: %s" % ("RECOVERY" if recovered else
                                                                             "PROBLEM"),
                          "Service: %s" % check, "Host: %s" % host, "Environment: %s" % env,
                          "State: %s" % ("OK" if recovered else sev), "Date/Time: %s" % when,
                          "Additional Info: %s%s" % (summary, " - now back to normal" if recovered else "")])
    if form == "zabbix":
        head = ("Problem has been resolved at %s" % when) if recovered else ("Problem started at %s" % when)
        return "\n".join([head, "Problem name: %s" % summary, "Host: %s (%s)" % (host, env),
                          "Severity: %s" % sev, "Original problem ID: %d" % ch.randint(1000000, 9999999)])
    if form == "prom":
        return "\n".join(["[%s:1] %s (%s %s)" % ("RESOLVED" if recovered else "FIRING", cap(check.replace(" ",
                                                                                                   "_")) + "Alert",
                                             host, env),
                          "Labels:", " - alertname = %s" % check.replace(" ", "_"), " - severity = %s" % sev.lower(),
                          " - env = %s" % env, " - instance = %s:9100" % host, "Annotations:",
                          " - summary = %s" % summary])
    if form == "datadog":
        return "\n".join(["%s: [%s] %s on %s" % ("Recovered" if recovered else "Triggered", sev, summary, host),
                          "env:%s service:%s" % (env, check.replace(" ", "-")),
                          "Monitor: %s" % cap(check), "Started: %s" % when,
                          "Notified: @oncall-infra"])
    if form == "prtg":
        return "\n".join(["Monitoring notification", "Sensor: %s (%s)" % (cap(check), host), "Status: %s" %
                          ("Up" if recovered else ("Down" if lvl == "down" else sev)),
                          "Environment: %s" % env, "Message: %s" % summary, "Last scan: %s" % when])
    return "%s %s %s: %s (%s, %s)." % ("RESOLVED" if recovered else "ALERT", sev, host, summary, env, when)


def style_alert(ch, f):
    a = alert_text(ch, f)
    if ch.chance(0.25):
        note = ch.pick(["FYI, got this overnight:", "Is this something? Got it a few minutes ago.",
                        "Alert from the monitoring, forwarding to the queue.", "Auto-forwarded:"])
        return note + "\n\n" + a
    return a


def render(ch, f, style, edge):
    very_short = edge == "very short"
    if style == "monitoring alert":
        txt = style_alert(ch, f)
    elif style == "terse one-liner":
        txt = style_terse(ch, f, very_short)
    elif style == "polite email":
        txt = style_polite(ch, f)
    elif style == "long rambling email":
        txt = style_rambling(ch, f)
    elif style == "forwarded chain":
        txt = style_forwarded(ch, f)
    elif style == "angry":
        txt = style_angry(ch, f)
    elif style == "non-native English":
        txt = style_nonnative(ch, f)
    elif style == "ALL CAPS":
        txt = style_caps(ch, f, very_short)
    elif style == "chat message":
        txt = style_chat(ch, f, very_short)
    elif style == "web form":
        txt = style_form(ch, f)
    elif style == "phone note":
        txt = style_phone(ch, f)
    else:
        raise ValueError(style)
    if f.priority_field and style not in ("web form", "monitoring alert"):
        tag = ch.pick(["[Priority: %s] ", "Priority: %s\n", "(requester priority: %s) ", "Prio %s - "])
        txt = (tag % f.priority_field) + txt
    return txt


# ------------------------------------------------------------------------------------------ threads

RESOLVED_TOP = ["Update: it's working again after the restart, thanks.", "Never mind, it came back on its "
                "own about ten minutes ago.", "All good now, {first} from IT fixed it over the phone.",
                "Resolved, it was a loose cable.", "Update: back to normal since {t}.",
                "Thanks, it works again now.", "Ignore the below, it's sorted."]
RESOLVED_LEFT = ["Could you tell me what caused it when you have a moment?", "No need to do anything, just "
                 "closing the loop.", "One small thing while you're at it: {req}", "You can close the ticket.",
                 "Only thing left: {req}", "Thanks again for the quick help!"]
ESCALATE_TOP = {"scope": ["Update: it's not just me any more, {scope}.", "UPDATE - now {scope}.",
                          "Further to the below: {scope} now."],
                "deadline": ["Update: {impact}.", "Just to add: {impact}.", "Sorry, forgot to say: {impact}."]}


def thread_resolved(ch, f_orig, style, req_text):
    """A thread whose latest message says the problem below is fixed; what is left is small."""
    c = f_orig.ctx
    top = ch.pick(RESOLVED_TOP).format(**c)
    req = sentence(req_text)
    if req.startswith(("Could", "Can", "Would", "Please could")):
        req = req.rstrip(".") + "?"
    left = ch.pick(RESOLVED_LEFT).format(req=req, **c)
    inner = para(body_sentences(ch, f_orig))
    if style == "chat message":
        return "%s\n%s\n(earlier: %s)" % (lower_chat(ch, top), lower_chat(ch, left), inner)
    sep = quoted_header(ch, f_orig, "%s %s" % (c["first"], c["last"]),
                        email_of(c["first"], c["last"], company_domain(c["company"])),
                        subject(ch, f_orig) or "Alert") if ch.chance(0.6) else "On %s, %s wrote:" % (
        c["t"], c["first"])
    quoted = "\n".join("> " + x for x in [ch.pick(GREET), inner, c["first"]]) if ch.chance(0.6) else inner
    return "%s %s\n\n%s\n\n%s" % (top, left, c["first"], sep + "\n\n" + quoted)


def thread_escalated(ch, f_before, f_after, style):
    """A thread whose latest message widens the scope or adds a deadline to the problem below."""
    c = f_after.ctx
    if f_after.scope != f_before.scope:
        top = ch.pick(ESCALATE_TOP["scope"]).format(scope=s_scope(ch, f_after).rstrip("."))
    else:
        top = ch.pick(ESCALATE_TOP["deadline"]).format(impact=s_impact(ch, f_after))
    inner = para(body_sentences(ch, f_before))
    if style == "chat message":
        return "%s\n(earlier: %s)" % (lower_chat(ch, top), inner)
    sep = "On %s, %s wrote:" % (c["t"], c["first"]) if ch.chance(0.5) else "-----Original Message-----"
    return "%s\n%s\n\n%s\n> %s" % (top, c["first"], sep, inner)


def apply_noise(ch, txt, f, edge, style):
    if edge == "typos" or (style == "chat message" and ch.chance(0.3)):
        protect = set(f.product.split()) | set(f.ctx["err"].split())
        txt = typos(ch, txt, 0.07 if edge == "typos" else 0.03, protect)
    return txt


def word_count(text):
    return words(text)
