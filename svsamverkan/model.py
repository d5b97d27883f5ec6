"""The document model: immutable results with ``to_dict()``.

Every result that leaves the library is one of these frozen dataclasses. Their
JSON form is described by ``docs/analysis.schema.json`` (JSON Schema draft
2020-12); ``tests/test_schema.py`` checks that schema and these classes agree.

Offsets (``start``/``end``) are character offsets into the **original** text of
the document (``Document.original_text``), so every result can be traced back to
what the user gave us, even after repair changed the text.

>>> e = Edit(start=0, end=3, before="for", after="för", step="diacritics", confidence=0.97)
>>> e.to_dict()["after"]
'för'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

SCHEMA_VERSION = "1.0.0"

SECTIONS: tuple[str, ...] = ("struktur", "tidiga_insatser", "delaktighet", "samhallsvard")
"""The four sections of the regional guideline, in their official order."""

DOC_KINDS: tuple[str, ...] = (
    "minutes",
    "transcript",
    "slides",
    "article",
    "abstract",
    "guideline",
    "other",
)

DecisionType = Literal["beslut", "uppdrag", "bordlagd", "information", "uppfoljning", "rekommendation"]


_SCALARS = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The dataclass field names of ``cls`` (looked up once per class)."""
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    """Turn dataclasses, tuples and dicts into JSON-ready values, recursively.

    >>> _plain({"a": (1, [Edit(0, 1, "a", "ä", "diacritics", 0.9)])})["a"][1][0]["after"]
    'ä'
    """
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


class _ToDict:
    """Mixin: ``to_dict()`` over the dataclass fields."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of this result."""
        return {name: _plain(getattr(self, name)) for name in _field_names(type(self))}


@dataclass(frozen=True, slots=True)
class Edit(_ToDict):
    """One change that repair made to the original text.

    ``start``/``end`` locate ``before`` in the original text; ``after`` is what
    it became. ``alternatives`` are the other candidates that were considered.
    An *undecided* word is reported with ``after == before`` and
    ``step`` ending in ``":undecided"``.
    """

    start: int
    end: int
    before: str
    after: str
    step: str
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(_ToDict):
    """A page (PDF), slide (PPTX) or cue block, as a span of the original text."""

    number: int
    start: int
    end: int
    title: str | None = None
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class Table(_ToDict):
    """A table found by a reader (rows of cell strings) and where its text sits."""

    rows: tuple[tuple[str, ...], ...]
    page: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Document(_ToDict):
    """What the read and repair stages produce.

    ``original_text`` is the text as read (after decoding); ``text`` is the
    repaired text; ``edits`` map one onto the other. ``paragraphs`` are the
    blank-line separated blocks of ``text`` as ``(start, end)`` spans of
    ``original_text``.
    """

    source: str
    kind: str
    original_text: str
    text: str
    format: str = "txt"
    pages: tuple[Page, ...] = ()
    tables: tuple[Table, ...] = ()
    edits: tuple[Edit, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Mention(_ToDict):
    """One place where a person or organisation is mentioned (original-text offsets)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Participant(_ToDict):
    """A person who took part: attendee, speaker, panelist, author or note-taker.

    ``present`` is ``None`` when the document does not say.
    """

    name: str
    role: str | None = None
    organisation: str | None = None
    sector: str | None = None
    present: bool | None = None
    mentions: tuple[Mention, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Decision(_ToDict):
    """A decision, assignment, tabling, information item or follow-up."""

    text: str
    type: str
    item: str | None = None
    responsible: str | None = None
    deadline: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Theme(_ToDict):
    """A theme of the document, best first in ``Analysis.themes``."""

    label: str
    score: float
    vocabulary_id: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SectionScores(_ToDict):
    """A score in [0, 1] for each of the four guideline sections."""

    struktur: float = 0.0
    tidiga_insatser: float = 0.0
    delaktighet: float = 0.0
    samhallsvard: float = 0.0

    def as_dict(self) -> dict[str, float]:
        """The scores keyed by section name."""
        return {s: getattr(self, s) for s in SECTIONS}


@dataclass(frozen=True, slots=True)
class ParagraphResult(_ToDict):
    """A paragraph (block separated by blank lines) with its section labels.

    ``scores`` is ``None`` when no classifier ran.
    """

    index: int
    start: int
    end: int
    text: str
    labels: tuple[str, ...] = ()
    scores: SectionScores | None = None
    explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SectionCoverage(_ToDict):
    """Document-level coverage: share of text per section and the strongest passages."""

    coverage: dict[str, float] = field(default_factory=dict)
    top_passages: dict[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MeetingInfo(_ToDict):
    """Meeting metadata found in minutes (all ``None`` when not found)."""

    name: str | None = None
    date: str | None = None
    place: str | None = None
    document_date: str | None = None
    agenda: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis(_ToDict):
    """Everything svsamverkan found in one document.

    >>> a = Analysis(source="<text>", kind="other", text="Hej", original_text="Hej")
    >>> sorted(a.to_dict())[:4]
    ['decisions', 'edits', 'format', 'kind']
    """

    source: str
    kind: str
    text: str
    original_text: str
    kind_confidence: float | None = None
    format: str = "txt"
    pages: tuple[Page, ...] = ()
    edits: tuple[Edit, ...] = ()
    participants: tuple[Participant, ...] = ()
    decisions: tuple[Decision, ...] = ()
    themes: tuple[Theme, ...] = ()
    paragraphs: tuple[ParagraphResult, ...] = ()
    sections: SectionCoverage = field(default_factory=SectionCoverage)
    meeting: MeetingInfo | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Return the analysis as JSON-ready dict (the published schema)."""
        out = {name: _plain(getattr(self, name)) for name in _field_names(type(self))}
        out["schema_version"] = self.schema_version
        return out
