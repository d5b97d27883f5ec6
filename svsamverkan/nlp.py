"""The spaCy backbone: ``spacy.blank("sv")`` with the lookup lemmatizer.

No trained Swedish spaCy pipeline installs offline, so the backbone is the
Swedish tokenizer plus the 660k-form lemma table from ``spacy-lookups-data``.
svsamverkan's own components (see :mod:`svsamverkan.components`) are added on top.

>>> nlp = blank_swedish()
>>> [t.lemma_ for t in nlp("kommunerna önskar")]
['kommun', 'önska']
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelError


def blank_swedish(*, lemmatizer: bool = True) -> Language:
    """A blank Swedish pipeline, with the lookup lemmatizer when ``lemmatizer`` is true."""
    nlp = spacy.blank("sv")
    if lemmatizer:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        try:
            nlp.initialize()
        except (OSError, ValueError) as exc:  # spacy-lookups-data missing
            raise ModelError(
                "E060", "spacy-lookups-data", f"the Swedish lemma table could not be loaded ({exc})",
                "install it with: pip install spacy-lookups-data",
            ) from exc
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
    """One full pipeline per process (models load once)."""
    return make_nlp()
