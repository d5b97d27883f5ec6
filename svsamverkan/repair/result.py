"""The result of repair, and mapping offsets between repaired and original text."""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass
from typing import Any

from ..model import Edit

_SPAN = operator.attrgetter("start", "end")
_new = object.__new__
_set = object.__setattr__


def edit_at(edit: Edit, start: int, end: int, before: str | None = None) -> Edit:
    """A copy of ``edit`` at ``start:end`` (and with ``before``, if given).

    Equal to ``Edit(start, end, before, edit.after, ...)``, built without the dataclass ``__init__``:
    the steps copy a cached decision to every place the word occurs, thousands of times per document.

    >>> edit_at(Edit(0, 3, "for", "för", "diacritics", 0.9), 10, 13)
    Edit(start=10, end=13, before='for', after='för', step='diacritics', confidence=0.9, alternatives=())
    """
    if _EDIT_HAS_POST_INIT:
        return Edit(start, end, edit.before if before is None else before, edit.after, edit.step, edit.confidence,
                    edit.alternatives)
    out = _new(Edit)
    _set(out, "start", start)
    _set(out, "end", end)
    _set(out, "before", edit.before if before is None else before)
    _set(out, "after", edit.after)
    _set(out, "step", edit.step)
    _set(out, "confidence", edit.confidence)
    _set(out, "alternatives", edit.alternatives)
    return out


_EDIT_HAS_POST_INIT = hasattr(Edit, "__post_init__")  # then the constructor must run


def in_span_order(edits: list[Edit] | tuple[Edit, ...]) -> list[Edit]:
    """``edits`` sorted by (start, end); a list already in that order (the usual case) is returned as it is.

    Checking the order allocates nothing, where sorting with a key builds a tuple per edit.

    >>> [e.start for e in in_span_order([Edit(4, 6, "a", "b", "s"), Edit(0, 2, "c", "d", "s")])]
    [0, 4]
    """
    last_start = last_end = -1
    for e in edits:
        start, end = e.start, e.end
        if start < last_start or (start == last_start and end < last_end):
            return sorted(edits, key=_SPAN)
        last_start, last_end = start, end
    return edits if isinstance(edits, list) else list(edits)


@dataclass(frozen=True, slots=True)
class RepairResult:
    """Repaired text plus every edit, with spans in the **original** text.

    Edits with ``before == after`` are reports (undecided words), not changes.

    >>> r = RepairResult.from_edits("for oss", [Edit(0, 3, "for", "för", "diacritics", 0.9)])
    >>> r.text
    'för oss'
    >>> r.to_original(4)
    4
    """

    original: str
    text: str
    edits: tuple[Edit, ...] = ()

    @classmethod
    def from_edits(cls, original: str, edits: list[Edit] | tuple[Edit, ...]) -> RepairResult:
        """Apply non-overlapping edits (original-text spans) to ``original``."""
        ordered = in_span_order(edits)
        parts: list[str] = []
        pos = 0
        for e in ordered:
            if e.start < pos:
                raise ValueError(f"overlapping edits at {e.start}: {e!r}")
            parts.append(original[pos:e.start])
            parts.append(e.after)
            pos = e.end
        parts.append(original[pos:])
        return cls(original=original, text="".join(parts), edits=tuple(ordered))

    @property
    def changes(self) -> tuple[Edit, ...]:
        """Only the edits that changed text."""
        return tuple(e for e in self.edits if e.before != e.after)

    def _anchors(self) -> tuple[list[int], list[int]]:
        # (repaired_pos, original_pos) at the start and end of each edit
        rep, orig = [0], [0]
        delta = 0
        for e in self.changes:
            rep.append(e.start + delta)
            orig.append(e.start)
            delta += len(e.after) - (e.end - e.start)
            rep.append(e.end + delta)
            orig.append(e.end)
        return rep, orig

    def to_original(self, pos: int) -> int:
        """Map a character offset in ``text`` to the offset in ``original``.

        Positions inside a changed span map to the span's start (or end, at its end).
        """
        rep, orig = self._anchors()
        i = bisect.bisect_right(rep, pos) - 1
        if i % 2 == 1:  # inside a changed span: clamp into the original span
            span_len_orig = orig[i + 1] - orig[i] if i + 1 < len(orig) else 0
            return orig[i] + min(pos - rep[i], span_len_orig)
        return orig[i] + (pos - rep[i])

    def offset_mapper(self) -> OffsetMapper:
        """A fast mapper for many offsets."""
        return OffsetMapper(*self._anchors())

    def undo(self) -> str:
        """Return the original text (edits are fully reversible)."""
        return self.original

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"text": ..., "edits": [...]}``."""
        return {"text": self.text, "edits": [e.to_dict() for e in self.edits]}


class OffsetMapper:
    """Maps repaired-text offsets to original-text offsets (built once, used often)."""

    def __init__(self, rep: list[int], orig: list[int]) -> None:
        self._rep = rep
        self._orig = orig

    def __call__(self, pos: int) -> int:
        i = bisect.bisect_right(self._rep, pos) - 1
        if i % 2 == 1:
            span = self._orig[i + 1] - self._orig[i] if i + 1 < len(self._orig) else 0
            return self._orig[i] + min(pos - self._rep[i], span)
        return self._orig[i] + (pos - self._rep[i])
