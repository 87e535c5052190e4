#!/usr/bin/env bash
# Runs one libFuzzer target: first replays its saved findings (fuzz/regressions/TARGET/, every file
# must pass), then fuzzes for SECONDS from its seed corpus (fuzz/corpus/TARGET/).
#
#   run.sh --target NAME --binary PATH --work DIR --seconds N [--dict FILE] [--brief] [-- LIBFUZZER_ARGS...]
#
# --brief (ctest's fuzz_*_brief tests): the corpus is a scratch copy of the seeds in DIR/NAME/corpus,
# made afresh each run, so the repository is never modified. Without --brief (scripts/fuzz.sh) the
# corpus in DIR/NAME/corpus persists between runs and grows; the seeds are added to it each time.
# A crash is written to DIR/NAME/artifacts/; the message says how to keep it as a regression.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
target="" binary="" work="" seconds="" dict="" brief=0
extra=()
while (($#)); do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --dict) dict="$2"; shift 2 ;;
    --brief) brief=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -z $target || -z $binary || -z $work || -z $seconds ]]; then
  echo "usage: run.sh --target NAME --binary PATH --work DIR --seconds N [--dict FILE] [--brief] [-- ARGS]" >&2
  exit 2
fi
[[ -x $binary ]] || { echo "run.sh: $binary is not built (cmake --build --preset fuzz)" >&2; exit 2; }

seeds="$here/corpus/$target"
regressions="$here/regressions/$target"
dir="$work/$target"
corpus="$dir/corpus"
artifacts="$dir/artifacts"
if ((brief)); then rm -rf "$corpus" "$artifacts"; fi
mkdir -p "$corpus" "$artifacts"
if [[ -d $seeds ]]; then cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true; fi

: "${ASAN_OPTIONS:=detect_leaks=1}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS UBSAN_OPTIONS
if [[ -z ${ASAN_SYMBOLIZER_PATH:-} ]] && ! command -v llvm-symbolizer >/dev/null; then
  for s in /usr/lib/llvm-*/bin/llvm-symbolizer; do
    if [[ -x $s ]]; then export ASAN_SYMBOLIZER_PATH="$s"; break; fi
  done
fi

common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/")

found() {
  echo "run.sh: $target FAILED." >&2
  shopt -s nullglob
  local saved=("$artifacts"/*)
  if ((${#saved[@]})); then
    echo "run.sh: the input that failed is saved as:" >&2
    printf '  %s\n' "${saved[@]}" >&2
    echo "run.sh: keep it as a regression: cp FILE $regressions/ (do not fix it in the fuzzer)" >&2
  fi
  exit 1
}

# 1. Known findings: each file runs once, on its own, and must pass. All are run, so that the
# output lists every one that still fails.
shopt -s nullglob
replay=("$regressions"/*)
shopt -u nullglob
if ((${#replay[@]})); then
  echo "run.sh: $target: replaying ${#replay[@]} regression input(s) from $regressions"
  still=()
  for f in "${replay[@]}"; do
    if ! "$binary" "${common[@]}" "$f" >"$dir/replay.log" 2>&1; then
      still+=("$f")
      echo "--- $f still fails:" >&2
      grep -vE '^(INFO:|    #[0-9]+ 0x|NOTE:|      Combine)' "$dir/replay.log" | tail -n 40 >&2
    fi
  done
  if ((${#still[@]})); then
    echo "run.sh: $target FAILED: ${#still[@]} of ${#replay[@]} regression input(s) still fail:" >&2
    printf '  %s\n' "${still[@]}" >&2
    exit 1
  fi
fi

# 2. Fuzzing. libFuzzer writes new inputs to the first corpus folder only.
args=("${common[@]}" -max_total_time="$seconds" -print_final_stats=1)
[[ -n $dict ]] && args+=(-dict="$dict")
echo "run.sh: $target: fuzzing for ${seconds}s, corpus $corpus ($(find "$corpus" -type f | wc -l) inputs)"
log="$dir/fuzz.log"
set +e
"$binary" "${args[@]}" "${extra[@]}" "$corpus" >"$log" 2>&1
rc=$?
set -e
if ((rc != 0)); then
  grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "$log" | tail -n 100 >&2
  found
fi
# The summary: coverage after the seeds (INITED) and at the end (DONE), and libFuzzer's final stats.
grep -E '^#[0-9]+[[:space:]]+INITED' "$log" | tail -n 1 || true
grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
echo "run.sh: $target: passed; corpus now $(find "$corpus" -type f | wc -l) inputs; log $log"
