#!/usr/bin/env python3
"""Fails when a translation in translations/ is not finished or not current.

For each translations/smolify_LANG.ts it runs lupdate over the workbench's sources into a copy in a
temporary folder (the committed file is never touched) and reports:

  missing      a source string in a tr() call that the .ts lacks (lupdate added it to the copy)
  obsolete     an entry whose source string is no longer in the code (lupdate dropped it)
  unfinished   an entry marked type="unfinished", "obsolete" or "vanished", or with an empty text
  numerus      a plural entry without the language's number of plural forms
  mismatch     a translation that loses or adds a placeholder (%1, %n, %L1), an HTML tag, the
               keyboard accelerator (&), a line break or the leading/trailing space of its source
  lupdate      a warning of lupdate's about a tr() call it could not read (that string is lost)
  unregistered a .ts file that app/gui/CMakeLists.txt does not list, so lrelease never builds it

Usage:
  check_ts.py [--lupdate PATH] [--root DIR] [--ts FILE]... [--cmake-lists FILE] [SOURCE ...]

Without SOURCEs it scans what the build's lupdate scans: app/gui/main.cpp and the .cpp/.h files below
ui/ (ctest passes smolify_ui's own source list). Exit status 0 when every file is clean, 1 otherwise.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%L?(?:n|[1-9][0-9]?)")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*?/?>")
# A mnemonic: '&' followed by a character that is neither '&', a space nor the start of an entity.
ACCEL = re.compile(r"&(?![&\s]|[a-zA-Z]+;|#[0-9]+;)")


def find_lupdate(explicit):
    for candidate in (explicit, os.environ.get("LUPDATE"), shutil.which("lupdate"),
                      "/usr/lib/qt6/bin/lupdate", shutil.which("lupdate-qt6")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("check_ts: lupdate not found (Debian: qt6-l10n-tools); pass --lupdate or set LUPDATE")


def default_sources(root):
    sources = [os.path.join(root, "app", "gui", "main.cpp")]
    for folder, _, files in os.walk(os.path.join(root, "ui")):
        sources += [os.path.join(folder, f) for f in sorted(files) if f.endswith((".cpp", ".h"))]
    return sorted(sources)


def read_ts(path):
    """(language, {key: message}) where key is (context, source, comment) and a message is a dict."""
    root = ET.parse(path).getroot()
    messages = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            source = m.findtext("source") or ""
            key = (name, source, m.findtext("comment"))
            t = m.find("translation")
            forms = [f.text or "" for f in t.findall("numerusform")] if t is not None else []
            messages[key] = {
                "numerus": m.get("numerus") == "yes",
                "type": t.get("type") if t is not None else "unfinished",
                "text": (t.text or "") if t is not None else "",
                "forms": forms,
            }
    return root.get("language") or "", messages


def describe(key):
    context, source, comment = key
    short = source if len(source) <= 70 else source[:67] + "..."
    extra = f" (comment: {comment})" if comment else ""
    return f"[{context}] {short!r}{extra}"


def run_lupdate(lupdate, include, sources, ts, language=None):
    cmd = [lupdate, "-no-obsolete", "-locations", "none", "-I", include]
    if language:
        cmd += ["-target-language", language]
    cmd += sources + ["-ts", ts]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"check_ts: lupdate failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    # lupdate prints its warnings as "file:line: message"; the progress lines have no such prefix.
    return [line for line in (r.stdout + r.stderr).splitlines()
            if re.match(r"^\S+:\d+:", line)]


def mismatches(source, texts, numerus):
    """Differences between a source string and its translation(s) that break it at run time."""
    problems = []
    want = sorted(set(PLACEHOLDER.findall(source)))
    for i, text in enumerate(texts):
        have = set(PLACEHOLDER.findall(text))
        # A plural's first form (the singular, in most languages) may say "one" instead of %n.
        lost = [p for p in want if p not in have and not (numerus and i == 0 and p.endswith("n"))]
        added = sorted(have - set(want))
        if lost:
            problems.append(f"form {i}: lost {', '.join(lost)}" if numerus else f"lost {', '.join(lost)}")
        if added:
            problems.append(f"adds {', '.join(added)}")
        if sorted(t.lower() for t in TAG.findall(source)) != sorted(t.lower() for t in TAG.findall(text)):
            problems.append("HTML tags differ")
        if bool(ACCEL.search(source)) != bool(ACCEL.search(text)):
            problems.append("keyboard accelerator (&) lost" if ACCEL.search(source) else "adds an accelerator (&)")
        if source.count("\n") != text.count("\n"):
            problems.append("line breaks differ")
        if source[:1].isspace() != text[:1].isspace() or source[-1:].isspace() != text[-1:].isspace():
            problems.append("leading/trailing space differs")
    return sorted(set(problems))


def check(ts, lupdate, include, sources, cmake_lists, tmp):
    name = os.path.basename(ts)
    problems = []
    language, committed = read_ts(ts)
    m = re.match(r"^.*_([a-z]{2,3}(?:_[A-Z]{2})?)\.ts$", name)
    if not m:
        problems.append(f"file name: {name} is not NAME_LANG.ts")
    elif not language.startswith(m.group(1)):
        problems.append(f"language: the file says {language!r}, its name says {m.group(1)!r}")

    copy = os.path.join(tmp, name)
    shutil.copyfile(ts, copy)
    for warning in run_lupdate(lupdate, include, sources, copy):
        problems.append(f"lupdate: {warning}")
    _, updated = read_ts(copy)

    # The number of plural forms lupdate gives this language, from a fresh file.
    fresh = os.path.join(tmp, "fresh_" + name)
    run_lupdate(lupdate, include, sources, fresh, language or None)
    _, blank = read_ts(fresh)
    plural_forms = next((len(v["forms"]) for v in blank.values() if v["numerus"]), None)

    for key in sorted(set(updated) - set(committed)):
        problems.append(f"missing: {describe(key)} is in the sources but not in {name}")
    for key in sorted(set(committed) - set(updated)):
        problems.append(f"obsolete: {describe(key)} is no longer in the sources")
    for key, msg in sorted(committed.items()):
        if msg["type"] in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{msg['type']}: {describe(key)}")
            continue
        if key in updated and updated[key]["numerus"] != msg["numerus"]:
            problems.append(f"numerus: {describe(key)} changed between singular and plural in the code")
            continue
        if msg["numerus"]:
            texts = msg["forms"]
            if plural_forms is not None and len(texts) != plural_forms:
                problems.append(f"numerus: {describe(key)} has {len(texts)} forms, {language} needs {plural_forms}")
            if not texts or any(not t.strip() for t in texts):
                problems.append(f"unfinished: {describe(key)} has an empty plural form")
                continue
        else:
            texts = [msg["text"]]
            if not msg["text"].strip() and key[1].strip():
                problems.append(f"unfinished: {describe(key)} has an empty translation")
                continue
        for p in mismatches(key[1], texts, msg["numerus"]):
            problems.append(f"mismatch: {describe(key)}: {p}")

    if cmake_lists:
        with open(cmake_lists, encoding="utf-8") as f:
            calls = re.findall(r"qt_add_translations\s*\(([^)]*)\)", f.read())
            if not any(re.search(r"[/\s]" + re.escape(name) + r"\b", c) for c in calls):
                problems.append(f"unregistered: {name} is not in {cmake_lists}'s qt_add_translations")

    total = len(committed)
    if problems:
        print(f"FAIL {name} ({language}): {total} entries, {len(problems)} problem(s)")
        for p in problems:
            print(f"  {p}")
    else:
        print(f"ok   {name} ({language}): {total} entries, all translated and current")
    return not problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lupdate")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(here)),
                    help="the source tree (default: two folders above this script)")
    ap.add_argument("--ts", action="append", help="a .ts file, repeatable (default: ROOT/translations/*.ts)")
    ap.add_argument("--cmake-lists", help="the CMakeLists.txt whose qt_add_translations must list each .ts "
                                          "(default: ROOT/app/gui/CMakeLists.txt)")
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()

    root = os.path.abspath(args.root)
    lupdate = find_lupdate(args.lupdate)
    ts_files = args.ts or sorted(glob.glob(os.path.join(root, "translations", "*.ts")))
    if not ts_files:
        sys.exit(f"check_ts: no .ts files in {root}/translations")
    sources = args.sources or default_sources(root)
    cmake_lists = args.cmake_lists or os.path.join(root, "app", "gui", "CMakeLists.txt")
    include = os.path.join(root, "ui")

    ok = True
    with tempfile.TemporaryDirectory(prefix="check_ts.") as tmp:
        for ts in ts_files:
            ok = check(os.path.abspath(ts), lupdate, include, sources, cmake_lists, tmp) and ok
    if not ok:
        print("\nTo fix: run lupdate (docs/translations.md), translate what it marks unfinished, and "
              "register new .ts files in app/gui/CMakeLists.txt.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
