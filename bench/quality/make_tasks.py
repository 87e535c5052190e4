#!/usr/bin/python3
"""Build Smolify's quality-benchmark tasks from real text already on a Debian 12 machine.

Where the text comes from, and why: the benchmark must measure the student on text that nobody in
the Smolify project wrote, chose or tuned, so every input and every reference output below is taken,
mechanically, from files that Debian packages install:

  * English manual pages, /usr/share/man/man1 .. man8 (*.gz). They were written by the authors of
    the programs and libraries they document (GNU, util-linux, the Linux man-pages project, OpenSSH,
    OpenSSL, Perl module authors, ...). The translated trees (/usr/share/man/de/, fr/, ...) are not
    read.
  * Python 3.11's standard library sources, /usr/lib/python3.11/**/*.py, written by the CPython
    developers. Only the docstrings are used.

Tasks written (one folder each, under --out, default bench/quality/data/):

  man-section   classification  DESCRIPTION text of a man page  -> its section digit ("1".."8")
  py-docstring  free_text       docstring body (after summary)  -> the docstring's one-line summary
  man-name      free_text       DESCRIPTION text of a man page  -> the page's NAME line

Each folder holds train.jsonl and test.jsonl ({"input", "output"} per line, UTF-8) and spec.json (the
task spec that `smolify-cli spec PROJECT --set spec.json` reads; see core/synth/spec.h).

Deterministic: files are read in sorted order, every choice (dedupe, caps, split, order) depends only
on the files' paths and contents (sha1), never on time, randomness or dictionary order, so the same
files in give byte-identical outputs. Standard library only; run with /usr/bin/python3.

    /usr/bin/python3 bench/quality/make_tasks.py [--out DIR] [--tasks "man-section py-docstring man-name"]
"""

import argparse
import ast
import gzip
import hashlib
import inspect
import json
import os
import re
import sys
import unicodedata

MAN_ROOT = "/usr/share/man"
MAN_DIRS = ["man%d" % i for i in range(1, 9)]  # English pages only; translated trees live in man/<lang>/
PY_ROOT = "/usr/lib/python3.11"
PY_EXCLUDE = {"test", "tests", "idlelib", "lib2to3", "site-packages", "dist-packages", "__pycache__"}

TRAIN_SHARE = 85          # percent of sources (by sha1 of the path) that go to train
MAX_TRAIN = 3000
MAX_TEST = 300
MAX_LABEL_SHARE = 0.40    # man-section: no label more than this share of the task's samples
MIN_LABEL_SAMPLES = 10    # man-section: a section with fewer pages than this is left out (noise)
FAMILY_CAP = 25           # man tasks: at most this many pages per name family (see family_of)

DESC_MIN_WORDS = 12       # skip descriptions shorter than this
DESC_CUT_MIN = 25         # when cutting at a sentence boundary, keep at least this many words
DESC_MAX_WORDS = 90
DOC_BODY_MIN_WORDS = 15
DOC_BODY_MAX_WORDS = 100
DOC_SUMMARY_MAX_WORDS = 25
NAME_MAX_WORDS = 40

SECTION_NAMES = {
    "1": "1 user commands",
    "2": "2 system calls",
    "3": "3 library functions",
    "4": "4 special files and devices",
    "5": "5 file formats and configuration files",
    "6": "6 games",
    "7": "7 overviews, conventions and miscellanea",
    "8": "8 system administration commands",
}


def sha1(text):
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


# ---------------------------------------------------------------------------------------------------
# Text helpers


def normalise_ws(text):
    """Control characters to spaces, runs of whitespace to one space, a few spacing artefacts of the
    roff stripping fixed (" ," -> ",")."""
    text = re.sub(r"[\x00-\x1f\x7f\u00a0\u2000-\u200b\u2028\u2029]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,;])(?= |$)", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    text = re.sub(r" \)", ")", text)
    return text


ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "cf.", "vs.", "viz.", "approx.", "no.", "mr.", "dr.", "st.",
                 "fig.", "sec.", "ch.", "vol.", "ed.", "al.", "resp."}


def is_sentence_end(word, next_word):
    """A rough sentence boundary: the word ends with . ! or ? (maybe before a closing quote or
    bracket), is not a common abbreviation, and the next word starts like a sentence."""
    w = word.rstrip("\"')]”’")
    if not w or w[-1] not in ".!?":
        return False
    if w.lower() in ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", w):
        return False  # "e.g.", "U.S."
    if w.endswith("..."):
        return False
    if next_word is None:
        return True
    return bool(re.match(r"[A-Z0-9\"'(“‘\[]", next_word))


