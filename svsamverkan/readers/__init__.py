"""Readers: turn files of the formats analysts have into text.

``read(path)`` picks a reader by file suffix from :data:`READERS`.

>>> from pathlib import Path
>>> '.txt' in READERS and '.md' in READERS
True
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from .base import DEFAULT_MAX_BYTES, Reader, ReadResult
from .text import read_text_file

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".text": read_text_file,
}


def _register_optional() -> None:
    """Register readers whose modules exist (they import their libraries lazily)."""
    try:
        from .pdf import read_pdf

        READERS[".pdf"] = read_pdf
    except ImportError:  # pragma: no cover - module is part of the package
        pass
    try:
        from .office import read_docx, read_pptx

        READERS[".docx"] = read_docx
        READERS[".pptx"] = read_pptx
    except ImportError:  # pragma: no cover
        pass
    try:
        from .html import read_html

        READERS[".html"] = read_html
        READERS[".htm"] = read_html
    except ImportError:  # pragma: no cover
        pass
    try:
        from .subtitles import read_subtitles

        READERS[".srt"] = read_subtitles
        READERS[".vtt"] = read_subtitles
    except ImportError:  # pragma: no cover
        pass


_register_optional()

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(sorted(READERS))


def read(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a file of any supported format.

    >>> read("missing.txt")
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E001: 'missing.txt': file not found
    """
    p = Path(path)
    if not p.exists():
        raise ReadError("E001", str(path), "file not found")
    if not p.is_file():
        raise ReadError("E001", str(path), "not a regular file")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise ReadError(
            "E002",
            str(path),
            f"unsupported file type '{p.suffix or '(none)'}'",
            "supported: " + ", ".join(sorted(READERS)),
        )
    size = p.stat().st_size
    if size > max_bytes:
        raise ReadError("E004", str(path), f"file is {size} bytes, over the limit of {max_bytes}")
    return reader(p, max_bytes=max_bytes)


__all__ = ["DEFAULT_MAX_BYTES", "READERS", "SUPPORTED_SUFFIXES", "ReadResult", "Reader", "read"]
