#!/usr/bin/env bash
# Instructions per stage (valgrind's cachegrind: a count, not a time, so the shared machine's
# load does not matter) on one document of 1x, 2x and 4x a size, for generated inputs built to
# be hard and for real news run together into one document. Prints a markdown table of the
# ratios 2x/1x and 4x/1x per stage (docs/performance.md, "Linear in the input").
#
#   bench/scaling.sh                  # SIZE=262144 (bytes of the 1x document)
#
# A stage's instructions are those of the pipeline ending with it minus those of the pipeline
# before it (bench/stages/*.toml), each minus the same pipeline on an empty document (start-up:
# building the lexicons). Real inputs are read from ../shared at run time when it is there
# (never committed): the Arabic articles of ../shared/corpus and PolNeAR's English ones.
# Needs valgrind and python3; about 10 minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SIZE="${SIZE:-262144}"
WORK="${WORK:-${TMPDIR:-/tmp}/isnad-scaling}"
ISNAD="${ISNAD:-$root/target/release/isnad}"
[[ -x "$ISNAD" ]] || cargo build --release -p isnad-cli
command -v valgrind > /dev/null || { echo "needs valgrind" >&2; exit 2; }
mkdir -p "$WORK"

# gen KIND BYTES FILE: one JSONL document of about BYTES bytes.
gen() {
  python3 - "$1" "$2" "$3" "$root" <<'PY'
import glob, json, pathlib, sys
kind, size, out, root = sys.argv[1], int(sys.argv[2]), sys.argv[3], pathlib.Path(sys.argv[4])
shared = root.parent / "shared"
def news(lang):
    if lang == "ar":
        return [pathlib.Path(f).read_text() for f in sorted(glob.glob(str(shared / "corpus/ar*/*.txt")))]
    return [json.loads(l)["text"] for l in open(shared / "eval/quotes/polnear-dev.jsonl")]
units = {
    "said-en": (["He said that "], "", "en"),
    "said-ar": (["قال إن "], "", "ar"),
    "colon-ar": (["وقال وزير الخارجية: نحن منفتحون على الحوار. وأضاف أن الجولة المقبلة ستعقد قريبا. "], "", "ar"),
}
if kind in units:
    parts, sep, lang = units[kind]
else:
    shape, lang = kind.split("-")
    parts = news(lang)
    sep = "\n\n"
    if shape == "line":
        parts, sep = [p.replace("\n", " ") for p in parts], " "
text, i, n = [], 0, 0
while n < size:
    piece = parts[i % len(parts)] + sep
    text.append(piece)
    n += len(piece.encode())
    i += 1
with open(out, "w") as f:
    f.write(json.dumps({"id": kind, "lang": lang, "published": "2025-02-19", "text": "".join(text)}, ensure_ascii=False) + "\n")
PY
}

# instr PIPELINE FILE: instructions of one run.
instr() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$ISNAD" run --quiet -j1 -o /dev/null -p "$1" "$2" 2>&1 | awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'
}

pipes=(bench/stages/1-segment.toml bench/stages/2-segment-dates.toml bench/stages/3-segment-quotes.toml bench/stages/4-segment-quotes-speakers.toml)
kinds="said-en said-ar colon-ar"
[[ -d "$root/../shared/corpus" ]] && kinds="$kinds news-en news-ar line-en line-ar" || echo "skipped real news: ../shared not found" >&2
printf '{"id":"empty","lang":"en","text":""}\n' > "$WORK/empty.jsonl"
declare -A base
for p in "${pipes[@]}"; do base[$p]=$(instr "$p" "$WORK/empty.jsonl"); done

echo "| input | stage | instructions 1x (M) | 2x / 1x | 4x / 1x |"
echo "|---|---|---|---|---|"
for kind in $kinds; do
  declare -A n=()
  for k in 1 2 4; do
    f="$WORK/$kind-$k.jsonl"
    [[ -s "$f" ]] || gen "$kind" $((SIZE * k)) "$f"
    for p in "${pipes[@]}"; do n[$p,$k]=$(( $(instr "$p" "$f") - ${base[$p]} )); done
  done
  for stage in segment dates quotes speakers; do
    case $stage in
      segment) a=${pipes[0]}; b= ;;
      dates) a=${pipes[1]}; b=${pipes[0]} ;;
      quotes) a=${pipes[2]}; b=${pipes[0]} ;;
      speakers) a=${pipes[3]}; b=${pipes[2]} ;;
    esac
    v() { if [[ -n "$b" ]]; then echo $(( n[$a,$1] - n[$b,$1] )); else echo "${n[$a,$1]}"; fi; }
    awk -v k="$kind" -v s="$stage" -v a="$(v 1)" -v b="$(v 2)" -v c="$(v 4)" \
      'BEGIN { printf "| %s | %s | %.1f | %.2f | %.2f |\n", k, s, a/1e6, (a>0?b/a:0), (a>0?c/a:0) }'
  done
done
