#!/usr/bin/env bash
# Installs, with apt-get, whatever Smolify needs to build and test that this Debian 12 machine lacks.
# Idempotent: packages already present are skipped, and nothing is fetched when all are there.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev libqt6svg6
  qtkeychain-qt6-dev   # the OS keyring, where the app keeps teacher API keys
  libgl-dev libxkbcommon-dev
  libsentencepiece-dev libopenblas-dev libsqlite3-dev libcurl4-openssl-dev
  nlohmann-json3-dev libssl-dev libgtest-dev libgmock-dev libcpp-httplib-dev
  sqlite3 xvfb xauth
  appstream desktop-file-utils shared-mime-info   # validate packaging/ (packaging_metadata test)
  python3-torch python3-numpy   # the PyTorch reference the model tests compare against
  clang libclang-rt-14-dev   # libFuzzer and clang's sanitizer runtimes, for the fuzz preset
)

missing=()
# node and npm run llama.cpp itself (../shared/tools/gguf-check) in the export tests. Debian's
# nodejs and npm serve; a node that came with its own npm (e.g. from NodeSource) is used as it is.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
