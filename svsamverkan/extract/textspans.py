"""Text helpers shared by the meeting, decision and theme extractors.

Three small ideas: *folding* (lower case, å/ä/ö/é to a/a/o/e, same length, so
offsets survive), *markup removal* for what we show the user, and *sentence
spans* that follow Swedish minutes and hard-wrapped transcripts.

>>> fold("Punkten BORDLÄGGS")
'punkten bordlaggs'
>>> clean_markup("**7. Rutin** <i>(adjungerad)</i>")
'7. Rutin (adjungerad)'
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..errors import ModelError
from ..resources import lang_path

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def fold(text: str) -> str:
    """Lower-case ``text`` and fold å/ä/ö/é, keeping its length (offsets stay valid).

    >>> fold("Fastställt av LGS") == "faststallt av lgs"
    True
    """
    low = text.lower()
    if len(low) != len(text):  # rare letters (e.g. "İ") lower to two characters: keep them as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # same as low.translate(_FOLD) (no capital Å/Ä/Ö/É is left after lower()), about ten times faster
    return low.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")


def fold_for_slicing(text: str) -> str | None:
    """``fold(text)`` when each of its slices equals ``fold`` of the same slice of ``text``, else ``None``.

    Fold a whole document once instead of sentence by sentence. The one letter
    whose lower case depends on its neighbours, Greek capital sigma, rules it out.

    >>> t = "Punkten BORDLÄGGS. Nästa möte"
    >>> fold_for_slicing(t)[8:17] == fold(t[8:17]) == "bordlaggs"
    True
    >>> fold_for_slicing("ΟΔΟΣ") is None
    True
    """
    return None if "Σ" in text else fold(text)


_MARKUP = re.compile(
    r"</?(?:b|i|u|em|strong|span|p|br)\b[^>]*>|\*{1,3}|_{2,}|\[(?=[^\]]*\]\()|\]\([^)]*\)|#{1,6}(?=\s)"
)

_MARKUP_START = re.compile(r"[<*_\[\]#]")
"""The characters every markup match starts with (a cheap test before the full pattern)."""


def clean_markup(text: str) -> str:
    """Remove simple HTML/Markdown emphasis and links and collapse white space.

    >>> clean_markup("Dagens tema: [Tidiga insatser](#)")
    'Dagens tema: Tidiga insatser'
    """
    text = _MARKUP.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.:;!?)])", r"\1", text)


def blank_markup(text: str) -> str:
    """Replace markup characters with spaces, keeping every offset.

    >>> blank_markup("<b>Datum</b>\\t2026")
    '   Datum    \\t2026'
    """
    if not _MARKUP_START.search(text):
        return text
    return _MARKUP.sub(lambda m: " " * (m.end() - m.start()), text)


@lru_cache(maxsize=4)
def blank_tables(text: str) -> str:
    """Blank out table rows (lines with a tab, as readers write tables) and markup, keeping every offset.

    Attendance tables name organisations, not what the meeting was about. The last few
    results are kept, as several extractors ask for the same document.

    >>> blank_tables("Elevhälsan\\tAle\\nSkolfrånvaro").strip()
    'Skolfrånvaro'
    """
    text = blank_markup(text)
    if "\t" not in text:
        return text
    return "\n".join(" " * len(line) if "\t" in line else line for line in text.split("\n"))


_END = re.compile(r"[.!?…](?=[\s\"”'»)]|$)")
_LINE_START_NEW = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)]\s|§|[A-ZÅÄÖÉ0-9\"”'»(<\[])")


def _line_is_wrapped(prev: str, nxt: str) -> bool:
    """True when ``nxt`` continues the sentence of ``prev`` (a hard-wrapped line)."""
    p = prev.rstrip()
    if not p or not nxt.strip():
        return False
    if p[-1] in ".!?:;…" or p.endswith(("**", ">", "|")):
        return False
    return not _LINE_START_NEW.match(nxt)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans: sentence punctuation, blank lines, and line
    breaks that do not look like hard wraps.

    >>> t = "Punkten bordläggs. Gruppen beslutar\\natt godkänna.\\n\\nÖvrigt"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Punkten bordläggs.', 'Gruppen beslutar\\natt godkänna.', 'Övrigt']
    """
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    pos = 0
    block_start: int | None = None
    block_end = 0
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            if block_start is not None:
                spans.extend(_split_block(text, block_start, block_end))
                block_start = None
            continue
        if block_start is None:
            block_start = start
        block_end = end
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not _line_is_wrapped(line, nxt):
            spans.extend(_split_block(text, block_start, block_end))
            block_start = None
    if block_start is not None:
        spans.extend(_split_block(text, block_start, block_end))
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = start
    for m in _END.finditer(text, start, end):
        # abbreviations such as "t.ex." and "bl.a." and numbers such as "2." do not end a sentence
        before = text[max(start, m.start() - 4) : m.start()]
        if re.search(r"(?:\b\w|\d)$", before) and not re.search(r"\w{2,}$", before):
            continue
        nxt = text[m.end() : m.end() + 3].lstrip()
        if nxt[:1].islower():
            continue
        out.append((s, m.end()))
        s = m.end()
    out.append((s, end))
    return [_trim(text, a, b) for a, b in out if text[a:b].strip()]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated language-data file in ``svsamverkan/lang`` (comments skipped).

    >>> load_tsv("agenda_headings.tsv")[0]
    ('name', 'Ärende')
    """
    path = lang_path(name)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError("E060", f"svsamverkan/lang/{name}", f"language data file missing ({exc})",
                         "reinstall svsamverkan") from exc
    rows = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)
