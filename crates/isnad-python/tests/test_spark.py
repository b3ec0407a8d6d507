"""isnad on Spark in local mode: both routes give the records of `isnad run`, none lost or doubled.

Needs pyspark, pyarrow and a Java runtime (.ci/run installs them); skipped, visibly, without.
"""

import json
import os
import shutil
import sys
from collections import Counter

import pytest

pytest.importorskip("pyarrow", reason="skipped: pyarrow is not installed")
pytest.importorskip("pyspark", reason="skipped: pyspark is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("skipped: no Java runtime for Spark", allow_module_level=True)

import isnad.spark as isnad_spark  # noqa: E402
from conftest import articles, isnad_binary, run_cli, write_jsonl  # noqa: E402

DOCUMENTS = 10_000


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    # Local mode talks to itself: over the loopback interface only.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        SparkSession.builder.master("local[2]")
        .appName("isnad-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        # Several batches per task, so that a worker's pipeline is seen to be reused.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "700")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """10,000 articles as JSONL, and the records `isnad run` writes for them, by id."""
    path = write_jsonl(tmp_path_factory.mktemp("spark") / "articles.jsonl", articles(DOCUMENTS, seed=3))
    lines = run_cli(["run", "--quiet", str(path)])
    by_id = {json.loads(line)["id"]: line for line in lines}
    assert len(lines) == len(by_id) == DOCUMENTS
    return path, by_id


def read_articles(spark, path):
    schema = "id STRING, text STRING, lang STRING, published STRING"
    return spark.read.schema(schema).json(str(path)).repartition(6)


def without_nulls(value):
    """A JSON value without its null struct fields: what Spark's to_json writes of it."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def check(df, by_id, columns):
    """Every article once, with the record `isnad run` wrote and columns equal to it.

    ``columns`` pairs record fields with the DataFrame's columns. Structs are compared through
    Spark's own to_json, which is much faster than Python Row objects.
    """
    from pyspark.sql import functions as F

    selected = [
        (F.to_json(F.col(column)) if field not in ("lang", "published") else F.col(column)).alias(field)
        for field, column in columns
    ]
    rows = df.select("id", "record", *selected).collect()
    ids = Counter(row["id"] for row in rows)
    assert len(rows) == DOCUMENTS and set(ids) == set(by_id) and max(ids.values()) == 1
    errors = 0
    for row in rows:
        line = by_id[row["id"]]
        assert row["record"] == line
        record = json.loads(line)
        for field, _ in columns:
            got = row[field] if field in ("lang", "published") else json.loads(row[field])
            assert got == without_nulls(record[field]), (row["id"], field)
        errors += bool(record["errors"])
    assert errors > 0  # the articles with a bad date went through too


def test_add_claims_gives_the_records_of_isnad_run(spark, corpus):
    path, by_id = corpus
    fields = ("lang", "published", "claims", "entities", "timexes", "errors", "record")
    df = read_articles(spark, path)
    out = isnad_spark.add_claims(df, fields=fields, prefix="isnad_")
    assert out.columns == ["id", "text", "lang", "published", *("isnad_" + f for f in fields)]
    out = out.withColumnRenamed("isnad_record", "record")
    check(out, by_id, [(f, "isnad_" + f) for f in fields if f != "record"])


def test_pipe_records_gives_the_records_of_isnad_run(spark, corpus):
    path, by_id = corpus
    df = read_articles(spark, path)
    out = isnad_spark.pipe_records(df, isnad_spark.isnad_command(str(isnad_binary())))
    assert out.columns == ["id", "lang", "published", "claims", "entities", "timexes", "errors", "record"]
    fields = ("lang", "published", "claims", "entities", "timexes", "errors")
    check(out, by_id, [(f, f) for f in fields])


def test_explode_gives_one_row_per_claim(spark, corpus):
    path, by_id = corpus
    out = isnad_spark.add_claims(read_articles(spark, path), fields=("claims",), explode=True, prefix="isnad_")
    assert out.columns[-1] == "isnad_claim"
    per_article = Counter(row["id"] for row in out.select("id").collect())
    expected = {i: len(json.loads(line)["claims"]) for i, line in by_id.items()}
    assert per_article == Counter({i: n for i, n in expected.items() if n})
    assert sum(per_article.values()) > DOCUMENTS


def test_each_python_worker_builds_its_pipeline_once(spark, corpus):
    import pyarrow as pa

    path, _ = corpus

    def probe(batches):
        for batch in batches:
            isnad_spark._pipeline(None)
            yield pa.RecordBatch.from_pydict(
                {"pid": [os.getpid()], "builds": [isnad_spark._BUILDS]},
                schema=pa.schema([("pid", pa.int64()), ("builds", pa.int64())]),
            )

    df = read_articles(spark, path).repartition(8)
    rows = df.mapInArrow(probe, "pid LONG, builds LONG").collect()
    batches = Counter(row["pid"] for row in rows)
    assert len(rows) >= 16 and max(batches.values()) > 1
    assert {row["builds"] for row in rows} == {1}


def test_clashing_or_unknown_columns_are_refused(spark):
    df = spark.createDataFrame([("a", "x", [])], "id STRING, text STRING, claims ARRAY<STRING>")
    with pytest.raises(ValueError, match="prefix="):
        isnad_spark.add_claims(df)
    with pytest.raises(ValueError, match="unknown field"):
        isnad_spark.add_claims(df, fields=("claimz",), prefix="x_")
    with pytest.raises(ValueError, match="no column 'body'"):
        isnad_spark.add_claims(df, text_column="body", prefix="x_")
