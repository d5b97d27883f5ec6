"""What every reader returns, and the limits every reader respects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import ReadError
from ..model import Page, Table

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
"""Files larger than this are refused (E004) unless a reader is given a larger limit."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The text of a file as read, before any repair.

    ``pages`` and ``tables`` locate pages/slides and tables as offsets into ``text``.
    ``kind_hint`` is a document kind the format implies (subtitles -> transcript,
    PPTX -> slides) or ``None``.
    """

    source: str
    format: str
    text: str
    pages: tuple[Page, ...] = ()
    tables: tuple[Table, ...] = ()
    kind_hint: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class Reader(Protocol):
    """A reader turns a file into a :class:`ReadResult` or raises ``ReadError``."""

    def __call__(self, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult: ...


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` bytes of a file (never the whole of an enormous one).

    Raises ``ReadError`` E004 when the file is larger, E001 when it cannot be opened.

    >>> read_limited(Path("no-such-file.txt"), 10)
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E001: 'no-such-file.txt': cannot open the file: No such file or directory
    """
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError("E001", str(path), f"cannot open the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ReadError("E004", str(path), f"file is over the limit of {max_bytes} bytes")
    return data
