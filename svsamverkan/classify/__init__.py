"""Paragraph classification against the four guideline sections.

The default model (``models/sections/sections.skops``) is a calibrated TF-IDF +
logistic-regression :class:`~svsamverkan.classify.estimator.SectionClassifier`,
trained by ``scripts/train_sections.py`` on the project's own corpus
(``corpora/sections``). Each paragraph gets labels, a calibrated score per section
and, per label, the words that pushed it there.

>>> p = classify_texts(["Vi kallar till en SIP-möte med skolan och BUP för att samordna insatserna."])[0]
>>> p.labels
('struktur',)
>>> classify_texts(["Tack för idag! Lunch serveras i matsalen."])[0].labels
()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ModelError

MODEL_FILE = ("sections", "sections.skops")


@dataclass(frozen=True, slots=True)
class Prediction:
    """Labels, calibrated scores and explanations for one text."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_classifier() -> object | None:
    """Load the default section classifier once per process, or ``None`` when it is not built."""
    from ..resources import model_path
    from .persist import load_model

    try:
        path = model_path(*MODEL_FILE)
    except ModelError:
        return None
    return load_model(path)


def predict_texts(clf: object, texts: Sequence[str], *, explain: bool = True) -> list[Prediction]:
    """Predictions of a fitted :class:`SectionClassifier` for ``texts``."""
    from .estimator import check_fitted

    model = check_fitted(clf)
    texts = list(texts)
    if not texts:
        return []
    proba = model.predict_proba(texts)
    labels = [tuple(lab for lab, p, t in zip(model.labels, row, model.thresholds_) if p >= t) for row in proba]
    expls = model.explain_many(texts, labels) if explain else [{} for _ in texts]
    return [
        Prediction(labels=labs, scores={lab: round(float(p), 4) for lab, p in zip(model.labels, row)}, explanations=ex)
        for labs, row, ex in zip(labels, proba, expls)
    ]


def classify_texts(texts: Sequence[str]) -> list[Prediction]:
    """Classify paragraphs; without a built model every text gets no labels and no scores."""
    clf = load_classifier()
    if clf is None:
        return [Prediction(labels=(), scores={}) for _ in texts]
    return predict_texts(clf, texts)
