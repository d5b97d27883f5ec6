"""Attendance in minutes: attendance tables and lists, present/absent marks, signatures.

Handles the layouts seen in Swedish minutes:

* a heading ("Närvarande", "Frånvarande", "Anmält förhinder", "Adjungerade", ...)
  followed by one person a line ("Anna Berg, rektor, Ale kommun"), or inline
  ("Närvarande: Anna Berg (ordf.), Bo Ek");
* tables whose cells hold a name, a mark (√ ✓ x present, - absent) and notes
  such as "(adjungerad punkt 4)", one or two persons a row, cells split by tabs,
  ``|`` or wide spaces, with or without ``<b>``/``<i>`` markup;
* the signature block ("Vid protokollet", "Vid minnesanteckningen", "Justeras").

>>> text = "Närvarande:\\nAnna Berg, ordförande, Ale kommun\\nBo Ek, BUP\\n\\nFrånvarande:\\nCia Dahl, Elevhälsan\\n"
>>> [(c.name, c.role, c.organisation, c.present) for c in attendance_candidates(text)]
[('Anna Berg', 'ordförande', 'Ale kommun', True), ('Bo Ek', None, 'BUP', True), ('Cia Dahl', None, 'Elevhälsan', False)]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..resources import lang_path
from .canonical import Candidate
from .names import could_be_first_name, fold, is_first_name, is_name_token, split_person_prefix
from .organisations import org_starts_at
from .roles import adjunct_note, combine_roles, role_at_start

PRESENT_MARKS = ("√", "✓", "✔", "☑", "x", "X", "ja", "Ja", "närv")
ABSENT_MARKS = ("-", "–", "—", "nej", "Nej", "ej", "frånv")
_MARK_RE = re.compile(r"^(?:√|✓|✔|☑|x|X|ja|Ja|nej|Nej|-|–|—)(?=\s|$|\))")
_TAG_RE = re.compile(r"</?(?:b|i|u|strong|em|span)[^>]*>", re.IGNORECASE)
_CELL_SPLIT = re.compile(r"\t+|\s*\|\s*|[ \u00a0]{3,}")
_PARTIES = frozenset({"S", "M", "V", "C", "L", "KD", "SD", "MP"})
"""Party letters after politicians' names ("Anna Berg (S)") are not organisations of the meeting."""
_ROLE_ABBREV = {"ordf": "ordförande", "sekr": "sekreterare", "just": "justerare", "ers": "ersättare"}

_AFTER_HEADING = r"\s*(?:[*_]+\s*)?(?:$|[:(]|(?:punkt|p\.|§)[\s\d,–\-och]*:?\s*$)"
"""What may follow an attendance heading: nothing, a colon, a note in brackets, "punkt 3"."""

SIGNATURE_HEADINGS: tuple[tuple[str, str | None], ...] = (
    ("vid protokollet", "sekreterare"),
    ("vid minnesanteckningen", None),
    ("vid minnesanteckningarna", None),
    ("vid anteckningarna", None),
    ("antecknat av", None),
    ("antecknare", "antecknare"),
    ("minnesanteckningar förda av", None),
    ("protokollförare", "protokollförare"),
    ("sekreterare", "sekreterare"),
    ("justeras", "justerare"),
    ("justerare", "justerare"),
    ("justerat", "justerare"),
    ("ordförande", "ordförande"),
)

_SIGNATURE_FOLDED = tuple((h, fold(h[0])) for h in SIGNATURE_HEADINGS)
_SIGNATURE_STARTS = tuple(f for _, f in _SIGNATURE_FOLDED)


