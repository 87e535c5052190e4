#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install what is missing, build the CI preset
# (release build, warnings are errors) and run every ctest test (labels: fast, slow, gui).
# Extra arguments go to ctest, e.g. scripts/test.sh -L fast
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci --parallel "$(nproc)" "$@"
