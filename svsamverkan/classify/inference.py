"""The default section classifier at inference time: numpy only, no scikit-learn.

:class:`~svsamverkan.classify.estimator.SectionClassifier` is trained with
scikit-learn; :func:`~svsamverkan.classify.persist.export_inference` copies its fitted
numbers (vocabularies, idf weights, coefficients, calibration, thresholds) into one
``.npz`` file that :func:`load_inference_model` reads with ``allow_pickle=False``, so
loading executes nothing from the file and never imports scikit-learn or skops.

:class:`TfidfSectionModel` reproduces the estimator's features exactly (the same lemma
and folded-word inputs, sklearn's ``\\S+`` word n-grams and ``char_wb`` character
n-grams, sublinear tf, idf, l2 norm per feature block, float32 arithmetic in the same
order), so its probabilities equal the estimator's (tests/test_classify.py checks this
on the corpus test split). It is faster because every distinct word is analysed once
per process: its stop-word status, lemma and character n-gram ids are cached.

>>> char_wb_ngrams("sip", (2, 3))
[' s', 'si', 'ip', 'p ', ' si', 'sip', 'ip ']
>>> word_ngrams(["kalla", "sip", "skola"], (1, 2))
['kalla', 'sip', 'skola', 'kalla sip', 'sip skola']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .text import _fold_word, lemma, stopwords, words

FORMAT = "svsamverkan-sections-tfidf-1"
"""Format tag stored in the file; a file with another tag is refused."""

ARRAYS: dict[str, str] = {
    "format": "format tag (one string)",
    "labels": "section names, in score order",
    "word_vocabulary": "lemma uni/bigram features, in column order",
    "char_vocabulary": "char_wb n-gram features, in column order",
    "word_idf": "idf weight per word feature (float32)",
    "char_idf": "idf weight per char feature (float32)",
    "coef": "logistic-regression weights, one column per section, word then char features (float32)",
    "intercept": "logistic-regression intercept per section (float32)",
    "calibration": "Platt slope and intercept per section (float64)",
    "thresholds": "decision threshold per section on the calibrated score (float64)",
    "word_ngram_range": "min and max n of the word n-grams",
    "char_ngram_range": "min and max n of the char_wb n-grams",
}
"""The arrays of an inference file and what each holds (also listed in the model card)."""

_CACHE_MAX = 200_000  # distinct words analysed and kept per process
_NO_IDS = np.zeros(0, dtype=np.int64)


def char_wb_ngrams(word: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams of one space-padded word, as sklearn's ``analyzer="char_wb"``.

    A word shorter than n yields its padded form once and no longer n-grams.

    >>> char_wb_ngrams("a", (2, 5))
    [' a', 'a ', ' a ']
    """
    w = f" {word} "
    out = []
    for n in range(ngram_range[0], ngram_range[1] + 1):
        if len(w) <= n:
            out.append(w)
            break
        out += [w[i : i + n] for i in range(len(w) - n + 1)]
    return out


