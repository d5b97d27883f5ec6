"""Extraction: document kind, participants, meeting metadata, decisions and themes.

Each module holds one extractor, a plain function over a spaCy ``Doc`` whose
text is the repaired document text. Offsets returned are offsets into
``doc.text``; the pipeline maps them back to the original text.
"""

from .decisions import extract_decisions
from .kind import detect_kind
from .meeting import extract_meeting
from .participants import extract_participants
from .themes import extract_themes

__all__ = ["detect_kind", "extract_decisions", "extract_meeting", "extract_participants", "extract_themes"]
