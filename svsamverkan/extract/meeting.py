"""Meeting metadata: group or meeting name, meeting date, place, document date, agenda items.

Labelled header fields (``Ärende``, ``Datum``, ``Plats`` ...; the labels are in
``lang/agenda_headings.tsv``) are read first; a title line such as
"Minnesanteckningar från Styrgruppen 12 mars 2024" fills what is missing.
A document counts as a meeting record when its kind is ``minutes`` or when it
has meeting header fields or a numbered agenda together with a meeting word.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import MeetingInfo
from ..nlp import doc_text
from .agenda import agenda_items
from .textspans import blank_markup, clean_markup, fold, load_tsv

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")
_DATE = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    r"|\b(?P<d>[0-3]?\d)(?::e|:a)?\s+(?P<m>" + "|".join(_MONTHS) + r")\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<d2>[0-3]?\d)/(?P<m2>[01]?\d)\s+(?P<y2>(?:19|20)\d\d)\b",
    re.I,
)
_MEETING_WORDS = re.compile(
    r"\b(?:minnesanteckningar|protokoll|mötesanteckningar|anteckningar från|sammanträde|närvarande|dagordning"
    r"|justeras|sekreterare|mötet)\b",
    re.I,
)
_TITLE = re.compile(
    r"^\W*(?i:minnesanteckningar|mötesanteckningar|protokoll|anteckningar)[ \t]*"
    r"(?:(?:från|för|vid)[ \t]+(?:(?i:möte)[ \t]+(?:med|i)[ \t]+)?|[,–:-]?[ \t]*(?=[A-ZÅÄÖ0-9]))"
    r"(?P<rest>[^\n]{3,120})$",
    re.M,
)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``, else ``None``.

    >>> parse_date("tisdag 5 mars 2024 kl 13")
    '2024-03-05'
    >>> parse_date("2026-04-29") , parse_date("ingen")
    ('2026-04-29', None)
    """
    m = _DATE.search(text)
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso")
    if m.group("m"):
        return f"{m.group('y')}-{_MONTHS.index(m.group('m').lower()) + 1:02d}-{int(m.group('d')):02d}"
    month = int(m.group("m2"))
    if not 1 <= month <= 12:
        return None
    return f"{m.group('y2')}-{month:02d}-{int(m.group('d2')):02d}"


def _labels() -> dict[str, str]:
    """Folded label -> field."""
    return {fold(label): field for field, label in load_tsv("agenda_headings.tsv") if field != "procedural"}


def header_fields(text: str) -> list[tuple[str, str, int]]:
    """``(field, value, line_number)`` for every labelled header line in the first part of ``text``.

    >>> header_fields("Ärende: Styrgrupp barn\\nDatum\\t2024-03-05\\nPlats: Stadshuset")
    [('name', 'Styrgrupp barn', 0), ('date', '2024-03-05', 1), ('place', 'Stadshuset', 2)]
    """
    labels = _labels()
    names = sorted(labels, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    pattern = re.compile(r"^[ \t]*(" + alternatives + r")[ \t]*(?::|\t|[ \t](?=\d))[ \t]*(\S.*)$")
    out = []
    head = blank_markup(text[:6000])
    for i, line in enumerate(head.split("\n")):
        m = pattern.match(fold(line))
        if not m:
            continue
        value = clean_markup(line[m.start(2):]).strip(" \t:")
        field = labels[m.group(1)]
        if field in ("date", "document_date") and parse_date(value) is None:
            continue
        if value and len(value) <= 150:
            out.append((field, value, i))
    return out


def _pick(fields: list[tuple[str, str, int]]) -> dict[str, str]:
    """Choose meeting date vs document date: the date nearest the name/place fields is the meeting's."""
    found: dict[str, str] = {}
    anchor = [ln for f, _, ln in fields if f in ("name", "place")]
    dates = [(v, ln) for f, v, ln in fields if f == "date"]
    for f, v, _ in fields:
        if f in ("name", "place", "document_date") and f not in found:
            found[f] = v
    if dates:
        if anchor and len(dates) > 1:
            dates.sort(key=lambda d: min(abs(d[1] - a) for a in anchor))
            found["date"] = dates[0][0]
            found.setdefault("document_date", dates[1][0])
        else:
            found["date"] = dates[0][0]
    return found


def _place_only(value: str) -> str:
    """'Stadshuset, 2024-03-05 kl 13' -> 'Stadshuset'."""
    m = _DATE.search(value)
    cut = value[: m.start()] if m else value
    cut = re.split(r",?\s+kl\.?\s*\d", cut)[0]
    return cut.strip(" ,;–-") or value


def extract_meeting(doc: Doc, *, kind: str = "other") -> MeetingInfo | None:
    """Return meeting metadata, or ``None`` when the document is not a meeting record.

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_meeting(blank_swedish()("Hej")) is None
    True
    >>> m = extract_meeting(blank_swedish()("Ärende: Styrgrupp barn\\nDatum: 2024-03-05\\n1. Övrigt\\n2. Nästa möte"))
    >>> m.name, m.date, [a["title"] for a in m.agenda]
    ('Styrgrupp barn', '2024-03-05', ['Övrigt', 'Nästa möte'])
    """
    text = doc_text(doc)
    fields = header_fields(text)
    items = agenda_items(text)
    has_words = bool(_MEETING_WORDS.search(text[:3000]))
    is_meeting = kind == "minutes" or len(fields) >= 2 or (bool(items) and has_words)
    if not is_meeting:
        return None
    found = _pick(fields)
    name = found.get("name")
    date = parse_date(found["date"]) if "date" in found else None
    title = _TITLE.search(text[:1500])
    if title:
        rest = clean_markup(title.group("rest"))
        if date is None:
            date = parse_date(rest)
        if name is None:
            cut = _DATE.search(rest)
            candidate = (rest[: cut.start()] if cut else rest).strip(" ,;–-")
            candidate = re.sub(r"\s+(?:den|från|,)$", "", candidate).strip()
            if 2 < len(candidate) <= 100:
                name = candidate
    place = _place_only(found["place"]) if "place" in found else None
    doc_date = parse_date(found["document_date"]) if "document_date" in found else None
    if doc_date == date and doc_date is not None and "document_date" not in {f for f, _, _ in fields}:
        doc_date = None
    return MeetingInfo(
        name=name,
        date=date,
        place=place,
        document_date=doc_date,
        agenda=tuple(i.to_dict() for i in items),
    )
