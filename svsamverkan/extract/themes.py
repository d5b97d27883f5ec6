"""Themes: explicit ones and ranked keyphrases.

Foundation version: an honest pass-through.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import MeetingInfo, Theme


def extract_themes(doc: Doc, *, kind: str = "other", meeting: MeetingInfo | None = None) -> list[Theme]:
    """Return themes, best first (span offsets into ``doc.text``).

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_themes(blank_swedish()("Hej"))
    []
    """
    return []
