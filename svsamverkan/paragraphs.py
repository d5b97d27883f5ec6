"""Paragraphs: blocks of text separated by blank (whitespace-only) lines.

>>> split_paragraphs("Ett.\\n\\n  \\nTvå\\nrader.\\n")
[(0, 4), (9, 19)]
"""

from __future__ import annotations

import re

_BLANK = re.compile(r"\n[ \t\u00a0\f\v]*\n(?:[ \t\u00a0\f\v]*\n)*")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph, stripped of surrounding whitespace.

    >>> split_paragraphs("  \\n\\n")
    []
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        block = text[s:e]
        lead = len(block) - len(block.lstrip())
        trail = len(block) - len(block.rstrip())
        if block.strip():
            out.append((s + lead, e - trail))
    return out
