"""Participants: who took part, in what role, for which organisation, present or not.

Foundation version: an honest pass-through that finds nobody.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Participant


def extract_participants(doc: Doc, *, kind: str = "other") -> list[Participant]:
    """Return the participants of ``doc`` (offsets into ``doc.text``).

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_participants(blank_swedish()("Hej"))
    []
    """
    return []