@lru_cache(maxsize=1)
def attendance_headings() -> tuple[tuple[str, bool | None, str | None], ...]:
    """Headings of attendance blocks: (heading, presence, role), longest first."""
    rows = []
    for line in lang_path("attendance_headings.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [*line.split("\t"), "", "", ""][:3]
        presence = {"true": True, "false": False}.get(parts[1].strip())
        rows.append((parts[0].strip(), presence, parts[2].strip() or None))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _folded_headings() -> tuple[tuple[str, str, bool | None, str | None], ...]:
    """``(heading, folded heading, presence, role)`` for every attendance heading, longest first."""
    return tuple((heading, fold(heading), presence, role) for heading, presence, role in attendance_headings())


@lru_cache(maxsize=1)
def _heading_starts() -> tuple[str, ...]:
    """The folded headings, for one quick ``startswith`` test before the loop."""
    return tuple(h for _, h, _, _ in _folded_headings())


def _heading(cell: str) -> tuple[tuple[bool | None, str | None], str] | None:
    """If ``cell`` starts with an attendance heading: ((presence, role), rest of cell)."""
    clean = _TAG_RE.sub("", cell).strip().lstrip("#*_ ").strip()
    low = fold(clean).lower()
    if not low.startswith(_heading_starts()):
        return None
    for heading, h, presence, role in _folded_headings():
        if low.startswith(h) and re.match(_AFTER_HEADING, low[len(h):]):
            rest = clean[len(heading):].strip()
            rest = re.sub(r"^[*_]*\s*(?:\([^)]*\))?\s*[:*_]*\s*", "", rest)
            return (presence, role), rest
    return None


def _mark_presence(text: str) -> tuple[bool | None, str]:
    """A leading present/absent mark and the text after it."""
    m = _MARK_RE.match(text)
    if not m:
        return None, text
    mark = m.group(0)
    return (mark not in ABSENT_MARKS), text[m.end():].strip()


def _paren_notes(text: str) -> tuple[list[str], str]:
    notes = re.findall(r"\(([^)]{1,60})\)", text)
    rest = re.sub(r"\s*\([^)]{1,60}\)\s*", " ", text).strip()
    return notes, rest


def parse_entry(cell: str, *, presence: bool | None = None, role: str | None = None) -> Candidate | None:
    """One attendance entry ("Anna Berg √ (adjungerad) Rektor, Ale kommun") as a candidate.

    >>> c = parse_entry("<b>Per Ek</b> √ <i>(adjungerad punkt 4)</i> <i>Ale kommun</i>")
    >>> (c.name, c.role, c.organisation, c.present)
    ('Per Ek', 'adjungerad punkt 4', 'Ale kommun', True)
    >>> parse_entry("Punkten bordläggs") is None
    True
    """
    parsed = _parse_entry(cell, presence=presence, role=role)
    return parsed[0] if parsed else None


def _parse_entry(
    cell: str, *, presence: bool | None = None, role: str | None = None
) -> tuple[Candidate, bool] | None:
    """The candidate of one entry and whether it carried a present/absent mark."""
    bold = re.match(r"\s*<(?:b|strong)>([^<]+)</(?:b|strong)>", cell, re.IGNORECASE)
    text = _TAG_RE.sub(" ", cell)
    text = re.sub(r"^[\s•*·\-–]+(?=\w)", "", text).strip()
    text = re.sub(r"\s+", " ", text)
    mark, text = _mark_presence(text)
    if bold and len(bold.group(1).split()) >= 2 and is_first_name(bold.group(1).split()[0]):
        written = re.sub(r"\s+", " ", bold.group(1)).strip()
        name = re.sub(r"\s*-\s*", "-", written)
        rest = text[len(written):].strip() if text.startswith(written) else text.replace(written, "", 1).strip()
    else:
        split = split_person_prefix(text, strict=False)
        if split is None:
            return None
        name, rest = split
    rest = rest.lstrip(",:;– ").strip()
    if mark is None:
        mark, rest = _mark_presence(rest)
    notes, rest = _paren_notes(rest)
    adj = None
    title = None
    paren_orgs: list[str] = []
    for n in notes:
        low = n.lower().rstrip(".")
        if adjunct_note(n):
            adj = adjunct_note(n)
        elif low in _ROLE_ABBREV:
            title = _ROLE_ABBREV[low]
        elif role_at_start(n):
            title = n
        elif not _MARK_RE.fullmatch(n.strip()) and n.strip() not in _PARTIES:
            paren_orgs.append(n.strip())  # "Anna Berg (Ale kommun)"
    if mark is None:
        mark, rest = _mark_presence(rest)
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+[–—]\s+", rest) if p.strip()]
    org_parts = []
    for p in parts:
        if p.lower().rstrip(".") in _ROLE_ABBREV and title is None:
            title = _ROLE_ABBREV[p.lower().rstrip(".")]
            continue
        r = None if org_starts_at(p) else role_at_start(p)
        if r and title is None and len(p) - len(r) < 3:
            title = p
        elif r and title is None and not org_parts:
            title = r
            if p[len(r):].strip():
                org_parts.append(p[len(r):].strip())
        else:
            org_parts.append(p)
    organisation = ", ".join(org_parts or paren_orgs) or None
    if adj is None and role and role.startswith("adjung"):
        adj = role
    full_role = combine_roles(title, adj) or (role if role and not role.startswith("adjung") else None)
    present = mark if mark is not None else presence
    cand = Candidate(
        name, role=full_role, organisation=organisation, present=present, source="attendance", confidence=0.9
    )
    return cand, mark is not None


def _cells(line: str) -> list[str]:
    # a line without tab, bar, double space or no-break space is one cell (skips the slow split)
    parts = _CELL_SPLIT.split(line) if any(c in line for c in _CELL_MARKS) else [line]
    return [c for c in parts if _TAG_RE.sub("", c).strip()]


_CELL_MARKS = ("\t", "|", "  ", "\u00a0")
"""Every cell separator of ``_CELL_SPLIT`` holds one of these."""


def _entries_inline(rest: str) -> list[str]:
    """Split "Anna Berg (ordf.), Ale kommun, Bo Ek" into one string per person."""
    if ";" in rest:
        return [p.strip() for p in rest.split(";") if p.strip()]
    pieces = [p.strip() for p in re.split(r"\s*,\s*|\s+och\s+", rest) if p.strip()]
    entries: list[str] = []
    for p in pieces:
        if split_person_prefix(p, strict=False) is not None or not entries:
            entries.append(p)
        else:
            entries[-1] += ", " + p
    return entries


def _row_entries(cells: list[str]) -> list[str]:
    """Entries of one table row: one per person cell; mark-only and org cells join the person."""
    entries: list[str] = []
    pending: list[str] = []
    for c in cells:
        plain = re.sub(r"\s+", " ", _TAG_RE.sub(" ", c)).strip()
        bold = re.match(r"\s*<(?:b|strong)>([^<]+)</", c, re.IGNORECASE)
        if split_person_prefix(re.sub(r"^(?:√|✓|✔|x|X|-|–)\s+", "", plain), strict=False) is not None or (
            bold is not None and len(bold.group(1).split()) >= 2 and is_first_name(bold.group(1).split()[0])
        ):
            entries.append(c)
        elif entries:
            entries[-1] += " , " + c if not _MARK_RE.fullmatch(plain) else " " + plain
        else:
            pending.append(plain)
    if entries and pending and all(_MARK_RE.fullmatch(p) for p in pending):
        entries[0] = re.sub(r"^(\s*<b>[^<]*</b>|\S+ \S+)", lambda m: m.group(0) + " " + pending[0], entries[0], count=1)
    return entries


def _close_block(block: list[tuple[Candidate, bool]]) -> list[Candidate]:
    """In a block where some entries carry marks, an entry without a mark was absent."""
    if any(marked for _, marked in block):
        return [c if marked else replace(c, present=False) for c, marked in block]
    return [c for c, _ in block]


def attendance_candidates(text: str) -> list[Candidate]:
    """Persons listed in attendance blocks and tables of ``text``."""
    out: list[Candidate] = []
    block: list[tuple[Candidate, bool]] = []
    state: tuple[bool | None, str | None] | None = None
    gap = 0
    for line in text.splitlines():
        if not line.strip():
            gap += 1
            if gap > 1 and state is not None:
                state = None
                out += _close_block(block)
                block = []
            continue
        cells = _cells(line)
        found_in_line = 0
        for i, cell in enumerate(cells):
            h = _heading(cell)
            if h is None:
                continue
            (presence, role), rest = h
            note = adjunct_note(_TAG_RE.sub("", cell))
            state = (presence, note.lower() if note and role == "adjungerad" else role)
            if note and rest and re.fullmatch(r"(?:punkt|p\.|§)[\s\d,–\-och]*:?", rest.lower()):
                rest = ""
            for e in _entries_inline(rest) if rest else []:
                parsed = _parse_entry(e, presence=state[0], role=state[1])
                if parsed:
                    block.append(parsed)
                    found_in_line += 1
            cells[i] = ""
        if state is None:
            gap = 0
            continue
        for e in _row_entries([c for c in cells if c]):
            parsed = _parse_entry(e, presence=state[0], role=state[1])
            if parsed:
                block.append(parsed)
                found_in_line += 1
        ends_block = len(line.split()) > 8 or gap
        if not found_in_line and not any(_heading(c) for c in _cells(line)) and ends_block:
            state = None
            out += _close_block(block)
            block = []
        gap = 0
    return out + _close_block(block)


_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("namn", "deltagare", "ledamot", "ledamöter", "person"),
    "role": ("funktion", "roll", "titel", "befattning", "uppdrag", "yrke"),
    "org": ("organisation", "verksamhet", "förvaltning", "enhet", "representerar", "myndighet", "arbetsplats"),
    "present": ("närvaro", "närvarande", "närv", "närvarande (x)", "deltog"),
}


