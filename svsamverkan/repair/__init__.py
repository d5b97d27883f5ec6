"""Text repair: restore Swedish letters and undo OCR, PDF and encoding damage.

Foundation version: an honest pass-through. The repair issue fills
:data:`REPAIR_STEPS` with the real steps (encoding, layout, OCR letters, diacritics).

>>> repair("för barnens bästa").text
'för barnens bästa'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Edit
from .result import OffsetMapper, RepairResult

RepairStep = Callable[[str], list[Edit]]
"""A step takes text and returns edits with spans in that text."""

REPAIR_STEPS: dict[str, RepairStep] = {}
DEFAULT_STEPS: tuple[str, ...] = tuple(REPAIR_STEPS)


def repair(text: str, *, steps: Sequence[str] | None = None) -> RepairResult:
    """Repair damaged Swedish text and say what changed.

    >>> repair("Hej").edits
    ()
    """
    return RepairResult(original=text, text=text, edits=())


def fix_and_explain(text: str) -> tuple[str, list[Edit]]:
    """Like ftfy's ``fix_and_explain``: the repaired text and the edits.

    >>> fix_and_explain("Hej")
    ('Hej', [])
    """
    r = repair(text)
    return r.text, list(r.edits)


__all__ = ["DEFAULT_STEPS", "REPAIR_STEPS", "OffsetMapper", "RepairResult", "fix_and_explain", "repair"]
