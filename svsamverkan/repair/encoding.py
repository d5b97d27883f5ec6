"""Step ``encoding``: mojibake (ftfy), DOS code pages read as cp1252, split combining marks, NFC.

>>> [(e.before, e.after) for e in fix_encoding_damage("VÃ¤lkommen till mÃ¶tet")]
[('Ã¤lkommen till mÃ¶', 'älkommen till mö')]
>>> [(e.before, e.after) for e in fix_encoding_damage("en r„ksm”rg†s")]
[('r„ksm”rg†s', 'räksmörgås')]
>>> [(e.before, e.after) for e in fix_encoding_damage("genomfo\u0308ra")]
[('o\u0308', 'ö')]
>>> fix_encoding_damage("”Hej”, sa hon.")
[]
"""

from __future__ import annotations

import bisect
import re
import unicodedata

import ftfy
import ftfy.badness

from ..model import Edit
from .lexicon import load_lexicon

STEP = "encoding"
# cp1252 characters whose byte is a Swedish letter in DOS code pages 437/850
_DOS = {"„": "ä", "”": "ö", "†": "å", "Ž": "Ä", "™": "Ö", "\x8f": "Å", "‚": "é", "\x81": "ü"}
_DOS_WORD = re.compile(r"[^\W\d_]*(?:[^\W\d_][„”†Ž™\x8f‚\x81]+(?=[^\W\d_]))[^\s,.;:!?()\"]*")
_DOS_ANY = re.compile(r"[^\W\d_][„”†Ž™\x8f‚\x81]")
_DOS_FINAL = re.compile(r"(?<![^\s(])[A-Za-z]+[„”†](?=[\s,.;:!?)]|$)")
_SPLIT_MARK = re.compile(r"([aoAOeuU]) ?([\u0308\u030a\u00a8\u02da])(?: (?=[^\W\d_]))?")
_MARKS = {"\u00a8": "\u0308", "\u02da": "\u030a"}


def fix_encoding_damage(text: str) -> list[Edit]:
    """Edits that undo encoding damage, one per damaged line (spans in ``text``)."""
    if text.isascii():
        return []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    suspects = {bisect.bisect_right(line_starts, k) - 1 for k in suspect_starts(text)}
    if not unicodedata.is_normalized("NFC", text):
        suspects.update(i for i, line in enumerate(text.split("\n")) if not unicodedata.is_normalized("NFC", line))
    edits: list[Edit] = []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        if i in suspects:
            edits.extend(_fix_line(line, pos))
        pos += len(line) + 1
    return edits


# UTF-8 read as Latin-1/cp1252 always shows a lead byte (Â..ï) followed by a continuation byte
_UTF8_AS_LATIN = re.compile("[\u00c2-\u00ef][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
_BEYOND_LATIN = re.compile("[^\u0000-\u007f\u00a0-\u00ff–—”“’‘…•€]")


# a line is worth a closer look when it has one of these (Swedish text has none of them)
_SUSPECT = re.compile("|".join(p.pattern for p in (_UTF8_AS_LATIN, _BEYOND_LATIN, _DOS_ANY, _SPLIT_MARK))
                      + "|[ÃÂ\u0080-\u009f\u0300-\u036f]")


# every match of _SUSPECT has one of these characters at most two places after its start
_RARE = re.compile("[^\u0000-\u007f\u00c0\u00c1\u00c4-\u00ff]")  # Â and Ã count as rare


def suspect_starts(text: str) -> set[int]:
    """Offsets where ``_SUSPECT`` matches, tried only just before rare characters (no full regex scan).

    Gives the same lines as ``_SUSPECT.finditer`` (a match never spans a line break).

    >>> sorted(suspect_starts("ok\\nVÃ¤lkommen, åäö – «Hej»"))
    [4]
    """
    out: set[int] = set()
    for m in _RARE.finditer(text):
        q = m.start()
        for k in range(max(q - 2, 0), q + 1):
            if _SUSPECT.match(text, k):
                out.add(k)
    return out


def _fix_line(line: str, offset: int) -> list[Edit]:
    if line.isascii():
        return []
    edits: list[Edit] = []
    fixed = ftfy.fix_encoding(line) if ftfy.badness.is_bad(line) or "Ã" in line or "Â" in line else line
    if fixed != line:
        return [_diff_edit(line, fixed, offset, "encoding:mojibake")]
    for m in _DOS_WORD.finditer(line):
        word = m.group()
        if not all((c.isascii() and c.isalpha()) or c in _DOS for c in word):
            continue  # DOS text read as cp1252 is ASCII letters plus these few symbols
        after = "".join(_DOS.get(c, c) for c in word)
        edits.append(Edit(offset + m.start(), offset + m.end(), word, after, "encoding:dos", 0.9))
    for m in _DOS_FINAL.finditer(line):
        after = "".join(_DOS.get(c, c) for c in m.group())
        stem = m.group()[:-1].lower()
        if load_lexicon().is_word(after.lower()) and (len(stem) < 3 or not load_lexicon().is_word(stem)):
            edits.append(Edit(offset + m.start(), offset + m.end(), m.group(), after, "encoding:dos", 0.8))
    if edits:
        return edits
    for m in _SPLIT_MARK.finditer(line):
        base, mark = m.group(1), _MARKS.get(m.group(2), m.group(2))
        composed = unicodedata.normalize("NFC", base + mark)
        if len(composed) == 1:
            edits.append(Edit(offset + m.start(), offset + m.end(), m.group(), composed, "encoding:combining", 0.95))
    if edits:
        return edits
    if not unicodedata.is_normalized("NFC", line):
        return [_diff_edit(line, unicodedata.normalize("NFC", line), offset, "encoding:nfc")]
    return []


def _diff_edit(before: str, after: str, offset: int, step: str) -> Edit:
    """One edit covering the differing middle of two strings."""
    p = 0
    while p < min(len(before), len(after)) and before[p] == after[p]:
        p += 1
    s = 0
    while s < min(len(before), len(after)) - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return Edit(offset + p, offset + len(before) - s, before[p:len(before) - s], after[p:len(after) - s], step, 0.95)
