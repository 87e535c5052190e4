#!/usr/bin/env bash
# Serving memory: peak resident memory (VmHWM) of `smolify-cli serve` on a student of a preset, after a
# batch of requests (streamed and not, from several clients at once, each generating to the end of its
# max_tokens). The student is trained for two steps only: memory does not depend on the weights.
# Prints one JSON line per (quant, parallel) measured.
#
# usage: bench/infer/serve_rss.sh [BUILD_DIR] [PRESET] [QUANTS] [PARALLEL...]
#        (defaults: build/infer small q8_0 "1 2")
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/infer}
preset=${2:-small}
quants=${3:-q8_0}
parallels=${4:-1 2}
cli=$build/app/smolify-cli
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"' EXIT

p=$work/$preset.smolify
"$cli" init "$p" --intent "$(cat "$root/examples/ticket-triage/intent.txt")" > /dev/null
"$cli" import "$p" "$root/examples/ticket-triage/samples.jsonl" --approve > /dev/null
"$cli" train "$p" --preset "$preset" --max-steps 2 --batch 2 --threads 2 --json > /dev/null

for q in $quants; do
    f=$work/$preset-$q.gguf
    "$cli" export "$p" --quant "$q" --out "$f" --json > /dev/null
    for par in $parallels; do
        "$cli" serve "$f" --port 0 --parallel "$par" > "$work/out.txt" 2> "$work/err.txt" &
        pid=$!
        for _ in $(seq 100); do grep -q 'http://' "$work/out.txt" && break; sleep 0.1; done
        port=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out.txt")
        python3 - "$port" <<'PY'
import json, sys, threading, urllib.request
port = sys.argv[1]
inputs = ["Printer on floor 3 is jammed", "VPN down for everyone in the office since 9am",
          "Password reset please", "The CEO's laptop will not boot before the board meeting"]
def ask(i):
    body = {"messages": [{"role": "user", "content": inputs[i % len(inputs)] * (1 + i % 3)}],
            "max_tokens": 200, "temperature": 0.8, "seed": i, "stream": i % 2 == 1}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        r.read()
for rnd in range(3):
    ts = [threading.Thread(target=ask, args=(rnd * 8 + i,)) for i in range(8)]
    for t in ts: t.start()
    for t in ts: t.join()
PY
        hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
        requests=$(grep -c 'POST /v1/chat/completions 200' "$work/err.txt" || true)
        kill -TERM "$pid"
        wait "$pid"
        pid=
        echo "{\"preset\":\"$preset\",\"quant\":\"$q\",\"parallel\":$par,\"file_bytes\":$(stat -c %s "$f"),\"requests_ok\":$requests,\"vm_hwm_mib\":$(awk "BEGIN {print $hwm/1024}"),\"vm_rss_mib\":$(awk "BEGIN {print $rss/1024}")}"
    done
done
