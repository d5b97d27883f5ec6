"""Spell an unknown capitalised name the way listed names spell its parts (``Forsgard`` -> Forsgård).

Swedish surnames and place names are built from a small stock of parts (``Fors-``, ``Lind-``, ``Sjö-``;
``-gård``, ``-bäck``, ``-ström``). For a name the word list does not know, the compound reading of common
words can go wrong (``förs`` + ``gård``); this reads it as a head that starts listed names and a tail that
ends them, each spelt as most of those names spell it.

>>> from .lexicon import load_lexicon
>>> name_by_parts("Forsgard", load_lexicon()), name_by_parts("Lindback", load_lexicon())
('Forsgård', 'Lindbäck')
>>> name_by_parts("Kalmar", load_lexicon()) is None
True
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .lexicon import Lexicon
from .names import name_ranks
from .text import fold

MIN_PART = 3  # letters in a head or tail
MIN_NAMES = 3  # listed names that must start with the head and end with the tail
DOMINANCE = 3.0  # the chosen spelling of a part is used this many times as often as any other


def name_by_parts(written: str, lex: Lexicon) -> str | None:
    """The spelling of a capitalised name ``written`` without å/ä/ö, from the parts of listed names.

    ``None`` when no head and tail are both common in listed names (then the caller's other rules apply).
    The result may equal ``written`` (its parts are spelt that way: keep it).
    """
    if len(written) < 2 * MIN_PART or not written[:1].isupper() or not written[1:].islower():
        return None
    if written != fold(written):
        return None
    heads, tails = _index(lex)
    word = written.lower()
    best: tuple[int, str] | None = None
    for k in range(MIN_PART, len(word) - MIN_PART + 1):
        h, t = heads.get(word[:k]), tails.get(word[k:])
        if not h or not t:
            continue
        support = min(sum(h.values()), sum(t.values()))
        if support < MIN_NAMES or (best is not None and support <= best[0]):
            continue
        head, tail = _dominant(h), _dominant(t)
        if head is None or tail is None:
            continue
        best = (support, head + tail)
    if best is None:
        return None
    return best[1][:1].upper() + best[1][1:]


def _dominant(spellings: Counter[str]) -> str | None:
    """The spelling used ``DOMINANCE`` times as often as the next one, or ``None``."""
    ranked = spellings.most_common(2)
    if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


def _index(lex: Lexicon) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Folded head/tail -> Counter of its spellings in listed names (built once per lexicon)."""
    memo = lex.cache("name_parts")
    if not memo:
        heads: dict[str, Counter[str]] = defaultdict(Counter)
        tails: dict[str, Counter[str]] = defaultdict(Counter)
        names = set(lex.names)
        names.update(n for spellings in name_ranks().values() for n in spellings)
        for name in names:
            low = name.lower()
            if len(low) < 2 * MIN_PART or not low.isalpha():
                continue
            for k in range(MIN_PART, len(low) - MIN_PART + 1):
                heads[fold(low[:k])][low[:k]] += 1
                tails[fold(low[k:])][low[k:]] += 1
        memo["index"] = (dict(heads), dict(tails))
    return memo["index"]
