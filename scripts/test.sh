#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install what is missing, build the CI preset
# (release build, warnings are errors) and run every ctest test (labels: fast, slow, gui); then build
# the fuzz preset (clang, libFuzzer, ASan + UBSan) and run its brief fuzz tests (label fuzz, about
# 25 s per target; scripts/fuzz.sh fuzzes for longer).
# Extra arguments go to the main ctest run, e.g. scripts/test.sh -L fast
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci --parallel "$(nproc)" "$@"

cmake --preset fuzz
cmake --build --preset fuzz -j"$(nproc)"
ctest --preset fuzz --parallel "$(nproc)"