def word_ngrams(tokens: Sequence[str], ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams of ``tokens`` in sklearn's order (all n-grams of the smallest n first)."""
    out: list[str] = []
    for n in range(ngram_range[0], min(ngram_range[1], len(tokens)) + 1):
        out += tokens if n == 1 else map(" ".join, zip(*(tokens[k:] for k in range(n))))
    return out


@dataclass(frozen=True)
class _Rows:
    """A CSR-like block of TF-IDF rows: row ``i`` is ``cols/data[indptr[i]:indptr[i + 1]]``."""

    indptr: np.ndarray
    cols: np.ndarray
    data: np.ndarray


_PAD_MAX = 1_000_000  # padded cells per chunk in _row_sums


def _row_sums(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """The sum of each row's ``values`` (along the first axis), added one by one in order.

    This is the rounding of a C loop ``s += v`` as in sklearn and scipy; ``np.add.reduceat``
    adds pairwise and can differ in the last bit. Rows are padded with trailing zeros
    (which change no sum) so that one ``cumsum`` serves many rows.

    >>> _row_sums(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 1, 1, 4]))
    array([1., 0., 9.])
    """
    n = len(indptr) - 1
    lengths = np.diff(indptr)
    out = np.zeros((n, *values.shape[1:]), dtype=values.dtype)
    width = int(lengths.max()) if n else 0
    if width == 0:
        return out
    step = max(1, _PAD_MAX // width)
    for start in range(0, n, step):
        stop = min(n, start + step)
        lens = lengths[start:stop]
        lo, hi = int(indptr[start]), int(indptr[stop])
        pad = np.zeros((int(lens.max()) or 1, stop - start, *values.shape[1:]), dtype=values.dtype)
        rows = np.repeat(np.arange(stop - start), lens)
        pos = np.arange(hi - lo) - np.repeat(indptr[start:stop] - lo, lens)
        pad[pos, rows] = values[lo:hi]
        out[start:stop] = np.cumsum(pad, axis=0)[-1]
    return out


def _tfidf_rows(rows: list[np.ndarray], idf: np.ndarray) -> _Rows:
    """Sublinear-tf x idf rows with unit l2 norm, computed as sklearn does it (float32, sorted columns).

    ``rows`` holds per text the feature id of every occurrence (int64).
    """
    n_features = len(idf)
    lengths = np.array([len(r) for r in rows], dtype=np.int64)
    ids = np.concatenate(rows) if rows else _NO_IDS
    keys, counts = np.unique(np.repeat(np.arange(len(rows), dtype=np.int64), lengths) * n_features + ids,
                             return_counts=True)
    row_of, cols = np.divmod(keys, n_features)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=len(rows)), out=indptr[1:])
    data = counts.astype(np.float32)
    np.log(data, out=data)
    data += 1.0
    data *= idf[cols]
    # sklearn sums the float32 squares in a double, in column order, and divides in double. Here
    # every value is >= 1 (log tf + 1 >= 1, smooth idf >= 1), so each square is a multiple of
    # 2**-23, and any sum below 2**30 is exact in a double: the order of the additions cannot matter.
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=len(rows)))
    norms[norms == 0.0] = 1.0
    data[:] = data.astype(np.float64) / np.repeat(norms, np.diff(indptr))
    return _Rows(indptr, cols, data)


def top_features(contrib: np.ndarray, cols: np.ndarray, names: Sequence[str], top: int) -> tuple[str, ...]:
    """Names of the ``top`` features with the largest positive contribution (ties: larger column first).

    >>> top_features(np.array([0.5, -1.0, 2.0]), np.array([0, 1, 2]), ["a", "b", "c"], 5)
    ('c', 'a')
    """
    best = sorted(zip(contrib.tolist(), cols.tolist()), reverse=True)[:top]
    return tuple(str(names[k]) for v, k in best if v > 0)


def platt(decision: np.ndarray, calibration: np.ndarray) -> np.ndarray:
    """Calibrated probabilities from raw scores: one Platt sigmoid ``(a, b)`` per column.

    >>> platt(np.array([[0.0, 2.0]]), np.array([[1.0, 0.0], [1.0, -2.0]])).tolist()
    [[0.5, 0.5]]
    """
    a, b = calibration[:, 0], calibration[:, 1]
    return 1.0 / (1.0 + np.exp(-(decision * a + b)))


class CalibratedPredictions:
    """Mixin: ``predict_proba`` and ``predict`` from ``decision_function``, the Platt parameters
    (``_platt()``), ``labels`` and ``thresholds_``; shared by the estimator and its inference copy."""

    labels: tuple[str, ...]
    thresholds_: np.ndarray

    def decision_function(self, X: Sequence[str]) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    def _platt(self) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Calibrated probability per section, shape (n, n_labels)."""
        if not len(X):
            return np.zeros((0, len(self.labels)))
        return platt(self.decision_function(X), self._platt())

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """0/1 label matrix: probability at or above the section's threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)


