"""Step ``layout``: hyphenation across line breaks, words split by PDF extraction, ligatures, glued ``och``.

>>> [(e.before, e.after) for e in fix_layout("en samver-\\nkan och arbetssa tt")]
[('-\\n', ''), ('arbetssa tt', 'arbetssatt')]
>>> [(e.before, e.after) for e in fix_layout("inom hälsooch sjukvården")]
[('hälsooch', 'hälso- och')]
>>> fix_layout("hälso- och sjukvård, Stockholm-\\nUppsala")
[]
"""

from __future__ import annotations

import re

from ..model import Edit
from .lexicon import Lexicon, load_lexicon
from .text import fold

STEP = "layout"
_HYPHEN_BREAK = re.compile(r"([^\W\d_]{2,})-\n[ \t]*([a-zåäö][^\W\d_]*)")
_LETTERS = re.compile(r"[^\W\d_]+")
_GLUED_OCH = re.compile(r"(?<![\w-])([^\W\d_]{3,})(och|eller)(?![\w-])")
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")
_ENGLISH = re.compile(r"\b(?:the|and|of|is|with|that|this|than)\b", re.I)


def fix_layout(text: str) -> list[Edit]:
    """Edits for layout damage (spans in ``text``)."""
    lex = load_lexicon()
    edits = _hyphen_breaks(text, lex) + _split_words(text, lex) + _glued_och(text, lex) + _ligatures(text)
    return _non_overlapping(edits)


def _listed(word: str, lex: Lexicon) -> bool:
    """A word the lexicon lists (possibly after restoring å/ä/ö), not only a compound guess."""
    memo = lex.cache("listed")
    hit = memo.get(word)
    if hit is None:
        w = word.lower()
        hit = memo[word] = lex.is_word(w) or bool(lex.forms(fold(w)))
    return hit


def _hyphen_breaks(text: str, lex: Lexicon) -> list[Edit]:
    out = []
    for m in _HYPHEN_BREAK.finditer(text):
        joined = (m.group(1) + m.group(2)).lower()
        both_words = _listed(m.group(1), lex) and _listed(m.group(2), lex)
        if both_words or not _listed(joined, lex):
            continue  # "barnets bästa-\nutvecklingsarbetet" keeps its hyphen; "samver-\nkan" is joined
        out.append(Edit(m.end(1), m.start(2), text[m.end(1):m.start(2)], "", f"{STEP}:hyphenation", 0.9))
    return out


def _split_words(text: str, lex: Lexicon) -> list[Edit]:
    """Join two neighbours separated by one space when one is no word and together they are one."""
    words = _LETTERS.findall(text)
    matches = list(_LETTERS.finditer(text))  # spans, read only around unlisted words
    memo = lex.cache("listed")
    out: list[Edit] = []
    last_end = -1
    for i, w in enumerate(words):
        if memo.get(w) or _listed(w, lex):
            continue
        for j in (i - 1, i):
            if j < 0 or j + 1 >= len(words):
                continue
            (s1, e1), (s2, e2) = matches[j].span(), matches[j + 1].span()
            a, b = words[j], words[j + 1]
            if s1 < last_end or text[e1:s2] != " " or b[0].isupper() or len(a) > 12 or len(b) > 12:
                continue
            if _bad_edge(text, s1, e2) or (_listed(a, lex) and _listed(b, lex)) or len(a + b) < 4:
                continue
            if _listed(a + b, lex):
                out.append(Edit(s1, e2, text[s1:e2], a + b, f"{STEP}:split_word", 0.8))
                last_end = e2
                break
    return out


def _bad_edge(text: str, start: int, end: int) -> bool:
    """True when the pair is glued to digits, hyphens or word characters on either side."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before in "-_" or after.isalnum() or after in "-_"


def _glued_och(text: str, lex: Lexicon) -> list[Edit]:
    out = []
    for m in _GLUED_OCH.finditer(text):
        word = m.group()
        if _listed(word, lex) or not _listed(m.group(1), lex):
            continue
        after = f"{m.group(1)}- {m.group(2)}"
        out.append(Edit(m.start(), m.end(), word, after, f"{STEP}:glued", 0.8))
    return out


def _ligatures(text: str) -> list[Edit]:
    out = []
    for m in _LIGATURE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if _ENGLISH.search(text[line_start:line_end if line_end >= 0 else len(text)]):
            continue  # ftfy keeps ligatures in running English text; so do we
        out.append(Edit(m.start(), m.end(), m.group(), _LIGATURES[m.group()], f"{STEP}:ligature", 0.95))
    return out


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start >= end:
            out.append(e)
            end = e.end
    return out
