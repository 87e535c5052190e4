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
import inspect
import json
import os
import re
import sys

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


# The man(7)/mdoc(7) reader and the text helpers are the man-pages example's parser
# (examples/man-pages/parse_man.py), shared so that the benchmark and the example read pages alike.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "man-pages"))
from parse_man import cut_words, family_of, normalise_ws, read_man, sha1, valid_utf8, word_count  # noqa: E402


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