@dataclass(frozen=True)
class TfidfSectionModel(CalibratedPredictions):
    """Inference copy of a fitted TF-IDF :class:`SectionClassifier` (same scores, no sklearn).

    Has the estimator's prediction interface: ``labels``, ``thresholds_``,
    ``predict_proba``, ``predict``, ``decision_function`` and ``explain_many``.
    """

    labels: tuple[str, ...]
    word_vocabulary: dict[str, int]
    char_vocabulary: dict[str, int]
    word_names: tuple[str, ...]
    word_idf: np.ndarray
    char_idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    calibration: np.ndarray
    thresholds_: np.ndarray
    word_ngram_range: tuple[int, int]
    char_ngram_range: tuple[int, int]
    _words: dict[str, tuple[tuple[str, ...], np.ndarray]] = field(default_factory=dict, repr=False)
    _recent_word_ids: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    # -- features ------------------------------------------------------------------
    def _analyse_word(self, word: str) -> tuple[tuple[str, ...], np.ndarray]:
        """Lemma tokens and char n-gram ids of one lowercase word; both empty for a function word."""
        folded = _fold_word(word)
        if folded in stopwords():
            return (), _NO_IDS
        get = self.char_vocabulary.get
        grams = chain.from_iterable(char_wb_ngrams(t, self.char_ngram_range) for t in folded.split())
        return tuple(lemma(word).split()), np.array([i for i in map(get, grams) if i is not None], dtype=np.int64)

    def _feature_ids(self, text: str, *, chars: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Word and (unless ``chars`` is false) char feature ids of ``text``, one id per occurrence."""
        cache = self._words
        ws = words(text)
        entries = list(map(cache.get, ws))
        if None in entries:
            if len(cache) > _CACHE_MAX:
                cache.clear()
            for k, w in enumerate(ws):
                if entries[k] is None:
                    entries[k] = cache[w] = self._analyse_word(w)
        lemmas = list(chain.from_iterable(map(itemgetter(0), entries)))
        get = self.word_vocabulary.get
        word_ids = [i for i in map(get, word_ngrams(lemmas, self.word_ngram_range)) if i is not None]
        char_ids = np.concatenate(list(map(itemgetter(1), entries))) if chars and entries else _NO_IDS
        return np.array(word_ids, dtype=np.int64), char_ids

    def _features(self, texts: Sequence[str]) -> tuple[_Rows, _Rows]:
        ids = [self._feature_ids(t) for t in texts]
        # explain_many usually follows for the same texts: keep their word ids until the next call
        self._recent_word_ids.clear()
        self._recent_word_ids.update(zip(texts, (w for w, _ in ids)))
        return (_tfidf_rows([w for w, _ in ids], self.word_idf),
                _tfidf_rows([c for _, c in ids], self.char_idf))

    # -- scores --------------------------------------------------------------------
    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        """Raw (uncalibrated) scores, shape (n, n_labels), float32 as the estimator's."""
        texts = list(X)
        word, char = self._features(texts)
        # one row = its word features, then its char features (sklearn's hstack order)
        rows = np.arange(len(texts))
        row_of = np.concatenate([np.repeat(rows, np.diff(word.indptr)), np.repeat(rows, np.diff(char.indptr))])
        order = np.argsort(row_of, kind="stable")
        cols = np.concatenate([word.cols, char.cols + len(self.word_idf)])[order]
        vals = np.concatenate([word.data, char.data])[order]
        # float32 products summed one by one in column order, like scipy's sparse product
        dot = _row_sums(vals[:, None] * self.coef[cols], word.indptr + char.indptr)
        return dot + self.intercept

    def _platt(self) -> np.ndarray:
        return self.calibration

    def explain_many(
        self, texts: Sequence[str], labels: Sequence[Sequence[str]], top: int = 5
    ) -> list[dict[str, tuple[str, ...]]]:
        """Per text and for each of its labels, the lemma features that pushed it there, strongest first."""
        out: list[dict[str, tuple[str, ...]]] = [{} for _ in texts]
        wanted = [i for i, labs in enumerate(labels) if labs]
        if not wanted:
            return out
        recent = self._recent_word_ids  # another thread may clear it at any time: get() once
        ids = [(recent.get(texts[i]), i) for i in wanted]
        word = _tfidf_rows([w if w is not None else self._feature_ids(texts[i], chars=False)[0] for w, i in ids],
                           self.word_idf)
        index = list(self.labels)
        for row, i in enumerate(wanted):
            lo, hi = word.indptr[row], word.indptr[row + 1]
            cols, vals = word.cols[lo:hi], word.data[lo:hi]
            for label in labels[i]:
                out[i][label] = top_features(vals * self.coef[cols, index.index(label)], cols,
                                             self.word_names, top)
        return out


# -- the file --------------------------------------------------------------------------
def save_inference_model(model: TfidfSectionModel, path: str | Path) -> None:
    """Write ``model`` as one compressed ``.npz`` of plain arrays (strings as unicode arrays)."""
    arrays = {
        "format": np.array(FORMAT),
        "labels": np.array(model.labels),
        "word_vocabulary": np.array(model.word_names),
        "char_vocabulary": np.array(sorted(model.char_vocabulary, key=model.char_vocabulary.__getitem__)),
        "word_idf": model.word_idf,
        "char_idf": model.char_idf,
        "coef": model.coef,
        "intercept": model.intercept,
        "calibration": model.calibration,
        "thresholds": model.thresholds_,
        "word_ngram_range": np.array(model.word_ngram_range),
        "char_ngram_range": np.array(model.char_ngram_range),
    }
    with open(path, "wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]


def load_inference_model(path: str | Path) -> TfidfSectionModel:
    """Read an inference file written by :func:`save_inference_model` (no pickle, no sklearn)."""
    p = Path(path)
    if not p.is_file():
        raise ModelError("E060", str(p), "model file is missing", "rebuild it with: python scripts/train_sections.py")
    try:
        with np.load(p, allow_pickle=False) as npz:
            a = {k: npz[k] for k in npz.files}
    except (OSError, ValueError, EOFError) as exc:  # not a zip, a pickled array, a truncated file
        raise ModelError("E060", str(p), f"not a sections inference file ({type(exc).__name__}: {exc})") from exc
    missing = sorted(set(ARRAYS) - set(a))
    if missing or str(a["format"]) != FORMAT:
        raise ModelError("E060", str(p), f"not a {FORMAT} file (missing arrays {missing})",
                         "rebuild it with: python scripts/train_sections.py")
    word_names = tuple(a["word_vocabulary"].tolist())
    char_names = a["char_vocabulary"].tolist()
    n_labels = len(a["labels"])
    if a["coef"].shape != (len(word_names) + len(char_names), n_labels):
        raise ModelError("E060", str(p), f"coef has shape {a['coef'].shape}, not matching the vocabularies")
    return TfidfSectionModel(
        labels=tuple(a["labels"].tolist()),
        word_vocabulary={w: i for i, w in enumerate(word_names)},
        char_vocabulary={c: i for i, c in enumerate(char_names)},
        word_names=word_names,
        word_idf=a["word_idf"], char_idf=a["char_idf"],
        coef=np.ascontiguousarray(a["coef"]), intercept=a["intercept"],
        calibration=a["calibration"], thresholds_=a["thresholds"].astype(np.float64),
        word_ngram_range=(int(a["word_ngram_range"][0]), int(a["word_ngram_range"][1])),
        char_ngram_range=(int(a["char_ngram_range"][0]), int(a["char_ngram_range"][1])),
    )
