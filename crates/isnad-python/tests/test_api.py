"""What editors and help() read: docstrings, signatures, and stubs that match the module."""

import ast
import inspect
import pydoc
from pathlib import Path

import pytest

import isnad
import isnad._isnad as native

PACKAGE = Path(isnad.__file__).parent


def test_help_reads_well():
    text = pydoc.render_doc(isnad, renderer=pydoc.plaintext)
    for words in ("Quick start", "Pipeline", "process_many", "PipelineError", "isnad.spark"):
        assert words in text
    page = pydoc.render_doc(isnad.Pipeline, renderer=pydoc.plaintext)
    for words in ("process(self, /, text, *, id=None, lang=None, published=None, as_json=False)",
                  "process_many(self, /, docs, *, jobs=None, published=None, as_json=False)",
                  "code points", "one per core"):
        assert words in page, words


def test_signatures_are_visible():
    params = inspect.signature(isnad.Pipeline.process).parameters
    assert list(params) == ["self", "text", "id", "lang", "published", "as_json"]
    assert params["id"].kind is inspect.Parameter.KEYWORD_ONLY


def test_package_ships_stubs_and_py_typed():
    assert (PACKAGE / "py.typed").exists()
    stub = ast.parse((PACKAGE / "_isnad.pyi").read_text())
    classes = {node.name: node for node in stub.body if isinstance(node, ast.ClassDef)}
    for name in ("Pipeline", "PipelineError", "Records"):
        assert name in classes and hasattr(native, name)
    stubbed = {f.name for f in classes["Pipeline"].body if isinstance(f, ast.FunctionDef)}
    public = {n for n in dir(native.Pipeline) if not n.startswith("_")}
    assert public <= stubbed, public - stubbed
    for method in ("process", "process_many", "process_jsonl"):
        runtime = list(inspect.signature(getattr(native.Pipeline, method)).parameters)
        for stub_fn in (f for f in classes["Pipeline"].body if isinstance(f, ast.FunctionDef) and f.name == method):
            args = stub_fn.args
            assert [a.arg for a in args.args + args.kwonlyargs] == runtime


TYPED_USE = '''
import datetime
from typing import List

import isnad
from isnad.types import Record

pipeline = isnad.Pipeline("news-ar.toml")
record: Record = pipeline.process("text", published=datetime.date(2025, 2, 19))
line: str = pipeline.process("text", as_json=True)
names: List[str] = [c["speaker"]["name"] or "" for c in record["claims"]]
for r in pipeline.process_many([{"text": "x"}, "y"], jobs=2):
    print(r["timexes"][0]["start"], r["errors"])
for json_line in pipeline.process_many(["y"], as_json=True):
    print(json_line.upper())
data: bytes = pipeline.process_jsonl(["a"])
try:
    isnad.Pipeline("x.toml")
except isnad.PipelineError as e:
    print(e.problems[0]["line"])
'''


def test_the_stubs_type_check(tmp_path):
    mypy = pytest.importorskip("mypy.api", reason="skipped: mypy is not installed")
    good = tmp_path / "good.py"
    good.write_text(TYPED_USE)
    out, err, status = mypy.run(["--strict", "--no-incremental", str(good)])
    assert status == 0, out + err
    bad = tmp_path / "bad.py"
    bad.write_text(TYPED_USE + "\nbroken: int = pipeline.process(3)\n")
    out, _, status = mypy.run(["--strict", "--no-incremental", str(bad)])
    assert status == 1 and 'No overload variant of "process"' in out, out
