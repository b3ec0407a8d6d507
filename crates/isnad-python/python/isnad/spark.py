"""isnad on Spark: claims for a DataFrame of articles, on as many machines as the corpus needs.

Two routes, with the same records (those of ``isnad run``):

- ``add_claims(df)``: the isnad package on the Python workers, through ``mapInArrow``. Each
  Python worker builds its pipeline once and reuses it for every batch of every task; the
  records come back as columns beside the article's own (claims as an array of structs, or one
  row per claim with ``explode=True``).
- ``pipe_records(df)``: no Python on the workers. The ``isnad`` binary, shipped to the executors
  (``spark-submit --files isnad``), reads each partition as JSON Lines on its standard input
  (``RDD.pipe``, run by the JVM) and the records are read back with Spark's JSON reader.

docs/scale.md in the repository says how to run either on a cluster, and how fast they are.

Both need pyspark (and, for ``add_claims``, pyarrow on the workers); importing this module does
not, so that it can be imported where they are missing.
"""

import io
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = [
    "FIELDS",
    "add_claims",
    "pipe_records",
    "record_arrow_schema",
    "record_spark_schema",
    "isnad_command",
]

#: The fields of a record that can become columns: the record's own (see docs/output.md), and
#: ``record``, the whole JSON line (with what no column holds: ``meta``, plugin fields).
FIELDS = ("lang", "published", "claims", "entities", "timexes", "errors", "record")


def record_arrow_schema() -> "pyarrow.Schema":
    """The record as an Arrow schema: every field of ``FIELDS`` but ``record``.

    Offsets are int64, ``confidence`` a double; a key the record leaves out (``date`` of an undated
    claim, ``date_before`` when false, ``kb_id``) is null. Plugin fields of claims, ``meta`` and
    ``extensions`` are not in it: read them from the ``record`` column.
    """
    import pyarrow as pa

    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    speaker = pa.struct(
        [("mention", span), ("implicit", pa.bool_()), ("entity", pa.string()), ("name", pa.string())]
    )
    claim = pa.struct(
        [
            ("id", pa.string()),
            ("kind", pa.string()),
            ("act", pa.string()),
            ("cue", span),
            ("content", span),
            ("speaker", speaker),
            ("medium", span),
            ("block", pa.string()),
            ("confidence", pa.float64()),
            ("date", pa.string()),
            ("date_source", pa.string()),
            ("date_before", pa.bool_()),
        ]
    )
    entity = pa.struct(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("aliases", pa.list_(pa.string())),
            ("roles", pa.list_(pa.string())),
            ("mentions", pa.list_(span)),
            ("kb_id", pa.string()),
        ]
    )
    timex = pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("kind", pa.string()),
            ("grain", pa.string()),
            ("value", pa.string()),
            ("from", pa.string()),
            ("to", pa.string()),
            ("calendar", pa.string()),
        ]
    )
    return pa.schema(
        [
            ("id", pa.string()),
            ("lang", pa.string()),
            ("published", pa.string()),
            ("claims", pa.list_(claim)),
            ("entities", pa.list_(entity)),
            ("timexes", pa.list_(timex)),
            ("errors", pa.list_(pa.string())),
        ]
    )


def record_spark_schema(fields: Optional[Sequence[str]] = None) -> "StructType":
    """The record's ``fields`` (default: ``id`` and every field of ``FIELDS``) as a Spark schema."""
    from pyspark.sql.types import StringType, StructField, StructType

    schema = record_arrow_schema()
    wanted = ["id", *FIELDS] if fields is None else list(fields)
    return StructType(
        [
            StructField(name, StringType() if name == "record" else _spark_type(schema.field(name).type))
            for name in wanted
        ]
    )


def isnad_command(
    binary: str = "./isnad", pipeline: Optional[str] = None, published: Optional[str] = None
) -> List[str]:
    """The command ``pipe_records`` runs on each partition: ``isnad run - --quiet``.

    Through ``sh -c`` because ``isnad run`` exits with 1 when a record carries an error (the
    records say which), and ``RDD.pipe`` fails the task on any status but 0: this keeps 1 for
    a success and still fails the task on 2 (an unusable pipeline or command line).
    """
    import shlex

    args = [binary, "run", "-", "--quiet"]
    if pipeline is not None:
        args += ["--pipeline", pipeline]
    if published is not None:
        args += ["--published", published]
    script = " ".join(shlex.quote(a) for a in args) + '; status=$?; [ "$status" -le 1 ]'
    return ["sh", "-c", script]


