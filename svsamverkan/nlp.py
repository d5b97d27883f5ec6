"""The spaCy backbone: ``spacy.blank("sv")`` with a lookup lemmatizer.

No trained Swedish spaCy pipeline installs offline, so the backbone is the
Swedish tokenizer plus the 660k-form lemma table from ``spacy-lookups-data``.
The table is read once per process into a plain dict (:func:`lemma_table`),
shared by the lemmatizer component, the classifier and the keyphrase
extractor; spaCy's own ``lemmatizer`` would build a second, slower copy
(several seconds per pipeline). svsamverkan's own components (see
:mod:`svsamverkan.components`) are added on top.

>>> nlp = blank_swedish()
>>> [t.lemma_ for t in nlp("kommunerna önskar")]
['kommun', 'önska']
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from .errors import ModelError


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Swedish word form -> lemma (spacy-lookups-data ``sv_lemma_lookup``), loaded once.

    >>> lemma_table()["barnens"]
    'barn'
    """
    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return dict(json.load(fh))
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError(
            "E060", "spacy-lookups-data", f"the Swedish lemma table could not be loaded ({exc})",
            "install it with: pip install spacy-lookups-data",
        ) from exc


def lemmatize(word: str) -> str:
    """The lemma of one word form (the form itself when the table lacks it).

    >>> lemmatize("placeringarna"), lemmatize("Kommunerna"), lemmatize("SIP")
    ('placering', 'kommun', 'SIP')
    """
    table = lemma_table()
    return table.get(word) or table.get(word.lower()) or word


@Language.component("svsamverkan_lemmatizer", assigns=["token.lemma"])
def lookup_lemmatizer(doc: Doc) -> Doc:
    """Set ``token.lemma_`` from the lookup table (form as written, then lowercased).

    >>> [t.lemma_ for t in blank_swedish()("Barnens placeringar")]
    ['barn', 'placering']
    """
    ids = _lemma_ids(doc.vocab.strings)
    for token in doc:
        lemma_id = ids.get(token.text)
        if lemma_id is None:
            lemma_id = _add_lemma(ids, token.text, doc.vocab.strings)
        token.lemma = lemma_id
    return doc


_LEMMA_IDS: dict[int, tuple[StringStore, dict[str, int]]] = {}
"""Per StringStore: word form -> id of its lemma in that store (filled as forms are met)."""
_LEMMA_IDS_MAX = 300_000
"""A cache that grows past this many forms starts again (a long batch run meets many forms)."""


def _lemma_ids(strings: StringStore) -> dict[str, int]:
    entry = _LEMMA_IDS.get(id(strings))
    if entry is None or entry[0] is not strings:  # a new store (or a dead one's reused id)
        entry = _LEMMA_IDS[id(strings)] = (strings, {})
    return entry[1]


def _add_lemma(ids: dict[str, int], form: str, strings: StringStore) -> int:
    if len(ids) >= _LEMMA_IDS_MAX:
        ids.clear()
    table = lemma_table()
    lemma_id = ids[form] = strings.add(table.get(form) or table.get(form.lower()) or form)
    return lemma_id


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc and kept in ``doc.user_data``.

    spaCy builds ``Doc.text`` by joining every token on each access; the
    components read it many times, so they share one copy.

    >>> doc = blank_swedish(lemmatizer=False)("Hej  hopp")
    >>> doc_text(doc) == doc.text
    True
    """
    cached = doc.user_data.get("svs_text")
    if cached is None:
        cached = doc.user_data["svs_text"] = doc.text
    return cached


def blank_swedish(*, lemmatizer: bool = True) -> Language:
    """A blank Swedish pipeline, with the lookup lemmatizer (pipe name ``lemmatizer``) when asked.

    >>> blank_swedish().pipe_names, blank_swedish(lemmatizer=False).pipe_names
    (['lemmatizer'], [])
    """
    nlp = spacy.blank("sv")
    if lemmatizer:
        lemma_table()  # fail early, with a clear error, when the table is missing
        nlp.add_pipe("svsamverkan_lemmatizer", name="lemmatizer")
    return nlp


def make_nlp(*, components: tuple[str, ...] | None = None) -> Language:
    """The full svsamverkan pipeline: backbone plus all svsamverkan components.

    >>> make_nlp().pipe_names[:2]
    ['lemmatizer', 'svsamverkan_paragraphs']
    """
    from . import components as comps

    nlp = blank_swedish()
    for name in components if components is not None else comps.DEFAULT_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One full pipeline per process (models load once).

    >>> shared_nlp() is shared_nlp()
    True
    """
    return make_nlp()
