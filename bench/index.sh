#!/usr/bin/env bash
# The claims database at scale: builds a database of about a million claims from ../shared text
# and the project's fixtures, then times `isnad-index` queries on it (a divan benchmark).
#
#   bench/index.sh                  # corpus, database (a few minutes), then the query benchmark
#   COPIES=5 bench/index.sh         # a smaller database (about 100,000 claims)
#
# The corpus (not committed: third-party text) is ../shared's Arabic articles and PolNeAR's
# English articles, plus the fixture articles of bench/run.sh, each copied COPIES times (default
# 45) under new ids, with publication dates spread over two years so that claim dates spread too.
# Environment: ISNAD (the binary), SHARED (default ../shared), WORK (default /tmp/isnad-bench),
# COPIES, JOBS (threads for `isnad index`, default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SHARED="${SHARED:-$root/../shared}"
WORK="${WORK:-${TMPDIR:-/tmp}/isnad-bench}"
COPIES="${COPIES:-45}"
JOBS="${JOBS:-2}"
ISNAD="${ISNAD:-${CARGO_TARGET_DIR:-$root/target}/release/isnad}"
[[ -x "$ISNAD" ]] || cargo build --release -p isnad-cli
[[ -d "$SHARED" ]] || { echo "needs ../shared (or SHARED=...)" >&2; exit 2; }
mkdir -p "$WORK"
corpus="$WORK/million.jsonl"
db="$WORK/million.sqlite"

python3 - "$SHARED" "$root/tests/fixtures" "$COPIES" "$corpus" <<'PY'
import datetime, glob, json, pathlib, sys
shared, fixtures, copies, out = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
docs = []
for gold in sorted(glob.glob(f"{shared}/corpus/ar*/*.gold.json")):
    d = json.load(open(gold, encoding="utf-8"))["document"]
    text = open(gold.replace(".gold.json", ".txt"), encoding="utf-8").read()
    docs.append({"id": d["id"], "lang": "ar", "source": d.get("source"), "text": text})
for name in ["polnear-train", "polnear-dev"]:
    for line in open(f"{shared}/eval/quotes/{name}.jsonl", encoding="utf-8"):
        d = json.loads(line)
        docs.append({"id": d["id"], "lang": "en", "source": d["id"].split("_")[0], "text": d["text"]})
for lang in ["ar", "en"]:
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted((fixtures / lang).glob("*.txt"))]
    for i in range(400):
        text = "\n\n".join(texts[(i * 3 + k) % len(texts)] for k in range(8))
        docs.append({"id": f"fixtures-{lang}-{i}", "lang": lang, "source": "fixtures", "text": text})
start = datetime.date(2024, 1, 1)
with open(out, "w", encoding="utf-8") as f:
    for copy in range(copies):
        for i, d in enumerate(docs):
            day = start + datetime.timedelta(days=(i * 37 + copy * 83) % 730)
            f.write(json.dumps(dict(d, id=f"{d['id']}#{copy}", published=day.isoformat()), ensure_ascii=False) + "\n")
PY
rm -f "$db" "$db-wal" "$db-shm"
/usr/bin/time -f "isnad index: %e s wall, %U s user, %S s system, %M KB peak" \
    "$ISNAD" index --quiet --jobs "$JOBS" --db "$db" "$corpus"
ISNAD_BENCH_DB="$db" cargo bench -p isnad-index --bench queries
