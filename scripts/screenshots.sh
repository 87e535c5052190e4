#!/usr/bin/env bash
# Writes docs/screenshots/PAGE.png for every page of the workbench, from a project you give (the
# README's are of the soap-notes example after `smolify-cli run examples/soap-notes --out DIR`).
# Works on a copy of the project, so the original is not changed (the Export page measures its types).
#
#   scripts/screenshots.sh DIR/soap-notes.smolify [BUILD_DIR]   # BUILD_DIR default build/ci
set -euo pipefail
if [[ $# -lt 1 ]]; then
    sed -n 2,6p "$0" >&2
    exit 2
fi
project=$(realpath "$1")
build=${2:-build/ci}
gui="$build/app/gui/smolify"
[[ -x "$gui" ]] || { echo "screenshots: $gui is not built" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name=$(basename "$project" .smolify)
cp "$project" "$work/"
[[ -d "${project%.smolify}.artifacts" ]] && cp -r "${project%.smolify}.artifacts" "$work/"
mkdir -p docs/screenshots
for page in intent data train evaluate export playground settings; do
    LANG=en_US.UTF-8 QT_QPA_PLATFORM=offscreen "$gui" --page "$page" \
        --screenshot "docs/screenshots/$page.png" "$work/$name.smolify"
    echo "docs/screenshots/$page.png"
done
