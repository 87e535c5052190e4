#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install what is missing, build the CI preset
# (release build, warnings are errors) and run every ctest test (labels: fast, slow, gui); then build
# the fuzz preset (clang, libFuzzer, ASan + UBSan) and run its brief fuzz tests (label fuzz, about
# 25 s per target; scripts/fuzz.sh fuzzes for longer).
# Extra arguments go to the main ctest run, e.g. scripts/test.sh -L fast
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# llama.cpp itself (prebuilt, from npm), for the export tests that prove a written GGUF loads and
# tokenizes in llama.cpp as it does in Smolify. It lives beside the repository in ../shared.
if [[ -x ../shared/tools/gguf-check/install.sh ]]; then
  # Its node-llama-cpp needs Node.js 20; Debian 12 ships 18, so scripts/node.sh brings 20 beside it.
  node_bin=$(scripts/node.sh)
  export PATH="$node_bin:$PATH"
  SMOLIFY_GGUF_CHECK=$(../shared/tools/gguf-check/install.sh)
  export SMOLIFY_GGUF_CHECK
else
  echo "test.sh: ../shared/tools/gguf-check is missing; the llama.cpp export checks will be skipped" >&2
fi
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci --parallel "$(nproc)" "$@"

cmake --preset fuzz
cmake --build --preset fuzz -j"$(nproc)"
ctest --preset fuzz --parallel "$(nproc)"
