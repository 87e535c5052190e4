#!/usr/bin/env bash
# Quality benchmark: for each task (bench/quality/make_tasks.py, real text from this machine that
# nobody in the project wrote) and each time budget, a fresh project trained with the CLI's default
# settings (no --preset: the default sizes the model for the budget) and evaluated against the
# baselines on the task's held-out test set. Every JSON the CLI prints is kept under --out;
# bench/quality/summarize.py turns them into tables.
#
#   bench/quality/run.sh [--minutes "5 10 15"] [--tasks "man-section py-docstring man-name"]
#                        [--out build/quality] [--cli build/ci/app/cli/smolify-cli] [--data DIR]
#
# Layout of --out:
#   machine.json                      CPU model and flags, cores, date, git revision, CLI checksum
#   <task>/<M>min/P.smolify           the project (and P.artifacts/)
#   <task>/<M>min/{init,import-train,import-test,train,eval,info}.json, spec.json (spec --show),
#   <task>/<M>min/*.log               each stage's stderr; stages.tsv: stage, exit code, seconds
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

minutes="5 10 15"
tasks="man-section py-docstring man-name"
out="$root/build/quality"
cli=""
data="$here/data"

usage() { sed -n '8,9p' "$0" | sed 's/^#  *//'; exit "${1:-1}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="${2:?--minutes needs a list}"; shift 2 ;;
        --tasks) tasks="${2:?--tasks needs a list}"; shift 2 ;;
        --out) out="${2:?--out needs a folder}"; shift 2 ;;
        --cli) cli="${2:?--cli needs a path}"; shift 2 ;;
        --data) data="${2:?--data needs a folder}"; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
    esac
done

die() { echo "run.sh: $*" >&2; exit 1; }

if [ -z "$cli" ]; then
    cli="$root/build/ci/app/cli/smolify-cli"
    # The CI preset links the CLI at build/ci/app/smolify-cli; take that when the other is absent.
    [ -x "$cli" ] || [ ! -x "$root/build/ci/app/smolify-cli" ] || cli="$root/build/ci/app/smolify-cli"
fi
[ -x "$cli" ] || die "no smolify-cli at $cli (build it, or pass --cli PATH)"
cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"

for t in $tasks; do
    case "$t" in man-section|py-docstring|man-name) ;; *) die "unknown task '$t'" ;; esac
done
for m in $minutes; do
    [[ "$m" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--minutes: '$m' is not a number of minutes"
done

mkdir -p "$out"
out="$(cd "$out" && pwd)"

# --- the data: made from this machine's files when missing -------------------------------------
for t in $tasks; do
    if [ ! -s "$data/$t/train.jsonl" ] || [ ! -s "$data/$t/test.jsonl" ] || [ ! -s "$data/$t/spec.json" ]; then
        echo "== making the $t task in $data"
        /usr/bin/python3 "$here/make_tasks.py" --out "$data" --tasks "$t" ||
            die "make_tasks.py failed for $t"
    fi
done

# --- the machine -----------------------------------------------------------------------------------
# shellcheck disable=SC2086  # $tasks: one argument per task
/usr/bin/python3 - "$out/machine.json" "$cli" "$root" "$data" $tasks <<'EOF'
import datetime, hashlib, json, os, re, subprocess, sys
path, cli, root, data, tasks = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""
lscpu = run("lscpu")
model = re.search(r"^Model name:\s*(.*)$", lscpu, re.M)
flags = re.search(r"^Flags:\s*(.*)$", lscpu, re.M)
flags = set(flags.group(1).split()) if flags else set()
def sha256(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
info = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "cpu_model": model.group(1).strip() if model else "",
    "avx2": "avx2" in flags, "avx512f": "avx512f" in flags, "fma": "fma" in flags,
    "nproc": int(run("nproc") or 0),
    "git_rev": run("git", "-C", root, "rev-parse", "HEAD"),
    "git_describe": run("git", "-C", root, "describe", "--always", "--dirty"),
    "cli": cli, "cli_sha256": sha256(cli),
    "data": {t: {f: sha256(os.path.join(data, t, f)) for f in ("train.jsonl", "test.jsonl", "spec.json")}
             for t in tasks},
}
with open(path, "w") as f:
    json.dump(info, f, indent=2)
    f.write("\n")
print("== machine: %s (avx2 %s, avx512f %s, fma %s), %d cores, %s" % (
    info["cpu_model"], info["avx2"], info["avx512f"], info["fma"], info["nproc"], info["git_describe"]))
EOF

intent_for() {
    case "$1" in
        man-section) echo "Tell which section of the Unix manual a page belongs to from its DESCRIPTION text." ;;
        man-name) echo "Write a Unix manual page's NAME line from its DESCRIPTION text." ;;
        py-docstring) echo "Write the one-line summary of a Python docstring from the rest of it." ;;
    esac
}

# stage NAME OUTFILE CMD...: runs CMD with stdout to OUTFILE and stderr to NAME.log in the cell's
# folder; a failure stops the benchmark with a message naming the stage and the log.
stage() {
    local name="$1" outfile="$2"
    shift 2
    local t0 t1 rc=0
    t0=$(date +%s%N)
    "$@" >"$outfile" 2>"$cell/$name.log" || rc=$?
    t1=$(date +%s%N)
    printf '%s\t%s\t%d.%01d\n' "$name" "$rc" $(((t1 - t0) / 1000000000)) $((((t1 - t0) / 100000000) % 10)) \
        >>"$cell/stages.tsv"
    if [ "$rc" -ne 0 ]; then
        echo "run.sh: $task, $m min: '$name' failed (exit $rc): $*" >&2
        tail -n 5 "$cell/$name.log" | sed 's/^/    /' >&2
        echo "    (full log: $cell/$name.log)" >&2
        exit 1
    fi
}

for task in $tasks; do
    for m in $minutes; do
        cell="$out/$task/${m}min"
        rm -rf "$cell"  # a fresh project each time
        mkdir -p "$cell"
        P="$cell/P.smolify"
        echo "== $task, $m min: $cell"
        stage init "$cell/init.json" "$cli" init "$P" --intent "$(intent_for "$task")" --json
        stage spec-set "$cell/spec-set.txt" "$cli" spec "$P" --set "$data/$task/spec.json"
        stage spec-show "$cell/spec.json" "$cli" spec "$P" --show --json
        stage import-train "$cell/import-train.json" "$cli" import "$P" "$data/$task/train.jsonl" --approve --json
        stage import-test "$cell/import-test.json" "$cli" import "$P" "$data/$task/test.jsonl" --approve --split test --json
        stage train "$cell/train.json" "$cli" train "$P" --max-minutes "$m" --json
        stage eval "$cell/eval.json" "$cli" eval "$P" --quant f32 --json
        stage info "$cell/info.json" "$cli" info "$P" --json
        /usr/bin/python3 - "$cell" <<'EOF' || true
import json, sys
cell = sys.argv[1]
tr = json.load(open(cell + "/train.json"))
ev = json.load(open(cell + "/eval.json"))
line = []
for s in ev.get("systems", []):
    c = s.get("classification")
    v = c["accuracy"] if c else s.get("rouge_l", s.get("score"))
    line.append("%s %.3f" % (s["name"] if s["role"] != "student" else "student", v))
print("   steps %s, %s parameters, %s; %s" % (tr.get("steps"), tr.get("parameters"), tr.get("stop_reason"),
                                             ", ".join(line)))
EOF
    done
done
echo "== done: /usr/bin/python3 $here/summarize.py $out"
