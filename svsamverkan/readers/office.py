"""Word (.docx) and PowerPoint (.pptx) files via python-docx and python-pptx.

DOCX: paragraphs and tables in body order, one block per paragraph (blocks are
separated by a blank line); runs of list paragraphs form one block of "- " lines;
tables are written as tab-separated rows and returned as
:class:`~svsamverkan.model.Table`.

PPTX: one :class:`~svsamverkan.model.Page` per slide with its title; the slide's
text is the title, then the text frames and tables from top to bottom, then the
speaker notes after "Anteckningar:".

>>> read_docx(Path("missing.docx"))
Traceback (most recent call last):
...
svsamverkan.errors.ReadError: E001: 'missing.docx': file not found
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Page, Table
from .base import DEFAULT_MAX_BYTES, ReadResult

NOTES_PREFIX = "Anteckningar: "
BLOCK_SEPARATOR = "\n\n"

Rows = tuple[tuple[str, ...], ...]


class _TextBuilder:
    """Collects blocks, tables and pages with their offsets in the final text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.tables: list[Table] = []

    def block(self, text: str, *, separator: str = BLOCK_SEPARATOR) -> tuple[int, int]:
        text = text.strip("\n")
        if self.length and text:
            self.parts.append(separator)
            self.length += len(separator)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def table(self, rows: Rows, page: int | None = None) -> None:
        if not rows:
            return
        start, end = self.block("\n".join("\t".join(row) for row in rows))
        self.tables.append(Table(rows=rows, page=page, start=start, end=end))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _check_file(path: Path, max_bytes: int) -> None:
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("E001", source, "file not found") from None
    if size == 0:
        raise ReadError("E003", source, "the file is empty")
    if size > max_bytes:
        raise ReadError("E004", source, f"file is {size} bytes, over the limit of {max_bytes}")
    if not zipfile.is_zipfile(path):
        raise ReadError("E020", source, "not a valid Office Open XML file (it is not a zip archive)",
                        "old .doc/.ppt files must be saved as .docx/.pptx first")


def _broken(source: str, exc: BaseException) -> ReadError:
    reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    return ReadError("E020", source, f"not a valid Office Open XML file ({reason})")


def _cell_text(text: str) -> str:
    return " ".join(text.split())


# -- DOCX ------------------------------------------------------------------------------------------


def read_docx(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a .docx file: paragraphs and tables in document order.

    Errors: E003 empty or no text, E020 not a valid DOCX.

    >>> import docx, tempfile
    >>> d = docx.Document()
    >>> _ = d.add_heading("Beslut", level=2)
    >>> t = d.add_table(rows=1, cols=2)
    >>> t.cell(0, 0).text, t.cell(0, 1).text = "Eva Lund", "BUP"
    >>> path = Path(tempfile.mkdtemp()) / "protokoll.docx"
    >>> d.save(str(path))
    >>> read_docx(path).text
    'Beslut\\n\\nEva Lund\\tBUP'
    """
    source = str(path)
    _check_file(path, max_bytes)
    import docx

    try:
        document = docx.Document(str(path))
        builder = _TextBuilder()
        _docx_body(document, builder)
        metadata = _docx_properties(document)
    except ReadError:
        raise
    except Exception as exc:
        raise _broken(source, exc) from None
    if not builder.text.strip():
        raise ReadError("E003", source, "the document contains no text")
    return ReadResult(source=source, format="docx", text=builder.text, tables=tuple(builder.tables),
                      metadata=metadata)


def _docx_body(document: Any, builder: _TextBuilder) -> None:
    in_list = False
    for item in _body_items(document.element.body, document._body):
        if item.__class__.__name__ == "Table":
            builder.table(docx_table_rows(item))
            in_list = False
            continue
        text = item.text.strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        if _is_list_style(style) or _has_numbering(item):
            builder.block("- " + text, separator="\n" if in_list else BLOCK_SEPARATOR)
            in_list = True
        else:
            builder.block(text)
            in_list = False


def _body_items(element: Any, parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls (w:sdt)."""
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content, parent)


def _is_list_style(style: str) -> bool:
    lowered = style.lower()
    return lowered.startswith(("list", "liststycke", "punktlista", "numrerad lista"))


