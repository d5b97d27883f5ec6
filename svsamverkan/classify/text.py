"""Text normalisation for the section classifier: folded lowercase text and lemma strings.

Transcripts often arrive with stripped or OCR-damaged Swedish letters ("for barnens
basta"), so both feature views fold diacritics: the character view works on folded
text, the word view on folded lemmas from the spaCy lookup table.

>>> fold("Barnets BÄSTA för Örebro")
'barnets basta for orebro'
>>> lemma_string("Kommunerna placerade barnen i familjehem.")
'kommun placera familjehem'
>>> char_string("Vi har ju en SIP med BUP")
'sip bup'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..nlp import lemma_table

_WORD = re.compile(r"[^\W\d_]+(?:[-:][^\W\d_]+)*|\d+", re.UNICODE)
_MARKUP = re.compile(r"[*_#>\[\]()|•►–—]+")


def fold(text: str) -> str:
    """Lowercase, drop diacritics and markdown markup, squeeze whitespace."""
    text = _MARKUP.sub(" ", text.lower())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Folded Swedish function words and spoken fillers (``stopwords.txt``)."""
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w) for w in lines if w and not w.startswith("#"))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The folded lemma of one lowercase word (the word itself when the table lacks it).

    >>> lemma("placeringarna")
    'placering'
    """
    return fold(lemma_table().get(word, word))


def words(text: str) -> list[str]:
    """Lowercase word tokens of ``text`` (letters, optionally joined by - or :, or digits).

    >>> words("SIP-möte 2 gånger/år")
    ['sip-möte', '2', 'gånger', 'år']
    """
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Lowercase words of ``text`` without function words (compared folded).

    >>> content_words("Och då är det skolans tur")
    ['skolans', 'tur']
    """
    stop = stopwords()
    return [w for w in words(text) if _fold_word(w) not in stop]


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=4096)
def lemma_string(text: str) -> str:
    """Space-joined folded lemmas of the content words, the input of the word-level TF-IDF."""
    return " ".join(lemma(w) for w in content_words(text))


def char_string(text: str) -> str:
    """Space-joined folded content words, the input of the character n-gram TF-IDF."""
    return fold(" ".join(content_words(text)))
