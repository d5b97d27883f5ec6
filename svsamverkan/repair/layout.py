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
_LETTER = re.compile(r"[^\W\d_]")
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
    for m in _hyphen_break_matches(text):
        joined = (m.group(1) + m.group(2)).lower()
        both_words = _listed(m.group(1), lex) and _listed(m.group(2), lex)
        if both_words or not _listed(joined, lex):
            continue  # "barnets bästa-\nutvecklingsarbetet" keeps its hyphen; "samver-\nkan" is joined
        out.append(Edit(m.end(1), m.start(2), text[m.end(1):m.start(2)], "", f"{STEP}:hyphenation", 0.9))
    return out


def _hyphen_break_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``_HYPHEN_BREAK.finditer(text)``, found from the ``-\\n`` in the text (much faster).

    >>> [m.group() for m in _hyphen_break_matches("x samver-\\nkan och ab-\\ncd-\\nef, 3-\\nx")]
    ['samver-\\nkan', 'ab-\\ncd']
    """
    out: list[re.Match[str]] = []
    last_end = 0
    p = text.find("-\n")
    while p >= 0:
        start = p
        while start > last_end and _LETTER.match(text, start - 1):
            start -= 1  # back to the start of the letter run (a match never starts inside an earlier one)
        m = _HYPHEN_BREAK.match(text, start) if p - start >= 2 else None
        if m is not None:
            out.append(m)
            last_end = m.end()
        p = text.find("-\n", max(p + 1, last_end))
    return out


def _split_words(text: str, lex: Lexicon) -> list[Edit]:
    """Join two neighbours separated by one space when one is no word and together they are one.

    A pair never spans a line break, so only lines with an unlisted word are looked at closely.
    """
    memo = lex.cache("listed")
    out: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        if _has_unlisted(line, memo, lex):
            _split_words_in(text, pos, pos + len(line), lex, out)
        pos += len(line) + 1
    return out


def _has_unlisted(line: str, memo: dict, lex: Lexicon) -> bool:
    for chunk in line.split():
        if chunk.isalpha():  # one letter run
            if not (memo.get(chunk) or _listed(chunk, lex)):
                return True
        elif any(not (memo.get(w) or _listed(w, lex)) for w in _LETTERS.findall(chunk)):
            return True
    return False


def _split_words_in(text: str, start: int, end: int, lex: Lexicon, out: list[Edit]) -> None:
    """:func:`_split_words` for ``text[start:end]`` (one line), appending to ``out``."""
    matches = list(_LETTERS.finditer(text, start, end))
    words = list(map(re.Match.group, matches))
    memo = lex.cache("listed")
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


def _bad_edge(text: str, start: int, end: int) -> bool:
    """True when the pair is glued to digits, hyphens or word characters on either side."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before in "-_" or after.isalnum() or after in "-_"


def _glued_och(text: str, lex: Lexicon) -> list[Edit]:
    out = []
    for m in _glued_matches(text):
        word = m.group()
        if _listed(word, lex) or not _listed(m.group(1), lex):
            continue
        after = f"{m.group(1)}- {m.group(2)}"
        out.append(Edit(m.start(), m.end(), word, after, f"{STEP}:glued", 0.8))
    return out


def _glued_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``_GLUED_OCH.finditer(text)``, tried only on letter runs that end in och/eller (faster).

    A match is always a whole letter run, so the runs can be tried one by one.

    >>> [m.group() for m in _glued_matches("hälsooch sjukvård, och, 3xxxoch, skolaeller-x, barnochoch")]
    ['hälsooch', 'barnochoch']
    """
    starts: set[int] = set()
    for suffix in ("och", "eller"):
        p = text.find(suffix)
        while p >= 0:
            end = p + len(suffix)
            if p >= 3 and not (end < len(text) and _LETTER.match(text, end)):  # the run ends here
                start = p
                while start > 0 and _LETTER.match(text, start - 1):
                    start -= 1
                starts.add(start)
            p = text.find(suffix, end)
    return [m for m in (_GLUED_OCH.match(text, k) for k in sorted(starts)) if m is not None]


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
