"""The dicts of process/process_many are json.loads of the record's line, whatever it holds.

The line is read on the worker threads by isnad's own reader (src/tape.rs); these cases go
through everything JSON can hold, as plugins and metadata fields put it in records.
"""

import json
import math

import isnad

TRICKY = {
    "quote": 'He said "no" \\ then left',
    "controls": "tab\there, newline\nthere, bell\x07, nul\x00, del\x7f",
    "unicode": "العربية — English — 中文 — 🙂 — \u2028\u2029 — é",
    "numbers": [0, -0, 1, -1, 2**53 + 1, 2**63 - 1, -(2**63), 2**64 - 1, 0.1, -2.5e-308, 1e300, 3.0],
    "nested": {"a": [[], {}, [{"b": None}], True, False], "": ""},
    "empty": "",
    "keys": {"id": 1, "text": 2, "start": 3, "claims": 4, "organization": 5, "Start": 6},
}


def test_records_with_every_kind_of_json_value_read_back_exactly():
    docs = [
        {"id": "tricky", "text": "The spokesman said: \"it's \\fine\".\n\tاللافتة قالت «نعم».", **TRICKY},
        {"id": 'quote"id', "text": "x", "title": "a\\b"},
        {"id": "plain", "text": "Nothing here."},
    ]
    pipeline = isnad.Pipeline()
    lines = list(pipeline.process_many(docs, as_json=True))
    records = list(pipeline.process_many(docs))
    for line, record in zip(lines, records):
        expected = json.loads(line)
        assert record == expected
        assert list(record) == list(expected)  # same key order
        assert json.dumps(record, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
    meta = records[0]["meta"]
    for key, value in TRICKY.items():
        assert meta[key] == value
    assert all(isinstance(n, int) for n in meta["numbers"][:8])
    assert math.copysign(1, meta["numbers"][9]) == -1


def test_long_and_many_strings():
    text = ("قال المتحدث إن المحادثات ستبدأ غدا. " * 400) + 'The mayor said "yes".'
    pipeline = isnad.Pipeline()
    line = pipeline.process(text, published="2025-02-19", as_json=True)
    assert pipeline.process(text, published="2025-02-19") == json.loads(line)
