"""Synthetic damage: make (clean, damaged) pairs the way real OCR and encoding damage looks.

Used by ``scripts/build_repair_model.py`` to estimate the OCR channel and by
``bench/repair.py`` to score on our own held-out text.

>>> strip_diacritics("Så här gör vi för barnens bästa")
'Sa har gor vi for barnens basta'
>>> damage("öl", seed=1) in {"öl", "ol", "él", "6l", "oél", "dl", "ól"}
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from .text import fold

OCR_CONFUSIONS: dict[str, tuple[tuple[str, float], ...]] = {
    # intended letter -> (what an English-trained OCR engine reads, relative rate)
    # Rates follow the damage classes seen in real OCR of Swedish with an English model:
    # most letters lose their dots/ring, a minority become look-alike glyphs.
    "ö": (("o", 0.79), ("é", 0.08), ("6", 0.04), ("oé", 0.03), ("d", 0.03), ("ó", 0.02), ("a", 0.01)),
    "ä": (("a", 0.80), ("d", 0.06), ("é", 0.04), ("éa", 0.02), ("&", 0.01), ("4", 0.02), ("i", 0.03), ("ia", 0.02)),
    "å": (("a", 0.90), ("d", 0.05), ("3", 0.02), ("ad", 0.03)),
    "Ö": (("O", 0.90), ("6", 0.05), ("0", 0.05)),
    "Ä": (("A", 0.95), ("4", 0.05)),
    "Å": (("A", 0.95), ("3", 0.05)),
    "l": (("l", 0.995), ("[", 0.005)),
    "I": (("I", 0.98), ("|", 0.02)),
}


def strip_diacritics(text: str) -> str:
    """Remove the dots and rings of å/ä/ö (what ``tesseract -l eng`` does to Swedish)."""
    return fold(text)


def _pick(options: tuple[tuple[str, float], ...], rng: random.Random) -> str:
    x = rng.random() * sum(w for _, w in options)
    for out, w in options:
        x -= w
        if x <= 0:
            return out
    return options[-1][0]


def damage(text: str, *, seed: int = 0) -> str:
    """OCR-like damage of every å/ä/ö (and rarely l, I) at the rates in :data:`OCR_CONFUSIONS`."""
    rng = random.Random(seed)
    return "".join(_pick(OCR_CONFUSIONS[c], rng) if c in OCR_CONFUSIONS else c for c in text)


def channel_pairs(text: str, *, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(intended, observed)`` for every confusable letter of ``text`` after synthetic damage."""
    rng = random.Random(seed)
    for c in text:
        if c in OCR_CONFUSIONS:
            yield c, _pick(OCR_CONFUSIONS[c], rng)
