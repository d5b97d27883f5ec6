"""Candidate spellings for a (lowercase) word whose å/ä/ö may be missing, compounds included.

>>> from .lexicon import load_lexicon
>>> lex = load_lexicon()
>>> [c for c, _ in candidates("basta", lex)][:2]
['bästa', 'basta']
>>> candidates("styrgruppsmoten", lex)[0][0]
'styrgruppsmöten'
"""

from __future__ import annotations

from .lexicon import Lexicon
from .text import fold, has_diacritic

COMPOUND_PENALTY = 1.0  # zipf points: a compound reading is less certain than a listed word
MIN_PART = 3


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

    >>> from .lexicon import load_lexicon
    >>> split_compound("foljeforskarna", load_lexicon())[0]
    'följeforskarna'
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
        link = ""
        if not heads and head.endswith("s") and len(head) > MIN_PART:
            heads, link = lex.forms(head[:-1]), "s"
        if not heads:
            continue
        h, t = heads[0], tails[0]
        score = min(lex.freq(h), lex.freq(t)) - COMPOUND_PENALTY
        h += link
        if best is None or score > best[1]:
            best = (h + t, score)
    return best


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
