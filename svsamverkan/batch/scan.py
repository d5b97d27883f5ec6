"""Walk an archive and decide, per file, what the batch run has to do.

A file is skipped when the database holds rows for its path with the same
content hash and pipeline version. The hash of a file whose size and
modification time match the stored ones is taken from the database instead of
reading the file again (``verify_hashes=True`` always reads).

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     root = pathlib.Path(d)
...     (root / "a").mkdir(); _ = (root / "a" / "x.txt").write_text("Hej")
...     _ = (root / ".hidden.txt").write_text("Hej")
...     [e.path for e in walk_archive(root)]
['a/x.txt']
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from ..readers import SUPPORTED_SUFFIXES
from .rows import FileInfo
from .store import Stored
from .version import content_hash


@dataclass(frozen=True, slots=True)
class Entry:
    """A regular file in the archive."""

    path: str
    abs_path: str
    size_bytes: int
    mtime_ns: int


@dataclass(slots=True)
class Plan:
    """What to do: files to analyse, files refused before analysis, and files already done."""

    todo: list[tuple[FileInfo, str]] = field(default_factory=list)
    refused: list[tuple[FileInfo, dict[str, str]]] = field(default_factory=list)
    unchanged: int = 0
    seen: list[str] = field(default_factory=list)
    replace: set[str] = field(default_factory=set)
    restat: list[FileInfo] = field(default_factory=list)

    @property
    def bytes_todo(self) -> int:
        """Bytes of the files to analyse."""
        return sum(info.size_bytes for info, _ in self.todo)


def walk_archive(root: Path, *, exclude: tuple[Path, ...] = ()) -> Iterator[Entry]:
    """Regular files under ``root`` in sorted order; hidden files and folders and ``exclude`` are left out.

    Symbolic links to files are followed, links to folders are not (no cycles).
    """
    excluded = {p.resolve() for p in exclude}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (Path(dirpath) / d).resolve()
                             not in excluded)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            try:
                st = p.stat()
            except OSError:
                continue
            if not p.is_file() or p.resolve() in excluded:
                continue
            yield Entry(path=p.relative_to(root).as_posix(), abs_path=str(p), size_bytes=st.st_size,
                        mtime_ns=st.st_mtime_ns)


def _refusal(entry: Entry, max_bytes: int) -> dict[str, str] | None:
    suffix = Path(entry.path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return ReadError("E002", entry.path, f"unsupported file type '{suffix or '(none)'}'",
                         "supported: " + ", ".join(SUPPORTED_SUFFIXES)).to_dict()
    if entry.size_bytes > max_bytes:
        return ReadError("E004", entry.path, f"file is {entry.size_bytes} bytes, over the limit of {max_bytes}",
                         "raise --max-bytes to analyse it").to_dict()
    return None


def plan_run(root: Path, stored: dict[str, Stored], *, pipeline_version: str, max_bytes: int,
             exclude: tuple[Path, ...] = (), retry_errors: bool = False, force: bool = False,
             verify_hashes: bool = False) -> Plan:
    """Compare the archive with the database and list the work."""
    plan = Plan()
    for entry in walk_archive(root, exclude=exclude):
        plan.seen.append(entry.path)
        old = stored.get(entry.path)
        try:
            if old and not verify_hashes and (old.size_bytes, old.mtime_ns) == (entry.size_bytes, entry.mtime_ns):
                digest = old.content_hash
            else:
                digest = content_hash(entry.abs_path)
        except OSError as exc:
            info = FileInfo(entry.path, "", entry.size_bytes, entry.mtime_ns)
            plan.refused.append((info, ReadError("E001", entry.path, f"cannot read the file ({exc.strerror})")
                                 .to_dict()))
            plan.replace.add(entry.path)
            continue
        info = FileInfo(entry.path, digest, entry.size_bytes, entry.mtime_ns)
        current = old is not None and old.content_hash == digest and old.pipeline_version == pipeline_version
        if old is not None and current and not force and not (retry_errors and old.failed):
            plan.unchanged += 1
            if (old.size_bytes, old.mtime_ns) != (entry.size_bytes, entry.mtime_ns):
                plan.restat.append(info)  # same bytes, new mtime (touched, copied back)
            continue
        if old is not None:
            plan.replace.add(entry.path)
        refusal = _refusal(entry, max_bytes)
        if refusal is not None:
            plan.refused.append((info, refusal))
        else:
            plan.todo.append((info, entry.abs_path))
    return plan
