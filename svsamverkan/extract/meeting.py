"""Meeting metadata: group, date, place, agenda items.

Foundation version: an honest pass-through.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import MeetingInfo


def extract_meeting(doc: Doc, *, kind: str = "other") -> MeetingInfo | None:
    """Return meeting metadata, or ``None`` when the document is not a meeting record.

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_meeting(blank_swedish()("Hej")) is None
    True
    """
    return None