def _column_roles(header: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        low = _TAG_RE.sub("", cell).strip(" *_:").lower()
        for kind, words in _COLUMNS.items():
            if low in words and kind not in cols:
                cols[kind] = i
    return cols if "name" in cols and len(cols) >= 2 else None


def table_rows_candidates(rows: list[list[str]]) -> list[Candidate]:
    """Persons in a table whose header row names its columns (Namn, Funktion, Organisation, Närvaro).

    >>> rows = [["Namn", "Organisation", "Närvaro"], ["Ola Ek", "BUP", "x"], ["Eva Berg", "BVC", ""]]
    >>> [(c.name, c.organisation, c.present) for c in table_rows_candidates(rows)]
    [('Ola Ek', 'BUP', True), ('Eva Berg', 'BVC', False)]
    """
    out: list[Candidate] = []
    cols: dict[str, int] | None = None
    for row in rows:
        if cols is None:
            cols = _column_roles(row)
            continue
        if all(set(c.strip()) <= set("-:| ") for c in row):
            continue
        cell = {k: (row[i].strip() if i < len(row) else "") for k, i in cols.items()}
        split = split_person_prefix(re.sub(r"\s+", " ", _TAG_RE.sub("", cell["name"])) + " x", strict=False)
        if split is None:
            continue
        present = None
        if "present" in cols:
            mark, _ = _mark_presence(cell["present"])
            present = bool(mark) if cell["present"] else False
        out.append(
            Candidate(
                split[0], role=cell.get("role") or None, organisation=cell.get("org") or None,
                present=present, source="table", confidence=0.9,
            )
        )
    return out


def cells_of(line: str) -> list[str]:
    """The cells of a ``|`` or tab separated line.

    >>> cells_of("| Ola Ek | BUP |")
    ['Ola Ek', 'BUP']
    """
    return [c.strip() for c in re.split(r"\t|\|", line.strip().strip("|"))]


def header_tables(text: str) -> list[list[list[str]]]:
    """Tables written as text (``|`` or tab separated lines), as lists of rows of cells."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if "|" in line or "\t" in line:
            current.append(cells_of(line))
        else:
            if len(current) >= 2:
                tables.append(current)
            current = []
    return tables


def signature_candidates(text: str) -> list[Candidate]:
    """The note-taker, chair and adjusters named in signature blocks.

    >>> s = "Vid protokollet\\n\\nEva Lund\\nNämndsekreterare\\n\\nJusteras\\nOla Berg"
    >>> [(c.name, c.role) for c in signature_candidates(s)]
    [('Eva Lund', 'Nämndsekreterare'), ('Ola Berg', 'justerare')]
    """
    lines = [re.sub(r"[*_#]+", "", _TAG_RE.sub("", ln)).strip() for ln in text.splitlines()]
    out: list[Candidate] = []
    for i, line in enumerate(lines):
        low = fold(line).lower().rstrip(":")
        if not low.startswith(_SIGNATURE_STARTS):
            continue
        head = next((h for h, f in _SIGNATURE_FOLDED if low == f or low.startswith(f + ":")), None)
        if head is None:
            continue
        inline = line.split(":", 1)[1].strip() if ":" in line else ""
        following = [inline] if inline else [ln for ln in lines[i + 1 : i + 4] if ln][:2]
        if not following:
            continue
        name_line = re.sub(r"\s*[,(].*$", "", following[0]).strip()
        tokens = name_line.split()
        if not (2 <= len(tokens) <= 4 and could_be_first_name(tokens[0]) and all(is_name_token(t) for t in tokens[1:])):
            continue
        role = head[1]
        org = None
        if len(following) > 1 and role_at_start(following[1]):
            role, _, rest = following[1].partition(",")  # "Samordnare, Familjecentralen Solrosen"
            org = rest.strip() or None
        elif "," in following[0]:
            role = role_at_start(following[0].split(",", 1)[1].strip()) or role
        out.append(Candidate(name_line, role=role, organisation=org, present=True, source="signature", confidence=0.85))
    return out
