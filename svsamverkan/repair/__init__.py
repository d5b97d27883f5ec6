"""Text repair: restore Swedish letters and undo OCR, PDF and encoding damage.

An ordered registry of small named steps, in the spirit of ftfy's fixers. Each step
takes text and returns :class:`~svsamverkan.model.Edit` objects with spans in the text it
received; :func:`repair` runs them in order and maps every edit back to the
original text, so the result can be audited and undone. Correct text is left alone:
the OCR and diacritics steps only touch paragraphs that look damaged.

>>> repair("för barnens bästa").text
'för barnens bästa'
>>> repair("Det ar nagonting vi behover gora for barnens basta.").text
'Det är någonting vi behöver göra för barnens bästa.'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Edit
from .diacritics import restore_diacritics
from .encoding import fix_encoding_damage
from .layout import fix_layout
from .ocr_letters import fix_ocr_letters
from .result import OffsetMapper, RepairResult

RepairStep = Callable[[str], list[Edit]]
"""A step takes text and returns edits with spans in that text."""

REPAIR_STEPS: dict[str, RepairStep] = {
    "encoding": fix_encoding_damage,
    "layout": fix_layout,
    "ocr_letters": fix_ocr_letters,
    "diacritics": restore_diacritics,
}
DEFAULT_STEPS: tuple[str, ...] = tuple(REPAIR_STEPS)


def repair(text: str, *, steps: Sequence[str] | None = None) -> RepairResult:
    """Repair damaged Swedish text and say what changed.

    ``steps`` picks and orders steps by name (default: :data:`DEFAULT_STEPS`).

    >>> repair("Hej").edits
    ()
    >>> r = repair("Vi 6nskar hjalp for barnens basta", steps=["ocr_letters"])
    >>> r.text, [(e.start, e.before, e.after) for e in r.edits]
    ('Vi önskar hjalp for barnens basta', [(3, '6nskar', 'önskar')])
    """
    names = DEFAULT_STEPS if steps is None else tuple(steps)
    unknown = [n for n in names if n not in REPAIR_STEPS]
    if unknown:
        raise ValueError(f"unknown repair step(s) {unknown}; choose from {list(REPAIR_STEPS)}")
    edits: list[Edit] = []
    current = text
    for name in names:
        step_edits = REPAIR_STEPS[name](current)
        if not step_edits:
            continue
        edits = compose(text, edits, step_edits)
        current = RepairResult.from_edits(text, edits).text
    return RepairResult.from_edits(text, edits)


def compose(original: str, earlier: list[Edit], later: list[Edit]) -> list[Edit]:
    """Merge ``later`` edits (spans in the text after ``earlier``) into edits on ``original``.

    >>> e1 = [Edit(0, 3, "6ka", "öka", "ocr")]
    >>> e2 = [Edit(0, 3, "öka", "Öka", "case"), Edit(4, 6, "ar", "är", "diacritics")]
    >>> [(e.start, e.end, e.before, e.after, e.step) for e in compose("6ka ar", e1, e2)]
    [(0, 3, '6ka', 'Öka', 'ocr+case'), (4, 6, 'ar', 'är', 'diacritics')]
    """
    earlier = sorted(earlier, key=lambda e: (e.start, e.end))
    # anchors: current-text offset of each earlier edit's start and end
    cur_starts, cur_ends = [], []
    delta = 0
    for e in earlier:
        cur_starts.append(e.start + delta)
        delta += len(e.after) - (e.end - e.start)
        cur_ends.append(e.end + delta)
    kept = list(earlier)
    added: list[Edit] = []
    for e in sorted(later, key=lambda e: (e.start, e.end)):
        m = _to_original(e, earlier, cur_starts, cur_ends, original)
        covered = [x for x in kept if _overlaps(x, m)]
        if covered and m.before == m.after:
            continue  # a report about text an earlier step wrote: keep the earlier edit
        for x in covered:
            kept.remove(x)
        if covered:
            steps = [x.step for x in covered if x.step != m.step]
            m = Edit(m.start, m.end, m.before, m.after, "+".join([*steps, m.step]),
                     min([m.confidence, *(x.confidence for x in covered)]), m.alternatives)
        added.append(m)
    return sorted(kept + added, key=lambda e: (e.start, e.end))


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return b.start <= a.start <= b.end if a.start == a.end else a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def _to_original(e: Edit, earlier: list[Edit], cur_starts: list[int], cur_ends: list[int], original: str) -> Edit:
    """Map a current-text edit to original offsets; an edit inside earlier edits widens to cover them."""
    start, end = e.start, e.end
    s = _cur_to_orig(start, earlier, cur_starts, cur_ends, side="start")
    t = _cur_to_orig(end, earlier, cur_starts, cur_ends, side="end")
    # current text of [s, t) is: original[s:t] with earlier edits applied
    cur_s = _orig_to_cur(s, earlier)
    cur_t = _orig_to_cur(t, earlier)
    current = _apply(original, earlier, s, t)
    after = current[: start - cur_s] + e.after + current[end - cur_s:]
    assert len(current) == cur_t - cur_s
    return Edit(s, t, original[s:t], after, e.step, e.confidence, e.alternatives)


def _cur_to_orig(pos: int, earlier: list[Edit], cur_starts: list[int], cur_ends: list[int], side: str) -> int:
    delta = 0
    for e, cs, ce in zip(earlier, cur_starts, cur_ends, strict=True):
        if pos < cs or (pos == cs and side == "end"):
            break
        if pos < ce or (pos == ce and side == "start" and ce > cs):
            return e.start if side == "start" else e.end
        delta = ce - e.end
    return pos - delta


def _orig_to_cur(pos: int, earlier: list[Edit]) -> int:
    delta = 0
    for e in earlier:
        if e.end <= pos and not (e.start == e.end == pos):
            delta += len(e.after) - (e.end - e.start)
    return pos + delta


def _apply(original: str, earlier: list[Edit], s: int, t: int) -> str:
    parts, pos = [], s
    for e in earlier:
        if e.start >= s and e.end <= t and not (e.start == e.end == t):
            parts.append(original[pos:e.start])
            parts.append(e.after)
            pos = e.end
    parts.append(original[pos:t])
    return "".join(parts)


def fix_and_explain(text: str) -> tuple[str, list[Edit]]:
    """Like ftfy's ``fix_and_explain``: the repaired text and the edits.

    >>> fix_and_explain("Hej")
    ('Hej', [])
    """
    r = repair(text)
    return r.text, list(r.edits)


__all__ = ["DEFAULT_STEPS", "REPAIR_STEPS", "OffsetMapper", "RepairResult", "fix_and_explain", "repair"]
