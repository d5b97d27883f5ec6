"""Estimate how damaged a text is, so that correct text is left alone.

Correct Swedish has å/ä/ö in a predictable share of its words; stripped text has
almost none, and many of its words have a much more frequent spelling with
å/ä/ö (``for`` / ``för``). OCR junk (``6nskar``, ``fér``) is evidence too.

>>> from .lexicon import load_lexicon
>>> lex = load_lexicon()
>>> damaged_blocks("Vi ska jobba for barnens basta och det ar bra att vi far hjalp.", lex)
{0}
>>> damaged_blocks("Vi ska jobba för barnens bästa och det är bra att vi får hjälp.", lex)
set()
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .text import has_diacritic
from .tokens import Token, english_words, split_blocks

STRIPPED_MARGIN = 1.0  # the marked form is at least 10x as frequent as the plain word
MIN_EVIDENCE_DOC = 3
MIN_EVIDENCE_BLOCK = 6
DAMAGED_SHARE = 0.5
CHUNK_MEMO_LIMIT = 200_000
_JUNK = re.compile(r"[^\W\d_][é6&4301\[]|[é6&4301\[|][^\W\d_]|^&$")


def is_suspicious(token: Token, lex: Lexicon) -> bool:
    """A plain word that is far more often written with å/ä/ö, or a word with OCR junk."""
    return suspicious_word(token.text.lower(), lex)


def suspicious_word(w: str, lex: Lexicon) -> bool:
    """:func:`is_suspicious` for a lowercase word (cached)."""
    memo = lex.cache("suspicious")
    hit = memo.get(w)
    if hit is None:
        hit = memo[w] = _suspicious(w, lex)
    return hit


def _suspicious(w: str, lex: Lexicon) -> bool:
    if _JUNK.search(w):
        return not lex.is_word(w) and not w.isdigit()
    if has_diacritic(w) or not w.isalpha():
        return False
    forms = lex.forms(w)
    return bool(forms) and forms[0] != w and lex.freq(forms[0]) >= lex.freq(w) + STRIPPED_MARGIN


_PUNCT = "\"'()[]{}.,;:!?«»”“’‘–—-…*"


def _chunk_evidence(chunk: str, lex: Lexicon, eng: frozenset[str]) -> tuple[bool, bool, bool, bool]:
    """(counts, English, has å/ä/ö, suspicious) for one whitespace-separated chunk."""
    if "|" in chunk and (chunk.count("|") > 1 or not chunk.startswith("|")):
        return False, False, False, False  # table syntax and pipes: no evidence
    w = chunk.strip(_PUNCT).lower() if chunk != "&" else chunk
    if not w:
        return False, False, False, False
    good = has_diacritic(w) and not _JUNK.search(w)
    return True, w in eng, good, not good and suspicious_word(w, lex)


def damaged_blocks(text: str, lex: Lexicon) -> set[int]:
    """Numbers of the paragraphs that look damaged (document evidence, overridden by strong block evidence).

    Works on whitespace-split words so that clean text costs little; the last answer is cached
    because consecutive steps often see the same text.
    """
    memo = lex.cache("damaged_blocks")
    if memo.get("text") is text or memo.get("text") == text:
        return memo["blocks"]
    out = _damaged_blocks(text, lex)
    memo["text"], memo["blocks"] = text, out
    return out


def _damaged_blocks(text: str, lex: Lexicon) -> set[int]:
    eng = english_words()
    bad: list[int] = []
    good: list[int] = []
    block_memo = lex.cache("block_evidence")
    for start, end in split_blocks(text):
        para = text[start:end]
        hit = block_memo.get(para)
        if hit is None:
            if len(block_memo) > 20000:
                block_memo.clear()
            hit = block_memo[para] = _evidence(para, lex, eng)
        bad.append(hit[0])
        good.append(hit[1])
    n_bad, n_good = sum(bad), sum(good)
    doc_damaged = n_bad >= MIN_EVIDENCE_DOC and n_bad >= DAMAGED_SHARE * (n_bad + n_good)
    out = set()
    for block, (b, g) in enumerate(zip(bad, good, strict=True)):
        enough = b + g >= MIN_EVIDENCE_BLOCK
        if (enough and b >= DAMAGED_SHARE * (b + g)) or (not enough and doc_damaged and b >= g):
            out.add(block)
    return out


def _evidence(para: str, lex: Lexicon, eng: frozenset[str]) -> tuple[int, int]:
    """(suspicious words, words with å/ä/ö) of one paragraph; English paragraphs give no evidence."""
    b = g = n_eng = n = 0
    memo = lex.cache("chunk_evidence")
    for chunk in para.split():
        hit = memo.get(chunk)
        if hit is None:
            if len(memo) > CHUNK_MEMO_LIMIT:
                memo.clear()
            hit = memo[chunk] = _chunk_evidence(chunk, lex, eng)
        if hit[0]:
            n += 1
            n_eng += hit[1]
            g += hit[2]
            b += hit[3]
    if n_eng >= 2 and n_eng >= 0.25 * n:  # English paragraph: no evidence either way
        b = g = 0
    return b, g
