"""Candidate spellings for a (lowercase) word whose å/ä/ö may be missing, compounds included.

>>> from .lexicon import load_lexicon
>>> lex = load_lexicon()
>>> [c for c, _ in candidates("basta", lex)][:2]
['bästa', 'basta']
>>> candidates("styrgruppsmoten", lex)[0][0]
'styrgruppsmöten'
"""

from __future__ import annotations

import math

from .lexicon import Lexicon
from .text import fold, has_diacritic

COMPOUND_PENALTY = 1.0  # zipf points: a compound reading is less certain than a listed word
MIN_PART = 3
PART_ZIPF_CAP = 5.0  # a very frequent part ("till", "för") adds no more evidence than a common one
LINK_WEIGHT = 1.0  # weight of log10 P(linking s | head), estimated from the lexicon's compounds


def consistent(form: str, written: str) -> bool:
    """True when ``form`` keeps every å/ä/ö that ``written`` already has.

    >>> consistent("följeforskare", "följeforskare"), consistent("fara", "fåra")
    (True, False)
    """
    return all(w == f or w in "ao" for w, f in zip(written, form, strict=True))


def candidates(word: str, lex: Lexicon) -> list[tuple[str, float]]:
    """Spellings of lowercase ``word`` with zipf-like scores, best first ([] when unknown)."""
    memo = lex.cache("candidates")
    hit = memo.get(word)
    if hit is None:
        hit = memo[word] = _candidates(word, lex)
    return hit


def _candidates(word: str, lex: Lexicon) -> list[tuple[str, float]]:
    key = fold(word)
    forms = [f for f in lex.forms(key) if consistent(f, word)]
    if forms:
        return [(f, lex.freq(f)) for f in forms]
    compound = split_compound(key, lex)
    if compound is None or not consistent(compound[0], word):
        return []
    return [compound]


def split_compound(key: str, lex: Lexicon) -> tuple[str, float] | None:
    """Best reading of an unlisted folded compound as head + tail (head may end in a linking s).

    A split scores the mean zipf of its parts (the product of their frequencies, each capped), plus how
    often the lexicon's compounds put a linking s after that head.

    >>> from .lexicon import load_lexicon
    >>> split_compound("foljeforskarna", load_lexicon())[0]
    'följeforskarna'
    >>> split_compound("natverkstraff", load_lexicon())[0]
    'nätverksträff'
    """
    if len(key) < 2 * MIN_PART + 1:
        return None
    best: tuple[str, float] | None = None
    for i in range(MIN_PART, len(key) - MIN_PART + 1):
        head, tail = key[:i], key[i:]
        tails = lex.forms(tail)
        if not tails:
            continue
        heads = lex.forms(head)
        stems = lex.forms(head[:-1]) if head.endswith("s") and len(head) > MIN_PART else []
        link, base = ("s", head[:-1]) if stems else ("", head)  # "natverks" = nätverk + linking s
        if not heads and stems:
            heads = [stems[0] + "s"]
        if not heads:
            continue
        h, t = heads[0], tails[0]
        f_head = max(lex.freq(h), lex.freq(stems[0])) if link else lex.freq(h)
        mean = (min(f_head, PART_ZIPF_CAP) + min(lex.freq(t), PART_ZIPF_CAP)) / 2
        score = mean - COMPOUND_PENALTY + LINK_WEIGHT * link_logprob(base, link, lex)
        if best is None or score > best[1]:
            best = (h + t, score)
    return best


def link_logprob(head: str, link: str, lex: Lexicon) -> float:
    """log10 P(link | folded head): the share of listed words starting with head+s among those starting with head.

    >>> from .lexicon import load_lexicon
    >>> link_logprob("natverk", "s", load_lexicon()) > link_logprob("natverk", "", load_lexicon())
    True
    """
    memo = lex.cache("link")
    hit = memo.get(head)
    if hit is None:
        n_all, n_s = lex.count_prefix(head), lex.count_prefix(head + "s")
        p_s = (n_s + 1) / (n_all + 2)
        hit = memo[head] = (math.log10(p_s), math.log10(1 - p_s))
    return hit[0] if link else hit[1]


def restore_case(form: str, written: str) -> str:
    """Give ``form`` the capitalisation of ``written``.

    >>> restore_case("sörmland", "Sormland"), restore_case("för", "FOR"), restore_case("är", "4r")
    ('Sörmland', 'FÖR', 'är')
    """
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return form.upper()
    if written[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def needs_restoring(word: str, lex: Lexicon) -> bool:
    """True when a plain word's folded key has a form with å/ä/ö at least as frequent.

    >>> from .lexicon import load_lexicon
    >>> needs_restoring("basta", load_lexicon()), needs_restoring("barn", load_lexicon())
    (True, False)
    """
    if has_diacritic(word):
        return False
    forms = lex.forms(word)
    return bool(forms) and forms[0] != word
