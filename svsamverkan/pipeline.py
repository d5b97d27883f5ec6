"""The pipeline: read -> repair -> NLP -> extract -> classify.

Each stage is replaceable: pass your own ``reader``, ``repairer`` or spaCy
``nlp`` to :class:`Pipeline`. Extraction and classification run as spaCy
components inside ``nlp`` (see :mod:`svsamverkan.components`).

>>> a = analyze_text("Hej och välkommen.")
>>> a.kind, a.text
('other', 'Hej och välkommen.')
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from .classify import Prediction
from .model import (
    SECTIONS,
    Analysis,
    Decision,
    Document,
    MeetingInfo,
    Mention,
    Page,
    ParagraphResult,
    Participant,
    SectionCoverage,
    SectionScores,
    Table,
    Theme,
)
from .nlp import doc_text
from .paragraphs import split_paragraphs
from .readers import DEFAULT_MAX_BYTES, ReadResult, read
from .repair import RepairResult, repair
from .repair.result import OffsetMapper

Reader = Callable[..., ReadResult]
Repairer = Callable[[str], RepairResult]


@dataclass(frozen=True, slots=True)
class _Context:
    """What the components may see of the earlier stages (``doc._.svs_document``)."""

    document: Document
    kind_hint: str | None
    forced_kind: str | None
    tables: tuple[Table, ...]


class Pipeline:
    """The configurable analysis pipeline.

    >>> p = Pipeline()
    >>> p.analyze_text("Punkten bordläggs.").source
    '<text>'
    """

    def __init__(
        self,
        *,
        reader: Reader = read,
        repairer: Repairer = repair,
        nlp: Language | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.reader = reader
        self.repairer = repairer
        self._nlp = nlp
        self.max_bytes = max_bytes

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (built on first use)."""
        if self._nlp is None:
            from .nlp import shared_nlp

            self._nlp = shared_nlp()
        return self._nlp

    # -- stages -----------------------------------------------------------------
    def read(self, path: str | Path) -> ReadResult:
        """Stage 1: read a file."""
        return self.reader(path, max_bytes=self.max_bytes)

    def repair(self, raw: ReadResult) -> tuple[Document, RepairResult]:
        """Stage 2: repair the text; the document keeps both texts and the edits."""
        rr = self.repairer(raw.text)
        to_orig = rr.offset_mapper()
        doc = Document(
            source=raw.source,
            kind=raw.kind_hint or "other",
            original_text=raw.text,
            text=rr.text,
            format=raw.format,
            pages=raw.pages,
            tables=raw.tables,
            edits=rr.edits,
            paragraphs=tuple((to_orig(s), to_orig(e)) for s, e in split_paragraphs(rr.text)),
            metadata=dict(raw.metadata),
        )
        return doc, rr

    def analyze_read(self, raw: ReadResult, *, kind: str | None = None) -> Analysis:
        """Stages 2-5 on something already read."""
        document, rr = self.repair(raw)
        ctx = _Context(document=document, kind_hint=raw.kind_hint, forced_kind=kind, tables=raw.tables)
        spacy_doc = self.nlp.make_doc(document.text)
        spacy_doc.user_data["svs_text"] = document.text  # what nlp.doc_text would compute
        spacy_doc._.svs_document = ctx
        for _name, proc in self.nlp.pipeline:
            spacy_doc = proc(spacy_doc)
        return _build_analysis(document, rr, spacy_doc)

    def analyze_file(self, path: str | Path, *, kind: str | None = None) -> Analysis:
        """Analyse one file."""
        return self.analyze_read(self.read(path), kind=kind)

    def analyze_text(self, text: str, *, source: str = "<text>", kind: str | None = None) -> Analysis:
        """Analyse a text given as a string."""
        raw = ReadResult(source=source, format="txt", text=text.replace("\r\n", "\n"))
        return self.analyze_read(raw, kind=kind)

    def analyze(self, path_or_text: str | Path, *, kind: str | None = None) -> Analysis:
        """Analyse a file (a ``Path``, or a string naming an existing file) or a text."""
        if isinstance(path_or_text, Path) or _looks_like_existing_path(path_or_text):
            return self.analyze_file(path_or_text, kind=kind)
        return self.analyze_text(str(path_or_text), kind=kind)


def _looks_like_existing_path(s: str) -> bool:
    return "\n" not in s and len(s) < 4096 and os.path.isfile(s)


