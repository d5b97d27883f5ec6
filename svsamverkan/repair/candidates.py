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
INNER_MIN_PART = 4  # three-part readings: every part has at least four letters ...
INNER_MIN_ZIPF = 3.0  # ... and is a common word
LINK_WEIGHT = 1.0  # weight of log10 P(linking s | head), estimated from the lexicon's compounds ...
LINK_TAIL = 4  # ... counting words at least this many letters longer than the head
ENDINGS = ("ens", "ets", "en", "et", "s")  # definite and genitive endings of an unlisted form of a listed word
MIN_BASE = 6  # ... on a listed base of at least this many letters
SUFFIX_LIKE = 4  # a last part this short may be an inflection ending rather than a word ("-nas", "-skap") ...
HEAD_CONTEXT = 3  # letters of the tail that a head spelling is judged by ...
MIN_HEAD_EVIDENCE = 2.0  # ... when some spelling starts listed words of summed frequency >= 10**this
SUFFIX_LOG_RATIO = math.log10(30)  # ... when listed words ending in its plain spelling are 30 times as frequent


def consistent(form: str, written: str) -> bool:
    """True when ``form`` keeps every å/ä/ö that ``written`` already has.

    >>> consistent("följeforskare", "följeforskare"), consistent("fara", "fåra")
    (True, False)
    >>> consistent("Örkelljunga", "Orkelljunga")
    True
    """
    return all(w == f or w in "aoAO" for w, f in zip(written, form, strict=True))


def candidates(word: str, lex: Lexicon, *, parts: int = 2) -> list[tuple[str, float]]:
    """Spellings of lowercase ``word`` with zipf-like scores, best first ([] when unknown).

    ``parts=3`` also reads unlisted words as three-part compounds (for a word as written; the OCR step,
    which compares many readings of a word, keeps to two parts so that a far-fetched three-part reading
    of one reading cannot beat a plain one).
    """
    memo = lex.cache("candidates" if parts == 2 else "candidates3")
    hit = memo.get(word)
    if hit is None:
        hit = memo[word] = _candidates(word, lex, parts)
    return hit


def _candidates(word: str, lex: Lexicon, parts: int) -> list[tuple[str, float]]:
    key = fold(word)
    forms = [f for f in lex.forms(key) if consistent(f, word)]
    if forms:
        return [(f, lex.freq(f)) for f in forms]
    compound = split_compound(key, lex, parts=parts)
    if compound is None and parts == 3:
        compound = inflected_form(key, lex)
    if compound is None or not consistent(compound[0], word):
        return []
    return [compound]


def inflected_form(key: str, lex: Lexicon) -> tuple[str, float] | None:
    """An unlisted definite or genitive form of a listed word with one spelling (``mödrahälsovård`` + ``en``).

    >>> from .lexicon import load_lexicon
    >>> inflected_form("modrahalsovarden", load_lexicon())[0]
    'mödrahälsovården'
    """
    for ending in ENDINGS:
        base = key[: -len(ending)]
        if not key.endswith(ending) or len(base) < MIN_BASE:
            continue
        forms = lex.forms(base)
        if len(forms) == 1:
            return forms[0] + ending, lex.freq(forms[0]) - COMPOUND_PENALTY
    return None


