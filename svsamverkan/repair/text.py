"""Small text helpers shared by the repair steps: folding, word spans, context features.

>>> fold("Förskolans Årsmöte")
'Forskolans Arsmote'
>>> [w for _, _, w in word_spans("Hej, vi ses på mötet!")]
['Hej', 'vi', 'ses', 'på', 'mötet']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..resources import models_dir

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


def context_features(words: list[str], i: int, starts: SentenceStarts | list[bool] | None = None) -> list[str]:
    """Context features of ``words[i]`` (lowercase words): folded neighbours and the next word's ending.

    ``starts[j]`` marks words that begin a sentence: across a sentence boundary the neighbour is
    ``<s>`` / ``</s>`` (``här.`` ends sentences, ``har`` hardly ever does).

    The ending (``s:``) of a longer next word stands in for its form (``projektet``, ``behoven``:
    definite nouns), alone and with the previous word (``ps:``). The ending of a longer previous
    word (``q:``) does the same on the left (``enklare``, ``viktiga``: adjectives before a noun).
    The second word to the right (``n2:``) separates ``när föräldrarna inte vill`` from ``når föräldrarna``;
    after a function word its ending (``s2:``) marks a supine (``har inte funnits``, not ``här inte``).
    Two word classes generalise over single words: whether the next word is a function word (``nc:``,
    alone and with the previous word, ``pnc:``; ``Vår rektor`` / ``Var och en``) and whether the previous
    word is a number or quantifier (``pc:num``; ``fyra år``, ``många år``). A supine next (``ns:sup``), or
    after a function word (``n2s:sup``), marks the verb ``har`` (``har ökat``, ``har inte gjort``; see
    :func:`supines`). The class of the next word tells pronouns and prepositions from other function words
    (``nc:pron``, ``nc:prep``; ``har vi``, ``här i``; see :func:`word_class`). The second word to the left
    (``p2:``) and the next two words together (``nn:``) add a little wider context.

    >>> context_features(["det", "har", "avsnittet"], 1)[:8]
    ['p:det', 'n:avsnittet', 's:et', 'pn:det|avsnittet', 'ps:det|et', 'nc:open', 'pnc:det|open', 'n2:</s>']
    >>> context_features(["det", "har", "avsnittet"], 1)[8:]
    ['nn:avsnittet|</s>', 'p2:<s>']
    >>> context_features(["kortare", "vagar", "till", "skolan"], 1)[5:11]
    ['q:re', 'nc:prep', 'pnc:kortare|prep', 'n2:skolan', 's2:an', 'nn:till|skolan']
    >>> context_features(["det", "har", "inte", "funnits"], 1)[8:10]
    ['s2:ts', 'n2s:sup']
    >>> "ns:sup" in context_features(["antalet", "har", "okat"], 1)
    True
    >>> context_features(["i", "fyra", "ar"], 2)[-2:]
    ['pc:num', 'p2:i']
    >>> context_features(["paus", "har", "och"], 1, [False, False, True])[:2]
    ['p:paus', 'n:</s>']
    """
    first = i == 0 or (starts is not None and starts[i])
    last = i + 1 >= len(words) or (starts is not None and starts[i + 1])
    prev = "<s>" if first else _feature_word(words[i - 1])
    nxt = "</s>" if last else _feature_word(words[i + 1])
    suffix = nxt[-2:] if len(nxt) >= MIN_SUFFIX_WORD else "-"
    feats = [f"p:{prev}", f"n:{nxt}", f"s:{suffix}", f"pn:{prev}|{nxt}", f"ps:{prev}|{suffix}"]
    if len(prev) >= MIN_SUFFIX_WORD and prev[0] != "<":
        feats.append(f"q:{prev[-2:]}")
    if "pc" in WIDE_FEATURES and prev in number_words():  # digits are already one word, "<num>"
        feats.append("pc:num")
    if "sup" in WIDE_FEATURES and not last and nxt in supines():
        feats.append("ns:sup")  # "har ökat", "har fått": a supine follows the verb "har", never "här"
    if "nc" in WIDE_FEATURES and not last:
        nc = word_class(nxt) if "cls" in WIDE_FEATURES else ("fn" if nxt in function_words() else "open")
        feats.append(f"nc:{nc}")
        if "pnc" in WIDE_FEATURES:
            feats.append(f"pnc:{prev}|{nc}")
    if "n2" in WIDE_FEATURES and not last:
        far = i + 2 >= len(words) or (starts is not None and starts[i + 2])
        n2 = "</s>" if far else _feature_word(words[i + 2])
        feats.append(f"n2:{n2}")
        if "s2" in WIDE_FEATURES and nxt in function_words() and len(n2) >= MIN_SUFFIX_WORD and n2[0] != "<":
            feats.append(f"s2:{n2[-2:]}")  # "har inte funnits": the ending of the verb after an adverb
        if "sup" in WIDE_FEATURES and nxt in function_words() and n2 in supines():
            feats.append("n2s:sup")  # "har inte gjort"
        if "nn" in WIDE_FEATURES:
            feats.append(f"nn:{nxt}|{n2}")
    if "p2" in WIDE_FEATURES and not first:
        far = i < 2 or (starts is not None and starts[i - 1])
        feats.append(f"p2:{'<s>' if far else _feature_word(words[i - 2])}")
    return feats


# optional feature groups (see context_features)
WIDE_FEATURES = ("n2", "s2", "pc", "nc", "pnc", "sup", "cls", "p2", "nn")


MIN_SUFFIX_WORD = 5  # shorter next words are function words: their ending says nothing about their form


@lru_cache(maxsize=16)
def word_file(name: str) -> frozenset[str]:
    """The folded words of a word list in ``repair/data/`` (one per line; ``#`` starts a comment line).

    >>> "inte" in word_file("function_words.txt")
    True
    """
    lines = (Path(__file__).parent / "data" / name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w.strip()) for w in lines if w.strip() and not w.startswith("#"))


SUPINES_FILE = "supines.txt"


@lru_cache(maxsize=1)
def supines() -> frozenset[str]:
    """Folded Swedish supines (``models/repair/supines.txt``, built by ``scripts/build_repair_model.py``).

    An empty set when the file is missing (the build script writes it before it counts contexts).

    >>> "okat" in supines(), "fatt" in supines(), "barnen" in supines()
    (True, True, False)
    """
    path = models_dir() / "repair" / SUPINES_FILE
    if not path.exists():
        return frozenset()
    return frozenset(path.read_text(encoding="utf-8").split())


def word_class(word: str) -> str:
    """``pron``, ``prep``, ``fn`` (other function word) or ``open`` for a folded lowercase word.

    >>> [word_class(w) for w in ("vi", "pa", "inte", "skolan")]
    ['pron', 'prep', 'fn', 'open']
    """
    if word in _pronouns():
        return "pron"
    if word in _prepositions():
        return "prep"
    return "fn" if word in function_words() else "open"


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    return word_file("pronouns.txt")


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return word_file("prepositions.txt")


@lru_cache(maxsize=1)
def number_words() -> frozenset[str]:
    """Folded number words and quantifiers (data file ``number_words.txt``).

    >>> "fyra" in number_words(), "manga" in number_words()
    (True, True)
    """
    return word_file("number_words.txt")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Folded Swedish function words (data file ``function_words.txt``).

    >>> "inte" in function_words(), "rektor" in function_words()
    (True, False)
    """
    return word_file("function_words.txt")


def _feature_word(word: str) -> str:
    return "<num>" if word[:1].isdigit() else fold(word)



_BREAK = re.compile(r"[.!?:;]")


class SentenceStarts:
    """``starts[j]``: whether token ``j`` of ``text`` begins a sentence (computed for all tokens at first use).

    ``tokens`` have ``start``, ``end`` and ``block`` (paragraph number), like :class:`.tokens.Token`.
    True for the first token, a token in another paragraph than the one before and a token after
    ``.``, ``!``, ``?``, ``:`` or ``;``. Line breaks are no boundary.

    >>> from svsamverkan.repair.tokens import tokenize
    >>> text = "Vi sitter här. Det\\ngår"
    >>> starts = SentenceStarts(text, tokenize(text))
    >>> [starts[j] for j in range(5)]
    [True, False, False, True, False]
    """

    def __init__(self, text: str, tokens: Sequence[Any]) -> None:
        self.text, self.tokens = text, tokens
        self._flags: list[bool] | None = None

    def __getitem__(self, j: int) -> bool:
        return self.flags()[j]

    def flags(self) -> list[bool]:
        """All the flags as a list, computed in one pass at first use (cheaper to index than this object)."""
        flags = self._flags
        if flags is None:
            flags = self._flags = self._compute()
        return flags

    def _compute(self) -> list[bool]:
        text, tokens = self.text, self.tokens
        flags = [True] * len(tokens)
        for j in range(1, len(tokens)):
            before, tok = tokens[j - 1], tokens[j]
            if before.block != tok.block:
                continue
            gap = tok.start - before.end
            if gap <= 1:  # the common case, one space: no regex
                flags[j] = gap == 1 and text[before.end] in ".!?:;"
            else:
                flags[j] = _BREAK.search(text, before.end, tok.start) is not None
        return flags
