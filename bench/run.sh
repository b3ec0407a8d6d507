#!/usr/bin/env bash
# Times whole `isnad run` processes on generated JSONL corpora and writes a markdown table.
#
#   bench/run.sh                       # 100 MB and 200 MB, Arabic and English, 1 and 2 threads
#   SIZES="20" JOBS="1" bench/run.sh   # a quick run
#
# The corpus is made of the project's own fixtures (tests/fixtures/{ar,en}/*.txt): each document
# joins eight consecutive fixtures (a different start each time) into a short article of about
# 1.5-2 KB, with `lang` and `published`; lines are written until the file reaches the size asked.
# Each run is `isnad run --quiet --jobs N -o /dev/null CORPUS` (the built-in default pipeline:
# segment, dates, quotes, speakers, language per document) under `/usr/bin/time -v`, which gives
# the wall time, CPU time and peak resident memory. The table goes to bench/results.md (OUT=...)
# and to standard output.
#
# Environment: ISNAD (the binary; default target/release/isnad, built if missing), SIZES (MB,
# default "100 200"), LANGS (default "ar en"), JOBS (default "1 2"), PIPELINE (a pipeline file
# instead of the default one), WORK (where corpora go; default $TMPDIR or /tmp), OUT.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SIZES="${SIZES:-100 200}"
LANGS="${LANGS:-ar en}"
JOBS="${JOBS:-1 2}"
WORK="${WORK:-${TMPDIR:-/tmp}/isnad-bench}"
OUT="${OUT:-$root/bench/results.md}"
ISNAD="${ISNAD:-}"
if [[ -z "$ISNAD" ]]; then
  target="${CARGO_TARGET_DIR:-$root/target}"
  ISNAD="$target/release/isnad"
  [[ -x "$ISNAD" ]] || cargo build --release -p isnad-cli
fi
[[ -x "$ISNAD" ]] || { echo "no isnad binary at $ISNAD" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (GNU time) for peak memory" >&2; exit 2; }
mkdir -p "$WORK"

# gen LANG MB FILE: a JSONL corpus of about MB megabytes from the fixtures of LANG.
gen() {
  python3 - "$root/tests/fixtures/$1" "$1" "$2" "$3" <<'PY'
import json, pathlib, sys
src, lang, mb, out = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
texts = [p.read_text(encoding="utf-8").strip() for p in sorted(src.glob("*.txt"))]
limit, size, i = mb * 1_000_000, 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < limit:
        text = "\n\n".join(texts[(i * 3 + k) % len(texts)] for k in range(8))
        line = json.dumps({"id": f"{lang}-{i}", "lang": lang, "published": "2025-03-12", "text": text}, ensure_ascii=False) + "\n"
        f.write(line)
        size += len(line.encode("utf-8"))
        i += 1
PY
}

pipeline_args=()
[[ -n "${PIPELINE:-}" ]] && pipeline_args=(--pipeline "$PIPELINE")

rows=()
for lang in $LANGS; do
  for mb in $SIZES; do
    corpus="$WORK/$lang-${mb}MB.jsonl"
    [[ -s "$corpus" ]] || gen "$lang" "$mb" "$corpus"
    bytes=$(stat -c %s "$corpus")
    docs=$(wc -l < "$corpus")
    for jobs in $JOBS; do
      log="$WORK/time-$lang-$mb-$jobs.txt"
      status=0
      /usr/bin/time -v "$ISNAD" run --quiet --jobs "$jobs" "${pipeline_args[@]}" -o /dev/null "$corpus" 2> "$log" || status=$?
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
      user=$(awk -F': ' '/User time/ {print $2}' "$log")
      sys=$(awk -F': ' '/System time/ {print $2}' "$log")
      rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
      row=$(awk -v l="$lang" -v b="$bytes" -v d="$docs" -v j="$jobs" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v st="$status" 'BEGIN {
        printf "| %s | %.0f | %d | %d | %.1f | %.2f | %.0f | %.1f | %.2f | %s | %s |", l, b/1e6, d, j, w, b/1e6/w, d/w, u+s, b/1e6/(u+s), r, st }')
      echo "$row"
      rows+=("$row")
    done
  done
done

{
  echo "Whole \`isnad run\` processes ($("$ISNAD" --version), pipeline: ${PIPELINE:-built-in default}), $(date -u +%Y-%m-%d), $(nproc) cores."
  echo
  echo "| corpus | MB | documents | jobs | wall s | MB/s | docs/s | CPU s | MB/s per CPU s | peak RSS MB | exit |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$OUT"
