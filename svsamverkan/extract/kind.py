"""Document kind detection: minutes, transcript, slides, article, abstract, guideline, other.

Each kind has a few cues (words, line shapes) with weights; the kind with the
highest score wins and the confidence is its share of all scores. A reader's
format hint (``slides`` for PPTX, ``transcript`` for SRT/VTT) is trusted, and a
caller can always force a kind (``analyze(..., kind="minutes")``).

>>> detect_kind("Minnesanteckningar\\nNärvarande: Anna Ek, Bo Berg\\nVid protokollet\\nAnna Ek")[0]
'minutes'
>>> detect_kind("Hej", hint="slides")
('slides', 0.9)
>>> detect_kind("")
('other', None)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import DOC_KINDS
from .names import NAME_PART, fold, is_first_name
from .prefilter import PrefilteredRegex

_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "minutes": (
        (r"\b(?:minnesanteckning(?:ar|en|arna)?|protokoll(?:et)?|motesanteckningar)\b", 3.0),
        (r"\b(?:antecknat av|antecknare|sammantradesdatum|motesdatum)\b", 2.0),
        (r"^\W*(?:narvarande|franvarande|ej narvarande|anmalt forhinder|forhinder|adjungerade?)\b", 2.5),
        (r"\b(?:vid protokollet|vid minnesanteckningen|justeras|justerare)\b", 3.0),
        (r"\b(?:dagordning|motesdatum|nasta mote|bordlaggs|mötets oppnande|motets oppnande)\b", 1.0),
        (r"^\W*§\s*\d+", 1.0),
    ),
    "transcript": (
        (r"\b(?:podd(?:en|ar)?|poddmusik|startcitat|transkri\w+|det har avsnittet)\b", 1.5),
        (r"^WEBVTT|\d\d:\d\d:\d\d[.,]\d\d\d\s*-->", 5.0),
        (r"\b(?:jag heter|mitt namn ar|valkommen till)\b", 1.0),
    ),
    "slides": (
        (r"^\W*(?:agenda\b|bild \d+\W*$|tack for (?:idag|er uppmarksamhet)\W*$|fragor\?\W*$)", 1.0),
        (r"^\s*[✓✔•▪]\s", 0.3),
        (r"^\W*(?:anteckningar|talaranteckningar|speaker notes)[ \t]*:[ \t]*\S", 1.5),  # exported speaker notes
    ),
    "article": (
        (r"\b(?:webbplatsen|webblasare|huvudinnehallet|publicerad|senast uppdaterad|dela pa|las mer)\b", 2.0),
        (r"^\s*[–—]\s+\w", 0.7),
        (r"\b(?:sa hon|sa han|sager hon|sager han)\b", 1.0),
    ),
    "abstract": (
        (r"^\W*(?:sammanfattning|abstract|beskrivning|nyckelord|syfte|metod|resultat|slutsats)\s*:", 2.0),
        (r"\b[A-ZÅÄÖ][a-zåäö]+[1-9]\b\s*,", 1.0),
    ),
    "guideline": (
        (r"\b(?:riktlinje(?:n|r)?|tillampningsanvisning\w*|overenskommelse(?:n)?|rutin(?:en)?)\b", 0.4),
        (r"\b(?:faststall(?:d|t)|giltig till|galler fran|ska\b)", 0.3),
        (r"^\W*\d+(?:\.\d+)+\s+[A-ZÅÄÖ]", 0.5),
        (r"^\W*(?:pm|promemoria)\b", 1.0),
    ),
}
_CAPS: dict[str, float] = {"guideline": 6.0, "slides": 4.0, "article": 8.0, "transcript": 12.0}
_MAX_COUNT = 4
"""A cue counts at most this many times."""


@lru_cache(maxsize=1)
def _compiled_cues() -> dict[str, tuple[tuple[PrefilteredRegex, float], ...]]:
    """The cues compiled once, each skipped on text without its cue words."""
    return {
        kind: tuple((PrefilteredRegex.of(re.compile(pat, re.MULTILINE), min_len=1), w) for pat, w in cues)
        for kind, cues in _CUES.items()
    }


def _case_sensitive(rx: PrefilteredRegex) -> bool:
    """A cue that looks for capital letters runs on the text as written, not on the folded text."""
    return "A-Z" in rx.regex.pattern


def _count(rx: PrefilteredRegex, text: str) -> int:
    """How often ``rx`` matches ``text``, counting no further than ``_MAX_COUNT``."""
    n = 0
    for _ in rx.finditer(text):
        n += 1
        if n == _MAX_COUNT:
            break
    return n


def _line_stats(text: str) -> tuple[float, float, int]:
    """Share of short blocks, share of lone-name lines and the number of non-empty lines."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return 0.0, 0.0, 0
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    short = sum(len(b.split()) <= 15 for b in blocks) / len(blocks)
    shape = rf"{NAME_PART}(?: {NAME_PART})?"
    is_name = [bool(re.fullmatch(shape, ln)) and is_first_name(ln.split()[0]) for ln in lines]
    # a speaker label is followed by what they say; names stacked at the end are a signature block
    lone = sum(here and not after for here, after in zip(is_name, [*is_name[1:], True]))
    return short, lone / len(lines), len(lines)


def kind_scores(text: str) -> dict[str, float]:
    """The score of every kind for ``text`` (higher is more likely).

    >>> s = kind_scores("Lena\\nHej och välkommen till podden.\\nOla\\nTack.\\nLena\\nJa.")
    >>> max(s, key=s.get)
    'transcript'
    """
    folded = fold(text).lower()
    scores = {k: 0.0 for k in DOC_KINDS}
    for kind, cues in _compiled_cues().items():
        total = 0.0
        for rx, weight in cues:
            total += weight * _count(rx, text if _case_sensitive(rx) else folded)
        scores[kind] = min(total, _CAPS.get(kind, 12.0))
    short, lone, n = _line_stats(text)
    if n >= 6:
        scores["transcript"] += 20.0 * lone
        scores["slides"] += 10.0 * max(0.0, short - 0.5) / 0.5 * (1.0 if n >= 40 else 0.2)
        long_lines = 1.0 - short
        scores["article"] += 2.0 * long_lines
        scores["guideline"] += 1.0 * long_lines
    scores["other"] = 1.0
    return scores


def detect_kind(text: str, *, hint: str | None = None) -> tuple[str, float | None]:
    """Return ``(kind, confidence)``; ``hint`` (a reader's format hint) wins when given.

    >>> detect_kind("Minnesanteckningar\\nNärvarande: Anna Berg\\n1. Ekonomi\\nPunkten bordläggs.")
    ('minutes', 0.867)
    >>> detect_kind("", hint="slides")
    ('slides', 0.9)
    """
    if hint:
        return (hint if hint in DOC_KINDS else "other"), 0.9
    if not text.strip():
        return "other", None
    scores = kind_scores(text)
    kind = max(scores, key=lambda k: scores[k])
    total = sum(scores.values()) or 1.0
    return kind, round(scores[kind] / total, 3)
