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

import bisect
import sys
import types
from collections.abc import Callable, Sequence

from ..model import Edit
from .diacritics import restore_diacritics
from .encoding import fix_encoding_damage
from .layout import fix_layout
from .ocr_letters import fix_ocr_letters
from .result import OffsetMapper, RepairResult, edit_at, in_span_order

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
    result = RepairResult(original=text, text=text)
    for name in names:
        step_edits = REPAIR_STEPS[name](result.text)
        if not step_edits:
            continue
        edits = compose(text, edits, step_edits)
        result = RepairResult.from_edits(text, edits)
    return result


def compose(original: str, earlier: list[Edit], later: list[Edit]) -> list[Edit]:
    """Merge ``later`` edits (spans in the text after ``earlier``) into edits on ``original``.

    >>> e1 = [Edit(0, 3, "6ka", "öka", "ocr")]
    >>> e2 = [Edit(0, 3, "öka", "Öka", "case"), Edit(4, 6, "ar", "är", "diacritics")]
    >>> [(e.start, e.end, e.before, e.after, e.step) for e in compose("6ka ar", e1, e2)]
    [(0, 3, '6ka', 'Öka', 'ocr+case'), (4, 6, 'ar', 'är', 'diacritics')]
    """
    if not earlier:  # the current text is the original: spans need no mapping
        return in_span_order(later)
    earlier = in_span_order(earlier)
    # anchors: current-text offset of each earlier edit's start and end; deltas[k]: shift made by the first k
    cur_starts, cur_ends, deltas = [], [], [0]
    delta = 0
    for e in earlier:
        cur_starts.append(e.start + delta)
        delta += len(e.after) - (e.end - e.start)
        cur_ends.append(e.end + delta)
        deltas.append(delta)
    dropped: set[int] = set()
    added: list[Edit] = []
    for e in in_span_order(later):
        m, covered = _to_original(e, earlier, cur_starts, cur_ends, deltas, original)
        covered = [k for k in covered if k not in dropped]
        if covered and m.before == m.after:
            continue  # a report about text an earlier step wrote: keep the earlier edit
        if covered:
            dropped.update(covered)
            steps = [earlier[k].step for k in covered if earlier[k].step != m.step]
            m = Edit(m.start, m.end, m.before, m.after, "+".join([*steps, m.step]),
                     min([m.confidence, *(earlier[k].confidence for k in covered)]), m.alternatives)
        added.append(m)
    kept = [x for k, x in enumerate(earlier) if k not in dropped]
    return in_span_order(kept + added)


def _to_original(e: Edit, earlier: list[Edit], cur_starts: list[int], cur_ends: list[int], deltas: list[int],
                 original: str) -> tuple[Edit, list[int]]:
    """Map a current-text edit to original offsets; an edit touching earlier edits widens to cover them."""
    # earlier edits whose current span overlaps or touches [e.start, e.end]
    lo = bisect.bisect_left(cur_ends, e.start)
    hi = bisect.bisect_right(cur_starts, e.end)
    inside = [k for k in range(lo, hi) if (cur_starts[k] < e.end and e.start < cur_ends[k])
              or cur_starts[k] == cur_ends[k] == e.start]
    if not inside:
        delta_before = deltas[lo]
        if not delta_before and original[e.start:e.end] == e.before:  # already an original span
            return e, []
        s = e.start - delta_before
        return edit_at(e, s, s + (e.end - e.start), original[s:s + (e.end - e.start)]), []
    first, last = inside[0], inside[-1]
    cur_s, cur_t = min(e.start, cur_starts[first]), max(e.end, cur_ends[last])
    s = earlier[first].start - (cur_starts[first] - cur_s)
    t = earlier[last].end + (cur_t - cur_ends[last])
    parts, pos = [], s
    for k in range(first, last + 1):
        parts += [original[pos:earlier[k].start], earlier[k].after]
        pos = earlier[k].end
    current = "".join(parts) + original[pos:t]
    after = current[: e.start - cur_s] + e.after + current[e.end - cur_s:]
    return Edit(s, t, original[s:t], after, e.step, e.confidence, e.alternatives), inside


def fix_and_explain(text: str) -> tuple[str, list[Edit]]:
    """Like ftfy's ``fix_and_explain``: the repaired text and the edits.

    >>> fix_and_explain("Hej")
    ('Hej', [])
    """
    r = repair(text)
    return r.text, list(r.edits)


__all__ = ["DEFAULT_STEPS", "REPAIR_STEPS", "OffsetMapper", "RepairResult", "fix_and_explain", "repair"]


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`repair`.

    The subpackage ``svsamverkan.repair`` and the function ``svsamverkan.repair`` share a
    name; when the module object ends up as the package attribute (e.g. pytest's importlib
    mode), ``svsamverkan.repair(text)`` still works.
    """

    def __call__(self, text: str, *, steps: Sequence[str] | None = None) -> RepairResult:
        return repair(text, steps=steps)


sys.modules[__name__].__class__ = _CallableModule
