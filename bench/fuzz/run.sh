#!/usr/bin/env bash
# The long fuzzing runs, from bench/ where the other long measurements live: every reader of outside
# bytes (CSV, import, project open, GGUF, safetensors, checkpoint) fuzzed for SECONDS each (default
# 600) under ASan + UBSan, on corpora kept in build/fuzz/corpus/. The suite runs the same targets for
# ~25 s each; this is the longer run the issue asks for. Findings: see scripts/fuzz.sh.
#
#   bench/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=600
if [[ ${1:-} =~ ^[0-9]+$ ]]; then seconds="$1"; shift; fi
exec scripts/fuzz.sh "$seconds" "$@"
