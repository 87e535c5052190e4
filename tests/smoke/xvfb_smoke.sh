#!/usr/bin/env bash
# Smoke test of the real desktop binary on a real X server (Xvfb through xvfb-run), not the offscreen
# platform the ui tests use: it creates a project with the CLI, opens it in `smolify` on every page,
# saves a screenshot of each and must quit cleanly (exit status 0, a PNG written, nothing on stderr
# that says a plugin, a font or the display failed). Exit 77 (skipped) without xvfb-run.
#
#   tests/smoke/xvfb_smoke.sh GUI CLI
set -uo pipefail
gui=${1:?usage: xvfb_smoke.sh GUI CLI}
cli=${2:?usage: xvfb_smoke.sh GUI CLI}
command -v xvfb-run > /dev/null || { echo "xvfb_smoke: xvfb-run is not installed; skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" LANG=C.UTF-8
mkdir -p "$HOME"
"$cli" init "$work/smoke.smolify" --intent "Sort support tickets by urgency" > /dev/null ||
    { echo "xvfb_smoke: smolify-cli init failed"; exit 1; }
printf '%s\n' '{"input":"the printer is on fire","output":"urgent"}' \
    '{"input":"please change my wallpaper","output":"low"}' > "$work/s.jsonl"
"$cli" import "$work/smoke.smolify" "$work/s.jsonl" > /dev/null || { echo "xvfb_smoke: import failed"; exit 1; }
failed=0
for page in intent data train evaluate export playground settings; do
    unset QT_QPA_PLATFORM
    start=$(date +%s)
    timeout 120 xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \
        "$gui" --page "$page" --screenshot "$work/$page.png" "$work/smoke.smolify" \
        > "$work/$page.out" 2> "$work/$page.err"
    rc=$?
    took=$(( $(date +%s) - start ))
    if [[ $rc -ne 0 ]]; then
        echo "FAIL $page: exit status $rc"; cat "$work/$page.err"; failed=1; continue
    fi
    if [[ ! -s "$work/$page.png" ]] || [[ "$(head -c 4 "$work/$page.png" | od -An -c | tr -d ' ')" != '211PNG' ]]; then
        echo "FAIL $page: no PNG written"; failed=1; continue
    fi
    if grep -Eiq 'could not (load|connect)|cannot open display|qt.qpa.plugin|segmentation|abort' "$work/$page.err"; then
        echo "FAIL $page: the binary complained:"; cat "$work/$page.err"; failed=1; continue
    fi
    echo "ok   $page: quit cleanly in ${took} s, $(stat -c %s "$work/$page.png") bytes of PNG"
done
exit $failed
