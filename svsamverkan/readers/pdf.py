"""PDF files via pdfplumber: text per page, tables kept as tables, OCR for scans.

Each page becomes a :class:`~svsamverkan.model.Page` span; pages are joined by a
blank line. Tables (attendance lists in minutes are usually tables) are found by
their ruling lines and returned as :class:`~svsamverkan.model.Table` rows. Their
text is written once, as tab-separated lines at the table's place on the page:
the running text is taken from outside the table boxes, so no cell is repeated.
A vertical gap larger than a line between two text lines becomes a blank line,
so paragraphs survive. A page with no text layer is OCR'd with Tesseract
(:mod:`svsamverkan.readers.ocr`) when it is installed; otherwise the reader
raises E013 if the whole file has no text.

>>> read_pdf(Path("missing.pdf"))
Traceback (most recent call last):
...
svsamverkan.errors.ReadError: E001: 'missing.pdf': file not found
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Page, Table
from . import ocr
from .base import DEFAULT_MAX_BYTES, ReadResult

PAGE_SEPARATOR = "\n\n"
PARAGRAPH_GAP = 0.8
"""A gap between lines larger than this many line heights starts a new paragraph."""

_ENCRYPTION_ERRORS = frozenset({"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"})


def read_pdf(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int | None = None,
             use_ocr: bool = True) -> ReadResult:
    """Read a PDF file.

    ``max_pages`` stops after that many pages; ``use_ocr=False`` never runs Tesseract.
    Errors: E003 empty, E010 broken, E012 encrypted, E013 scanned without OCR.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "protokoll.pdf"
    >>> _ = bad.write_bytes(b"<html>not a pdf</html>")
    >>> read_pdf(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E010: '...protokoll.pdf': not a PDF file (no %PDF header)
    """
    source = str(path)
    head = _head(path, max_bytes)
    if not head.strip():
        raise ReadError("E003", source, "the file is empty")
    if b"%PDF" not in head[:1024]:
        raise ReadError("E010", source, "not a PDF file (no %PDF header)")
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return _read_open_pdf(pdf, source, max_pages=max_pages, use_ocr=use_ocr)
    except ReadError:
        raise
    except Exception as exc:
        if _is_encryption_error(exc):
            raise ReadError("E012", source, "the PDF is encrypted with a password",
                            "remove the password (e.g. save an unprotected copy) and try again") from None
        raise ReadError("E010", source, f"broken or unreadable PDF ({_describe(exc)})") from None


def _head(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise ReadError("E001", str(path), "file not found") from None
    except OSError as exc:
        raise ReadError("E001", str(path), f"cannot open the file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise ReadError("E004", str(path), f"file is {size} bytes, over the limit of {max_bytes}")
    return head


def _is_encryption_error(exc: BaseException) -> bool:
    seen: list[BaseException] = [exc]
    while seen:
        e = seen.pop()
        if type(e).__name__ in _ENCRYPTION_ERRORS or "password" in str(e).lower():
            return True
        seen.extend(a for a in e.args if isinstance(a, BaseException))
        if e.__cause__ is not None:
            seen.append(e.__cause__)
    return False


def _describe(exc: BaseException) -> str:
    inner = next((a for a in exc.args if isinstance(a, BaseException)), None)
    target = inner or exc
    text = str(target).strip() or type(target).__name__
    return text[:200]


def _read_open_pdf(pdf: Any, source: str, *, max_pages: int | None, use_ocr: bool) -> ReadResult:
    parts: list[str] = []
    pages: list[Page] = []
    tables: list[Table] = []
    needs_ocr: list[int] = []
    offset = 0
    page_list = pdf.pages if max_pages is None else pdf.pages[:max_pages]
    can_ocr = use_ocr and ocr.tesseract_available()
    for page in page_list:
        if offset:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        number = page.page_number
        is_scan = not page.chars and bool(page.images)
        if is_scan and can_ocr:
            text, page_tables, ocr_done = ocr.ocr_pdf_page(page, source), [], True
        else:
            text, page_tables = page_text_and_tables(page)
            ocr_done = False
            if is_scan:
                needs_ocr.append(number)
        parts.append(text)
        pages.append(Page(number=number, start=offset, end=offset + len(text), ocr=ocr_done))
        tables.extend(Table(rows=rows, page=number, start=offset + s, end=offset + e) for rows, s, e in page_tables)
        offset += len(text)
    text = "".join(parts)
    if not text.strip():
        if needs_ocr:
            raise ReadError("E013", source, f"the PDF has no text layer (scanned pages: {_page_range(needs_ocr)})",
                            "install tesseract-ocr and tesseract-ocr-swe (the 'ocr' extra) to read it with OCR")
        raise ReadError("E003", source, "the PDF contains no text")
    metadata: dict[str, Any] = {"page_count": len(pdf.pages), "pages_read": len(page_list)}
    metadata.update(_info(pdf))
    if needs_ocr:
        metadata["pages_without_text"] = needs_ocr
    return ReadResult(source=source, format="pdf", text=text, pages=tuple(pages), tables=tuple(tables),
                      metadata=metadata)


def _page_range(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:10]) + (" ..." if len(numbers) > 10 else "")


def _info(pdf: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ("Title", "Author", "Subject"):
        value = (pdf.metadata or {}).get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            out[key.lower()] = value.strip()
    return out


def page_text_and_tables(page: Any) -> tuple[str, list[tuple[tuple[tuple[str, ...], ...], int, int]]]:
    """Text of one pdfplumber page with its tables as tab-separated lines in place.

    Returns the text and, per table, ``(rows, start, end)`` with offsets into that text.
    """
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    body = page.filter(lambda obj: not _inside_any(obj, boxes)) if boxes else page
    lines = body.extract_text_lines(return_chars=False)
    items: list[tuple[float, int, Any]] = [(line["top"], 0, line) for line in lines]
    items += [(t.bbox[1], 1, t) for t in found]
    items.sort(key=lambda item: (item[0], item[1]))
    heights = [line["bottom"] - line["top"] for line in lines] or [10.0]
    line_height = statistics.median(heights)
    out: list[str] = []
    spans: list[tuple[tuple[tuple[str, ...], ...], int, int]] = []
    offset = 0
    prev_bottom: float | None = None
    prev_was_table = False
    for _top, is_table, item in items:
        if is_table:
            rows = clean_rows(item.extract())
            if not rows:
                continue
            block = "\n".join("\t".join(row) for row in rows)
            sep = "\n\n" if out else ""
            start = offset + len(sep)
            out.append(sep + block)
            offset = start + len(block)
            spans.append((rows, start, offset))
            prev_bottom, prev_was_table = item.bbox[3], True
            continue
        if not out:
            sep = ""
        elif prev_was_table or (prev_bottom is not None and item["top"] - prev_bottom > PARAGRAPH_GAP * line_height):
            sep = "\n\n"
        else:
            sep = "\n"
        piece = sep + item["text"].rstrip()
        out.append(piece)
        offset += len(piece)
        prev_bottom, prev_was_table = item["bottom"], False
    return "".join(out), spans


def _inside_any(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def clean_rows(rows: list[list[str | None]]) -> tuple[tuple[str, ...], ...]:
    """Table cells as single-line strings; empty rows dropped.

    >>> clean_rows([["Namn", None], ["Eva\\nLund", " ✓ "], [None, ""]])
    (('Namn', ''), ('Eva Lund', '✓'))
    """
    out = []
    for row in rows:
        cells = tuple(" ".join((cell or "").split()) for cell in row)
        if any(cells):
            out.append(cells)
    return tuple(out)
