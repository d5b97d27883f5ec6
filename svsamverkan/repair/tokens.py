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

_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.|@|\\|/\S|[^\W\d_]\.[^\W\d_]{2,}|\.(?:se|com|org|nu|net|pdf|docx?|html?)\b)", re.I
)
_TOKEN = re.compile(r"[\[|&]?[^\W_](?:[^\W_]|&(?=[^\W\d_])|(?<=[^\W\d_])\[(?=[a-zåäöéü]))*|&|\|")
# a [ between a letter and a lowercase letter is part of the word: OCR reads l as [ ("socia[sekreterare")
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
                seen = _BLOCK_MEMO.get(para)  # the same paragraph elsewhere: move its tokens
                if seen is None:
                    placed = _tokenize_block(para, start, block)
                    _BLOCK_MEMO[para] = (start, placed)
                else:
                    d = start - seen[0]
                    placed = [_new_token(Token, (s + d, e + d, w, line, block, ss, en))
                              for s, e, w, line, _, ss, en in seen[1]]
                _BLOCK_MEMO[(para, start, block)] = placed
            out.extend(placed)
    return out


_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of NamedTuple (many tokens)
_BLOCK_MEMO: dict = {}  # paragraph -> (start, tokens) where first seen; (paragraph, start, block) -> tokens
_MEMO_LIMIT = 20000


def _tokenize_block(para: str, start: int, block: int) -> list[Token]:
    """Tokens of paragraph number ``block``, which starts at ``start`` in the text."""
    eng = english_words()
    new = _new_token
    out: list[Token] = []
    line_start = start
    for line_no, line in enumerate(para.split("\n")):
        first = len(out)
        sentence_start = True  # the next token begins a sentence
        n_eng = 0
        pos = 0
        for chunk in line.split():  # whitespace-separated chunks (str.isspace, like regex \S+)
            s = line.find(chunk, pos)
            pos = s + len(chunk)
            if chunk.isalpha():  # the common case: one plain word
                out.append(new(Token, (line_start + s, line_start + pos, chunk, line_no, block, sentence_start, False)))
                n_eng += chunk in eng
                sentence_start = False
                continue
            word = chunk.rstrip(_CLOSING)
            if word.isalpha() and word[-3:].lower() != "www":  # "word," "word." "word)": one token
                out.append(new(Token, (line_start + s, line_start + s + len(word), word, line_no, block, sentence_start,
                                       False)))
                n_eng += word in eng
            elif not is_protected(chunk):
                ss = sentence_start
                for t in _TOKEN.finditer(chunk):
                    w = t.group()
                    out.append(new(Token, (line_start + s + t.start(), line_start + s + t.end(), w, line_no, block, ss,
                                           False)))
                    n_eng += w in eng
                    ss = False
            sentence_start = _SENTENCE_END.search(chunk) is not None
        if n_eng >= 2 and _english_line(out[first:], n_eng, eng):
            out[first:] = [t._replace(english=True) for t in out[first:]]
        line_start += len(line) + 1
    return out


_CLOSING = ".,;:!?)]\"'”»’"  # after a word these make no token of their own (and no URL: "www." is checked)


ENGLISH_SHARE = 0.25  # a line is English when this share of its tokens are English function words ...
ENGLISH_DISTINCT = 5  # ... or when it has this many different ones
ENGLISH_DISTINCT_SHARE = 0.12  # (at this lower share: long English lines of content words)


def _english_line(toks: list[Token], n_eng: int, eng: frozenset[str]) -> bool:
    """True when a line with ``n_eng`` English function words among ``toks`` is English.

    >>> eng = english_words()
    >>> _english_line(tokenize("Staff reported better mutual understanding and faster contact when concerns "
    ...                        "arose, with turnover in the teams they work in as the main barrier"), 7, eng)
    True
    >>> _english_line(tokenize("Vi jobbar for barnen och for familjerna i skolan och pa fritiden, at dem som "
    ...                        "behover det, och det ar bra for alla"), 4, eng)
    False
    """
    if n_eng >= ENGLISH_SHARE * len(toks):
        return True
    if n_eng < ENGLISH_DISTINCT or n_eng < ENGLISH_DISTINCT_SHARE * len(toks):
        return False
    return len({t.text.lower() for t in toks if t.text in eng}) >= ENGLISH_DISTINCT
