"""The shapes of isnad's records, for type checkers and editors.

``Pipeline.process`` returns a plain ``dict``; these ``TypedDict`` classes describe its keys
(docs/output.md in the repository is the full description). Offsets count code points, so for
every span ``text[span["start"]:span["end"]] == span["text"]``. Plugins may add keys to a claim
(``check_worthiness``, …) and layers to ``extensions``.
"""

from typing import Any, Dict, List, Literal, Optional, TypedDict

__all__ = ["Span", "Speaker", "Claim", "Entity", "Timex", "Record", "Problem"]


class Span(TypedDict):
    """A stretch of the text: code-point offsets (``end`` exclusive) and what they cover."""

    start: int
    end: int
    text: str


class Speaker(TypedDict):
    """Who made a claim: the mention in its clause, and the entity it was linked to."""

    mention: Optional[Span]
    implicit: bool
    entity: Optional[str]
    name: Optional[str]


class _ClaimFields(TypedDict):
    id: str
    kind: Literal["direct", "indirect", "mixed"]
    act: Literal["speech", "belief", "intention", "perception", "topic"]
    cue: Span
    content: Span
    speaker: Speaker
    medium: Optional[Span]
    block: Literal["main", "related"]
    confidence: float


class Claim(_ClaimFields, total=False):
    """An attributed statement: who said what (``content``), with which verb (``cue``), when.

    ``date`` and ``date_source`` are there once the claim could be dated; ``date_before`` only
    when true (the text says it was said before publication).
    """

    date: str
    date_source: Literal["timex", "published"]
    date_before: bool


class _EntityFields(TypedDict):
    id: str
    name: str
    kind: Literal["person", "organization", "group", "unknown"]
    aliases: List[str]
    roles: List[str]
    mentions: List[Span]


class Entity(_EntityFields, total=False):
    """A speaker or participant, with every mention of it; ``kb_id`` comes from a gazetteer."""

    kb_id: str


# "from" is a Python keyword, hence the functional form; it cannot mark some keys required, so
# all are optional to a type checker, though only value, from and to are ever left out.
Timex = TypedDict(
    "Timex",
    {
        "start": int,
        "end": int,
        "text": str,
        "kind": Literal["value", "interval"],
        "grain": str,
        "calendar": Literal["gregorian", "hijri"],
        "value": str,
        "from": str,
        "to": str,
    },
    total=False,
)
Timex.__doc__ = """A date or time expression and its resolved value (``value``, or ``from``/``to``
for an interval, ``to`` exclusive); absent values are left out."""


class _RecordFields(TypedDict):
    id: str
    lang: Optional[str]
    published: Optional[str]
    claims: List[Claim]
    entities: List[Entity]
    timexes: List[Timex]
    errors: List[str]


class Record(_RecordFields, total=False):
    """One document's record: what ``isnad run`` writes as one JSON line.

    ``meta`` (other input fields) and ``extensions`` (plugin layers) are left out when empty.
    ``errors`` is empty when all went well.
    """

    meta: Dict[str, Any]
    extensions: Dict[str, Any]


class Problem(TypedDict):
    """One problem of a pipeline file (``PipelineError.problems``)."""

    file: str
    line: Optional[int]
    stage: Optional[int]
    stage_name: Optional[str]
    message: str
