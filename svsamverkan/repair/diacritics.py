"""Step ``diacritics``: restore stripped å/ä/ö, choosing among candidates with context.

Runs only on paragraphs that :mod:`.safety` finds damaged.

>>> [(e.before, e.after) for e in restore_diacritics("Vi jobbar for barnens basta och det har projektet ar bra.")]
[('for', 'för'), ('basta', 'bästa'), ('har', 'här'), ('ar', 'är')]
>>> restore_diacritics("Vi jobbar för barnens bästa och det här projektet är bra.")
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ..model import Edit
from .candidates import candidates, name_form, restore_case
from .context import context_score
from .lexicon import Lexicon, load_lexicon, log10_share
from .name_parts import name_by_parts
from .names import COMMON_WORD_MAX_RANK, name_rank, prior_name
from .result import edit_at
from .safety import damaged_blocks
from .speech import first_names, folded_names, is_reported_speech, speech_subjects
from .text import SentenceStarts, context_features, fold, function_words, word_file
from .tokens import Token, tokenize

STEP = "diacritics"
MIN_CONFIDENCE = 0.6  # below this the word is reported as undecided and left as written
REPORT_CONFIDENCE = 0.3
IMPLAUSIBLE_AS_WRITTEN = 0.03  # share below which the written form is no real option: pick the best candidate
NAME_CONFIDENCE = 0.8  # a stripped word that only a name with å/ä/ö explains
RARE_WORD_ZIPF = 2.0  # ... also when the word list knows the stripped spelling only as a rare word
MEMO_LIMIT = 200_000
INFINITIVE_BONUS = 2.0  # log10 bonus of an infinitive-looking form after a modal verb
COMMON_WORD_ZIPF = 4.0  # a capitalised common word is read as a name only when the name is common too
PARTS_CONFIDENCE = 0.7  # an unlisted name read from the parts of listed names
SA_CONFIDENCE = 0.9  # "sa" outside reported speech is "så" (about twenty times as frequent)
DEFINITE_ARTICLES = frozenset({"det", "den"})  # + weak adjective + "ar": "är" (the noun would be "året")
RULE_CONFIDENCE = 0.9  # the rules for ar/år/är and här än
POSSESSIVES = frozenset({"mitt", "ditt", "sitt", "vart", "ert", "hans", "hennes", "deras", "dess", "ett"})
YEAR_ADJECTIVES = frozenset({"forsta", "andra", "tredje", "fjarde", "femte", "sista", "nasta", "forra", "hela",
                             "enda", "halva", "senaste", "kommande", "gangna"})  # folded
REPEAT_LINKS = frozenset({"efter", "for"})  # "år efter år", "år för år": a noun repeated around these


def restore_diacritics(text: str) -> list[Edit]:
    """Edits that put back å/ä/ö in damaged paragraphs (spans in ``text``)."""
    lex = load_lexicon()
    damaged = damaged_blocks(text, lex)
    if not damaged:
        return []
    tokens = tokenize(text, only=damaged)
    lowered = [t.text.lower() for t in tokens]
    starts = SentenceStarts(text, tokens).flags()  # a plain list: looked up several times per token
    edits: list[Edit] = []
    memos = _memos(lex)
    settled = memos.settled
    names = lex.names
    named = _NamePositions(text)
    no_name = lex.cache("diacritics_no_name")  # capitalised words that neither name rule can change
    shapes = lex.cache("diacritics_shape")  # word -> _eligible_shape(word)
    for i, tok in enumerate(tokens):
        w = tok.text
        if w in settled or tok.block not in damaged:
            continue
        if tok.english:  # English words stay as they are; names keep their å/ä/ö in English text too
            name = name_form(w, lex, listed=True)
            if name is not None:
                edits.append(Edit(tok.start, tok.end, w, name, f"{STEP}:name", NAME_CONFIDENCE, ()))
            continue
        if w[0].isupper():
            if w not in no_name:
                surname = i > 0 and _after_first_name(text, tokens[i - 1], tok)
                handled, edit = _name_rules(text, tok, lex, named, no_name, surname)
                if edit is not None:
                    edits.append(edit)
                if handled:
                    continue
        elif text[tok.start - 1] == ":" and _acronym_ending(text, tokens, i):
            continue  # "SIP:ar", "BUP:s": an inflection ending, never "SIP:är"
        ok = shapes.get(w)
        if ok is None:
            ok = shapes[w] = _eligible_shape(w)
        if not ok:
            settled[w] = True  # its shape alone rules it out, wherever it stands
            continue
        if w[0].isupper() and not tok.sentence_start and w in names:  # a name mid-sentence
            continue
        if w[0].isupper() and _first_name_in_list(text, tokens, i, lex):
            continue  # a first name before a surname in a list ("Saga Nilsson, ..."; "Soren" is Sören)
        if lowered[i] == "sa":  # "så", except in reported speech ("hon sa", "Åsa sa att", "då sa han")
            if not is_reported_speech(text, tokens, i, lex, starts):
                edits.append(Edit(tok.start, tok.end, w, restore_case("så", w), f"{STEP}:prior", SA_CONFIDENCE,
                                  (w,)))
            continue
        if lowered[i] == "ar" and ((w == "ar" and after_number(lowered, i, starts, before_age_numbers()))  # "15 år"
                                   or repeated_noun(lowered, i, starts)  # "år efter år", "år för år"
                                   or after_possessive(lowered, i, starts)):  # "mitt första år", "ett år"
            edits.append(Edit(tok.start, tok.end, w, restore_case("år", w), f"{STEP}:rule", RULE_CONFIDENCE,
                              ("är", w)))
            continue
        if lowered[i] == "har" and here_than(lowered, i, starts):  # "bättre här än där", "ingen här än"
            edits.append(Edit(tok.start, tok.end, w, restore_case("här", w), f"{STEP}:rule", RULE_CONFIDENCE,
                              ("har",)))
            continue
        if w == "ar" and (after_definite_adjective(lowered, i, starts)  # "det första ar", "förslag 3 ar": är
                          or after_number(lowered, i, starts, before_item_numbers())):
            edits.append(Edit(tok.start, tok.end, w, "är", f"{STEP}:rule", RULE_CONFIDENCE, ("år", w)))
            continue
        edit = _decide_at(tok, lowered, i, lex, starts, memos)
        if edit is not None:
            edits.append(edit)
    return edits


@lru_cache(maxsize=1)
def before_age_numbers() -> frozenset[str]:
    """Folded words before a number in digits that makes ``ar`` the noun ``år`` (``before_age_numbers.txt``).

    >>> "fran" in before_age_numbers(), "punkt" in before_age_numbers()
    (True, False)
    """
    return word_file("before_age_numbers.txt")


@lru_cache(maxsize=1)
def before_item_numbers() -> frozenset[str]:
    """Folded words that label a numbered item, after which ``ar`` is ``är`` (``before_item_numbers.txt``).

    >>> "forslag" in before_item_numbers(), "fran" in before_item_numbers()
    (True, False)
    """
    return word_file("before_item_numbers.txt")


def after_number(lowered: list[str], i: int, starts: Sequence[bool] | None, before: frozenset[str]) -> bool:
    """True when token ``i`` follows a number of one to three digits that follows a (folded) word in ``before``.

    >>> after_number(["fran", "15", "ar"], 2, None, before_age_numbers())
    True
    >>> after_number(["punkt", "3", "ar"], 2, None, before_age_numbers())
    False
    >>> after_number(["under", "2026", "ar"], 2, None, before_age_numbers())
    False
    """
    if i < 2 or not (lowered[i - 1].isdigit() and len(lowered[i - 1]) <= 3):
        return False
    if starts is not None and (starts[i] or starts[i - 1]):
        return False
    return fold(lowered[i - 2]) in before


def here_than(lowered: list[str], i: int, starts: Sequence[bool] | None) -> bool:
    """True when ``har`` stands before ``än`` that does not start ``än så länge``: then it is ``här``.

    ``har än`` is hardly Swedish outside ``vi har än så länge``; ``här än`` compares (``bättre här än
    hemma``) or means *yet* (``ingen här än``).

    >>> here_than(["trivs", "har", "an", "hemma"], 1, None), here_than(["vi", "har", "an", "sa", "lange"], 1, None)
    (True, False)
    """
    if i + 1 >= len(lowered) or lowered[i + 1] != "an" or (starts is not None and starts[i + 1]):
        return False
    return not (i + 2 < len(lowered) and lowered[i + 2] == "sa" and (starts is None or not starts[i + 2]))


def repeated_noun(lowered: list[str], i: int, starts: Sequence[bool] | None) -> bool:
    """True when token ``i`` stands in ``X efter X`` / ``X för X`` (the same word twice): then it is a noun.

    >>> repeated_noun(["besok", "ar", "efter", "ar", "men"], 1, None), repeated_noun(["ar", "efter", "ar"], 2, None)
    (True, True)
    >>> repeated_noun(["det", "ar", "efter", "mig"], 1, None)
    False
    """
    for a, b in ((i, i + 2), (i - 2, i)):
        if a < 0 or b >= len(lowered) or lowered[a] != lowered[b] or fold(lowered[a + 1]) not in REPEAT_LINKS:
            continue
        if starts is None or not (starts[a + 1] or starts[b]):
            return True
    return False


def after_possessive(lowered: list[str], i: int, starts: Sequence[bool] | None) -> bool:
    """True when token ``i`` follows ``ett`` or a neuter possessive, directly or with an ordinal-like adjective
    between (:data:`YEAR_ADJECTIVES`).

    There ``ar`` is the noun ``år`` (``mitt första år``, ``ett år``, ``hennes sista år``): the verb never follows.
    A noun between is no such case (``ett samtycke är``, ``mitt möte är``).

    >>> after_possessive(["under", "mitt", "forsta", "ar"], 3, None), after_possessive(["ett", "ar"], 1, None)
    (True, True)
    >>> after_possessive(["det", "forsta", "ar"], 2, None), after_possessive(["ett", "samtycke", "ar"], 2, None)
    (False, False)
    """
    if i >= 1 and lowered[i - 1] in POSSESSIVES and (starts is None or not starts[i]):
        return True
    if i < 2 or lowered[i - 2] not in POSSESSIVES or fold(lowered[i - 1]) not in YEAR_ADJECTIVES:
        return False
    return starts is None or not (starts[i] or starts[i - 1])


def after_definite_adjective(lowered: list[str], i: int, starts: Sequence[bool] | None) -> bool:
    """True when token ``i`` follows ``det``/``den`` + a weak adjective in the same sentence.

    There ``ar`` is the verb ``är``: the noun would be definite (``det första året``).

    >>> after_definite_adjective(["det", "forsta", "ar", "tid"], 2, None)
    True
    >>> after_definite_adjective(["mitt", "forsta", "ar"], 2, None), after_definite_adjective(["det", "ar"], 1, None)
    (False, False)
    """
    if i < 2 or lowered[i - 2] not in DEFINITE_ARTICLES:
        return False
    adjective = lowered[i - 1]
    if len(adjective) < 3 or adjective[-1] not in "ae" or not adjective.isalpha():
        return False
    return starts is None or not (starts[i] or starts[i - 1])


@lru_cache(maxsize=1)
def infinitive_markers() -> frozenset[str]:
    """Folded modal verbs before an infinitive (data file ``infinitive_markers.txt``).

    >>> "vill" in infinitive_markers(), "maste" in infinitive_markers()
    (True, True)
    """
    return word_file("infinitive_markers.txt")


def _name_rules(text: str, tok: Token, lex: Lexicon, named: _NamePositions, no_name: dict,
                surname: bool = False) -> tuple[bool, Edit | None]:
    """The name prior and the name-parts rule for a capitalised token: (handled, edit or ``None``).

    Words that neither rule can change anywhere go into ``no_name`` and are not looked at again.
    ``surname``: the token follows a first name (``Johanna Back``), where a common word is a surname too.
    """
    w = tok.text
    if prior_name(w) is None and _parts_name(w, lex) is None:
        no_name[w] = True
        return False, None
    name = _prior_name_at(text, tok, lex, named, surname)
    if name is not None:  # "Par" is Pär, "ASA:" is ÅSA (a speaker label), "Marit" stays
        return True, Edit(tok.start, tok.end, w, name, f"{STEP}:name", NAME_CONFIDENCE, (w,))
    name = _name_by_parts_at(tok, lex, named)
    if name is None:
        return False, None
    if name == w:  # an unlisted name whose parts listed names spell as written
        return True, None
    return True, Edit(tok.start, tok.end, w, name, f"{STEP}:name", PARTS_CONFIDENCE, (w,))


def _parts_name(w: str, lex: Lexicon) -> str | None:
    """:func:`.name_parts.name_by_parts` for a title-case word neither the word list nor the name list knows
    (remembered per word)."""
    memo = lex.cache("name_by_parts")
    if w not in memo:
        unlisted = not w.isupper() and w not in lex.names and not lex.forms(fold(w).lower()) \
            and name_form(w, lex) is None
        memo[w] = name_by_parts(w, lex) if unlisted else None
    return memo[w]


def _name_by_parts_at(tok: Token, lex: Lexicon, named: _NamePositions | set[str]) -> str | None:
    """:func:`_parts_name` for a word that stands as a name (``"Vi ringde Forsgard"``; not ``Kalmar``, and
    at a sentence start only when the text has it in a name position elsewhere).

    >>> lex = load_lexicon()
    >>> [_name_by_parts_at(t, lex, set()) for t in tokenize("Fran Linnea Forsgard. Lindback kom")]
    [None, None, 'Forsgård', None, None]
    """
    w = tok.text
    if not w[:1].isupper() or w.isupper():
        return None
    name = _parts_name(w, lex)
    if name is None or (tok.sentence_start and w not in named):
        return None
    return name


def _acronym_ending(text: str, tokens: list[Token], i: int) -> bool:
    """True when token ``i`` is an ending glued to an acronym by a colon (``SIP:ar``, ``LSS:en``).

    >>> t = "24 SIP:ar och ett mål: ar"
    >>> toks = tokenize(t)
    >>> [_acronym_ending(t, toks, j) for j in range(len(toks))]
    [False, False, True, False, False, False, False]
    """
    start = tokens[i].start
    if i == 0 or start < 2 or text[start - 1] != ":":
        return False
    before = tokens[i - 1]
    return before.end == start - 1 and before.text.isupper() and len(before.text) >= 2


class _NamePositions:
    """Capitalised words that stand where names stand somewhere in ``text`` (checked per word, remembered).

    A word counts when it is written capitalised inside a sentence (the text before it does not end in
    ``.!?:;``, a line break, a quote or a dash), or right before another capitalised word ("Par Malmsten
    valdes"): then the same word at a sentence start is the name too.

    >>> named = _NamePositions("Par tar fram. Vi ringde Par.")
    >>> "Par" in named, "Vi" in named
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        hit = self.seen.get(word)
        if hit is None:
            hit = self.seen[word] = _stands_as_name(self.text, word)
        return hit


def _stands_as_name(text: str, word: str) -> bool:
    """True when ``word`` occurs in ``text`` inside a sentence or before another capitalised word."""
    n = len(word)
    at = text.find(word)
    while at >= 0:
        end = at + n
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            before = text[max(0, at - 40):at].rstrip(" \t")
            if before and before[-1] not in ".!?:;\n\"”»–-":
                return True
            after = text[end:end + 40]
            if after[:1] == " " and after[1:2].isupper() and not after[1:3].isupper():
                return True
        at = text.find(word, at + 1)
    return False


def _prior_name_at(text: str, tok: Token, lex: Lexicon, named: _NamePositions | set[str],
                   surname: bool = False) -> str | None:
    """The name prior's spelling (:func:`.names.prior_name`) where the token stands as a name.

    Capitalised mid-sentence; at a sentence start as a speaker label (``Par:``), when the word is no
    Swedish word, or when the text has it in a name position elsewhere (``named``); in capitals only as
    a speaker label (``MARIT:``).

    >>> t = "Vi ringde Par. Par av skor. PAR: ja"
    >>> [_prior_name_at(t, k, load_lexicon(), set()) for k in tokenize(t)]
    [None, None, 'Pär', None, None, None, 'PÄR', None]
    >>> _prior_name_at("Par tar fram", tokenize("Par tar fram")[0], load_lexicon(), {"Par"})
    'Pär'
    """
    w = tok.text
    if not w[:1].isupper() or len(w) < 2:
        return None
    name = prior_name(w)
    if name is None:
        return None
    low = w.lower()
    if surname and not w.isupper():
        return name  # "Johanna Back": after a first name the common word is a surname
    if lex.freq(low) >= COMMON_WORD_ZIPF and name_rank(name[:1] + name[1:].lower()) > COMMON_WORD_MAX_RANK:
        return None  # "Kall mat" is no Käll, "Par" is Pär (a common name)
    label = text[tok.end:tok.end + 1] == ":"
    if w.isupper():
        return name if label else None
    if tok.sentence_start and not label and lex.is_word(low) and w not in named:
        return None
    return name


def _after_first_name(text: str, before: Token, tok: Token) -> bool:
    """True when ``tok`` follows a first name of the gazetteer, one space away in the same sentence.

    >>> t = "Vi ringde Johanna Back. Back till"
    >>> toks = tokenize(t)
    >>> _after_first_name(t, toks[2], toks[3]), _after_first_name(t, toks[3], toks[4])
    (True, False)
    """
    if tok.sentence_start or tok.start != before.end + 1 or text[before.end] != " ":
        return False
    w = before.text
    return w[:1].isupper() and not w.isupper() and fold(w) in first_names()


def _first_name_in_list(text: str, tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A capitalised word, no function word, before a listed surname, that no name with å/ä/ö explains,
    and that can be a first name: a gazetteer first name or no Swedish word (``Vardcentralen Ludvika`` is
    the health centre in Ludvika, not a person).

    >>> t = "Soren Nilsson, Vardcentralen Ludvika"
    >>> toks = tokenize(t)
    >>> _first_name_in_list(t, toks, 0, load_lexicon()), _first_name_in_list(t, toks, 2, load_lexicon())
    (False, False)
    >>> t = "Saga Nilsson, Umeå"
    >>> _first_name_in_list(t, tokenize(t), 0, load_lexicon())
    True
    """
    w = tokens[i].text
    folded = fold(w)
    if fold(w.lower()) in function_words() or not (folded in first_names() or not lex.forms(folded.lower())):
        return False
    return _before_surname(text, tokens, i, folded_names(lex)) and name_form(w, lex, listed=True) is None


def _before_surname(text: str, tokens: list[Token], i: int, names: dict[str, bool]) -> bool:
    """True when the next token is a listed name, one space away, that ends a list item (``,``, ``(``, line end).

    >>> t = "Saga Nilsson, Umeå. Nar Anna kom"
    >>> toks = tokenize(t)
    >>> _before_surname(t, toks, 0, {"Nilsson": True, "Anna": True}), _before_surname(t, toks, 3, {"Anna": True})
    (True, False)
    """
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if nxt.sentence_start or nxt.start != tokens[i].end + 1 or fold(nxt.text) not in names:
        return False
    after = text[nxt.end:nxt.end + 2].lstrip(" ")
    return after[:1] in (",", "(", ";", "\n", "")


class _Memos(NamedTuple):
    with_context: dict  # lowercase word -> its folded key has a context model
    words: dict  # word as written -> decision, for words without a context model
    settled: dict  # words that never change, whatever the context
    context: dict  # (word, neighbours, boundaries) -> decision


def _memos(lex: Lexicon) -> _Memos:
    return _Memos(lex.cache("diacritics_with_context"), lex.cache("diacritics"), lex.cache("diacritics_settled"),
                  lex.cache("diacritics_context"))


def _eligible_shape(w: str) -> bool:
    """A word of letters, not a short acronym, a code or a mixed-case abbreviation.

    >>> [_eligible_shape(w) for w in ("bast", "Basta", "FOR", "FORSTA", "FaR", "iPad", "a1")]
    [True, True, False, True, False, False, False]
    """
    if len(w) < 2 or not w.isalpha():
        return False
    if not w[1:].islower() and not w.isupper():  # "FaR" (fysisk aktivitet på recept), "iPad"
        return False
    return not (w.isupper() and len(w) <= 3)


def decide(tok: Token, lowered: list[str], i: int, lex: Lexicon, starts: Sequence[bool] | None = None) -> Edit | None:
    """Choose the spelling of one token; ``None`` when it stays as written without doubt.

    ``starts`` marks the tokens that begin a sentence (see :func:`.text.context_features`).
    """
    return _decide_at(tok, lowered, i, lex, starts, _memos(lex))


def _decide_at(tok: Token, lowered: list[str], i: int, lex: Lexicon, starts: Sequence[bool] | None,
               memos: _Memos) -> Edit | None:
    word = lowered[i]
    has_context = memos.with_context.get(word)
    if has_context is None:
        has_context = memos.with_context[word] = fold(word) in lex.context
    if not has_context:  # no context model: the decision depends on the word alone
        memo = memos.words
        if tok.text not in memo:
            memo[tok.text] = _decide(tok, word, fold(word), [], lex)
        hit = memo[tok.text]
        if hit is None:
            if tok.sentence_start or not tok.text[:1].isupper():  # names mid-sentence depend on position
                memos.settled[tok.text] = True
            return None
        return edit_at(hit, tok.start, tok.end)
    first = i == 0 or (starts is not None and starts[i])
    last = i + 1 >= len(lowered) or (starts is not None and starts[i + 1])
    prev = "" if first else lowered[i - 1]
    nxt = "" if last else lowered[i + 1]
    memo = memos.context  # the features depend on two words either side and the sentence boundaries ...
    ck = (tok.text, prev, nxt, first, last, _far(lowered, i - 2, starts, i - 1), _far(lowered, i + 2, starts, i + 2))
    if prev and _is_subject(prev, lex):  # ... and, after "modal + subject",
        ck = (*ck, _far(lowered, i - 3, starts, i - 2))  # on the third word left
    if ck not in memo:
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        modal = _after_modal(lowered, i, starts)
        if modal and fold(lowered[i - 1]) in speech_subjects():  # "brukar de förstå": the pronoun is the subject
            feats = context_features(_SkipOne(lowered, i - 1), i - 1, _SkipOne(starts, i - 1) if starts else None)
        else:
            feats = context_features(lowered, i, starts)
        memo[ck] = _decide(tok._replace(start=0, end=len(tok.text)), word, fold(word), feats, lex, modal)
    hit = memo[ck]
    if hit is None:
        return None
    return edit_at(hit, tok.start, tok.end)


def _is_subject(word: str, lex: Lexicon) -> bool:
    """``fold(word) in speech_subjects()``, remembered per lowercase word."""
    memo = lex.cache("is_subject")
    hit = memo.get(word)
    if hit is None:
        hit = memo[word] = fold(word) in speech_subjects()
    return hit


def rare_as_word(key: str, lex: Lexicon) -> bool:
    """True when every listed spelling of the folded lowercase ``key`` is rarer than :data:`RARE_WORD_ZIPF`.

    Then a capitalised word that exactly one name with å/ä/ö explains is read as that name: the word
    list's rare plain forms are often stripped copies of the name itself.

    >>> lex = load_lexicon()
    >>> rare_as_word("backby", lex), rare_as_word("handel", lex)
    (True, False)
    """
    return all(lex.freq(f) < RARE_WORD_ZIPF for f in lex.forms(key))


def _far(lowered: list[str], j: int, starts: Sequence[bool] | None, boundary: int) -> str:
    """The word at ``j`` for the memo key, or ``"|"`` when a sentence boundary (at ``boundary``) lies between."""
    if j < 0 or j >= len(lowered):
        return ""
    return "|" if starts is not None and starts[boundary] else lowered[j]


class _SkipOne:
    """A read-only view of a sequence without its item ``gap`` (indexing and ``len`` only).

    The context of the word after ``modal + subject`` is read as if the subject were not there:
    ``brukar de förstå`` has the features of ``brukar förstå``, not of ``de första``.

    >>> v = _SkipOne(["brukar", "de", "forsta", "nu"], 1)
    >>> len(v), [v[j] for j in range(len(v))]
    (3, ['brukar', 'forsta', 'nu'])
    """

    def __init__(self, items: Sequence, gap: int) -> None:
        self.items, self.gap = items, gap

    def __len__(self) -> int:
        return len(self.items) - 1

    def __getitem__(self, j: int) -> Any:
        return self.items[j + 1 if j >= self.gap else j]


def _after_modal(lowered: list[str], i: int, starts: Sequence[bool] | None) -> bool:
    """True after a modal verb, also with a subject pronoun between ("vill stärka", "försöker vi vara").

    >>> _after_modal(["vi", "vill", "starka"], 2, None), _after_modal(["forsoker", "vi", "vara"], 2, None)
    (True, True)
    >>> _after_modal(["vill", "att", "andra"], 2, None)
    False
    """
    if i == 0 or (starts is not None and starts[i]):
        return False
    prev = fold(lowered[i - 1])
    if prev in infinitive_markers():
        return True
    if prev not in speech_subjects() or i < 2 or (starts is not None and starts[i - 1]):
        return False
    return fold(lowered[i - 2]) in infinitive_markers()


def _decide(tok: Token, word: str, key: str, feats: list[str], lex: Lexicon, after_modal: bool = False) -> Edit | None:
    name = name_form(tok.text, lex)
    if name is None and tok.text[:1].isupper() and rare_as_word(key, lex):  # "Backby" is Bäckby
        name = name_form(tok.text, lex, listed=True)
    if name is not None:
        return Edit(tok.start, tok.end, tok.text, name, f"{STEP}:name", NAME_CONFIDENCE, ())
    cands = candidates(word, lex, parts=3)
    if not cands or (len(cands) == 1 and cands[0][0] == word):
        return None
    scores = [f + context_score(key, c, feats, lex) for c, f in cands]
    if after_modal and len(cands) > 1:  # "vill stärka", not "vill starka"
        scores = [s + INFINITIVE_BONUS * (c in lex.infinitives) for s, (c, _) in zip(scores, cands, strict=True)]
    shares = log10_share(scores)
    best = max(range(len(cands)), key=lambda j: scores[j])
    form, conf = cands[best][0], shares[best]
    others = tuple(restore_case(c, tok.text) for j, (c, _) in enumerate(cands) if j != best)
    if form == word:
        return None
    written = next((shares[j] for j, (c, _) in enumerate(cands) if c == word), 0.0)
    if conf >= MIN_CONFIDENCE or written < IMPLAUSIBLE_AS_WRITTEN:  # "nar": när or når, never as written
        return Edit(tok.start, tok.end, tok.text, restore_case(form, tok.text), STEP, round(conf, 3), others)
    if conf >= REPORT_CONFIDENCE:
        alts = tuple(restore_case(c, tok.text) for c, _ in cands)
        return Edit(tok.start, tok.end, tok.text, tok.text, f"{STEP}:undecided", round(conf, 3), alts)
    return None
