"""What makes a stored result current: the file's content hash and the pipeline version.

A document is analysed again when either changes. The pipeline version is the
package version plus a hash of every file under ``models/`` (a retrained model
counts as a new pipeline even when the version number stays the same).

>>> pipeline_version().startswith(__import__("svsamverkan").__version__ + "+models.")
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


def models_hash(root: Path | None = None) -> str:
    """12 hex digits summarising the relative path and bytes of every file under ``root``.

    >>> models_hash(Path("/no/such/folder"))
    'none'
    """
    root = models_dir() if root is None else root
    if not root.is_dir():
        return "none"
    h = hashlib.sha256()
    for p in sorted(q for q in root.rglob("*") if q.is_file()):
        h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(content_hash(p).encode("ascii"))
    return h.hexdigest()[:12]


PIN_ENV = "SVSAMVERKAN_PIPELINE_VERSION"
"""Environment variable that, when set, replaces the computed pipeline version (tests, pinned deployments)."""


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``<svsamverkan version>+models.<hash of models/>``; computed once per process.

    Set ``SVSAMVERKAN_PIPELINE_VERSION`` to pin it (e.g. when models/ changes for reasons that do not
    change results).
    """
    return os.environ.get(PIN_ENV) or f"{__version__}+models.{models_hash()}"


def doc_id_for(path: str) -> str:
    """A stable id for a document: 16 hex digits of SHA-1 of its archive-relative path.

    >>> doc_id_for("2019/protokoll.txt")
    'dc057fc2fa105f9c'
    """
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]