def cut_words(text, max_words, min_words):
    """Text of at most ~max_words words: whole if short enough, else the longest run of whole
    sentences within max_words, else (when that would be under min_words) the first max_words
    words."""
    words = text.split(" ")
    if len(words) <= max_words:
        return text
    best = 0
    for i in range(min(len(words), max_words)):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if is_sentence_end(words[i], nxt):
            best = i + 1
    if best >= min_words:
        return " ".join(words[:best])
    return " ".join(words[:max_words])


def word_count(text):
    return len(text.split())


def valid_utf8(text):
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


# ---------------------------------------------------------------------------------------------------
# roff (man and mdoc) to plain text: careful but simple; good enough for prose paragraphs.

GLYPHS = {
    "em": "—", "en": "–", "hy": "-", "mi": "-", "pl": "+", "eq": "=", "bu": "•", "sq": "□",
    "lq": '"', "rq": '"', "Lq": '"', "Rq": '"', "dq": '"', "oq": "'", "cq": "'", "aq": "'",
    "Fo": "«", "Fc": "»", "fo": "‹", "fc": "›", "ga": "`", "aa": "´", "ti": "~", "ha": "^",
    "rs": "\\", "sl": "/", "ba": "|", "or": "|", "br": "|", "at": "@", "sh": "#", "Do": "$",
    "co": "©", "rg": "®", "tm": "™", "de": "°", "mu": "×", "di": "÷", "+-": "±", ">=": "≥",
    "<=": "≤", "!=": "≠", "==": "≡", "->": "→", "<-": "←", "<>": "↔", "sc": "§", "ps": "¶",
    "dg": "†", "dd": "‡", "fm": "′", "sd": "″", "ul": "_", "ru": "_", "eu": "€", "Eu": "€",
    "Po": "£", "ct": "¢", "Ye": "¥", "ss": "ß", "AE": "Æ", "ae": "æ", "OE": "Œ", "oe": "œ",
    "*a": "α", "*b": "β", "*g": "γ", "*d": "δ", "*e": "ε", "*l": "λ", "*m": "μ", "*p": "π",
    "*s": "σ", "*W": "Ω", "12": "½", "14": "¼", "34": "¾", "if": "∞", "bq": ",",
    "Bq": "„", "lB": "[", "rB": "]", "lC": "{", "rC": "}", "la": "⟨", "ra": "⟩", "tno": "~",
    "char46": ".", "char39": "'", "char92": "\\", "nbsp": " ",
}
ACCENTS = {":": "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", ",": "\u0327",
           "o": "\u030a", "v": "\u030c"}
# Predefined strings (\*x, \*(xx, \*[name]) as an nroff terminal would show them; the rest are
# dropped, so that troff-only decorations (pod2man's \*(C` for C<>) leave nothing behind.
STRINGS = {"lq": '"', "rq": '"', "L\"": '"', "R\"": '"', "C`": '"', "C'": '"', "R": "®",
           "Tm": "™", "--": "—", "PI": "pi", "Aq": "'", "aq": "'", "C+": "C++", "Lq": '"',
           "Rq": '"'}


def glyph(name):
    if name in GLYPHS:
        return GLYPHS[name]
    m = re.fullmatch(r"u([0-9A-Fa-f]{4,6})(?:_[0-9A-Fa-f]{4,6})*", name)
    if m:
        try:
            return chr(int(m.group(1), 16))
        except (ValueError, OverflowError):
            return ""
    if len(name) == 2 and name[0] in ACCENTS and name[1].isalpha():
        return unicodedata.normalize("NFC", name[1] + ACCENTS[name[0]])
    return ""


def _delimited(s, i):
    """Index just past an escape's argument that starts at s[i]: '...' (any delimiter), [...] or
    a single character."""
    if i >= len(s):
        return i
    c = s[i]
    if c == "[":
        j = s.find("]", i + 1)
        return len(s) if j < 0 else j + 1
    if c == "(":
        return min(i + 3, len(s))
    j = s.find(c, i + 1)
    return len(s) if j < 0 else j + 1


