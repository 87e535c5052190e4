#!/usr/bin/env bash
# Regenerates the committed seed corpora in fuzz/corpus/ (a dozen small files per target). Run it by
# hand when a format changes, then commit the result; neither CI nor scripts/fuzz.sh runs it.
#
#   fuzz/make_seeds.sh [SMOLIFY_CLI]     default: build/release/app/smolify-cli, else any build/*/
#
# Needs smolify-cli (for real project files) and the sqlite3 shell (to shrink them to 512-byte
# pages, so that mutations are cheap, and to make the foreign, unfinished and newer variants).
set -euo pipefail
cd "$(dirname "$0")/.."

cli="${1:-}"
if [[ -z $cli ]]; then
  for c in build/release/app/smolify-cli build/ci/app/smolify-cli build/*/app/smolify-cli; do
    if [[ -x $c ]]; then cli="$c"; break; fi
  done
fi
[[ -x $cli ]] || { echo "make_seeds.sh: no smolify-cli; build one (cmake --build --preset release) or name it" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "make_seeds.sh: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }

corpus=fuzz/corpus
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- fuzz_csv_reader: 3 control bytes (buffer size, record limit, read split / read error), then CSV.
d=$corpus/fuzz_csv_reader
rm -rf "$d" && mkdir -p "$d"
seed() { printf "$2" >"$d/$1"; }  # printf interprets \xNN, \r, \n
# byte 0: buffer 1+(b&63) | byte 1: limit b&0x7f, or (b&0x7f)*8 with the top bit | byte 2: split, top bit: fail
seed plain_lf        '\x03\xff\x00input,output\na,b\nc,d\n'
seed crlf_short_reads '\x04\xff\x05input,output\r\nhello,world\r\n\r\nlast,row'
seed bom_quoted      '\x05\xff\x03\xef\xbb\xbf"in,put","out""put"\n"multi\nline","x"\n'
seed unclosed_quote  '\x06\xff\x02a,"never closed\nstill inside'
seed text_after_quote '\x07\xff\x01"a"b,c\n"ok",""\n'
seed blank_lines     '\x03\x40\x07\n\n,\n\r\nx\n'
seed too_long        '\x09\x10\x04short,1\nthis record is longer than sixteen bytes,2\nok,3\n'
seed many_commas     '\x04\x20\x00,,,,,,,,,,,,,,,,,,,,\na\n'
seed lone_cr         '\x05\xff\x03a\rb,c\r\rd\n"e\r\n",f\r'
seed utf8            '\x08\xff\x02"\xc3\xa9t\xc3\xa9",\xf0\x9f\x98\x80\n\xe2\x82,\xff\n'
seed read_error      '\x0a\xff\x83\xef\xbb\xbfinput,output\n"a\nb",c\nd,e\n'
seed crlf_edge       '\x00\xff\x01"a"\r\n"b"\r\nc\r'

# --- fuzz_import: 1 control byte (bit 0: 0 .jsonl, 1 .csv; bits 1-3 batch; 4-6 record limit;
# bit 7 approved/test), then the file. 'J' = 0x4a: JSONL, batch 6, 256 B; 'C' = 0x43: CSV, batch 2,
# 256 B; 'j'/'c' the same with a 1 KiB limit; 0xca/0xc3 import as approved.
d=$corpus/fuzz_import
rm -rf "$d" && mkdir -p "$d"
seed j_plain 'J{"input":"Printer on floor 2 is jammed.","output":"normal"}\n{"input":"Server down","output":"urgent","topic":"infra"}\n'
seed j_chat 'j{"messages":[{"role":"system","content":"Sort tickets."},{"role":"user","content":"VPN drops"},{"role":"assistant","content":"normal"}]}\n{"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},{"role":"assistant","content":"c"}]}\n'
seed j_malformed 'J{"input":"a"}\nnot json\n[1,2]\n{"input":1,"output":"x"}\n{"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}\n{"messages":[{"role":"tool","content":"x"}]}\n{"input":"a","output":"b","topic":7}\n'
seed j_bom_crlf 'J\xef\xbb\xbf{"input":"caf\xc3\xa9","output":"\\u00e9"}\r\n\r\n  \r\n{"input":"x","output":"y"}\r\n'
seed j_array_first 'J[{"input":"a","output":"b"}]\n'
seed j_duplicates '\xca{"input":"same","output":"same"}\n{"input":"same","output":"same"}\n\n{"input":"   ","output":"blank input"}\n{"input":"a","output":null}\n'
seed j_bad_utf8 'J{"input":"\xff\xfe","output":"x"}\n{"input":"\\ud800","output":"lone surrogate"}\n{"input":"a\\u0000b","output":"nul"}\n{"input":"\xed\xa0\x80","output":"y"}\n'
seed j_too_long 'J{"input":"this line is longer than the two hundred and fifty six byte limit that control byte J sets, so it is reported and skipped rather than buffered whole; padding padding padding padding padding padding padding padding padding padding","output":"x"}\n{"input":"ok","output":"ok"}\n'
seed c_plain 'Cinput,output,topic\nPrinter jammed,normal,hardware\n"Server down, all users",urgent,\n'
seed c_bom_quoted 'c\xef\xbb\xbfInput,OUTPUT\r\n"multi\nline ""quoted""",x\r\n\r\nlast,row'
seed c_bad_header 'Cinput,topic\na,b\n'
seed c_mismatch '\xc3input,output\na,b,c\n"a"b,c\nonly\n"unclosed,x\n'

# --- fuzz_project_open: whole files. Real projects (made with smolify-cli, then shrunk to 512-byte
# pages), their truncations, and foreign, unfinished, newer and broken files.
d=$corpus/fuzz_project_open
rm -rf "$d" && mkdir -p "$d"
p="$tmp/seed.smolify"
"$cli" init "$p" --intent "Sort incoming IT tickets by urgency" --teacher http://localhost:11434/v1 \
  --model m --key-env SEED_KEY >/dev/null
printf '%s\n' '{"input":"Printer jammed","output":"normal","topic":"hw"}' \
  '{"input":"Server down","output":"urgent"}' '{"input":"Mouse squeaks","output":"low"}' >"$tmp/s.jsonl"
"$cli" import "$p" "$tmp/s.jsonl" >/dev/null
"$cli" review "$p" --approve 1 >/dev/null
"$cli" review "$p" --reject 3 --reason "not a ticket" >/dev/null
sqlite3 "$p" >/dev/null <<'SQL'
INSERT INTO task_specs (version, kind, instruction, created_at) VALUES (1, 'classification', 'Label urgency', 0);
INSERT INTO settings (key, value) VALUES ('fuzz', 'seed');
INSERT INTO sample_revisions (sample_id, revision, input, output, author, created_at)
  VALUES (2, 1, 'Server down', 'urgent', 'import', 0), (2, 2, 'Server down', 'critical', 'user', 0);
UPDATE samples SET output = 'critical' WHERE id = 2;
SQL
shrink() { sqlite3 "$1" "PRAGMA journal_mode=DELETE; PRAGMA page_size=$2; VACUUM;" >/dev/null; }
cp "$p" "$tmp/full.smolify" && shrink "$tmp/full.smolify" 512
cp "$tmp/full.smolify" "$d/project_512"
cp "$p" "$tmp/k.smolify" && shrink "$tmp/k.smolify" 1024 && cp "$tmp/k.smolify" "$d/project_1024"
"$cli" init "$tmp/empty.smolify" --intent "x" >/dev/null
shrink "$tmp/empty.smolify" 512 && cp "$tmp/empty.smolify" "$d/empty_project_512"
# the same empty project as smolify-cli leaves it: 4096-byte pages, WAL
"$cli" init "$tmp/wal.smolify" --intent "x" >/dev/null && cp "$tmp/wal.smolify" "$d/empty_project_wal_4096"
cp "$tmp/full.smolify" "$tmp/v0.smolify" && sqlite3 "$tmp/v0.smolify" "PRAGMA user_version=0" && cp "$tmp/v0.smolify" "$d/unfinished_v0"
cp "$tmp/full.smolify" "$tmp/v9.smolify" && sqlite3 "$tmp/v9.smolify" "PRAGMA user_version=9" && cp "$tmp/v9.smolify" "$d/newer_v9"
sqlite3 "$tmp/foreign.db" "PRAGMA page_size=512; CREATE TABLE t(x); INSERT INTO t VALUES (1);" && cp "$tmp/foreign.db" "$d/foreign_sqlite"
# Smolify's identity and version on a file without Smolify's tables
sqlite3 "$tmp/bare.db" "PRAGMA page_size=512; PRAGMA application_id=1399680876; PRAGMA user_version=1; CREATE TABLE t(x);" \
  && cp "$tmp/bare.db" "$d/identity_without_tables"
head -c 100 "$tmp/full.smolify" >"$d/trunc_header"
head -c 512 "$tmp/full.smolify" >"$d/trunc_page1"
head -c 2600 "$tmp/full.smolify" >"$d/trunc_mid"
printf 'SQLite format 3\0' >"$d/magic_only"
printf 'id,input,output\n1,not a database,x\n' >"$d/text_file"

# --- fuzz_safetensors_reader and fuzz_checkpoint_reader: small valid files (made with python3, no
# Smolify needed) and a few defective variants; the hostile cases proper live in the unit tests.
python3 - "$corpus" <<'EOF'
import hashlib, json, os, struct, sys
corpus = sys.argv[1]

def st(header, data, pad=True):
    h = json.dumps(header, separators=(",", ":")).encode()
    if pad:
        h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data

d = os.path.join(corpus, "fuzz_safetensors_reader")
os.makedirs(d, exist_ok=True)
f32 = lambda *v: struct.pack("<%df" % len(v), *v)
seeds = {
    "two_tensors": st({"__metadata__": {"format": "pt"},
                       "a": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},
                       "b": {"dtype": "F16", "shape": [4], "data_offsets": [16, 24]}},
                      f32(1, 2, 3, 4) + b"\x00\x3c" * 4),
    "bf16_and_ints": st({"w": {"dtype": "BF16", "shape": [3], "data_offsets": [0, 6]},
                         "i": {"dtype": "I64", "shape": [1], "data_offsets": [6, 14]},
                         "m": {"dtype": "BOOL", "shape": [2], "data_offsets": [14, 16]}},
                        b"\x80\x3f" * 3 + struct.pack("<q", -5) + b"\x01\x00"),
    "empty_tensor": st({"e": {"dtype": "F32", "shape": [0, 3], "data_offsets": [0, 0]}}, b""),
    "metadata_only": st({"__metadata__": {"k": "v", "quote": "a\"b"}}, b""),
    "scalar_unpadded": st({"s": {"dtype": "F64", "shape": [], "data_offsets": [0, 8]}}, struct.pack("<d", 2.5), pad=False),
    "overlap": st({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                   "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, b"\x00" * 12),
    "truncated": st({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\x00" * 16)[:30],
}
for name, data in seeds.items():
    open(os.path.join(d, name), "wb").write(data)

def ckpt(header, n, moments, version=1):
    h = json.dumps(dict(header, has_moments=moments), separators=(",", ":")).encode()
    s = b"SMOLCKPT" + struct.pack("<IIQQ", version, 0, len(h), n) + h
    s += b"\x00" * (-len(s) % 64)
    s += struct.pack("<%df" % n, *[0.01 * (i % 7) for i in range(n)]) * (3 if moments else 1)
    return s + hashlib.sha256(s).digest()

d = os.path.join(corpus, "fuzz_checkpoint_reader")
os.makedirs(d, exist_ok=True)
model = {"vocab": 40, "dim": 32, "layers": 1, "heads": 2, "kv_heads": 1, "ffn": 32, "max_seq": 16,
         "rope_theta": 10000.0, "norm_eps": 1e-5, "tied": True}
n = 40 * 32 + (2 * 32 + 32 * 32 + 2 * 16 * 32 + 32 * 32 + 3 * 32 * 32) + 32
header = {"format": "smolify-checkpoint", "run_id": 1, "step": 3, "seed": 7, "model": model,
          "system_prompt": "Task: x", "train_ids": [1, 2], "epoch_plan": [[0, 1]], "best_val_loss": None}
untied = dict(model, tied=False)
seeds = {
    "weights_only": ckpt(header, n, False),
    "with_moments": ckpt(header, n, True),
    "untied": ckpt(dict(header, model=untied), n + 40 * 32, False),
    "bad_checksum": ckpt(header, n, False)[:-1] + b"\x00",
    "version_2": ckpt(header, n, False, version=2),
    "truncated": ckpt(header, n, False)[:200],
}
for name, data in seeds.items():
    open(os.path.join(d, name), "wb").write(data)
EOF

ls -l $corpus/*
