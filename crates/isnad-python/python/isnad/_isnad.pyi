# Type stubs of the native module (src/*.rs); keep them in step with the #[pyo3(signature)]s.
import datetime
import os
from typing import (
    Any,
    Generic,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    TypeVar,
    Union,
    overload,
)

from .types import Problem, Record

__version__: str

Document = Union[str, Mapping[str, Any]]
"""A document: its text, or a dict with the fields of an ``isnad run`` JSONL line
(``text``, and optionally ``id``, ``lang``, ``published``, ``source``, ``url``, ``title``)."""

Published = Union[str, datetime.date]
"""A publication date: ``"2025-02-19"``, ``"2025-02-19T10:00+03:00"``, a date or a datetime."""

class PipelineError(ValueError):
    """A pipeline file that cannot be used: ``str(error)`` is what ``isnad check`` prints."""

    problems: List[Problem]

class Pipeline:
    """A pipeline: the stages of a pipeline file (or the built-in default pipeline), built once."""

    def __init__(self, path: Optional[Union[str, os.PathLike[str]]] = None) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def stages(self) -> List[str]: ...
    @property
    def language(self) -> str: ...
    @property
    def path(self) -> Optional[str]: ...
    @overload
    def process(
        self,
        text: str,
        *,
        id: Optional[str] = None,
        lang: Optional[str] = None,
        published: Optional[Published] = None,
        as_json: Literal[False] = False,
    ) -> Record: ...
    @overload
    def process(
        self,
        text: str,
        *,
        id: Optional[str] = None,
        lang: Optional[str] = None,
        published: Optional[Published] = None,
        as_json: Literal[True],
    ) -> str: ...
    @overload
    def process_many(
        self,
        docs: Iterable[Document],
        *,
        jobs: Optional[int] = None,
        published: Optional[Published] = None,
        as_json: Literal[False] = False,
    ) -> Records[Record]: ...
    @overload
    def process_many(
        self,
        docs: Iterable[Document],
        *,
        jobs: Optional[int] = None,
        published: Optional[Published] = None,
        as_json: Literal[True],
    ) -> Records[str]: ...
    def process_jsonl(
        self,
        docs: Iterable[Document],
        *,
        jobs: Optional[int] = None,
        published: Optional[Published] = None,
    ) -> bytes: ...

_T = TypeVar("_T", Record, str)

class Records(Iterator[_T], Generic[_T]):
    """The records of ``Pipeline.process_many``, in input order, as they are ready."""

    def __iter__(self) -> Records[_T]: ...
    def __next__(self) -> _T: ...
