"""Save and load the section classifier: skops for the estimator, ``.npz`` for inference.

Loading a skops file checks its types against an explicit trusted list: a file that needs
any other type is refused instead of being executed. :func:`export_inference` turns a
fitted TF-IDF estimator into the plain-array model of :mod:`.inference`, which the default
classifier loads without scikit-learn.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import ModelError
from .estimator import SectionClassifier, check_fitted
from .inference import TfidfSectionModel, save_inference_model

TRUSTED_TYPES: tuple[str, ...] = (
    "svsamverkan.classify.estimator.SectionClassifier",
    # skops trusts these by default today; listed so that a skops update cannot silently break loading
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
)
"""Types a sections model file may contain beyond skops' defaults."""


def save_model(clf: SectionClassifier, path: str | Path) -> list[str]:
    """Write ``clf`` as a skops file; returns the file's non-default types (all must be trusted)."""
    import zipfile

    import skops.io as sio

    check_fitted(clf)
    sio.dump(clf, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    untrusted = sio.get_untrusted_types(file=path)
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        raise ModelError("E060", str(path), f"model holds types outside the trusted list: {unknown}")
    return list(untrusted)


def load_model(path: str | Path) -> SectionClassifier:
    """Load a skops file, trusting only :data:`TRUSTED_TYPES`."""
    import skops.io as sio

    p = Path(path)
    if not p.is_file():
        raise ModelError("E060", str(p), "model file is missing", "rebuild it with: python scripts/train_sections.py")
    try:
        untrusted = sio.get_untrusted_types(file=p)
    except Exception as exc:  # not a zip / not a skops file
        raise ModelError("E060", str(p), f"not a skops model file ({type(exc).__name__}: {exc})") from exc
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        raise ModelError("E060", str(p), f"model file holds untrusted types {unknown}; refusing to load it")
    try:
        clf = sio.load(p, trusted=list(untrusted))
    except Exception as exc:  # skops raises many kinds on corrupt files
        raise ModelError("E060", str(p), f"model file could not be read ({type(exc).__name__}: {exc})") from exc
    return check_fitted(clf)


# settings of the fitted vectorizers that TfidfSectionModel reproduces; anything else is refused
_WORD_SETTINGS = {"analyzer": "word", "token_pattern": r"\S+", "tokenizer": None, "stop_words": None}
_CHAR_SETTINGS = {"analyzer": "char_wb"}
_COMMON_SETTINGS = {
    "input": "content", "lowercase": False, "preprocessor": None, "strip_accents": None, "binary": False,
    "max_features": None, "vocabulary": None, "norm": "l2", "use_idf": True, "sublinear_tf": True,
    "dtype": np.float32,
}


def inference_model(clf: SectionClassifier) -> TfidfSectionModel:
    """The plain-array copy of a fitted ``features="tfidf"`` classifier (same scores, no sklearn).

    Raises ``ModelError`` when the estimator uses settings the copy does not reproduce.
    """
    model = check_fitted(clf)
    if model.features != "tfidf":
        raise ModelError("E060", "sections model", f"only features='tfidf' can be exported, not {model.features!r}")
    for vec, wanted in ((model.word_vectorizer_, _WORD_SETTINGS), (model.char_vectorizer_, _CHAR_SETTINGS)):
        params = vec.get_params()
        for key, value in {**_COMMON_SETTINGS, **wanted}.items():
            if params[key] != value:
                raise ModelError("E060", "sections model", f"vectorizer setting {key}={params[key]!r} is not supported")
    dtypes = {model.word_vectorizer_.idf_.dtype, model.char_vectorizer_.idf_.dtype,
              *(est.coef_.dtype for est in model.estimators_), *(est.intercept_.dtype for est in model.estimators_)}
    if dtypes != {np.dtype(np.float32)}:  # the copy computes in float32, as sklearn does with these
        raise ModelError("E060", "sections model", f"weights must all be float32, found {sorted(map(str, dtypes))}")
    if min(model.word_vectorizer_.idf_.min(), model.char_vectorizer_.idf_.min()) < 1.0:
        raise ModelError("E060", "sections model", "idf weights below 1 (the copy's exact l2 norm relies on >= 1)")
    word_names = tuple(str(w) for w in model.word_vectorizer_.get_feature_names_out())
    char_names = [str(c) for c in model.char_vectorizer_.get_feature_names_out()]
    coef = np.column_stack([est.coef_[0] for est in model.estimators_])
    return TfidfSectionModel(
        labels=tuple(model.labels),
        word_vocabulary={w: i for i, w in enumerate(word_names)},
        char_vocabulary={c: i for i, c in enumerate(char_names)},
        word_names=word_names,
        word_idf=model.word_vectorizer_.idf_.astype(np.float32),
        char_idf=model.char_vectorizer_.idf_.astype(np.float32),
        coef=np.ascontiguousarray(coef, dtype=np.float32),
        intercept=np.array([est.intercept_[0] for est in model.estimators_], dtype=np.float32),
        calibration=np.asarray(model.calibration_, dtype=np.float64),
        thresholds_=np.asarray(model.thresholds_, dtype=np.float64),
        word_ngram_range=(int(model.word_ngram_range[0]), int(model.word_ngram_range[1])),
        char_ngram_range=(int(model.char_ngram_range[0]), int(model.char_ngram_range[1])),
    )


def export_inference(clf: SectionClassifier, path: str | Path) -> TfidfSectionModel:
    """Write the inference copy of ``clf`` to ``path`` (``.npz``) and check that it reads back identically."""
    from .inference import load_inference_model

    model = inference_model(clf)
    save_inference_model(model, path)
    again = load_inference_model(path)
    if again.word_names != model.word_names or again.char_vocabulary != model.char_vocabulary:
        raise ModelError("E060", str(path), "a feature name did not survive the .npz round trip")
    return again
