#!/usr/bin/env bash
# The main job, end to end on a fresh Debian 12 machine: install what is missing, build the release
# preset, then `smolify-cli run examples/soap-notes`: the flagship example's task spec, its recorded
# teacher session replayed (no key, no network), its recorded review applied, a student trained for the
# time given, evaluated on the example's held-out split against the baselines, exported as Q8_0 GGUF
# with a model card and an Ollama Modelfile, and one answer written. A second run of the same command
# repeats no finished stage; Ctrl+C and the same command continue where it stopped (docs/run.md).
#
# SMOLIFY_DEMO_MINUTES (default 10) is the training budget, SMOLIFY_DEMO_EVAL (default 0: all 300) how
# many held-out dictations are scored, SMOLIFY_DEMO_OUT (default out/) where the project and the model go.
# Open the project in the workbench afterwards: build/release/app/gui/smolify out/soap-notes.smolify
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target smolify-cli smolify

cli=build/release/app/smolify-cli
"$cli" run examples/soap-notes --out "${SMOLIFY_DEMO_OUT:-out}" \
    --max-train-minutes "${SMOLIFY_DEMO_MINUTES:-10}" --eval-limit "${SMOLIFY_DEMO_EVAL:-0}"
