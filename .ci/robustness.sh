#!/usr/bin/env bash
# The four worst cases of issue 17 on generated input, against the release binary: bounded
# output for Arabic colon speech and chains of reporting clauses, a 50 MB single-line document
# in under a minute, `-o` onto an input refused, a directory loop walked once. Quiet on success;
# about 30 seconds. Usage: .ci/robustness.sh [ISNAD]
set -euo pipefail
cd "$(dirname "$0")/.."
ISNAD="${1:-${CARGO_TARGET_DIR:-target}/release/isnad}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "robustness: $*" >&2; exit 1; }

# gen FILE LANG UNIT COUNT: one JSONL document of UNIT repeated COUNT times.
gen() {
  python3 -c 'import json,sys; print(json.dumps({"id": "g", "lang": sys.argv[2], "published": "2025-02-19", "text": sys.argv[3] * int(sys.argv[4])}, ensure_ascii=False))' \
    "$2" "$2" "$3" "$4" > "$1"
}

# 1. Arabic speech after a colon ends; a chain of "قال إن" does not repeat the text per level.
#    (Before: 705 MB from 352 KB, 1.35 GB from 180 KB.) Output is linear in the input: twice
#    the text gives at most 2.2 times the output, and never more than 10 bytes per input byte
#    (each claim record spells out its cue, content, speaker and entity spans).
for n in 2000 4000; do
  gen "$work/colon-$n.jsonl" ar "وقال وزير الخارجية: نحن منفتحون على الحوار. وأضاف أن الجولة المقبلة ستعقد قريبا " "$n"
  gen "$work/chain-$n.jsonl" ar "قال إن " $(( n * 4 ))
done
for f in colon chain; do
  for n in 2000 4000; do
    timeout 60 "$ISNAD" run --quiet -o "$work/$f-$n.out" "$work/$f-$n.jsonl" || fail "$f: run failed or took over 60 s"
  done
  in=$(stat -c %s "$work/$f-4000.jsonl"); out=$(stat -c %s "$work/$f-4000.out"); half=$(stat -c %s "$work/$f-2000.out")
  (( out <= 10 * in )) || fail "$f: $out bytes of output for $in of input (more than 10x)"
  (( out * 10 <= half * 22 )) || fail "$f: output grows faster than the input ($half bytes, then $out for twice the text)"
done

# 2. Cost linear in the document: 50 MB of news-like text on one line in under a minute.
python3 - "$work/line.jsonl" <<'PY'
import json, pathlib, sys
texts = [p.read_text().replace("\n", " ") for p in sorted(pathlib.Path("tests/fixtures/en").glob("*.txt"))]
parts, n, i = [], 0, 0
while n < 50_000_000:
    t = texts[i % len(texts)] + " "
    parts.append(t); n += len(t.encode()); i += 1
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "line", "lang": "en", "published": "2025-02-19", "text": "".join(parts)}) + "\n")
PY
start=$(date +%s)
timeout 60 "$ISNAD" run --quiet -o /dev/null "$work/line.jsonl" || fail "50 MB single line: failed or over 60 s"
echo "robustness: 50 MB single-line document in $(( $(date +%s) - start )) s"

# 3. -o onto an input: exit 2, the input untouched.
printf '{"id":"x","lang":"en","text":"He said that it rains."}\n' > "$work/in.jsonl"
cp "$work/in.jsonl" "$work/in.copy"
status=0; "$ISNAD" run --quiet "$work/in.jsonl" -o "$work/in.jsonl" 2> /dev/null || status=$?
(( status == 2 )) || fail "-o onto the input: exit status $status, not 2"
cmp -s "$work/in.jsonl" "$work/in.copy" || fail "-o onto the input changed the input"

# 4. A directory with a symbolic link loop: each file once.
mkdir -p "$work/dir/sub"
cp "$work/in.jsonl" "$work/dir/sub/a.jsonl"
ln -s .. "$work/dir/sub/loop"
records=$("$ISNAD" run --quiet "$work/dir" | wc -l)
(( records == 1 )) || fail "directory loop: $records records for one document"
