#!/usr/bin/env bash
# Inference benchmark, side by side: Smolify's `bench infer` and llama.cpp's llama-bench on the same
# GGUF files (F32, Q8_0, Q4_0 exports of a student of each preset), the same thread count and shapes
# (pp128: one batch of 128 prompt tokens from an empty cache; tg128: 128 tokens decoded one at a time),
# interleaved in one run: every round runs each file once with each engine, the engine that goes first
# alternating between rounds, so a change in the machine's load hits both sides. The students are
# trained for two steps only: speed does not depend on the weights.
#
# usage: bench/infer/run.sh [BUILD_DIR] [PRESETS] [THREADS] [ROUNDS] [REPS]
#        (defaults: build/infer "small base" 2 5 3; REPS: timed repetitions per engine per round)
# env:   LLAMA_BENCH (default: llama.cpp's build under ~/.cache/smolify, else ../shared/tools/llama-bench)
#        OUT (default: a temporary folder): where the GGUFs and results.jsonl are kept
# Prints the JSON lines as they come, then a table of medians over the rounds with the ratio
# Smolify / llama.cpp per type and phase (bench/infer/summarize.py).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/infer}
presets=${2:-small base}
threads=${3:-2}
rounds=${4:-5}
reps=${5:-3}
cli=$build/app/smolify-cli
if [ -n "${OUT:-}" ]; then
    work=$OUT
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
llama_bench=${LLAMA_BENCH:-}
for c in "$HOME/.cache/smolify/llama.cpp/src/build/bin/llama-bench" "$root/../shared/tools/llama-bench/llama-bench" \
    "$(command -v llama-bench || true)"; do
    [ -z "$llama_bench" ] && [ -n "$c" ] && [ -x "$c" ] && llama_bench=$c
done
[ -z "$llama_bench" ] && echo "llama-bench not found (../shared/tools/llama-bench/build.sh builds it); Smolify only" >&2
results=$work/results.jsonl
: > "$results"
emit() { tee -a "$results"; }
load() { echo "{\"event\":\"$1\",\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"time\":\"$(date -u +%FT%TZ)\"}" | emit; }

files=()
for preset in $presets; do
    p=$work/$preset.smolify
    if [ ! -e "$p" ]; then
        "$cli" init "$p" --intent "$(cat "$root/examples/ticket-triage/intent.txt")" > /dev/null
        "$cli" import "$p" "$root/examples/ticket-triage/samples.jsonl" --approve > /dev/null
        "$cli" train "$p" --preset "$preset" --max-steps 2 --batch 2 --threads "$threads" --json > /dev/null
    fi
    for q in f32 q8_0 q4_0; do
        f=$work/$preset-$q.gguf
        [ -e "$f" ] || "$cli" export "$p" --quant "$q" --out "$f" --json > /dev/null
        files+=("$preset:$q:$f")
    done
done

smolify() {
    "$cli" bench infer "$3" --threads "$threads" --prompt-tokens 128 --gen-tokens 128 --repetitions "$reps" --json |
        sed "s/^{/{\"engine\":\"smolify\",\"round\":$4,\"preset\":\"$1\",\"quant\":\"$2\",/" | emit
}
llama() {
    [ -z "$llama_bench" ] && return 0
    "$llama_bench" -m "$3" -t "$threads" -p 128 -n 128 -r "$reps" -o jsonl 2> /dev/null |
        sed "s/^{/{\"engine\":\"llama.cpp\",\"round\":$4,\"preset\":\"$1\",\"quant\":\"$2\",/" | emit
}

load start
for round in $(seq 1 "$rounds"); do
    for entry in "${files[@]}"; do
        IFS=: read -r preset q f <<< "$entry"
        if [ $((round % 2)) -eq 1 ]; then
            smolify "$preset" "$q" "$f" "$round"
            llama "$preset" "$q" "$f" "$round"
        else
            llama "$preset" "$q" "$f" "$round"
            smolify "$preset" "$q" "$f" "$round"
        fi
    done
    load "round $round"
done
/usr/bin/python3 "$root/bench/infer/summarize.py" "$results"