def _has_numbering(paragraph: Any) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def docx_table_rows(table: Any) -> Rows:
    """Rows of a python-docx table as cell strings; a merged cell counts once."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell.text))
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)


def _docx_properties(document: Any) -> dict[str, str]:
    props = document.core_properties
    out = {}
    for key in ("title", "author", "subject"):
        value = getattr(props, key, None)
        if value:
            out[key] = str(value)
    return out


# -- PPTX ------------------------------------------------------------------------------------------


def read_pptx(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a .pptx file: one page per slide (title, text, tables, notes).

    Errors: E003 empty or no text, E020 not a valid PPTX.

    >>> import tempfile
    >>> old = Path(tempfile.mkdtemp()) / "bildspel.pptx"
    >>> _ = old.write_bytes(b"\\xd0\\xcf\\x11\\xe0 an old binary .ppt")
    >>> read_pptx(old)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E020: '...bildspel.pptx': not a valid Office Open XML file (it is not a zip ...
    """
    source = str(path)
    _check_file(path, max_bytes)
    import pptx

    try:
        presentation = pptx.Presentation(str(path))
        builder = _TextBuilder()
        pages = [_pptx_slide(slide, number, builder) for number, slide in enumerate(presentation.slides, 1)]
    except ReadError:
        raise
    except Exception as exc:
        raise _broken(source, exc) from None
    if not builder.text.strip():
        raise ReadError("E003", source, "the presentation contains no text")
    return ReadResult(source=source, format="pptx", text=builder.text, pages=tuple(pages),
                      tables=tuple(builder.tables), kind_hint="slides", metadata={"slide_count": len(pages)})


def _pptx_slide(slide: Any, number: int, builder: _TextBuilder) -> Page:
    title_shape = slide.shapes.title
    title = _cell_text(title_shape.text_frame.text) if title_shape is not None and title_shape.has_text_frame else ""
    start: int | None = None
    if title:
        start, _ = builder.block(title)
    for shape in _shapes_in_reading_order(slide.shapes):
        if title_shape is not None and shape.shape_id == title_shape.shape_id:
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            before = builder.length
            builder.table(_pptx_table_rows(shape.table), page=number)
            if start is None and builder.length > before:
                start = builder.tables[-1].start
            continue
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            text = _text_frame_lines(shape.text_frame, bullets=_is_body_placeholder(shape))
            if text:
                s, _ = builder.block(text)
                start = s if start is None else start
    notes = _notes_text(slide)
    if notes:
        s, _ = builder.block(NOTES_PREFIX + notes)
        start = s if start is None else start
    if start is None:
        start = builder.length
    return Page(number=number, start=start, end=builder.length, title=title or None)


def _shapes_in_reading_order(shapes: Any) -> list[Any]:
    """Shapes (group shapes opened) sorted top to bottom, then left to right."""
    flat: list[Any] = []
    for shape in shapes:
        if shape.shape_type is not None and int(shape.shape_type) == 6:  # MSO_SHAPE_TYPE.GROUP
            flat.extend(_shapes_in_reading_order(shape.shapes))
        else:
            flat.append(shape)
    return sorted(flat, key=lambda s: ((s.top or 0) // 10000, s.left or 0))


def _is_body_placeholder(shape: Any) -> bool:
    if not shape.is_placeholder:
        return False
    kind = str(shape.placeholder_format.type)
    return "BODY" in kind or "OBJECT" in kind


def _text_frame_lines(frame: Any, *, bullets: bool) -> str:
    lines = []
    for paragraph in frame.paragraphs:
        text = _cell_text("".join(run.text for run in paragraph.runs) or paragraph.text)
        if not text:
            continue
        indent = "  " * (paragraph.level or 0)
        lines.append(f"{indent}- {text}" if bullets else f"{indent}{text}")
    return "\n".join(lines)


def _pptx_table_rows(table: Any) -> Rows:
    rows = []
    for row in table.rows:
        cells = tuple(_cell_text(cell.text) for cell in row.cells)
        if any(cells):
            rows.append(cells)
    return tuple(rows)


def _notes_text(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return ""
    return " ".join(line.strip() for line in frame.text.splitlines() if line.strip())
