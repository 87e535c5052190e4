#!/usr/bin/env bash
# One fixed-step training experiment on a copy of a project: train N steps with the given options
# (one thread, no early stopping, validation every 100 steps, no decoded validation), then evaluate
# the F32 student on the first EVAL_LIMIT test samples, and print one line of figures. Fixed steps
# make runs comparable whatever else the machine is doing; the times printed are not.
#
#   bench/quality/fixed_steps.sh PROJECT.smolify WORKDIR STEPS [train options...]
#   e.g. bench/quality/fixed_steps.sh /tmp/soap/soap-notes.smolify /tmp/x/lr6 600 --lr 6e-3
#
# Environment: CLI (default build/ci/app/smolify-cli), EVAL_LIMIT (default 60), PRESET (micro),
# VOCAB (2048, the auto preset's cap).
set -euo pipefail
if [[ $# -lt 3 ]]; then
    sed -n 2,12p "$0" >&2
    exit 2
fi
project=$1 work=$2 steps=$3
shift 3
cli=${CLI:-build/ci/app/smolify-cli}
rm -rf "$work"
mkdir -p "$work"
cp "$project" "$work/p.smolify"
start=$(date +%s)
"$cli" train "$work/p.smolify" --preset "${PRESET:-micro}" --vocab "${VOCAB:-2048}" --max-steps "$steps" \
    --patience 0 --val-decode 0 --eval-interval 100 --threads 1 "$@" --json > "$work/train.json" 2> "$work/train.err"
mid=$(date +%s)
"$cli" eval "$work/p.smolify" --quant f32 --limit "${EVAL_LIMIT:-60}" --no-constrained --threads 1 --json \
    > "$work/eval.json" 2> "$work/eval.err"
end=$(date +%s)
/usr/bin/python3 - "$work" "$((mid - start))" "$((end - mid))" "$*" <<'PY'
import json, sys
work, train_s, eval_s, args = sys.argv[1:5]
t = json.load(open(work + "/train.json"))
e = json.load(open(work + "/eval.json"))
q = e["quantization"][0]
print(f"{work} [{args}] steps={t['steps']} val_loss={t['val_loss']:.3f} test_score={q['score']:.3f} "
      f"fidelity={q['contract_share']:.3f} test_loss={q['loss']:.3f} n={e['evaluated']} "
      f"train_s={train_s} eval_s={eval_s}")
PY
