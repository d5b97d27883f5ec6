"""Small text helpers shared by the repair steps: folding, word spans, context features.

>>> fold("Förskolans Årsmöte")
'Forskolans Arsmote'
>>> [w for _, _, w in word_spans("Hej, vi ses på mötet!")]
['Hej', 'vi', 'ses', 'på', 'mötet']
"""

from __future__ import annotations

import re

_FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")
DIACRITIC_CHARS = frozenset("åäöÅÄÖ")
_WORD = re.compile(r"[^\W\d_]+")


def fold(word: str) -> str:
    """Strip å/ä/ö to a/a/o, keeping case.

    >>> fold("Sörmland")
    'Sormland'
    """
    return word.translate(_FOLD)


def has_diacritic(word: str) -> bool:
    """True when the word contains å, ä or ö.

    >>> has_diacritic("barn"), has_diacritic("bästa")
    (False, True)
    """
    return not DIACRITIC_CHARS.isdisjoint(word)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Letter runs of a clean text as ``(start, end, word)``.

    >>> word_spans("ett barn")
    [(0, 3, 'ett'), (4, 8, 'barn')]
    """
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def context_features(words: list[str], i: int) -> list[str]:
    """Context features of ``words[i]`` (lowercase words): folded neighbours and the next word's ending.

    >>> context_features(["det", "har", "avsnittet"], 1)
    ['p:det', 'n:avsnittet', 's:et', 'pn:det|avsnittet']
    """
    prev = _feature_word(words[i - 1]) if i > 0 else "<s>"
    nxt = _feature_word(words[i + 1]) if i + 1 < len(words) else "</s>"
    return [f"p:{prev}", f"n:{nxt}", f"s:{nxt[-2:]}", f"pn:{prev}|{nxt}"]


def _feature_word(word: str) -> str:
    return "<num>" if word[:1].isdigit() else fold(word)
