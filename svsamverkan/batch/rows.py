"""Turn one :class:`~svsamverkan.model.Analysis` into rows of the batch tables.

Rows are tuples in the column order of :mod:`svsamverkan.batch.schema`; the
writer inserts them in bulk. Offsets stay character offsets into the original text.

>>> from svsamverkan.model import Analysis
>>> a = Analysis(source="a.txt", kind="other", text="Hej hopp", original_text="Hej hopp")
>>> rows = analysis_to_rows(a, FileInfo(path="a.txt", content_hash="ab", size_bytes=8, mtime_ns=0),
...                         pipeline_version="v", run_id=1)
>>> sorted(t for t, r in rows.items() if r)
['analyses', 'documents', 'texts']
>>> dict(zip(column_names("documents"), rows["documents"][0]))["n_tokens"]
2
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import SECTIONS, Analysis, Edit
from .language import guess_language
from .schema import TABLES, column_names
from .version import doc_id_for

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]

_TOKEN = re.compile(r"\w+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class FileInfo:
    """What the batch job knows about a file before analysing it."""

    path: str
    content_hash: str
    size_bytes: int
    mtime_ns: int

    @property
    def doc_id(self) -> str:
        """The document id of this path."""
        return doc_id_for(self.path)


def utc_now() -> dt.datetime:
    """Now, UTC, without tzinfo (DuckDB ``TIMESTAMP``)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def damage_level(original_text: str, edits: tuple[Edit, ...]) -> float:
    """Share of word tokens of ``original_text`` that an edit changed (undecided words do not count).

    >>> damage_level("for barnens basta", (Edit(0, 3, "for", "för", "diacritics"),))
    0.3333
    >>> damage_level("sam-\\nverkan och", (Edit(3, 5, "-\\n", "", "layout"),))
    0.6667
    >>> damage_level("", ())
    0.0
    """
    real = [e for e in edits if e.before != e.after]
    if not real:
        return 0.0
    spans = [m.span() for m in _TOKEN.finditer(original_text)]
    if not spans:
        return 0.0
    starts = [s for s, _ in spans]
    changed: set[int] = set()
    for e in real:
        # tokens overlapping or touching [e.start, e.end]: joining "sam-\nverkan" changes both halves
        i = max(bisect.bisect_right(starts, e.start) - 1, 0)
        while i < len(spans) and spans[i][0] <= e.end:
            if spans[i][1] >= e.start:
                changed.add(i)
            i += 1
    return round(len(changed) / len(spans), 4)


def iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO ``YYYY-MM-DD...`` string, else ``None``.

    >>> iso_date("2021-03-04 kl 13"), iso_date("4 mars 2021")
    (datetime.date(2021, 3, 4), None)
    """
    m = _ISO_DATE.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def analysis_json(analysis: Analysis) -> str:
    """The analysis as compact JSON without ``text`` and ``original_text`` (stored in ``texts``)."""
    d = analysis.to_dict()
    d.pop("text", None)
    d.pop("original_text", None)
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _document_row(a: Analysis, info: FileInfo, pipeline_version: str, run_id: int, seconds: float) -> Row:
    meeting = a.meeting
    coverage = a.sections.coverage if a.sections else {}
    values: dict[str, Any] = {
        "doc_id": info.doc_id,
        "path": info.path,
        "content_hash": info.content_hash,
        "pipeline_version": pipeline_version,
        "run_id": run_id,
        "analysed_at": utc_now(),
        "size_bytes": info.size_bytes,
        "mtime_ns": info.mtime_ns,
        "format": a.format,
        "kind": a.kind,
        "kind_confidence": a.kind_confidence,
        "language": a.metadata.get("language") or guess_language(a.text),
        "date": iso_date(meeting.date if meeting else None) or iso_date(meeting.document_date if meeting else None),
        "meeting_name": meeting.name if meeting else None,
        "meeting_date": meeting.date if meeting else None,
        "meeting_place": meeting.place if meeting else None,
        "document_date": meeting.document_date if meeting else None,
        "n_chars": len(a.original_text),
        "n_tokens": len(_TOKEN.findall(a.original_text)),
        "n_pages": len(a.pages) or 1,
        "n_paragraphs": len(a.paragraphs),
        "n_participants": len(a.participants),
        "n_decisions": len(a.decisions),
        "n_edits": sum(1 for e in a.edits if e.before != e.after),
        "damage_level": damage_level(a.original_text, a.edits),
        "top_theme": a.themes[0].label if a.themes else None,
        "seconds": round(seconds, 6),
        "missing_since": None,
    }
    for s in SECTIONS:
        values[f"coverage_{s}"] = coverage.get(s) if coverage else None
    return tuple(values[c] for c in column_names("documents"))


def _participant_rows(a: Analysis, doc_id: str) -> tuple[list[Row], list[Row], list[Row]]:
    participants: list[Row] = []
    mentions: list[Row] = []
    orgs: Counter[tuple[str, str | None]] = Counter()
    for i, p in enumerate(a.participants):
        participants.append((doc_id, i, p.name, p.role, p.organisation, p.sector, p.present, p.confidence,
                             len(p.mentions)))
        mentions.extend((doc_id, i, j, m.text, m.start, m.end) for j, m in enumerate(p.mentions))
        if p.organisation:
            orgs[(p.organisation, p.sector)] += 1
    organisations = [(doc_id, org, sector, n) for (org, sector), n in sorted(orgs.items(), key=lambda kv: kv[0][0])]
    return participants, mentions, organisations


def _paragraph_row(doc_id: str, p: Any) -> Row:
    scores = p.scores.as_dict() if p.scores is not None else {}
    return (doc_id, p.index, p.start, p.end, p.text, list(p.labels), *(scores.get(s) for s in SECTIONS))


def analysis_to_rows(analysis: Analysis, info: FileInfo, *, pipeline_version: str, run_id: int,
                     seconds: float = 0.0) -> Rows:
    """All rows of one document, keyed by table name (every document table is present)."""
    a, doc_id = analysis, info.doc_id
    participants, mentions, organisations = _participant_rows(a, doc_id)
    rows: Rows = {
        "documents": [_document_row(a, info, pipeline_version, run_id, seconds)],
        "texts": [(doc_id, a.original_text, a.text)],
        "analyses": [(doc_id, analysis_json(a))],
        "pages": [(doc_id, p.number, p.start, p.end, p.title, p.ocr) for p in a.pages],
        "participants": participants,
        "mentions": mentions,
        "organisations": organisations,
        "decisions": [
            (doc_id, i, d.type, d.text, d.item, d.responsible, d.deadline, d.start, d.end)
            for i, d in enumerate(a.decisions)
        ],
        "themes": [
            (doc_id, i + 1, t.label, t.score, t.vocabulary_id, len(t.spans), json.dumps([list(s) for s in t.spans]))
            for i, t in enumerate(a.themes)
        ],
        "paragraphs": [_paragraph_row(doc_id, p) for p in a.paragraphs],
        "edits": [
            (doc_id, i, e.start, e.end, e.before, e.after, e.step, e.confidence,
             e.before == e.after, list(e.alternatives))
            for i, e in enumerate(a.edits)
        ],
    }
    for table, table_rows in rows.items():
        width = len(TABLES[table])
        assert all(len(r) == width for r in table_rows), table
    return rows


def error_row(info: FileInfo, error: dict[str, str], *, stage: str, pipeline_version: str, run_id: int) -> Row:
    """The ``errors`` row of a file that failed; ``error`` is ``SvsamverkanError.to_dict()``."""
    values: dict[str, Any] = {
        "path": info.path,
        "doc_id": info.doc_id,
        "content_hash": info.content_hash,
        "pipeline_version": pipeline_version,
        "run_id": run_id,
        "failed_at": utc_now(),
        "size_bytes": info.size_bytes,
        "mtime_ns": info.mtime_ns,
        "stage": stage,
        "code": error.get("code", "E199"),
        "reason": error.get("reason", ""),
        "hint": error.get("hint") or None,
        "missing_since": None,
    }
    return tuple(values[c] for c in column_names("errors"))
