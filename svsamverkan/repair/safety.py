"""Estimate how damaged a text is, so that correct text is left alone.

Correct Swedish has å/ä/ö in a predictable share of its words; stripped text has
almost none, and many of its words have a much more frequent spelling with
å/ä/ö (``for`` / ``för``). OCR junk (``6nskar``, ``fér``) is evidence too.

>>> from .tokens import tokenize
>>> from .lexicon import load_lexicon
>>> lex = load_lexicon()
>>> damaged_blocks(tokenize("Vi ska jobba for barnens basta och det ar bra att vi far hjalp."), lex)
{0}
>>> damaged_blocks(tokenize("Vi ska jobba för barnens bästa och det är bra att vi får hjälp."), lex)
set()
"""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import Lexicon
from .text import has_diacritic
from .tokens import Token

STRIPPED_MARGIN = 1.0  # the marked form is at least 10x as frequent as the plain word
MIN_EVIDENCE_DOC = 3
MIN_EVIDENCE_BLOCK = 6
DAMAGED_SHARE = 0.5
_JUNK = re.compile(r"[^\W\d_][é6&4301\[|]|[é6&4301\[|][^\W\d_]|^[&|]$")


def is_suspicious(token: Token, lex: Lexicon) -> bool:
    """A plain word that is far more often written with å/ä/ö, or a word with OCR junk."""
    w = token.text.lower()
    if _JUNK.search(w):
        return not lex.is_word(w) and not w.isdigit()
    if has_diacritic(w) or not w.isalpha():
        return False
    forms = lex.forms(w)
    return bool(forms) and forms[0] != w and lex.freq(forms[0]) >= lex.freq(w) + STRIPPED_MARGIN


def damaged_blocks(tokens: list[Token], lex: Lexicon) -> set[int]:
    """Numbers of the paragraphs that look damaged (document evidence, overridden by strong block evidence)."""
    bad: Counter[int] = Counter()
    good: Counter[int] = Counter()
    for t in tokens:
        if t.english:
            continue
        if has_diacritic(t.text) and not _JUNK.search(t.text):
            good[t.block] += 1
        elif is_suspicious(t, lex):
            bad[t.block] += 1
    n_bad, n_good = sum(bad.values()), sum(good.values())
    doc_damaged = n_bad >= MIN_EVIDENCE_DOC and n_bad >= DAMAGED_SHARE * (n_bad + n_good)
    out = set()
    for block in {t.block for t in tokens}:
        b, g = bad[block], good[block]
        enough = b + g >= MIN_EVIDENCE_BLOCK
        if (enough and b >= DAMAGED_SHARE * (b + g)) or (not enough and doc_damaged and b >= g):
            out.add(block)
    return out