def _name_arg(s, i):
    """A one-character, (xx two-character or [long] name starting at s[i]; returns (name, next)."""
    if i >= len(s):
        return "", i
    if s[i] == "(":
        return s[i + 1:i + 3], min(i + 3, len(s))
    if s[i] == "[":
        j = s.find("]", i + 1)
        if j < 0:
            return s[i + 1:], len(s)
        return s[i + 1:j], j + 1
    return s[i], i + 1


def unescape(s):
    """roff escapes in one line of text to plain text. Unknown escapes print their character."""
    out = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:  # trailing backslash: continuation, handled by the caller
            break
        e = s[i + 1]
        i += 2
        if e in "\"#":  # comment to the end of the line
            break
        if e == "f" or e == "F":  # font change
            _, i = _name_arg(s, i)
        elif e == "s":  # size change: \s-1 \s+2 \s0 \s(12 \s[12] \s'12'
            m = re.match(r"[+-]?(?:\d{1,2}|\(\d\d|\[[^\]]*\]|'[^']*')", s[i:])
            if m:
                i += m.end()
        elif e == "(":
            out.append(glyph(s[i:i + 2]))
            i += 2
        elif e == "[":
            name, i = _name_arg(s, i - 1)
            out.append(glyph(name.split()[0] if name.split() else ""))
        elif e == "*":
            name, i = _name_arg(s, i)
            out.append(STRINGS.get(name, ""))
        elif e == "n":  # number register
            if i < n and s[i] in "+-":
                i += 1
            _, i = _name_arg(s, i)
        elif e in "gkVYmM$":  # registers, colours, environment, arguments: a name follows
            _, i = _name_arg(s, i)
        elif e in "hvwoblLxXDNZRHSACBT":  # escapes with a delimited argument
            i = _delimited(s, i)
        elif e == "z":
            i += 1
        elif e in "-":
            out.append("-")
        elif e in "e\\E":
            out.append("\\")
        elif e in "0~ _t":
            out.append(" " if e != "_" else "_")
        elif e in "&|^%:)!,/{}cdupaOrj":
            pass  # zero-width, line and layout controls
        elif e == "'":
            out.append("'")
        elif e == "`":
            out.append("`")
        elif e == ".":
            out.append(".")
        else:
            out.append(e)
    return "".join(out)


def roff_args(line):
    """Arguments of a request line (after the macro name), roff quoting: "a b" is one argument,
    "" inside quotes is a literal quote."""
    args, i, n = [], 0, len(line)
    while i < n:
        while i < n and line[i] in " \t":
            i += 1
        if i >= n:
            break
        if line[i] == '"':
            i += 1
            buf = []
            while i < n:
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        buf.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                if line[i] == "\\" and i + 1 < n:
                    buf.append(line[i:i + 2])
                    i += 2
                    continue
                buf.append(line[i])
                i += 1
            args.append("".join(buf))
        else:
            j = i
            while j < n and line[j] not in " \t":
                j += 2 if line[j] == "\\" and j + 1 < n else 1
            args.append(line[i:j])
            i = j
    return args


# man(7) requests whose arguments are printed text.
TEXT_SPACED = {"B", "I", "SM", "SB"}
TEXT_ALTERNATING = {"BR", "BI", "IB", "IR", "RB", "RI"}
# mdoc(7) macros that may be called on a line: their names are not printed.
MDOC_MACROS = set("""Ad An Ap Ar At Bc Bf Bk Bl Bo Bq Brc Bro Brq Bsx Bt Bx Cd Cm D1 Db Dc Dd Dl Do Dq
Dt Dv Dx Ec Ed Ef Ek El Em En Eo Er Es Ev Ex Fa Fc Fd Fl Fn Fo Fr Ft Fx Hf Ic In It Lb Li Lk Lp Ms Mt
Nd Nm No Ns Nx Oc Oo Op Os Ot Ox Pa Pc Pf Po Pp Pq Qc Ql Qo Qq Re Rs Rv Sc Sh Sm So Sq Ss St Sx Sy Tn
Ud Ux Va Vt Xc Xo Xr""".split())
MDOC_NAMES = {"Bx": "BSD", "Bsx": "BSD/OS", "Nx": "NetBSD", "Fx": "FreeBSD", "Ox": "OpenBSD",
              "Dx": "DragonFly", "Ux": "UNIX", "At": "AT&T UNIX", "Ud": "currently under development",
              "Bt": "is currently in beta test"}
