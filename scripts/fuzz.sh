#!/usr/bin/env bash
# Longer fuzzing than the suite's brief runs: builds the fuzz preset (clang, libFuzzer, ASan + UBSan)
# and runs each target for SECONDS (default 300) in turn, on a corpus that persists and grows in
# build/fuzz/corpus/TARGET/ (seeded from fuzz/corpus/TARGET/). Saved findings
# (fuzz/regressions/TARGET/) are replayed first. A crash stops that target and is left in
# build/fuzz/corpus/TARGET/artifacts/; keep it as a regression as the message says, and report it.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 fuzz_import
# Exit status: 0 when every target ran clean, 1 when any found something.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=300
if [[ ${1:-} =~ ^[0-9]+$ ]]; then seconds="$1"; shift; fi
targets=("$@")
((${#targets[@]})) || targets=(fuzz_csv_reader fuzz_import fuzz_project_open fuzz_gguf_reader fuzz_safetensors_reader
                                 fuzz_checkpoint_reader)

scripts/install-deps.sh
cmake --preset fuzz
cmake --build --preset fuzz -j"$(nproc)"

dict_for() {
  case "$1" in
    fuzz_csv_reader) echo fuzz/csv.dict ;;
    fuzz_import) echo build/fuzz/fuzz/import.dict ;;
    fuzz_project_open) echo fuzz/sqlite.dict ;;
    fuzz_gguf_reader) echo fuzz/gguf.dict ;;
    fuzz_safetensors_reader) echo fuzz/safetensors.dict ;;
    fuzz_checkpoint_reader) echo fuzz/checkpoint.dict ;;
    *) echo "" ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  echo "== $t: ${seconds}s"
  if ! fuzz/run.sh --target "$t" --binary "build/fuzz/fuzz/$t" --work build/fuzz/corpus \
       --seconds "$seconds" --dict "$(dict_for "$t")"; then
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz.sh: findings in: ${failed[*]} (see above)" >&2
  exit 1
fi
echo "fuzz.sh: all ${#targets[@]} target(s) ran ${seconds}s clean"
