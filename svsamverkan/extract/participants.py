"""Participants: who took part, in what role, for which organisation and sector, present or not.

Structure-aware parsers propose candidate persons (see :mod:`.attendance`,
:mod:`.speakers`, :mod:`.authors`); :mod:`.canonical` merges spelling variants
and collects every mention; :mod:`.organisations` gives the sector. Which
parsers run, and what ``present`` defaults to, depends on the document kind:
people only cited in passing are not proposed by any parser.

>>> from svsamverkan.nlp import blank_swedish
>>> doc = blank_swedish()("Närvarande:\\nAnna Berg, rektor, Ale kommun\\n\\nPunkt 1. Anna informerar.")
>>> people = extract_participants(doc, kind="minutes")
>>> [(p.name, p.role, p.organisation, p.sector, p.present, len(p.mentions)) for p in people]
[('Anna Berg', 'rektor', 'Ale kommun', 'skola/förskola', True, 2)]
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ..model import Participant
from ..nlp import doc_text
from .attendance import attendance_candidates, cells_of, header_tables, signature_candidates, table_rows_candidates
from .authors import (
    author_list_candidates,
    byline_candidates,
    caption_first_names,
    name_title_blocks,
    panel_candidates,
    quoted_candidates,
    titled_mentions,
)
from .canonical import Candidate, find_mentions, merge_candidates
from .ner_stanza import merge_entities, stanza_entities
from .organisations import sector_of
from .speakers import speaker_candidates

_PRESENT_BY_KIND: dict[str, bool | None] = {
    "minutes": True,
    "transcript": True,
    "slides": True,
    "article": True,
    "abstract": None,
    "guideline": None,
    "other": None,
}
"""What ``present`` is for a person named by a title block, a panel or a speaker turn."""


def collect_candidates(
    text: str, kind: str, *, tables: tuple[tuple[tuple[str, ...], ...], ...] = ()
) -> list[Candidate]:
    """All candidate persons that the parsers for ``kind`` propose, in parser order.

    ``tables`` are table rows a reader found (DOCX/PDF), parsed like text tables.
    """
    default = _PRESENT_BY_KIND.get(kind)
    cands: list[Candidate] = []
    for rows in tables:
        cands += table_rows_candidates([list(r) for r in rows])
    parsed: set[tuple[str, ...]] = set()
    for rows in header_tables(text):
        found = table_rows_candidates([list(r) for r in rows])
        cands += found
        if found:
            parsed.update(tuple(r) for r in rows)
    cands += attendance_candidates(_mask_rows(text, parsed) if parsed else text)
    cands += [replace(c, present=True) for c in signature_candidates(text)]
    if kind == "transcript":
        cands += speaker_candidates(text)
    cands += [replace(c, present=default if c.present is None else c.present) for c in name_title_blocks(text)]
    if kind != "transcript":
        present = default if kind in {"article", "slides"} else None
        cands += [replace(c, present=present) for c in panel_candidates(text)]
        cands += [replace(c, present=None) for c in author_list_candidates(text)]
    if kind in {"abstract", "article", "other", "guideline"}:
        cands += [replace(c, present=None) for c in titled_mentions(text)]
    if kind in {"article", "other"}:
        event = any(c.source in {"panel", "attendance"} for c in cands)  # a report from an event
        cands = [replace(c, present=True) if event and c.source == "titled" else c for c in cands]
        cands += [replace(c, present=True if event else None) for c in quoted_candidates(text)]
        cands += byline_candidates(text)
    if kind == "article":
        cands += caption_first_names(text)
    return cands


def _mask_rows(text: str, rows: set[tuple[str, ...]]) -> str:
    """``text`` with the lines of already parsed text tables blanked, so no other parser reads them again.

    >>> _mask_rows("Namn | Org\\nOla Ek | BUP\\nSlut", {("Namn", "Org"), ("Ola Ek", "BUP")})
    '\\n\\nSlut'
    """
    return "\n".join("" if tuple(cells_of(ln)) in rows else ln for ln in text.split("\n"))


def publisher_organisation(text: str) -> str | None:
    """The organisation in a footer line with a postal address or web address.

    >>> publisher_organisation("Text\\nFoU Väst, Storgatan 1, 411 01 Göteborg\\n")
    'FoU Väst'
    """
    for line in text.splitlines():
        if re.search(r"\b\d{3} ?\d{2} [A-ZÅÄÖ]", line) and "," in line:
            head = line.split(",")[0].strip()
            head = re.split(r"\b(?:produceras|ges ut|drivs)\s+av\s+", head)[-1].strip()
            if 1 <= len(head.split()) <= 5 and head[:1].isupper() and not re.match(r"\d", head):
                return head
    return None


def _host_organisation(people: list[Candidate], text: str, kind: str) -> list[Candidate]:
    """In a transcript, the host (who speaks first) works for the publisher in the footer."""
    if kind != "transcript" or not people or people[0].organisation:
        return people
    org = publisher_organisation(text)
    if org is None:
        return people
    return [replace(people[0], organisation=org), *people[1:]]


def _keep(c: Candidate) -> bool:
    """Single first names are kept only from speaker turns and captions."""
    if len(c.name.split()) >= 2:
        return True
    return bool(set(c.source.split("+")) & {"turn", "caption"})


def extract_participants(doc: Doc, *, kind: str = "other") -> list[Participant]:
    """Return the participants of ``doc`` (offsets into ``doc.text``).

    >>> from svsamverkan.nlp import blank_swedish
    >>> doc = blank_swedish()("Närvarande:\\nAnna Berg, rektor, Ale kommun\\n")
    >>> [(p.name, p.role, p.organisation, p.sector, p.present) for p in extract_participants(doc, kind="minutes")]
    [('Anna Berg', 'rektor', 'Ale kommun', 'skola/förskola', True)]
    """
    text = doc_text(doc)
    ctx = doc._.svs_document if Doc.has_extension("svs_document") else None
    tables = tuple(t.rows for t in getattr(ctx, "tables", ()) or ())
    cands = collect_candidates(text, kind, tables=tables)
    entities = stanza_entities(text)  # None unless the stanza extra and its Swedish models are installed
    if entities is not None:
        cands = merge_entities(cands, entities, text)
    people = [c for c in merge_candidates(cands) if _keep(c)]
    people = _host_organisation(people, text, kind)
    mentions = find_mentions(text, people)
    return [
        Participant(
            name=c.name,
            role=c.role,
            organisation=c.organisation,
            sector=sector_of(c.organisation, c.role),
            present=c.present,
            mentions=tuple(ms),
            confidence=round(c.confidence, 2),
        )
        for c, ms in zip(people, mentions)
    ]