MDOC_NO_TEXT = {"Pp", "Lp", "Bl", "El", "Bd", "Ed", "Bk", "Ek", "Bf", "Ef", "Sm", "Os", "Dd", "Dt",
                "Rs", "Re", "Db", "Ss", "Sh", "Cd", "Fr", "Hf", "Ot", "Ms"}
PUNCT = set(".,:;)]?!")
OPEN_PUNCT = set("([")


def mdoc_line(name, args, page_name):
    """One mdoc macro line to text: macro names dropped, Fl flags get their dash, Xr becomes
    name(section), a lone Nm is the page's name, punctuation arguments stick to the word before."""
    if name in MDOC_NO_TEXT:
        return ""
    tokens = [name] + args
    words = []
    glue_next = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in MDOC_MACROS:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if t == "Fl":
                if nxt is None or nxt in MDOC_MACROS or nxt in PUNCT:
                    words.append(("-", glue_next))
                else:
                    words.append(("-" + unescape(nxt), glue_next))
                    i += 1
                glue_next = False
            elif t == "Xr" and nxt is not None and i + 2 < len(tokens):
                words.append((unescape(nxt) + "(" + tokens[i + 2] + ")", glue_next))
                glue_next = False
                i += 2
            elif t == "Nm" and (nxt is None or nxt in MDOC_MACROS or nxt in PUNCT):
                words.append((page_name, glue_next))
                glue_next = False
            elif t == "Ar" and (nxt is None or nxt in MDOC_MACROS or nxt in PUNCT):
                words.append(("file ...", glue_next))
                glue_next = False
            elif t in ("Ns", "Ap", "Pf"):
                if t == "Ap":
                    words.append(("'", True))
                glue_next = True
            elif t in MDOC_NAMES:
                words.append((MDOC_NAMES[t], glue_next))
                glue_next = False
            elif t in ("Rv", "Ex"):
                break  # "Rv -std fn" and "Ex -std" stand for boilerplate sentences: stop here
            elif t in ("St", "Lb"):
                i += 1  # a standard's or library's code name ("-p1003.1", "libc"): dropped
            elif t == "In" and nxt is not None:
                words.append(("<" + unescape(nxt) + ">", glue_next))
                glue_next = False
                i += 1
            i += 1
            continue
        text = unescape(t)
        if t in PUNCT or (len(t) == 1 and t in PUNCT):
            words.append((text, True))
        else:
            words.append((text, glue_next))
        glue_next = t in OPEN_PUNCT
        i += 1
    out = ""
    for w, glue in words:
        if not w:
            continue
        out += w if (glue or not out) else " " + w
    return out


# Requests with no printed text of their own (layout, definitions, index entries).
NO_TEXT = {"PP", "LP", "P", "HP", "br", "sp", "nf", "fi", "RS", "RE", "in", "ti", "ad", "na", "ne",
           "hy", "nh", "ft", "ps", "vs", "ce", "ll", "TH", "ds", "nr", "so", "tr", "cs", "bp", "fl",
           "PD", "UC", "ss", "ns", "rs", "EX", "EE", "ta", "it", "IX", "TP", "Sp", "Vb", "Ve", "SS",
           "SH", "Sh", "UR", "MT", "YS", "SY", "rm", "rr", "als", "hw", "lf", "pc", "mso", "ev", "tm",
           "ec", "eo", "cc", "c2", "ig", "de", "am", "di", "da", "wh", "ch", "it", "em", "nx", "ab",
           "ie", "if", "el", "AT", "DT", "LO", "ul", "cu", "mk", "rt", "ls", "pl", "po", "lt", "ev",
           "hc", "hla", "nop", "OP"}


END_DEF = re.compile(r"^[.']\s*\.\s*$")  # ".." (or ".  .") ends a .de/.am/.ig block


