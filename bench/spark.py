#!/usr/bin/env python3
"""Documents per second of isnad.spark in Spark's local mode, beside `isnad run` (docs/scale.md).

    python bench/spark.py CORPUS.jsonl [--cores 1 2] [--repeat 3]

For each number of cores N it starts a local[N] session and times, after a warm-up job:
`add_claims` (the Python package on the workers, through mapInArrow) and `pipe_records` (the
`isnad` binary through RDD.pipe), each writing every record to Spark's no-op sink; then
`isnad run --jobs N` on the same file. Times are wall seconds of the job alone (the session is
started before), the median of --repeat runs. Needs pyspark, pyarrow and Java 17+, and the
binary at target/release/isnad ($ISNAD_BIN).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    binary = os.environ.get("ISNAD_BIN", str(ROOT / "target" / "release" / "isnad"))
    with open(args.corpus, encoding="utf-8") as lines:
        documents = sum(1 for line in lines if line.strip())
    megabytes = os.path.getsize(args.corpus) / 1e6
    print(f"{args.corpus}: {documents} documents, {megabytes:.1f} MB")
    print("| route | cores | wall s (median) | documents/s |")
    print("|---|---|---|---|")
    for cores in args.cores:
        for route, seconds in spark_times(args.corpus, cores, binary, args.repeat):
            print(f"| {route} | {cores} | {seconds:.2f} | {documents / seconds:.0f} |", flush=True)
        command = [binary, "run", "--quiet", "--jobs", str(cores), "-o", os.devnull, args.corpus]
        seconds = median_time(lambda: subprocess.run(command, check=False), args.repeat)
        print(f"| isnad run --jobs {cores} | {cores} | {seconds:.2f} | {documents / seconds:.0f} |")


def spark_times(corpus, cores, binary, repeat):
    from pyspark.sql import SparkSession

    import isnad.spark

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        schema = "id STRING, text STRING, lang STRING, published STRING"
        # Read once and cached, so that the jobs time isnad, not the JSON reader.
        df = spark.read.schema(schema).json(corpus).repartition(cores * 4).cache()
        df.count()
        routes = {
            "add_claims (mapInArrow)": lambda: isnad.spark.add_claims(df, fields=("claims", "errors")),
            "pipe_records (RDD.pipe)": lambda: isnad.spark.pipe_records(
                df, isnad.spark.isnad_command(binary)
            ),
        }
        for route, make in routes.items():
            run = lambda: make().write.format("noop").mode("overwrite").save()  # noqa: E731
            run()  # warm-up: Python workers started, pipelines built
            yield route, median_time(run, repeat)
    finally:
        spark.stop()


def median_time(action, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    main()
