"""Reported speech: where a stripped ``sa`` is the verb *sa* (said) and not *så*.

``så`` is about twenty times as frequent as ``sa``, so outside reported speech a stripped ``sa`` is
read as ``så``. The verb is certain after a subject pronoun (``hon sa``, ``som vi sa``), after a name
(``Jörgen sa att``), after a subject that opens the sentence (``Kuratorn sa``, ``En mamma sa``), after
a closing quote (``”Bra”, sa hon``), before a colon or a quote (``en mamma sa: ...``), after ``vad``/``vem``,
before a name or pronoun that ends a clause (``, sa Lina.``), in
inverted order (``då sa han``) and in ``som sa att`` / ``och sa att``.

>>> from .tokens import tokenize
>>> from .lexicon import load_lexicon
>>> text = "Kuratorn sa att hon var nöjd, och hon sa ingenting mer så att vi gick."
>>> toks = tokenize(text)
>>> [i for i in range(len(toks)) if toks[i].text == "sa" and is_reported_speech(text, toks, i, load_lexicon())]
[1, 8]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..errors import ModelError
from ..resources import model_path
from .lexicon import Lexicon
from .text import SentenceStarts, fold, word_class, word_file
from .tokens import Token

_QUOTES = frozenset("”\"»’'")
_DEFINITE = ("en", "et", "na")  # endings of definite nouns; "-rn"/"-ln" ("kuratorn", "skolan" is too ambiguous)
_OBJECT_OF_SPEECH = frozenset({"att", "till", "nagot", "nat", "det", "ingenting", "inget"})
COMMON_WORD_ZIPF = 4.5  # a listed first name that is also a common word ("Tack" is not read as a name)
_QUESTION_WORDS = frozenset({"vad", "vem"})  # "vad så" and "vem så" are no Swedish
_NOT_INVERTED = frozenset({"man", "alla", "manga", "flera", "ingen", "nagon", "nan"})  # "då så många": degree


def speech_subjects() -> frozenset[str]:
    """Folded lowercase subjects after which ``sa`` is the verb (data file ``speech_subjects.txt``).

    >>> "hon" in speech_subjects(), "nagon" in speech_subjects(), "skolan" in speech_subjects()
    (True, True, False)
    """
    return word_file("speech_subjects.txt")


def speech_openers() -> frozenset[str]:
    """Folded lowercase words before an inverted ``sa`` + subject (data file ``speech_openers.txt``).

    >>> "da" in speech_openers()
    True
    """
    return word_file("speech_openers.txt")


def speech_determiners() -> frozenset[str]:
    """Folded determiners that open a sentence-initial subject (data file ``speech_determiners.txt``).

    >>> "nagra" in speech_determiners()
    True
    """
    return word_file("speech_determiners.txt")


def is_reported_speech(text: str, tokens: Sequence[Token], i: int, lex: Lexicon,
                       starts: Sequence[bool] | SentenceStarts | None = None) -> bool:
    """True when ``tokens[i]`` (a written ``sa``) is the verb *sa* by one of the patterns above.

    >>> from .tokens import tokenize
    >>> from .lexicon import load_lexicon
    >>> def check(t, i): return is_reported_speech(t, tokenize(t), i, load_lexicon())
    >>> check("Som Ola sa är det sa.", 2), check("Det blev sa bra.", 2), check("Tack sa mycket.", 1)
    (True, False, False)
    >>> check("Da sa hon att det gick.", 1), check("En lärare sa efteråt att det gick.", 2)
    (True, True)
    >>> check("Det är svårt, sa Lina.", 3), check("Vi ändrade det sa att alla kom.", 3)
    (True, False)
    >>> check("När Pär kom sa han att det gick.", 3), check("Hon var trött sa hon gick hem.", 3)
    (True, False)
    >>> check("En flicka på 14 år sa: nej.", 5), check("Vad sa eleverna?", 1), check("Några sa att det gick.", 1)
    (True, True, True)
    >>> check("Vad eleverna sa om det", 2), check("Vad bra sa det blev", 2)
    (True, False)
    """
    if starts is None:
        starts = SentenceStarts(text, tokens)
    if i == 0 or starts[i]:
        return False
    before, tok = tokens[i - 1], tokens[i]
    if before.block != tok.block:
        return False
    between = text[before.end:tok.start]
    if any(c in _QUOTES for c in between):
        return True
    if between.strip(" \t"):  # punctuation between: "..., sa Lina."
        return between.strip(" \t") in (",", "–", "-") and _speaker_ends_clause(text, tokens, i, lex, starts)
    if text[tok.end:tok.end + 1] == ":" or text[tok.end:tok.end + 2].lstrip(" ")[:1] in _QUOTES:
        return True  # "en mamma sa: ...", "sa ”Vi ...”": a quotation follows
    prev = fold(before.text.lower())
    if prev in _QUESTION_WORDS:  # "Vad sa eleverna?"
        return True
    if i >= 2 and not starts[i - 1] and fold(tokens[i - 2].text.lower()) in _QUESTION_WORDS \
            and len(prev) >= 4 and prev.endswith(_DEFINITE):  # "Vad eleverna sa", "vad rektorn sa"
        return True
    nxt = _next_word(text, tokens, i, starts)
    if nxt == "har":  # "så här" ("gör vi så här")
        return False
    return (prev in speech_subjects() or _is_name(before, starts[i - 1], lex) or _opens_sentence(tokens, i, starts)
            or _subject_with_phrase(tokens, i, starts)
            or (prev in speech_openers() and nxt in speech_subjects() and nxt not in _NOT_INVERTED)
            or (prev in ("som", "och") and nxt in _OBJECT_OF_SPEECH and (prev == "som" or nxt == "att"))
            or (nxt in speech_subjects() and nxt not in _NOT_INVERTED
                and _next_word(text, tokens, i + 1, starts) == "att"))


def _next_word(text: str, tokens: Sequence[Token], i: int, starts: Sequence[bool] | SentenceStarts) -> str:
    """The folded lowercase next word when it follows ``tokens[i]`` after one space in the same sentence."""
    if i + 1 >= len(tokens):
        return ""
    nxt = tokens[i + 1]
    if starts[i + 1] or text[tokens[i].end:nxt.start].strip(" \t"):
        return ""
    return fold(nxt.text.lower())


def _is_name(tok: Token, sentence_start: bool, lex: Lexicon) -> bool:
    """A capitalised word that the name list knows, or that inside a sentence is no common word."""
    w = tok.text
    if not w[:1].isupper() or w.isupper():
        return False
    if fold(w) in folded_names(lex) or (fold(w) in first_names() and lex.freq(w.lower()) < COMMON_WORD_ZIPF):
        return True
    return not sentence_start and not lex.forms(fold(w.lower())) and not lex.is_word(w.lower())


def _opens_sentence(tokens: Sequence[Token], i: int, starts: Sequence[bool] | SentenceStarts) -> bool:
    """``sa`` right after a subject that opens the sentence: a definite noun or a determiner (+ noun)."""
    first = tokens[i - 1]
    if starts[i - 1]:
        word = fold(first.text.lower())
        return word in speech_determiners() or ((len(word) >= 5 and word.endswith(_DEFINITE))
                                                 or (len(word) >= 6 and word.endswith(("rn", "ln"))))
    if i >= 2 and starts[i - 2] and not starts[i - 1]:
        return fold(tokens[i - 2].text.lower()) in speech_determiners() and first.text.islower()
    return False


def _subject_with_phrase(tokens: Sequence[Token], i: int, starts: Sequence[bool] | SentenceStarts) -> bool:
    """``sa`` after a sentence-opening subject and a prepositional phrase of one or two words
    (``Kuratorn på skolan sa``, ``En lärare i Umeå sa``): no verb has come yet, so ``sa`` is the verb.

    >>> from .tokens import tokenize
    >>> from .text import SentenceStarts
    >>> t = "Kuratorn på Västra skolan sa att det gick. Barnen i skolan sa nej."
    >>> toks = tokenize(t)
    >>> [_subject_with_phrase(toks, k, SentenceStarts(t, toks)) for k in (4, 11)]
    [True, True]
    """
    for n_phrase in (1, 2):
        prep = i - n_phrase - 1  # the preposition's index
        if prep < 1 or any(starts[k] for k in range(prep, i + 1)):
            continue
        if word_class(fold(tokens[prep].text.lower())) != "prep":
            continue
        if _opens_sentence(tokens, prep, starts):
            return True
    return False


def _speaker_ends_clause(text: str, tokens: Sequence[Token], i: int, lex: Lexicon,
                         starts: Sequence[bool] | SentenceStarts) -> bool:
    """``, sa Lina.`` / ``, sa hon,``: a name or pronoun follows and ends the clause."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    after = text[nxt.end:nxt.end + 1]
    if after not in (".", ",", "!", "?", ""):
        return False
    return fold(nxt.text.lower()) in speech_subjects() or _is_name(nxt, starts[i + 1], lex)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names of the participant gazetteer (``models/names/first_names.txt``), å/ä/ö stripped; empty without it.

    >>> "Johanna" in first_names(), "Soren" in first_names()
    (True, True)
    """
    try:
        path = model_path("names", "first_names.txt")
    except ModelError:
        return frozenset()
    return frozenset(fold(w) for w in path.read_text(encoding="utf-8").split())


def folded_names(lex: Lexicon) -> dict[str, bool]:
    """The name list with å/ä/ö stripped (``Asa`` for Åsa), built once.

    >>> from .lexicon import load_lexicon
    >>> "Asa" in folded_names(load_lexicon())
    True
    """
    names = lex.cache("folded_names")
    if not names:
        names.update(dict.fromkeys(map(fold, lex.names), True))
    return names
