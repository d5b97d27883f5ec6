"""Paragraph classification against the four guideline sections.

Foundation version: no classifier is installed, so :func:`load_classifier`
returns ``None`` and paragraphs get no labels (never invented ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Prediction:
    """Labels, calibrated scores and explanations for one text."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_classifier() -> object | None:
    """Load the default section classifier, or ``None`` when there is none."""
    return None


def classify_texts(texts: Sequence[str]) -> list[Prediction]:
    """Classify texts; with no classifier every text gets no labels and no scores.

    >>> classify_texts(["Hej"])[0].labels
    ()
    """
    clf = load_classifier()
    if clf is None:
        return [Prediction(labels=(), scores={}) for _ in texts]
    return clf.predict_texts(texts)  # type: ignore[attr-defined]