def add_claims(
    df: "DataFrame",
    *,
    pipeline: Optional[Union[str, "os.PathLike[str]"]] = None,
    text_column: str = "text",
    id_column: Optional[str] = "id",
    lang_column: Optional[str] = "lang",
    published_column: Optional[str] = "published",
    fields: Sequence[str] = ("claims", "errors"),
    prefix: str = "",
    explode: bool = False,
    jobs: int = 1,
) -> "DataFrame":
    """Adds isnad's record fields as columns to a DataFrame of articles.

    ``df`` has a text column and, optionally, id, language and publication date columns (a
    named column that ``df`` lacks is left out: an article without ``lang`` has its language
    detected, one without ``published`` its relative dates unresolved). ``published`` may be a
    string (``"2025-02-19"``), a date or a timestamp.

    Each of ``fields`` (see ``FIELDS``) becomes a column named ``prefix + field``; ``claims`` is an
    array of structs (``record_arrow_schema`` has their fields), ``record`` the JSON line
    ``isnad run`` writes. With ``explode=True`` there is one row per claim instead, its struct in
    the column ``prefix + "claim"`` (articles without claims then have no row).

    ``pipeline`` is a pipeline file (default: the built-in pipeline) readable at the same path on
    every worker, or shipped with ``SparkContext.addFile`` (then found by its file name). Each
    Python worker loads it once and keeps it for every batch it is given. ``jobs`` is the
    threads per task: Spark already runs one task per core, so 1 is right unless tasks have
    cores of their own (``spark.task.cpus``).
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import StructField, StructType

    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise ValueError(f"unknown field(s) {unknown}: choose from {list(FIELDS)}")
    if text_column not in df.columns:
        raise ValueError(f"the DataFrame has no column {text_column!r} (the article text)")
    names = [prefix + f for f in fields]
    clash = [n for n in names + ([prefix + "claim"] if explode else []) if n in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {clash}: pass prefix= to rename")
    columns = {
        "text": text_column,
        "id": id_column if id_column in df.columns else None,
        "lang": lang_column if lang_column in df.columns else None,
        "published": published_column if published_column in df.columns else None,
    }
    path = None if pipeline is None else os.fspath(pipeline)
    task = _ClaimsTask(path, columns, tuple(fields), prefix, jobs)
    added = record_spark_schema(fields)
    schema = StructType(list(df.schema.fields) + [StructField(prefix + f.name, f.dataType) for f in added])
    out = df.mapInArrow(task, schema)
    if explode:
        if "claims" not in fields:
            raise ValueError('explode=True needs "claims" in fields')
        out = out.withColumn(prefix + "claim", F.explode(prefix + "claims")).drop(prefix + "claims")
    return out


def pipe_records(
    df: "DataFrame",
    command: Optional[Sequence[str]] = None,
    *,
    text_column: str = "text",
    id_column: Optional[str] = "id",
    lang_column: Optional[str] = "lang",
    published_column: Optional[str] = "published",
) -> "DataFrame":
    """Runs the ``isnad`` binary over ``df`` on the executors, without Python there.

    Each partition becomes JSON Lines (``id``, ``text``, ``lang``, ``published``) on the standard
    input of ``command`` (default: ``isnad_command()``, i.e. ``./isnad run - --quiet`` in the
    executor's working directory, where ``spark-submit --files path/to/isnad`` puts the binary).
    The result has one row per article: ``record`` (the JSON line) and the record's fields as
    columns (``id``, ``lang``, ``published``, ``claims``, ``entities``, ``timexes``, ``errors``),
    to be joined back to ``df`` on ``id`` if its other columns are needed.

    The piping is the JVM's (``JavaRDD.pipe``, with UTF-8 set explicitly whatever the executors'
    locale), so this only needs the classic PySpark driver (not Spark Connect).
    """
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F

    if text_column not in df.columns:
        raise ValueError(f"the DataFrame has no column {text_column!r} (the article text)")
    selected = [F.col(text_column).alias("text")]
    for name, column in (("id", id_column), ("lang", lang_column), ("published", published_column)):
        if column is not None and column in df.columns:
            selected.append(F.col(column).cast("string").alias(name))
    spark = df.sparkSession
    jvm = spark.sparkContext._jvm
    lines = df.select(*selected)._jdf.toJSON().javaRDD()
    argv = jvm.java.util.ArrayList()
    for part in command if command is not None else isnad_command():
        argv.add(part)
    piped = lines.pipe(argv, jvm.java.util.HashMap(), False, 1 << 16, "UTF-8")
    strings = spark._jsparkSession.createDataset(piped.rdd(), jvm.org.apache.spark.sql.Encoders.STRING())
    records = DataFrame(strings.toDF(), spark).withColumnRenamed("value", "record")
    parsed = F.from_json("record", record_spark_schema([f for f in ["id", *FIELDS] if f != "record"]))
    return records.select("record", parsed.alias("r")).select("r.*", "record")


# --- On the workers -------------------------------------------------------------------------

_PIPELINES: Dict[Optional[str], Any] = {}
#: Pipelines built by this process (the tests check that a worker builds one, not one a batch).
_BUILDS = 0


def _pipeline(path: Optional[str]) -> Any:
    """This process's pipeline for ``path``, built on first use."""
    global _BUILDS
    pipeline = _PIPELINES.get(path)
    if pipeline is None:
        import isnad

        where = path
        if path is not None and not os.path.exists(path):
            # Shipped with SparkContext.addFile: found by its name in the worker's files.
            from pyspark import SparkFiles

            shipped = SparkFiles.get(os.path.basename(path))
            where = shipped if os.path.exists(shipped) else path
        pipeline = isnad.Pipeline(where)
        _PIPELINES[path] = pipeline
        _BUILDS += 1
    return pipeline


