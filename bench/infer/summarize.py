#!/usr/bin/env python3
"""Table of bench/infer/run.sh's results: per preset, type and phase, the median over rounds of each
engine's tokens/s (each round's figure is that engine's mean over its repetitions) and the ratio
Smolify / llama.cpp. usage: summarize.py results.jsonl"""
import json
import statistics
import sys
from collections import defaultdict


def main(path):
    runs = defaultdict(list)  # (preset, quant, phase, engine) -> [tok/s per round]
    loads = []
    params = {}
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        if "event" in r:
            loads.append(f"{r['event']}: {r['loadavg']}")
            continue
        key = (r["preset"], r["quant"])
        if r["engine"] == "smolify":
            params[key] = r.get("parameters")
            runs[key + ("pp128", "smolify")].append(r["prefill_tokens_per_s"])
            runs[key + ("tg128", "smolify")].append(r["decode_tokens_per_s"])
        else:
            phase = "pp128" if r.get("n_prompt", 0) > 0 else "tg128"
            runs[key + (phase, "llama.cpp")].append(r["avg_ts"])
    print("load average (1, 5, 15 min): " + "; ".join(loads))
    print()
    print("| preset | params | type | phase | Smolify tok/s (median) | llama.cpp tok/s (median) | ratio | rounds |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    keys = sorted({k[:3] for k in runs}, key=lambda k: (k[0] != "small", k[0], ["f32", "q8_0", "q4_0"].index(k[1]) if k[1] in ("f32", "q8_0", "q4_0") else 9, k[2]))
    for preset, quant, phase in keys:
        s = runs.get((preset, quant, phase, "smolify"), [])
        l = runs.get((preset, quant, phase, "llama.cpp"), [])
        ms = statistics.median(s) if s else None
        ml = statistics.median(l) if l else None
        ratio = f"{ms / ml:.2f}x" if ms and ml else "-"
        p = params.get((preset, quant))
        print(f"| {preset} | {p / 1e6:.2f}M | {quant} | {phase} | {ms:,.0f} | {ml:,.0f} | {ratio} | {len(s)}/{len(l)} |"
              if ms and ml else f"| {preset} | - | {quant} | {phase} | {ms} | {ml} | {ratio} | {len(s)}/{len(l)} |")


if __name__ == "__main__":
    main(sys.argv[1])
