"""The record's descriptions (isnad.types, isnad.spark's Arrow schema) hold every key it has.

When the record format gains a field, these fail until the descriptions learn it, instead of
Spark's columns silently lacking it.
"""

import json
from typing import get_type_hints

import pytest

import isnad
from conftest import articles
from isnad import types

RECORD_PARTS = {
    "record": types.Record,
    "claim": types.Claim,
    "speaker": types.Speaker,
    "span": types.Span,
    "entity": types.Entity,
    "timex": types.Timex,
}


def keys_by_part(records):
    """Every key seen in the records, by the part of the record it belongs to."""
    seen = {part: set() for part in RECORD_PARTS}
    for record in records:
        seen["record"] |= set(record)
        for claim in record["claims"]:
            seen["claim"] |= set(claim)
            seen["speaker"] |= set(claim["speaker"])
            seen["span"] |= set(claim["cue"])
        for entity in record["entities"]:
            seen["entity"] |= set(entity)
        for timex in record["timexes"]:
            seen["timex"] |= set(timex)
    return seen


@pytest.fixture(scope="module")
def records():
    docs = list(articles(400)) + [{"id": "m", "text": "x", "source": "Radio"}]
    return [json.loads(line) for line in isnad.Pipeline().process_many(docs, as_json=True)]


def test_the_typed_dicts_know_every_key(records):
    for part, keys in keys_by_part(records).items():
        known = set(get_type_hints(RECORD_PARTS[part]))
        assert keys <= known, (part, keys - known)


def test_the_spark_schema_knows_every_key(records):
    pytest.importorskip("pyarrow", reason="skipped: pyarrow is not installed")
    import isnad.spark

    schema = isnad.spark.record_arrow_schema()
    claim = schema.field("claims").type.value_type
    structs = {
        "record": schema,
        "claim": claim,
        "speaker": claim.field("speaker").type,
        "span": claim.field("cue").type,
        "entity": schema.field("entities").type.value_type,
        "timex": schema.field("timexes").type.value_type,
    }
    outside = {"record": {"meta", "extensions"}}  # in the `record` column only
    for part, keys in keys_by_part(records).items():
        known = {f.name for f in structs[part]} | outside.get(part, set())
        assert keys <= known, (part, keys - known)