def split_compound(key: str, lex: Lexicon, *, parts: int = 2) -> tuple[str, float] | None:
    """Best reading of an unlisted folded compound as head + tail (head may end in a linking s).

    A split scores the mean zipf of its parts (the product of their frequencies, each capped), plus how
    often the lexicon's compounds put a linking s after that head. Of a head's spellings the one that
    starts the most listed words wins (``åter-``, not ``äter-``). With ``parts=3``, when no two listed
    parts make the word, the head or the tail may itself be a two-part compound (scored as one).

    >>> from .lexicon import load_lexicon
    >>> split_compound("foljeforskarna", load_lexicon())[0]
    'följeforskarna'
    >>> split_compound("natverkstraff", load_lexicon())[0]
    'nätverksträff'
    >>> split_compound("aterrapporterar", load_lexicon())[0]
    'återrapporterar'
    >>> split_compound("skolnarvaroarbetet", load_lexicon(), parts=3)[0]
    'skolnärvaroarbetet'
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
        t = productive_tail(tails, tail, lex)
        h = productive_head(heads, lex, t)
        f_head = max(lex.freq(heads[0]), lex.freq(stems[0])) if link else lex.freq(heads[0])
        mean = (min(f_head, PART_ZIPF_CAP) + min(lex.freq(t), PART_ZIPF_CAP)) / 2
        score = mean - COMPOUND_PENALTY + LINK_WEIGHT * link_logprob(base, link, lex)
        if best is None or score > best[1]:
            best = (h + t, score)
    if best is None and parts == 3:
        best = _split_three(key, lex)
    return best


def _split_three(key: str, lex: Lexicon) -> tuple[str, float] | None:
    """Head + tail where one of them is a two-part compound (``skol|närvaro|arbetet``)."""
    best: tuple[str, float] | None = None
    for i in range(MIN_PART, len(key) - MIN_PART + 1):
        head, tail = key[:i], key[i:]
        tails, heads = lex.forms(tail), lex.forms(head)
        if heads and not tails:
            inner = _inner_split(tail, lex)
            read = None if inner is None else (productive_head(heads, lex, inner[0]) + inner[0], lex.freq(heads[0]),
                                               inner[1])
        elif tails and not heads:
            inner = _inner_split(head, lex)
            read = None if inner is None else (inner[0] + tails[0], inner[1], lex.freq(tails[0]))
        else:
            continue
        if read is None:
            continue
        score = (min(read[1], PART_ZIPF_CAP) + min(read[2], PART_ZIPF_CAP)) / 2 - COMPOUND_PENALTY
        if best is None or score > best[1]:
            best = (read[0], score)
    return best


def name_form(written: str, lex: Lexicon, *, listed: bool = False) -> str | None:
    """The proper name with å/ä/ö that a capitalised, stripped ``written`` stands for, if there is exactly one.

    Only for words the word list does not know (``listed=True``: also for listed ones, where the word
    list is not consulted, as in English text), and not when the stripped spelling is a name too
    (``Jonsson`` / ``Jönsson``).

    >>> from .lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> name_form("Toreboda", lex), name_form("Jonsson", lex), name_form("toreboda", lex)
    ('Töreboda', None, None)
    """
    if not written[:1].isupper() or written.isupper() or written in lex.names:
        return None
    key = fold(written)
    found = name_index(lex).get(key)
    if found is None or len(found) != 1 or key in lex.names or (not listed and lex.forms(key.lower())):
        return None
    name = found[0]
    return name if consistent(name, written) else None


def name_index(lex: Lexicon) -> dict[str, list[str]]:
    """Folded spelling -> the names with å/ä/ö that fold to it (built once).

    >>> from .lexicon import load_lexicon
    >>> name_index(load_lexicon())["Kallén"]
    ['Källén']
    """
    index = lex.cache("name_index")
    if not index:
        for name in lex.names:
            if has_diacritic(name):
                index.setdefault(fold(name), []).append(name)
        index[""] = []  # marks the index as built
    return index


def _inner_split(key: str, lex: Lexicon) -> tuple[str, float] | None:
    """A two-part reading of ``key`` whose parts are both common words of at least four letters.

    A last part ending in a linking ``s`` counts as the word before it (``norr|gårds`` in
    ``norrgårdsskolan``: ``gård`` is common, ``gårds`` less so).

    >>> from .lexicon import load_lexicon
    >>> _inner_split("norrgards", load_lexicon())[0]
    'norrgårds'
    """
    best = None
    for i in range(INNER_MIN_PART, len(key) - INNER_MIN_PART + 1):
        heads, (tails, f_tail) = lex.forms(key[:i]), _linked_forms(key[i:], lex)
        if not heads or not tails:
            continue
        f_head = lex.freq(heads[0])
        if min(f_head, f_tail) < INNER_MIN_ZIPF:
            continue
        score = (min(f_head, PART_ZIPF_CAP) + min(f_tail, PART_ZIPF_CAP)) / 2 - COMPOUND_PENALTY
        if best is None or score > best[1]:
            best = (productive_head(heads, lex, tails[0]) + tails[0], score)
    return best


def _linked_forms(part: str, lex: Lexicon) -> tuple[list[str], float]:
    """Spellings of a folded part and its zipf; one ending in a linking s is spelt and scored as its stem
    (``gards`` -> ``gårds``, with the frequency of ``gård``)."""
    if part.endswith("s") and len(part) > INNER_MIN_PART:
        stems = lex.forms(part[:-1])
        if stems:
            stem = productive_head(stems, lex)
            return [stem + "s"], max(lex.freq(stem + "s"), lex.freq(stem))
    forms = lex.forms(part)
    return forms, lex.freq(forms[0]) if forms else 0.0


def productive_head(forms: list[str], lex: Lexicon, tail: str = "") -> str:
    """Of the spellings of a compound head, the one that best starts words going on like the compound.

    Each spelling scores its own zipf frequency plus log10 of the summed frequency of the listed words
    that start with it and the first three letters of ``tail``; where no spelling starts such words
    often enough, two letters, then one, then frequency alone decide (``tand|skador``: ``tandsk...``
    (tandsköterska) outweighs ``tändsk...``; ``vård|kontakt``: no listed word starts ``vårdkon``, but
    ``vårdk...`` outweighs ``värdk...``).

    >>> from .lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> productive_head(["tänd", "tand"], lex, "skador"), productive_head(["vård", "värd", "vard"], lex, "kontakt")
    ('tand', 'vård')
    """
    if len(forms) == 1:
        return forms[0]
    for k in range(HEAD_CONTEXT, 0, -1):
        logs = [math.log10(lex.starting_mass(f + tail[:k]) + 1) for f in forms]
        if max(logs) >= MIN_HEAD_EVIDENCE:
            return max(zip(forms, logs, strict=True), key=lambda fl: lex.freq(fl[0]) + fl[1])[0]
    return max(forms, key=lex.freq)


def productive_tail(forms: list[str], key: str, lex: Lexicon) -> str:
    """Of the spellings of a compound's last part, the one that ends the most frequent listed words.

    ``forms`` are the listed spellings of the folded part ``key``, most frequent first. The plain
    spelling wins when it is the most frequent word; when the part is short enough to be an inflection
    ending and far more words end with its plain spelling, the plain spelling wins too (``siffror|nas``
    is ``siffrornas``, not ``siffror`` + ``nås``). Otherwise, of the spellings with å/ä/ö, the one with
    the highest own frequency times the frequency of the listed words it ends wins (``-vägar``, not
    ``-vågar``; ``-vården``, not ``-värden``). Plain spellings are not compared by their endings: the
    word list holds stripped copies of compounds (``fastighetsagare``).

    >>> from .lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> productive_tail(["vågar", "vägar", "vagar"], "vagar", lex), productive_tail(["nås"], "nas", lex)
    ('vägar', 'nas')
    """
    if forms[0] == key:
        return key
    marked = [f for f in forms if f != key]
    best = max(marked, key=lambda f: lex.freq(f) + lex.ending_log(f))
    if len(key) <= SUFFIX_LIKE and lex.ending_log(key) > SUFFIX_LOG_RATIO + lex.ending_log(best):
        return key
    return best


def link_logprob(head: str, link: str, lex: Lexicon) -> float:
    """log10 P(link | folded head): the share of listed compounds starting with head+s among those starting with head.

    Only words at least :data:`LINK_TAIL` letters longer than the head (or head+s) count: inflections
    (``uppföljningen``, ``uppföljningar``) say nothing about the linking s (``uppföljningsträff``, not
    ``uppföljning`` + ``straff``).

    >>> from .lexicon import load_lexicon
    >>> link_logprob("natverk", "s", load_lexicon()) > link_logprob("natverk", "", load_lexicon())
    True
    """
    memo = lex.cache("link")
    hit = memo.get(head)
    if hit is None:
        n_all, n_s = lex.count_compounds(head, LINK_TAIL), lex.count_compounds(head + "s", LINK_TAIL)
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
