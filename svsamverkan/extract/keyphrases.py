"""Ranked keyphrases: lemmatised nouns and two-word phrases, weighted by TF-IDF against wordfreq.

The background is the general Swedish frequency list of ``wordfreq`` (zipf
scale): a word's weight is ``8 - zipf``, so domain compounds that general text
rarely uses (``samverkansmodell``, ``spridningskonferens``) rank high and
everyday words rank low. Swedish compounds stay whole (they are one token).
Domain stop words (``lang/theme_stopwords.tsv``) and spaCy's Swedish stop
words are never keyphrases on their own.

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

from spacy.lang.sv.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

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


@lru_cache(maxsize=65536)
def background_weight(word: str) -> float:
    """``8 - zipf`` of ``word`` in wordfreq's Swedish list (rare words weigh more).

    >>> background_weight("samverkansmodell") > background_weight("skola")
    True
    """
    from wordfreq import zipf_frequency

    return max(0.0, 8.0 - max(zipf_frequency(word, "sv", wordlist="large"),
                              zipf_frequency(restore_word(word), "sv", wordlist="large")))


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
    from wordfreq import zipf_frequency

    if zipf_frequency(low, "sv", wordlist="large") >= 3.0:
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


def _lemma(tok: Token) -> str:
    return lemmatize_word(restore_word(tok.text))


def _content(tok: Token) -> bool:
    t = tok.text
    if len(t) < 4 or not _WORD.match(t):
        return False
    f = fold(t)
    return f not in _stop() and fold(_lemma(tok)) not in _stop()


def keyphrases(doc: Doc, *, top: int = 30, min_len: int = 6) -> list[Keyphrase]:
    """Keyphrases of ``doc``, best first: single lemmas (nouns and compounds) and two-word phrases.

    Two-word phrases must occur at least twice; single words at least twice, or once
    when they are long compounds.
    """
    singles: dict[str, Keyphrase] = {}
    pairs: dict[str, Keyphrase] = {}
    surfaces: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    capitals: dict[str, int] = defaultdict(int)
    text = doc_text(doc)
    table_spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\t[^\n]*", text)]
    table_starts = [a for a, _ in table_spans]

    def in_table(pos: int) -> bool:
        i = bisect.bisect_right(table_starts, pos) - 1
        return i >= 0 and pos < table_spans[i][1]

    toks = [t for t in doc if not t.is_space and not in_table(t.idx)]
    stops = domain_stopwords()
    for i, tok in enumerate(toks):
        if not _content(tok):
            continue
        lemma = _lemma(tok)
        key = fold(lemma)
        if key not in stops and len(lemma) >= min_len and not tok.text[:2].isupper():
            weight = min(background_weight(lemma), background_weight(tok.text.lower()))
            kp = singles.setdefault(key, Keyphrase(label=lemma, key=key, weight=weight))
            kp.count += 1
            kp.spans.append((tok.idx, tok.idx + len(tok.text)))
            if tok.text[:1].isupper() and i > 0 and toks[i - 1].text not in ".!?:\n" and "\n" not in toks[i - 1].text:
                capitals[key] += 1
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            if not _content(nxt) or text[tok.idx + len(tok.text) : nxt.idx].strip():
                continue
            nkey = fold(_lemma(nxt))
            if nkey in stops and key in stops:
                continue
            pkey = f"{key} {nkey}"
            surface = f"{restore_word(tok.text)} {restore_word(nxt.text)}"
            surfaces[pkey][surface] += 1
            w = (background_weight(_lemma(tok)) + background_weight(_lemma(nxt))) / 2 + 1.0
            kp = pairs.setdefault(pkey, Keyphrase(label=surface, key=pkey, weight=w))
            kp.count += 1
            kp.spans.append((tok.idx, nxt.idx + len(nxt.text)))
    short = len(toks) < 400
    out = [
        k for k in singles.values()
        if k.count >= 2 or (len(k.label) >= 12 and k.weight >= 6.5) or (short and len(k.label) >= 8 and k.weight >= 4.5)
    ]
    for k in out:
        if capitals[k.key] * 2 > k.count:  # a name: written with a capital inside sentences
            k.label = k.label[:1].upper() + k.label[1:]
    for pkey, kp in pairs.items():
        if kp.count >= 2:
            kp.label = max(surfaces[pkey].items(), key=lambda kv: kv[1])[0]
            out.append(kp)
    out.sort(key=lambda k: (-k.score, k.label))
    return out[:top]
