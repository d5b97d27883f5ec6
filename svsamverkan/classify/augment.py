"""Training-time augmentation: the letter damage seen in real transcripts.

Real paragraphs may come with stripped diacritics ("for barnens basta") or OCR
confusions (ö read as "é" or "6", ä as "d" or "&", å as "3"). Training on damaged
copies of the written corpus makes the classifier robust to them.

>>> damage("Barnens bästa för området", rate=1.0, seed=1) != "Barnens bästa för området"
True
"""

from __future__ import annotations

import random

STRIP = str.maketrans("åäöÅÄÖ", "aaoAAO")
OCR_CONFUSIONS: dict[str, tuple[str, ...]] = {
    "ö": ("o", "o", "o", "é", "6"),
    "ä": ("a", "a", "a", "d", "&", "4"),
    "å": ("a", "a", "a", "3"),
}


def damage(text: str, *, rate: float = 0.15, seed: int = 0) -> str:
    """Strip all å/ä/ö, and replace a share ``rate`` of them with OCR confusions instead."""
    rng = random.Random(seed)
    out = []
    for ch in text:
        low = ch.lower()
        if low in OCR_CONFUSIONS:
            out.append(rng.choice(OCR_CONFUSIONS[low]) if rng.random() < rate else ch.translate(STRIP))
        else:
            out.append(ch)
    return "".join(out)
