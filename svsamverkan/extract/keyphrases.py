"""Ranked keyphrases: lemmatised nouns and two-word phrases, weighted by TF-IDF against wordfreq.

The background is the general Swedish frequency list of ``wordfreq`` (zipf
scale): a word's weight is ``8 - zipf``, so domain compounds that general text
rarely uses (``samverkansmodell``, ``spridningskonferens``) rank high and
everyday words rank low. Swedish compounds stay whole (they are one token).
Domain stop words (``lang/theme_stopwords.tsv``) and spaCy's Swedish stop
words are never keyphrases on their own. Everything known about a word form
(lemma, restored spelling, weights) is computed once per form (:func:`_form`),
and tokens are read from the Doc as one array, so a document costs one pass.

>>> from svsamverkan.nlp import blank_swedish
>>> doc = blank_swedish()("Om samverkansmodellen. Samverkansmodellen är ny. Tidiga insatser, tidiga insatser!")
>>> [(k.label, k.count) for k in keyphrases(doc)[:2]]
[('samverkansmodell', 2), ('tidiga insatser', 2)]
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.lang.sv.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..nlp import doc_text
from .textspans import fold, load_tsv

_WORD = re.compile(r"^[A-Za-zÅÄÖåäöÉéÜü][A-Za-zÅÄÖåäöÉéÜü-]*[A-Za-zÅÄÖåäöÉéÜü]$")


@dataclass
class Keyphrase:
    """A candidate phrase: its label (lemma for one word, most frequent surface form for two), counts and spans."""

    label: str
    key: str
    count: int = 0
    weight: float = 0.0
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def score(self) -> float:
        """TF-IDF: ``(1 + log count) * weight``."""
        return (1.0 + math.log(self.count)) * self.weight if self.count else 0.0


@lru_cache(maxsize=1)
def domain_stopwords() -> frozenset[str]:
    """Folded lemmas that are never a theme alone.

    >>> "samverkan" in domain_stopwords()
    True
    """
    return frozenset(fold(row[0]) for row in load_tsv("theme_stopwords.tsv"))


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    extra = {"ju", "liksom", "typ", "asså", "jo", "nja", "okej", "mm", "kring", "utifran", "inom", "mellan", "genom",
             "enligt", "bland", "hos", "via", "utan", "efter", "infor", "sedan", "samt", "eller", "dock", "bara"}
    # spaCy's list holds a few words that are themes in this field ("tidiga insatser")
    keep = {"tidig", "tidiga", "tidigt", "tidigare", "nodvandig", "likstalld", "likstallda"}
    return (frozenset(fold(w) for w in STOP_WORDS) | extra) - keep


_PLAIN_WORD = re.compile(r"[a-zåäö]+")


@lru_cache(maxsize=1)
def _wordfreq() -> tuple[dict[str, float], Any, Any, float]:
    """wordfreq's Swedish table (token -> proportion), ``freq_to_zipf``, ``zipf_frequency`` and the minimum.

    The table is the one ``zipf_frequency`` itself loads (same cache key), so it is read once.
    """
    from wordfreq import freq_to_zipf, get_frequency_dict, zipf_frequency, zipf_to_freq

    return get_frequency_dict("sv", "large"), freq_to_zipf, zipf_frequency, zipf_to_freq(0.0)


def zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "sv", wordlist="large")``, several times faster for plain words.

    A word of lower-case Swedish letters only is one wordfreq token, looked up as written;
    the arithmetic repeats wordfreq's (3 significant digits of the frequency, zipf to 2 decimals).
    Other words go to wordfreq itself.

    >>> from wordfreq import zipf_frequency
    >>> [zipf(w) == zipf_frequency(w, "sv", wordlist="large") for w in ("skola", "xqzv", "SIP-möte")]
    [True, True, True]
    """
    table, freq_to_zipf, zipf_frequency, minimum = _wordfreq()
    if not _PLAIN_WORD.fullmatch(word):
        return zipf_frequency(word, "sv", wordlist="large")
    freq = table.get(word)
    if freq is None:
        return round(freq_to_zipf(minimum), 2)
    unrounded = max(1.0 / (1.0 / freq), minimum)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(freq_to_zipf(rounded), 2)


@lru_cache(maxsize=65536)
def background_weight(word: str) -> float:
    """``8 - zipf`` of ``word`` in wordfreq's Swedish list (rare words weigh more).

    >>> background_weight("samverkansmodell") > background_weight("skola")
    True
    """
    return max(0.0, 8.0 - max(zipf(word), zipf(restore_word(word))))


@lru_cache(maxsize=1)
def _lemma_table() -> tuple[Any, frozenset[str]]:
    """The Swedish lookup table (form -> lemma) and the set of its lemmas."""
    from ..nlp import lemma_table

    table = lemma_table()
    return table, frozenset(table.values())


@lru_cache(maxsize=1)
def _restored_forms() -> dict[str, str]:
    """Folded word -> its most frequent spelling in wordfreq (restores stripped å/ä/ö in labels)."""
    from wordfreq import iter_wordlist

    out: dict[str, str] = {}
    for w in iter_wordlist("sv", wordlist="large"):
        out.setdefault(fold(w), w)
    return out


@lru_cache(maxsize=65536)
def restore_word(word: str) -> str:
    """The usual spelling of ``word`` when its å/ä/ö were stripped, else ``word``.

    >>> restore_word("forutsattningar")
    'förutsättningar'
    """
    low = word.lower()
    if any(c in low for c in "åäöé"):
        return low
    if zipf(low) >= 3.0:
        return low  # a common word as written ("far", "for" stay when frequent enough)
    return _restored_forms().get(fold(low), low)


