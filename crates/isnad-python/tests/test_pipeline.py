"""isnad.Pipeline against the `isnad` command: the same records, byte for byte."""

import datetime
import json
import pickle
import subprocess
import threading

import pytest

import isnad
from conftest import ROOT, articles, fixture_texts, isnad_binary, run_cli, spans_of, write_jsonl


def test_process_gives_the_record_of_isnad_run_on_every_fixture(tmp_path):
    docs = [
        {"id": f"{lang}-{i}", "text": text, "lang": lang, "published": "2025-02-19"}
        for lang in ("ar", "en")
        for i, text in enumerate(fixture_texts(lang))
    ]
    expected = run_cli(["run", "--quiet", str(write_jsonl(tmp_path / "docs.jsonl", docs))])
    pipeline = isnad.Pipeline()
    assert len(expected) == len(docs)
    for doc, line in zip(docs, expected):
        kwargs = {"id": doc["id"], "lang": doc["lang"], "published": doc["published"]}
        assert pipeline.process(doc["text"], as_json=True, **kwargs) == line
        assert pipeline.process(doc["text"], **kwargs) == json.loads(line)


def test_process_many_gives_the_lines_of_isnad_run_in_order(tmp_path):
    docs = list(articles(600))
    expected = run_cli(["run", "--quiet", str(write_jsonl(tmp_path / "docs.jsonl", docs))])
    pipeline = isnad.Pipeline()
    for jobs in (1, 2):
        lines = list(pipeline.process_many(iter(docs), jobs=jobs, as_json=True))
        assert lines == expected
    records = list(pipeline.process_many(docs))
    assert records == [json.loads(line) for line in expected]
    assert pipeline.process_jsonl(docs, jobs=2) == "".join(l + "\n" for l in expected).encode()


def test_published_for_documents_without_one_is_the_option_of_isnad_run(tmp_path):
    docs = [{"id": "a", "text": fixture_texts("ar")[0]}, {"id": "b", "text": "said Ana on Friday."}]
    expected = run_cli(
        ["run", "--quiet", "--published", "2024-11-05", str(write_jsonl(tmp_path / "d.jsonl", docs))]
    )
    got = list(isnad.Pipeline().process_many(docs, published=datetime.date(2024, 11, 5), as_json=True))
    assert got == expected


def test_offsets_count_code_points():
    pipeline = isnad.Pipeline()
    seen = 0
    for doc in articles(80):
        record = pipeline.process(doc["text"], lang=doc.get("lang"), published="2025-03-01")
        for span in spans_of(record):
            assert doc["text"][span["start"] : span["end"]] == span["text"]
            seen += 1
    assert seen > 500


def test_documents_without_id_are_named_by_position_and_str_documents_work():
    pipeline = isnad.Pipeline()
    records = list(pipeline.process_many(["The minister said the plan will work.", {"text": "x"}]))
    assert [r["id"] for r in records] == ["0", "1"]
    assert pipeline.process("Hello.")["id"] == "0"
    assert pipeline.process("Hello.", id="doc-7")["id"] == "doc-7"


def test_every_input_gives_one_record_with_its_error():
    bad = [
        42,
        None,
        {"id": "no-text"},
        {"id": "text-not-str", "text": 3},
        {"id": "bad-date", "text": "The mayor said it will rain.", "published": "soon"},
        {"id": "odd-field", "text": "Hello.", "extra": object()},
        {"id": "surrogate", "text": "bad \ud800 text"},
        {"id": "good", "text": "The mayor said it will rain.", "source": "Radio", "tags": ["a", 1]},
    ]
    records = list(isnad.Pipeline().process_many(bad, jobs=2))
    assert len(records) == len(bad)
    by_id = {r["id"]: r for r in records}
    assert records[0]["id"] == "0" and "not an int" in records[0]["errors"][0]
    assert "not a NoneType" in records[1]["errors"][0]
    assert by_id["no-text"]["errors"] == ['missing "text"']
    assert by_id["text-not-str"]["errors"] == ['"text" must be a string']
    assert "soon" in by_id["bad-date"]["errors"][0] and by_id["bad-date"]["claims"]
    assert by_id["odd-field"]["errors"] == ['"extra": an object cannot be written as JSON']
    assert "not valid Unicode" in by_id["surrogate"]["errors"][0]
    assert by_id["good"]["errors"] == []
    assert by_id["good"]["meta"] == {"source": "Radio", "tags": ["a", 1]}


def test_an_error_of_the_input_comes_after_the_records_before_it():
    def docs():
        for i in range(700):
            yield f"Document {i} said nothing."
        raise KeyError("the source broke")

    got = []
    with pytest.raises(KeyError, match="the source broke"):
        for record in isnad.Pipeline().process_many(docs(), jobs=2):
            got.append(record["id"])
    assert got == [str(i) for i in range(700)]


