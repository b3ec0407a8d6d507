"""Shared helpers: the repository, the `isnad` binary to compare with, generated articles."""

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"


def isnad_binary() -> Path:
    """The `isnad` binary the records are compared with ($ISNAD_BIN, else target/release)."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = Path(os.environ.get("ISNAD_BIN", target / "release" / "isnad"))
    if not binary.exists():
        pytest.fail(f"no isnad binary at {binary}: run `cargo build --release -p isnad-cli` first")
    return binary


def run_cli(args: List[str], stdin: Optional[bytes] = None) -> List[str]:
    """`isnad ARGS` and its output lines (exit status 0 or 1: records with errors are fine)."""
    done = subprocess.run(
        [str(isnad_binary()), *args], input=stdin, capture_output=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout.decode("utf-8").splitlines()


def fixture_texts(lang: str) -> List[str]:
    return [p.read_text(encoding="utf-8").strip() for p in sorted((FIXTURES / lang).glob("*.txt"))]


def articles(count: int, seed: int = 0) -> Iterator[Dict[str, str]]:
    """`count` articles made of the project's fixtures, both languages, as JSONL objects.

    Each joins a few consecutive fixture texts (a different start each time). Most state their
    language and date; some leave the language to detection or have no date, and one in 500
    has a date that cannot be read (its record then says so).
    """
    texts = {"ar": fixture_texts("ar"), "en": fixture_texts("en")}
    for i in range(count):
        lang = "ar" if (i + seed) % 2 == 0 else "en"
        pool = texts[lang]
        parts = 2 + (i * 7 + seed) % 4
        text = "\n\n".join(pool[(i * 3 + k) % len(pool)] for k in range(parts))
        doc = {"id": f"{lang}-{seed}-{i}", "text": text}
        if i % 7 != 3:
            doc["lang"] = lang
        if i % 500 == 17:
            doc["published"] = "the day after tomorrow"
        elif i % 11 != 5:
            doc["published"] = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield doc


def write_jsonl(path: Path, docs) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def spans_of(record: dict) -> Iterator[dict]:
    """Every span of a record (timexes are spans too)."""
    for claim in record["claims"]:
        for key in ("cue", "content", "medium"):
            if claim[key] is not None:
                yield claim[key]
        if claim["speaker"]["mention"] is not None:
            yield claim["speaker"]["mention"]
    for entity in record["entities"]:
        yield from entity["mentions"]
    yield from record["timexes"]