@lru_cache(maxsize=65536)
def lemmatize_word(word: str) -> str:
    """Lemma of one lower-case word; unknown compounds are lemmatised by their last part.

    >>> lemmatize_word("samverkansgrupperna"), lemmatize_word("uppdrag"), lemmatize_word("insatser")
    ('samverkansgrupp', 'uppdrag', 'insats')
    """
    forms, lemmas = _lemma_table()
    if word in lemmas:
        return word
    if word in forms:
        return str(forms.get(word))
    for k in range(3, len(word) - 3):
        tail = word[k:]
        if tail in lemmas:
            return word
        if tail in forms:
            return word[:k] + str(forms.get(tail))
    return word


@dataclass(frozen=True, slots=True)
class _Form:
    """What the keyphrase loop needs of one content word form (computed once per form)."""

    lemma: str
    key: str
    surface: str
    lemma_weight: float
    single_weight: float | None


@lru_cache(maxsize=65536)
def _form(word: str) -> _Form | None:
    """Lemma, folded key, restored spelling and weights of a content word; ``None`` for other words.

    A content word has at least four letters, is no stop word, and its lemma is no stop word.

    >>> f = _form("Familjecentralerna")
    >>> (f.lemma, f.key, f.surface), _form("och")
    (('familjecentral', 'familjecentral', 'familjecentralerna'), None)
    """
    if len(word) < 4 or not _WORD.match(word):
        return None
    restored = restore_word(word)
    lemma = lemmatize_word(restored)
    key = fold(lemma)
    if fold(word) in _stop() or key in _stop():
        return None
    single = None
    if key not in domain_stopwords() and not word[:2].isupper():
        single = min(background_weight(lemma), background_weight(word.lower()))
    return _Form(lemma, key, restored, background_weight(lemma), single)


def table_line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that holds a tab (a table row as readers write it), without its newline.

    >>> table_line_spans("Titel\\nNamn\\tRoll\\nText")
    [(6, 15)]
    """
    spans: list[tuple[int, int]] = []
    if "\t" not in text:
        return spans
    pos = 0
    for line in text.split("\n"):
        if "\t" in line:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _tokens(doc: Doc, text: str) -> list[tuple[str, int]]:
    """(text, offset) of every token that is not white space and not inside a table row."""
    table_spans = table_line_spans(text)
    table_starts = [a for a, _ in table_spans]

    def in_table(pos: int) -> bool:
        i = bisect.bisect_right(table_starts, pos) - 1
        return i >= 0 and pos < table_spans[i][1]

    rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
    return [(text[i : i + n], i) for i, n, space in rows if not space and not (table_spans and in_table(i))]


_Token = tuple[str, int]  # (text, offset)


def keyphrases(doc: Doc, *, top: int = 30, min_len: int = 6) -> list[Keyphrase]:
    """Keyphrases of ``doc``, best first: single lemmas (nouns and compounds) and two-word phrases.

    Two-word phrases must occur at least twice; single words at least twice, or once
    when they are long compounds.
    """
    text = doc_text(doc)
    toks = _tokens(doc, text)
    forms = [_form(t) for t, _ in toks]
    short = len(toks) < 400
    out = [
        k for k in _singles(toks, forms, min_len)
        if k.count >= 2 or (len(k.label) >= 12 and k.weight >= 6.5) or (short and len(k.label) >= 8 and k.weight >= 4.5)
    ]
    out.extend(k for k in _pairs(toks, forms, text) if k.count >= 2)
    out.sort(key=lambda k: (-k.score, k.label))
    return out[:top]


def _singles(toks: list[_Token], forms: list[_Form | None], min_len: int) -> list[Keyphrase]:
    """One keyphrase per lemma of at least ``min_len`` letters; capitalised when it is a name."""
    singles: dict[str, Keyphrase] = {}
    capitals: dict[str, int] = defaultdict(int)
    for i, ((word, idx), form) in enumerate(zip(toks, forms)):
        if form is None or form.single_weight is None or len(form.lemma) < min_len:
            continue
        key = form.key
        kp = singles.get(key)
        if kp is None:
            kp = singles[key] = Keyphrase(label=form.lemma, key=key, weight=form.single_weight)
        kp.count += 1
        kp.spans.append((idx, idx + len(word)))
        if word[:1].isupper() and i > 0 and toks[i - 1][0] not in ".!?:\n" and "\n" not in toks[i - 1][0]:
            capitals[key] += 1
    for kp in singles.values():
        if capitals[kp.key] * 2 > kp.count:  # a name: written with a capital inside sentences
            kp.label = kp.label[:1].upper() + kp.label[1:]
    return list(singles.values())


def _pairs(toks: list[_Token], forms: list[_Form | None], text: str) -> list[Keyphrase]:
    """One keyphrase per pair of adjacent content words (only white space between), labelled by its commonest form."""
    pairs: dict[str, Keyphrase] = {}
    surfaces: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    stops = domain_stopwords()
    for i in range(len(toks) - 1):
        form, nform = forms[i], forms[i + 1]
        if form is None or nform is None:
            continue
        (word, idx), (nword, nidx) = toks[i], toks[i + 1]
        if text[idx + len(word) : nidx].strip() or (nform.key in stops and form.key in stops):
            continue
        pkey = f"{form.key} {nform.key}"
        surface = f"{form.surface} {nform.surface}"
        surfaces[pkey][surface] += 1
        kp = pairs.get(pkey)
        if kp is None:
            w = (form.lemma_weight + nform.lemma_weight) / 2 + 1.0
            kp = pairs[pkey] = Keyphrase(label=surface, key=pkey, weight=w)
        kp.count += 1
        kp.spans.append((idx, nidx + len(nword)))
    for pkey, kp in pairs.items():
        kp.label = max(surfaces[pkey].items(), key=lambda kv: kv[1])[0]
    return list(pairs.values())
