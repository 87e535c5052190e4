#!/usr/bin/python3
"""Markdown tables from a bench/quality/run.sh output folder.

    /usr/bin/python3 bench/quality/summarize.py [OUT]      (default build/quality)

One table per task, one row per time budget: the training run (steps, parameters, the model the
default preset chose, samples dropped/truncated for the context), the student's metric unconstrained
and with constrained decoding, each baseline's same metric, the best baseline, the margin
(student - best baseline) and whether the target is met:

  classification  metric accuracy (macro-F1 beside it); target: student >= best baseline accuracy
  free/sectioned  metric ROUGE-L;                       target: student >= best baseline + 0.05

Reads what the CLI writes (`eval --json`, core/eval/report.cpp report_json; `train --json`,
app/cli/commands_train.cpp): systems [{"name", "role": student|teacher|baseline, "score",
"rouge_l"?, "classification"?: {"accuracy", "macro_f1"}}], constrained_decoding {"compared",
"student": {a systems entry}}. Any number of baselines (role "baseline") is handled, whatever their
names. Standard library only.
"""

import json
import os
import re
import sys

GEN_MARGIN = 0.05  # free text: the student must beat the best baseline by this much ROUGE-L


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def minutes_of(dirname):
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)min", dirname)
    return float(m.group(1)) if m else None


def fmt(x, digits=3):
    if x is None:
        return "–"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return ("%+.*f" if digits < 0 else "%.*f") % (abs(digits), x)
    return str(x)


def params_text(n):
    if not isinstance(n, (int, float)) or n <= 0:
        return "–"
    return "%.2fM" % (n / 1e6) if n >= 1e5 else "%dk" % round(n / 1e3)


def metrics(system, classification):
    """(main metric, second metric or None) of one systems entry."""
    if system is None:
        return None, None
    if classification:
        c = system.get("classification") or {}
        acc = c.get("accuracy", system.get("score"))
        return acc, c.get("macro_f1")
    return system.get("rouge_l", system.get("score")), None


def pair(main, second):
    if main is None:
        return "–"
    return fmt(main) if second is None else "%s / %s" % (fmt(main), fmt(second))


def target_met(student, best, classification):
    if student is None or best is None:
        return None
    return student >= best if classification else student >= best + GEN_MARGIN


def summarize_task(task, task_dir):
    cells = []
    for d in os.listdir(task_dir):
        m = minutes_of(d)
        if m is not None and os.path.isdir(os.path.join(task_dir, d)):
            cells.append((m, os.path.join(task_dir, d)))
    cells.sort()
    if not cells:
        return None
    rows, baselines, kind = [], [], None
    for m, cell in cells:
        ev = load(os.path.join(cell, "eval.json"))
        tr = load(os.path.join(cell, "train.json")) or {}
        row = {"minutes": m, "train": tr, "eval": ev}
        if ev:
            kind = kind or (ev.get("task") or {}).get("kind")
            for s in ev.get("systems", []):
                if s.get("role") == "baseline" and s.get("name") not in baselines:
                    baselines.append(s.get("name"))
        rows.append(row)
    classification = kind == "classification"
    metric = "accuracy / macro-F1" if classification else "ROUGE-L"

    lines = ["## %s (%s; %s)" % (task, kind or "no evaluation", metric), ""]
    head = ["min", "steps", "model", "params", "dropped", "truncated", "test n", "student",
            "student (constrained)"] + baselines + ["best baseline", "margin", "margin (constrained)",
                                                    "target met"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join("---" if i < 3 else "---:" for i in range(len(head))) + "|")
    for row in rows:
        tr, ev = row["train"], row["eval"]
        plan = tr.get("plan") if isinstance(tr.get("plan"), dict) else {}
        model = plan.get("model") or plan.get("preset") or tr.get("preset") or "–"
        dropped = tr.get("dropped", plan.get("dropped"))
        truncated = tr.get("truncated", plan.get("truncated"))
        cells = ["%g" % row["minutes"], fmt(tr.get("steps")), str(model),
                 params_text(tr.get("parameters")), fmt(dropped), fmt(truncated)]
        if not ev:
            cells += ["–", "(no eval.json)", "–"] + ["–"] * len(baselines) + ["–", "–", "–", "–"]
            lines.append("| " + " | ".join(cells) + " |")
            continue
        systems = ev.get("systems", [])
        student = next((s for s in systems if s.get("role") == "student" and s.get("quant") == "f32"),
                       next((s for s in systems if s.get("role") == "student"), None))
        cd = ev.get("constrained_decoding") or {}
        cstudent = cd.get("student") if cd.get("compared") else None
        s_main, s_second = metrics(student, classification)
        c_main, c_second = metrics(cstudent, classification)
        cells += [fmt(ev.get("evaluated")), pair(s_main, s_second), pair(c_main, c_second)]
        best_name, best_main = None, None
        by_name = {s.get("name"): s for s in systems if s.get("role") == "baseline"}
        for name in baselines:
            b_main, b_second = metrics(by_name.get(name), classification)
            cells.append(pair(b_main, b_second))
            if b_main is not None and (best_main is None or b_main > best_main):
                best_name, best_main = name, b_main
        cells.append("%s (%s)" % (best_name, fmt(best_main)) if best_name else "–")
        # Classification: the macro-F1 margin beside the accuracy one, against the best baseline
        # macro-F1 (which may be another baseline's).
        seconds = [metrics(by_name.get(n), classification)[1] for n in baselines]
        seconds = [x for x in seconds if x is not None]
        best_f1 = max(seconds) if seconds else None

        def margin(main, second):
            if main is None or best_main is None:
                return "–"
            text = fmt(main - best_main, -3)
            if second is not None and best_f1 is not None:
                text += " / " + fmt(second - best_f1, -3)
            return text

        cells += [margin(s_main, s_second), margin(c_main, c_second)]
        met = target_met(s_main, best_main, classification)
        cmet = target_met(c_main, best_main, classification)
        cells.append(fmt(met) + ("" if cmet is None else " (constrained: %s)" % fmt(cmet)))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if classification:
        lines.append("Cells are accuracy / macro-F1; margin = student - best baseline (accuracy / "
                     "macro-F1, each against the best baseline by that measure). Target: student "
                     "accuracy >= the best baseline's.")
    else:
        lines.append("Target: student ROUGE-L >= the best baseline's + %.2f; margin = student - best "
                     "baseline ROUGE-L." % GEN_MARGIN)
    lines.append("")
    return "\n".join(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "build", "quality")
    if len(sys.argv) > 2 or out in ("-h", "--help"):
        print(__doc__)
        return 0 if out in ("-h", "--help") else 1
    if not os.path.isdir(out):
        print("summarize.py: no folder %s (run bench/quality/run.sh first)" % out, file=sys.stderr)
        return 1
    machine = load(os.path.join(out, "machine.json"))
    print("# Smolify quality benchmark\n")
    if machine:
        flags = [f for f in ("avx2", "avx512f", "fma") if machine.get(f)]
        print("%s, %s cores (%s); %s; git %s\n" % (
            machine.get("cpu_model") or "unknown CPU", machine.get("nproc"), " ".join(flags) or "no avx2",
            machine.get("date"), machine.get("git_describe") or machine.get("git_rev")))
    found = False
    for task in sorted(os.listdir(out)):
        task_dir = os.path.join(out, task)
        if not os.path.isdir(task_dir):
            continue
        table = summarize_task(task, task_dir)
        if table:
            print(table)
            found = True
    if not found:
        print("summarize.py: no results under %s" % out, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
