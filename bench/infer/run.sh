#!/usr/bin/env bash
# Inference benchmark: Smolify's `bench-infer` (`bench infer`) on F32, Q8_0 and Q4_0 exports of a
# student of each preset, and llama.cpp's llama-bench on the same files and thread count when it has
# been built (../shared/tools/llama-bench/build.sh). The student is trained for two steps only: speed
# does not depend on the weights. Prints one JSON line per measurement.
#
# usage: bench/infer/run.sh [BUILD_DIR] [PRESETS] [THREADS]    (defaults: build/infer "small base" 2)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/infer}
presets=${2:-small base}
threads=${3:-2}
cli=$build/app/smolify-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
llama_bench=$(command -v llama-bench || true)
[ -z "$llama_bench" ] && [ -x "$root/../shared/tools/llama-bench/llama-bench" ] && llama_bench=$root/../shared/tools/llama-bench/llama-bench

for preset in $presets; do
    p=$work/$preset.smolify
    "$cli" init "$p" --intent "$(cat "$root/examples/ticket-triage/intent.txt")" > /dev/null
    "$cli" import "$p" "$root/examples/ticket-triage/samples.jsonl" --approve > /dev/null
    "$cli" train "$p" --preset "$preset" --max-steps 2 --batch 2 --threads "$threads" --json > /dev/null
    for q in f32 q8_0 q4_0; do
        f=$work/$preset-$q.gguf
        "$cli" export "$p" --quant "$q" --out "$f" --json > /dev/null
        "$cli" bench-infer "$f" --threads "$threads" --prompt-tokens 128 --gen-tokens 128 --json |
            sed "s/^{/{\"engine\":\"smolify\",\"preset\":\"$preset\",/"
        if [ -n "$llama_bench" ]; then
            "$llama_bench" -m "$f" -t "$threads" -p 128 -n 128 -o jsonl |
                sed "s/^{/{\"engine\":\"llama.cpp\",\"preset\":\"$preset\",\"quant\":\"$q\",/"
        fi
    done
done
