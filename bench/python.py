#!/usr/bin/env python3
"""Times isnad's Python package over a JSONL corpus, as `isnad run` is timed (docs/performance.md).

    python bench/python.py CORPUS.jsonl [--jobs N] [--output dict|json] [--pipeline FILE]

reads the corpus line by line with json.loads, as a Python user would, hands the documents to
`Pipeline.process_many` as a generator and consumes the records (dicts by default, or the JSON
lines with --output json), then prints documents, seconds and documents per second. Pair it with
`isnad run --quiet --jobs N -o /dev/null CORPUS.jsonl` as whole processes (GNU time, hyperfine):
both read the same lines and produce the same records.
"""

import argparse
import json
import os
import time

import isnad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--output", choices=("dict", "json"), default="dict")
    parser.add_argument("--pipeline", default=None)
    args = parser.parse_args()
    pipeline = isnad.Pipeline(args.pipeline)
    start = time.perf_counter()
    documents = claims = 0
    with open(args.corpus, encoding="utf-8") as lines:
        docs = (json.loads(line) for line in lines if line.strip())
        if args.output == "json":
            for line in pipeline.process_many(docs, jobs=args.jobs, as_json=True):
                documents += 1
                claims += line.count('"cue":')
        else:
            for record in pipeline.process_many(docs, jobs=args.jobs):
                documents += 1
                claims += len(record["claims"])
    seconds = time.perf_counter() - start
    megabytes = os.path.getsize(args.corpus) / 1e6
    print(
        f"{documents} documents, {claims} claims, {megabytes:.1f} MB in {seconds:.2f} s: "
        f"{documents / seconds:.0f} documents/s, {megabytes / seconds:.2f} MB/s"
    )


if __name__ == "__main__":
    main()