def test_stopping_early_is_fine():
    records = isnad.Pipeline().process_many(("x said y." for _ in range(100_000)), jobs=2)
    first = [next(records) for _ in range(3)]
    assert [r["id"] for r in first] == ["0", "1", "2"]
    del records


def test_arguments_are_checked():
    pipeline = isnad.Pipeline()
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        pipeline.process_many([], jobs=0)
    with pytest.raises(ValueError, match="tomorrow"):
        pipeline.process("text", published="tomorrow")
    with pytest.raises(TypeError, match="text must be a str"):
        pipeline.process(b"bytes")
    with pytest.raises(TypeError):
        pipeline.process_many(42)
    record = pipeline.process("x", published=datetime.datetime(2025, 2, 19, 10, 30))
    assert record["published"] == "2025-02-19T10:30:00"


def test_pipeline_errors_carry_the_messages_of_isnad_check():
    path = ROOT / "tests" / "fixtures" / "config-errors" / "many-problems.toml"
    check = subprocess.run([str(isnad_binary()), "check", str(path)], capture_output=True)
    assert check.returncode == 2
    with pytest.raises(isnad.PipelineError) as caught:
        isnad.Pipeline(str(path))
    assert str(caught.value) == check.stderr.decode().rstrip("\n")
    problems = caught.value.problems
    assert len(problems) == len(str(caught.value).splitlines()) > 1
    assert all(p["file"] == str(path) and p["message"] for p in problems)
    assert any(p["line"] is not None and p["stage"] is not None for p in problems)
    assert isinstance(caught.value, ValueError)


def test_a_missing_pipeline_file_is_a_pipeline_error(tmp_path):
    with pytest.raises(isnad.PipelineError, match="cannot read pipeline file"):
        isnad.Pipeline(tmp_path / "nope.toml")


def test_pipeline_files_and_their_gazetteers_work_as_on_the_command_line(tmp_path):
    gazetteer = ROOT / "pipelines" / "gazetteers" / "example.toml"
    (tmp_path / "gaz").mkdir()
    (tmp_path / "gaz" / "people.toml").write_text(gazetteer.read_text(encoding="utf-8"), encoding="utf-8")
    pipeline_file = tmp_path / "with-gazetteer.toml"
    pipeline_file.write_text(
        '[pipeline]\nname = "with-gazetteer"\nlanguage = "ar"\n\n'
        '[[stage]]\nuse = "segment"\n[[stage]]\nuse = "dates"\n[[stage]]\nuse = "quotes"\n'
        '[[stage]]\nuse = "speakers"\ngazetteer = "gaz/people.toml"\n',
        encoding="utf-8",
    )
    text = "قال غوتيريش إن المفاوضات ستستأنف الأسبوع المقبل."
    pipeline = isnad.Pipeline(pipeline_file)
    assert pipeline.name == "with-gazetteer" and pipeline.language == "ar"
    assert pipeline.stages == ["segment", "dates", "quotes", "speakers"]
    record = pipeline.process(text, id="stdin", published="2025-02-19")
    assert [e.get("kb_id") for e in record["entities"]] == ["Q311440"]
    expected = run_cli(
        ["run", "--quiet", "-p", str(pipeline_file), "--published", "2025-02-19", "-"],
        stdin=text.encode(),
    )
    assert [pipeline.process(text, id="stdin", published="2025-02-19", as_json=True)] == expected


def test_plugins_work_as_on_the_command_line(tmp_path):
    plugin = isnad_binary().parent / "libcheck_worthiness.so"
    if not plugin.exists():
        pytest.skip(f"skipped: {plugin} not built (cargo build --release -p check-worthiness)")
    pipeline_file = ROOT / "pipelines" / "news-checkworthy.toml"
    pipeline = isnad.Pipeline(pipeline_file)
    docs = list(articles(40))
    expected = run_cli(["run", "--quiet", "-p", str(pipeline_file), str(write_jsonl(tmp_path / "d.jsonl", docs))])
    got = list(pipeline.process_many(docs, as_json=True))
    assert got == expected
    claims = [c for line in got for c in json.loads(line)["claims"]]
    assert claims and all("check_worthiness" in c for c in claims)


def test_threads_can_share_a_pipeline():
    pipeline = isnad.Pipeline()
    docs = list(articles(40))
    expected = [pipeline.process(d["text"], id=d["id"], lang=d.get("lang"), as_json=True) for d in docs]
    results = {}

    def work(k):
        results[k] = [
            pipeline.process(d["text"], id=d["id"], lang=d.get("lang"), as_json=True) for d in docs
        ]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


def test_pipelines_pickle_as_their_file(tmp_path):
    default = pickle.loads(pickle.dumps(isnad.Pipeline()))
    assert repr(default) == "isnad.Pipeline()" and default.path is None
    path = ROOT / "pipelines" / "news-en.toml"
    again = pickle.loads(pickle.dumps(isnad.Pipeline(path)))
    assert again.name == "news-en" and again.path == path
