"""Document kind detection (minutes, transcript, slides, article, abstract, guideline, other).

Foundation version: trusts the reader's format hint, else ``other`` with no confidence.
"""

from __future__ import annotations


def detect_kind(text: str, *, hint: str | None = None) -> tuple[str, float | None]:
    """Return ``(kind, confidence)``.

    >>> detect_kind("Hej", hint="slides")
    ('slides', 0.9)
    """
    if hint:
        return hint, 0.9
    return "other", None