def roff_to_text(lines, page_name, mdoc):
    """The text of a section's lines (requests and escapes removed), one string."""
    pieces = []
    skip_block = None   # "..": inside .de/.ig; "table": inside .TS/.TE or .EQ/.EN
    brace_depth = 0     # inside a skipped conditional's \{ ... \}
    skip_next_el = False
    pending = ""
    for raw in lines:
        line = pending + raw
        pending = ""
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending = line[:-1]
            continue
        if skip_block == "..":
            if END_DEF.match(line):
                skip_block = None
            continue
        if skip_block == "table":
            if re.match(r"^[.']\s*(TE|EN)\b", line):
                skip_block = None
            continue
        if brace_depth:
            brace_depth += line.count("\\{") - line.count("\\}")
            if brace_depth < 0:
                brace_depth = 0
            continue
        if line[:1] in (".", "'"):
            body = line[1:].lstrip(" \t")
            if body.startswith('\\"') or body == "" or body.startswith("\\#"):
                continue
            m = re.match(r"(\S+)(.*)", body)
            name, rest = m.group(1), m.group(2)
            if name.startswith("\\\""):
                continue
            if name in ("de", "de1", "ig", "am"):
                skip_block = ".."
                continue
            if name in ("TS", "EQ", "PS"):
                skip_block = "table"
                continue
            # Conditionals: take the nroff branch ("n"), skip troff ("t") and anything else.
            if name in ("if", "ie", "el"):
                if name == "el":
                    take, rest2 = (not skip_next_el), rest.strip()
                    skip_next_el = False
                else:
                    cm = re.match(r"\s*(!?)(\S+)\s*(.*)", rest)
                    cond = cm.group(2) if cm else ""
                    rest2 = cm.group(3) if cm else ""
                    positive = cond == "n" and not (cm and cm.group(1))
                    take = positive
                    if name == "ie":
                        skip_next_el = positive
                if not take:
                    if "\\{" in rest:
                        brace_depth = rest.count("\\{") - rest.count("\\}")
                    continue
                rest2 = rest2.replace("\\{", "").replace("\\}", "").strip()
                if rest2.startswith(".") or rest2.startswith("'"):
                    sub = roff_to_text([rest2], page_name, mdoc)
                    if sub:
                        pieces.append(sub)
                elif rest2:
                    pieces.append(unescape(rest2))
                continue
            args = roff_args(rest)
            if mdoc and (name in MDOC_MACROS):
                pieces.append(mdoc_line(name, args, page_name))
                continue
            if name in TEXT_SPACED:
                pieces.append(" ".join(unescape(a) for a in args))
            elif name in TEXT_ALTERNATING:
                pieces.append("".join(unescape(a) for a in args))
            elif name == "IP":
                tag = unescape(args[0]).strip() if args else ""
                if tag and tag not in ("•", "-", "*", "o", "+", "·"):
                    pieces.append(tag)
            elif name in ("UE", "ME"):
                if args:
                    pieces[-1:] = [(pieces[-1] if pieces else "") + unescape(args[0])]
            # everything else (NO_TEXT and unknown macros): nothing printed
            continue
        text = line
        joined = False
        if text.rstrip().endswith("\\c"):
            text = text.rstrip()[:-2]
            joined = True
        t = unescape(text)
        if pieces and pieces[-1].endswith("\x00"):
            pieces[-1] = pieces[-1][:-1] + t
        else:
            pieces.append(t)
        if joined:
            pieces[-1] += "\x00"
    return normalise_ws(" ".join(p.replace("\x00", "") for p in pieces))


def split_sections(lines):
    """{"NAME": [lines], "DESCRIPTION": [lines], ...} by .SH / .Sh headings (first occurrence)."""
    sections = {}
    current = None
    in_def = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if in_def:
            if END_DEF.match(line):
                in_def = False
            i += 1
            continue
        if re.match(r"^[.']\s*(de|de1|ig|am)\b", line):
            in_def = True
            i += 1
            continue
        m = re.match(r"^\.\s*(SH|Sh)(?:\s+(.*))?$", line)
        if m:
            title = m.group(2)
            if not title and i + 1 < len(lines):  # ".SH" alone: the heading is the next line
                i += 1
                title = lines[i]
            title = unescape(" ".join(roff_args(title or ""))).strip().upper()
            if title in sections:
                current = "\x00ignored"  # a second section of the same name: ignore it
                sections.setdefault(current, [])
            else:
                current = title
                sections[current] = []
            i += 1
            continue
        if current is not None:
            sections[current].append(line)
        i += 1
    return sections