def _map_mentions(mentions: tuple[Mention, ...], to_orig: OffsetMapper) -> tuple[Mention, ...]:
    return tuple(replace(m, start=to_orig(m.start), end=to_orig(m.end)) for m in mentions)


def _build_analysis(document: Document, rr: RepairResult, doc: Any) -> Analysis:
    """Collect the components' results and map every offset to the original text."""
    to_orig = rr.offset_mapper()
    participants: list[Participant] = [
        replace(p, mentions=_map_mentions(p.mentions, to_orig)) for p in (doc._.participants or [])
    ]
    decisions: list[Decision] = [
        replace(d, start=to_orig(d.start) if d.start is not None else None,
                end=to_orig(d.end) if d.end is not None else None)
        for d in (doc._.decisions or [])
    ]
    themes: list[Theme] = [
        replace(t, spans=tuple((to_orig(s), to_orig(e)) for s, e in t.spans)) for t in (doc._.themes or [])
    ]
    meeting: MeetingInfo | None = doc._.meeting
    paras = doc._.paragraphs or []
    preds: list[Prediction] = doc._.section_predictions or []
    paragraphs: list[ParagraphResult] = []
    text = doc_text(doc)
    for i, (s, e) in enumerate(paras):
        pred = preds[i] if i < len(preds) else None
        scores = None
        if pred is not None and pred.scores:
            scores = SectionScores(**{k: float(pred.scores.get(k, 0.0)) for k in SECTIONS})
        paragraphs.append(
            ParagraphResult(
                index=i,
                start=to_orig(s),
                end=to_orig(e),
                text=text[s:e],
                labels=tuple(pred.labels) if pred else (),
                scores=scores,
                explanations=dict(pred.explanations) if pred else {},
            )
        )
    sections = _coverage(paragraphs)
    pages: tuple[Page, ...] = document.pages
    return Analysis(
        source=document.source,
        kind=doc._.doc_kind or "other",
        kind_confidence=doc._.doc_kind_confidence,
        format=document.format,
        text=document.text,
        original_text=document.original_text,
        pages=pages,
        edits=document.edits,
        participants=tuple(participants),
        decisions=tuple(decisions),
        themes=tuple(themes),
        paragraphs=tuple(paragraphs),
        sections=sections,
        meeting=meeting,
        metadata=dict(document.metadata),
    )


def _coverage(paragraphs: list[ParagraphResult], top: int = 3) -> SectionCoverage:
    """Share of text per section, and the strongest passages per section."""
    total = sum(p.end - p.start for p in paragraphs) or 1
    coverage = {s: 0.0 for s in SECTIONS}
    top_passages: dict[str, tuple[int, ...]] = {}
    if not any(p.scores for p in paragraphs):
        return SectionCoverage(coverage={}, top_passages={})
    for p in paragraphs:
        for label in p.labels:
            coverage[label] += (p.end - p.start) / total
    for s in SECTIONS:
        ranked = sorted(
            (p for p in paragraphs if s in p.labels and p.scores is not None),
            key=lambda p: -getattr(p.scores, s),
        )
        top_passages[s] = tuple(p.index for p in ranked[:top])
    return SectionCoverage(coverage={k: round(v, 4) for k, v in coverage.items()}, top_passages=top_passages)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The shared default pipeline (one per process).

    >>> default_pipeline() is default_pipeline()
    True
    """
    return Pipeline()


def analyze(path_or_text: str | Path, *, kind: str | None = None) -> Analysis:
    """Analyse a file or a text with the default pipeline.

    >>> analyze("Hej").participants
    ()
    """
    return default_pipeline().analyze(path_or_text, kind=kind)


def analyze_text(text: str, *, source: str = "<text>", kind: str | None = None) -> Analysis:
    """Analyse a string with the default pipeline.

    >>> analyze_text("Punkten bordläggs till nästa möte.", kind="minutes").decisions[0].type
    'bordlagd'
    """
    return default_pipeline().analyze_text(text, source=source, kind=kind)


def analyze_file(path: str | Path, *, kind: str | None = None) -> Analysis:
    """Analyse a file with the default pipeline.

    >>> analyze_file("no-such-minutes.pdf")
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E001: 'no-such-minutes.pdf': file not found
    """
    return default_pipeline().analyze_file(path, kind=kind)
