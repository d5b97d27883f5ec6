"""Helpers that turn small Markdown-like sources into PDF, DOCX and PPTX files.

Used by ``scripts/build_test_files.py`` and ``scripts/build_examples.py``. Needs
fpdf2 (PDF), python-docx, python-pptx and the DejaVu fonts
(``apt-get install fonts-dejavu-core``) for Swedish letters and the check mark.
Output is deterministic: fixed dates and fixed zip timestamps.

Source markup (one block per blank-line-separated group of lines):
``# Title`` and ``## Heading``; ``- item`` list lines; ``| a | b |`` table rows
(the first row is the header); anything else is a paragraph whose lines are kept.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2026, 1, 15, 9, 0, 0, tzinfo=dt.UTC)


@dataclass
class Block:
    """One block of the source: kind is 'title', 'heading', 'list', 'table' or 'para'."""

    kind: str
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def parse_blocks(source: str) -> list[Block]:
    """Split the markup into blocks (see the module doc)."""
    blocks: list[Block] = []
    for chunk in source.strip().split("\n\n"):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n")]
        if not lines or not any(lines):
            continue
        first = lines[0]
        if first.startswith("# "):
            blocks.append(Block("title", [first[2:]]))
            rest = lines[1:]
        elif first.startswith("## "):
            blocks.append(Block("heading", [first[3:]]))
            rest = lines[1:]
        else:
            rest = lines
        if not rest:
            continue
        if all(line.startswith("|") for line in rest):
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in rest]
            rows = [r for r in rows if not all(set(c) <= set("-: ") for c in r)]
            blocks.append(Block("table", rows=rows))
        elif all(line.startswith("- ") for line in rest):
            blocks.append(Block("list", [line[2:] for line in rest]))
        else:
            blocks.append(Block("para", rest))
    return blocks


# -- PDF -------------------------------------------------------------------------------------------


def new_pdf(title: str) -> object:
    """An A4 fpdf2 document with DejaVu fonts and fixed metadata."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("svsamverkan")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def write_pdf(source: str, out: Path, *, title: str, page_break_before: tuple[str, ...] = ()) -> None:
    """Render the markup to a PDF; a heading in ``page_break_before`` starts a new page."""
    pdf = new_pdf(title)
    pdf.add_page()
    for block in parse_blocks(source):
        if block.kind == "title":
            pdf.set_font("DejaVu", "B", 15)
            pdf.multi_cell(0, 8, block.lines[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif block.kind == "heading":
            if block.lines[0] in page_break_before:
                pdf.add_page()
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(0, 7, block.lines[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block.kind == "table":
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(text_align="LEFT", line_height=6) as table:
                for cells in block.rows:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.ln(4)
        else:
            pdf.set_font("DejaVu", "", 11)
            lines = [("• " + line) for line in block.lines] if block.kind == "list" else block.lines
            pdf.multi_cell(0, 6, "\n".join(lines), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(out))


def write_scanned_pdf(lines: list[str], out: Path) -> None:
    """A PDF whose only page is an image of ``lines`` (no text layer), for OCR."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1240, 600  # 150 dpi, upper part of an A4 page
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 40)
    y = 60
    for line in lines:
        draw.text((80, y), line, font=font, fill=0)
        y += 70
    image = image.convert("1")
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    pdf = new_pdf("Inskannad sida")
    pdf.add_page()
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=210)
    pdf.output(str(out))


def encrypt_pdf(src: Path, out: Path, password: str) -> None:
    """A copy of ``src`` that needs ``password`` to open (RC4-128, no extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    writer._ID = None  # type: ignore[attr-defined]
    with out.open("wb") as fh:
        writer.write(fh)


# -- DOCX ------------------------------------------------------------------------------------------


def write_docx(source: str, out: Path, *, title: str) -> None:
    """Render the markup to a Word document with real Word tables."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author = title, "svsamverkan"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "svsamverkan"
    props.revision = 1
    for block in parse_blocks(source):
        if block.kind == "title":
            document.add_heading(block.lines[0], level=1)
        elif block.kind == "heading":
            document.add_heading(block.lines[0], level=2)
        elif block.kind == "list":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for cells in block.rows:
                row = table.add_row()
                for cell, text in zip(row.cells, cells):
                    cell.text = text
        else:
            paragraph = document.add_paragraph()
            for i, line in enumerate(block.lines):
                if i:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
    buf = io.BytesIO()
    document.save(buf)
    out.write_bytes(normalise_zip(buf.getvalue()))


# -- PPTX ------------------------------------------------------------------------------------------


@dataclass
class Slide:
    """One slide: title, optional subtitle (title slide), bullets, table rows and notes."""

    title: str
    subtitle: str = ""
    bullets: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: str = ""


def parse_slides(source: str) -> list[Slide]:
    """Slides from markup: ``## Title`` starts a slide; ``> text`` is the subtitle;
    ``- item`` bullets (two leading spaces for level 2); ``| a | b |`` table rows;
    ``Anteckningar: ...`` the speaker notes."""
    slides: list[Slide] = []
    for line in source.splitlines():
        if line.startswith("## "):
            slides.append(Slide(title=line[3:].strip()))
        elif not slides or not line.strip():
            continue
        elif line.startswith("> "):
            slides[-1].subtitle += ("\n" if slides[-1].subtitle else "") + line[2:].strip()
        elif line.lstrip().startswith("- "):
            slides[-1].bullets.append(line.rstrip())
        elif line.startswith("|"):
            slides[-1].rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif line.startswith("Anteckningar:"):
            slides[-1].notes = line.split(":", 1)[1].strip()
    return slides


def write_pptx(slides: list[Slide], out: Path, *, title: str) -> None:
    """Render slides to a PowerPoint file (title slide layout for a slide with a subtitle)."""
    from pptx import Presentation
    from pptx.util import Cm, Pt

    prs = Presentation()
    props = prs.core_properties
    props.title, props.author = title, "svsamverkan"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "svsamverkan"
    props.revision = 1
    for spec in slides:
        if spec.subtitle:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            slide.shapes.title.text = spec.title
            slide.placeholders[1].text = spec.subtitle
        elif spec.rows:
            slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
            slide.shapes.title.text = spec.title
            size = (len(spec.rows), len(spec.rows[0]))
            shape = slide.shapes.add_table(*size, Cm(2), Cm(5), Cm(21), Cm(1) * len(spec.rows))
            for r, cells in enumerate(spec.rows):
                for c, text in enumerate(cells):
                    shape.table.cell(r, c).text = text
                    for p in shape.table.cell(r, c).text_frame.paragraphs:
                        for run in p.runs:
                            run.font.size = Pt(14)
        else:
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = spec.title
            frame = slide.placeholders[1].text_frame
            for i, bullet in enumerate(spec.bullets):
                paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                paragraph.text = bullet.strip()[2:]
                paragraph.level = 1 if bullet.startswith("  ") else 0
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    buf = io.BytesIO()
    prs.save(buf)
    out.write_bytes(normalise_zip(buf.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps, so rebuilt Office files are byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 15, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()
