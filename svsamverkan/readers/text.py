"""Plain text and Markdown, with encoding detection.

Minimal first version: UTF-8 (with or without BOM), else charset-normalizer.
The readers issue extends this with DOS cp437/cp850 detection.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from .base import DEFAULT_MAX_BYTES, ReadResult


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes to text and say which encoding was used.

    >>> decode_bytes("för".encode("utf-8"), "x.txt")
    ('för', 'utf-8')
    """
    if not data.strip():
        raise ReadError("E003", source, "the file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("E005", source, "the file contains binary data, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("E006", source, "could not detect the text encoding", "convert the file to UTF-8")
    return str(best), best.encoding


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a .txt/.md file."""
    data = path.read_bytes()[: max_bytes + 1]
    text, encoding = decode_bytes(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(source=str(path), format=path.suffix.lower().lstrip(".") or "txt", text=text,
                      metadata={"encoding": encoding})
