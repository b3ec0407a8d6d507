"""What editors and help() read: docstrings, signatures, and stubs that match the module."""

import ast
import inspect
import pydoc
from pathlib import Path

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