def read_man(path):
    """(name_line, description) of one man page, or None with the reason to skip it."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError):
        return None, "not gzip"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = text.replace("\r\n", "\n").split("\n")
    first = [ln for ln in lines if ln.strip() and not re.match(r"^[.']\s*\\\"", ln)]
    if first and re.match(r"^\.so\s", first[0]):
        return None, ".so redirect"
    mdoc = any(re.match(r"^\.Sh\s", ln) for ln in lines)
    base = os.path.basename(path)
    page_name = re.sub(r"\.[0-9][^.]*\.gz$", "", base)
    sections = split_sections(lines)
    if "DESCRIPTION" not in sections:
        return None, "no DESCRIPTION"
    desc = roff_to_text(sections["DESCRIPTION"], page_name, mdoc)
    name_line = ""
    if "NAME" in sections:
        name_line = roff_to_text(sections["NAME"], page_name, mdoc)
        if mdoc:
            # mdoc NAME: ".Nm a , b" then ".Nd text"; roff_to_text gives "a, b text": rebuild it.
            names, nd = [], ""
            for ln in sections["NAME"]:
                mm = re.match(r"^\.\s*(Nm|Nd)\s*(.*)$", ln)
                if mm and mm.group(1) == "Nm":
                    names.append(mdoc_line("Nm", roff_args(mm.group(2)), page_name))
                elif mm:
                    nd = mdoc_line("No", roff_args(mm.group(2)), page_name)
            if names and nd:
                name_line = " ".join(n for n in names if n) + " - " + nd
        name_line = normalise_ws(name_line.replace("\\-", "-"))
    return (name_line, desc), None


def family_of(path):
    """The name family of a page: its name up to the first - _ . or : ("gcloud", "git", "llvm",
    "pthread", "dpkg"). Debian 12 with the Google Cloud CLI has 16,000+ gcloud_* pages in man1 (and
    git, llvm, perf ... have dozens each); without a cap per family one program's generated pages
    would be most of the data."""
    base = os.path.basename(path)
    name = re.sub(r"\.[0-9][^.]*\.gz$", "", base)
    return re.split(r"[-_.:]", name, maxsplit=1)[0].lower() or name.lower()


def collect_man(stats):
    """Every English man page with a usable DESCRIPTION: list of dicts sorted by path."""
    pages = []
    for d in MAN_DIRS:
        folder = os.path.join(MAN_ROOT, d)
        if not os.path.isdir(folder):
            continue
        for base in sorted(os.listdir(folder)):
            path = os.path.join(folder, base)
            if not base.endswith(".gz"):
                continue
            # Symlinks are aliases of a page read under its own name (or an alternatives link
            # to one); reading them too would only make duplicates.
            if os.path.islink(path) or not os.path.isfile(path):
                stats["symlink"] = stats.get("symlink", 0) + 1
                continue
            result, why = read_man(path)
            if result is None:
                stats[why] = stats.get(why, 0) + 1
                continue
            name_line, desc = result
            if word_count(desc) < DESC_MIN_WORDS:
                stats["short description"] = stats.get("short description", 0) + 1
                continue
            pages.append({"path": path, "section": d[3:], "name": name_line,
                          "desc": cut_words(desc, DESC_MAX_WORDS, DESC_CUT_MIN),
                          "family": family_of(path)})
    pages.sort(key=lambda p: p["path"])
    return pages


# ---------------------------------------------------------------------------------------------------
# Python docstrings

SIGNATURE = re.compile(r"^[\w.]+\s*\(.*\)\s*(->.*)?$")


def collect_docstrings(stats):
    items = []
    files = []
    for root, dirs, names in os.walk(PY_ROOT):
        dirs[:] = sorted(x for x in dirs if x not in PY_EXCLUDE)
        for nm in names:
            if nm.endswith(".py"):
                files.append(os.path.join(root, nm))
    files.sort()
    for path in files:
        rel = os.path.relpath(path, PY_ROOT)
        if set(rel.split(os.sep)[:-1]) & PY_EXCLUDE:
            continue
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read(), filename=path)
        except (SyntaxError, ValueError):
            stats["unparsable file"] = stats.get("unparsable file", 0) + 1
            continue
        # Walk in source order, naming each object by its dotted path inside the module.
        todo = [(tree, "")]
        while todo:
            node, qual = todo.pop(0)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    todo.append((child, (qual + "." if qual else "") + child.name))
            if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            raw = ast.get_docstring(node, clean=False)
            if not raw:
                continue
            doc = inspect.cleandoc(raw)
            paras = re.split(r"\n\s*\n", doc.strip(), maxsplit=1)
            summary = normalise_ws(paras[0])
            body_raw = paras[1] if len(paras) > 1 else ""
            if not summary:
                stats["empty summary"] = stats.get("empty summary", 0) + 1
                continue
            body_lines = {normalise_ws(x) for x in body_raw.split("\n")}
            if summary in body_lines:
                stats["summary repeated in body"] = stats.get("summary repeated in body", 0) + 1
                continue
            if SIGNATURE.match(summary):
                stats["summary is a signature"] = stats.get("summary is a signature", 0) + 1
                continue
            if word_count(summary) > DOC_SUMMARY_MAX_WORDS:
                stats["long summary"] = stats.get("long summary", 0) + 1
                continue
            # Doctest examples (paragraphs that start with ">>>") are code, not prose: left out.
            prose = [q for q in re.split(r"\n\s*\n", body_raw) if not q.lstrip().startswith(">>>")]
            body = normalise_ws(" ".join(prose))
            if word_count(body) < DOC_BODY_MIN_WORDS:
                stats["short body"] = stats.get("short body", 0) + 1
                continue
            body = cut_words(body, DOC_BODY_MAX_WORDS, DESC_CUT_MIN)
            if not (valid_utf8(body) and valid_utf8(summary)):
                continue
            kind = "module" if isinstance(node, ast.Module) else (
                "class" if isinstance(node, ast.ClassDef) else "function")
            lineno = getattr(node, "lineno", 0)
            items.append({"path": path, "key": "%s:%s:%d" % (path, qual, lineno), "kind": kind,
                          "input": body, "output": summary})
    return items


# ---------------------------------------------------------------------------------------------------
# Selection, split and output


def dedupe(items):
    """Keep the first item (in the given, sorted order) of each distinct input."""
    seen, out = set(), []
    for it in items:
        if it["input"] in seen:
            continue
        seen.add(it["input"])
        out.append(it)
    return out


def cap_by(items, group, cap, salt):
    """At most cap items per group value, chosen by sha1 of salt + the item's key (deterministic).
    Each selection has its own salt, so that the items one cap keeps are not also the ones that
    come first in the next selection or in the written order."""
    by = {}
    for it in items:
        by.setdefault(group(it), []).append(it)
    keep = set()
    for g, members in by.items():
        members = sorted(members, key=lambda it: sha1(salt + ":" + it["key"]))[:cap]
        keep.update(id(m) for m in members)
    return [it for it in items if id(it) in keep]


def cap_label_share(items, share):
    """Largest per-label cap K such that no label exceeds share of the total once every label is
    cut to K; then cut (by sha1 order)."""
    counts = {}
    for it in items:
        counts[it["output"]] = counts.get(it["output"], 0) + 1
    k = max(counts.values())
    while k > 1:
        total = sum(min(c, k) for c in counts.values())
        if min(max(counts.values()), k) <= share * total:
            break
        k -= 1
    return cap_by(items, lambda it: it["output"], k, "label")


def split(items):
    """train/test by sha1 of the source path (all samples of one source file on one side), then
    the caps, taking samples in sha1("order:" + key) order, which is also the order written."""
    train, test = [], []
    for it in items:
        (train if int(sha1(it["path"])[:8], 16) % 100 < TRAIN_SHARE else test).append(it)
    order = lambda it: sha1("order:" + it["key"])
    return sorted(train, key=order)[:MAX_TRAIN], sorted(test, key=order)[:MAX_TEST]


def write_jsonl(path, items):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for it in items:
            f.write(json.dumps({"input": it["input"], "output": it["output"]}, ensure_ascii=False))
            f.write("\n")


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2))
        f.write("\n")


def pick_seeds(train, classification):
    """1..10 seed examples from train: for classification the first sample of each label (in
    label order), else the first five."""
    if classification:
        seeds = []
        for label in sorted({it["output"] for it in train}):
            for it in train:
                if it["output"] == label:
                    seeds.append(it)
                    break
        return [{"input": s["input"], "output": s["output"]} for s in seeds[:10]]
    return [{"input": s["input"], "output": s["output"]} for s in train[:5]]


def percentile(values, p):
    if not values:
        return 0
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def report(task, train, test, classification, skipped):
    print("== %s: %d train, %d test" % (task, len(train), len(test)))
    for name, part in (("train", train), ("test", test)):
        words = [word_count(it["input"]) for it in part]
        out_words = [word_count(it["output"]) for it in part]
        mean = sum(words) / len(words) if words else 0
        line = "   %-5s input words mean %.1f p95 %d" % (name, mean, percentile(words, 95))
        if not classification:
            om = sum(out_words) / len(out_words) if out_words else 0
            line += "; output words mean %.1f p95 %d" % (om, percentile(out_words, 95))
        print(line)
        if classification:
            counts = {}
            for it in part:
                counts[it["output"]] = counts.get(it["output"], 0) + 1
            print("   %-5s labels: %s" % (name, ", ".join(
                "%s %d (%.0f%%)" % (k, counts[k], 100.0 * counts[k] / len(part)) for k in sorted(counts))))
    if skipped:
        print("   skipped: " + ", ".join("%s %d" % (k, skipped[k]) for k in sorted(skipped)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "data"))
    ap.add_argument("--tasks", default="man-section py-docstring man-name")
    opts = ap.parse_args()
    tasks = opts.tasks.split()
    for t in tasks:
        if t not in ("man-section", "py-docstring", "man-name"):
            sys.exit("make_tasks.py: unknown task %r" % t)

    man_pages, man_skipped = None, {}
    if "man-section" in tasks or "man-name" in tasks:
        man_pages = collect_man(man_skipped)

    for task in tasks:
        skipped = {}
        if task == "man-section":
            items = [{"path": p["path"], "key": p["path"], "family": p["family"],
                      "input": p["desc"], "output": p["section"]} for p in man_pages]
            items = dedupe(items)
            items = cap_by(items, lambda it: it["family"], FAMILY_CAP, "family")
            counts = {}
            for it in items:
                counts[it["output"]] = counts.get(it["output"], 0) + 1
            rare = {k for k, c in counts.items() if c < MIN_LABEL_SAMPLES}
            if rare:
                skipped["rare section " + ",".join(sorted(rare))] = sum(counts[k] for k in rare)
            items = [it for it in items if it["output"] not in rare]
            items = cap_label_share(items, MAX_LABEL_SHARE)
            classification = True
        elif task == "man-name":
            items = []
            for p in man_pages:
                if not p["name"] or word_count(p["name"]) > NAME_MAX_WORDS:
                    skipped["no or long NAME"] = skipped.get("no or long NAME", 0) + 1
                    continue
                items.append({"path": p["path"], "key": p["path"], "family": p["family"],
                              "input": p["desc"], "output": p["name"]})
            items = dedupe(items)
            items = cap_by(items, lambda it: it["family"], FAMILY_CAP, "family")
            classification = False
        else:
            items = dedupe(collect_docstrings(skipped))
            classification = False
        if task != "py-docstring":
            for k, v in man_skipped.items():
                skipped[k] = v
        train, test = split(items)
        folder = os.path.join(opts.out, task)
        os.makedirs(folder, exist_ok=True)
        write_jsonl(os.path.join(folder, "train.jsonl"), train)
        write_jsonl(os.path.join(folder, "test.jsonl"), test)
        write_json(os.path.join(folder, "spec.json"), make_spec(task, train))
        report(task, train, test, classification, skipped)


def make_spec(task, train):
    """The task spec (core/synth/spec.h's JSON form)."""
    if task == "man-section":
        labels = sorted({it["output"] for it in train})
        return {
            "kind": "classification",
            "instruction": "Read the DESCRIPTION section of a Unix manual page and answer with the "
                           "manual section number it belongs to.",
            "input_description": "Plain text from the DESCRIPTION section of an English Unix manual "
                                 "page, markup removed, at most about 90 words.",
            "output": {"labels": labels},
            "axes": [{"name": "manual section", "values": [SECTION_NAMES[x] for x in labels]}],
            "seeds": pick_seeds(train, True),
        }
    if task == "man-name":
        return {
            "kind": "free_text",
            "instruction": "Read the DESCRIPTION section of a Unix manual page and write the page's "
                           "NAME line: the name of what it documents, a dash, and a short description.",
            "input_description": "Plain text from the DESCRIPTION section of an English Unix manual "
                                 "page, markup removed, at most about 90 words.",
            "output": {},
            "axes": [{"name": "manual section", "values": [SECTION_NAMES[x] for x in sorted(SECTION_NAMES)]}],
            "seeds": pick_seeds(train, False),
        }
    return {
        "kind": "free_text",
        "instruction": "Read the body of a Python docstring and write the one-line summary that "
                       "belongs at its top.",
        "input_description": "The text of a docstring from Python's standard library after its "
                             "summary line, on one line, at most about 100 words.",
        "output": {},
        "axes": [{"name": "documented object", "values": ["module", "class", "function"]}],
        "seeds": pick_seeds(train, False),
    }


if __name__ == "__main__":
    main()
