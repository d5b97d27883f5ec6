"""Agenda structure: numbered items, § numbers and bold item headings, with their spans.

An agenda item is a line that starts with a number (``3.``, ``3)``, ``§ 12``,
``Punkt 3:``), possibly inside bold or heading markup, followed by a short
title. Items must form an increasing sequence, so numbered lists inside an
item are not mistaken for new items.

>>> t = "1. Välkommen\\nHej.\\n2. **Skolfrånvaro**\\nPunkten bordläggs.\\n"
>>> [(i.number, i.title, t[i.start:i.end].splitlines()[0]) for i in agenda_items(t)]
[('1', 'Välkommen', '1. Välkommen'), ('2', 'Skolfrånvaro', '2. **Skolfrånvaro**')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .textspans import clean_markup, fold, load_tsv

_ITEM = re.compile(
    r"^[ \t]*(?:#{1,4}[ \t]*)?(?:\*{1,3}|<b>|<u>|<strong>)?[ \t]*"
    r"(?P<num>§[ \t]*\d{1,3}|(?:[Pp]unkt[ \t]+)?\d{1,2}(?:[.)]|(?=[ \t]*[:–-]))|[Pp]unkt[ \t]+\d{1,2})"
    r"[ \t]*[:–-]?[ \t]*(?P<title>\S[^\n]{0,160})$",
    re.M,
)


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One agenda item: its number as written, its title and its character span."""

    number: str
    title: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        """The item as stored in ``MeetingInfo.agenda``."""
        return {"number": self.number, "title": self.title, "start": self.start, "end": self.end}


@lru_cache(maxsize=1)
def procedural_titles() -> frozenset[str]:
    """Folded titles of procedural items (Övrigt, Val av justerare, ...) that name no theme.

    >>> "ovrigt" in procedural_titles()
    True
    """
    return frozenset(fold(label) for field, label in load_tsv("agenda_headings.tsv") if field == "procedural")


def _number(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def _title(raw: str) -> str | None:
    """The title part of an item line, or ``None`` when the line is running text."""
    bold = re.match(r"^(?:\*{2,3}|<b>|<strong>)(.+?)(?:\*{2,3}|</b>|</strong>)", raw)
    title = clean_markup(bold.group(1) if bold else raw)
    title = title.strip(" .:–-")
    if not title or len(title) > 110 or not (title[0].isalpha() or title[0] in "\"”'«"):
        return None
    # running text: a long line with several sentences or ending in a clause
    if not bold and (len(title.split()) > 14 or re.search(r"[.!?]\s+\S", title)):
        return None
    return title


def agenda_items(text: str) -> list[AgendaItem]:
    """Agenda items of ``text`` in order (empty when fewer than two are found).

    >>> agenda_items("§ 4 Ekonomi\\n§ 5 Skolfrånvaro\\nInga beslut.")[1].title
    'Skolfrånvaro'
    """
    heads: list[tuple[int, str, str]] = []
    last = 0
    is_para = False
    for m in _ITEM.finditer(text):
        raw_num = m.group("num")
        num = _number(raw_num)
        para = raw_num.startswith("§")
        title = _title(m.group("title"))
        if title is None:
            continue
        if heads:
            ok = (num > last and num <= last + 30) if (para and is_para) else num == last + 1
            if not ok or para != is_para:
                continue
        elif not para and num > 3:
            continue
        if re.match(r"(?i)dnr\b|diarienummer", title):
            # protocols put the case number on the item line and the title on the next line
            nxt = re.match(r"\n[ \t]*(\S[^\n]{2,110})", text[m.end() :])
            title = clean_markup(nxt.group(1)).strip(" .:") if nxt else title
        heads.append((m.start(), str(num) if not para else f"§ {num}", title))
        last, is_para = num, para
    if len(heads) < 2:
        return []
    items = []
    for k, (start, number, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        end = len(text[:end].rstrip())
        items.append(AgendaItem(number=number, title=title, start=start, end=end))
    return items


def item_at(items: list[AgendaItem] | tuple[dict, ...], offset: int) -> str | None:
    """The ``"number title"`` of the item whose span holds ``offset``, else ``None``.

    >>> item_at([AgendaItem("2", "Skolfrånvaro", 10, 50)], 20)
    '2 Skolfrånvaro'
    """
    for it in items:
        d = it.to_dict() if isinstance(it, AgendaItem) else it
        if int(d["start"]) <= offset < int(d["end"]):
            return f"{d['number']} {d['title']}"
    return None
