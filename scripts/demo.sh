#!/usr/bin/env bash
# The main job, end to end on a fresh Debian 12 machine: install what is missing, build the release
# preset, then create a project from the bundled ticket-triage example, import its samples (JSONL,
# pending review) and its held-out set (CSV, approved, test split), and print what the project holds.
# The project is left in out/ticket-triage/ for the GUI: build/release/app/gui/smolify out/ticket-triage/ticket-triage.smolify
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target smolify-cli smolify

cli=build/release/app/smolify-cli
example=examples/ticket-triage
out=${SMOLIFY_DEMO_OUT:-out/ticket-triage}
project="$out/ticket-triage.smolify"

rm -rf "$out"
mkdir -p "$out"
"$cli" init "$project" --intent-file "$example/intent.txt"
"$cli" import "$project" "$example/samples.jsonl"
"$cli" import "$project" "$example/held_out.csv" --approve --split test
echo
"$cli" info "$project"
echo
"$cli" samples "$project" --limit 8
