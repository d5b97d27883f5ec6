"""What makes a stored result current: the file's content hash and the pipeline version.

A document is analysed again when either changes. The pipeline version is the
package version plus a hash of every file under ``models/`` and a hash of the
package's code and data files (a retrained model or an edited rule counts as a new
pipeline even when the version number stays the same).

>>> pipeline_version().startswith(__import__("svsamverkan").__version__ + "+models.")
True
>>> ".code." in pipeline_version() or PIN_ENV in os.environ
True
>>> len(content_hash_bytes(b"Hej"))
64
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .._version import __version__
from ..resources import models_dir

_CHUNK = 1 << 20


def content_hash_bytes(data: bytes) -> str:
    """SHA-256 of some bytes, as hex.

    >>> content_hash_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def content_hash(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks (the file is never modified)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _tree_hash(root: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(files):
        h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(content_hash(p).encode("ascii"))
    return h.hexdigest()[:12]


def models_hash(root: Path | None = None) -> str:
    """12 hex digits summarising the relative path and bytes of every file under ``root``.

    >>> models_hash(Path("/no/such/folder"))
    'none'
    """
    root = models_dir() if root is None else root
    if not root.is_dir():
        return "none"
    return _tree_hash(root, [q for q in root.rglob("*") if q.is_file()])


CODE_SUFFIXES = frozenset({".py", ".tsv", ".txt", ".json"})
"""The package files that decide results: code, and the rule and word lists next to it."""


def code_hash(root: Path | None = None) -> str:
    """12 hex digits over the package's code and data files (``CODE_SUFFIXES``; bundled models excluded).

    >>> len(code_hash()), code_hash(Path("/no/such/folder"))
    (12, 'none')
    """
    root = Path(__file__).resolve().parent.parent if root is None else root
    if not root.is_dir():
        return "none"
    files = [q for q in root.rglob("*") if q.is_file() and q.suffix in CODE_SUFFIXES
             and "__pycache__" not in q.parts and "_models" not in q.relative_to(root).parts]
    return _tree_hash(root, files)


PIN_ENV = "SVSAMVERKAN_PIPELINE_VERSION"
"""Environment variable that, when set, replaces the computed pipeline version (tests, pinned deployments)."""


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``<svsamverkan version>+models.<hash of models/>.code.<hash of the package>``; computed once per process.

    Set ``SVSAMVERKAN_PIPELINE_VERSION`` to pin it (e.g. when models/ changes for reasons that do not
    change results).
    """
    return os.environ.get(PIN_ENV) or f"{__version__}+models.{models_hash()}.code.{code_hash()}"


def doc_id_for(path: str) -> str:
    """A stable id for a document: 16 hex digits of SHA-1 of its archive-relative path.

    >>> doc_id_for("2019/protokoll.txt")
    'dc057fc2fa105f9c'
    """
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]
