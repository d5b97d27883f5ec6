"""Tokens of possibly damaged text, with the context the repair steps need.

Protected chunks (URLs, e-mail addresses, domain names, paths) yield no tokens.

>>> [t.text for t in tokenize("Se www.fou.se och 6nskar & mer")]
['Se', 'och', '6nskar', '&', 'mer']
>>> tokenize("Ja. Sa bra")[1].sentence_start
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_CHUNK = re.compile(r"\S+")
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.|@|\\|/\S|[^\W\d_]\.[^\W\d_]{2,}|\.(?:se|com|org|nu|net|pdf|docx?|html?)\b)", re.I
)
_TOKEN = re.compile(r"[\[|&]?[^\W_](?:[^\W_]|&(?=[^\W\d_]))*|&|\|")
_SENTENCE_END = re.compile(r"[.!?:;]['\")\]»”’]*$")
_DATA = Path(__file__).resolve().parent / "data"


class Token(NamedTuple):
    """One word-like token: where it is and what surrounds it."""

    start: int
    end: int
    text: str
    line: int  # line number within its paragraph
    block: int
    sentence_start: bool
    english: bool


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English function words (data file ``english_function_words.txt``), lowercase, capitalised and upper case."""
    lines = (_DATA / "english_function_words.txt").read_text(encoding="utf-8").splitlines()
    words = [w for w in lines if w and not w.startswith("#")]
    return frozenset(words + [w.capitalize() for w in words] + [w.upper() for w in words])


def is_protected(chunk: str) -> bool:
    """True for URLs, e-mail addresses, domains, paths and file names.

    >>> is_protected("info@fou.se"), is_protected("basta.")
    (True, False)
    """
    return _PROTECTED.search(chunk) is not None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (separated by blank lines).

    >>> split_blocks("a\\n\\nb c")
    [(0, 1), (3, 6)]
    """
    spans, pos = [], 0
    for m in _BLANK_LINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def tokenize(text: str, only: set[int] | None = None) -> list[Token]:
    """Word-like tokens of ``text`` (letters, digits and the OCR junk ``& [ |`` inside words).

    ``only`` limits the work to those paragraph numbers (see :func:`split_blocks`).
    Paragraphs seen before are not tokenized again (steps in a row mostly see the same paragraphs).
    """
    out: list[Token] = []
    for block, (start, end) in enumerate(split_blocks(text)):
        if only is None or block in only:
            para = text[start:end]
            placed = _BLOCK_MEMO.get((para, start, block))  # the same paragraph at the same place
            if placed is None:
                if len(_BLOCK_MEMO) > _MEMO_LIMIT:
                    _BLOCK_MEMO.clear()
                rel = _BLOCK_MEMO.get(para)
                if rel is None:
                    rel = _BLOCK_MEMO[para] = _tokenize_block(para)
                placed = _BLOCK_MEMO[(para, start, block)] = [
                    Token(s + start, e + start, w, line, block, ss, en) for s, e, w, line, ss, en in rel]
            out.extend(placed)
    return out


_BLOCK_MEMO: dict = {}  # paragraph -> relative tokens; (paragraph, start, block) -> tokens
_MEMO_LIMIT = 20000


def _tokenize_block(para: str) -> list[tuple[int, int, str, int, bool, bool]]:
    eng = english_words()
    out: list[tuple[int, int, str, int, bool, bool]] = []
    for line_no, (line_start, line) in enumerate(_lines(para)):
        raw: list[tuple[int, int, str, bool]] = []
        prev_chunk_ends_sentence = True
        for m in _CHUNK.finditer(line):
            chunk = m.group()
            if chunk.isalpha():  # the common case: one plain word
                raw.append((line_start + m.start(), line_start + m.end(), chunk, prev_chunk_ends_sentence))
                prev_chunk_ends_sentence = False
                continue
            if not is_protected(chunk):
                first = True
                for t in _TOKEN.finditer(chunk):
                    raw.append((line_start + m.start() + t.start(), line_start + m.start() + t.end(), t.group(),
                                first and prev_chunk_ends_sentence))
                    first = False
            prev_chunk_ends_sentence = _SENTENCE_END.search(chunk) is not None
        n_eng = sum(1 for _, _, w, _ in raw if w in eng)
        english = n_eng >= 2 and n_eng >= 0.25 * len(raw)
        out.extend((s, e, w, line_no, ss, english) for s, e, w, ss in raw)
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    pos = 0
    out = []
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
