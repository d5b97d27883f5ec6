"""Save and load the section classifier with skops (never pickle).

Loading checks the file's types against an explicit trusted list: a file that needs
any other type is refused instead of being executed.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelError
from .estimator import SectionClassifier, check_fitted

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
