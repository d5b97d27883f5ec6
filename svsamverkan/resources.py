"""Where shipped models and language data live.

In a source checkout, models are in ``<repo>/models``; in an installed wheel
they are packaged as ``svsamverkan/_models``.

>>> models_dir().name in {"models", "_models"}
True
"""

from __future__ import annotations

from pathlib import Path

from .errors import ModelError

PACKAGE_DIR = Path(__file__).resolve().parent
LANG_DIR = PACKAGE_DIR / "lang"


def models_dir() -> Path:
    """The folder holding trained artefacts and their model cards."""
    packaged = PACKAGE_DIR / "_models"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "models"


def model_path(*parts: str) -> Path:
    """Path of a shipped model file; raises ``ModelError`` (E060) when missing."""
    p = models_dir().joinpath(*parts)
    if not p.exists():
        raise ModelError("E060", "/".join(parts), "model file is missing", "rebuild it with: make models")
    return p


def lang_path(name: str) -> Path:
    """Path of a Swedish language-data file in ``svsamverkan/lang``."""
    return LANG_DIR / name