class _ClaimsTask:
    """The function ``mapInArrow`` runs on the workers (pickled with its settings only)."""

    def __init__(
        self,
        path: Optional[str],
        columns: Dict[str, Optional[str]],
        fields: Sequence[str],
        prefix: str,
        jobs: int,
    ):
        self.path = path
        self.columns = columns
        self.fields = fields
        self.prefix = prefix
        self.jobs = jobs

    def __call__(self, batches: Iterable["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        pipeline = _pipeline(self.path)
        schema = record_arrow_schema()
        for batch in batches:
            docs = self._documents(batch)
            jsonl = pipeline.process_jsonl(docs, jobs=self.jobs) if docs else b""
            table = _read_records(jsonl, schema, batch.num_rows)
            arrays = list(batch.columns)
            names = list(batch.schema.names)
            for field in self.fields:
                if field == "record":
                    lines = jsonl.decode("utf-8").splitlines() if jsonl else []
                    arrays.append(pa.array(lines, type=pa.string()))
                else:
                    arrays.append(table.column(field).combine_chunks())
                names.append(self.prefix + field)
            yield pa.RecordBatch.from_arrays(arrays, names=names)

    def _documents(self, batch: "pyarrow.RecordBatch") -> List[Dict[str, Any]]:
        """The batch's rows as ``isnad run`` JSONL objects (a null field is left out)."""
        values = {
            key: batch.column(batch.schema.get_field_index(column)).to_pylist()
            for key, column in self.columns.items()
            if column is not None
        }
        docs = []
        for row in range(batch.num_rows):
            doc = {}
            for key, column in values.items():
                value = column[row]
                if value is not None:
                    doc[key] = value
            docs.append(doc)
        return docs


def _read_records(jsonl: bytes, schema: "pyarrow.Schema", rows: int) -> "pyarrow.Table":
    """JSON Lines to an Arrow table of ``schema``, one row per line."""
    import pyarrow as pa
    import pyarrow.json as pj

    if not jsonl:
        return pa.table({f.name: pa.array([], type=f.type) for f in schema})
    table = pj.read_json(
        io.BytesIO(jsonl),
        # One block for the whole batch: a block must hold whole lines, and records are long.
        read_options=pj.ReadOptions(use_threads=False, block_size=len(jsonl) + 1),
        parse_options=pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore"),
    )
    if table.num_rows != rows:
        raise RuntimeError(f"isnad gave {table.num_rows} records for {rows} rows (a bug)")
    return table


def _spark_type(arrow_type: Any) -> Any:
    """An Arrow type of the record schema as a Spark type."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_struct(arrow_type):
        return T.StructType([T.StructField(f.name, _spark_type(f.type)) for f in arrow_type])
    if pa.types.is_list(arrow_type):
        return T.ArrayType(_spark_type(arrow_type.value_type))
    simple = {
        pa.string(): T.StringType(),
        pa.int64(): T.LongType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
    }
    return simple[arrow_type]
