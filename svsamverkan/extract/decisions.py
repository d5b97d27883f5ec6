"""Decisions and assignments.

Foundation version: an honest pass-through.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Decision, MeetingInfo


def extract_decisions(doc: Doc, *, kind: str = "other", meeting: MeetingInfo | None = None) -> list[Decision]:
    """Return decisions found in ``doc`` (offsets into ``doc.text``).

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_decisions(blank_swedish()("Hej"))
    []
    """
    return []
