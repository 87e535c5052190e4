#!/usr/bin/env python3
"""Training throughput, side by side: `smolify-cli bench train` against ../shared/bench/torch_reference.py
on the same shapes, thread count and machine, run alternately (smolify, torch, smolify, torch, ...) so that
load from anything else on the machine hits both sides alike. Prints one table (median of the rounds, with
the spread) and, with --json-out, every raw JSON line.

usage: bench/train/run.py [--cli build/model/app/smolify-cli] [--threads 2] [--seconds 15] [--rounds 2]
                          [--configs issue,small,base] [--json-out FILE]
Run from the repository root with /usr/bin/python3 (the interpreter that has torch for the reference).
"""
import argparse, json, os, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = argparse.ArgumentParser()
p.add_argument("--cli", default=os.path.join(ROOT, "build/model/app/smolify-cli"))
p.add_argument("--torch-ref", default=os.path.join(ROOT, "../shared/bench/torch_reference.py"))
p.add_argument("--python", default="/usr/bin/python3")
p.add_argument("--threads", type=int, default=2)
p.add_argument("--seconds", type=float, default=15.0)
p.add_argument("--rounds", type=int, default=2)
p.add_argument("--batch", type=int, default=16)
p.add_argument("--seq", type=int, default=256)
p.add_argument("--configs", default="issue,small,base")
p.add_argument("--json-out")
a = p.parse_args()

# issue 3's shape: vocab 4096, width 256, 4 layers, 8 heads, 8 KV heads, FFN 704, tied.
SHAPES = {"issue": ["--vocab", "4096", "--dim", "256", "--layers", "4", "--heads", "8", "--kv-heads", "8",
                    "--ffn", "704"],
          "small": ["--preset", "small", "--vocab", "4096"],
          "base": ["--preset", "base", "--vocab", "4096"]}
common = ["--batch", str(a.batch), "--seq", str(a.seq), "--threads", str(a.threads), "--seconds", str(a.seconds)]


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return json.loads(out[-1])


def load():
    return os.getloadavg()[0]


raw, rows = [], []
for name in a.configs.split(","):
    ours, ref, loads = [], [], []
    for r in range(a.rounds):
        loads.append(load())
        s = run([a.cli, "bench", "train", *SHAPES[name], *common, "--json"])
        c = s["config"]
        ours.append(s)
        loads.append(load())
        t = run([a.python, a.torch_ref, "--vocab", str(c["vocab"]), "--dim", str(c["dim"]), "--layers",
                 str(c["layers"]), "--heads", str(c["heads"]), "--kv-heads", str(c["kv_heads"]), "--ffn",
                 str(c["ffn"]), "--seq", str(a.seq), "--batch", str(a.batch), "--threads", str(a.threads),
                 "--seconds", str(a.seconds)] + ([] if c["tied"] else ["--untied"]))
        ref.append(t)
        raw += [dict(s, config_name=name, round=r), dict(t, config_name=name, round=r)]
        print(f"{name} round {r + 1}: smolify {s['tokens_per_s']:.0f} tok/s, pytorch {t['tokens_per_s']:.0f} tok/s",
              file=sys.stderr)
    med = lambda xs: statistics.median(xs)
    st, tt = [x["tokens_per_s"] for x in ours], [x["tokens_per_s"] for x in ref]
    rows.append({"config": name, "params_m": ours[0]["params"] / 1e6, "smolify_tps": med(st),
                 "smolify_spread": (min(st), max(st)), "torch_tps": med(tt), "torch_spread": (min(tt), max(tt)),
                 "speedup": med(st) / med(tt), "gflops": med([x["gflops"] for x in ours]),
                 "peak": med([x["sgemm_peak_gflops"] for x in ours]),
                 "ratio_peak": med([x["ratio_to_peak"] for x in ours]),
                 "rss": max(x["peak_rss_mib"] for x in ours), "torch_rss": max(x["peak_rss_mib"] for x in ref),
                 "torch_gflops": med([x["gflops"] for x in ref]), "load": (min(loads), max(loads))})

print(f"threads {a.threads}, batch {a.batch} x seq {a.seq}, {a.seconds:g} s per run, {a.rounds} rounds alternating;"
      " medians (min-max)")
print("| config | params | smolify tok/s | PyTorch tok/s | speedup | smolify GFLOP/s | sgemm peak | of peak "
      "| smolify RSS MiB | PyTorch RSS MiB | load 1-min |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['config']} | {r['params_m']:.2f}M | {r['smolify_tps']:.0f} ({r['smolify_spread'][0]:.0f}-"
          f"{r['smolify_spread'][1]:.0f}) | {r['torch_tps']:.0f} ({r['torch_spread'][0]:.0f}-{r['torch_spread'][1]:.0f})"
          f" | {r['speedup']:.2f}x | {r['gflops']:.1f} | {r['peak']:.1f} | {100 * r['ratio_peak']:.0f}% | "
          f"{r['rss']:.0f} | {r['torch_rss']:.0f} | {r['load'][0]:.1f}-{r['load'][1]:.1f} |")
if a.json_out:
    with open(a.json_out, "w") as f:
        for x in raw:
            f.write(json.dumps(x) + "\n")
