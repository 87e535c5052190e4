#!/usr/bin/python3
"""The man-pages example's parser: the machine's own manual pages into training pairs.

Reads the English manual pages installed on this machine (/usr/share/man/man1 .. man8, *.gz; the
translated trees under /usr/share/man/<lang>/ are not read) and writes, for each usable page, one pair
{"input": the page's DESCRIPTION section as plain text, "output": the page's NAME line}, e.g.
"cp - copy files and directories". Every input and every output is text the authors of the programs
and libraries wrote (GNU, util-linux, the Linux man-pages project, OpenSSH, Perl module authors, ...);
nothing here is written by the Smolify project.

    /usr/bin/python3 parse_man.py --out DIR [--max-train 2000] [--max-held-out 300] [--man-root /usr/share/man]

writes DIR/train.jsonl and DIR/held_out.jsonl (UTF-8, one {"input", "output"} a line; each written to a
temporary name first and renamed, so a killed run leaves no half file) and prints what it read and
skipped on stderr. Exit status 1, with the reason on stderr, when the machine has no man pages or too
few to make both files.

Selection, deterministic (the same installed pages give byte-identical files; no time, randomness or
dictionary order is involved): the pages are visited in sha1("order:" + path) order; a page is kept
when it is a regular gzip file (symlinks are aliases of another page), is not a ".so" redirect, has a
DESCRIPTION of at least 12 words (cut at a sentence boundary to at most about 90) and a NAME line of at
most 40 words, and its DESCRIPTION is not already taken. At most 25 pages are kept per name family
(the name up to the first - _ . or :, so that one program's hundreds of generated pages, gcloud's or
git's, do not make most of the data). A page goes to held_out when sha1("split:" + family) puts its
family in the 15% held out, so the held-out pairs come from families the training never saw. Visiting
stops when both files are full.

The man(7)/mdoc(7) reader below is also what the quality benchmark uses (bench/quality/make_tasks.py
imports it). Standard library only; run with /usr/bin/python3.
"""

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import unicodedata

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




# ---------------------------------------------------------------------------------------------------
# The example's pairs

MAN_DIRS = ["man%d" % i for i in range(1, 9)]
HELD_OUT_SHARE = 15       # percent of name families (by sha1) held out
FAMILY_CAP = 25
DESC_MIN_WORDS = 12
DESC_CUT_MIN = 25
DESC_MAX_WORDS = 90
NAME_MAX_WORDS = 40


def candidate_pages(man_root, skipped):
    """Paths of the regular *.gz pages under man_root/man1..man8, sorted by sha1("order:" + path)."""
    paths = []
    for d in MAN_DIRS:
        folder = os.path.join(man_root, d)
        if not os.path.isdir(folder):
            continue
        for base in sorted(os.listdir(folder)):
            if not base.endswith(".gz"):
                continue
            path = os.path.join(folder, base)
            if os.path.islink(path) or not os.path.isfile(path):
                skipped["symlink"] = skipped.get("symlink", 0) + 1
                continue
            paths.append(path)
    paths.sort(key=lambda p: sha1("order:" + p))
    return paths


def select_pairs(man_root, max_train, max_held_out, skipped):
    """(train, held_out, pages_read): lists of {"input", "output"}, chosen as the module says."""
    train, held_out = [], []
    seen_inputs = set()
    per_family = {}
    read = 0
    for path in candidate_pages(man_root, skipped):
        if len(train) >= max_train and len(held_out) >= max_held_out:
            break
        family = family_of(path)
        side = held_out if int(sha1("split:" + family)[:8], 16) % 100 < HELD_OUT_SHARE else train
        if len(side) >= (max_held_out if side is held_out else max_train):
            continue
        if per_family.get(family, 0) >= FAMILY_CAP:
            skipped["family cap"] = skipped.get("family cap", 0) + 1
            continue
        read += 1
        result, why = read_man(path)
        if result is None:
            skipped[why] = skipped.get(why, 0) + 1
            continue
        name_line, desc = result
        if word_count(desc) < DESC_MIN_WORDS:
            skipped["short description"] = skipped.get("short description", 0) + 1
            continue
        if not name_line or word_count(name_line) > NAME_MAX_WORDS:
            skipped["no or long NAME"] = skipped.get("no or long NAME", 0) + 1
            continue
        desc = cut_words(desc, DESC_MAX_WORDS, DESC_CUT_MIN)
        if not (valid_utf8(desc) and valid_utf8(name_line)):
            skipped["not UTF-8"] = skipped.get("not UTF-8", 0) + 1
            continue
        if desc in seen_inputs:
            skipped["duplicate description"] = skipped.get("duplicate description", 0) + 1
            continue
        seen_inputs.add(desc)
        per_family[family] = per_family.get(family, 0) + 1
        side.append({"input": desc, "output": name_line})
    return train, held_out, read


def write_jsonl_atomically(path, pairs):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False))
            f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="folder for train.jsonl and held_out.jsonl")
    ap.add_argument("--max-train", type=int, default=2000)
    ap.add_argument("--max-held-out", type=int, default=300)
    ap.add_argument("--man-root", default="/usr/share/man")
    opts = ap.parse_args()
    if opts.max_train < 1 or opts.max_held_out < 1:
        sys.exit("parse_man.py: --max-train and --max-held-out must be at least 1")

    skipped = {}
    train, held_out, read = select_pairs(opts.man_root, opts.max_train, opts.max_held_out, skipped)
    where = os.path.join(opts.man_root, "man1") + " .. man8"
    if read == 0:
        sys.exit("parse_man.py: no manual pages under %s; this example needs the machine's own man "
                 "pages (on Debian: apt-get install man-db manpages, and on a minimised image remove the "
                 "dpkg path-exclude for /usr/share/man, then reinstall the packages)" % where)
    if not train or not held_out:
        sys.exit("parse_man.py: only %d usable pages under %s (%d for training, %d held out): too few "
                 "for this example" % (len(train) + len(held_out), where, len(train), len(held_out)))
    os.makedirs(opts.out, exist_ok=True)
    write_jsonl_atomically(os.path.join(opts.out, "train.jsonl"), train)
    write_jsonl_atomically(os.path.join(opts.out, "held_out.jsonl"), held_out)
    print("parse_man.py: read %d pages under %s; skipped: %s" % (
        read, where, ", ".join("%s %d" % (k, skipped[k]) for k in sorted(skipped)) or "none"),
        file=sys.stderr)
    print("parse_man.py: wrote %d training and %d held-out pairs to %s" % (
        len(train), len(held_out), opts.out), file=sys.stderr)


if __name__ == "__main__":
    main()
