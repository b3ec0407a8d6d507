"""isnad: who said what, when, and through which outlet, from Arabic and English news.

A pipeline turns an article into a record: its claims (direct, indirect and mixed quotations
with their cue, content, speaker and outlet), the entities who spoke, and every date expression
resolved against the publication date. The records are those of the ``isnad`` command line
(``isnad run``), byte for byte; offsets count code points, so ``text[start:end]`` works.

Quick start::

    import isnad

    pipeline = isnad.Pipeline()                       # the built-in pipeline, language detected
    record = pipeline.process("قال المتحدث إن المحادثات ستبدأ غدا.", published="2025-02-19")
    for claim in record["claims"]:
        print(claim["speaker"]["name"], claim["cue"]["text"], claim["content"]["text"], claim.get("date"))

    # Many documents, in parallel, in order, in bounded memory:
    for record in pipeline.process_many(({"id": i, "text": t} for i, t in corpus), jobs=4):
        ...

    isnad.Pipeline("pipelines/news-ar.toml")          # a pipeline file (plugins, gazetteers)

Contents:

- ``Pipeline``: loads a pipeline; ``process`` (one document), ``process_many`` (an iterable,
  streamed), ``process_jsonl`` (a batch, as JSON Lines bytes).
- ``PipelineError``: a pipeline file with problems, each with its file, line and stage.
- ``isnad.types``: the record's keys as ``TypedDict``s (``Record``, ``Claim``, …), for
  annotations: ``def speakers(record: isnad.types.Record) -> list[str]``.
- ``isnad.spark``: adds claims to a Spark DataFrame (``add_claims``), or runs the ``isnad``
  binary on the executors (``pipe_records``).
"""

from . import types
from ._isnad import Pipeline, PipelineError, Records, __version__

__all__ = ["Pipeline", "PipelineError", "Records", "types", "__version__"]
